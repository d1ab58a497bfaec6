"""Paragraph styles, colours and page geometry of the brief (reportlab imported by caller)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.reports.fonts import register_fonts

# Restrained, print-friendly palette: navy headings, one red rule, muted status colours.
NAVY = "#1F3A5F"
RULE_RED = "#B22222"
GREY_TEXT = "#555555"
GRID = "#B8C2CC"
HEAD_BG = "#E4EAF1"
ZEBRA = "#F6F8FA"
HEALTH_COLOURS = {"red": "#C0392B", "amber": "#D68910", "green": "#2E8B57", "none": "#8C959F"}

# A4 in points with 18 mm side margins: frame width ≈ 493 pt.
MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898
MARGIN_X = 18 * MM
MARGIN_TOP = 22 * MM
MARGIN_BOTTOM = 18 * MM
FRAME_W = PAGE_W - 2 * MARGIN_X
BODY_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM


def text(value: object) -> str:
    """Database text made safe for Paragraph markup: `<b>R&D</b>` prints as typed.
    (xml.sax.saxutils.escape, written out: importing it loads urllib and http.client.)"""
    raw = "" if value is None else str(value)
    escaped = raw.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    return escaped.replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    font: str
    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    h3: Any
    body: Any
    small: Any
    cell: Any
    cell_right: Any
    cell_center: Any
    head: Any
    cover_key: Any
    cover_value: Any


def make_styles(lang: str) -> Styles:
    """CJK wrapping for Chinese (break between any two characters); word wrap for English
    (long unbroken runs such as a Chinese name in an English brief are still split)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    font = register_fonts()
    wrap = "CJK" if lang == "zh" else None
    base = ParagraphStyle(
        "base",
        fontName=font,
        fontSize=9.5,
        leading=14,
        wordWrap=wrap,
        splitLongWords=1,
        textColor=HexColor("#222222"),
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        # Colour objects, not "#hex" strings: reportlab re-parses a string on every draw.
        if isinstance(kw.get("textColor"), str):
            kw["textColor"] = HexColor(kw["textColor"])
        return ParagraphStyle(name, parent=base, **kw)

    def heading(name: str, size: float, leading: float, before: float, after: float) -> Any:
        """Navy, and kept with what follows so no heading ends a page alone."""
        return style(
            name,
            fontSize=size,
            leading=leading,
            spaceBefore=before,
            spaceAfter=after,
            textColor=NAVY,
            keepWithNext=1,
        )

    return Styles(
        font=font,
        title=style("title", fontSize=26, leading=36, alignment=TA_CENTER, textColor=RULE_RED),
        subtitle=style("subtitle", fontSize=16, leading=24, alignment=TA_CENTER, textColor=NAVY),
        h1=heading("h1", 15, 22, 2, 8),
        h2=heading("h2", 12.5, 18, 4, 4),
        h3=heading("h3", 10.5, 15, 6, 2),
        body=style("body", alignment=TA_LEFT),
        small=style("small", fontSize=8, leading=11, textColor=GREY_TEXT),
        cell=style("cell", fontSize=8, leading=10.5),
        cell_right=style("cell_right", fontSize=8, leading=10.5, alignment=TA_RIGHT),
        cell_center=style("cell_center", fontSize=8, leading=10.5, alignment=TA_CENTER),
        head=style("head", fontSize=8, leading=10.5, alignment=TA_CENTER, textColor=NAVY),
        cover_key=style(
            "cover_key", fontSize=11, leading=16, textColor=GREY_TEXT, alignment=TA_RIGHT
        ),
        cover_value=style("cover_value", fontSize=11, leading=16),
    )
