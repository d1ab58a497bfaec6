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
    parser.add_argument(
        "--out-of-order",
        action="store_true",
        help="close although the quarter before is not closed (the brief says so)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from desktop_app.i18n import t
    from desktop_app.reports.quarter_close import close_quarter

    stored_arg("--officer", args.officer, "quarter_close", "closed_by")
    db = open_from_args(args, create=False)
    try:
        done = close_quarter(
            db, args.quarter, args.officer, args.lang or "zh", out_of_order=args.out_of_order
        )
    finally:
        db.dispose()
    print(
        t(
            "{q}: closed by {by}, sha256 {sha} (Chinese), {sha_en} (English)",
            q=done.quarter,
            by=done.closed_by or "—",
            sha=done.sha256,
            sha_en=done.sha256_en or "—",
        )
    )
    return 0
