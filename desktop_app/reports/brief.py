"""Building the quarterly brief PDF: document, page furniture, reproducible output.

reportlab is imported only inside these functions, so the window does not pay for it
at start-up. A `NumberedCanvas` holds each page until the end so the footer can say
"page x of y" in one pass. With `SOURCE_DATE_EPOCH` set, reportlab's invariant mode
and that timestamp make the bytes depend on the data alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.errors import UserError
from desktop_app.fileio import atomic_write
from desktop_app.i18n import register, t, using_language
from desktop_app.reports.canvas import numbered_canvas
from desktop_app.reports.styles import (
    FRAME_W,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    make_styles,
)
from desktop_app.snapshots.brief import BriefData

register(
    {
        "Contains sample data": "含示例数据",
        "{path}: is a folder, not a file": "{path}:是文件夹,不是文件",
        "{path}: cannot write ({reason})": "{path}:无法写入({reason})",
    }
)

Progress = Callable[[int, int], None]


def story(data: BriefData, styles: Any) -> list[Any]:
    """Cover, summary, portfolio, the projects, appendix — no trailing break.

    Each part starts a new page unless two thirds of the page are still free: a project
    that spills a few lines over is followed on that page by the next one, so no page but
    the last is left almost empty.
    """
    from reportlab.platypus import CondPageBreak, PageBreak

    from desktop_app.reports import sections
    from desktop_app.reports.changes import changes_section
    from desktop_app.reports.styles import BODY_H

    parts: list[list[Any]] = [
        sections.cover(data, styles),
        sections.summary(data, styles) + changes_section(data, styles),
        sections.portfolio(data, styles),
        *sections.projects(data, styles),
        sections.appendix(data, styles),
    ]
    flow: list[Any] = []
    for i, part in enumerate(parts):
        if i == 1:
            flow.append(PageBreak())  # the cover stands alone
        elif i:
            flow.append(CondPageBreak(BODY_H * 2 / 3))
        flow.extend(part)
    return flow


def render(data: BriefData, out: Any, progress: Progress | None = None) -> int:
    """Write the brief to a path or binary file object; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from desktop_app.reports.sections import quarter_label

    with using_language(data.lang):
        styles = make_styles(data.lang)
        title = t("Key Support Projects — Quarterly Brief")
        right = f"{quarter_label(data.cover.quarter)} · {t('As of')} {data.cover.as_of}"
        doc = BaseDocTemplate(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{title} {data.cover.quarter}",
            author="key-projects",
            subject=data.cover.quarter,
            creator="key-projects",
            initialFontName=styles.font,
            lang="zh-CN" if data.lang == "zh" else "en",
            invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else 0,
        )
        # No frame padding: tables and charts are sized to exactly FRAME_W.
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
    target = Path(path)
    if target.is_dir():
        raise UserError(t("{path}: is a folder, not a file", path=target))
    try:
        with atomic_write(target) as tmp:
            return render(data, str(tmp), progress)
    except OSError as exc:
        raise UserError(
            t("{path}: cannot write ({reason})", path=target, reason=exc.strerror or exc)
        ) from exc


def write_bytes(pdf: bytes, path: str | os.PathLike[str]) -> None:
    """Write an archived brief as stored (atomically, same refusals as `write_brief`)."""
    target = Path(path)
    if target.is_dir():
        raise UserError(t("{path}: is a folder, not a file", path=target))
    try:
        with atomic_write(target) as tmp:
            Path(tmp).write_bytes(pdf)
    except OSError as exc:
        raise UserError(
            t("{path}: cannot write ({reason})", path=target, reason=exc.strerror or exc)
        ) from exc
