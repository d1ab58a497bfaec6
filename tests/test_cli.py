"""The command line end to end, through a new process each time."""

from __future__ import annotations

import hashlib
import sqlite3

from desktop_app import __version__
from desktop_app.db import schema_version


def test_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"key-projects {__version__}"


def test_init_creates_and_seeds_then_check_reads_it(run_cli, tmp_path):
    path = tmp_path / "新 文件夹" / "portfolio.sqlite"  # Chinese and a space in the path
    assert run_cli("init", "--db", str(path)).returncode == 0
    result = run_cli("check", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert f"schema: {schema_version.HEAD}" in result.stdout
    assert "projects: 13" in result.stdout and "integrity: ok" in result.stdout
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600


def test_check_never_creates_a_missing_database(run_cli, tmp_path):
    """Issue 14: `check --db demo.sqlit` used to create, seed and approve a new database."""
    path = tmp_path / "新 文件夹" / "demo.sqlit"
    result = run_cli("--lang", "en", "check", "--db", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"key-projects: no database at {path} (create one with `key-projects init`)"
    )
    assert not path.exists() and not path.parent.exists()


def test_check_uses_the_environment_variable(run_cli, tmp_path):
    path = tmp_path / "env.sqlite"
    assert run_cli("init", "--db", str(path)).returncode == 0
    result = run_cli("check", env={"KEY_PROJECTS_DB": str(path)})
    assert result.returncode == 0 and str(path) in result.stdout
    garbage = tmp_path / "no folder" / "garbage"
    result = run_cli("check", env={"KEY_PROJECTS_DB": str(garbage)})
    assert result.returncode == 2 and "no database at" in result.stderr
    assert not garbage.parent.exists()


def test_default_database_lives_in_the_data_folder(run_cli, tmp_path):
    assert run_cli("init").returncode == 0
    assert (tmp_path / "data" / "key-projects.sqlite").exists()
    result = run_cli("check")
    assert result.returncode == 0, result.stderr


def test_bad_files_exit_2_with_one_line_and_stay_unchanged(run_cli, tmp_path):
    text_file = tmp_path / "a.sqlite"
    text_file.write_text("hello")
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for path, reason in ((text_file, "not a SQLite"), (other, "another program"), (empty, "empty")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        result = run_cli("check", "--db", str(path))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0]
        assert "Traceback" not in result.stderr
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_usage_error_exits_2(run_cli):
    assert run_cli("check", "--no-such-flag").returncode == 2


def test_init_demo_marks_sample_data_and_refuses_to_overwrite(run_cli, tmp_path):
    path = tmp_path / "demo.sqlite"
    first = run_cli("init", "--demo", "--db", str(path))
    assert first.returncode == 0, first.stderr
    conn = sqlite3.connect(path)
    samples = conn.execute("SELECT COUNT(*) FROM project WHERE is_sample = 1").fetchone()[0]
    marked = conn.execute("SELECT COUNT(*) FROM project WHERE lead_org LIKE '%示例%'").fetchone()[0]
    conn.close()
    assert samples == 13 and marked == 13
    again = run_cli("init", "--demo", "--db", str(path))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_python_m_and_console_script_are_one_program():
    from desktop_app import cli

    assert cli.main.__module__ == "desktop_app.cli"
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["key-projects"] == "desktop_app.cli:main"
