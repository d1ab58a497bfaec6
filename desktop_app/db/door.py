"""The one door: every row written through a session passes `domain.rules` first.

`install(factory)` adds a `before_flush` listener (next to the audit trail's) that asks the
rules about every new and changed ORM row as it will be stored, so a dialog's save, a
paste, a command-line argument and a returns collect are refused the same way, with one
line naming the record, the field and why (`RuleRefused`, a `UserError`: exit 2 on the
command line, a dialog in the window). The flush raises before anything is written, and
the session's transaction rolls back: the database is unchanged.

A changed row is refused only for a problem the change brings: a row that already broke
a rule (data from before the rule existed) can still be edited in its other fields.

Writers that use Core rather than the ORM (the workbook import's `io/store`, the evidence
blob) call the same rules: `check_values(conn, table, row)` for a row they insert,
`check_update(conn, table, id, changes)` for columns they update (the stored row is
merged with the changes and checked whole).

Codes are stored normalised (`m01`, `Ｍ０１` → `M01`) whichever door they came through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, String, event, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.schema import Table

from desktop_app.db.models import (
    AuditEntry,
    Base,
    FundingPlan,
    FundingYear,
    Indicator,
    StartupTranche,
)
from desktop_app.db.types import ScaledDecimal
from desktop_app.domain import rules
from desktop_app.domain.funding import FundingPlanSpec, Tranche
from desktop_app.domain.money import fen_to_wan
from desktop_app.errors import UserError
from desktop_app.i18n import register, t

register({"{reason} (and {n} more)": "{reason}(另有 {n} 处)"})

_SCHEMAS: dict[str, rules.Schema] = {}


class RuleRefused(UserError):
    """A row broke a rule; nothing was written. The message is one line (the first
    refusal, and how many more); `lines` holds them all."""

    def __init__(self, lines: list[str]) -> None:
        first = lines[0] if lines else ""
        more = len(lines) - 1
        super().__init__(t("{reason} (and {n} more)", reason=first, n=more) if more else first)
        self.lines = lines


def table(name: str) -> Table:
    """The table a Core writer inserts into or updates (the workbook import, returns):
    the schema's own, with its column defaults. Writers outside db/ take it from here, so
    they name no ORM model; their reads use `db/tables.py`."""
    return Base.metadata.tables[name]


def schema_of(table: str) -> rules.Schema:
    """Column lengths and decimal places of `table`, read from the model once."""
    found = _SCHEMAS.get(table)
    if found is None:
        tab: Table | None = Base.metadata.tables.get(table)
        lengths: dict[str, int] = {}
        places: dict[str, int] = {}
        for col in tab.columns if tab is not None else ():
            if isinstance(col.type, String) and col.type.length:
                lengths[col.name] = col.type.length
            elif isinstance(col.type, ScaledDecimal):
                places[col.name] = col.type.scale
        found = _SCHEMAS[table] = rules.Schema(lengths, places)
    return found


def plan_spec(conn: Connection | Session, project_id: int) -> FundingPlanSpec | None:
    """A project's stored plan as the domain sees it (None: it has none)."""
    plan = conn.execute(select(FundingPlan.__table__).where(FundingPlan.project_id == project_id))
    row = plan.mappings().first()
    if row is None:
        return None
    years = (
        conn.execute(
            select(FundingYear.__table__)
            .where(FundingYear.plan_id == row["id"])
            .order_by(FundingYear.year)
        )
        .mappings()
        .all()
    )
    tranches = conn.execute(
        select(StartupTranche.year, StartupTranche.amount_fen)
        .where(StartupTranche.plan_id == row["id"])
        .order_by(StartupTranche.seq)
    ).all()
    caps = tuple(fen_to_wan(y["reward_cap_fen"] or 0) for y in years)
    return FundingPlanSpec(
        first_year=row["first_year"],
        years=row["years"],
        mode=row["taper_mode"],
        first_amount=fen_to_wan(row["first_amount_fen"] or 0),
        step=fen_to_wan(row["step_fen"]) if row["step_fen"] is not None else None,
        rate=row["rate"],
        floor=fen_to_wan(row["floor_fen"] or 0),
        manual=tuple(fen_to_wan(y["manual_fixed_fen"] or 0) for y in years)
        if row["taper_mode"] == "manual"
        else None,
        reward_caps=caps if any(caps) else (),
        startup_grant=fen_to_wan(row["startup_grant_fen"] or 0),
        startup_year=row["startup_year"],
        tranches=tuple(Tranche(y, fen_to_wan(f)) for y, f in tranches),
    )


def _indicator(conn: Connection | Session, indicator_id: int) -> dict[str, Any] | None:
    found = conn.execute(
        select(Indicator.weight, Indicator.direction, Indicator.allow_negative).where(
            Indicator.id == indicator_id
        )
    ).first()
    if found is None:
        return None
    return {"weight": found[0], "direction": found[1], "allow_negative": found[2]}


#: What one flush has read already: (kind, id) → the plan or indicator (payments of one
#: project share their plan: a demo build flushes 108 of them at once).
_Cache = dict[tuple[str, int], Any]


