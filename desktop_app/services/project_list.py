"""The portfolio's project list, zones and key domains read with SQLAlchemy Core.

The window's first paint shows this list before the ORM is imported (start-up stays
close to a bare PySide6 + SQLAlchemy program), and at 2,000 projects three plain
queries build the rows several times faster than mapped objects would.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.sql.expression import TableClause

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.snapshots.project import ProjectDetail, ProjectRow, RefItem

register({"Project {id} no longer exists.": "项目 {id} 已不存在。"})

_zone, _domain, _link, _project = tables.zone, tables.domain, tables.project_domain, tables.project


def _ref_items(conn: Connection, tbl: TableClause) -> list[RefItem]:
    rows = conn.execute(
        select(tbl.c.id, tbl.c.code, tbl.c.name_zh, tbl.c.name_en).order_by(tbl.c.id)
    )
    return [RefItem(id=r[0], code=r[1], name_zh=r[2], name_en=r[3] or "") for r in rows]


def read_zones(src: Reader) -> list[RefItem]:
    """Every zone, in id order (the order the seed lists them)."""
    with reading(src) as conn:
        return _ref_items(conn, _zone)


def read_domains(src: Reader) -> list[RefItem]:
    """Every key domain, in id order."""
    with reading(src) as conn:
        return _ref_items(conn, _domain)


_ROW_COLUMNS = (
    _project.c.id,
    _project.c.no,
    _project.c.name_zh,
    _project.c.name_en,
    _project.c.zone_id,
    _project.c.status,
    _project.c.lead_org,
    _project.c.start_date,
    _project.c.end_date,
    _project.c.is_sample,
    _project.c.version,
)


def _rows(conn: Connection, project_id: int | None = None) -> list[dict[str, Any]]:
    """The list's fields of every project (or one), by number, zone and domains resolved."""
    zones_by_id = {z.id: z for z in _ref_items(conn, _zone)}
    domains_by_id = {d.id: d for d in _ref_items(conn, _domain)}
    links: dict[int, list[int]] = defaultdict(list)
    lq = select(_link.c.project_id, _link.c.domain_id).order_by(_link.c.domain_id)
    pq = select(*_ROW_COLUMNS).order_by(_project.c.no)
    if project_id is not None:  # the details form shows two long texts too
        pq = pq.add_columns(_project.c.summary_zh, _project.c.notes)
        lq = lq.where(_link.c.project_id == project_id)
        pq = pq.where(_project.c.id == project_id)
    for pid, domain_id in conn.execute(lq):
        links[pid].append(domain_id)
    out = []
    for r in conn.execute(pq):
        fields: dict[str, Any] = {
            "id": r.id,
            "no": r.no,
            "name_zh": r.name_zh,
            "name_en": r.name_en or "",
            "zone": zones_by_id.get(r.zone_id) if r.zone_id is not None else None,
            "domains": tuple(domains_by_id[d] for d in links.get(r.id, ()) if d in domains_by_id),
            "status": r.status,
            "lead_org": r.lead_org or "",
            "start_date": r.start_date,
            "end_date": r.end_date,
            "is_sample": bool(r.is_sample),
            "version": r.version,
        }
        if project_id is not None:
            fields.update(summary_zh=r.summary_zh or "", notes=r.notes or "")
        out.append(fields)
    return out


def read_project_rows(src: Reader) -> list[ProjectRow]:
    """Every project, by number, with its zone and key domains (three queries)."""
    with reading(src) as conn:
        return [ProjectRow(**fields) for fields in _rows(conn)]


def read_project_names(src: Reader) -> list[tuple[int, int, str, str]]:
    """(id, no, Chinese name, English name) of every project, by number: what a row that
    only names its project needs (Home's drill-downs), one query without zones or domains."""
    p = _project.c
    with reading(src) as conn:
        return [
            (r.id, r.no, r.name_zh, r.name_en or "")
            for r in conn.execute(select(p.id, p.no, p.name_zh, p.name_en).order_by(p.no))
        ]


def read_project(src: Reader, project_id: int) -> ProjectDetail:
    """One project as its details form shows it."""
    with reading(src) as conn:
        found = _rows(conn, project_id)
    if not found:
        raise UserError(t("Project {id} no longer exists.", id=project_id))
    return ProjectDetail(**found[0])


def read_project_count(src: Reader) -> int:
    """How many projects there are (`key-projects check`)."""
    with reading(src) as conn:
        return conn.scalar(select(func.count()).select_from(_project)) or 0


def read_data_stamp(src: Reader) -> tuple[object, ...]:
    """A cheap fingerprint of the portfolio's data: the newest audit entry (every door
    writes one with each change), the projects' count and versions, and the milestones'
    and payments' counts. Equal stamps: a page shown again has nothing new to load."""
    audit, m, d = tables.audit_entry, tables.milestone, tables.disbursement
    p = _project
    with reading(src) as conn:
        return (
            conn.scalar(select(func.max(audit.c.id))),
            *conn.execute(select(func.count(), func.sum(p.c.version)).select_from(p)).one(),
            conn.scalar(select(func.count()).select_from(m)),
            conn.scalar(select(func.count()).select_from(d)),
        )
