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

from desktop_app.domain.funding import FundingSchedule, YearLine
from desktop_app.domain.policy import grade_word
from desktop_app.i18n import register, t

ZERO = Decimal(0)

TWO_D = "two_d_grades"
OVER_FIXED = "over_fixed"
OVER_STARTUP = "over_startup"
OVER_PLAN = OVER_FIXED
"""Over-plan is checked per kind (a year total lets an unearned reward cap hide it)."""
REWARD_NO_EVAL = "reward_without_evaluation"
REWARD_OVER = "reward_over_earned"
PAST_BASELINE = "past_baseline"
AFTER_END = "after_project_end"
CANCELLED_ACCEPTANCE = "cancelled_acceptance"

CODES = (
    TWO_D,
    OVER_FIXED,
    OVER_STARTUP,
    REWARD_NO_EVAL,
    REWARD_OVER,
    PAST_BASELINE,
    AFTER_END,
    CANCELLED_ACCEPTANCE,
)
RED_CODES = frozenset(
    {TWO_D, OVER_FIXED, OVER_STARTUP, REWARD_NO_EVAL, REWARD_OVER, CANCELLED_ACCEPTANCE}
)
"""Money paid against the rules, or a project that can no longer be accepted: red."""
OVER_PLAN_CODES = frozenset({OVER_FIXED, OVER_STARTUP, REWARD_NO_EVAL, REWARD_OVER})
"""Checked for every plan year paid so far, a later year's too (an advance over its plan)."""

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
OVER_FIXED_TEXT = (
    "Fixed support paid for {year}: {paid} 10k yuan, more than the {planned} 10k yuan "
    "fixed support planned for it."
)
OVER_ADVANCE_TEXT = (
    "Advance for {year}'s fixed support: {paid} 10k yuan paid, more than the {planned} "
    "10k yuan fixed support planned for {year}; an advance may pay only a later year's "
    "fixed support."
)
OVER_STARTUP_TEXT = (
    "Start-up grant paid for {year}: {paid} 10k yuan, more than the {planned} 10k yuan "
    "of its tranches for that year."
)
REWARD_NO_EVAL_TEXT = (
    "A reward of {paid} 10k yuan was paid for {year}, which has no evaluation "
    "(nothing is earned before the evaluation)."
)
REWARD_OVER_TEXT = (
    "The reward paid for {year} ({paid} 10k yuan) is above the grade's entitlement: "
    "{earned} 10k yuan earned at grade {grade}."
)
register(
    {
        OVER_FIXED_TEXT: "{year} 年度固定扶持已拨付 {paid} 万元,"
        "超过该年固定扶持计划 {planned} 万元。",
        OVER_ADVANCE_TEXT: "预拨 {year} 年度固定扶持 {paid} 万元,"
        "超过该年固定扶持计划 {planned} 万元(预拨只能用于以后年度的固定扶持)。",
        OVER_STARTUP_TEXT: "{year} 年度启动建设经费已拨付 {paid} 万元,"
        "超过该年分期计划 {planned} 万元。",
        REWARD_NO_EVAL_TEXT: "{year} 年度尚无绩效评价(评价前无应得奖励),"
        "却已拨付该年度奖励 {paid} 万元。",
        REWARD_OVER_TEXT: "{year} 年度已拨付奖励 {paid} 万元,"
        "高于按等级{grade}应得的 {earned} 万元。",
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


def over_plan_warnings(line: YearLine, as_of: date) -> list[PolicyWarning]:
    """Each kind against its own plan: fixed support against the fixed plan, start-up
    against its tranches, reward against the earned reward (nothing before evaluation).

    A year total would let an unearned reward cap absorb extra fixed support (220 fixed
    paid against 120 planned hides under a 135 cap), so no kind borrows another's room.
    """
    paid = line.disbursed_by_kind
    out: list[PolicyWarning] = []
    fixed = paid.get("fixed", ZERO)
    if fixed > line.fixed:
        text = OVER_ADVANCE_TEXT if line.year > as_of.year else OVER_FIXED_TEXT
        reason = t(text, year=line.year, paid=_wan(fixed), planned=_wan(line.fixed))
        figure = t(WAN, amount=f"{_wan(fixed)} / {_wan(line.fixed)}")
        out.append(PolicyWarning(OVER_FIXED, "red", line.year, reason, figure))
    startup = paid.get("startup", ZERO)
    if startup > line.startup:
        reason = t(
            OVER_STARTUP_TEXT, year=line.year, paid=_wan(startup), planned=_wan(line.startup)
        )
        figure = t(WAN, amount=f"{_wan(startup)} / {_wan(line.startup)}")
        out.append(PolicyWarning(OVER_STARTUP, "red", line.year, reason, figure))
    reward = paid.get("reward", ZERO)
    if reward > 0 and line.grade is None:
        reason = t(REWARD_NO_EVAL_TEXT, year=line.year, paid=_wan(reward))
        out.append(
            PolicyWarning(REWARD_NO_EVAL, "red", line.year, reason, t(WAN, amount=_wan(reward)))
        )
    elif line.earned_reward is not None and reward > line.earned_reward:
        reason = t(
            REWARD_OVER_TEXT,
            year=line.year,
            paid=_wan(reward),
            earned=_wan(line.earned_reward),
            grade=grade_word(line.grade),
        )
        figure = t(WAN, amount=f"{_wan(reward)} / {_wan(line.earned_reward)}")
        out.append(PolicyWarning(REWARD_OVER, "red", line.year, reason, figure))
    return out


def funding_warnings(schedule: FundingSchedule, as_of: date) -> list[PolicyWarning]:
    """The money warnings: over-plan per kind for every plan year paid so far (a later
    year's only through an advance), D twice for plan years up to `as_of`'s year."""
    out: list[PolicyWarning] = []
    for line in schedule.lines:
        if line.year <= as_of.year or line.disbursed > 0:
            out += over_plan_warnings(line, as_of)
    for w in schedule.warnings:
        if w.year > as_of.year or w.code != TWO_D:
            continue
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
    "over_plan_warnings",
    "is_acceptance",
    "milestone_warnings",
    "ordered",
]
