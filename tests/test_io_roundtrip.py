"""Export then import changes nothing; what officers type is understood; changes are audited."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop_app.db.models import AuditEntry, Disbursement, Indicator, Milestone, Project
from desktop_app.io.export import export_csv, export_workbook
from desktop_app.io.importer import import_workbook, preview_import
from tests.io_books import MILESTONE, fingerprint, plan, write_book


@pytest.fixture(scope="module")
def demo_book(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database exported once (Chinese headers) for the tests of this module."""
    from desktop_app.db.database import open_database

    folder = tmp_path_factory.mktemp("book")
    shutil.copyfile(demo_template, folder / "demo.sqlite")
    db = open_database(folder / "demo.sqlite")
    try:
        return export_workbook(db, folder / "data.xlsx")
    finally:
        db.dispose()


def test_export_then_import_reports_zero_changes(demo_db, demo_book: Path) -> None:
    before, backups = fingerprint(demo_db), list(demo_db.backups_made)
    result = import_workbook(demo_db, demo_book)
    assert (result.added, result.changed) == (0, 0)
    assert result.unchanged > 1000
    assert not result.written and demo_db.backups_made == backups
    assert fingerprint(demo_db) == before


PLAN = {
    "project_no": 1,
    "startup_grant": "1,000",
    "startup_year": 2026,
    "taper_mode": "线性递减",
    "first_year": 2026,
    "years": 5,
    "first_amount": 300,
    "step": 60,
}


def test_exported_workbook_has_real_dates_formats_and_frozen_headers(db, tmp_path) -> None:
    rows = {"milestones": [MILESTONE], "funding_plans": [PLAN]}
    import_workbook(db, write_book(tmp_path / "in.xlsx", rows))
    wb = openpyxl.load_workbook(export_workbook(db, tmp_path / "out.xlsx"))
    assert wb.sheetnames[:5] == ["项目", "里程碑", "经费计划", "年度经费", "经费测算"]
    assert "修改记录" in wb.sheetnames
    ws = wb["里程碑"]
    assert ws.freeze_panes == "A2"
    assert ws["G1"].value == "计划完成"
    assert ws["G2"].is_date and ws["G2"].number_format == "yyyy-mm-dd"
    plans = wb["经费计划"]
    assert plans["B1"].value == "启动建设经费（万元）"
    assert plans["B2"].number_format == "#,##0.00"
    assert plans["B2"].value == 1000
    schedule = [[c.value for c in r] for r in wb["经费测算"].iter_rows(min_row=2)]
    # linear taper 300 − 60 a year: 300, 240, 180, 120, 60 万元; the grant in 2026
    assert [(r[2], r[3], r[4]) for r in schedule] == [
        (2026, 1000, 300),
        (2027, 0, 240),
        (2028, 0, 180),
        (2029, 0, 120),
        (2030, 0, 60),
    ]
    assert wb["项目"].column_dimensions["B"].width >= 30


def test_english_export_round_trips(demo_db, tmp_path: Path) -> None:
    path = export_workbook(demo_db, tmp_path / "en.xlsx", lang="en")
    assert CalamineWorkbook.from_path(str(path)).sheet_names[1] == "Milestones"
    result = preview_import(demo_db, path)
    assert (result.added, result.changed) == (0, 0)


