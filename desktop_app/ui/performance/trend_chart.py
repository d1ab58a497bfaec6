"""Past years' totals as a line with grade-coloured points, and the grade bands behind them."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAreaSeries,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from desktop_app.snapshots.performance import YearScore
from desktop_app.ui.performance.formatting import GRADE_COLORS, GRADE_MARKS


class TrendChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(210)  # four bands and their labels readable at 1366×697
        self.set_scores((), None)

    @staticmethod
    def _year_axis(
        scores: tuple[YearScore, ...], projected: tuple[int, float] | None, lo: float, hi: float
    ) -> QCategoryAxis:
        """Each year labelled with its total and grade, so no label sits on a point."""
        axis = QCategoryAxis()
        axis.setStartValue(lo)
        for s in scores:
            axis.append(f"{s.year} · {s.total:.1f} {s.grade}", s.year)
        if projected:
            axis.append(f"{projected[0]} · ≈{projected[1]:.1f}", projected[0])
        axis.setRange(lo, hi)
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        return axis

    def _band_axis(self, bands: tuple[tuple[str, int, int], ...]) -> QCategoryAxis:
        """The score axis labelled by the grade bands ("A ≥90" beside its band), up to 104
        so a point at 100 is drawn whole; short labels, so none is cut to "…"."""
        axis = QCategoryAxis()
        axis.setStartValue(0)
        for letter, y0, y1 in bands:
            text = f"{letter} <{y1}" if y0 == 0 else f"{letter} ≥{y0}"
            axis.append(text, y1 if letter != "A" else 104)
        axis.setRange(0, 104)
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        font = axis.labelsFont()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        axis.setLabelsFont(font)
        self.band_labels = axis.categoriesLabels()
        return axis

    def set_scores(
        self, scores: tuple[YearScore, ...], projected: tuple[int, float] | None
    ) -> None:
        """Closed years' totals; `projected` adds this year's (year, score) as a hollow point."""
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setTitle(self.tr("Total score by year"))
        years = [s.year for s in scores] + ([projected[0]] if projected else [])
        lo = min(years) - 0.5 if years else 2023
        hi = max(years) + 0.5 if years else 2027
        bands = (("D", 0, 60), ("C", 60, 80), ("B", 80, 90), ("A", 90, 100))
        for letter, y0, y1 in bands:
            lower, upper = QLineSeries(), QLineSeries()
            lower.append(lo, y0)
            lower.append(hi, y0)
            upper.append(lo, y1)
            upper.append(hi, y1)
            band = QAreaSeries(upper, lower)
            color = QColor(GRADE_COLORS[letter])
            color.setAlpha(90)
            band.setColor(color)
            band.setBorderColor(Qt.GlobalColor.transparent)
            lower.setParent(band)
            upper.setParent(band)
            chart.addSeries(band)
        line = QLineSeries()
        line.setPen(QPen(QColor("#37474f"), 2))
        for s in scores:
            line.append(s.year, float(s.total))
        chart.addSeries(line)
        for letter in GRADE_COLORS:
            dots = QScatterSeries()
            dots.setMarkerSize(11)
            dots.setColor(QColor(GRADE_MARKS[letter]))
            dots.setBorderColor(QColor("#37474f"))
            for s in scores:
                if s.grade == letter:
                    dots.append(s.year, float(s.total))
            chart.addSeries(dots)
        if projected:
            guess = QScatterSeries()
            guess.setMarkerSize(11)
            guess.setColor(QColor("white"))
            guess.setBorderColor(QColor("#37474f"))
            guess.append(projected[0], projected[1])
            chart.addSeries(guess)
            if scores:
                dashed = QLineSeries()
                pen = QPen(QColor("#37474f"), 1.5, Qt.PenStyle.DashLine)
                dashed.setPen(pen)
                dashed.append(scores[-1].year, float(scores[-1].total))
                dashed.append(projected[0], projected[1])
                chart.addSeries(dashed)
        x_axis = self._year_axis(scores, projected, lo, hi)
        y_axis = self._band_axis(bands)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        self.axis_labels = x_axis.categoriesLabels()
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
