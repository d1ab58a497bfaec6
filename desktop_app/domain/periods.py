"""Quarters (`2026Q3`), plan periods and the reproducible "today"."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

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
    """The date on the PC's calendar: in Xiamen (UTC+8) at 07:30 it is already today, not
    the UTC date (yesterday). With `SOURCE_DATE_EPOCH`, that moment's local date."""
    return now().astimezone().date()


# Times are stored as naive UTC (audit `at`, `closed_at`, `received_at` ...) and shown in the
# PC's local time: these three functions are the only conversions.


def local_time(stored: datetime) -> datetime:
    """A stored time (naive UTC, or aware) as the PC's local wall-clock time, naive."""
    aware = stored if stored.tzinfo is not None else stored.replace(tzinfo=UTC)
    return aware.astimezone().replace(tzinfo=None)


def local_stamp(stored: datetime, fmt: str = "%Y-%m-%d %H:%M", *, zone: bool = False) -> str:
    """`stored` in local time, formatted (History, closed-at, received-at lines); `zone`
    adds the offset (`2026-11-20 08:00 UTC+08:00`) where paper leaves the PC."""
    text = local_time(stored).strftime(fmt)
    return f"{text} {utc_offset_label(stored)}" if zone else text


def utc_offset_label(moment: datetime) -> str:
    """`UTC+08:00` for the local zone at `moment`: said beside a printed time, never the
    zone's name (Windows gives it in the locale's words and code page)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    offset = aware.astimezone().utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_day_start(day: date) -> datetime:
    """The start of a local calendar day as naive UTC, to compare with stored times (the
    History date filter: 'from 12-06' means from local midnight, 16:00 UTC the day before)."""
    return datetime.combine(day, time.min).astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class PlanPeriod:
    code: str
    start_year: int
    end_year: int

    def contains(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year
