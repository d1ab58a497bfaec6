"""Dialogs that outlive the call that opened them, kept in one place.

A dialog opened with `open()` or `show()` returns at once; without a Python reference
its wrapper may be collected while it is on screen. `show_modeless` keeps that
reference on the parent, under a key, and raises the dialog already open under the
same key instead of opening a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

D = TypeVar("D", bound=QDialog)
_KEPT = "_modeless_dialogs"


def open_dialog(parent: QWidget, key: str) -> QDialog | None:
    """The dialog shown under `key` on `parent`, if it is still open."""
    dialog: QDialog | None = getattr(parent, _KEPT, {}).get(key)
    if dialog is None or not isValid(dialog) or not dialog.isVisible():
        return None
    return dialog


def show_modeless(
    parent: QWidget,
    key: str,
    factory: Callable[[], D],
    *,
    window_modal: bool = True,
    delete_on_close: bool = True,
    then: Callable[[D], object] | None = None,
) -> D:
    """Show `factory()`'s dialog (window-modal with `open()`, or free with `show()`) and
    keep it alive on `parent`; one already open under `key` is raised and returned.
    `then` runs on a new dialog once it is shown (start its work, fill it)."""
    shown = open_dialog(parent, key)
    if shown is not None:
        shown.raise_()
        shown.activateWindow()
        return shown  # type: ignore[return-value]  # the factory under this key made it
    dialog = factory()
    if delete_on_close:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    kept: dict[str, QDialog] = parent.__dict__.setdefault(_KEPT, {})
    kept[key] = dialog
    if window_modal:
        dialog.open()
    else:
        dialog.show()
    if then is not None:
        then(dialog)
    return dialog
