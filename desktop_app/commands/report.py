"""`key-projects report --quarter 2026Q3 [--lang zh|en] -o brief.pdf`: the quarterly brief."""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("report", help="write the quarterly PDF brief (季度简报)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", metavar="YYYYQn", help="e.g. 2026Q3")
    which.add_argument(
        "--plan-period", metavar="YYYY-YYYY", help="final evaluation of a plan period (2021-2025)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    return parser


def run(args: argparse.Namespace) -> int:
    if getattr(args, "plan_period", None):
        from desktop_app.commands.final_report import run_final_report

        return run_final_report(args)
    from desktop_app.reports.brief import write_brief
    from desktop_app.services.brief_data import build_brief_data

    db = open_from_args(args, create=not getattr(args, "db", None))
    try:
        data = build_brief_data(db, args.quarter, args.lang or "zh")
        pages = write_brief(data, args.output)
    finally:
        db.dispose()
    print(f"{args.output}: {pages} pages")
    return 0
