"""Power-cut test: a writer killed with SIGKILL at random moments never leaves half a batch.

A child process writes batches of rows (one transaction each, with their audit trail,
and a pre-import backup every 7th batch) in a loop; the test kills it at a random
moment (fixed seed), then opens the database as the app does and checks: the stale
lock is detected and taken over, `integrity_check` is ok, every batch is wholly
present or wholly absent (rows and audit entries alike), and every batch the child
reported committed is there. 50 kills by default, 400 under `-m slow`.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from platform_marks import needs_fork, needs_sigkill
from sqlalchemy import text

from desktop_app.db.backup import backups_of
from desktop_app.db.database import integrity_check, open_database
from desktop_app.db.restore import check_database_file

# The child forks a writer per batch (safety_child.py) and the parent kills it with SIGKILL.
pytestmark = [needs_sigkill, needs_fork]

CHILD = Path(__file__).with_name("safety_child.py")
BATCH_ROWS = 25
SEED = 8_2026


def _batches(db) -> tuple[dict[int, int], dict[int, int]]:
    """Rows and audit entries per batch id."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT substr(doc_no, 2, instr(doc_no, '-') - 2) AS b, count(*) "
                "FROM disbursement WHERE doc_no LIKE 'B%' GROUP BY b"
            )
        ).all()
        audit = conn.execute(
            text(
                "SELECT substr(after, 2, instr(after, '-') - 2) AS b, count(*) FROM audit_entry "
                "WHERE table_name = 'disbursement' AND field = 'doc_no' AND action = 'insert' "
                "GROUP BY b"
            )
        ).all()
    return {int(b): n for b, n in rows}, {int(b): n for b, n in audit}


def _lines(proc: subprocess.Popen) -> queue.Queue:
    """The child's stdout as a queue of lines, filled by a daemon thread (None at EOF)."""
    q = getattr(proc, "_kp_lines", None)
    if q is None:
        q = queue.Queue()

        def pump() -> None:
            for line in proc.stdout:
                q.put(line)
            q.put(None)

        threading.Thread(target=pump, daemon=True).start()
        proc._kp_lines = q  # type: ignore[attr-defined]
    return q


def _read_until(proc: subprocess.Popen, prefix: str, sink: list[str], timeout: float = 60.0) -> str:
    """The child's next line starting with `prefix`; fails, never hangs, after `timeout` s."""
    q = _lines(proc)
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = q.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(
                f"no {prefix!r} from the child in {timeout:.0f} s: {sink[-5:]}"
            ) from None
        if line is None:
            raise AssertionError(f"child ended before {prefix!r}: {sink[-5:]}")
        sink.append(line.strip())
        if line.startswith(prefix):
            return line.strip()


def run_kills(tmp_path: Path, kills: int, seed: int = SEED) -> dict[str, int]:
    path = tmp_path / "crash 崩溃.sqlite"
    open_database(path).dispose()
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, str(CHILD), "zygote", str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    figures = {
        "kills": 0,
        "stale_locks_released": 0,
        "partial_batches": 0,
        "committed": 0,
        "batches_waited_for": 0,
    }
    next_batch = 1
    reported: set[int] = set()
    try:
        _read_until(zygote, "zygote", [])
        for _ in range(kills):
            lines: list[str] = []
            zygote.stdin.write(f"fork {next_batch}\n")
            zygote.stdin.flush()
            pid = int(_read_until(zygote, "ready", lines).split()[1])
            # Let 0-3 batches commit first (so work gets done however slow the machine),
            # then kill at a random moment of whatever comes next.
            wait_for = rng.choice((0, 1, 2, 3))
            for _ in range(wait_for):
                _read_until(zygote, "committed", lines)
            figures["batches_waited_for"] += wait_for
            time.sleep(rng.uniform(0.0, 0.04))
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write(f"reap {pid}\n")
            zygote.stdin.flush()
            _read_until(zygote, "reaped", lines)
            figures["kills"] += 1
            reported |= {int(x.split()[1]) for x in lines if x.startswith("committed")}

            db = open_database(path)
            try:
                assert not db.readonly, db.readonly_reason
                if any("ended without closing" in w or "未正常关闭" in w for w in db.warnings):
                    figures["stale_locks_released"] += 1
                assert integrity_check(db) == []
                rows, audit = _batches(db)
            finally:
                db.dispose()
            partial = {b: n for b, n in rows.items() if n != BATCH_ROWS}
            figures["partial_batches"] += len(partial)
            assert partial == {}, f"half-written batches after kill {figures['kills']}"
            # Each insert wrote its audit rows in the same transaction.
            assert audit == rows
            assert reported <= set(rows), "a batch reported committed was lost"
            next_batch = max(rows, default=0) + 1
        figures["committed"] = len(rows)
    finally:
        zygote.stdin.close()
        zygote.kill()
        zygote.wait()
    # Backups interrupted by a kill never appear under their final name half-written.
    for b in backups_of(path):
        check_database_file(b.path, full=False)
    figures["backups_checked"] = len(backups_of(path))
    return figures


def test_sigkill_during_writes_loses_nothing_committed(tmp_path: Path) -> None:
    figures = run_kills(tmp_path, kills=50)
    print("crash figures:", figures)
    assert figures["kills"] == 50
    assert figures["stale_locks_released"] == 50
    assert figures["partial_batches"] == 0
    # Every batch the test saw reported is there (checked after each kill, too).
    assert figures["committed"] >= figures["batches_waited_for"] > 0


@pytest.mark.slow
def test_sigkill_many_times(tmp_path: Path) -> None:
    figures = run_kills(tmp_path, kills=400, seed=SEED + 1)
    print("crash figures:", figures)
    assert figures["kills"] == 400 and figures["partial_batches"] == 0
