"""`key-projects import data.xlsx [--dry-run]`: validated, previewed, all-or-nothing import."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop_app.commands import open_from_args
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

if TYPE_CHECKING:
    from desktop_app.io.importer import ImportPreview

register_text(
    {
        "{title}: {added} to add, {changed} to change, {unchanged} unchanged": "{title}:新增 {added} 行,修改 {changed} 行,未变 {unchanged} 行",  # noqa: E501
        "dry run: nothing was written": "试运行:未写入任何数据",
        "nothing to change": "没有需要修改的数据",
        "imported: {added} added, {changed} changed": "已导入:新增 {added} 行,修改 {changed} 行",
        "backup: {path}": "备份:{path}",
        "… {n} more changed rows": "……另有 {n} 行修改",
    }
)

#: Changed rows listed field by field; the rest are only counted.
SHOW_CHANGES = 50


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser("import", help="import an .xlsx workbook (validated, all or nothing)")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.add_argument("--officer", default="", help="name recorded in the audit trail")
    return p


def print_preview(preview: ImportPreview) -> None:
    shown = 0
    for s in preview.sheets:
        print(
            t(
                "{title}: {added} to add, {changed} to change, {unchanged} unchanged",
                title=s.title,
                added=len(s.added),
                changed=len(s.changed),
                unchanged=s.unchanged,
            )
        )
        for row in s.changed:
            if shown >= SHOW_CHANGES:
                break
            shown += 1
            fields = "; ".join(f"{f.column}: {f.old} → {f.new}" for f in row.fields)
            print(f"  {s.title} {row.key}: {fields}")
    if preview.changed > shown:
        print("  " + t("… {n} more changed rows", n=preview.changed - shown))


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import tell
    from desktop_app.io.importer import import_workbook

    db = open_from_args(args, write=True)
    told = len(db.warnings)
    try:
        preview = import_workbook(db, args.file, dry_run=args.dry_run, officer=args.officer)
    finally:
        db.dispose()
    tell(db, since=told)  # e.g. the pre-import backup could not be written
    print_preview(preview)
    if args.dry_run:
        print(t("dry run: nothing was written"))
    elif not preview.written:
        print(t("nothing to change"))
    else:
        print(
            t(
                "imported: {added} added, {changed} changed",
                added=preview.added,
                changed=preview.changed,
            )
        )
        if preview.backup:
            print(t("backup: {path}", path=preview.backup))
    return 0
