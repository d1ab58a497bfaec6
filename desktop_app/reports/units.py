"""Units as an English reader needs them: every Chinese unit the data uses, translated.

Indicator units are typed by officers in Chinese (件, 人, 万元…); the Chinese brief prints
them as typed, the English one through `unit_label`. A unit not listed is printed as typed.
"""

from __future__ import annotations

from desktop_app.i18n import language

UNITS_EN = {
    "万元": "10k yuan",
    "亿元": "100M yuan",
    "元": "yuan",
    "件": "items",
    "项": "items",
    "个": "units",
    "家": "firms",
    "人": "persons",
    "万人": "10k persons",
    "人次": "person-times",
    "吨标煤": "t coal eq.",
    "吨": "t",
    "天": "days",
    "次": "times",
    "篇": "papers",
    "台": "sets",
    "套": "sets",
    "条": "items",
    "平方米": "m²",
    "户": "households",
    "所": "institutions",
}


def unit_label(unit: str | None) -> str:
    """`unit` in the current language: 件 → items in English, as typed in Chinese."""
    if not unit:
        return ""
    if language() != "en":
        return unit
    return UNITS_EN.get(unit.strip(), unit)


__all__ = ["UNITS_EN", "unit_label"]
