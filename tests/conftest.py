"""One fresh database per test, an offscreen Qt, and a private data/config folder.

Nothing here mocks the database: every test gets a real SQLite file in a temp folder,
migrated by the same code the app runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KEY_PROJECTS_DB", None)
# Reference schemas (db/schema_check.py) are built once per run, not once per test folder.
os.environ.setdefault("KEY_PROJECTS_CACHE_DIR", tempfile.mkdtemp(prefix="key-projects-cache-"))

from desktop_app.db.database import Database, open_database
from desktop_app.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ("pg_support",)  # PostgreSQL fixtures: pg_url, pg_db


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KEY_PROJECTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KEY_PROJECTS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("KEY_PROJECTS_DB", raising=False)
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A new database: migrated and seeded with the 13 projects, nothing else."""
    database = open_database(tmp_path / "test.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def other_officer(db: Database) -> Iterator[Database]:
    """A second connection to the same file, as a second officer's PC would have."""
    assert db.path is not None
    second = open_database(db.path, lock=False)
    yield second
    second.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop_app.db.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    build_demo(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Iterator[Database]:
    """A private copy of the demo database (built once per run)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `python -m desktop_app ARGS` in a new process; returns the CompletedProcess."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
        full_env = {
            **os.environ,
            "KEY_PROJECTS_DATA_DIR": str(tmp_path / "data"),
            "KEY_PROJECTS_CONFIG_DIR": str(tmp_path / "config"),
            "QT_QPA_PLATFORM": "offscreen",
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            cwd=tmp_path,
        )

    return run


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """No message box ever blocks a test: each records (kind, text) and gives a default answer.

    Defaults: `confirm` → True, `save_discard_cancel` → "discard". Tests that need
    another answer monkeypatch the function again.
    """
    from desktop_app.ui import dialogs

    log: list[tuple[str, str]] = []

    def recorder(kind: str, answer: object):
        def record(_parent: object, text: str, *args: object, **kwargs: object) -> object:
            log.append((kind, text))
            return answer

        return record

    monkeypatch.setattr(dialogs, "show_error", recorder("error", None))
    monkeypatch.setattr(dialogs, "show_warning", recorder("warning", None))
    monkeypatch.setattr(dialogs, "show_info", recorder("info", None))
    monkeypatch.setattr(dialogs, "confirm", recorder("confirm", True))
    monkeypatch.setattr(dialogs, "save_discard_cancel", recorder("unsaved", "discard"))
    return log
