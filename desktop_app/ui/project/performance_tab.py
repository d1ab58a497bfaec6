"""The project's performance tab: indicators and targets, quarterly YTD actuals, the
projected score, closing the year, and the trend of past totals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR, ParseError
from desktop_app.domain.periods import today
from desktop_app.domain.scoring import DIRECTIONS
from desktop_app.errors import UserError
from desktop_app.services import performance as perf
from desktop_app.services.conflicts import ConflictError
from desktop_app.services.performance import ActualRefused, Cell, quarters_begun
from desktop_app.snapshots.performance import EvaluationView, ProjectPerformance
from desktop_app.ui import conflict_dialog, dialogs, workspace
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.button import evidence_button
from desktop_app.ui.performance.close_year_dialog import CloseYearDialog
from desktop_app.ui.performance.formatting import (
    ERROR_STYLE,
    direction_label,
    fmt,
    grade_label,
    parse_optional,
)
from desktop_app.ui.performance.indicator_model import (
    COL_DIRECTION,
    COL_NAME,
    COL_Q1,
    QUARTER_COLS,
    TEXT_DEFINITION_COLS,
    DraftRow,
    IndicatorTableModel,
)
from desktop_app.ui.performance.trend_chart import TrendChart
from desktop_app.ui.project.tab_base import ProjectTab


class DirectionDelegate(QStyledItemDelegate):
    """Direction is picked from the three codes, shown by their labels."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for code in DIRECTIONS:
            combo.addItem(direction_label(code), code)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class IndicatorTableView(QTableView):
    """The indicator grid; a block pasted from Excel goes to `paste` as a whole (the
    table habits call `paste_block` when a view has one)."""

    def __init__(self, paste: Callable[[int, int, list[list[str]]], str | None]) -> None:
        super().__init__()
        self._paste = paste

    def paste_block(self, top: int, left: int, grid: list[list[str]]) -> str | None:
        return self._paste(top, left, grid)


