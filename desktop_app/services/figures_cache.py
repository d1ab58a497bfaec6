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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from desktop_app.db import tables
from desktop_app.db.database import Database, reading
from desktop_app.domain.health import Health
from desktop_app.domain.policy import Policy
from desktop_app.services.funding_status import (
    funding_rows_from,
    read_funding_status,
    read_funding_year_sums,
)
from desktop_app.services.health import read_attention_items, read_health
from desktop_app.services.performance_status import read_performance_status
from desktop_app.services.policy import read_policy
from desktop_app.services.warnings import WarningRow, read_warnings_by_project
from desktop_app.snapshots.funding import FundingStatus, PortfolioFundingRow
from desktop_app.snapshots.milestones import AttentionItem
from desktop_app.snapshots.performance import PerformanceStatus

#: Audit ids below the newest seen that are read again each time: on a shared server a
#: transaction that took its id earlier may commit after a later one (a gap filled late).
MARGIN = 500


#: The parts a reader may ask for; each is computed the first time it is asked for.
STATUS, WARNINGS, YEAR_SUMS, SCORES = "status", "warnings", "year_sums", "scores"
ATTENTION = "attention"
DEFAULT_PARTS = (STATUS, WARNINGS, YEAR_SUMS)


@dataclass(frozen=True)
class PortfolioFigures:
    """One consistent set of every project's figures as of a day (read-only mappings);
    the parts not asked for are empty."""

    as_of: date
    policy: Policy
    funding: Mapping[int, FundingStatus]
    performance: Mapping[int, PerformanceStatus]
    health: Mapping[int, Health]
    warnings: Mapping[int, tuple[WarningRow, ...]]
    year_sums: Mapping[int, dict[int, dict[str, int]]]
    scores: Mapping[int, Any] = field(default_factory=dict)
    """Project id → its `PortfolioScoreRow` (the Performance page), when asked for."""
    attention: Mapping[int, tuple[AttentionItem, ...]] = field(default_factory=dict)
    """Project id → its open milestones overdue or due soon (Home), when asked for."""

    def attention_items(self) -> list[AttentionItem]:
        """`read_attention_items`' rows: soonest first, then by project number (each
        project's own order kept, as the query orders them)."""
        items = [i for rows in self.attention.values() for i in rows]
        return sorted(items, key=lambda i: (i.planned_end, i.project_no))

    def funding_rows(self) -> list[PortfolioFundingRow]:
        """The funding page's rows by plan year (same as `read_funding_by_year`)."""
        return funding_rows_from(self.year_sums.values())

    def all_warnings(self, order: Iterable[int] | None = None) -> list[WarningRow]:
        """Every warning, projects in `order` (by number when None), each project's own
        order kept: `read_warnings`' rows."""
        if order is None:
            order = sorted(self.warnings, key=lambda pid: self.warnings[pid][0].project_no)
        return [w for pid in order for w in self.warnings.get(pid, ())]

    def score_rows(self) -> list[Any]:
        """`read_portfolio_scores`' rows, by project number."""
        return sorted(self.scores.values(), key=lambda r: r.no)


Compute = Callable[[Connection, date, Policy, "list[int] | None"], Mapping[int, Any]]


def _status(
    conn: Connection, as_of: date, policy: Policy, ids: list[int] | None
) -> dict[int, tuple[FundingStatus | None, PerformanceStatus | None, Health]]:
    funding = read_funding_status(conn, as_of, ids)
    performance = read_performance_status(conn, as_of, ids)
    health = read_health(
        conn, as_of, policy, funding=funding, performance=performance, project_ids=ids
    )
    return {pid: (funding.get(pid), performance.get(pid), h) for pid, h in health.items()}


def _warnings(
    conn: Connection, as_of: date, _policy: Policy, ids: list[int] | None
) -> dict[int, tuple[WarningRow, ...]]:
    return {k: tuple(v) for k, v in read_warnings_by_project(conn, as_of, ids).items()}


def _year_sums(
    conn: Connection, _as_of: date, _policy: Policy, ids: list[int] | None
) -> dict[int, dict[int, dict[str, int]]]:
    return read_funding_year_sums(conn, ids)


def _scores(
    conn: Connection, as_of: date, _policy: Policy, ids: list[int] | None
) -> dict[int, Any]:
    from desktop_app.services.performance import read_portfolio_scores  # the ORM's module

    return {r.project_id: r for r in read_portfolio_scores(conn, as_of, ids)}


