"""The two money bases every figure names, and how one turns into the other.

- 计划年度口径 (plan-year basis): what was paid *against year Y's plan* — every payment
  whose `for_year` is Y, whenever it was paid (a 2025 reward paid in May 2026 counts for 2025;
  an advance paid in 2026 for 2027 counts for 2027).
- 现金口径 (cash basis): what left the treasury *in calendar year Y*, whatever it was for.

The reconciliation is an identity over the same payments, so the brief can print it and a
reader can add it up: cash in Y = paid against Y's plan − paid for Y in other years (an
earlier advance, a later reward) + earlier plan years paid in Y (mostly last year's rewards)
+ advances paid in Y for later years. Pure Decimal, no rounding: callers round once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Payment:
    """One disbursement as the bases see it (amount in 万元 or fen — any one unit)."""

    paid_on: date
    for_year: int
    kind: str
    amount: Decimal


def _upto(payments: Iterable[Payment], as_of: date | None) -> list[Payment]:
    return [p for p in payments if as_of is None or p.paid_on <= as_of]


def plan_year_paid(payments: Iterable[Payment], year: int, as_of: date | None = None) -> Decimal:
    """计划年度口径: paid against `year`'s plan (by `as_of`, when given)."""
    return sum((p.amount for p in _upto(payments, as_of) if p.for_year == year), ZERO)


def cash_paid(payments: Iterable[Payment], year: int, as_of: date | None = None) -> Decimal:
    """现金口径: paid in calendar `year` (by `as_of`, when given)."""
    return sum((p.amount for p in _upto(payments, as_of) if p.paid_on.year == year), ZERO)


@dataclass(frozen=True)
class Reconciliation:
    """Cash in `year` = plan_year − for_year_paid_elsewhere + earlier_years + advances."""

    year: int
    plan_year: Decimal
    """Paid against `year`'s plan (计划年度口径)."""
    paid_elsewhere: Decimal
    """Paid for `year` but in another calendar year (an advance last year, a reward next)."""
    earlier_years: Decimal
    """Paid in `year` against earlier plans (last year's reward, a late payment)."""
    earlier_rewards: Decimal
    """The reward part of `earlier_years`."""
    advances: Decimal
    """Paid in `year` against later plans (预拨)."""
    cash: Decimal
    """Paid in calendar `year` (现金口径)."""

    @property
    def balances(self) -> bool:
        return self.cash == (
            self.plan_year - self.paid_elsewhere + self.earlier_years + self.advances
        )


def reconcile(payments: Iterable[Payment], year: int, as_of: date | None = None) -> Reconciliation:
    """Both bases for `year` and the terms that take one to the other."""
    rows = _upto(payments, as_of)
    in_year = [p for p in rows if p.paid_on.year == year]
    earlier = [p for p in in_year if p.for_year < year]
    return Reconciliation(
        year=year,
        plan_year=plan_year_paid(rows, year),
        paid_elsewhere=sum(
            (p.amount for p in rows if p.for_year == year and p.paid_on.year != year), ZERO
        ),
        earlier_years=sum((p.amount for p in earlier), ZERO),
        earlier_rewards=sum((p.amount for p in earlier if p.kind == "reward"), ZERO),
        advances=sum((p.amount for p in in_year if p.for_year > year), ZERO),
        cash=cash_paid(rows, year),
    )


__all__ = ["Payment", "Reconciliation", "cash_paid", "plan_year_paid", "reconcile"]
