"""Every kind of bad workbook is refused, names the place, and leaves the database as it was."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.io import readers
from desktop_app.io.importer import ImportRefused, import_workbook
from tests.io_books import MILESTONE, fingerprint, write_book

Case = Callable[[Path], Path]


def _ms(**changes) -> dict:
    return {**MILESTONE, **changes}


def _indicator(code: str, weight) -> dict:
    return {
        "project_no": 2,
        "year": 2026,
        "code": code,
        "name": f"指标{code}",
        "weight": weight,
        "target": 10,
        "direction": "越高越好",
    }


def _replace_member(src: Path, dest: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == member else zin.read(item.filename))
    return dest


def _sheet_member(path: Path, title: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return readers._sheet_parts(zf, str(path))[title]


def _many_rows(tmp: Path, *, dimension: bool) -> Path:
    base = write_book(tmp / "base.xlsx")
    member = _sheet_member(base, "里程碑")
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        head += b'<dimension ref="A1:P1000001"/>'
    body = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 1_000_002)
    )
    return _replace_member(
        base,
        tmp / "million.xlsx",
        member,
        head + b"<sheetData>" + body + b"</sheetData></worksheet>",
    )


CASES: dict[str, tuple[Case, tuple[str, ...]]] = {
    "missing sheet": (
        lambda t: write_book(t / "a.xlsx", drop_sheets=("milestones",)),
        ("里程碑", "缺少工作表"),
    ),
    "renamed sheet": (
        lambda t: write_book(t / "a.xlsx", rename_sheets={"milestones": "里程碑2"}),
        ("里程碑", "缺少工作表"),
    ),
    "missing column": (
        lambda t: write_book(t / "a.xlsx", headers={("milestones", "planned_end"): None}),
        ("里程碑", "计划完成", "缺少列"),
    ),
    "renamed column": (
        lambda t: write_book(t / "a.xlsx", headers={("milestones", "title"): "名字"}),
        ("里程碑", "标题", "缺少列"),
    ),
    "text in a date column": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(planned_end="下个月")]}),
        ("里程碑,第 2 行,计划完成", "下个月"),
    ),
    "impossible date": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(planned_end="2026-02-30")]}),
        ("里程碑,第 2 行,计划完成",),
    ),
    "text in an amount column": (
        lambda t: write_book(
            t / "a.xlsx",
            {
                "disbursements": [
                    {
                        "project_no": 1,
                        "paid_on": "2026-05-01",
                        "amount": "很多",
                        "kind": "固定扶持经费",
                    }
                ]
            },
        ),
        ("拨付,第 2 行,金额（万元）", "很多"),
    ),
    "unknown unit in a header": (
        lambda t: write_book(t / "a.xlsx", headers={("disbursements", "amount"): "金额（美元）"}),
        ("拨付,第 1 行,金额（美元）", "美元"),
    ),
    "duplicate key": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(), _ms(title="另一个")]}),
        ("里程碑,第 3 行,里程碑编号", "第 2 行"),
    ),
    "milestone of a project that does not exist": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(project_no=999)]}),
        ("里程碑,第 2 行,项目编号", "999"),
    ),
    "weights not summing to 100": (
        lambda t: write_book(
            t / "a.xlsx", {"indicators": [_indicator("K1", 60), _indicator("K2", 30)]}
        ),
        ("绩效指标,第 2 行,权重", "90"),
    ),
    "required cell blank": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(title="")]}),
        ("里程碑,第 2 行,标题", "必填"),
    ),
    "unknown status": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(status="差不多")]}),
        ("里程碑,第 2 行,状态", "差不多"),
    ),
    "not a whole number": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(project_no=1.5)]}),
        ("里程碑,第 2 行,项目编号", "1.5"),
    ),
    "end before start": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms(planned_start="2027-01-01")]}),
        ("里程碑,第 2 行,计划完成",),
    ),
    "actual for an unknown indicator": (
        lambda t: write_book(
            t / "a.xlsx",
            {
                "actuals": [
                    {"project_no": 1, "year": 2026, "code": "ZZ", "quarter": 1, "ytd_value": 3}
                ]
            },
        ),
        ("指标完成值,第 2 行,指标编号", "ZZ"),
    ),
    "funding plan breaking the taper rules": (
        lambda t: write_book(
            t / "a.xlsx",
            {
                "funding_plans": [
                    {
                        "project_no": 1,
                        "taper_mode": "线性递减",
                        "first_year": 2026,
                        "years": 5,
                        "first_amount": 300,
                    }
                ]
            },
        ),
        ("经费计划,第 2 行,每年递减额",),
    ),
    "grade override without a reason": (
        lambda t: write_book(
            t / "a.xlsx",
            {
                "evaluations": [
                    {
                        "project_no": 1,
                        "year": 2025,
                        "total": 85,
                        "computed_grade": "良",
                        "grade": "优",
                    }
                ]
            },
        ),
        ("绩效评价,第 2 行,调整理由",),
    ),
    "merged cells": (
        lambda t: write_book(t / "a.xlsx", {"milestones": [_ms()]}, merge=("milestones", "C2:D2")),
        ("里程碑", "C2:D2"),
    ),
    "password-protected workbook": (
        lambda t: _write(
            t / "a.xlsx",
            readers.OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512,
        ),
        ("a.xlsx", "密码"),
    ),
    "old .xls workbook": (
        lambda t: _write(t / "a.xls", readers.OLE_MAGIC + b"\0" * 1024),
        ("a.xls", ".xls"),
    ),
    "csv file": (lambda t: _write(t / "a.csv", "项目编号,名称\n1,x\n".encode()), ("a.csv", "CSV")),
    "csv renamed .xlsx": (
        lambda t: _write(t / "a.xlsx", "项目编号,名称\n1,x\n".encode()),
        ("a.xlsx", "不是 Excel"),
    ),
    "random bytes renamed .xlsx": (
        lambda t: _write(t / "a.xlsx", bytes(range(256)) * 40),
        ("a.xlsx", "不是 Excel"),
    ),
    "zip that is not a workbook": (lambda t: _zip(t / "a.xlsx"), ("a.xlsx", "不是 Excel")),
    "empty file": (lambda t: _write(t / "a.xlsx", b""), ("a.xlsx", "为空")),
    "XML entity expansion": (
        lambda t: _replace_member(
            write_book(t / "b.xlsx"),
            t / "a.xlsx",
            "xl/workbook.xml",
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><workbook>&lol;</workbook>',
        ),
        ("a.xlsx", "DTD"),
    ),
    "a million rows": (lambda t: _many_rows(t, dimension=True), ("里程碑", "1000000", "200000")),
    "a million rows without a dimension": (
        lambda t: _many_rows(t, dimension=False),
        ("里程碑", "200000"),
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    return path


def test_at_least_twenty_kinds_of_bad_file() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", list(CASES))
def test_bad_workbook_is_refused_and_changes_nothing(db, tmp_path: Path, name: str) -> None:
    build, expected = CASES[name]
    path = build(tmp_path)
    before, backups = fingerprint(db), list(db.backups_made)
    with pytest.raises(ImportRefused) as info:
        import_workbook(db, path)
    message = str(info.value)
    for fragment in expected:
        assert fragment in message, message
    assert fingerprint(db) == before
    assert db.backups_made == backups


def test_many_problems_are_listed_up_to_fifty(db, tmp_path: Path) -> None:
    rows = [_ms(code=f"M{i}", planned_end="later") for i in range(80)]
    path = write_book(tmp_path / "a.xlsx", {"milestones": rows})
    with pytest.raises(ImportRefused) as info:
        import_workbook(db, path)
    assert info.value.total == 80
    assert len(info.value.problems) == 50
    assert info.value.problems[0].startswith("里程碑,第 2 行,计划完成")
    assert "另有 30 处" in str(info.value)


def test_english_messages(db, tmp_path: Path) -> None:
    from desktop_app.i18n import set_language

    set_language("en")
    path = write_book(tmp_path / "a.xlsx", {"milestones": [_ms(planned_end="soon")]}, lang="en")
    with pytest.raises(ImportRefused) as info:
        import_workbook(db, path)
    assert "Milestones, row 2, Planned end: not a date between 2000 and 2100: soon" in str(
        info.value
    )


def test_cli_exit_2_names_the_place(db, tmp_path: Path, run_cli) -> None:
    path = write_book(tmp_path / "a.xlsx", {"milestones": [_ms(project_no=999)]})
    before = fingerprint(db)
    db.dispose()
    result = run_cli("import", str(path), "--db", str(db.path))
    assert result.returncode == 2, result.stderr
    assert "Milestones" not in result.stderr or "row 2" in result.stderr
    assert "999" in result.stderr
    assert fingerprint(db) == before
