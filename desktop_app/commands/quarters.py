"""`key-projects quarters`: the closed quarters (quarter, closed at, by, SHA-256)."""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args
from desktop_app.domain.periods import local_stamp


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser("quarters", help="list closed quarters")
    return parser


def run(args: argparse.Namespace) -> int:
    from desktop_app.services.quarters import list_quarters

    db = open_from_args(args, create=False)
    try:
        rows = list_quarters(db)
    finally:
        db.dispose()
    if not rows:
        print("no closed quarters")
    for r in rows:
        line = f"{r.quarter}\t{local_stamp(r.closed_at)}\t{r.closed_by or '—'}\t{r.sha256}"
        if r.reopened_at is not None:
            line += (
                f"\treopened {r.reopened_at:%Y-%m-%d %H:%M} by {r.reopened_by}: {r.reopen_reason}"
            )
        print(line)
    return 0
