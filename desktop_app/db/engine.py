"""The one place that knows SQLite: pragmas, the file header and our application id.

Everything else speaks portable SQLAlchemy, so a PostgreSQL URL can replace the file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
from pathlib import Path, PureWindowsPath
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import QueuePool

from desktop_app.errors import DatabaseRefused

#: `PRAGMA application_id` of every database this app creates ('KPPF').
APPLICATION_ID = 0x4B505046
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


#: URL schemes a database may be named by; anything else (http://, file://) is refused.
URL_BACKENDS = ("sqlite", "postgresql")


def to_url(target: str | os.PathLike[str]) -> URL:
    """A plain path becomes a SQLite URL; a URL (`postgresql+psycopg://…`) stays one.

    Refused with one line (`DatabaseRefused`): a URL of another kind (`http://…`), one
    that cannot be parsed, and a SQLite URL with a query string (its options would be
    dropped silently and the file opened or created in ways the user did not ask for).
    """
    text = os.fspath(target)
    if "://" in text:
        try:
            url = make_url(text)
        except Exception as exc:
            raise DatabaseRefused(f"{text}: not a database path or URL") from exc
        if url.get_backend_name() not in URL_BACKENDS:
            raise DatabaseRefused(
                f"{url.render_as_string(hide_password=True)}: not a database URL; "
                "use a file path or postgresql+psycopg://user@host/database"
            )
        if url.get_backend_name() == "sqlite" and url.query:
            raise DatabaseRefused(
                f"{url.render_as_string(hide_password=True)}: options after “?” are not "
                "supported; give the file path alone"
            )
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().absolute()))


def sqlite_uri(
    path: str | os.PathLike[str], *, readonly: bool = False, windows: bool | None = None
) -> str:
    """The SQLite URI (`file:…`) of a file path; the only place one is built.

    `f"file:{path}"` breaks on real folder names: `#` ends the path (a database in `C#项目`
    was backed up EMPTY, from a file named `C`), `?` starts the options, `%` is read as an
    escape, and `//server/share` names a host SQLite refuses. So every character but
    letters, digits, `/`, `:` and `-._~` is percent-escaped (UTF-8 bytes for Chinese), an
    absolute path gets an empty authority (`file:///C:/x`, `file:////server/share/x`), and
    Windows paths (`C:\\x`, `\\\\server\\share\\x`, `\\\\?\\C:\\x`) are written with `/`.
    `windows`: read the path as a Windows one (default: when running on Windows).
    """
    text = os.fspath(path)
    if windows is None:
        windows = os.name == "nt"
    if windows:
        if text.startswith("\\\\?\\UNC\\"):  # the long-path form of \\server\share
            text = "\\\\" + text[8:]
        elif text.startswith("\\\\?\\"):
            text = text[4:]
        text = PureWindowsPath(text).as_posix()
        if PureWindowsPath(text).drive[1:2] == ":":
            text = "/" + text  # C:/x → /C:/x, so the URI reads file:///C:/x
    quoted = quote(text, safe="/:")
    uri = f"file://{quoted}" if quoted.startswith("/") else f"file:{quoted}"
    return f"{uri}?mode=ro" if readonly else uri


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _sqlite_pragmas(dbapi_conn: Any, *, journal: str | None) -> None:
    """`journal`: WAL or DELETE for a writable engine, None for a read-only one."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA trusted_schema=OFF")
        cur.execute("PRAGMA synchronous=FULL")
        if journal is not None:
            cur.execute(f"PRAGMA journal_mode={journal}")
    finally:
        cur.close()


def make_engine(url: URL, *, readonly: bool = False) -> Engine:
    """An engine with our pragmas; SQLite transactions begin explicitly (real atomicity)."""
    if url.get_backend_name() != "sqlite":
        from desktop_app.db.server import make_server_engine

        return make_server_engine(url, readonly=readonly)
    path = sqlite_path(url)
    if readonly and path is not None:
        uri = sqlite_uri(path, readonly=True)
        # A pool like the writable file engine's: the URL without a database would make
        # SQLAlchemy pick SingletonThreadPool, which keeps one connection per thread and
        # closes other threads' connections past five. Workers and the GUI thread share
        # this engine, so a pooled connection may move between threads.
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            ),
            poolclass=QueuePool,
        )
    else:
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    journal = None
    if not readonly:
        journal = "WAL"
        if path is not None:
            from desktop_app.db.location import journal_mode

            journal = journal_mode(path)
            if journal != "WAL":
                logging.getLogger(__name__).info(
                    "%s is on a network share: journal_mode=%s instead of WAL", path, journal
                )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN; take control of it.
        dbapi_conn.isolation_level = None
        _sqlite_pragmas(dbapi_conn, journal=journal)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def stamp_application_id(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


def inspect_sqlite_file(path: Path) -> None:
    """Refuse a file that is not ours by reading its header only (the file is not touched).

    Opening a foreign file with our engine would switch it to WAL and change bytes, so
    the checks here come before any connection.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except PermissionError as exc:
        raise DatabaseRefused(f"{path}: cannot read the file (permission denied)") from exc
    except OSError as exc:
        raise DatabaseRefused(f"{path}: cannot read the file ({exc.strerror})") from exc
    if size == 0:
        raise DatabaseRefused(f"{path}: the file is empty, not a key-projects database")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(f"{path}: not a SQLite database")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", header[28:32])[0]
    if page_size < 512 or size % page_size or (pages and pages * page_size > size):
        raise DatabaseRefused(f"{path}: the file is truncated or damaged (size {size} bytes)")
    app_id = struct.unpack(">i", header[68:72])[0] & 0xFFFFFFFF
    if app_id != APPLICATION_ID:
        raise DatabaseRefused(
            f"{path}: a SQLite database of another program (application id {app_id:#x})"
        )
