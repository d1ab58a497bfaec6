"""What the milestones tab does: service calls, validation, the undo history per project.

The tab (`MilestonesTab`) only lays out widgets and shows what it is given; this
controller decides. The undo steps (`milestone_commands`) talk to its public methods.
Each accepted cell edit is saved at once (one service call, one transaction) and pushed
as an undo step; a refused edit stays marked in its cell with the reason and saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoGroup, QUndoStack

from desktop_app.db.database import Database
from desktop_app.domain.health import Health
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.parsing import ParseError, parse_date, parse_percent
from desktop_app.domain.periods import today
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import t
from desktop_app.services import milestones as svc
from desktop_app.services.conflicts import ConflictError
from desktop_app.snapshots.milestones import MilestoneRow
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.project import baseline_dialogs
from desktop_app.ui.project.milestone_commands import AddStep, DeleteStep, EditStep, ReorderStep
from desktop_app.ui.project.milestones_model import COLUMN_OF, FIELD_OF, field_labels, headers

if TYPE_CHECKING:
    from desktop_app.ui.project.milestones_tab import MilestonesTab


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


class MilestonesController(QObject):
    """The behaviour behind one `MilestonesTab` (its view, also the dialogs' parent)."""

    def __init__(self, ctx: AppContext, view: MilestonesTab) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.project_id: int | None = None
        self.rows: list[MilestoneRow] = []
        # One undo history per project, kept for the session: coming back to a project
        # finds its steps where they were (the group follows the project shown).
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int | None, QUndoStack] = {}
        self._aliases: dict[int | None, dict[int, int]] = {}
        self.undo_group.setActiveStack(self._stack_for(None))
        self._focus: int | None = None

    # --- the project shown --------------------------------------------------------
    def show_project(self, project_id: int | None) -> None:
        if project_id != self.project_id:
            self.undo_group.setActiveStack(self._stack_for(project_id))
        self.project_id = project_id
        self.reload()

    def reload(self) -> None:
        """Rows, health and worst slip from the database; the view keeps its current cell."""
        keep = self._focus if self._focus is not None else self._current_id()
        self.rows = svc.read_milestones(self.ctx.db, self.project_id) if self.project_id else []
        self._focus = None
        self.view.show_rows(self.rows, keep)
        self._show_health()

    def _current_id(self) -> int | None:
        row = self.view.current_row()
        return self.rows[row].id if row is not None and row < len(self.rows) else None

    def _show_health(self) -> None:
        pid, db = self.project_id, self.ctx.db
        if pid is None:
            self.view.show_health(None, [])
            return

        # from the figures cache Home and the list read too (the same functions, kept per
        # project and recomputed for the projects written since): one project's health and
        # warnings no longer read its money and scores again on every visit
        def job() -> tuple[Health, list[str]]:
            from desktop_app.services.figures_cache import STATUS, WARNINGS, read_portfolio_figures

            figures = read_portfolio_figures(db, today(), (STATUS, WARNINGS))
            found = figures.warnings.get(pid, ())
            return figures.health[pid], [w.reason for w in found]

        self.ctx.jobs.start(
            job,
            lambda got: self._health_ready(pid, *got),
            lambda exc: self.view.show_health_problem(str(exc)),
            owner=self.view,
            key="health",
            cancellable=True,
        )

    def _health_ready(self, project_id: int, health: Health, warnings: list[str]) -> None:
        if project_id == self.project_id:
            self.view.show_health(health, warnings)

    def evidence_target(self) -> tuple[str, int] | None:
        row = self.view.current_row()
        if row is None or row >= len(self.rows):
            return None
        return ("milestone", self.rows[row].id)

    # --- what the undo steps use --------------------------------------------------
    @property
    def db(self) -> Database:
        return self.ctx.db

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

    def _aliases_shown(self) -> dict[int, int]:
        self._stack_for(self.project_id)
        return self._aliases[self.project_id]

    def current_id(self, key: int) -> int:
        """The id a step's milestone has now (a deleted one comes back under a new id)."""
        aliases = self._aliases_shown()
        seen = set()
        while key in aliases and key not in seen:
            seen.add(key)
            key = aliases[key]
        return key

    def remember_alias(self, key: int, new_id: int) -> None:
        """The milestone a step knew as `key` lives on as `new_id`."""
        self._aliases_shown()[self.current_id(key)] = new_id

    def focus(self, milestone_id: int) -> None:
        """The row to show as current after the next reload."""
        self._focus = milestone_id

    def version_of(self, milestone_id: int) -> int:
        row = next((r for r in self.rows if r.id == milestone_id), None)
        if row is None:
            raise UserError(t("Milestone {id} no longer exists.", id=milestone_id))
        return row.version

    def run_step(self, action: Callable[[], None]) -> bool:
        """Run an undo/redo step's save; on refusal show why and start afresh."""
        try:
            action()
        except (UserError, ValidationError) as exc:
            dialogs.show_error(self.view, str(exc))
            self.undo_stack.clear()
            self._changed()
            return False
        self._changed()
        return True

    def step_done(self, undone: bool, text: str) -> None:
        """Say what undo or redo did, in the status bar."""
        message = self.tr("Undone: {step}") if undone else self.tr("Redone: {step}")
        self.ctx.bus.sig_status.emit(message.format(step=text))

    def _changed(self) -> None:
        self.reload()
        self.ctx.bus.sig_data_changed.emit()

    # --- editing ------------------------------------------------------------------
    def edit_requested(self, row: int, field: str, text: str) -> None:
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
        if row >= len(self.rows):
            return False
        current = self.rows[row]
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
                choice = conflict_dialog.resolve_conflict(self.view, exc.only([field]), labels)
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
        self._focus = current.id
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
            if r >= len(self.rows):
                return self.tr("Row {row}: there is no milestone there.").format(row=r + 1)
            after = self.rows[r].to_edit()
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
                current = self.rows[r]
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
        if not dialogs.confirm(self.view, question):
            return edit
        return replace(edit, status="done", percent_complete=100, actual_start=start)

    def _refuse(self, row: int, field: str, text: str, errors: dict[str, str]) -> None:
        names = headers()
        reasons = "\n".join(
            f"{names[COLUMN_OF[f]]}: {why}" for f, why in errors.items() if f in COLUMN_OF
        )
        self.view.show_refusal(row, field, text, errors, reasons)

    def add_milestone(self) -> None:
        if self.project_id is None:
            return
        from desktop_app.services.project_list import read_project

        last = self.rows[-1].planned_end if self.rows else None
        project = read_project(self.ctx.db, self.project_id)
        start, end = new_milestone_dates(today(), last, project.start_date, project.end_date)
        edit = MilestoneEdit(title=self.tr("New milestone"), planned_start=start, planned_end=end)
        position = len(self.rows)
        try:
            row = svc.add_milestone(self.ctx.db, self.project_id, edit, position=position)
        except (UserError, ValidationError) as exc:
            dialogs.show_error(self.view, str(exc))
            return
        step = AddStep(self, row.id, edit, position, self.tr("Add milestone"), code=row.code)
        self.undo_stack.push(step)
        self._focus = row.id
        self._changed()
        self.view.edit_title_of(row.id)
        self.ctx.bus.sig_status.emit(
            self.tr("Milestone {code} added: type its name.").format(code=row.code)
        )

    def delete_current(self) -> None:
        index = self.view.current_row()
        if index is None or index >= len(self.rows) or self.ctx.readonly:
            return
        row = self.rows[index]
        question = self.tr("Delete milestone {code} “{title}”?").format(
            code=row.code, title=row.title
        )
        if not dialogs.confirm(self.view, question):
            return
        try:
            deleted = svc.delete_milestone(self.ctx.db, row.id, row.version)
        except UserError as exc:
            dialogs.show_error(self.view, str(exc))
            return
        self.undo_stack.push(DeleteStep(self, deleted, index, self.tr("Delete milestone")))
        self._changed()

    def move_current(self, delta: int) -> None:
        i = self.view.current_row()
        if i is None or self.project_id is None:
            return
        j = i + delta
        if not 0 <= j < len(self.rows):
            return
        before = [r.id for r in self.rows]
        after = list(before)
        after[i], after[j] = after[j], after[i]
        try:
            svc.reorder_milestones(self.ctx.db, self.project_id, after)
        except UserError as exc:
            dialogs.show_error(self.view, str(exc))
            return
        self.undo_stack.push(ReorderStep(self, before, after, self.tr("Move milestone")))
        self._focus = before[i]
        self._changed()

    # --- baselines ----------------------------------------------------------------
    def set_baseline(self) -> None:
        if self.project_id is None:
            return
        has_baseline = any(r.baseline_end for r in self.rows)
        reason = baseline_dialogs.ask_baseline_reason(self.view, has_baseline)
        if reason is None:
            return
        try:
            svc.set_baseline(self.ctx.db, self.project_id, reason)
        except (UserError, ValidationError) as exc:
            dialogs.show_error(self.view, str(exc))
            return
        # the baseline is a new reference, not an edit: older steps would undo across it
        self.undo_stack.clear()
        self.ctx.bus.sig_status.emit(self.tr("Baseline set."))
        self._changed()
