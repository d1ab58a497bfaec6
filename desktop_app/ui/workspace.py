"""The officer's workspace remembered between sessions: window size, splitters, column
widths, the last page, project and project tab (QSettings, an INI file in the config folder).

Widgets opt in with `remember(widget, key)`; the main window saves every remembered widget
it holds when it closes, and each widget restores itself when it is built (lazy pages too).
The first run sizes the window to the screen's available area, never taller than it.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QTableView, QWidget

from desktop_app.paths import config_dir

FILE_NAME = "workspace.ini"
KEY_PROPERTY = "workspaceKey"
LIST_SHARE_PROPERTY = "workspaceListShareKey"
"""A splitter whose first pane's share of the width is kept (the portfolio's list)."""
#: The size the window asks for when the screen allows it.
PREFERRED = (1440, 860)
#: Room left for the window frame and title bar below the available geometry.
FRAME_ALLOWANCE = 32


def settings() -> QSettings:
    """A fresh handle on the workspace file (cheap; QSettings caches and syncs on its own)."""
    return QSettings(str(config_dir() / FILE_NAME), QSettings.Format.IniFormat)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def _widths(value: object) -> list[int]:
    if not isinstance(value, list | tuple):
        return []
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []


def remember(widget: QSplitter | QTableView, key: str) -> None:
    """Restore `widget`'s splitter sizes or column widths now (and on each model reset)."""
    widget.setProperty(KEY_PROPERTY, key)
    if isinstance(widget, QSplitter):
        state = _bytes(settings().value(f"splitters/{key}"))
        if state is not None:
            widget.restoreState(state)
        return
    widths = _widths(settings().value(f"columns/{key}"))
    if widths:
        widget.setProperty("workspaceWidths", widths)
        _apply_widths(widget)
        model = widget.model()
        if model is not None:
            model.modelReset.connect(lambda w=widget: _apply_widths(w))


def _apply_widths(view: QTableView) -> None:
    widths = view.property("workspaceWidths") or []
    header: QHeaderView = view.horizontalHeader()
    if len(widths) != header.count():
        return  # columns changed since: keep the defaults
    for col, width in enumerate(widths):
        if width > 0 and col != header.count() - 1:
            header.resizeSection(col, width)


def save_remembered(root: QWidget) -> None:
    """Store the sizes of every remembered splitter and table under `root`."""
    store = settings()
    for splitter in root.findChildren(QSplitter):
        key = splitter.property(KEY_PROPERTY)
        if key:
            store.setValue(f"splitters/{key}", splitter.saveState())
        share_key = splitter.property(LIST_SHARE_PROPERTY)
        first, sizes = splitter.widget(0), splitter.sizes()
        if share_key and first is not None and not first.isHidden() and sizes[0] > 0:
            store.setValue(share_key, f"{sizes[0] / sum(sizes):.4f}")
    for view in root.findChildren(QTableView):
        key = view.property(KEY_PROPERTY)
        if key:
            header = view.horizontalHeader()
            widths = [header.sectionSize(c) for c in range(header.count())]
            store.setValue(f"columns/{key}", widths)
            view.setProperty("workspaceWidths", widths)
    store.sync()


def fit_to_screen(window: QWidget) -> None:
    """First run: as large as preferred, but inside the screen's available area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*PREFERRED)
        return
    area = screen.availableGeometry()
    width = min(PREFERRED[0], area.width())
    height = min(PREFERRED[1], area.height() - FRAME_ALLOWANCE)
    window.resize(width, height)
    window.move(
        area.left() + (area.width() - width) // 2,
        area.top() + max(0, (area.height() - FRAME_ALLOWANCE - height) // 2),
    )


def restore_window(window: QMainWindow) -> dict[str, int]:
    """Geometry now; the last page, project and project tab are returned for the caller.

    A geometry saved on a bigger screen is shrunk back inside this one.
    """
    store = settings()
    geometry = _bytes(store.value("window/geometry"))
    if geometry is None or not window.restoreGeometry(geometry):
        fit_to_screen(window)
    else:
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            if window.height() > area.height() - FRAME_ALLOWANCE or window.width() > area.width():
                fit_to_screen(window)
    out: dict[str, int] = {}
    for name in ("page", "project", "project_tab"):
        value = store.value(f"window/{name}")
        try:
            if value is not None and str(value) != "":
                out[name] = int(str(value))
        except ValueError:
            pass
    return out


def save_window(window: QMainWindow, page: int, project: int | None, project_tab: int) -> None:
    store = settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/page", page)
    store.setValue("window/project", "" if project is None else project)
    store.setValue("window/project_tab", project_tab)
    store.sync()
    save_remembered(window)
