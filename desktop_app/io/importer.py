"""Importing a workbook: validate everything, show the difference, then write it all or nothing.

`preview_import` reads and checks the file and diffs it against the database by stable
keys; nothing is written. `import_workbook` does the same, then takes a backup and
writes every add and change in one transaction. Any problem → `ImportRefused` listing
up to 50 places as `sheet, row, column: reason`, and the database is untouched.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop_app.db.database import Database
from desktop_app.domain.money import format_wan
from desktop_app.domain.scoring import format_number
from desktop_app.errors import UserError
from desktop_app.i18n import language, register, t
from desktop_app.io import sheets as S
from desktop_app.io.readers import FileRefused, inspect_workbook, read_sheets
from desktop_app.io.rules import check_rules
from desktop_app.io.store import Change, Current, StaleImport, apply_changes, load_current
from desktop_app.io.validate import ParsedSheet, Problem, parse_sheet

register(
    {
        "missing sheet (expected “{zh}” or “{en}”)": "缺少工作表(应为“{zh}”或“{en}”)",
        "{file}: {n} problem(s), nothing was imported:": "{file}:发现 {n} 处问题,未导入任何数据:",
        "… and {n} more": "……另有 {n} 处",
        "Imported from {file}": "从 {file} 导入",
        "The database changed while the import was being prepared; import again.": "准备导入期间数据库已被修改,请重新导入。",  # noqa: E501
        "{file}: the import was refused by the database ({reason})": "{file}:数据库拒绝了此次导入({reason})",  # noqa: E501
        "yes": "是",
        "no": "否",
    }
)


#: Added rows spelled out (key and values) in the preview; the rest are only counted.
DETAILED_ADDS = 1000


class ImportRefused(UserError):
    """The workbook was not imported; `problems` lists each place (the first 50)."""

    def __init__(self, file: str, problems: list[str], total: int) -> None:
        self.file = file
        self.problems = problems
        self.total = total
        lines = [t("{file}: {n} problem(s), nothing was imported:", file=file, n=total)]
        lines += [f"  {p}" for p in problems]
        if total > len(problems):
            lines.append("  " + t("… and {n} more", n=total - len(problems)))
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    key: str
    row: int  # Excel row number
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SheetDiff:
    name: str
    title: str
    added: tuple[RowChange, ...]  # fields: every value of the new row
    changed: tuple[RowChange, ...]
    unchanged: int


@dataclass(frozen=True)
class ImportPreview:
    file: str
    sheets: tuple[SheetDiff, ...]
    written: bool = False
    backup: str | None = None

    @property
    def added(self) -> int:
        return sum(len(s.added) for s in self.sheets)

    @property
    def changed(self) -> int:
        return sum(len(s.changed) for s in self.sheets)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.sheets)


@dataclass
class _Prepared:
    preview: ImportPreview
    cur: Current
    plan: list[tuple[S.Sheet, list[Change]]] = field(default_factory=list)


def show_value(col: S.Column, value: Any, lang: str) -> str:
    """A canonical value as the preview and audit show it."""
    if value is None or value == "":
        return ""
    kind = col.kind
    if kind == S.AMOUNT:
        return format_wan(value)
    if kind in (S.DECIMAL, S.PERCENT):
        return format_number(value)
    if kind == S.ENUM:
        return col.choice_name(value, lang)
    if kind == S.BOOL:
        return t("yes") if value else t("no")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _same(old: Any, new: Any) -> bool:
    if old == new:
        return True
    return old in (None, "") and new in (None, "")


def _diff(ps: ParsedSheet, cur: Current, lang: str) -> tuple[SheetDiff, list[Change]]:
    sheet = ps.sheet
    table = cur.tables[sheet.name]
    cols = [c for c in sheet.import_columns if c.field not in sheet.key]
    changes: list[Change] = []
    added: list[RowChange] = []
    changed: list[RowChange] = []
    unchanged = 0
    key_cols = [sheet.column(f) for f in sheet.key]
    fields = [c.field for c in cols]

    def key_text(key: tuple) -> str:
        return "/".join(show_value(c, v, lang) for c, v in zip(key_cols, key, strict=True))

    for i, row in enumerate(ps.rows):
        key = tuple(row[f] for f in sheet.key)
        rec = table.get(key)
        if rec is None:
            changes.append(Change(None, row))
            if len(added) >= DETAILED_ADDS:  # counted, not spelled out
                added.append(RowChange("", ps.row_numbers[i], ()))
                continue
            added.append(
                RowChange(
                    key_text(key),
                    ps.row_numbers[i],
                    tuple(
                        FieldChange(c.header(lang), "", show_value(c, row[c.field], lang))
                        for c in cols
                        if row[c.field] not in (None, "")
                    ),
                )
            )
            continue
        old = rec.row
        diff = [f for f in fields if old.get(f) != row[f] and not _same(old.get(f), row[f])]
        if not diff:
            unchanged += 1
            continue
        changes.append(Change(rec, row, tuple(diff)))
        changed.append(
            RowChange(
                key_text(key),
                ps.row_numbers[i],
                tuple(
                    FieldChange(
                        sheet.column(f).header(lang),
                        show_value(sheet.column(f), old.get(f), lang),
                        show_value(sheet.column(f), row[f], lang),
                    )
                    for f in diff
                ),
            )
        )
    summary = SheetDiff(sheet.name, ps.title, tuple(added), tuple(changed), unchanged)
    return summary, changes


def _refuse(file: str, problems: list[Problem]) -> ImportRefused:
    seen: set[tuple[str, int | None, str]] = set()
    unique: list[Problem] = []
    for p in problems:
        place = (p.sheet, p.row, p.column)
        if place not in seen:
            seen.add(place)
            unique.append(p)
    order: dict[str, int] = {}
    for p in unique:
        order.setdefault(p.sheet, len(order))
    unique.sort(key=lambda p: (order[p.sheet], p.row or 0))
    return ImportRefused(file, [str(p) for p in unique[: S.MAX_PROBLEMS]], len(unique))


def _current(db: Database) -> Current:
    with db.reader() as s:
        return load_current(s)


def _prepare(db: Database, path: str | os.PathLike[str]) -> _Prepared:
    path = Path(path)
    file = str(path)
    lang = language()
    wanted = {title for s in S.IMPORTED for title in (s.zh, s.en)}
    try:
        info = inspect_workbook(path, wanted)
    except FileRefused as exc:
        raise ImportRefused(file, [str(exc)], 1) from exc
    problems = [Problem(p.sheet, None, "", p.reason) for p in info.problems]
    titles: dict[str, str] = {}
    for s in S.IMPORTED:
        title = next((x for x in (s.zh, s.en) if x in info.sheets), None)
        if title is None and s.optional:
            continue
        if title is None:
            problems.append(
                Problem(
                    s.title(lang),
                    None,
                    "",
                    t("missing sheet (expected “{zh}” or “{en}”)", zh=s.zh, en=s.en),
                )
            )
        else:
            titles[s.name] = title
    if problems:
        raise _refuse(file, problems)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The database is read while calamine parses the workbook (it runs in Rust).
        current = pool.submit(_current, db)
        try:
            cells = read_sheets(path, list(titles.values()))
        except FileRefused as exc:
            raise ImportRefused(file, [str(exc)], 1) from exc
        cur = current.result()
    parsed = {
        s.name: parse_sheet(s, titles[s.name], cells.pop(titles[s.name]), cur.zones, problems, lang)
        for s in S.IMPORTED
        if s.name in titles
    }
    if not any(p.row is None for p in problems):  # every column is there
        check_rules(parsed, cur, problems)
    if problems:
        raise _refuse(file, problems)
    prepared = _Prepared(ImportPreview(file, ()), cur)
    diffs = []
    for s in S.IMPORTED:
        if s.name not in parsed:  # an optional sheet the file does not have
            continue
        summary, changes = _diff(parsed[s.name], cur, lang)
        diffs.append(summary)
        if changes:
            prepared.plan.append((s, changes))
    prepared.preview = ImportPreview(file, tuple(diffs))
    return prepared


def preview_import(db: Database, path: str | os.PathLike[str]) -> ImportPreview:
    """What importing `path` would add and change; nothing is written."""
    return _prepare(db, path).preview


def _backup(db: Database) -> Path | None:
    from desktop_app.db.backup import backup_before

    return backup_before(db, "import")


def import_workbook(
    db: Database, path: str | os.PathLike[str], *, dry_run: bool = False, officer: str = ""
) -> ImportPreview:
    """Validate, diff and (unless `dry_run`) write the workbook in one transaction."""
    from sqlalchemy.exc import IntegrityError

    prepared = _prepare(db, path)
    preview = prepared.preview
    if dry_run or not prepared.plan:
        return preview
    backup = _backup(db)
    try:
        with db.session() as s:
            apply_changes(
                s,
                prepared.plan,
                prepared.cur,
                reason=t("Imported from {file}", file=Path(path).name),
                officer=officer or s.info.get("officer", ""),
                os_user=s.info.get("os_user", ""),
            )
    except StaleImport as exc:
        raise UserError(
            t("The database changed while the import was being prepared; import again.")
        ) from exc
    except IntegrityError as exc:
        raise UserError(
            t(
                "{file}: the import was refused by the database ({reason})",
                file=str(path),
                reason=str(exc.orig)[:200],
            )
        ) from exc
    return replace(preview, written=True, backup=str(backup) if backup else None)
