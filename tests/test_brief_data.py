"""The brief's snapshot: worked numbers from tests/brief_sample.py, and refused quarters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from brief_sample import EPOCH, PLANNED_2026_FEN, REWARD_CAP_2026_FEN, WAN, add_sample

from desktop_app.errors import UserError
from desktop_app.services.brief_data import build_brief_data


@pytest.fixture
def sample(db, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    add_sample(db)
    return db


def test_finished_quarter_is_seen_as_of_its_last_day(sample):
    data = build_brief_data(sample, "2026Q3")
    assert data.cover.as_of == date(2026, 9, 30)
    assert data.cover.generated_at.date() == date(2026, 11, 20)
    assert data.cover.schema and data.cover.project_count == 13
    assert data.next_quarter == "2026Q4"


def test_summary_totals(sample):
    s = build_brief_data(sample, "2026Q3").summary
    # the 11 projects with nothing recorded are "no data" (grey), not green
    assert dict(s.health_counts) == {"red": 1, "amber": 0, "green": 1, "none": 11}
    assert s.planned_fen == PLANNED_2026_FEN == 400 * WAN
    assert s.disbursed_fen == (120 + 120 + 30) * WAN  # the October payment is after 30 Sep
    assert s.reward_earned_fen == 0  # 2026 not evaluated yet
    assert s.performance_share == Decimal("15.0")  # 60 / 400
    assert REWARD_CAP_2026_FEN * 100 // PLANNED_2026_FEN == 15
    # I01: 8 by Q2 → 16 of 20 → 48 of 60; I02: 600 → 1200, capped → 40.
    assert s.average_score == s.lowest_score == Decimal("88.0")
    assert [r.project_no for r in s.top_risks] == [1]
    assert "92" in s.top_risks[0].reason


def test_project_sections(sample):
    data = build_brief_data(sample, "2026Q3")
    one, two, three = data.projects[:3]
    assert [m.code for m in one.milestones] == ["M01", "M02", "M03", "M04"]
    assert one.milestones[1].overdue_days == 92
    assert [(r.year, r.fixed_fen // WAN, r.reward_fen // WAN) for r in one.funding] == [
        (2025, 300, 50),
        (2026, 240, 60),
        (2027, 180, 80),
        (2028, 120, 100),
        (2029, 60, 120),
    ]
    assert one.funding[0].startup_fen == 500 * WAN
    assert [i.score for i in one.indicators] == [Decimal(48), Decimal(40)]
    assert one.projected_grade == "B"
    assert two.funding[0].disbursed_fen == 30 * WAN  # paid by 30 Sep only
    assert three.milestones == () and three.funding == () and three.indicators == ()
    assert three.name.startswith("<b>R&D</b>")


def test_appendix_lists(sample):
    data = build_brief_data(sample, "2026Q3")
    assert [(d.project_no, d.code) for d in data.due_next] == [(1, "M04"), (2, "M01"), (1, "M03")]
    assert [(d.code, d.overdue_days) for d in data.overdue] == [("M02", 92)]
    assert data.district_period == "2021–2025" and len(data.district) == 9


def test_portfolio_rows(sample):
    rows = build_brief_data(sample, "2026Q3").portfolio
    assert len(rows) == 13
    first = rows[0]
    assert (first.health, first.next_milestone, first.next_due) == (
        "red",
        "平台建设",
        date(2026, 6, 30),
    )
    assert first.percent_complete == 50  # (100 + 60 + 40 + 0) / 4
    assert (first.ytd_disbursed_fen, first.ytd_planned_fen) == (240 * WAN, 300 * WAN)
    assert rows[3].ytd_planned_fen is None  # no plan


def test_english_names_and_reasons(sample):
    data = build_brief_data(sample, "2026Q3", "en")
    assert data.projects[0].name == "Domestic Mobile OS Developer Application Innovation Centre"
    assert data.projects[0].other_name.startswith("国产")
    assert "days overdue" in data.summary.top_risks[0].reason


@pytest.mark.parametrize("text", ["2026Q5", "26Q1", "2026-Q3", "", "2020Q4"])
def test_bad_quarters_are_refused(sample, text):
    with pytest.raises(UserError):
        build_brief_data(sample, text)
