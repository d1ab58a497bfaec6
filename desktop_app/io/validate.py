"""Cells as officers type them → canonical values, with a reason for each refusal.

Headers are matched in either language, with the unit in brackets deciding amounts
(`金额（元）` is yuan, `金额（万元）` or no unit is 万元). Values: Excel dates or
`2026-03-31` / `2026/3/31` / `2026年3月31日`; `1,234.5` and full-width digits; `45` or
`45%`; statuses, kinds and grades by code, Chinese or English name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop_app.domain import limits
from desktop_app.domain.parsing import (
    MAX_YEAR,
    MIN_YEAR,
    ParseError,
    check_year_range,
    normalise,
    parse_date,
    parse_decimal,
    parse_percent,
)
from desktop_app.i18n import register, t
from desktop_app.io import sheets as S

register(
    {
        "{sheet}, row {row}, {column}: {reason}": "{sheet},第 {row} 行,{column}:{reason}",
        "{sheet}: {reason}": "{sheet}:{reason}",
        "missing column (expected “{header}”)": "缺少列(应为“{header}”)",
        "column appears twice": "列重复",
        "required": "必填",
        "not a whole number: {value}": "不是整数:{value}",
        "unknown value “{value}”; use one of: {allowed}": "未知值“{value}”;可选:{allowed}",
        "not yes/no: {value}": "不是“是/否”:{value}",
        "unknown zone “{value}”": "未知片区“{value}”",
        "unknown unit “{unit}”; use 元 or 万元": "未知单位“{unit}”;请用 元 或 万元",
        "not a number: {value}": "不是数字:{value}",
        "not a date: {value}": "不是日期:{value}",
        "not a date between {lo} and {hi}: {value} (use 2026-03-31)": "不是 {lo}–{hi} 年间的日期:{value}(请写成 2026-03-31)",  # noqa: E501
    }
)

EXCEL_EPOCH = date(1899, 12, 30)
_HEADER = re.compile(r"^(.*?)\s*\(\s*([^()]*?)\s*\)$")
_YES = {"是", "y", "yes", "true", "1", "√", "✓"}
_NO = {"否", "n", "no", "false", "0", "×", "✗", ""}


class CellError(ValueError):
    """A refused cell value; the message is the reason in the user's language."""


def _blank(value: Any) -> bool:
    return value is None or (type(value) is str and not value.strip())


def _text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def text_cell(field: str, value: Any) -> str:
    """A text value in the one form it is stored and compared in: trimmed, and a code
    (milestone, indicator) normalised (`m01` → `M01`).

    The sheet reader, the export's hidden copy (io/provenance.py) and the database's rows
    (io/store.py) all pass through here, so a cell nobody touched reads the same on every
    side and is never a change or a conflict (a note "待补充验收材料 " with a trailing space
    was stripped by the reader but not in the copy). `_parse_column`'s fast path for a
    plain `str` of a non-code field is this function inlined (`value.strip()`)."""
    text = _text(value)
    return limits.normalise_code(text) if field in limits.CODE_FIELDS else text


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError(t("not a number: {value}", value=value))
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return parse_decimal(value)
        except ParseError as exc:
            raise CellError(t("not a number: {value}", value=value)) from exc
    raise CellError(t("not a number: {value}", value=_text(value)))


def _int(value: Any) -> int:
    number = _decimal(value)
    if number != number.to_integral_value():
        raise CellError(t("not a whole number: {value}", value=_text(value)))
    return int(number)


def _date(value: Any) -> date:
    try:
        if isinstance(value, datetime):
            return check_year_range(value.date())
        if isinstance(value, date):
            return check_year_range(value)
        if isinstance(value, float | int) and not isinstance(value, bool):
            if not 1 <= value < 2958466:
                raise CellError(t("not a date: {value}", value=_text(value)))
            return check_year_range(EXCEL_EPOCH + timedelta(days=int(value)))
        if isinstance(value, str):
            return parse_date(value)
    except ParseError as exc:
        raise CellError(
            t(
                "not a date between {lo} and {hi}: {value} (use 2026-03-31)",
                lo=MIN_YEAR,
                hi=MAX_YEAR,
                value=_text(value),
            )
        ) from exc
    raise CellError(t("not a date: {value}", value=_text(value)))


