"""Issue 24: quarterly returns are three-way against what `returns make` sent.

A cell the unit left as sent keeps the database's value (the office's later edits and
imports stay); a cell both changed is a conflict (exit 2 listing it, then --theirs or
--ours); a collect races an import or another collect cleanly (exit 2, nothing written);
a folder is all or nothing; every stored text passes the field rules; a re-signed quarter
outside 2000Q1–2100Q4 and a second `make` without --force are exit 2. Where nothing may
change, the database's digest is compared.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.db.models import Indicator, Project, QuarterlyReturn, ReturnSent
from desktop_app.domain.milestones import MilestoneEdit
from desktop_app.domain.periods import Quarter
from desktop_app.errors import UserError
from desktop_app.io import returns_sheets as R
from desktop_app.io.returns_collect import apply_collect, collect_returns, preview_collect
from desktop_app.io.returns_make import MakeOptions, make_returns
from desktop_app.services.milestones import read_milestones, update_milestone
from desktop_app.services.performance import set_actual
from tests.test_cli_bad_commands import digest

Q3 = Quarter(2026, 3)
P7 = "07-智慧交通AI计算云平台-2026Q3.xlsx"
P3 = "03-网络安全技术创新中心-2026Q3.xlsx"
MS, IND, PROG = "里程碑进展", "指标完成值", "进展情况与联系人"


def _make(db, folder: Path, nos=(3, 7), force: bool = False) -> list[Path]:
    return make_returns(db, MakeOptions(Q3, folder, "zh", force=force), list(nos)).files


def _fill(path: Path, edits: dict[str, dict[str, object]]) -> None:
    wb = load_workbook(path)
    for sheet, cells in edits.items():
        for ref, value in cells.items():
            wb[sheet][ref] = value
    wb.save(path)


def _pid(db, no: int) -> int:
    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == no))


def _m06(db):
    return next(m for m in read_milestones(db, _pid(db, 7)) if m.code == "M06")


def _office_note(db, note: str) -> None:
    """An officer corrects M06's note in the window (the milestone service)."""
    m = _m06(db)
    edit = MilestoneEdit(
        title=m.title, planned_end=m.planned_end, planned_start=m.planned_start,
        actual_start=m.actual_start, actual_end=m.actual_end,
        percent_complete=m.percent_complete, status=m.status, cancel_reason=m.cancel_reason,
        deliverable=m.deliverable, owner=m.owner, notes=note,
    )  # fmt: skip
    update_milestone(db, m.id, edit, m.version)


def _i01(db) -> int:
    with db.reader() as s:
        return s.scalar(
            select(Indicator.id).where(
                Indicator.project_id == _pid(db, 7), Indicator.code == "I01", Indicator.year == 2026
            )
        )


def _q3(db) -> Decimal | None:
    with db.reader() as s:
        ind = s.get(Indicator, _i01(db))
        return next((a.ytd_value for a in ind.actuals if a.quarter == 3), None)


def _import_q3(db, tmp: Path, value: float) -> None:
    """An import (exported workbook, one figure changed) sets project 7's I01 2026Q3."""
    from desktop_app.io.export import export_workbook
    from desktop_app.io.importer import import_workbook

    book = export_workbook(db, tmp / "export.xlsx")
    wb = load_workbook(book)
    ws = wb[IND]
    head = {c.value: c.column for c in ws[1]}
    for row in ws.iter_rows(min_row=2):
        vals = {k: row[c - 1].value for k, c in head.items()}
        if (vals["项目编号"], vals["年度"], vals["指标编号"], vals["季度"]) == (7, 2026, "I01", 3):
            row[head["年度累计值"] - 1].value = value
            break
    else:  # pragma: no cover - the fixture sets it
        raise AssertionError("no I01 2026Q3 row in the export")
    wb.save(book)
    import_workbook(db, book)


def _cli(db) -> Path:
    """Hand the database to a `key-projects` process: release this process's writer lock."""
    db.dispose()
    return db.path


