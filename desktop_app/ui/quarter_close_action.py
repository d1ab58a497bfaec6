"""File → Close quarter…: freeze a finished quarter (季度关账) from the window.

The dialog picks the quarter and the officer's name; `reports.quarter_close.close_quarter`
does the work (checks, figures, PDF, SHA-256, audit) off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.preferences import Preferences
from desktop_app.ui import dialogs
from desktop_app.ui.brief_action import recent_quarters
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.modeless import show_modeless
from desktop_app.ui.widgets.ok_cancel import ok_cancel

if TYPE_CHECKING:
    from desktop_app.snapshots.brief import ClosedQuarter


class CloseQuarterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Close quarter"))
        self.quarter = QComboBox(editable=True)
        self.quarter.addItems(recent_quarters()[1:])  # the running quarter cannot be closed
        self.officer = QLineEdit()
        self.officer.setPlaceholderText(self.tr("Your name (recorded as who closed it)"))
        self.officer.setText(Preferences.load().officer)  # Settings → Officer
        explain = QLabel(
            self.tr(
                "Closing freezes the quarter's figures and stores its brief (PDF and SHA-256). "
                "Its brief is then always reprinted as closed; later edits that touch it are "
                "listed as corrections in the next brief."
            )
        )
        explain.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C0392B")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("Officer"), self.officer)
        self.buttons = ok_cancel(self, self.start, self.tr("Close quarter"))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def start(self) -> None:
        from desktop_app.reports.quarter_close import close_quarter

        quarter = self.quarter.currentText().strip().upper()
        officer, db, lang = self.officer.text(), self.ctx.db, self.ctx.lang
        self.buttons.setEnabled(False)
        self.error.clear()
        # A write still running (an import, a collect) lands before the figures freeze;
        # the close itself is a write of the window's registry, so a restore waits for it.
        self.ctx.jobs.wait_for_writes()
        self.ctx.jobs.start(
            lambda: close_quarter(db, quarter, officer, lang),
            self._done,
            self._failed,
            owner=self,
            name="close quarter",
        )

    def _done(self, closed: ClosedQuarter) -> None:
        self.buttons.setEnabled(True)
        self.ctx.bus.sig_status.emit(
            self.tr("{q} closed; SHA-256 {sha}").format(q=closed.quarter, sha=closed.sha256)
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, UserError):
            self.error.setText(str(exc))
        else:
            dialogs.show_error(self, self.tr("The quarter could not be closed: {e}").format(e=exc))


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    action = QAction(QCoreApplication.translate("CloseQuarterDialog", "Close &quarter…"), window)

    def open_dialog() -> None:
        show_modeless(
            window, "close_quarter", lambda: CloseQuarterDialog(ctx, window), delete_on_close=False
        )

    action.triggered.connect(open_dialog)
    action.setEnabled(not ctx.readonly)
    menu.addAction(action)
