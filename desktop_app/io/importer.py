"""Importing a workbook: validate everything, show the difference, then write it all or nothing.

`preview_import` reads and checks the file and compares it with the database by stable
keys — three-way when the workbook carries its export (io/threeway.py), two-way for a
hand-made one; nothing is written. `import_workbook` does the same, then takes a backup
and writes every add and change in one transaction, compare-and-swap (io/store.py). Any
problem → `ImportRefused` listing up to 50 places as `sheet, row, column: reason`; an
unchosen conflict → `ImportConflicts`; a row changed meanwhile → a refusal naming it. In
every refusal the database is untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from desktop_app.db.database import Database
from desktop_app.errors import UserError
from desktop_app.i18n import language, register, t
from desktop_app.io import provenance
from desktop_app.io import sheets as S
from desktop_app.io.preview import (
    OTHER_DATABASE,
    THREE_WAY,
    TWO_WAY,
    ClosedTouch,
    Conflict,
    FieldChange,
    ImportPreview,
    RowChange,
    SheetDiff,
    show_value,
)
from desktop_app.io.readers import FileRefused, inspect_workbook, read_sheets
from desktop_app.io.rules import check_changes, check_rules
from desktop_app.io.store import Change, Current, StaleImport, apply_changes, load_current
from desktop_app.io.threeway import diff_sheet
from desktop_app.io.validate import Problem, parse_sheet

__all__ = [
    "ClosedTouch",
    "Conflict",
    "ForeignWorkbook",
    "FieldChange",
    "ImportConflicts",
    "ImportPreview",
    "ImportRefused",
    "RowChange",
    "SheetDiff",
    "import_workbook",
    "preview_import",
    "show_value",
]

register(
    {
        "missing sheet (expected “{zh}” or “{en}”)": "缺少工作表(应为“{zh}”或“{en}”)",
        "{file}: {problem} (problem 1 of {n}; nothing was imported)": "{file}:{problem}(第 1 处,共 {n} 处问题;未导入任何数据)",  # noqa: E501
        "… and {n} more": "……另有 {n} 处",
        "Imported from {file}": "从 {file} 导入",
        "The database changed while the import was being prepared; import again.": "准备导入期间数据库已被修改,请重新导入。",  # noqa: E501
        "workbook": "工作簿",
        "a value the database does not accept": "数据库不接受此值",
        "for a moment two rows would hold the same value; import the change in two steps": "写入过程中会有两行暂时取相同的值;请分两次导入此修改",  # noqa: E501
        "yes": "是",
        "no": "否",
        "{file}: {n} conflict(s): changed in the database since the export and in the workbook; nothing was imported. Choose per conflict in the window, or import with --theirs (take the workbook's values) or --ours (keep the database's).": "{file}:{n} 处冲突:导出后数据库与工作簿中都修改了同一单元格,未导入任何数据。请在窗口中逐项选择,或在命令行加 --theirs(采用工作簿的值)或 --ours(保留数据库的值)。",  # noqa: E501
        "{sheet}, row {row}, {column}: exported “{exported}” → database now “{database}” → workbook “{workbook}”": "{sheet},第 {row} 行,{column}:导出时“{exported}” → 数据库现为“{database}” → 工作簿为“{workbook}”",  # noqa: E501
        "{file}: the import was refused by the database ({reason})": "{file}:数据库拒绝了此次导入({reason})",  # noqa: E501
        "{file}: this workbook was exported from another database ({theirs}), not from this one ({ours}); nothing was imported. To import it as a hand-made workbook (every value that differs replaces this database's; payments matched by project, date, kind and plan year), import it with --foreign": "{file}:此工作簿导出自另一个数据库({theirs}),而非本数据库({ours});未导入任何数据。如要将其作为手工工作簿导入(每个不同的值都替换本数据库中的值;拨付按项目、日期、类别和计划年度匹配),请加 --foreign 导入",  # noqa: E501
    }
)


class ImportRefused(UserError):
    """The workbook was not imported; `problems` lists each place (the first 50)."""

    def __init__(self, file: str, problems: list[str], total: int) -> None:
        self.file = file
        self.problems = problems
        self.total = total
        # The first line alone says it all (file, place, reason, count); the rest follow.
        first = problems[0] if problems else ""
        for colon in (":", "："):  # a whole-file problem already names the file
            if first.startswith(file + colon):
                first = first[len(file) + 1 :].lstrip()
        lines = [
            t(
                "{file}: {problem} (problem 1 of {n}; nothing was imported)",
                file=file,
                problem=first,
                n=total,
            )
        ]
        lines += [f"  {p}" for p in problems[1:]]
        if total > len(problems):
            lines.append("  " + t("… and {n} more", n=total - len(problems)))
        super().__init__("\n".join(lines))


class ForeignWorkbook(ImportRefused):
    """The workbook names another database: its ids and versions mean other rows here.
    Imported only when the officer says to treat it as hand-made (`foreign=True`)."""

    def __init__(self, file: str, theirs: str, ours: str) -> None:
        self.theirs, self.ours = theirs, ours
        reason = t(
            "{file}: this workbook was exported from another database ({theirs}), not from "
            "this one ({ours}); nothing was imported. To import it as a hand-made workbook "
            "(every value that differs replaces this database's; payments matched by "
            "project, date, kind and plan year), import it with --foreign",
            file=file,
            theirs=theirs,
            ours=ours,
        )
        UserError.__init__(self, reason)
        self.file, self.problems, self.total = file, [reason], 1


class ImportConflicts(UserError):
    """Cells changed both in the database since the export and in the workbook, with no
    choice made: nothing was imported. `preview` lists them."""

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        open_ = preview.unresolved
        lines = [
            t(
                "{file}: {n} conflict(s): changed in the database since the export and in the "
                "workbook; nothing was imported. Choose per conflict in the window, or "
                "import with --theirs (take the workbook's values) or --ours (keep the "
                "database's).",
                file=preview.file,
                n=len(open_),
            )
        ]
        lines += [f"  {conflict_line(c)}" for c in open_[: S.MAX_PROBLEMS]]
        if len(open_) > S.MAX_PROBLEMS:
            lines.append("  " + t("… and {n} more", n=len(open_) - S.MAX_PROBLEMS))
        super().__init__("\n".join(lines))


def conflict_line(c: Conflict) -> str:
    return t(
        "{sheet}, row {row}, {column}: exported “{exported}” → database now “{database}” → "
        "workbook “{workbook}”",
        sheet=c.sheet,
        row=c.row,
        column=c.column,
        exported=c.exported,
        database=c.database,
        workbook=c.workbook,
    )


@dataclass
class _Prepared:
    preview: ImportPreview
    cur: Current
    plan: list[tuple[S.Sheet, list[Change]]] = field(default_factory=list)


def deciding(
    resolve: str | None = None, choices: Mapping[str, str] | None = None
) -> Callable[[str], str | None]:
    """A conflict's choice: the officer's per-conflict choice, else the overall one, else
    None (undecided: the import refuses)."""
    chosen = dict(choices or {})
    return lambda ident: chosen.get(ident, resolve)


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


def _current(db: Database) -> tuple[Current, str, dict[str, date]]:
    """The database's rows, its id, and its closed quarters (→ as-of day), read together."""
    from desktop_app.services.quarter_brief import closes_in_force

    with db.core_reader() as conn:
        return load_current(conn), provenance.database_id(conn), closes_in_force(conn)


