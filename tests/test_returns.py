"""Quarterly returns: make → fill as a unit would (openpyxl) → collect, on real databases.

The filled workbook must change exactly the cells the unit filled; every kind of bad file
is refused with one line naming file, sheet, row and column, and nothing is written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.db.models import (
    AuditEntry,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
    QuarterlyReturn,
)
from desktop_app.domain.periods import Quarter
from desktop_app.io import returns_sheets as R
from desktop_app.io.returns_collect import collect_returns, preview_collect
from desktop_app.io.returns_make import MakeOptions, make_returns
from desktop_app.services.return_status import read_return_status

Q3 = Quarter(2026, 3)
P7 = "07-智慧交通AI计算云平台-2026Q3.xlsx"


def _make(db, folder: Path, quarter: Quarter = Q3, nos=None, lang="zh") -> list[Path]:
    opts = MakeOptions(quarter, folder, lang, office_contact="李明 0592-1234567")
    return make_returns(db, opts, nos).files


def _fill(path: Path, edits: dict[str, dict[str, object]]) -> None:
    """Type into the workbook as a unit would: {sheet title: {cell: value}}."""
    wb = load_workbook(path)
    for sheet, cells in edits.items():
        ws = wb[sheet]
        for ref, value in cells.items():
            ws[ref] = value
    wb.save(path)


def _state(db, no: int) -> dict[str, object]:
    """Every stored field of the project's milestones and actuals."""
    with db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == no))
        ms = {
            m.code: {c.key: getattr(m, c.key) for c in Milestone.__table__.columns}
            for m in s.scalars(select(Milestone).where(Milestone.project_id == pid))
        }
        acts = {}
        for ind in s.scalars(select(Indicator).where(Indicator.project_id == pid)):
            for a in ind.actuals:
                acts[(ind.year, ind.code, a.quarter)] = (a.ytd_value, a.note)
        return {"milestones": ms, "actuals": acts}


def _changed(before: dict, after: dict) -> set[tuple]:
    out = set()
    for code, row in after["milestones"].items():
        for k, v in row.items():
            if before["milestones"][code][k] != v and k != "version":
                out.add(("m", code, k))
    for key in set(before["actuals"]) | set(after["actuals"]):
        if before["actuals"].get(key) != after["actuals"].get(key):
            out.add(("a", *key))
    return out


@pytest.fixture
def made(demo_db, tmp_path):
    folder = tmp_path / "returns"
    files = _make(demo_db, folder)
    return demo_db, folder, files


# ----------------------------------------------------------------------------- make


def test_thirteen_workbooks_with_windows_safe_names(made):
    _db, folder, files = made
    names = sorted(p.name for p in files)
    assert len(names) == 13 and P7 in names
    assert "08-Mini_Micro LED芯片深加工及显示技术研究-2026Q3.xlsx" in names  # "/" replaced
    assert R.safe_file_name('a<b>:c"d|e?*f. ') == "a_b__c_d_e__f"
    assert R.safe_file_name("CON") == "_CON"


def test_made_workbook_is_locked_with_dropdowns_validation_comments_and_hidden_signature(made):
    _db, folder, _files = made
    wb = load_workbook(folder / P7)
    assert wb.sheetnames == ["封面", "里程碑进展", "指标完成值", "进展情况与联系人", "_signature"]
    assert wb["_signature"].sheet_state == "veryHidden"
    ms = wb["里程碑进展"]
    assert ms.protection.sheet and not ms.protection.password  # protected, no password
    # Keys and plan/baseline locked; actual dates, percent, status and note open.
    assert [ms.cell(2, c).protection.locked for c in range(1, 13)] == [True] * 7 + [False] * 5
    kinds = {dv.type: dv for dv in ms.data_validations.dataValidation}
    assert (
        kinds["list"].formula1 == '"未开始,进行中,已完成"' and str(kinds["list"].sqref) == "K2:K9"
    )
    assert kinds["date"].promptTitle == "日期" and kinds["date"].prompt
    assert kinds["whole"].formula1 == "0" and kinds["whole"].formula2 == "100"
    assert ms["H1"].comment is not None and "2026-07-15" in ms["H1"].comment.text
    assert "只读" in ms["A1"].comment.text
    ind = wb["指标完成值"]
    assert ind["H2"].protection.locked and not ind["I2"].protection.locked
    assert any(dv.type == "decimal" and dv.prompt for dv in ind.data_validations.dataValidation)
    # The qualitative indicator (I05) is scored by the office: its value cell is locked.
    assert ind["C6"].value == "I05" and ind["I6"].protection.locked
    progress = wb["进展情况与联系人"]
    assert not progress["B5"].protection.locked and progress["B1"].protection.locked
    sig = {row[0].value: row[1].value for row in wb["_signature"].iter_rows()}
    assert sig["project_no"] == "7" and sig["quarter"] == "2026Q3"
    assert sig["template_version"] == str(R.TEMPLATE_VERSION) and len(sig["digest"]) == 64
    cover = wb["封面"]
    assert "李明" in "".join(str(c.value) for row in cover.iter_rows() for c in row if c.value)


