"""The policy warnings table (services.warnings): level, project, reason and its figure."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.warnings import WarningRow
from desktop_app.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
COL_LEVEL, COL_NO, COL_PROJECT, COL_REASON, COL_FIGURE = range(5)
COLOURS = {"red": QBrush(QColor("#c62828")), "amber": QBrush(QColor("#8a4b00"))}


class WarningsModel(RowsTableModel[WarningRow]):
    def __init__(self, lang: str, parent: Any = None) -> None:
        self.lang = lang
        headers = [
            QCoreApplication.translate("WarningsModel", "Level"),
            QCoreApplication.translate("WarningsModel", "No."),
            QCoreApplication.translate("WarningsModel", "Project"),
            QCoreApplication.translate("WarningsModel", "Warning"),
            QCoreApplication.translate("WarningsModel", "Figure"),
        ]
        super().__init__(headers, parent)

    def _level(self, level: str) -> str:
        if level == "red":
            return QCoreApplication.translate("WarningsModel", "Red")
        return QCoreApplication.translate("WarningsModel", "Amber")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_LEVEL: f"▲ {self._level(r.level)}",
                COL_NO: str(r.project_no),
                COL_PROJECT: r.name(self.lang),
                COL_REASON: r.reason,
                COL_FIGURE: r.figure,
            }[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_REASON:
            return r.reason
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_LEVEL:
            return COLOURS.get(r.level)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NO, COL_FIGURE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
