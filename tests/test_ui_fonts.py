"""The interface uses the system's CJK UI font where there is one (issue 27: the bundled
WenQuanYi was forced over Microsoft YaHei UI on Windows); the bundled one otherwise. The
brief keeps embedding the bundled font whatever the screen uses."""

from __future__ import annotations

from pathlib import Path

from desktop_app.ui import fonts


def test_the_system_font_is_preferred() -> None:
    windows = ["Arial", "SimSun", "Microsoft YaHei", "Microsoft YaHei UI"]
    assert fonts.system_cjk_family(windows) == "Microsoft YaHei UI"
    assert fonts.system_cjk_family(["DejaVu Sans", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert fonts.system_cjk_family(["DejaVu Sans", "SimSun"]) is None


def test_without_a_system_cjk_font_the_bundled_one_is_used(qapp, monkeypatch) -> None:
    monkeypatch.setattr(fonts, "system_cjk_family", lambda installed=None: None)
    assert fonts.ui_font_family() == fonts.register_cjk_font() == "WenQuanYi Micro Hei"
    saved = qapp.font()
    try:
        fonts.apply_app_font(qapp)
        assert qapp.font().family() == "WenQuanYi Micro Hei"
    finally:
        qapp.setFont(saved)


def test_with_one_the_system_font_is_used(qapp, monkeypatch) -> None:
    from PySide6.QtGui import QFontDatabase

    have = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    family = fonts.register_cjk_font()  # stands in for a system CJK font on this machine
    assert family in have
    monkeypatch.setattr(fonts, "SYSTEM_CJK_FAMILIES", ("Microsoft YaHei UI", family))
    assert fonts.ui_font_family() == family
    real = fonts.system_cjk_family()
    assert real is None or real in fonts.SYSTEM_CJK_FAMILIES


def test_the_brief_embeds_the_bundled_font_whatever_the_screen_uses(monkeypatch) -> None:
    from reportlab.pdfbase import pdfmetrics

    from desktop_app.reports import fonts as pdf_fonts
    from desktop_app.resources import cjk_font_path

    monkeypatch.setattr(fonts, "SYSTEM_CJK_FAMILIES", ("Microsoft YaHei UI",))
    name = pdf_fonts.register_fonts()
    face = pdfmetrics.getFont(name).face
    assert Path(face.filename).resolve() == cjk_font_path().resolve()
