"""Evidence files on record, read with Core: the rows the evidence dialog lists and the
reports print under each project.

Kept apart from services/evidence.py (which stores and removes files through the ORM, so
the audit trail records it) so the quarterly brief lists evidence without loading the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.i18n import register, t

register(
    {
        "milestone {code}": "里程碑 {code}",
        "payment {date} (no. {id})": "拨付 {date}(编号 {id})",
        "evaluation {year}": "{year} 年绩效评价",
    }
)


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    project_id: int
    project_no: int
    kind: str
    target_id: int
    target_label: str
    file_name: str
    size_bytes: int
    sha256: str
    note: str
    added_at: datetime
    added_by: str
    removed: bool
    version: int


def _label(
    kind: str, ms_code: str | None, paid_on: date | None, ev_year: int | None, tid: int
) -> str:
    if kind == "milestone":
        return t("milestone {code}", code=ms_code)
    if kind == "disbursement":
        return t("payment {date} (no. {id})", date=paid_on.isoformat() if paid_on else "", id=tid)
    return t("evaluation {year}", year=ev_year)


def read_evidence_rows(
    src: Reader,
    ids: list[int] | None = None,
    *,
    project_id: int | None = None,
    include_removed: bool = False,
) -> list[EvidenceRow]:
    """Files on record (by link id, by project, or all), in project-number then link order;
    an ORM session passes `session.connection()`."""
    with reading(src) as conn:
        link, project, blob = tables.evidence_link, tables.project, tables.evidence_blob
        ms, pay, ev = tables.milestone, tables.disbursement, tables.evaluation
        q = (
            select(
                link.c.id,
                link.c.project_id,
                link.c.milestone_id,
                link.c.disbursement_id,
                link.c.evaluation_id,
                link.c.file_name,
                link.c.sha256,
                link.c.note,
                link.c.added_at,
                link.c.added_by,
                link.c.removed,
                link.c.version,
                project.c.no,
                blob.c.size_bytes,
                ms.c.code,
                pay.c.paid_on,
                ev.c.year,
            )
            .select_from(link)
            .join(project, project.c.id == link.c.project_id)
            .join(blob, blob.c.sha256 == link.c.sha256)
            .outerjoin(ms, ms.c.id == link.c.milestone_id)
            .outerjoin(pay, pay.c.id == link.c.disbursement_id)
            .outerjoin(ev, ev.c.id == link.c.evaluation_id)
            .order_by(project.c.no, link.c.id)
        )
        if ids is not None:
            q = q.where(link.c.id.in_(ids))
        if project_id is not None:
            q = q.where(link.c.project_id == project_id)
        if not include_removed:
            q = q.where(link.c.removed.is_(False))
        out = []
        for r in conn.execute(q):
            if r.milestone_id is not None:
                kind, tid = "milestone", r.milestone_id
            elif r.disbursement_id is not None:
                kind, tid = "disbursement", r.disbursement_id
            else:
                kind, tid = "evaluation", int(r.evaluation_id or 0)
            out.append(
                EvidenceRow(
                    id=r.id,
                    project_id=r.project_id,
                    project_no=r.no,
                    kind=kind,
                    target_id=tid,
                    target_label=_label(kind, r.code, r.paid_on, r.year, tid),
                    file_name=r.file_name,
                    size_bytes=r.size_bytes,
                    sha256=r.sha256,
                    note=r.note,
                    added_at=r.added_at,
                    added_by=r.added_by,
                    removed=r.removed,
                    version=r.version,
                )
            )
        return out


def read_evidence_for_project(src: Reader, project_id: int) -> list[tuple[str, str, str, str]]:
    """Plain rows for reports: (what it backs, file name, date added, first 12 of SHA-256)."""
    with reading(src) as conn:
        return [
            (r.target_label, r.file_name, r.added_at.date().isoformat(), r.sha256[:12])
            for r in read_evidence_rows(conn, project_id=project_id)
        ]


def read_evidence_by_project(
    src: Reader, as_of: date | None = None
) -> dict[int, tuple[tuple[str, str, str], ...]]:
    """project id → (what it backs, file name, date added) of every file on record by
    `as_of`, in one query: the quarterly brief lists them under each project."""
    with reading(src) as conn:
        out: dict[int, list[tuple[str, str, str]]] = {}
        for r in read_evidence_rows(conn):
            if as_of is None or r.added_at.date() <= as_of:
                out.setdefault(r.project_id, []).append(
                    (r.target_label, r.file_name, r.added_at.date().isoformat())
                )
        return {pid: tuple(found) for pid, found in out.items()}

