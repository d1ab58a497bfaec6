"""How scores, grades and directions look on screen (one place for colours and labels)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop_app.domain.parsing import ParseError, parse_decimal
from desktop_app.domain.scoring import format_number

#: Background per grade: green, light green, amber, red — readable with black text.
GRADE_COLORS = {"A": "#a5d6a7", "B": "#dcedc8", "C": "#ffe082", "D": "#ef9a9a"}
#: Strong per-grade colours for marks on white (chart points, grade letters).
GRADE_MARKS = {"A": "#2e7d32", "B": "#7cb342", "C": "#f9a825", "D": "#c62828"}
ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"


def grade_color(grade: str | None) -> QColor | None:
    return QColor(GRADE_COLORS[grade]) if grade in GRADE_COLORS else None


def grade_label(grade: str | None) -> str:
    names = {
        "A": QCoreApplication.translate("Performance", "A (excellent)"),
        "B": QCoreApplication.translate("Performance", "B (good)"),
        "C": QCoreApplication.translate("Performance", "C (fair)"),
        "D": QCoreApplication.translate("Performance", "D (poor)"),
    }
    return names.get(grade or "", grade or "")


def direction_label(code: str) -> str:
    names = {
        "higher": QCoreApplication.translate("Performance", "Higher is better"),
        "lower": QCoreApplication.translate("Performance", "Lower is better"),
        "qualitative": QCoreApplication.translate("Performance", "Qualitative"),
    }
    return names.get(code, code)


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """A figure as typed: no trailing zeros (or fixed `places`); empty for None."""
    if value is None:
        return ""
    if places is not None:
        return f"{value:,.{places}f}"
    return format_number(value)


def parse_optional(text: str) -> Decimal | None:
    """Empty text is 'no value'; anything else must be a number (ParseError otherwise)."""
    if not text.strip():
        return None
    return parse_decimal(text)


__all__ = ["ParseError", "fmt", "grade_color", "grade_label", "direction_label", "parse_optional"]
