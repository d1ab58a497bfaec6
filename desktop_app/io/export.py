"""Writing the portfolio to a workbook officers can read and send back, or one table to CSV.

Real Excel dates, amounts in 万元 shown with two decimals (`#,##0.00`, full fen precision
kept in the cell), a frozen header row and set column widths. A text cell that starts
with `=`, `+`, `-` or `@` is written as a text cell (quote prefix), never as a formula,
so it opens as the same text. Files are written atomically.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from desktop_app.db import tables
from desktop_app.db.database import Database
from desktop_app.domain.money import fen_to_wan, wan_to_fen
from desktop_app.domain.scoring import format_number
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.fileio import atomic_write
from desktop_app.i18n import register, t
from desktop_app.io import provenance
from desktop_app.io import sheets as S
from desktop_app.io import xlsx_writer as X
from desktop_app.io.rules import funding_spec
from desktop_app.io.store import load_current, load_rows

#: Zone code → (Chinese name, English name).
Zones = dict[str, tuple[str, str]]

register({"Unknown table “{name}”; use one of: {names}": "未知数据表“{name}”;可选:{names}"})

FORMULA_START = ("=", "+", "-", "@")
KIND_NOTES = {
    S.TEXT: ("文本", "text"),
    S.INT: ("整数", "whole number"),
    S.DATE: ("日期,如 2026-03-31、2026/3/31、2026年3月31日", "date, e.g. 2026-03-31"),
    S.AMOUNT: (
        "金额,单位万元(表头写“元”则按元),可带千分位",
        "amount in 10k CNY (CNY if the header says so); thousands separators allowed",
    ),
    S.PERCENT: ("百分数,如 45 或 45%", "percent, e.g. 45 or 45%"),
    S.DECIMAL: ("数字", "number"),
    S.ENUM: ("可选值之一(中文或英文)", "one of the allowed values (Chinese or English)"),
    S.BOOL: ("是/否", "yes/no"),
    S.REF: ("片区名称或代码", "zone name or code"),
}
NOTES_TITLE = ("填写说明", "Notes")
NOTES_HEADERS = (
    ("工作表", "列", "类型与单位", "必填", "可选值", "说明"),
    ("Sheet", "Column", "Type and unit", "Required", "Allowed values", "Notes"),
)


def _schedule_rows(cur: Any, projects: dict[int, str]) -> list[dict[str, Any]]:
    """Per plan year of every project: the computed schedule from the funding rules."""
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (no, _y), rec in sorted(cur.tables["funding_years"].items()):
        years[no].append(rec.row)
    grades = {k: r.row["grade"] for k, r in cur.tables["evaluations"].items()}
    paid: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for rec in cur.tables["disbursements"].values():
        r = rec.row
        by_kind = paid[r["project_no"]][r["for_year"]]
        by_kind[r["kind"]] = by_kind.get(r["kind"], Decimal(0)) + fen_to_wan(r["amount"])
    out: list[dict[str, Any]] = []
    for (no,), rec in sorted(cur.tables["funding_plans"].items()):
        spec = funding_spec(rec.row, years[no], cur.tranches.get(no, []))
        mine = {y: g for (p, y), g in grades.items() if p == no}
        try:
            sched = spec.schedule(grades=mine, disbursed=paid.get(no, {}))
        except ValidationError as exc:
            out.append({"project_no": no, "name_zh": projects.get(no, ""), "warnings": str(exc)})
            continue
        for line in sched.lines:
            out.append(
                {
                    "project_no": no,
                    "name_zh": projects.get(no, ""),
                    "year": line.year,
                    "startup": wan_to_fen(line.startup),
                    "fixed": wan_to_fen(line.fixed),
                    "reward_cap": wan_to_fen(line.reward_cap),
                    "grade": line.grade,
                    "earned_reward": None
                    if line.earned_reward is None
                    else wan_to_fen(line.earned_reward),
                    "planned_total": wan_to_fen(line.planned_total),
                    "disbursed": wan_to_fen(line.disbursed),
                    "warnings": "；".join(w.message for w in line.warnings),
                }
            )
    return out


def _audit_rows(conn: Connection) -> list[dict[str, Any]]:
    a, p = tables.audit_entry.c, tables.project.c
    q = (
        select(
            a.at,
            a.officer,
            a.os_user,
            a.action,
            a.table_name,
            a.row_key,
            p.no.label("project_no"),
            a.field,
            a.before,
            a.after,
            a.reason,
        )
        .select_from(tables.audit_entry)
        .outerjoin(tables.project, a.project_id == p.id)
        .order_by(a.id)
    )
    return [
        {**r._mapping, "at": r.at.isoformat(sep=" ") if r.at else None} for r in conn.execute(q)
    ]


def collect(db: Database, names: tuple[str, ...] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Sheet id → rows in canonical form, read in one transaction (a consistent snapshot)."""
    wanted = names or tuple(s.name for s in S.SHEETS)
    out: dict[str, list[dict[str, Any]]] = {}
    with db.core_reader() as s:
        for sheet in S.IMPORTED:
            if sheet.name in wanted:
                out[sheet.name] = load_rows(s, sheet)
        if "schedule" in wanted:
            cur = load_current(s)
            projects = {k[0]: r.row["name_zh"] for k, r in cur.tables["projects"].items()}
            out["schedule"] = _schedule_rows(cur, projects)
        if "audit" in wanted:
            out["audit"] = _audit_rows(s)
        z = tables.zone.c
        zones = {
            code: (zh, en or zh) for code, zh, en in s.execute(select(z.code, z.name_zh, z.name_en))
        }
        database = provenance.database_id(s)
    out["_zones"] = [zones]
    out["_database"] = [{"id": database}]
    return out


