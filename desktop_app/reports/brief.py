"""Building the quarterly brief PDF: its story and page furniture on the reports' shared
document (reports/document.py: A4 frame, reproducible bytes, atomic writing).

reportlab is imported only inside these functions, so the window does not pay for it
at start-up. A `NumberedCanvas` holds each page until the end so the footer can say
"page x of y" in one pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.i18n import register, t, using_language
from desktop_app.reports.canvas import numbered_canvas
from desktop_app.reports.document import a4_document, flow_of, write_atomically
from desktop_app.reports.styles import make_styles
from desktop_app.snapshots.brief import BriefData

register(
    {
        "Contains sample data": "含示例数据",
    }
)

Progress = Callable[[int, int], None]


def story(data: BriefData, styles: Any) -> list[Any]:
    """Cover, summary, portfolio, the projects, appendix (`document.flow_of`)."""
    from desktop_app.reports import sections
    from desktop_app.reports.changes import changes_section

    return flow_of(
        [
            sections.cover(data, styles),
            sections.summary(data, styles) + changes_section(data, styles),
            sections.portfolio(data, styles),
            *sections.projects(data, styles),
            sections.appendix(data, styles),
        ]
    )


def render(data: BriefData, out: Any, progress: Progress | None = None) -> int:
    """Write the brief to a path or binary file object; returns the number of pages."""
    from desktop_app.reports.sections import quarter_label

    with using_language(data.lang):
        styles = make_styles(data.lang)
        title = t("Key Support Projects — Quarterly Brief")
        right = f"{quarter_label(data.cover.quarter)} · {t('As of')} {data.cover.as_of}"
        doc = a4_document(
            out,
            styles.font,
            data.lang,
            title=f"{title} {data.cover.quarter}",
            subject=data.cover.quarter,
        )
        if progress is not None:
            doc.setProgressCallBack(_progress_adapter(progress))
        flow = story(data, styles)
        mark = t("Contains sample data") if data.has_sample else ""
        canvas = numbered_canvas(
            title, right, styles.font, data.lang, header_mark=mark, banner=data.banner
        )
        doc.build(flow, canvasmaker=canvas)
        pages: int = doc.page
        return pages


def _progress_adapter(progress: Progress) -> Callable[[str, int], None]:
    """reportlab reports flowables consumed of an estimate; pass on (done, total)."""
    state = {"total": 1}

    def callback(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            state["total"] = max(int(value), 1)
        elif kind == "PROGRESS":
            progress(min(int(value), state["total"]), state["total"])
        elif kind == "FINISHED":
            progress(state["total"], state["total"])

    return callback


def write_brief(
    data: BriefData, path: str | os.PathLike[str], progress: Progress | None = None
) -> int:
    """Render to a temp file beside `path`, then rename: a failure leaves no partial file."""
    return write_atomically(path, lambda tmp: render(data, tmp, progress))


def write_bytes(pdf: bytes, path: str | os.PathLike[str]) -> None:
    """Write an archived brief as stored (atomically, same refusals as `write_brief`)."""
    write_atomically(path, lambda tmp: Path(tmp).write_bytes(pdf))
