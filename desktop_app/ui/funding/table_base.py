"""What the funding tables share: `RowsTableModel` with headers given by a method."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop_app.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowTableModel(RowsTableModel[Any]):
    """Subclasses give `headers()` (translated) and `data()`; rows are frozen snapshots."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(self.headers(), parent)

    def headers(self) -> list[str]:
        raise NotImplementedError

    def rows(self) -> list[Any]:
        return list(self._rows)
