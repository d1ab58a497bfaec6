"""Opening a database: refuse what is not ours, back up, migrate, seed — then hand out sessions.

`open_database()` is the only way the app gets at its data. The checks run in an order
that never changes a file we refuse: header first (bytes only), then the writer lock,
then the schema revision and `PRAGMA quick_check` over a read-only connection, and only
then a writable engine. A damaged file is refused untouched (`DatabaseDamaged` names
the newest good backup); a database another instance is writing opens read-only.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from desktop_app.db import instance_lock, migrate, schema_version, server, sqlite_errors
from desktop_app.db.backup import DAILY_LABEL, daily_backup_due, timestamped_backup
from desktop_app.db.engine import (
    inspect_sqlite_file,
    make_engine,
    sqlite_path,
    sqlite_uri,
    stamp_application_id,
    to_url,
)
from desktop_app.db.location import location_warnings
from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.i18n import register, t
from desktop_app.paths import make_private_dir

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

register(
    {
        "This database is open read-only ({reason}); nothing can be saved.":
            "此数据库以只读方式打开({reason}),无法保存任何修改。",
        "it is open for writing by {holder}": "{holder} 正在编辑它",
        "the file is read-only": "文件为只读",
        "its folder is read-only": "所在文件夹为只读",
        "The previous session ({holder}) ended without closing; its lock was released.":
            "上一次会话({holder})未正常关闭;其锁已释放。",
        "{path}: the database is damaged ({problem}). It was left untouched.":
            "{path}:数据库已损坏({problem}),文件未作任何改动。",
        "The newest good backup is {backup}.": "最新的完好备份是 {backup}。",
        "No good backup was found in {folder}.": "在 {folder} 中未找到完好的备份。",
        "{path}: its folder is read-only and SQLite cannot open the database there; copy it "
        "to a folder you can write to": "{path}:所在文件夹为只读,SQLite 无法在此打开数据库;"
        "请把它复制到可写的文件夹",
        "{path}: not a database this version makes: {difference}. It was left untouched.":
            "{path}:不是本版本建立的数据库:{difference}。文件未作任何改动。",
        "No backup was made: the backups folder {folder} cannot be written ({reason}).":
            "未能备份:备份文件夹 {folder} 无法写入({reason})。",
        "no database at {path} (create one with `key-projects init`)":
            "{path} 处没有数据库(请用 `key-projects init` 新建)",
        "{path}: needs an upgrade to schema {head}, but it is {reason}.":
            "{path}:需要升级到数据结构 {head},但{reason}。",
    }
)


class DatabaseDamaged(DatabaseRefused):
    """`PRAGMA quick_check` failed: the file is kept as it is; `newest_backup` may replace it."""

    def __init__(self, message: str, *, path: Path, newest_backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.newest_backup = newest_backup


class ReadOnlyDatabase(UserError):
    """A write was attempted on a database opened read-only."""


@dataclass
class Database:
    """An open, migrated database. Services take one and open their own sessions.

    The ORM (`sqlalchemy.orm`, the mapped models and the audit hooks) loads with the first
    session, not with the database: the window's first paint reads with Core only
    (`engine`), which saves a fifth of a second at start-up.
    """

    url: URL
    engine: Engine
    path: Path | None = None
    readonly: bool = False
    created: bool = False
    backups_made: list[Path] = field(default_factory=list)
    #: Why the database is read-only (empty when writable), for the banner.
    readonly_reason: str = ""
    #: Things the window shows at open: an unsafe location, a released stale lock.
    warnings: list[str] = field(default_factory=list)
    locked: bool = False
    #: The officer the audit trail records (`set_officer` changes it).
    officer: str = ""
    _factory: sessionmaker[Session] | None = field(default=None, repr=False, compare=False)
    _factory_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def factory(self) -> sessionmaker[Session]:
        """The session factory with the audit trail installed, made on first use."""
        with self._factory_lock:
            if self._factory is None:
                from sqlalchemy.orm import sessionmaker

                from desktop_app.db import audit, door

                factory = sessionmaker(self.engine)
                audit.install(factory, officer=self.officer)
                door.install(factory)  # after the audit's hook: it reads the befores
                self._factory = factory
            return self._factory

    def warm_up_steps(self) -> list[Callable[[], object]]:
        """Import and configure the ORM, in steps of about a tenth of a second each (the
        window runs them after its first paint, with events handled in between, so the
        first session an officer opens does not pay for them)."""

        def configure() -> None:
            from sqlalchemy.orm import configure_mappers

            self.factory  # noqa: B018 - builds the factory and installs the audit trail
            configure_mappers()

        return [
            lambda: importlib.import_module("sqlalchemy.orm"),
            lambda: importlib.import_module("desktop_app.db.models"),
            configure,
        ]

    def warm_up(self) -> None:
        for step in self.warm_up_steps():
            step()

    @property
    def display_name(self) -> str:
        """Safe to show and log: a file path, or the URL with its password masked."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        self.require_writable()
        with (
            sqlite_errors.user_errors(self.url, self.display_name),
            server.user_errors(self.url),
            self.factory() as session,
            session.begin(),
        ):
            yield session

    def require_writable(self) -> None:
        """Raise a clear `UserError` when this instance may not write."""
        if self.readonly:
            raise ReadOnlyDatabase(
                t(
                    "This database is open read-only ({reason}); nothing can be saved.",
                    reason=self.readonly_reason,
                )
            )

    def set_officer(self, name: str) -> None:
        """The officer name the audit trail records from now on (from the preferences)."""
        self.officer = name
        with self._factory_lock:
            factory = self._factory
        if factory is not None:
            from desktop_app.db import audit

            audit.set_officer(factory, name)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only unit: objects stay usable after it closes (expire_on_commit off)."""
        with (
            server.user_errors(self.url),
            self.factory(expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def core_reader(self) -> Iterator[Connection]:
        """A read-only unit on a Core connection: no ORM import, no objects built (the
        window's first paint and bulk reads of thousands of rows)."""
        with server.user_errors(self.url), self.engine.connect() as conn, conn.begin():
            yield conn

    def schema_revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.locked and self.path is not None:
            self.locked = False
            instance_lock.release(self.path)


#: What a read takes (docs/architecture.md, "Reads"): the Database, for a read in its own
#: transaction, or a Connection from `Database.core_reader()` (or an ORM session's
#: `session.connection()`), for a read inside the caller's one transaction.
Reader = Database | Connection


@contextmanager
def reading(src: Reader) -> Iterator[Connection]:
    """`src` itself when it is a connection; otherwise one read-only Core transaction."""
    if isinstance(src, Connection):
        yield src
        return
    with src.core_reader() as conn:
        yield conn


def _check_revision(url: URL, display: str) -> str | None:
    """The database's revision and quick_check, read without writing; refuse a newer app's."""
    probe = make_engine(url, readonly=True)
    try:
        problems = quick_check(probe)
        if problems:
            path = sqlite_path(url)
            raise _damaged(path, problems[0]) if path else DatabaseRefused(problems[0])
        revision = migrate.current_revision(probe)
    except DBAPIError as exc:
        path = sqlite_path(url)
        if path is not None and "malformed" in str(exc.orig):
            raise _damaged(path, str(exc.orig)) from exc
        if path is not None and not os.access(path.parent, os.W_OK):
            raise DatabaseRefused(
                t(
                    "{path}: its folder is read-only and SQLite cannot open the database "
                    "there; copy it to a folder you can write to",
                    path=path,
                )
            ) from exc
        reason = server.scrub(str(exc.orig), url)
        raise DatabaseRefused(f"{display}: cannot be read as a database ({reason})") from None
    finally:
        probe.dispose()
    if not migrate.is_known(revision):
        raise DatabaseRefused(
            f"{display}: made by a newer version of key-projects "
            f"(schema {revision}; this version knows up to {schema_version.HEAD})"
        )
    return revision


def _check_schema(path: Path, revision: str | None) -> None:
    """The file's schema and rows are what its revision's migrations make (read-only)."""
    if revision is None:
        return
    import sqlite3

    from desktop_app.db import schema_check

    conn = sqlite3.connect(sqlite_uri(path, readonly=True), uri=True)
    try:
        differences = schema_check.verify(conn, revision)
    except sqlite3.DatabaseError as exc:
        differences = [str(exc)]
    finally:
        conn.close()
    if differences:
        raise DatabaseRefused(
            t(
                "{path}: not a database this version makes: {difference}. It was left untouched.",
                path=path,
                difference=differences[0],
            )
        )


def quick_check(engine: Engine) -> list[str]:
    """SQLite's `PRAGMA quick_check` (empty list = ok): fast enough for every start."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA quick_check"))]
    return [] if rows == ["ok"] else rows


def _damaged(path: Path, problem: str) -> DatabaseDamaged:
    from desktop_app.db.restore import newest_good_backup

    backup = newest_good_backup(path)
    message = t(
        "{path}: the database is damaged ({problem}). It was left untouched.",
        path=path,
        problem=problem,
    )
    if backup is not None:
        message += " " + t("The newest good backup is {backup}.", backup=backup)
    else:
        from desktop_app.db.backup import backup_dir_for

        message += " " + t("No good backup was found in {folder}.", folder=backup_dir_for(path))
    return DatabaseDamaged(message, path=path, newest_backup=backup)


@dataclass
class _Access:
    """Whether this instance may write, and why not."""

    readonly: bool = False
    reason: str = ""
    locked: bool = False
    warnings: list[str] = field(default_factory=list)


def _take_writer_lock(path: Path, *, lock: bool) -> _Access:
    access = _Access()
    if path.exists() and not os.access(path, os.W_OK):
        return _Access(readonly=True, reason=t("the file is read-only"))
    if not os.access(path.parent, os.W_OK):
        return _Access(readonly=True, reason=t("its folder is read-only"))
    if not lock:
        return access
    try:
        result = instance_lock.acquire(path)
    except OSError:
        return _Access(readonly=True, reason=t("its folder is read-only"))
    if not result.acquired:
        return _Access(
            readonly=True, reason=t("it is open for writing by {holder}", holder=result.holder)
        )
    access.locked = True
    if result.stale:
        access.warnings.append(
            t(
                "The previous session ({holder}) ended without closing; its lock was released.",
                holder=result.stale_holder,
            )
        )
    return access


def open_database(
    target: str | os.PathLike[str],
    *,
    create: bool = True,
    seed: bool = True,
    officer: str | None = None,
    lock: bool = True,
    ask_password: server.PasswordPrompt | None = None,
) -> Database:
    """Open (or create, migrate and seed) the database at a path or URL.

    A server URL opens read-only when the role may not write (a manager's role);
    `ask_password` is asked when the server wants a password that PGPASSWORD and
    ~/.pgpass did not give.

    `lock`: take the one-writer lock (the window does; short command-line runs pass
    False and rely on SQLite's own transaction locking). When another instance holds
    it, or the file or folder is read-only, the database opens read-only instead.
    `officer`: the name the audit trail records (default: from the preferences).
    """
    try:
        return _open(
            target, create=create, seed=seed, officer=officer, lock=lock, ask_password=ask_password
        )
    except DBAPIError as exc:
        mapped = sqlite_errors.translate(exc, os.fspath(target))
        if mapped is None:
            raise
        raise mapped from exc


def _open(
    target: str | os.PathLike[str],
    *,
    create: bool,
    seed: bool,
    officer: str | None,
    lock: bool,
    ask_password: server.PasswordPrompt | None = None,
) -> Database:
    url = to_url(target)
    path = sqlite_path(url)
    created = False
    revision: str | None = None
    access = _Access()
    if officer is None:
        from desktop_app.preferences import Preferences

        officer = Preferences.load().officer
    if path is not None:
        if path.exists():
            if path.is_dir():
                raise DatabaseRefused(f"{path}: is a folder, not a database file")
            inspect_sqlite_file(path)
            access = _take_writer_lock(path, lock=lock)
            try:
                revision = _check_revision(url, str(path))
                _check_schema(path, revision)
            except BaseException:
                if access.locked:
                    instance_lock.release(path)
                raise
        elif not create:
            raise DatabaseRefused(
                t("no database at {path} (create one with `key-projects init`)", path=path)
            )
        else:
            try:
                make_private_dir(path.parent)
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
            except OSError as exc:
                raise DatabaseRefused(
                    f"{path}: cannot create the database ({exc.strerror})"
                ) from exc
            created = True
            access = _take_writer_lock(path, lock=lock)
    else:
        url = server.reachable_url(url, ask_password)
        revision = _check_revision(url, server.masked(url))
        readonly, reason = server.access_of(url)
        access = _Access(readonly=readonly, reason=reason)
        created = revision is None and not readonly  # an empty server database: made new here

    if access.readonly and revision != schema_version.HEAD:
        raise DatabaseRefused(
            t(
                "{path}: needs an upgrade to schema {head}, but it is {reason}.",
                path=path or server.masked(url),
                head=schema_version.HEAD,
                reason=access.reason,
            )
        )
    engine = make_engine(url, readonly=access.readonly)
    db = Database(
        url=url,
        engine=engine,
        officer=officer,
        path=path,
        created=created,
        readonly=access.readonly,
        readonly_reason=access.reason,
        warnings=[*(location_warnings(target) if path else []), *access.warnings],
        locked=access.locked,
    )
    if access.readonly:
        return db
    try:
        if created:
            stamp_application_id(engine)
        if revision != schema_version.HEAD:
            if path is not None and not created:
                engine.dispose()  # settle the WAL so the copy is complete
                db.backups_made.append(timestamped_backup(path, f"pre-{schema_version.HEAD}"))
            with server.migration_errors(url, schema_version.HEAD):
                migrate.upgrade(engine)
        elif path is not None and not created and daily_backup_due(path):
            _daily_backup(db, path)
        if seed and (created or revision is None):
            from desktop_app.db import seeding  # the ORM: only a new database pays for it

            seeding.seed_reference(db)
        if created and path is not None:
            _remember_schema(path)
            # The application id must reach the main file's header, which is all a
            # second instance reads before it connects.
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:
        if path is None and revision is None:
            server.unmigrate_quietly(engine)  # an empty server database stays empty
        db.dispose()
        if created and path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    return db


def _daily_backup(db: Database, path: Path) -> None:
    """The day's first backup; a folder that cannot take it is a warning, not a stop."""
    import sqlite3

    try:
        db.backups_made.append(timestamped_backup(path, DAILY_LABEL))
    except (OSError, sqlite3.Error) as exc:
        db.warnings.append(backup_warning(path, exc))


def backup_warning(path: Path, exc: BaseException) -> str:
    """One line for a backup that could not be written (the work itself goes on)."""
    from desktop_app.db.backup import backup_dir_for

    reason = getattr(exc, "strerror", None) or str(exc)
    return t(
        "No backup was made: the backups folder {folder} cannot be written ({reason}).",
        folder=backup_dir_for(path),
        reason=reason,
    )


def _remember_schema(path: Path) -> None:
    """A database just made by our migrations is the reference for HEAD (saves a build)."""
    import sqlite3

    from desktop_app.db import schema_check

    conn = sqlite3.connect(path)
    try:
        schema_check.remember_schema(schema_version.HEAD, conn)
    finally:
        conn.close()


def integrity_check(db: Database) -> list[str]:
    """SQLite's `PRAGMA integrity_check` (empty list = ok); other engines: nothing to check."""
    if db.url.get_backend_name() != "sqlite":
        return []
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    return [] if rows == ["ok"] else rows
