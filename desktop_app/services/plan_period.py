"""The final evaluation of a plan period (终期评估): what the district achieved against
table 1, what each key project delivered and was paid, and what carries into the next period.

Read with SQLAlchemy Core in one read transaction (one consistent view, no ORM), then
computed; the report renders the `FinalReportData` it returns. Money is summed from
disbursements in integer fen, on two bases (plan year and cash year).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection, Row, select

from desktop_app.db import tables as T
from desktop_app.db.database import Database
from desktop_app.domain import plan_period as rules
from desktop_app.domain.money import wan_to_fen
from desktop_app.domain.periods import now
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import language, register, t, using_language
from desktop_app.services.brief_data import read_schema_revision
from desktop_app.services.district_overview import read_district_overview, read_plan_periods
from desktop_app.services.evidence_rows import read_evidence_rows
from desktop_app.services.funding_status import read_funding_facts, read_plan_specs
from desktop_app.snapshots.district import PlanPeriodView
from desktop_app.snapshots.plan_period import (
    KINDS,
    EvidenceLine,
    FinalReportData,
    IndicatorResult,
    MoneyByKind,
    OpenMilestone,
    ProjectResult,
)

register(
    {
        "{text}: not a plan period (expected e.g. 2021-2025).": (
            "{text}:不是规划期(应为如 2021-2025 的格式)。"
        ),
        "{text} is not a plan period; the plan periods are: {known}.": (
            "{text} 不是规划期;现有规划期为:{known}。"
        ),
        "none yet": "尚无",
        "Plan-year basis: each payment counts for the plan year it settles (a reward for its "
        "evaluation year, an advance for the year it is for).": "计划年度口径:每笔拨付计入其所属计划年度(绩效奖励计入其评价年度,预拨计入其所属年度)。",  # noqa: E501
    }
)

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–—~]\s*(\d{4})\s*$")


PLAN_BASIS_NOTE = (
    "Plan-year basis: each payment counts for the plan year it settles (a reward for its "
    "evaluation year, an advance for the year it is for)."
)


def find_period(conn: Connection, text: str) -> PlanPeriodView:
    """The stored plan period `text` names (`2021-2025`), or a one-line reason why not."""
    match = _PERIOD.match(text)
    if not match:
        raise UserError(t("{text}: not a plan period (expected e.g. 2021-2025).", text=text))
    start, end = int(match.group(1)), int(match.group(2))
    periods = read_plan_periods(conn)
    for p in periods:
        if (p.start_year, p.end_year) == (start, end):
            return p
    known = ", ".join(f"{p.start_year}-{p.end_year}" for p in periods) or t("none yet")
    raise UserError(
        t("{text} is not a plan period; the plan periods are: {known}.", text=text, known=known)
    )


def _indicators(conn: Connection, period: PlanPeriodView, lang: str) -> tuple[IndicatorResult, ...]:
    """Table 1 at the period's end, from the district overview the performance page shows."""
    out = []
    for row in read_district_overview(conn, period.id).rows:
        base, goal, mine = row.base_value, row.target_value, row.values
        res = rules.achievement(row.kind, base, goal, mine, period.start_year, period.end_year)
        lo = row.base_year or period.start_year
        shown = tuple((y, v) for y, v in sorted(mine.items()) if lo <= y <= period.end_year)
        out.append(
            IndicatorResult(
                no=row.no,
                name=row.name_en if lang == "en" and row.name_en else row.name_zh,
                unit=row.unit,
                kind=row.kind,
                base_year=row.base_year,
                base_value=base,
                target_value=goal,
                actual=res.actual,
                percent=res.percent,
                verdict=res.verdict,
                values=shown,
            )
        )
    return tuple(out)


class PlanYear(NamedTuple):
    """One year of a project's funding plan as the final report weighs it (fen)."""

    year: int
    startup_fen: int
    fixed_fen: int
    reward_cap_fen: int
    earned_reward_fen: int | None


