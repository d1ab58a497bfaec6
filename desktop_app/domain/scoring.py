"""Performance scoring: indicator scores, the year's total, its grade and a projection.

Pure rules of docs/rules.md ("Performance evaluation"). A quantitative score is
weight × min(actual/target, 1) — or target/actual when lower is better — and 0 with no
actual; a qualitative indicator is scored by the officer, 0..weight. Weights of a
project-year must sum to exactly 100: a wrong set is refused, never rescaled, because a
rescaled set would silently change what the officer agreed with the project.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.policy import DEFAULT_POLICY
from desktop_app.i18n import register, t

DIRECTIONS = ("higher", "lower", "qualitative")
GRADES = ("A", "B", "C", "D")
FULL_WEIGHT = Decimal(100)
QUARTERS_PER_YEAR = 4
#: Indicator scores keep the precision they are stored with (ScaledDecimal(4)).
SCORE_PLACES = Decimal("0.0001")
TOTAL_PLACES = Decimal("0.1")
DEFAULT_THRESHOLDS: Mapping[str, Decimal] = DEFAULT_POLICY.grade_thresholds

register(
    {
        "Weights of “{project}” for {year} sum to {total}, not 100.": (
            "“{project}”{year} 年指标权重合计为 {total},不等于 100。"
        ),
        "Weight must be greater than zero.": "权重必须大于零。",
        "Target must be greater than zero.": "目标值必须大于零。",
        "A quantitative indicator needs a target.": "定量指标须填写目标值。",
        "Unknown direction “{value}”.": "未知指标方向“{value}”。",
        "Actual must not be negative.": "实际值不能为负数。",
        "Score must be between 0 and the weight {weight}.": "评分须在 0 至权重 {weight} 之间。",
        "Quarter must be 1 to 4.": "季度须为 1 至 4。",
        "Unknown grade “{value}”.": "未知等级“{value}”。",
        "Q{quarter} of {year} has not begun yet.": "{year} 年第 {quarter} 季度尚未开始。",
        "Overriding the computed grade {computed} needs a written reason.": (
            "修改计算等级 {computed} 须填写书面理由。"
        ),
        "{year} is closed by its evaluation; reopen the year before changing it.": (
            "{year} 年已完成绩效评价;请先重新打开该年度再修改。"
        ),
    }
)


def closed_year_problem(year: int, closed_years: Container[int]) -> str | None:
    """Why a project-year's indicators and actuals cannot change (None: they can).

    An evaluated year is frozen: its grade was computed from these figures. The
    performance services and the workbook import both ask here."""
    if year in closed_years:
        return t(
            "{year} is closed by its evaluation; reopen the year before changing it.", year=year
        )
    return None


def quarters_begun(year: int, day: date) -> int:
    """How many quarters of `year` have begun by `day` (0 for a later year, 4 for an earlier
    one): a year-to-date figure can only be reported for those."""
    if year < day.year:
        return 4
    if year > day.year:
        return 0
    return (day.month - 1) // 3 + 1


def actual_quarter_problem(year: int, quarter: int, day: date) -> str | None:
    """Why no year-to-date figure can be stored for `quarter` of `year` on `day` (None: it
    can): a quarter 1–4 that has begun. `set_actual` and the workbook import ask here."""
    if not 1 <= quarter <= QUARTERS_PER_YEAR:
        return t("Quarter must be 1 to 4.")
    if quarter > quarters_begun(year, day):
        return t("Q{quarter} of {year} has not begun yet.", quarter=quarter, year=year)
    return None


class ScoringError(ValueError):
    """A figure the rules refuse; the message (user language) says why."""


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ScoringError(t("Unknown direction “{value}”.", value=direction))


def check_target(target: Decimal | None, direction: str) -> None:
    """Quantitative indicators need a target above zero (a ratio to zero means nothing)."""
    _check_direction(direction)
    if direction == "qualitative":
        return
    if target is None:
        raise ScoringError(t("A quantitative indicator needs a target."))
    if target <= 0:
        raise ScoringError(t("Target must be greater than zero."))


def check_weight(weight: Decimal) -> None:
    if weight <= 0:
        raise ScoringError(t("Weight must be greater than zero."))


def check_actual(
    actual: Decimal, *, weight: Decimal, direction: str, allow_negative: bool = False
) -> None:
    """Refuse a negative figure the unit forbids, or an officer's score outside 0..weight."""
    _check_direction(direction)
    if direction == "qualitative":
        if actual < 0 or actual > weight:
            raise ScoringError(t("Score must be between 0 and the weight {weight}.", weight=weight))
    elif actual < 0 and not allow_negative:
        raise ScoringError(t("Actual must not be negative."))


