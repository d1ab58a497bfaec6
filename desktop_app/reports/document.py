"""What the quarterly brief and the final report share as documents: the A4 page with its
one body frame, the flow of parts, and writing a PDF atomically with the same refusals.

reportlab is imported only inside these functions, so the window does not pay for it at
start-up. With `SOURCE_DATE_EPOCH` set, reportlab's invariant mode and that timestamp make
the bytes depend on the data alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.errors import UserError
from desktop_app.fileio import atomic_write
from desktop_app.i18n import register, t
from desktop_app.reports.styles import FRAME_W, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H

register(
    {
        "{path}: is a folder, not a file": "{path}:是文件夹,不是文件",
        "{path}: cannot write ({reason})": "{path}:无法写入({reason})",
    }
)

T = TypeVar("T")


def a4_document(out: Any, font: str, lang: str, *, title: str, subject: str) -> Any:
    """A reportlab document on A4 with the reports' margins, `font` embedded and one page
    template whose frame has no padding: tables and charts are sized to exactly FRAME_W."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="key-projects",
        subject=subject,
        creator="key-projects",
        initialFontName=font,
        lang="zh-CN" if lang == "zh" else "en",
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
    return doc


def flow_of(parts: Sequence[list[Any]]) -> list[Any]:
    """The parts one after another, no trailing break: the cover (the first) stands
    alone; each later part starts a new page unless two thirds of the page are still
    free, so no page but the last is left almost empty."""
    from reportlab.platypus import CondPageBreak, PageBreak

    from desktop_app.reports.styles import BODY_H

    flow: list[Any] = []
    for i, part in enumerate(parts):
        if i == 1:
            flow.append(PageBreak())  # the cover stands alone
        elif i:
            flow.append(CondPageBreak(BODY_H * 2 / 3))
        flow.extend(part)
    return flow


def write_atomically(path: str | os.PathLike[str], write: Callable[[str], T]) -> T:
    """`write` a temp file beside `path`, then rename: a failure leaves no partial file.
    A folder, or a file that cannot be written, is refused in one line."""
    target = Path(path)
    if target.is_dir():
        raise UserError(t("{path}: is a folder, not a file", path=target))
    try:
        with atomic_write(target) as tmp:
            return write(str(tmp))
    except OSError as exc:
        raise UserError(
            t("{path}: cannot write ({reason})", path=target, reason=exc.strerror or exc)
        ) from exc
