"""Dialogs sized to the screen they open on.

An officer's 1366×768 laptop at 125 % scaling offers 1093×614 logical pixels, less the
taskbar: a dialog asked for 760 px would put its buttons off the screen. `fit_to_screen`
takes the wished size and gives at most the screen's usable area less the window frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room for the window frame and title bar (Windows 10/11 at 150 %: ≈ 8 + 31 px).
FRAME_W = 16
FRAME_H = 48


def available_area(widget: QWidget) -> QRect:
    """The usable area (without taskbar) of the screen the widget or its parent is on."""
    owner = widget.parentWidget() or widget
    screen = owner.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to `width`×`height`, or less so that the frame fits the usable area."""
    area = available_area(widget)
    widget.resize(
        max(200, min(width, area.width() - FRAME_W)),
        max(150, min(height, area.height() - FRAME_H)),
    )
