"""The workbook sheets for what officers edit beyond the first eleven: a project's key domains
(项目领域), start-up tranches tied to milestones (启动经费分期), district-indicator targets per
plan period (区级指标目标) and the items of a closed evaluation (评价明细).

Their rows refer to other tables by stable keys (domain code, milestone code, plan-period
code, indicator code), so reading, checking and writing them lives here rather than in the
generic store: `queries()` gives their rows in sheet form, `check()` the rules over the
workbook merged with the database, `write()` their adds and changes (the caller records the
audit trail in the same transaction).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, literal, select, update
from sqlalchemy.orm import Session

from desktop_app.db.models import (
    DistrictIndicator,
    DistrictTarget,
    Domain,
    Evaluation,
    EvaluationItem,
    FundingPlan,
    Indicator,
    Milestone,
    PlanPeriodRow,
    Project,
    StartupTranche,
    project_domain,
)
from desktop_app.i18n import register, t
from desktop_app.io import sheets as S

register(
    {
        "no key domain “{code}”; use one of: {codes}": "不存在重点领域“{code}”;可选:{codes}",
        "project {no} has no milestone {code}": "项目 {no} 没有里程碑 {code}",
        "no plan period “{code}”; use one of: {codes}": "不存在规划期“{code}”;可选:{codes}",
        "project {no} has no closed evaluation for {year}": "项目 {no} 没有 {year} 年的绩效评价",
        "the score must be between 0 and the weight ({weight})": "得分须在 0 至权重({weight})之间",
        "the tranches of project {no} add up to {sum}, not the start-up grant {grant} (10k yuan)": (
            "项目 {no} 各期启动经费合计 {sum},不等于启动建设经费 {grant}(万元)"
        ),
        "the year must be between {lo} and {hi}": "年度须在 {lo} 至 {hi} 之间",
    }
)

NAMES = ("project_domains", "startup_tranches", "district_targets", "evaluation_items")


def queries() -> dict[str, Any]:
    """Sheet rows (with `id`, and `version` where the table has one), in workbook order."""
    P, M, FP, TR = Project, Milestone, FundingPlan, StartupTranche
    DI, DT, PP = DistrictIndicator, DistrictTarget, PlanPeriodRow
    E, EI, IN = Evaluation, EvaluationItem, Indicator
    pd = project_domain.c
    return {
        "project_domains": select(
            literal(0).label("id"),
            P.no.label("project_no"),
            Domain.code.label("domain_code"),
            Domain.name_zh.label("domain_name"),
        )
        .join(P, pd.project_id == P.id)
        .join(Domain, pd.domain_id == Domain.id)
        .select_from(project_domain)
        .order_by(P.no, Domain.id),
        "startup_tranches": select(
            TR.id,
            P.no.label("project_no"),
            TR.seq,
            TR.year,
            TR.amount_fen.label("amount"),
            M.code.label("milestone_code"),
            TR.note,
        )
        .join(FP, TR.plan_id == FP.id)
        .join(P, FP.project_id == P.id)
        .outerjoin(M, TR.milestone_id == M.id)
        .order_by(P.no, TR.seq),
        "district_targets": select(
            DT.id,
            DI.no.label("indicator_no"),
            PP.code.label("period_code"),
            DT.base_year,
            DT.base_value,
            DT.target_value,
        )
        .join(DI, DT.indicator_id == DI.id)
        .join(PP, DT.period_id == PP.id)
        .order_by(PP.start_year, DI.no),
        "evaluation_items": select(
            EI.id,
            P.no.label("project_no"),
            E.year,
            IN.code.label("indicator_code"),
            EI.actual,
            EI.score,
        )
        .join(E, EI.evaluation_id == E.id)
        .join(IN, EI.indicator_id == IN.id)
        .join(P, E.project_id == P.id)
        .order_by(P.no, E.year, IN.sort_order, IN.code),
    }


# ---------------------------------------------------------------- rules


def merged_tranches(ck: Any) -> dict[int, list[tuple[int, int]]]:
    """project no → [(year, fen)] of the start-up tranches after the import, by `seq`."""
    if "startup_tranches" not in ck.parsed:
        return dict(ck.cur.tranches)
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    merged = ck.merged("startup_tranches").items()
    for (no, _seq), row in sorted(merged, key=lambda kv: (kv[0][0] or 0, kv[0][1] or 0)):
        if row["year"] is not None and row["amount"] is not None:
            out[no].append((row["year"], row["amount"]))
    return dict(out)


def _need_project(ck: Any, name: str, projects: set[int]) -> None:
    ps = ck.parsed[name]
    for i, row in enumerate(ps.rows):
        no = row.get("project_no")
        if no is not None and no not in projects:
            ck.add(ps, i, "project_no", t("no project {no}", no=no))


def _domains(ck: Any, known: Mapping[str, int]) -> None:
    ps = ck.parsed["project_domains"]
    for i, row in enumerate(ps.rows):
        code = row["domain_code"]
        if code and code not in known:
            ck.add(
                ps,
                i,
                "domain_code",
                t("no key domain “{code}”; use one of: {codes}", code=code, codes=", ".join(known)),
            )


def _tranches(ck: Any, milestones: set[tuple[int, str]]) -> None:
    ps = ck.parsed["startup_tranches"]
    plans = ck.merged("funding_plans")
    first_row: dict[int, int] = {}
    for i, row in enumerate(ps.rows):
        no = row["project_no"]
        first_row.setdefault(no, i)
        if (no,) not in plans:
            ck.add(ps, i, "project_no", t("project {no} has no funding plan", no=no))
        if row["amount"] is not None and row["amount"] <= 0:
            ck.add(ps, i, "amount", t("Must be more than zero."))
        if row["seq"] is not None and row["seq"] <= 0:
            ck.add(ps, i, "seq", t("Must be more than zero."))
        code = row["milestone_code"]
        if code and (no, code) not in milestones:
            ck.add(
                ps, i, "milestone_code", t("project {no} has no milestone {code}", no=no, code=code)
            )
    tranches = merged_tranches(ck)
    for no, i in first_row.items():
        plan = plans.get((no,))
        if plan is None:
            continue
        total = sum(fen for _y, fen in tranches.get(no, []))
        grant = plan["startup_grant"] or 0
        if total != grant:
            ck.add(
                ps,
                i,
                "amount",
                t(
                    "the tranches of project {no} add up to {sum}, not the start-up grant "
                    "{grant} (10k yuan)",
                    no=no,
                    sum=_wan(total),
                    grant=_wan(grant),
                ),
            )


def _wan(fen: int) -> str:
    from desktop_app.domain.money import format_wan

    return format_wan(fen)


def _targets(ck: Any, periods: Mapping[str, int]) -> None:
    ps = ck.parsed["district_targets"]
    known = {k[0] for k in ck.merged("district_indicators")}
    for i, row in enumerate(ps.rows):
        if row["indicator_no"] is not None and row["indicator_no"] not in known:
            ck.add(ps, i, "indicator_no", t("no district indicator {no}", no=row["indicator_no"]))
        code = row["period_code"]
        if code and code not in periods:
            ck.add(
                ps,
                i,
                "period_code",
                t(
                    "no plan period “{code}”; use one of: {codes}",
                    code=code,
                    codes=", ".join(periods),
                ),
            )


def _items(ck: Any) -> None:
    ps = ck.parsed["evaluation_items"]
    evaluations = ck.merged("evaluations")
    indicators = ck.merged("indicators")
    for i, row in enumerate(ps.rows):
        no, year, code = row["project_no"], row["year"], row["indicator_code"]
        if None in (no, year, code):
            continue
        if (no, year) not in evaluations:
            ck.add(
                ps,
                i,
                "year",
                t("project {no} has no closed evaluation for {year}", no=no, year=year),
            )
        ind = indicators.get((no, year, code))
        if ind is None:
            ck.add(
                ps,
                i,
                "indicator_code",
                t("no indicator {code} for project {no} in {year}", code=code, no=no, year=year),
            )
            continue
        score, weight = row["score"], ind["weight"]
        if score is not None and weight is not None and not Decimal(0) <= score <= weight:
            ck.add(
                ps,
                i,
                "score",
                t("the score must be between 0 and the weight ({weight})", weight=weight),
            )


def check(ck: Any, projects: set[int], refs: References) -> None:
    """Every rule the four sheets would break after the import (absent sheets: none)."""
    for name in ("project_domains", "startup_tranches", "evaluation_items"):
        if name in ck.parsed:
            _need_project(ck, name, projects)
    if "project_domains" in ck.parsed:
        _domains(ck, refs.domains)
    if "startup_tranches" in ck.parsed:
        milestones = {(k[0], k[1]) for k in ck.merged("milestones")}
        _tranches(ck, milestones)
    if "district_targets" in ck.parsed:
        _targets(ck, refs.periods)
    if "evaluation_items" in ck.parsed:
        _items(ck)


class References:
    """Codes the sheets name, read once: domain code → id, plan-period code → id."""

    def __init__(self, session: Session) -> None:
        self.domains = dict(
            session.execute(select(Domain.code, Domain.id).order_by(Domain.id)).all()
        )
        self.periods = dict(
            session.execute(
                select(PlanPeriodRow.code, PlanPeriodRow.id).order_by(PlanPeriodRow.start_year)
            ).all()
        )


# ---------------------------------------------------------------- writing


def _project_ids(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Project.no, Project.id)).all())


def write(session: Session, sheet: S.Sheet, changes: list[Any]) -> bool:
    """Write the adds and changes of one of the four sheets; False for any other sheet."""
    if sheet.name not in NAMES:
        return False
    pids = _project_ids(session)
    refs = References(session)
    adds = [c.row for c in changes if c.record is None]
    updates = [c for c in changes if c.record is not None]
    if sheet.name == "project_domains":  # every column is the key: adds only
        rows = [
            {"project_id": pids[r["project_no"]], "domain_id": refs.domains[r["domain_code"]]}
            for r in adds
        ]
        if rows:
            session.execute(insert(project_domain), rows)
        return True
    if sheet.name == "startup_tranches":
        plan_of = dict(session.execute(select(FundingPlan.project_id, FundingPlan.id)).all())
        ms = {
            (no, code): mid
            for no, code, mid in session.execute(
                select(Project.no, Milestone.code, Milestone.id).join(
                    Project, Milestone.project_id == Project.id
                )
            )
        }

        def values(r: Mapping[str, Any]) -> dict[str, Any]:
            code = r["milestone_code"]
            return {
                "year": r["year"],
                "amount_fen": r["amount"],
                "milestone_id": ms[(r["project_no"], code)] if code else None,
                "note": r["note"],
            }

        for r in adds:
            plan = plan_of[pids[r["project_no"]]]
            session.execute(insert(StartupTranche).values(plan_id=plan, seq=r["seq"], **values(r)))
        for c in updates:
            session.execute(
                update(StartupTranche)
                .where(StartupTranche.id == c.record.id)
                .values(**values(c.row))
            )
        return True
    if sheet.name == "district_targets":
        ind = dict(session.execute(select(DistrictIndicator.no, DistrictIndicator.id)).all())

        def target(r: Mapping[str, Any]) -> dict[str, Any]:
            return {
                "base_year": r["base_year"],
                "base_value": r["base_value"],
                "target_value": r["target_value"],
            }

        for r in adds:
            session.execute(
                insert(DistrictTarget).values(
                    indicator_id=ind[r["indicator_no"]],
                    period_id=refs.periods[r["period_code"]],
                    **target(r),
                )
            )
        for c in updates:
            session.execute(
                update(DistrictTarget)
                .where(DistrictTarget.id == c.record.id)
                .values(**target(c.row))
            )
        return True
    evals = {
        (no, year): eid
        for no, year, eid in session.execute(
            select(Project.no, Evaluation.year, Evaluation.id).join(
                Project, Evaluation.project_id == Project.id
            )
        )
    }
    inds = {
        (no, year, code): iid
        for no, year, code, iid in session.execute(
            select(Project.no, Indicator.year, Indicator.code, Indicator.id).join(
                Project, Indicator.project_id == Project.id
            )
        )
    }
    for r in adds:
        key = (r["project_no"], r["year"])
        session.execute(
            insert(EvaluationItem).values(
                evaluation_id=evals[key],
                indicator_id=inds[(*key, r["indicator_code"])],
                actual=r["actual"],
                score=r["score"],
            )
        )
    for c in updates:
        session.execute(
            update(EvaluationItem)
            .where(EvaluationItem.id == c.record.id)
            .values(actual=c.row["actual"], score=c.row["score"])
        )
    return True


#: The database table behind each sheet (its name goes into the audit trail).
TABLES: dict[str, Any] = {
    "project_domains": project_domain,
    "startup_tranches": StartupTranche.__table__,
    "district_targets": DistrictTarget.__table__,
    "evaluation_items": EvaluationItem.__table__,
}
