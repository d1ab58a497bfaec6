"""The project's milestones: edit in a table, undo/redo, baselines, health and a Gantt.

Each accepted cell edit is saved at once (one service call, one transaction) and pushed
as an undo step; a refused edit stays marked in its cell with the reason and saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoGroup, QUndoStack
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
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone, worst_slip
from desktop_app.domain.parsing import ParseError, parse_date, parse_percent
from desktop_app.domain.periods import today
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import t
from desktop_app.services import milestones as svc
from desktop_app.services.conflicts import ConflictError
from desktop_app.services.health import read_health
from desktop_app.snapshots.milestones import MilestoneRow
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.button import evidence_button
from desktop_app.ui.project import baseline_dialogs
from desktop_app.ui.project.milestone_commands import AddStep, DeleteStep, EditStep, ReorderStep
from desktop_app.ui.project.milestones_model import (
    COL_BASELINE_END,
    COL_CODE,
    COL_OWNER,
    COL_PERCENT,
    COL_SLIP,
    COL_STATUS,
    COL_TITLE,
    COLUMN_OF,
    DATE_COLUMNS,
    FIELD_OF,
    MilestoneTableModel,
    field_labels,
    headers,
    status_label,
)
from desktop_app.ui.project.milestones_view import MilestoneTableView
from desktop_app.ui.project.tab_base import ProjectTab
from desktop_app.ui.widgets.health_marker import HealthMarker
from desktop_app.ui.widgets.timeline import TimelineRow, TimelineView, ZoomBox
from desktop_app.ui.widgets.timeline_legend import TimelineLegend


def new_milestone_dates(
    day: date, last_end: date | None, period_start: date | None, period_end: date | None
) -> tuple[date, date]:
    """A new milestone's planned dates: a month from the later of today and the last
    milestone's end, kept inside the project's period when the project has one."""
    start = max(day, last_end) if last_end else day
    if period_start is not None and start < period_start:
        start = period_start
    end = start + timedelta(days=30)
    if period_end is not None and end > period_end:
        end = period_end
        start = max(period_start or end, end - timedelta(days=30))
    return start, end


class MilestonesTab(ProjectTab):
    sig_health_shown = Signal()
    """The project's health marker has been updated."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # One undo history per project, kept for the session: coming back to a project
        # finds its steps where they were (the group follows the project shown).
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int | None, QUndoStack] = {}
        self._aliases: dict[int | None, dict[int, int]] = {}
        self.undo_group.setActiveStack(self._stack_for(None))
        self.focus_milestone: int | None = None
        self._rows: list[MilestoneRow] = []

        self.health = HealthMarker()
        self.slip_label = QLabel()
        self.model = MilestoneTableModel(self)
        self.model.readonly = ctx.readonly
        self.table = MilestoneTableView()
        self.table.setProperty("pasteBlock", True)
        self.table.paste_block = self.paste_block  # type: ignore[attr-defined]
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
        self.evidence_button = evidence_button(ctx, self, self._evidence_target)
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("Redo"))
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        ctrl_y = QKeySequence("Ctrl+Y")
        self.redo_action.setShortcuts([ctrl_y, *(k for k in redo_keys if k != ctrl_y)])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.undo_button.clicked.connect(self.undo_group.undo)
        self.redo_button.clicked.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_button.setEnabled)
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

        self.model.sig_edit_requested.connect(self._edit_requested)
        self.table.sig_delete_requested.connect(self.delete_current)
        self.add_button.clicked.connect(self.add_milestone)
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.baseline_button.clicked.connect(self.set_baseline)
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

    # --- loading ------------------------------------------------------------------
    def load_project(self, project_id: int | None) -> None:
        changed = project_id != self.project_id
        if changed:
            self.undo_group.setActiveStack(self._stack_for(project_id))
        super().load_project(project_id)
        self.reload()
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
        open_rows = [i for i, r in enumerate(self._rows) if r.status not in ("done", "cancelled")]
        self.timeline.scroll_to_row(max(0, open_rows[0] - 1) if open_rows else 0)

    def reload(self) -> None:
        """Rows, health, worst slip and chart from the database; keeps the current cell."""
        current = self.table.currentIndex()
        keep_col = current.column() if current.isValid() else COL_TITLE
        keep_id = self.focus_milestone
        if keep_id is None and current.isValid() and current.row() < len(self._rows):
            keep_id = self._rows[current.row()].id
        self._rows = svc.read_milestones(self.ctx.db, self.project_id) if self.project_id else []
        self.model.set_rows(self._rows)
        self.timeline.set_rows(
            [TimelineRow(r.id, f"{r.code} {r.title}", (r.to_bar(),)) for r in self._rows], today()
        )
        self.focus_milestone = None
        row = self.model.row_of(keep_id) if keep_id is not None else None
        if row is None and current.isValid() and self._rows:
            row = min(current.row(), len(self._rows) - 1)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, keep_col), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.error_label.clear()
        self._show_health()
        self._set_enabled()

    def _show_health(self) -> None:
        slip = worst_slip(r.slip_days for r in self._rows)
        if self.project_id is None:
            self.slip_label.clear()
        elif slip is None:
            self.slip_label.setText(self.tr("No baseline yet"))
        else:
            self.slip_label.setText(
                self.tr("Worst slip: {n} days").format(n=f"{slip:+d}" if slip else "0")
            )
        pid, db = self.project_id, self.ctx.db
        if pid is None:
            self.health.set_health(None)
            return

        # health reads money and scores too: off the GUI thread (this project only)
        def job() -> tuple[Health, list[str]]:
            from desktop_app.services.warnings import read_warnings

            found = read_warnings(db, today(), [pid])
            return read_health(db, today(), project_ids=[pid])[pid], [w.reason for w in found]

        self.ctx.jobs.start(
            job,
            lambda got: self._health_ready(pid, *got),
            lambda exc: self.health.reasons.setText(str(exc)),
            owner=self,
            key="health",
            cancellable=True,
        )

    def _health_ready(self, project_id: int, health: Health, warnings: list[str]) -> None:
        if project_id == self.project_id:
            self.health.set_health(health)
            self.health.set_warnings(warnings)
            self.sig_health_shown.emit()

    def _set_enabled(self) -> None:
        has_project = self.project_id is not None and not self.ctx.readonly
        has_rows = bool(self._rows)
        for b in (self.add_button,):
            b.setEnabled(has_project)
        for b in (self.delete_button, self.up_button, self.down_button, self.baseline_button):
            b.setEnabled(has_project and has_rows)
        self.history_button.setEnabled(self.project_id is not None)

    def _evidence_target(self) -> tuple[str, int] | None:
        index = self.table.currentIndex()
        rows = self.model.rows()
        if not index.isValid() or index.row() >= len(rows):
            return None
        return ("milestone", rows[index.row()].id)

    # --- helpers for undo steps ---------------------------------------------------
    def _stack_for(self, project_id: int | None) -> QUndoStack:
        stack = self._stacks.get(project_id)
        if stack is None:
            stack = self._stacks[project_id] = QUndoStack(self)
            self.undo_group.addStack(stack)
            self._aliases[project_id] = {}
        return stack

    @property
    def undo_stack(self) -> QUndoStack:
        """The shown project's undo history."""
        return self._stack_for(self.project_id)

    @property
    def aliases(self) -> dict[int, int]:
        """The shown project's id aliases (a deleted milestone back under a new id)."""
        self._stack_for(self.project_id)
        return self._aliases[self.project_id]

    def step_done(self, undone: bool, text: str) -> None:
        """Say what undo or redo did, in the status bar."""
        message = self.tr("Undone: {step}") if undone else self.tr("Redone: {step}")
        self.ctx.bus.sig_status.emit(message.format(step=text))

    def current_id(self, key: int) -> int:
        seen = set()
        while key in self.aliases and key not in seen:
            seen.add(key)
            key = self.aliases[key]
        return key

    def version_of(self, milestone_id: int) -> int:
        row = next((r for r in self._rows if r.id == milestone_id), None)
        if row is None:
            raise UserError(t("Milestone {id} no longer exists.", id=milestone_id))
        return row.version

    def run_step(self, action: Callable[[], None]) -> bool:
        """Run an undo/redo step's save; on refusal show why and start afresh."""
        try:
            action()
        except (UserError, ValidationError) as exc:
            dialogs.show_error(self, str(exc))
            self.undo_stack.clear()
            self._changed()
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self.reload()
        self.ctx.bus.sig_data_changed.emit()

    # --- editing ------------------------------------------------------------------
    def _edit_requested(self, row: int, field: str, text: str) -> None:
        # deferred: the editor that sent this is still closing
        QTimer.singleShot(0, lambda: self.apply_edit(row, field, text))

    def _parsed(self, field: str, text: str) -> object:
        if field in ("planned_start", "planned_end", "actual_start", "actual_end"):
            return parse_date(text) if text.strip() else None
        if field == "percent_complete":
            value = parse_percent(text)
            if value != value.to_integral_value():
                raise ParseError(self.tr("Percent complete must be a whole number."))
            return int(value)
        return text

    def apply_edit(self, row: int, field: str, text: str) -> bool:
        """Validate one cell's new text; save it as an undo step, or mark it refused."""
        if row >= len(self._rows):
            return False
        current = self._rows[row]
        name = headers()[COLUMN_OF[field]]
        try:
            value = self._parsed(field, text)
        except ParseError as exc:
            self._refuse(
                row, field, text, {field: self.tr("Not understood: {why}").format(why=exc)}
            )
            return False
        before = current.to_edit()
        changes: dict[str, Any] = {field: value}  # `field` names a MilestoneEdit field
        after = replace(before, **changes)
        if field == "actual_end" and value is not None and after.status != "done":
            after = self._finished(after, current.code)
        errors = validate_milestone(after, today=today())
        if errors:
            self._refuse(row, field, text, errors)
            return False
        try:
            try:
                svc.update_milestone(self.ctx.db, current.id, after, current.version)
            except ConflictError as exc:
                # Someone else saved this milestone first: theirs and yours for this
                # field; Re-apply sets only this field on top of the row as saved now.
                labels = field_labels()
                choice = conflict_dialog.resolve_conflict(self, exc.only([field]), labels)
                if choice != conflict_dialog.REAPPLY:
                    self.reload()
                    return False
                before = svc.read_milestone(self.ctx.db, current.id).to_edit()
                after = replace(before, **changes)
                svc.update_milestone(self.ctx.db, current.id, after, exc.current_version)
        except (UserError, ValidationError) as exc:
            self._refuse(row, field, text, {field: str(exc)})
            return False
        label = self.tr("Edit {field} of {code}").format(field=name, code=current.code)
        self.undo_stack.push(EditStep(self, current.id, before, after, label))
        self.focus_milestone = current.id
        self._changed()
        self.ctx.bus.sig_status.emit(self.tr("Saved: {what}.").format(what=label))
        return True

    def paste_block(self, top: int, left: int, grid: list[list[str]]) -> str | None:
        """Paste a block copied from Excel: every cell is parsed and every row validated
        first; nothing is saved unless all are good. Returns the first refusal, naming its
        row and column (None: pasted). The paste is one undo step."""
        names = headers()
        edits: dict[int, MilestoneEdit] = {}
        for i, line in enumerate(grid):
            r = top + i
            if r >= len(self._rows):
                return self.tr("Row {row}: there is no milestone there.").format(row=r + 1)
            after = self._rows[r].to_edit()
            for j, text in enumerate(line):
                col = left + j
                field = FIELD_OF.get(col)
                where = self.tr("Row {row}, column “{column}”").format(
                    row=r + 1, column=names[col] if col < len(names) else col + 1
                )
                if field is None:
                    return self.tr("{where}: this column cannot be pasted into.").format(
                        where=where
                    )
                try:
                    value: Any = self._parsed(field, text)
                except ParseError as exc:
                    return f"{where}: {exc}"
                after = replace(after, **{field: value})
            errors = validate_milestone(after, today=today())
            if errors:
                field, why = next(iter(errors.items()))
                column = names[COLUMN_OF[field]] if field in COLUMN_OF else field
                return self.tr("Row {row}, column “{column}”: {why}").format(
                    row=r + 1, column=column, why=why
                )
            edits[r] = after
        self.undo_stack.beginMacro(self.tr("Paste"))
        try:
            for r, after in edits.items():
                current = self._rows[r]
                before = current.to_edit()
                if after == before:
                    continue
                svc.update_milestone(self.ctx.db, current.id, after, current.version)
                label = self.tr("Paste into {code}").format(code=current.code)
                self.undo_stack.push(EditStep(self, current.id, before, after, label))
        except (UserError, ValidationError) as exc:
            return str(exc)
        finally:
            self.undo_stack.endMacro()
            self._changed()
        self.ctx.bus.sig_status.emit(self.tr("Pasted into {n} milestones.").format(n=len(edits)))
        return None

    def _finished(self, edit: MilestoneEdit, code: str) -> MilestoneEdit:
        """An actual finish means done: offer status done at 100 % (and a start if none)."""
        assert edit.actual_end is not None
        start = edit.actual_start
        if start is None:
            start = min(edit.planned_start or edit.actual_end, edit.actual_end)
        question = self.tr("{code} finished on {end}: mark it done at 100 %{start}?").format(
            code=code,
            end=edit.actual_end.isoformat(),
            start=""
            if edit.actual_start
            else self.tr(", with actual start {day}").format(day=start.isoformat()),
        )
        if not dialogs.confirm(self, question):
            return edit
        return replace(edit, status="done", percent_complete=100, actual_start=start)

    def _refuse(self, row: int, field: str, text: str, errors: dict[str, str]) -> None:
        self.model.mark_refused(row, field, text, errors)
        names = headers()
        self.error_label.setText(
            "\n".join(
                f"{names[COLUMN_OF[f]]}: {why}" for f, why in errors.items() if f in COLUMN_OF
            )
        )

    def add_milestone(self) -> None:
        if self.project_id is None:
            return
        from desktop_app.services.project_list import read_project

        last = self._rows[-1].planned_end if self._rows else None
        project = read_project(self.ctx.db, self.project_id)
        start, end = new_milestone_dates(today(), last, project.start_date, project.end_date)
        edit = MilestoneEdit(title=self.tr("New milestone"), planned_start=start, planned_end=end)
        position = len(self._rows)
        try:
            row = svc.add_milestone(self.ctx.db, self.project_id, edit, position=position)
        except (UserError, ValidationError) as exc:
            dialogs.show_error(self, str(exc))
            return
        step = AddStep(self, row.id, edit, position, self.tr("Add milestone"), code=row.code)
        self.undo_stack.push(step)
        self.focus_milestone = row.id
        self._changed()
        index = self.model.index(self.model.row_of(row.id) or 0, COL_TITLE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.ctx.bus.sig_status.emit(
            self.tr("Milestone {code} added: type its name.").format(code=row.code)
        )

    def delete_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.ctx.readonly:
            return
        row = self._rows[index.row()]
        question = self.tr("Delete milestone {code} “{title}”?").format(
            code=row.code, title=row.title
        )
        if not dialogs.confirm(self, question):
            return
        try:
            deleted = svc.delete_milestone(self.ctx.db, row.id, row.version)
        except UserError as exc:
            dialogs.show_error(self, str(exc))
            return
        label = self.tr("Delete milestone")
        step = DeleteStep(self, deleted, index.row(), label)
        self.undo_stack.push(step)
        self._changed()

    def move_current(self, delta: int) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.project_id is None:
            return
        i, j = index.row(), index.row() + delta
        if not 0 <= j < len(self._rows):
            return
        before = [r.id for r in self._rows]
        after = list(before)
        after[i], after[j] = after[j], after[i]
        try:
            svc.reorder_milestones(self.ctx.db, self.project_id, after)
        except UserError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.undo_stack.push(ReorderStep(self, before, after, self.tr("Move milestone")))
        self.focus_milestone = before[i]
        self._changed()

    # --- baselines ----------------------------------------------------------------
    def set_baseline(self) -> None:
        if self.project_id is None:
            return
        has_baseline = any(r.baseline_end for r in self._rows)
        reason = baseline_dialogs.ask_baseline_reason(self, has_baseline)
        if reason is None:
            return
        try:
            svc.set_baseline(self.ctx.db, self.project_id, reason)
        except (UserError, ValidationError) as exc:
            dialogs.show_error(self, str(exc))
            return
        # the baseline is a new reference, not an edit: older steps would undo across it
        self.undo_stack.clear()
        self.ctx.bus.sig_status.emit(self.tr("Baseline set."))
        self._changed()

    def show_history(self) -> baseline_dialogs.BaselineHistoryDialog | None:
        if self.project_id is None:
            return None
        dialog = baseline_dialogs.BaselineHistoryDialog(self.ctx, self.project_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- chart <-> table ----------------------------------------------------------
    def _bar_clicked(self, milestone_id: int) -> None:
        row = self.model.row_of(milestone_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, COL_TITLE))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self._rows):
            self.timeline.select_milestone(self._rows[current.row()].id)


def create(ctx: AppContext, parent: QWidget | None = None) -> MilestonesTab:
    return MilestonesTab(ctx, parent)
