"""The audit trail, written by the session itself so no write path can forget it.

After each flush, every inserted, updated and deleted row of domain data becomes one
`audit_entry` per changed field (before → after), in the same transaction as the
change: if the change rolls back, so does its record. `record()` is the one writer:
the ORM hook here and the workbook import (io/store.py) both call it, so an entry has
the same shape whichever path made it (table, row id, database column, text values).

A "before" the session does not hold (an attribute marked modified with
`flag_modified`, or set while expired) is read from the row itself before the flush
replaces it, inside the same transaction, so the chain has no gap.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db.models import (
    AuditEntry,
    Base,
    Baseline,
    Evaluation,
    FundingPlan,
    Indicator,
    Project,
)
from desktop_app.domain.periods import now

_SKIP_FIELDS = {"version", "id"}


#: session.info key: (id(obj), attribute) → the value the row held before this flush.
_BEFORE = "audit_before"


@dataclass(frozen=True)
class FieldChange:
    """One field of one row as the trail records it (values as stored in the database)."""

    table: str
    row_id: int | str
    project_id: int | None
    action: str  # insert | update | delete
    field: str
    before: Any
    after: Any


#: Audit entries written per INSERT statement: a 150,000-row import makes over a million
#: entries, and holding them all as parameter dicts at once cost about a gigabyte.
RECORD_BATCH = 5_000


def record(
    conn: Connection | Session,
    changes: Iterable[FieldChange],
    *,
    officer: str,
    os_user: str,
    reason: str,
    at: datetime | None = None,
) -> int:
    """Write `changes` as audit entries in the caller's transaction; how many were written.

    `changes` is consumed lazily, `RECORD_BATCH` entries per statement."""
    stamp = (at or now()).replace(tzinfo=None, microsecond=0)
    written = 0
    rows: list[dict[str, Any]] = []
    for c in changes:
        rows.append(
            {
                "at": stamp,
                "action": c.action,
                "table_name": c.table,
                "row_key": str(c.row_id),
                "project_id": c.project_id,
                "field": c.field,
                "before": _text(c.before),
                "after": _text(c.after),
                "reason": reason,
                "os_user": os_user,
                "officer": officer,
            }
        )
        if len(rows) >= RECORD_BATCH:
            conn.execute(insert(AuditEntry), rows)
            written += len(rows)
            rows = []
    if rows:
        conn.execute(insert(AuditEntry), rows)
        written += len(rows)
    return written


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


#: Rows that carry no project_id of their own: the column naming their parent, whose
#: project they belong to (so History's project column and filter find them).
_PARENT: dict[str, tuple[str, type[Any]]] = {
    "baseline_item": ("baseline_id", Baseline),
    "funding_year": ("plan_id", FundingPlan),
    "startup_tranche": ("plan_id", FundingPlan),
    "indicator_actual": ("indicator_id", Indicator),
    "evaluation_item": ("evaluation_id", Evaluation),
}


class _Projects:
    """Each row's project, read once per flush: its own project_id, else its parent's
    (from the session when the parent is there, even deleted in this flush; else the row)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[tuple[type[Any], int], int | None] = {}

    def of(self, obj: Base) -> int | None:
        if isinstance(obj, Project):
            return obj.id
        state = inspect(obj)
        pid = state.dict.get("project_id")
        if pid is None and "project_id" in state.mapper.columns and not state.deleted:
            pid = getattr(obj, "project_id", None)  # expired: read as before
        if isinstance(pid, int):
            return pid
        spec = _PARENT.get(obj.__tablename__)
        parent_id = state.dict.get(spec[0]) if spec else None
        if spec is None or not isinstance(parent_id, int):
            return None
        parent_cls = spec[1]
        if (parent_cls, parent_id) not in self.known:
            self.known[(parent_cls, parent_id)] = self._read(parent_cls, parent_id)
        return self.known[(parent_cls, parent_id)]

    def _read(self, parent_cls: type[Any], parent_id: int) -> int | None:
        parent = self.session.identity_map.get(self.session.identity_key(parent_cls, parent_id))
        if parent is not None:
            found = inspect(parent).dict.get("project_id")
            return found if isinstance(found, int) else None
        value = self.session.connection().scalar(
            select(parent_cls.project_id).where(parent_cls.id == parent_id)
        )
        return value if isinstance(value, int) else None


def _row_key(obj: Base) -> str:
    """The row's primary key as text; a row inserted by this flush has its key in its
    attributes already, though the session registers its identity only afterwards."""
    state = inspect(obj)
    key = state.identity or tuple(state.mapper.primary_key_from_instance(obj))
    return ",".join(str(v) for v in key) if key and None not in key else ""


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


def _unknown_befores(session: Session) -> None:
    """Before the flush: read from the database each changed column whose old value the
    session does not hold (`flag_modified`, or an attribute set while expired)."""
    found: dict[tuple[int, str], Any] = {}
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        state = inspect(obj)
        if state.identity is None:
            continue
        keys = [
            attr.key
            for attr in state.mapper.column_attrs
            if attr.key not in _SKIP_FIELDS
            and state.attrs[attr.key].history.has_changes()
            and not state.attrs[attr.key].history.deleted
        ]
        if not keys:
            continue
        pk = state.mapper.primary_key
        q = select(*(state.mapper.columns[k] for k in keys)).where(
            *(col == value for col, value in zip(pk, state.identity, strict=True))
        )
        row = session.connection().execute(q).first()
        if row is not None:
            for key, value in zip(keys, row, strict=True):
                found[(id(obj), key)] = value
    session.info[_BEFORE] = found


def _entries(session: Session) -> list[FieldChange]:
    rows: list[FieldChange] = []
    known: dict[tuple[int, str], Any] = session.info.pop(_BEFORE, {})
    projects = _Projects(session)

    def add(obj: Base, action: str, field: str, before: Any, after: Any) -> None:
        rows.append(
            FieldChange(
                obj.__tablename__, _row_key(obj), projects.of(obj), action, field, before, after
            )
        )

    for obj in session.new:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        for attr in inspect(obj).mapper.column_attrs:
            if attr.key not in _SKIP_FIELDS:
                add(obj, "insert", attr.key, None, getattr(obj, attr.key))
        for key, _none, codes in _link_changes(obj):
            if codes:
                add(obj, "insert", key, None, codes)
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIP_FIELDS:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                before: Any = hist.deleted[0] if hist.deleted else known.get((id(obj), attr.key))
                after = hist.added[0] if hist.added else None
                if before != after:
                    add(obj, "update", attr.key, before, after)
        for key, old_codes, new_codes in _link_changes(obj):
            if old_codes != new_codes:
                add(obj, "update", key, old_codes, new_codes)
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
        _unknown_befores(session)

    @event.listens_for(factory, "after_flush")
    def _after_flush(session: Session, _ctx: Any) -> None:
        record(
            session.connection(),
            _entries(session),
            officer=session.info.get("officer", ""),
            os_user=session.info.get("os_user", ""),
            reason=session.info.get("audit_reason", ""),
        )
