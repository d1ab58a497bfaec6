"""The workbook carries each payment's plan year (计划年度): typed, by the rule when blank,
and a workbook made before the column existed still imports."""

from __future__ import annotations

from datetime import date

import openpyxl
from sqlalchemy import select

from desktop_app.db.models import Disbursement
from desktop_app.io.export import export_workbook
from desktop_app.io.importer import import_workbook
from tests.io_books import write_book

PLAN = {
    "project_no": 1,
    "startup_grant": "0",
    "taper_mode": "线性递减",
    "first_year": 2025,
    "years": 3,
    "first_amount": 300,
    "step": 60,
}


def _pay(paid_on: str, kind: str, doc: str, for_year: object = None) -> dict[str, object]:
    return {
        "project_no": 1,
        "paid_on": paid_on,
        "amount": "10",
        "kind": kind,
        "doc_no": doc,
        "for_year": for_year,
    }


def test_for_year_typed_ruled_and_round_tripped(db, tmp_path) -> None:
    rows = {
        "funding_plans": [PLAN],
        "disbursements": [
            _pay("2026-04-01", "固定扶持经费", "A1"),  # the year paid
            _pay("2026-05-01", "绩效奖励", "A2"),  # a reward: the year before
            _pay("2026-07-01", "固定扶持经费", "A3", 2027),  # an advance for 2027
        ],
    }
    import_workbook(db, write_book(tmp_path / "in.xlsx", rows))
    with db.reader() as s:
        got = {d.doc_no: d.for_year for d in s.scalars(select(Disbursement))}
    assert got == {"A1": 2026, "A2": 2025, "A3": 2027}
    out = export_workbook(db, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(out)["拨付"]
    assert "计划年度" in [c.value for c in ws[1]]
    again = import_workbook(db, out)
    assert (again.added, again.changed) == (0, 0)


def test_workbook_without_the_column_still_imports(db, tmp_path) -> None:
    rows = {"funding_plans": [PLAN], "disbursements": [_pay("2026-05-01", "绩效奖励", "B1")]}
    book = write_book(tmp_path / "old.xlsx", rows, headers={("disbursements", "for_year"): None})
    result = import_workbook(db, book)
    assert result.added >= 2
    with db.reader() as s:
        (row,) = s.scalars(select(Disbursement))
    assert (row.paid_on, row.for_year) == (date(2026, 5, 1), 2025)