def context_of(
    conn: Connection | Session, table: str, row: Mapping[str, Any], cache: _Cache | None = None
) -> rules.Context:
    """What the row's rules depend on, read in the writer's own transaction."""
    cache = {} if cache is None else cache
    plan = None
    indicator = None
    if rules.needs_plan(table) and isinstance(row.get("project_id"), int):
        key = ("plan", row["project_id"])
        if key not in cache:
            cache[key] = plan_spec(conn, row["project_id"])
        plan = cache[key]
    if rules.needs_indicator(table) and isinstance(row.get("indicator_id"), int):
        key = ("indicator", row["indicator_id"])
        if key not in cache:
            cache[key] = _indicator(conn, row["indicator_id"])
        indicator = cache[key]
    return rules.Context(plan=plan, indicator=indicator)


def refusals(
    conn: Connection | Session,
    table: str,
    row: Mapping[str, Any],
    *,
    before: Mapping[str, Any] | None = None,
    cache: _Cache | None = None,
) -> list[str]:
    """One line per rule `row` breaks (that `before`, the row as it was, did not)."""
    schema = schema_of(table)
    ctx = context_of(conn, table, row, cache)
    found = rules.problems(table, row, schema=schema, context=ctx)
    if before is not None and found:
        had = set(rules.problems(table, before, schema=schema, context=ctx))
        found = [p for p in found if p not in had]
    return [rules.message(table, row, p) for p in found]


def check_values(
    conn: Connection | Session,
    table: str,
    row: Mapping[str, Any],
    *,
    before: Mapping[str, Any] | None = None,
    cache: _Cache | None = None,
) -> dict[str, Any]:
    """The row to store (codes normalised), or `RuleRefused` naming record, field and why.

    For writers that insert or update with Core (the workbook import, evidence blobs):
    `row` is the row as it will be stored, after any merge; `before` the stored row when
    it is an update (only problems the write brings are refused); `cache`, one dict
    shared by the rows of one write, reads each plan once.
    """
    fixed = {**row, **rules.normalised(table, row)}
    lines = refusals(conn, table, fixed, before=before, cache=cache)
    if lines:
        raise RuleRefused(lines)
    return fixed


def check_update(
    conn: Connection | Session,
    table: str,
    row_id: int,
    changes: Mapping[str, Any],
    *,
    cache: _Cache | None = None,
) -> dict[str, Any]:
    """For a Core UPDATE of some columns of one row: the stored row is read (in the
    writer's transaction), `changes` laid over it, and the merged row checked as it will
    be stored — so two sides that are each valid but together invalid are refused. The
    changes to write (codes normalised), or `RuleRefused`."""
    tab = Base.metadata.tables[table]
    stored = conn.execute(select(tab).where(tab.c.id == row_id)).mappings().first()
    before = dict(stored) if stored is not None else None
    merged = {**(before or {}), **changes}
    fixed = check_values(conn, table, merged, before=before, cache=cache)
    return {k: fixed[k] for k in changes}


def _default(col: Any) -> Any:
    default = col.default
    if default is not None and default.is_scalar:
        return default.arg
    return None


def _rows(
    session: Session, obj: Base, known: Mapping[tuple[int, str], Any]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(the row as it will be stored, the row as it was — None for a new one)."""
    state = inspect(obj)
    after: dict[str, Any] = {}
    before: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        col = attr.columns[0]
        if state.identity is None:
            value = state.dict.get(attr.key)
            after[col.name] = _default(col) if value is None else value
            continue
        hist = state.attrs[attr.key].history
        value = getattr(obj, attr.key)
        after[col.name] = value
        if hist.deleted:
            before[col.name] = hist.deleted[0]
        elif hist.added:
            before[col.name] = known.get((id(obj), attr.key), value)
        else:
            before[col.name] = value
    return after, (before if state.identity is not None else None)


def _changed(obj: Base) -> bool:
    state = inspect(obj)
    return any(state.attrs[a.key].history.has_changes() for a in state.mapper.column_attrs)


def check_session(session: Session) -> None:
    """Normalise and check every new and changed row of this flush; `RuleRefused` if any
    breaks a rule."""
    known: Mapping[tuple[int, str], Any] = session.info.get("audit_before", {})
    lines: list[str] = []
    cache: _Cache = {}
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, AuditEntry) or not isinstance(obj, Base):
            continue
        if obj in session.deleted or (inspect(obj).identity is not None and not _changed(obj)):
            continue
        table = obj.__tablename__
        after, before = _rows(session, obj, known)
        for key, value in rules.normalised(table, after).items():
            setattr(obj, key, value)
            after[key] = value
        lines += refusals(session, table, after, before=before, cache=cache)
    if lines:
        raise RuleRefused(lines)


def install(factory: sessionmaker[Session]) -> None:
    """Make every session from `factory` refuse rows that break a rule (before they flush)."""

    @event.listens_for(factory, "before_flush")
    def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
        check_session(session)


__all__ = [
    "RuleRefused",
    "check_session",
    "check_update",
    "check_values",
    "install",
    "plan_spec",
    "table",
]