def test_made_workbook_protection_is_in_the_xml(made):
    import zipfile

    _db, folder, _files = made
    with zipfile.ZipFile(folder / P7) as zf:
        sheet2 = zf.read("xl/worksheets/sheet2.xml").decode()
    assert "<sheetProtection" in sheet2 and "password" not in sheet2
    assert 'type="list"' in sheet2 and 'showInputMessage="1"' in sheet2


# ----------------------------------------------------------------------------- collect


def test_filled_return_changes_exactly_the_filled_cells_and_is_audited(made):
    db, folder, _files = made
    before = _state(db, 7)
    _fill(
        folder / P7,
        {
            "里程碑进展": {
                "I7": datetime(2026, 9, 20),
                "J7": 100,
                "K7": "已完成",
                "L7": "样机通过测试",
            },
            "指标完成值": {"I2": 31, "J3": "按季度财务报表"},
            "进展情况与联系人": {"B3": "王芳", "B4": "0592-7654321", "B5": "本季度完成样机验证。"},
        },
    )
    result = collect_returns(db, folder, officer="陈专员")
    assert result.refused == [] and result.written
    assert len(result.returns) == 13
    p7 = next(r for r in result.returns if r.project_no == 7)
    assert {(c.key, c.field) for c in p7.changes} == {
        ("M06", "实际完成"),
        ("M06", "完成进度（%）"),
        ("M06", "状态"),
        ("M06", "说明"),
        ("I01", "本季度累计值"),
        ("I02", "说明"),
    }
    after = _state(db, 7)
    assert _changed(before, after) == {
        ("m", "M06", "actual_end"),
        ("m", "M06", "percent_complete"),
        ("m", "M06", "status"),
        ("m", "M06", "notes"),
        ("a", 2026, "I01", 3),
        ("a", 2026, "I02", 3),
    }
    assert after["actuals"][(2026, "I01", 3)][0] == Decimal(31)
    assert after["milestones"]["M06"]["actual_end"] == date(2026, 9, 20)
    with db.reader() as s:
        log = s.scalars(select(QuarterlyReturn).where(QuarterlyReturn.quarter == "2026Q3")).all()
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.table_name.in_(["milestone", "indicator_actual"]))
        ).all()
    mine = [e for e in entries if "2026Q3" in e.reason]
    assert mine and all("示例承担单位07" in e.reason and "王芳" in e.reason for e in mine)
    assert {e.officer for e in mine} == {"陈专员"}
    # Every unit's workbook came back (unchanged ones too): 13 log rows, one with changes.
    assert len(log) == 13
    p7_log = next(r for r in log if r.file_name == P7)
    assert p7_log.contact_name == "王芳" and p7_log.narrative == "本季度完成样机验证。"
    assert len(json.loads(p7_log.changes)) == 6 and len(p7_log.file_sha256) == 64


def test_status_table_names_who_returned_and_who_is_missing(made):
    db, folder, _files = made
    for p in folder.iterdir():
        if not p.name.startswith(("07-", "03-")):
            p.unlink()
    _fill(folder / P7, {"指标完成值": {"I2": 31}, "进展情况与联系人": {"B3": "王芳"}})
    collect_returns(db, folder)
    rows = read_return_status(db, Q3)
    assert [r.project_no for r in rows] == list(range(1, 14))
    returned = {r.project_no for r in rows if r.returned}
    assert returned == {3, 7}
    r7 = rows[6]
    assert r7.file_name == P7 and r7.contact == "王芳" and r7.changed == 1
    assert "I01" in r7.changes and r7.received_at is not None and r7.returns == 1
    assert rows[0].unit and not rows[0].returned and rows[0].received_at is None
    assert all(not r.returned for r in read_return_status(db, "2026Q2"))


