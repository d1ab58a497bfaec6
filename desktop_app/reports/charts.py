"""The brief's two charts, drawn with reportlab.graphics shapes (no matplotlib).

Hand-placed shapes rather than reportlab's chart widgets: a Gantt-style timeline has no
widget, the stacked-plus-beside funding bars need two series layouts at once, and plain
shapes keep every coordinate (and so every byte of the PDF) deterministic and cheap.
Float coordinates here are geometry only; amounts are formatted from integer fen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from desktop_app.domain.money import FEN_PER_WAN
from desktop_app.i18n import register, t
from desktop_app.snapshots.brief import FundingYearRow, TimelineItem

register(
    {
        "Done": "已完成",
        "In progress": "进行中",
        "Not started": "未开始",
        "Overdue": "逾期",
        "Cancelled": "已取消",
        "As of {d}": "截至 {d}",
        "Start-up grant": "启动建设经费",
        "Fixed support": "固定扶持经费",
        "Performance reward": "绩效奖励",
        "Disbursed": "已拨付",
        "10k yuan": "万元",
        "M{m}": "{m}月",
        "Baseline": "基准",
    }
)

STATE_COLOURS = {
    "done": "#2E8B57",
    "in_progress": "#2E6DA4",
    "not_started": "#8C99A6",
    "overdue": "#C0392B",
    "cancelled": "#C8CDD2",
}
STARTUP, FIXED, REWARD, PAID = "#1F3A5F", "#6C8EBF", "#E3B04B", "#7FB77E"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _state(item: TimelineItem) -> str:
    if item.status in ("done", "cancelled"):
        return item.status
    return "overdue" if item.overdue_days > 0 else item.status


def _fit(label: str, font: str, size: float, width: float) -> str:
    """Cut a label to `width` points with an ellipsis (the full text is in the tables)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(label, font, size) <= width:
        return label
    while label and stringWidth(label + "…", font, size) > width:
        label = label[:-1]
    return label + "…"


def _legend(
    drawing: Any, entries: Sequence[tuple[str, str]], x: float, y: float, font: str
) -> None:
    from reportlab.graphics.shapes import Rect, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for colour, label in entries:
        drawing.add(Rect(x, y, 7, 7, fillColor=_c(colour), strokeColor=None))
        drawing.add(String(x + 10, y + 0.5, label, fontName=font, fontSize=7))
        x += 22 + stringWidth(label, font, 7)


@cache
def _c(hex_colour: str) -> Any:
    from reportlab import rl_config
    from reportlab.lib.colors import HexColor

    # Our shapes are built by code, not users: skip reportlab's per-attribute validation
    # (a third of chart time on a 2,000-project brief).
    rl_config.shapeChecking = 0
    return HexColor(hex_colour)


ROW_H = 15.0
LABEL_W = 175.0


def timeline_chart(
    items: Sequence[TimelineItem], year: int, as_of: date, width: float, font: str
) -> Any:
    """A Gantt-style row per milestone over the months of `year`, with an as-of line."""
    from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    top, bottom = 16.0, 20.0
    height = top + ROW_H * len(items) + bottom
    d = Drawing(width, height)
    x0, x1 = LABEL_W + 6, width - 44  # the right margin holds "→ 2027-03" of a bar cut at Dec
    start_ord, end_ord = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1

    def x_of(day: date) -> float:
        pos = min(max(day.toordinal(), start_ord), end_ord)
        return x0 + (x1 - x0) * (pos - start_ord) / (end_ord - start_ord)

    plot_top = height - top
    grid = _c("#D5DBE1")
    for m in range(1, 13):
        xm = x_of(date(year, m, 1))
        d.add(Line(xm, bottom - 2, xm, plot_top, strokeColor=grid, strokeWidth=0.4))
        label = MONTHS_EN[m - 1] if t("M{m}", m=1) == "M1" else t("M{m}", m=m)
        d.add(
            String(
                xm + 2, plot_top + 4, label, fontName=font, fontSize=6.5, fillColor=_c("#555555")
            )
        )
    d.add(Line(x1, bottom - 2, x1, plot_top, strokeColor=grid, strokeWidth=0.4))
    if date(year, 1, 1) <= as_of <= date(year, 12, 31):
        # drawn first, so bars and their labels lie over the line, never under it
        xa = x_of(as_of)
        d.add(
            Line(
                xa,
                bottom - 2,
                xa,
                plot_top,
                strokeColor=_c("#B22222"),
                strokeWidth=0.8,
                strokeDashArray=[2, 2],
            )
        )
        note = t("As of {d}", d=as_of.isoformat())
        note_w = stringWidth(note, font, 6.5)
        xn = xa + 2 if xa + 2 + note_w <= width else xa - 2 - note_w
        d.add(String(xn, bottom - 10, note, fontName=font, fontSize=6.5, fillColor=_c("#B22222")))
    grey = _c("#555555")
    white = _c("#FFFFFF")
    for i, item in enumerate(items):
        y = plot_top - ROW_H * (i + 1) + 3.5
        state = _state(item)
        colour = _c(STATE_COLOURS.get(state, STATE_COLOURS["not_started"]))
        label = _fit(f"{item.code} {item.title}".strip(), font, 7, LABEL_W)
        d.add(String(0, y + 1.5, label, fontName=font, fontSize=7))
        xe = x_of(item.end)
        later = item.end.year > year  # runs into next year: cut at December, marked →
        earlier = item.start is not None and item.start.year < year
        if item.start is None or item.start >= item.end:
            d.add(
                Polygon(
                    [xe, y - 1, xe + 5, y + 4, xe, y + 9, xe - 5, y + 4],
                    fillColor=colour,
                    strokeColor=None,
                )
            )
        else:
            xs = x_of(item.start)
            d.add(
                Rect(
                    xs,
                    y,
                    max(xe - xs, 1.5),
                    8,
                    fillColor=_c("#EEF1F4"),
                    strokeColor=colour,
                    strokeWidth=0.6,
                )
            )
            done = (xe - xs) * (100 if state == "done" else item.percent) / 100
            if done > 0:
                d.add(Rect(xs, y, done, 8, fillColor=colour, strokeColor=None))
        base = item.baseline_end
        if base is not None and base.year == year:
            # the baseline end: a dark tick, joined to the planned end when it slipped
            xb = x_of(base)
            ink = _c("#222222")
            d.add(Line(xb, y - 2, xb, y + 10, strokeColor=ink, strokeWidth=1.0))
            if abs(xb - xe) > 1:
                d.add(
                    Line(
                        xb,
                        y + 4,
                        xe,
                        y + 4,
                        strokeColor=ink,
                        strokeWidth=0.5,
                        strokeDashArray=[1, 1],
                    )
                )
        if earlier:
            d.add(
                Polygon([x0 - 1, y + 4, x0 + 4, y + 8, x0 + 4, y], fillColor=grey, strokeColor=None)
            )
        pct = f"{item.percent}%"
        pct_w = stringWidth(pct, font, 6.5)
        if later:
            d.add(
                Polygon([x1 + 1, y, x1 + 6, y + 4, x1 + 1, y + 8], fillColor=grey, strokeColor=None)
            )
            tail = item.end.strftime("%Y-%m")
            d.add(String(x1 + 8, y + 1.5, tail, fontName=font, fontSize=6, fillColor=grey))
            xp = x1 - 3 - pct_w  # inside the bar's right end
        else:
            xp = xe + 7
        d.add(Rect(xp - 1, y + 0.5, pct_w + 2, 7.5, fillColor=white, strokeColor=None))
        d.add(String(xp, y + 1.5, pct, fontName=font, fontSize=6.5, fillColor=grey))
    _legend(
        d,
        [
            (STATE_COLOURS[k], t(v))
            for k, v in (
                ("done", "Done"),
                ("in_progress", "In progress"),
                ("not_started", "Not started"),
                ("overdue", "Overdue"),
                ("cancelled", "Cancelled"),
            )
        ]
        + [("#222222", t("Baseline"))],
        0,
        1,
        font,
    )
    return d


