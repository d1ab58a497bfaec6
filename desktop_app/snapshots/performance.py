"""What the performance tab, the portfolio scores page, health and the brief read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class IndicatorEdit:
    """One row of an indicator set as the officer typed it (parsed, not yet validated).

    `id` is None for a new row; rows of the stored set missing from an edit are deleted.
    """

    id: int | None
    name: str
    unit: str
    weight: Decimal
    target: Decimal | None
    direction: str = "higher"
    allow_negative: bool = False
    code: str = ""


@dataclass(frozen=True)
class IndicatorFields:
    """What every view of an indicator names: code, name, unit and its scoring terms."""

    code: str
    name: str
    unit: str
    weight: Decimal
    target: Decimal | None
    direction: str


def indicator_fields(ind: Any) -> dict[str, Any]:
    """`IndicatorFields` of anything shaped like an indicator (a stored row, a record)."""
    return {
        "code": ind.code,
        "name": ind.name,
        "unit": ind.unit,
        "weight": ind.weight,
        "target": ind.target,
        "direction": ind.direction,
    }


@dataclass(frozen=True)
class IndicatorRow(IndicatorFields):
    id: int
    allow_negative: bool
    ytd: tuple[Decimal | None, ...]
    """Year-to-date actuals for Q1..Q4 (None where not reported)."""
    latest_quarter: int | None
    projected_actual: Decimal | None
    projected_score: Decimal
    version: int

    def edit(self) -> IndicatorEdit:
        return indicator_edit(self)


@dataclass(frozen=True)
class EvaluationItemView:
    indicator_id: int
    name: str
    weight: Decimal
    target: Decimal | None
    direction: str
    actual: Decimal | None
    score: Decimal


@dataclass(frozen=True)
class EvaluationView:
    """A closed year, or (with `saved=False`) the preview of closing it."""

    project_id: int
    year: int
    total: Decimal
    computed_grade: str
    grade: str
    override_reason: str
    evaluated_on: date | None
    items: tuple[EvaluationItemView, ...]
    saved: bool = True
    version: int = 0
    """The stored row's version (0 for a preview): reopening checks it."""

    @property
    def overridden(self) -> bool:
        return self.grade != self.computed_grade


@dataclass(frozen=True)
class YearScore:
    year: int
    total: Decimal
    grade: str
    computed_grade: str


@dataclass(frozen=True)
class ProjectPerformance:
    """One project-year for the performance tab."""

    project_id: int
    project_name: str
    year: int
    indicators: tuple[IndicatorRow, ...]
    weight_sum: Decimal
    weight_problem: str | None
    """Why the weight set is refused (None when it sums to 100 or is empty)."""
    projection_quarter: int | None
    projected_total: Decimal | None
    projected_grade: str | None
    evaluation: EvaluationView | None
    trend: tuple[YearScore, ...]
    """Closed years' totals and grades, oldest first (the trend chart)."""
    years: tuple[int, ...]
    """Years with indicators or an evaluation (the year selector)."""


@dataclass(frozen=True)
class PerformanceStatus:
    """A project's performance as of a date: health and the brief read this."""

    project_id: int
    last_year: int | None
    last_total: Decimal | None
    last_grade: str | None
    projected_year: int
    projected_quarter: int | None
    projected_score: Decimal | None
    grades: dict[int, str] = field(default_factory=dict)
    """Grade of every evaluated year up to the date (a D two years running is a warning)."""


@dataclass(frozen=True)
class PortfolioScoreRow:
    """One project's line in the projects × years table."""

    project_id: int
    no: int
    name_zh: str
    name_en: str
    scores: dict[int, YearScore]
    projected_year: int
    projected_score: Decimal | None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


def indicator_edit(row: IndicatorRow | Any) -> IndicatorEdit:
    """The editable fields of a stored row or of a draft in the table (same field names)."""
    return IndicatorEdit(
        id=row.id,
        name=row.name,
        unit=row.unit,
        weight=row.weight,
        target=row.target,
        direction=row.direction,
        allow_negative=row.allow_negative,
        code=row.code,
    )
