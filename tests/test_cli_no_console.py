"""The windowed Windows program has no console: sys.stdin, sys.stdout and sys.stderr are
None there. Every sub-command still runs to its exit status (issue 27: the PostgreSQL
password prompt called `sys.stdin.isatty()` on None and crashed)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.commands import ask_password_in_terminal


@pytest.fixture
def no_console(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(sys, name, None)


def commands(tmp: Path, db: Path) -> list[tuple[list[str], int]]:
    """Every sub-command (and usage, version, help), with the exit status it must give."""
    (tmp / "ev.txt").write_text("evidence", encoding="utf-8")
    d = ["--db", str(db)]
    return [
        (["--version"], 0),
        (["--help"], 0),
        (["check", "--no-such-flag"], 2),
        (["init", "--db", str(tmp / "new.sqlite")], 0),
        (["check", *d], 0),
        (["check", "--db", str(tmp / "missing.sqlite")], 2),
        (["export", *d, "-o", str(tmp / "x.xlsx")], 0),
        (["import", *d, str(tmp / "x.xlsx"), "--dry-run"], 0),
        (["import", *d, str(tmp / "nothing.xlsx")], 2),
        (["export", *d, "--csv", "--table", "milestones", "-o", str(tmp / "m.csv")], 0),
        (["report", *d, "--quarter", "2026Q3", "-o", str(tmp / "b.pdf")], 0),
        (["report", *d, "--plan-period", "2021-2025", "-o", str(tmp / "f.pdf")], 0),
        (["close-quarter", *d, "2026Q2"], 0),
        (["quarters", *d], 0),
        (["reopen-quarter", *d, "2026Q2", "--reason", "test"], 0),
        (["evidence", "add", *d, "--project", "1", "--milestone", "M01", str(tmp / "ev.txt")], 0),
        (["evidence", "list", *d], 0),
        (["evidence", "get", *d, "1", "-o", str(tmp / "ev-out.txt")], 0),
        (["returns", "make", *d, "--quarter", "2026Q3", "-o", str(tmp / "ret")], 0),
        (["returns", "collect", *d, str(tmp / "ret"), "--dry-run"], 0),
        (["returns", "status", *d, "--quarter", "2026Q3"], 0),
        (["backup", *d, "-o", str(tmp / "bk.sqlite")], 0),
        (["restore", *d, str(tmp / "bk.sqlite")], 0),
        (["copy", "--from", str(db), "--to", str(tmp / "copy.sqlite")], 0),
    ]


def test_every_subcommand_runs_without_standard_streams(
    no_console: None, tmp_path: Path, demo_template: Path
) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    got = []
    for argv, expected in commands(tmp_path, db):
        try:
            status = cli.main(argv)
        except SystemExit as exc:  # --help / --version leave through argparse
            status = int(exc.code or 0)
        got.append((argv[0], status, expected))
    assert [g for g in got if g[1] != g[2]] == []
    assert (tmp_path / "ev-out.txt").read_text(encoding="utf-8") == "evidence"
    assert len(list((tmp_path / "ret").glob("*.xlsx"))) == 13


def test_the_password_prompt_without_a_console(no_console: None) -> None:
    assert ask_password_in_terminal("db.example:5432") is None


def test_an_unexpected_error_without_a_console_is_logged(
    no_console: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from desktop_app.commands import check

    def boom(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "run", boom)
    assert cli.main(["check", "--db", str(tmp_path / "x.sqlite")]) == 1
    assert list((tmp_path / "data").rglob("*.log"))


def test_output_the_code_page_lacks_does_not_fail_the_command(tmp_path: Path) -> None:
    """A Chinese Windows console is cp936 (GBK); PYTHONUTF8 used to hide it in CI. A path
    with a character GBK lacks is printed as '?', and the command still exits 0."""
    import os
    import subprocess

    path = tmp_path / "数据 🙂" / "portfolio.sqlite"
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "KEY_PROJECTS_DATA_DIR": str(tmp_path)}
    env.pop("PYTHONUTF8", None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "init", "--db", str(path)],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    assert "数据 ?" in result.stdout.decode("gbk")
    assert path.is_file()
