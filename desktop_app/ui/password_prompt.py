"""Asking for a database server's password when PGPASSWORD and ~/.pgpass did not give one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit


def ask_password_in_window(server: str) -> str:
    """The typed password (never shown, never stored); "" when the officer cancels."""
    text, ok = QInputDialog.getText(
        None,
        QCoreApplication.translate("PasswordPrompt", "Database password"),
        QCoreApplication.translate("PasswordPrompt", "Password for {server}:").format(
            server=server
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else ""
