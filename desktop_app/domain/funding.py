"""The taper-off (退坡) rules: fixed support that shrinks, a reward that takes its place.

Pure Decimal arithmetic in 万元; each computed amount is rounded ROUND_HALF_UP to the
fen (0.000001 万元) once, at the end, so a schedule never drifts by a fen from its rule.
Broken rules are reported per field (`ValidationError`), doubtful records as warnings:
the officer sees them, nothing is silently "fixed".

A year's reward is paid the *following* year, once that year has been evaluated
(evaluations close in January): a reward payment dated in year P settles plan year P − 1,
so rewards may be paid up to one year after the plan's last year.

Plan-to-date counts *whole years* on the same cash basis: the start-up and fixed money of
every plan year up to the year of `as_of` (due from 1 January — the district pays each
year's tranche in one go, so a pro-rata measure would flag every early payment as
"ahead"), plus the expected reward of every year before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from desktop_app.domain.money import round_wan, wan_to_fen
from desktop_app.domain.policy import DEFAULT_POLICY
from desktop_app.domain.validation import ValidationError
from desktop_app.i18n import register, t

TAPER_MODES = ("linear", "geometric", "manual")
DISBURSEMENT_KINDS = ("startup", "fixed", "reward")
MIN_YEARS = 1
MAX_YEARS = 15
REWARD_LAG_YEARS = 1
"""A plan year's reward is paid this many years later (after its evaluation)."""
DEFAULT_SHARES: Mapping[str, Decimal] = DEFAULT_POLICY.reward_shares
ZERO = Decimal(0)
_EXACT_PRECISION = 1000  # enough digits that (1 − rate)^14 is exact before the one rounding

register(
    {
        "Must be more than zero.": "须大于零。",
        "Must not be negative.": "不能为负数。",
        "Years must be between {lo} and {hi}.": "年限须在 {lo} 至 {hi} 年之间。",
        "Unknown taper mode “{mode}”.": "未知退坡方式“{mode}”。",
        "Rate must be between 0 and 1 (exclusive), e.g. 0.2 for 20 %.": "退坡比例须大于 0 且小于 1(如 0.2 表示 20%)。",  # noqa: E501
        "A step is required for linear taper.": "线性退坡须填写每年递减额。",
        "A rate is required for geometric taper.": "比例退坡须填写退坡比例。",
        "A step of {step} 10k yuan reaches zero by year {year} of {years}; "
        "use a smaller step, fewer years or a floor.": "每年递减 {step} 万元,至第 {year} 年(共 {years} 年)降为零;"  # noqa: E501
        "请减小递减额、缩短年限或设置保底额。",
        "The manual plan has {n} amounts for {years} years.": "手工计划有 {n} 个金额,但年限为 {years} 年。",  # noqa: E501
        "Year {i}: {amount} 10k yuan is below the floor of {floor} 10k yuan.": "第 {i} 年:{amount} 万元低于保底额 {floor} 万元。",  # noqa: E501
        "Year {i}: must not be negative.": "第 {i} 年:不能为负数。",
        "Year {i}: must be more than zero.": "第 {i} 年:须大于零。",
        "The floor is above the first year's amount.": "保底额高于首年金额。",
        "Unknown grade “{grade}”.": "未知等级“{grade}”。",
        "Tranches add up to {sum} 10k yuan, not the grant of {grant} 10k yuan.": "分期合计 {sum} 万元,与启动经费 {grant} 万元不符。",  # noqa: E501
        "A start-up grant needs its year.": "启动经费须填写年度。",
        "Reward caps are given for {n} years, the plan has {years}.": "奖励上限填写了 {n} 年,计划为 {years} 年。",  # noqa: E501
        "Year {year} is outside {lo}–{hi}.": "年度 {year} 不在 {lo}–{hi} 之间。",
        "The project has no funding plan yet; enter the plan first.": "该项目尚无经费计划;请先录入计划。",  # noqa: E501
        "Plan year: {reason}": "计划年度:{reason}",
        "Disbursed {paid} 10k yuan for {year}, more than the {planned} 10k yuan planned.": "{year} 年度已拨付 {paid} 万元,超过计划 {planned} 万元。",  # noqa: E501
        "Grade D in {prev} and {year}: consider suspending fixed support.": "{prev} 年与 {year} 年连续评为差:建议暂停固定扶持。",  # noqa: E501
        "A reward of {paid} 10k yuan was paid for {year}, which has no evaluation.": "{year} 年无绩效评价,却已拨付该年度奖励 {paid} 万元。",  # noqa: E501
        "The reward paid for {year} ({paid} 10k yuan) exceeds the {earned} 10k yuan earned (grade {grade}).": "{year} 年度已拨付奖励 {paid} 万元,超过按等级 {grade} 应得的 {earned} 万元。",  # noqa: E501
    }
)


