"""Quarters (`2026Q3`), plan periods and the reproducible "today"."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Strict `YYYYQn`: `2026Q5` and `26Q1` are refused with a reason."""
        match = _QUARTER.match(text.strip().upper())
        if not match:
            raise ValueError(f"not a quarter: {text!r} (expected e.g. 2026Q3)")
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:  # `0000Q1` has no dates: refused, not a crash
            raise ValueError(f"not a quarter: {text!r} (years {MIN_YEAR}–{MAX_YEAR})")
        return cls(year, int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> date:
        month = 3 * self.q
        return date(self.year, month, 31 if month in (3, 12) else 30)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def as_of(self, today: date) -> date:
        """A finished quarter is seen as of its last day; the running one as of today."""
        return min(self.last_day, today) if today >= self.first_day else self.last_day


def now() -> datetime:
    """UTC now, or `SOURCE_DATE_EPOCH` when set (reproducible briefs and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


def today() -> date:
    return now().date()


@dataclass(frozen=True)
class PlanPeriod:
    code: str
    start_year: int
    end_year: int

    def contains(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year
