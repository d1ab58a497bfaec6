"""The taper-off rules with worked numbers, rounding cases and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.funding import (
    DEFAULT_SHARES,
    FundingPlanSpec,
    Tranche,
    check_year_in_plan,
    default_for_year,
    fixed_support_schedule,
    reward_amount,
)
from desktop_app.domain.policy import DEFAULT_POLICY
from desktop_app.domain.validation import ValidationError


def amounts(*xs: str) -> list[D]:
    return [D(x) for x in xs]


def test_geometric_worked_example() -> None:
    got = fixed_support_schedule(D(300), 5, "geometric", rate=D("0.2"))
    assert got == amounts("300", "240", "192", "153.6", "122.88")


def test_linear_worked_example() -> None:
    got = fixed_support_schedule(D(300), 5, "linear", step=D(60))
    assert got == amounts("300", "240", "180", "120", "60")


def test_linear_clipped_at_floor() -> None:
    got = fixed_support_schedule(D(300), 5, "linear", step=D(80), floor=D(50))
    assert got == amounts("300", "220", "140", "60", "50")


def test_geometric_clipped_at_floor() -> None:
    got = fixed_support_schedule(D(300), 5, "geometric", rate=D("0.5"), floor=D(40))
    assert got == amounts("300", "150", "75", "40", "40")


def test_amounts_are_rounded_to_the_fen() -> None:
    got = fixed_support_schedule(D(100), 6, "geometric", rate=D("0.15"))
    assert got[-1] == D("44.370531")  # 44.37053125 exactly
    assert all(x.as_tuple().exponent == -6 for x in got)


def test_rounding_is_half_up_and_once() -> None:
    got = fixed_support_schedule(D(10), 10, "geometric", rate=D("0.5"))
    # 10 × 0.5^8 = 0.0390625 → half up 0.039063 (half-even would give 0.039062)
    assert got[8] == D("0.039063")
    # 10 × 0.5^9 = 0.01953125 → 0.019531; rounding year by year would give 0.019532
    assert got[9] == D("0.019531")


def test_first_amount_rounded_half_up() -> None:
    got = fixed_support_schedule(D("100.0000005"), 2, "linear", step=D("0.0000010"))
    assert got == amounts("100.000001", "100.000000")


def test_manual_plan_taken_as_given_and_rounded() -> None:
    got = fixed_support_schedule(
        D(200), 4, "manual", manual=amounts("200", "150.1234565", "150", "0")
    )
    assert got == amounts("200", "150.123457", "150", "0")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"first_amount": D(0)}, "first_amount"),
        ({"first_amount": D(-5)}, "first_amount"),
        ({"years": 0}, "years"),
        ({"years": 16}, "years"),
        ({"rate": D(0)}, "rate"),
        ({"rate": D(1)}, "rate"),
        ({"rate": D("-0.1")}, "rate"),
        ({"rate": None}, "rate"),
        ({"floor": D(-1)}, "floor"),
        ({"floor": D(301)}, "floor"),
        ({"mode": "exponential"}, "mode"),
    ],
)
def test_geometric_parameters_refused_with_reason(kwargs: dict, field: str) -> None:
    args = {"first_amount": D(300), "years": 5, "mode": "geometric", "rate": D("0.2"), **kwargs}
    first, years, mode = args.pop("first_amount"), args.pop("years"), args.pop("mode")
    with pytest.raises(ValidationError) as info:
        fixed_support_schedule(first, years, mode, **args)
    assert field in info.value.errors
    assert info.value.errors[field]


def test_linear_step_that_does_not_fit_the_years() -> None:
    with pytest.raises(ValidationError) as info:
        fixed_support_schedule(D(300), 5, "linear", step=D(80))
    assert "第 5 年" in info.value.errors["step"]
    with pytest.raises(ValidationError) as info:
        fixed_support_schedule(D(300), 5, "linear", step=D(0))
    assert "step" in info.value.errors
    with pytest.raises(ValidationError):
        fixed_support_schedule(D(300), 5, "linear")


def test_manual_list_that_does_not_fit_the_years() -> None:
    with pytest.raises(ValidationError) as info:
        fixed_support_schedule(D(300), 5, "manual", manual=amounts("300", "200"))
    assert "2" in info.value.errors["manual"] and "5" in info.value.errors["manual"]
    with pytest.raises(ValidationError) as info:
        fixed_support_schedule(D(300), 2, "manual", manual=amounts("300", "-1"))
    assert "manual" in info.value.errors
    with pytest.raises(ValidationError) as info:
        fixed_support_schedule(D(300), 2, "manual", manual=amounts("300", "20"), floor=D(50))
    assert "50" in info.value.errors["manual"]


def test_reward_amount_uses_share_table() -> None:
    assert reward_amount(D(100), "A") == D(100)
    assert reward_amount(D(100), "B") == D(70)
    assert reward_amount(D(100), "C") == D(40)
    assert reward_amount(D(100), "D") == D(0)
    assert reward_amount(D("0.0000015"), "B") == D("0.000001")  # 0.00000105 → half up
    assert reward_amount(D(100), "B", {"B": D("0.5")}) == D(50)
    assert DEFAULT_POLICY.reward_shares == DEFAULT_SHARES
    with pytest.raises(ValidationError):
        reward_amount(D(100), "E")
    with pytest.raises(ValidationError):
        reward_amount(D(-1), "A")


def _spec(**over) -> FundingPlanSpec:
    base = dict(
        first_year=2023,
        years=5,
        mode="linear",
        first_amount=D(300),
        step=D(60),
        reward_caps=amounts("0", "50", "100", "150", "200"),
        startup_grant=D(500),
        tranches=(Tranche(2022, D(300)), Tranche(2023, D(200))),
    )
    base.update(over)
    return FundingPlanSpec(**base)


def test_plan_schedule_years_and_totals() -> None:
    sched = _spec().schedule(grades={2024: "B", 2025: "A"})
    assert [ln.year for ln in sched.lines] == [2022, 2023, 2024, 2025, 2026, 2027]
    y2023 = sched.line(2023)
    assert (y2023.startup, y2023.fixed, y2023.reward_cap) == (D(200), D(300), D(0))
    y2024 = sched.line(2024)
    assert y2024.earned_reward == D(35) and y2024.planned_total == D(275)
    y2026 = sched.line(2026)
    assert y2026.earned_reward is None and y2026.planned_total == D(120) + D(150)
    assert sched.total("startup") == D(500)
    assert sched.total("fixed") == D(900)
    assert sched.total("reward_cap") == D(500)
    assert sched.earned_total() == D(135)
    assert not sched.warnings


def test_plan_to_date_counts_whole_years() -> None:
    sched = _spec().schedule(grades={2024: "B"})
    # 2022: 300 start-up; 2023: 200 + 300 (+ its reward cap 0, due 2024);
    # 2024: fixed 240 from 1 January; its reward (B: 35) falls due only in 2025
    assert sched.planned_to_date(date(2024, 1, 1)) == D(1040)
    assert sched.planned_to_date(date(2024, 12, 31)) == D(1040)
    assert sched.planned_to_date(date(2025, 3, 31)) == D(1040) + D(35) + D(180)
    assert sched.planned_to_date(date(2021, 6, 30)) == D(0)
    # after the last reward year, plan-to-date is the whole plan
    assert sched.planned_to_date(date(2030, 1, 1)) == sched.total("planned_total")


def test_reward_counts_for_the_plan_year_it_settles() -> None:
    # `disbursed` is keyed by for_year: a reward paid in 2025 for 2024 is given as 2024's
    assert default_for_year("reward", 2025) == 2024
    assert default_for_year("fixed", 2025) == 2025
    sched = _spec().schedule(grades={2024: "A"}, disbursed={2024: {"reward": D(50)}})
    assert sched.line(2024).disbursed_by_kind["reward"] == D(50)
    assert sched.line(2025).disbursed_by_kind["reward"] == D(0)
    assert not sched.warnings


def test_warnings_not_silent_fixes() -> None:
    """The schedule keeps D-twice; the money warnings are domain.warnings' alone, per kind
    (2023: start-up 200 is within its 300, fixed 350 over its 300)."""
    from desktop_app.domain.warnings import funding_warnings

    sched = _spec().schedule(
        grades={2024: "D", 2025: "D"},
        disbursed={
            2023: {"startup": D(200), "fixed": D(350)},
            2026: {"reward": D(10)},  # for 2026: not evaluated
            2024: {"reward": D(1)},  # for 2024: grade D earned nothing
        },
    )
    assert {(w.year, w.code) for w in sched.warnings} == {(2025, "two_d_grades")}
    codes = {(w.year, w.code) for w in funding_warnings(sched, date(2026, 12, 31))}
    assert codes == {
        (2023, "over_fixed"),
        (2025, "two_d_grades"),
        (2026, "reward_without_evaluation"),
        (2024, "reward_over_earned"),
    }
    assert sched.line(2023).disbursed == D(550)
    over = next(w for w in funding_warnings(sched, date(2026, 12, 31)) if w.year == 2023)
    assert "350.00" in over.reason


def test_plan_validation_reasons() -> None:
    errors = _spec(tranches=(Tranche(2022, D(100)),)).validate()
    assert "tranches" in errors
    errors = _spec(reward_caps=amounts("1", "2")).validate()
    assert "reward_caps" in errors
    errors = _spec(tranches=(), startup_year=None).validate()
    assert "startup_year" in errors
    errors = _spec(mode="manual", manual=amounts("0", "1", "1", "1", "1")).validate()
    assert "manual" in errors and "first_amount" not in errors
    with pytest.raises(ValidationError):
        _spec(years=0).schedule()


def test_year_in_plan() -> None:
    spec = _spec()
    assert check_year_in_plan(spec, 2022, "startup") is None
    assert check_year_in_plan(spec, 2027, "fixed") is None
    assert "2028" in (check_year_in_plan(spec, 2028, "fixed") or "")
    assert check_year_in_plan(spec, 2028, "reward") is None  # the 2027 reward
    assert "2024–2028" in (check_year_in_plan(spec, 2023, "reward") or "")


money = st.decimals(min_value=D("0.000001"), max_value=D(100000), places=6)


@settings(max_examples=150, deadline=None)
@given(
    first=money,
    years=st.integers(1, 15),
    rate=st.decimals(min_value=D("0.000001"), max_value=D("0.999999"), places=6),
    floor_share=st.decimals(min_value=D(0), max_value=D(1), places=3),
)
def test_geometric_never_rises_never_below_floor(first, years, rate, floor_share) -> None:
    floor = (first * floor_share).quantize(D("0.000001"))
    got = fixed_support_schedule(first, years, "geometric", rate=rate, floor=floor)
    assert len(got) == years
    assert all(b <= a for a, b in zip(got, got[1:], strict=False))
    assert all(x >= floor for x in got)


@settings(max_examples=150, deadline=None)
@given(
    first=money,
    years=st.integers(1, 15),
    step=money,
    floor_share=st.decimals(min_value=D("0.001"), max_value=D(1), places=3),
)
def test_linear_never_rises_never_below_floor(first, years, step, floor_share) -> None:
    floor = max((first * floor_share).quantize(D("0.000001")), D("0.000001"))
    got = fixed_support_schedule(first, years, "linear", step=step, floor=floor)
    assert all(b <= a for a, b in zip(got, got[1:], strict=False))
    assert all(x >= floor for x in got)
    assert got[0] == max(first, floor)


@settings(max_examples=100, deadline=None)
@given(
    caps=st.lists(st.decimals(min_value=0, max_value=1000, places=6), min_size=5, max_size=5),
    grades=st.dictionaries(st.integers(2023, 2027), st.sampled_from("ABCD")),
    paid=st.dictionaries(
        st.integers(2022, 2027),
        st.fixed_dictionaries(
            {k: st.decimals(min_value=0, max_value=1000, places=6) for k in ("fixed", "reward")}
        ),
    ),
)
def test_totals_equal_sum_of_parts(caps, grades, paid) -> None:
    sched = _spec(mode="geometric", rate=D("0.17"), reward_caps=tuple(caps)).schedule(
        grades=grades, disbursed=paid
    )
    for ln in sched.lines:
        expected_reward = ln.earned_reward if ln.earned_reward is not None else ln.reward_cap
        assert ln.planned_total == ln.startup + ln.fixed + expected_reward
        assert ln.disbursed == sum(ln.disbursed_by_kind.values())
    assert sched.total("planned_total") == (
        sched.total("startup")
        + sched.total("fixed")
        + sum(
            (ln.earned_reward if ln.earned_reward is not None else ln.reward_cap)
            for ln in sched.lines
        )
    )
    # every payment lands in its plan year; years outside the plan (2022) have no line
    lo, hi = sched.lines[0].year, sched.lines[-1].year
    counted = sum(v["fixed"] + v["reward"] for y, v in paid.items() if lo <= y <= hi)
    assert sched.total("disbursed") == counted
