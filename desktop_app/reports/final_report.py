"""The final evaluation report of a plan period (终期评估报告) as a PDF.

Same standards as the quarterly brief: the one bundled font embedded, database text
escaped, "page x of y" in the footer, byte-reproducible under `SOURCE_DATE_EPOCH`
(reportlab's invariant mode), and sample data marked on every page. Styles, tables and
fonts are the brief's (`reports.styles`, `reports.tables`); this module lays out
`FinalReportData` only — no database, no rules.
"""

from __future__ import annotations

import os
from typing import Any

from desktop_app.i18n import register, t, using_language
from desktop_app.reports.canvas import numbered_canvas
from desktop_app.reports.document import a4_document, write_atomically
from desktop_app.reports.final_sections import story
from desktop_app.reports.styles import make_styles
from desktop_app.snapshots.plan_period import FinalReportData

register(
    {
        "Key Support Projects — Final Evaluation {period}": "重点支撑项目终期评估({period})",
        "SAMPLE DATA — not real figures": "示例数据 — 非真实数字",
    }
)


def render_final_report(data: FinalReportData, out: Any) -> int:
    """Write the report to a path or binary file object; returns the number of pages."""
    with using_language(data.lang):  # this document's language, not the window's
        styles = make_styles(data.lang)
        period = f"{data.start_year}–{data.end_year}"
        title = t("Key Support Projects — Final Evaluation {period}", period=period)
        right = data.period_name if data.lang == "zh" else period
        doc = a4_document(out, styles.font, data.lang, title=title, subject=data.period_code)
        mark = t("SAMPLE DATA — not real figures") if data.has_sample else ""
        canvas = numbered_canvas(title, right, styles.font, data.lang, footer_mark=mark)
        doc.build(story(data, styles), canvasmaker=canvas)
        return int(doc.page)


def write_final_report(data: FinalReportData, path: str | os.PathLike[str]) -> int:
    """Render to a temp file beside `path`, then rename: a failure leaves no partial file."""
    return write_atomically(path, lambda tmp: render_final_report(data, tmp))
