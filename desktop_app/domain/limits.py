"""Every limit on what a user may type, in one place: forms, imports and services ask here.

Why limits at all: a 1,000,000-character note made the next brief take nine minutes and
an export cell that Excel cannot hold; NUL and ESC were stored and echoed to terminals;
`1e13` 万元 overflowed; 100.1234567 万元 was silently rounded to the fen. So:

- text: at most the column's length and never more than Excel's 32,767 characters a
  cell; no control characters, except tab and line breaks in multi-line notes;
- codes (milestone, indicator): NFKC and upper case before matching, so `Ｍ０１`, `m01`
  and `M01` are one code;
- numbers: a range per field (money 0 … 100 亿元, project no. ≥ 1, years 2000–2100,
  weights and percentages 0–100), and never more decimal places than the value keeps:
  more is refused with the reason, never rounded.

Reasons are in the user's language; callers add the place (field, or sheet/row/column).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from desktop_app.domain.money import FEN_PER_WAN, FEN_PER_YUAN
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.i18n import register, t

register(
    {
        "at most {n} characters (this one has {m})": "最多 {n} 个字符(此处有 {m} 个)",
        "contains a control character ({code}); only notes may hold tabs and line breaks": "含有控制字符({code});只有备注可以包含制表符和换行",  # noqa: E501
        "contains a control character ({code})": "含有控制字符({code})",
        "more than {n} decimal places ({value}); values are never rounded, type at most {n}": "小数超过 {n} 位({value});数值不会被自动舍入,请最多保留 {n} 位",  # noqa: E501
        "a whole number is needed ({value})": "须为整数({value})",
        "must be between {lo} and {hi} ({value})": "须在 {lo} 至 {hi} 之间({value})",
        "must not be negative ({value})": "不能为负数({value})",
        "more than {limit} ({value})": "超过 {limit}({value})",
        "1,000,000 万元 (100 亿元)": "1,000,000 万元(100 亿元)",
    }
)

#: Excel's limit for one cell; no text field holds more.
MAX_TEXT = 32_767
#: The largest amount anywhere: 100 亿元 = 1,000,000 万元 = 10^12 fen.
MAX_WAN = Decimal(1_000_000)
MAX_FEN = int(MAX_WAN) * FEN_PER_WAN
#: Fen is the smallest unit: six places in 万元, two in 元.
WAN_PLACES = 6
YUAN_PLACES = 2
#: Project numbers are small positive integers (the plan has 13).
MIN_PROJECT_NO = 1
MAX_PROJECT_NO = 99_999
#: Indicator targets, actuals and district values: stored scaled by 10^4 in 64 bits.
MAX_NUMBER = Decimal(10) ** 12
#: Fixed support runs 1–15 years (the database's own CHECK says the same).
MAX_PLAN_YEARS = 15
MAX_SORT_ORDER = 1_000_000

#: Text fields whose column is shorter than MAX_TEXT (the model's String(n)).
TEXT_MAX: dict[str, int] = {
    "name_zh": 200,
    "name_en": 300,
    "lead_org": 200,
    "code": 32,
    "title": 300,
    "owner": 100,
    "doc_no": 100,
    "unit": 32,
    "name": 300,
    "kind": 64,
}
#: Text fields that may hold tabs and line breaks (notes and other paragraphs).
MULTILINE: frozenset[str] = frozenset(
    {
        "notes",
        "note",
        "summary_zh",
        "deliverable",
        "cancel_reason",
        "override_reason",
        "reason",
        "reopen_reason",
        "narrative",
    }
)
#: Fields that hold a code matched case-insensitively (normalised before matching): a
#: milestone or indicator code, wherever a sheet names one.
CODE_FIELDS: frozenset[str] = frozenset({"code", "indicator_code", "milestone_code"})

#: Whole-number fields: (lowest, highest).
INT_RANGES: dict[str, tuple[int, int]] = {
    "no": (MIN_PROJECT_NO, MAX_PROJECT_NO),
    "project_no": (MIN_PROJECT_NO, MAX_PROJECT_NO),
    "indicator_no": (1, MAX_PROJECT_NO),
    "year": (MIN_YEAR, MAX_YEAR),
    "first_year": (MIN_YEAR, MAX_YEAR),
    "startup_year": (MIN_YEAR, MAX_YEAR),
    "for_year": (MIN_YEAR, MAX_YEAR),
    "base_year": (MIN_YEAR, MAX_YEAR),
    "start_year": (MIN_YEAR, MAX_YEAR),
    "end_year": (MIN_YEAR, MAX_YEAR),
    "years": (1, MAX_PLAN_YEARS),
    "quarter": (1, 4),
    "sort_order": (0, MAX_SORT_ORDER),
}
#: Decimal fields: (lowest, highest).
DECIMAL_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "weight": (Decimal(0), Decimal(100)),
    "total": (Decimal(0), Decimal(100)),
    "percent_complete": (Decimal(0), Decimal(100)),
    "rate": (Decimal(0), Decimal(100)),
    "target": (-MAX_NUMBER, MAX_NUMBER),
    "ytd_value": (-MAX_NUMBER, MAX_NUMBER),
    "value": (-MAX_NUMBER, MAX_NUMBER),
    "base_value": (-MAX_NUMBER, MAX_NUMBER),
    "target_value": (-MAX_NUMBER, MAX_NUMBER),
    "actual": (-MAX_NUMBER, MAX_NUMBER),
}

_CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


class LimitError(ValueError):
    """A value outside its limits; the message is the reason in the user's language."""


