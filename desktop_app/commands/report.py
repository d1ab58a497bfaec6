"""`key-projects report --quarter 2026Q3 [--lang zh|en] [--live] -o brief.pdf`: the brief.

A closed quarter prints its archived PDF byte for byte (in the language asked for, both
being archived at close); `--live` recomputes it, with a banner on every page when the
figures have changed.
"""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser("report", help="write the quarterly PDF brief (季度简报)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", metavar="YYYYQn", help="e.g. 2026Q3")
    which.add_argument(
        "--plan-period", metavar="YYYY-YYYY", help="final evaluation of a plan period (2021-2025)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    parser.add_argument(
        "--live", action="store_true", help="recompute a closed quarter instead of its archive"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    if getattr(args, "plan_period", None):
        from desktop_app.commands.final_report import run_final_report

        return run_final_report(args)
    from desktop_app.cli import settle_imports
    from desktop_app.reports.fonts import register_fonts
    from desktop_app.reports.quarter_close import write_quarter_brief

    settle_imports()
    register_fonts()  # imports reportlab and parses the font, kept for the whole run
    settle_imports()
    db = open_from_args(args)
    try:
        what = write_quarter_brief(db, args.quarter, args.lang or "zh", args.output, live=args.live)
    finally:
        db.dispose()
    print(f"{args.output}: {what}")
    return 0
