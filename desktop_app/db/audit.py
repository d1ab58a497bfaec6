"""The audit trail, written by the session itself so no write path can forget it.

After each flush, every inserted, updated and deleted row of domain data becomes one
`audit_entry` per changed field (before → after), in the same transaction as the
change: if the change rolls back, so does its record.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db.models import AuditEntry, Base, Project
from desktop_app.domain.periods import now

_SKIP_FIELDS = {"version", "id"}


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"  # an archived PDF: its SHA-256 is audited beside it
    return str(value)


def _project_id(obj: Base) -> int | None:
    if isinstance(obj, Project):
        return obj.id
    pid = getattr(obj, "project_id", None)
    return pid if isinstance(pid, int) else None


def _row_key(obj: Base) -> str:
    identity = inspect(obj).identity
    return ",".join(str(v) for v in identity) if identity else ""


def _codes(items: Any) -> str:
    return ",".join(sorted(str(getattr(i, "code", None) or _row_key(i)) for i in items))


def _link_changes(obj: Base) -> list[tuple[str, str, str]]:
    """Many-to-many links (a project's key domains) as one field: codes before → after."""
    state = inspect(obj)
    changes = []
    for rel in state.mapper.relationships:
        if rel.secondary is None:
            continue
        hist = state.attrs[rel.key].history
        if hist.has_changes():
            kept = list(hist.unchanged)
            changes.append(
                (rel.key, _codes(kept + list(hist.deleted)), _codes(kept + list(hist.added)))
            )
    return changes


def _delete_project_rows(session: Session) -> None:
    """Rows the database would cascade away with a deleted project go through the session,
    so each of them is recorded too (not only the project row)."""
    ids = [o.id for o in session.deleted if isinstance(o, Project) and o.id is not None]
    if not ids:
        return
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if cls in (Project, AuditEntry) or "project_id" not in mapper.columns:
            continue
        for row in session.scalars(select(cls).where(mapper.columns["project_id"].in_(ids))):
            if row not in session.deleted:
                session.delete(row)


def _entries(session: Session) -> list[dict[str, Any]]:
    stamp = now().replace(tzinfo=None, microsecond=0)
    who = {"os_user": session.info.get("os_user", ""), "officer": session.info.get("officer", "")}
    reason = session.info.get("audit_reason", "")
    rows: list[dict[str, Any]] = []

    def add(obj: Base, action: str, field: str, before: Any, after: Any) -> None:
        rows.append(
            {
                "at": stamp,
                "action": action,
                "table_name": obj.__tablename__,
                "row_key": _row_key(obj),
                "project_id": _project_id(obj),
                "field": field,
                "before": _text(before),
                "after": _text(after),
                "reason": reason,
                **who,
            }
        )

    for obj in session.new:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        for attr in inspect(obj).mapper.column_attrs:
            if attr.key not in _SKIP_FIELDS:
                add(obj, "insert", attr.key, None, getattr(obj, attr.key))
        for key, _before, after in _link_changes(obj):
            if after:
                add(obj, "insert", key, None, after)
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIP_FIELDS:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if old != new:
                    add(obj, "update", attr.key, old, new)
        for key, before, after in _link_changes(obj):
            if before != after:
                add(obj, "update", key, before, after)
    for obj in session.deleted:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key not in _SKIP_FIELDS:
                add(obj, "delete", attr.key, state.dict.get(attr.key), None)
    return rows


def set_officer(factory: sessionmaker[Session], name: str) -> None:
    """Sessions made from now on record `name` as the officer."""
    factory.kw["info"] = {**factory.kw.get("info", {}), "officer": name}


def install(factory: sessionmaker[Session], *, officer: str = "") -> None:
    """Make every session from `factory` write the audit trail."""
    factory.kw.setdefault("info", {})
    factory.kw["info"] = {**factory.kw["info"], "os_user": _os_user(), "officer": officer}

    @event.listens_for(factory, "before_flush")
    def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
        _delete_project_rows(session)

    @event.listens_for(factory, "after_flush")
    def _after_flush(session: Session, _ctx: Any) -> None:
        rows = _entries(session)
        if rows:
            session.connection().execute(insert(AuditEntry), rows)
