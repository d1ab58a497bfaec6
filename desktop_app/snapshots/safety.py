"""What the Restore and History views show: plain frozen rows, no database inside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class BackupRow:
    """One backup file: when, why (`label`), size and how many projects it holds."""

    path: Path
    label: str
    taken_at: datetime
    size_bytes: int
    projects: int | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class HistoryFilter:
    """Which audit entries, and which batch of them (newest first: `offset`, `limit`)."""

    project_id: int | None = None
    field: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int = 2000
    offset: int = 0


@dataclass(frozen=True)
class HistoryRow:
    """One audited field change; `before`/`after` are the stored text, except that an id
    reads as what it names (services.history), and `field` stays the stored name."""

    at: datetime
    officer: str
    os_user: str
    action: str
    table_name: str
    row_key: str
    project_id: int | None
    project_name: str
    field: str
    before: str | None
    after: str | None
    reason: str
    record: str = ""
    """The changed row as the officer knows it ("M3 样机验证"), "" when the trail has no key."""
