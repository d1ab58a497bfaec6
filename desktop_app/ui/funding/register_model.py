"""The disbursement register (拨付台账) of one project as a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop_app.domain.money import format_wan
from desktop_app.ui.funding.formatting import kind_label
from desktop_app.ui.funding.table_base import RIGHT, Index, RowTableModel

COL_DATE, COL_KIND, COL_FOR_YEAR, COL_AMOUNT, COL_DOC, COL_NOTE = range(6)


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("RegisterModel", "Paid on"),
        QCoreApplication.translate("RegisterModel", "Kind"),
        QCoreApplication.translate("RegisterModel", "For plan year"),
        QCoreApplication.translate("RegisterModel", "Amount (10k yuan)"),
        QCoreApplication.translate("RegisterModel", "Document no."),
        QCoreApplication.translate("RegisterModel", "Note"),
    ]


class RegisterTableModel(RowTableModel):
    headers = staticmethod(_headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_DATE: r.paid_on.isoformat(),
                COL_KIND: kind_label(r.kind),
                COL_FOR_YEAR: str(r.for_year) if r.for_year else "",
                COL_AMOUNT: format_wan(r.amount_fen),
                COL_DOC: r.doc_no,
                COL_NOTE: r.note,
            }[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_AMOUNT, COL_FOR_YEAR):
            return RIGHT
        return None
