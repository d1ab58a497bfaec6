"""What the Home page shows: the portfolio at a glance as of one day, as plain data.

Every figure keeps the rows behind it (project ids, attention items) so the page can show
them when a number is clicked, and a test can compare the page with the services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop_app.snapshots.milestones import AttentionItem

HEALTH_LEVELS = ("red", "amber", "green", "none")
"""none: no milestones, plan or indicators yet (grey, never counted as green)."""
GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class HomeProject:
    """A project as a drill-down row names it."""

    id: int
    no: int
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclass(frozen=True)
class HomeMoney:
    """One project's money this calendar year (plan of the year against cash paid in it)."""

    project_id: int
    planned_fen: int
    paid_fen: int


@dataclass(frozen=True)
class HomeSnapshot:
    as_of: date
    projects: dict[int, HomeProject]
    health: dict[str, tuple[int, ...]]
    """Level (red/amber/green) → project ids, by project number."""
    health_reasons: dict[int, str]
    """Project id → its health reasons, one per line (empty when green)."""
    overdue: tuple[AttentionItem, ...]
    due_soon: tuple[AttentionItem, ...]
    due_soon_days: int
    year: int
    money: tuple[HomeMoney, ...]
    """Per project with a plan or a payment this year, by project number."""
    grade_year: int | None
    """The last year with any closed evaluation (None: nothing evaluated yet)."""
    grades: dict[str, tuple[int, ...]]
    """Grade (A..D) of `grade_year` → project ids."""
    warnings: tuple[str, ...] = field(default=())
    """The policy warnings (services/warnings.py), one line each: project, reason, figure."""

    @property
    def planned_fen(self) -> int:
        return sum(m.planned_fen for m in self.money)

    @property
    def paid_fen(self) -> int:
        return sum(m.paid_fen for m in self.money)
