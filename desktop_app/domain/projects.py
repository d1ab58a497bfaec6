"""Rules for a project's own fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop_app.domain import limits
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.i18n import register, t

PROJECT_STATUSES = ("planned", "active", "completed", "suspended")
NAME_MAX = 200

register(
    {
        "Name is required.": "名称不能为空。",
        "Name is longer than {n} characters.": "名称超过 {n} 个字符。",
        "Another project is already named “{name}”.": "已有项目名为“{name}”。",
        "End date is before the start date.": "结束日期早于开始日期。",
        "Date must be between {lo} and {hi}.": "日期须在 {lo} 年至 {hi} 年之间。",
        "Unknown status “{value}”.": "未知状态“{value}”。",
    }
)


def validate_project_fields(
    *,
    name_zh: str,
    status: str,
    start_date: date | None,
    end_date: date | None,
    other_names: set[str],
    texts: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Field → reason for every rule broken (empty when the edit is valid).

    `texts`: the project's other text fields (field → value), held to `domain.limits`.
    """
    errors: dict[str, str] = {}
    name = name_zh.strip()
    if not name:
        errors["name_zh"] = t("Name is required.")
    elif len(name) > NAME_MAX:
        errors["name_zh"] = t("Name is longer than {n} characters.", n=NAME_MAX)
    elif name in other_names:
        errors["name_zh"] = t("Another project is already named “{name}”.", name=name)
    for field, value in (("start_date", start_date), ("end_date", end_date)):
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            errors[field] = t("Date must be between {lo} and {hi}.", lo=MIN_YEAR, hi=MAX_YEAR)
    if (
        start_date
        and end_date
        and "end_date" not in errors
        and "start_date" not in errors
        and end_date < start_date
    ):
        errors["end_date"] = t("End date is before the start date.")
    if status not in PROJECT_STATUSES:
        errors["status"] = t("Unknown status “{value}”.", value=status)
    reason = limits.text_problem(name, "name_zh")
    if reason is not None and "name_zh" not in errors:
        errors["name_zh"] = reason
    for field, text in (texts or {}).items():
        reason = limits.text_problem(text, field)
        if reason is not None:
            errors.setdefault(field, reason)
    return errors