def _years_error(years: int) -> str | None:
    if not MIN_YEARS <= years <= MAX_YEARS:
        return t("Years must be between {lo} and {hi}.", lo=MIN_YEARS, hi=MAX_YEARS)
    return None


def _schedule_errors(
    first_amount: Decimal,
    years: int,
    mode: str,
    step: Decimal | None,
    rate: Decimal | None,
    floor: Decimal,
    manual: Sequence[Decimal] | None,
) -> dict[str, str]:
    """Field → reason for every rule the schedule parameters break."""
    errors: dict[str, str] = {}
    if first_amount <= 0:
        errors["first_amount"] = t("Must be more than zero.")
    if (reason := _years_error(years)) is not None:
        errors["years"] = reason
    if floor < 0:
        errors["floor"] = t("Must not be negative.")
    elif first_amount > 0 and floor > first_amount and mode != "manual":
        errors["floor"] = t("The floor is above the first year's amount.")
    if mode == "linear":
        if step is None:
            errors["step"] = t("A step is required for linear taper.")
        elif step <= 0:
            errors["step"] = t("Must be more than zero.")
        elif not errors and floor == 0:
            for i in range(1, years):
                if first_amount - step * i <= 0:
                    errors["step"] = t(
                        "A step of {step} 10k yuan reaches zero by year {year} of {years}; "
                        "use a smaller step, fewer years or a floor.",
                        step=step,
                        year=i + 1,
                        years=years,
                    )
                    break
    elif mode == "geometric":
        if rate is None:
            errors["rate"] = t("A rate is required for geometric taper.")
        elif not ZERO < rate < 1:
            errors["rate"] = t("Rate must be between 0 and 1 (exclusive), e.g. 0.2 for 20 %.")
    elif mode == "manual":
        amounts = list(manual or [])
        if len(amounts) != years:
            errors["manual"] = t(
                "The manual plan has {n} amounts for {years} years.", n=len(amounts), years=years
            )
        else:
            for i, amount in enumerate(amounts, start=1):
                if amount < 0:
                    errors["manual"] = t("Year {i}: must not be negative.", i=i)
                    break
                if floor >= 0 and amount < floor:
                    errors["manual"] = t(
                        "Year {i}: {amount} 10k yuan is below the floor of {floor} 10k yuan.",
                        i=i,
                        amount=amount,
                        floor=floor,
                    )
                    break
    else:
        errors["mode"] = t("Unknown taper mode “{mode}”.", mode=mode)
    return errors


def fixed_support_schedule(
    first_amount: Decimal,
    years: int,
    mode: str,
    *,
    step: Decimal | None = None,
    rate: Decimal | None = None,
    floor: Decimal = ZERO,
    manual: list[Decimal] | None = None,
) -> list[Decimal]:
    """Fixed support per year in 万元, e.g. geometric 300 at 0.2 → 300, 240, 192, 153.6, 122.88.

    In manual mode the amounts are `manual` (rounded to the fen) and `first_amount` must
    still be positive; the service passes the first manual amount. Raises
    `ValidationError` (field → reason) when a parameter breaks a rule.
    """
    errors = _schedule_errors(first_amount, years, mode, step, rate, floor, manual)
    if errors:
        raise ValidationError(errors)
    floor_r = round_wan(floor)
    if mode == "manual":
        return [round_wan(a) for a in manual or []]
    with localcontext() as ctx:
        ctx.prec = _EXACT_PRECISION
        if mode == "linear":
            assert step is not None
            exact = [first_amount - step * i for i in range(years)]
        else:
            assert rate is not None
            factor = 1 - rate
            exact = [first_amount * factor**i for i in range(years)]
        return [max(round_wan(x), floor_r) for x in exact]


