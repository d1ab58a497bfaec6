"""Issue 15: every background job is owned by the application context's registry.

Results land through the registry (a closed dialog cannot lose the window's refresh),
stale results are dropped by generation, and restore/close drain the jobs first.
Jobs are held at a gate (a threading.Event) so nothing here depends on timing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from sqlalchemy import func, select

from desktop_app.db.models import Milestone
from desktop_app.ui.context import AppContext
from desktop_app.ui.io_actions import ImportDialog
from desktop_app.ui.worker import JobRegistry
from tests.io_books import MILESTONE, write_book


def _gate(jobs: JobRegistry) -> threading.Event:
    """Occupy every worker thread until the returned event is set."""
    release = threading.Event()
    for _ in range(jobs.pool.maxThreadCount()):
        jobs.start(lambda: release.wait(120), name="gate")
    return release


def test_closing_the_import_dialog_mid_import_still_refreshes_the_window(
    qtbot, db, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "a.xlsx", {"milestones": [MILESTONE]})
    ctx = AppContext(db=db)
    refreshed: list[bool] = []
    said: list[str] = []
    ctx.bus.sig_data_changed.connect(lambda: refreshed.append(True))
    ctx.bus.sig_status.connect(said.append)
    dialog = ImportDialog(ctx, path)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    release = _gate(ctx.jobs)
    dialog.confirm()  # the import waits behind the gate ...
    shiboken6.delete(dialog)  # ... while the officer closes the dialog
    release.set()
    qtbot.waitUntil(lambda: not ctx.jobs.running(), timeout=60_000)
    assert refreshed == [True]
    assert any("Imported 1 new" in m or "导入" in m for m in said), said
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Milestone)) == 1


def test_a_stale_result_is_dropped(qtbot) -> None:
    jobs = JobRegistry()
    shown: list[str] = []
    first_may_finish = threading.Event()
    jobs.start(lambda: first_may_finish.wait(120) and "old", shown.append, key="rows", name="old")
    jobs.start(lambda: "new", shown.append, key="rows", name="new")
    qtbot.waitUntil(lambda: shown == ["new"], timeout=30_000)
    first_may_finish.set()
    qtbot.waitUntil(lambda: not jobs.running(), timeout=30_000)
    assert shown == ["new"]  # the older refresh finished last, and was not painted
    assert jobs.dropped == ["old"]


def test_portfolio_and_funding_pages_drop_stale_refreshes(qtbot, demo_db) -> None:
    from desktop_app.ui.funding.page import FundingPage
    from desktop_app.ui.portfolio.page import PortfolioPage

    ctx = AppContext(db=demo_db, lang="en")
    portfolio = PortfolioPage(ctx)
    funding = FundingPage(ctx)
    qtbot.addWidget(portfolio)
    qtbot.addWidget(funding)
    portfolio.after_first_paint()  # health waits for the first paint (issue 17)
    qtbot.waitUntil(lambda: not ctx.jobs.running(), timeout=60_000)
    release = _gate(ctx.jobs)
    portfolio.refresh_health()
    portfolio.refresh_health()
    funding.refresh()
    funding.refresh()
    release.set()
    qtbot.waitUntil(lambda: not ctx.jobs.running(), timeout=60_000)
    assert sorted(n for n in ctx.jobs.dropped if n != "gate") == ["<lambda>", "<lambda>"]
    assert funding.model.rowCount() > 0


def test_drain_cancels_reads_waits_for_writes_and_drops_their_results(qtbot) -> None:
    jobs = JobRegistry()
    got: list[str] = []
    write_may_finish = threading.Event()
    wrote: list[str] = []
    write_started = threading.Event()

    def write() -> str:
        write_started.set()
        write_may_finish.wait(120)
        wrote.append("written")
        return "write"

    jobs.start(write, got.append, name="write")
    jobs.start(lambda: "read", got.append, cancellable=True, name="read")
    # The second worker thread may or may not have taken the read yet: either way
    # drain must leave no job running and deliver nothing from before.
    # A write not yet started is cancelled like any waiting job (nothing written); this
    # test is about a write already running, so let it start first (a loaded CI machine
    # can take a while to hand it a thread).
    assert write_started.wait(60)
    threading.Timer(0, write_may_finish.set).start()
    assert jobs.drain()
    assert wrote == ["written"]  # the write was waited for, never abandoned
    assert not jobs.running()
    qtbot.wait(50)
    assert got == []  # results from before the drain belong to the old database
    jobs.start(lambda: "after", got.append)
    qtbot.waitUntil(lambda: got == ["after"], timeout=30_000)


def test_restore_drains_the_jobs_and_runs_off_the_gui_thread(qtbot, db, monkeypatch) -> None:
    from test_backup_restore import add_disbursements

    from desktop_app.db import backup as bk
    from desktop_app.ui import dialogs
    from desktop_app.ui.restore_dialog import RestoreDialog

    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: None)
    add_disbursements(db, 2)
    bk.backup_before(db, "import")
    ctx = AppContext(db=db, lang="en")
    threads: list[str] = []
    late: list[object] = []
    release = threading.Event()
    # A read still running on the old database when the officer restores.
    ctx.jobs.start(lambda: release.wait(120), late.append, cancellable=True, name="slow read")
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(background=False)

    import desktop_app.ui.restore_dialog as rd

    real = rd.restore_backup

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(rd, "restore_backup", spy)
    threading.Timer(0, release.set).start()
    assert dialog.restore(dialog.model.row_at(0).path, "now")
    assert threads and threads[0] != threading.main_thread().name
    assert late == []  # the old database's read was drained, its result dropped
    assert ctx.db is not db
    ctx.close()


def test_backup_now_runs_off_the_gui_thread_and_says_where(qtbot, db, monkeypatch) -> None:
    import desktop_app.ui.restore_dialog as rd

    ctx = AppContext(db=db, lang="en")
    said: list[str] = []
    ctx.bus.sig_status.connect(said.append)
    threads: list[str] = []
    real = rd.backup_now

    def spy(database):
        threads.append(threading.current_thread().name)
        return real(database)

    monkeypatch.setattr(rd, "backup_now", spy)
    rd._backup_now(ctx, None)
    assert threads and threads[0] != threading.main_thread().name
    assert len(said) == 1 and "Backup written to" in said[0]
    path = Path(said[0].split("Backup written to ", 1)[1])
    assert path.is_file()


def test_closing_the_window_drains_its_jobs(qtbot, db) -> None:
    from desktop_app.ui.main_window import MainWindow

    ctx = AppContext(db=db, lang="en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    late: list[object] = []
    release = threading.Event()
    ctx.jobs.start(lambda: release.wait(120), late.append, cancellable=True, name="slow read")
    threading.Timer(0, release.set).start()
    assert window.close()
    assert not ctx.jobs.running()  # settled before the window went
    qtbot.wait(50)
    assert late == []
    ctx.close()


def test_a_restore_waits_for_a_quarter_close_in_progress(qtbot, db, monkeypatch) -> None:
    """Issue 24: the close is a write of the window's registry, so the restore's drain
    waits for it instead of replacing the file under it."""
    from types import SimpleNamespace

    from test_backup_restore import add_disbursements

    import desktop_app.reports.quarter_close as quarters
    import desktop_app.ui.restore_dialog as rd
    from desktop_app.db import backup as bk
    from desktop_app.ui import dialogs
    from desktop_app.ui.quarter_close_action import CloseQuarterDialog

    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: None)
    add_disbursements(db, 2)
    bk.backup_before(db, "import")
    ctx = AppContext(db=db, lang="en")
    order: list[str] = []
    gate = threading.Event()

    def slow_close(*_args, **_kwargs):
        gate.wait(120)
        order.append("close")
        return SimpleNamespace(quarter="2026Q2", sha256="0" * 64)

    monkeypatch.setattr(quarters, "close_quarter", slow_close)
    closing = CloseQuarterDialog(ctx)
    qtbot.addWidget(closing)
    closing.start()
    jobs = [j for j in ctx.jobs.running() if j.name == "close quarter"]
    assert jobs and not jobs[0].cancellable  # a write: drained by waiting, never abandoned

    real_restore, real_drain = rd.restore_backup, ctx.jobs.drain

    def restore_spy(*args, **kwargs):
        order.append("restore")
        return real_restore(*args, **kwargs)

    def drain(*args, **kwargs):
        gate.set()  # the close may finish only once the restore has begun to settle
        return real_drain(*args, **kwargs)

    monkeypatch.setattr(rd, "restore_backup", restore_spy)
    monkeypatch.setattr(ctx.jobs, "drain", drain)
    dialog = rd.RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(background=False)
    assert dialog.restore(dialog.model.row_at(0).path, "now")
    assert order == ["close", "restore"]
    ctx.close()


def test_a_quarter_close_waits_for_a_write_in_flight(qtbot, db, monkeypatch) -> None:
    """An import or collect still writing is recorded before the quarter's figures freeze."""
    from types import SimpleNamespace

    import desktop_app.reports.quarter_close as quarters
    from desktop_app.ui.quarter_close_action import CloseQuarterDialog

    ctx = AppContext(db=db, lang="en")
    wrote: list[str] = []
    seen: list[list[str]] = []
    gate = threading.Event()

    def write() -> None:
        gate.wait(120)
        wrote.append("import")

    def close(*_args, **_kwargs):
        seen.append(list(wrote))
        return SimpleNamespace(quarter="2026Q2", sha256="0" * 64)

    monkeypatch.setattr(quarters, "close_quarter", close)
    ctx.jobs.start(write, name="import")
    threading.Timer(0.2, gate.set).start()
    dialog = CloseQuarterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: not ctx.jobs.running(), timeout=60_000)
    assert seen == [["import"]]


def test_window_code_starts_no_job_outside_the_registry() -> None:
    """Every background job of the window goes through `ctx.jobs` (issue 24): a job the
    registry cannot see is a job a restore cannot wait for."""
    import re

    ui = Path(__file__).resolve().parent.parent / "desktop_app" / "ui"
    pattern = re.compile(
        r"run_in_background\(|threading\.Thread\(|QThreadPool\.globalInstance|QThread\(|"
        r"ThreadPoolExecutor|default_registry\("
    )
    offenders = [
        f"{path.relative_to(ui)}:{n}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "worker.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
