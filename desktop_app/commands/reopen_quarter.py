"""`key-projects reopen-quarter 2026Q2 --reason TEXT`: reopen a closed quarter, audited."""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args, stored_arg


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        "reopen-quarter", help="reopen a closed quarter (with a reason)"
    )
    parser.add_argument("quarter", metavar="YYYYQn", help="e.g. 2026Q2")
    parser.add_argument("--reason", required=True, help="why it is reopened (audited)")
    parser.add_argument("--officer", default="", metavar="NAME", help="who reopens it")
    return parser


def run(args: argparse.Namespace) -> int:
    from desktop_app.services.quarters import reopen_quarter

    stored_arg("--reason", args.reason, "quarter_close", "reopen_reason")
    stored_arg("--officer", args.officer, "quarter_close", "reopened_by")
    db = open_from_args(args, create=False)
    try:
        done = reopen_quarter(db, args.quarter, args.reason, args.officer)
    finally:
        db.dispose()
    print(f"{done.quarter}: reopened by {done.reopened_by or '—'}")
    return 0
