"""The "Performance" page: the portfolio's totals and grades by year, at a glance."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.periods import today
from desktop_app.services import performance as perf
from desktop_app.ui.context import AppContext
from desktop_app.ui.page_base import Page
from desktop_app.ui.performance.formatting import GRADE_COLORS, grade_label
from desktop_app.ui.performance.scores_model import COL_NAME, COL_NO, ROW_ROLE, ScoresTableModel
from desktop_app.ui.widgets.tables import rows_view

if TYPE_CHECKING:
    from desktop_app.snapshots.performance import PortfolioScoreRow


def _chip(letter: str) -> QLabel:
    label = QLabel(grade_label(letter))
    label.setStyleSheet(
        f"background: {GRADE_COLORS[letter]}; padding: 2px 8px; border-radius: 3px;"
    )
    return label


class ScoresPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = ScoresTableModel(ctx.lang, self)
        # grade colours fill the cells: no alternating rows under them
        self.table = rows_view(self.model, single=True, stretch_last=False, alternating=False)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold; padding: 2px;")
        legend = QHBoxLayout()
        legend.addWidget(QLabel(self.tr("Grades:")))
        for letter in GRADE_COLORS:
            legend.addWidget(_chip(letter))
        legend.addWidget(
            QLabel(
                self.tr(
                    "* grade set by an officer · ≈ italic: projected from year-to-date, "
                    "red below 60"
                )
            )
        )
        legend.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(legend)
        self.table.doubleClicked.connect(self._open)

    def page_title(self) -> str:
        return self.tr("Performance")

    def refresh(self) -> None:
        """Scores read every project's indicators: from the figures cache (only projects
        saved since are recomputed), off the GUI thread; the last rows stay meanwhile."""
        from desktop_app.services.figures_cache import SCORES, read_portfolio_figures

        db, as_of = self.ctx.db, today()
        self.ctx.jobs.start(
            lambda: read_portfolio_figures(db, as_of, (SCORES,)).score_rows(),
            self.show_rows,
            lambda exc: self.summary.setText(str(exc)),
            owner=self,
            key="scores",
            cancellable=True,
            name="scores",
        )

    def show_rows(self, rows: list[PortfolioScoreRow]) -> None:
        years = perf.years_of(rows)
        self.model.set_years(rows, years)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_NO, 40)
        fm = header.fontMetrics()
        for col in range(COL_NAME + 1, self.model.columnCount()):
            text = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            widest = max(text, "100.0  " + grade_label("B") + "*", key=fm.horizontalAdvance)
            self.table.setColumnWidth(col, max(96, fm.horizontalAdvance(widest) + 24))
        if years:
            last = years[-1]
            counts = Counter(r.scores[last].grade for r in rows if last in r.scores)
            self.summary.setText(
                self.tr("{year}: {n} projects evaluated — A {a} · B {b} · C {c} · D {d}").format(
                    year=last,
                    n=sum(counts.values()),
                    a=counts["A"],
                    b=counts["B"],
                    c=counts["C"],
                    d=counts["D"],
                )
            )
        else:
            self.summary.setText(self.tr("No year has been evaluated yet."))

    def _open(self, index: QModelIndex) -> None:
        row = self.model.data(self.model.index(index.row(), 0), ROW_ROLE)
        if row is not None:
            self.ctx.bus.sig_open_project.emit(row.project_id)


def create(ctx: AppContext, parent: QWidget | None = None) -> ScoresPage:
    return ScoresPage(ctx, parent)
