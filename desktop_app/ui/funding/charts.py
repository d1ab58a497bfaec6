"""QtCharts of the money: a project's plan beside its payments, and the portfolio's shares."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QPercentBarSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from desktop_app.domain.money import FEN_PER_WAN
from desktop_app.snapshots.funding import PortfolioFundingRow, ScheduleRow
from desktop_app.ui.funding.formatting import COLORS, kind_label, percent


def _wan(fen: int | None) -> float:
    """For drawing only: bar heights need floats, amounts in tables stay exact."""
    return (fen or 0) / FEN_PER_WAN


def _bar_set(label: str, color: str, values: Sequence[float]) -> QBarSet:
    bar = QBarSet(label)
    bar.setColor(QColor(color))
    bar.setBorderColor(QColor(color).darker(130))
    bar.append(list(values))
    return bar


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class PlanChart(QChartView):
    """Per year two bars: the plan stacked (start-up / fixed / reward) and what was paid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setMinimumWidth(320)
        self.set_rows(())

    def set_rows(self, rows: Sequence[ScheduleRow]) -> None:
        """One category per year (labels that fit); the plan stacked, what was paid a line."""
        chart = _new_chart(self.tr("Planned (stacked) and disbursed per year, 10k yuan"))
        categories = [str(r.year) for r in rows]
        startup = [_wan(r.startup_fen) for r in rows]
        fixed = [_wan(r.fixed_fen) for r in rows]
        reward = [
            _wan(r.earned_reward_fen if r.earned_reward_fen is not None else r.reward_cap_fen)
            for r in rows
        ]
        paid = [_wan(r.disbursed_fen) for r in rows]
        series = QStackedBarSeries()
        series.setBarWidth(0.6)
        series.append(_bar_set(kind_label("startup"), COLORS["startup"], startup))
        series.append(_bar_set(kind_label("fixed"), COLORS["fixed"], fixed))
        series.append(_bar_set(self.tr("Reward (earned, or cap)"), COLORS["reward"], reward))
        chart.addSeries(series)
        paid_line = QLineSeries()
        paid_line.setName(self.tr("Disbursed"))
        paid_line.setPen(QPen(QColor(COLORS["disbursed"]), 3))
        paid_line.setPointsVisible(True)
        for i, value in enumerate(paid):
            paid_line.append(i, value)
        chart.addSeries(paid_line)
        x_axis = QBarCategoryAxis()
        x_axis.append(categories or [""])
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        y_axis = QValueAxis()
        top = max([s + f + w for s, f, w in zip(startup, fixed, reward, strict=True)] + paid + [1])
        y_axis.setRange(0, top * 1.1)
        y_axis.setLabelFormat("%.0f")
        y_axis.applyNiceNumbers()
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in (series, paid_line):
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)
        self.setChart(chart)


class ShareChart(QChartView):
    """The policy's headline: how much of each year's money depends on performance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.set_rows(())

    def set_rows(self, rows: Sequence[PortfolioFundingRow]) -> None:
        chart = _new_chart(self.tr("Share of performance-based money, year by year"))
        series = QPercentBarSeries()
        series.setBarWidth(0.6)
        series.append(
            _bar_set(
                kind_label("startup"),
                COLORS["startup"],
                [_wan(r.planned_startup_fen) for r in rows],
            )
        )
        series.append(
            _bar_set(
                kind_label("fixed"), COLORS["fixed"], [_wan(r.planned_fixed_fen) for r in rows]
            )
        )
        series.append(
            _bar_set(
                self.tr("Reward caps"), COLORS["reward"], [_wan(r.reward_cap_fen) for r in rows]
            )
        )
        chart.addSeries(series)
        paid_line = QLineSeries()
        paid_line.setName(self.tr("Rewards in money paid"))
        paid_line.setPen(QPen(QColor(COLORS["disbursed"]), 3))
        dots = QScatterSeries()
        dots.setMarkerSize(9)
        dots.setColor(QColor(COLORS["disbursed"]))
        for i, r in enumerate(rows):
            if r.disbursed_share is not None:
                paid_line.append(i, float(r.disbursed_share * 100))
                dots.append(i, float(r.disbursed_share * 100))
        chart.addSeries(paid_line)
        chart.addSeries(dots)
        x_axis = QBarCategoryAxis()
        reward_word = self.tr("reward")
        x_axis.append([f"{r.year} {reward_word} {percent(r.planned_share)}" for r in rows] or [""])
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        y_axis = QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setLabelFormat("%d%%")
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in (series, paid_line, dots):
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)
        chart.legend().markers(dots)[0].setVisible(False)
        self.setChart(chart)
