"""Red / amber / green as a coloured dot with its reasons: one look for table and tab."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.health import Health

HEALTH_COLOURS = {
    "red": QColor("#d32f2f"),
    "amber": QColor("#f9a825"),
    "green": QColor("#388e3c"),
    "none": QColor("#9e9e9e"),
}


def health_label(level: str) -> str:
    names = {
        "red": QCoreApplication.translate("Health", "Red"),
        "amber": QCoreApplication.translate("Health", "Amber"),
        "green": QCoreApplication.translate("Health", "Green"),
        "none": QCoreApplication.translate("Health", "No data"),
    }
    return names.get(level, level)


class HealthMarker(QWidget):
    """The project's health: dot, level and every reason (one per line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel()
        self.dot.setFixedSize(14, 14)
        self.level = QLabel()
        self.level.setStyleSheet("font-weight: bold;")
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.dot)
        head.addWidget(self.level)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.reasons)
        self.set_health(None)

    def set_health(self, health: Health | None) -> None:
        if health is None:
            self.dot.setStyleSheet("")
            self.level.clear()
            self.reasons.clear()
            return
        colour = HEALTH_COLOURS[health.level].name()
        self.dot.setStyleSheet(f"background: {colour}; border-radius: 7px;")
        self.level.setText(self.tr("Health: {level}").format(level=health_label(health.level)))
        self.reasons.setText("\n".join(f"• {r.text}" for r in health.reasons))
        self.setToolTip(health.tooltip)

    def set_warnings(self, warnings: list[str]) -> None:
        """Policy warnings (services.warnings) under the health reasons, marked ▲."""
        # health lists its policy warnings among its reasons: show each once, as a warning
        lines = [
            line
            for line in self.reasons.text().split("\n")
            if line.startswith("• ") and line[2:] not in warnings
        ]
        lines += [self.tr("▲ Warning: {reason}").format(reason=w) for w in warnings]
        self.reasons.setText("\n".join(lines))
