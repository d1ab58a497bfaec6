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

from desktop_app.snapshots.funding import (
    DisbursementRow,
    ScheduleSnapshot,
)
from desktop_app.ui import workspace
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.button import evidence_button
from desktop_app.ui.funding.charts import PlanChart
from desktop_app.ui.funding.plan_form import PlanForm
from desktop_app.ui.project.funding_controller import FundingController
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
        self.controller = c = FundingController(ctx, self)
        self.refusal = ""
        """Why the last save was refused (Ctrl+S shows it in the status bar)."""
        self.form = PlanForm()
        self.save_button = QPushButton(self.tr("Save plan"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.schedule_model = c.schedule_model
        self.schedule_view = _table(self.schedule_model)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a6d00;")
        self.chart = PlanChart()
        self.register_model = c.register_model
        self.register_view = _table(self.register_model)
        self.schedule_view.setMinimumHeight(200)  # five plan years in view, even when stacked
        self.register_view.setProperty("printName", self.tr("Disbursement register"))
        self.schedule_view.setProperty("printName", self.tr("Funding plan by year"))
        self.register_view.setSortingEnabled(True)
        self.register_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.add_button = QPushButton(self.tr("Add payment…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.evidence_button = evidence_button(ctx, self, c.evidence_target)
        self._layout()
        self.form.sig_changed.connect(c.preview)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.discard)
        self.add_button.clicked.connect(lambda: c.open_payment(None))
        self.edit_button.clicked.connect(c.edit_selected)
        self.register_view.doubleClicked.connect(lambda _i: c.edit_selected())
        self.delete_button.clicked.connect(c.delete_selected)
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

    # ------------------------------------------------------------ what the controller shows

    def load_project(self, project_id: int | None) -> None:
        super().load_project(project_id)
        self.controller.load_project(project_id)

    def say(self, text: str) -> None:
        """The plan's state below the panes (no plan yet, preview, fix the marked fields)."""
        self.state.setText(text)

    def show_schedule(self, schedule: ScheduleSnapshot) -> None:
        self.chart.set_rows(schedule.rows)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in schedule.warnings))
        self.warnings.setVisible(bool(schedule.warnings))

    def enable(self, has_plan: bool) -> None:
        editable = self.project_id is not None and not self.ctx.readonly
        self.form.set_editable(editable)
        self.save_button.setEnabled(editable and self.has_unsaved_changes())
        self.revert_button.setEnabled(editable and self.has_unsaved_changes())
        self.add_button.setEnabled(editable and has_plan)
        self.edit_button.setEnabled(editable and has_plan)
        self.delete_button.setEnabled(editable and has_plan)

    def has_unsaved_changes(self) -> bool:
        return self.controller.has_unsaved_changes()

    def save(self) -> bool:
        return self.controller.save()

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

    def selected_payment(self) -> DisbursementRow | None:
        rows = self.register_view.selectionModel().selectedRows()
        return self.register_model.row_at(rows[0].row()) if rows else None

    def select_payment(self, payment_id: int) -> None:
        """Select a payment in the register and scroll to it."""
        for row in range(self.register_model.rowCount()):
            if self.register_model.row_at(row).id == payment_id:
                self.register_view.selectRow(row)
                self.register_view.scrollTo(self.register_model.index(row, 0))
                break


def create(ctx: AppContext, parent: QWidget | None = None) -> FundingTab:
    return FundingTab(ctx, parent)
