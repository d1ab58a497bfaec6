"""Running slow work (import, export, brief, backup) off the GUI thread.

`run_in_background(fn, on_done, on_error)` runs `fn()` in Qt's thread pool and calls
back on the GUI thread with its result or its exception; the window never freezes.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_alive: set[_Relay] = set()


class _Relay(QObject):
    sig_done = Signal(object)
    sig_failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        # Threads start with an empty context: carry the caller's (its language) along.
        self.context = contextvars.copy_context()

    def run(self) -> None:
        try:
            result = self.context.run(self.fn)
        except BaseException as exc:
            self._emit(self.relay.sig_failed, exc)
        else:
            self._emit(self.relay.sig_done, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        """Deliver, unless the window that asked has closed meanwhile (nobody to tell)."""
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            signal.emit(value)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    parent: QObject | None = None,
) -> None:
    relay = _Relay(parent)
    _alive.add(relay)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _alive.discard(relay)
        callback(value)

    relay.sig_done.connect(lambda value: finish(on_done, value))
    relay.sig_failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Job(fn, relay))
