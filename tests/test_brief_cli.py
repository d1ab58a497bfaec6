"""`key-projects report` end to end: English headings, refused quarters and outputs."""

from __future__ import annotations

import subprocess

import pytest
from brief_sample import EPOCH, add_sample
from platform_marks import needs_poppler

from desktop_app.db.database import open_database


@pytest.fixture
def sample_path(tmp_path):
    path = tmp_path / "sample.sqlite"
    db = open_database(path)
    add_sample(db)
    db.dispose()
    return path


@needs_poppler
def test_english_brief(run_cli, sample_path, tmp_path):
    out = tmp_path / "brief-en.pdf"
    done = run_cli(
        "report",
        "--quarter",
        "2026Q3",
        "--lang",
        "en",
        "--db",
        str(sample_path),
        "-o",
        str(out),
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.returncode == 0, done.stderr
    assert "18 pages" in done.stdout  # the funding notes and footnote take a little more room
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in (
        "Quarterly Brief",
        "1. Overview",
        "2. Portfolio",
        "3. Projects",
        "Appendix",
        "Page 1 of 18",
        "Domestic Mobile OS Developer",
    ):
        assert heading in text, heading
    assert "总体情况" not in text


@pytest.mark.parametrize("quarter", ["2026Q5", "26Q1", "2019Q4"])
def test_bad_quarter_exits_2(run_cli, sample_path, tmp_path, quarter):
    out = tmp_path / "never.pdf"
    done = run_cli("report", "--quarter", quarter, "--db", str(sample_path), "-o", str(out))
    assert done.returncode == 2
    assert quarter in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize("target", ["folder", "missing/brief.pdf", "file.txt/brief.pdf"])
def test_unwritable_output_exits_2_and_leaves_nothing(run_cli, sample_path, tmp_path, target):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    done = run_cli(
        "report", "--quarter", "2026Q3", "--db", str(sample_path), "-o", str(tmp_path / target)
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    after = sorted(
        p.name
        for p in tmp_path.rglob("*")
        if "data" not in p.parts and "config" not in p.parts and p.name not in ("data", "config")
    )
    assert [n for n in after if n.endswith(".tmp") or n.endswith(".pdf")] == []
    assert set(before) <= set(after)
