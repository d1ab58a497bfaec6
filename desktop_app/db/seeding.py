"""Reference data from `resources/seed/key_projects.json`: insert what is missing, never overwrite.

Seeding twice changes nothing, and an officer's later edits to a seeded row survive a
re-seed, because rows are matched by their stable keys and only added when absent.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db.models import (
    Base,
    DistrictIndicator,
    DistrictTarget,
    Domain,
    PlanPeriodRow,
    Project,
    Zone,
)
from desktop_app.resources import resource_path

if TYPE_CHECKING:
    from desktop_app.db.database import Database

FIRST_PERIOD = ("2021-2025", "“十四五”(2021–2025)", 2021, 2025)


def load_seed(path: Path | None = None) -> dict[str, Any]:
    with (path or resource_path("seed", "key_projects.json")).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _by_key(session: Session, model: type[Base], key: str) -> dict[Any, Any]:
    return {getattr(row, key): row for row in session.scalars(select(model))}


def seed_session(session: Session, data: dict[str, Any]) -> int:
    """Add the missing reference rows; returns how many rows were added."""
    added = 0
    zones = _by_key(session, Zone, "code")
    for z in data["zones"]:
        if z["code"] not in zones:
            zones[z["code"]] = Zone(
                code=z["code"], name_zh=z["zh"], name_en=z["en"], role_zh=z.get("role_zh", "")
            )
            session.add(zones[z["code"]])
            added += 1
    domains = _by_key(session, Domain, "code")
    for d in data["domains"]:
        if d["code"] not in domains:
            domains[d["code"]] = Domain(code=d["code"], name_zh=d["zh"], name_en=d["en"])
            session.add(domains[d["code"]])
            added += 1
    session.flush()
    projects = _by_key(session, Project, "no")
    for p in data["projects"]:
        if p["no"] in projects:
            continue
        session.add(
            Project(
                no=p["no"],
                name_zh=p["zh"],
                name_en=p["en"],
                summary_zh=p.get("summary_zh", ""),
                status="active",
                domains=[domains[c] for c in p.get("domains", [])],
            )
        )
        added += 1
    periods = _by_key(session, PlanPeriodRow, "code")
    code, name, start, end = FIRST_PERIOD
    if code not in periods:
        periods[code] = PlanPeriodRow(code=code, name_zh=name, start_year=start, end_year=end)
        session.add(periods[code])
        added += 1
    indicators = _by_key(session, DistrictIndicator, "no")
    session.flush()
    for ind in data["district_indicators"]:
        row = indicators.get(ind["no"])
        if row is None:
            row = DistrictIndicator(
                no=ind["no"],
                name_zh=ind["zh"],
                name_en=ind["en"],
                unit=ind["unit"],
                kind=ind.get("kind", "level"),
            )
            session.add(row)
            session.flush()
            added += 1
        has_target = session.scalar(
            select(DistrictTarget.id).where(
                DistrictTarget.indicator_id == row.id,
                DistrictTarget.period_id == periods[code].id,
            )
        )
        if has_target is None:
            base = ind.get("base_2020")
            target = ind.get("target_2025")
            session.add(
                DistrictTarget(
                    indicator_id=row.id,
                    period_id=periods[code].id,
                    base_year=2020,
                    base_value=None if base is None else Decimal(str(base)),
                    target_value=None if target is None else Decimal(str(target)),
                )
            )
            added += 1
    return added


def seed_reference(db: Database) -> int:
    data = load_seed()
    with db.session() as session:
        return seed_session(session, data)