def _nice_step(top: float) -> float:
    """A 1/2/2.5/5 × 10ⁿ tick step giving about five ticks up to `top`."""
    if top <= 0:
        return 1.0
    raw = top / 5
    power = 10.0 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= raw)


def _wan(fen: int) -> float:
    return fen / FEN_PER_WAN


def funding_chart(
    rows: Sequence[FundingYearRow],
    current_year: int,
    width: float,
    font: str,
    height: float = 150.0,
) -> Any:
    """Per year: planned start-up / fixed / reward stacked, and the disbursed bar beside."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String

    d = Drawing(width, height)
    left, right, bottom, top = 42.0, 6.0, 16.0, 20.0
    plot_w, plot_h = width - left - right, height - bottom - top
    peak = max(
        [_wan(r.startup_fen + r.fixed_fen + r.reward_fen) for r in rows]
        + [_wan(r.disbursed_fen) for r in rows]
        + [0.0]
    )
    step = _nice_step(peak)
    ticks = max(1, int(peak / step) + (0 if peak % step == 0 and peak > 0 else 1))
    scale = plot_h / (step * ticks)
    axis = _c("#555555")
    for k in range(ticks + 1):
        y = bottom + k * step * scale
        d.add(
            Line(
                left, y, left + plot_w, y, strokeColor=_c("#D5DBE1") if k else axis, strokeWidth=0.4
            )
        )
        value = Decimal(str(step * k)).normalize()
        d.add(
            String(
                left - 3,
                y - 2.5,
                f"{value:,f}",
                fontName=font,
                fontSize=6.5,
                textAnchor="end",
                fillColor=axis,
            )
        )
    d.add(String(0, height - 8, t("10k yuan"), fontName=font, fontSize=6.5, fillColor=axis))
    slot = plot_w / max(len(rows), 1)
    bar = min(slot * 0.32, 26.0)
    for i, r in enumerate(rows):
        cx = left + slot * (i + 0.5)
        y = bottom
        for fen, colour in ((r.startup_fen, STARTUP), (r.fixed_fen, FIXED), (r.reward_fen, REWARD)):
            h = _wan(fen) * scale
            if h > 0:
                d.add(Rect(cx - bar - 1, y, bar, h, fillColor=_c(colour), strokeColor=None))
                y += h
        if r.disbursed_fen:
            d.add(
                Rect(
                    cx + 1,
                    bottom,
                    bar,
                    _wan(r.disbursed_fen) * scale,
                    fillColor=_c(PAID),
                    strokeColor=None,
                )
            )
        colour = "#B22222" if r.year == current_year else "#333333"
        d.add(
            String(
                cx,
                bottom - 10,
                str(r.year),
                fontName=font,
                fontSize=7,
                textAnchor="middle",
                fillColor=_c(colour),
            )
        )
    _legend(
        d,
        [
            (STARTUP, t("Start-up grant")),
            (FIXED, t("Fixed support")),
            (REWARD, t("Performance reward")),
            (PAID, t("Disbursed")),
        ],
        left,
        height - 9,
        font,
    )
    return d
