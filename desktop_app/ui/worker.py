"""Running slow work (import, export, brief, backup, health) off the GUI thread, owned.

Every background job goes through the application's `JobRegistry` (`ctx.jobs`):

- it runs in the registry's own thread pool, in a copy of the caller's context (so the
  language `using_language` set travels with it: threads start with an empty context);
- its result lands through the registry, on the GUI thread. `on_done`/`on_error` belong
  to an `owner` widget and are skipped once that widget is gone; `landed` always runs, so
  a dialog closed mid-import cannot lose the refresh of the window;
- a `key` gives it a generation: starting the same key again makes the older job's
  result stale, and a stale result is dropped (a slow health computation never paints
  over a newer one);
- `drain()` settles everything before a restore, a database switch or closing: jobs not
  yet started and read-only ones (`cancellable=True`) are cancelled, writes are waited
  for, and every result still in flight is dropped (it belongs to the old database);
- `wait_for_writes()` waits for the writes only (a quarter close, before it freezes).

No window code starts a thread, a pool or the process-wide registry of its own: a job a
restore cannot see is a job a restore cannot wait for. `run_in_background(fn, on_done,
on_error, parent)` remains for code without a window (tests, tools); it uses one
process-wide registry.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Relay(QObject):
    """Carries a finished job's outcome to the GUI thread (queued connection)."""

    sig_finished = Signal(object, object, object)  # job, result, exception


@dataclass(eq=False)
class Job:
    """One background job: its name, its generation and whether it was cancelled."""

    name: str
    key: object | None
    generation: int
    epoch: int
    cancellable: bool
    owner: QObject | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    started: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cancel(self) -> None:
        """Ask the job to stop (checked by jobs that take it) and drop its result."""
        self.cancelled.set()

    def cancel_if_waiting(self) -> bool:
        """Cancel the job if no thread has taken it yet (then it never runs)."""
        with self.lock:
            if not self.started:
                self.cancelled.set()
                return True
            return False


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()  # auto-deleted by the pool once run: nothing else keeps it
        self.job = job
        self.fn = fn
        self.relay = relay
        self.context = contextvars.copy_context()

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        with self.job.lock:
            self.job.started = True
            run = not self.job.cancelled.is_set()
        try:
            if run:
                result = self.context.run(self.fn)
        except BaseException as exc:
            error = exc
        finally:
            self.job.done.set()
        with contextlib.suppress(RuntimeError):  # the registry itself is gone: app exit
            self.relay.sig_finished.emit(self.job, result, error)


@dataclass
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    landed: Callable[[Any, BaseException | None], None] | None


