"""`key-projects import data.xlsx [--dry-run]`: validated, previewed, all-or-nothing import."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop_app.commands import open_from_args, regular_file, stored_arg
from desktop_app.i18n import register as register_text
from desktop_app.i18n import t

if TYPE_CHECKING:
    from desktop_app.io.preview import ImportPreview

register_text(
    {
        "{title}: {added} to add, {changed} to change, {unchanged} unchanged": "{title}:新增 {added} 行,修改 {changed} 行,未变 {unchanged} 行",  # noqa: E501
        "dry run: nothing was written": "试运行:未写入任何数据",
        "nothing to change": "没有需要修改的数据",
        "imported: {added} added, {changed} changed": "已导入:新增 {added} 行,修改 {changed} 行",
        "backup: {path}": "备份:{path}",
        "… {n} more changed rows": "……另有 {n} 行修改",
        "compared three-way with its export of {at}: cells you did not change are left as the database has them": "已与 {at} 的导出版本三方比对:未在工作簿中修改的单元格保持数据库现值",  # noqa: E501
        "this workbook carries no export versions (made by hand or from the template): every value in it that differs replaces the database's": "此工作簿不含导出版本信息(手工制作或来自模板):其中每个与数据库不同的值都将替换数据库中的值",  # noqa: E501
        "this workbook was exported from another database: its versions are ignored and every value in it that differs replaces this database's": "此工作簿导出自另一个数据库:忽略其版本信息,其中每个与本数据库不同的值都将替换本数据库中的值",  # noqa: E501
        "{n} cell(s) changed in the database since the export are kept (the workbook did not change them)": "导出后数据库中已修改的 {n} 个单元格保持不变(工作簿未修改它们)",  # noqa: E501
        "conflict": "冲突",
        "keep database": "保留数据库",
        "take workbook": "采用工作簿",
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
    p.add_argument(
        "--foreign",
        action="store_true",
        help="import a workbook exported from another database as a hand-made one: every "
        "value that differs replaces this database's; payments are matched by project, "
        "date, kind and plan year (without it such a workbook is refused)",
    )
    side = p.add_mutually_exclusive_group()
    side.add_argument(
        "--theirs",
        dest="resolve",
        action="store_const",
        const="theirs",
        help="on a conflict (a cell changed in the database since the export and in the "
        "workbook) take the workbook's value",
    )
    side.add_argument(
        "--ours",
        dest="resolve",
        action="store_const",
        const="ours",
        help="on a conflict keep the database's value",
    )
    return p


def print_mode(preview: ImportPreview) -> None:
    from desktop_app.io.preview import OTHER_DATABASE, THREE_WAY

    if preview.mode == THREE_WAY:
        print(
            t(
                "compared three-way with its export of {at}: cells you did not change are "
                "left as the database has them",
                at=preview.exported_at[:16].replace("T", " "),
            )
        )
        if preview.kept:
            print(
                "  "
                + t(
                    "{n} cell(s) changed in the database since the export are kept "
                    "(the workbook did not change them)",
                    n=preview.kept,
                )
            )
    elif preview.mode == OTHER_DATABASE:
        print(
            t(
                "this workbook was exported from another database: its versions are ignored "
                "and every value in it that differs replaces this database's"
            )
        )
    else:
        print(
            t(
                "this workbook carries no export versions (made by hand or from the template): "
                "every value in it that differs replaces the database's"
            )
        )


def print_preview(preview: ImportPreview) -> None:
    from desktop_app.io.importer import conflict_line

    print_mode(preview)
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
    names = {"ours": t("keep database"), "theirs": t("take workbook")}
    for c in preview.conflicts:
        print(f"  {names.get(c.choice or '', t('conflict'))}: {conflict_line(c)}")


def warn_closed(preview: ImportPreview) -> None:
    """One line on stderr per row that corrects a closed quarter. The import goes on, as
    the payment dialog's save does: a correction is legitimate, the officer is told."""
    import sys

    from desktop_app.io.closed_quarters import closed_line

    for touch in preview.closed_touched():
        print(f"key-projects: {closed_line(touch)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import tell
    from desktop_app.io.importer import ImportConflicts, import_workbook

    stored_arg("--officer", args.officer, "audit_entry", "officer")
    regular_file(args.file)  # a FIFO would block the workbook's open forever
    db = open_from_args(args, write=True)
    told = len(db.warnings)
    try:
        preview = import_workbook(
            db,
            args.file,
            dry_run=args.dry_run,
            officer=args.officer,
            resolve=args.resolve,
            foreign=args.foreign,
        )
    except ImportConflicts as exc:
        print_preview(exc.preview)  # what would change besides, then the refusal (exit 2)
        raise
    finally:
        db.dispose()
    tell(db, since=told)  # e.g. the pre-import backup could not be written
    warn_closed(preview)
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