def _open(path: Path):
    from desktop_app.db.database import open_database

    return open_database(path, create=False, lock=False)


def _returns(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(QuarterlyReturn))


@pytest.fixture
def sent(demo_db, tmp_path):
    """Project 7's I01 holds 19 at 2026Q3 when the workbooks for 3 and 7 are made."""
    set_actual(demo_db, _i01(demo_db), 3, Decimal(19))
    folder = tmp_path / "returns"
    _make(demo_db, folder)
    return demo_db, folder


def test_make_stores_what_each_workbook_carried_under_its_token(sent):
    db, folder = sent
    wb = load_workbook(folder / P7)
    token = {r[0].value: r[1].value for r in wb["_signature"].iter_rows()}["token"]
    with db.reader() as s:
        row = s.scalar(select(ReturnSent).where(ReturnSent.token == token))
        assert row is not None and row.project_id == _pid(db, 7) and row.quarter == "2026Q3"
        data = json.loads(row.sent)
    assert data["indicators"]["I01"]["ytd_value"] == "19"
    assert data["milestones"]["M06"]["percent_complete"] == "89"
    assert set(data) == {"milestones", "indicators", "progress"}
    assert not list(folder.glob("*.part"))


def test_collect_keeps_the_office_edits_the_unit_did_not_touch(sent, tmp_path):
    db, folder = sent
    _office_note(db, "办公室更正的说明")
    _import_q3(db, tmp_path, 130.1)
    assert _q3(db) == Decimal("130.1")
    _fill(folder / P7, {PROG: {"B3": "王芳", "B4": "0592-7654321"}})
    result = collect_returns(db, folder)
    assert result.refused == [] and result.written
    assert _m06(db).notes == "办公室更正的说明"
    assert _q3(db) == Decimal("130.1")
    p7 = next(r for r in result.returns if r.project_no == 7)
    assert p7.changes == [] and p7.contact_name == "王芳"


def test_a_cell_both_changed_is_a_conflict_then_ours_or_theirs(sent, run_cli):
    db, folder = sent
    _office_note(db, "办公室的说明")
    _fill(folder / P7, {MS: {"L7": "单位的说明"}, IND: {"I2": 25}})
    path = _cli(db)
    before = digest(path)
    res = run_cli("returns", "collect", str(folder), "--db", str(path), "--lang", "en")
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"key-projects: {P7}: 1 conflict(s)")
    assert "--theirs" in lines[0] and "--ours" in lines[0]
    assert "sent" in res.stdout and "“办公室的说明”" in res.stdout and "“单位的说明”" in res.stdout
    assert digest(path) == before and "Traceback" not in res.stderr
    ours = run_cli("returns", "collect", str(folder), "--ours", "--db", str(path))
    assert ours.returncode == 0, ours.stderr
    db = _open(path)
    assert _m06(db).notes == "办公室的说明" and _q3(db) == Decimal(25)  # I01: the unit's only
    db.dispose()
    _fill(folder / P7, {MS: {"L7": "单位再改的说明"}})
    theirs = run_cli("returns", "collect", str(folder), "--theirs", "--db", str(path))
    assert theirs.returncode == 0, theirs.stderr
    db = _open(path)
    assert _m06(db).notes == "单位再改的说明"
    db.dispose()


def test_a_corrected_return_of_the_same_workbook_is_not_a_conflict_with_itself(sent):
    db, folder = sent
    _fill(folder / P7, {IND: {"I2": 31}})
    assert collect_returns(db, folder).written
    _fill(folder / P7, {IND: {"I2": 33}})
    result = collect_returns(db, folder)
    assert result.refused == [] and _q3(db) == Decimal(33)


