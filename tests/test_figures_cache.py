"""Issue 29: the portfolio's figures are computed once and updated for the project saved.

After a save of project X, the list's health column, Home and the funding page show X's
new figure from a recomputation of X alone; every other project's figures are the cached
objects. Asserted on what was computed (call arguments and counts), never on time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop_app.db.database import Database
from desktop_app.domain.milestones import MilestoneEdit
from desktop_app.services import figures_cache
from desktop_app.services.disbursements import add_disbursement
from desktop_app.services.funding import read_funding_by_year
from desktop_app.services.health import read_health
from desktop_app.services.home import read_home
from desktop_app.services.milestones import add_milestone
from desktop_app.services.performance import read_portfolio_scores
from desktop_app.services.policy import read_policy, save_policy
from desktop_app.services.project_list import read_project_rows
from desktop_app.services.warnings import read_warnings
from desktop_app.snapshots.funding import DisbursementDraft

AS_OF = date(2026, 9, 15)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The `project_ids` of every funding-status computation the cache asks for."""
    seen: list[Any] = []
    real = figures_cache.read_funding_status

    def spy(conn, as_of, project_ids=None):  # type: ignore[no-untyped-def]
        seen.append(None if project_ids is None else sorted(project_ids))
        return real(conn, as_of, project_ids)

    monkeypatch.setattr(figures_cache, "read_funding_status", spy)
    return seen


def _same_as_uncached(db: Database, figures: figures_cache.PortfolioFigures) -> None:
    assert dict(figures.health) == read_health(db, AS_OF)
    assert figures.funding_rows() == read_funding_by_year(db)
    assert figures.all_warnings() == read_warnings(db, AS_OF)
    scores = figures_cache.read_portfolio_figures(db, AS_OF, (figures_cache.SCORES,))
    assert scores.score_rows() == read_portfolio_scores(db, AS_OF)


def test_a_milestone_saved_recomputes_that_project_only(demo_db: Database, calls) -> None:
    projects = read_project_rows(demo_db)
    x, other = projects[2].id, projects[5].id
    before = figures_cache.read_portfolio_figures(demo_db, AS_OF)
    assert calls == [None]  # the first read computes the portfolio once
    again = figures_cache.read_portfolio_figures(demo_db, AS_OF)
    assert calls == [None]  # nothing saved: nothing recomputed
    assert again.health[x] is before.health[x]

    overdue = MilestoneEdit(
        "Overdue by two months",
        planned_start=date(2026, 5, 1),
        planned_end=date(2026, 7, 1),
        status="in_progress",
        percent_complete=40,
    )
    add_milestone(demo_db, x, overdue)
    after = figures_cache.read_portfolio_figures(demo_db, AS_OF)
    assert calls == [None, [x]]  # X alone, not the portfolio
    assert after.health[x].level == "red"
    assert "Overdue by two months" in after.health[x].tooltip
    assert after.health[other] is before.health[other]  # reused, not recomputed
    assert after.funding[other] is before.funding[other]
    _same_as_uncached(demo_db, after)
    cache = figures_cache.cache_of(demo_db)
    assert cache.computed == {
        "all:status": 1,
        "all:warnings": 1,
        "all:year_sums": 1,
        "all:scores": 1,  # first asked for by the comparison above
        "projects:status": 1,
        "projects:warnings": 1,
        "projects:year_sums": 1,
    }


def test_home_after_a_payment_shows_the_new_figure(demo_db: Database, calls) -> None:
    x = read_project_rows(demo_db)[0].id
    first = read_home(demo_db, AS_OF)
    paid_before = next((m.paid_fen for m in first.money if m.project_id == x), 0)
    add_disbursement(demo_db, x, DisbursementDraft("2026-09-01", "10", "fixed", "思科〔2026〕9号"))
    second = read_home(demo_db, AS_OF)
    paid_after = next(m.paid_fen for m in second.money if m.project_id == x)
    assert paid_after == paid_before + 10 * 10_000 * 100  # 10 万元 in fen
    assert calls == [None, [x]]
    _same_as_uncached(demo_db, figures_cache.read_portfolio_figures(demo_db, AS_OF))


def test_a_setting_another_day_or_another_database_recompute_all(
    demo_db: Database, db: Database, calls
) -> None:
    figures_cache.read_portfolio_figures(demo_db, AS_OF)
    policy = read_policy(demo_db)
    save_policy(demo_db, replace(policy, overdue_red_days=10))
    figures_cache.read_portfolio_figures(demo_db, AS_OF)
    assert calls == [None, None]  # thresholds apply to every project
    figures_cache.read_portfolio_figures(demo_db, date(2026, 9, 16))
    assert calls == [None, None, None]  # health is as of a day
    figures_cache.read_portfolio_figures(db, AS_OF)
    assert calls[-1] is None and figures_cache.cache_of(db) is not figures_cache.cache_of(demo_db)


def test_home_after_a_milestone_save_recomputes_that_projects_attention_only(
    demo_db: Database,
) -> None:
    """Home's overdue and due-soon cards: the saved project's milestones are read again,
    the others' come from the cache, and the list is the uncached query's, in its order."""
    from desktop_app.services.health import read_attention_items

    x = read_project_rows(demo_db)[3].id
    read_home(demo_db, AS_OF)
    late = MilestoneEdit(
        "Late pilot line",
        planned_start=date(2026, 3, 1),
        planned_end=date(2026, 6, 30),
        status="in_progress",
        percent_complete=10,
    )
    add_milestone(demo_db, x, late)
    home = read_home(demo_db, AS_OF)
    cache = figures_cache.cache_of(demo_db)
    assert cache.computed["all:attention"] == 1
    assert cache.computed["projects:attention"] == 1
    items = read_attention_items(demo_db, AS_OF)
    assert home.overdue == tuple(i for i in items if i.days < 0)
    assert home.due_soon == tuple(i for i in items if i.days >= 0)
    assert any(i.title == "Late pilot line" and i.project_id == x for i in home.overdue)
