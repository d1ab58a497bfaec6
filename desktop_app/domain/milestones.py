"""Rules for a milestone edit, and slip against the baseline.

Pure functions: the table, the importer and the services all ask the same questions
("is this edit valid?", "how many days has it slipped?") and get the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop_app.domain import limits
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.i18n import register, t

MILESTONE_STATUSES = ("not_started", "in_progress", "done", "cancelled")
TITLE_MAX = 300
OWNER_MAX = 100
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")

register(
    {
        "Title is required.": "标题不能为空。",
        "Title is longer than {n} characters.": "标题超过 {n} 个字符。",
        "Owner is longer than {n} characters.": "负责人超过 {n} 个字符。",
        "Planned end date is required.": "计划完成日期不能为空。",
        "Date must be between {lo} and {hi}.": "日期须在 {lo} 年至 {hi} 年之间。",
        "End date is before the start date.": "结束日期早于开始日期。",
        "Percent complete must be between 0 and 100.": "完成百分比须在 0 至 100 之间。",
        "Unknown status “{value}”.": "未知状态“{value}”。",
        "A done milestone needs its actual end date.": "已完成的里程碑须填写实际完成日期。",
        "Actual end date is in the future.": "实际完成日期晚于今天。",
        "A cancelled milestone needs a reason.": "已取消的里程碑须填写取消原因。",
        "A done milestone is 100 % complete (not {value} %).": "已完成的里程碑完成百分比须为 100%(而非 {value}%)。",  # noqa: E501
    }
)


@dataclass(frozen=True)
class MilestoneEdit:
    """The editable fields of a milestone, already parsed, not yet validated."""

    title: str
    planned_end: date | None
    planned_start: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    percent_complete: int = 0
    status: str = "not_started"
    cancel_reason: str = ""
    deliverable: str = ""
    owner: str = ""
    notes: str = ""


def validate_milestone(edit: MilestoneEdit, *, today: date) -> dict[str, str]:
    """Field → reason for every rule broken (empty when the edit may be saved)."""
    errors: dict[str, str] = {}
    title = edit.title.strip()
    if not title:
        errors["title"] = t("Title is required.")
    elif len(title) > TITLE_MAX:
        errors["title"] = t("Title is longer than {n} characters.", n=TITLE_MAX)
    if len(edit.owner.strip()) > OWNER_MAX:
        errors["owner"] = t("Owner is longer than {n} characters.", n=OWNER_MAX)
    for name in DATE_FIELDS:
        value: date | None = getattr(edit, name)
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            errors[name] = t("Date must be between {lo} and {hi}.", lo=MIN_YEAR, hi=MAX_YEAR)
    if edit.planned_end is None:
        errors["planned_end"] = t("Planned end date is required.")
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        a, b = getattr(edit, start), getattr(edit, end)
        if a and b and start not in errors and end not in errors and b < a:
            errors[end] = t("End date is before the start date.")
    if not 0 <= edit.percent_complete <= 100:
        errors["percent_complete"] = t("Percent complete must be between 0 and 100.")
    if edit.status not in MILESTONE_STATUSES:
        errors["status"] = t("Unknown status “{value}”.", value=edit.status)
    if edit.status == "done" and edit.percent_complete != 100 and "percent_complete" not in errors:
        errors["percent_complete"] = t(
            "A done milestone is 100 % complete (not {value} %).", value=edit.percent_complete
        )
    if edit.status == "done" and edit.actual_end is None and "actual_end" not in errors:
        errors["actual_end"] = t("A done milestone needs its actual end date.")
    if edit.actual_end is not None and edit.actual_end > today and "actual_end" not in errors:
        errors["actual_end"] = t("Actual end date is in the future.")
    if edit.status == "cancelled" and not edit.cancel_reason.strip():
        errors["cancel_reason"] = t("A cancelled milestone needs a reason.")
    for name in ("title", "owner", "deliverable", "cancel_reason", "notes"):
        reason = limits.text_problem(getattr(edit, name), name)
        if reason is not None and name not in errors:
            errors[name] = reason
    return errors


def slip_days(
    planned_end: date | None, actual_end: date | None, baseline_end: date | None
) -> int | None:
    """Days the end has moved past the baseline (negative = early); None without a baseline.

    A finished milestone is judged by its actual end, an open one by its planned end.
    """
    end = actual_end or planned_end
    if end is None or baseline_end is None:
        return None
    return (end - baseline_end).days


def worst_slip(slips: Iterable[int | None]) -> int | None:
    """The largest slip of a project (None when no milestone has a baseline)."""
    known = [s for s in slips if s is not None]
    return max(known) if known else None
