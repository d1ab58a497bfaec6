"""A path field with its Browse… button beside it, as every save/open choice shows it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton


def browse_row(field: QLineEdit, label: str, on_browse: Callable[[], None]) -> QHBoxLayout:
    """`field` stretched, then a `label` ("Browse…", translated by the caller) button."""
    button = QPushButton(label)
    button.clicked.connect(on_browse)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row
