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
from desktop_app.i18n import register, t, using_language
from desktop_app.reports.canvas import numbered_canvas
from desktop_app.reports.final_sections import story
from desktop_app.reports.styles import (
    FRAME_W,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    make_styles,
)
from desktop_app.snapshots.plan_period import FinalReportData

register(
    {
        "{path}: is a folder, not a file": "{path}:是文件夹,不是文件",
        "{path}: cannot write ({reason})": "{path}:无法写入({reason})",
        "Key Support Projects — Final Evaluation {period}": "重点支撑项目终期评估({period})",
        "SAMPLE DATA — not real figures": "示例数据 — 非真实数字",
    }
)


def render_final_report(data: FinalReportData, out: Any) -> int:
    """Write the report to a path or binary file object; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    with using_language(data.lang):  # this document's language, not the window's
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
        mark = t("SAMPLE DATA — not real figures") if data.has_sample else ""
        canvas = numbered_canvas(title, right, styles.font, data.lang, footer_mark=mark)
        doc.build(story(data, styles), canvasmaker=canvas)
        return int(doc.page)


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
