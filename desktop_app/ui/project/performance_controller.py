"""What the performance tab does: reading a project-year, saving the indicator set and
the quarterly figures, pasting blocks from Excel, closing and reopening the year.

The tab (`PerformanceTab`) lays the widgets out and shows what it is given; this
controller owns the indicator model and calls the services.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QInputDialog

from desktop_app.domain.parsing import ParseError
from desktop_app.domain.periods import today
from desktop_app.errors import UserError
from desktop_app.services import performance as perf
from desktop_app.services.conflicts import ConflictError
from desktop_app.services.performance import ActualRefused, Cell, quarters_begun
from desktop_app.snapshots.performance import EvaluationView, ProjectPerformance
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.performance.close_year_dialog import CloseYearDialog
from desktop_app.ui.performance.formatting import fmt, parse_optional
from desktop_app.ui.performance.indicator_model import (
    COL_Q1,
    QUARTER_COLS,
    TEXT_DEFINITION_COLS,
    DraftRow,
    IndicatorTableModel,
)

if TYPE_CHECKING:
    from desktop_app.ui.project.performance_tab import PerformanceTab


class PerformanceController(QObject):
    """The behaviour behind one `PerformanceTab` (its view, also the dialogs' parent)."""

    def __init__(self, ctx: AppContext, view: PerformanceTab) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.project_id: int | None = None
        self.snapshot: ProjectPerformance | None = None
        self.model = IndicatorTableModel(self)
        self.model.sig_actual_edited.connect(self.actual_edited)

    def show_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        self.view.show_error("")
        self.reload()

    def evidence_target(self) -> tuple[str, int] | None:
        from desktop_app.services.evidence import read_evaluation_id

        if self.project_id is None:
            return None
        found = read_evaluation_id(self.ctx.db, self.project_id, self.view.year_shown())
        return None if found is None else ("evaluation", found)

    def _show(self, snapshot: ProjectPerformance) -> None:
        self.snapshot = snapshot
        self.model.locked = self.ctx.readonly or snapshot.evaluation is not None
        self.model.open_through = quarters_begun(snapshot.year, today())
        ev = snapshot.evaluation
        scores = {i.indicator_id: i.score for i in ev.items} if ev else None
        self.model.show_year(snapshot.indicators, scores)
        self.view.show_trend(snapshot)

    def reload(self) -> None:
        if self.project_id is None:
            self.snapshot = None
            self.model.show_year([])
            self.view.show_state()
        else:
            self._show(
                perf.read_project_performance(self.ctx.db, self.project_id, self.view.year_shown())
            )

    def settle(self) -> bool:
        answer = dialogs.save_discard_cancel(
            self.view, self.tr("The indicator set has unsaved changes. Save them?")
        )
        if answer == "save":
            return self.save()
        return answer == "discard"

    def save(self) -> bool:
        """Save the indicator set; a refused set stays on screen with the reason."""
        if self.project_id is None or not self.model.is_dirty():
            return True
        project_id, year, edits = self.project_id, self.view.year_shown(), self.model.edits()
        rows = self.snapshot.indicators if self.snapshot else ()
        loaded = {r.id: r.version for r in rows}
        return self._run(
            lambda: perf.save_indicator_set(self.ctx.db, project_id, year, edits, loaded=loaded)
        )

    def discard(self) -> None:
        self.view.show_error("")
        self.reload()

    def delete_current(self) -> None:
        row = self.view.current_row()
        if row is None:
            return
        draft = self.model.rows()[row]
        if any(v is not None for v in draft.ytd) and not dialogs.confirm(
            self.view,
            self.tr(
                "“{name}” has actuals; they are deleted with it when you save. Continue?"
            ).format(name=draft.name),
        ):
            return
        self.model.remove_row(row)

    def copy_last_year(self) -> None:
        project_id = self.project_id
        if project_id is None:
            return
        year = self.view.year_shown()
        self._run(lambda: perf.copy_last_years_indicators(self.ctx.db, project_id, year))

    def actual_edited(self, indicator_id: int, quarter: int, text: str) -> None:
        try:
            value = parse_optional(text)
        except ParseError as exc:
            self.view.show_error(self.tr("Not saved: {reason}").format(reason=exc))
            return
        falling = self._falling({(indicator_id, quarter): value})
        if falling and not dialogs.confirm(self.view, falling[0]):
            self.view.show_error(self.tr("Not saved: the earlier figure was kept."))
            return
        # After the editor has closed: reloading the model inside its commit would pull
        # the table out from under the open editor.
        QTimer.singleShot(0, lambda: self._save_cell((indicator_id, quarter), value))

    def _falling(self, values: dict[Cell, Decimal | None]) -> list[str]:
        """The question for each new year-to-date figure below the quarter before it (as
        the row will read once `values` are in): such a figure normally only grows."""
        questions = []
        for row in self.model.rows():
            if row.id is None:
                continue
            ytd = [values.get((row.id, q), row.ytd[q - 1]) for q in range(1, 5)]
            for q in range(2, 5):
                earlier = [v for v in ytd[: q - 1] if v is not None]
                value = ytd[q - 1]
                if (row.id, q) in values and value is not None and earlier and value < earlier[-1]:
                    questions.append(
                        self.tr(
                            "The year-to-date of Q{q} ({new}) is below the previous quarter's "
                            "({old}): a year-to-date figure normally only grows. Save it anyway?"
                        ).format(q=q, new=fmt(value), old=fmt(earlier[-1]))
                    )
        return questions

    def _save_cell(self, cell: Cell, value: Decimal | None) -> None:
        try:
            self._save_actuals({cell: value})
        except UserError as exc:
            self.view.show_error(self.tr("Not saved: {reason}").format(reason=exc))

    def _save_actuals(self, values: dict[Cell, Decimal | None]) -> bool:
        """Save figures in one transaction, provided nobody saved those indicators or
        figures since this tab showed them; True when saved. On a conflict the officer
        sees theirs and yours: Reload shows theirs, Re-apply saves these figures over them.
        A refusal raises (`ActualRefused` names its cell); nothing is saved then."""
        if self.project_id is None or self.snapshot is None:
            return False
        project_id, year, db = self.project_id, self.snapshot.year, self.ctx.db

        def save(shown: ProjectPerformance) -> ProjectPerformance:
            versions = {r.id: r.version for r in shown.indicators}
            seen = {(r.id, q): r.ytd[q - 1] for r in shown.indicators for q in range(1, 5)}
            seen = {cell: v for cell, v in seen.items() if cell in values}
            return perf.save_actual_block(db, project_id, year, values, versions, seen=seen)

        try:
            snap = save(self.snapshot)
        except ConflictError as exc:
            choice = conflict_dialog.resolve_conflict(self.view, exc)
            if choice == conflict_dialog.RELOAD:
                self.reload()
            if choice != conflict_dialog.REAPPLY:
                return False
            snap = save(perf.read_project_performance(db, project_id, year))
        self.view.show_error("")
        self._show(snap)
        self.ctx.bus.sig_data_changed.emit()
        self.ctx.bus.sig_status.emit(self.tr("Performance figures saved."))
        return True

    # -- pasting a block from Excel --------------------------------------------------

    def _where(self, row: int, col: int) -> str:
        column = self.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        return self.tr("Row {row}, column “{column}”").format(row=row + 1, column=column or col + 1)

    def _refused(self, where: str, why: object) -> str:
        return self.tr("{where}: {why}").format(where=where, why=why)

    def paste_block(self, top: int, left: int, grid: list[list[str]]) -> str | None:
        """Paste a block copied from Excel at (`top`, `left`), all or nothing: every cell
        is parsed first, and nothing changes unless all are good. Definition cells go into
        the draft (saved with Save indicators); quarterly figures are saved in one
        transaction. Returns the refusal naming row and column ("" when the officer
        declined or a conflict was shown instead; None: pasted)."""
        if self.snapshot is None or not grid or not grid[0]:
            return None
        columns = range(left, left + len(grid[0]))
        for col in columns:
            if col not in QUARTER_COLS and col not in TEXT_DEFINITION_COLS:
                why = self.tr("this column cannot be pasted into.")
                return self._refused(self._where(top, col), why)
        # the tick box stands between the definitions and the quarters: no block mixes them
        quarters = [c for c in columns if c in QUARTER_COLS]
        if self.model.locked:
            if self.snapshot.evaluation is not None:
                why = self.tr("the year is closed by its evaluation; reopen it first.")
            else:
                why = self.tr("the database is open read-only.")
            return self._refused(self._where(top, left), why)
        if top + len(grid) > self.model.rowCount():
            why = self.tr("there is no indicator there.")
            return self._refused(self._where(self.model.rowCount(), left), why)
        if quarters:
            return self._paste_figures(top, left, grid)
        return self._paste_definitions(top, left, grid)

    def _paste_definitions(self, top: int, left: int, grid: list[list[str]]) -> str | None:
        rows = self.model.rows()
        changed: dict[int, DraftRow] = {}
        for i, line in enumerate(grid):
            draft = rows[top + i]
            for j, text in enumerate(line):
                try:
                    draft = self.model.pasted(draft, left + j, text)
                except ParseError as exc:
                    return self._refused(self._where(top + i, left + j), exc)
            changed[top + i] = draft
        self.view.show_error("")
        self.model.replace_rows(changed)
        return None

    def _paste_figures(self, top: int, left: int, grid: list[list[str]]) -> str | None:
        if self.model.is_dirty():
            why = self.tr("save or discard the changed indicators before pasting figures.")
            return self._refused(self._where(top, left), why)
        rows = self.model.rows()
        where: dict[Cell, str] = {}
        values: dict[Cell, Decimal | None] = {}
        for i, line in enumerate(grid):
            row = rows[top + i]
            for j, text in enumerate(line):
                place, quarter = self._where(top + i, left + j), left + j - COL_Q1 + 1
                if row.id is None:
                    return self._refused(place, self.tr("the indicator is not saved yet."))
                if quarter > self.model.open_through:
                    why = self.tr("Q{q} of {year} has not begun yet.")
                    return self._refused(place, why.format(q=quarter, year=self.view.year_shown()))
                try:
                    values[(row.id, quarter)] = parse_optional(text)
                except ParseError as exc:
                    return self._refused(place, exc)
                where[(row.id, quarter)] = place
        falling = self._falling(values)
        if falling and not dialogs.confirm(self.view, "\n\n".join(falling)):
            self.view.show_error(self.tr("Not pasted: the earlier figures were kept."))
            return ""
        try:
            saved = self._save_actuals(values)
        except ActualRefused as exc:
            return self._refused(where[exc.cell], exc.reason)
        except UserError as exc:  # e.g. the year was closed meanwhile
            return self._refused(self._where(top, left), exc)
        if not saved:
            return ""
        self.ctx.bus.sig_status.emit(self.tr("Pasted {n} figures.").format(n=len(values)))
        return None

    def _run(self, action: Callable[[], ProjectPerformance]) -> bool:
        try:
            snap = action()
        except ConflictError as exc:
            # Someone else saved this year's indicators first: show theirs and yours.
            # Re-apply saves this table over the set as it is now; Reload shows theirs.
            choice = conflict_dialog.resolve_conflict(self.view, exc)
            if choice == conflict_dialog.RELOAD:
                self.reload()
            elif choice == conflict_dialog.REAPPLY and self.project_id is not None:
                project_id, year, edits = (
                    self.project_id,
                    self.view.year_shown(),
                    self.model.edits(),
                )
                current = perf.read_project_performance(self.ctx.db, project_id, year)
                loaded = {r.id: r.version for r in current.indicators}
                return self._run(
                    lambda: perf.save_indicator_set(
                        self.ctx.db, project_id, year, edits, loaded=loaded
                    )
                )
            return False
        except UserError as exc:
            self.view.show_error(self.tr("Not saved: {reason}").format(reason=exc))
            return False
        self.view.show_error("")
        self._show(snap)
        self.ctx.bus.sig_data_changed.emit()
        self.ctx.bus.sig_status.emit(self.tr("Performance figures saved."))
        return True

    # -- closing and reopening the year ----------------------------------------------

    def close_year(self) -> None:
        if self.project_id is None:
            return
        try:
            preview = perf.preview_evaluation(self.ctx.db, self.project_id, self.view.year_shown())
        except UserError as exc:
            self.view.show_error(str(exc))
            return
        dialog = self.make_close_dialog(preview)
        if dialog.exec():
            self.reload()
            self.ctx.bus.sig_data_changed.emit()
        elif dialog.conflicted:
            self.reload()  # show the evaluation the other officer recorded

    def make_close_dialog(self, preview: EvaluationView) -> CloseYearDialog:
        """The close-year dialog (a seam for tests, which drive it without exec)."""
        rows = self.snapshot.indicators if self.snapshot else ()
        missing = tuple(r.name for r in rows if r.direction != "qualitative" and r.ytd[3] is None)
        snap = self.snapshot
        projected = (snap.projected_total, snap.projected_grade) if snap else None
        return CloseYearDialog(
            self.ctx, preview, self.view, missing_q4=missing, projected=projected
        )

    def ask_reason(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self.view, title, label)
        return text if ok else None

    def reopen_year(self) -> None:
        if self.project_id is None:
            return
        year = self.view.year_shown()
        reason = self.ask_reason(
            self.tr("Reopen {year}").format(year=year),
            self.tr("Why is the evaluation reopened? (kept in the audit trail)"),
        )
        if reason is None:
            return
        seen = self.snapshot.evaluation if self.snapshot else None
        try:
            perf.reopen_year(self.ctx.db, self.project_id, year, reason, seen=seen)
        except ConflictError as exc:
            conflict_dialog.resolve_conflict(self.view, exc)  # recorded again meanwhile
            self.reload()
            return
        except UserError as exc:
            self.view.show_error(str(exc))
            return
        self.reload()
        self.ctx.bus.sig_data_changed.emit()