def test_formula_like_text_stays_text(db, tmp_path: Path) -> None:
    texts = ["=1+2", "+86 592 1234", "-5 万元待定", "@SUM(A1:A3)"]
    rows = [{**MILESTONE, "code": f"F{i}"} for i in range(len(texts))]
    import_workbook(db, write_book(tmp_path / "in.xlsx", {"milestones": rows}))
    with db.session() as s:
        for m, text in zip(
            s.scalars(select(Milestone).order_by(Milestone.code)), texts, strict=True
        ):
            m.title = text
    path = export_workbook(db, tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(path)["里程碑"]
    cells = [ws.cell(row=r, column=3) for r in range(2, ws.max_row + 1)]
    found = {c.value: c for c in cells if c.value in texts}
    assert set(found) == set(texts)
    for cell in found.values():
        assert cell.data_type == "s" and cell.quotePrefix
    read = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("里程碑").to_python()
    assert set(texts) <= {row[2] for row in read}
    result = preview_import(db, path)
    assert (result.added, result.changed) == (0, 0)


def test_what_officers_type_is_understood(db, tmp_path: Path) -> None:
    rows = {
        "milestones": [
            {
                **MILESTONE,
                "code": "A",
                "planned_end": "2026/3/31",
                "percent_complete": "45%",
                "status": "In progress",
            },
            {
                **MILESTONE,
                "code": "B",
                "planned_end": "2026年3月31日",
                "percent_complete": 45,
                "status": "in_progress",
            },
            {
                **MILESTONE,
                "code": "C",
                "planned_end": date(2026, 3, 31),
                "percent_complete": "４５",
                "status": "进行中",
            },
        ],
        "disbursements": [
            {
                "project_no": 1,
                "paid_on": "2026-05-06",
                "amount": "1,234,567.89",
                "kind": "固定扶持经费",
                "doc_no": "思科〔2026〕12号",
            },
            {"project_no": 2, "paid_on": "2026-05-06", "amount": "１２３.５", "kind": "reward"},
        ],
        "funding_plans": [plan(1), plan(2)],  # a payment needs its plan, as in the dialog
    }
    path = write_book(
        tmp_path / "a.xlsx", rows, headers={("disbursements", "amount"): "金额（元）"}
    )
    result = import_workbook(db, path)
    assert (result.added, result.changed) == (7, 0)
    with db.reader() as s:
        ms = s.execute(
            select(
                Milestone.code, Milestone.planned_end, Milestone.percent_complete, Milestone.status
            ).order_by(Milestone.code)
        ).all()
        paid = s.execute(
            select(Disbursement.amount_fen, Disbursement.kind).order_by(Disbursement.amount_fen)
        ).all()
    assert ms == [(c, date(2026, 3, 31), 45, "in_progress") for c in "ABC"]
    # 123.5 元 = 12,350 fen; 1,234,567.89 元 = 123,456,789 fen
    assert paid == [(12_350, "reward"), (123_456_789, "fixed")]


def test_change_is_written_once_with_backup_and_audit(db, tmp_path: Path) -> None:
    first = write_book(tmp_path / "a.xlsx", {"milestones": [MILESTONE]})
    assert import_workbook(db, first).added == 1
    changed = write_book(
        tmp_path / "b.xlsx",
        {"milestones": [{**MILESTONE, "planned_end": "2027-01-15", "owner": "李工"}]},
    )
    preview = preview_import(db, changed)
    assert (preview.added, preview.changed) == (0, 1)
    ms = next(s for s in preview.sheets if s.name == "milestones")
    fields = {(f.column, f.old, f.new) for f in ms.changed[0].fields}
    assert fields == {("计划完成", "2026-12-31", "2027-01-15"), ("负责人", "", "李工")}
    audits_before = _count(db, AuditEntry)
    result = import_workbook(db, changed, officer="王科员")
    assert result.written and result.backup and Path(result.backup).exists()
    with db.reader() as s:
        m = s.scalars(select(Milestone)).one()
        assert (m.planned_end, m.owner, m.version) == (date(2027, 1, 15), "李工", 2)
        new = s.scalars(select(AuditEntry).where(AuditEntry.id > audits_before)).all()
    # The same shape the ORM hook writes: table, row id, column, before, after.
    assert sorted((a.table_name, a.row_key, a.field, a.before, a.after) for a in new) == [
        ("milestone", str(m.id), "owner", "", "李工"),
        ("milestone", str(m.id), "planned_end", "2026-12-31", "2027-01-15"),
    ]
    assert {a.officer for a in new} == {"王科员"}
    again = import_workbook(db, changed)
    assert (again.added, again.changed, again.written) == (0, 0, False)


def test_dry_run_writes_nothing(db, tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", {"milestones": [MILESTONE]})
    before, backups = fingerprint(db), list(db.backups_made)
    result = import_workbook(db, path, dry_run=True)
    assert result.added == 1 and not result.written
    assert fingerprint(db) == before
    assert db.backups_made == backups


def test_new_project_with_its_milestones_and_indicators(db, tmp_path: Path) -> None:
    rows = {
        "projects": [{"no": 14, "name_zh": "新增项目", "status": "计划中", "zone": None}],
        "milestones": [{**MILESTONE, "project_no": 14}],
        "indicators": [
            {
                "project_no": 14,
                "year": 2026,
                "code": "K1",
                "name": "营收",
                "weight": 60,
                "target": 100,
                "direction": "越高越好",
            },
            {
                "project_no": 14,
                "year": 2026,
                "code": "K2",
                "name": "专利",
                "weight": "40",
                "target": 5,
                "direction": "higher",
            },
        ],
        "actuals": [
            {"project_no": 14, "year": 2026, "code": "K1", "quarter": 2, "ytd_value": "55.5"}
        ],
    }
    result = import_workbook(db, write_book(tmp_path / "a.xlsx", rows))
    assert result.added == 5
    with db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 14))
        weights = s.scalars(select(Indicator.weight).where(Indicator.project_id == pid)).all()
    assert sorted(weights) == [Decimal(40), Decimal(60)]


def test_template_is_empty_with_notes_and_imports_as_nothing(db, tmp_path: Path, run_cli) -> None:
    path = export_workbook(db, tmp_path / "t.xlsx", template=True)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "填写说明"
    assert wb["里程碑"].max_row == 1
    notes = [[c.value for c in r] for r in wb["填写说明"].iter_rows(min_row=2)]
    status = next(r for r in notes if r[0] == "里程碑" and r[1] == "状态")
    assert "未开始" in status[4] and "Not started" in status[4]
    result = preview_import(db, path)
    assert (result.added, result.changed, result.unchanged) == (0, 0, 0)


def test_csv_of_one_table(demo_db, tmp_path: Path) -> None:
    path = export_csv(demo_db, tmp_path / "m.csv", "milestones")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("项目编号,里程碑编号,标题")
    assert len(lines) == 1 + _count(demo_db, Milestone)


def test_cli_export_and_dry_run(db, tmp_path: Path, run_cli) -> None:
    import_workbook(db, write_book(tmp_path / "in.xlsx", {"milestones": [MILESTONE]}))
    db.dispose()
    out = tmp_path / "cli.xlsx"
    result = run_cli("export", "--db", str(db.path), "-o", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    result = run_cli("import", "--db", str(db.path), str(out), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Milestones: 0 to add, 0 to change" in result.stdout
    assert "dry run: nothing was written" in result.stdout
    result = run_cli(
        "export",
        "--db",
        str(db.path),
        "--table",
        "milestones",
        "--csv",
        "-o",
        str(tmp_path / "m.csv"),
    )
    assert result.returncode == 0, result.stderr


def _count(db, model) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0
