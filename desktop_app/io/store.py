"""The database side of the workbook: current rows in sheet form, and writing a plan back.

Reads and writes use Core statements (a few queries per table, any portfolio size); the
audit trail is written here, one entry per added row and per changed field, in the same
transaction as the change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.db.models import (
    AuditEntry,
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
from desktop_app.io import extra_sheets
from desktop_app.io import sheets as S

HUNDRED = Decimal(100)
CHUNK = 500

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
    result = session.execute({**_queries(), **extra_sheets.queries()}[sheet.name])
    keys = list(result.keys())
    rows = [dict(zip(keys, r, strict=True)) for r in result]
    texts = [c.field for c in sheet.columns if c.kind == S.TEXT and c.field in keys]
    for row in rows:
        for f in texts:
            if row[f] is None:
                row[f] = ""
    if "rate" in keys:
        for row in rows:
            if row["rate"] is not None:
                row["rate"] = (row["rate"] * HUNDRED).quantize(Decimal("0.0001"))
    return rows


def load_current(session: Session) -> Current:
    cur = Current()
    for sheet in S.IMPORTED:
        table: dict[Key, Record] = {}
        for row in load_rows(session, sheet):
            rid, ver = row.pop("id"), row.pop("version", 0)
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
    row: dict[str, Any]
    fields: tuple[str, ...] = ()  # changed fields (updates only)


def _db_values(sheet: S.Sheet, row: Mapping[str, Any], cur: Current) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in sheet.import_columns:
        name, value = col.field, row[col.field]
        if (
            name in ("project_no", "indicator_no")
            or (sheet.name == "actuals" and name in ("year", "code"))
            or (sheet.name == "funding_years" and name == "project_no")
        ):
            continue
        if col.kind == S.AMOUNT:
            out[f"{name}_fen"] = value
        elif name == "rate":
            out["rate"] = None if value is None else value / HUNDRED
        elif name == "zone":
            out["zone_id"] = cur.zone_ids.get(value) if value else None
        elif col.kind == S.PERCENT:
            out[name] = int(value or 0)
        else:
            out[name] = value
    return out


def _ids(session: Session, sheet_name: str) -> dict[Key, int]:
    """Fresh stable key → id of a table, after inserts."""
    if sheet_name == "projects":
        q = select(Project.no, Project.id)
        return {(no,): i for no, i in session.execute(q)}
    if sheet_name == "funding_plans":
        q = select(Project.no, FundingPlan.id).join(Project, FundingPlan.project_id == Project.id)
        return {(no,): i for no, i in session.execute(q)}
    if sheet_name == "indicators":
        q = select(Project.no, Indicator.year, Indicator.code, Indicator.id).join(
            Project, Indicator.project_id == Project.id
        )
        return {(no, y, c): i for no, y, c, i in session.execute(q)}
    q = select(DistrictIndicator.no, DistrictIndicator.id)
    return {(no,): i for no, i in session.execute(q)}


def _foreign(sheet: S.Sheet, row: Mapping[str, Any], ids: Mapping[str, dict[Key, int]]) -> dict:
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


def _audit_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _key_text(sheet: S.Sheet, row: Mapping[str, Any]) -> str:
    return "/".join(_audit_text(row[f]) or "" for f in sheet.key)[:100]


_PARENT = {
    "funding_years": "funding_plans",
    "actuals": "indicators",
    "district_values": "district_indicators",
}
_PARENTS = ("projects", "funding_plans", "indicators", "district_indicators")


class StaleImport(Exception):
    """A row changed in the database between preview and write."""


def _check_versions(session: Session, table: Table, changes: list[Change]) -> None:
    if "version" not in table.c:
        return
    wanted = {c.record.id: c.record.version for c in changes if c.record is not None}
    ids = list(wanted)
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        found = dict(
            session.execute(select(table.c.id, table.c.version).where(table.c.id.in_(part))).all()
        )
        if any(found.get(k) != wanted[k] for k in part):
            raise StaleImport(table.name)


def apply_changes(
    session: Session,
    plan: Iterable[tuple[S.Sheet, list[Change]]],
    cur: Current,
    *,
    reason: str,
    officer: str = "",
    os_user: str = "",
) -> None:
    """Write every add and change of `plan`, sheet by sheet, in the caller's transaction."""
    ids: dict[str, dict[Key, int]] = {}
    stamp = now().replace(tzinfo=None, microsecond=0)
    audit: list[dict[str, Any]] = []
    for sheet, changes in plan:
        own = extra_sheets.write(session, sheet, changes)  # its sheets; audited below
        table = extra_sheets.TABLES[sheet.name] if own else _table(sheet)
        for parent in ("projects", _PARENT.get(sheet.name)):
            if parent and parent not in ids:
                ids[parent] = _ids(session, parent)
        pid_of = ids["projects"]
        adds = [c for c in changes if c.record is None and not own]
        updates = [c for c in changes if c.record is not None and not own]
        if adds:
            values = []
            for c in adds:
                v = _db_values(sheet, c.row, cur) | _foreign(sheet, c.row, ids)
                if "is_sample" in table.c:
                    v["is_sample"] = False
                if "version" in table.c:
                    v["version"] = 1
                values.append(v)
            session.execute(insert(table), values)
            if sheet.name in _PARENTS:
                ids[sheet.name] = _ids(session, sheet.name)
                pid_of = ids["projects"]
        if updates:
            _check_versions(session, table, updates)
            cols = list(_db_values(sheet, updates[0].row, cur))
            stmt = update(table).where(table.c.id == bindparam("_id"))
            stmt = stmt.values({c: bindparam(f"v_{c}") for c in cols})
            if "version" in table.c:
                stmt = stmt.values(version=table.c.version + 1)
            session.execute(
                stmt,
                [
                    {"_id": c.record.id}
                    | {f"v_{k}": v for k, v in _db_values(sheet, c.row, cur).items()}
                    for c in updates
                    if c.record is not None
                ],
            )
        for c in changes:
            pno = c.row.get("project_no") if sheet.name != "projects" else c.row.get("no")
            pid = pid_of.get((pno,)) if pno is not None else None
            base = {
                "at": stamp,
                "os_user": os_user,
                "officer": officer,
                "table_name": table.name,
                "row_key": _key_text(sheet, c.row),
                "project_id": pid,
                "reason": reason,
            }
            if c.record is None:
                after = {k: _audit_text(v) for k, v in c.row.items()}
                audit.append(
                    {
                        **base,
                        "action": "insert",
                        "field": "",
                        "before": None,
                        "after": json.dumps(after, ensure_ascii=False),
                    }
                )
            else:
                for f in c.fields:
                    audit.append(
                        {
                            **base,
                            "action": "update",
                            "field": f,
                            "before": _audit_text(c.record.row.get(f)),
                            "after": _audit_text(c.row.get(f)),
                        }
                    )
    if audit:
        session.execute(insert(AuditEntry.__table__), audit)
