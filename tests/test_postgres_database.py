"""The app on a real PostgreSQL server: migrations, seeding, and every way connecting fails.

Each failure must be one line on stderr naming the server, exit 2, no password, and
no change to the database.
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pg_support import admin_exec, admin_url, url_text
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import URL

from desktop_app.db import migrate, schema_version
from desktop_app.db.database import Database, open_database
from desktop_app.db.engine import make_engine
from desktop_app.db.models import Base, Project
from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.services.project_list import read_project_count, read_project_rows

pytestmark = pytest.mark.postgres


def _tables(url: URL) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_migrations_up_down_and_up_again_match_the_models(pg_url: URL) -> None:
    engine = make_engine(pg_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == schema_version.HEAD
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
        assert set(Base.metadata.tables) <= _tables(pg_url)

        migrate.downgrade(engine, "base")
        assert _tables(pg_url) <= {"alembic_version"}
        assert migrate.current_revision(engine) is None

        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == schema_version.HEAD
    finally:
        engine.dispose()


def test_open_migrates_and_seeds_the_13_projects(pg_db: Database) -> None:
    assert pg_db.path is None
    assert not pg_db.readonly
    assert pg_db.schema_revision() == schema_version.HEAD
    assert read_project_count(pg_db) == 13
    assert [p.no for p in read_project_rows(pg_db)] == list(range(1, 14))
    assert "***" in pg_db.display_name
    assert str(pg_db.url.password) not in pg_db.display_name


def test_reopening_does_not_seed_twice(pg_url: URL) -> None:
    for _ in range(2):
        db = open_database(url_text(pg_url), lock=False)
        assert read_project_count(db) == 13
        db.dispose()


def test_check_command_on_the_server_masks_the_password(pg_seeded_url: URL, run_cli) -> None:
    done = run_cli("check", "--db", url_text(pg_seeded_url))
    assert done.returncode == 0, done.stderr
    assert "projects: 13" in done.stdout
    assert f"{pg_seeded_url.host}:{pg_seeded_url.port}/{pg_seeded_url.database}" in done.stdout
    assert str(pg_seeded_url.password) not in done.stdout + done.stderr


def test_password_from_pgpassword_and_url_from_key_projects_db(pg_seeded_url: URL, cli) -> None:
    bare = pg_seeded_url._replace(password=None)
    env = {"KEY_PROJECTS_DB": url_text(bare), "PGPASSWORD": str(pg_seeded_url.password)}
    done = cli("check", env=env)
    assert done.returncode == 0, done.stderr
    assert "projects: 13" in done.stdout


def _refused(cli, url: URL, *, env: dict[str, str] | None = None):
    done = cli("check", "--db", url_text(url), env={"PGPASSWORD": "", **(env or {})})
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert url.host in lines[0]
    if url.password:
        assert str(url.password) not in done.stdout + done.stderr
    return lines[0]


def test_wrong_password_is_refused_in_one_line_without_the_password(pg_url: URL, cli):
    bad = pg_url.set(password="Wr0ng-Secret-xyz")
    line = _refused(cli, bad)
    assert "password authentication failed" in line
    assert "Wr0ng-Secret-xyz" not in line


def test_wrong_port_is_refused(pg_url: URL, cli) -> None:
    line = _refused(cli, pg_url.set(port=1))
    assert "connection refused" in line
    assert ":1/" in line


def test_wrong_database_name_is_refused(pg_url: URL, cli) -> None:
    line = _refused(cli, pg_url.set(database="no_such_db_kp"))
    assert "no_such_db_kp does not exist" in line


def test_unknown_host_is_refused(pg_url: URL, cli) -> None:
    line = _refused(cli, pg_url.set(host="no-such-host.invalid"))
    assert "unknown host" in line


def test_missing_password_without_a_terminal_says_where_to_put_it(pg_url: URL, cli):
    line = _refused(cli, pg_url._replace(password=None), env={"PGPASSFILE": "/nonexistent"})
    assert "PGPASSWORD" in line


def test_database_of_a_newer_version_is_refused_and_left_alone(pg_db: Database, cli):
    with pg_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    before = read_project_count(pg_db)
    line = _refused(cli, pg_db.url)
    assert "newer version" in line and "9999_future" in line
    with pg_db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999_future"
        )
    assert read_project_count(pg_db) == before


def test_server_gone_mid_session_is_a_user_error_and_nothing_is_written(pg_db: Database):
    with pytest.raises(UserError) as info, pg_db.session() as s:
        project = s.scalars(select(Project).where(Project.no == 1)).one()
        project.notes = "half-written?"
        s.flush()
        pid = s.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        admin_exec(f"SELECT pg_terminate_backend({pid})")
        s.execute(text("SELECT 1"))
    message = str(info.value)
    assert "lost the connection" in message or "连接已断开" in message
    assert pg_db.url.host in message
    assert str(pg_db.url.password) not in message
    # The pool reconnects for the next action; the half-done change was rolled back.
    with pg_db.reader() as s:
        notes = s.scalars(select(Project.notes).where(Project.no == 1)).one()
    assert notes != "half-written?"


def test_open_refuses_a_server_that_is_not_there(pg_url: URL) -> None:
    with pytest.raises(DatabaseRefused) as info:
        open_database(url_text(pg_url.set(port=1)), lock=False)
    assert str(pg_url.password) not in str(info.value)
    assert admin_url().host in str(info.value)


def test_clean_up_after_a_failed_open_never_drops_a_table_with_rows(pg_db: Database) -> None:
    from desktop_app.db.server import unmigrate_quietly

    unmigrate_quietly(pg_db.engine)
    assert read_project_count(pg_db) == 13
    assert pg_db.schema_revision() == schema_version.HEAD


def test_init_makes_a_new_server_database_and_refuses_one_in_use(pg_url: URL, cli) -> None:
    done = cli("init", "--db", url_text(pg_url))
    assert done.returncode == 0, done.stderr
    assert str(pg_url.password) not in done.stdout
    again = cli("init", "--demo", "--db", url_text(pg_url))
    assert again.returncode == 2
    assert "already holds a database" in again.stderr
    db = open_database(url_text(pg_url), lock=False)
    try:
        with db.reader() as s:  # the refused --demo added no sample rows
            assert s.scalar(select(func.count()).where(Project.is_sample)) == 0
    finally:
        db.dispose()
