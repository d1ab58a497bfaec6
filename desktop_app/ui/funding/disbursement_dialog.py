"""Add or edit one payment; the dialog saves through the service and stays open on errors.

A 文号 already used is asked about (`dialogs.confirm`) and saved only when confirmed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.funding import DISBURSEMENT_KINDS
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.services.conflicts import ConflictError, my_changes, rebased
from desktop_app.services.disbursements import (
    DuplicateDocNo,
    add_disbursement,
    draft_of,
    edit_disbursement,
    read_disbursement,
)
from desktop_app.snapshots.funding import DisbursementDraft, DisbursementRow
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.funding.formatting import INVALID_STYLE, kind_label
from desktop_app.ui.widgets.date_field import DateField
from desktop_app.ui.widgets.ok_cancel import ok_cancel


def payment_labels() -> dict[str, str]:
    """The payment fields as the form labels them (for the conflict dialog)."""
    return {
        "paid_on": QCoreApplication.translate("DisbursementDialog", "Paid on"),
        "amount": QCoreApplication.translate("DisbursementDialog", "Amount (10k yuan)"),
        "kind": QCoreApplication.translate("DisbursementDialog", "Kind"),
        "doc_no": QCoreApplication.translate("DisbursementDialog", "Document no."),
        "note": QCoreApplication.translate("DisbursementDialog", "Note"),
    }


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
        self.for_year = QLineEdit()
        self.for_year.setPlaceholderText(self.tr("Blank: by the rule"))
        self.for_year.setToolTip(
            self.tr(
                "The plan year this payment settles (plan-year basis). Blank: a reward pays "
                "the year before it is paid (its evaluation year), anything else the year it "
                "is paid. For an advance, type the later year it is for."
            )
        )
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
        form.addRow(self.tr("Amount (10k yuan)"), self.amount)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("For plan year"), self.for_year)
        form.addRow(self.tr("Document no."), self.doc_no)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = ok_cancel(self, self.try_save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        if row is not None:
            self._fill(draft_of(row))
        self._loaded = self.draft()

    def _fill(self, draft: DisbursementDraft) -> None:
        self.paid_on.edit.setText(str(draft.paid_on))
        self.amount.setText(str(draft.amount))
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.for_year.setText(str(draft.for_year))
        self.doc_no.setText(draft.doc_no)
        self.note.setText(draft.note)

    def draft(self) -> DisbursementDraft:
        return DisbursementDraft(
            paid_on=self.paid_on.edit.text(),
            amount=plain_amount(self.amount.text()),
            kind=self.kind.currentData(),
            doc_no=self.doc_no.text(),
            note=self.note.text(),
            for_year=self.for_year.text(),
        )

    def _mark(self, errors: dict[str, str]) -> None:
        self.paid_on.set_error(errors.get("paid_on"))
        for name, widget in (
            ("amount", self.amount),
            ("kind", self.kind),
            ("for_year", self.for_year),
            ("doc_no", self.doc_no),
        ):
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
        """Save; on refusal mark the fields and stay open. True when saved (and accepted).

        Someone else saved the payment first: show theirs and yours; Re-apply puts only
        the fields changed here on top of what is saved now, Reload shows that instead.
        """
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
        except ConflictError as exc:
            return self._conflict(exc)
        except UserError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self._mark({})
        self._warn_if_closed()
        self.accept()
        return True

    def _conflict(self, exc: ConflictError) -> bool:
        assert self.row is not None  # only an edit can conflict
        mine = my_changes(self._loaded, self.draft())
        choice = conflict_dialog.resolve_conflict(self, exc.only(mine), payment_labels())
        if choice == conflict_dialog.CANCEL:
            return False
        try:
            current = read_disbursement(self.ctx.db, self.row.id)
        except UserError as gone:
            dialogs.show_error(self, str(gone))
            return False
        self.row = current
        self._loaded = draft_of(current)
        self._fill(
            rebased(self._loaded, mine) if choice == conflict_dialog.REAPPLY else self._loaded
        )
        return self.try_save() if choice == conflict_dialog.REAPPLY else False

    def _warn_if_closed(self) -> None:
        """A payment dated in a closed quarter is allowed, but it corrects that quarter."""
        from desktop_app.services.quarters import closed_quarter_touched

        saved = self.saved
        before = self.row.paid_on if self.row is not None else None
        quarter = closed_quarter_touched(self.ctx.db, saved.paid_on if saved else None, before)
        if quarter:
            dialogs.show_warning(
                self,
                self.tr(
                    "This payment changes the figures of {q}, which is closed. It is saved, "
                    "and the next brief lists it as a correction to {q}."
                ).format(q=quarter),
            )
