"""The project's funding tab: plan parameters with a live preview, the year table, the
chart, and the disbursement register.

Typing in the form recomputes the year table and chart at once (pure, no database);
nothing is written until Save. Payments are saved one by one from their dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

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
from desktop_app.ui import conflict_dialog, dialogs, workspace
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.button import evidence_button
from desktop_app.ui.funding.charts import PlanChart
from desktop_app.ui.funding.disbursement_dialog import DisbursementDialog, payment_labels
from desktop_app.ui.funding.plan_form import PlanForm
from desktop_app.ui.funding.register_model import RegisterTableModel
from desktop_app.ui.funding.schedule_model import ScheduleTableModel
from desktop_app.ui.project.tab_base import ProjectTab


def _table(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    # rows as tall as the text needs: the plan's years and its total in view, stacked
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


class FundingTab(ProjectTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.version: int | None = None
        self.refusal = ""
        """Why the last save was refused (Ctrl+S shows it in the status bar)."""
        self.facts = FundingFacts()
        self._loaded: FundingPlanDraft | None = None
        self.form = PlanForm()
        self.save_button = QPushButton(self.tr("Save plan"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.schedule_model = ScheduleTableModel(self)
        self.schedule_view = _table(self.schedule_model)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a6d00;")
        self.chart = PlanChart()
        self.register_model = RegisterTableModel(self)
        self.register_view = _table(self.register_model)
        self.schedule_view.setMinimumHeight(200)  # five plan years in view, even when stacked
        self.register_view.setProperty("printName", self.tr("Disbursement register"))
        self.schedule_view.setProperty("printName", self.tr("Funding plan by year"))
        self.register_view.setSortingEnabled(True)
        self.register_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.add_button = QPushButton(self.tr("Add payment…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.evidence_button = evidence_button(ctx, self, self._evidence_target)
        self._layout()
        self.form.sig_changed.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.discard)
        self.add_button.clicked.connect(lambda: self.open_payment(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.register_view.doubleClicked.connect(lambda _i: self._edit_selected())
        self.delete_button.clicked.connect(self._delete_selected)
        self.load_project(None)

    def tab_title(self) -> str:
        return self.tr("Funding")

    def _layout(self) -> None:
        """Four panes as sub-tabs (plan, years and chart, payments, tranches), so each has
        the tab's whole height on a 1366×697 window; Save and the plan's state stay below
        them, in view whichever pane is shown."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.form_scroll = scroll
        plan_buttons = QHBoxLayout()
        plan_buttons.addWidget(self.state, 1)
        plan_buttons.addWidget(self.save_button)
        plan_buttons.addWidget(self.revert_button)
        pay_buttons = QHBoxLayout()
        pay_buttons.addWidget(QLabel(self.tr("Disbursement register, newest first")))
        pay_buttons.addStretch(1)
        for b in (self.add_button, self.edit_button, self.delete_button, self.evidence_button):
            pay_buttons.addWidget(b)
        register = QWidget()
        reg_layout = QVBoxLayout(register)
        reg_layout.setContentsMargins(4, 4, 4, 4)
        reg_layout.addLayout(pay_buttons)
        reg_layout.addWidget(self.register_view, 1)
        table = QWidget()
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.schedule_view, 1)
        table_layout.addWidget(self.warnings)
        # Year table beside the chart when there is width, above it when there is not.
        self.figures = QSplitter(Qt.Orientation.Horizontal)
        self.figures.addWidget(table)
        self.figures.addWidget(self.chart)
        self.figures.setChildrenCollapsible(False)
        self.figures.setSizes([560, 420])
        self.panes = QTabWidget()
        self.panes.setDocumentMode(True)
        self.panes.addTab(scroll, self.tr("Plan"))
        self.panes.addTab(self.figures, self.tr("Years and chart"))
        self.panes.addTab(register, self.tr("Payments"))
        self.panes.addTab(self.form.tranche_panel, self.tr("Start-up tranches"))
        workspace.remember(self.figures, "funding/figures")
        workspace.remember(self.schedule_view, "funding/schedule")
        workspace.remember(self.register_view, "funding/register")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.panes, 1)
        layout.addLayout(plan_buttons)

    PLAN, FIGURES, PAYMENTS, TRANCHES = range(4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrow (project list open at 1366): stack the year table over the chart."""
        super().resizeEvent(event)
        wide = self.width() >= 1500  # every column of the year table beside the chart
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.figures.orientation() != orientation:
            self.figures.setOrientation(orientation)
            total = max(sum(self.figures.sizes()), 2)
            # stacked: the year table keeps the plan's five years in view above the chart
            first = total // 2 if wide else max(total * 2 // 5, 260)
            self.figures.setSizes([first, total - first])

    # ------------------------------------------------------------ loading and preview

    def load_project(self, project_id: int | None) -> None:
        super().load_project(project_id)
        if project_id is None:
            self.version, self.facts, self._loaded = None, FundingFacts(), None
            self.form.set_draft(None)
            self._show(ScheduleSnapshot(None, (), ()))
            self.register_model.set_rows([])
            self._enable()
            return
        snap = load_plan(self.ctx.db, project_id)
        self.version, self.facts = snap.version, snap.facts
        self.form.set_draft(snap.draft)
        self._loaded = self.form.draft()
        self._show(snap.schedule)
        self.register_model.set_rows(read_disbursements(self.ctx.db, project_id))
        self.state.setText("" if snap.draft else self.tr("No plan yet: enter the approved plan."))
        self._enable()

    def _show(self, schedule: ScheduleSnapshot) -> None:
        self.schedule_model.set_rows(schedule.rows)
        self.chart.set_rows(schedule.rows)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in schedule.warnings))
        self.warnings.setVisible(bool(schedule.warnings))

    def preview(self) -> None:
        """Recompute the table and chart from the form as it stands (nothing is saved)."""
        if self.project_id is None:
            return
        try:
            schedule = preview_schedule(self.form.draft(), self.facts, self.project_id)
        except ValidationError as exc:
            self.form.set_errors(exc.errors)
            first = self.form.first_error(exc.errors)
            self.state.setText(
                self.tr("Fix the marked fields to see the new schedule: {first}").format(
                    first=first[1] if first else ""
                )
            )
            self._enable()
            return
        self.form.set_errors({})
        self._show(schedule)
        self.state.setText(
            self.tr("Preview of unsaved changes: press Save to keep them.")
            if self.has_unsaved_changes()
            else ""
        )
        self._enable()

    def _enable(self) -> None:
        has = self.project_id is not None
        editable = has and not self.ctx.readonly
        self.form.set_editable(editable)
        self.save_button.setEnabled(editable and self.has_unsaved_changes())
        self.revert_button.setEnabled(editable and self.has_unsaved_changes())
        has_plan = self.version is not None
        self.add_button.setEnabled(editable and has_plan)
        self.edit_button.setEnabled(editable and has_plan)
        self.delete_button.setEnabled(editable and has_plan)

    # ------------------------------------------------------------ saving

    def has_unsaved_changes(self) -> bool:
        return self.project_id is not None and self.form.draft() != self._loaded

    def save(self) -> bool:
        if self.project_id is None or not self.has_unsaved_changes():
            return True
        try:
            if not self._save_plan():
                return False  # a conflict: reloaded, or the officer keeps editing
        except ValidationError as exc:
            self.form.set_errors(exc.errors)
            self.show_refusal(exc.errors)
            return False
        except UserError as exc:
            self.refusal = str(exc)
            dialogs.show_error(self, str(exc))
            return False
        self.refusal = ""
        self.load_project(self.project_id)
        self.ctx.bus.sig_data_changed.emit()
        self.ctx.bus.sig_status.emit(self.tr("Funding plan saved."))
        return True

    def show_refusal(self, errors: dict[str, str]) -> None:
        """Bring the first bad field into view (its pane, scrolled to), focus it and name it:
        the red field is never below the visible area while the text only says "fix"."""
        first = self.form.first_error(errors)
        if first is None:
            return
        widget, why = first
        self.refusal = self.tr("Not saved: {why}").format(why=why)
        self.state.setText(self.refusal)
        if widget is None:
            return
        if widget is self.form.tranche_grid:
            self.panes.setCurrentIndex(self.TRANCHES)
        else:
            self.panes.setCurrentIndex(self.PLAN)
            self.form_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_plan(self) -> bool:
        """Save; when someone else saved the plan first, show theirs and yours. Re-apply
        puts only the fields changed here on top of the plan as saved now."""
        assert self.project_id is not None
        draft, version = self.form.draft(), self.version
        loaded = self._loaded or draft
        mine = my_changes(loaded, draft)
        while True:
            try:
                save_plan(self.ctx.db, self.project_id, draft, version)
                return True
            except ConflictError as exc:
                labels = {**self.form.field_labels(), "notes": self.tr("Notes")}
                choice = conflict_dialog.resolve_conflict(self, exc.only(mine), labels)
                if choice == conflict_dialog.CANCEL:
                    return False
                if choice == conflict_dialog.RELOAD:
                    self.load_project(self.project_id)
                    return False
                current = load_plan(self.ctx.db, self.project_id)
                if current.draft is None:
                    raise
                draft, version = rebased(current.draft, mine), current.version

    # ------------------------------------------------------------ payments

    def _selected(self) -> DisbursementRow | None:
        rows = self.register_view.selectionModel().selectedRows()
        return self.register_model.row_at(rows[0].row()) if rows else None

    def _evidence_target(self) -> tuple[str, int] | None:
        row = self._selected()
        return None if row is None else ("disbursement", row.id)

    def open_payment(self, row: DisbursementRow | None) -> None:
        if self.project_id is None:
            return
        dialog = DisbursementDialog(
            self.ctx, self.project_id, row, self, default_kind=self.next_kind()
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

    def _edit_selected(self) -> None:
        row = self._selected()
        if row is not None and not self.ctx.readonly:
            self.open_payment(row)

    def _delete_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        text = self.tr("Delete the payment of {date} ({amount} 10k yuan)?")
        if not dialogs.confirm(
            self, text.format(date=row.paid_on, amount=format_wan(row.amount_fen))
        ):
            return
        try:
            try:
                delete_disbursement(self.ctx.db, row.id, row.version, seen=row)
            except ConflictError as exc:
                # Changed by someone else since the list was shown: show what; Re-apply
                # deletes the payment as it is now, Reload just shows it.
                choice = conflict_dialog.resolve_conflict(self, exc, payment_labels())
                if choice == conflict_dialog.REAPPLY:
                    delete_disbursement(self.ctx.db, row.id, exc.current_version)
        except UserError as exc:
            dialogs.show_error(self, str(exc))
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
        for row in range(self.register_model.rowCount()):
            if self.register_model.row_at(row).id == saved.id:
                self.register_view.selectRow(row)
                self.register_view.scrollTo(self.register_model.index(row, 0))
                break
        self.ctx.bus.sig_status.emit(
            self.tr("Payment of {date} saved: {amount} (10k yuan).").format(
                date=saved.paid_on.isoformat(), amount=format_wan(saved.amount_fen)
            )
        )


def create(ctx: AppContext, parent: QWidget | None = None) -> FundingTab:
    return FundingTab(ctx, parent)
