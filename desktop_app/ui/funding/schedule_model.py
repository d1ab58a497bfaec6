"""The computed year table of one plan (planned, earned, disbursed), with a totals row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.money import format_wan
from desktop_app.snapshots.funding import ScheduleRow
from desktop_app.ui.funding.formatting import WARNING_BACKGROUND
from desktop_app.ui.performance.formatting import grade_label
from desktop_app.ui.widgets.rows_model import RIGHT, Index, RowsTableModel

(
    COL_YEAR,
    COL_STARTUP,
    COL_FIXED,
    COL_CAP,
    COL_GRADE,
    COL_EARNED,
    COL_PLANNED,
    COL_DISBURSED,
    COL_WARNINGS,
) = range(9)
_AMOUNT = {
    COL_STARTUP: "startup_fen",
    COL_FIXED: "fixed_fen",
    COL_CAP: "reward_cap_fen",
    COL_EARNED: "earned_reward_fen",
    COL_PLANNED: "planned_total_fen",
    COL_DISBURSED: "disbursed_fen",
}


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("ScheduleModel", "Year"),
        QCoreApplication.translate("ScheduleModel", "Start-up"),
        QCoreApplication.translate("ScheduleModel", "Fixed support"),
        QCoreApplication.translate("ScheduleModel", "Reward cap"),
        QCoreApplication.translate("ScheduleModel", "Grade"),
        QCoreApplication.translate("ScheduleModel", "Earned reward"),
        QCoreApplication.translate("ScheduleModel", "Planned total"),
        QCoreApplication.translate("ScheduleModel", "Disbursed"),
        QCoreApplication.translate("ScheduleModel", "Warnings"),
    ]


class ScheduleTableModel(RowsTableModel[ScheduleRow]):
    """Rows of `ScheduleRow` (万元, two decimals) and one totals row at the bottom."""

    headers = staticmethod(_headers)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self._rows:
            return 0
        return len(self._rows) + 1

    def _total(self, col: int) -> str:
        if col == COL_YEAR:
            return QCoreApplication.translate("ScheduleModel", "Total")
        name = _AMOUNT.get(col)
        if name is None:
            return ""
        return format_wan(sum(getattr(r, name) or 0 for r in self._rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() == len(self._rows):  # the totals row
            if role == Qt.ItemDataRole.DisplayRole:
                return self._total(index.column())
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT if index.column() in _AMOUNT else None
            return _bold() if role == Qt.ItemDataRole.FontRole else None
        return super().data(index, role)

    def display(self, r: ScheduleRow, col: int) -> str:
        if col == COL_YEAR:
            return str(r.year)
        if col == COL_GRADE:
            return grade_label(r.grade) if r.grade else ""
        if col == COL_WARNINGS:
            return f"⚠ {len(r.warnings)}" if r.warnings else ""
        value = getattr(r, _AMOUNT[col])
        return "—" if value is None else format_wan(value)

    def alignment(self, r: ScheduleRow, col: int) -> int | None:
        return RIGHT if col in _AMOUNT else None

    def tooltip(self, r: ScheduleRow, col: int) -> str | None:
        return "\n".join(r.warnings) if r.warnings else None

    def cell_data(self, r: ScheduleRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and r.warnings:
            return QColor(WARNING_BACKGROUND)
        return super().cell_data(r, col, role)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
