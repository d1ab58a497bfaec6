"""The database side of the workbook: current rows in sheet form, and writing a plan back.

Reads and writes use Core statements (a few queries per table, any portfolio size); the
audit trail is written through `audit.record()` (one entry per field, the shape the ORM
hook writes), in the same transaction as the change.

No lost update: inside the write transaction the rows about to change are read again
(locked: `FOR UPDATE` on PostgreSQL, the write lock taken first on SQLite) and must
still be the versions the import was planned on; each UPDATE then says
`WHERE id = :id AND version = :v` and its row count is checked. Any difference refuses
the whole import (`StaleImport`, naming file, sheet and row) and nothing is written.
The audit "before" values come from that same read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TableClause

from desktop_app.db import door
from desktop_app.db import tables as T
from desktop_app.db.audit import FieldChange, record
from desktop_app.domain.periods import now
from desktop_app.i18n import register, t
from desktop_app.io import extra_sheets
from desktop_app.io import sheets as S
from desktop_app.io.validate import text_cell

register(
    {
        "{file}, {sheet}, row {row}: this row was changed in the database while the import was being written; nothing was imported. Import again to see the change.": "{file},{sheet},第 {row} 行:导入写入期间此行已在数据库中被修改,未导入任何数据。请重新导入以查看该修改。",  # noqa: E501
    }
)

HUNDRED = Decimal(100)
CHUNK = 500
#: Rows added per INSERT … RETURNING (and audited together).
ADD_CHUNK = 5_000

Key = tuple[Any, ...]


@dataclass
class Record:
    id: int
    version: int
    row: dict[str, Any]


@dataclass
class Current:
    """Every importable table as `key → Record`, plus the references the rules need."""

    tables: dict[str, dict[Key, Record]] = field(default_factory=dict)
    zones: dict[str, str] = field(default_factory=dict)  # any spelling (casefolded) → code
    zone_ids: dict[str, int] = field(default_factory=dict)
    tranches: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # project no → …
    refs: Any = None  # io.extra_sheets.References: domain and plan-period codes

    def key_of(self, sheet: S.Sheet, row: Mapping[str, Any]) -> Key:
        return tuple(row[f] for f in sheet.key)


#: The table behind each generic sheet.
TABLE_NAMES = {
    "projects": "project",
    "milestones": "milestone",
    "funding_plans": "funding_plan",
    "funding_years": "funding_year",
    "disbursements": "disbursement",
    "indicators": "indicator",
    "actuals": "indicator_actual",
    "evaluations": "evaluation",
    "district_indicators": "district_indicator",
    "district_values": "district_value",
}


def _table(sheet: S.Sheet) -> Table:
    """The table a sheet's rows are written to (the door's: with its column defaults)."""
    return door.table(TABLE_NAMES[sheet.name])


def _read_table(sheet: S.Sheet) -> TableClause:
    """The same table as the reads see it (`db/tables.py`)."""
    found: TableClause = getattr(T, TABLE_NAMES[sheet.name])
    return found


def _queries() -> dict[str, Any]:
    P, M, FP, FY = T.project, T.milestone, T.funding_plan, T.funding_year
    D, IN, A, E = T.disbursement, T.indicator, T.indicator_actual, T.evaluation
    DI, DV, Zone = T.district_indicator, T.district_value, T.zone
    return {
        "projects": select(
            P.c.id,
            P.c.version,
            P.c.no,
            P.c.name_zh,
            P.c.name_en,
            P.c.status,
            Zone.c.code.label("zone"),
            P.c.lead_org,
            P.c.start_date,
            P.c.end_date,
            P.c.summary_zh,
            P.c.notes,
        )
        .outerjoin(Zone, P.c.zone_id == Zone.c.id)
        .order_by(P.c.no),
        "milestones": select(
            M.c.id,
            M.c.version,
            P.c.no.label("project_no"),
            M.c.code,
            M.c.title,
            M.c.deliverable,
            M.c.owner,
            M.c.planned_start,
            M.c.planned_end,
            M.c.baseline_start,
            M.c.baseline_end,
            M.c.actual_start,
            M.c.actual_end,
            M.c.percent_complete,
            M.c.status,
            M.c.cancel_reason,
            M.c.notes,
            M.c.sort_order,
        )
        .join(P, M.c.project_id == P.c.id)
        .order_by(P.c.no, M.c.sort_order, M.c.code),
        "funding_plans": select(
            FP.c.id,
            FP.c.version,
            P.c.no.label("project_no"),
            FP.c.startup_grant_fen.label("startup_grant"),
            FP.c.startup_year,
            FP.c.taper_mode,
            FP.c.first_year,
            FP.c.years,
            FP.c.first_amount_fen.label("first_amount"),
            FP.c.step_fen.label("step"),
            FP.c.rate,
            FP.c.floor_fen.label("floor"),
            FP.c.notes,
        )
        .join(P, FP.c.project_id == P.c.id)
        .order_by(P.c.no),
        "funding_years": select(
            FY.c.id,
            P.c.no.label("project_no"),
            FY.c.year,
            FY.c.manual_fixed_fen.label("manual_fixed"),
            FY.c.reward_cap_fen.label("reward_cap"),
        )
        .join(FP, FY.c.plan_id == FP.c.id)
        .join(P, FP.c.project_id == P.c.id)
        .order_by(P.c.no, FY.c.year),
        "disbursements": select(
            D.c.id,
            D.c.version,
            P.c.no.label("project_no"),
            D.c.paid_on,
            D.c.amount_fen.label("amount"),
            D.c.kind,
            D.c.for_year,
            D.c.doc_no,
            D.c.note,
        )
        .join(P, D.c.project_id == P.c.id)
        .order_by(P.c.no, D.c.paid_on, D.c.id),
        "indicators": select(
            IN.c.id,
            IN.c.version,
            P.c.no.label("project_no"),
            IN.c.year,
            IN.c.code,
            IN.c.name,
            IN.c.unit,
            IN.c.weight,
            IN.c.target,
            IN.c.direction,
            IN.c.allow_negative,
            IN.c.sort_order,
        )
        .join(P, IN.c.project_id == P.c.id)
        .order_by(P.c.no, IN.c.year, IN.c.sort_order, IN.c.code),
        "actuals": select(
            A.c.id,
            A.c.version,
            P.c.no.label("project_no"),
            IN.c.year,
            IN.c.code,
            A.c.quarter,
            A.c.ytd_value,
            A.c.note,
        )
        .join(IN, A.c.indicator_id == IN.c.id)
        .join(P, IN.c.project_id == P.c.id)
        .order_by(P.c.no, IN.c.year, IN.c.code, A.c.quarter),
        "evaluations": select(
            E.c.id,
            E.c.version,
            P.c.no.label("project_no"),
            E.c.year,
            E.c.total,
            E.c.computed_grade,
            E.c.grade,
            E.c.override_reason,
            E.c.evaluated_on,
            E.c.notes,
        )
        .join(P, E.c.project_id == P.c.id)
        .order_by(P.c.no, E.c.year),
        "district_indicators": select(
            DI.c.id,
            DI.c.version,
            DI.c.no,
            DI.c.name_zh,
            DI.c.name_en,
            DI.c.unit,
            DI.c.kind,
        ).order_by(DI.c.no),
        "district_values": select(
            DV.c.id,
            DV.c.version,
            DI.c.no.label("indicator_no"),
            DV.c.year,
            DV.c.value,
        )
        .join(DI, DV.c.indicator_id == DI.c.id)
        .order_by(DI.c.no, DV.c.year),
    }


def load_rows(session: Connection | Session, sheet: S.Sheet) -> list[dict[str, Any]]:
    """A table's rows as sheet rows (with `id` and `version`), in workbook order.

    Canonical form: text never None, the taper rate as a percent.
    """
    return _sheet_rows(sheet, session.execute({**_queries(), **extra_sheets.queries()}[sheet.name]))


def _sheet_rows(sheet: S.Sheet, result: Any) -> list[dict[str, Any]]:
    keys = list(result.keys())
    rows = [dict(zip(keys, r, strict=True)) for r in result]
    texts = [c.field for c in sheet.columns if c.kind == S.TEXT and c.field in keys]
    for row in rows:
        for f in texts:  # in the reader's form (io/validate.text_cell): compared as equal
            value = row[f]
            row[f] = "" if value is None else text_cell(f, value)
    if "rate" in keys:
        for row in rows:
            if row["rate"] is not None:
                row["rate"] = (row["rate"] * HUNDRED).quantize(Decimal("0.0001"))
    return rows


def load_current(session: Connection | Session) -> Current:
    cur = Current()
    for sheet in S.IMPORTED:
        table: dict[Key, Record] = {}
        keyed_by_id = "id" in sheet.key
        for row in load_rows(session, sheet):
            rid = row["id"] if keyed_by_id else row.pop("id")
            ver = row.pop("version", 0)
            table.setdefault(tuple(row[f] for f in sheet.key), Record(rid, ver, row))
        cur.tables[sheet.name] = table
    cur.refs = extra_sheets.References(session)
    z_ = T.zone.c
    for z in session.execute(select(z_.id, z_.code, z_.name_zh, z_.name_en)):
        cur.zone_ids[z.code] = z.id
        for spelling in (z.code, z.name_zh, z.name_en):
            if spelling:
                cur.zones[spelling.casefold()] = z.code
    p, fp, tr = T.project.c, T.funding_plan.c, T.startup_tranche.c
    q = (
        select(p.no, tr.year, tr.amount_fen)
        .join(T.funding_plan, tr.plan_id == fp.id)
        .join(T.project, fp.project_id == p.id)
        .order_by(p.no, tr.seq)
    )
    for no, year, fen in session.execute(q):
        cur.tranches.setdefault(no, []).append((year, fen))
    return cur


# ---------------------------------------------------------------- writing


@dataclass
class Change:
    record: Record | None  # None: a new row
    row: dict[str, Any]  # the row as written: the database's values overlaid with the applied
    fields: tuple[str, ...] = ()  # changed fields (updates only)
    sheet_title: str = ""  # where the change came from, for a refusal
    row_number: int = 0


def _db_values(sheet: S.Sheet, row: Mapping[str, Any], cur: Current) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in sheet.import_columns:
        name, value = col.field, row[col.field]
        if (
            name in ("project_no", "indicator_no", "id")
            or (sheet.name == "actuals" and name in ("year", "code"))
            or (sheet.name == "funding_years" and name == "project_no")
        ):
            continue
        out[_db_column(col)] = _db_value(col, value, cur)
    return out


def _db_column(col: S.Column) -> str:
    if col.kind == S.AMOUNT:
        return f"{col.field}_fen"
    if col.field == "zone":
        return "zone_id"
    return col.field


def _db_value(col: S.Column, value: Any, cur: Current) -> Any:
    if col.kind == S.AMOUNT:
        return value
    if col.field == "rate":
        return None if value is None else value / HUNDRED
    if col.field == "zone":
        return cur.zone_ids.get(value) if value else None
    if col.kind == S.PERCENT:
        return int(value or 0)
    return value


def _ids(session: Session, sheet_name: str) -> dict[Key, int]:
    """Fresh stable key → id of a table, after inserts."""
    p, fp, ind, di = T.project.c, T.funding_plan.c, T.indicator.c, T.district_indicator.c
    if sheet_name == "projects":
        return {(no,): i for no, i in session.execute(select(p.no, p.id))}
    if sheet_name == "funding_plans":
        plans = select(p.no, fp.id).join(T.project, fp.project_id == p.id)
        return {(no,): i for no, i in session.execute(plans)}
    if sheet_name == "indicators":
        indicators = select(p.no, ind.year, ind.code, ind.id).join(
            T.project, ind.project_id == p.id
        )
        return {(no, y, c): i for no, y, c, i in session.execute(indicators)}
    return {(no,): i for no, i in session.execute(select(di.no, di.id))}


def _foreign(
    sheet: S.Sheet, row: Mapping[str, Any], ids: Mapping[str, dict[Key, int]]
) -> dict[str, int]:
    name = sheet.name
    if name == "funding_years":
        return {"plan_id": ids["funding_plans"][(row["project_no"],)]}
    if name == "actuals":
        key = (row["project_no"], row["year"], row["code"])
        return {"indicator_id": ids["indicators"][key]}
    if name == "district_values":
        return {"indicator_id": ids["district_indicators"][(row["indicator_no"],)]}
    if "project_no" in row:
        return {"project_id": ids["projects"][(row["project_no"],)]}
    return {}


_PARENT = {
    "funding_years": "funding_plans",
    "actuals": "indicators",
    "district_values": "district_indicators",
}
_PARENTS = ("projects", "funding_plans", "indicators", "district_indicators")


class StaleImport(Exception):
    """A row changed in the database after the import was planned: nothing is written."""

    def __init__(self, sheet_title: str, row_number: int) -> None:
        super().__init__(f"{sheet_title}, row {row_number}")
        self.sheet_title = sheet_title
        self.row_number = row_number

    def message(self, file: str) -> str:
        return t(
            "{file}, {sheet}, row {row}: this row was changed in the database while the "
            "import was being written; nothing was imported. Import again to see the change.",
            file=file,
            sheet=self.sheet_title,
            row=self.row_number,
        )


def _take_write_lock(session: Session) -> None:
    """SQLite: hold the write lock from the start, so the rows read next cannot change
    before they are written (PostgreSQL locks them with FOR UPDATE instead)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE setting SET key = key WHERE 1 = 0"))


