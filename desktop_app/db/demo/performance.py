"""Sample indicator sets, quarterly actuals, evaluations and district values.

Each project gets the same five-indicator template (one "lower is better", one
qualitative) for 2023–2026 with its own targets. Years 2023–2025 are reported in full
and evaluated with a planned grade so all four grades appear (and one project has a D
two years running); 2026 has actuals for Q1–Q3 at a pace that gives a mix of projections.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db.demo import SAMPLE_MARK
from desktop_app.db.models import (
    DistrictIndicator,
    DistrictTarget,
    DistrictValue,
    Evaluation,
    EvaluationItem,
    Indicator,
    IndicatorActual,
    Project,
)
from desktop_app.domain import scoring
from desktop_app.domain.district import KIND_AVERAGE, KIND_CUMULATIVE

#: code, name, unit, weight, direction, (low, high) target range
_TEMPLATE = (
    ("I01", "发明专利申请量", "件", 30, "higher", (12, 40)),
    ("I02", "研发经费投入", "万元", 25, "higher", (600, 3000)),
    ("I03", "引进培育高层次人才", "人", 20, "higher", (6, 20)),
    ("I04", "综合能耗", "吨标煤", 10, "lower", (200, 800)),
    ("I05", "管理规范与示范带动(定性)", "", 15, "qualitative", None),
)
EVALUATED_YEARS = (2023, 2024, 2025)
CURRENT_YEAR = 2026
CURRENT_QUARTERS = 3
#: Planned grade per project number for 2023, 2024, 2025.
_PLANNED = {
    1: "AAA",
    2: "BAA",
    3: "BBA",
    4: "CBB",
    5: "ABC",
    6: "CBB",
    7: "DCC",
    8: "BCD",
    9: "AAB",
    10: "CDD",
    11: "BBB",
    12: "ABA",
    13: "CBA",
}
#: Attainment (share of target reached) that lands in each grade's band.
_ATTAINMENT = {"A": (0.97, 1.08), "B": (0.83, 0.88), "C": (0.64, 0.76), "D": (0.40, 0.52)}
#: 2026 pace (projected attainment) per project; 7 and 10 are heading for a poor year.
_PACE_2026 = {7: 0.55, 10: 0.48, 8: 0.7}
#: The one officer override, with its reason (computed grade kept beside it).
_OVERRIDE = (6, 2024, "C", f"{SAMPLE_MARK}年度专项审计发现经费使用不规范,等级下调一档。")
_YTD_SHARES = (Decimal("0.22"), Decimal("0.47"), Decimal("0.73"), Decimal(1))


def _d(value: float, places: str = "1") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _indicators(project: Project, year: int, targets: dict[str, Decimal]) -> list[Indicator]:
    rows = []
    for order, (code, name, unit, weight, direction, _) in enumerate(_TEMPLATE):
        rows.append(
            Indicator(
                project_id=project.id,
                year=year,
                code=code,
                name=name,
                unit=unit,
                weight=Decimal(weight),
                target=targets.get(code),
                direction=direction,
                sort_order=order,
                is_sample=True,
            )
        )
    return rows


def _year_actual(ind: Indicator, attainment: float, rng: random.Random) -> Decimal:
    """The full-year figure that reaches about `attainment` of the target."""
    a = attainment * rng.uniform(0.96, 1.04)
    if ind.direction == "qualitative":
        return min(_d(float(ind.weight) * min(a, 1.0), "0.5"), ind.weight)
    assert ind.target is not None
    if ind.direction == "lower":
        return _d(float(ind.target) / max(a, 0.05))
    return _d(float(ind.target) * a)


def _add_actuals(ind: Indicator, year_value: Decimal, quarters: int, rng: random.Random) -> None:
    for q in range(1, quarters + 1):
        if ind.direction == "qualitative":
            value = year_value
        else:
            share = _YTD_SHARES[q - 1] if q < 4 else Decimal(1)
            value = (year_value * share * Decimal(str(rng.uniform(0.97, 1.03)))).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
            if q == 4:
                value = year_value
        ind.actuals.append(IndicatorActual(quarter=q, ytd_value=value, note=SAMPLE_MARK))


def _evaluate(project: Project, year: int, inds: list[Indicator]) -> Evaluation:
    items = []
    for ind in inds:
        actual = ind.actuals[-1].ytd_value if ind.actuals else None
        score = scoring.indicator_score(ind.weight, ind.target or Decimal(0), actual, ind.direction)
        items.append(EvaluationItem(indicator_id=ind.id, actual=actual, score=score))
    total = scoring.total_score(i.score for i in items)
    computed = scoring.grade(total)
    final, reason = computed, ""
    if (project.no, year) == _OVERRIDE[:2]:
        final, reason = _OVERRIDE[2], _OVERRIDE[3]
    return Evaluation(
        project_id=project.id,
        year=year,
        total=total,
        computed_grade=computed,
        grade=final,
        override_reason=reason,
        evaluated_on=date(year + 1, 1, 15) + timedelta(days=project.no),
        notes=f"{SAMPLE_MARK}年度绩效评价(示例数据)。",
        is_sample=True,
        items=items,
    )


def _add_projects(session: Session, projects: list[Project], rng: random.Random) -> None:
    for project in projects:
        base = {code: rng.uniform(*span) for code, *_, span in _TEMPLATE if span is not None}
        planned = _PLANNED.get(project.no, "BBB")
        for year in (*EVALUATED_YEARS, CURRENT_YEAR):
            growth = 1 + 0.08 * (year - EVALUATED_YEARS[0])
            targets = {code: _d(v * growth) for code, v in base.items()}
            inds = _indicators(project, year, targets)
            session.add_all(inds)
            session.flush()
            if year == CURRENT_YEAR:
                pace = _PACE_2026.get(project.no, rng.uniform(0.84, 1.05))
                for ind in inds:
                    _add_actuals(ind, _year_actual(ind, pace, rng), CURRENT_QUARTERS, rng)
                continue
            grade = planned[year - EVALUATED_YEARS[0]]
            attainment = rng.uniform(*_ATTAINMENT[grade])
            for ind in inds:
                _add_actuals(ind, _year_actual(ind, attainment, rng), 4, rng)
            session.flush()
            session.add(_evaluate(project, year, inds))


def _add_district(session: Session, rng: random.Random) -> None:
    indicators = list(session.scalars(select(DistrictIndicator).order_by(DistrictIndicator.no)))
    targets = {t.indicator_id: t for t in session.scalars(select(DistrictTarget))}
    for ind in indicators:
        target = targets.get(ind.id)
        goal = float(target.target_value) if target and target.target_value is not None else None
        base = float(target.base_value) if target and target.base_value is not None else None
        for year in range(2021, 2026):
            step = (year - 2020) / 5
            if ind.kind == KIND_AVERAGE:
                value = rng.uniform(11.0, 19.0)
            elif ind.kind == KIND_CUMULATIVE:
                value = rng.randint(6, 10)
            elif goal is not None and base is not None:
                value = base + (goal - base) * step * rng.uniform(0.85, 1.08)
            else:
                continue
            places = "1" if ind.unit in ("件", "家", "个") else "0.01"
            session.add(
                DistrictValue(
                    indicator_id=ind.id, year=year, value=_d(value, places), is_sample=True
                )
            )


def add(session: Session, projects: list[Project], rng: random.Random) -> None:
    _add_projects(session, projects, rng)
    _add_district(session, rng)
