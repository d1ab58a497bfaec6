"""The warnings the district's policy asks for, each with its reason and the figure behind it.

Warnings, not silent fixes (DESIGN.md): nothing here changes a record; it says what an
officer or a manager should look at. Money warnings come from the funding schedule
(`domain.funding`, plan-year basis); milestone warnings from planned, baseline and project
dates. Pure functions over plain facts, so the window, the Home page and the brief all
show the same list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.domain.funding import FundingSchedule
from desktop_app.i18n import register, t

TWO_D = "two_d_grades"
OVER_PLAN = "over_disbursed"
REWARD_NO_EVAL = "reward_without_evaluation"
REWARD_OVER = "reward_over_earned"
PAST_BASELINE = "past_baseline"
AFTER_END = "after_project_end"
CANCELLED_ACCEPTANCE = "cancelled_acceptance"

CODES = (
    TWO_D,
    OVER_PLAN,
    REWARD_NO_EVAL,
    REWARD_OVER,
    PAST_BASELINE,
    AFTER_END,
    CANCELLED_ACCEPTANCE,
)
RED_CODES = frozenset({TWO_D, OVER_PLAN, REWARD_NO_EVAL, CANCELLED_ACCEPTANCE})
"""Money paid against the rules, or a project that can no longer be accepted: red."""

ACCEPTANCE_WORDS = ("验收", "acceptance")
"""A milestone is the project's acceptance (验收) when its title says so."""

SUSPEND = (
    "Grade D in {prev} and {year}: suggest suspending fixed support "
    "({next} plans {fixed} 10k yuan fixed support and a reward cap of {cap} 10k yuan)."
)
SUSPEND_NO_PLAN = "Grade D in {prev} and {year}: suggest suspending fixed support."
SLIP = "“{title}” is planned for {planned}, {days} days past its baseline of {baseline}."
AFTER = "“{title}” is planned for {planned}, {days} days after the project ends ({end})."
CANCELLED = "The acceptance milestone “{title}” is cancelled ({reason})."
NO_REASON = "no reason given"
DAYS = "+{n} days"
WAN = "{amount} 10k yuan"
register(
    {
        SUSPEND: "{prev} 年与 {year} 年连续评为差(D):建议暂停固定扶持"
        "({next} 年仍计划固定扶持 {fixed} 万元、奖励上限 {cap} 万元)。",
        SUSPEND_NO_PLAN: "{prev} 年与 {year} 年连续评为差(D):建议暂停固定扶持。",
        SLIP: "“{title}”计划于 {planned} 完成,比基准日期 {baseline} 晚 {days} 天。",
        AFTER: "“{title}”计划于 {planned} 完成,晚于项目结束日期({end}){days} 天。",
        CANCELLED: "验收里程碑“{title}”已取消({reason})。",
        NO_REASON: "未注明原因",
        DAYS: "+{n} 天",
        WAN: "{amount} 万元",
    }
)


@dataclass(frozen=True)
class PolicyWarning:
    """One warning on one project: its kind (`code`), level, reason and its figure."""

    code: str
    level: str  # "red" | "amber"
    year: int | None
    reason: str
    figure: str
    """The number behind the reason, as printed (万元 amounts, days, dates)."""


@dataclass(frozen=True)
class MilestoneDates:
    code: str
    title: str
    status: str
    planned_end: date
    baseline_end: date | None
    cancel_reason: str = ""


def _wan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def _level(code: str) -> str:
    return "red" if code in RED_CODES else "amber"


def funding_warnings(schedule: FundingSchedule, as_of: date) -> list[PolicyWarning]:
    """The money warnings of plan years up to `as_of`'s year (plan-year basis)."""
    out: list[PolicyWarning] = []
    for w in schedule.warnings:
        if w.year > as_of.year:
            continue
        line = schedule.line(w.year)
        if w.code == TWO_D:
            nxt = schedule.line(w.year + 1)
            if nxt is not None and (nxt.fixed or nxt.reward_cap):
                reason = t(
                    SUSPEND,
                    prev=w.year - 1,
                    year=w.year,
                    next=nxt.year,
                    fixed=_wan(nxt.fixed),
                    cap=_wan(nxt.reward_cap),
                )
                figure = t(WAN, amount=f"{_wan(nxt.fixed)} + {_wan(nxt.reward_cap)}")
            else:
                reason, figure = t(SUSPEND_NO_PLAN, prev=w.year - 1, year=w.year), "D, D"
        else:
            reason = w.message
            if w.code == OVER_PLAN and line is not None:
                figure = t(WAN, amount=f"{_wan(line.disbursed)} / {_wan(line.planned_total)}")
            elif line is not None:
                figure = t(WAN, amount=_wan(line.disbursed_by_kind.get("reward", Decimal(0))))
            else:
                figure = ""
        out.append(PolicyWarning(w.code, _level(w.code), w.year, reason, figure))
    return out


def is_acceptance(title: str) -> bool:
    low = title.casefold()
    return any(word in low for word in ACCEPTANCE_WORDS)


def milestone_warnings(
    milestones: Iterable[MilestoneDates], project_end: date | None
) -> list[PolicyWarning]:
    """Slips past the baseline, dates after the project's end, a cancelled acceptance."""
    out: list[PolicyWarning] = []
    for m in milestones:
        if m.status == "cancelled":
            if is_acceptance(m.title):
                reason = t(CANCELLED, title=m.title, reason=m.cancel_reason.strip() or t(NO_REASON))
                out.append(PolicyWarning(CANCELLED_ACCEPTANCE, "red", None, reason, m.code))
            continue
        if m.status != "done" and m.baseline_end is not None and m.planned_end > m.baseline_end:
            days = (m.planned_end - m.baseline_end).days
            reason = t(
                SLIP,
                title=m.title,
                planned=m.planned_end.isoformat(),
                days=days,
                baseline=m.baseline_end.isoformat(),
            )
            out.append(
                PolicyWarning(PAST_BASELINE, "amber", m.planned_end.year, reason, t(DAYS, n=days))
            )
        if project_end is not None and m.planned_end > project_end:
            days = (m.planned_end - project_end).days
            reason = t(
                AFTER,
                title=m.title,
                planned=m.planned_end.isoformat(),
                days=days,
                end=project_end.isoformat(),
            )
            out.append(
                PolicyWarning(AFTER_END, "amber", m.planned_end.year, reason, t(DAYS, n=days))
            )
    return out


def ordered(warnings: Sequence[PolicyWarning]) -> list[PolicyWarning]:
    """Red first, then by the order of `CODES`, then by year."""
    return sorted(
        warnings,
        key=lambda w: (w.level != "red", CODES.index(w.code), w.year or 0),
    )


__all__ = [
    "CODES",
    "MilestoneDates",
    "PolicyWarning",
    "funding_warnings",
    "is_acceptance",
    "milestone_warnings",
    "ordered",
]
