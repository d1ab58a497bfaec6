"""`key-projects init --demo`: a database of clearly marked sample data.

Every sample row has `is_sample = True` and sample text says 示例 (sample). Each feature
adds its part as a module here with `add(session, projects, rng)`; they run in the
order of `PARTS`, in one transaction, with a fixed random seed (same data every time).
"""

from __future__ import annotations

import importlib
import random
from datetime import date

from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Project

#: Modules of `desktop_app.db.demo` that add sample data, in order.
PARTS: tuple[str, ...] = ("base", "milestones", "performance", "funding")
SEED = 20260701
#: The demo portfolio is built as of this day, so its health mix is stable.
DEMO_TODAY = date(2026, 9, 15)
SAMPLE_MARK = "【示例】"


def build_demo(db: Database, *, seed: int = SEED) -> None:
    rng = random.Random(seed)
    with db.session() as session:
        projects = list(session.scalars(select(Project).order_by(Project.no)))
        for name in PARTS:
            module = importlib.import_module(f"desktop_app.db.demo.{name}")
            module.add(session, projects, rng)
