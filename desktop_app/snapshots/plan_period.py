"""Everything the final evaluation report (终期评估) prints, frozen at one moment.

Built by `services.plan_period`; the renderer only lays these out. Money is integer fen,
always with its basis; names are already in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

KINDS = ("startup", "fixed", "reward")


@dataclass(frozen=True)
class IndicatorResult:
    no: int
    name: str
    unit: str
    kind: str
    base_year: int | None
    base_value: Decimal | None
    target_value: Decimal | None
    actual: Decimal | None
    percent: Decimal | None
    verdict: str
    values: tuple[tuple[int, Decimal], ...]
    """(year, value) in the period, and the base year's when recorded."""


@dataclass(frozen=True)
class MoneyByKind:
    """Paid over the period, in fen, per kind: `plan` on the plan-year basis, `cash` on the
    cash basis."""

    plan: tuple[tuple[str, int], ...]
    cash: tuple[tuple[str, int], ...]

    def plan_total(self) -> int:
        return sum(v for _k, v in self.plan)

    def cash_total(self) -> int:
        return sum(v for _k, v in self.cash)


@dataclass(frozen=True)
class OpenMilestone:
    code: str
    title: str
    due: date
    percent_complete: int
    done_on: date | None
    """Done after the period ended (still open on its last day), else None."""
    cancelled: bool = False
    """Cancelled: listed with the unfinished ones, marked as such (it will not be delivered)."""


@dataclass(frozen=True)
class EvidenceLine:
    target: str
    file_name: str
    added_on: str
    sha12: str


@dataclass(frozen=True)
class ProjectResult:
    no: int
    name: str
    start: date | None
    end: date | None
    status: str
    on_time: int
    late: int
    open: int
    money: MoneyByKind
    grades: tuple[tuple[int, str], ...]
    """(year, grade) for every evaluated year of the period."""
    reward_share: tuple[tuple[int, Decimal | None], ...]
    """(year, reward as % of fixed + reward paid) on the plan-year basis."""
    carries_over: bool
    remaining: tuple[OpenMilestone, ...]
    """Milestones not done by the period's end (with those due after it)."""
    remaining_plan_fen: int
    """Planned start-up, fixed support and reward caps for years after the period."""
    evidence: tuple[EvidenceLine, ...]
    is_sample: bool
    planned_share: tuple[tuple[int, Decimal | None], ...] = ()
    """(year, reward cap as % of planned fixed support + reward cap): the taper as designed."""
    paid_to_date_fen: int = 0
    """Cumulative cash paid to the project up to the period's end (all kinds)."""
    planned_fen: tuple[tuple[int, tuple[int, int]], ...] = ()
    """(year, (fixed, reward cap)) planned in the period."""


@dataclass(frozen=True)
class FinalReportData:
    lang: str
    period_code: str
    period_name: str
    start_year: int
    end_year: int
    generated_at: datetime
    database: str
    schema: str
    indicators: tuple[IndicatorResult, ...]
    projects: tuple[ProjectResult, ...]
    portfolio_share: tuple[tuple[int, Decimal | None], ...]
    """Portfolio-wide reward share of recurring support, per year (plan-year basis)."""
    has_sample: bool
    plan_basis_note: str
    portfolio_planned_share: tuple[tuple[int, Decimal | None], ...] = ()
    """Portfolio-wide planned reward share of recurring support, per year."""
