"""Every rule a stored row must keep, in one place: the write door asks here for all doors.

A dialog's save, a paste, a workbook import, a returns collect and a command-line argument
all end as rows of the database. Whatever path they took, `problems(table, row)` is asked
about each row as it will be stored (database column names → values, after any merge):

- field rules, per value (from `domain.limits`): text length (the field's own limit and
  its column's String(n)) and control characters, whole-number and decimal ranges and
  places, money in fen, every year and date 2000–2100, a quarter `YYYYQn` in 2000–2100;
- row rules, per table (from the domain's own validators): a milestone's end not before
  its start and a done milestone 100 %; a project's dates; a funding plan's schedule; a
  payment's date and plan year inside its plan for its kind; an indicator's target,
  weight and actual; an evaluation's grade; a plan period's years; an evidence blob's
  bytes matching their SHA-256.

Adding a rule, once: a field rule goes into `domain.limits` (a range in `INT_RANGES` /
`DECIMAL_RANGES`, a length in `TEXT_MAX`), a row rule into the domain validator of its
table (e.g. `milestones.validate_milestone`) or, for a table without one, into `_ROW_RULES`
below. Every door then refuses it the same way: the ORM guard (`db.door`) on every flush,
`db.door.check_values` for the Core writers.

Pure Python: no Qt, no SQLAlchemy; the door passes in what the schema says (column
lengths and decimal places) and what the row depends on (its project's funding plan,
its indicator).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop_app.domain import limits
from desktop_app.domain.funding import (
    DISBURSEMENT_KINDS,
    FundingPlanSpec,
    check_for_year,
    check_year_in_plan,
)
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.money import fen_to_wan
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.domain.periods import Quarter, today
from desktop_app.domain.projects import validate_project_fields
from desktop_app.domain.scoring import (
    ScoringError,
    check_actual,
    check_grade,
    check_target,
    check_weight,
)
from desktop_app.i18n import register, t

register(
    {
        "Date must be between {lo} and {hi}.": "日期须在 {lo} 年至 {hi} 年之间。",
        "not a quarter: {text} (expected e.g. 2026Q3)": "不是季度:{text}(应如 2026Q3)",
        "quarter {text} is outside {lo}–{hi}": "季度 {text} 不在 {lo}–{hi} 年之间",
        "Unknown kind “{kind}” (use startup, fixed or reward).": "未知拨付类型“{kind}”(应为启动、固定或奖励)。",  # noqa: E501
        "Must be more than zero.": "须大于零。",
        "its bytes do not match SHA-256 {sha}": "内容与 SHA-256 {sha} 不一致",
        "{size} bytes recorded, the file has {real}": "记录为 {size} 字节,文件实为 {real} 字节",
        "must be text ({value})": "须为文本({value})",
    }
)

#: Columns written by the program itself, never typed (JSON, hashes of archives, bytes).
MACHINE_COLUMNS: frozenset[str] = frozenset(
    {"id", "version", "is_sample", "figures", "reported", "changes", "sent", "pdf", "pdf_en"}
)
#: Tables written only by the program (the audit trail, settings JSON): no user value in them.
MACHINE_TABLES: frozenset[str] = frozenset({"audit_entry", "setting", "alembic_version"})
#: Tables whose codes are matched case-insensitively, so they are stored normalised.
CODE_TABLES: frozenset[str] = frozenset({"milestone", "indicator"})


@dataclass(frozen=True)
class Problem:
    """One broken rule: the column it is about and why (in the user's language)."""

    field: str
    reason: str


@dataclass(frozen=True)
class Schema:
    """What the database says of a table's columns: String(n) lengths, decimal places."""

    lengths: Mapping[str, int] = field(default_factory=dict)
    places: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What a row's rules depend on beyond the row: its project's plan, its indicator."""

    plan: FundingPlanSpec | None = None
    indicator: Mapping[str, Any] | None = None


# ------------------------------------------------------------------ field rules


def _quarter_problem(value: str) -> str | None:
    try:
        quarter = Quarter.parse(value)
    except ValueError:
        return t("not a quarter: {text} (expected e.g. 2026Q3)", text=repr(value))
    if not MIN_YEAR <= quarter.year <= MAX_YEAR:
        return t("quarter {text} is outside {lo}–{hi}", text=value, lo=MIN_YEAR, hi=MAX_YEAR)
    return None


def quarter_problem(value: str) -> str | None:
    """Why `value` is not a quarter of 2000–2100 (`0000Q1`, `2026Q5`), or None."""
    return _quarter_problem(value)


def field_problem(column: str, value: Any, schema: Schema | None = None) -> str | None:
    """Why `value` cannot be stored in `column` (None: it can)."""
    schema = schema or Schema()
    if value is None or column in MACHINE_COLUMNS or isinstance(value, bool | bytes):
        return None
    if isinstance(value, str):
        if column == "quarter":
            return _quarter_problem(value)
        return limits.text_problem(value, column, schema.lengths.get(column))
    if isinstance(value, int):
        if column.endswith("_fen"):
            return limits.range_problem(value, 0, limits.MAX_FEN)
        if column in limits.INT_RANGES:
            return limits.int_problem(value, column)
        if column in limits.DECIMAL_RANGES:
            return limits.range_problem(Decimal(value), *limits.DECIMAL_RANGES[column])
        return None
    if isinstance(value, Decimal):
        return limits.decimal_problem(value, column, schema.places.get(column, limits.WAN_PLACES))
    if isinstance(value, datetime):
        return None  # stamps the program writes (added_at, closed_at)
    if isinstance(value, date) and not MIN_YEAR <= value.year <= MAX_YEAR:
        return t("Date must be between {lo} and {hi}.", lo=MIN_YEAR, hi=MAX_YEAR)
    return None


# ------------------------------------------------------------------ row rules


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return value if isinstance(value, str) else ""


def _milestone(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    edit = MilestoneEdit(
        title=_text(row, "title"),
        planned_end=row.get("planned_end"),
        planned_start=row.get("planned_start"),
        actual_start=row.get("actual_start"),
        actual_end=row.get("actual_end"),
        percent_complete=int(row.get("percent_complete") or 0),
        status=_text(row, "status") or "not_started",
        cancel_reason=_text(row, "cancel_reason"),
        deliverable=_text(row, "deliverable"),
        owner=_text(row, "owner"),
        notes=_text(row, "notes"),
    )
    return validate_milestone(edit, today=today())


def _project(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    return validate_project_fields(
        name_zh=_text(row, "name_zh"),
        status=_text(row, "status") or "active",
        start_date=row.get("start_date"),
        end_date=row.get("end_date"),
        other_names=set(),  # unique names: the database's own constraint
    )


#: Plan-level names of `FundingPlanSpec.validate` → the stored column.
_PLAN_COLUMN = {
    "first_amount": "first_amount_fen",
    "step": "step_fen",
    "floor": "floor_fen",
    "mode": "taper_mode",
    "startup_grant": "startup_grant_fen",
}
#: Rules about a plan's year rows and tranches: asked where those rows are written.
_PLAN_SET_RULES = frozenset({"manual", "tranches", "reward_caps", "startup_year"})


def _wan(row: Mapping[str, Any], key: str) -> Decimal | None:
    value = row.get(key)
    return fen_to_wan(value) if isinstance(value, int) else None


def _funding_plan(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    if not isinstance(row.get("first_year"), int) or not isinstance(row.get("years"), int):
        return {}
    spec = FundingPlanSpec(
        first_year=row["first_year"],
        years=row["years"],
        mode=_text(row, "taper_mode") or "linear",
        first_amount=_wan(row, "first_amount_fen") or Decimal(0),
        step=_wan(row, "step_fen"),
        rate=row.get("rate"),
        floor=_wan(row, "floor_fen") or Decimal(0),
        startup_grant=_wan(row, "startup_grant_fen") or Decimal(0),
        startup_year=row.get("startup_year"),
    )
    errors = spec.validate()
    return {_PLAN_COLUMN.get(k, k): v for k, v in errors.items() if k not in _PLAN_SET_RULES}


def _disbursement(row: Mapping[str, Any], ctx: Context) -> dict[str, str]:
    errors: dict[str, str] = {}
    kind = _text(row, "kind")
    if kind not in DISBURSEMENT_KINDS:
        errors["kind"] = t("Unknown kind “{kind}” (use startup, fixed or reward).", kind=kind)
        return errors
    amount = row.get("amount_fen")
    if isinstance(amount, int) and amount <= 0:
        errors["amount_fen"] = t("Must be more than zero.")
    paid_on, for_year, plan = row.get("paid_on"), row.get("for_year"), ctx.plan
    if plan is None:
        return errors  # no plan yet: the payment dialog says so; nothing to hold it to here
    if isinstance(paid_on, date) and (why := check_year_in_plan(plan, paid_on.year, kind)):
        errors["paid_on"] = why
    if isinstance(for_year, int) and (why := check_for_year(plan, for_year, kind)):
        errors["for_year"] = why
    return errors


def _scoring(key: str, check: Callable[[], None]) -> dict[str, str]:
    try:
        check()
    except ScoringError as exc:
        return {key: str(exc)}
    return {}


def _indicator(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    direction = _text(row, "direction") or "higher"
    errors = _scoring("target", lambda: check_target(row.get("target"), direction))
    weight = row.get("weight")
    if isinstance(weight, Decimal):
        errors.update(_scoring("weight", lambda: check_weight(weight)))
    return errors


def _indicator_actual(row: Mapping[str, Any], ctx: Context) -> dict[str, str]:
    value, ind = row.get("ytd_value"), ctx.indicator
    if not isinstance(value, Decimal) or ind is None:
        return {}
    return _scoring(
        "ytd_value",
        lambda: check_actual(
            value,
            weight=ind["weight"],
            direction=ind["direction"],
            allow_negative=bool(ind.get("allow_negative")),
        ),
    )


def _evaluation(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    return _scoring(
        "grade",
        lambda: check_grade(
            _text(row, "grade"), _text(row, "computed_grade"), _text(row, "override_reason")
        ),
    )


def _plan_period(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    from desktop_app.domain.district import check_period_years

    start, end = row.get("start_year"), row.get("end_year")
    if not isinstance(start, int) or not isinstance(end, int):
        return {}
    why = check_period_years(start, end, {})
    return {"end_year": why} if why else {}


def _evidence_blob(row: Mapping[str, Any], _ctx: Context) -> dict[str, str]:
    data, sha = row.get("data"), _text(row, "sha256")
    if not isinstance(data, bytes | bytearray | memoryview):
        return {}
    data = bytes(data)
    if hashlib.sha256(data).hexdigest() != sha:
        return {"data": t("its bytes do not match SHA-256 {sha}", sha=sha)}
    size = row.get("size_bytes")
    if size is not None and size != len(data):
        reason = t("{size} bytes recorded, the file has {real}", size=size, real=len(data))
        return {"size_bytes": reason}
    return {}


RowRule = Callable[[Mapping[str, Any], Context], dict[str, str]]

#: table → its row rule (column → reason). A table without one has field rules only.
_ROW_RULES: dict[str, RowRule] = {
    "milestone": _milestone,
    "project": _project,
    "funding_plan": _funding_plan,
    "disbursement": _disbursement,
    "indicator": _indicator,
    "indicator_actual": _indicator_actual,
    "evaluation": _evaluation,
    "plan_period": _plan_period,
    "evidence_blob": _evidence_blob,
}


def needs_plan(table: str) -> bool:
    return table == "disbursement"


def needs_indicator(table: str) -> bool:
    return table == "indicator_actual"


def normalised(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Values to store instead of the ones given (`m01`, `Ｍ０１` → `M01`); empty if none."""
    code = row.get("code")
    if table in CODE_TABLES and isinstance(code, str) and limits.normalise_code(code) != code:
        return {"code": limits.normalise_code(code)}
    return {}


def problems(
    table: str,
    row: Mapping[str, Any],
    *,
    schema: Schema | None = None,
    context: Context | None = None,
) -> list[Problem]:
    """Every field and row rule `row` (as it will be stored in `table`) breaks.

    A field with a field problem is not asked its row rule too (one reason per field).
    """
    if table in MACHINE_TABLES:
        return []
    found: dict[str, str] = {}
    for column, value in row.items():
        if table == "evidence_blob" and column in ("data", "sha256"):
            continue  # bytes and their key: the row rule checks them together
        reason = field_problem(column, value, schema)
        if reason is not None:
            found[column] = reason
    rule = _ROW_RULES.get(table)
    if rule is not None:
        for column, reason in rule(row, context or Context()).items():
            found.setdefault(column, reason)
    return [Problem(k, v) for k, v in found.items()]


#: How a record is named in a refusal: table → (template, keys in the row).
_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "project": ("project {no}", ("no",)),
    "milestone": ("milestone {code}", ("code",)),
    "disbursement": ("the payment of {date}", ("paid_on",)),
    "indicator": ("indicator {code} ({year})", ("code", "year")),
    "indicator_actual": ("the Q{quarter} actual", ("quarter",)),
    "evaluation": ("the evaluation of {year}", ("year",)),
    "evidence_link": ("evidence file {name}", ("file_name",)),
    "evidence_blob": ("evidence file {sha}", ("sha256",)),
    "quarter_close": ("quarter {quarter}", ("quarter",)),
    "quarterly_return": ("the return for {quarter}", ("quarter",)),
    "return_sent": ("the returns workbook for {quarter}", ("quarter",)),
    "district_value": ("district value {year}", ("year",)),
    "plan_period": ("plan period {code}", ("code",)),
    "funding_plan": ("the funding plan", ()),
}

