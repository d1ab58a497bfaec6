"""What the funding tab, the portfolio funding page, health and the brief see of the money.

Amounts are integer fen (shown in 万元 by `domain.money.format_wan`). Drafts hold what a
form holds: text as typed (or Decimal/int from code), parsed and validated by the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Typed = str | Decimal | int


@dataclass(frozen=True)
class TrancheDraft:
    year: Typed
    amount: Typed
    note: str = ""
    milestone: str = ""
    """Code of the milestone whose completion releases the tranche ("" for none)."""


@dataclass(frozen=True)
class FundingPlanDraft:
    """A plan as typed: amounts in 万元, `rate_percent` in % (20 = 20 %)."""

    first_year: Typed
    years: Typed
    mode: str
    first_amount: Typed = ""
    step: Typed = ""
    rate_percent: Typed = ""
    floor: Typed = ""
    manual: tuple[Typed, ...] = ()
    reward_caps: tuple[Typed, ...] = ()
    startup_grant: Typed = ""
    startup_year: Typed = ""
    tranches: tuple[TrancheDraft, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class FundingFacts:
    """What a plan's schedule is computed against: grades and payments (万元, by year/kind)."""

    grades: dict[int, str] = field(default_factory=dict)
    disbursed: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    shares: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleRow:
    year: int
    startup_fen: int
    fixed_fen: int
    reward_cap_fen: int
    grade: str | None
    earned_reward_fen: int | None
    planned_total_fen: int
    disbursed_fen: int
    disbursed_startup_fen: int
    disbursed_fixed_fen: int
    disbursed_reward_fen: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ScheduleSnapshot:
    """A project's year table and its warnings (empty rows when there is no plan)."""

    project_id: int | None
    rows: tuple[ScheduleRow, ...]
    warnings: tuple[str, ...]

    def total(self, name: str) -> int:
        return sum(getattr(r, name) or 0 for r in self.rows)


@dataclass(frozen=True)
class FundingPlanSnapshot:
    """The stored plan for the form (`draft` is None when the project has none yet)."""

    project_id: int
    version: int | None
    draft: FundingPlanDraft | None
    facts: FundingFacts
    schedule: ScheduleSnapshot


@dataclass(frozen=True)
class DisbursementDraft:
    paid_on: str | date
    amount: Typed
    kind: str
    doc_no: str = ""
    note: str = ""
    for_year: Typed = ""
    """The plan year the payment settles; blank = the rule (reward: the year before)."""


@dataclass(frozen=True)
class DisbursementRow:
    id: int
    project_id: int
    paid_on: date
    amount_fen: int
    kind: str
    doc_no: str
    note: str
    is_sample: bool
    version: int
    for_year: int = 0


@dataclass(frozen=True)
class FundingStatus:
    """One project's money as of a date (the contract health and the brief read)."""

    project_id: int
    has_plan: bool
    planned_to_date_fen: int
    disbursed_to_date_fen: int
    planned_this_year_fen: int
    disbursed_this_year_fen: int
    """Cash basis (现金口径): paid from 1 January of as_of's year to as_of, for any year."""
    earned_reward_this_year_fen: int | None
    reward_cap_this_year_fen: int
    planned_total_fen: int
    warnings: tuple[str, ...]
    paid_for_this_year_fen: int = 0
    """Plan-year basis (计划年度口径): paid by as_of against as_of's year's plan."""


@dataclass(frozen=True)
class PortfolioFundingRow:
    """One year across all projects; shares are None where the year has no money."""

    year: int
    planned_startup_fen: int
    planned_fixed_fen: int
    reward_cap_fen: int
    earned_reward_fen: int
    disbursed_fen: int
    disbursed_reward_fen: int
    projects: int
    planned_share: Decimal | None
    """Reward caps / (start-up + fixed + reward caps): the policy's intended share."""
    disbursed_share: Decimal | None
    """Rewards paid / everything paid for that year (None until the year is evaluated)."""
