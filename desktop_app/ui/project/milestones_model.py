"""The milestones table: rows of `MilestoneRow`, no database inside.

An edit does not change the row: the model emits `sig_edit_requested(row, field, text)`
and the tab decides (validate, save, push an undo step). A refused edit is kept as
typed, marked red with its reason, until corrected or reloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.milestones import MILESTONE_STATUSES
from desktop_app.snapshots.milestones import MilestoneRow
from desktop_app.ui.widgets.rows_model import Index, RowsTableModel

(
    COL_CODE,
    COL_TITLE,
    COL_OWNER,
    COL_PLANNED_START,
    COL_PLANNED_END,
    COL_ACTUAL_START,
    COL_ACTUAL_END,
    COL_PERCENT,
    COL_STATUS,
    COL_BASELINE_END,
    COL_SLIP,
    COL_CANCEL_REASON,
    COL_DELIVERABLE,
    COL_NOTES,
) = range(14)
COLUMN_COUNT = 14

#: Column → the `MilestoneEdit` field it edits (absent: read-only).
FIELD_OF = {
    COL_TITLE: "title",
    COL_OWNER: "owner",
    COL_PLANNED_START: "planned_start",
    COL_PLANNED_END: "planned_end",
    COL_ACTUAL_START: "actual_start",
    COL_ACTUAL_END: "actual_end",
    COL_PERCENT: "percent_complete",
    COL_STATUS: "status",
    COL_CANCEL_REASON: "cancel_reason",
    COL_DELIVERABLE: "deliverable",
    COL_NOTES: "notes",
}
COLUMN_OF = {f: c for c, f in FIELD_OF.items()}


def field_labels() -> dict[str, str]:
    """MilestoneEdit field → its column header (for the conflict dialog)."""
    names = headers()
    return {f: names[c] for f, c in COLUMN_OF.items() if c < len(names)}


DATE_COLUMNS = (COL_PLANNED_START, COL_PLANNED_END, COL_ACTUAL_START, COL_ACTUAL_END)
ERROR_BRUSH = QBrush(QColor("#fdecea"))
ERROR_TEXT = QBrush(QColor("#c62828"))
SLIP_LATE = QBrush(QColor("#c62828"))
SLIP_EARLY = QBrush(QColor("#2e7d32"))


def status_label(code: str) -> str:
    names = {
        "not_started": QCoreApplication.translate("MilestonesModel", "Not started"),
        "in_progress": QCoreApplication.translate("MilestonesModel", "In progress"),
        "done": QCoreApplication.translate("MilestonesModel", "Done"),
        "cancelled": QCoreApplication.translate("MilestonesModel", "Cancelled"),
    }
    return names.get(code, code)


def headers() -> list[str]:
    return [
        QCoreApplication.translate("MilestonesModel", "Code"),
        QCoreApplication.translate("MilestonesModel", "Title"),
        QCoreApplication.translate("MilestonesModel", "Owner"),
        QCoreApplication.translate("MilestonesModel", "Planned start"),
        QCoreApplication.translate("MilestonesModel", "Planned end"),
        QCoreApplication.translate("MilestonesModel", "Actual start"),
        QCoreApplication.translate("MilestonesModel", "Actual end"),
        QCoreApplication.translate("MilestonesModel", "% done"),
        QCoreApplication.translate("MilestonesModel", "Status"),
        QCoreApplication.translate("MilestonesModel", "Baseline end"),
        QCoreApplication.translate("MilestonesModel", "Slip (days)"),
        QCoreApplication.translate("MilestonesModel", "Cancel reason"),
        QCoreApplication.translate("MilestonesModel", "Deliverable"),
        QCoreApplication.translate("MilestonesModel", "Notes"),
    ]


class MilestoneTableModel(RowsTableModel[MilestoneRow]):
    sig_edit_requested = Signal(int, str, str)
    """row, field name, the text typed (or status code chosen)."""

    headers = staticmethod(headers)
    sortable = False  # the plan's order, codes M1, M2, … as the officer keeps them
    right_columns = (COL_PERCENT, COL_SLIP)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.readonly = False
        #: milestone id → {field: reason}; and the refused text per (id, field)
        self._errors: dict[int, dict[str, str]] = {}
        self._typed: dict[tuple[int, str], str] = {}

    # --- rows ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[MilestoneRow]) -> None:
        self._errors.clear()
        self._typed.clear()
        super().set_rows(rows)

    def row_of(self, milestone_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == milestone_id), None)

    # --- refused edits ------------------------------------------------------------
    def mark_refused(self, row: int, field: str, typed: str, errors: dict[str, str]) -> None:
        mid = self._rows[row].id
        marks = dict(errors)
        if field not in marks:
            marks[field] = " ".join(errors.values())
        self._errors[mid] = marks
        self._typed[(mid, field)] = typed
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def error_at(self, row: int, col: int) -> str | None:
        field = FIELD_OF.get(col)
        if field is None:
            return None
        return self._errors.get(self._rows[row].id, {}).get(field)

    def has_errors(self) -> bool:
        return bool(self._errors)

    # --- Qt -------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # two lines ("Planned / start"): status, baseline and slip stay in view beside
            # the project list at 1366 px; the words are the same as in messages
            return self._headers[section].replace(" ", "\n", 1)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FIELD_OF and not self.readonly:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _value_text(self, r: MilestoneRow, col: int) -> str:
        if col == COL_CODE:
            return r.code
        if col == COL_SLIP:
            slip = r.slip_days
            return "" if slip is None else f"{slip:+d}" if slip else "0"
        if col == COL_BASELINE_END:
            return r.baseline_end.isoformat() if r.baseline_end else ""
        field = FIELD_OF[col]
        value = getattr(r, field)
        if col == COL_STATUS:
            return status_label(value)
        if col == COL_PERCENT:
            return f"{value}%"
        if col in DATE_COLUMNS:
            return value.isoformat() if value else ""
        return str(value)

    def edit_text(self, row: int, col: int) -> str:
        """What an editor starts with: the refused text if any, else the value."""
        r = self._rows[row]
        field = FIELD_OF.get(col, "")
        if (r.id, field) in self._typed:
            return self._typed[(r.id, field)]
        if col == COL_STATUS:
            return r.status
        if col == COL_PERCENT:
            return str(r.percent_complete)
        return self._value_text(r, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        r = self._rows[row]
        error = self.error_at(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_text(row, col)
        if error and role == Qt.ItemDataRole.ToolTipRole:
            return error
        if error and role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH
        if error and role == Qt.ItemDataRole.ForegroundRole:
            return ERROR_TEXT
        return self.cell_data(r, col, role)

    def display(self, r: MilestoneRow, col: int) -> str:
        typed = self._typed.get((r.id, FIELD_OF.get(col, "")))
        if typed is not None:
            return status_label(typed) if col == COL_STATUS else typed
        return self._value_text(r, col)

    def tooltip(self, r: MilestoneRow, col: int) -> str | None:
        return r.deliverable if col == COL_TITLE and r.deliverable else None

    def foreground(self, r: MilestoneRow, col: int) -> QBrush | None:
        if col == COL_SLIP and r.slip_days:
            return SLIP_LATE if r.slip_days > 0 else SLIP_EARLY
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        field = FIELD_OF.get(index.column())
        if role != Qt.ItemDataRole.EditRole or field is None or self.readonly:
            return False
        text = "" if value is None else str(value)
        if text == self.edit_text(index.row(), index.column()):
            return False
        self.sig_edit_requested.emit(index.row(), field, text)
        return True


STATUS_CODES = MILESTONE_STATUSES
