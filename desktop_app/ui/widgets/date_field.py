"""A date an officer can type (`2026/3/31`, `2026年3月31日`) or pick; empty is allowed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop_app.domain.parsing import ParseError, parse_date

INVALID_STYLE = "border: 1px solid #c62828; background: #fdecea;"


class DateField(QWidget):
    sig_changed = Signal()
    """The text changed (typed or picked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        # A format, not a date: an empty field must not look filled in.
        self.edit.setPlaceholderText(self.tr("yyyy-mm-dd"))
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Pick a date"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.edit.textChanged.connect(self.sig_changed)
        self.setFocusProxy(self.edit)

    def _picked(self, qdate: QDate) -> None:
        self.set_value(date(qdate.year(), qdate.month(), qdate.day()))
        self.button.menu().hide()

    def value(self) -> date | None:
        """The date, None when empty; raises ParseError for text that is not a date."""
        text = self.edit.text().strip()
        return parse_date(text) if text else None

    def is_valid(self) -> bool:
        try:
            self.value()
        except ParseError:
            return False
        return True

    def set_value(self, value: date | None) -> None:
        self.edit.setText(value.isoformat() if value else "")
        if value:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def set_error(self, text: str | None) -> None:
        """Mark the field (red) with the reason as tooltip; None clears it."""
        self.edit.setStyleSheet(INVALID_STYLE if text else "")
        self.edit.setToolTip(text or "")
        self.edit.setProperty("invalid", bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4:
            self.button.showMenu()
            return
        super().keyPressEvent(event)