def reward_amount(
    cap: Decimal, grade: str, shares: Mapping[str, Decimal] = DEFAULT_SHARES
) -> Decimal:
    """The reward a grade earns: cap × share(grade), to the fen (A 100 %, B 70 %, C 40 %, D 0)."""
    if cap < 0:
        raise ValidationError({"cap": t("Must not be negative.")})
    if grade not in shares:
        raise ValidationError({"grade": t("Unknown grade “{grade}”.", grade=grade)})
    with localcontext() as ctx:
        ctx.prec = _EXACT_PRECISION
        return round_wan(cap * shares[grade])


@dataclass(frozen=True)
class Tranche:
    """Part of the start-up grant, paid in `year`."""

    year: int
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class FundingWarning:
    year: int
    code: str  # "over_disbursed" | "two_d_grades" | "reward_without_evaluation" | "reward_over_earned"  # noqa: E501
    message: str


@dataclass(frozen=True)
class YearLine:
    """One plan year: what was planned, earned and paid (万元)."""

    year: int
    startup: Decimal
    fixed: Decimal
    reward_cap: Decimal
    grade: str | None
    earned_reward: Decimal | None
    """cap × share(grade) once the year is evaluated, else None."""
    planned_total: Decimal
    """Start-up + fixed + the reward expected: earned when graded, else the cap."""
    disbursed: Decimal
    """Everything paid for this plan year (计划年度口径), whenever it was paid."""
    disbursed_by_kind: Mapping[str, Decimal]
    warnings: tuple[FundingWarning, ...] = ()

    @property
    def expected_reward(self) -> Decimal:
        return self.earned_reward if self.earned_reward is not None else self.reward_cap


@dataclass(frozen=True)
class FundingSchedule:
    lines: tuple[YearLine, ...]
    warnings: tuple[FundingWarning, ...]

    def total(self, name: str) -> Decimal:
        """Sum of one column (`startup`, `fixed`, `reward_cap`, `planned_total`, `disbursed`)."""
        return sum((getattr(line, name) for line in self.lines), ZERO)

    def earned_total(self) -> Decimal:
        return sum((line.earned_reward or ZERO for line in self.lines), ZERO)

    def planned_to_date(self, as_of: date) -> Decimal:
        """Money falling due by `as_of` (whole years): start-up and fixed support of the
        plan years up to `as_of`'s year, rewards of the years before it (paid a year late)."""
        total = ZERO
        for ln in self.lines:
            if ln.year <= as_of.year:
                total += ln.startup + ln.fixed
            if ln.year + REWARD_LAG_YEARS <= as_of.year:
                total += ln.expected_reward
        return total

    def line(self, year: int) -> YearLine | None:
        return next((ln for ln in self.lines if ln.year == year), None)