def test_second_return_shows_what_differs_from_the_first_then_replaces_it(made):
    db, folder, _files = made
    only = folder.parent / "one"
    only.mkdir()
    first = only / P7
    shutil.copyfile(folder / P7, first)
    _fill(first, {"指标完成值": {"I2": 31}, "进展情况与联系人": {"B3": "王芳"}})
    collect_returns(db, only)
    _fill(first, {"指标完成值": {"I2": 33}, "里程碑进展": {"J7": 95}})
    preview = preview_collect(db, only)
    (p7,) = preview.returns
    assert p7.previous is not None and p7.previous.file_name == P7
    assert {(c.key, c.before, c.after) for c in p7.since_previous} == {
        ("I01", "31", "33"),
        ("M06", "89", "95"),
    }
    collect_returns(db, only)
    assert _state(db, 7)["actuals"][(2026, "I01", 3)][0] == Decimal(33)
    (row,) = [r for r in read_return_status(db, Q3) if r.project_no == 7]
    assert row.returns == 2
    # The very same file again is skipped with a note, not recorded a third time.
    again = collect_returns(db, only)
    assert again.returns == [] and any("收取过" in n for n in again.notes)


def test_warnings_for_a_lower_ytd_and_a_finish_after_the_quarter(made, monkeypatch):
    db, folder, _files = made
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 11, 1).timestamp())))
    _fill(
        folder / P7,
        {
            "指标完成值": {"I2": 10},
            "里程碑进展": {"I7": datetime(2026, 10, 20), "J7": 100, "K7": "已完成"},
        },
    )
    result = preview_collect(db, folder)
    p7 = next(r for r in result.returns if r.project_no == 7)
    text = " | ".join(p7.warnings)
    assert "低于上季度的 12.5" in text and "晚于季度末(2026-09-30)" in text


# ----------------------------------------------------------------------------- refusals


def _refusal(db, folder: Path, **kw) -> str:
    result = preview_collect(db, folder, **kw)
    bad = [r for r in result.refused if r.file == P7]
    assert len(bad) == 1, result.refused
    return bad[0].line


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ({"里程碑进展": {"B3": "M99"}}, "里程碑进展,第 3 行,B 里程碑编号:键由“M02”改为“M99”"),
        (
            {"里程碑进展": {"E3": datetime(2025, 1, 1)}},
            "里程碑进展,第 3 行,E 计划完成:只读单元格被修改",
        ),
        ({"指标完成值": {"H2": 99}}, "指标完成值,第 2 行,H 上季度累计值:只读单元格被修改"),
        ({"里程碑进展": {"A4": 5}}, "里程碑进展,第 4 行,A 项目编号:这是项目 5 的行"),
        (
            {"里程碑进展": {"A10": 5, "B10": "M01"}},
            "里程碑进展,第 10 行,A 项目编号:这是项目 5 的行",
        ),
        ({"里程碑进展": {"A10": 7, "B10": "M09"}}, "第 10 行,A 项目编号:发出的报送表中没有此行"),
        ({"里程碑进展": {"I7": "下周"}}, "里程碑进展,第 7 行,I 实际完成:不是"),
        ({"里程碑进展": {"K7": "已取消"}}, "第 7 行,K 状态:单位不能取消里程碑"),
        ({"里程碑进展": {"K7": "完成了"}}, "第 7 行,K 状态:未知值“完成了”"),
        ({"里程碑进展": {"J7": 150}}, "第 7 行,J 完成进度（%）:须在 0 至 100 之间(150)"),
        ({"里程碑进展": {"I7": datetime(2099, 1, 1)}}, "第 7 行,I 实际完成:实际完成日期晚于今天"),
        (
            {"里程碑进展": {"K7": "已完成", "J7": 100}},
            "第 7 行,I 实际完成:已完成的里程碑须填写实际完成日期",
        ),
        (
            {"里程碑进展": {"K7": "已完成"}},
            "第 7 行,J 完成进度（%）:已完成的里程碑完成百分比须为 100%",
        ),
        ({"指标完成值": {"I2": -3}}, "指标完成值,第 2 行,I 本季度累计值:"),
        ({"指标完成值": {"I2": "很多"}}, "指标完成值,第 2 行,I 本季度累计值:不是数字"),
        ({"_signature": {"B3": "5"}}, "签名已被改动"),
        ({"_signature": {"B2": "2"}}, "报送表模板版本为 2,本程序无法识别"),
    ],
)
def test_a_bad_cell_is_refused_naming_file_sheet_row_and_column(made, edits, expected):
    db, folder, _files = made
    _fill(folder / P7, edits)
    line = _refusal(db, folder)
    assert line.startswith(P7) and expected in line, line


