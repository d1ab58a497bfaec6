"""Milestone edit rules and slip, with worked dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.milestones import MilestoneEdit, slip_days, validate_milestone, worst_slip
from desktop_app.i18n import set_language

TODAY = date(2026, 9, 15)
OK = MilestoneEdit(
    title="Pilot line",
    planned_start=date(2026, 1, 1),
    planned_end=date(2026, 12, 31),
    percent_complete=40,
    status="in_progress",
)


def test_a_sound_edit_has_no_errors() -> None:
    assert validate_milestone(OK, today=TODAY) == {}


def test_end_before_start_is_refused_on_the_end_field() -> None:
    set_language("en")
    errors = validate_milestone(replace(OK, planned_end=date(2025, 12, 31)), today=TODAY)
    assert errors == {"planned_end": "End date is before the start date."}
    errors = validate_milestone(
        replace(OK, actual_start=date(2026, 3, 2), actual_end=date(2026, 3, 1)), today=TODAY
    )
    assert errors == {"actual_end": "End date is before the start date."}


def test_percent_outside_0_to_100() -> None:
    assert "percent_complete" in validate_milestone(replace(OK, percent_complete=101), today=TODAY)
    assert "percent_complete" in validate_milestone(replace(OK, percent_complete=-1), today=TODAY)
    assert validate_milestone(replace(OK, percent_complete=100), today=TODAY) == {}
    assert validate_milestone(replace(OK, percent_complete=0), today=TODAY) == {}


def test_done_needs_an_actual_end_that_is_not_in_the_future() -> None:
    set_language("en")
    done = replace(OK, status="done", percent_complete=100)
    assert validate_milestone(done, today=TODAY) == {
        "actual_end": "A done milestone needs its actual end date."
    }
    future = replace(done, actual_end=date(2026, 9, 16))
    assert validate_milestone(future, today=TODAY) == {
        "actual_end": "Actual end date is in the future."
    }
    assert validate_milestone(replace(done, actual_end=TODAY), today=TODAY) == {}


def test_cancelled_needs_a_reason_in_chinese_by_default() -> None:
    cancelled = replace(OK, status="cancelled")
    assert validate_milestone(cancelled, today=TODAY) == {
        "cancel_reason": "已取消的里程碑须填写取消原因。"
    }
    assert validate_milestone(replace(cancelled, cancel_reason="并入 M3"), today=TODAY) == {}


def test_dates_outside_2000_2100_are_typos_and_title_and_end_are_required() -> None:
    errors = validate_milestone(
        replace(OK, title="  ", planned_start=date(1999, 12, 31), planned_end=None), today=TODAY
    )
    assert set(errors) == {"title", "planned_start", "planned_end"}
    errors = validate_milestone(replace(OK, planned_end=date(2101, 1, 1)), today=TODAY)
    assert set(errors) == {"planned_end"}
    assert "status" in validate_milestone(replace(OK, status="late"), today=TODAY)


def test_slip_uses_actual_end_when_there_is_one() -> None:
    base = date(2026, 6, 30)
    assert slip_days(date(2026, 7, 30), None, base) == 30
    assert slip_days(date(2026, 7, 30), date(2026, 6, 20), base) == -10
    assert slip_days(date(2026, 7, 30), None, None) is None
    assert worst_slip([None, -3, 12, 5]) == 12
    assert worst_slip([None, None]) is None
    assert worst_slip([]) is None
