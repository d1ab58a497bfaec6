"""The two money bases on worked numbers: a plain payment, a prior-year reward, an advance.

Project with a 2026 plan; payments (万元):
- 2026-04-10 fixed 100 for 2026 (plain),
- 2026-05-06 reward 30 for 2025 (last year's reward, paid this year),
- 2026-07-20 fixed 80 for 2027 (an advance),
- 2025-12-20 startup 50 for 2026 (an advance made last year for this year),
- 2027-05-06 reward 20 for 2026 (next year's payment of this year's reward).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from desktop_app.domain.money_basis import Payment, cash_paid, plan_year_paid, reconcile

PAYMENTS = [
    Payment(date(2026, 4, 10), 2026, "fixed", D(100)),
    Payment(date(2026, 5, 6), 2025, "reward", D(30)),
    Payment(date(2026, 7, 20), 2027, "fixed", D(80)),
    Payment(date(2025, 12, 20), 2026, "startup", D(50)),
    Payment(date(2027, 5, 6), 2026, "reward", D(20)),
]


def test_plan_year_basis_counts_what_was_paid_for_the_year() -> None:
    assert plan_year_paid(PAYMENTS, 2026) == D(170)  # 100 + 50 advance + 20 reward next year
    assert plan_year_paid(PAYMENTS, 2026, as_of=date(2026, 9, 30)) == D(150)
    assert plan_year_paid(PAYMENTS, 2025) == D(30)
    assert plan_year_paid(PAYMENTS, 2027) == D(80)


def test_cash_basis_counts_what_was_paid_in_the_year() -> None:
    assert cash_paid(PAYMENTS, 2026) == D(210)  # 100 + 30 + 80
    assert cash_paid(PAYMENTS, 2026, as_of=date(2026, 6, 30)) == D(130)
    assert cash_paid(PAYMENTS, 2025) == D(50)


def test_reconciliation_takes_one_basis_to_the_other() -> None:
    r = reconcile(PAYMENTS, 2026, as_of=date(2026, 9, 30))
    assert r.plan_year == D(150)
    assert r.paid_elsewhere == D(50)  # last December's advance for 2026
    assert r.earlier_years == D(30) and r.earlier_rewards == D(30)
    assert r.advances == D(80)
    assert r.cash == D(210)
    assert r.cash == r.plan_year - r.paid_elsewhere + r.earlier_years + r.advances
    assert r.balances


def test_reconciliation_balances_for_every_year_and_date() -> None:
    for year in (2024, 2025, 2026, 2027, 2028):
        for as_of in (None, date(2026, 1, 1), date(2026, 12, 31), date(2027, 6, 1)):
            assert reconcile(PAYMENTS, year, as_of).balances


def test_demo_brief_agrees_on_the_plan_year_basis(demo_db, monkeypatch) -> None:
    """Summary, portfolio table and project pages print the same 2026 plan-year figure,
    and the summary's reconciliation reaches the cash figure."""
    from desktop_app.services.brief_data import build_brief_data

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18: Q3 is over
    data = build_brief_data(demo_db, "2026Q3")
    b = data.summary.bases
    assert b is not None
    pages = sum(r.disbursed_fen for p in data.projects for r in p.funding if r.year == 2026)
    table = sum(r.ytd_disbursed_fen for r in data.portfolio)
    assert b.plan_year_fen == table == pages
    for p, row in zip(data.projects, data.portfolio, strict=True):
        mine = [r.disbursed_fen for r in p.funding if r.year == 2026]
        assert row.ytd_disbursed_fen == (mine[0] if mine else 0), p.no
    assert (
        b.cash_fen == b.plan_year_fen - b.paid_elsewhere_fen + b.earlier_years_fen + b.advances_fen
    )
    assert b.advances_fen > 0 and b.earlier_rewards_fen > 0  # project 5's advance, 2025 rewards
    assert data.summary.disbursed_fen == b.cash_fen
