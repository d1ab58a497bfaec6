"""Every project's figures computed once, then updated for the projects that changed.

The portfolio list's health column, Home, the funding page and the attention page show
figures of every project (health, funding and performance status, policy warnings, the
yearly funding sums). At 2,000 projects computing them all takes over a second; after an
officer saves one milestone only that project's figures changed. This cache keeps them
per project and, on each read, asks the audit trail which projects were written since:
the trail is written in the same transaction as every change, by every door (dialogs,
imports, collects, another PC on a shared server), so it is the change feed. Those
projects are recomputed, the others reused. Anything the trail cannot tie to one project
(a setting, a threshold, the reward shares), another day, a different set of projects
or a trail that went backwards (a restore) recomputes everything.

Reads run in the caller's transaction (one consistent view). The figures are the same
functions' output as without the cache (`*_in(conn, as_of, project_ids)`), so screen and
paper still compute each figure once; the brief does not use the cache.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from desktop_app.db import tables
from desktop_app.db.database import Database
from desktop_app.domain.health import Health
from desktop_app.domain.policy import Policy
from desktop_app.services.funding_status import (
    funding_rows_from,
    funding_status_in,
    funding_year_sums_in,
)
from desktop_app.services.health import health_in
from desktop_app.services.performance_status import performance_status_in
from desktop_app.services.policy import policy_in
from desktop_app.services.warnings import WarningRow, warnings_in
from desktop_app.snapshots.funding import FundingStatus, PortfolioFundingRow
from desktop_app.snapshots.performance import PerformanceStatus

#: Audit ids below the newest seen that are read again each time: on a shared server a
#: transaction that took its id earlier may commit after a later one (a gap filled late).
MARGIN = 500


@dataclass(frozen=True)
class PortfolioFigures:
    """One consistent set of every project's figures as of a day (read-only mappings)."""

    as_of: date
    policy: Policy
    funding: Mapping[int, FundingStatus]
    performance: Mapping[int, PerformanceStatus]
    health: Mapping[int, Health]
    warnings: Mapping[int, tuple[WarningRow, ...]]
    year_sums: Mapping[int, dict[int, dict[str, int]]]

    def funding_rows(self) -> list[PortfolioFundingRow]:
        """The funding page's rows by plan year (same as `portfolio_funding_by_year`)."""
        return funding_rows_from(self.year_sums.values())

    def all_warnings(self, order: Iterable[int] | None = None) -> list[WarningRow]:
        """Every warning, projects in `order` (by number when None), each project's own
        order kept: `portfolio_warnings`' rows."""
        if order is None:
            order = sorted(self.warnings, key=lambda pid: self.warnings[pid][0].project_no)
        return [w for pid in order for w in self.warnings.get(pid, ())]


@dataclass
class FiguresCache:
    """The figures of one database; thread-safe (jobs read it from worker threads)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    as_of: date | None = None
    policy: Policy | None = None
    project_ids: frozenset[int] = frozenset()
    mark: int = -1
    seen: set[int] = field(default_factory=set)
    funding: dict[int, FundingStatus] = field(default_factory=dict)
    performance: dict[int, PerformanceStatus] = field(default_factory=dict)
    health: dict[int, Health] = field(default_factory=dict)
    warnings: dict[int, tuple[WarningRow, ...]] = field(default_factory=dict)
    year_sums: dict[int, dict[int, dict[str, int]]] = field(default_factory=dict)
    #: What was computed: "all" full computations and "projects" projects recomputed
    #: one by one (tests assert on it: the portfolio is not recomputed after one save).
    computed: Counter[str] = field(default_factory=Counter)

    def figures_in(self, conn: Connection, as_of: date) -> PortfolioFigures:
        """The figures as of `as_of`, updated for what changed since the last read."""
        with self.lock:
            policy = policy_in(conn)
            ids = frozenset(conn.scalars(select(tables.project.c.id)))
            changed = self._changed(conn)
            if (
                changed is None
                or as_of != self.as_of
                or policy != self.policy
                or not self.project_ids
            ):
                self._compute(conn, as_of, policy, None)
            else:
                changed |= ids ^ self.project_ids  # added or deleted without a trail
                if changed:
                    self._compute(conn, as_of, policy, changed)
            self.as_of, self.policy, self.project_ids = as_of, policy, ids
            return PortfolioFigures(
                as_of,
                policy,
                dict(self.funding),
                dict(self.performance),
                dict(self.health),
                dict(self.warnings),
                dict(self.year_sums),
            )

    def _changed(self, conn: Connection) -> set[int] | None:
        """Projects written since the last read; None when all must be recomputed."""
        audit = tables.audit_entry
        newest = conn.scalar(select(func.max(audit.c.id))) or 0
        if self.mark < 0 or newest < self.mark:
            rows: list[Any] = list(
                conn.execute(select(audit.c.id).where(audit.c.id > newest - MARGIN))
            )
            self.mark, self.seen = newest, {r[0] for r in rows}
            return None
        rows = list(
            conn.execute(
                select(audit.c.id, audit.c.project_id).where(audit.c.id > self.mark - MARGIN)
            )
        )
        fresh = [(i, pid) for i, pid in rows if i not in self.seen]
        self.mark, self.seen = newest, {r[0] for r in rows}
        if any(pid is None for _i, pid in fresh):
            return None  # a setting or something portfolio-wide
        return {int(pid) for _i, pid in fresh}

    def _compute(self, conn: Connection, as_of: date, policy: Policy, ids: set[int] | None) -> None:
        if ids is None:
            self.computed["all"] += 1
            for part in (self.funding, self.performance, self.health, self.warnings):
                part.clear()
            self.year_sums.clear()
        else:
            self.computed["projects"] += len(ids)
            for pid in ids:
                for part in (self.funding, self.performance, self.health, self.warnings):
                    part.pop(pid, None)
                self.year_sums.pop(pid, None)
        funding = funding_status_in(conn, as_of, ids)
        performance = performance_status_in(conn, as_of, ids)
        self.funding.update(funding)
        self.performance.update(performance)
        self.health.update(
            health_in(
                conn, as_of, policy, funding=funding, performance=performance, project_ids=ids
            )
        )
        self.warnings.update({k: tuple(v) for k, v in warnings_in(conn, as_of, ids).items()})
        self.year_sums.update(funding_year_sums_in(conn, ids))


_caches: dict[int, tuple[weakref.ref[Database], FiguresCache]] = {}
_caches_lock = threading.Lock()


def cache_of(db: Database) -> FiguresCache:
    """The cache of this open database (a restored or reopened one gets a new cache)."""
    with _caches_lock:
        held = _caches.get(id(db))
        if held is not None and held[0]() is db:
            return held[1]
        for key in [k for k, (ref, _c) in _caches.items() if ref() is None]:
            del _caches[key]
        cache = FiguresCache()
        _caches[id(db)] = (weakref.ref(db), cache)
        return cache


def portfolio_figures(db: Database, as_of: date) -> PortfolioFigures:
    """Every project's figures as of a day, from the cache (run off the GUI thread: the
    first read computes them all)."""
    with db.core_reader() as conn:
        return cache_of(db).figures_in(conn, as_of)


def portfolio_figures_in(conn: Connection, db: Database, as_of: date) -> PortfolioFigures:
    """`portfolio_figures` inside the caller's transaction."""
    return cache_of(db).figures_in(conn, as_of)
