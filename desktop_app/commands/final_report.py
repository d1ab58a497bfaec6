"""`key-projects report --plan-period 2021-2025 [--lang en] -o final.pdf`: the final evaluation."""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args


def run_final_report(args: argparse.Namespace) -> int:
    from desktop_app.reports.final_report import write_final_report
    from desktop_app.services.plan_period import build_final_report

    db = open_from_args(args, create=not getattr(args, "db", None))
    try:
        data = build_final_report(db, args.plan_period, args.lang or "zh")
        pages = write_final_report(data, args.output)
    finally:
        db.dispose()
    print(f"{args.output}: {pages} pages")
    return 0
