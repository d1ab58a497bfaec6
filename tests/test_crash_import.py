"""Power cut during `key-projects import`: each import is wholly present or wholly absent.

Two workbooks A and B hold the same rows with different values. A child process
imports A, B, A, B… (each one transaction, after its pre-import backup) and is killed
with SIGKILL at random moments (fixed seed). After each kill the database must pass
`integrity_check` and hold exactly the state after A or exactly the state after B,
never a mixture. 10 kills by default, 100 under `-m slow`.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from platform_marks import needs_sigkill
from sqlalchemy import select, text
from test_crash_kill import CHILD, _read_until

from desktop_app.db.database import integrity_check, open_database
from desktop_app.db.models import Base, Disbursement, Milestone, Project
from desktop_app.io.export import export_workbook
from desktop_app.io.importer import import_workbook

pytestmark = needs_sigkill  # the importer is killed with SIGKILL at random moments

SEED = 20_261_125


def fingerprint(db) -> str:
    """Every domain row, without version counters and the audit trail (which only grows)."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in ("audit_entry", "alembic_version"):
                continue
            cols = [c.name for c in table.columns if c.name != "version"]
            order = ", ".join(c.name for c in table.primary_key.columns)
            sql = f"SELECT {', '.join(cols)} FROM {table.name} ORDER BY {order}"
            for row in conn.execute(text(sql)):
                digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()


def two_books(db, folder: Path) -> tuple[Path, Path]:
    with db.session() as s:
        projects = list(s.scalars(select(Project).order_by(Project.no)))
        for i, p in enumerate(projects):
            s.add(
                Milestone(
                    project_id=p.id,
                    code="M1",
                    title=f"节点 {i}",
                    planned_end=date(2026, 6, 30),
                    percent_complete=10,
                )
            )
            s.add(
                Disbursement(
                    project_id=p.id,
                    paid_on=date(2026, 2, 1),
                    amount_fen=1000 + i,
                    kind="fixed",
                    doc_no=f"A-{i}",
                )
            )
    book_a = export_workbook(db, folder / "a.xlsx")
    with db.session() as s:
        for p in s.scalars(select(Project)):
            p.lead_org = f"乙单位 {p.no}"
            p.notes = "B 版"
        for m in s.scalars(select(Milestone)):
            m.percent_complete = 60
            m.title = m.title + "(乙)"
    book_b = export_workbook(db, folder / "b.xlsx")
    return two_way(book_a), two_way(book_b)


def two_way(book: Path) -> Path:
    """The workbook without its export copy (as if made by hand): importing it replaces
    every differing value, so importing A then B flips the database between two states
    (an exported workbook is compared three-way and would leave B's newer values alone)."""
    from openpyxl import load_workbook

    wb = load_workbook(book)
    for ws in list(wb.worksheets):
        if ws.title.startswith("_kp_"):
            wb.remove(ws)
    wb.save(book)
    return book


def run_import_kills(tmp_path: Path, kills: int, seed: int = SEED) -> dict[str, int]:
    path = tmp_path / "导入 crash.sqlite"
    db = open_database(path)
    book_a, book_b = two_books(db, tmp_path)
    started = time.monotonic()
    import_workbook(db, book_a)
    span = time.monotonic() - started  # only spreads the kills; nothing is asserted on it
    state_a = fingerprint(db)
    import_workbook(db, book_b)
    state_b = fingerprint(db)
    db.dispose()
    assert state_a != state_b
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, str(CHILD), "zygote", str(path), "io"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    figures = {"kills": 0, "ended_as_a": 0, "ended_as_b": 0, "imports_seen": 0}
    try:
        _read_until(zygote, "zygote", [])
        for _ in range(kills):
            lines: list[str] = []
            zygote.stdin.write(f"import {book_a}|{book_b}\n")
            zygote.stdin.flush()
            pid = int(_read_until(zygote, "ready", lines).split()[1])
            if rng.random() < 0.5:
                _read_until(zygote, "imported", lines)
                figures["imports_seen"] += 1
            time.sleep(rng.uniform(0.0, 2 * span))
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write(f"reap {pid}\n")
            zygote.stdin.flush()
            _read_until(zygote, "reaped", lines)
            figures["kills"] += 1
            db = open_database(path)
            try:
                assert integrity_check(db) == []
                state = fingerprint(db)
            finally:
                db.dispose()
            assert state in (state_a, state_b), f"a half import after kill {figures['kills']}"
            figures["ended_as_a" if state == state_a else "ended_as_b"] += 1
    finally:
        zygote.stdin.close()
        zygote.kill()
        zygote.wait()
    return figures


def test_sigkill_during_imports_leaves_before_or_after(tmp_path: Path) -> None:
    figures = run_import_kills(tmp_path, kills=10)
    print("import crash figures:", figures)
    assert figures["kills"] == 10
    assert figures["ended_as_a"] + figures["ended_as_b"] == 10


@pytest.mark.slow
def test_sigkill_during_imports_many_times(tmp_path: Path) -> None:
    figures = run_import_kills(tmp_path, kills=100, seed=SEED + 1)
    print("import crash figures:", figures)
    assert figures["ended_as_a"] + figures["ended_as_b"] == 100