def _prepare(
    db: Database,
    path: str | os.PathLike[str],
    decide: Callable[[str], str | None],
    *,
    foreign: bool = False,
) -> _Prepared:
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
        hidden = provenance.provenance_titles(info.sheets)
        try:
            cells = read_sheets(path, list(titles.values()) + hidden)
        except FileRefused as exc:
            raise ImportRefused(file, [str(exc)], 1) from exc
        cur, database, closes = current.result()
    prov = provenance.parse({title: cells.pop(title) for title in hidden})
    mode = TWO_WAY if prov is None else THREE_WAY if prov.database == database else OTHER_DATABASE
    if mode == OTHER_DATABASE and not foreign:
        assert prov is not None
        raise ForeignWorkbook(file, prov.database, database)
    parsed = {
        s.name: parse_sheet(s, titles[s.name], cells.pop(titles[s.name]), cur.zones, problems, lang)
        for s in S.IMPORTED
        if s.name in titles
    }
    if mode == OTHER_DATABASE:  # ids of another database name other rows here
        for name, natural in S.NATURAL_KEYS.items():
            for row in parsed[name].rows:
                for f in S.BY_NAME[name].key:
                    if f not in natural:
                        row[f] = None
    if not any(p.row is None for p in problems):  # every column is there
        check_rules(parsed, cur, problems)
    if problems:
        raise _refuse(file, problems)
    from desktop_app.io.closed_quarters import touches

    prepared = _Prepared(ImportPreview(file, ()), cur)
    diffs = []
    closed: list[ClosedTouch] = []
    for s in S.IMPORTED:
        if s.name not in parsed:  # an optional sheet the file does not have
            continue
        base = prov.base.get(s.name) if prov is not None and mode == THREE_WAY else None
        result = diff_sheet(parsed[s.name], cur, base, lang, decide)
        problems.extend(result.problems)
        diffs.append(result.diff)
        if result.changes:
            prepared.plan.append((s, result.changes))
        headers = parsed[s.name].headers
        closed += touches(s, headers, result.changes, result.pending, closes, lang)
    if not problems:  # each written row as it will be: the workbook's cells over the database's
        check_changes(prepared.plan, parsed, cur, problems, lang)
    if problems:
        raise _refuse(file, problems)
    prepared.preview = ImportPreview(
        file,
        tuple(diffs),
        mode=mode,
        exported_at=prov.exported_at if prov else "",
        closed=tuple(closed),
    )
    return prepared


