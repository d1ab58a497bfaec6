"""Progress of the district's plan indicators (table 1) toward a plan period's target.

The seed gives each indicator a kind, and progress is read accordingly:
- `level` (a stock such as the number of high-tech firms): how far the latest value has
  moved from the base toward the target, (latest − base) / (target − base);
- `5-year cumulative` (new innovation carriers): the period's values summed, over the target;
- `5-year annual average` (R&D growth rate): the period's average, over the target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.i18n import register, t

KIND_LEVEL = "level"
KIND_CUMULATIVE = "5-year cumulative"
KIND_AVERAGE = "5-year annual average"
STATUSES = ("met", "on_track", "behind", "missed", "no_data")
PERCENT_PLACES = Decimal("0.1")

register(
    {
        "The end year is before the start year.": "结束年份早于起始年份。",
        "Years must be between {lo} and {hi}.": "年份须在 {lo} 至 {hi} 之间。",
        "{start}–{end} overlaps the plan period {code}.": "{start}–{end} 与规划期 {code} 重叠。",
        "A plan period {code} already exists.": "规划期 {code} 已存在。",
    }
)


@dataclass(frozen=True)
class Progress:
    current: Decimal | None
    """Latest level, period sum or period average, by kind (None: no value yet)."""
    percent: Decimal | None
    """Share of the way to the target, one decimal (may pass 100 or fall below 0)."""
    status: str


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def progress(
    kind: str,
    base: Decimal | None,
    target: Decimal | None,
    values: Mapping[int, Decimal],
    start_year: int,
    end_year: int,
) -> Progress:
    """Where an indicator stands in a plan period, given its yearly values."""
    in_period = {y: v for y, v in values.items() if start_year <= y <= end_year}
    if not in_period:
        return Progress(None, None, "no_data")
    last_year = max(in_period)
    if kind == KIND_CUMULATIVE:
        current = sum(in_period.values(), Decimal(0))
    elif kind == KIND_AVERAGE:
        current = sum(in_period.values(), Decimal(0)) / len(in_period)
        current = current.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    else:
        current = in_period[last_year]
    if target is None:
        return Progress(current, None, "no_data")
    if kind == KIND_LEVEL and base is not None and target != base:
        percent = _percent(current - base, target - base)
    elif target == 0:
        return Progress(current, None, "no_data")
    else:
        percent = _percent(current, target)
    if percent >= 100:
        return Progress(current, percent, "met")
    if last_year >= end_year:
        return Progress(current, percent, "missed")
    if kind == KIND_AVERAGE:
        return Progress(current, percent, "behind")
    elapsed = _percent(Decimal(last_year - start_year + 1), Decimal(end_year - start_year + 1))
    return Progress(current, percent, "on_track" if percent >= elapsed else "behind")


def check_period_years(
    start_year: int, end_year: int, others: Mapping[str, tuple[int, int]]
) -> str | None:
    """Why a new plan period is refused (None when its years are fine)."""
    for year in (start_year, end_year):
        if not MIN_YEAR <= year <= MAX_YEAR:
            return t("Years must be between {lo} and {hi}.", lo=MIN_YEAR, hi=MAX_YEAR)
    if end_year < start_year:
        return t("The end year is before the start year.")
    for code, (lo, hi) in others.items():
        if start_year <= hi and lo <= end_year:
            return t(
                "{start}–{end} overlaps the plan period {code}.",
                start=start_year,
                end=end_year,
                code=code,
            )
    return None