def test_a_file_without_signature_is_refused(made):
    db, folder, _files = made
    wb = load_workbook(folder / P7)
    del wb["_signature"]
    wb.save(folder / P7)
    assert "无签名" in _refusal(db, folder)


def test_a_file_for_another_quarter_is_refused(made, tmp_path):
    db, folder, _files = made
    _make(db, tmp_path / "q2", Quarter(2026, 2), nos=[7])
    (folder / P7).unlink()
    other = tmp_path / "q2" / "07-智慧交通AI计算云平台-2026Q2.xlsx"
    shutil.copyfile(other, folder / other.name)
    result = preview_collect(db, folder, Q3)
    (bad,) = result.refused
    assert bad.file == other.name and "此报送表属于 2026Q2,不是 2026Q3" in bad.line


def test_two_files_for_one_project_are_both_refused(made):
    db, folder, _files = made
    shutil.copyfile(folder / P7, folder / "07-副本.xlsx")
    result = preview_collect(db, folder)
    assert sorted(r.file for r in result.refused) == ["07-副本.xlsx", P7]
    assert all("项目 7 有两个文件" in r.line for r in result.refused)


def test_a_workbook_open_in_excel_is_skipped_with_a_note(made):
    db, folder, _files = made
    (folder / ("~$" + P7)).write_bytes(b"lock")
    result = preview_collect(db, folder)
    assert result.refused == [] and len(result.returns) == 12
    assert any(P7 in n and "仍在 Excel 中打开" in n for n in result.notes)


def test_all_or_nothing_by_default_and_each_applies_the_good_ones(made):
    db, folder, _files = made
    three = "03-网络安全技术创新中心-2026Q3.xlsx"
    _fill(folder / three, {"指标完成值": {"I2": 40}})
    _fill(folder / P7, {"里程碑进展": {"B3": "M99"}})
    before = _state(db, 3)
    result = collect_returns(db, folder)
    assert not result.written and _state(db, 3) == before
    assert all(not r.returned for r in read_return_status(db, Q3))
    result = collect_returns(db, folder, each=True)
    assert result.written and len(result.refused) == 1
    assert _state(db, 3) != before
    assert {r.project_no for r in read_return_status(db, Q3) if r.returned} == set(range(1, 14)) - {
        7
    }


def test_a_return_never_overwrites_a_newer_edit(made):
    from desktop_app.io.returns_collect import apply_collect
    from desktop_app.services.milestones import read_milestones

    db, folder, _files = made
    _fill(folder / P7, {"里程碑进展": {"J7": 95}})
    preview = preview_collect(db, folder)
    with db.session() as s:  # an officer saves M06 meanwhile
        m = s.scalar(select(Milestone).where(Milestone.code == "M06", Milestone.project.has(no=7)))
        m.notes = "officer"
    from desktop_app.errors import UserError

    with pytest.raises(UserError, match="M06"):
        apply_collect(db, preview)
    with db.reader() as s:
        project_id = s.scalar(select(Project.id).where(Project.no == 7))
    m06 = next(m for m in read_milestones(db, project_id) if m.code == "M06")
    assert m06.percent_complete == 89 and m06.notes == "officer"


# ----------------------------------------------------------------------------- CLI