class JobRegistry(QObject):
    """Owns every background job of one window's application context."""

    sig_busy = Signal(bool)
    """True when the first job starts, False when the last one has landed."""
    sig_dropped = Signal(object)
    """A job's result was dropped (stale, cancelled or drained): the Job."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.sig_finished.connect(self._land)
        self._running: dict[Job, _Callbacks] = {}
        self._generation: dict[object, int] = {}
        self._counter = itertools.count(1)
        self.epoch = 0
        #: Results dropped as stale or cancelled (tests and the log read it).
        self.dropped: list[str] = []

    # -- starting ----------------------------------------------------------------------

    def start(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
        key: object | None = None,
        landed: Callable[[Any, BaseException | None], None] | None = None,
        cancellable: bool = False,
        name: str = "",
    ) -> Job:
        """Run `fn()` in the background; see the module docstring for the callbacks.

        `key`: jobs with an equal key (per owner) supersede each other: only the newest
        result is delivered. `cancellable`: safe to abandon (reads); `drain` drops it.
        """
        generation = 0
        if key is not None:
            gkey = (id(owner), key)
            generation = self._generation.get(gkey, 0) + 1
            self._generation[gkey] = generation
        job = Job(
            name or getattr(fn, "__name__", "job"),
            key,
            generation,
            self.epoch,
            cancellable,
            owner,
        )
        if not self._running:
            self.sig_busy.emit(True)
        self._running[job] = _Callbacks(on_done, on_error, landed)
        self.pool.start(_Runnable(job, fn, self._relay))
        return job

    # -- landing -----------------------------------------------------------------------

    def _is_current(self, job: Job) -> bool:
        if job.cancelled.is_set() or job.epoch != self.epoch:
            return False
        if job.key is None:
            return True
        return self._generation.get((id(job.owner), job.key)) == job.generation

    def _land(self, job: Job, result: Any, error: BaseException | None) -> None:
        callbacks = self._running.pop(job, None)
        if callbacks is None:
            return
        try:
            if not self._is_current(job):
                self._drop(job)
                return
            if callbacks.landed is not None:
                callbacks.landed(result, error)
            owner_alive = job.owner is None or shiboken6.isValid(job.owner)
            if owner_alive:
                if error is None and callbacks.on_done is not None:
                    callbacks.on_done(result)
                elif error is not None and callbacks.on_error is not None:
                    callbacks.on_error(error)
        finally:
            if not self._running:
                self.sig_busy.emit(False)

    # -- settling ----------------------------------------------------------------------

    def running(self) -> list[Job]:
        """Jobs started and not landed yet."""
        return list(self._running)

    def drain(self, timeout_ms: int = -1) -> bool:
        """Settle every job before the database changes hands or the app closes.

        Jobs not started yet never start; cancellable jobs are cancelled (their results
        dropped); writes are waited for (`timeout_ms`, -1 = as long as they take).
        Results still in flight belong to the old state and are dropped. True when no
        job is still running.
        """
        for job in list(self._running):
            if not job.cancel_if_waiting() and job.cancellable:
                job.cancel()
        finished = self.pool.waitForDone(timeout_ms)
        self.epoch += 1
        for job in list(self._running):
            if job.done.is_set():
                self._running.pop(job, None)
                self._drop(job)
        if not self._running:
            self.sig_busy.emit(False)
        return finished

    def wait_for_writes(self, timeout_ms: int = -1) -> bool:
        """Wait until no write (a job not `cancellable`) is running or waiting; nothing
        is cancelled or dropped, so their results still land. A quarter close calls it
        first: an import or a collect in flight is recorded before the figures freeze.
        True when none is left."""
        deadline = None if timeout_ms < 0 else time.monotonic() + timeout_ms / 1000
        for job in list(self._running):
            if job.cancellable:
                continue
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not job.done.wait(left):
                return False
        return True

    def _drop(self, job: Job) -> None:
        self.dropped.append(job.name)
        self.sig_dropped.emit(job)

    def wait_with_progress(
        self, fn: Callable[[], Any], parent: QWidget | None, text: str, *, name: str = ""
    ) -> Any:
        """Run `fn()` in the background behind a window-modal busy dialog and return its
        result (or raise its exception). The GUI thread keeps painting meanwhile; input
        goes nowhere else, since the dialog is modal. For backup and restore."""
        box = QProgressDialog(text, "", 0, 0, parent)
        box.setCancelButton(None)  # a half-done file copy is not safe to abandon
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAutoClose(False)
        box.setAutoReset(False)
        box.setMinimumWidth(380)
        # Shown only if the work takes a moment: a quick backup does not flash a window.
        QTimer.singleShot(400, box, box.show)
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def landed(result: Any, error: BaseException | None) -> None:
            outcome["result"], outcome["error"] = result, error
            loop.quit()

        job = self.start(fn, landed=landed, name=name or "wait")

        def dropped(other: Job) -> None:
            if other is job:
                outcome.setdefault("error", RuntimeError(f"{job.name}: interrupted"))
                loop.quit()

        self.sig_dropped.connect(dropped)
        try:
            if "error" not in outcome:
                loop.exec()
        finally:
            self.sig_dropped.disconnect(dropped)
            box.close()
            box.deleteLater()
        if outcome.get("error") is not None:
            raise outcome["error"]
        return outcome.get("result")


_fallback: JobRegistry | None = None


def default_registry() -> JobRegistry:
    """One registry for callers without an application context."""
    global _fallback
    if _fallback is None or not shiboken6.isValid(_fallback):
        _fallback = JobRegistry()
    return _fallback


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    parent: QObject | None = None,
    *,
    jobs: JobRegistry | None = None,
    key: object | None = None,
    cancellable: bool = False,
) -> Job:
    """Run `fn()` off the GUI thread; `on_done(result)` or `on_error(exc)` on the GUI
    thread, unless `parent` (the owner) has been deleted meanwhile."""
    registry = jobs or default_registry()
    return registry.start(fn, on_done, on_error, owner=parent, key=key, cancellable=cancellable)