class PerformanceTab(ProjectTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: ProjectPerformance | None = None
        self.model = IndicatorTableModel(self)

        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(today().year)
        self.year.setPrefix(self.tr("Year "))
        self.copy_button = QPushButton(self.tr("Copy last year's indicators"))
        self.add_button = QPushButton(self.tr("Add indicator"))
        self.delete_button = QPushButton(self.tr("Delete indicator"))
        self.save_button = QPushButton(self.tr("Save indicators"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.close_button = QPushButton(self.tr("Close year…"))
        self.reopen_button = QPushButton(self.tr("Reopen year…"))
        self.evidence_button = evidence_button(ctx, self, self._evidence_target)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)

        self.table = IndicatorTableView(self.paste_block)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_DIRECTION, DirectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.chart = TrendChart()

        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.copy_button)
        top.addStretch(1)
        top.addWidget(self.close_button)
        top.addWidget(self.reopen_button)
        top.addWidget(self.evidence_button)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.add_button)
        edit_row.addWidget(self.delete_button)
        edit_row.addStretch(1)
        edit_row.addWidget(self.save_button)
        edit_row.addWidget(self.discard_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.summary)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addLayout(edit_row)
        upper_layout.addWidget(self.error_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 230])  # five indicators and a readable trend at 1366×697
        workspace.remember(splitter, "performance/split")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.year.valueChanged.connect(self._year_changed)
        self.copy_button.clicked.connect(self._copy_last_year)
        self.add_button.clicked.connect(self._add)
        self.delete_button.clicked.connect(self._delete)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.close_button.clicked.connect(self._close_year)
        self.reopen_button.clicked.connect(self._reopen_year)
        self.model.sig_actual_edited.connect(self._actual_edited)
        self.model.sig_draft_changed.connect(self._update_state)
        self.model.sig_invalid.connect(self.error_label.setText)
        self._update_state()

    def _evidence_target(self) -> tuple[str, int] | None:
        from desktop_app.services.evidence import read_evaluation_id

        if self.project_id is None:
            return None
        found = read_evaluation_id(self.ctx.db, self.project_id, self.year.value())
        return None if found is None else ("evaluation", found)

    def tab_title(self) -> str:
        return self.tr("Performance")

    # -- loading -------------------------------------------------------------------

    def load_project(self, project_id: int | None) -> None:
        super().load_project(project_id)
        self.error_label.clear()
        self._reload()

    def _reload(self) -> None:
        if self.project_id is None:
            self.snapshot = None
            self.model.set_rows([])
        else:
            pid, year = self.project_id, self.year.value()
            self._show(perf.read_project_performance(self.ctx.db, pid, year))

    def _show(self, snapshot: ProjectPerformance) -> None:
        self.snapshot = snapshot
        self.model.locked = self.ctx.readonly or snapshot.evaluation is not None
        self.model.open_through = quarters_begun(snapshot.year, today())
        ev = snapshot.evaluation
        scores = {i.indicator_id: i.score for i in ev.items} if ev else None
        self.model.set_rows(snapshot.indicators, scores)
        projected = None
        if snapshot.projected_total is not None and snapshot.evaluation is None:
            projected = (snapshot.year, float(snapshot.projected_total))
        self.chart.set_scores(
            tuple(s for s in snapshot.trend if s.year != snapshot.year or snapshot.evaluation),
            projected,
        )
        self._update_state()

    def _year_changed(self, _year: int) -> None:
        if self.model.is_dirty() and not self._settle():
            return
        self.error_label.clear()
        self._reload()

    def _settle(self) -> bool:
        answer = dialogs.save_discard_cancel(
            self, self.tr("The indicator set has unsaved changes. Save them?")
        )
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- the summary line and buttons ------------------------------------------------

    def _summary_text(self) -> str:
        snap = self.snapshot
        if snap is None:
            return ""
        parts = []
        weight = self.model.weight_sum()
        if self.model.rowCount():
            color = "#2e7d32" if weight == 100 else "#c62828"
            parts.append(
                self.tr("Weights: <b style='color:{color}'>{sum}</b> of 100").format(
                    color=color, sum=fmt(weight)
                )
            )
        else:
            parts.append(self.tr("No indicators for {year} yet.").format(year=snap.year))
        ev = snap.evaluation
        if ev is not None:
            text = self.tr("Closed: total <b>{total}</b>, grade <b>{grade}</b>").format(
                total=fmt(ev.total, 1), grade=grade_label(ev.grade)
            )
            if ev.overridden:
                text += self.tr(" (computed {computed}; reason: {reason})").format(
                    computed=ev.computed_grade, reason=ev.override_reason
                )
            parts.append(text)
        elif snap.projected_total is not None:
            parts.append(
                self.tr("Projected from Q{q} year-to-date: <b>{score}</b> → {grade}").format(
                    q=snap.projection_quarter,
                    score=fmt(snap.projected_total, 1),
                    grade=grade_label(snap.projected_grade),
                )
            )
        return " · ".join(parts)

    def _update_state(self) -> None:
        has_project = self.project_id is not None and self.snapshot is not None
        closed = bool(self.snapshot and self.snapshot.evaluation)
        editable = has_project and not closed and not self.ctx.readonly
        dirty = self.model.is_dirty()
        self.year.setEnabled(self.project_id is not None)
        self.copy_button.setEnabled(editable and self.model.rowCount() == 0 and not dirty)
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and self.model.rowCount() > 0)
        self.save_button.setEnabled(editable and dirty)
        self.discard_button.setEnabled(editable and dirty)
        self.close_button.setEnabled(editable and not dirty and self.model.rowCount() > 0)
        self.reopen_button.setEnabled(has_project and closed and not self.ctx.readonly)
        self.summary.setText(self._summary_text())

    # -- editing ---------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.model.is_dirty()

    @property
    def refusal(self) -> str:
        """Why the last save was refused, as the tab shows it (Ctrl+S repeats it)."""
        return self.error_label.text()

    def save(self) -> bool:
        """Save the indicator set; a refused set stays on screen with the reason."""
        if self.project_id is None or not self.model.is_dirty():
            return True
        project_id, year, edits = self.project_id, self.year.value(), self.model.edits()
        rows = self.snapshot.indicators if self.snapshot else ()
        loaded = {r.id: r.version for r in rows}
        return self._run(
            lambda: perf.save_indicator_set(self.ctx.db, project_id, year, edits, loaded=loaded)
        )

    def discard(self) -> None:
        self.error_label.clear()
        self._reload()

    def _add(self) -> None:
        row = self.model.add_row(self.tr("New indicator"))
        index = self.model.index(row, COL_NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _delete(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        draft = self.model.rows()[index.row()]
        if any(v is not None for v in draft.ytd) and not dialogs.confirm(
            self,
            self.tr(
                "“{name}” has actuals; they are deleted with it when you save. Continue?"
            ).format(name=draft.name),
        ):
            return
        self.model.remove_row(index.row())

    def _copy_last_year(self) -> None:
        project_id = self.project_id
        if project_id is None:
            return
        year = self.year.value()
        self._run(lambda: perf.copy_last_years_indicators(self.ctx.db, project_id, year))

    def _actual_edited(self, indicator_id: int, quarter: int, text: str) -> None:
        try:
            value = parse_optional(text)
        except ParseError as exc:
            self.error_label.setText(self.tr("Not saved: {reason}").format(reason=exc))
            return
        falling = self._falling({(indicator_id, quarter): value})
        if falling and not dialogs.confirm(self, falling[0]):
            self.error_label.setText(self.tr("Not saved: the earlier figure was kept."))
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
            self.error_label.setText(self.tr("Not saved: {reason}").format(reason=exc))

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
            choice = conflict_dialog.resolve_conflict(self, exc)
            if choice == conflict_dialog.RELOAD:
                self._reload()
            if choice != conflict_dialog.REAPPLY:
                return False
            snap = save(perf.read_project_performance(db, project_id, year))
        self.error_label.clear()
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
        self.error_label.clear()
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
                    return self._refused(place, why.format(q=quarter, year=self.year.value()))
                try:
                    values[(row.id, quarter)] = parse_optional(text)
                except ParseError as exc:
                    return self._refused(place, exc)
                where[(row.id, quarter)] = place
        falling = self._falling(values)
        if falling and not dialogs.confirm(self, "\n\n".join(falling)):
            self.error_label.setText(self.tr("Not pasted: the earlier figures were kept."))
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
            choice = conflict_dialog.resolve_conflict(self, exc)
            if choice == conflict_dialog.RELOAD:
                self._reload()
            elif choice == conflict_dialog.REAPPLY and self.project_id is not None:
                project_id, year, edits = self.project_id, self.year.value(), self.model.edits()
                current = perf.read_project_performance(self.ctx.db, project_id, year)
                loaded = {r.id: r.version for r in current.indicators}
                return self._run(
                    lambda: perf.save_indicator_set(
                        self.ctx.db, project_id, year, edits, loaded=loaded
                    )
                )
            return False
        except UserError as exc:
            self.error_label.setText(self.tr("Not saved: {reason}").format(reason=exc))
            return False
        self.error_label.clear()
        self._show(snap)
        self.ctx.bus.sig_data_changed.emit()
        self.ctx.bus.sig_status.emit(self.tr("Performance figures saved."))
        return True

    # -- closing and reopening the year ----------------------------------------------

    def _close_year(self) -> None:
        if self.project_id is None:
            return
        try:
            preview = perf.preview_evaluation(self.ctx.db, self.project_id, self.year.value())
        except UserError as exc:
            self.error_label.setText(str(exc))
            return
        dialog = self.make_close_dialog(preview)
        if dialog.exec():
            self._reload()
            self.ctx.bus.sig_data_changed.emit()
        elif dialog.conflicted:
            self._reload()  # show the evaluation the other officer recorded

    def make_close_dialog(self, preview: EvaluationView) -> CloseYearDialog:
        """The close-year dialog (a seam for tests, which drive it without exec)."""
        rows = self.snapshot.indicators if self.snapshot else ()
        missing = tuple(r.name for r in rows if r.direction != "qualitative" and r.ytd[3] is None)
        snap = self.snapshot
        projected = (snap.projected_total, snap.projected_grade) if snap else None
        return CloseYearDialog(self.ctx, preview, self, missing_q4=missing, projected=projected)

    def ask_reason(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, title, label)
        return text if ok else None

    def _reopen_year(self) -> None:
        if self.project_id is None:
            return
        year = self.year.value()
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
            conflict_dialog.resolve_conflict(self, exc)  # recorded again meanwhile
            self._reload()
            return
        except UserError as exc:
            self.error_label.setText(str(exc))
            return
        self._reload()
        self.ctx.bus.sig_data_changed.emit()


def create(ctx: AppContext, parent: QWidget | None = None) -> PerformanceTab:
    return PerformanceTab(ctx, parent)
