"""The final report's small chart per district indicator: yearly values and the target.

Plain reportlab.graphics shapes, as in `reports.charts`, so every coordinate (and every
byte of the PDF) follows from the data. A cumulative indicator is drawn as bars of its
running total, so its target (the period's sum) is a line like every other indicator's.
Axis ticks are "nice" numbers (1, 2, 2.5 or 5 times a power of ten), never 12.58.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from desktop_app.domain.district import KIND_CUMULATIVE
from desktop_app.i18n import register, t

register(
    {
        "Target {v}": "目标 {v}",
        "No yearly values recorded.": "尚无年度数值。",
        "Target {v} (period total)": "目标 {v}(期内累计)",
    }
)


def nice_ticks(lo: float, hi: float, most: int = 4) -> list[float]:
    """Round tick values covering lo..hi: a step of 1, 2, 2.5 or 5 × 10^k, at most `most`
    intervals (e.g. 12.58..18.65 → 12, 14, 16, 18, 20)."""
    import math

    span = hi - lo if hi > lo else abs(hi) or 1.0
    raw = span / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(lo / step) * step
    ticks = [start]
    while ticks[-1] < hi - 1e-9:
        ticks.append(start + step * len(ticks))
    return [round(v, 10) for v in ticks]


def _title_lines(title: str, width: float, font: str) -> list[tuple[str, float]]:
    """The title on one line, else two (broken between words), shrinking the type a
    little before it would be cut; cut with … only when nothing else fits."""
    from desktop_app.reports.charts import _fit
    from desktop_app.reports.fit import lines_for

    for size in (7.5, 7.0, 6.5):
        lines = lines_for(title, width, font, size)
        if lines is not None and len(lines) <= 2:
            return [(line, size) for line in lines]
    return [(_fit(title, font, 6.5, width), 6.5)]


def _tick(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.10g}"


LINE, TARGET, AXIS, GRIDLINE = "#1F3A5F", "#B22222", "#555555", "#D5DBE1"


def _colour(hex_colour: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_colour)


def _num(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def indicator_chart(
    title: str,
    values: Sequence[tuple[int, Decimal]],
    target: Decimal | None,
    kind: str,
    width: float,
    font: str,
    height: float = 112.0,
) -> Any:
    """One indicator: its yearly values (line, or bars when cumulative) and target."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String

    d = Drawing(width, height)
    heads = _title_lines(title, width - 4, font)
    for i, (line, size) in enumerate(heads):  # whole, on up to two lines: never cut short
        d.add(String(2, height - 10 - 9 * i, line, fontName=font, fontSize=size))
    if not values:
        d.add(
            String(
                width / 2,
                height / 2,
                t("No yearly values recorded."),
                fontName=font,
                fontSize=7,
                textAnchor="middle",
                fillColor=_colour(AXIS),
            )
        )
        return d
    left, right, bottom, top = 30.0, 6.0, 14.0, 24.0 + 9.0 * (len(heads) - 1)
    plot_w, plot_h = width - left - right, height - bottom - top
    if kind == KIND_CUMULATIVE:  # running total: comparable with the period's target
        total = Decimal(0)
        running = []
        for year, value in values:
            total += value
            running.append((year, total))
        values = running
    nums = [float(v) for _y, v in values]
    show_target = target is not None
    if show_target and target is not None:
        nums.append(float(target))
    lo = (
        0.0
        if kind == KIND_CUMULATIVE or min(nums) >= 0 and min(nums) < max(nums) * 0.3
        else min(nums)
    )
    hi = max(nums)
    if hi == lo:
        hi = lo + 1.0
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]

    def y_of(v: float) -> float:
        return bottom + (v - lo) / (hi - lo) * plot_h

    axis = _colour(AXIS)
    for i, v in enumerate(ticks):
        y = y_of(v)
        d.add(
            Line(
                left,
                y,
                left + plot_w,
                y,
                strokeColor=_colour(GRIDLINE) if i else axis,
                strokeWidth=0.4,
            )
        )
        d.add(
            String(
                left - 2,
                y - 2.3,
                _tick(v),
                fontName=font,
                fontSize=6,
                textAnchor="end",
                fillColor=axis,
            )
        )
    slot = plot_w / len(values)
    points: list[float] = []
    for i, (year, value) in enumerate(values):
        cx = left + slot * (i + 0.5)
        if kind == KIND_CUMULATIVE:
            bar = min(slot * 0.5, 18.0)
            d.add(
                Rect(
                    cx - bar / 2,
                    y_of(lo),
                    bar,
                    y_of(float(value)) - y_of(lo),
                    fillColor=_colour("#6C8EBF"),
                    strokeColor=None,
                )
            )
        else:
            points += [cx, y_of(float(value))]
        d.add(
            String(
                cx,
                bottom - 9,
                str(year),
                fontName=font,
                fontSize=6,
                textAnchor="middle",
                fillColor=axis,
            )
        )
    if points:
        d.add(PolyLine(points, strokeColor=_colour(LINE), strokeWidth=1.2))
        for i in range(0, len(points), 2):
            d.add(Circle(points[i], points[i + 1], 1.8, fillColor=_colour(LINE), strokeColor=None))
    if show_target and target is not None:
        y = y_of(float(target))
        d.add(
            Line(
                left,
                y,
                left + plot_w,
                y,
                strokeColor=_colour(TARGET),
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
        d.add(
            String(
                left + plot_w,
                height - top + 5,
                t(
                    "Target {v} (period total)" if kind == KIND_CUMULATIVE else "Target {v}",
                    v=_num(target),
                ),
                fontName=font,
                fontSize=6.5,
                textAnchor="end",
                fillColor=_colour(TARGET),
            )
        )
    return d
