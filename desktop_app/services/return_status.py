"""Who has returned for a quarter, read with Core: the window's status table and the
quarterly brief's appendix.

Kept apart from services/returns.py (which writes returns through the ORM, so the audit
trail records them) so the brief reads the status without loading the ORM.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Row, select

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.domain.periods import Quarter
from desktop_app.snapshots.returns import ReturnStatusRow


def read_latest_returns(src: Reader, quarter: str) -> dict[int, Row[Any]]:
    """Each project's latest return row for `quarter` (every column), by project id."""
    with reading(src) as conn:
        qr = tables.quarterly_return
        rows = conn.execute(
            select(qr).where(qr.c.quarter == quarter).order_by(qr.c.received_at, qr.c.id)
        )
        return {r.project_id: r for r in rows}  # the last one per project wins


def _summary(changes: list[dict[str, str]], limit: int = 6) -> str:
    names = [f"{c.get('key', '')} {c.get('field', '')}".strip() for c in changes]
    text = "; ".join(names[:limit])
    return text + (" …" if len(names) > limit else "")


def read_return_status(src: Reader, quarter: Quarter | str) -> list[ReturnStatusRow]:
    """Who has returned for `quarter`, when, what changed, and who is missing — one row per
    project, in number order; plain rows for the window and the quarterly brief."""
    with reading(src) as conn:
        q = str(quarter)
        project, qr = tables.project, tables.quarterly_return
        projects = list(
            conn.execute(
                select(project.c.id, project.c.no, project.c.name_zh, project.c.lead_org).order_by(
                    project.c.no
                )
            )
        )
        counts: dict[int, int] = {}
        for pid in conn.scalars(select(qr.c.project_id).where(qr.c.quarter == q)):
            counts[pid] = counts.get(pid, 0) + 1
        latest = read_latest_returns(conn, q)
        rows = []
        for p in projects:
            r = latest.get(p.id)
            changes: list[dict[str, str]] = json.loads(r.changes) if r else []
            rows.append(
                ReturnStatusRow(
                    project_no=p.no,
                    project_name=p.name_zh,
                    unit=(r.unit if r else "") or p.lead_org,
                    returned=r is not None,
                    received_at=r.received_at if r else None,
                    file_name=r.file_name if r else "",
                    contact=" ".join(x for x in (r.contact_name, r.contact_phone) if x)
                    if r
                    else "",
                    changed=len(changes),
                    changes=_summary(changes),
                    returns=counts.get(p.id, 0),
                )
            )
        return rows