@dataclass(frozen=True)
class FundingPlanSpec:
    """A project's approved plan, in 万元: start-up grant, tapering fixed support, reward caps."""

    first_year: int
    years: int
    mode: str
    first_amount: Decimal
    step: Decimal | None = None
    rate: Decimal | None = None
    floor: Decimal = ZERO
    manual: tuple[Decimal, ...] | None = None
    reward_caps: tuple[Decimal, ...] = ()
    """One cap per fixed-support year (empty = no reward planned)."""
    startup_grant: Decimal = ZERO
    startup_year: int | None = None
    tranches: tuple[Tranche, ...] = ()
    """Empty = the whole grant in `startup_year`."""

    def validate(self) -> dict[str, str]:
        first = self.manual[0] if self.mode == "manual" and self.manual else self.first_amount
        errors = _schedule_errors(
            first,
            self.years,
            self.mode,
            self.step,
            self.rate,
            self.floor,
            list(self.manual) if self.manual is not None else None,
        )
        if self.mode == "manual" and "first_amount" in errors:
            errors.setdefault("manual", t("Year {i}: must be more than zero.", i=1))
            del errors["first_amount"]
        if self.startup_grant < 0:
            errors["startup_grant"] = t("Must not be negative.")
        elif self.startup_grant > 0 and self.startup_year is None and not self.tranches:
            errors["startup_year"] = t("A start-up grant needs its year.")
        if self.tranches:
            if any(tr.amount <= 0 for tr in self.tranches):
                errors["tranches"] = t("Must be more than zero.")
            else:
                total = sum((tr.amount for tr in self.tranches), ZERO)
                if total != self.startup_grant:
                    errors["tranches"] = t(
                        "Tranches add up to {sum} 10k yuan, not the grant of {grant} 10k yuan.",
                        sum=total,
                        grant=self.startup_grant,
                    )
        if self.reward_caps and len(self.reward_caps) != self.years and "years" not in errors:
            errors["reward_caps"] = t(
                "Reward caps are given for {n} years, the plan has {years}.",
                n=len(self.reward_caps),
                years=self.years,
            )
        elif any(c < 0 for c in self.reward_caps):
            errors["reward_caps"] = t("Must not be negative.")
        return errors

    def fixed_support(self) -> list[Decimal]:
        manual = list(self.manual) if self.manual is not None else None
        first = manual[0] if self.mode == "manual" and manual else self.first_amount
        return fixed_support_schedule(
            first,
            self.years,
            self.mode,
            step=self.step,
            rate=self.rate,
            floor=self.floor,
            manual=manual,
        )

    def startup_by_year(self) -> dict[int, Decimal]:
        out: dict[int, Decimal] = {}
        if self.tranches:
            for tr in self.tranches:
                out[tr.year] = out.get(tr.year, ZERO) + round_wan(tr.amount)
        elif self.startup_grant > 0 and self.startup_year is not None:
            out[self.startup_year] = round_wan(self.startup_grant)
        return out

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    def year_span(self) -> tuple[int, int]:
        """First and last year of the plan: start-up years may come before fixed support."""
        years = [self.first_year, self.last_year, *self.startup_by_year()]
        return min(years), max(years)

    def schedule(
        self,
        grades: Mapping[int, str] | None = None,
        disbursed: Mapping[int, Mapping[str, Decimal]] | None = None,
        shares: Mapping[str, Decimal] = DEFAULT_SHARES,
    ) -> FundingSchedule:
        """Per plan year: planned, earned (from `grades`) and disbursed.

        `disbursed` is keyed by the plan year each payment settles — its `for_year`
        (计划年度口径: plan year → kind → 万元), not the year it was paid in.
        """
        errors = self.validate()
        if errors:
            raise ValidationError(errors)
        grades = grades or {}
        disbursed = disbursed or {}
        fixed = dict(
            zip(range(self.first_year, self.last_year + 1), self.fixed_support(), strict=True)
        )
        caps = dict(
            zip(
                range(self.first_year, self.last_year + 1),
                [round_wan(c) for c in self.reward_caps] or [ZERO] * self.years,
                strict=True,
            )
        )
        startup = self.startup_by_year()
        lo, hi = self.year_span()
        lines = []
        for year in range(lo, hi + 1):
            grade = grades.get(year)
            cap = caps.get(year, ZERO)
            earned = reward_amount(cap, grade, shares) if grade is not None else None
            paid = {k: disbursed.get(year, {}).get(k, ZERO) for k in DISBURSEMENT_KINDS}
            line = YearLine(
                year=year,
                startup=startup.get(year, ZERO),
                fixed=fixed.get(year, ZERO),
                reward_cap=cap,
                grade=grade,
                earned_reward=earned,
                planned_total=startup.get(year, ZERO)
                + fixed.get(year, ZERO)
                + (earned if earned is not None else cap),
                disbursed=sum(paid.values(), ZERO),
                disbursed_by_kind=paid,
            )
            lines.append(_with_warnings(line, grades.get(year - 1)))
        return FundingSchedule(
            lines=tuple(lines), warnings=tuple(w for ln in lines for w in ln.warnings)
        )


def stored_plan(spec: FundingPlanSpec) -> dict[str, Any]:
    """The plan's own columns as every writer stores them (fen): the service's save and the
    demo data map a plan one way."""
    return {
        "startup_grant_fen": wan_to_fen(spec.startup_grant),
        "startup_year": spec.startup_year,
        "taper_mode": spec.mode,
        "first_year": spec.first_year,
        "years": spec.years,
        "first_amount_fen": wan_to_fen(round_wan(spec.fixed_support()[0])),
        "step_fen": wan_to_fen(spec.step) if spec.step is not None else None,
        "rate": spec.rate,
        "floor_fen": wan_to_fen(spec.floor),
    }


def stored_years(spec: FundingPlanSpec) -> list[dict[str, Any]]:
    """One row per fixed-support year: its reward cap and, for a manual taper, its amount."""
    manual = spec.fixed_support() if spec.mode == "manual" else None
    return [
        {
            "year": year,
            "reward_cap_fen": wan_to_fen(spec.reward_caps[i]) if spec.reward_caps else 0,
            "manual_fixed_fen": wan_to_fen(manual[i]) if manual else None,
        }
        for i, year in enumerate(range(spec.first_year, spec.last_year + 1))
    ]


