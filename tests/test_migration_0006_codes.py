"""Revision 0006 rewrites stored codes to their one spelling (NFKC, upper case).

Upgrades a copy of the released 0001 database in which codes were stored as typed
(`ｍ０１x`, `k1`), and checks they now match what an import of `M01X` / `K1` looks for —
while a spelling whose normal form is already taken in the same project stays as it is.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop_app.db.database import open_database

STORED = Path(__file__).resolve().parent / "data" / "schemas" / "0001_initial.sqlite"


def test_stored_codes_get_one_spelling(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(STORED, path)
    conn = sqlite3.connect(path)
    first, second, third = (
        r[0]
        for r in conn.execute(
            "SELECT id FROM milestone WHERE project_id = (SELECT min(project_id) FROM milestone) "
            "ORDER BY id LIMIT 3"
        )
    )
    conn.execute("UPDATE milestone SET code = 'ｍ０１x' WHERE id = ?", (first,))
    conn.execute("UPDATE milestone SET code = 'Q7' WHERE id = ?", (second,))
    conn.execute("UPDATE milestone SET code = 'q7' WHERE id = ?", (third,))  # would collide
    has_indicator = conn.execute("SELECT min(id) FROM indicator").fetchone()[0]
    if has_indicator is not None:
        conn.execute("UPDATE indicator SET code = 'k１' WHERE id = ?", (has_indicator,))
    conn.commit()
    conn.close()

    open_database(path).dispose()  # migrates to head

    conn = sqlite3.connect(path)
    try:
        code = dict(conn.execute("SELECT id, code FROM milestone"))
        assert code[first] == "M01X"
        assert (code[second], code[third]) == ("Q7", "q7")
        if has_indicator is not None:
            assert (
                conn.execute(
                    "SELECT code FROM indicator WHERE id = ?", (has_indicator,)
                ).fetchone()[0]
                == "K1"
            )
    finally:
        conn.close()
