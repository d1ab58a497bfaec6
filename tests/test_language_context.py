"""Issue 15: language is a value of the running context, never switched for the whole
process by a job. The brief job used to call `set_language` while it ran, so the window
(and any job beside it) spoke the brief's language meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.db.database import Database
from desktop_app.i18n import language, set_language, t, using_language
from desktop_app.reports.brief import write_brief
from desktop_app.services.brief_data import build_brief_data

PAGE = "Page {x} of {y}"


def test_english_brief_in_a_thread_while_the_main_thread_speaks_chinese(
    db: Database, tmp_path: Path
) -> None:
    set_language("zh")  # the window's language
    in_job = threading.Event()
    main_checked = threading.Event()
    seen_in_job: list[str] = []
    failures: list[BaseException] = []
    pdf = tmp_path / "brief-en.pdf"

    def progress(done: int, total: int) -> None:
        if not in_job.is_set():
            seen_in_job.append(t(PAGE, x=1, y=2))
            in_job.set()  # the brief is being drawn, in English, right now
            main_checked.wait(120)
            seen_in_job.append(t(PAGE, x=1, y=2))

    def job() -> None:
        try:
            write_brief(build_brief_data(db, "2026Q3", "en"), pdf, progress=progress)
        except BaseException as exc:
            failures.append(exc)
        finally:
            in_job.set()

    worker = threading.Thread(target=job)
    worker.start()
    assert in_job.wait(300)
    # The main thread, mid-job: still Chinese.
    assert language() == "zh"
    assert t(PAGE, x=1, y=2) == "第 1 页 / 共 2 页"
    main_checked.set()
    worker.join()
    assert failures == []
    assert seen_in_job == ["Page 1 of 2", "Page 1 of 2"]
    assert language() == "zh"


def test_using_language_nests_and_restores() -> None:
    set_language("zh")
    with using_language("en"):
        assert t(PAGE, x=1, y=1) == "Page 1 of 1"
        with using_language("zh"):
            assert t(PAGE, x=1, y=1) == "第 1 页 / 共 1 页"
        assert language() == "en"
    assert language() == "zh"


def test_a_thread_without_its_own_language_uses_the_default() -> None:
    set_language("zh")
    seen: list[str] = []
    with using_language("en"):
        # A plain new thread starts from an empty context: the default, not this block's.
        th = threading.Thread(target=lambda: seen.append(language()))
        th.start()
        th.join()
    assert seen == ["zh"]


def test_a_background_job_keeps_the_language_it_was_started_in(qtbot) -> None:
    """ui/worker.py runs the job in a copy of the caller's context."""
    from desktop_app.ui.worker import run_in_background

    set_language("zh")
    results: list[str] = []
    with using_language("en"):
        run_in_background(lambda: t(PAGE, x=1, y=1), results.append, results.append)
    run_in_background(lambda: t(PAGE, x=2, y=2), results.append, results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=30_000)
    assert sorted(results) == sorted(["Page 1 of 1", "第 2 页 / 共 2 页"])
