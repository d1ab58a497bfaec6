"""A quarter's brief as a file, and a quarter close: the services read and store, this
module renders between them (services never import reports; see docs/architecture.md).

`write_quarter_brief` prints a closed quarter's archived PDF byte for byte in the language
asked for (both are archived at close), else the brief computed now. `close_quarter` renders
the brief in Chinese and English from one set of figures and hands the bytes to
`services.quarters.freeze_quarter`, which stores them with the figures in one transaction.
"""

from __future__ import annotations

import io
from typing import Any

from desktop_app.db.database import Database
from desktop_app.i18n import t, using_language
from desktop_app.reports.brief import render, write_brief, write_bytes
from desktop_app.services.brief_data import check_quarter
from desktop_app.services.quarter_brief import ClosedQuarter, archived_brief, brief_for


def write_quarter_brief(
    db: Database,
    text: str,
    lang: str,
    output: Any,
    progress: Any = None,
    *,
    live: bool = False,
) -> str:
    """Write a quarter's brief; returns what was written, for a message."""
    quarter = str(check_quarter(db, text))
    archived = None if live else archived_brief(db, quarter, lang)
    if archived is not None:
        pdf, sha = archived
        write_bytes(pdf, output)
        return t("archived brief of {q} (sha256 {sha})", q=quarter, sha=sha)
    data = brief_for(db, quarter, lang, archived=True)
    pages = write_brief(data, output, progress)
    return "\n".join([t("{n} pages", n=pages), *data.differences])


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
    pdfs: dict[str, bytes] = {}
    as_of = None
    for code in ("zh", "en"):
        with using_language(code):
            banner = quarters.out_of_order_banner(quarter, prev)
        data = brief_for(db, str(quarter), code, archived=False, banner=banner)
        buf = io.BytesIO()
        render(data, buf)
        pdfs[code] = buf.getvalue()
        as_of = data.cover.as_of
    assert as_of is not None
    return quarters.freeze_quarter(db, quarter, as_of, pdfs["zh"], pdfs["en"], officer)
