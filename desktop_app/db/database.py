"""Opening a database: refuse what is not ours, back up, migrate, seed — then hand out sessions.

`open_database()` is the only way the app gets at its data. The checks run in an order
that never changes a file we refuse: header first (bytes only), then the schema
revision over a read-only connection, and only then a writable engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db import audit, migrate, schema_version
from desktop_app.db.backup import timestamped_backup
from desktop_app.db.engine import (
    inspect_sqlite_file,
    make_engine,
    sqlite_path,
    stamp_application_id,
    to_url,
)
from desktop_app.errors import DatabaseRefused
from desktop_app.paths import make_private_dir


@dataclass
class Database:
    """An open, migrated database. Services take one and open their own sessions."""

    url: URL
    engine: Engine
    factory: sessionmaker[Session]
    path: Path | None = None
    readonly: bool = False
    created: bool = False
    backups_made: list[Path] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        """Safe to show and log: a file path, or the URL with its password masked."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self.factory() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only unit: objects stay usable after it closes (expire_on_commit off)."""
        with self.factory(expire_on_commit=False) as session, session.begin():
            yield session

    def schema_revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def _check_revision(url: URL, display: str) -> str | None:
    """The database's revision, read without writing; refuse one from a newer app."""
    probe = make_engine(url, readonly=True)
    try:
        revision = migrate.current_revision(probe)
    except DBAPIError as exc:
        raise DatabaseRefused(f"{display}: cannot be read as a database ({exc.orig})") from exc
    finally:
        probe.dispose()
    if not migrate.is_known(revision):
        raise DatabaseRefused(
            f"{display}: made by a newer version of key-projects "
            f"(schema {revision}; this version knows up to {schema_version.HEAD})"
        )
    return revision


def open_database(
    target: str | os.PathLike[str],
    *,
    create: bool = True,
    seed: bool = True,
    officer: str = "",
) -> Database:
    """Open (or create, migrate and seed) the database at a path or URL."""
    from desktop_app.db import seeding

    url = to_url(target)
    path = sqlite_path(url)
    created = False
    revision: str | None = None
    if path is not None:
        if path.exists():
            if path.is_dir():
                raise DatabaseRefused(f"{path}: is a folder, not a database file")
            inspect_sqlite_file(path)
            revision = _check_revision(url, str(path))
        elif not create:
            raise DatabaseRefused(f"{path}: no such database file")
        else:
            try:
                make_private_dir(path.parent)
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
            except OSError as exc:
                raise DatabaseRefused(f"{path}: cannot create the database ({exc.strerror})") from exc
            created = True
    else:
        revision = _check_revision(url, url.render_as_string(hide_password=True))

    engine = make_engine(url)
    factory = sessionmaker(engine)
    audit.install(factory, officer=officer)
    db = Database(url=url, engine=engine, factory=factory, path=path, created=created)
    try:
        if created:
            stamp_application_id(engine)
        if revision != schema_version.HEAD:
            if path is not None and revision is not None:
                engine.dispose()  # settle the WAL so the copy is complete
                db.backups_made.append(timestamped_backup(path, f"pre-{schema_version.HEAD}"))
            migrate.upgrade(engine)
        if seed and (created or revision is None):
            seeding.seed_reference(db)
    except Exception:
        engine.dispose()
        if created and path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    return db


def integrity_check(db: Database) -> list[str]:
    """SQLite's `PRAGMA integrity_check` (empty list = ok); other engines: nothing to check."""
    if db.url.get_backend_name() != "sqlite":
        return []
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    return [] if rows == ["ok"] else rows
