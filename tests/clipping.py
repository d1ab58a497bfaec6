"""Finding clipped or elided text on screen: labels, buttons and table headers whose text is
wider than the room they have (used by the layout tests and by hand at other sizes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTableView, QWidget

HEADER_PADDING = 4
"""Room a header section needs beyond its text (margins; the sort arrow has its own room)."""


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and not widget.visibleRegion().isEmpty()


def clipped(root: QWidget) -> list[str]:
    """One line per piece of text that does not fit where it is shown."""
    problems: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not _shown(label) or not text or label.wordWrap() or "<" in text or label.pixmap():
            continue
        need = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        room = label.contentsRect().width() - 2 * label.margin() - label.indent() * 0
        if need > room + 1:
            problems.append(f"label {text!r}: {need} > {room}")
    for button in root.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        if not _shown(button) or not text or type(button).__name__ == "QTabBar":
            continue
        need = button.fontMetrics().horizontalAdvance(text) + 8
        if need > button.width() and button.sizeHint().width() > button.width():
            problems.append(f"button {text!r}: {need} > {button.width()}")
    for view in root.findChildren(QTableView):
        if not _shown(view):
            continue
        model, header = view.model(), view.horizontalHeader()
        if model is None or header.isHidden():
            continue
        fm = header.fontMetrics()
        visible_right = view.viewport().width()
        for col in range(header.count()):
            if header.isSectionHidden(col):
                continue
            text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            if not text:
                continue
            left = header.sectionViewportPosition(col)
            if left >= visible_right:
                continue  # scrolled out of view, not cut
            room = header.sectionSize(col)
            need = max(fm.horizontalAdvance(line) for line in text.split("\n")) + HEADER_PADDING
            if need > room:
                problems.append(f"header {text!r}: {need} > {room}")
    for combo in root.findChildren(QComboBox):
        if not _shown(combo) or combo.isEditable():
            continue
        text = combo.currentText()
        need = combo.fontMetrics().horizontalAdvance(text) + 30
        if text and need > combo.width():
            problems.append(f"combo {text!r}: {need} > {combo.width()}")
    return problems


def ui_texts(root: QWidget) -> list[str]:
    """The interface's own words on screen: labels, buttons, headers (not the data in cells)."""
    out = [w.text() for w in root.findChildren(QLabel) if _shown(w)]
    out += [b.text() for b in root.findChildren(QAbstractButton) if _shown(b)]
    for view in root.findChildren(QTableView):
        model = view.model()
        if _shown(view) and model is not None:
            out += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
    return out