def check_grade(grade: str, computed: str, override_reason: str) -> None:
    """A grade is A–D; one that differs from the computed grade needs a written reason.
    Every door asks here: closing a year, the import, the ORM guard (domain.rules)."""
    if grade not in GRADES:
        raise ScoringError(t("Unknown grade “{value}”.", value=grade))
    if computed and grade != computed and not override_reason.strip():
        raise ScoringError(
            t("Overriding the computed grade {computed} needs a written reason.", computed=computed)
        )


def check_weight_set(weights: Iterable[Decimal], *, project: str, year: int) -> Decimal:
    """The sum, when it is exactly 100; otherwise a refusal naming project, year and sum."""
    total = sum((Decimal(w) for w in weights), Decimal(0))
    if total != FULL_WEIGHT:
        raise ScoringError(
            t(
                "Weights of “{project}” for {year} sum to {total}, not 100.",
                project=project,
                year=year,
                total=format_number(total),
            )
        )
    return total


def format_number(value: Decimal) -> str:
    """`40.0000` → `40`, `22.5000` → `22.5`: figures as an officer would write them."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def indicator_score(
    weight: Decimal,
    target: Decimal,
    actual: Decimal | None,
    direction: str = "higher",
) -> Decimal:
    """Weight × attainment, capped at the weight; 0 when nothing was reported.

    `higher`: actual/target; `lower`: target/actual (an actual of zero or below is the
    best possible, so full weight); `qualitative`: the officer's score (`actual`) itself.
    A negative actual that the indicator allows scores 0, never below.
    """
    weight = Decimal(weight)
    if direction == "qualitative":
        if actual is None:
            return Decimal(0).quantize(SCORE_PLACES)
        check_actual(Decimal(actual), weight=weight, direction=direction)
        return Decimal(actual).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)
    check_target(target, direction)
    if actual is None:
        return Decimal(0).quantize(SCORE_PLACES)
    actual = Decimal(actual)
    target = Decimal(target)
    if direction == "higher":
        ratio = actual / target
    else:
        ratio = Decimal(1) if actual <= 0 else target / actual
    ratio = max(Decimal(0), min(ratio, Decimal(1)))
    return (weight * ratio).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def total_score(scores: Iterable[Decimal]) -> Decimal:
    """The year's total: the sum of indicator scores, one decimal, half up."""
    total = sum((Decimal(s) for s in scores), Decimal(0))
    return total.quantize(TOTAL_PLACES, rounding=ROUND_HALF_UP)


def grade(total: Decimal, thresholds: Mapping[str, Decimal] = DEFAULT_THRESHOLDS) -> str:
    """A ≥ 90, B ≥ 80, C ≥ 60, else D (thresholds editable in the policy)."""
    for letter in ("A", "B", "C"):
        if total >= Decimal(thresholds[letter]):
            return letter
    return "D"


def projected_actual(ytd: Decimal | None, quarter: int, direction: str) -> Decimal | None:
    """The year-end figure if the pace so far continues: ytd × 4 / quarter.

    A qualitative score is not a flow, so the officer's latest score stands as it is.
    """
    if not 1 <= quarter <= QUARTERS_PER_YEAR:
        raise ScoringError(t("Quarter must be 1 to 4."))
    if ytd is None:
        return None
    if direction == "qualitative" or quarter == QUARTERS_PER_YEAR:
        return Decimal(ytd)
    return Decimal(ytd) * QUARTERS_PER_YEAR / quarter


@dataclass(frozen=True)
class IndicatorSpec:
    """What scoring needs of an indicator."""

    weight: Decimal
    target: Decimal | None
    direction: str = "higher"


def projected_indicator_score(spec: IndicatorSpec, ytd: Decimal | None, quarter: int) -> Decimal:
    actual = projected_actual(ytd, quarter, spec.direction)
    if spec.direction == "qualitative" and actual is not None:
        actual = min(actual, spec.weight)
    return indicator_score(spec.weight, spec.target or Decimal(0), actual, spec.direction)


def projected_score(items: Iterable[tuple[IndicatorSpec, Decimal | None]], quarter: int) -> Decimal:
    """The year's total projected straight-line from year-to-date actuals at `quarter`."""
    return total_score(projected_indicator_score(spec, ytd, quarter) for spec, ytd in items)
