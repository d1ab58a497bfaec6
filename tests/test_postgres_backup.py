"""`backup` / `restore` on a server database: pg_dump -Fc and pg_restore, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pg_support import url_text
from sqlalchemy.engine import URL
from test_postgres_concurrency import _edit

from desktop_app.db.database import open_database
from desktop_app.services import project_list, projects

pytestmark = pytest.mark.postgres


def _lead_org(url: URL) -> str:
    db = open_database(url_text(url), lock=False)
    try:
        return project_list.read_project(db, 1).lead_org
    finally:
        db.dispose()


def _set_lead_org(url: URL, value: str) -> None:
    db = open_database(url_text(url), lock=False)
    try:
        loaded = project_list.read_project(db, 1)
        projects.save_project(db, 1, _edit(loaded, lead_org=value), loaded.version)
    finally:
        db.dispose()


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not on PATH")
def test_backup_then_restore_puts_the_data_back(pg_seeded_url: URL, cli, tmp_path: Path):
    _set_lead_org(pg_seeded_url, "备份时的值")
    dump = tmp_path / "portfolio.dump"
    done = cli("backup", "--db", url_text(pg_seeded_url), "-o", str(dump))
    assert done.returncode == 0, done.stderr
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert str(pg_seeded_url.password) not in done.stdout + done.stderr

    _set_lead_org(pg_seeded_url, "备份后改的值")
    done = cli("restore", "--db", url_text(pg_seeded_url), str(dump))
    assert done.returncode == 0, done.stderr
    assert _lead_org(pg_seeded_url) == "备份时的值"
    # The data replaced by the restore was dumped first.
    saved = list((tmp_path / "data" / "backups").glob("*-pre-restore-*.dump"))
    assert len(saved) == 1
    assert str(pg_seeded_url.password) not in done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="pg_restore is not on PATH")
def test_restore_refuses_a_file_that_is_not_our_dump(pg_seeded_url: URL, cli, tmp_path: Path):
    bogus = tmp_path / "notes.dump"
    bogus.write_text("not a dump", encoding="utf-8")
    _set_lead_org(pg_seeded_url, "不应被改动")
    done = cli("restore", "--db", url_text(pg_seeded_url), str(bogus))
    assert done.returncode == 2
    assert "not a pg_dump custom-format file" in done.stderr or "自定义格式" in done.stderr
    assert _lead_org(pg_seeded_url) == "不应被改动"


def test_without_pg_dump_the_message_says_what_to_do(
    pg_seeded_url: URL, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    done = cli("--lang", "en", "backup", "--db", url_text(pg_seeded_url))
    assert done.returncode == 2
    line = done.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "pg_dump is not on PATH" in line
    assert "postgresql-client" in line and "pg_dump -Fc" in line
    assert str(pg_seeded_url.password) not in line
