"""A Gantt chart that paints only the rows on screen, so 2,000 × 25 bars stay smooth.

Each row holds bars: the baseline (thin, grey, underneath), the planned bar coloured by
status with its progress filled in, and a diamond at the planned end. A quarter grid,
a today line and a month/quarter/year zoom; clicking a bar emits its milestone id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QComboBox, QToolTip, QWidget

from desktop_app.snapshots.milestones import TimelineBar
from desktop_app.ui.widgets.timeline_paint import (
    ROW_H,
    BarGeometry,
    RowShapes,
    geometry,
    paint_shapes,
    row_shapes,
)

#: Pixels per day for each zoom level.
ZOOMS = {"month": 3.0, "quarter": 1.0, "year": 0.3}
HEADER_H = 36
LABEL_W = 220
"""The name column's least width; it grows to the longest name, up to a third of the view."""

GRID = QColor("#e3e3e3")
YEAR_GRID = QColor("#bdbdbd")
TODAY = QColor("#d81b60")


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the chart: a milestone (project view) or a project (portfolio)."""

    key: int
    label: str
    bars: tuple[TimelineBar, ...]


class ZoomBox(QComboBox):
    """Months / quarters / years, for a TimelineView (`currentData()` is the zoom code)."""

    def __init__(self, zoom: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("Months"), "month")
        self.addItem(self.tr("Quarters"), "quarter")
        self.addItem(self.tr("Years"), "year")
        self.setCurrentIndex(self.findData(zoom))

    def attach(self, view: TimelineView) -> None:
        view.set_zoom(self.currentData())
        self.currentIndexChanged.connect(lambda: view.set_zoom(self.currentData()))


class TimelineView(QAbstractScrollArea):
    sig_milestone_clicked = Signal(int)
    """A bar was clicked: the milestone's id."""
    sig_milestone_double_clicked = Signal(int, int)
    """A bar was double-clicked: the milestone's id and its row's key (e.g. the project)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []
        self.label_w = LABEL_W
        self._label_need = LABEL_W
        self._fitted_ppd = 0.0
        self._geo: dict[int, list[BarGeometry]] = {}
        self._shape_cache: dict[int, RowShapes] = {}
        self._zoom = "quarter"
        self._today = date.today()
        self._first = date(self._today.year - 1, 1, 1).toordinal()
        self._last = date(self._today.year + 1, 12, 31).toordinal()
        self._selected: int | None = None
        self._anchor: date | None = None
        """A date to keep in view while the widget is laid out (until the user scrolls)."""
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(True)
        self.verticalScrollBar().setSingleStep(ROW_H)
        self.horizontalScrollBar().actionTriggered.connect(self._user_scrolled)
        self.setMinimumHeight(HEADER_H + 3 * ROW_H)

    # --- data -----------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[TimelineRow],
        today: date,
        span: tuple[date, date] | None = None,
    ) -> None:
        """Replace the rows. The date range is whole years around `span` (or around all
        bars when no span is given), and at least to the end of the year after today."""
        self._rows = list(rows)
        self._geo = {}
        self._shape_cache = {}
        self._today = today
        lo, hi = today.toordinal(), today.toordinal()
        if span is not None:
            lo, hi = min(lo, span[0].toordinal()), max(hi, span[1].toordinal())
        else:
            for row in self._rows:
                for b in row.bars:
                    for d in (b.planned_start, b.baseline_start, b.planned_end, b.baseline_end):
                        if d is not None:
                            o = d.toordinal()
                            lo = o if o < lo else lo
                            hi = o if o > hi else hi
        self._first = date(date.fromordinal(lo).year, 1, 1).toordinal()
        hi = max(hi, today.toordinal() + 365)
        self._last = date(date.fromordinal(hi).year, 12, 31).toordinal()
        fm = QFontMetrics(self.font())
        longest = max((fm.horizontalAdvance(r.label) for r in self._rows[:5000]), default=0)
        self._label_need = max(LABEL_W, longest + 14)
        self._fit_labels()
        self._update_scrollbars()
        self.viewport().update()

    def set_bars(self, bars: Mapping[int, tuple[TimelineBar, ...]]) -> None:
        """Fill in rows' bars by row key (rows loaded later); the date range stays, and the
        rows not named keep what was drawn for them."""
        for index, row in enumerate(self._rows):
            if row.key in bars:
                self._rows[index] = TimelineRow(row.key, row.label, bars[row.key])
                self._geo.pop(index, None)
                self._shape_cache.pop(index, None)
        self.viewport().update()

    def bar_count(self) -> int:
        return sum(len(r.bars) for r in self._rows)

    def _geometry(self, index: int) -> list[BarGeometry]:
        """Row `index`'s bars in days from the first day (computed once per row)."""
        cached = self._geo.get(index)
        if cached is None:
            cached = geometry(self._rows[index].bars, self._first, self._today)
            self._geo[index] = cached
        return cached

    def _shapes(self, index: int) -> RowShapes:
        """Row `index`'s rectangles at the current zoom (built once, then reused)."""
        cached = self._shape_cache.get(index)
        if cached is None:
            cached = row_shapes(self._geometry(index), index * ROW_H, self._ppd())
            self._shape_cache[index] = cached
        return cached

    def row_count(self) -> int:
        return len(self._rows)

    def zoom(self) -> str:
        return self._zoom

    def set_zoom(self, zoom: str) -> None:
        if zoom not in ZOOMS:
            raise ValueError(f"unknown zoom {zoom!r}")
        self._zoom = zoom
        self._shape_cache = {}
        self._update_scrollbars()
        self.scroll_to_date(self._today)

    def select_milestone(self, milestone_id: int | None) -> None:
        self._selected = milestone_id
        self.viewport().update()

    def selected_milestone(self) -> int | None:
        return self._selected

    # --- geometry -------------------------------------------------------------------
    def _ppd(self) -> float:
        """The zoom's pixels per day, stretched so the years shown fill the view (no axis
        running on empty past the last year)."""
        days = self._last - self._first + 1
        room = self.viewport().width() - self.label_w
        return max(ZOOMS[self._zoom], room / days if days > 0 else 0.0)

    def _fit_labels(self) -> None:
        """Names in full where they fit in a third of the view; elided beyond that."""
        cap = max(LABEL_W, self.viewport().width() // 3)
        self.label_w = min(self._label_need, cap)

    def _chart_width(self) -> int:
        return int((self._last - self._first + 1) * self._ppd()) + 1

    def _update_scrollbars(self) -> None:
        view = self.viewport().size()
        h = self.horizontalScrollBar()
        h.setPageStep(max(1, view.width() - self.label_w))
        h.setRange(0, max(0, self._chart_width() - (view.width() - self.label_w)))
        h.setSingleStep(max(1, int(30 * self._ppd())))
        v = self.verticalScrollBar()
        v.setPageStep(max(1, view.height() - HEADER_H))
        v.setRange(0, max(0, len(self._rows) * ROW_H - (view.height() - HEADER_H)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()
        if self._ppd() != self._fitted_ppd:
            self._fitted_ppd = self._ppd()
            self._shape_cache = {}
        self._update_scrollbars()
        if self._anchor is not None:
            self.scroll_to_date(self._anchor)

    def _user_scrolled(self, _action: int) -> None:
        self._anchor = None

    def sizeHint(self) -> QSize:
        return QSize(900, HEADER_H + ROW_H * min(12, max(3, len(self._rows))) + 20)

    def x_of(self, day: date) -> float:
        """Viewport x of the start of `day`."""
        offset = (day.toordinal() - self._first) * self._ppd()
        return self.label_w + offset - self.horizontalScrollBar().value()

    def scroll_to_date(self, day: date) -> None:
        """Put `day` a third of the way across the chart."""
        self._anchor = day
        h = self.horizontalScrollBar()
        width = self.viewport().width() - self.label_w
        h.setValue(int((day.toordinal() - self._first) * self._ppd() - width / 3))

    def scroll_to_row(self, index: int) -> None:
        """Put row `index` at the top of the chart (as far as the rows below allow)."""
        self._update_scrollbars()
        self.verticalScrollBar().setValue(index * ROW_H)

    def visible_rows(self) -> range:
        top = self.verticalScrollBar().value()
        first = top // ROW_H
        count = (self.viewport().height() - HEADER_H) // ROW_H + 2
        return range(first, min(len(self._rows), first + count))

    def _row_top(self, index: int) -> int:
        return HEADER_H + index * ROW_H - self.verticalScrollBar().value()

    # --- painting -------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        rect = self.viewport().rect()
        p.fillRect(rect, self.palette().base())
        p.setClipRect(QRect(self.label_w, 0, rect.width() - self.label_w, rect.height()))
        self._paint_grid(p, rect)
        rows = self.visible_rows()
        p.setClipRect(
            QRect(self.label_w, HEADER_H, rect.width() - self.label_w, rect.height() - HEADER_H)
        )
        paint_shapes(
            p,
            [self._shapes(i) for i in rows],
            dx=self.label_w - self.horizontalScrollBar().value(),
            dy=HEADER_H - self.verticalScrollBar().value(),
            selected=self._selected,
        )
        x = self.x_of(self._today)
        p.setPen(QPen(TODAY, 2))
        p.drawLine(QPointF(x, HEADER_H), QPointF(x, rect.height()))
        p.setClipping(False)
        self._paint_labels(p, rect, rows)
        p.end()

    def _month_starts(self, width: int) -> Iterator[tuple[date, float]]:
        first_visible = self._first + int(self.horizontalScrollBar().value() / self._ppd())
        d = date.fromordinal(max(self._first, first_visible))
        y, m = d.year, d.month
        while True:
            start = date(y, m, 1)
            x = self.x_of(start)
            if x > width:
                return
            yield start, x
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)

    def _paint_grid(self, p: QPainter, rect: QRect) -> None:
        width = rect.width()
        p.fillRect(QRect(self.label_w, 0, width - self.label_w, HEADER_H), self.palette().window())
        fm = QFontMetrics(self.font())
        text_pen = QPen(self.palette().text().color())
        months = list(self._month_starts(width))
        if months and months[0][0].month != 1:  # the year of the left edge, unless one is near
            first_jan = next((x for d, x in months if d.month == 1), width)
            if first_jan > self.label_w + 50:
                p.setPen(text_pen)
                p.drawText(QPointF(self.label_w + 3, fm.ascent() + 2), str(months[0][0].year))
        for start, x in months:
            quarter_start = start.month in (1, 4, 7, 10)
            if start.month == 1:
                p.setPen(QPen(YEAR_GRID, 1))
                p.drawLine(QPointF(x, 0), QPointF(x, rect.height()))
                p.setPen(text_pen)
                p.drawText(QPointF(x + 3, fm.ascent() + 2), str(start.year))
            elif quarter_start:
                p.setPen(QPen(GRID, 1))
                p.drawLine(QPointF(x, HEADER_H // 2), QPointF(x, rect.height()))
            if self._zoom == "month" or (self._zoom == "quarter" and quarter_start):
                label = f"{start.month}" if self._zoom == "month" else f"Q{(start.month + 2) // 3}"
                p.setPen(text_pen)
                p.drawText(QPointF(x + 3, HEADER_H - 6), label)
            elif self._zoom == "year" and quarter_start:
                p.setPen(text_pen)
                p.drawText(QPointF(x + 2, HEADER_H - 6), f"Q{(start.month + 2) // 3}")
        p.setPen(QPen(YEAR_GRID, 1))
        p.drawLine(QPointF(self.label_w, HEADER_H - 0.5), QPointF(width, HEADER_H - 0.5))

    def _paint_labels(self, p: QPainter, rect: QRect, rows: range) -> None:
        p.fillRect(QRect(0, 0, self.label_w, rect.height()), self.palette().window())
        p.setClipRect(QRect(0, HEADER_H, self.label_w, rect.height() - HEADER_H))
        fm = QFontMetrics(self.font())
        p.setPen(self.palette().text().color())
        for i in rows:
            top = self._row_top(i)
            label = fm.elidedText(
                self._rows[i].label, Qt.TextElideMode.ElideRight, self.label_w - 8
            )
            p.drawText(QRect(4, top, self.label_w - 8, ROW_H), Qt.AlignmentFlag.AlignVCenter, label)
        p.setClipping(False)
        p.setPen(QPen(YEAR_GRID, 1))
        p.drawLine(QPointF(self.label_w - 0.5, 0), QPointF(self.label_w - 0.5, rect.height()))

    # --- interaction ----------------------------------------------------------------
    def milestone_at(self, pos: QPoint) -> int | None:
        if pos.x() < self.label_w or pos.y() < HEADER_H:
            return None
        index = (pos.y() - HEADER_H + self.verticalScrollBar().value()) // ROW_H
        if not 0 <= index < len(self._rows):
            return None
        for b in reversed(self._rows[index].bars):
            end_x = self.x_of(b.planned_end) + self._ppd()
            start_x = self.x_of(b.planned_start) if b.planned_start else end_x
            if start_x - 6 <= pos.x() <= end_x + 6:
                return b.id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.milestone_at(event.position().toPoint())
        if found is not None:
            self.select_milestone(found)
            self.sig_milestone_clicked.emit(found)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        found = self.milestone_at(pos)
        if found is not None:
            index = (pos.y() - HEADER_H + self.verticalScrollBar().value()) // ROW_H
            self.sig_milestone_double_clicked.emit(found, self._rows[index].key)
        super().mouseDoubleClickEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            self._tooltip(e)  # type: ignore[arg-type]
            return True
        return super().viewportEvent(e)

    def _tooltip(self, e: QHelpEvent) -> None:
        pos = e.pos()
        mid = self.milestone_at(pos)
        if mid is None:
            QToolTip.hideText()
            return
        index = (pos.y() - HEADER_H + self.verticalScrollBar().value()) // ROW_H
        bar = next(b for b in self._rows[index].bars if b.id == mid)
        start = bar.planned_start.isoformat() if bar.planned_start else "…"
        lines = [bar.title, f"{start} – {bar.planned_end.isoformat()}  {bar.percent_complete}%"]
        if bar.baseline_end:
            lines.append(self.tr("Baseline end: {d}").format(d=bar.baseline_end.isoformat()))
        QToolTip.showText(e.globalPos(), "\n".join(lines), self)
