"""Sample funding plans (all three taper modes) and the payments made up to the demo's today.

Plans run five years from the project's start year: the start-up grant (in one or two
tranches), fixed support tapering linear / geometric / manual by project number, and reward
caps that rise as fixed support falls. Payments follow the plan; each evaluated year's
reward is paid the next spring at cap × share(grade). Project 5 is paid next year's fixed
support in advance (预拨, booked for next year's plan), so on the cash basis it runs ahead of
plan (red in health).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db.demo import DEMO_TODAY, SAMPLE_MARK
from desktop_app.db.models import (
    Disbursement,
    Evaluation,
    FundingPlan,
    FundingYear,
    Project,
    StartupTranche,
)
from desktop_app.domain.funding import (
    FundingPlanSpec,
    Tranche,
    reward_amount,
    stored_plan,
    stored_years,
)
from desktop_app.domain.money import wan_to_fen

AHEAD_OF_PLAN_NO = 5
YEARS = 5


def _spec(p: Project, rng: random.Random) -> FundingPlanSpec:
    start = p.start_date.year if p.start_date else 2023
    first = Decimal(rng.choice(range(200, 650, 50)))
    grant = Decimal(rng.choice(range(300, 1100, 100)))
    caps = tuple((first * Decimal("0.1") * i).quantize(Decimal(1)) for i in range(YEARS))
    tranches = (
        (
            Tranche(start, grant * Decimal("0.6"), "开工"),
            Tranche(start + 1, grant * Decimal("0.4"), "主体完工"),
        )
        if p.no % 2
        else ()
    )
    common = FundingPlanSpec(
        first_year=start,
        years=YEARS,
        mode="manual",
        first_amount=first,
        reward_caps=caps,
        startup_grant=grant,
        startup_year=start,
        tranches=tranches,
    )
    mode = ("manual", "linear", "geometric")[p.no % 3]
    if mode == "linear":
        floor = Decimal(50) if p.no % 4 == 1 else Decimal(0)
        step = (first / 5).quantize(Decimal(1)) + (Decimal(20) if floor else 0)
        return replace(common, mode="linear", step=step, floor=floor)
    if mode == "geometric":
        rate = Decimal(rng.choice(("0.15", "0.2", "0.25")))
        return replace(common, mode="geometric", rate=rate)
    shares = (Decimal(1), Decimal("0.8"), Decimal("0.65"), Decimal("0.5"), Decimal("0.4"))
    manual = tuple((first * s).quantize(Decimal(1)) for s in shares)
    return replace(common, manual=manual)


def _plan_row(p: Project, spec: FundingPlanSpec) -> FundingPlan:
    plan = FundingPlan(
        project_id=p.id,
        **stored_plan(spec),
        notes=f"{SAMPLE_MARK}经费计划为示例数据,非区里批复原文。",
        is_sample=True,
    )
    for year in stored_years(spec):  # mapped as the funding service saves a plan
        plan.year_rows.append(FundingYear(**year))
    for seq, tr in enumerate(spec.tranches, start=1):
        plan.tranches.append(
            StartupTranche(seq=seq, year=tr.year, amount_fen=wan_to_fen(tr.amount), note=tr.note)
        )
    return plan


def _payments(p: Project, spec: FundingPlanSpec, grades: dict[int, str]) -> list[Disbursement]:
    out: list[tuple[date, Decimal, str, str, int]] = []
    for year, amount in spec.startup_by_year().items():
        out.append((date(year, 3, 10 + p.no), amount, "startup", "启动建设经费", year))
    for year, amount in zip(
        range(spec.first_year, spec.last_year + 1), spec.fixed_support(), strict=True
    ):
        out.append((date(year, 4, 8 + p.no), amount, "fixed", "年度固定扶持", year))
        grade = grades.get(year)
        if grade is not None:
            cap = spec.reward_caps[year - spec.first_year]
            reward = reward_amount(cap, grade)
            if reward > 0:
                note = f"{year}年度绩效奖励({grade})"
                out.append((date(year + 1, 5, 6 + p.no), reward, "reward", note, year))
    if p.no == AHEAD_OF_PLAN_NO:
        i = DEMO_TODAY.year + 1 - spec.first_year
        advance = spec.fixed_support()[i] + spec.reward_caps[i]
        note = "提前预拨下年度固定扶持及奖励"
        out.append((date(DEMO_TODAY.year, 7, 20), advance, "fixed", note, DEMO_TODAY.year + 1))
    rows = []
    for n, (paid_on, amount, kind, note, for_year) in enumerate(sorted(out), start=1):
        if paid_on > DEMO_TODAY:
            continue
        rows.append(
            Disbursement(
                project_id=p.id,
                paid_on=paid_on,
                amount_fen=wan_to_fen(amount),
                kind=kind,
                for_year=for_year,
                doc_no=f"{SAMPLE_MARK}思科拨〔{paid_on.year}〕{p.no:02d}{n:02d}号",
                note=f"{SAMPLE_MARK}{note}",
                is_sample=True,
            )
        )
    return rows


def add(session: Session, projects: list[Project], rng: random.Random) -> None:
    grades: dict[int, dict[int, str]] = {}
    for pid, year, grade in session.execute(
        select(Evaluation.project_id, Evaluation.year, Evaluation.grade)
    ):
        grades.setdefault(pid, {})[year] = grade
    for p in projects:
        spec = _spec(p, rng)
        session.add(_plan_row(p, spec))
        session.add_all(_payments(p, spec, grades.get(p.id, {})))
