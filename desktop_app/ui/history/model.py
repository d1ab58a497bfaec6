"""The audit trail as a table: one changed field per row, no database inside."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.periods import local_stamp
from desktop_app.snapshots.safety import HistoryRow
from desktop_app.ui.history.labels import field_label, table_label, value_text
from desktop_app.ui.widgets.rows_model import RowsTableModel

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


class HistoryModel(RowsTableModel[HistoryRow]):
    headers = staticmethod(_headers)

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
