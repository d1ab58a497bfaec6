"""Issue 15: the read-only engine served threads from a `SingletonThreadPool`, which keeps
one connection per thread and closes arbitrary ones once more than five threads have
connected, under the feet of a thread still reading. Eight threads read at once here."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool, SingletonThreadPool

from desktop_app.db.database import Database
from desktop_app.db.engine import make_engine
from desktop_app.db.models import Project

THREADS = 8


def test_many_threads_read_a_readonly_engine_at_once(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(db.url, readonly=True)  # what a second instance or a copy opens
    caplog.set_level(logging.WARNING, logger="sqlalchemy.pool")
    try:
        assert not isinstance(engine.pool, SingletonThreadPool)
        together = threading.Barrier(THREADS, timeout=60)
        counts: list[int] = []
        errors: list[BaseException] = []
        count = select(func.count()).select_from(Project)

        def read() -> None:
            try:
                with Session(engine) as s, s.begin():
                    s.execute(count).scalar_one()
                    together.wait()  # every thread holds its own connection now
                    counts.append(s.execute(count).scalar_one())
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)
                together.abort()

        threads = [threading.Thread(target=read) for _ in range(THREADS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert errors == []
        assert counts == [13] * THREADS
        # The old pool tried to close other threads' connections past five ("Exception
        # closing connection ... created in a thread can only be used in that same thread").
        assert [r.getMessage() for r in caplog.records if r.name.startswith("sqlalchemy")] == []
        assert isinstance(engine.pool, QueuePool) and engine.pool.checkedout() == 0
    finally:
        engine.dispose()


def test_a_readonly_connection_can_be_used_from_another_thread(db: Database) -> None:
    """One engine shared by the GUI thread and its workers: a pooled connection made in
    one thread is handed to another (sqlite3's check_same_thread must be off)."""
    engine = make_engine(db.url, readonly=True)
    try:
        with engine.connect() as conn:  # made and returned by this thread
            conn.execute(select(1)).scalar_one()
        seen: list[object] = []

        def read() -> None:
            try:
                with engine.connect() as conn:
                    seen.append(conn.execute(select(func.count()).select_from(Project)).scalar())
            except BaseException as exc:
                seen.append(exc)

        th = threading.Thread(target=read)
        th.start()
        th.join()
        assert seen == [13]
    finally:
        engine.dispose()
