"""Add or edit one payment; the dialog saves through the service and stays open on errors.

A 文号 already used is asked about (`dialogs.confirm`) and saved only when confirmed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.funding import DISBURSEMENT_KINDS
from desktop_app.domain.money import fen_to_wan
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.services.disbursements import (
    DuplicateDocNo,
    add_disbursement,
    edit_disbursement,
)
from desktop_app.snapshots.funding import DisbursementDraft, DisbursementRow
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.funding.formatting import INVALID_STYLE, kind_label
from desktop_app.ui.widgets.date_field import DateField


def plain_amount(text: str) -> str:
    """“123.45万” and “123.45 万元” as officers write them: the unit is the field's own."""
    stripped = text.strip()
    for unit in ("万元", "万"):
        if stripped.endswith(unit):
            return stripped[: -len(unit)].strip()
    return text


class DisbursementDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        project_id: int,
        row: DisbursementRow | None = None,
        parent: QWidget | None = None,
        default_kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)  # the 文号 and its label in full
        self.ctx = ctx
        self.project_id = project_id
        self.row = row
        self.saved: DisbursementRow | None = None
        self.setWindowTitle(self.tr("Edit payment") if row else self.tr("Add payment"))
        self.paid_on = DateField()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 1,234.56"))
        self.kind = QComboBox()
        for code in DISBURSEMENT_KINDS:
            self.kind.addItem(kind_label(code), code)
        if row is None and default_kind in DISBURSEMENT_KINDS:
            self.kind.setCurrentIndex(self.kind.findData(default_kind))
        self.doc_no = QLineEdit()
        self.doc_no.setPlaceholderText(self.tr("e.g. 思科〔2026〕12号"))
        self.note = QLineEdit()
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c62828;")
        self.errors.hide()
        form = QFormLayout()
        form.addRow(self.tr("Paid on"), self.paid_on)
        form.addRow(self.tr("Amount (万元)"), self.amount)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Document no. (文号)"), self.doc_no)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        if row is not None:
            self.paid_on.set_value(row.paid_on)
            self.amount.setText(f"{fen_to_wan(row.amount_fen).normalize():f}")
            self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
            self.doc_no.setText(row.doc_no)
            self.note.setText(row.note)

    def draft(self) -> DisbursementDraft:
        return DisbursementDraft(
            paid_on=self.paid_on.edit.text(),
            amount=plain_amount(self.amount.text()),
            kind=self.kind.currentData(),
            doc_no=self.doc_no.text(),
            note=self.note.text(),
        )

    def _mark(self, errors: dict[str, str]) -> None:
        self.paid_on.set_error(errors.get("paid_on"))
        for name, widget in (("amount", self.amount), ("kind", self.kind), ("doc_no", self.doc_no)):
            widget.setStyleSheet(INVALID_STYLE if name in errors else "")
            widget.setToolTip(errors.get(name, ""))
        self.errors.setText("\n".join(errors.values()))
        self.errors.setVisible(bool(errors))

    def _save(self, confirm_duplicate: bool) -> DisbursementRow:
        if self.row is None:
            return add_disbursement(
                self.ctx.db, self.project_id, self.draft(), confirm_duplicate=confirm_duplicate
            )
        return edit_disbursement(
            self.ctx.db,
            self.row.id,
            self.draft(),
            self.row.version,
            confirm_duplicate=confirm_duplicate,
        )

    def try_save(self) -> bool:
        """Save; on refusal mark the fields and stay open. True when saved (and accepted)."""
        try:
            try:
                self.saved = self._save(confirm_duplicate=False)
            except DuplicateDocNo as dup:
                question = self.tr("{reason}\nRecord this payment with the same number anyway?")
                if not dialogs.confirm(self, question.format(reason=dup)):
                    return False
                self.saved = self._save(confirm_duplicate=True)
        except ValidationError as exc:
            self._mark(exc.errors)
            return False
        except UserError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self._mark({})
        self.accept()
        return True
