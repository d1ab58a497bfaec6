"""File → Quarterly returns: Make…, Collect…, Status…"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMenu

from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.modeless import show_modeless


def _start(dialog: QDialog) -> None:
    dialog.start()  # type: ignore[attr-defined]


def _refresh(dialog: QDialog) -> None:
    dialog.refresh()  # type: ignore[attr-defined]


def open_make(ctx: AppContext, window: QMainWindow) -> QDialog:
    from desktop_app.ui.returns_make import MakeReturnsDialog

    return show_modeless(window, "returns", lambda: MakeReturnsDialog(ctx, window))


def open_collect(ctx: AppContext, window: QMainWindow, folder: Path) -> QDialog:
    from desktop_app.ui.returns_collect import CollectReturnsDialog

    return show_modeless(
        window, "returns", lambda: CollectReturnsDialog(ctx, folder, window), then=_start
    )


def open_status(ctx: AppContext, window: QMainWindow) -> QDialog:
    from desktop_app.ui.returns_status import ReturnStatusDialog

    return show_modeless(window, "returns", lambda: ReturnStatusDialog(ctx, window), then=_refresh)


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    sub = menu.addMenu(QCoreApplication.translate("ReturnsActions", "&Quarterly returns"))
    make = QAction(QCoreApplication.translate("ReturnsActions", "&Make…"), window)
    collect = QAction(QCoreApplication.translate("ReturnsActions", "&Collect…"), window)
    status = QAction(QCoreApplication.translate("ReturnsActions", "&Status…"), window)
    collect.setEnabled(not ctx.readonly)

    def do_collect() -> None:
        chosen = QFileDialog.getExistingDirectory(
            window,
            QCoreApplication.translate("ReturnsActions", "Folder with the returned workbooks"),
            str(Path.home()),
        )
        if chosen:
            open_collect(ctx, window, Path(chosen))

    make.triggered.connect(lambda: open_make(ctx, window))
    collect.triggered.connect(do_collect)
    status.triggered.connect(lambda: open_status(ctx, window))
    for action in (make, collect, status):
        sub.addAction(action)
