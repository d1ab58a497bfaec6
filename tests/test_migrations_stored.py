"""Every released schema upgrades to this build's head with its data intact.

`tests/data/schemas/<revision>.sqlite` is a demo database as the build of that revision
made it. 0001 is what officers had on disk before issues 13–20; 0006 is the demo of the
build that released them, with an evidence file, a closed quarter and a quarterly return
added through the command line, so a later revision meets data in every table. Each is
copied, opened by the app (which backs it up and migrates it), and its totals are
compared before and after.
An issue that adds a revision also commits a stored database of the revision before it
and, where it moves data, a test of its own beside this one.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.db import schema_version
from desktop_app.db.database import open_database

STORED = Path(__file__).resolve().parent / "data" / "schemas"
STORED_FILES = sorted(STORED.glob("*.sqlite"))

# Totals that no migration may change: (label, SQL returning one row).
TOTALS = {
    "projects": "SELECT count(*), coalesce(sum(no), 0) FROM project",
    "milestones": "SELECT count(*), coalesce(sum(percent_complete), 0) FROM milestone",
    "disbursed": "SELECT count(*), coalesce(sum(amount_fen), 0) FROM disbursement",
    "plans": "SELECT count(*) FROM funding_plan",
    "indicators": "SELECT count(*) FROM indicator",
    "audit": "SELECT count(*) FROM audit_entry",
}
# Totals of tables later revisions added: checked where the stored file has the table.
LATER_TOTALS = {
    "evidence_link": "SELECT count(*), coalesce(sum(removed), 0) FROM evidence_link",
    "evidence_blob": "SELECT count(*), coalesce(sum(size_bytes), 0) FROM evidence_blob",
    "quarter_close": "SELECT count(*), group_concat(sha256) FROM quarter_close",
    "quarterly_return": "SELECT count(*) FROM quarterly_return",
}


def totals(path: Path) -> dict[str, tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        queries = {**TOTALS, **{t: sql for t, sql in LATER_TOTALS.items() if t in tables}}
        return {name: tuple(conn.execute(sql).fetchone()) for name, sql in queries.items()}
    finally:
        conn.close()


def revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_a_stored_database_exists_for_every_earlier_revision() -> None:
    stored = {p.stem for p in STORED_FILES}
    earlier = set(schema_version.KNOWN_REVISIONS[:-1])
    assert "0001_initial" in stored
    # Reserved revisions that changed nothing need no database of their own, but a
    # stored file must name a revision this build knows.
    assert stored <= set(schema_version.KNOWN_REVISIONS), stored - earlier


@pytest.mark.parametrize("stored", STORED_FILES, ids=[p.stem for p in STORED_FILES])
def test_stored_database_upgrades_to_head_with_totals_kept(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / stored.name
    shutil.copyfile(stored, path)
    assert revision(path) == stored.stem
    before = totals(path)

    database = open_database(path, lock=False)
    try:
        assert database.schema_revision() == schema_version.HEAD
    finally:
        database.dispose()

    assert revision(path) == schema_version.HEAD
    after = totals(path)
    assert {name: after[name] for name in before} == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_0005_gives_the_released_database_an_identity(tmp_path: Path) -> None:
    """Issue 20: an upgraded database gets the identity its exports carry (one UUID row)."""
    import uuid

    target = tmp_path / "old.sqlite"
    shutil.copy(STORED / "0001_initial.sqlite", target)
    open_database(target, lock=False).dispose()
    conn = sqlite3.connect(target)
    try:
        (value,) = conn.execute("SELECT value FROM setting WHERE key = 'database_id'").fetchone()
    finally:
        conn.close()
    assert uuid.UUID(value)