def _read_plan_years(conn: Connection) -> dict[int, list[PlanYear]]:
    """project id → its plan's year table (none for no plan, or one that cannot be
    computed), from the same plan and facts the funding page computes it with."""
    specs = read_plan_specs(conn)
    facts = read_funding_facts(conn, specs)
    out: dict[int, list[PlanYear]] = {}
    for pid, spec in specs.items():
        f = facts[pid]
        shares = {"shares": f.shares} if f.shares else {}
        try:
            sched = spec.schedule(grades=f.grades, disbursed=f.disbursed, **shares)
        except ValidationError:
            continue
        out[pid] = [
            PlanYear(
                ln.year,
                wan_to_fen(ln.startup),
                wan_to_fen(ln.fixed),
                wan_to_fen(ln.reward_cap),
                None if ln.earned_reward is None else wan_to_fen(ln.earned_reward),
            )
            for ln in sched.lines
        ]
    return out


def _read_evidence(conn: Connection) -> dict[int, tuple[EvidenceLine, ...]]:
    """project id → the files on record for it (what each backs, name, date, hash)."""
    out: dict[int, list[EvidenceLine]] = defaultdict(list)
    for r in read_evidence_rows(conn):
        line = (r.target_label, r.file_name, r.added_at.date().isoformat(), r.sha256[:12])
        out[r.project_id].append(EvidenceLine(*line))
    return {pid: tuple(lines) for pid, lines in out.items()}


Record = Row[Any]
"""A Core row of project, milestone or disbursement (every column, by name)."""


def _status(project: Record, milestones: list[Record], period_end: date) -> str:
    """Where the project stood on the period's last day (from its dates and milestones)."""
    if project.status == "suspended":
        return "suspended"
    if project.start_date is not None and project.start_date > period_end:
        return "not_started"
    live = [m for m in milestones if m.status != "cancelled"]
    if live and all(m.actual_end is not None and m.actual_end <= period_end for m in live):
        return "completed"
    if project.status == "completed" and (project.end_date or period_end) <= period_end:
        return "completed"
    return "in_progress"


def _money(
    payments: list[Record], start: int, end: int
) -> tuple[MoneyByKind, dict[int, dict[str, int]]]:
    plan: dict[str, int] = dict.fromkeys(KINDS, 0)
    cash: dict[str, int] = dict.fromkeys(KINDS, 0)
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for d in payments:
        year = d.for_year  # 计划年度口径: the plan year the payment settles
        if start <= year <= end:
            plan[d.kind] += d.amount_fen
            by_year[year][d.kind] += d.amount_fen
        if start <= d.paid_on.year <= end:
            cash[d.kind] += d.amount_fen
    return (
        MoneyByKind(plan=tuple(plan.items()), cash=tuple(cash.items())),
        by_year,
    )


def _project(
    p: Record,
    milestones: list[Record],
    payments: list[Record],
    grades: dict[int, str],
    period: PlanPeriodView,
    plan_rows: list[PlanYear],
    evidence: tuple[EvidenceLine, ...],
) -> tuple[ProjectResult, dict[int, dict[str, int]]]:
    end_day = date(period.end_year, 12, 31)
    counts = {rules.ON_TIME: 0, rules.LATE: 0, rules.OPEN: 0}
    remaining = []
    for m in milestones:
        if m.status == "cancelled":  # not delivered, ever: carried over as cancelled
            if m.actual_end is None or m.actual_end > end_day:
                remaining.append(
                    OpenMilestone(m.code, m.title, m.planned_end, m.percent_complete, None, True)
                )
            continue
        due = m.baseline_end or m.planned_end
        if due <= end_day:
            counts[rules.delivery(due, m.actual_end, end_day)] += 1
        # carried over: still unfinished now (one finished since the period ended is not)
        if m.status != "done" and (m.actual_end is None or m.actual_end > end_day):
            remaining.append(
                OpenMilestone(m.code, m.title, m.planned_end, m.percent_complete, None)
            )
    money, by_year = _money(payments, period.start_year, period.end_year)
    years = range(period.start_year, period.end_year + 1)
    shares = tuple(
        (y, rules.reward_share(by_year[y]["fixed"], by_year[y]["reward"]))
        for y in years
        if y in by_year
    )
    later = [r for r in plan_rows if r.year > period.end_year]
    # the taper as designed: fixed support against the reward caps (every year graded 优)
    planned = {
        r.year: (r.fixed_fen, r.reward_cap_fen)
        for r in plan_rows
        if period.start_year <= r.year <= period.end_year
    }
    planned_share = tuple(
        (y, rules.reward_share(fixed, reward)) for y, (fixed, reward) in sorted(planned.items())
    )
    paid_to_date = sum(d.amount_fen for d in payments if d.paid_on <= end_day)
    remaining_fen = sum(
        r.startup_fen
        + r.fixed_fen
        + (r.reward_cap_fen if r.earned_reward_fen is None else r.earned_reward_fen)
        for r in later
    )
    carries = bool(remaining) or bool(later) or (p.end_date is not None and p.end_date > end_day)
    result = ProjectResult(
        no=p.no,
        name=p.name_en if language() == "en" and p.name_en else p.name_zh,
        start=p.start_date,
        end=p.end_date,
        status=_status(p, milestones, end_day),
        on_time=counts[rules.ON_TIME],
        late=counts[rules.LATE],
        open=counts[rules.OPEN],
        money=money,
        grades=tuple((y, grades[y]) for y in years if y in grades),
        reward_share=shares,
        carries_over=carries,
        remaining=tuple(sorted(remaining, key=lambda m: (m.due, m.code))),
        remaining_plan_fen=remaining_fen,
        evidence=evidence,
        is_sample=p.is_sample,
        planned_share=planned_share,
        paid_to_date_fen=paid_to_date,
        planned_fen=tuple(sorted(planned.items())),
    )
    return result, by_year


