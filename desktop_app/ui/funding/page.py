"""The portfolio's Funding page: per year across all projects, and the policy's headline chart.

Reloading runs off the GUI thread (it computes every plan), so the window never waits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.snapshots.funding import PortfolioFundingRow
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.funding.charts import ShareChart
from desktop_app.ui.funding.portfolio_model import PortfolioFundingModel
from desktop_app.ui.page_base import Page


class FundingPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = PortfolioFundingModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chart = ShareChart()
        self.note = QLabel(
            self.tr(
                "Amounts in 10k yuan by plan year. A year's reward is paid the following year, "
                "after its evaluation; it is counted here under the year it rewards."
            )
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.view)
        split.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        ctx.bus.sig_data_changed.connect(self._data_changed)

    def page_title(self) -> str:
        return self.tr("Funding")

    def _data_changed(self) -> None:
        if self.isVisible():  # a hidden page is refreshed when it is shown
            self.refresh()

    def refresh(self) -> None:
        from desktop_app.domain.periods import today
        from desktop_app.services.figures_cache import read_portfolio_figures

        db, as_of = self.ctx.db, today()
        self.ctx.jobs.start(
            # the yearly sums of the projects saved since are recomputed, the rest reused
            lambda: read_portfolio_figures(db, as_of, ("year_sums",)).funding_rows(),
            self.show_rows,
            lambda exc: dialogs.show_error(self, str(exc)),
            owner=self,
            key="rows",  # a newer refresh makes an older result stale: dropped
            cancellable=True,
        )

    def show_rows(self, rows: list[PortfolioFundingRow]) -> None:
        self.model.set_rows(rows)
        self.chart.set_rows(rows)


def create(ctx: AppContext, parent: QWidget | None = None) -> FundingPage:
    return FundingPage(ctx, parent)
