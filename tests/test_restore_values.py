"""Restore and `check` read the values, not only the schema.

A backup whose schema matches can still hold what no door of this version stores: a
trigger whose name only looks like SQLite's own, text where an amount belongs, a date that
is not one, a note with ESC, an archived brief or an evidence file whose bytes no longer
match their SHA-256. Each is refused with exit 2 and one line naming the table, the row and
the column; nothing is replaced. A tampered closed quarter is not printed by `report`.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.db.backup import backups_of
from desktop_app.db.database import open_database
from desktop_app.db.restore import check_database_file, restore_database
from desktop_app.errors import DatabaseRefused
from desktop_app.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
#: The released 0006 database: evidence, a closed quarter (2026Q2) and a return in it.
STORED = ROOT / "tests" / "data" / "schemas" / "0006_input_limits.sqlite"


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            conn.execute(statement)

    return run


#: name → (change, parts the one-line refusal names)
BAD: dict[str, tuple[Callable[[sqlite3.Connection], None], tuple[str, ...]]] = {
    "trigger named like sqlite_": (
        _sql(
            "CREATE TRIGGER sqlitex_evil AFTER INSERT ON audit_entry "
            "BEGIN DELETE FROM disbursement; END"
        ),
        ("extra trigger", "sqlitex_evil"),
    ),
    "view named like sqlite_": (
        _sql("CREATE VIEW sqlitev_x AS SELECT * FROM project"),
        ("extra view", "sqlitev_x"),
    ),
    "amount as text": (
        _sql("UPDATE disbursement SET amount_fen = 'abc' WHERE id = 1"),
        ("disbursement", "row 1", "amount_fen", "stored as text"),
    ),
    "date that is not one": (
        _sql("UPDATE milestone SET planned_end = 'not-a-date' WHERE id = 1"),
        ("milestone", "row 1", "planned_end", "not a date"),
    ),
    "note with ESC": (
        _sql("UPDATE disbursement SET note = 'paid' || char(27) || '[2J' WHERE id = 1"),
        ("disbursement", "row 1", "note", "U+001B"),
    ),
    "officer too long": (
        _sql("UPDATE quarter_close SET closed_by = printf('%.5000c', 'x') WHERE id = 1"),
        ("quarter_close", "row 1", "closed_by", "at most 100"),
    ),
    "plan year 1999": (
        _sql("UPDATE indicator SET year = 1999 WHERE id = (SELECT min(id) FROM indicator)"),
        ("indicator", "column “year”", "1999"),
    ),
    "amount as a float": (
        _sql("UPDATE disbursement SET amount_fen = 1.5 WHERE id = 1"),
        ("disbursement", "row 1", "amount_fen", "stored as a decimal number"),
    ),
    "evidence bytes replaced by text": (
        _sql("UPDATE evidence_blob SET data = CAST(data AS TEXT)"),
        ("evidence_blob", "data", "stored as text, not bytes"),
    ),
    "evidence bytes changed": (
        _sql("UPDATE evidence_blob SET data = X'00112233'"),
        ("evidence_blob", "data", "SHA-256"),
    ),
    "archived brief changed": (
        _sql("UPDATE quarter_close SET pdf = X'255044462D312E340A' WHERE id = 1"),
        ("2026Q2", "archived brief", "SHA-256"),
    ),
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _bad_copy(tmp_path: Path, name: str) -> Path:
    bad = tmp_path / f"{name.replace(' ', '_')}.sqlite"
    shutil.copyfile(STORED, bad)
    conn = sqlite3.connect(bad)
    try:
        BAD[name][0](conn)
        conn.commit()
    finally:
        conn.close()
    return bad


def test_the_stored_database_itself_is_accepted(tmp_path: Path) -> None:
    assert check_database_file(STORED).projects == 13


@pytest.mark.parametrize("name", list(BAD))
def test_restore_refuses_a_backup_with_bad_values(demo_db, tmp_path: Path, name: str) -> None:
    set_language("en")
    bad = _bad_copy(tmp_path, name)
    demo_db.dispose()
    assert demo_db.path is not None
    before = _sha(demo_db.path)
    with pytest.raises(DatabaseRefused) as info:
        restore_database(demo_db.path, bad)
    message = str(info.value)
    assert "\n" not in message
    for part in BAD[name][1]:
        assert part in message, message
    assert _sha(demo_db.path) == before
    assert not [b for b in backups_of(demo_db.path) if b.label == "pre-restore"]


@pytest.mark.parametrize(
    "name", ["trigger named like sqlite_", "view named like sqlite_", "amount as text"]
)
def test_cli_restore_of_a_bad_backup_exits_2(demo_db, tmp_path: Path, run_cli, name) -> None:
    bad = _bad_copy(tmp_path, name)
    demo_db.dispose()
    assert demo_db.path is not None
    before = _sha(demo_db.path)
    result = run_cli("--lang", "en", "restore", "--db", str(demo_db.path), str(bad))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert BAD[name][1][-1] in result.stderr
    assert _sha(demo_db.path) == before


def _current_copy(tmp_path: Path) -> Path:
    """The stored database brought to this version's schema (opened once, migrated)."""
    path = tmp_path / "current.sqlite"
    shutil.copyfile(STORED, path)
    database = open_database(path)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.mark.parametrize(
    "name",
    ["amount as text", "date that is not one", "evidence bytes replaced by text",
     "archived brief changed", "note with ESC", "trigger named like sqlite_"],
)
def test_check_reports_bad_values_with_exit_2(tmp_path: Path, run_cli, name) -> None:
    path = _current_copy(tmp_path)
    assert run_cli("--lang", "en", "check", "--db", str(path)).returncode == 0
    conn = sqlite3.connect(path)
    try:
        BAD[name][0](conn)
        conn.commit()
    finally:
        conn.close()
    result = run_cli("--lang", "en", "check", "--db", str(path))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    for part in BAD[name][1]:
        assert part in result.stderr, result.stderr


