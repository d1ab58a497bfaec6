"""Quarter close (季度关账): freeze a quarter's figures and brief, reprint it, compare with it.

Closing a quarter stores, in one transaction, every figure its brief shows (as JSON), the
brief's PDF bytes and their SHA-256 in Chinese (`pdf`) and English (`pdf_en`), and who
closed it when (the audit trail records the row). Quarters close in order: once any quarter
has been closed, a quarter closes only after the one before it, unless `out_of_order` is
given, and then its brief says so on every page (a brief frozen while the quarter before
is open would say "not closed" forever). `report --quarter Q [--lang en]` of a closed
quarter writes those bytes back unchanged, whatever was edited since; `--live` recomputes,
with a banner when the figures differ and the list of the figures that moved.

Writing and reading the brief, and comparing it with the frozen figures, live in
services/quarter_brief.py (no ORM); this module closes and reopens quarters through the
ORM so the audit trail records it.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import Connection, LargeBinary, cast, func, select

from desktop_app.db import tables
from desktop_app.db.database import Database
from desktop_app.db.models import QuarterClose
from desktop_app.domain.periods import Quarter, local_stamp, now, today
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.brief_data import check_quarter
from desktop_app.services.quarter_brief import (
    closed_quarter_of_payment,
    closed_view,
    closes_in_force,
    read_closed_row,
)
from desktop_app.snapshots.brief import ClosedQuarter

register(
    {
        "{q} has not ended yet (it ends on {last}); close it after that day.": (
            "{q} 尚未结束(结束日为 {last}),请在该日之后关账。"
        ),
        "{q} is already closed (on {at} by {by}); reopen it first to close it again.": (
            "{q} 已于 {at} 由 {by} 关账;如需重新关账,请先重新打开。"
        ),
        "{q} is not closed.": "{q} 尚未关账。",
        "{prev} is not closed: close it before {q} (quarters close in order), or pass "
        "--out-of-order.": "{prev} 尚未关账:请先关账 {prev} 再关账 {q}(季度须按顺序关账),"
        "或使用 --out-of-order。",
        "Closed out of order: {prev} was not closed when {q} was closed.": (
            "非顺序关账:{q} 关账时 {prev} 尚未关账。"
        ),
        "{q}: closed by {by}, sha256 {sha} (Chinese), {sha_en} (English)": (
            "{q}:由 {by} 关账,sha256 {sha}(中文),{sha_en}(英文)"
        ),
        "{q}: the archived English brief no longer matches its SHA-256 ({sha}…).": (
            "{q}:存档英文简报与其 SHA-256 不一致({sha}…)。"
        ),
        "A reason is required to reopen a closed quarter.": "重新打开已关账季度须填写原因。",
        "{q}: the archived brief no longer matches its SHA-256 ({sha}…).": (
            "{q}:存档简报与其 SHA-256 不一致({sha}…)。"
        ),
    }
)


def list_quarters(db: Database) -> list[ClosedQuarter]:
    """Every close, oldest first (a reopened one keeps its row, with the reason)."""
    with db.reader() as s:
        rows = s.scalars(select(QuarterClose).order_by(QuarterClose.quarter, QuarterClose.id))
        return [closed_view(r) for r in rows]


def closed_quarter_touched(db: Database, *days: date | None) -> str | None:
    """The closed quarter an edit of a payment dated `days` (before and after) corrects,
    or None: the payment dialog asks this; the import asks `closed_quarter_of_payment` itself with
    the closes it read (io/closed_quarters.py) — one rule for both."""
    with db.core_reader() as conn:
        return closed_quarter_of_payment(closes_in_force(conn), *days)


# ---------------------------------------------------------------- close / reopen


def read_previous_open(conn: Connection, quarter: Quarter) -> str | None:
    """The quarter before `quarter` when it must be closed first and is not, else None.

    The first close of a database starts the sequence (no earlier quarter was ever
    closed); from then on each quarter waits for the one before it (2026Q1 closed, so
    2026Q3 waits for 2026Q2). Quarter names sort in time order.
    """
    qc = tables.quarter_close
    in_force = closes_in_force(conn)
    earlier = conn.scalar(select(func.count()).select_from(qc).where(qc.c.quarter < str(quarter)))
    prev = str(quarter.previous())
    if prev in in_force or not earlier:
        return None
    return prev


def closable(db: Database, text: str, out_of_order: bool = False) -> tuple[Quarter, str | None]:
    """The quarter to close and the open quarter before it (closing out of order), or a
    refusal: malformed, not ended, already closed, or the one before still open."""
    with db.core_reader() as conn:  # one read for every check
        quarter = check_quarter(conn, text)  # malformed, before any data, too far ahead
        if quarter.last_day >= today():
            raise UserError(
                t(
                    "{q} has not ended yet (it ends on {last}); close it after that day.",
                    q=quarter,
                    last=quarter.last_day.isoformat(),
                )
            )
        row = read_closed_row(conn, str(quarter))
        if row is not None:
            done = closed_view(row)
            raise UserError(
                t(
                    "{q} is already closed (on {at} by {by}); reopen it first to close it again.",
                    q=quarter,
                    at=local_stamp(done.closed_at),
                    by=done.closed_by or "—",
                )
            )
        prev = read_previous_open(conn, quarter)
    if prev is not None and not out_of_order:
        raise UserError(
            t(
                "{prev} is not closed: close it before {q} (quarters close in order), or pass "
                "--out-of-order.",
                prev=prev,
                q=quarter,
            )
        )
    return quarter, prev


def out_of_order_banner(quarter: Quarter, prev: str | None) -> str:
    """What a brief closed while the quarter before was open says on every page."""
    if prev is None:
        return ""
    text = "Closed out of order: {prev} was not closed when {q} was closed."
    return t(text, prev=prev, q=quarter)


def freeze_quarter(
    db: Database,
    quarter: Quarter,
    as_of: date,
    figures: str,
    pdf: bytes,
    pdf_en: bytes,
    officer: str = "",
) -> ClosedQuarter:
    """Store the close: the figures (JSON) and both briefs, read and rendered by the caller
    from one read of the quarter, the briefs' SHA-256, who and when — one transaction,
    audited."""
    who = officer.strip() or _os_user()
    with db.session() as s:
        if read_closed_row(s.connection(), str(quarter)) is not None:  # closed meanwhile
            raise UserError(
                t(
                    "{q} is already closed (on {at} by {by}); reopen it first to close it again.",
                    q=quarter,
                    at="—",
                    by="—",
                )
            )
        row = QuarterClose(
            quarter=str(quarter),
            as_of=as_of,
            closed_at=now().replace(tzinfo=None, microsecond=0),
            closed_by=who,
            lang="zh",  # `pdf` is the Chinese brief; `pdf_en` the English one
            figures=figures,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pdf_en=pdf_en,
            sha256_en=hashlib.sha256(pdf_en).hexdigest(),
            reopened_by="",
            reopen_reason="",
        )
        s.add(row)
        s.flush()
        return closed_view(row)


def reopen_quarter(db: Database, text: str, reason: str, officer: str = "") -> ClosedQuarter:
    db.require_writable()
    quarter = check_quarter(db, text)
    if not reason.strip():
        raise UserError(t("A reason is required to reopen a closed quarter."))
    with db.session() as s:
        s.info["audit_reason"] = reason.strip()
        found = read_closed_row(s.connection(), str(quarter))
        row = s.get(QuarterClose, found.id) if found is not None else None
        if row is None:
            raise UserError(t("{q} is not closed.", q=quarter))
        row.reopened_at = now().replace(tzinfo=None, microsecond=0)
        row.reopened_by = officer.strip() or _os_user()
        row.reopen_reason = reason.strip()
        s.flush()
        return closed_view(row)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return ""


def check_archives(db: Database) -> list[str]:
    """One line per closed quarter whose stored PDF no longer matches its SHA-256."""
    out = []
    # CAST: bytes written over by hand may come back as text; they must still be checked
    q = select(
        QuarterClose.quarter,
        QuarterClose.sha256,
        cast(QuarterClose.pdf, LargeBinary),
        QuarterClose.sha256_en,
        cast(QuarterClose.pdf_en, LargeBinary),
    ).order_by(QuarterClose.quarter, QuarterClose.id)
    with db.reader() as s:
        for quarter, sha, pdf, sha_en, pdf_en in s.execute(q):
            if hashlib.sha256(bytes(pdf or b"")).hexdigest() != sha:
                out.append(
                    t(
                        "{q}: the archived brief no longer matches its SHA-256 ({sha}…).",
                        q=quarter,
                        sha=sha[:12],
                    )
                )
            if sha_en is not None and hashlib.sha256(bytes(pdf_en or b"")).hexdigest() != sha_en:
                out.append(
                    t(
                        "{q}: the archived English brief no longer matches its SHA-256 ({sha}…).",
                        q=quarter,
                        sha=sha_en[:12],
                    )
                )
    return out
