"""Issue 14: a user's mistake on the command line is exit 2 with one line, never exit 1.

Damaged (bad CRC) and zip-encrypted workbooks, web and query-string database URLs,
`export -o` a folder, an import into a read-only file, a restore while another program
writes, a missing database for every command: each one line, database unchanged, nothing
created. An unwritable backups folder is a warning and the command goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.io_books import MILESTONE, write_book


def digest(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture
def made(run_cli, tmp_path: Path) -> Path:
    path = tmp_path / "p.sqlite"
    assert run_cli("init", "--db", str(path)).returncode == 0
    return path


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Read-only for every process, root included (chattr +i), or skip."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("no immutable flag on this file system")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _stored(tmp_path: Path) -> bytearray:
    """A valid workbook re-zipped without compression, so its XML is in the raw bytes."""
    book = write_book(tmp_path / "good.xlsx", {"disbursements": [_PAY]})
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
    return bytearray(stored.read_bytes())


_PAY = {"project_no": 1, "paid_on": "2026-05-01", "amount": 10, "kind": "固定扶持经费"}


def _crc_damaged(tmp_path: Path) -> Path:
    data = _stored(tmp_path)
    at = data.find(b"<sheetData>")
    data[at + 1] = ord("S")  # one byte changed, the CRC no longer matches
    out = tmp_path / "crc.xlsx"
    out.write_bytes(bytes(data))
    return out


def _zip_encrypted(tmp_path: Path) -> Path:
    data = _stored(tmp_path)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 1  # the "encrypted" flag of each member
            at = data.find(signature, at + 4)
    out = tmp_path / "enc.xlsx"
    out.write_bytes(bytes(data))
    return out


def _one_line(result: subprocess.CompletedProcess, *parts: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("build", "reason"),
    [(_crc_damaged, "damaged"), (_zip_encrypted, "password")],
    ids=["bad-crc", "zip-encrypted"],
)
@pytest.mark.parametrize("dry", [True, False], ids=["dry-run", "real"])
def test_damaged_or_encrypted_workbook(made, tmp_path, run_cli, build, reason, dry) -> None:
    book = build(tmp_path)
    before = digest(made)
    args = ["--lang", "en", "import", str(book), "--db", str(made)]
    _one_line(run_cli(*args, *(["--dry-run"] if dry else [])), str(book), reason, "1 of 1")
    assert digest(made) == before


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://example.com/portfolio", "not a database URL"),
        ("https://example.com/p.sqlite", "not a database URL"),
        ("sqlite:///q.sqlite?mode=ro", "options after"),
    ],
)
def test_web_and_query_string_urls(run_cli, tmp_path: Path, url: str, reason: str) -> None:
    _one_line(run_cli("--lang", "en", "check", "--db", url), reason)
    assert not (tmp_path / "q.sqlite").exists()


def test_export_to_a_folder(made, tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    _one_line(run_cli("export", "-o", str(folder), "--db", str(made)), str(folder), "folder")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("export", "-o", "x.xlsx"),
        ("import", "x.xlsx"),
        ("import", "x.xlsx", "--dry-run"),
        ("report", "--quarter", "2026Q2", "-o", "b.pdf"),
        ("backup",),
        ("restore", "x.sqlite"),
    ],
    ids=lambda a: " ".join(a),
)
def test_every_command_on_a_missing_database(run_cli, tmp_path: Path, args) -> None:
    missing = tmp_path / "typo" / "demo.sqlit"
    line = _one_line(run_cli("--lang", "en", *args, "--db", str(missing)), "no database at")
    assert str(missing) in line and "key-projects init" in line
    assert not missing.parent.exists()


def test_import_into_a_read_only_database(made, tmp_path: Path, run_cli) -> None:
    book = write_book(tmp_path / "a.xlsx", {"disbursements": [_PAY]})
    before = digest(made)
    with immutable(made):
        for extra in ((), ("--dry-run",)):
            args = ("--lang", "en", "import", str(book), "--db", str(made), *extra)
            _one_line(run_cli(*args), "read-only")
        result = run_cli("--lang", "en", "check", "--db", str(made))
        assert result.returncode == 0, result.stderr
        assert "integrity: ok" in result.stdout
        assert result.stderr.strip().splitlines() == [
            "key-projects: This database is open read-only (the file is read-only); "
            "nothing can be saved."
        ]
    assert digest(made) == before


def test_unwritable_backups_folder_warns_and_goes_on(made, tmp_path: Path, run_cli) -> None:
    backups = made.parent / "backups"
    backups.mkdir(exist_ok=True)
    for old in backups.iterdir():
        old.unlink()
    # A milestone: a payment would need its funding plan first (issue 24).
    book = write_book(tmp_path / "a.xlsx", {"milestones": [MILESTONE]})
    with immutable(backups):
        check = run_cli("--lang", "en", "check", "--db", str(made))
        assert check.returncode == 0, check.stderr
        assert "integrity: ok" in check.stdout
        assert "No backup was made" in check.stderr and str(backups) in check.stderr
        imported = run_cli("--lang", "en", "import", str(book), "--db", str(made))
        assert imported.returncode == 0, imported.stderr
        assert "imported: 1 added" in imported.stdout
        assert "No backup was made" in imported.stderr
    assert list(backups.iterdir()) == []


def test_restore_while_another_program_writes(made, tmp_path: Path, run_cli) -> None:
    copy = tmp_path / "copy.sqlite"
    assert run_cli("backup", "--db", str(made), "-o", str(copy)).returncode == 0
    before = digest(made)
    holder = sqlite3.connect(made, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE project SET notes = 'held' WHERE no = 1")
        result = run_cli("--lang", "en", "restore", "--db", str(made), str(copy))
        _one_line(result, "another program is using the database", "Nothing was replaced")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert digest(made) == before
