"""Red / amber / green for a project as of a date, always with every reason.

The rules are docs/rules.md's, with thresholds from `Policy`:
- red: a milestone overdue by more than `overdue_red_days`; last grade D; cumulative
  disbursement more than `disbursement_ahead_percent` ahead of plan-to-date;
- amber: any (other) overdue milestone; a milestone due within `due_soon_days` at less
  than `due_soon_min_percent` complete; last grade C; projected score below
  `projected_score_amber`;
- a red policy warning (domain.warnings: paid over plan for a kind, reward without
  evaluation, D twice, a cancelled acceptance) makes the project red, an amber one at least
  amber, its reason listed with the others;
- "no data" (grey) when nothing else applies and the project has no milestones, funding
  plan or indicators yet: an empty project is not known to be healthy;
- green otherwise.
Done and cancelled milestones are never overdue or due. Unknown facts (None) trigger nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from desktop_app.domain.money import format_wan
from desktop_app.domain.policy import DEFAULT_POLICY, Policy
from desktop_app.i18n import register, t

Level = Literal["red", "amber", "green", "none"]
LEVELS: tuple[Level, ...] = ("none", "green", "amber", "red")
"""Worst last; "none" = no data yet (grey), below green because nothing is known."""
CLOSED_STATUSES = ("done", "cancelled")

OVERDUE = "“{title}” is {days} days overdue (due {due})."
GRADE_D = "Last evaluation grade is D."
GRADE_C = "Last evaluation grade is C."
AHEAD = "Disbursed {paid} 10k yuan, more than {pct}% ahead of the {plan} 10k yuan planned to date."
DUE_SOON = "“{title}” is due in {days} days (on {due}) but only {pct}% complete."
SCORE_LOW = "Projected score {score} is below {limit}."
NO_DATA = "No milestones, funding plan or indicators recorded yet."
register(
    {
        NO_DATA: "尚未录入里程碑、经费计划或绩效指标。",
        OVERDUE: "“{title}”已逾期 {days} 天(应于 {due} 完成)。",
        GRADE_D: "最近一次绩效评价为差(D)。",
        GRADE_C: "最近一次绩效评价为中(C)。",
        AHEAD: "已拨付 {paid} 万元,超过截至目前计划 {plan} 万元的 {pct}%。",
        DUE_SOON: "“{title}”将于 {days} 天后({due})到期,但仅完成 {pct}%。",
        SCORE_LOW: "预计得分 {score} 低于 {limit}。",
    }
)


@dataclass(frozen=True)
class MilestoneFacts:
    """What health needs to know about one milestone."""

    title: str
    planned_end: date
    percent_complete: int
    status: str
    actual_end: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


@dataclass(frozen=True)
class HealthInput:
    milestones: Sequence[MilestoneFacts] = ()
    last_grade: str | None = None
    disbursed_to_date_fen: int = 0
    planned_to_date_fen: int | None = None
    projected_score: Decimal | None = None
    warnings: Sequence[PolicyFlag] = ()
    """The project's policy warnings (domain.warnings), already worded."""
    has_data: bool = True
    """False while the project has no milestones, funding plan or indicators."""


@dataclass(frozen=True)
class PolicyFlag:
    """A policy warning as health needs it: its kind, level and reason."""

    code: str
    level: Level
    text: str


@dataclass(frozen=True)
class Reason:
    code: str
    level: Level
    text: str


@dataclass(frozen=True)
class Health:
    level: Level
    reasons: tuple[Reason, ...] = ()

    @property
    def tooltip(self) -> str:
        return "\n".join(r.text for r in self.reasons)


GREEN = Health("green")


def no_data() -> Health:
    return Health("none", (Reason("no_data", "none", t(NO_DATA)),))


def overdue_days(m: MilestoneFacts, as_of: date) -> int:
    """Days past the planned end of an open milestone (0 when not overdue)."""
    if not m.is_open or m.planned_end >= as_of:
        return 0
    return (as_of - m.planned_end).days


def days_until_due(m: MilestoneFacts, as_of: date) -> int | None:
    """Days until an open milestone is due (0 = today), None when closed or overdue."""
    if not m.is_open or m.planned_end < as_of:
        return None
    return (m.planned_end - as_of).days


def _milestone_reasons(m: MilestoneFacts, as_of: date, policy: Policy) -> list[Reason]:
    late = overdue_days(m, as_of)
    due = m.planned_end.isoformat()
    if late > policy.overdue_red_days:
        text = t(OVERDUE, title=m.title, days=late, due=due)
        return [Reason("milestone_overdue_long", "red", text)]
    if late > 0:
        text = t(OVERDUE, title=m.title, days=late, due=due)
        return [Reason("milestone_overdue", "amber", text)]
    until = days_until_due(m, as_of)
    if (
        until is not None
        and until <= policy.due_soon_days
        and m.percent_complete < policy.due_soon_min_percent
    ):
        text = t(
            DUE_SOON,
            title=m.title,
            days=until,
            due=due,
            pct=m.percent_complete,
        )
        return [Reason("milestone_due_soon", "amber", text)]
    return []


def _disbursement_ahead(facts: HealthInput, policy: Policy) -> bool:
    """Paid more than plan-to-date × (1 + pct/100); exact in integers, no rounding."""
    if facts.planned_to_date_fen is None:
        return False
    limit = Decimal(facts.planned_to_date_fen) * (1 + policy.disbursement_ahead_percent / 100)
    return Decimal(facts.disbursed_to_date_fen) > limit


def assess(facts: HealthInput, as_of: date, policy: Policy = DEFAULT_POLICY) -> Health:
    """The project's health as of `as_of`; reasons red first, then amber, in rule order."""
    reasons: list[Reason] = []
    for m in sorted(facts.milestones, key=lambda m: (m.planned_end, m.title)):
        reasons.extend(_milestone_reasons(m, as_of, policy))
    if facts.last_grade == "D":
        reasons.append(Reason("last_grade_d", "red", t(GRADE_D)))
    elif facts.last_grade == "C":
        reasons.append(Reason("last_grade_c", "amber", t(GRADE_C)))
    if _disbursement_ahead(facts, policy):
        text = t(
            AHEAD,
            paid=format_wan(facts.disbursed_to_date_fen),
            pct=policy.disbursement_ahead_percent,
            plan=format_wan(facts.planned_to_date_fen),
        )
        reasons.append(Reason("disbursement_ahead", "red", text))
    score = facts.projected_score
    if score is not None and score < policy.projected_score_amber:
        text = t(
            SCORE_LOW,
            score=score,
            limit=policy.projected_score_amber,
        )
        reasons.append(Reason("projected_score_low", "amber", text))
    for w in facts.warnings:
        reasons.append(Reason(f"warning_{w.code}", w.level, w.text))
    if not reasons:
        return GREEN if facts.has_data else no_data()
    reasons.sort(key=lambda r: -LEVELS.index(r.level))
    level = max((r.level for r in reasons), key=LEVELS.index)
    return Health(level, tuple(reasons))


def due_window_end(as_of: date, policy: Policy = DEFAULT_POLICY) -> date:
    """The last planned end that counts as 'due soon' as of a date."""
    return as_of + timedelta(days=policy.due_soon_days)
