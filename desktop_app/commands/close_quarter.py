"""`key-projects close-quarter 2026Q2 [--officer NAME]`: freeze a quarter (季度关账)."""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args, stored_arg


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "close-quarter",
        help="close a finished quarter: freeze its figures and store its brief (季度关账)",
    )
    parser.add_argument("quarter", metavar="YYYYQn", help="e.g. 2026Q2")
    parser.add_argument("--officer", default="", metavar="NAME", help="who closes it")
    return parser


def run(args: argparse.Namespace) -> int:
    from desktop_app.services.quarters import close_quarter

    stored_arg("--officer", args.officer, "quarter_close", "closed_by")
    db = open_from_args(args, create=False)
    try:
        done = close_quarter(db, args.quarter, args.officer, args.lang or "zh")
    finally:
        db.dispose()
    print(f"{done.quarter}: closed by {done.closed_by or '—'}, sha256 {done.sha256}")
    return 0