def test_report_of_a_tampered_closed_quarter_exits_2(tmp_path: Path, run_cli) -> None:
    path = _current_copy(tmp_path)
    out = tmp_path / "brief.pdf"
    good = run_cli("--lang", "zh", "report", "--quarter", "2026Q2", "--db", str(path),
                   "-o", str(out))
    assert good.returncode == 0, good.stderr
    out.unlink()
    BAD["archived brief changed"][0](conn := sqlite3.connect(path))
    conn.commit()
    conn.close()
    bad = run_cli("--lang", "zh", "report", "--quarter", "2026Q2", "--db", str(path),
                  "-o", str(out))
    assert bad.returncode == 2, bad.stderr
    assert "2026Q2" in bad.stderr and "SHA-256" in bad.stderr
    assert bad.stderr.strip().count("\n") == 0, bad.stderr
    assert not out.exists()
    live = run_cli("--lang", "zh", "report", "--quarter", "2026Q2", "--live", "--db", str(path),
                   "-o", str(out), env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert live.returncode == 0, live.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_english_archive_is_checked_too(tmp_path: Path) -> None:
    from desktop_app.db import value_check

    path = _current_copy(tmp_path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE quarter_close SET pdf_en = X'2550', sha256_en = 'beef' WHERE id = 1")
        set_language("en")
        found = value_check.hash_problems(conn)
    finally:
        conn.close()
    assert found and "2026Q2" in found[0] and "(en)" in found[0]


def _every_value_problem(conn: sqlite3.Connection) -> set[str]:
    """The rules applied to every value in Python, with no SQL pre-filter."""
    from desktop_app.db import value_check as V

    scales = V._scales()
    found = set()
    conn.text_factory = bytes
    for table in V._tables(conn):
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        keys = [r[1].decode() for r in sorted(info, key=lambda r: r[5]) if r[5]]
        cols = [(r[1].decode(), r[2].decode(), bool(r[3])) for r in info]
        key_sql = ", ".join(f'"{k}"' for k in keys) or "rowid"
        select = ", ".join(f'typeof("{c}"), "{c}"' for c, _d, _n in cols)
        for row in conn.execute(f'SELECT {key_sql}, {select} FROM "{table}"'):
            width = len(keys) or 1
            key = "/".join(V._text(k) for k in row[:width])
            for i, (column, declared, notnull) in enumerate(cols):
                storage, value = row[width + 2 * i], row[width + 2 * i + 1]
                if storage == b"text":
                    value = value.decode("utf-8")
                why = V.value_problem(table, column, declared, value, notnull=notnull,
                                      scale=scales.get((table, column)))
                if why is not None:
                    found.add(V._line(table, key, column, why))
    conn.text_factory = str
    return found


def test_the_sql_prefilter_misses_nothing_the_rules_refuse(tmp_path: Path) -> None:
    """Every bad value at once (and some near misses that are fine): the fast check finds
    exactly what checking every value in Python finds."""
    from desktop_app.db import value_check

    set_language("en")
    path = _current_copy(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA ignore_check_constraints=ON")
    for statement in (
        "UPDATE disbursement SET amount_fen = 'abc' WHERE id = 1",
        "UPDATE disbursement SET amount_fen = 1.5 WHERE id = 2",
        "UPDATE disbursement SET amount_fen = -5 WHERE id = 3",
        "UPDATE disbursement SET note = 'tab' || char(9) || 'ok' WHERE id = 4",  # fine
        "UPDATE disbursement SET doc_no = 'a' || char(10) || 'b' WHERE id = 4",
        "UPDATE disbursement SET note = 'x' || char(0) || 'y' WHERE id = 5",
        "UPDATE disbursement SET is_sample = 2 WHERE id = 6",
        "UPDATE milestone SET planned_end = '2023-02-30' WHERE id = 1",
        "UPDATE milestone SET actual_start = '2023-1-5' WHERE id = 2",
        "UPDATE milestone SET actual_end = '0000-01-01' WHERE id = 7",
        "UPDATE milestone SET baseline_end = '2024-02-29' WHERE id = 8",  # fine: a leap day
        "UPDATE milestone SET percent_complete = 101 WHERE id = 3",
        "UPDATE milestone SET title = printf('%.301c', 'x') WHERE id = 4",
        "UPDATE milestone SET notes = 'line' || char(10) || 'two' WHERE id = 5",  # fine
        "UPDATE milestone SET owner = 'a' || char(8232) WHERE id = 6",
        "UPDATE indicator SET weight = 1000001 WHERE id = (SELECT min(id) FROM indicator)",
        "UPDATE indicator SET year = 2101 WHERE id = (SELECT max(id) FROM indicator)",
        "UPDATE project SET start_date = 20230101 WHERE no = 2",
        "UPDATE audit_entry SET at = '2026-01-01T00:00:00' WHERE id = (SELECT min(id) "
        "FROM audit_entry)",
        "UPDATE quarter_close SET figures = '{not json' WHERE id = 1",
        "UPDATE evidence_blob SET data = 'text'",
    ):
        conn.execute(statement)
    conn.commit()
    fast = set(value_check.column_problems(conn, first_only=False))
    slow = _every_value_problem(conn)
    conn.close()
    assert fast == slow
    assert len(fast) >= 18, sorted(fast)