def test_a_collect_racing_an_import_is_refused_cleanly(sent, tmp_path):
    db, folder = sent
    _fill(folder / P7, {IND: {"I2": 25}, MS: {"J7": 95}})
    preview = preview_collect(db, folder)
    assert preview.refused == []
    _import_q3(db, tmp_path, 130.1)  # between the preview and the write
    before = digest(db.path)
    with pytest.raises(UserError, match=f"{P7}.*(I01|M06)") as exc:
        apply_collect(db, preview)
    assert "\n" not in str(exc.value)
    assert digest(db.path) == before and _q3(db) == Decimal("130.1") and _returns(db) == 0


def test_two_collects_of_one_folder_the_second_is_refused_or_a_no_op(sent):
    db, folder = sent
    _fill(folder / P7, {IND: {"I2": 25}})
    first, second = preview_collect(db, folder), preview_collect(db, folder)
    apply_collect(db, first)
    assert _returns(db) == 2
    before = digest(db.path)
    with pytest.raises(UserError, match="project|项目"):
        apply_collect(db, second)
    assert digest(db.path) == before
    again = collect_returns(db, folder)  # sequentially: both files already collected
    assert again.returns == [] and not again.written and digest(db.path) == before


def test_a_failure_in_the_second_workbook_leaves_no_log_row_of_the_first(sent):
    db, folder = sent
    _fill(folder / P3, {IND: {"I2": 40}})
    _fill(folder / P7, {MS: {"J7": 95}})
    preview = preview_collect(db, folder)
    assert [r.project_no for r in preview.returns] == [3, 7]
    _office_note(db, "并发修改")  # project 7's M06 changes after the check
    before = digest(db.path)
    with pytest.raises(UserError, match=P7):
        apply_collect(db, preview)
    assert digest(db.path) == before and _returns(db) == 0
    each = apply_collect(db, preview, each=True)
    assert [r.project_no for r in each.returns if r.applied] == [3]
    assert [r.file for r in each.refused] == [P7] and _returns(db) == 1


def test_dry_run_is_the_real_run_rolled_back(sent):
    db, folder = sent
    _fill(folder / P7, {IND: {"I2": 25}})
    before = digest(db.path)
    result = collect_returns(db, folder, dry_run=True)
    assert result.refused == [] and not result.written
    assert digest(db.path) == before


def test_an_untouched_text_with_a_trailing_space_is_no_change(demo_db, tmp_path):
    _office_note(demo_db, "待补充验收材料 ")
    folder = tmp_path / "r"
    _make(demo_db, folder, nos=(7,))
    _office_note(demo_db, "同事更新的说明")
    result = collect_returns(demo_db, folder)
    assert result.refused == [] and result.returns[0].changes == []
    assert _m06(demo_db).notes == "同事更新的说明"


def _resign(path: Path, **changes: object) -> None:
    """Rewrite the hidden signature consistently (digest recomputed), as a forger would."""
    wb = load_workbook(path)
    ws = wb["_signature"]
    rows = {r[0].value: r[1].value for r in ws.iter_rows()}
    data = json.loads("".join(str(r[1].value) for r in ws.iter_rows() if r[0].value == "payload"))
    sig = R.Signature(
        project_no=data["project_no"], quarter=data["quarter"], version=data["version"],
        lang=data["lang"], milestones=tuple(data["milestones"]),
        indicators=tuple(data["indicators"]), cells=data["cells"], token=rows.get("token") or "",
    )  # fmt: skip
    from dataclasses import replace

    sig = replace(sig, **changes)  # type: ignore[arg-type]
    for row in list(ws.iter_rows()):
        for cell in row:
            cell.value = None
    for r, (label, value) in enumerate(sig.rows(), start=1):
        ws.cell(r, 1, label)
        ws.cell(r, 2, value)
    wb.save(path)


@pytest.mark.parametrize("quarter", ["2026Q5", "0000Q1", "2101Q1"])
def test_a_return_re_signed_with_a_quarter_outside_the_range_is_exit_2(sent, run_cli, quarter):
    db, folder = sent
    _resign(folder / P7, quarter=quarter)
    path = _cli(db)
    before = digest(path)
    res = run_cli("returns", "collect", str(folder), "--db", str(path), "--lang", "en")
    assert res.returncode == 2, res.stderr
    (line,) = res.stderr.strip().splitlines()
    assert P7 in line and quarter in line and "Traceback" not in res.stderr
    assert digest(path) == before


