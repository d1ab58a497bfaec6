"""Registering the bundled CJK font so Chinese renders on PCs without one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.resources import cjk_font_path

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


def apply_app_font(app: QApplication) -> None:
    family = register_cjk_font()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 9.5))
        app.setFont(font)
