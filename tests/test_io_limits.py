"""Issue 14: no workbook can corrupt, overflow or silently change the data.

Each case is a workbook generated here that once got through (or failed with exit 1):
project no. 0, −7 or 1e20, 1e13 万元, amounts finer than a fen, rates and weights with more
places than the column keeps, over-long text, control characters, one code spelled three
ways. Each must be refused naming sheet, row, column and reason — the same way by a dry
run and by the real run — and leave the database exactly as it was.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.io.importer import ImportRefused, import_workbook
from tests.io_books import MILESTONE, fingerprint, plan, write_book
from tests.test_io_bad_input import CASES as FILE_CASES

Case = Callable[[Path], Path]


def _ms(**changes) -> dict:
    return {**MILESTONE, **changes}


def _project(**changes) -> dict:
    return {"no": 14, "name_zh": "新的项目", "status": "实施中", **changes}


def _pay(**changes) -> dict:
    return {
        "project_no": 1,
        "paid_on": "2026-05-01",
        "amount": 10,
        "kind": "固定扶持经费",
        **changes,
    }


def _indicator(**changes) -> dict:
    return {
        "project_no": 2,
        "year": 2026,
        "code": "K1",
        "name": "指标",
        "weight": 100,
        "target": 10,
        "direction": "越高越好",
        **changes,
    }


def _plan(**changes) -> dict:
    return {
        "project_no": 1,
        "taper_mode": "比例递减",
        "first_year": 2026,
        "years": 5,
        "first_amount": 300,
        "rate": 20,
        **changes,
    }


def _book(sheet: str, row: dict, **kw) -> Case:
    return lambda t: write_book(t / "a.xlsx", {sheet: [row]}, **kw)


def _patched(field: str, raw: bytes) -> Case:
    """A milestone whose `field` holds `raw` in the sheet XML: what openpyxl will not write
    (control characters as Excel's `_x001B_` escapes; text past 32,767 characters)."""

    def build(t: Path) -> Path:
        plain = write_book(t / "plain.xlsx", {"milestones": [_ms(**{field: "PLACEHOLDER"})]})
        out = t / "a.xlsx"
        with (
            zipfile.ZipFile(plain) as zin,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
        ):
            for item in zin.infolist():
                zout.writestr(item, zin.read(item.filename).replace(b"PLACEHOLDER", raw))
        return out

    return build


LIMIT_CASES: dict[str, tuple[Case, tuple[str, ...]]] = {
    "project no. 0": (_book("projects", _project(no=0)), ("项目,第 2 行,项目编号", "1 至 99999")),
    "project no. -7": (_book("projects", _project(no=-7)), ("项目,第 2 行,项目编号", "-7")),
    "project no. 1e20": (
        _book("milestones", _ms(project_no=1e20)),
        ("里程碑,第 2 行,项目编号", "1 至 99999"),
    ),
    "1e13 万元": (
        _book("disbursements", _pay(amount=1e13)),
        ("拨付,第 2 行,金额（万元）", "100 亿元"),
    ),
    "amount finer than a fen (text)": (
        _book("disbursements", _pay(amount="100.1234567")),
        ("拨付,第 2 行,金额（万元）", "小数超过 6 位", "100.1234567"),
    ),
    "amount finer than a fen (number)": (
        _book("disbursements", _pay(amount=100.1234567)),
        ("拨付,第 2 行,金额（万元）", "小数超过 6 位"),
    ),
    "yuan finer than a fen": (
        _book(
            "disbursements",
            _pay(amount=12.345),
            headers={("disbursements", "amount"): "金额（元）"},
        ),
        ("拨付,第 2 行,金额（元）", "小数超过 2 位"),
    ),
    "negative amount": (
        _book("disbursements", _pay(amount=-5)),
        ("拨付,第 2 行,金额（万元）", "负数"),
    ),
    "rate with more places than kept": (
        _book("funding_plans", _plan(rate=12.345678)),
        ("经费计划,第 2 行,每年递减比例（%）", "小数超过 4 位"),
    ),
    "weight with five places": (
        _book("indicators", _indicator(weight="99.99999")),
        ("绩效指标,第 2 行,权重", "小数超过 4 位"),
    ),
    "total with two places": (
        _book(
            "evaluations",
            {"project_no": 1, "year": 2025, "total": 85.25, "computed_grade": "良", "grade": "良"},
        ),
        ("绩效评价,第 2 行,总分", "小数超过 1 位"),
    ),
    "percent complete 150": (
        _book("milestones", _ms(percent_complete=150)),
        ("里程碑,第 2 行,完成进度（%）", "0 至 100"),
    ),
    "percent complete 12.5": (
        _book("milestones", _ms(percent_complete=12.5)),
        ("里程碑,第 2 行,完成进度（%）", "整数"),
    ),
    "year 1999": (
        _book("indicators", _indicator(year=1999)),
        ("绩效指标,第 2 行,年度", "2000 至 2100"),
    ),
    "a 40,000-character note": (
        _patched("notes", "长".encode() * 40_000),
        ("里程碑,第 2 行,备注", "最多 32767 个字符", "40000"),
    ),
    "a 101-character 文号": (
        _book("disbursements", _pay(doc_no="D" * 101)),
        ("拨付,第 2 行,文号", "最多 100 个字符"),
    ),
    "a 50-character code": (
        _book("milestones", _ms(code="M" * 50)),
        ("里程碑,第 2 行,里程碑编号", "最多 32 个字符"),
    ),
    "a 201-character project name": (
        _book("projects", _project(name_zh="名" * 201)),
        ("项目,第 2 行,项目名称", "最多 200 个字符"),
    ),
    "control characters in a note": (
        _patched("notes", b"a_x001B__x0000__x0007_b"),
        ("里程碑,第 2 行,备注", "U+001B"),
    ),
    "a NUL in a title": (_patched("title", b"a_x0000_b"), ("里程碑,第 2 行,标题", "U+0000")),
    "a tab in a title": (
        _book("milestones", _ms(title="中试\t线")),
        ("里程碑,第 2 行,标题", "U+0009", "备注"),
    ),
    "one code spelled three ways": (
        lambda t: write_book(
            t / "a.xlsx", {"milestones": [_ms(code="Ｍ９０"), _ms(code="m90"), _ms(code="M90")]}
        ),
        ("里程碑,第 3 行,里程碑编号", "与第 2 行的键相同"),
    ),
}

#: The file-level cases of test_io_bad_input too (the million-row ones are slow to build).
ALL_CASES = {
    **LIMIT_CASES,
    **{k: v for k, v in FILE_CASES.items() if "million" not in k},
}


def _refusal(db, path: Path, *, dry_run: bool) -> str:
    with pytest.raises(ImportRefused) as info:
        import_workbook(db, path, dry_run=dry_run)
    return str(info.value)


@pytest.mark.parametrize("name", list(LIMIT_CASES))
def test_limit_is_refused_naming_the_place(db, tmp_path: Path, name: str) -> None:
    build, expected = LIMIT_CASES[name]
    path = build(tmp_path)
    before = fingerprint(db)
    message = _refusal(db, path, dry_run=False)
    first = message.splitlines()[0]
    assert first.startswith(f"{path}:"), first
    for fragment in expected:
        assert fragment in first, first
    assert "共 " in first and "未导入任何数据" in first
    assert "constraint" not in message.lower() and "sqlite" not in message.lower()
    assert fingerprint(db) == before


@pytest.mark.parametrize("name", list(ALL_CASES))
def test_dry_run_and_real_run_refuse_alike(db, tmp_path: Path, name: str) -> None:
    build, _expected = ALL_CASES[name]
    path = build(tmp_path)
    before = fingerprint(db)
    dry = _refusal(db, path, dry_run=True)
    assert fingerprint(db) == before
    real = _refusal(db, path, dry_run=False)
    assert fingerprint(db) == before
    assert dry == real
    assert db.backups_made == []


def test_codes_are_matched_however_they_are_typed(db, tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", {"milestones": [_ms(code="ｍ９０")]})
    preview = import_workbook(db, path)
    assert preview.added == 1
    again = write_book(tmp_path / "b.xlsx", {"milestones": [_ms(code="M90", title="改名")]})
    preview = import_workbook(db, again, dry_run=True)
    assert (preview.added, preview.changed) == (0, 1)


def test_a_good_dry_run_writes_nothing_and_matches_the_real_preview(db, tmp_path: Path) -> None:
    rows = {"milestones": [_ms()], "disbursements": [_pay()], "funding_plans": [plan(1)]}
    path = write_book(tmp_path / "a.xlsx", rows)
    before = fingerprint(db)
    dry = import_workbook(db, path, dry_run=True)
    assert fingerprint(db) == before and not dry.written
    real = import_workbook(db, path)
    assert real.written and (real.added, real.changed) == (dry.added, dry.changed) == (3, 0)


@pytest.mark.parametrize(
    "name", ["project no. 0", "1e13 万元", "amount finer than a fen (text)", "a tab in a title"]
)
def test_cli_refusal_first_line_is_the_whole_first_problem(db, tmp_path, run_cli, name) -> None:
    build, expected = LIMIT_CASES[name]
    path = build(tmp_path)
    before = fingerprint(db)
    db.dispose()
    outputs = []
    for extra in (("--dry-run",), ()):
        result = run_cli("import", str(path), "--db", str(db.path), "--lang", "zh", *extra)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"key-projects: {path}:")
        for fragment in expected:
            assert fragment in first, first
        assert "共 " in first
        outputs.append(result.stderr)
    assert outputs[0] == outputs[1]
    assert fingerprint(db) == before


def test_a_refusal_only_the_database_makes_is_heard_in_a_dry_run_too(db, tmp_path: Path) -> None:
    """Swapping two names passes every rule on the merged data, but the row-by-row
    update meets the unique name: the dry run (the real run rolled back) says so, in the
    workbook's terms, exactly as the real run does."""
    from desktop_app.services.project_list import read_project_rows

    names = {p.no: p.name_zh for p in read_project_rows(db)}
    rows = [
        _project(no=1, name_zh=names[2]),
        _project(no=2, name_zh=names[1]),
    ]
    path = write_book(tmp_path / "a.xlsx", {"projects": rows})
    before = fingerprint(db)
    dry = _refusal(db, path, dry_run=True)
    real = _refusal(db, path, dry_run=False)
    assert dry == real
    first = dry.splitlines()[0]
    assert "项目" in first and "项目名称" in first and "分两次导入" in first
    assert "UNIQUE" not in dry and "constraint" not in dry.lower()
    assert fingerprint(db) == before
