"""The disbursement register (拨付台账) of one project as a table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.money import format_wan
from desktop_app.snapshots.funding import DisbursementRow
from desktop_app.ui.funding.formatting import kind_label
from desktop_app.ui.widgets.rows_model import RowsTableModel

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


class RegisterTableModel(RowsTableModel[DisbursementRow]):
    headers = staticmethod(_headers)
    right_columns = (COL_AMOUNT, COL_FOR_YEAR)

    def display(self, r: DisbursementRow, col: int) -> str:
        return {
            COL_DATE: r.paid_on.isoformat(),
            COL_KIND: kind_label(r.kind),
            COL_FOR_YEAR: str(r.for_year) if r.for_year else "",
            COL_AMOUNT: format_wan(r.amount_fen),
            COL_DOC: r.doc_no,
            COL_NOTE: r.note,
        }[col]