def test_cli_make_and_collect_exit_2_with_one_line_per_bad_file(demo_template, run_cli, tmp_path):
    dbfile = tmp_path / "cli.sqlite"
    shutil.copyfile(demo_template, dbfile)
    out = tmp_path / "out"
    made = run_cli("returns", "make", "--quarter", "2026Q3", "-o", str(out), "--db", str(dbfile))
    assert made.returncode == 0, made.stderr
    assert len(list(out.glob("*.xlsx"))) == 13
    _fill(out / P7, {"里程碑进展": {"B3": "M99"}})
    wb = load_workbook(out / "03-网络安全技术创新中心-2026Q3.xlsx")
    del wb["_signature"]
    wb.save(out / "03-网络安全技术创新中心-2026Q3.xlsx")
    res = run_cli("returns", "collect", str(out), "--db", str(dbfile), "--lang", "zh")
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("key-projects: 0") for line in lines)
    assert "Traceback" not in res.stderr and "未写入任何数据" in res.stdout
    status = run_cli("returns", "status", "--quarter", "2026Q3", "--db", str(dbfile))
    assert status.returncode == 0 and "0 of 13" in status.stdout
    each = run_cli("returns", "collect", str(out), "--each", "--db", str(dbfile))
    assert each.returncode == 2 and "11 return(s) recorded" in each.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_a_libreoffice_resave_still_collects(made, tmp_path):
    db, folder, _files = made
    _fill(folder / P7, {"指标完成值": {"I2": 31}})
    conv = tmp_path / "conv"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(conv), str(folder / P7)],
        check=True,
        timeout=180,
    )
    (folder / P7).unlink()
    shutil.copyfile(conv / P7, folder / P7)
    result = preview_collect(db, folder)
    assert result.refused == []
    p7 = next(r for r in result.returns if r.project_no == 7)
    assert [(c.key, c.after) for c in p7.changes] == [("I01", "31")]


def test_english_workbook_round_trips(demo_db, tmp_path):
    files = _make(demo_db, tmp_path / "en", lang="en", nos=[7])
    wb = load_workbook(files[0])
    assert wb.sheetnames[:4] == ["Cover", "Milestones", "Indicators", "Progress and contact"]
    ws = wb["Milestones"]
    ws["J7"] = 90
    wb.save(files[0])
    result = collect_returns(demo_db, tmp_path / "en")
    assert result.refused == [] and result.written
    with demo_db.reader() as s:
        pct = s.scalar(
            select(Milestone.percent_complete).where(
                Milestone.code == "M06", Milestone.project.has(no=7)
            )
        )
    assert pct == 90
    assert IndicatorActual  # imported for the model list


@pytest.mark.postgres
def test_make_and_collect_on_postgresql(pg_db, tmp_path):
    from desktop_app.domain.milestones import MilestoneEdit
    from desktop_app.services.milestones import add_milestone

    with pg_db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 7))
    add_milestone(pg_db, pid, MilestoneEdit(title="样机", planned_end=date(2026, 12, 31)))
    (path,) = _make(pg_db, tmp_path, nos=[7])
    _fill(path, {"里程碑进展": {"H2": datetime(2026, 8, 1), "J2": 30, "K2": "进行中"}})
    result = collect_returns(pg_db, tmp_path)
    assert result.refused == [] and result.written
    with pg_db.reader() as s:
        m = s.scalar(select(Milestone).where(Milestone.project_id == pid))
    assert (m.actual_start, m.percent_complete, m.status) == (date(2026, 8, 1), 30, "in_progress")
    assert [r.project_no for r in read_return_status(pg_db, Q3) if r.returned] == [7]


def test_status_section_for_the_brief_appendix(made, tmp_path):
    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    from desktop_app.reports.fonts import register_fonts
    from desktop_app.reports.returns_appendix import returns_section
    from desktop_app.reports.styles import make_styles

    db, folder, _files = made
    (folder / "03-网络安全技术创新中心-2026Q3.xlsx").unlink()
    _fill(folder / P7, {"指标完成值": {"I2": 31}})
    collect_returns(db, folder)
    register_fonts()
    pdf = tmp_path / "appendix.pdf"
    story = returns_section(read_return_status(db, Q3), "2026Q3", make_styles("zh"))
    SimpleDocTemplate(str(pdf)).build(story)
    page = PdfReader(str(pdf)).pages[0].extract_text()
    assert "回收情况" in page and "未报送:03" in page and "I01" in page


def test_a_closed_year_locks_the_indicator_figures(demo_db, tmp_path):
    (path,) = _make(demo_db, tmp_path, Quarter(2025, 4), nos=[7])
    wb = load_workbook(path)
    ind = wb["指标完成值"]
    assert ind["I2"].protection.locked and "绩效评价" in ind["I2"].comment.text
    ind["I2"] = 1
    wb.save(path)
    (bad,) = preview_collect(demo_db, tmp_path).refused
    assert "指标完成值,第 2 行,I 本季度累计值:只读单元格被修改" in bad.line
