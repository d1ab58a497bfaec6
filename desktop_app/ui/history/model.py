"""The audit trail as a table: one changed field per row, no database inside."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from desktop_app.domain.periods import local_stamp
from desktop_app.snapshots.safety import HistoryRow
from desktop_app.ui.history.labels import field_label, table_label, value_text
from desktop_app.ui.widgets.rows_model import Index, RowsTableModel

COL_AT, COL_WHO, COL_ACTION, COL_PROJECT, COL_TABLE, COL_FIELD, COL_BEFORE, COL_AFTER = range(8)
COLUMN_COUNT = 8


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("HistoryModel", "When"),
        QCoreApplication.translate("HistoryModel", "Who"),
        QCoreApplication.translate("HistoryModel", "Change"),
        QCoreApplication.translate("HistoryModel", "Project"),
        QCoreApplication.translate("HistoryModel", "Record"),
        QCoreApplication.translate("HistoryModel", "Field"),
        QCoreApplication.translate("HistoryModel", "Before"),
        QCoreApplication.translate("HistoryModel", "After"),
    ]


def action_label(action: str) -> str:
    return {
        "insert": QCoreApplication.translate("HistoryModel", "added"),
        "update": QCoreApplication.translate("HistoryModel", "changed"),
        "delete": QCoreApplication.translate("HistoryModel", "deleted"),
    }.get(action, action)


def who(row: HistoryRow) -> str:
    if row.officer and row.os_user:
        return f"{row.officer} ({row.os_user})"
    return row.officer or row.os_user


def record_text(row: HistoryRow) -> str:
    """The kind of record, and which one when the service could name it."""
    kind = table_label(row.table_name)
    if not row.record:
        return kind
    if row.record.casefold().startswith(kind.casefold()):  # "payment 2026-05-19 (no. 4)"
        return row.record[:1].upper() + row.record[1:]
    return f"{kind} {row.record}"


#: Rows read per batch: a screenful several times over, never the whole trail.
BATCH = 100


class HistoryModel(RowsTableModel[HistoryRow]):
    """The trail a batch at a time: the view asks for more (`fetchMore`) as the officer
    scrolls to the end, so opening the page costs one batch however long the trail is."""

    headers = staticmethod(_headers)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._read: Callable[[int, int], list[HistoryRow]] | None = None
        self._total = 0

    def set_source(self, read: Callable[[int, int], list[HistoryRow]], total: int) -> None:
        """Show the first batch of `read(offset, limit)`; `total` is how many there are."""
        self._read, self._total = read, total
        self.set_rows(read(0, BATCH) if total else [])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._read is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._read is None:
            return
        more = self._read(len(self._rows), BATCH)
        if not more:  # the trail shrank under us (a restore): stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows = [*self._rows, *more]
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting orders the whole trail, not the batch on screen: the rest is read first
        (the officer asked for it; opening the page still reads one batch)."""
        if column >= 0:
            while self.canFetchMore():
                self.fetchMore()
        super().sort(column, order)

    def display(self, r: HistoryRow, col: int) -> str:
        return self._text(r, col)

    def tooltip(self, r: HistoryRow, col: int) -> str | None:
        if col == COL_TABLE:
            return record_text(r) + (f"\n{r.reason}" if r.reason else "")
        if col in (COL_PROJECT, COL_BEFORE, COL_AFTER):
            return self._text(r, col) or None
        return None

    @staticmethod
    def _text(r: HistoryRow, col: int) -> str:
        if col == COL_AT:
            return local_stamp(r.at, "%Y-%m-%d %H:%M:%S")  # stored UTC, shown local
        if col == COL_WHO:
            return who(r)
        if col == COL_ACTION:
            return action_label(r.action)
        if col == COL_PROJECT:
            return r.project_name
        if col == COL_TABLE:
            return record_text(r)
        if col == COL_FIELD:
            return field_label(r.field)
        if col == COL_BEFORE:
            return value_text(r.field, r.before)
        return value_text(r.field, r.after)
