"""The portfolio timeline: one row per project, its milestones laid along it.

Shows at once with the first screens' bars, loads the rest off the GUI thread, and paints
only the rows on screen, so 2,000 projects × 25 milestones open and scroll smoothly.
Clicking a bar selects it; double-clicking opens the project.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.periods import today
from desktop_app.services.timeline import (
    read_timeline_bars,
    read_timeline_projects,
    read_timeline_span,
)
from desktop_app.snapshots.milestones import TimelineBar
from desktop_app.ui.context import AppContext
from desktop_app.ui.freshness import Freshness
from desktop_app.ui.page_base import Page
from desktop_app.ui.widgets.timeline import TimelineRow, TimelineView, ZoomBox
from desktop_app.ui.widgets.timeline_legend import TimelineLegend

#: Projects whose bars load before the page shows: a 1080p screenful (~35 rows) and the
#: next; the background job reads only the others (at 200 projects the first visit read
#: 120 projects' bars here, then all 200 again in the job).
FIRST_ROWS = 60


class PortfolioTimelinePage(Page):
    sig_loaded = Signal()
    """Every project's bars are in (after the background load)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.timeline = TimelineView()
        self.zoom = ZoomBox("year")
        self.zoom.attach(self.timeline)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("Zoom")))
        top.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(TimelineLegend())
        self.timeline.sig_milestone_double_clicked.connect(self._open)
        self._generation = 0
        self._fresh = Freshness()
        ctx.bus.sig_data_changed.connect(self._fresh.forget)

    def page_title(self) -> str:
        return self.tr("Timeline")

    def refresh(self) -> None:
        """Labels and the first screens at once; every other project's bars in the background.
        Shown again with nothing changed (the stamp), it keeps what it has."""
        db = self.ctx.db
        if not self._fresh.changed(db):
            return
        groups = read_timeline_projects(db, self.ctx.lang)
        first_ids = [g.project_id for g in groups[:FIRST_ROWS]]
        first = read_timeline_bars(db, first_ids)
        rows = [TimelineRow(g.project_id, g.label, first.get(g.project_id, ())) for g in groups]
        self.timeline.set_rows(rows, today(), read_timeline_span(db))
        self.timeline.scroll_to_date(today())
        self._generation += 1
        self._show_summary(len(groups), sum(len(b) for b in first.values()))
        if len(groups) > FIRST_ROWS:
            generation = self._generation
            self.ctx.jobs.start(
                lambda: read_timeline_bars(db, excluding=first_ids),
                lambda bars: self._loaded(generation, bars),
                lambda exc: self.summary.setText(str(exc)),
                owner=self,
                key="bars",
                cancellable=True,
            )
        else:
            self.sig_loaded.emit()

    def _loaded(self, generation: int, bars: dict[int, tuple[TimelineBar, ...]]) -> None:
        if generation != self._generation:  # a newer refresh is on its way
            return
        self.timeline.set_bars(bars)
        self._show_summary(self.timeline.row_count(), self.timeline.bar_count())
        self.sig_loaded.emit()

    def _show_summary(self, projects: int, milestones: int) -> None:
        self.summary.setText(
            self.tr("{projects} projects, {milestones} milestones").format(
                projects=projects, milestones=milestones
            )
        )

    def _open(self, _milestone_id: int, row_key: int) -> None:
        self.ctx.bus.sig_open_project.emit(row_key)


def create(ctx: AppContext, parent: QWidget | None = None) -> PortfolioTimelinePage:
    return PortfolioTimelinePage(ctx, parent)
