"""The portfolio table: one row per project, no database inside."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop_app.domain.health import LEVELS, Health
from desktop_app.snapshots.project import ProjectRow
from desktop_app.ui.labels import project_status_label
from desktop_app.ui.widgets.health_marker import HEALTH_COLOURS, health_label
from desktop_app.ui.widgets.rows_model import SORT_ROLE, RowsTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NO, COL_NAME, COL_ZONE, COL_DOMAINS, COL_STATUS, COL_LEAD, COL_PERIOD = range(7)
COL_HEALTH = 7  # red/amber/green with its reasons as tooltip (set_health)
COLUMN_COUNT = 8


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("PortfolioModel", "No."),
        QCoreApplication.translate("PortfolioModel", "Project"),
        QCoreApplication.translate("PortfolioModel", "Zone"),
        QCoreApplication.translate("PortfolioModel", "Key domains"),
        QCoreApplication.translate("PortfolioModel", "Status"),
        QCoreApplication.translate("PortfolioModel", "Lead organisation"),
        QCoreApplication.translate("PortfolioModel", "Period"),
        QCoreApplication.translate("PortfolioModel", "Health"),
    ]


class PortfolioTableModel(RowsTableModel[ProjectRow]):
    headers = staticmethod(_headers)
    right_columns = (COL_NO,)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._health: dict[int, Health] = {}

    def set_health(self, health: dict[int, Health]) -> None:
        """Project id → health, shown in COL_HEALTH (kept apart: it is computed as of a date)."""
        self._health = dict(health)
        if self._rows:
            top, bottom = self.index(0, COL_HEALTH), self.index(len(self._rows) - 1, COL_HEALTH)
            self.dataChanged.emit(top, bottom)

    def _health_data(self, r: ProjectRow, role: int) -> Any:
        h = self._health.get(r.id)
        if h is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return health_label(h.level)
        if role == Qt.ItemDataRole.DecorationRole:
            return HEALTH_COLOURS[h.level]
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.tooltip or health_label(h.level)
        if role == SORT_ROLE:
            return LEVELS.index(h.level)
        return None

    def row_of_project(self, project_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == project_id:
                return i
        return None

    def display(self, r: ProjectRow, col: int) -> str:
        if col == COL_NO:
            return str(r.no)
        if col == COL_NAME:
            return r.name(self.lang)
        if col == COL_ZONE:
            return r.zone.name(self.lang) if r.zone else ""
        if col == COL_DOMAINS:
            return "、".join(d.name(self.lang) for d in r.domains)
        if col == COL_STATUS:
            return project_status_label(r.status)
        if col == COL_LEAD:
            return r.lead_org
        if col == COL_PERIOD:
            if r.start_date or r.end_date:
                start = r.start_date.isoformat() if r.start_date else "…"
                end = r.end_date.isoformat() if r.end_date else "…"
                return f"{start} – {end}"
            return ""
        return ""

    def cell_data(self, r: ProjectRow, col: int, role: int) -> Any:
        if role == ROW_ROLE:
            return r
        if col == COL_HEALTH:
            return self._health_data(r, role)
        return super().cell_data(r, col, role)

    def tooltip(self, r: ProjectRow, col: int) -> str | None:
        if col == COL_NAME:
            return f"{r.name_zh}\n{r.name_en}" if r.name_en else r.name_zh
        return None

    def sort_value(self, r: ProjectRow, col: int) -> Any:
        return r.no if col == COL_NO else self.display(r, col)
