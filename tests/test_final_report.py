"""The final evaluation of 2021–2025: verdicts on worked numbers, totals recomputed from the
database, and a PDF that meets the brief's standards."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from platform_marks import needs_poppler
from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Disbursement, Milestone, Project
from desktop_app.domain import plan_period as rules
from desktop_app.domain.district import KIND_AVERAGE, KIND_CUMULATIVE, KIND_LEVEL
from desktop_app.errors import UserError
from desktop_app.reports.final_report import write_final_report
from desktop_app.services import evidence as ev
from desktop_app.services.plan_period import build_final_report

EPOCH = "1765000000"
D = Decimal


def _years(*values: str, start: int = 2021) -> dict[int, Decimal]:
    return {start + i: D(v) for i, v in enumerate(values)}


def test_level_is_measured_from_base_to_target() -> None:
    # base 55.34, target 65: 65 is achieved; 60.17 is half the way (partly); 57 is not.
    vals = _years("57", "59", "60", "61", "65")
    assert rules.achievement(KIND_LEVEL, D("55.34"), D(65), vals, 2021, 2025) == (
        rules.Achievement(D(65), D("100.0"), rules.ACHIEVED)
    )
    half = {**vals, 2025: D("60.17")}
    got = rules.achievement(KIND_LEVEL, D("55.34"), D(65), half, 2021, 2025)
    assert (got.percent, got.verdict) == (D("50.0"), rules.PARTLY)
    low = {**vals, 2025: D("57")}
    got = rules.achievement(KIND_LEVEL, D("55.34"), D(65), low, 2021, 2025)
    assert (got.percent, got.verdict) == (D("17.2"), rules.NOT_ACHIEVED)


def test_cumulative_sums_the_period_and_average_takes_the_mean() -> None:
    carriers = _years("7", "8", "10", "10", "7")  # 42 of 40
    got = rules.achievement(KIND_CUMULATIVE, None, D(40), carriers, 2021, 2025)
    assert (got.actual, got.percent, got.verdict) == (D(42), D("105.0"), rules.ACHIEVED)
    growth = _years("14.92", "13", "18.23", "15.81", "13.33")  # mean 15.058 → 15.06 of 15
    got = rules.achievement(KIND_AVERAGE, None, D(15), growth, 2021, 2025)
    assert (got.actual, got.percent, got.verdict) == (D("15.06"), D("100.4"), rules.ACHIEVED)
    slow = _years("5", "6", "7", "8", "9")  # mean 7 of 15 → 46.7 %
    got = rules.achievement(KIND_AVERAGE, None, D(15), slow, 2021, 2025)
    assert (got.percent, got.verdict) == (D("46.7"), rules.NOT_ACHIEVED)


def test_no_end_year_figure_gives_no_verdict() -> None:
    got = rules.achievement(KIND_LEVEL, D(1), D(2), _years("1.5", "1.9"), 2021, 2025)
    assert got.verdict == rules.NO_DATA and got.percent is None


def test_milestone_delivery() -> None:
    end = date(2025, 12, 31)
    assert rules.delivery(date(2024, 6, 30), date(2024, 6, 30), end) == rules.ON_TIME
    assert rules.delivery(date(2024, 6, 30), date(2024, 7, 1), end) == rules.LATE
    assert rules.delivery(date(2024, 6, 30), None, end) == rules.OPEN
    assert rules.delivery(date(2025, 6, 30), date(2026, 1, 2), end) == rules.OPEN
    assert rules.reward_share(300, 100) == D("25.0")
    assert rules.reward_share(0, 0) is None


def test_totals_recomputed_from_the_database(demo_db: Database) -> None:
    data = build_final_report(demo_db, "2021-2025", "en")
    with demo_db.reader() as s:
        pays = list(s.scalars(select(Disbursement)))
        milestones = list(s.scalars(select(Milestone)))
        count = len(list(s.scalars(select(Project))))
    assert len(data.projects) == count == 13
    for kind in ("startup", "fixed", "reward"):
        cash = sum(d.amount_fen for d in pays if d.kind == kind and 2021 <= d.paid_on.year <= 2025)
        plan = sum(d.amount_fen for d in pays if d.kind == kind and 2021 <= d.for_year <= 2025)
        assert cash > 0 and plan > 0
        assert sum(dict(p.money.cash)[kind] for p in data.projects) == cash
        assert sum(dict(p.money.plan)[kind] for p in data.projects) == plan
    paid_2026 = sum(d.amount_fen for d in pays if d.paid_on.year == 2026)
    assert paid_2026 > 0  # and none of it is in the period's totals
    assert sum(p.money.cash_total() for p in data.projects) == sum(
        d.amount_fen for d in pays if d.paid_on.year <= 2025
    )
    due = [
        m
        for m in milestones
        if m.status != "cancelled" and (m.baseline_end or m.planned_end) <= date(2025, 12, 31)
    ]
    assert sum(p.on_time + p.late + p.open for p in data.projects) == len(due)
    late = [m for m in due if m.actual_end and (m.baseline_end or m.planned_end) < m.actual_end]
    assert sum(p.late for p in data.projects) == len(
        [m for m in late if m.actual_end <= date(2025, 12, 31)]
    )
    # Portfolio reward share of 2025, from the rows themselves.
    fixed = sum(d.amount_fen for d in pays if d.kind == "fixed" and d.for_year == 2025)
    reward = sum(d.amount_fen for d in pays if d.kind == "reward" and d.for_year == 2025)
    assert dict(data.portfolio_share)[2025] == rules.reward_share(fixed, reward)
    assert [r.no for r in data.indicators] == list(range(1, 10))
    assert data.has_sample


@pytest.mark.parametrize("text", ["2021-2024", "2026-2030", "abc", "2021"])
def test_not_a_plan_period_is_refused(demo_db: Database, text: str) -> None:
    with pytest.raises(UserError, match="plan period"):
        build_final_report(demo_db, text, "en")


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_poppler
def test_pdf_is_reproducible_embedded_paged_and_lists_evidence(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with demo_db.reader() as s:
        ms = s.scalars(select(Milestone).where(Milestone.project_id == 1)).first()
    src = tmp_path / "acceptance <R&D>.pdf"
    src.write_bytes(b"%PDF-1.4 acceptance")
    ev.add_evidence(demo_db, 1, ev.EvidenceTarget("milestone", ms.code), src)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    pages = write_final_report(build_final_report(demo_db, "2021-2025", "en"), first)
    write_final_report(build_final_report(demo_db, "2021-2025", "en"), second)
    assert first.read_bytes() == second.read_bytes()
    fonts = subprocess.run(["pdffonts", str(first)], capture_output=True, text=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert font_rows and all(" yes yes " in row for row in font_rows), fonts
    body = _pdftotext(first)
    assert f"Page 1 of {pages}" in body and f"Page {pages} of {pages}" in body
    assert "SAMPLE DATA" in body
    assert "acceptance <R&D>.pdf" in body  # escaped, printed as typed
    assert "Final Evaluation" in body and "Partly achieved" in body
    zh = tmp_path / "zh.pdf"
    write_final_report(build_final_report(demo_db, "2021-2025", "zh"), zh)
    assert "终期评估" in _pdftotext(zh)


def test_cli_plan_period(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    assert run_cli("init", "--demo", "--db", str(path)).returncode == 0
    out = tmp_path / "final.pdf"
    res = run_cli("report", "--db", str(path), "--plan-period", "2021-2025", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = tmp_path / "bad.pdf"
    res = run_cli(
        "--lang", "en", "report", "--db", str(path), "--plan-period", "2021-2024", "-o", str(bad)
    )
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        "key-projects: 2021-2024 is not a plan period; the plan periods are: 2021-2025."
    ]
    assert not bad.exists()


def test_building_a_report_leaves_the_process_language_as_it_was(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's language is set for its own context only: while a Chinese report is
    built, another thread (the window's) still reads the process default."""
    import threading

    from desktop_app.i18n import language, set_language
    from desktop_app.services import plan_period

    seen: list[str] = []
    real = plan_period._indicators

    def watched(*args, **kwargs):
        reader = threading.Thread(target=lambda: seen.append(language()))
        reader.start()
        reader.join()
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_period, "_indicators", watched)
    set_language("en")
    try:
        data = build_final_report(demo_db, "2021-2025", "zh")
        assert data.lang == "zh" and seen == ["en"] and language() == "en"
    finally:
        set_language("zh")