def build_final_report(db: Database, period_text: str, lang: str = "zh") -> FinalReportData:
    """Everything the final evaluation of `period_text` (e.g. `2021-2025`) prints, read in
    one read transaction."""
    with using_language(lang), db.core_reader() as conn:  # the document's language
        return _read_final_report(conn, period_text, lang, db.display_name)


def _read_final_report(
    conn: Connection, period_text: str, lang: str, database: str
) -> FinalReportData:
    period = find_period(conn, period_text)
    indicators = _indicators(conn, period, lang)
    pt, mt, dt, et = T.project, T.milestone, T.disbursement, T.evaluation
    projects = list(conn.execute(select(pt).order_by(pt.c.no)))
    ms: dict[int, list[Record]] = defaultdict(list)
    for m in conn.execute(select(mt).order_by(mt.c.sort_order, mt.c.id)):
        ms[m.project_id].append(m)
    pays: dict[int, list[Record]] = defaultdict(list)
    for d in conn.execute(select(dt).order_by(dt.c.paid_on)):
        pays[d.project_id].append(d)
    grades: dict[int, dict[int, str]] = defaultdict(dict)
    for e in conn.execute(select(et.c.project_id, et.c.year, et.c.grade)):
        grades[e.project_id][e.year] = e.grade
    samples = any(
        conn.scalar(select(table.c.id).where(table.c.is_sample.is_(True)).limit(1))
        for table in (pt, mt, dt, et, T.district_value)
    )
    plans = _read_plan_years(conn)
    evidence = _read_evidence(conn)
    schema = read_schema_revision(conn)
    results = []
    portfolio: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for p in projects:
        result, by_year = _project(
            p,
            ms[p.id],
            pays[p.id],
            grades[p.id],
            period,
            plans.get(p.id, []),
            evidence.get(p.id, ()),
        )
        results.append(result)
        for y, kinds in by_year.items():
            for k, v in kinds.items():
                portfolio[y][k] += v
    share = tuple(
        (y, rules.reward_share(portfolio[y]["fixed"], portfolio[y]["reward"]))
        for y in range(period.start_year, period.end_year + 1)
    )
    planned_sum: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for y, (fixed, reward) in r.planned_fen:
            planned_sum[y][0] += fixed
            planned_sum[y][1] += reward
    planned_share = tuple(
        (y, rules.reward_share(*planned_sum[y]) if y in planned_sum else None)
        for y in range(period.start_year, period.end_year + 1)
    )
    return FinalReportData(
        lang=lang,
        period_code=period.code,
        period_name=period.name_zh,
        start_year=period.start_year,
        end_year=period.end_year,
        generated_at=now(),
        database=database,
        schema=schema or "-",
        indicators=indicators,
        projects=tuple(results),
        portfolio_share=share,
        portfolio_planned_share=planned_share,
        has_sample=samples,
        plan_basis_note=t(PLAN_BASIS_NOTE),
    )
