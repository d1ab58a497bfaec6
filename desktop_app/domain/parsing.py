"""Reading numbers and dates the way officers type them.

Thousands separators, full-width digits (１２３.５), `2026/3/31`, `2026年3月31日`:
all understood, anything else refused with a reason. Used by dialogs and imports alike.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from desktop_app.i18n import register, t

register(
    {
        "not a number: {text}": "不是数字:{text}",
        "date {day} is outside {lo}–{hi}": "日期 {day} 不在 {lo}–{hi} 年之间",
        "no such date: {text}": "没有这一天:{text}",
        "not a date: {text} (use 2026-03-31)": "不是日期:{text}(请按 2026-03-31 的格式填写)",
    }
)

MIN_YEAR = 2000
MAX_YEAR = 2100


class ParseError(ValueError):
    """A value that cannot be read; the message says why, in the user's terms."""


def normalise(text: str) -> str:
    """Full-width forms to ASCII (NFKC), trimmed; `，` and `．` become `,` and `.`."""
    return unicodedata.normalize("NFKC", text).strip()


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_decimal(text: str | int | Decimal) -> Decimal:
    """`1,234.5`, `１２３.５`, `  42 ` → Decimal. No floats ever pass through here."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    raw = normalise(str(text)).replace(" ", "")
    if not raw:
        raise ParseError("empty")
    if not _NUMBER.match(raw):
        raise ParseError(t("not a number: {text}", text=repr(text)))
    try:
        return Decimal(raw.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise ParseError(t("not a number: {text}", text=repr(text))) from exc


def parse_percent(text: str | int | Decimal) -> Decimal:
    """`45`, `45%`, `４５％` → Decimal('45')."""
    raw = normalise(str(text)).replace(" ", "")
    if raw.endswith("%"):
        raw = raw[:-1]
    return parse_decimal(raw)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


def check_year_range(value: date) -> date:
    """Dates before 2000 or after 2100 are typos in this domain."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ParseError(
            t("date {day} is outside {lo}–{hi}", day=value.isoformat(), lo=MIN_YEAR, hi=MAX_YEAR)
        )
    return value


def parse_date(text: str | date) -> date:
    """`2026-03-31`, `2026/3/31`, `2026.3.31`, `2026年3月31日` → date (2000–2100 only)."""
    if isinstance(text, date):
        return check_year_range(text)
    raw = normalise(str(text)).replace(" ", "")
    if "T" in raw or (len(raw) > 10 and raw[10:11] == " "):
        raw = raw[:10]
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return check_year_range(date(year, month, day))
            except ValueError as exc:
                if isinstance(exc, ParseError):
                    raise
                raise ParseError(t("no such date: {text}", text=repr(text))) from exc
    raise ParseError(t("not a date: {text} (use 2026-03-31)", text=repr(text)))
