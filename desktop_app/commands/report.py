"""`key-projects report --quarter 2026Q3 [--lang zh|en] [--live] -o brief.pdf`: the brief.

A closed quarter prints its archived PDF byte for byte (in the language it was closed
in); `--live` recomputes it, with a banner on every page when the figures have changed.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop_app.commands import open_from_args
from desktop_app.errors import UserError
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

if TYPE_CHECKING:
    from desktop_app.db.database import Database

register_text(
    {
        "{problem}. Use --live to recompute it, or restore a backup.":
            "{problem}。请用 --live 重新计算,或恢复备份。",
    }
)


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


def _check_archive(db: Database, text: str) -> None:
    """A closed quarter's archived brief is reprinted only while it matches its SHA-256:
    one changed in the database is refused (exit 2, naming the quarter); `--live` still
    recomputes it."""
    from desktop_app.db.archives import archive_problems
    from desktop_app.domain.periods import Quarter

    try:
        quarter = str(Quarter.parse(text))
    except ValueError:
        return  # the brief's own check names a malformed quarter
    with db.core_reader() as conn:
        problems = archive_problems(conn, quarter)
    if problems:
        raise UserError(
            t("{problem}. Use --live to recompute it, or restore a backup.", problem=problems[0])
        )


def run(args: argparse.Namespace) -> int:
    if getattr(args, "plan_period", None):
        from desktop_app.commands.final_report import run_final_report

        return run_final_report(args)
    from desktop_app.cli import settle_imports
    from desktop_app.reports.fonts import register_fonts
    from desktop_app.services.quarter_brief import write_quarter_brief

    settle_imports()
    register_fonts()  # imports reportlab and parses the font, kept for the whole run
    settle_imports()
    db = open_from_args(args)
    try:
        if not args.live:
            _check_archive(db, args.quarter)
        what = write_quarter_brief(db, args.quarter, args.lang or "zh", args.output, live=args.live)
    finally:
        db.dispose()
    print(f"{args.output}: {what}")
    return 0
