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

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db.models import AuditEntry, Base, Project
from desktop_app.domain.periods import now

_SKIP_FIELDS = {"version", "id"}


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some sandboxes
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
    return str(value)


def _project_id(obj: Base) -> int | None:
    if isinstance(obj, Project):
        return obj.id
    pid = getattr(obj, "project_id", None)
    return pid if isinstance(pid, int) else None


def _row_key(obj: Base) -> str:
    identity = inspect(obj).identity
    return ",".join(str(v) for v in identity) if identity else ""


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
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIP_FIELDS:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                before = hist.deleted[0] if hist.deleted else None
                after = hist.added[0] if hist.added else None
                if before != after:
                    add(obj, "update", attr.key, before, after)
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

    @event.listens_for(factory, "after_flush")
    def _after_flush(session: Session, _ctx: Any) -> None:
        rows = _entries(session)
        if rows:
            session.connection().execute(insert(AuditEntry), rows)
