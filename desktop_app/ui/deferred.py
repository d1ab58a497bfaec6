"""Work the window leaves until it has painted once: one step per turn of the event loop.

The first paint shows the portfolio's projects read with SQLAlchemy Core. Everything
else (the ORM and its models, the project view, health, the File menu's features, a
page's own background job) runs here, one step at a time, so the window stays usable
between steps and start-up stays close to a bare PySide6 + SQLAlchemy program.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal


class DeferredSteps(QObject):
    """Steps run in order after `start()`; `run_now()` runs the rest at once (tests)."""

    sig_finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Callable[[], object]] = []
        self.started = False
        self.done = False

    def add(self, step: Callable[[], object], *, first: bool = False) -> None:
        """Queue `step` (at the front with `first`); after the chain has finished it runs
        at once."""
        if self.done:
            step()
        elif first:
            self._steps.insert(0, step)
        else:
            self._steps.append(step)

    def start(self) -> None:
        """Begin on the next turn of the event loop (idempotent)."""
        if not self.started:
            self.started = True
            QTimer.singleShot(0, self, self._next)

    def run_now(self) -> None:
        """Run every step not run yet, now."""
        self.started = True
        while self._steps:
            self._steps.pop(0)()
        self._finish()

    def cancel(self) -> None:
        """Drop the steps not run yet (the window closed before they ran)."""
        self._steps.clear()
        self.started = True

    def _next(self) -> None:
        if not self._steps:
            self._finish()
            return
        step = self._steps.pop(0)
        try:
            step()
        finally:
            QTimer.singleShot(0, self, self._next)

    def _finish(self) -> None:
        if not self.done:
            self.done = True
            self.sig_finished.emit()
