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

from sqlalchemy import Connection, insert, literal, select, update
from sqlalchemy.orm import Session

from desktop_app.db import door
from desktop_app.db import tables as T
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
    P, M, FP, TR = T.project, T.milestone, T.funding_plan, T.startup_tranche
    DI, DT, PP = T.district_indicator, T.district_target, T.plan_period
    E, EI, IN, Domain = T.evaluation, T.evaluation_item, T.indicator, T.domain
    pd = T.project_domain.c
    return {
        "project_domains": select(
            literal(0).label("id"),
            P.c.no.label("project_no"),
            Domain.c.code.label("domain_code"),
            Domain.c.name_zh.label("domain_name"),
        )
        .join(P, pd.project_id == P.c.id)
        .join(Domain, pd.domain_id == Domain.c.id)
        .select_from(T.project_domain)
        .order_by(P.c.no, Domain.c.id),
        "startup_tranches": select(
            TR.c.id,
            P.c.no.label("project_no"),
            TR.c.seq,
            TR.c.year,
            TR.c.amount_fen.label("amount"),
            M.c.code.label("milestone_code"),
            TR.c.note,
        )
        .join(FP, TR.c.plan_id == FP.c.id)
        .join(P, FP.c.project_id == P.c.id)
        .outerjoin(M, TR.c.milestone_id == M.c.id)
        .order_by(P.c.no, TR.c.seq),
        "district_targets": select(
            DT.c.id,
            DI.c.no.label("indicator_no"),
            PP.c.code.label("period_code"),
            DT.c.base_year,
            DT.c.base_value,
            DT.c.target_value,
        )
        .join(DI, DT.c.indicator_id == DI.c.id)
        .join(PP, DT.c.period_id == PP.c.id)
        .order_by(PP.c.start_year, DI.c.no),
        "evaluation_items": select(
            EI.c.id,
            P.c.no.label("project_no"),
            E.c.year,
            IN.c.code.label("indicator_code"),
            EI.c.actual,
            EI.c.score,
        )
        .join(E, EI.c.evaluation_id == E.c.id)
        .join(IN, EI.c.indicator_id == IN.c.id)
        .join(P, E.c.project_id == P.c.id)
        .order_by(P.c.no, E.c.year, IN.c.sort_order, IN.c.code),
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

    def __init__(self, session: Connection | Session) -> None:
        d, pp = T.domain.c, T.plan_period.c
        self.domains = dict(session.execute(select(d.code, d.id).order_by(d.id)).all())
        self.periods = dict(
            session.execute(select(pp.code, pp.id).order_by(pp.start_year)).all()
        )


# ---------------------------------------------------------------- writing


def _project_ids(session: Session) -> dict[int, int]:
    return dict(session.execute(select(T.project.c.no, T.project.c.id)).all())


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
            session.execute(insert(door.table("project_domain")), rows)
        return True
    if sheet.name == "startup_tranches":
        fp, p, m = T.funding_plan.c, T.project.c, T.milestone.c
        plan_of = dict(session.execute(select(fp.project_id, fp.id)).all())
        ms = {
            (no, code): mid
            for no, code, mid in session.execute(
                select(p.no, m.code, m.id).join(T.project, m.project_id == p.id)
            )
        }
        tranche = door.table("startup_tranche")

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
            session.execute(insert(tranche).values(plan_id=plan, seq=r["seq"], **values(r)))
        for c in updates:
            session.execute(
                update(tranche).where(tranche.c.id == c.record.id).values(**values(c.row))
            )
        return True
    if sheet.name == "district_targets":
        di = T.district_indicator.c
        ind = dict(session.execute(select(di.no, di.id)).all())
        targets = door.table("district_target")

        def target(r: Mapping[str, Any]) -> dict[str, Any]:
            return {
                "base_year": r["base_year"],
                "base_value": r["base_value"],
                "target_value": r["target_value"],
            }

        for r in adds:
            session.execute(
                insert(targets).values(
                    indicator_id=ind[r["indicator_no"]],
                    period_id=refs.periods[r["period_code"]],
                    **target(r),
                )
            )
        for c in updates:
            session.execute(
                update(targets).where(targets.c.id == c.record.id).values(**target(c.row))
            )
        return True
    p, ev, ind_ = T.project.c, T.evaluation.c, T.indicator.c
    evals = {
        (no, year): eid
        for no, year, eid in session.execute(
            select(p.no, ev.year, ev.id).join(T.project, ev.project_id == p.id)
        )
    }
    inds = {
        (no, year, code): iid
        for no, year, code, iid in session.execute(
            select(p.no, ind_.year, ind_.code, ind_.id).join(T.project, ind_.project_id == p.id)
        )
    }
    items = door.table("evaluation_item")
    for r in adds:
        key = (r["project_no"], r["year"])
        session.execute(
            insert(items).values(
                evaluation_id=evals[key],
                indicator_id=inds[(*key, r["indicator_code"])],
                actual=r["actual"],
                score=r["score"],
            )
        )
    for c in updates:
        session.execute(
            update(items)
            .where(items.c.id == c.record.id)
            .values(actual=c.row["actual"], score=c.row["score"])
        )
    return True


#: The database table behind each sheet (its name goes into the audit trail).
TABLES: dict[str, str] = {
    "project_domains": "project_domain",
    "startup_tranches": "startup_tranche",
    "district_targets": "district_target",
    "evaluation_items": "evaluation_item",
}
