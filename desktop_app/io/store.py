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

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from desktop_app.db.audit import FieldChange, record
from desktop_app.db.models import (
    Disbursement,
    DistrictIndicator,
    DistrictValue,
    Evaluation,
    FundingPlan,
    FundingYear,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
    StartupTranche,
    Zone,
)
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


def _table(sheet: S.Sheet) -> Table:
    return {
        "projects": Project,
        "milestones": Milestone,
        "funding_plans": FundingPlan,
        "funding_years": FundingYear,
        "disbursements": Disbursement,
        "indicators": Indicator,
        "actuals": IndicatorActual,
        "evaluations": Evaluation,
        "district_indicators": DistrictIndicator,
        "district_values": DistrictValue,
    }[sheet.name].__table__  # type: ignore[return-value]


def _queries() -> dict[str, Any]:
    P, M, FP, FY = Project, Milestone, FundingPlan, FundingYear
    D, IN, A, E = Disbursement, Indicator, IndicatorActual, Evaluation
    DI, DV = DistrictIndicator, DistrictValue
    return {
        "projects": select(
            P.id,
            P.version,
            P.no,
            P.name_zh,
            P.name_en,
            P.status,
            Zone.code.label("zone"),
            P.lead_org,
            P.start_date,
            P.end_date,
            P.summary_zh,
            P.notes,
        )
        .outerjoin(Zone, P.zone_id == Zone.id)
        .order_by(P.no),
        "milestones": select(
            M.id,
            M.version,
            P.no.label("project_no"),
            M.code,
            M.title,
            M.deliverable,
            M.owner,
            M.planned_start,
            M.planned_end,
            M.baseline_start,
            M.baseline_end,
            M.actual_start,
            M.actual_end,
            M.percent_complete,
            M.status,
            M.cancel_reason,
            M.notes,
            M.sort_order,
        )
        .join(P, M.project_id == P.id)
        .order_by(P.no, M.sort_order, M.code),
        "funding_plans": select(
            FP.id,
            FP.version,
            P.no.label("project_no"),
            FP.startup_grant_fen.label("startup_grant"),
            FP.startup_year,
            FP.taper_mode,
            FP.first_year,
            FP.years,
            FP.first_amount_fen.label("first_amount"),
            FP.step_fen.label("step"),
            FP.rate,
            FP.floor_fen.label("floor"),
            FP.notes,
        )
        .join(P, FP.project_id == P.id)
        .order_by(P.no),
        "funding_years": select(
            FY.id,
            P.no.label("project_no"),
            FY.year,
            FY.manual_fixed_fen.label("manual_fixed"),
            FY.reward_cap_fen.label("reward_cap"),
        )
        .join(FP, FY.plan_id == FP.id)
        .join(P, FP.project_id == P.id)
        .order_by(P.no, FY.year),
        "disbursements": select(
            D.id,
            D.version,
            P.no.label("project_no"),
            D.paid_on,
            D.amount_fen.label("amount"),
            D.kind,
            D.for_year,
            D.doc_no,
            D.note,
        )
        .join(P, D.project_id == P.id)
        .order_by(P.no, D.paid_on, D.id),
        "indicators": select(
            IN.id,
            IN.version,
            P.no.label("project_no"),
            IN.year,
            IN.code,
            IN.name,
            IN.unit,
            IN.weight,
            IN.target,
            IN.direction,
            IN.allow_negative,
            IN.sort_order,
        )
        .join(P, IN.project_id == P.id)
        .order_by(P.no, IN.year, IN.sort_order, IN.code),
        "actuals": select(
            A.id,
            A.version,
            P.no.label("project_no"),
            IN.year,
            IN.code,
            A.quarter,
            A.ytd_value,
            A.note,
        )
        .join(IN, A.indicator_id == IN.id)
        .join(P, IN.project_id == P.id)
        .order_by(P.no, IN.year, IN.code, A.quarter),
        "evaluations": select(
            E.id,
            E.version,
            P.no.label("project_no"),
            E.year,
            E.total,
            E.computed_grade,
            E.grade,
            E.override_reason,
            E.evaluated_on,
            E.notes,
        )
        .join(P, E.project_id == P.id)
        .order_by(P.no, E.year),
        "district_indicators": select(
            DI.id,
            DI.version,
            DI.no,
            DI.name_zh,
            DI.name_en,
            DI.unit,
            DI.kind,
        ).order_by(DI.no),
        "district_values": select(
            DV.id,
            DV.version,
            DI.no.label("indicator_no"),
            DV.year,
            DV.value,
        )
        .join(DI, DV.indicator_id == DI.id)
        .order_by(DI.no, DV.year),
    }


def load_rows(session: Session, sheet: S.Sheet) -> list[dict[str, Any]]:
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


def load_current(session: Session) -> Current:
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
    for z in session.execute(select(Zone.id, Zone.code, Zone.name_zh, Zone.name_en)):
        cur.zone_ids[z.code] = z.id
        for spelling in (z.code, z.name_zh, z.name_en):
            if spelling:
                cur.zones[spelling.casefold()] = z.code
    q = (
        select(Project.no, StartupTranche.year, StartupTranche.amount_fen)
        .join(FundingPlan, StartupTranche.plan_id == FundingPlan.id)
        .join(Project, FundingPlan.project_id == Project.id)
        .order_by(Project.no, StartupTranche.seq)
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
    if sheet_name == "projects":
        return {(no,): i for no, i in session.execute(select(Project.no, Project.id))}
    if sheet_name == "funding_plans":
        plans = select(Project.no, FundingPlan.id).join(
            Project, FundingPlan.project_id == Project.id
        )
        return {(no,): i for no, i in session.execute(plans)}
    if sheet_name == "indicators":
        indicators = select(Project.no, Indicator.year, Indicator.code, Indicator.id).join(
            Project, Indicator.project_id == Project.id
        )
        return {(no, y, c): i for no, y, c, i in session.execute(indicators)}
    district = select(DistrictIndicator.no, DistrictIndicator.id)
    return {(no,): i for no, i in session.execute(district)}


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


def _fresh_rows(
    session: Session, sheet: S.Sheet, table: Table, ids: list[int]
) -> dict[int, dict[str, Any]]:
    """The rows about to change, as they are now, read (and locked) in this transaction."""
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
        table = extra_sheets.TABLES[sheet.name] if own else _table(sheet)
        for parent in ("projects", _PARENT.get(sheet.name)):
            if parent and parent not in ids:
                ids[parent] = _ids(session, parent)
        if own:
            audit(_own_sheet_audit(sheet, table.name, changes, ids["projects"]))
            continue
        adds = [c for c in changes if c.record is None]
        updates = [c for c in changes if c.record is not None]
        if updates:
            fresh = _fresh_rows(session, sheet, table, [c.record.id for c in updates if c.record])
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