def cell_value(col: S.Column, value: Any, lang: str, zones: Zones) -> Any:
    """A canonical value as the workbook holds it (numbers stay numbers, codes become names)."""
    if value is None or value == "":
        return None
    kind = col.kind
    if kind == S.AMOUNT:
        return float(fen_to_wan(value))
    if kind in (S.DECIMAL, S.PERCENT):
        return int(value) if value == int(value) else float(value)
    if kind == S.ENUM:
        return col.choice_name(value, lang)
    if kind == S.BOOL:
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if kind == S.REF:
        names = zones.get(value)
        return (names[0] if lang == "zh" else names[1]) if names else value
    return value


def _rows(
    sheet: S.Sheet, rows: list[dict[str, Any]], lang: str, zones: Zones
) -> Iterator[list[tuple[Any, Any]]]:
    """Cells as (value, style): dates and amounts formatted, formula-like text quoted."""
    styles = [
        X.DATE if c.kind == S.DATE else X.AMOUNT if c.kind == S.AMOUNT else X.PLAIN
        for c in sheet.columns
    ]
    for row in rows:
        out = []
        for col, style in zip(sheet.columns, styles, strict=True):
            value = cell_value(col, row.get(col.field), lang, zones)
            if isinstance(value, str) and value.startswith(FORMULA_START):
                out.append((value, X.TEXT_QUOTED))  # inline text, never a formula
            else:
                out.append((value, style))
        yield out


def _add_sheet(
    wb: X.Workbook, sheet: S.Sheet, rows: list[dict[str, Any]], lang: str, zones: Zones
) -> None:
    header = [c.header(lang) for c in sheet.columns]
    widths = [max(c.width, len(h) * 2 + 2) for c, h in zip(sheet.columns, header, strict=True)]
    wb.add_sheet(sheet.title(lang), header, _rows(sheet, rows, lang, zones), widths)


def _add_notes(wb: X.Workbook, lang: str) -> None:
    zh = lang == "zh"
    rows = []
    for sheet in S.IMPORTED:
        for col in sheet.import_columns:
            allowed = "、".join(f"{z}（{e}）" if zh else f"{e} ({z})" for _c, z, e in col.choices)
            is_key = col.field in sheet.key
            required = col.required or (is_key and col.field != "id")
            key = (" ; 键" if zh else "; key") if is_key else ""
            cells = [
                sheet.title(lang),
                col.header(lang),
                KIND_NOTES[col.kind][0 if zh else 1],
                ("是" if required else "否") if zh else ("yes" if required else "no"),
                allowed,
                (col.note_zh if zh else col.note_en) + key,
            ]
            rows.append([(v, X.PLAIN) for v in cells])
    wb.add_sheet(
        NOTES_TITLE[0 if zh else 1], NOTES_HEADERS[0 if zh else 1], rows, (16, 22, 44, 8, 40, 30)
    )


def export_workbook(
    db: Database, path: str | os.PathLike[str], *, lang: str = "zh", template: bool = False
) -> Path:
    """Every sheet (or, for a template, the importable sheets empty plus a notes sheet)."""
    from desktop_app.db import schema_version
    from desktop_app.domain.periods import now

    data = {} if template else collect(db)
    zones = data.pop("_zones", [{}])[0] if data else {}
    database = data.pop("_database", [{"id": ""}])[0]["id"] if data else ""
    wb = X.Workbook()
    for sheet in S.IMPORTED if template else S.SHEETS:
        _add_sheet(wb, sheet, data.get(sheet.name, []), lang, zones)
    if template:
        _add_notes(wb, lang)
    elif database:  # what the import compares with: see io/provenance.py
        provenance.add_sheets(
            wb,
            data,
            database=database,
            exported_at=now().astimezone().replace(microsecond=0),
            revision=schema_version.HEAD,
        )
    target = Path(path)
    with atomic_write(target) as tmp:
        wb.save(tmp)
    return target


def _csv_text(col: S.Column, value: Any, lang: str, zones: Zones) -> Any:
    value = cell_value(col, value, lang, zones)
    if value is None:
        return ""
    if col.kind == S.AMOUNT:
        return format_number(Decimal(str(value)))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # the usual CSV guard: spreadsheet apps show it as text
    return value


def export_csv(db: Database, path: str | os.PathLike[str], table: str, *, lang: str = "zh") -> Path:
    """One table as UTF-8 CSV (with BOM, so Excel opens Chinese correctly)."""
    import pandas as pd

    try:
        sheet = S.sheet_named(table)
    except KeyError as exc:
        raise UserError(
            t(
                "Unknown table “{name}”; use one of: {names}",
                name=table,
                names=", ".join(s.name for s in S.SHEETS),
            )
        ) from exc
    data = collect(db, (sheet.name,))
    zones = data.pop("_zones")[0]
    frame = pd.DataFrame(
        [
            [_csv_text(c, row.get(c.field), lang, zones) for c in sheet.columns]
            for row in data[sheet.name]
        ],
        columns=[c.header(lang) for c in sheet.columns],
    )
    target = Path(path)
    with atomic_write(target) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig")
    return target
