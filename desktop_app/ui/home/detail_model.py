"""The rows behind a Home figure: a plain table model filled in one reset.

At 2,000 projects a figure can stand for 1,500 rows; as `QStandardItem`s that is 9,000
objects and a signal per row (half a second on the GUI thread). Here each cell is a
tuple and the whole table arrives in one model reset.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PROJECT_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class Cell(NamedTuple):
    text: str
    sort: Any
    align_right: bool = False
    project_id: int | None = None


def cell(text: str, sort: Any = None, align_right: bool = False) -> Cell:
    return Cell(text, text if sort is None else sort, align_right)


class DetailModel(QAbstractTableModel):
    """Rows of cells; `appendRow` collects, the table shows them after `finish()`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[Cell]] = []
        self._pending: list[list[Cell]] = []

    def clear(self) -> None:
        self._pending = []

    def setHorizontalHeaderLabels(self, labels: list[str]) -> None:
        self._headers = list(labels)

    def appendRow(self, cells: list[Cell]) -> None:
        self._pending.append(cells)

    def finish(self) -> None:
        """Show the rows appended since `clear()` (one reset, whatever their number)."""
        self.beginResetModel()
        self._rows, self._pending = self._pending, []
        self.endResetModel()

    def project_at(self, row: int) -> int | None:
        return self._rows[row][0].project_id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return super().headerData(section, orientation, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if index.column() >= len(row):
            return None
        c = row[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return c.text  # the tooltip: in full on hover, wherever the column is narrow
        if role == SORT_ROLE:
            return c.sort
        if role == Qt.ItemDataRole.TextAlignmentRole and c.align_right:
            return _RIGHT
        if role == PROJECT_ROLE:
            return c.project_id
        return None
