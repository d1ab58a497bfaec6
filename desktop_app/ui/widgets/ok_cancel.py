"""The OK/Cancel row every dialog of the window ends with."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def ok_cancel(
    dialog: QDialog, on_ok: Callable[[], object], ok_text: str | None = None
) -> QDialogButtonBox:
    """OK runs `on_ok` (it may keep the dialog open), Cancel rejects; `ok_text` names
    what OK does ("Close quarter", "Make workbooks")."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text is not None:
        ok_button(buttons).setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ok_button(buttons: QDialogButtonBox) -> QPushButton:
    return buttons.button(QDialogButtonBox.StandardButton.Ok)
