"""A closed quarter's archived briefs against their SHA-256, on any engine.

A close stores the brief's PDF (and, since 0007, its English twin) with a SHA-256. The
bytes are what `report --quarter` reprints, so they are checked before each reprint and by
`check`: a brief changed in the database is never handed out as the frozen one.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, LargeBinary, cast, select

from desktop_app.db import tables
from desktop_app.i18n import register, t

register(
    {
        "{quarter}: the archived brief ({lang}) no longer matches its SHA-256 ({sha}…)":
            "{quarter}:归档的简报({lang})与其 SHA-256 不符({sha}…)",
    }
)


def as_bytes(value: object) -> bytes:
    """Stored bytes as bytes: a value written over by hand may come back as text."""
    if value is None:
        return b""
    if isinstance(value, str):
        return value.encode("utf-8")
    return bytes(value)  # type: ignore[call-overload,no-any-return]


def archive_problem(
    quarter: str, lang: str, digest: str | None, data: object, *, optional: bool
) -> str | None:
    """Why one archived brief cannot be trusted (None: its bytes match its SHA-256).

    `optional`: the English archive, absent from quarters closed before it existed."""
    if optional and data is None and not digest:
        return None
    if hashlib.sha256(as_bytes(data)).hexdigest() == digest:
        return None
    return t(
        "{quarter}: the archived brief ({lang}) no longer matches its SHA-256 ({sha}…)",
        quarter=quarter,
        lang=lang,
        sha=str(digest or "")[:12],
    )


def archive_problems(conn: Connection, quarter: str | None = None) -> list[str]:
    """Every close (or the close in force of `quarter`) whose archives fail their hash."""
    qc = tables.quarter_close
    q = select(
        qc.c.quarter,
        qc.c.sha256,
        cast(qc.c.pdf, LargeBinary),
        qc.c.sha256_en,
        cast(qc.c.pdf_en, LargeBinary),
    ).order_by(qc.c.quarter, qc.c.id)
    if quarter is not None:
        q = q.where(qc.c.quarter == quarter, qc.c.reopened_at.is_(None))
    out = []
    for name, sha, pdf, sha_en, pdf_en in conn.execute(q):
        for problem in (
            archive_problem(name, "zh", sha, pdf, optional=False),
            archive_problem(name, "en", sha_en, pdf_en, optional=True),
        ):
            if problem is not None:
                out.append(problem)
    return out
