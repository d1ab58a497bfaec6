"""What every page, tab and dialog is handed: the database, the language and the bus."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desktop_app.db.database import Database
from desktop_app.ui.worker import JobRegistry


class DataBus(QObject):
    """Application-wide notifications, so parts never need to know each other."""

    sig_data_changed = Signal()
    """Something was saved: views showing derived figures should reload."""
    sig_open_project = Signal(int)
    """Show this project (by id) in the portfolio page's project view."""
    sig_status = Signal(str)
    """A short message for the status bar."""


@dataclass
class AppContext:
    db: Database
    lang: str = "zh"
    readonly: bool = False
    bus: DataBus = field(default_factory=DataBus)
    jobs: JobRegistry = field(default_factory=JobRegistry)
    """Every background job of this window: owned, drained before the database changes."""

    def switch_database(self, db: Database) -> None:
        """Use `db` from now on (after a restore or opening another file). Jobs still
        reading the old one are settled first and their results dropped."""
        self.jobs.drain()
        self.db = db
        self.readonly = db.readonly

    def close(self) -> None:
        """Settle the jobs, then close the database (the window is closing)."""
        self.jobs.drain()
        self.db.dispose()
