"""The portfolio timeline: one row per project, its milestones laid along it.

Paints only the rows on screen, so 2,000 projects × 25 milestones scroll smoothly.
Clicking a bar selects it; double-clicking opens the project.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.periods import today
from desktop_app.services.timeline import portfolio_timeline
from desktop_app.snapshots.milestones import TimelineGroup
from desktop_app.ui.context import AppContext
from desktop_app.ui.page_base import Page
from desktop_app.ui.widgets.timeline import TimelineRow, TimelineView


class PortfolioTimelinePage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.timeline = TimelineView()
        self.zoom = QComboBox()
        for code, label in (
            ("month", self.tr("Months")),
            ("quarter", self.tr("Quarters")),
            ("year", self.tr("Years")),
        ):
            self.zoom.addItem(label, code)
        self.zoom.setCurrentIndex(2)
        self.timeline.set_zoom("year")
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("Zoom")))
        top.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.timeline, 1)
        self.zoom.currentIndexChanged.connect(
            lambda: self.timeline.set_zoom(self.zoom.currentData())
        )
        self.timeline.sig_milestone_double_clicked.connect(self._open)
        self._row_of_milestone: dict[int, int] = {}

    def page_title(self) -> str:
        return self.tr("Timeline")

    def refresh(self) -> None:
        self.show_groups(portfolio_timeline(self.ctx.db, self.ctx.lang))

    def show_groups(self, groups: list[TimelineGroup]) -> None:
        self.timeline.set_rows(
            [TimelineRow(g.project_id, g.label, g.bars) for g in groups], today()
        )
        self.timeline.scroll_to_date(today())
        count = sum(len(g.bars) for g in groups)
        self.summary.setText(
            self.tr("{projects} projects, {milestones} milestones").format(
                projects=len(groups), milestones=count
            )
        )

    def _open(self, _milestone_id: int, row_key: int) -> None:
        self.ctx.bus.sig_open_project.emit(row_key)


def create(ctx: AppContext, parent: QWidget | None = None) -> PortfolioTimelinePage:
    return PortfolioTimelinePage(ctx, parent)
