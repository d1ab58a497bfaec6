"""The History view's use case: audit entries filtered by project, field and date."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select

from desktop_app.db.database import Database
from desktop_app.db.models import AuditEntry, Project
from desktop_app.snapshots.safety import HistoryFilter, HistoryRow


def _filtered(q: Select[Any], flt: HistoryFilter) -> Select[Any]:
    if flt.project_id is not None:
        q = q.where(AuditEntry.project_id == flt.project_id)
    if flt.field:
        q = q.where(AuditEntry.field == flt.field)
    if flt.date_from is not None:
        q = q.where(AuditEntry.at >= datetime.combine(flt.date_from, time.min))
    if flt.date_to is not None:
        q = q.where(AuditEntry.at < datetime.combine(flt.date_to + timedelta(days=1), time.min))
    return q


def count_history(db: Database, flt: HistoryFilter | None = None) -> int:
    """How many entries the filter matches in all (the list shows at most `flt.limit`)."""
    q = _filtered(select(func.count()).select_from(AuditEntry), flt or HistoryFilter())
    with db.reader() as s:
        return int(s.scalar(q) or 0)


def list_history(db: Database, flt: HistoryFilter | None = None) -> list[HistoryRow]:
    """Newest first, at most `flt.limit` entries; dates are inclusive whole days."""
    flt = flt or HistoryFilter()
    q = _filtered(select(AuditEntry), flt).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    with db.reader() as s:
        names = {pid: name for pid, name in s.execute(select(Project.id, Project.name_zh))}
        return [
            HistoryRow(
                at=e.at,
                officer=e.officer,
                os_user=e.os_user,
                action=e.action,
                table_name=e.table_name,
                row_key=e.row_key,
                project_id=e.project_id,
                project_name=names.get(e.project_id, "") if e.project_id is not None else "",
                field=e.field,
                before=e.before,
                after=e.after,
                reason=e.reason,
            )
            for e in s.scalars(q.limit(flt.limit))
        ]


def history_fields(db: Database) -> list[str]:
    """The field names that occur in the trail (for the filter's choices)."""
    with db.reader() as s:
        return sorted(f for f in s.scalars(select(AuditEntry.field).distinct()) if f)
