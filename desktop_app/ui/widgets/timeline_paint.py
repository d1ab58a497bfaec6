"""Painting the Gantt's bars in batches: a repaint must stay under one frame at any zoom.

Each row's bars become rectangles once per zoom level (cached by the view), grouped by
colour; a repaint moves the painter to the scroll position and draws each group with a
single `drawRects` call. Diamonds are squares drawn in a painter rotated by 45°, so they
batch too. Python-level Qt calls per repaint stay in the dozens, not the thousands.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from desktop_app.snapshots.milestones import TimelineBar

ROW_H = 24
STATUS_COLOURS = {
    "not_started": QColor("#90a4ae"),
    "in_progress": QColor("#1e88e5"),
    "done": QColor("#43a047"),
    "cancelled": QColor("#cfd8dc"),
    "overdue": QColor("#e53935"),
}
OVERDUE = STATUS_COLOURS["overdue"]
BASELINE = QColor("#b0b0b0")
LIGHT = {k: c.lighter(150) for k, c in STATUS_COLOURS.items()}
DARK = {k: c.darker(130) for k, c in STATUS_COLOURS.items()}
DIAMOND_R = 5.0
_HALF = DIAMOND_R / math.sqrt(2)
_INV_SQRT2 = 1 / math.sqrt(2)


class BarGeometry(NamedTuple):
    """A bar in days from the chart's first day (ends exclusive); None where absent."""

    start: int
    end: int
    base_start: int | None
    base_end: int | None
    colour: str
    percent: int
    id: int


def colour_key(bar: TimelineBar, today: date) -> str:
    if bar.status not in ("done", "cancelled") and bar.planned_end < today:
        return "overdue"
    return bar.status if bar.status in STATUS_COLOURS else "not_started"


def geometry(bars: Iterable[TimelineBar], first: int, today: date) -> list[BarGeometry]:
    out = []
    for b in bars:
        end = b.planned_end.toordinal() - first + 1
        start = b.planned_start.toordinal() - first if b.planned_start else end
        base_end = b.baseline_end.toordinal() - first + 1 if b.baseline_end else None
        base_start = b.baseline_start.toordinal() - first if b.baseline_start else base_end
        out.append(
            BarGeometry(
                start, end, base_start, base_end, colour_key(b, today), b.percent_complete, b.id
            )
        )
    return out


class RowShapes(NamedTuple):
    """A row's rectangles in chart coordinates (x = days × ppd, y from the first row's
    top), grouped by colour; kept per zoom level, so a scroll step only moves the painter."""

    base: list[QRectF]
    light: dict[str, list[QRectF]]
    solid: dict[str, list[QRectF]]
    diamonds: dict[str, list[QRectF]]
    """Squares in the 45°-rotated frame: (x, y) → ((x + y)/√2, (y − x)/√2)."""
    anchors: dict[int, tuple[QRectF | None, float, float]]
    """Milestone id → its bar (None when too short to draw) and diamond centre."""


def row_shapes(bars: Sequence[BarGeometry], top: float, ppd: float) -> RowShapes:
    shapes = RowShapes([], defaultdict(list), defaultdict(list), defaultdict(list), {})
    bar_y, bar_h, mid_y = top + 5, ROW_H - 14, top + ROW_H / 2 - 2
    for g in bars:
        if g.base_end is not None and g.base_start is not None:
            shapes.base.append(
                QRectF(g.base_start * ppd, top + ROW_H - 8, (g.base_end - g.base_start) * ppd, 4)
            )
        x0, x1 = g.start * ppd, g.end * ppd
        rect = None
        if x1 - x0 >= 1:
            width = max(1.0, x1 - x0 - 1)
            rect = QRectF(x0, bar_y, width, bar_h)
            shapes.light[g.colour].append(rect)
            if g.percent:
                shapes.solid[g.colour].append(QRectF(x0, bar_y, width * g.percent / 100, bar_h))
        u, v = (x1 + mid_y) * _INV_SQRT2, (mid_y - x1) * _INV_SQRT2
        shapes.diamonds[g.colour].append(QRectF(u - _HALF, v - _HALF, 2 * _HALF, 2 * _HALF))
        shapes.anchors[g.id] = (rect, x1, mid_y)
    return shapes


def paint_shapes(
    p: QPainter, rows: Sequence[RowShapes], *, dx: float, dy: float, selected: int | None
) -> None:
    """Draw the rows' shapes moved by (dx, dy): a handful of `drawRects` calls in all."""
    base: list[QRectF] = []
    light: dict[str, list[QRectF]] = defaultdict(list)
    solid: dict[str, list[QRectF]] = defaultdict(list)
    diamonds: dict[str, list[QRectF]] = defaultdict(list)
    chosen = None
    for row in rows:
        base += row.base
        for groups, into in ((row.light, light), (row.solid, solid), (row.diamonds, diamonds)):
            for key, rects in groups.items():
                into[key] += rects
        if selected is not None and selected in row.anchors:
            chosen = row.anchors[selected]
    p.save()
    p.translate(dx, dy)
    p.setPen(Qt.PenStyle.NoPen)
    _draw(p, BASELINE, base)
    for key, rects in light.items():
        _draw(p, LIGHT[key], rects)
    for key, rects in solid.items():
        _draw(p, STATUS_COLOURS[key], rects)
    p.save()
    p.rotate(45)
    for key, rects in diamonds.items():
        _draw(p, DARK[key], rects)
    p.restore()
    if chosen is not None:
        _outline(p, *chosen)
    p.restore()


def _draw(p: QPainter, colour: QColor, rects: list[QRectF]) -> None:
    if rects:
        p.setBrush(colour)
        p.drawRects(rects)


def _outline(p: QPainter, rect: QRectF | None, x: float, y: float) -> None:
    """The selected bar and its diamond, outlined in black."""
    p.setPen(QPen(QColor("#000000"), 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if rect is not None:
        p.drawRect(rect.adjusted(-1, -1, 1, 1))
    p.save()
    p.translate(x, y)
    p.rotate(45)
    p.drawRect(QRectF(-_HALF - 1, -_HALF - 1, 2 * _HALF + 2, 2 * _HALF + 2))
    p.restore()
