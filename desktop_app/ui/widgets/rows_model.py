"""A read-only table model over a list of frozen rows: the part every such model repeats.

Subclasses pass their column headers and implement `data()`; rows come in whole with
`set_rows()` (from a service, never from a session). Every such table sorts by any column
(`sort()` reorders the rows themselves, so `row_at(index.row())` stays right without a
proxy); numbers shown with grouping or a % sort as numbers, empty cells last.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 100
"""Models may answer this role with a value to sort by (dates, numbers) instead of the text."""


def sort_key(value: Any) -> tuple[int, Any] | None:
    """Numbers before text, numbers by value ("1,234.50", "12%", "-3"), None/"" → None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return (0, Decimal(int(value)))
    if isinstance(value, int | float | Decimal):
        return (0, Decimal(str(value)))
    text = str(value).strip()
    plain = text.replace(",", "").rstrip("%").strip()
    try:
        return (0, Decimal(plain))
    except InvalidOperation:
        return (1, text.casefold())


Row = TypeVar("Row")


class RowSorting:
    """Sorting for table models that keep their rows in `self._rows` (mixed in first).

    `set_rows()` implementations call `_resort()` before `endResetModel()`.
    """

    _rows: list[Any]
    _sorted: tuple[int, Qt.SortOrder] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        qt: Any = self  # the QAbstractItemModel this is mixed into
        if not 0 <= column < qt.columnCount():
            return
        qt.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._sorted = (column, order)
        self._sort_rows(column, order)
        # Selections and proxies hold persistent indexes: move them with their rows.
        old = qt.persistentIndexList()
        if old:
            at = {id(row): i for i, row in enumerate(self._rows)}
            qt.changePersistentIndexList(
                old, [qt.index(at[id(before[i.row()])], i.column()) for i in old]
            )
        qt.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        keyed = [(sort_key(self._cell(r, column)), row) for r, row in enumerate(self._rows)]
        filled: list[tuple[tuple[int, Any], Any]] = [(k, row) for k, row in keyed if k is not None]
        empty = [row for key, row in keyed if key is None]
        filled.sort(key=lambda k: k[0], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [row for _key, row in filled] + empty

    def _cell(self, row: int, column: int) -> Any:
        """What a row sorts by: the model's SORT_ROLE if it gives one, else the text shown."""
        qt: Any = self
        index = qt.createIndex(row, column)
        value = qt.data(index, SORT_ROLE)
        return qt.data(index, Qt.ItemDataRole.DisplayRole) if value is None else value

    def _resort(self) -> None:
        if self._sorted is not None:
            self._sort_rows(*self._sorted)


class RowsTableModel(RowSorting, QAbstractTableModel, Generic[Row]):
    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Row] = []
        self._sorted = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._resort()
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
