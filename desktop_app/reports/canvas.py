"""Page furniture shared by every PDF the app writes: title and date in the header, a rule
above and below, "page x of y" in the footer, and the sample-data marks."""

from __future__ import annotations

from typing import Any

from desktop_app.i18n import register, t, using_language
from desktop_app.reports.styles import (
    GREY_TEXT,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NAVY,
    PAGE_H,
    PAGE_W,
    RULE_RED,
)

register({"Page {x} of {y}": "第 {x} 页 / 共 {y} 页"})


def numbered_canvas(
    title: str,
    right: str,
    font: str,
    lang: str,
    *,
    header_mark: str = "",
    banner: str = "",
    footer_mark: str = "",
) -> type:
    """A reportlab Canvas class that holds pages until the count is known, then draws the
    furniture: `header_mark` centred in the header, `banner` under it, `footer_mark` at
    the footer's left (each only when given, already in the document's language)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.saveState()
            top = PAGE_H - MARGIN_TOP + 14
            self.setFont(font, 8)
            self.setFillColor(NAVY)
            self.drawString(MARGIN_X, top + 4, title)
            self.setFillColor(GREY_TEXT)
            self.drawRightString(PAGE_W - MARGIN_X, top + 4, right)
            if header_mark:
                self.setFillColor(RULE_RED)
                self.drawCentredString(PAGE_W / 2, top + 4, header_mark)
            if banner:
                self.setFillColor(RULE_RED)
                self.setFont(font, 7.5)
                self.drawCentredString(PAGE_W / 2, top - 9, banner)
                self.setFont(font, 8)
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, top, PAGE_W - MARGIN_X, top)
            bottom = MARGIN_BOTTOM - 16
            self.line(MARGIN_X, bottom + 10, PAGE_W - MARGIN_X, bottom + 10)
            with using_language(lang):
                footer = t("Page {x} of {y}", x=number, y=total)
            self.setFillColor(GREY_TEXT)
            self.drawCentredString(PAGE_W / 2, bottom, footer)
            if footer_mark:
                self.setFillColor(RULE_RED)
                self.drawString(MARGIN_X, bottom, footer_mark)
            self.restoreState()

    return NumberedCanvas
