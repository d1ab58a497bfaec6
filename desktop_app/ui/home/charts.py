"""Home's two pictures: health as a ring and the grade mix as bars (QtCharts, loaded late).

Imported only once the Home figures have arrived, so QtCharts costs nothing at first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from desktop_app.snapshots.home import GRADES, HEALTH_LEVELS, HomeSnapshot
from desktop_app.ui.performance.formatting import GRADE_MARKS, grade_label
from desktop_app.ui.widgets.health_marker import HEALTH_COLOURS, health_label


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # one entry a line: never cut
    chart.setBackgroundRoundness(0)
    return chart


class HealthRing(QChartView):
    """Red / amber / green shares of the portfolio; a click on a slice shows its projects."""

    def __init__(self, on_click: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(300, 200)
        self._on_click = on_click
        self.shown: tuple[int, ...] | None = None

    def set_snapshot(self, snap: HomeSnapshot) -> None:
        """Draw the shares; the same counts again (a save that moved no project between
        levels) keep the chart as it is: a new chart costs a layout and a full repaint."""
        counts = tuple(len(snap.health[level]) for level in HEALTH_LEVELS)
        if counts == self.shown:
            return
        self.shown = counts
        chart = _chart(self.tr("Health of the projects"))
        series = QPieSeries()
        series.setHoleSize(0.45)
        for level in HEALTH_LEVELS:
            count = len(snap.health[level])
            part = series.append(f"{health_label(level)} {count}", count)
            part.setColor(HEALTH_COLOURS[level])
            part.clicked.connect(lambda lv=level: self._on_click(lv))
        chart.addSeries(series)
        self.setChart(chart)


class GradeBars(QChartView):
    """How many projects got each grade in the last evaluated year."""

    def __init__(self, on_click: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 200)
        self._on_click = on_click
        self.shown: tuple[int | None, tuple[int, ...]] | None = None

    def set_snapshot(self, snap: HomeSnapshot) -> None:
        """Draw the bars; the same year and counts again keep the chart as it is."""
        year = snap.grade_year
        key = (year, tuple(len(snap.grades[g]) for g in GRADES))
        if key == self.shown:
            return
        self.shown = key
        title = (
            self.tr("Grades of {year}").format(year=year)
            if year is not None
            else self.tr("No year evaluated yet")
        )
        chart = _chart(title)
        series = QBarSeries()
        counts = [len(snap.grades[g]) for g in GRADES]
        for grade, count in zip(GRADES, counts, strict=True):
            bar = QBarSet(grade_label(grade))
            bar.setColor(QColor(GRADE_MARKS[grade]))
            bar.append([float(count)])
            bar.clicked.connect(lambda _i, g=grade: self._on_click(g))
            series.append(bar)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([str(year) if year is not None else ""])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([*counts, 1]) + 1
        axis_y.setRange(0, top)
        axis_y.setLabelFormat("%d")
        if top <= 10:
            axis_y.setTickCount(top + 1)  # whole projects: a tick per project
        else:
            axis_y.applyNiceNumbers()
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self.setChart(chart)
