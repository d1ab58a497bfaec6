"""A deterministic large portfolio for the benchmarks: 2,000 projects × 25 milestones.

    python benchmarks/scale_data.py OUT.sqlite [--projects 2000] [--milestones 25] [--seed N]

The database is created and migrated by the app itself (`open_database`, so it holds the
13 seeded projects), then filled with SQLAlchemy Core bulk `insert()`s (no ORM objects,
no audit rows: ~6× faster than `add_all`). Besides milestones and a baseline per project
it writes funding plans with their years, disbursements, indicators with quarterly
actuals and closed-year evaluations, so every benchmark can reuse the same file. Same
seed, same file contents.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from desktop_app.db.database import open_database  # noqa: E402
from desktop_app.db.models import (  # noqa: E402
    Baseline,
    BaselineItem,
    Disbursement,
    Domain,
    Evaluation,
    EvaluationItem,
    FundingPlan,
    FundingYear,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
    Zone,
    project_domain,
)

SEED = 20261125
ANCHOR = date(2026, 9, 15)  # the data's "today": same as the demo's
STATUSES = ("not_started", "in_progress", "done", "cancelled")
WORDS = ("平台", "中心", "芯片", "算法", "数据", "医疗", "交通", "能源", "材料", "软件")
CHUNK = 5000


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), CHUNK):
        yield rows[i : i + CHUNK]


class _Ids:
    """Explicit primary keys, so child rows can point at parents without a round trip."""

    def __init__(self, start: int) -> None:
        self.next = start

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _milestones(rng: random.Random, pid: int, start: date, end: date, n: int, ids: _Ids):
    span = max(n, (end - start).days + 1)
    out = []
    for i in range(n):
        ms = start + timedelta(days=span * i // n)
        me = start + timedelta(days=span * (i + 1) // n - 1)
        base_end = me
        slip = rng.choice((0, 0, 0, 7, 15, 40, -5))
        planned_end = me + timedelta(days=slip)
        if planned_end < ANCHOR - timedelta(days=60):
            status, pct, actual_end = "done", 100, min(ANCHOR, planned_end)
        elif ms <= ANCHOR:
            status, pct, actual_end = "in_progress", rng.randint(5, 95), None
        else:
            status, pct, actual_end = "not_started", 0, None
        if rng.random() < 0.02:
            status, pct, actual_end = "cancelled", 0, None
        out.append(
            {
                "id": ids.take(),
                "project_id": pid,
                "code": f"M{i + 1:02d}",
                "title": f"里程碑 {i + 1:02d} {rng.choice(WORDS)}建设",
                "deliverable": "阶段成果报告",
                "owner": rng.choice(("王工", "李工", "陈主任", "林经理")),
                "planned_start": ms,
                "planned_end": planned_end,
                "baseline_start": ms,
                "baseline_end": base_end,
                "actual_start": ms if status != "not_started" else None,
                "actual_end": actual_end,
                "percent_complete": pct,
                "status": status,
                "cancel_reason": "合并" if status == "cancelled" else "",
                "notes": "",
                "sort_order": i,
                "is_sample": True,
                "version": 1,
            }
        )
    return out


def build_scale_db(
    path: str | Path, projects: int = 2000, milestones: int = 25, seed: int = SEED
) -> Path:
    """Create `path` (must not exist) with `projects` projects in all (the 13 included)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path}: exists; choose a new file")
    rng = random.Random(seed)
    db = open_database(path)
    try:
        with db.engine.begin() as conn:
            zones = list(conn.scalars(select(Zone.id).order_by(Zone.id)))
            domains = list(conn.scalars(select(Domain.id).order_by(Domain.id)))
            existing = list(conn.execute(select(Project.id, Project.no).order_by(Project.no)))
            next_no = max((no for _id, no in existing), default=0) + 1
            pid_ids = _Ids((conn.scalar(select(func.max(Project.id))) or 0) + 1)
            new_projects, links = [], []
            for k in range(projects - len(existing)):
                pid, no = pid_ids.take(), next_no + k
                start = date(2021 + rng.randint(0, 4), rng.randint(1, 12), 1)
                new_projects.append(
                    {
                        "id": pid,
                        "no": no,
                        "name_zh": f"规模测试项目{no:05d}{rng.choice(WORDS)}",
                        "name_en": f"Scale project {no}",
                        "zone_id": rng.choice(zones) if zones else None,
                        "status": "active",
                        "lead_org": f"承担单位{rng.randint(1, 400):03d}",
                        "start_date": start,
                        "end_date": date(start.year + 4, 12, 31),
                        "is_sample": True,
                        "version": 1,
                    }
                )
                for d in rng.sample(domains, k=min(len(domains), rng.randint(1, 2))):
                    links.append({"project_id": pid, "domain_id": d})
            for chunk in _chunks(new_projects):
                conn.execute(insert(Project), chunk)
            if links:
                conn.execute(insert(project_domain), links)
            periods = {pid: (date(2022, 1, 1), date(2026, 12, 31)) for pid, _no in existing}
            periods.update({p["id"]: (p["start_date"], p["end_date"]) for p in new_projects})
            _fill(conn, rng, periods, milestones)
    finally:
        with db.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
    return path