def _with_warnings(line: YearLine, previous_grade: str | None) -> YearLine:
    """A D grade two years running, kept on the year line. The money warnings (paid over
    plan per kind, a reward without evaluation or above its grade) are `domain.warnings`'
    alone, so the funding tab, Home and the brief say the same."""
    if line.grade == "D" and previous_grade == "D":
        found = FundingWarning(
            line.year,
            "two_d_grades",
            t(
                "Grade D in {prev} and {year}: consider suspending fixed support.",
                prev=line.year - 1,
                year=line.year,
            ),
        )
        return replace(line, warnings=(found,))
    return line


def _show(amount: Decimal) -> str:
    """万元 with two decimals for messages (the table shows the same)."""
    return f"{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def default_for_year(kind: str, paid_year: int) -> int:
    """The plan year a payment settles when nobody says otherwise: a reward pays the year
    before it was paid in (its evaluation year), anything else the year it is paid in.
    An advance (预拨) is the one case an officer must state: it pays a later year."""
    return paid_year - REWARD_LAG_YEARS if kind == "reward" else paid_year


def for_year_span(spec: FundingPlanSpec, kind: str) -> tuple[int, int]:
    """The plan years a payment of `kind` can settle: a reward only a fixed-support year."""
    if kind == "reward":
        return spec.first_year, spec.last_year
    return spec.year_span()


def check_for_year(spec: FundingPlanSpec, for_year: int, kind: str) -> str | None:
    """Reason `for_year` is not a plan year a payment of `kind` can settle, or None."""
    lo, hi = for_year_span(spec, kind)
    if lo <= for_year <= hi:
        return None
    return t("Year {year} is outside {lo}–{hi}.", year=for_year, lo=lo, hi=hi)


def payment_years(spec: FundingPlanSpec, kind: str) -> tuple[int, int]:
    """The years a payment of `kind` may be dated in: rewards come a year after their year."""
    lo, hi = spec.year_span()
    if kind == "reward":
        return spec.first_year + REWARD_LAG_YEARS, spec.last_year + REWARD_LAG_YEARS
    return lo, hi


def check_year_in_plan(spec: FundingPlanSpec, year: int, kind: str = "fixed") -> str | None:
    """Reason a payment of `kind` dated in `year` does not belong to this plan, or None."""
    lo, hi = payment_years(spec, kind)
    if lo <= year <= hi:
        return None
    return t("Year {year} is outside {lo}–{hi}.", year=year, lo=lo, hi=hi)


def payment_problems(
    spec: FundingPlanSpec | None,
    *,
    paid_year: int | None,
    kind: str,
    for_year: int | None,
    for_year_typed: bool,
    amount_fen: int | None = None,
) -> dict[str, str]:
    """Field → reason for a payment its plan cannot take (empty: it can).

    The one place of the payment rules the dialog (services.disbursements) and the
    workbook import both apply: a positive amount, a plan to pay against, a date inside
    the plan's years, and a plan year (`for_year`) a payment of `kind` can settle. A
    plan year that only follows the rule is not blamed for the date's own fault.
    """
    errors: dict[str, str] = {}
    if amount_fen is not None and amount_fen <= 0:
        errors["amount"] = t("Must be more than zero.")
    if spec is None:
        errors["paid_on"] = t("The project has no funding plan yet; enter the plan first.")
        return errors
    if paid_year is None:
        return errors
    reason = check_year_in_plan(spec, paid_year, kind)
    if reason:
        errors["paid_on"] = reason
    if (
        for_year is not None
        and kind in DISBURSEMENT_KINDS
        and (for_year_typed or not reason)
        and (why := check_for_year(spec, for_year, kind))
    ):
        errors["for_year"] = t("Plan year: {reason}", reason=why)
    return errors


__all__ = [
    "DEFAULT_SHARES",
    "DISBURSEMENT_KINDS",
    "TAPER_MODES",
    "FundingPlanSpec",
    "FundingSchedule",
    "FundingWarning",
    "Tranche",
    "YearLine",
    "check_for_year",
    "check_year_in_plan",
    "default_for_year",
    "for_year_span",
    "payment_problems",
    "payment_years",
    "fixed_support_schedule",
    "reward_amount",
]
