"""The final evaluation report of a plan period (终期评估报告) as a PDF.

Same standards as the quarterly brief: the one bundled font embedded, database text
escaped, "page x of y" in the footer, byte-reproducible under `SOURCE_DATE_EPOCH`
(reportlab's invariant mode), and sample data marked on every page. Styles, tables and
fonts are the brief's (`reports.styles`, `reports.tables`); this module lays out
`FinalReportData` only — no database, no rules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desktop_app.errors import UserError
from desktop_app.fileio import atomic_write
from desktop_app.i18n import language, register, set_language, t
from desktop_app.reports.final_sections import story
from desktop_app.reports.styles import (
    FRAME_W,
    GREY_TEXT,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NAVY,
    PAGE_H,
    PAGE_W,
    RULE_RED,
    make_styles,
)
from desktop_app.snapshots.plan_period import FinalReportData

register(
    {
        "Page {x} of {y}": "第 {x} 页 / 共 {y} 页",
        "{path}: is a folder, not a file": "{path}:是文件夹,不是文件",
        "{path}: cannot write ({reason})": "{path}:无法写入({reason})",
        "Key Support Projects — Final Evaluation {period}": "重点支撑项目终期评估({period})",
        "SAMPLE DATA — not real figures": "示例数据 — 非真实数字",
    }
)


def _canvas_class(title: str, right: str, font: str, lang: str, sample: bool) -> type:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        """Holds pages until the count is known, then draws header, footer, sample mark."""

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
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, top, PAGE_W - MARGIN_X, top)
            bottom = MARGIN_BOTTOM - 16
            self.line(MARGIN_X, bottom + 10, PAGE_W - MARGIN_X, bottom + 10)
            previous = language()
            set_language(lang)
            try:
                footer = t("Page {x} of {y}", x=number, y=total)
                mark = t("SAMPLE DATA — not real figures")
            finally:
                set_language(previous)
            self.drawCentredString(PAGE_W / 2, bottom, footer)
            if sample:
                self.setFillColor(RULE_RED)
                self.drawString(MARGIN_X, bottom, mark)
            self.restoreState()

    return NumberedCanvas


def render_final_report(data: FinalReportData, out: Any) -> int:
    """Write the report to a path or binary file object; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    previous = language()
    set_language(data.lang)
    try:
        styles = make_styles(data.lang)
        period = f"{data.start_year}–{data.end_year}"
        title = t("Key Support Projects — Final Evaluation {period}", period=period)
        right = data.period_name if data.lang == "zh" else period
        doc = BaseDocTemplate(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author="key-projects",
            subject=data.period_code,
            creator="key-projects",
            initialFontName=styles.font,
            lang="zh-CN" if data.lang == "zh" else "en",
            invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else 0,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_W,
            PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        canvas = _canvas_class(title, right, styles.font, data.lang, data.has_sample)
        doc.build(story(data, styles), canvasmaker=canvas)
        return int(doc.page)
    finally:
        set_language(previous)


def write_final_report(data: FinalReportData, path: str | os.PathLike[str]) -> int:
    """Render to a temp file beside `path`, then rename: a failure leaves no partial file."""
    target = Path(path)
    if target.is_dir():
        raise UserError(t("{path}: is a folder, not a file", path=target))
    try:
        with atomic_write(target) as tmp:
            return render_final_report(data, str(tmp))
    except OSError as exc:
        raise UserError(
            t("{path}: cannot write ({reason})", path=target, reason=exc.strerror or exc)
        ) from exc
