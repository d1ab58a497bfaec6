"""What an exported workbook was made from, carried inside it for the three-way import.

The export adds hidden, protected sheets (Excel's "very hidden": not listed, not
editable without unprotecting): `_kp_export` holds the database's identity, the export
time and the schema revision; `_kp_<sheet>` holds, for every exported row, its id, its
version and its values as they were at the export, in a canonical text form (codes,
ISO dates, fen, plain decimals) that no locale or spreadsheet program reinterprets.
openpyxl, LibreOffice and WPS keep hidden sheets and text cells on a re-save.

An import compares, per cell, the workbook's value with this copy (the value at export)
and with the database now (io/threeway.py). A workbook without these sheets (made by
hand, or the template) is imported two-way, and the preview says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from desktop_app.db import tables
from desktop_app.io import sheets as S
from desktop_app.io import xlsx_writer as X
from desktop_app.io.validate import text_cell

META_TITLE = "_kp_export"
FORMAT = "1"
DATABASE_ID = "database_id"  # the `setting` row migration 0005 makes

Key = tuple[Any, ...]


def base_title(sheet: S.Sheet) -> str:
    return f"_kp_{sheet.name}"


def database_id(conn: Connection | Session) -> str:
    setting = tables.setting
    value = conn.scalar(select(setting.c.value).where(setting.c.key == DATABASE_ID))
    return value if value is not None else ""


# ---------------------------------------------------------------- canonical text


def encode(col: S.Column, value: Any) -> str | None:
    """A canonical value as text; None for a blank cell."""
    if value is None:
        return None
    if col.kind == S.BOOL:
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _number(raw: Any) -> Decimal:
    if isinstance(raw, float):
        return Decimal(repr(raw))
    return Decimal(str(raw).strip())


def decode(col: S.Column, raw: Any) -> Any:
    """The inverse of `encode`, tolerant of a program that turned text into numbers."""
    if raw is None or (isinstance(raw, str) and raw == ""):
        return "" if col.kind == S.TEXT else None
    kind = col.kind
    if kind in (S.INT, S.AMOUNT):
        return int(_number(raw))
    if kind in (S.DECIMAL, S.PERCENT):
        return _number(raw)
    if kind == S.DATE:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        return date.fromisoformat(str(raw).strip()[:10])
    if kind == S.BOOL:
        return str(raw).strip() in ("1", "1.0", "True", "true")
    return text_cell(col.field, raw)  # the reader's own form: an untouched cell is equal


# ---------------------------------------------------------------- writing


def add_sheets(
    wb: X.Workbook,
    data: dict[str, list[dict[str, Any]]],
    *,
    database: str,
    exported_at: datetime,
    revision: str,
) -> None:
    """The hidden sheets: the export's identity, then each importable sheet's rows."""
    meta = [
        ("format", FORMAT),
        (DATABASE_ID, database),
        ("exported_at", exported_at.isoformat(timespec="seconds")),
        ("schema", revision),
    ]
    wb.add_sheet(
        META_TITLE,
        ["key", "value"],
        [[(k, X.PLAIN), (v, X.PLAIN)] for k, v in meta],
        (16, 40),
        hidden=True,
    )
    for sheet in S.IMPORTED:
        cols = sheet.import_columns
        rows = (
            [(str(r["id"]), X.PLAIN), (str(r.get("version") or 0), X.PLAIN)]
            + [(encode(c, r.get(c.field)), X.PLAIN) for c in cols]
            for r in data.get(sheet.name, [])
        )
        header = ["_id", "_version", *(c.field for c in cols)]
        wb.add_sheet(base_title(sheet), header, rows, (), hidden=True)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class BaseRow:
    id: int
    version: int
    row: dict[str, Any]


@dataclass
class Provenance:
    """The export a workbook came from; `base[sheet][key]` is a row as it was exported."""

    database: str
    exported_at: str
    base: dict[str, dict[Key, BaseRow]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)  # base sheets that could not be read


def provenance_titles(sheet_titles: set[str] | dict[str, str]) -> list[str]:
    """The provenance sheets present in a workbook (none: a hand-made workbook)."""
    if META_TITLE not in sheet_titles:
        return []
    return [META_TITLE, *(base_title(s) for s in S.IMPORTED if base_title(s) in sheet_titles)]


def _base_rows(sheet: S.Sheet, cells: list[list[Any]]) -> dict[Key, BaseRow]:
    if not cells:
        return {}
    header = [str(h) for h in cells[0]]
    where = {name: i for i, name in enumerate(header)}
    cols = [c for c in sheet.import_columns if c.field in where]
    out: dict[Key, BaseRow] = {}
    for raw in cells[1:]:
        if not raw or raw[0] in (None, ""):
            continue
        raw = list(raw) + [None] * (len(header) - len(raw))
        row = {c.field: decode(c, raw[where[c.field]]) for c in cols}
        key = tuple(row.get(f) for f in sheet.key)
        out[key] = BaseRow(int(_number(raw[0])), int(_number(raw[1] or 0)), row)
    return out


def parse(cells: dict[str, list[list[Any]]]) -> Provenance | None:
    """The provenance from the hidden sheets' cells (by title); None without a meta sheet."""
    meta_cells = cells.get(META_TITLE)
    if not meta_cells:
        return None
    meta = {str(r[0]): str(r[1]) for r in meta_cells[1:] if len(r) >= 2 and r[0]}
    if meta.get("format") != FORMAT or not meta.get(DATABASE_ID):
        return None
    prov = Provenance(meta[DATABASE_ID], meta.get("exported_at", ""))
    for sheet in S.IMPORTED:
        sheet_cells = cells.get(base_title(sheet))
        if sheet_cells is None:
            prov.unreadable.append(sheet.name)
            continue
        try:
            prov.base[sheet.name] = _base_rows(sheet, sheet_cells)
        except (ValueError, InvalidOperation, IndexError, TypeError):
            prov.unreadable.append(sheet.name)
    return prov


def read(path: Path, sheet_titles: set[str] | dict[str, str]) -> Provenance | None:
    """Read the provenance of the workbook at `path` (whose sheet titles are given)."""
    from desktop_app.io.readers import read_sheets

    wanted = provenance_titles(sheet_titles)
    if not wanted:
        return None
    return parse(read_sheets(path, wanted))
