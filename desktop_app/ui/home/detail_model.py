"""The rows behind a Home figure: a plain table model filled in one reset.

At 2,000 projects a figure can stand for 1,500 rows; as `QStandardItem`s that is 9,000
objects and a signal per row (half a second on the GUI thread). Here each cell is a
tuple and the whole table arrives in one model reset; the model sorts its rows itself
(one key per row) on a header click.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import Qt

from desktop_app.ui.widgets.rows_model import RIGHT, SORT_ROLE, RowsTableModel

PROJECT_ROLE = Qt.ItemDataRole.UserRole + 2


class Cell(NamedTuple):
    text: str
    sort: Any
    align_right: bool = False
    project_id: int | None = None


def cell(text: str, sort: Any = None, align_right: bool = False) -> Cell:
    return Cell(text, text if sort is None else sort, align_right)


class DetailModel(RowsTableModel[list[Cell]]):
    """Rows of cells; `appendRow` collects, the table shows them after `finish()`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pending: list[list[Cell]] = []

    def clear(self) -> None:
        self._pending = []

    def setHorizontalHeaderLabels(self, labels: list[str]) -> None:
        self._headers = list(labels)

    def appendRow(self, cells: list[Cell]) -> None:
        self._pending.append(cells)

    def finish(self) -> None:
        """Show the rows appended since `clear()` (one reset, whatever their number)."""
        pending, self._pending = self._pending, []
        self.set_rows(pending)

    def project_at(self, row: int) -> int | None:
        return self._rows[row][0].project_id if 0 <= row < len(self._rows) else None

    def cell_data(self, row: list[Cell], col: int, role: int) -> Any:
        if col >= len(row):
            return None
        c = row[col]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return c.text  # the tooltip: in full on hover, wherever the column is narrow
        if role == SORT_ROLE:
            return c.sort
        if role == Qt.ItemDataRole.TextAlignmentRole and c.align_right:
            return RIGHT
        if role == PROJECT_ROLE:
            return c.project_id
        return None