def _fresh_rows(session: Session, sheet: S.Sheet, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The rows about to change, as they are now, read (and locked) in this transaction."""
    table = _read_table(sheet)
    out: dict[int, dict[str, Any]] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for i in range(0, len(ids), CHUNK):
        q = _queries()[sheet.name].where(table.c.id.in_(ids[i : i + CHUNK]))
        if postgres:
            q = q.with_for_update(of=table)
        for row in _sheet_rows(sheet, session.execute(q)):
            out[row["id"]] = row
    return out


def _same(a: Any, b: Any) -> bool:
    return a == b or (a in (None, "") and b in (None, ""))


def _check_fresh(sheet: S.Sheet, updates: list[Change], fresh: dict[int, dict[str, Any]]) -> None:
    """Each row must still be the one the import was planned on (its version, or — for a
    table without versions — every value)."""
    for c in updates:
        assert c.record is not None
        now_row = fresh.get(c.record.id)
        if now_row is None:
            raise StaleImport(c.sheet_title, c.row_number)
        if "version" in now_row:
            if now_row["version"] != c.record.version:
                raise StaleImport(c.sheet_title, c.row_number)
        elif any(not _same(now_row.get(f), v) for f, v in c.record.row.items()):
            raise StaleImport(c.sheet_title, c.row_number)


def _update(
    session: Session, sheet: S.Sheet, table: Table, updates: list[Change], cur: Current
) -> None:
    """Compare-and-swap UPDATEs (`WHERE id = :id AND version = :v`), row count checked."""
    cols = list(_db_values(sheet, updates[0].row, cur))
    stmt = update(table).where(table.c.id == bindparam("_id"))
    versioned = "version" in table.c
    if versioned:
        stmt = stmt.where(table.c.version == bindparam("_v"))
        stmt = stmt.values(version=table.c.version + 1)
    stmt = stmt.values({c: bindparam(f"v_{c}") for c in cols})
    params = []
    for c in updates:
        assert c.record is not None
        values = {f"v_{k}": v for k, v in _db_values(sheet, c.row, cur).items()}
        params.append({"_id": c.record.id, "_v": c.record.version} | values)
    result = session.execute(stmt, params)
    if result.rowcount != len(params):  # type: ignore[attr-defined]
        first = updates[0]
        raise StaleImport(first.sheet_title, first.row_number)


def _project_of(sheet: S.Sheet, row: Mapping[str, Any], pid_of: Mapping[Key, int]) -> int | None:
    pno = row.get("no") if sheet.name == "projects" else row.get("project_no")
    return pid_of.get((pno,)) if pno is not None else None


def apply_changes(
    session: Session,
    plan: Iterable[tuple[S.Sheet, list[Change]]],
    cur: Current,
    *,
    reason: str,
    officer: str = "",
    os_user: str = "",
) -> None:
    """Write every add and change of `plan`, sheet by sheet, in the caller's transaction.

    Raises `StaleImport` (the caller rolls back) when a row changed since it was read.
    """
    ids: dict[str, dict[Key, int]] = {}
    stamp = now()  # one time for every entry of the import, as when they were written at once

    def audit(entries: Iterable[FieldChange]) -> None:
        record(session, entries, officer=officer, os_user=os_user, reason=reason, at=stamp)

    _take_write_lock(session)
    for sheet, changes in plan:
        own = extra_sheets.write(session, sheet, changes)  # its own tables; audited here
        table = door.table(extra_sheets.TABLES[sheet.name]) if own else _table(sheet)
        for parent in ("projects", _PARENT.get(sheet.name)):
            if parent and parent not in ids:
                ids[parent] = _ids(session, parent)
        if own:
            audit(_own_sheet_audit(sheet, table.name, changes, ids["projects"]))
            continue
        adds = [c for c in changes if c.record is None]
        updates = [c for c in changes if c.record is not None]
        if updates:
            fresh = _fresh_rows(session, sheet, [c.record.id for c in updates if c.record])
            _check_fresh(sheet, updates, fresh)
            _update(session, sheet, table, updates, cur)
            audit(_update_audit(sheet, table.name, updates, fresh, cur, ids["projects"]))
            del fresh
        # Added rows go in chunks, each audited at once: a 150,000-row workbook never
        # holds every row's parameters and audit entries together (issue 29).
        for start in range(0, len(adds), ADD_CHUNK):
            chunk = adds[start : start + ADD_CHUNK]
            values = []
            for c in chunk:
                v = _db_values(sheet, c.row, cur) | _foreign(sheet, c.row, ids)
                if "is_sample" in table.c:
                    v["is_sample"] = False
                if "version" in table.c:
                    v["version"] = 1
                values.append(v)
            new_ids = session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), values
            ).scalars()
            pid_of = ids["projects"]
            audit(
                FieldChange(
                    table.name,
                    new_id,
                    new_id if sheet.name == "projects" else _project_of(sheet, c.row, pid_of),
                    "insert",
                    k,
                    None,
                    value,
                )
                for c, v, new_id in zip(chunk, values, list(new_ids), strict=True)
                for k, value in v.items()
                if k != "version"
            )
        if adds and sheet.name in _PARENTS:
            ids[sheet.name] = _ids(session, sheet.name)


def _update_audit(
    sheet: S.Sheet,
    table: str,
    updates: list[Change],
    fresh: dict[int, dict[str, Any]],
    cur: Current,
    pid_of: Mapping[Key, int],
) -> Iterable[FieldChange]:
    """One entry per changed field of each updated row, its "before" as read in this
    transaction."""
    cols = {c.field: c for c in sheet.import_columns}
    for c in updates:
        assert c.record is not None
        before_row = fresh[c.record.id]
        pid = _project_of(sheet, c.row, pid_of)
        for f in c.fields:
            col = cols[f]
            yield FieldChange(
                table,
                c.record.id,
                pid,
                "update",
                _db_column(col),
                _db_value(col, before_row.get(f), cur),
                _db_value(col, c.row.get(f), cur),
            )


def _own_sheet_audit(
    sheet: S.Sheet, table: str, changes: list[Change], pid_of: dict[Key, int]
) -> list[FieldChange]:
    """Audit rows for the sheets `extra_sheets` writes itself (keyed by their sheet key)."""
    out: list[FieldChange] = []
    for c in changes:
        key = "/".join(str(c.row.get(f, "")) for f in sheet.key)
        row_id: int | str = c.record.id if c.record is not None else key
        pid = _project_of(sheet, c.row, pid_of)
        if c.record is None:
            out.extend(
                FieldChange(table, row_id, pid, "insert", f, None, v) for f, v in c.row.items()
            )
        else:
            out.extend(
                FieldChange(table, row_id, pid, "update", f, c.record.row.get(f), c.row.get(f))
                for f in c.fields
            )
    return out
