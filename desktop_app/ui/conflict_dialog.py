"""Someone else saved first: show their value and yours, then Reload or Re-apply.

Any form whose service raises `desktop_app.services.conflicts.ConflictError` uses it:

    try:
        saved = service.save_thing(db, thing_id, edit, loaded_version)
    except ConflictError as exc:
        choice = resolve_conflict(self, exc, labels={"title": self.tr("Title"), ...})
        if choice == REAPPLY:
            saved = service.save_thing(db, thing_id, edit, exc.current_version)
        elif choice == RELOAD:
            self.load(thing_id)   # show what is saved now; the officer's edit is dropped

Tests replace `resolve_conflict` (module attribute) so nothing blocks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.conflicts import ConflictError
from desktop_app.ui.widgets.screen_fit import fit_to_screen
from desktop_app.ui.widgets.tables import grid_cell, grid_view

RELOAD = "reload"
REAPPLY = "reapply"
CANCEL = "cancel"
_LONG = 120


def format_value(value: Any) -> str:
    """A value as one cell: dates in ISO form, empty as a dash, long text shortened."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("ConflictDialog", "yes")
        return QCoreApplication.translate("ConflictDialog", "no")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    text = " ".join(str(value).split())
    return text if len(text) <= _LONG else text[: _LONG - 1] + "…"


class ConflictDialog(QDialog):
    """A table of field | saved by someone else | yours, and three ways out."""

    def __init__(
        self,
        conflict: ConflictError,
        labels: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = CANCEL
        self.setWindowTitle(self.tr("Saved by someone else"))
        fit_to_screen(self, 640, 320)
        message = QLabel(str(conflict))
        message.setWordWrap(True)
        self.table = grid_view(
            [self.tr("Field"), self.tr("Saved now (theirs)"), self.tr("Your change")],
            len(conflict.fields),
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, (field, (theirs, yours)) in enumerate(conflict.fields.items()):
            label = (labels or {}).get(field, field)
            for col, text in enumerate((label, format_value(theirs), format_value(yours))):
                self.table.setItem(row, col, grid_cell(text, tip=text))
        hint = QLabel(
            self.tr(
                "Reload shows what is saved now and drops your change. Re-apply saves your "
                "values over theirs."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reapply_button = QPushButton(self.tr("Re-apply my change"))
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.reapply_button.clicked.connect(lambda: self._choose(REAPPLY))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def resolve_conflict(
    parent: QWidget | None, conflict: ConflictError, labels: Mapping[str, str] | None = None
) -> str:
    """Ask the officer: RELOAD, REAPPLY or CANCEL (keep editing, nothing saved)."""
    dialog = ConflictDialog(conflict, labels, parent)
    dialog.exec()
    return dialog.choice
