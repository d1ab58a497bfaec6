"""`key-projects report --quarter 2026Q3 [--lang zh|en] [--live] -o brief.pdf`: the brief.

A closed quarter prints its archived PDF byte for byte (in the language it was closed
in); `--live` recomputes it, with a banner on every page when the figures have changed.
"""

from __future__ import annotations

import argparse

from desktop_app.commands import open_from_args


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("report", help="write the quarterly PDF brief (季度简报)")
    parser.add_argument("--quarter", required=True, metavar="YYYYQn", help="e.g. 2026Q3")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    parser.add_argument(
        "--live", action="store_true", help="recompute a closed quarter instead of its archive"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from desktop_app.reports.brief import write_brief, write_bytes
    from desktop_app.services.brief_data import check_quarter
    from desktop_app.services.quarters import archived_pdf, brief_for, closed_quarter

    db = open_from_args(args, create=not getattr(args, "db", None))
    lang = args.lang or "zh"
    try:
        quarter = str(check_quarter(db, args.quarter))
        closed = closed_quarter(db, quarter)
        if closed is not None and not args.live and closed.lang == lang:
            pdf = archived_pdf(db, quarter) or b""
            write_bytes(pdf, args.output)
            print(f"{args.output}: archived brief of {quarter} (sha256 {closed.sha256})")
            return 0
        data = brief_for(db, quarter, lang, archived=True)
        pages = write_brief(data, args.output)
    finally:
        db.dispose()
    print(f"{args.output}: {pages} pages")
    return 0
