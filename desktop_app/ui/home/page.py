"""首页 (Home): the portfolio at a glance as of today; every figure opens the rows behind it.

Nothing here touches the database at construction: the window paints with placeholders,
then `refresh()` computes `services.home.read_home` in a background job and fills the
cards; QtCharts (ui/home/charts.py) is imported only when the first figures arrive.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.money import format_wan
from desktop_app.domain.periods import today
from desktop_app.snapshots.home import GRADES, HEALTH_LEVELS, HomeSnapshot
from desktop_app.ui.context import AppContext
from desktop_app.ui.freshness import Freshness
from desktop_app.ui.home.cards import FigureCard
from desktop_app.ui.home.detail_model import Cell, DetailModel, cell
from desktop_app.ui.page_base import Page
from desktop_app.ui.performance.formatting import GRADE_MARKS, grade_label
from desktop_app.ui.widgets.health_marker import HEALTH_COLOURS, health_label

_item = cell  # one cell of the table behind a figure


def long_date(day: date, lang: str) -> str:
    """A date that cannot be read as a time: 2026年9月15日 / 15 Sep 2026."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%d %b %Y").lstrip("0")


#: Rows fitted beyond the last one in view, so a short scroll finds them fitted already.
ROWS_PAST_VIEW = 30


class HomePage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: HomeSnapshot | None = None
        self._fresh = Freshness()
        self._charts: list[Any] = []
        self._pending_detail: str | None = "overdue"  # the most pressing rows, until a click
        self.as_of = QLabel(self.tr("Loading the portfolio…"))
        self.as_of.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        for col, level in enumerate(HEALTH_LEVELS):
            caption = self._level_caption(level)
            self._card(level, caption, HEALTH_COLOURS[level].name(), grid, 0, col)
        col = len(HEALTH_LEVELS)
        self._card("overdue", self.tr("Milestones overdue"), "#c62828", grid, 0, col)
        self._card(
            "due_soon", self.tr("Milestones due within 30 days"), "#ef6c00", grid, 0, col + 1
        )
        self._card("warnings", self.tr("Warnings"), "#8a6d00", grid, 0, col + 2)
        self._card("planned", self.tr("Plan this year (10k yuan)"), "#1e88e5", grid, 1, 0)
        self._card("paid", self.tr("Paid this year (10k yuan)"), "#fb8c00", grid, 1, 1)
        for col, grade in enumerate(GRADES):
            self._card(grade, grade_label(grade), GRADE_MARKS[grade], grid, 1, 2 + col)
        self.money_note = QLabel()
        self.money_note.setWordWrap(True)
        self.money_note.setStyleSheet("color: #607d8b;")

        self.charts_box = QWidget()
        self.charts_layout = QHBoxLayout(self.charts_box)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel(self.tr("Click a figure to see the rows behind it."))
        self.detail_title.setStyleSheet("font-weight: bold;")
        self.detail_model = DetailModel(self)
        self.detail = QTableView()
        self.detail.setModel(self.detail_model)
        self.detail.setSortingEnabled(True)
        self.detail.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.setAlternatingRowColors(True)
        self.detail.setWordWrap(True)  # a long reason wraps within its row
        self.detail.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.detail.verticalHeader().hide()
        self.detail.horizontalHeader().setStretchLastSection(True)
        self.detail.horizontalHeader().setResizeContentsPrecision(100)  # 1,500 rows: sample
        # Row heights follow what is in view (a scroll or a sort fits the rows it shows).
        self.detail.verticalScrollBar().valueChanged.connect(lambda _v: self.fit_rows_in_view())
        self.detail_model.layoutChanged.connect(self.fit_rows_in_view)
        self.detail.doubleClicked.connect(self.open_row)
        self.detail.activated.connect(self.open_row)
        self.detail.setProperty("opensProject", True)
        hint = QLabel(self.tr("Double-click a row to open its project."))
        hint.setStyleSheet("color: #666;")
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.detail_title, 1)
        head.addWidget(hint)
        detail_layout.addLayout(head)
        detail_layout.addWidget(self.detail, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("homeSplitter")
        self.split.addWidget(self.charts_box)
        self.split.addWidget(detail_box)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([660, 700])

        layout = QVBoxLayout(self)
        layout.addWidget(self.as_of)
        layout.addLayout(grid)
        layout.addWidget(self.money_note)
        layout.addWidget(self.split, 1)
        ctx.bus.sig_data_changed.connect(self._data_changed)

    def page_title(self) -> str:
        return self.tr("Home")

    def _card(
        self, key: str, caption: str, colour: str, grid: QGridLayout, row: int, col: int
    ) -> None:
        card = FigureCard(caption, colour)
        card.sig_clicked.connect(lambda k=key: self.show_detail(k))
        self.cards[key] = card
        grid.addWidget(card, row, col)

    # ------------------------------------------------------------ loading

    def after_first_paint(self) -> None:
        self.refresh()  # the figures' job starts once the window is on screen

    def _data_changed(self) -> None:
        self._fresh.forget()
        if self.isVisible():  # a hidden page is refreshed when it is shown
            self.refresh()

    def refresh(self) -> None:
        """Figures are computed off the GUI thread; the cards keep their last values meanwhile."""
        from desktop_app.services.home import read_home  # Core reads, off the GUI thread

        db, as_of = self.ctx.db, today()
        if not self._fresh.changed(db):
            return  # shown again, nothing changed: the cards stay
        self.ctx.jobs.start(
            lambda: read_home(db, as_of),
            self.set_snapshot,
            self._failed,
            owner=self,
            key="home",  # a newer refresh supersedes an older one
            cancellable=True,
            name="home figures",
        )

    def _level_caption(self, level: str) -> str:
        if level == "none":  # grey: nothing recorded yet, so not known to be green
            return self.tr("Projects with no data yet")
        return self.tr("{level} projects").format(level=health_label(level))

    def _failed(self, exc: BaseException) -> None:
        self._fresh.forget()
        self.as_of.setText(self.tr("The figures could not be computed: {why}").format(why=exc))

    def set_snapshot(self, snap: HomeSnapshot) -> None:
        if snap == self.snapshot:
            return  # nothing changed since (a page shown again): keep what is painted
        self.snapshot = snap
        lang = self.ctx.lang
        self.as_of.setText(
            self.tr("Portfolio as of {date} ({n} projects)").format(
                date=long_date(snap.as_of, lang), n=len(snap.projects)
            )
        )
        for level in HEALTH_LEVELS:
            self.cards[level].set_value(str(len(snap.health[level])))
        self.cards["overdue"].set_value(str(len(snap.overdue)))
        self.cards["due_soon"].caption.setText(
            self.tr("Milestones due within {n} days").format(n=snap.due_soon_days)
        )
        self.cards["due_soon"].set_value(str(len(snap.due_soon)))
        self.cards["planned"].set_value(format_wan(snap.planned_fen))
        share = ""
        if snap.planned_fen:
            share = f" ({snap.paid_fen * 100 / snap.planned_fen:.1f}%)"
        self.cards["paid"].set_value(format_wan(snap.paid_fen) + share)
        for grade in GRADES:
            self.cards[grade].set_value(str(len(snap.grades[grade])))
            if snap.grade_year is not None:
                self.cards[grade].caption.setText(
                    self.tr("{grade} in {year}").format(
                        grade=grade_label(grade), year=snap.grade_year
                    )
                )
        self.money_note.setText(
            self.tr(
                "Plan: the plan of {year} (plan-year basis). Paid: cash paid from 1 January "
                "to {date} (cash basis)."
            ).format(year=snap.year, date=long_date(snap.as_of, lang))
        )
        self.cards["warnings"].set_value(str(len(snap.warnings)))
        self._draw_charts(snap)
        if self._pending_detail:
            self.show_detail(self._pending_detail)

    def _draw_charts(self, snap: HomeSnapshot) -> None:
        if not self._charts:
            charts = importlib.import_module("desktop_app.ui.home.charts")
            self._charts = [charts.HealthRing(self.show_detail), charts.GradeBars(self.show_detail)]
            for chart in self._charts:
                self.charts_layout.addWidget(chart)
        for chart in self._charts:
            chart.set_snapshot(snap)

    # ------------------------------------------------------------ the rows behind a figure

    def show_detail(self, key: str) -> None:
        """Fill the table with the rows behind figure `key` (a level, grade or money/milestones)."""
        self._pending_detail = key
        snap = self.snapshot
        if snap is None:
            return
        self.detail_model.clear()
        self.detail_model.sort(-1)  # the new rows in their own order until a click
        lang = self.ctx.lang
        no, name = self.tr("No."), self.tr("Project")

        def project_cells(pid: int) -> list[Cell]:
            p = snap.projects[pid]
            return [Cell(str(p.no), p.no, True, pid), _item(p.name(lang))]

        if key in HEALTH_LEVELS:
            title = self._level_caption(key)
            self.detail_model.setHorizontalHeaderLabels([no, name, self.tr("Why")])
            for pid in snap.health[key]:
                # each reason is a sentence of its own (。 or .): no "。;" between them
                glue = "" if lang == "zh" else " "
                reasons = snap.health_reasons.get(pid, "").replace("\n", glue)
                self.detail_model.appendRow([*project_cells(pid), _item(reasons)])
        elif key in ("overdue", "due_soon"):
            items = snap.overdue if key == "overdue" else snap.due_soon
            title = self.cards[key].caption.text()
            self.detail_model.setHorizontalHeaderLabels(
                [
                    no,
                    name,
                    self.tr("Milestone"),
                    self.tr("Planned finish"),
                    self.tr("Days overdue") if key == "overdue" else self.tr("Days left"),
                    self.tr("Complete %"),
                ]
            )
            for it in items:
                self.detail_model.appendRow(
                    [
                        *project_cells(it.project_id),
                        _item(it.title),
                        _item(it.planned_end.isoformat()),
                        _item(str(abs(it.days)), abs(it.days), align_right=True),
                        _item(f"{it.percent_complete}%", it.percent_complete, align_right=True),
                    ]
                )
        elif key in ("planned", "paid"):
            title = self.tr("Money of {year} by project (10k yuan)").format(year=snap.year)
            self.detail_model.setHorizontalHeaderLabels(
                [no, name, self.tr("Plan this year"), self.tr("Paid this year")]
            )
            for m in snap.money:
                self.detail_model.appendRow(
                    [
                        *project_cells(m.project_id),
                        _item(format_wan(m.planned_fen), m.planned_fen, align_right=True),
                        _item(format_wan(m.paid_fen), m.paid_fen, align_right=True),
                    ]
                )
        elif key == "warnings":
            title = self.tr("Warnings")
            self.detail_model.setHorizontalHeaderLabels([self.tr("Warning")])
            for text in snap.warnings:
                self.detail_model.appendRow([_item(text)])
        else:
            title = self.cards[key].caption.text()
            self.detail_model.setHorizontalHeaderLabels([no, name, self.tr("Grade")])
            for pid in snap.grades.get(key, ()):
                self.detail_model.appendRow([*project_cells(pid), _item(grade_label(key))])
        self.detail_model.finish()
        count = self.detail_model.rowCount()
        self.detail_title.setText(self.tr("{title}: {n} rows").format(title=title, n=count))
        self.fit_detail()

    def fit_detail(self) -> None:
        """Every column in view without sideways scrolling: the columns as wide as their text,
        then the wide text columns (project, milestone, reason) narrowed in proportion, their
        text wrapping onto a second line (and in full on hover)."""
        view, header = self.detail, self.detail.horizontalHeader()
        view.resizeColumnsToContents()
        count = header.count()
        room = view.viewport().width() - 2
        widths = [header.sectionSize(c) for c in range(count)]
        fm = header.fontMetrics()
        floor = [
            fm.horizontalAdvance(str(self.detail_model.headerData(c, Qt.Orientation.Horizontal)))
            + 24
            for c in range(count)
        ]
        excess = sum(widths) - room
        wide = [c for c in range(count) if widths[c] > max(140, floor[c])]
        give = sum(widths[c] - max(140, floor[c]) for c in wide)
        if excess > 0 and give > 0:
            for c in wide:
                spare = widths[c] - max(140, floor[c])
                header.resizeSection(c, widths[c] - min(spare, excess * spare // give + 1))
        self.fit_rows_in_view()

    def fit_rows_in_view(self) -> None:
        """Wrapped rows as tall as their text, for the rows in view and a screenful past
        them: 1,500 overdue milestones cost what one screen costs, not what all rows do
        (`resizeRowsToContents` asked every cell of every row on each resize)."""
        view = self.detail
        count = self.detail_model.rowCount()
        if not count:
            return
        first = max(view.rowAt(0), 0)
        last = view.rowAt(view.viewport().height() - 1)
        last = count - 1 if last < 0 else last
        for row in range(first, min(count, last + 1 + ROWS_PAST_VIEW)):
            view.resizeRowToContents(row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.detail_model.columnCount():
            self.fit_detail()

    def detail_project_ids(self) -> list[int | None]:
        """The project of each row shown (tests compare them with the services)."""
        return [self.detail_model.project_at(r) for r in range(self.detail_model.rowCount())]

    def open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            pid = self.detail_model.project_at(index.row())
            if pid is not None:
                self.ctx.bus.sig_open_project.emit(int(pid))


def create(ctx: AppContext, parent: QWidget | None = None) -> HomePage:
    return HomePage(ctx, parent)