register(
    {
        "project {no}": "项目 {no}",
        "milestone {code}": "里程碑 {code}",
        "the payment of {date}": "{date} 的拨付记录",
        "indicator {code} ({year})": "指标 {code}({year} 年)",
        "the Q{quarter} actual": "第 {quarter} 季度实际值",
        "the evaluation of {year}": "{year} 年绩效评价",
        "evidence file {name}": "佐证文件 {name}",
        "evidence file {sha}": "佐证文件 {sha}",
        "quarter {quarter}": "季度 {quarter}",
        "the return for {quarter}": "{quarter} 季度报表",
        "the returns workbook for {quarter}": "{quarter} 季度填报表",
        "district value {year}": "区级指标 {year} 年数值",
        "plan period {code}": "规划期 {code}",
        "the funding plan": "经费计划",
        "{record}, {field}: {reason}": "{record},{field}:{reason}",
    }
)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: A name in a one-line refusal is cut to this many characters.
SHOWN_MAX = 80


def _shown(value: Any) -> str:
    """A value safe to put in a one-line message: controls escaped (an ESC in a file name
    must not reach a terminal), at most `SHOWN_MAX` characters."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def record_name(table: str, row: Mapping[str, Any]) -> str:
    """The record as a user knows it (`milestone M01`, `the payment of 2040-03-01`)."""
    template, keys = _NAMES.get(table, ("", ()))
    if not template or any(row.get(k) is None for k in keys):
        return f"{table} {row.get('id') or ''}".strip()
    values = {k: _shown(row[k]) for k in keys}
    if "paid_on" in values:
        values["date"] = values.pop("paid_on")
    if "file_name" in values:
        values["name"] = values.pop("file_name")
    if "sha256" in values:
        values["sha"] = str(values.pop("sha256"))[:12]
    return t(template, **values)


def message(table: str, row: Mapping[str, Any], problem: Problem) -> str:
    """One line naming the record, the field and why."""
    return t(
        "{record}, {field}: {reason}",
        record=record_name(table, row),
        field=problem.field,
        reason=problem.reason,
    )