def _places(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _amount_parser(yuan: bool) -> Callable[[Any], int]:
    """Exact fen; finer than a fen or past 100 亿元 is refused, never rounded."""

    def parse(value: Any) -> int:
        if isinstance(value, str):
            raw = normalise(value).replace(" ", "")
            for unit in ("万元", "元"):
                if raw.endswith(unit):
                    raw = raw[: -len(unit)]
                    break
            value = raw
        try:
            return limits.money_fen(_decimal(value), yuan=yuan)
        except limits.LimitError as exc:
            raise CellError(str(exc)) from exc

    return parse


def _exact(number: Decimal, field: str, places: int) -> Decimal:
    """`number` with the column's places, refused when that would drop a digit."""
    reason = limits.decimal_problem(number, field, places)
    if reason is not None:
        raise CellError(reason)
    return number.quantize(_places(places))


def _percent_parser(field: str, places: int) -> Callable[[Any], Decimal]:
    def parse(value: Any) -> Decimal:
        if isinstance(value, str):
            try:
                number = parse_percent(value)
            except ParseError as exc:
                raise CellError(t("not a number: {value}", value=value)) from exc
        else:
            number = _decimal(value)
        return _exact(number, field, places)

    return parse


def _decimal_parser(field: str, places: int) -> Callable[[Any], Decimal]:
    return lambda value: _exact(_decimal(value), field, places)


def _int_parser(field: str) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        number = _int(value)
        reason = limits.int_problem(number, field)
        if reason is not None:
            raise CellError(reason)
        return number

    return parse


def _text_parser(field: str) -> Callable[[Any], str]:
    """Length and control characters checked; codes normalised (NFKC, upper case)."""

    def parse(value: Any) -> str:
        text = text_cell(field, value)
        reason = limits.text_problem(text, field)
        if reason is not None:
            raise CellError(reason)
        return text

    return parse


def _enum_parser(col: S.Column) -> Callable[[Any], str]:
    names: dict[str, str] = {}
    for code, zh, en in col.choices:
        for spelling in (code, zh, en):
            names[normalise(spelling).casefold()] = code
    allowed = "、".join(zh for _c, zh, _e in col.choices)

    def parse(value: Any) -> str:
        text = normalise(_text(value)).casefold()
        code = names.get(text)
        if code is None:
            raise CellError(
                t(
                    "unknown value “{value}”; use one of: {allowed}",
                    value=_text(value),
                    allowed=allowed,
                )
            )
        return code

    return parse


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = normalise(_text(value)).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(t("not yes/no: {value}", value=_text(value)))


def _ref_parser(zones: dict[str, str]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        code = zones.get(text.casefold())
        if code is None:
            raise CellError(t("unknown zone “{value}”", value=text))
        return code

    return parse


def _default(col: S.Column) -> Any:
    if col.kind == S.TEXT:
        return ""
    if col.kind == S.BOOL:
        return False
    if col.field in ("startup_grant", "first_amount", "floor", "reward_cap"):
        return 0
    if col.field in ("percent_complete",):
        return Decimal(0)
    if col.field == "sort_order":
        return 0
    return None


def cell_parser(col: S.Column, unit: str, zones: dict[str, str]) -> Callable[[Any], Any]:
    """A function from a raw cell to its canonical value (raises `CellError`)."""
    kind = col.kind
    if kind == S.TEXT:
        return _text_parser(col.field)
    if kind == S.INT:
        return _int_parser(col.field)
    if kind == S.DATE:
        return _date
    if kind == S.AMOUNT:
        return _amount_parser(unit in S.UNIT_YUAN or unit.casefold() in ("yuan", "rmb"))
    if kind == S.PERCENT:
        return _percent_parser(col.field, col.places)
    if kind == S.DECIMAL:
        return _decimal_parser(col.field, col.places)
    if kind == S.ENUM:
        return _enum_parser(col)
    if kind == S.BOOL:
        return _bool
    return _ref_parser(zones)


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None  # Excel row number; None for the whole sheet
    column: str
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return t(
                "{sheet}: {reason}",
                sheet=self.sheet,
                reason=f"{self.column}: {self.reason}" if self.column else self.reason,
            )
        return t(
            "{sheet}, row {row}, {column}: {reason}",
            sheet=self.sheet,
            row=self.row,
            column=self.column,
            reason=self.reason,
        )


def _split_header(raw: Any) -> tuple[str, str]:
    text = normalise(_text(raw)) if not _blank(raw) else ""
    match = _HEADER.match(text)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return text, ""


@dataclass(frozen=True)
class Mapped:
    index: int
    column: S.Column
    unit: str
    header: str


def map_headers(
    sheet: S.Sheet, title: str, header_row: list[Any], problems: list[Problem], lang: str
) -> list[Mapped]:
    """Which cell index holds which column; missing and doubled columns become problems."""
    by_name: dict[str, S.Column] = {}
    for column in sheet.import_columns:
        for spelling in (column.zh, column.en, column.field):
            by_name[spelling.casefold()] = column
    found: dict[str, Mapped] = {}
    for i, raw in enumerate(header_row):
        whole = normalise(_text(raw)).casefold() if not _blank(raw) else ""
        name, unit = _split_header(raw)
        col = by_name.get(whole)
        if col is not None:
            unit = ""
        else:
            col = by_name.get(name.casefold())
        if col is None:
            continue
        if col.field in found:
            problems.append(Problem(title, 1, _text(raw), t("column appears twice")))
            continue
        if (
            col.kind == S.AMOUNT
            and unit
            and unit not in S.UNIT_WAN + S.UNIT_YUAN
            and unit.casefold() not in ("yuan", "rmb")
        ):
            problems.append(
                Problem(title, 1, _text(raw), t("unknown unit “{unit}”; use 元 or 万元", unit=unit))
            )
        found[col.field] = Mapped(i, col, unit, _text(raw))
    for col in sheet.import_columns:
        if col.field not in found and not col.may_be_absent:
            problems.append(
                Problem(
                    title,
                    None,
                    col.header(lang),
                    t("missing column (expected “{header}”)", header=col.header(lang)),
                )
            )
    return list(found.values())


@dataclass
class ParsedSheet:
    sheet: S.Sheet
    title: str
    rows: list[dict[str, Any]]
    row_numbers: list[int]
    headers: dict[str, str]  # field → header as written in the file


def _parse_column(
    m: Mapped,
    parse: Callable[[Any], Any],
    body: list[tuple[int, list[Any]]],
    rows: list[dict[str, Any]],
    title: str,
    problems: list[Problem],
) -> None:
    """One column of every row; the common cell types take a fast path (50,000-row sheets)."""
    col, i, field = m.column, m.index, m.column.field
    default, kind, required = _default(col), col.kind, col.required
    exact = {s: code for code, zh, en in col.choices for s in (code, zh, en)}
    # Plain text without a control character, within the length, not a code: as it is.
    plain = kind == S.TEXT and field not in limits.CODE_FIELDS
    longest = limits.text_max(field)
    lo, hi = limits.INT_RANGES.get(field, (-(2**63), 2**63 - 1))
    for (n, raw), out in zip(body, rows, strict=True):
        value = raw[i]
        vt = type(value)
        if vt is str:
            text = value.strip()
            if not text:
                value = None
            elif plain and len(text) <= longest and text.isprintable():
                out[field] = text
                continue
            elif text in exact:
                out[field] = exact[text]
                continue
        elif vt is float and kind == S.INT and value.is_integer() and lo <= value <= hi:
            out[field] = int(value)
            continue
        elif vt is date and kind == S.DATE and MIN_YEAR <= value.year <= MAX_YEAR:
            out[field] = value
            continue
        if value is None:
            if required:
                problems.append(Problem(title, n, m.header, t("required")))
            out[field] = default
            continue
        try:
            out[field] = parse(value)
        except CellError as exc:
            problems.append(Problem(title, n, m.header, str(exc)))
            out[field] = default


def parse_sheet(
    sheet: S.Sheet,
    title: str,
    cells: list[list[Any]],
    zones: dict[str, str],
    problems: list[Problem],
    lang: str,
) -> ParsedSheet:
    """Typed rows of one sheet; each refused cell adds a `Problem` naming its place."""
    if not cells:
        cells = [[]]
    mapped = map_headers(sheet, title, cells[0], problems, lang)
    headers = {m.column.field: m.header for m in mapped}
    indices = [m.index for m in mapped]
    width = max(indices, default=-1) + 1
    body: list[tuple[int, list[Any]]] = []
    first = indices[0] if indices else None
    for n, raw in enumerate(cells[1:], start=2):
        row = list(raw) + [""] * (width - len(raw)) if len(raw) < width else raw
        if first is not None:  # nearly every row has its first column: no scan of the rest
            value = row[first]
            if value is not None and (type(value) is not str or value.strip()):
                body.append((n, row))
                continue
        if all(_blank(row[i]) for i in indices):
            continue
        body.append((n, row))
    rows: list[dict[str, Any]] = [{} for _ in body]
    for m in mapped:
        _parse_column(m, cell_parser(m.column, m.unit, zones), body, rows, title, problems)
    for col in sheet.import_columns:
        if col.may_be_absent and col.field not in headers:
            for out in rows:
                out[col.field] = _default(col)
    return ParsedSheet(sheet, title, rows, [n for n, _r in body], headers)
