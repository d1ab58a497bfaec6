"""Fixtures for the tests that need a real PostgreSQL server (tests/test_postgres_*.py).

The server comes from `KEY_PROJECTS_TEST_PG`, an admin URL such as
`postgresql+psycopg://kp_admin:pw@127.0.0.1:54329/postgres`; `.ci/run` starts a
throwaway cluster and sets it (scripts/start-test-postgres.sh). Without it the tests
skip locally with that reason, and fail under CI (a missing server must not pass).
Each test gets its own new database (and roles) and drops them afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from desktop_app.db.database import Database, open_database

ENV = "KEY_PROJECTS_TEST_PG"
SKIP_REASON = (
    f"PostgreSQL tests need a server: set {ENV}=postgresql+psycopg://USER:PW@HOST:PORT/postgres "
    "(an admin role; `source scripts/start-test-postgres.sh` starts a throwaway one)"
)


def admin_url() -> URL:
    raw = os.environ.get(ENV)
    if not raw:
        if os.environ.get("CI"):
            pytest.fail(f"{ENV} is not set under CI: the PostgreSQL cluster did not start")
        pytest.skip(SKIP_REASON)
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip("PostgreSQL tests need psycopg: pip install -e '.[test]'")
    return make_url(raw)


def admin_exec(*statements: str, database: str | None = None) -> None:
    """Run statements as the admin in autocommit (CREATE DATABASE cannot run in a block)."""
    url = admin_url()
    if database:
        url = url.set(database=database)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for sql in statements:
                conn.execute(text(sql))
    finally:
        engine.dispose()


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@pytest.fixture
def pg_url() -> Iterator[URL]:
    """A new, empty database on the test server (admin credentials), dropped afterwards."""
    name = unique("kp_t")
    admin_exec(f'CREATE DATABASE "{name}"')
    yield admin_url().set(database=name)
    admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url_text(url: URL) -> str:
    """The URL as a command-line argument (with its password: tests only)."""
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated, seeded database made once per run; tests get copies of it."""
    name = unique("kp_tpl")
    admin_exec(f'CREATE DATABASE "{name}"')
    open_database(url_text(admin_url().set(database=name)), lock=False).dispose()
    yield name
    admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_seeded_url(pg_template: str) -> Iterator[URL]:
    """A new database holding the 13 seeded projects (a copy of the template)."""
    name = unique("kp_t")
    admin_exec(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield admin_url().set(database=name)
    admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_db(pg_seeded_url: URL) -> Iterator[Database]:
    """The app's database on the server: migrated and seeded with the 13 projects."""
    database = open_database(url_text(pg_seeded_url), lock=False)
    yield database
    database.dispose()


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`key-projects ARGS` in this process (much faster than `run_cli` for many runs)."""
    from desktop_app.cli import main

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
