"""Restore and open compare the file's schema and rows with what the migrations make.

Each tampered variant carries our application id and a known revision, so only the
schema check can refuse it: exit 2, one line saying what differs, nothing replaced.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.db import schema_check
from desktop_app.db.backup import backup_before, backups_of
from desktop_app.db.database import open_database
from desktop_app.db.restore import check_database_file, restore_database
from desktop_app.errors import DatabaseRefused

ROOT = Path(__file__).resolve().parent.parent


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA ignore_check_constraints=ON")
        for statement in statements:
            conn.execute(statement)

    return run


TAMPERED: dict[str, tuple[Callable[[sqlite3.Connection], None], tuple[str, ...]]] = {
    "extra trigger": (
        _sql("CREATE TRIGGER wipe AFTER INSERT ON audit_entry BEGIN DELETE FROM disbursement; END"),
        ("extra trigger", "wipe"),
    ),
    "missing table": (_sql("DROP TABLE baseline_item"), ("baseline_item", "missing")),
    "extra view": (_sql("CREATE VIEW v_all AS SELECT * FROM project"), ("extra view", "v_all")),
    "extra table": (_sql("CREATE TABLE notes_x (a TEXT)"), ("extra table", "notes_x")),
    "extra index": (
        _sql("CREATE INDEX ix_sneaky ON disbursement (doc_no)"),
        ("extra index", "ix_sneaky"),
    ),
    "changed column": (
        _sql("ALTER TABLE project ADD COLUMN secret TEXT"),
        ("table", "project", "differs"),
    ),
    "row breaking a CHECK": (
        _sql("UPDATE project SET no = -7 WHERE no = 1"),
        ("project", "ck_project_no_positive"),
    ),
    "disbursement of zero": (
        _sql("UPDATE disbursement SET amount_fen = 0 WHERE id = (SELECT max(id) FROM project)"),
        ("disbursement", "ck_disbursement_amount_positive"),
    ),
    "foreign key violation": (
        _sql("UPDATE milestone SET project_id = 999999 WHERE id = (SELECT min(id) FROM milestone)"),
        ("milestone", "project"),
    ),
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tampered_copy(demo_db, tmp_path: Path, name: str) -> Path:
    copy = backup_before(demo_db, "x")
    assert copy is not None
    bad = tmp_path / f"{name.replace(' ', '_')}.sqlite"
    shutil.copyfile(copy, bad)
    change, _ = TAMPERED[name]
    conn = sqlite3.connect(bad)
    try:
        change(conn)
        conn.commit()
    finally:
        conn.close()
    return bad


@pytest.mark.parametrize("name", list(TAMPERED))
def test_restore_refuses_a_tampered_backup(demo_db, tmp_path: Path, name: str) -> None:
    from desktop_app.i18n import set_language

    set_language("en")
    bad = _tampered_copy(demo_db, tmp_path, name)
    demo_db.dispose()
    assert demo_db.path is not None
    before = _sha(demo_db.path)
    with pytest.raises(DatabaseRefused) as info:
        restore_database(demo_db.path, bad)
    message = str(info.value)
    assert "\n" not in message
    assert "not a database this version makes" in message
    for part in TAMPERED[name][1]:
        assert part in message, message
    assert _sha(demo_db.path) == before
    assert not [b for b in backups_of(demo_db.path) if b.label == "pre-restore"]


@pytest.mark.parametrize("name", ["extra trigger", "row breaking a CHECK", "missing table"])
def test_cli_restore_of_a_tampered_backup_exits_2(demo_db, tmp_path: Path, run_cli, name) -> None:
    bad = _tampered_copy(demo_db, tmp_path, name)
    demo_db.dispose()
    assert demo_db.path is not None
    before = _sha(demo_db.path)
    result = run_cli("--lang", "en", "restore", "--db", str(demo_db.path), str(bad))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert TAMPERED[name][1][-1] in result.stderr
    assert _sha(demo_db.path) == before


@pytest.mark.parametrize("name", ["extra trigger", "foreign key violation", "extra view"])
def test_open_refuses_a_tampered_database_untouched(demo_db, tmp_path: Path, name) -> None:
    bad = _tampered_copy(demo_db, tmp_path, name)
    before = _sha(bad)
    with pytest.raises(DatabaseRefused, match=TAMPERED[name][1][-1]):
        open_database(bad)
    assert _sha(bad) == before


def test_a_sound_backup_still_restores(demo_db, tmp_path: Path) -> None:
    copy = backup_before(demo_db, "x")
    assert copy is not None
    demo_db.dispose()
    assert demo_db.path is not None
    restore_database(demo_db.path, copy)
    assert check_database_file(demo_db.path).projects == 13


def test_the_released_0001_database_matches_its_reference(tmp_path: Path) -> None:
    stored = tmp_path / "old.sqlite"
    shutil.copyfile(ROOT / "tests" / "data" / "schemas" / "0001_initial.sqlite", stored)
    conn = sqlite3.connect(stored)
    try:
        assert schema_check.verify(conn, "0001_initial") == []
    finally:
        conn.close()
    assert check_database_file(stored).revision == "0001_initial"


def test_sql_is_compared_without_layout() -> None:
    a = schema_check.normalise_sql('CREATE TABLE "x" (\n\ta INTEGER ,  b TEXT\n)')
    b = schema_check.normalise_sql("create table x(a integer, b text)")
    assert a == b
    assert schema_check.normalise_sql("CREATE TABLE x (a INT CHECK (a > 0))") != (
        schema_check.normalise_sql("CREATE TABLE x (a INT CHECK (a > 1))")
    )


def test_restore_while_another_program_writes_is_refused(demo_db, tmp_path: Path) -> None:
    copy = backup_before(demo_db, "x")
    assert copy is not None and demo_db.path is not None
    demo_db.dispose()
    holder = sqlite3.connect(demo_db.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE project SET notes = 'held' WHERE no = 1")
        with pytest.raises(DatabaseRefused, match="另一个程序正在使用"):
            restore_database(demo_db.path, copy)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not [b for b in backups_of(demo_db.path) if b.label == "pre-restore"]


def test_table_constraints_compare_in_any_order() -> None:
    """Alembic's batch mode writes a rebuilt table's constraints in set order, which differs
    between processes: the same table must not be refused for that (a full run failed so)."""
    from desktop_app.db.schema_check import normalise_sql

    one = (
        'CREATE TABLE "d" (id INTEGER NOT NULL, x INT, CONSTRAINT pk PRIMARY KEY (id), '
        "CONSTRAINT ck CHECK (x > 0), CONSTRAINT fk FOREIGN KEY(x) REFERENCES p (id))"
    )
    other = (
        "CREATE TABLE d (id INTEGER NOT NULL, x INT, CONSTRAINT pk PRIMARY KEY (id), "
        "CONSTRAINT fk FOREIGN KEY(x) REFERENCES p (id), CONSTRAINT ck CHECK (x > 0))"
    )
    columns_swapped = one.replace("id INTEGER NOT NULL, x INT", "x INT, id INTEGER NOT NULL")
    assert normalise_sql(one) == normalise_sql(other)
    assert normalise_sql(one) != normalise_sql(columns_swapped)