def text_max(field: str, column_length: int | None = None) -> int:
    """The most characters `field` holds: its own limit, its column's, Excel's cell."""
    limit = min(TEXT_MAX.get(field, MAX_TEXT), MAX_TEXT)
    return min(limit, column_length) if column_length else limit


def text_problem(value: str, field: str, column_length: int | None = None) -> str | None:
    """Why `value` cannot be stored in the text field `field` (None: it can).

    `column_length`: the database column's String(n), when the caller knows it (the write
    door reads it from the model, so `officer` String(100) is held to 100 characters).
    """
    limit = text_max(field, column_length)
    if len(value) > limit:
        return t("at most {n} characters (this one has {m})", n=limit, m=len(value))
    multiline = field in MULTILINE
    bad = (_CONTROL_MULTILINE if multiline else _CONTROL_ANY).search(value)
    if bad is not None:
        code = f"U+{ord(bad.group()):04X}"
        if multiline:
            return t("contains a control character ({code})", code=code)
        return t(
            "contains a control character ({code}); only notes may hold tabs and line breaks",
            code=code,
        )
    return None


def check_text(value: str, field: str) -> str:
    """`value` unchanged, or `LimitError` with the reason."""
    reason = text_problem(value, field)
    if reason is not None:
        raise LimitError(reason)
    return value


def normalise_code(value: str) -> str:
    """`Ｍ０１`, `m01`, ` M01 ` → `M01`: one code however it was typed."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def decimal_places(value: Decimal) -> int:
    """Places after the point that carry a digit (`1.50` has one)."""
    if not value.is_finite():
        return 0
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(-exponent, 0)


def _shown(value: Decimal) -> str:
    return f"{value.normalize():f}" if value.is_finite() else str(value)


def places_problem(value: Decimal, places: int) -> str | None:
    if decimal_places(value) > places:
        if places == 0:
            return t("a whole number is needed ({value})", value=_shown(value))
        return t(
            "more than {n} decimal places ({value}); values are never rounded, type at most {n}",
            n=places,
            value=_shown(value),
        )
    return None


def range_problem(value: Decimal | int, lo: Decimal | int, hi: Decimal | int) -> str | None:
    if not lo <= value <= hi:
        shown = _shown(value) if isinstance(value, Decimal) else str(value)
        return t("must be between {lo} and {hi} ({value})", lo=lo, hi=hi, value=shown)
    return None


def int_problem(value: int, field: str) -> str | None:
    """A whole number outside its field's range (project no. 0, year 1999, quarter 5)."""
    bounds = INT_RANGES.get(field)
    return range_problem(value, *bounds) if bounds else None


def decimal_problem(value: Decimal, field: str, places: int) -> str | None:
    """Too many places for the column, or outside the field's range."""
    if not value.is_finite():
        return t("must be between {lo} and {hi} ({value})", lo="-", hi="-", value=value)
    reason = places_problem(value, places)
    if reason is None and field in DECIMAL_RANGES:
        reason = range_problem(value, *DECIMAL_RANGES[field])
    return reason


def money_fen(amount: Decimal, *, yuan: bool = False) -> int:
    """An amount typed in 万元 (or 元) → exact fen; refused (never rounded) past the fen.

    Negative amounts and amounts over 100 亿元 are refused too: no figure of a district
    programme is either, and the database's 64-bit columns must never overflow.
    """
    if not amount.is_finite():
        raise LimitError(
            t("more than {limit} ({value})", limit=t("1,000,000 万元 (100 亿元)"), value=amount)
        )
    reason = places_problem(amount, YUAN_PLACES if yuan else WAN_PLACES)
    if reason is not None:
        raise LimitError(reason)
    if amount < 0:
        raise LimitError(t("must not be negative ({value})", value=_shown(amount)))
    fen = int(amount * (FEN_PER_YUAN if yuan else FEN_PER_WAN))
    if fen > MAX_FEN:
        raise LimitError(
            t(
                "more than {limit} ({value})",
                limit=t("1,000,000 万元 (100 亿元)"),
                value=_shown(amount),
            )
        )
    return fen
