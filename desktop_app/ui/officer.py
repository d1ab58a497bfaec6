"""Settings → Officer (经办人): the name the change history, quarter close, imports and
returns record for this PC's user, kept in the preferences (not the OS login, which is
often "root" or a shared office account).

The status bar shows the name at all times; while it is unset it reads "Officer: not set"
in red and a click asks for it. The window started by `run_gui` asks once on first use
(`ask_once`). The command line reads the same preferences.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QMenu, QToolButton, QWidget

from desktop_app.preferences import Preferences
from desktop_app.ui.context import AppContext

NAME_MAX = 100


def officer_name() -> str:
    """The officer named in the preferences ("" when unset)."""
    return Preferences.load().officer


def set_officer_name(ctx: AppContext, name: str) -> str:
    """Store `name` and record it from now on; returns the name as kept (trimmed, capped)."""
    name = " ".join(name.split())[:NAME_MAX]
    prefs = Preferences.load()
    prefs.officer = name
    prefs.save()
    ctx.db.set_officer(name)
    return name


class OfficerControl(QObject):
    """The menu action and the status-bar button, kept in step."""

    def __init__(self, ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.action = QAction(self.tr("Officer (your name)…"), window)
        self.action.triggered.connect(self.ask)
        menu.addAction(self.action)
        self.button = QToolButton()
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.ask)
        window.statusBar().addPermanentWidget(self.button)
        name = officer_name()
        if name and ctx.db.officer != name:
            ctx.db.set_officer(name)
        self.show_name(name)

    def show_name(self, name: str) -> None:
        if name:
            self.button.setText(self.tr("Officer: {name}").format(name=name))
            self.button.setStyleSheet("")
        else:
            self.button.setText(self.tr("Officer: not set"))
            self.button.setStyleSheet("color: #c62828;")
        self.button.setToolTip(
            self.tr("The name the change history records for your edits (click to change)")
        )

    def ask(self) -> None:
        parent: QWidget = self.window
        name, ok = QInputDialog.getText(
            parent,
            self.tr("Officer"),
            self.tr("Your name, as the change history should record it:"),
            QLineEdit.EchoMode.Normal,
            officer_name(),
        )
        if ok:
            self.set_name(name)

    def ask_once(self) -> None:
        """On first use (the name unset, never asked): ask, once; Settings → Officer after."""
        prefs = Preferences.load()
        if prefs.officer or prefs.officer_asked:
            return
        prefs.officer_asked = True
        prefs.save()
        self.ask()

    def set_name(self, name: str) -> None:
        kept = set_officer_name(self.ctx, name)
        self.show_name(kept)
        self.window.statusBar().showMessage(
            self.tr("Edits are now recorded as made by {name}.").format(name=kept)
            if kept
            else self.tr("No officer name: edits are recorded under the computer's login."),
            8000,
        )


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> OfficerControl:
    return OfficerControl(ctx, window, menu)
