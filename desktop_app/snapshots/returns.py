"""Plain rows for quarterly returns: what a fill-in workbook holds, and the status table.

Services fill them from the database; the workbook maker, the collector, the window and
the brief read them without a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop_app.snapshots.milestones import MilestoneRow


@dataclass(frozen=True)
class ReturnIndicator:
    id: int
    code: str
    name: str
    unit: str
    weight: Decimal
    direction: str
    allow_negative: bool
    target: Decimal | None
    last_quarter: Decimal | None
    """Year-to-date at the end of the previous quarter of the same year (None in Q1)."""
    value: Decimal | None
    """Year-to-date already recorded for this quarter (pre-filled in the workbook)."""
    note: str
    actual_version: int | None
    """Version of the stored actual of this quarter; None when there is none yet."""


@dataclass(frozen=True)
class ReturnContext:
    """One project as its quarterly workbook shows it, and as a return is checked against."""

    project_id: int
    no: int
    name_zh: str
    name_en: str
    lead_org: str
    quarter: str
    milestones: tuple[MilestoneRow, ...]
    indicators: tuple[ReturnIndicator, ...]
    year_closed: bool
    """The quarter's year is closed by its evaluation: indicator actuals are read-only."""
    contact_name: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class PreviousReturn:
    received_at: datetime
    file_name: str
    file_sha256: str
    reported: dict[str, Any]
    id: int | None = None  # its log row: a collect writes only if it is still the latest


@dataclass(frozen=True)
class ReturnStatusRow:
    """One project's line of the return status table (回收情况)."""

    project_no: int
    project_name: str
    unit: str
    returned: bool
    received_at: datetime | None
    file_name: str
    contact: str
    changed: int
    """Fields the latest return changed in the database."""
    changes: str
    """A short list of what changed (e.g. "M02 实际完成; I01 本季度累计")."""
    returns: int
    """How many returns were received for the quarter (a second one replaces the first)."""
