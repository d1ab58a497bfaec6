"""What the district indicators page shows: one plan period's base, target and progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class PlanPeriodView:
    id: int
    code: str
    name_zh: str
    start_year: int
    end_year: int


@dataclass(frozen=True)
class DistrictRow:
    indicator_id: int
    no: int
    name_zh: str
    name_en: str
    unit: str
    kind: str
    base_year: int | None
    base_value: Decimal | None
    target_value: Decimal | None
    values: dict[int, Decimal]
    """Every recorded year's value (the base year's too, when recorded)."""
    current: Decimal | None
    percent: Decimal | None
    status: str
    versions: dict[int, int] = field(default_factory=dict)
    """Each recorded year's row version: what `set_district_value` compares and swaps."""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclass(frozen=True)
class DistrictOverview:
    period: PlanPeriodView
    rows: tuple[DistrictRow, ...]
