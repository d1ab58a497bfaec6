"""The workbook import applies the same rules as the dialogs and services (issue 24).

Each case is tried from outside, on the demo database, as an officer would: an exported
workbook edited and imported through the command line. A refusal is exit 2 with one
line naming file, sheet, row, column and why, and the database is unchanged.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from io_books import fingerprint, write_book
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from desktop_app.db.database import Database
from desktop_app.db.models import Disbursement, EvaluationItem, Indicator, Milestone
from desktop_app.domain.milestones import MilestoneEdit
from desktop_app.io.export import export_workbook
from desktop_app.io.importer import preview_import
from desktop_app.services import milestones


def _edit(book: Path, sheet: str, match: dict[str, Any], header: str, value: Any) -> Path:
    """Change one cell of the row whose cells (by header) equal `match`; re-save."""
    wb = load_workbook(book)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    where = {h: headers.index(h) for h in match}
    for row in ws.iter_rows(min_row=2):
        if all(row[i].value == match[h] for h, i in where.items()):
            ws.cell(row=row[0].row, column=headers.index(header) + 1, value=value)
            wb.save(book)
            return book
    raise AssertionError(f"no row {match} in {sheet}")


def _refused(
    run_cli,
    db: Database,
    book: Path,
    *parts: str,
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> str:
    """Import through the command line: exit 2, the first line names every part, and the
    database is what it was."""
    before = fingerprint(db)
    db.dispose()  # the command line takes the writer's lock
    done = run_cli("import", str(book), "--db", str(db.path), *extra, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    first = done.stderr.splitlines()[0]
    assert "Traceback" not in done.stderr
    for part in (str(book), *parts):
        assert part in first, (part, first)
    assert fingerprint(db) == before
    return first


# ------------------------------------------------ rule 1: plan years, closed years


def test_a_payment_outside_its_plan_is_refused_as_the_dialog_does(demo_db, tmp_path, run_cli):
    """Project 1's plan is 2023–2027; payment 1 moved to 2040 is refused by
    domain.funding.payment_problems, the rule the payment dialog applies."""
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    _edit(book, "拨付", {"拨付编号": 1}, "拨付日期", date(2040, 3, 11))
    first = _refused(run_cli, demo_db, book, "拨付", "row 2", "拨付日期", "2040", "2023")
    assert "outside" in first


def test_a_plan_year_the_plan_does_not_have_is_refused(demo_db, tmp_path, run_cli) -> None:
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    _edit(book, "拨付", {"拨付编号": 1}, "计划年度", 2031)
    _refused(run_cli, demo_db, book, "拨付", "row 2", "计划年度", "2031")


def test_an_actual_of_a_year_closed_by_its_evaluation_is_refused(demo_db, tmp_path, run_cli):
    """Project 1's 2023 is evaluated: `set_actual` refuses its actuals, so does the import
    (domain.scoring.closed_year_problem)."""
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    key = {"项目编号": 1, "年度": 2023, "指标编号": "I01", "季度": 3}
    _edit(book, "指标完成值", key, "年度累计值", 30)
    first = _refused(run_cli, demo_db, book, "指标完成值", "年度累计值", "2023")
    assert "closed by its evaluation" in first


def test_an_actual_of_a_quarter_not_begun_is_refused_as_set_actual_does(
    demo_db, tmp_path, run_cli
) -> None:
    """On 2026-02-01 the second quarter of 2026 has not begun: `set_actual` refuses a
    figure for it, so does the import (domain.scoring.actual_quarter_problem)."""
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    key = {"项目编号": 1, "年度": 2026, "指标编号": "I01", "季度": 2}
    _edit(book, "指标完成值", key, "年度累计值", 1)
    february = str(int(datetime(2026, 2, 1, tzinfo=UTC).timestamp()))
    first = _refused(
        run_cli, demo_db, book, "指标完成值", "季度", env={"SOURCE_DATE_EPOCH": february}
    )
    assert "Q2 of 2026 has not begun" in first


# ------------------------------------------------------------------ rule 2: years 2000–2100


def test_plan_years_and_base_years_outside_2000_to_2100_are_refused(demo_db, tmp_path, run_cli):
    for i, value in enumerate((1e15, 1999)):
        book = export_workbook(demo_db, tmp_path / f"p{i}.xlsx")
        _edit(book, "拨付", {"拨付编号": 1}, "计划年度", value)
        _refused(run_cli, demo_db, book, "拨付", "row 2", "计划年度", "2000", "2100")
    book = write_book(
        tmp_path / "t.xlsx",
        {"district_targets": [{"indicator_no": 1, "period_code": "2021-2025", "base_year": 1e15}]},
    )
    _refused(run_cli, demo_db, book, "区级指标目标", "row 2", "基期年度", "2000", "2100")


# ------------------------------------------------------------------ rule 3: the row after the merge


def test_two_sides_each_valid_but_together_invalid_are_refused_naming_the_row(
    demo_db, tmp_path, run_cli
) -> None:
    """M01 of project 1 ran 2023-02-01 → 2023-11-24. The window moves its actual start to
    2023-11-22 (valid); a stale workbook moves its actual end to 2023-02-03 (valid with
    the start it shows). Merged, the row would end before it starts: refused."""
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    with demo_db.reader() as s:
        mid = s.scalars(
            select(Milestone.id).where(Milestone.code == "M01", Milestone.project_id == 1)
        ).one()
    row = milestones.read_milestone(demo_db, mid)
    edit = MilestoneEdit(**{f.name: getattr(row, f.name) for f in fields(MilestoneEdit)})
    edit = MilestoneEdit(**{**edit.__dict__, "actual_start": date(2023, 11, 22)})
    milestones.update_milestone(demo_db, mid, edit, row.version)
    _edit(book, "里程碑", {"项目编号": 1, "里程碑编号": "M01"}, "实际完成", date(2023, 2, 3))
    first = _refused(run_cli, demo_db, book, "里程碑", "row 2", "实际完成", "2023-11-22")
    assert "before the start" in first


# ------------------------------------------------------------------ rule 4: another database


def _paid(db: Database) -> tuple[int, int]:
    with db.reader() as s:
        return tuple(  # type: ignore[return-value]
            s.execute(select(func.count(Disbursement.id), func.sum(Disbursement.amount_fen))).one()
        )


def test_a_workbook_of_another_database_is_refused_unless_imported_as_hand_made(
    demo_db, tmp_path, run_cli
) -> None:
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    _edit(book, "拨付", {"拨付编号": 1}, "金额（万元）", 650)
    with demo_db.session() as s:  # the same rows, but another database's identity
        theirs = s.execute(text("SELECT value FROM setting WHERE key = 'database_id'")).scalar()
        s.execute(text("UPDATE setting SET value = 'our-own-db' WHERE key = 'database_id'"))
    count, total = _paid(demo_db)
    _refused(run_cli, demo_db, book, "another database", str(theirs), "our-own-db", "--foreign")
    done = run_cli("import", str(book), "--db", str(demo_db.path), "--foreign")
    assert done.returncode == 0, done.stderr
    assert "exported from another database" in done.stdout
    # A correction, never a second payment: the count stays, the total rises by 50 万元.
    assert _paid(demo_db) == (count, total + 50 * 1_000_000)
    with demo_db.reader() as s:
        assert s.get(Disbursement, 1).amount_fen == 650 * 1_000_000


# ------------------------------------------------------------------ rule 5: text as stored


def test_an_untouched_note_with_a_trailing_space_is_not_a_conflict(demo_db, tmp_path, run_cli):
    with demo_db.session() as s:
        s.execute(
            text(
                "UPDATE milestone SET notes = '待补充验收材料 ', version = version + 1 "
                "WHERE project_id = 1 AND code = 'M02'"
            )
        )
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    with demo_db.session() as s:  # a colleague's newer note
        s.execute(
            text(
                "UPDATE milestone SET notes = '同事的新备注', version = version + 1 "
                "WHERE project_id = 1 AND code = 'M02'"
            )
        )
    preview = preview_import(demo_db, book)
    assert not preview.conflicts and preview.changed == 0
    demo_db.dispose()
    done = run_cli("import", str(book), "--db", str(demo_db.path), "--theirs")
    assert done.returncode == 0, done.stderr
    with demo_db.reader() as s:
        note = s.scalars(
            select(Milestone.notes).where(Milestone.project_id == 1, Milestone.code == "M02")
        ).one()
    assert note == "同事的新备注"


# ------------------------------------------------------------------ rule 6: codes normalised


def test_evaluation_items_match_an_indicator_code_however_typed(demo_db, tmp_path) -> None:
    with demo_db.reader() as s:
        actual, score = s.execute(
            select(EvaluationItem.actual, EvaluationItem.score)
            .join(Indicator, EvaluationItem.indicator_id == Indicator.id)
            .where(Indicator.project_id == 1, Indicator.year == 2023, Indicator.code == "I01")
        ).one()
    row = {
        "project_no": 1,
        "year": 2023,
        "indicator_code": "i01",
        "actual": float(actual) if actual is not None else None,
        "score": float(Decimal(score)),
    }
    book = write_book(tmp_path / "a.xlsx", {"evaluation_items": [row]})
    preview = preview_import(demo_db, book)
    items = next(s for s in preview.sheets if s.name == "evaluation_items")
    assert (len(items.added), len(items.changed), items.unchanged) == (0, 0, 1)


def test_weights_off_100_after_the_merge_are_refused(demo_db, tmp_path, run_cli) -> None:
    """Project 1's 2026 weights are 30/25/20/10/15. The window moves 10 from I02 to I01
    (40/15), a stale workbook moves 5 from I03 to I01 (35/15): each side sums to 100;
    taking the workbook's I01 (--theirs) would leave 35+15+15+10+15 = 90. Refused."""
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    with demo_db.session() as s:
        for code, weight in (("I01", 400_000), ("I02", 150_000)):
            s.execute(
                text(
                    "UPDATE indicator SET weight = :w, version = version + 1 "
                    "WHERE project_id = 1 AND year = 2026 AND code = :c"
                ),
                {"w": weight, "c": code},
            )
    key = {"项目编号": 1, "年度": 2026}
    _edit(book, "绩效指标", {**key, "指标编号": "I01"}, "权重", 35)
    _edit(book, "绩效指标", {**key, "指标编号": "I03"}, "权重", 15)
    first = _refused(run_cli, demo_db, book, "绩效指标", "权重", "90", extra=("--theirs",))
    assert "2026" in first


