"""Revision 0002 gives every stored payment the plan year it settles, by the released rules.

The released 0001 program counted a reward for the year before it was paid and anything
else for its own year; the migration writes exactly that into `for_year`, so no figure of
an upgraded database moves.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop_app.db.database import open_database

STORED = Path(__file__).resolve().parent / "data" / "schemas" / "0001_initial.sqlite"


def test_upgrade_fills_for_year_by_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(STORED, path)
    database = open_database(path, lock=False)
    database.dispose()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT kind, CAST(strftime('%Y', paid_on) AS INTEGER), for_year FROM disbursement"
        ).fetchall()
        closes = conn.execute("SELECT count(*) FROM quarter_close").fetchone()[0]
    finally:
        conn.close()
    assert rows, "the stored demo database has payments"
    kinds = {k for k, _, _ in rows}
    assert {"reward", "fixed", "startup"} <= kinds
    for kind, paid_year, for_year in rows:
        assert for_year == (paid_year - 1 if kind == "reward" else paid_year), (kind, paid_year)
    assert closes == 0
