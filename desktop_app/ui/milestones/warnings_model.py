"""The policy warnings table (services.warnings): level, project, reason and its figure."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.warnings import WarningRow
from desktop_app.ui.widgets.rows_model import RowsTableModel

COL_LEVEL, COL_NO, COL_PROJECT, COL_REASON, COL_FIGURE = range(5)
COLOURS = {"red": QBrush(QColor("#c62828")), "amber": QBrush(QColor("#8a4b00"))}


class WarningsModel(RowsTableModel[WarningRow]):
    right_columns = (COL_NO, COL_FIGURE)

    def __init__(self, lang: str, parent: Any = None) -> None:
        self.lang = lang
        super().__init__(parent)

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("WarningsModel", "Level"),
            QCoreApplication.translate("WarningsModel", "No."),
            QCoreApplication.translate("WarningsModel", "Project"),
            QCoreApplication.translate("WarningsModel", "Warning"),
            QCoreApplication.translate("WarningsModel", "Figure"),
        ]

    def _level(self, level: str) -> str:
        if level == "red":
            return QCoreApplication.translate("WarningsModel", "Red")
        return QCoreApplication.translate("WarningsModel", "Amber")

    def display(self, r: WarningRow, col: int) -> str:
        return {
            COL_LEVEL: f"▲ {self._level(r.level)}",
            COL_NO: str(r.project_no),
            COL_PROJECT: r.name(self.lang),
            COL_REASON: r.reason,
            COL_FIGURE: r.figure,
        }[col]

    def tooltip(self, r: WarningRow, col: int) -> str | None:
        return r.reason if col == COL_REASON else None

    def foreground(self, r: WarningRow, col: int) -> QBrush | None:
        return COLOURS.get(r.level) if col == COL_LEVEL else None
