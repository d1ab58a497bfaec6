"""The portfolio's project list, zones and key domains read with SQLAlchemy Core.

The window's first paint shows this list before the ORM is imported (start-up stays
close to a bare PySide6 + SQLAlchemy program), and at 2,000 projects three plain
queries build the rows several times faster than mapped objects would.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, func, select
from sqlalchemy.sql.expression import TableClause

from desktop_app.db import tables
from desktop_app.db.database import Reader, reading
from desktop_app.snapshots.project import ProjectRow, RefItem

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


def read_project_rows(src: Reader) -> list[ProjectRow]:
    """Every project, by number, with its zone and key domains (three queries)."""
    with reading(src) as conn:
        p = _project
        zones_by_id = {z.id: z for z in _ref_items(conn, _zone)}
        domains_by_id = {d.id: d for d in _ref_items(conn, _domain)}
        links: dict[int, list[int]] = defaultdict(list)
        for project_id, domain_id in conn.execute(
            select(_link.c.project_id, _link.c.domain_id).order_by(_link.c.domain_id)
        ):
            links[project_id].append(domain_id)
        rows = conn.execute(
            select(
                p.c.id,
                p.c.no,
                p.c.name_zh,
                p.c.name_en,
                p.c.zone_id,
                p.c.status,
                p.c.lead_org,
                p.c.start_date,
                p.c.end_date,
                p.c.is_sample,
                p.c.version,
            ).order_by(p.c.no)
        ).all()
        return [
            ProjectRow(
                id=r[0],
                no=r[1],
                name_zh=r[2],
                name_en=r[3] or "",
                zone=zones_by_id.get(r[4]) if r[4] is not None else None,
                domains=tuple(domains_by_id[d] for d in links.get(r[0], ()) if d in domains_by_id),
                status=r[5],
                lead_org=r[6] or "",
                start_date=r[7],
                end_date=r[8],
                is_sample=bool(r[9]),
                version=r[10],
            )
            for r in rows
        ]


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
