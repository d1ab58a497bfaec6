"""The final evaluation's verdicts: was a district indicator's target met, and was a
milestone delivered on time — read at the end of a plan period.

An indicator's achievement is measured by its kind (as `domain.district.progress` does):
- `level`: the end year's value against the target, as the share of the way from base
  to target ((actual − base) / (target − base));
- `5-year cumulative`: the period's values summed, over the target;
- `5-year annual average`: the mean of the period's yearly values, over the target.
Achieved: 100 % or more. Partly achieved: at least `PARTLY_FROM` (half the way).
Not achieved: less. No figure for the end year: no verdict (never guessed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_app.domain.district import progress

ACHIEVED, PARTLY, NOT_ACHIEVED, NO_DATA = "achieved", "partly", "not_achieved", "no_data"
PARTLY_FROM = Decimal(50)


@dataclass(frozen=True)
class Achievement:
    actual: Decimal | None
    """End-year level, period sum or period average, by kind."""
    percent: Decimal | None
    verdict: str


def achievement(
    kind: str,
    base: Decimal | None,
    target: Decimal | None,
    values: Mapping[int, Decimal],
    start_year: int,
    end_year: int,
) -> Achievement:
    """The verdict at the end of `start_year`..`end_year` (needs a value for `end_year`)."""
    if end_year not in values:
        return Achievement(None, None, NO_DATA)
    prog = progress(kind, base, target, values, start_year, end_year)
    if prog.percent is None:
        return Achievement(prog.current, None, NO_DATA)
    if prog.percent >= 100:
        verdict = ACHIEVED
    elif prog.percent >= PARTLY_FROM:
        verdict = PARTLY
    else:
        verdict = NOT_ACHIEVED
    return Achievement(prog.current, prog.percent, verdict)


ON_TIME, LATE, OPEN = "on_time", "late", "open"


def delivery(due: date, done_on: date | None, period_end: date) -> str:
    """A milestone due within the period: on time, late (done after its due date, within
    the period) or open (not done by the period's last day)."""
    if done_on is None or done_on > period_end:
        return OPEN
    return ON_TIME if done_on <= due else LATE


def reward_share(fixed_fen: int, reward_fen: int) -> Decimal | None:
    """Performance reward as a percentage of recurring support (fixed + reward), one decimal;
    None when nothing was paid. The taper-off works when this rises year by year."""
    whole = fixed_fen + reward_fen
    if whole <= 0:
        return None
    from decimal import ROUND_HALF_UP

    return (Decimal(reward_fen) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
