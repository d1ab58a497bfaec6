"""A second process for the data-safety tests (run as `python tests/safety_child.py MODE DB`).

`hold`: open the database with the writer lock, say `ready`, wait to be killed.
`writer`: write batches in a loop, one transaction each; print `committed <id>` after
each commit (the parent kills it with SIGKILL at a random moment).
`importer` (forked by the zygote): import workbooks A, B, A, B… in a loop, printing
`imported <name>` after each.
`zygote`: import everything once, then on `fork <first batch>` start a writer as a
forked child (`ready <pid>`), and on `reap <pid>` wait for it (`reaped <pid>`), so each
kill costs a fork rather than a Python start-up. Every batch adds
BATCH_ROWS disbursements with `doc_no = B<id>-<n>`, and every few batches takes a
pre-import backup, so kills also land in the middle of a backup.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

BATCH_ROWS = 25


def say(*parts: object) -> None:
    """One line in one write(2): a SIGKILL can never leave half a line in the pipe.

    `print()` with PYTHONUNBUFFERED=1 (set on CI machines) writes each part separately;
    a kill between them left `committed` without its newline, the zygote's next
    `reaped` line was glued to it, and the parent waited forever.
    """
    os.write(sys.stdout.fileno(), (" ".join(str(p) for p in parts) + "\n").encode("utf-8"))


def hold(db_path: str) -> None:
    from desktop_app.db.database import open_database

    db = open_database(db_path)
    say("ready", db.readonly)
    time.sleep(120)


def writer(db_path: str, first_batch: int) -> None:
    from sqlalchemy import select

    from desktop_app.db.backup import backup_before
    from desktop_app.db.database import open_database
    from desktop_app.db.models import Disbursement, Project

    db = open_database(db_path)
    if db.readonly:
        say("readonly", db.readonly_reason)
        os._exit(3)
    with db.reader() as s:
        pids = list(s.scalars(select(Project.id).order_by(Project.no)))
    say("ready", os.getpid())
    batch = first_batch
    while True:
        with db.session() as s:
            for n in range(BATCH_ROWS):
                s.add(
                    Disbursement(
                        project_id=pids[(batch + n) % len(pids)],
                        paid_on=date(2026, 1 + n % 12, 1 + n % 28),
                        amount_fen=1000 + n,
                        kind="fixed",
                        doc_no=f"B{batch}-{n}",
                        note="批次 crash test",
                    )
                )
        say("committed", batch)
        if batch % 7 == 0:
            backup_before(db, "import")
        batch += 1


def importer(db_path: str, books: list[str]) -> None:
    """`key-projects import` in a loop over `books` (each import one transaction)."""
    from desktop_app.db.database import open_database
    from desktop_app.io.importer import import_workbook

    db = open_database(db_path)
    say("ready", os.getpid())
    while True:
        for book in books:
            import_workbook(db, book)
            say("imported", Path(book).name)


def zygote(db_path: str, preload_io: bool = False) -> None:
    from sqlalchemy.orm import configure_mappers

    import desktop_app.db.backup
    import desktop_app.db.database
    import desktop_app.preferences

    configure_mappers()
    if preload_io:
        import desktop_app.io.importer  # noqa: F401 - pandas and openpyxl, once

    say("zygote")
    for line in sys.stdin:
        cmd, arg = line.split()
        if cmd in ("fork", "import"):
            pid = os.fork()
            if pid == 0:
                try:
                    if cmd == "fork":
                        writer(db_path, int(arg))
                    else:
                        importer(db_path, arg.split("|"))
                finally:
                    os._exit(1)
        elif cmd == "reap":
            os.waitpid(int(arg), 0)
            say("reaped", arg)


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "hold":
        hold(path)
    elif mode == "zygote":
        zygote(path, preload_io=len(sys.argv) > 3 and sys.argv[3] == "io")
    elif mode == "writer":
        writer(path, int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