def test_a_workbook_without_a_known_token_is_refused(sent):
    db, folder = sent
    _resign(folder / P7, token="00000000-0000-0000-0000-000000000000")
    (bad,) = preview_collect(db, folder).refused
    assert bad.file == P7 and "本数据库没有发出过此报送表" in bad.line
    _resign(folder / P7, token="")  # made before the token existed
    (bad,) = preview_collect(db, folder).refused
    assert "--two-way" in bad.line
    _fill(folder / P7, {IND: {"I2": 25}})
    result = collect_returns(db, folder, two_way=True)
    assert result.refused == [] and _q3(db) == Decimal(25)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("B5", "本季度进展_x001B_[31m"),  # ESC as Excel stores it (openpyxl refuses it raw)
        ("B3", "王_x0007_芳"),
        ("B4", "0592\n123"),
    ],
)
def test_a_progress_text_breaking_the_field_rules_is_exit_2(sent, run_cli, cell, value):
    db, folder = sent
    _fill(folder / P7, {PROG: {cell: value}})
    path = _cli(db)
    before = digest(path)
    res = run_cli("returns", "collect", str(folder), "--db", str(path), "--lang", "en")
    assert res.returncode == 2, res.stderr
    (line,) = res.stderr.strip().splitlines()
    assert P7 in line and "control character" in line and f"row {cell[1:]}" in line, line
    assert digest(path) == before


def test_a_milestone_note_with_esc_is_refused(sent):
    db, folder = sent
    _fill(folder / P7, {MS: {"L7": "ok_x001B_bad"}})
    (bad,) = preview_collect(db, folder).refused
    assert "第 7 行,L 说明" in bad.line and "控制字符" in bad.line


def test_the_merged_row_is_checked_not_the_cells(sent):
    """The office set M06's actual start; the unit's finish, valid alone, is before it."""
    db, folder = sent
    m = _m06(db)
    edit = MilestoneEdit(
        title=m.title, planned_end=m.planned_end, planned_start=m.planned_start,
        actual_start=datetime(2026, 6, 1).date(), actual_end=None,
        percent_complete=m.percent_complete, status="in_progress", notes=m.notes,
        deliverable=m.deliverable, owner=m.owner, cancel_reason=m.cancel_reason,
    )  # fmt: skip
    update_milestone(db, m.id, edit, m.version)
    _fill(folder / P7, {MS: {"I7": datetime(2026, 3, 1), "J7": 100, "K7": "已完成"}})
    (bad,) = preview_collect(db, folder).refused
    assert bad.file == P7 and "第 7 行" in bad.line


def test_make_twice_needs_force_and_leaves_no_part_files(sent, run_cli):
    db, folder = sent
    path = _cli(db)
    before = digest(path)
    res = run_cli(
        "returns", "make", "--quarter", "2026Q3", "-o", str(folder), "--db", str(path),
        "--lang", "en",
    )  # fmt: skip
    assert res.returncode == 2
    (line,) = res.stderr.strip().splitlines()
    assert str(folder) in line and "--force" in line
    assert digest(path) == before
    db = _open(path)
    with pytest.raises(UserError, match="--force"):
        _make(db, folder)
    files = _make(db, folder, force=True)
    assert len(files) == 2 and not list(folder.glob("*.part"))
    db.dispose()


def test_cli_quarter_outside_the_range_is_exit_2(sent, run_cli, tmp_path):
    db, _folder = sent
    path = _cli(db)
    for q in ("0000Q1", "2026Q5"):
        res = run_cli(
            "returns", "make", "--quarter", q, "-o", str(tmp_path / "x"), "--db", str(path)
        )
        assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert not (tmp_path / "x").exists()