def test_taper_conclusion_is_computed_and_the_same_in_both_languages(demo_db: Database) -> None:
    from dataclasses import replace

    from desktop_app.i18n import using_language
    from desktop_app.reports.final_sections import taper_sentences

    zh = build_final_report(demo_db, "2021-2025", "zh")
    en = build_final_report(demo_db, "2021-2025", "en")
    with using_language("zh"):
        said_zh = taper_sentences(zh)
    with using_language("en"):
        said_en = taper_sentences(en)
    # the demo's portfolio share rises every year but stays under the caps' share
    assert "逐年上升" in said_zh[0] and "低于" in said_zh[0]
    assert "rose every year" in said_en[0] and "below" in said_en[0]
    # projects 8 and 10 fall to 0 %: both named, in both languages
    assert "8. " in said_zh[1] and "10. " in said_zh[1]
    assert "8. " in said_en[1] and "10. " in said_en[1]
    # a year that falls turns the sentence round, never "rose every year"
    share = dict(zh.portfolio_share)
    share[2024] = D("1.0")
    fell = replace(zh, portfolio_share=tuple(share.items()))
    with using_language("zh"):
        first = taper_sentences(fell)[0]
    assert "并非逐年上升" in first and "2024" in first
    with using_language("en"):
        assert "did not rise every year" in taper_sentences(replace(fell, lang="en"))[0]


def test_carried_over_lists_only_unfinished_and_cancelled_milestones(demo_db: Database) -> None:
    data = build_final_report(demo_db, "2021-2025", "zh")
    with demo_db.reader() as s:
        status = {
            (p.no, m.code): m.status for m, p in s.execute(select(Milestone, Project).join(Project))
        }
    listed = [(p.no, m.code, m.cancelled) for p in data.projects for m in p.remaining]
    assert listed
    assert all(status[(no, code)] != "done" for no, code, _ in listed)
    assert (5, "M07", True) in listed  # project 5's cancelled acceptance


@needs_poppler
def test_final_report_cover_has_no_path_and_grades_read_as_words(
    demo_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "final.pdf"
    write_final_report(build_final_report(demo_db, "2021-2025", "zh"), out)
    words = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert str(demo_db.path) not in words and str(tmp_path) not in words
    grades_page = words.split("二、")[1].split("三、")[0]
    assert "优" in grades_page and " A " not in grades_page
