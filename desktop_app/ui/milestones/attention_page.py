"""The attention page: every open milestone that is overdue or due within 30 days, and
the policy warnings (two D grades running, paid over plan, reward with no evaluation,
baseline slips, milestones after the project's end, a cancelled acceptance).

Sortable by any column; double-click (or Enter) opens the row's project.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.periods import today
from desktop_app.services.health import read_attention_items
from desktop_app.ui.context import AppContext
from desktop_app.ui.freshness import Freshness
from desktop_app.ui.milestones.attention_model import (
    COL_DAYS,
    COL_DUE,
    COL_NO,
    COL_OWNER,
    COL_PERCENT,
    COL_PROJECT,
    COL_STATE,
    COL_TITLE,
    AttentionModel,
)
from desktop_app.ui.milestones.warnings_model import (
    COL_FIGURE,
    COL_LEVEL,
    COL_REASON,
    WarningsModel,
)
from desktop_app.ui.milestones.warnings_model import (
    COL_PROJECT as COL_W_PROJECT,
)
from desktop_app.ui.page_base import Page
from desktop_app.ui.widgets.tables import rows_view

if TYPE_CHECKING:
    from desktop_app.services.warnings import WarningRow
    from desktop_app.snapshots.milestones import AttentionItem

COLUMN_WIDTHS = {
    COL_STATE: 80,
    COL_DAYS: 96,
    COL_DUE: 92,
    COL_NO: 44,
    COL_PROJECT: 300,
    COL_TITLE: 220,
    COL_OWNER: 80,
    COL_PERCENT: 64,
}


class AttentionPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = AttentionModel(self)
        self._rows_shown: list[AttentionItem] | None = None
        self._fresh = Freshness()
        ctx.bus.sig_data_changed.connect(self._fresh.forget)
        self._warnings_shown: list[WarningRow] | None = None
        self.table = rows_view(self.model, COLUMN_WIDTHS, single=True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DAYS, Qt.SortOrder.AscendingOrder)
        self.summary = QLabel()
        hint = QLabel(self.tr("Double-click a row to open its project."))
        hint.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(hint)
        self.warnings_model = WarningsModel(ctx.lang, self)
        widths = {COL_LEVEL: 70, COL_W_PROJECT: 260, COL_REASON: 560}
        self.warnings = rows_view(self.warnings_model, widths, single=True, stretch_last=False)
        self.warnings.horizontalHeader().setResizeContentsPrecision(100)  # 1,000s of rows
        self.warnings.horizontalHeader().setSectionResizeMode(
            COL_REASON, QHeaderView.ResizeMode.Stretch
        )
        self.warnings.setColumnWidth(COL_FIGURE, 120)
        self.warnings_title = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.warnings_title)
        lower_layout.addWidget(self.warnings, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.table.doubleClicked.connect(self.open_row)
        self.table.activated.connect(self.open_row)
        self.warnings.doubleClicked.connect(self.open_warning)
        self.warnings.activated.connect(self.open_warning)
        self.table.setProperty("opensProject", True)

    def page_title(self) -> str:
        return self.tr("Attention")

    def refresh(self) -> None:
        if not self._fresh.changed(self.ctx.db):
            return  # shown again, nothing changed
        as_of = today()
        rows = read_attention_items(self.ctx.db, as_of)
        if rows != self._rows_shown:  # 1,500 rows at 2,000 projects: reset only on a change
            self._rows_shown = rows
            header = self.table.horizontalHeader()
            if (
                header.sortIndicatorSection() == COL_DAYS
                and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            ):
                # The rows arrive by due date, the header's order: no need to sort them
                # again. A click on a header sorts as usual.
                self.model.sort(-1)
            self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            self.tr("As of {date}: {overdue} overdue, {soon} due within 30 days").format(
                date=as_of.isoformat(), overdue=overdue, soon=len(rows) - overdue
            )
        )
        self._show_warnings(as_of)

    def _show_warnings(self, as_of: date) -> None:
        """Warnings need every project's plan and payments: from the figures cache, off
        the GUI thread (the milestones above are on screen meanwhile)."""
        from desktop_app.services.figures_cache import read_portfolio_figures

        db = self.ctx.db
        self.ctx.jobs.start(
            lambda: read_portfolio_figures(db, as_of, ("warnings",)).all_warnings(),
            self._warnings_ready,
            lambda exc: self.warnings_title.setText(str(exc)),
            owner=self,
            key="warnings",
            cancellable=True,
            name="warnings",
        )

    def _warnings_ready(self, rows: list[WarningRow]) -> None:
        if rows == self._warnings_shown:
            return
        self._warnings_shown = rows
        self.warnings_model.set_rows(rows)
        self.warnings.resizeColumnToContents(COL_W_PROJECT)
        self.warnings.resizeColumnToContents(COL_FIGURE)
        red = sum(1 for r in rows if r.level == "red")
        self.warnings_title.setText(
            self.tr("Policy warnings: {n} ({red} red)").format(n=len(rows), red=red)
        )

    def open_warning(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.bus.sig_open_project.emit(self.warnings_model.row_at(index.row()).project_id)

    def open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            item = self.model.row_at(index.row())
            self.ctx.bus.sig_open_project.emit(item.project_id)


def create(ctx: AppContext, parent: QWidget | None = None) -> AttentionPage:
    return AttentionPage(ctx, parent)