def _fill(conn, rng: random.Random, periods: dict[int, tuple[date, date]], per: int) -> None:
    ms_ids, base_ids, item_ids = _Ids(1), _Ids(1), _Ids(1)
    plan_ids, ind_ids, ev_ids = _Ids(1), _Ids(1), _Ids(1)
    ms_rows, base_rows, item_rows = [], [], []
    plans, years, pays, inds, actuals, evals, ev_items = [], [], [], [], [], [], []
    for pid, (start, end) in periods.items():
        rows = _milestones(rng, pid, start, end, per, ms_ids)
        ms_rows.extend(rows)
        bid = base_ids.take()
        base_rows.append(
            {
                "id": bid,
                "project_id": pid,
                "set_on": start,
                "reason": "立项批复计划",
                "created_at": datetime(start.year, start.month, start.day, 9),
            }
        )
        item_rows.extend(
            {
                "id": item_ids.take(),
                "baseline_id": bid,
                "milestone_id": r["id"],
                "planned_start": r["baseline_start"],
                "planned_end": r["baseline_end"],
            }
            for r in rows
        )
        plan_id, first = plan_ids.take(), start.year
        first_amount = rng.choice((200, 300, 500)) * 1_000_000
        plans.append(
            {
                "id": plan_id,
                "project_id": pid,
                "startup_grant_fen": first_amount,
                "startup_year": first,
                "taper_mode": "linear",
                "first_year": first,
                "years": 5,
                "first_amount_fen": first_amount,
                "step_fen": first_amount // 5,
                "rate": None,
                "floor_fen": 0,
                "notes": "",
                "is_sample": True,
                "version": 1,
            }
        )
        years.extend(
            {
                "plan_id": plan_id,
                "year": first + k,
                "manual_fixed_fen": None,
                "reward_cap_fen": 50_000_000 + 10_000_000 * k,
            }
            for k in range(5)
        )
        # Fixed support is paid in the plan's own years only: the payment dialog and the
        # import refuse a payment outside them (issue 24), so the scale data keeps the rule.
        for y in range(first, min(ANCHOR.year, first + 4) + 1):
            for q in (3, 9):
                paid_on = date(y, q, 15)
                if paid_on <= ANCHOR:
                    pays.append(
                        {
                            "project_id": pid,
                            "paid_on": paid_on,
                            "amount_fen": rng.randint(50, 150) * 1_000_000,
                            "kind": "fixed",
                            "doc_no": f"思科拨〔{y}〕{rng.randint(1, 999)}号",
                            "note": "",
                            "is_sample": True,
                            "version": 1,
                        }
                    )
        for year in (2025, 2026):
            quarters = 4 if year == 2025 else 2
            year_inds = []
            for k, weight in enumerate((40, 30, 20, 10)):
                iid = ind_ids.take()
                target = Decimal(rng.randint(10, 200))
                year_inds.append((iid, weight, target))
                inds.append(
                    {
                        "id": iid,
                        "project_id": pid,
                        "year": year,
                        "code": f"I{k + 1}",
                        "name": f"指标{k + 1}",
                        "unit": "项",
                        "weight": Decimal(weight),
                        "target": target,
                        "direction": "higher",
                        "allow_negative": False,
                        "sort_order": k,
                        "is_sample": True,
                        "version": 1,
                    }
                )
                for q in range(1, quarters + 1):
                    actuals.append(
                        {
                            "indicator_id": iid,
                            "quarter": q,
                            "ytd_value": (
                                target * q / 4 * Decimal(rng.randint(60, 120)) / 100
                            ).quantize(Decimal("0.0001")),
                            "note": "",
                            "version": 1,
                        }
                    )
            if year == 2025:
                ev_id = ev_ids.take()
                total = Decimal(0)
                for iid, weight, target in year_inds:
                    actual = (target * Decimal(rng.randint(50, 110)) / 100).quantize(
                        Decimal("0.0001")
                    )
                    score = (weight * min(actual / target, Decimal(1))).quantize(Decimal("0.0001"))
                    total += score
                    ev_items.append(
                        {
                            "evaluation_id": ev_id,
                            "indicator_id": iid,
                            "actual": actual,
                            "score": score,
                        }
                    )
                total = total.quantize(Decimal("0.1"))
                grade = "A" if total >= 90 else "B" if total >= 80 else "C" if total >= 60 else "D"
                evals.append(
                    {
                        "id": ev_id,
                        "project_id": pid,
                        "year": 2025,
                        "total": total,
                        "computed_grade": grade,
                        "grade": grade,
                        "override_reason": "",
                        "evaluated_on": date(2026, 1, 20),
                        "notes": "",
                        "is_sample": True,
                        "version": 1,
                    }
                )
    for table, rows in (
        (Milestone, ms_rows),
        (Baseline, base_rows),
        (BaselineItem, item_rows),
        (FundingPlan, plans),
        (FundingYear, years),
        (Disbursement, pays),
        (Indicator, inds),
        (IndicatorActual, actuals),
        (Evaluation, evals),
        (EvaluationItem, ev_items),
    ):
        for chunk in _chunks(rows):
            conn.execute(insert(table), chunk)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="new SQLite file to create")
    p.add_argument("--projects", type=int, default=2000)
    p.add_argument("--milestones", type=int, default=25)
    p.add_argument("--seed", type=int, default=SEED)
    args = p.parse_args(argv)
    started = time.perf_counter()
    build_scale_db(args.out, args.projects, args.milestones, args.seed)
    took = time.perf_counter() - started
    print(f"{args.out}: {args.projects} projects × {args.milestones} milestones in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
