"""The interface font: the system's own CJK UI font where it has one (Microsoft YaHei UI on
Windows, Noto Sans CJK SC on Linux), else the bundled WenQuanYi Micro Hei so Chinese renders
on PCs without one. PDFs always embed the bundled font (reports/fonts.py), never this one."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.resources import cjk_font_path

#: System CJK UI fonts, best first: the ones Windows and Linux desktops draw their own
#: Chinese with (hinted for the screen, with ClearType/subpixel tuning the bundled font lacks).
SYSTEM_CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
)

_family: list[str] = []


def register_cjk_font() -> str | None:
    """Load WenQuanYi Micro Hei once; returns its family name (None if the file is missing)."""
    if _family:
        return _family[0]
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    _family.append(families[0])
    return families[0]


def system_cjk_family(installed: Iterable[str] | None = None) -> str | None:
    """The first of SYSTEM_CJK_FAMILIES the system has for Simplified Chinese, or None.
    `installed`: the family names to choose from (default: the system's, from Qt)."""
    if installed is None:
        installed = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    have = set(installed)
    return next((name for name in SYSTEM_CJK_FAMILIES if name in have), None)


def ui_font_family() -> str | None:
    """The family the interface uses: the system's CJK UI font, else the bundled one."""
    return system_cjk_family() or register_cjk_font()


def apply_app_font(app: QApplication) -> None:
    family = ui_font_family()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 9.5))
        app.setFont(font)