def test_collect_and_make_on_a_database_another_program_holds_are_exit_2(sent, run_cli):
    """Another program (here this test) writes to the database: one line, exit 2."""
    db, folder = sent
    _fill(folder / P7, {IND: {"I2": 25}})
    before = digest(db.path)
    for args in (
        ("returns", "collect", str(folder)),
        ("returns", "make", "--quarter", "2026Q3", "-o", str(folder / "again")),
    ):
        res = run_cli(*args, "--db", str(db.path), "--lang", "en")
        assert res.returncode == 2, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert digest(db.path) == before and not (folder / "again").exists()


def test_a_make_that_cannot_write_leaves_no_part_file_and_no_sent_row(demo_db, tmp_path):
    folder = tmp_path / "r"
    (folder / (P7 + ".part")).mkdir(parents=True)  # the 7th workbook cannot be written
    with demo_db.reader() as s:
        sent_before = s.scalar(select(func.count()).select_from(ReturnSent))
    with pytest.raises(UserError, match="cannot write|无法写入"):
        _make(demo_db, folder)
    assert [p.name for p in folder.iterdir()] == [P7 + ".part"]  # only the obstacle
    with demo_db.reader() as s:
        assert s.scalar(select(func.count()).select_from(ReturnSent)) == sent_before


def test_a_figure_into_a_closed_quarter_is_a_correction_told_first(demo_db, tmp_path):
    """As for the import: allowed, with the warning that the next brief lists it."""
    from desktop_app.reports import quarter_close as RQ

    RQ.close_quarter(demo_db, "2026Q2")
    folder = tmp_path / "q2"
    make_returns(demo_db, MakeOptions(Quarter(2026, 2), folder, "zh"), [7])
    (path,) = folder.glob("*.xlsx")
    _fill(path, {IND: {"I2": 13}})
    (p7,) = preview_collect(demo_db, folder).returns
    assert any("2026Q2 已关账" in w for w in p7.warnings), p7.warnings


@pytest.mark.postgres
def test_three_way_and_a_race_on_postgresql(pg_db, tmp_path):
    from desktop_app.services.milestones import add_milestone

    pid = _pid(pg_db, 7)
    add_milestone(
        pg_db, pid, MilestoneEdit(title="样机", planned_end=datetime(2026, 12, 31).date())
    )
    (path,) = make_returns(pg_db, MakeOptions(Q3, tmp_path, "zh"), [7]).files
    m = read_milestones(pg_db, pid)[0]
    edit = MilestoneEdit(title=m.title, planned_end=m.planned_end, notes="办公室")
    update_milestone(pg_db, m.id, edit, m.version)  # the office, after sending
    _fill(path, {MS: {"J2": 30, "K2": "进行中"}, PROG: {"B3": "王芳"}})
    preview = preview_collect(pg_db, tmp_path)
    assert preview.refused == []
    m = read_milestones(pg_db, pid)[0]
    edit = MilestoneEdit(title=m.title, planned_end=m.planned_end, notes="办公室再改")
    update_milestone(pg_db, m.id, edit, m.version)  # saved again between check and write
    with pytest.raises(UserError, match="M01"):
        apply_collect(pg_db, preview)
    assert _returns(pg_db) == 0
    result = collect_returns(pg_db, tmp_path)
    assert result.written
    m = read_milestones(pg_db, pid)[0]
    assert (m.percent_complete, m.status, m.notes) == (30, "in_progress", "办公室再改")


@pytest.mark.parametrize(
    "changes",
    [
        {"cells": {"bogus": []}},
        {"cells": {"milestones": [["a", 1, "x"]]}},
        {"cells": {"milestones": [[1, 2]]}},
        {"cells": ["not", "a", "dict"]},
        {"project_no": float("inf")},
    ],
)
def test_a_forged_but_consistent_signature_is_refused_not_a_crash(sent, changes):
    db, folder = sent
    _resign(folder / P7, **changes)
    (bad,) = preview_collect(db, folder).refused
    assert bad.file == P7 and "签名已被改动" in bad.line
