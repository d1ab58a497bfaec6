"""A table cell drawn as the lines `reports.fit` already chose.

`fit.fitted` breaks a cell's text into lines itself (never inside a word, number or date),
so handing those lines to a Paragraph only made reportlab parse them as markup and break
them a second time: about a third of the brief's layout time. `FittedLines` measures and
draws them as they are, at the Paragraph's own positions (first baseline one font size
below the top, then one leading per line), so the page looks the same.

Imported only by the functions that lay out a report (reportlab stays out of start-up).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.platypus.flowables import Flowable


class FittedLines(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Plain text lines in one font, size, colour and alignment; never split."""

    def __init__(
        self, source: str, lines: tuple[str, ...], style: Any, size: float, leading: float
    ) -> None:
        super().__init__()
        self.source = source  # the text as typed, for the layout test's check of the breaks
        # as a Paragraph shows them: runs of white space collapse to one space
        self.lines = tuple(" ".join(line.split()) for line in lines)
        self.font = style.fontName
        self.size = size
        self.leading = leading
        self.color = style.textColor
        self.alignment = style.alignment

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFillColor(self.color)
        canv.setFont(self.font, self.size, self.leading)
        y = self.height - self.size
        for line in self.lines:
            if self.alignment == TA_RIGHT:
                canv.drawRightString(self.width, y, line)
            elif self.alignment == TA_CENTER:
                canv.drawCentredString(self.width / 2, y, line)
            else:
                canv.drawString(0, y, line)
            y -= self.leading

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return []  # a cell's lines stay together (tables never split a row)

    def getPlainText(self) -> str:  # reportlab's name, for text extraction
        return "\n".join(self.lines)


__all__ = ["FittedLines"]