def test_payments_without_their_id_are_matched_on_project_date_kind_and_plan_year(
    db, tmp_path
) -> None:
    """A hand-made row corrects the one payment it names by its natural key; where two
    payments share that key, an identical row matches its own and an amount that could
    correct either is refused, asking for the id."""
    from io_books import plan

    from desktop_app.io.importer import ImportRefused, import_workbook

    pay = {"project_no": 1, "paid_on": "2026-03-02", "kind": "固定扶持经费", "amount": 10}
    first = write_book(tmp_path / "a.xlsx", {"funding_plans": [plan(1)], "disbursements": [pay]})
    import_workbook(db, first)
    corrected = write_book(tmp_path / "b.xlsx", {"disbursements": [{**pay, "amount": 12}]})
    preview = import_workbook(db, corrected)
    assert (preview.added, preview.changed) == (0, 1)
    second = write_book(tmp_path / "c.xlsx", {"disbursements": [{**pay, "amount": 5}]})
    import_workbook(db, second)  # 5 ≠ 12: a correction of the one payment, not a second
    assert _paid(db) == (1, 5 * 1_000_000)
    with db.session() as s:  # a second payment of the same day, kind and plan year
        s.execute(
            text(
                "INSERT INTO disbursement (project_id, paid_on, amount_fen, kind, for_year, "
                "doc_no, note, is_sample, version) SELECT project_id, paid_on, 7000000, kind, "
                "for_year, '', '', 0, 1 FROM disbursement"
            )
        )
    same = write_book(tmp_path / "d.xlsx", {"disbursements": [{**pay, "amount": 7}]})
    assert (import_workbook(db, same).changed, _paid(db)) == (0, (2, 12 * 1_000_000))
    before = fingerprint(db)
    either = write_book(tmp_path / "e.xlsx", {"disbursements": [{**pay, "amount": 9}]})
    try:
        import_workbook(db, either)
    except ImportRefused as exc:
        assert "拨付,第 2 行,拨付编号" in str(exc) and "2 笔" in str(exc)
    else:
        raise AssertionError("an undecidable match was imported")
    assert fingerprint(db) == before


def test_a_grade_override_without_a_reason_is_refused_as_closing_the_year_does(
    demo_db, tmp_path, run_cli
) -> None:
    """domain.scoring.override_problem: the rule `close_year` applies."""
    book = export_workbook(demo_db, tmp_path / "a.xlsx")
    ws = load_workbook(book)["绩效评价"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == 1)
    computed = row[headers.index("计算等级")]
    other = "差" if computed != "差" else "优"
    _edit(book, "绩效评价", {"项目编号": 1, "年度": row[1]}, "评定等级", other)
    _edit(book, "绩效评价", {"项目编号": 1, "年度": row[1]}, "调整理由", None)
    first = _refused(run_cli, demo_db, book, "绩效评价", "调整理由")
    assert "needs a written reason" in first
