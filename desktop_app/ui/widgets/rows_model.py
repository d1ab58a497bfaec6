"""The one base of every table model in the window (`RowsTableModel`).

Rows come in whole with `set_rows()` (frozen snapshots from a service, never from a
session); roles go out through a few hooks; the model sorts its own rows, so a view needs
no sorting proxy (a proxy only filters, and hands a header click to the model).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 100
"""Models may answer this role with a value to sort by (dates, numbers) instead of the text."""
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """Every table model of the window: rows in (`set_rows`), roles out (`data`).

    Subclasses give `headers()` (translated) and answer the roles they show through
    small hooks (`display`, `tooltip`, `alignment`, `foreground`, `sort_value`), or
    `cell_data` for any other role (background, font, edit, check). The model sorts its
    rows itself (`sort()` reorders them, so `row_at(index.row())` stays right without a
    proxy); numbers shown with grouping or a % sort as numbers, empty cells last. Editing
    grids set `sortable = False`: their rows keep the order the officer works in.
    """

    sortable: ClassVar[bool] = True
    right_columns: ClassVar[Collection[int]] = ()
    """Columns shown right-aligned (numbers); `alignment()` may say more."""

    def __init__(self, parent: Any = None, headers: list[str] | None = None) -> None:
        super().__init__(parent)
        self._headers = self.headers() if headers is None else list(headers)
        self._rows: list[Row] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    # --- rows in ----------------------------------------------------------------------
    def headers(self) -> list[str]:
        return []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._resort()
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    # --- roles out --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell_data(self._rows[index.row()], index.column(), role)

    def cell_data(self, row: Row, col: int, role: int) -> Any:
        """One role of one cell; subclasses add roles and call this for the rest."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, col)
        if role == SORT_ROLE:
            return self.sort_value(row, col)
        return None

    def display(self, row: Row, col: int) -> Any:
        return None

    def tooltip(self, row: Row, col: int) -> Any:
        return None

    def alignment(self, row: Row, col: int) -> Any:
        return RIGHT if col in self.right_columns else None

    def foreground(self, row: Row, col: int) -> Any:
        return None

    def sort_value(self, row: Row, col: int) -> Any:
        """What a cell sorts by when not its text (dates, numbers); None: the text."""
        return None

    # --- sorting, one way -------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by a column; -1 forgets the order (the rows stay as they are)."""
        if not self.sortable:
            return
        if column < 0:
            self._sorted = None
            return
        if column >= self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._sorted = (column, order)
        self._sort_rows(column, order)
        # Selections and proxies hold persistent indexes: move them with their rows.
        old = self.persistentIndexList()
        if old:
            at = {id(row): i for i, row in enumerate(self._rows)}
            self.changePersistentIndexList(
                old, [self.index(at[id(before[i.row()])], i.column()) for i in old]
            )
        self.layoutChanged.emit()

    def sorted_by(self) -> tuple[int, Qt.SortOrder] | None:
        return self._sorted

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        keyed = [(sort_key(self._sort_cell(r, column)), row) for r, row in enumerate(self._rows)]
        filled: list[tuple[tuple[int, Any], Any]] = [(k, row) for k, row in keyed if k is not None]
        empty = [row for key, row in keyed if key is None]
        filled.sort(key=lambda k: k[0], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [row for _key, row in filled] + empty

    def _sort_cell(self, row: int, column: int) -> Any:
        """What a row sorts by: the model's SORT_ROLE if it gives one, else the text shown."""
        index = self.createIndex(row, column)
        value = self.data(index, SORT_ROLE)
        return self.data(index, Qt.ItemDataRole.DisplayRole) if value is None else value

    def _resort(self) -> None:
        if self._sorted is not None:
            self._sort_rows(*self._sorted)