def preview_import(
    db: Database,
    path: str | os.PathLike[str],
    *,
    resolve: str | None = None,
    choices: Mapping[str, str] | None = None,
    foreign: bool = False,
) -> ImportPreview:
    """What importing `path` would add and change, and its conflicts; nothing is written.
    `foreign`: a workbook exported from another database is compared as hand-made
    (refused with `ForeignWorkbook` otherwise)."""
    return _prepare(db, path, deciding(resolve, choices), foreign=foreign).preview


def _backup(db: Database) -> Path | None:
    """The pre-import backup; a folder that cannot take it is a warning on `db.warnings`."""
    import sqlite3

    from desktop_app.db.backup import backup_before
    from desktop_app.db.database import backup_warning

    try:
        return backup_before(db, "import")
    except (OSError, sqlite3.Error) as exc:
        if db.path is None:
            raise
        db.warnings.append(backup_warning(db.path, exc))
        return None


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that everything is rolled back."""


#: Database table → sheet id, for the rare refusal the database makes itself.
_SHEET_OF_TABLE = {
    "project": "projects",
    "milestone": "milestones",
    "funding_plan": "funding_plans",
    "funding_year": "funding_years",
    "disbursement": "disbursements",
    "indicator": "indicators",
    "indicator_actual": "actuals",
    "evaluation": "evaluations",
    "district_indicator": "district_indicators",
    "district_value": "district_values",
}


def _database_refusal(file: str, exc: Exception) -> ImportRefused:
    """The database's own refusal, said in the workbook's terms (never its error text)."""
    import re

    text = str(getattr(exc, "orig", exc))
    lang = language()
    sheet_title, column = "", ""
    match = re.search(r"constraint failed: (?:ck_)?(\w+)\.?(\w*)", text)
    if match:
        table = match.group(1)
        name = next(
            (
                n
                for n in sorted(_SHEET_OF_TABLE, key=len, reverse=True)
                if table == n or table.startswith(n + "_")
            ),
            None,
        )
        if name is not None:
            sheet = S.BY_NAME[_SHEET_OF_TABLE[name]]
            sheet_title = sheet.title(lang)
            field = match.group(2).removesuffix("_fen") or table[len(name) + 1 :]
            col = next((c for c in sheet.columns if field and field.startswith(c.field)), None)
            column = col.header(lang) if col else ""
    reason = (
        t("for a moment two rows would hold the same value; import the change in two steps")
        if "UNIQUE" in text
        else t("a value the database does not accept")
    )
    problem = Problem(sheet_title or t("workbook"), None, column, reason)
    return _refuse(file, [problem])


def _apply(
    db: Database, prepared: _Prepared, path: str | os.PathLike[str], *, officer: str, dry_run: bool
) -> None:
    """Every add and change in one transaction; a dry run rolls it back at the end."""
    from sqlalchemy.exc import IntegrityError

    file = str(path)
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
            s.flush()
            if dry_run:
                raise _DryRun
    except _DryRun:
        return
    except StaleImport as exc:
        raise UserError(exc.message(file)) from exc
    except (IntegrityError, OverflowError) as exc:
        raise _database_refusal(file, exc) from exc


def import_workbook(
    db: Database,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    officer: str = "",
    resolve: str | None = None,
    choices: Mapping[str, str] | None = None,
    foreign: bool = False,
) -> ImportPreview:
    """Validate, diff and write the workbook in one transaction.

    A dry run is the real run rolled back: the same writes are made inside the
    transaction (so the database's own rules are heard too), then undone; only the
    backup is skipped. Either mode refuses the same files with the same message.
    A conflict needs a choice (`choices` by `Conflict.ident`, or `resolve` for all:
    "theirs" takes the workbook's value, "ours" keeps the database's); without one the
    import raises `ImportConflicts` and writes nothing.
    """
    prepared = _prepare(db, path, deciding(resolve, choices), foreign=foreign)
    preview = prepared.preview
    if preview.unresolved:
        raise ImportConflicts(preview)
    if not prepared.plan:
        return preview
    if dry_run:
        _apply(db, prepared, path, officer=officer, dry_run=True)
        return preview
    backup = _backup(db)
    _apply(db, prepared, path, officer=officer, dry_run=False)
    return replace(preview, written=True, backup=str(backup) if backup else None)
