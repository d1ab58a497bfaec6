"""`key-projects export -o data.xlsx [--template] [--table NAME --csv]`: workbook or one CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands import open_from_args
from desktop_app.errors import UserError


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="write every table to an .xlsx workbook (or an empty template, or one table as CSV)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument(
        "--template", action="store_true", help="the importable sheets, empty, with a notes sheet"
    )
    p.add_argument("--table", metavar="NAME", help="one table (e.g. milestones), for --csv")
    p.add_argument("--csv", action="store_true", help="write --table as UTF-8 CSV")
    return p


def run(args: argparse.Namespace) -> int:
    from desktop_app.io.export import export_csv, export_workbook

    lang = getattr(args, "lang", None) or "zh"
    if args.csv and not args.table:
        raise UserError("export --csv needs --table NAME (e.g. --table milestones)")
    out = Path(args.output).expanduser()
    if out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name (e.g. {out / 'data.xlsx'})")
    db = open_from_args(args)
    try:
        try:
            if args.csv:
                path = export_csv(db, args.output, args.table, lang=lang)
            else:
                path = export_workbook(db, args.output, lang=lang, template=args.template)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise UserError(f"{out}: cannot write the file ({reason})") from exc
        print(f"wrote {path}")
    finally:
        db.dispose()
    return 0
