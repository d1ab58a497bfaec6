"""Reading a project-year's indicators, actuals and evaluations for the performance services.

The queries and row builders that `services.performance` composes into its snapshots and
writes: one place decides which figure is "the year's". How a projection is made lives in
`services.performance_status` (ORM-free, so the brief shares it) and is used from there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.db.models import Evaluation, Indicator, Project
from desktop_app.domain import scoring
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.performance_status import latest_ytd, spec_of, ytd_at
from desktop_app.snapshots.performance import (
    EvaluationItemView,
    EvaluationView,
    IndicatorRow,
    YearScore,
    indicator_fields,
)

register(
    {
        "Project {id} no longer exists.": "项目 {id} 已不存在。",
        "Indicator {id} no longer exists.": "指标 {id} 已不存在。",
        "Row {row} “{name}”: {reason}": "第 {row} 行“{name}”:{reason}",
        "Indicator name is required.": "指标名称不能为空。",
        "Two indicators share the code {code}.": "两个指标使用了相同编码 {code}。",
        "{year} already has indicators; nothing was copied.": "{year} 年已有指标,未复制。",
        "No indicators before {year} to copy.": "{year} 年之前没有可复制的指标。",
        "{year} has no indicators to evaluate.": "{year} 年没有绩效指标,无法评价。",
        "{year} is already evaluated.": "{year} 年已完成评价。",
        "{year} has no evaluation to reopen.": "{year} 年没有可重新打开的评价。",
        "Unknown grade “{value}”.": "未知等级“{value}”。",
        "Overriding the computed grade {computed} needs a written reason.": (
            "修改计算等级 {computed} 须填写书面理由。"
        ),
        "Reopening an evaluation needs a written reason.": "重新打开评价须填写书面理由。",
    }
)


def stored_project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise UserError(t("Project {id} no longer exists.", id=project_id))
    return project


def indicators_of(session: Session, project_id: int, year: int) -> list[Indicator]:
    query = (
        select(Indicator)
        .where(Indicator.project_id == project_id, Indicator.year == year)
        .options(selectinload(Indicator.actuals))
        .order_by(Indicator.sort_order, Indicator.id)
    )
    return list(session.scalars(query))


def evaluation_of(session: Session, project_id: int, year: int) -> Evaluation | None:
    return session.scalar(
        select(Evaluation).where(Evaluation.project_id == project_id, Evaluation.year == year)
    )


def refuse_if_closed(session: Session, project_id: int, year: int) -> None:
    closed = {year} if evaluation_of(session, project_id, year) is not None else set()
    reason = scoring.closed_year_problem(year, closed)
    if reason is not None:
        raise UserError(reason)


def indicator_row(ind: Any, quarter: int | None) -> IndicatorRow:
    """A stored indicator (with its actuals) as the performance tab shows it."""
    ytd = {a.quarter: a.ytd_value for a in ind.actuals}
    latest = latest_ytd(ind)
    projected_actual = None
    projected = Decimal(0).quantize(scoring.SCORE_PLACES)
    if quarter is not None:
        value = ytd_at(ind, quarter)
        projected_actual = scoring.projected_actual(value, quarter, ind.direction)
        projected = scoring.projected_indicator_score(spec_of(ind), value, quarter)
    return IndicatorRow(
        **indicator_fields(ind),
        id=ind.id,
        allow_negative=ind.allow_negative,
        ytd=tuple(ytd.get(q) for q in range(1, 5)),
        latest_quarter=latest[0] if latest else None,
        projected_actual=projected_actual,
        projected_score=projected,
        version=ind.version,
    )


def weight_problem(project_name: str, year: int, indicators: Sequence[Any]) -> str | None:
    if not indicators:
        return None
    try:
        scoring.check_weight_set((i.weight for i in indicators), project=project_name, year=year)
    except scoring.ScoringError as exc:
        return str(exc)
    return None


def evaluation_view(
    ev: Any, scored: Sequence[Any], indicators: Mapping[int, Any]
) -> EvaluationView:
    """A closed year (a stored evaluation row) with its scored items, named by indicator."""
    items = []
    for item in scored:
        ind = indicators.get(item.indicator_id)
        items.append(
            EvaluationItemView(
                indicator_id=item.indicator_id,
                name=ind.name if ind else "",
                weight=ind.weight if ind else Decimal(0),
                target=ind.target if ind else None,
                direction=ind.direction if ind else "higher",
                actual=item.actual,
                score=item.score,
            )
        )
    return EvaluationView(
        project_id=ev.project_id,
        year=ev.year,
        total=ev.total,
        computed_grade=ev.computed_grade,
        grade=ev.grade,
        override_reason=ev.override_reason,
        evaluated_on=ev.evaluated_on,
        items=tuple(items),
        version=ev.version,
    )


class ScoredYear(Protocol):
    """A closed year as `year_score` reads it (ORM `Evaluation` or a Core row)."""

    @property
    def year(self) -> int: ...

    @property
    def total(self) -> Decimal: ...

    @property
    def grade(self) -> str: ...

    @property
    def computed_grade(self) -> str: ...


def year_score(ev: ScoredYear) -> YearScore:
    return YearScore(year=ev.year, total=ev.total, grade=ev.grade, computed_grade=ev.computed_grade)


def compute(
    indicators: Sequence[Indicator],
) -> tuple[list[tuple[Indicator, Decimal | None, Decimal]], Decimal]:
    """Each indicator's year figure (its latest YTD) and score, and the total."""
    items = []
    for ind in indicators:
        latest = latest_ytd(ind)
        actual = latest[1] if latest else None
        score = scoring.indicator_score(ind.weight, ind.target or Decimal(0), actual, ind.direction)
        items.append((ind, actual, score))
    return items, scoring.total_score(score for _, _, score in items)


def checked_for_evaluation(s: Session, project_id: int, year: int) -> list[Indicator]:
    project = stored_project(s, project_id)
    indicators = indicators_of(s, project_id, year)
    if not indicators:
        raise UserError(t("{year} has no indicators to evaluate.", year=year))
    problem = weight_problem(project.name_zh, year, indicators)
    if problem:
        raise UserError(problem)
    return indicators
