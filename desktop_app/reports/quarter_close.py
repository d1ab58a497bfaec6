"""A quarter's brief as a file, and a quarter close: the services read and store, this
module renders between them (services never import reports; see docs/architecture.md).

`write_quarter_brief` prints a closed quarter's archived PDF byte for byte in the language
asked for (both are archived at close), else the brief computed now. `close_quarter` reads
the quarter once (services.quarter_brief `read_quarter`), renders its brief in Chinese and
English from that read and hands the bytes with the figures of the same read to
`services.quarters.freeze_quarter`, which stores them in one transaction.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from desktop_app.db.database import Database
from desktop_app.i18n import t, using_language
from desktop_app.reports.brief import render, write_brief, write_bytes
from desktop_app.services.quarter_brief import (
    brief_of,
    figures_text,
    read_brief,
    read_quarter,
)
from desktop_app.snapshots.brief import ArchivedBrief, ClosedQuarter

GC_THRESHOLD = 50_000
"""Allocations between two young collections while a brief is built (Python's is 700)."""


def write_quarter_brief(
    db: Database,
    text: str,
    lang: str,
    output: Any,
    progress: Any = None,
    *,
    live: bool = False,
) -> str:
    """Write a quarter's brief; returns what was written, for a message. Everything is
    read first, in one transaction; then the PDF is laid out from that alone."""
    with few_collections():
        read = read_brief(db, text, lang, live=live)
        if isinstance(read, ArchivedBrief):
            write_bytes(read.pdf, output)
            return t("archived brief of {q} (sha256 {sha})", q=read.quarter, sha=read.sha256)
        data = brief_of(read, lang)
        pages = write_brief(data, output, progress)
    return "\n".join([t("{n} pages", n=pages), *data.differences])


@contextmanager
def few_collections() -> Iterator[None]:
    """Collect cycles rarely while a brief is read and laid out: it builds thousands of
    objects that live until the PDF is written (rows, flowables, fragments), and the
    collector walking them again and again costs more than the little cyclic garbage it
    would find. Thresholds as they were afterwards (the window goes on)."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def close_quarter(
    db: Database,
    text: str,
    officer: str = "",
    lang: str = "zh",
    *,
    out_of_order: bool = False,
) -> ClosedQuarter:
    """Freeze the quarter: its figures, and its brief in Chinese and English with their
    SHA-256. `lang` is the session's language (its messages); both are archived."""
    from desktop_app.services import quarters  # the ORM writer: not loaded to print a brief

    db.require_writable()
    quarter, prev = quarters.closable(db, text, out_of_order)
    read = read_quarter(db, str(quarter), ("zh", "en"), own=False, figures=True)
    pdfs: dict[str, bytes] = {}
    for code in ("zh", "en"):
        with using_language(code):
            banner = quarters.out_of_order_banner(quarter, prev)
        buf = io.BytesIO()
        render(brief_of(read, code, banner), buf)
        pdfs[code] = buf.getvalue()
    as_of = read.briefs["zh"].cover.as_of
    return quarters.freeze_quarter(
        db, quarter, as_of, figures_text(read), pdfs["zh"], pdfs["en"], officer
    )
