"""The quarterly brief's snapshot: every figure it prints, read in one go for a quarter.

Health, money and scores come from the same services the window uses (so paper and
screen agree); milestones and this year's indicators are read here in a few set-based
queries, so the cost per project stays flat as the portfolio grows. Everything is read
with SQLAlchemy Core in one transaction: one consistent view of the data, and the brief's
process never imports or maps the ORM.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Connection, func, select

from desktop_app.db import tables as T
from desktop_app.db.database import Database, Reader, reading
from desktop_app.domain import district as district_rules
from desktop_app.domain import plan_period as plan_rules
from desktop_app.domain import scoring
from desktop_app.domain.health import CLOSED_STATUSES, Health
from desktop_app.domain.money import fen_to_wan, wan_to_fen
from desktop_app.domain.money_basis import Payment, reconcile
from desktop_app.domain.parsing import MAX_YEAR
from desktop_app.domain.periods import Quarter, now, today
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import register, t, using_language
from desktop_app.services.district_overview import read_district_overview, read_plan_periods
from desktop_app.services.evidence_rows import read_evidence_by_project
from desktop_app.services.funding_status import read_funding_status, read_plan_specs
from desktop_app.services.health import read_health
from desktop_app.services.performance_status import (
    projection_of,
    read_indicators_of_year,
    read_performance_status,
    spec_of,
    ytd_at,
)
from desktop_app.services.policy import read_policy
from desktop_app.services.project_list import read_project_rows
from desktop_app.services.return_status import read_return_status
from desktop_app.services.warnings import WarningRow, read_warnings_by_project
from desktop_app.snapshots.brief import (
    BriefData,
    Cover,
    DistrictRow,
    DueItem,
    FundingYearRow,
    IndicatorRow,
    MoneyBases,
    PortfolioRow,
    ProjectSection,
    RiskItem,
    Summary,
    TimelineItem,
    WarningItem,
)
from desktop_app.snapshots.funding import FundingStatus
from desktop_app.snapshots.performance import PerformanceStatus
from desktop_app.snapshots.project import ProjectRow

register(
    {
        "{text}: not a quarter (expected e.g. 2026Q3).": "{text}:不是季度(应为如 2026Q3 的格式)。",
        "{q} is before any data (the first records are from {first}).": (
            "{q} 早于所有数据(最早的记录为 {first})。"
        ),
        "{q} is after {max}.": "{q} 晚于 {max} 年。",
        "Key Support Projects — Quarterly Brief": "重点支撑项目季度简报",
    }
)

LEVEL_ORDER = {"red": 0, "amber": 1, "green": 2, "none": 3}


def parse_quarter(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError:
        raise UserError(t("{text}: not a quarter (expected e.g. 2026Q3).", text=text)) from None


def first_data_day(conn: Connection) -> date:
    """The earliest day anything is recorded for (the first plan period's start at least)."""
    p, m, d, f = T.project.c, T.milestone.c, T.disbursement.c, T.funding_plan.c
    day_columns = (p.start_date, m.planned_start, m.planned_end, d.paid_on)
    year_columns = (f.first_year, f.startup_year, T.indicator.c.year, T.plan_period.c.start_year)
    # one statement of eight minimums (eight statements cost the brief their compiling)
    firsts = conn.execute(
        select(*(select(func.min(c)).scalar_subquery() for c in day_columns + year_columns))
    ).one()
    candidates, years = firsts[: len(day_columns)], firsts[len(day_columns) :]
    days = [d for d in candidates if d is not None]
    days += [date(y, 1, 1) for y in years if y is not None]
    return min(days) if days else date(today().year, 1, 1)


def check_quarter(src: Reader, text: str) -> Quarter:
    """A quarter the brief can be made for, or a one-line reason why not."""
    with reading(src) as conn:
        quarter = parse_quarter(text)
        first = first_data_day(conn)
        if quarter.last_day < first:
            raise UserError(
                t(
                    "{q} is before any data (the first records are from {first}).",
                    q=quarter,
                    first=first.isoformat(),
                )
            )
        if quarter.year > MAX_YEAR:
            raise UserError(t("{q} is after {max}.", q=quarter, max=MAX_YEAR))
        return quarter


def _name(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" and en else zh


def _one_place(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


#: project id, code, title, planned start, planned end, actual end, percent, status, baseline.
MilestoneRow = tuple[int, str, str, date | None, date, date | None, int, str, date | None]


class _Milestones:
    """All milestones, grouped per project, with the questions the brief asks of them."""

    def __init__(self, conn: Connection) -> None:
        m = T.milestone.c
        query = select(
            m.project_id,
            m.code,
            m.title,
            m.planned_start,
            m.planned_end,
            m.actual_end,
            m.percent_complete,
            m.status,
            m.baseline_end,
        ).order_by(m.project_id, m.sort_order, m.id)
        self.by_project: dict[int, list[MilestoneRow]] = defaultdict(list)
        for pid, code, title, start, end, actual, pct, status, base in conn.execute(query):
            self.by_project[pid].append((pid, code, title, start, end, actual, pct, status, base))

    @staticmethod
    def _overdue(row: MilestoneRow, as_of: date) -> int:
        end, status = row[4], row[7]
        return (as_of - end).days if status not in CLOSED_STATUSES and end < as_of else 0

    def timeline(self, pid: int, year: int, as_of: date) -> tuple[TimelineItem, ...]:
        first, last = date(year, 1, 1), date(year, 12, 31)
        return tuple(
            TimelineItem(
                code, title, start, end, actual, pct, status, self._overdue(r, as_of), base
            )
            for r in self.by_project.get(pid, ())
            for _, code, title, start, end, actual, pct, status, base in [r]
            if end >= first and (start or end) <= last
        )

    def next_open(self, pid: int) -> MilestoneRow | None:
        rows = [r for r in self.by_project.get(pid, ()) if r[7] not in CLOSED_STATUSES]
        return min(rows, key=lambda r: r[4]) if rows else None

    def percent(self, pid: int) -> int | None:
        """Mean completion of the project's milestones (cancelled ones left out)."""
        rows = [r for r in self.by_project.get(pid, ()) if r[7] != "cancelled"]
        if not rows:
            return None
        mean = Decimal(sum(100 if r[7] == "done" else r[6] for r in rows)) / len(rows)
        return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def due_in(self, pid: int, first: date, last: date) -> list[MilestoneRow]:
        return [
            r
            for r in self.by_project.get(pid, ())
            if r[7] not in CLOSED_STATUSES and first <= r[4] <= last
        ]

    def overdue(self, pid: int, as_of: date) -> list[MilestoneRow]:
        return [r for r in self.by_project.get(pid, ()) if self._overdue(r, as_of) > 0]


def _indicators(conn: Connection, year: int, up_to_quarter: int) -> dict[int, list[IndicatorRow]]:
    """This year's indicators with the year-to-date figure and the straight-line score,
    projected from the latest quarter any indicator of the set reported (as the
    performance service projects the total, through the same helpers)."""
    out: dict[int, list[IndicatorRow]] = defaultdict(list)
    for pid, inds in read_indicators_of_year(conn, year).items():
        quarter, _ = projection_of(inds, up_to_quarter)
        for ind in inds:
            ytd = ytd_at(ind, quarter) if quarter else None
            score = None
            if quarter is not None:
                score = scoring.projected_indicator_score(spec_of(ind), ytd, quarter)
            out[pid].append(
                IndicatorRow(
                    ind.code, ind.name, ind.unit, ind.weight, ind.target, ind.direction, ytd, score
                )
            )
    return out


def _schedules(conn: Connection, as_of: date) -> dict[int, tuple[FundingYearRow, ...]]:
    """Every plan's year table, set-based (per-project calls cost 40 ms each at scale).

    The taper rules are the funding domain's; payments are those made by `as_of` (a past
    quarter's brief shows what was known then), each counted for the plan year it settles
    (`for_year`, 计划年度口径). A plan broken outside the app gets no rows, and its page
    says there is no plan to show.
    """
    d, e = T.disbursement.c, T.evaluation.c
    paid_query = (
        select(d.project_id, d.for_year, d.kind, func.sum(d.amount_fen))
        .where(d.paid_on <= as_of)
        .group_by(d.project_id, d.for_year, d.kind)
    )
    shares = dict(read_policy(conn).reward_shares)
    grades: dict[int, dict[int, str]] = defaultdict(dict)
    for pid, y, grade in conn.execute(select(e.project_id, e.year, e.grade)):
        grades[pid][y] = grade
    paid: dict[int, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for pid, y, kind, fen in conn.execute(paid_query):
        paid[pid][int(y)][kind] = fen_to_wan(int(fen))
    out: dict[int, tuple[FundingYearRow, ...]] = {}
    for pid, spec in read_plan_specs(conn).items():
        try:
            sched = spec.schedule(
                grades=grades.get(pid, {}), disbursed=paid.get(pid, {}), shares=shares
            )
        except ValidationError:
            continue
        out[pid] = tuple(
            FundingYearRow(
                ln.year,
                wan_to_fen(ln.startup),
                wan_to_fen(ln.fixed),
                wan_to_fen(ln.expected_reward),
                wan_to_fen(ln.disbursed),
            )
            for ln in sched.lines
        )
    return out


def _bases(conn: Connection, year: int, as_of: date) -> MoneyBases:
    """Both bases for `year` across the portfolio, from every payment made by `as_of`."""
    d = T.disbursement.c
    q = select(d.paid_on, d.for_year, d.kind, d.amount_fen).where(d.paid_on <= as_of)
    payments = [Payment(day, y, k, Decimal(fen)) for day, y, k, fen in conn.execute(q)]
    r = reconcile(payments, year)
    return MoneyBases(
        plan_year_fen=int(r.plan_year),
        paid_elsewhere_fen=int(r.paid_elsewhere),
        earlier_years_fen=int(r.earlier_years),
        earlier_rewards_fen=int(r.earlier_rewards),
        advances_fen=int(r.advances),
        cash_fen=int(r.cash),
    )


def _paid_by_kind(conn: Connection, year: int, as_of: date) -> dict[str, int]:
    """Paid by `as_of` against `year`'s plan (计划年度口径), per kind, portfolio-wide."""
    d = T.disbursement.c
    q = (
        select(d.kind, func.sum(d.amount_fen))
        .where(d.for_year == year, d.paid_on <= as_of)
        .group_by(d.kind)
    )
    return {kind: int(fen) for kind, fen in conn.execute(q)}


def _warning_items(rows: list[WarningRow], name: str, sample: bool) -> tuple[WarningItem, ...]:
    return tuple(WarningItem(w.project_no, name, w.level, w.reason, w.figure, sample) for w in rows)


def _summary(
    year: int,
    rows: list[tuple[ProjectRow, str]],
    health: dict[int, Health],
    funding: dict[int, FundingStatus],
    perf: dict[int, PerformanceStatus],
    warned: dict[int, list[WarningRow]],
) -> Summary:
    counts = {lv: 0 for lv in LEVEL_ORDER}
    for p, _ in rows:
        counts[health[p.id].level] += 1
    fs = [funding[p.id] for p, _ in rows if p.id in funding]
    planned = sum(f.planned_this_year_fen for f in fs)
    reward_part = sum(
        f.earned_reward_this_year_fen
        if f.earned_reward_this_year_fen is not None
        else f.reward_cap_this_year_fen
        for f in fs
    )
    share = _one_place(Decimal(reward_part * 100) / planned) if planned else None
    scored = [
        (score, p.no, name)
        for p, name in rows
        if p.id in perf and (score := perf[p.id].projected_score) is not None
    ]
    average = lowest = None
    lowest_name = ""
    if scored:
        average = _one_place(sum((s for s, _, _ in scored), Decimal(0)) / len(scored))
        lowest, _, lowest_name = min(scored, key=lambda x: (x[0], x[1]))

    def level(p: ProjectRow) -> str:
        return health[p.id].level

    def reasons(p: ProjectRow) -> tuple[str, ...]:
        return tuple(r.text for r in health[p.id].reasons)  # policy warnings included

    risky = sorted(
        ((p, name) for p, name in rows if level(p) in ("red", "amber")),
        key=lambda x: (LEVEL_ORDER[level(x[0])], -len(reasons(x[0])), x[0].no),
    )
    risks = tuple(RiskItem(p.no, name, level(p), reasons(p)[0], reasons(p)) for p, name in risky)
    return Summary(
        reward_planned_fen=reward_part,
        fixed_planned_fen=planned - reward_part,
        year=year,
        health_counts=tuple((lv, counts[lv]) for lv in ("red", "amber", "green", "none")),
        planned_fen=planned,
        disbursed_fen=sum(f.disbursed_this_year_fen for f in fs),  # cash basis
        reward_earned_fen=sum(f.earned_reward_this_year_fen or 0 for f in fs),
        performance_share=share,
        average_score=average,
        lowest_score=lowest,
        lowest_project=lowest_name,
        top_risks=risks,
        warnings=tuple(
            item
            for p, name in rows
            for item in _warning_items(warned.get(p.id, []), name, p.is_sample)
        ),
    )


def _district(conn: Connection, year: int, lang: str) -> tuple[str, tuple[DistrictRow, ...]]:
    """The plan period holding `year` (else the latest before it), values up to `year`."""
    periods = [p for p in read_plan_periods(conn) if p.start_year <= year]
    if not periods:
        return "", ()
    period = next((p for p in periods if p.end_year >= year), periods[-1])
    overview = read_district_overview(conn, period.id)
    rows = []
    for r in overview.rows:
        values = {y: v for y, v in r.values.items() if y <= year}
        prog = district_rules.progress(
            r.kind, r.base_value, r.target_value, values, period.start_year, period.end_year
        )
        if year > period.end_year:  # the period is over: the final evaluation's verdict
            done = plan_rules.achievement(
                r.kind, r.base_value, r.target_value, values, period.start_year, period.end_year
            )
            prog = replace(prog, current=done.actual, percent=done.percent, status=done.verdict)
        rows.append(
            DistrictRow(
                r.no,
                r.name(lang),
                r.unit,
                r.base_value,
                r.target_value,
                prog.current,
                prog.percent,
                prog.status,
            )
        )
    return f"{period.start_year}–{period.end_year}", tuple(rows)


def build_brief_data(db: Database, quarter_text: str, lang: str = "zh") -> BriefData:
    """Everything the brief for `quarter_text` prints, as of the quarter's last day (or
    today while it runs); UserError for a malformed or out-of-range quarter."""
    with db.core_reader() as conn:
        quarter = check_quarter(conn, quarter_text)  # refused in the caller's language
        return read_brief_data(conn, quarter, lang, db.display_name)


def read_brief_data(conn: Connection, quarter: Quarter, lang: str, database: str) -> BriefData:
    """`build_brief_data` inside the caller's transaction (services.quarter_brief reads the
    brief, its figures and the closed quarters it compares with in one)."""
    schema = read_schema_revision(conn) or ""
    with using_language(lang):
        return _brief(conn, quarter, lang, database, schema)


def read_schema_revision(conn: Connection) -> str | None:
    """The database's migration revision, read in the caller's transaction (the cover
    prints it; db.migrate.current_revision opens a connection of its own)."""
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    revision: str | None = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision


def _texts(conn: Connection) -> dict[int, tuple[str, str]]:
    """project id → (summary, notes): long text the portfolio list does not read."""
    p = T.project.c
    return {
        pid: (summary, notes)
        for pid, summary, notes in conn.execute(select(p.id, p.summary_zh, p.notes))
    }


def _brief(conn: Connection, quarter: Quarter, lang: str, database: str, schema: str) -> BriefData:
    as_of = quarter.as_of(today())
    year = quarter.year
    projects = read_project_rows(conn)
    texts = _texts(conn)
    policy = read_policy(conn)
    funding = read_funding_status(conn, as_of)
    perf = read_performance_status(conn, as_of)
    warned = read_warnings_by_project(conn, as_of)
    health = read_health(conn, as_of, policy, funding=funding, performance=perf, warned=warned)
    milestones = _Milestones(conn)
    schedules = _schedules(conn, as_of)
    indicators = _indicators(conn, year, Quarter.of(as_of).q if as_of.year == year else 4)
    evidence = read_evidence_by_project(conn, as_of)
    named = [(p, _name(p.name_zh, p.name_en, lang)) for p in projects]
    nxt_q = quarter.next()
    sep = "、" if lang == "zh" else ", "

    portfolio, sections, due_next, overdue = [], [], [], []
    for p, name in named:
        h = health[p.id]
        f = funding.get(p.id)
        ps = perf.get(p.id)
        zone = _name(p.zone.name_zh, p.zone.name_en, lang) if p.zone else ""
        nxt = milestones.next_open(p.id)
        grade = (ps.last_grade or "") if ps else ""
        portfolio.append(
            PortfolioRow(
                p.no,
                name,
                zone,
                h.level,
                h.reasons[0].text if h.reasons else "",
                nxt[2] if nxt else "",
                nxt[4] if nxt else None,
                milestones.percent(p.id),
                f.paid_for_this_year_fen if f else 0,
                f.planned_this_year_fen if f and f.has_plan else None,
                grade,
                ps.last_year if ps and grade else None,
                p.is_sample,
            )
        )
        projected = ps.projected_score if ps else None
        sections.append(
            ProjectSection(
                no=p.no,
                name=name,
                other_name=p.name_zh if lang == "en" else p.name_en,
                zone=zone,
                domains=sep.join(_name(d.name_zh, d.name_en, lang) for d in p.domains),
                lead_org=p.lead_org,
                start=p.start_date,
                end=p.end_date,
                status=p.status,
                summary=texts[p.id][0],
                notes=texts[p.id][1],
                health=h.level,
                reasons=tuple(r.text for r in h.reasons),
                milestones=milestones.timeline(p.id, year, as_of),
                funding=schedules.get(p.id, ()),
                indicators=tuple(indicators.get(p.id, ())),
                projected_score=projected,
                projected_grade=scoring.grade(projected, policy.grade_thresholds)
                if projected is not None
                else "",
                latest_grade=grade,
                grade_year=ps.last_year if ps and grade else None,
                evidence=evidence.get(p.id, ()),
                paid_to_date_fen=f.disbursed_to_date_fen if f else 0,
                warnings=_warning_items(warned.get(p.id, []), name, p.is_sample),
                is_sample=p.is_sample,
            )
        )
        for r in milestones.due_in(p.id, nxt_q.first_day, nxt_q.last_day):
            due_next.append(DueItem(p.no, name, r[1], r[2], r[4], r[6], 0))
        for r in milestones.overdue(p.id, as_of):
            overdue.append(DueItem(p.no, name, r[1], r[2], r[4], r[6], (as_of - r[4]).days))

    due_next.sort(key=lambda d: (d.due, d.project_no, d.code))
    overdue.sort(key=lambda d: (-d.overdue_days, d.project_no, d.code))
    period, district = _district(conn, year, lang)
    paid_kinds = _paid_by_kind(conn, year, as_of)
    cover = Cover(
        title=t("Key Support Projects — Quarterly Brief"),
        quarter=str(quarter),
        as_of=as_of,
        generated_at=now(),
        database=database,
        schema=schema,
        project_count=len(projects),
    )
    return BriefData(
        lang=lang,
        year=year,
        cover=cover,
        summary=replace(
            _summary(year, named, health, funding, perf, warned),
            bases=_bases(conn, year, as_of),
            fixed_paid_fen=paid_kinds.get("startup", 0) + paid_kinds.get("fixed", 0),
            reward_paid_fen=paid_kinds.get("reward", 0),
        ),
        portfolio=tuple(portfolio),
        projects=tuple(sections),
        due_next=tuple(due_next),
        next_quarter=str(nxt_q),
        overdue=tuple(overdue),
        district=district,
        district_period=period,
        has_sample=any(p.is_sample for p in projects),
        returns=tuple(read_return_status(conn, quarter)),
    )
