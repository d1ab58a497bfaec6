"""项目领域, 启动经费分期, 区级指标目标, 评价明细: exported, round-tripped with zero changes,
changed through the workbook (audited), and bad rows refused naming sheet, row and column."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.db.models import (
    AuditEntry,
    DistrictTarget,
    Domain,
    EvaluationItem,
    Milestone,
    StartupTranche,
    project_domain,
)
from desktop_app.io.export import export_workbook
from desktop_app.io.importer import ImportRefused, import_workbook
from tests.io_books import fingerprint

NEW = ("项目领域", "启动经费分期", "区级指标目标", "评价明细")


@pytest.fixture(scope="module")
def book(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop_app.db.database import open_database

    folder = tmp_path_factory.mktemp("extra")
    shutil.copyfile(demo_template, folder / "demo.sqlite")
    db = open_database(folder / "demo.sqlite")
    try:
        return export_workbook(db, folder / "data.xlsx")
    finally:
        db.dispose()


def _count(db, table) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def _edited(book: Path, tmp_path: Path, title: str, edit) -> Path:
    wb = openpyxl.load_workbook(book)
    ws = wb[title]
    header = [c.value for c in ws[1]]
    edit(ws, {name: i + 1 for i, name in enumerate(header)})
    out = tmp_path / f"edited-{title}.xlsx"
    wb.save(out)
    return out


def test_the_new_sheets_hold_every_row_and_round_trip(demo_db, book: Path) -> None:
    wb = openpyxl.load_workbook(book, read_only=True)
    assert all(name in wb.sheetnames for name in NEW)
    rows = {name: wb[name].max_row - 1 for name in NEW}
    assert rows == {
        "项目领域": _count(demo_db, project_domain),
        "启动经费分期": _count(demo_db, StartupTranche),
        "区级指标目标": _count(demo_db, DistrictTarget),
        "评价明细": _count(demo_db, EvaluationItem),
    }
    assert all(rows.values())
    before = fingerprint(demo_db)
    result = import_workbook(demo_db, book)
    assert (result.added, result.changed) == (0, 0)
    new = {s.title: s.unchanged for s in result.sheets if s.title in NEW}
    assert new == rows
    assert fingerprint(demo_db) == before


def test_english_export_round_trips_too(demo_db, tmp_path: Path) -> None:
    from desktop_app.i18n import set_language

    set_language("en")
    path = export_workbook(demo_db, tmp_path / "en.xlsx", lang="en")
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert {"Project domains", "Start-up tranches", "District targets", "Evaluation items"} <= set(
        names
    )
    result = import_workbook(demo_db, path)
    assert (result.added, result.changed) == (0, 0)


def test_a_workbook_without_the_new_sheets_still_imports(demo_db, book, tmp_path) -> None:
    wb = openpyxl.load_workbook(book)
    for name in NEW:
        del wb[name]
    old = tmp_path / "old.xlsx"
    wb.save(old)
    result = import_workbook(demo_db, old)
    assert (result.added, result.changed) == (0, 0)


def test_changes_are_written_and_audited(demo_db, book: Path, tmp_path: Path) -> None:
    with demo_db.reader() as s:
        tranche = s.scalars(select(StartupTranche).order_by(StartupTranche.id)).first()
        code = s.scalars(
            select(Milestone.code).where(Milestone.project_id == 1).order_by(Milestone.id)
        ).first()
        linked = {
            c
            for (c,) in s.execute(
                select(Domain.code)
                .join(project_domain, project_domain.c.domain_id == Domain.id)
                .where(project_domain.c.project_id == 1)
            )
        }
        spare = s.scalars(select(Domain.code).where(Domain.code.not_in(linked))).first()
    assert tranche is not None and spare is not None

    def edit(ws, col):
        ws.cell(2, col["对应里程碑"]).value = code
        ws.cell(2, col["备注"]).value = "验收后拨付"

    path = _edited(book, tmp_path, "启动经费分期", edit)
    wb = openpyxl.load_workbook(path)
    wb["项目领域"].append([1, spare])
    targets = wb["区级指标目标"]
    for row in targets.iter_rows(min_row=2):
        if row[0].value == 9:
            row[4].value = 61  # target of indicator 9 in 2021-2025: 60 → 61
    scores = wb["评价明细"]
    scores.cell(2, 4).value = 1  # the first item's actual
    wb.save(path)
    result = import_workbook(demo_db, path)
    assert (result.added, result.changed) == (1, 3)
    with demo_db.reader() as s:
        got = s.get(StartupTranche, tranche.id)
        assert got is not None and got.note == "验收后拨付"
        ms = s.get(Milestone, got.milestone_id)
        assert ms is not None and ms.code == code
        assert (
            s.scalar(
                select(func.count())
                .select_from(project_domain)
                .where(project_domain.c.project_id == 1)
            )
            == len(linked) + 1
        )
        assert s.scalar(
            select(DistrictTarget.target_value).where(DistrictTarget.indicator_id == 9)
        ) == Decimal(61)
        tables = set(
            s.scalars(select(AuditEntry.table_name).where(AuditEntry.reason.like("%edited%")))
        )
    assert {"startup_tranche", "project_domain", "district_target", "evaluation_item"} <= tables


def _refused(db, path: Path) -> list[str]:
    before = fingerprint(db)
    with pytest.raises(ImportRefused) as info:
        import_workbook(db, path)
    assert fingerprint(db) == before
    return info.value.problems


def test_bad_rows_are_refused_with_sheet_row_and_column(demo_db, book, tmp_path) -> None:
    wb = openpyxl.load_workbook(book)
    wb["项目领域"].append([1, "NO-SUCH"])
    tr = wb["启动经费分期"]
    tr.cell(2, 5).value = "M99"  # no such milestone
    tr.cell(3, 4).value = 1  # amounts no longer add up to the grant
    dt = wb["区级指标目标"]
    dt.append([1, "2031-2035", 2030, 1, 2])
    items = wb["评价明细"]
    items.cell(2, 5).value = 999  # above any weight
    items.append([1, 2021, "I1", None, 1])  # 2021 was never evaluated
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    problems = _refused(demo_db, path)
    text = "\n".join(problems)
    row_domains = wb["项目领域"].max_row
    assert f"项目领域,第 {row_domains} 行,领域代码:不存在重点领域“NO-SUCH”" in text
    assert "启动经费分期,第 2 行,对应里程碑:项目 " in text and "没有里程碑 M99" in text
    assert "各期启动经费合计" in text
    assert f"区级指标目标,第 {dt.max_row} 行,规划期:不存在规划期“2031-2035”" in text
    assert "评价明细,第 2 行,得分:得分须在 0 至权重" in text
    assert f"评价明细,第 {items.max_row} 行,年度:项目 1 没有 2021 年的绩效评价" in text
