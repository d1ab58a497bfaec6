"""Moving a whole portfolio between databases (SQLite file ⇄ PostgreSQL server).

Every row of every table is copied in ONE transaction on the target, ids included, so
links and the audit trail stay intact. Before committing, the row count of each table
and the sum of each money column (`*_fen`) are compared with the source's; after
committing they are compared once more over a fresh connection. The target must be
empty (a new file, an empty server database, or one with the schema and no rows); if
anything fails, it is left as empty as it was: a new file is deleted, an empty server
database loses the tables the copy created.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, LargeBinary, Table, func, select, text
from sqlalchemy.exc import DBAPIError

from desktop_app.db import migrate, server
from desktop_app.db.database import Database, open_database
from desktop_app.db.engine import make_engine, sqlite_path, to_url
from desktop_app.db.models import Base
from desktop_app.errors import UserError
from desktop_app.i18n import register, t

register(
    {
        "{target}: already holds data ({rows} rows in {table}); copy only into an empty database": (
            "{target}:已有数据({table} 中 {rows} 行);只能复制到空数据库"
        ),
        "source and target are the same database ({db})": "源数据库与目标数据库相同({db})",
        "{target}: opened read-only ({reason}); cannot copy into it": (
            "{target}:以只读方式打开({reason});无法复制进去"
        ),
        "{target}: cannot copy table {table} ({reason}); nothing was copied": (
            "{target}:无法复制表 {table}({reason});未复制任何内容"
        ),
        "{target}: the copy does not match the source ({what}); nothing was copied": (
            "{target}:复制结果与源数据不一致({what});未复制任何内容"
        ),
    }
)

BATCH = 2000
#: Tables holding file bytes (evidence, up to 50 MB a row) are copied a few rows at a time.
BLOB_BATCH = 4


@dataclass(frozen=True)
class TableTally:
    """What must be equal on both sides: the row count and each money column's sum."""

    rows: int
    money: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tallies: dict[str, TableTally]

    @property
    def rows(self) -> int:
        return sum(x.rows for x in self.tallies.values())

    @property
    def money_fen(self) -> int:
        return sum(v for x in self.tallies.values() for _c, v in x.money)


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def tally(conn: Connection) -> dict[str, TableTally]:
    """Row counts and money sums of every table, read in the connection's transaction."""
    out: dict[str, TableTally] = {}
    for table in _tables():
        money_cols = [c for c in table.columns if c.name.endswith("_fen")]
        sums = [func.coalesce(func.sum(c), 0) for c in money_cols]
        row = conn.execute(select(func.count(), *sums).select_from(table)).one()
        out[table.name] = TableTally(
            rows=int(row[0]),
            money=tuple((c.name, int(v)) for c, v in zip(money_cols, row[1:], strict=True)),
        )
    return out


def _check(before: dict[str, TableTally], conn: Connection, target: str) -> None:
    after = tally(conn)
    for name, want in before.items():
        got = after.get(name)
        if got != want:
            raise UserError(
                t(
                    "{target}: the copy does not match the source ({what}); nothing was copied",
                    target=target,
                    what=f"{name}: {want} ≠ {got}",
                )
            )


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: the next id after the copied ones (ids were inserted explicitly)."""
    if conn.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" not in table.columns or not table.c.id.primary_key:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"
            ),
            {"t": table.name},
        )


#: The `setting` row a migrated database is born with (its identity, migration 0005): not
#: data. A copy takes the source's identity instead: it is the same portfolio.
_IDENTITY = "database_id"


def _own_identity(conn: Connection) -> int:
    setting = Base.metadata.tables["setting"]
    q = select(func.count()).select_from(setting).where(setting.c.key == _IDENTITY)
    return int(conn.execute(q).scalar() or 0)


def _copy_rows(src: Connection, dst: Connection, target: str) -> None:
    setting = Base.metadata.tables["setting"]
    dst.execute(setting.delete().where(setting.c.key == _IDENTITY))
    for table in _tables():
        blobs = any(isinstance(c.type, LargeBinary) for c in table.columns)
        batch = BLOB_BATCH if blobs else BATCH
        result = src.execution_options(yield_per=batch).execute(select(table))
        try:
            for part in result.mappings().partitions(batch):
                dst.execute(table.insert(), [dict(r) for r in part])
        except DBAPIError as exc:
            reason = server.scrub(str(exc.orig).splitlines()[0], dst.engine.url)
            raise UserError(
                t(
                    "{target}: cannot copy table {table} ({reason}); nothing was copied",
                    target=target,
                    table=table.name,
                    reason=reason,
                )
            ) from None
    _reset_sequences(dst)


def _probe_target(target: str, ask_password: server.PasswordPrompt | None) -> tuple[bool, str]:
    """(has no schema yet, the target to open): a failed copy into an empty target takes
    its tables out again. A server's password is asked for here, once."""
    url = to_url(target)
    path = sqlite_path(url)
    if path is not None:
        return not path.exists(), target
    url = server.reachable_url(url, ask_password)
    probe = make_engine(url, readonly=True)
    try:
        return migrate.current_revision(probe) is None, url.render_as_string(hide_password=False)
    finally:
        probe.dispose()


def _require_empty(db: Database) -> None:
    with db.engine.connect() as conn:
        own = _own_identity(conn)
        for name, tl in tally(conn).items():
            if tl.rows - (own if name == "setting" else 0):
                raise UserError(
                    t(
                        "{target}: already holds data ({rows} rows in {table}); "
                        "copy only into an empty database",
                        target=db.display_name,
                        rows=tl.rows,
                        table=name,
                    )
                )


def _undo_target(db: Database, was_empty: bool) -> None:
    if not was_empty:
        return
    if db.path is not None:
        db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db.path}{suffix}").unlink(missing_ok=True)
    else:
        server.unmigrate_quietly(db.engine)


def copy_database(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    ask_password: server.PasswordPrompt | None = None,
) -> CopyReport:
    """Copy every row from `source` into the empty `target`; checked, all or nothing."""
    src = open_database(source, create=False, seed=False, lock=False, ask_password=ask_password)
    try:
        if to_url(target) == src.url._replace(password=None) or to_url(target) == src.url:
            raise UserError(
                t("source and target are the same database ({db})", db=src.display_name)
            )
        was_empty, target = _probe_target(os.fspath(target), ask_password)
        dst = open_database(target, create=True, seed=False)
        try:
            if dst.readonly:
                raise UserError(
                    t(
                        "{target}: opened read-only ({reason}); cannot copy into it",
                        target=dst.display_name,
                        reason=dst.readonly_reason,
                    )
                )
            _require_empty(dst)
            report = _copy_checked(src, dst)
        except BaseException:
            _undo_target(dst, was_empty)
            raise
        finally:
            dst.dispose()
    finally:
        src.dispose()
    return report


def _copy_checked(src: Database, dst: Database) -> CopyReport:
    target = dst.display_name
    with server.user_errors(dst.url), server.user_errors(src.url):
        s_conn = src.engine.connect()
        if src.engine.dialect.name == "postgresql":
            s_conn = s_conn.execution_options(isolation_level="REPEATABLE READ")
        with s_conn, s_conn.begin():
            before = tally(s_conn)
            with dst.engine.begin() as d_conn:
                _copy_rows(s_conn, d_conn, target)
                _check(before, d_conn, target)  # before commit: a mismatch rolls back
        with dst.engine.connect() as fresh:
            _check(before, fresh, target)  # after commit, as another client sees it
    return CopyReport(source=src.display_name, target=target, tallies=before)
