"""Roles from docs/postgresql-roles.sql: the owner migrates, officers write, managers read.

The test runs the documented SQL itself (with unique role and database names), so the
documentation cannot drift from what works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pg_support import admin_exec, admin_url, unique, url_text
from sqlalchemy import text
from sqlalchemy.engine import URL
from test_postgres_concurrency import _edit

from desktop_app.db.database import ReadOnlyDatabase, open_database
from desktop_app.db.server import translate
from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.services import project_list, projects

pytestmark = pytest.mark.postgres

ROLES_SQL = Path(__file__).resolve().parent.parent / "docs" / "postgresql-roles.sql"


@dataclass(frozen=True)
class Roles:
    owner: URL
    officer: URL
    manager: URL


def _statements(names: dict[str, str], passwords: dict[str, str]) -> list[str]:
    sql = ROLES_SQL.read_text(encoding="utf-8")
    sql = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    for documented, real in names.items():
        sql = re.sub(rf"\b{documented}\b", real, sql)
    for documented, real in passwords.items():
        sql = sql.replace(f"'{documented}'", f"'{real}'")
    return [s.strip() for s in sql.split(";") if s.strip()]


@pytest.fixture
def roles() -> Iterator[Roles]:
    """A new database set up exactly as the roles document says."""
    base = admin_url()
    tag = unique("r")
    names = {
        "key_projects": f"kp_db_{tag}",
        "kp_owner": f"kp_owner_{tag}",
        "kp_officer": f"kp_officer_{tag}",
        "kp_manager": f"kp_manager_{tag}",
    }
    passwords = {
        "owner-password": "pw-owner-1",
        "officer-password": "pw-officer-2",
        "manager-password": "pw-manager-3",
    }
    admin_exec(f'CREATE DATABASE "{names["key_projects"]}"')
    admin_exec(*_statements(names, passwords), database=names["key_projects"])
    db_url = base.set(database=names["key_projects"])
    yield Roles(
        owner=db_url.set(username=names["kp_owner"], password="pw-owner-1"),
        officer=db_url.set(username=names["kp_officer"], password="pw-officer-2"),
        manager=db_url.set(username=names["kp_manager"], password="pw-manager-3"),
    )
    admin_exec(f'DROP DATABASE IF EXISTS "{names["key_projects"]}" WITH (FORCE)')
    for role in ("kp_manager", "kp_officer", "kp_owner"):
        admin_exec(f'DROP ROLE IF EXISTS "{names[role]}"')


def test_owner_creates_officer_writes_manager_reads(roles: Roles) -> None:
    owner = open_database(url_text(roles.owner), lock=False)
    assert not owner.readonly
    assert project_list.read_project_count(owner) == 13
    owner.dispose()

    officer = open_database(url_text(roles.officer), lock=False)
    try:
        assert not officer.readonly
        loaded = project_list.read_project(officer, 1)
        saved = projects.save_project(
            officer, 1, _edit(loaded, lead_org="专员改的"), loaded.version
        )
        assert saved.lead_org == "专员改的"
    finally:
        officer.dispose()

    manager = open_database(url_text(roles.manager), lock=False)
    try:
        assert manager.readonly
        assert "read-only" in manager.readonly_reason or "只读" in manager.readonly_reason
        assert project_list.read_project(manager, 1).lead_org == "专员改的"
        assert len(project_list.read_project_rows(manager)) == 13
        loaded = project_list.read_project(manager, 1)
        with pytest.raises(ReadOnlyDatabase):
            projects.save_project(manager, 1, _edit(loaded, lead_org="经理"), loaded.version)
    finally:
        manager.dispose()


def test_a_write_the_server_refuses_is_a_clear_user_error(roles: Roles) -> None:
    """Even if the app thought it could write, the server's refusal is one clear line."""
    open_database(url_text(roles.owner), lock=False).dispose()
    manager = open_database(url_text(roles.manager), lock=False)
    try:
        manager.readonly = False  # pretend the privilege check had missed it
        with pytest.raises(UserError) as info, manager.session() as s:
            s.execute(text("UPDATE project SET notes = 'x' WHERE no = 1"))
        message = str(info.value)
        assert "may only read" in message or "只能读取" in message
        assert "pw-manager-3" not in message
    finally:
        manager.dispose()


def test_server_refusal_codes_are_translated_and_others_are_not(roles: Roles) -> None:
    class Orig(Exception):
        def __init__(self, code: str) -> None:
            super().__init__("boom")
            self.sqlstate = code

    from sqlalchemy.exc import DBAPIError

    assert translate(DBAPIError("x", {}, Orig("42501")), roles.manager) is not None
    assert translate(DBAPIError("x", {}, Orig("25006")), roles.manager) is not None
    assert translate(DBAPIError("x", {}, Orig("23505")), roles.manager) is None


def test_manager_cannot_create_the_tables_of_an_empty_database(roles: Roles, cli) -> None:
    with pytest.raises(DatabaseRefused):
        open_database(url_text(roles.manager), lock=False)
    done = cli("check", "--db", url_text(roles.manager))
    assert done.returncode == 2
    assert "pw-manager-3" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_manager_check_command_works_read_only(roles: Roles, cli) -> None:
    open_database(url_text(roles.owner), lock=False).dispose()
    done = cli("check", "--db", url_text(roles.manager))
    assert done.returncode == 0, done.stderr
    assert "projects: 13" in done.stdout


def test_officer_is_told_to_ask_it_when_the_schema_needs_an_upgrade(roles: Roles) -> None:
    """Tables there but no revision row: the upgrade needs the owner; no data is touched."""
    owner = open_database(url_text(roles.owner), lock=False)
    with owner.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    owner.dispose()
    with pytest.raises(DatabaseRefused) as info:
        open_database(url_text(roles.officer), lock=False)
    message = str(info.value)
    assert "only the owner" in message or "所有者" in message
    assert "pw-officer-2" not in message
    # The failed upgrade and its clean-up dropped nothing: the 13 projects are still there.
    from sqlalchemy import create_engine

    engine = create_engine(roles.owner)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM project")).scalar() == 13
    finally:
        engine.dispose()
