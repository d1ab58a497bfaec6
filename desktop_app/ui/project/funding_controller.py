"""What the funding tab does: load the plan and payments, preview the schedule, save the
plan (with its conflict), record and delete payments.

The tab (`FundingTab`) lays the widgets out and shows what it is given; this controller
owns the year and register models and calls the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_app.domain.money import format_wan
from desktop_app.domain.periods import today
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.services.conflicts import ConflictError, my_changes, rebased
from desktop_app.services.disbursements import delete_disbursement, read_disbursements
from desktop_app.services.funding import load_plan, preview_schedule, save_plan
from desktop_app.snapshots.funding import (
    DisbursementRow,
    FundingFacts,
    FundingPlanDraft,
    ScheduleSnapshot,
)
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.funding.disbursement_dialog import DisbursementDialog, payment_labels
from desktop_app.ui.funding.register_model import RegisterTableModel
from desktop_app.ui.funding.schedule_model import ScheduleTableModel

if TYPE_CHECKING:
    from desktop_app.ui.project.funding_tab import FundingTab


class FundingController(QObject):
    """The behaviour behind one `FundingTab` (its view, also the dialogs' parent)."""

    def __init__(self, ctx: AppContext, view: FundingTab) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.project_id: int | None = None
        self.version: int | None = None
        self.facts = FundingFacts()
        self._loaded: FundingPlanDraft | None = None
        self.schedule_model = ScheduleTableModel(self)
        self.register_model = RegisterTableModel(self)

    # ------------------------------------------------------------ loading and preview

    def load_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        if project_id is None:
            self.version, self.facts, self._loaded = None, FundingFacts(), None
            self.view.form.set_draft(None)
            self._show(ScheduleSnapshot(None, (), ()))
            self.register_model.set_rows([])
            self.view.enable(self.version is not None)
            return
        snap = load_plan(self.ctx.db, project_id)
        self.version, self.facts = snap.version, snap.facts
        self.view.form.set_draft(snap.draft)
        self._loaded = self.view.form.draft()
        self._show(snap.schedule)
        self.register_model.set_rows(read_disbursements(self.ctx.db, project_id))
        self.view.say("" if snap.draft else self.tr("No plan yet: enter the approved plan."))
        self.view.enable(self.version is not None)

    def _show(self, schedule: ScheduleSnapshot) -> None:
        self.schedule_model.set_rows(schedule.rows)
        self.view.show_schedule(schedule)

    def preview(self) -> None:
        """Recompute the table and chart from the form as it stands (nothing is saved)."""
        if self.project_id is None:
            return
        form = self.view.form
        try:
            schedule = preview_schedule(form.draft(), self.facts, self.project_id)
        except ValidationError as exc:
            form.set_errors(exc.errors)
            first = form.first_error(exc.errors)
            self.view.say(
                self.tr("Fix the marked fields to see the new schedule: {first}").format(
                    first=first[1] if first else ""
                )
            )
            self.view.enable(self.version is not None)
            return
        form.set_errors({})
        self._show(schedule)
        self.view.say(
            self.tr("Preview of unsaved changes: press Save to keep them.")
            if self.has_unsaved_changes()
            else ""
        )
        self.view.enable(self.version is not None)

    # ------------------------------------------------------------ saving

    def has_unsaved_changes(self) -> bool:
        return self.project_id is not None and self.view.form.draft() != self._loaded

    def save(self) -> bool:
        if self.project_id is None or not self.has_unsaved_changes():
            return True
        try:
            if not self._save_plan():
                return False  # a conflict: reloaded, or the officer keeps editing
        except ValidationError as exc:
            self.view.form.set_errors(exc.errors)
            self.view.show_refusal(exc.errors)
            return False
        except UserError as exc:
            self.view.refusal = str(exc)
            dialogs.show_error(self.view, str(exc))
            return False
        self.view.refusal = ""
        self.view.load_project(self.project_id)
        self.ctx.bus.sig_data_changed.emit()
        self.ctx.bus.sig_status.emit(self.tr("Funding plan saved."))
        return True

    def _save_plan(self) -> bool:
        """Save; when someone else saved the plan first, show theirs and yours. Re-apply
        puts only the fields changed here on top of the plan as saved now."""
        assert self.project_id is not None
        form = self.view.form
        draft, version = form.draft(), self.version
        loaded = self._loaded or draft
        mine = my_changes(loaded, draft)
        while True:
            try:
                save_plan(self.ctx.db, self.project_id, draft, version)
                return True
            except ConflictError as exc:
                labels = {**form.field_labels(), "notes": self.tr("Notes")}
                choice = conflict_dialog.resolve_conflict(self.view, exc.only(mine), labels)
                if choice == conflict_dialog.CANCEL:
                    return False
                if choice == conflict_dialog.RELOAD:
                    self.view.load_project(self.project_id)
                    return False
                current = load_plan(self.ctx.db, self.project_id)
                if current.draft is None:
                    raise
                draft, version = rebased(current.draft, mine), current.version

    # ------------------------------------------------------------ payments

    def evidence_target(self) -> tuple[str, int] | None:
        row = self.view.selected_payment()
        return None if row is None else ("disbursement", row.id)

    def open_payment(self, row: DisbursementRow | None) -> None:
        if self.project_id is None:
            return
        dialog = DisbursementDialog(
            self.ctx, self.project_id, row, self.view, default_kind=self.next_kind()
        )
        if dialog.exec() and dialog.saved is not None:
            self.payments_changed(dialog.saved)

    def next_kind(self) -> str:
        """The payment the plan expects next: start-up grant not yet paid, then this year's
        fixed support, then an earned reward not yet paid; fixed support otherwise."""
        year = today().year
        rows = [r for r in self.schedule_model.rows() if r.year <= year]
        if any(r.startup_fen > r.disbursed_startup_fen for r in rows):
            return "startup"
        this_year = next((r for r in rows if r.year == year), None)
        if this_year is not None and this_year.fixed_fen > this_year.disbursed_fixed_fen:
            return "fixed"
        if any((r.earned_reward_fen or 0) > r.disbursed_reward_fen for r in rows):
            return "reward"
        return "fixed"

    def edit_selected(self) -> None:
        row = self.view.selected_payment()
        if row is not None and not self.ctx.readonly:
            self.open_payment(row)

    def delete_selected(self) -> None:
        row = self.view.selected_payment()
        if row is None:
            return
        text = self.tr("Delete the payment of {date} ({amount} 10k yuan)?")
        if not dialogs.confirm(
            self.view, text.format(date=row.paid_on, amount=format_wan(row.amount_fen))
        ):
            return
        try:
            try:
                delete_disbursement(self.ctx.db, row.id, row.version, seen=row)
            except ConflictError as exc:
                # Changed by someone else since the list was shown: show what; Re-apply
                # deletes the payment as it is now, Reload just shows it.
                choice = conflict_dialog.resolve_conflict(self.view, exc, payment_labels())
                if choice == conflict_dialog.REAPPLY:
                    delete_disbursement(self.ctx.db, row.id, exc.current_version)
        except UserError as exc:
            dialogs.show_error(self.view, str(exc))
            self.payments_changed()  # show the register as it now stands
            return
        self.payments_changed()
        self.ctx.bus.sig_status.emit(self.tr("Payment deleted."))

    def payments_changed(self, saved: DisbursementRow | None = None) -> None:
        """Reload payments and facts; keep the officer's unsaved plan edits in the preview.

        A payment just saved is selected, scrolled to and named in the status bar.
        """
        assert self.project_id is not None
        self.facts = load_plan(self.ctx.db, self.project_id).facts
        self.register_model.set_rows(read_disbursements(self.ctx.db, self.project_id))
        self.preview()
        self.ctx.bus.sig_data_changed.emit()
        if saved is None:
            return
        self.view.select_payment(saved.id)
        self.ctx.bus.sig_status.emit(
            self.tr("Payment of {date} saved: {amount} (10k yuan).").format(
                date=saved.paid_on.isoformat(), amount=format_wan(saved.amount_fen)
            )
        )