def _attention(
    conn: Connection, as_of: date, policy: Policy, ids: list[int] | None
) -> dict[int, tuple[AttentionItem, ...]]:
    by_project: dict[int, list[AttentionItem]] = {pid: [] for pid in ids or ()}
    for item in read_attention_items(conn, as_of, policy, ids):
        by_project.setdefault(item.project_id, []).append(item)
    return {pid: tuple(items) for pid, items in by_project.items()}


COMPUTE: dict[str, Compute] = {
    ATTENTION: _attention,
    STATUS: _status,
    WARNINGS: _warnings,
    YEAR_SUMS: _year_sums,
    SCORES: _scores,
}


@dataclass
class _Part:
    """One part's values per project, and which of them are out of date."""

    values: dict[int, Any] = field(default_factory=dict)
    complete: bool = False  # False: compute every project on the next read
    stale: set[int] = field(default_factory=set)


@dataclass
class FiguresCache:
    """The figures of one database; thread-safe (jobs read it from worker threads)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    as_of: date | None = None
    policy: Policy | None = None
    project_ids: frozenset[int] = frozenset()
    mark: int = -1
    seen: set[int] = field(default_factory=set)
    parts: dict[str, _Part] = field(default_factory=lambda: {n: _Part() for n in COMPUTE})
    #: What was computed: "all:<part>" full computations and "projects:<part>" projects
    #: recomputed one by one (tests assert on it: one save does not recompute the rest).
    computed: Counter[str] = field(default_factory=Counter)

    def read_figures(
        self, conn: Connection, as_of: date, parts: Iterable[str] = DEFAULT_PARTS
    ) -> PortfolioFigures:
        """The figures as of `as_of`, updated for what changed since the last read."""
        with self.lock:
            policy = self._sync(conn, as_of)
            got = {name: self._read(conn, as_of, policy, name) for name in parts}
        status = got.get(STATUS, {})
        return PortfolioFigures(
            as_of,
            policy,
            {pid: s[0] for pid, s in status.items() if s[0] is not None},
            {pid: s[1] for pid, s in status.items() if s[1] is not None},
            {pid: s[2] for pid, s in status.items()},
            got.get(WARNINGS, {}),
            got.get(YEAR_SUMS, {}),
            got.get(SCORES, {}),
            got.get(ATTENTION, {}),
        )

    def _sync(self, conn: Connection, as_of: date) -> Policy:
        """Mark what changed since the last read out of date in every part."""
        policy = read_policy(conn)
        ids = frozenset(conn.scalars(select(tables.project.c.id)))
        changed = self._changed(conn)
        if changed is None or as_of != self.as_of or policy != self.policy:
            for part in self.parts.values():
                part.complete = False
        else:
            changed |= ids ^ self.project_ids  # added or deleted without a trail
            for part in self.parts.values():
                part.stale |= changed
        self.as_of, self.policy, self.project_ids = as_of, policy, ids
        return policy

    def _read(self, conn: Connection, as_of: date, policy: Policy, name: str) -> dict[int, Any]:
        part = self.parts[name]
        if not part.complete:
            self.computed[f"all:{name}"] += 1
            part.values = dict(COMPUTE[name](conn, as_of, policy, None))
            part.complete, part.stale = True, set()
        elif part.stale:
            ids = sorted(part.stale)
            self.computed[f"projects:{name}"] += len(ids)
            for pid in ids:
                part.values.pop(pid, None)
            part.values.update(COMPUTE[name](conn, as_of, policy, ids))
            part.stale = set()
        return dict(part.values)

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


def read_portfolio_figures(
    db: Database,
    as_of: date,
    parts: Iterable[str] = DEFAULT_PARTS,
    *,
    conn: Connection | None = None,
) -> PortfolioFigures:
    """Every project's figures as of a day, from this database's cache (run off the GUI
    thread: the first read of a part computes it for every project); inside `conn`'s
    transaction when given (Home reads its other figures in the same one)."""
    with reading(conn if conn is not None else db) as c:
        return cache_of(db).read_figures(c, as_of, parts)


def warm(
    db: Database,
    as_of: date,
    parts: Iterable[str] = (STATUS, WARNINGS, ATTENTION, YEAR_SUMS, SCORES),
) -> None:
    """Compute `parts` ahead of their pages (a job just after start-up), one part at a
    time so a page's own read waits for one part at most: a first visit of Home, the
    Funding, Attention or Performance page then reads the cache, not every project."""
    for part in parts:
        read_portfolio_figures(db, as_of, (part,))
