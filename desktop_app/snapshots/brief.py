"""Everything the quarterly brief prints, frozen at one moment (built by services.brief_data).

The renderer only lays these out: no database, no rules. Money is integer fen, scores
Decimal with one place, names already in the brief's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop_app.snapshots.returns import ReturnStatusRow


@dataclass(frozen=True)
class Cover:
    title: str
    quarter: str
    as_of: date
    generated_at: datetime
    database: str
    schema: str
    project_count: int


@dataclass(frozen=True)
class RiskItem:
    project_no: int
    project_name: str
    level: str  # red / amber
    reason: str  # the first of `reasons`
    reasons: tuple[str, ...] = ()
    """Every health reason and policy warning of the project."""


@dataclass(frozen=True)
class MoneyBases:
    """This year's money on both bases, and the terms that reconcile them (fen).

    cash = plan_year − paid_elsewhere + earlier_years + advances (domain.money_basis).
    """

    plan_year_fen: int
    """计划年度口径: paid by as_of against this year's plan."""
    paid_elsewhere_fen: int
    """Paid for this year in another calendar year (an advance made last year)."""
    earlier_years_fen: int
    earlier_rewards_fen: int
    advances_fen: int
    cash_fen: int
    """现金口径: paid in this calendar year up to as_of."""


@dataclass(frozen=True)
class WarningItem:
    project_no: int
    project_name: str
    level: str
    reason: str
    figure: str
    is_sample: bool = False


@dataclass(frozen=True)
class Summary:
    year: int
    health_counts: tuple[tuple[str, int], ...]  # (red|amber|green|none, count), red first
    planned_fen: int
    disbursed_fen: int
    reward_earned_fen: int
    performance_share: Decimal | None
    """Reward share of plan: the year's reward (earned, else cap) ÷ the year's whole plan, %."""
    average_score: Decimal | None
    lowest_score: Decimal | None
    lowest_project: str
    top_risks: tuple[RiskItem, ...]
    """Every red and amber project (no cut), red first, with all reasons."""
    bases: MoneyBases | None = None
    warnings: tuple[WarningItem, ...] = ()
    fixed_planned_fen: int = 0
    """Start-up and fixed support planned for the year: payable within it."""
    fixed_paid_fen: int = 0
    """Start-up and fixed support paid by as_of against the year's plan."""
    reward_planned_fen: int = 0
    """The year's reward in its plan: earned once evaluated, else the cap (paid next year)."""
    reward_paid_fen: int = 0
    """Reward paid against the year's plan (nothing before its evaluation, normally)."""


@dataclass(frozen=True)
class PortfolioRow:
    no: int
    name: str
    zone: str
    health: str
    main_reason: str
    next_milestone: str
    next_due: date | None
    percent_complete: int | None
    ytd_disbursed_fen: int
    """Plan-year basis: paid by as_of against this year's plan (as the project page)."""
    ytd_planned_fen: int | None
    latest_grade: str
    grade_year: int | None = None
    is_sample: bool = False


@dataclass(frozen=True)
class TimelineItem:
    """A milestone touching the brief's year, for the timeline chart."""

    code: str
    title: str
    start: date | None
    end: date
    actual_end: date | None
    percent: int
    status: str
    overdue_days: int
    baseline_end: date | None = None
    """The baseline (基准) end date, drawn beside the planned bar so a slip shows."""


@dataclass(frozen=True)
class FundingYearRow:
    year: int
    startup_fen: int
    fixed_fen: int
    reward_fen: int  # the reward cap (or the earned reward once evaluated)
    disbursed_fen: int


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    unit: str
    weight: Decimal
    target: Decimal | None
    direction: str
    ytd: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class ProjectSection:
    no: int
    name: str
    other_name: str
    zone: str
    domains: str
    lead_org: str
    start: date | None
    end: date | None
    status: str
    summary: str
    notes: str
    health: str
    reasons: tuple[str, ...]
    milestones: tuple[TimelineItem, ...]
    funding: tuple[FundingYearRow, ...]
    indicators: tuple[IndicatorRow, ...]
    projected_score: Decimal | None
    projected_grade: str
    latest_grade: str
    grade_year: int | None = None
    warnings: tuple[WarningItem, ...] = ()
    is_sample: bool = False
    evidence: tuple[tuple[str, str, str], ...] = ()
    """Evidence files on record: (what it backs, file name, date added)."""
    paid_to_date_fen: int = 0
    """Cumulative cash paid to the project by as_of (every kind, every year)."""


