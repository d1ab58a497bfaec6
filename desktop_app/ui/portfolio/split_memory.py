"""The list/project split, kept as the list's share of the width (not QSplitter's state).

A splitter's saved state was overridden on restart: it is restored before the project view
exists, and the view (built after the first paint) came in with its own minimum and took
what it wanted (339/993 became 627/703). Here the width is applied once the splitter is
on screen with both panes in it, and stored whenever the officer drags the handle. A share,
not pixels, so a narrower window keeps the same proportions. With nothing stored, the list
starts at a third of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QSplitter

from desktop_app.ui import workspace

DEFAULT_SHARE = 1 / 3
"""The list's default share of the width."""


def stored_share(key: str) -> float | None:
    value = workspace.settings().value(key)
    try:
        share = float(str(value)) if value not in (None, "") else None
    except ValueError:
        return None
    return share if share is not None and 0.05 <= share <= 0.8 else None


def share_of(splitter: QSplitter) -> float | None:
    """The list's share now (None while it is hidden: then it has none)."""
    first, sizes = splitter.widget(0), splitter.sizes()
    if first is None or first.isHidden() or sizes[0] <= 0 or sum(sizes) <= 0:
        return None
    return sizes[0] / sum(sizes)


def apply(splitter: QSplitter, key: str) -> None:
    """Give the list its stored width (or a third), the project the rest."""
    total = sum(splitter.sizes()) or splitter.width()
    if total <= 0:
        return
    width = round(total * (stored_share(key) or DEFAULT_SHARE))
    splitter.setSizes([width, total - width])


class _Keeper(QObject):
    def __init__(self, splitter: QSplitter, key: str) -> None:
        super().__init__(splitter)
        self.splitter, self.key = splitter, key
        self.applied = False
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and not self.applied and event.type() == QEvent.Type.Show:
            self.applied = True
            # after the layout has given the splitter its width (and the project view its place)
            QTimer.singleShot(0, lambda: apply(self.splitter, self.key))
        return False

    def _moved(self, _pos: int, _index: int) -> None:
        store(self.splitter, self.key)


def store(splitter: QSplitter, key: str) -> None:
    """Keep the list's share (not while it is hidden)."""
    share = share_of(splitter)
    if share is not None:
        store_in = workspace.settings()
        store_in.setValue(key, f"{share:.4f}")
        store_in.sync()


def keep(splitter: QSplitter, key: str) -> None:
    """Apply the stored share now and again when the splitter is first shown (laid out at
    the window's width, the project view in place); store it on every drag and when the
    window closes (`workspace.save_remembered`)."""
    splitter.setProperty(workspace.LIST_SHARE_PROPERTY, key)  # stored on close too
    if stored_share(key) is not None:
        apply(splitter, key)
    _Keeper(splitter, key)
