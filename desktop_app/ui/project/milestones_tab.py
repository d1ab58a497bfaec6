"""The project's milestones: a table, undo/redo, baselines, health and a Gantt.

This tab lays the widgets out and shows what it is given; `MilestonesController` holds
the behaviour (service calls, validation, the undo history per project).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.health import Health
from desktop_app.domain.milestones import MILESTONE_STATUSES as STATUS_CODES
from desktop_app.domain.milestones import worst_slip
from desktop_app.domain.periods import today
from desktop_app.snapshots.milestones import MilestoneRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.button import evidence_button
from desktop_app.ui.project import baseline_dialogs
from desktop_app.ui.project.milestones_controller import MilestonesController
from desktop_app.ui.project.milestones_model import (
    COL_BASELINE_END,
    COL_CODE,
    COL_OWNER,
    COL_PERCENT,
    COL_SLIP,
    COL_STATUS,
    COL_TITLE,
    DATE_COLUMNS,
    MilestoneTableModel,
    status_label,
)
from desktop_app.ui.project.milestones_view import MilestoneTableView
from desktop_app.ui.project.tab_base import ProjectTab
from desktop_app.ui.widgets.health_marker import HealthMarker
from desktop_app.ui.widgets.modeless import show_modeless
from desktop_app.ui.widgets.timeline import TimelineRow, TimelineView, ZoomBox
from desktop_app.ui.widgets.timeline_legend import TimelineLegend


class MilestonesTab(ProjectTab):
    sig_health_shown = Signal()
    """The project's health marker has been updated."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller = MilestonesController(ctx, self)

        self.health = HealthMarker()
        self.slip_label = QLabel()
        self.model = MilestoneTableModel(self)
        self.model.readonly = ctx.readonly
        self.table = MilestoneTableView()
        self.table.setProperty("pasteBlock", True)
        self.table.paste_block = self.controller.paste_block  # type: ignore[attr-defined]
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fit_columns()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)

        self.add_button = QPushButton(self.tr("Add milestone"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.baseline_button = QPushButton(self.tr("Set baseline…"))
        self.history_button = QPushButton(self.tr("Baseline history…"))
        self.evidence_button = evidence_button(ctx, self, self.controller.evidence_target)
        self.undo_action = self.controller.undo_group.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.controller.undo_group.createRedoAction(self, self.tr("Redo"))
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        ctrl_y = QKeySequence("Ctrl+Y")
        self.redo_action.setShortcuts([ctrl_y, *(k for k in redo_keys if k != ctrl_y)])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.undo_button.clicked.connect(self.controller.undo_group.undo)
        self.redo_button.clicked.connect(self.controller.undo_group.redo)
        self.controller.undo_group.canUndoChanged.connect(self.undo_button.setEnabled)
        self.controller.undo_group.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

        self.timeline = TimelineView()
        self.zoom = ZoomBox("quarter")
        self.zoom.attach(self.timeline)

        top = QHBoxLayout()
        top.addWidget(self.health, 1)
        top.addWidget(self.slip_label)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.baseline_button)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.evidence_button)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(buttons)
        table_layout.addWidget(self.table, 1)
        legend = QLabel(
            self.tr(
                "Slip: <span style='color:#c62828'>red</span> later than the baseline, "
                "<span style='color:#2e7d32'>green</span> earlier · "
                "<span style='background:#fdecea'>pink cell</span>: refused, not saved"
            )
        )
        legend.setStyleSheet("color: #546e7a;")
        table_layout.addWidget(legend)
        table_layout.addWidget(self.error_label)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        zoom_row = QHBoxLayout()
        zoom_row.addWidget(QLabel(self.tr("Timeline")))
        zoom_row.addStretch(1)
        zoom_row.addWidget(QLabel(self.tr("Zoom")))
        zoom_row.addWidget(self.zoom)
        chart_layout.addLayout(zoom_row)
        chart_layout.addWidget(self.timeline, 1)
        chart_layout.addWidget(TimelineLegend())
        # The table and the timeline each get the tab's whole height (1366×697: eleven
        # milestones in the table, fourteen bars in the timeline), one pane at a time.
        self.panes = QTabWidget()
        self.panes.setDocumentMode(True)
        self.panes.addTab(table_box, self.tr("Table"))
        self.panes.addTab(chart_box, self.tr("Timeline"))
        self.panes.currentChanged.connect(self._pane_shown)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.panes, 1)

        c = self.controller
        self.model.sig_edit_requested.connect(c.edit_requested)
        self.table.sig_delete_requested.connect(c.delete_current)
        self.add_button.clicked.connect(c.add_milestone)
        self.delete_button.clicked.connect(c.delete_current)
        self.up_button.clicked.connect(lambda: c.move_current(-1))
        self.down_button.clicked.connect(lambda: c.move_current(1))
        self.baseline_button.clicked.connect(c.set_baseline)
        self.history_button.clicked.connect(self.show_history)
        self.timeline.sig_milestone_clicked.connect(self._bar_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._set_enabled()

    def tab_title(self) -> str:
        return self.tr("Milestones")

    def _fit_columns(self) -> None:
        """Each column as wide as its widest header line or a typical value, no wider: the
        columns up to the slip fit beside the project list at 1366×697."""
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        hfm = header.fontMetrics()
        names = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(14)]
        samples = {
            COL_CODE: "M00",
            COL_OWNER: "张博士",
            COL_PERCENT: "100%",
            COL_STATUS: max((status_label(s) for s in STATUS_CODES), key=fm.horizontalAdvance),
            COL_BASELINE_END: "2026-12-31",
            COL_SLIP: "+999",
            **dict.fromkeys(DATE_COLUMNS, "2026-12-31"),
        }
        for col, sample in samples.items():
            head = max(hfm.horizontalAdvance(line) for line in names[col].split("\n"))
            header.resizeSection(col, max(fm.horizontalAdvance(sample), head) + 16)
        header.resizeSection(COL_TITLE, 150)

    # --- what the controller shows ------------------------------------------------
    def load_project(self, project_id: int | None) -> None:
        changed = project_id != self.project_id
        super().load_project(project_id)
        self.controller.show_project(project_id)
        if changed:
            self.timeline.scroll_to_date(today())
            self._scroll_to_current()

    TABLE, TIMELINE = range(2)

    def _pane_shown(self, index: int) -> None:
        if index == self.TIMELINE:
            self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        """The timeline opens on the first milestone still open (not the finished ones
        before the date window, which made the pane look empty)."""
        rows = self.controller.rows
        open_rows = [i for i, r in enumerate(rows) if r.status not in ("done", "cancelled")]
        self.timeline.scroll_to_row(max(0, open_rows[0] - 1) if open_rows else 0)

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def show_rows(self, rows: list[MilestoneRow], keep_id: int | None) -> None:
        """Fresh rows in the table and the chart; the current cell stays on `keep_id`'s
        row (or where it was), in its column."""
        current = self.table.currentIndex()
        keep_col = current.column() if current.isValid() else COL_TITLE
        self.model.set_rows(rows)
        self.timeline.set_rows(
            [TimelineRow(r.id, f"{r.code} {r.title}", (r.to_bar(),)) for r in rows], today()
        )
        row = self.model.row_of(keep_id) if keep_id is not None else None
        if row is None and current.isValid() and rows:
            row = min(current.row(), len(rows) - 1)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, keep_col), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.error_label.clear()
        slip = worst_slip(r.slip_days for r in rows)
        if self.project_id is None:
            self.slip_label.clear()
        elif slip is None:
            self.slip_label.setText(self.tr("No baseline yet"))
        else:
            self.slip_label.setText(
                self.tr("Worst slip: {n} days").format(n=f"{slip:+d}" if slip else "0")
            )
        self._set_enabled()

    def show_health(self, health: Health | None, warnings: list[str]) -> None:
        self.health.set_health(health)
        if health is not None:
            self.health.set_warnings(warnings)
            self.sig_health_shown.emit()

    def show_health_problem(self, text: str) -> None:
        self.health.reasons.setText(text)

    def show_refusal(
        self, row: int, field: str, typed: str, errors: dict[str, str], reasons: str
    ) -> None:
        self.model.mark_refused(row, field, typed, errors)
        self.error_label.setText(reasons)

    def edit_title_of(self, milestone_id: int) -> None:
        """Put the cursor on a (new) milestone's title, ready to type."""
        index = self.model.index(self.model.row_of(milestone_id) or 0, COL_TITLE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()

    def _set_enabled(self) -> None:
        has_project = self.project_id is not None and not self.ctx.readonly
        has_rows = bool(self.controller.rows)
        self.add_button.setEnabled(has_project)
        for b in (self.delete_button, self.up_button, self.down_button, self.baseline_button):
            b.setEnabled(has_project and has_rows)
        self.history_button.setEnabled(self.project_id is not None)

    def show_history(self) -> baseline_dialogs.BaselineHistoryDialog | None:
        if self.project_id is None:
            return None
        pid = self.project_id
        return show_modeless(
            self,
            f"baseline_history:{pid}",
            lambda: baseline_dialogs.BaselineHistoryDialog(self.ctx, pid, self),
            window_modal=False,
        )

    # --- chart <-> table ----------------------------------------------------------
    def _bar_clicked(self, milestone_id: int) -> None:
        row = self.model.row_of(milestone_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, COL_TITLE))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rows = self.controller.rows
        if current.isValid() and current.row() < len(rows):
            self.timeline.select_milestone(rows[current.row()].id)


def create(ctx: AppContext, parent: QWidget | None = None) -> MilestonesTab:
    return MilestonesTab(ctx, parent)
