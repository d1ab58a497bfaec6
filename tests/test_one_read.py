"""Screen and paper read each shared figure through one function (docs/architecture.md,
"Reads"): funding status, health, policy warnings and the projected score, as the pages
show them (the figures cache, the project tab's reads) and as the quarterly brief prints
them, on the demo database."""

from __future__ import annotations

from desktop_app.domain.periods import Quarter, today
from desktop_app.services.brief_data import build_brief_data
from desktop_app.services.figures_cache import read_portfolio_figures
from desktop_app.services.funding_status import read_funding_status
from desktop_app.services.health import read_health
from desktop_app.services.performance_status import read_performance_status
from desktop_app.services.project_list import read_project_rows
from desktop_app.services.warnings import read_warnings

QUARTER = "2026Q3"


def test_the_brief_prints_what_the_pages_show(demo_db) -> None:
    as_of = Quarter.parse(QUARTER).as_of(today())
    paper = build_brief_data(demo_db, QUARTER)
    assert paper.cover.as_of == as_of
    screen = read_portfolio_figures(demo_db, as_of)  # Home, Portfolio, Funding, Attention
    ids = {r.no: r.id for r in read_project_rows(demo_db)}
    assert [r.no for r in paper.portfolio] == sorted(ids)

    levels = {r.level for r in screen.health.values()}
    assert {"red", "amber", "green"} <= levels  # the demo shows every colour: a real check
    for row, section in zip(paper.portfolio, paper.projects, strict=True):
        pid = ids[row.no]
        health = screen.health[pid]
        assert row.health == section.health == health.level
        assert section.reasons == tuple(r.text for r in health.reasons)
        money = screen.funding[pid]
        assert row.ytd_disbursed_fen == money.paid_for_this_year_fen
        assert row.ytd_planned_fen == (money.planned_this_year_fen if money.has_plan else None)
        assert section.paid_to_date_fen == money.disbursed_to_date_fen
        perf = screen.performance.get(pid)
        assert section.projected_score == (perf.projected_score if perf else None)
        warned = [w.reason for w in screen.warnings.get(pid, [])]
        assert [w.reason for w in section.warnings] == warned


def test_a_project_tab_reads_what_the_portfolio_reads(demo_db) -> None:
    """The project tab reads one project; the pages read all: the same function, the same
    figures."""
    as_of = Quarter.parse(QUARTER).as_of(today())
    everyone = read_health(demo_db, as_of)
    warnings = read_warnings(demo_db, as_of)
    money = read_funding_status(demo_db, as_of)
    scores = read_performance_status(demo_db, as_of)
    for pid in list(everyone)[:5]:
        assert read_health(demo_db, as_of, project_ids=[pid]) == {pid: everyone[pid]}
        assert read_warnings(demo_db, as_of, [pid]) == [w for w in warnings if w.project_id == pid]
        assert read_funding_status(demo_db, as_of, [pid]) == {pid: money[pid]}
        assert read_performance_status(demo_db, as_of, [pid]) == {pid: scores[pid]}


def test_the_performance_tab_projects_what_the_brief_projects(demo_db) -> None:
    """The tab reads a project-year with the brief's Core reads (no ORM copy): at the
    year's end both project the same score from the same actuals."""
    from datetime import date

    from desktop_app.services.performance import read_project_performance

    year_end = date(2026, 12, 31)
    status = read_performance_status(demo_db, year_end)
    projected = 0
    for pid, s in status.items():
        tab = read_project_performance(demo_db, pid, 2026)
        assert tab.projected_total == s.projected_score
        assert tab.projection_quarter == s.projected_quarter
        assert [t.year for t in tab.trend] == sorted(s.grades)
        projected += tab.projected_total is not None
    assert projected >= 10
