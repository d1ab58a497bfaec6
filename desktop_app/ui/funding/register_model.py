"""The disbursement register (拨付台账) of one project as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.domain.money import format_wan
from desktop_app.snapshots.funding import DisbursementRow
from desktop_app.ui.funding.formatting import kind_label

Index = QModelIndex | QPersistentModelIndex

COL_DATE, COL_KIND, COL_AMOUNT, COL_DOC, COL_NOTE = range(5)
COLUMN_COUNT = 5


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("RegisterModel", "Paid on"),
        QCoreApplication.translate("RegisterModel", "Kind"),
        QCoreApplication.translate("RegisterModel", "Amount (万元)"),
        QCoreApplication.translate("RegisterModel", "Document no."),
        QCoreApplication.translate("RegisterModel", "Note"),
    ]


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DisbursementRow] = []
        self._headers = _headers()

    def set_rows(self, rows: list[DisbursementRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DisbursementRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_DATE: r.paid_on.isoformat(),
                COL_KIND: kind_label(r.kind),
                COL_AMOUNT: format_wan(r.amount_fen),
                COL_DOC: r.doc_no,
                COL_NOTE: r.note,
            }[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
