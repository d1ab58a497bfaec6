"""What the Gantt's colours mean, shown beside every Gantt (one row of swatches)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop_app.ui.widgets.timeline_paint import BASELINE, LIGHT, STATUS_COLOURS


def _entries() -> list[tuple[str, str]]:
    return [
        (STATUS_COLOURS["done"].name(), QCoreApplication.translate("TimelineLegend", "done")),
        (
            STATUS_COLOURS["in_progress"].name(),
            QCoreApplication.translate("TimelineLegend", "in progress (done part)"),
        ),
        (LIGHT["in_progress"].name(), QCoreApplication.translate("TimelineLegend", "still to do")),
        (
            STATUS_COLOURS["not_started"].name(),
            QCoreApplication.translate("TimelineLegend", "not started"),
        ),
        (STATUS_COLOURS["overdue"].name(), QCoreApplication.translate("TimelineLegend", "overdue")),
        (BASELINE.name(), QCoreApplication.translate("TimelineLegend", "baseline (thin bar)")),
        ("#d81b60", QCoreApplication.translate("TimelineLegend", "today")),
    ]


class TimelineLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for colour, text in _entries():
            swatch = QLabel()
            swatch.setFixedSize(14, 10)
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid #78909c;")
            layout.addWidget(swatch)
            label = QLabel(text)
            label.setStyleSheet("color: #455a64;")
            layout.addWidget(label)
            layout.addSpacing(8)
        diamond = QLabel("◆ " + QCoreApplication.translate("TimelineLegend", "planned finish"))
        diamond.setStyleSheet("color: #455a64;")
        layout.addWidget(diamond)
        layout.addStretch(1)
