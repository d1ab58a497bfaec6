"""The scoring rules of docs/rules.md, with worked numbers."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from desktop_app.domain.scoring import (
    IndicatorSpec,
    ScoringError,
    check_actual,
    check_target,
    check_weight_set,
    grade,
    indicator_score,
    projected_actual,
    projected_score,
    total_score,
)


def test_worked_example_scores_92_5_and_grades_a() -> None:
    scores = [
        indicator_score(D(40), D(100), D(120)),
        indicator_score(D(30), D(20), D(15)),
        indicator_score(D(30), D(5), D(5)),
    ]
    assert scores == [D(40), D("22.5"), D(30)]
    total = total_score(scores)
    assert total == D("92.5")
    assert grade(total) == "A"


def test_lower_is_better_scores_target_over_actual_capped_at_weight() -> None:
    # cost target 80, actual 100 → 20 × 0.8 = 16; beating the target does not exceed 20
    assert indicator_score(D(20), D(80), D(100), "lower") == D(16)
    assert indicator_score(D(20), D(80), D(60), "lower") == D(20)
    assert indicator_score(D(20), D(80), D(0), "lower") == D(20)


def test_missing_actual_scores_zero() -> None:
    assert indicator_score(D(40), D(100), None) == 0
    assert indicator_score(D(40), D(100), None, "lower") == 0
    assert indicator_score(D(10), D(0), None, "qualitative") == 0
    assert total_score([D(40), D(0), D(0)]) == D("40.0")


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("90", "A"),
        ("89.9", "B"),
        ("80", "B"),
        ("79.9", "C"),
        ("60", "C"),
        ("59.9", "D"),
        ("0", "D"),
        ("100", "A"),
    ],
)
def test_grade_thresholds_at_exact_boundaries(total: str, expected: str) -> None:
    assert grade(D(total)) == expected


def test_grade_uses_given_thresholds() -> None:
    strict = {"A": D(95), "B": D(85), "C": D(70)}
    assert grade(D(92), strict) == "B"
    assert grade(D(69.9), strict) == "D"


def test_total_rounds_half_up_to_one_decimal() -> None:
    assert total_score([D("33.3333"), D("33.3333"), D("13.3334")]) == D("80.0")
    assert total_score([D("40.05"), D(0)]) == D("40.1")
    assert total_score([D("22.45"), D(0)]) == D("22.5")
    assert total_score([D("22.44"), D(0)]) == D("22.4")


def test_negative_allowed_actual_scores_zero_not_below() -> None:
    assert indicator_score(D(30), D(10), D(-5)) == 0


def test_qualitative_score_is_the_officers_within_weight() -> None:
    assert indicator_score(D(20), D(0), D("17.5"), "qualitative") == D("17.5")
    with pytest.raises(ScoringError, match="0"):
        indicator_score(D(20), D(0), D(21), "qualitative")
    with pytest.raises(ScoringError):
        check_actual(D(-1), weight=D(20), direction="qualitative")


def test_target_zero_and_negative_actuals_refused() -> None:
    with pytest.raises(ScoringError):
        check_target(D(0), "higher")
    with pytest.raises(ScoringError):
        indicator_score(D(40), D(0), D(5))
    with pytest.raises(ScoringError):
        check_actual(D(-1), weight=D(40), direction="higher")
    check_actual(D(-1), weight=D(40), direction="higher", allow_negative=True)
    check_target(None, "qualitative")


def test_weight_set_must_sum_to_exactly_100_and_names_project_year_sum() -> None:
    assert check_weight_set([D(40), D(30), D(30)], project="P", year=2026) == 100
    with pytest.raises(ScoringError) as err:
        check_weight_set([D(40), D(30), D("29.5")], project="翔安药谷", year=2026)
    message = str(err.value)
    assert "翔安药谷" in message and "2026" in message and "99.5" in message


def test_projection_is_straight_line_to_year_end() -> None:
    assert projected_actual(D(45), 3, "higher") == D(60)
    assert projected_actual(D(30), 2, "higher") == D(60)
    assert projected_actual(D(60), 4, "higher") == D(60)
    assert projected_actual(D(12), 1, "qualitative") == D(12)
    assert projected_actual(None, 2, "higher") is None
    specs = [
        (IndicatorSpec(D(40), D(100), "higher"), D(90)),  # 90 × 4/3 = 120 → 40
        (IndicatorSpec(D(30), D(20), "higher"), D(9)),  # 12 → 30 × 0.6 = 18
        (IndicatorSpec(D(30), None, "qualitative"), D(24)),  # stands → 24
    ]
    assert projected_score(specs, 3) == D("82.0")
    with pytest.raises(ScoringError):
        projected_actual(D(1), 5, "higher")