@dataclass(frozen=True)
class DueItem:
    project_no: int
    project_name: str
    code: str
    title: str
    due: date
    percent: int
    overdue_days: int


@dataclass(frozen=True)
class DistrictRow:
    no: int
    name: str
    unit: str
    base_value: Decimal | None
    target_value: Decimal | None
    current: Decimal | None
    """Latest level, or the period's sum/average by the indicator's kind."""
    percent: Decimal | None
    status: str  # met / on_track / behind / no_data


@dataclass(frozen=True)
class BriefData:
    lang: str
    year: int
    cover: Cover
    summary: Summary
    portfolio: tuple[PortfolioRow, ...]
    projects: tuple[ProjectSection, ...]
    due_next: tuple[DueItem, ...]
    next_quarter: str
    overdue: tuple[DueItem, ...]
    district: tuple[DistrictRow, ...]
    district_period: str
    has_sample: bool = False
    changes: ChangesSection | None = None
    returns: tuple[ReturnStatusRow, ...] = ()
    """Which lead organisations have sent their quarterly return (appendix D)."""
    """What moved since the previous quarter, when that quarter is closed."""
    banner: str = ""
    """Printed on every page (e.g. a recomputed closed quarter that differs)."""
    differences: tuple[str, ...] = ()
    """`--live` of a closed quarter: each figure that differs from the archive (old → new)."""


@dataclass(frozen=True)
class ChangesSection:
    """较上季度变化: set by services.quarter_brief from the previous quarter's frozen figures."""

    previous: str
    closed: bool
    lines: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(heading, lines) per kind of change; empty headings are left out."""


@dataclass(frozen=True)
class ClosedQuarter:
    quarter: str
    as_of: date
    closed_at: datetime
    closed_by: str
    sha256: str
    lang: str
    """The language of `pdf` (a close since 0007 stores Chinese there, English in pdf_en)."""
    reopened_at: datetime | None
    reopened_by: str
    reopen_reason: str
    sha256_en: str | None = None
    """The English archive's SHA-256 (None for a close made before 0007)."""

    def archived_languages(self) -> tuple[str, ...]:
        langs = [self.lang]
        if self.sha256_en is not None and "en" not in langs:
            langs.append("en")
        return tuple(langs)


#: A quarter's figures in the form stored at close (services.quarter_brief `_figures`):
#: JSON-ready, always built in Chinese, so two of them compare whatever the brief's language.
Figures = Mapping[str, Any]


@dataclass(frozen=True)
class FrozenQuarter:
    """A closed quarter as the brief compares with it: the close, the figures frozen at
    close, and its dated facts (payments, actuals) as the database holds them now, which
    differ from the frozen ones only by corrections."""

    close: ClosedQuarter
    figures: Figures
    dated_now: Figures


#: A payment of the quarter as the changes section sums it: (project no, kind, for_year,
#: paid on, fen).
QuarterPayment = tuple[int, str, int, date, int]


@dataclass(frozen=True)
class QuarterRead:
    """Everything a quarter's brief needs, read in one transaction (services.quarter_brief
    `read_quarter`): the brief per language before its changes section, this quarter's
    figures now, and the closed quarters it is compared with. The changes, banner and
    differences are computed from this alone, without the database."""

    briefs: Mapping[str, BriefData]
    """language → the brief's data with no changes section yet."""
    figures: Figures | None
    """This quarter's figures now (None when nothing compares with them)."""
    previous: FrozenQuarter | None
    """The quarter before, when closed: the changes section compares with it."""
    own: FrozenQuarter | None
    """This quarter, when closed and recomputed: a banner says whether it differs."""
    payments: tuple[QuarterPayment, ...] = ()
    grade_thresholds: Mapping[str, Decimal] | None = None


@dataclass(frozen=True)
class ArchivedBrief:
    """A closed quarter's brief as archived at close: printed byte for byte."""

    quarter: str
    pdf: bytes
    sha256: str
