"""`key-projects copy`: SQLite → PostgreSQL → SQLite keeps every row and every total."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_support import url_text
from sqlalchemy import create_engine, select
from sqlalchemy.engine import URL

from desktop_app.db.copy import copy_database, tally
from desktop_app.db.database import Database, open_database
from desktop_app.db.models import Base, Disbursement
from desktop_app.errors import UserError

pytestmark = pytest.mark.postgres


def _all_rows(target: str | URL) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key, as plain tuples."""
    engine = create_engine(target)
    try:
        with engine.connect() as conn:
            out = {}
            for table in Base.metadata.sorted_tables:
                rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                out[table.name] = [tuple(r) for r in rows]
            return out
    finally:
        engine.dispose()


def _with_money(db: Database) -> None:
    """The demo may not pay anything yet; make sure money columns are really exercised."""
    from datetime import date

    with db.session() as s:
        for pid, fen in ((1, 123_456_789), (2, 1), (3, 9_999_999_999)):
            s.add(
                Disbursement(
                    project_id=pid,
                    paid_on=date(2026, 3, 1),
                    amount_fen=fen,
                    kind="fixed",
                    note="示例",
                )
            )


def test_copy_there_and_back_preserves_every_row_and_total(
    demo_db: Database, pg_url: URL, tmp_path: Path
) -> None:
    _with_money(demo_db)
    source = demo_db.path
    assert source is not None
    demo_db.dispose()
    original = _all_rows(f"sqlite:///{source}")

    there = copy_database(source, url_text(pg_url))
    assert there.rows == sum(len(v) for v in original.values())
    amount_at = list(Disbursement.__table__.columns.keys()).index("amount_fen")
    paid = sum(row[amount_at] for row in original["disbursement"])
    assert paid >= 10_123_456_789  # the three payments above, plus the demo's own
    assert there.tallies["disbursement"].money == (("amount_fen", paid),)
    assert there.money_fen >= paid

    back_path = tmp_path / "back.sqlite"
    back = copy_database(url_text(pg_url), back_path)
    assert back.tallies == there.tallies

    assert _all_rows(pg_url) == original
    assert _all_rows(f"sqlite:///{back_path}") == original

    # The copy is a working database: the server hands out the next id after the copied ones.
    db = open_database(url_text(pg_url), lock=False)
    try:
        _with_money(db)
        with db.engine.connect() as conn:
            assert tally(conn)["disbursement"].rows == len(original["disbursement"]) + 3
    finally:
        db.dispose()


def test_copy_refuses_a_target_with_data_and_changes_nothing(
    db: Database, pg_seeded_url: URL, cli
) -> None:
    filled = open_database(url_text(pg_seeded_url), lock=False)  # 13 projects
    with filled.engine.connect() as conn:
        before = tally(conn)
    filled.dispose()
    assert db.path is not None
    done = cli("copy", "--from", str(db.path), "--to", url_text(pg_seeded_url))
    assert done.returncode == 2
    assert "already holds data" in done.stderr or "已有数据" in done.stderr
    assert str(pg_seeded_url.password) not in done.stderr
    check = open_database(url_text(pg_seeded_url), lock=False)
    with check.engine.connect() as conn:
        assert tally(conn) == before
    check.dispose()


def test_failed_copy_leaves_an_empty_server_database_empty(
    db: Database, pg_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.db import copy as copy_module

    def broken(*_args: object) -> None:
        raise UserError("simulated failure in the middle of the copy")

    monkeypatch.setattr(copy_module, "_reset_sequences", broken)
    assert db.path is not None
    with pytest.raises(UserError, match="simulated"):
        copy_database(db.path, url_text(pg_url))
    engine = create_engine(pg_url)
    try:
        from sqlalchemy import inspect

        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_copy_command_prints_the_checked_totals(db: Database, pg_url: URL, cli, tmp_path):
    assert db.path is not None
    done = cli("--lang", "en", "copy", "--from", str(db.path), "--to", url_text(pg_url))
    assert done.returncode == 0, done.stderr
    assert "project: 13" in done.stdout
    assert "checked on both sides" in done.stdout
    assert str(pg_url.password) not in done.stdout
    back = tmp_path / "again.sqlite"
    done = cli("copy", "--from", url_text(pg_url), "--to", str(back))
    assert done.returncode == 0, done.stderr
    assert back.exists()
