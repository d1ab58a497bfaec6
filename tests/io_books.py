"""Building small workbooks for import tests: the spec's headers plus the rows a test needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from desktop_app.db.database import Database
from desktop_app.io import sheets as S


def write_book(
    path: Path,
    rows: dict[str, list[dict[str, Any]]] | None = None,
    *,
    drop_sheets: tuple[str, ...] = (),
    rename_sheets: dict[str, str] | None = None,
    headers: dict[tuple[str, str], str | None] | None = None,
    lang: str = "zh",
    merge: tuple[str, str] | None = None,
) -> Path:
    """Every importable sheet with headers; `rows` by sheet id as field → raw cell value.

    `headers[(sheet, field)]` replaces a header (None drops the column); `merge` is
    (sheet id, range) to merge.
    """
    rows = rows or {}
    headers = headers or {}
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in S.IMPORTED:
        if sheet.name in drop_sheets:
            continue
        title = (rename_sheets or {}).get(sheet.name, sheet.title(lang))
        ws = wb.create_sheet(title)
        cols = [
            c for c in sheet.import_columns if headers.get((sheet.name, c.field), "") is not None
        ]
        ws.append([headers.get((sheet.name, c.field)) or c.header(lang) for c in cols])
        for row in rows.get(sheet.name, []):
            ws.append([row.get(c.field) for c in cols])
        if merge and merge[0] == sheet.name:
            ws.merge_cells(merge[1])
    wb.save(path)
    return path


def fingerprint(db: Database) -> list[str]:
    """Every row of every table, as SQL text: equal lists mean an unchanged database."""
    assert db.path is not None
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    conn2 = sqlite3.connect(db.path)
    try:
        return list(conn2.iterdump())
    finally:
        conn2.close()


MILESTONE = {
    "project_no": 1,
    "code": "M90",
    "title": "中试线建成",
    "planned_end": "2026-12-31",
    "percent_complete": 0,
    "status": "未开始",
}


def plan(no: int, first_year: int = 2025, years: int = 3) -> dict[str, Any]:
    """A funding-plan row (linear, 300 万元 less 60 a year): a payment needs its plan."""
    return {
        "project_no": no,
        "startup_grant": "0",
        "taper_mode": "线性递减",
        "first_year": first_year,
        "years": years,
        "first_amount": 300,
        "step": 60,
    }
