"""The project's performance tab: indicators and targets, quarterly YTD actuals, the
projected score, closing the year, and the trend of past totals.

This tab lays the widgets out and shows what it is given; `PerformanceController` holds
the behaviour (service calls, saving, pasting, closing the year).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR
from desktop_app.domain.periods import today
from desktop_app.snapshots.performance import ProjectPerformance
from desktop_app.ui import workspace
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.button import evidence_button
from desktop_app.ui.performance.formatting import (
    ERROR_STYLE,
    fmt,
    grade_label,
)
from desktop_app.ui.performance.indicator_model import (
    COL_DIRECTION,
    COL_NAME,
)
from desktop_app.ui.performance.indicator_view import DirectionDelegate, IndicatorTableView
from desktop_app.ui.performance.trend_chart import TrendChart
from desktop_app.ui.project.performance_controller import PerformanceController
from desktop_app.ui.project.tab_base import ProjectTab


class PerformanceTab(ProjectTab):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller = PerformanceController(ctx, self)
        self.model = self.controller.model

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
        self.evidence_button = evidence_button(ctx, self, self.controller.evidence_target)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)

        self.table = IndicatorTableView(self.controller.paste_block)
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

        c = self.controller
        self.year.valueChanged.connect(self._year_changed)
        self.copy_button.clicked.connect(c.copy_last_year)
        self.add_button.clicked.connect(self._add)
        self.delete_button.clicked.connect(c.delete_current)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.close_button.clicked.connect(c.close_year)
        self.reopen_button.clicked.connect(c.reopen_year)
        self.model.sig_draft_changed.connect(self.show_state)
        self.model.sig_invalid.connect(self.error_label.setText)
        self.show_state()

    def tab_title(self) -> str:
        return self.tr("Performance")

    # -- what the controller shows ----------------------------------------------------

    def load_project(self, project_id: int | None) -> None:
        super().load_project(project_id)
        self.controller.show_project(project_id)

    def year_shown(self) -> int:
        return self.year.value()

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)

    def show_trend(self, snapshot: ProjectPerformance) -> None:
        """The trend chart for a project-year just shown in the table, and the buttons."""
        projected = None
        if snapshot.projected_total is not None and snapshot.evaluation is None:
            projected = (snapshot.year, float(snapshot.projected_total))
        self.chart.set_scores(
            tuple(s for s in snapshot.trend if s.year != snapshot.year or snapshot.evaluation),
            projected,
        )
        self.show_state()

    def _year_changed(self, _year: int) -> None:
        if self.model.is_dirty() and not self.controller.settle():
            return
        self.error_label.clear()
        self.controller.reload()

    # -- the summary line and buttons ------------------------------------------------

    def _summary_text(self) -> str:
        snap = self.controller.snapshot
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

    def show_state(self) -> None:
        """The buttons as the project-year and its draft allow, and the summary line."""
        snap = self.controller.snapshot
        has_project = self.project_id is not None and snap is not None
        closed = bool(snap and snap.evaluation)
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
        return self.controller.save()

    def discard(self) -> None:
        self.controller.discard()

    def _add(self) -> None:
        row = self.model.add_row(self.tr("New indicator"))
        index = self.model.index(row, COL_NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)


def create(ctx: AppContext, parent: QWidget | None = None) -> PerformanceTab:
    return PerformanceTab(ctx, parent)
