"""Sample project fields: zone, lead organisation, period (the plan gives none of these)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db.demo import SAMPLE_MARK
from desktop_app.db.models import Project, Zone

_ZONE_BY_NO = {
    1: "SWP2",
    2: "SWP2",
    3: "SWP1",
    4: "XMU",
    5: "HUANGCUO",
    6: "KAIYUAN",
    7: "SWP2",
    8: "XMU",
    9: "SWP1",
    10: "KAIYUAN",
    11: "HUANGCUO",
    12: "XMU",
    13: "SWP1",
}


def add(session: Session, projects: list[Project], rng: random.Random) -> None:
    zones = {z.code: z for z in session.scalars(select(Zone))}
    for p in projects:
        p.is_sample = True
        p.zone = zones.get(_ZONE_BY_NO.get(p.no, "SWP1"))
        p.lead_org = f"{SAMPLE_MARK}示例承担单位{p.no:02d}"
        start_year = 2022 + (p.no % 2)
        p.start_date = date(start_year, 1 + (p.no % 6), 1)
        p.end_date = date(start_year + 4, 12, 31)
        p.notes = f"{SAMPLE_MARK}本项目的承担单位、起止日期与经费均为示例数据,非规划原文。"
        p.status = "active"
