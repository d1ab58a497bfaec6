"""Message boxes in one place, so tests can replace them and nothing blocks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.critical(parent, title or QCoreApplication.translate("QMessageBox", "Error"), text)


def show_warning(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or QCoreApplication.translate("QMessageBox", "Warning"), text)


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(
        parent, title or QCoreApplication.translate("QMessageBox", "Information"), text
    )


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(
        parent,
        title or QCoreApplication.translate("QMessageBox", "Confirm"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def save_discard_cancel(parent: QWidget | None, text: str) -> str:
    """'save', 'discard' or 'cancel' for an unsaved-changes prompt."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("QMessageBox", "Unsaved changes"),
        text,
        buttons,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"
