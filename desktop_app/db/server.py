"""The one place that knows PostgreSQL: connecting, the password, privileges, lost servers.

A server database is named by a URL (`postgresql+psycopg://user@host:port/dbname`). The
password never sits in the URL a user types: libpq reads `PGPASSWORD` and `~/.pgpass`
itself, and otherwise the caller's `ask_password` prompt is used. Every message made
here names the server by its masked URL and has the password scrubbed out, so neither
a log file nor a dialog can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, InterfaceError
from sqlalchemy.pool import NullPool

from desktop_app.errors import DatabaseRefused, UserError
from desktop_app.i18n import register, t

#: Gets the masked server name; returns the password, "" if the officer cancelled, or
#: None when there is no one to ask (no terminal).
PasswordPrompt = Callable[[str], str | None]

CONNECT_TIMEOUT_S = 10
#: Tables whose write privileges decide whether a role is an officer (read-write).
WRITE_PROBE_TABLES = ("project", "milestone", "disbursement", "audit_entry")
#: SQLSTATEs: read-only transaction, insufficient privilege.
READONLY_CODES = {"25006", "42501"}
#: Serialises migrations of one database when two PCs start on an empty one at once.
MIGRATION_LOCK_KEY = 0x4B505046

register(
    {
        "{server}: cannot connect ({reason})": "{server}:无法连接({reason})",
        "{server}: lost the connection to the server ({reason}); nothing was saved": (
            "{server}:与服务器的连接已断开({reason});未保存任何内容"
        ),
        "{server}: your database role may only read; the change was not saved": (
            "{server}:您的数据库角色只能读取,修改未保存"
        ),
        "{server}: a password is needed; set PGPASSWORD or ~/.pgpass, or run in a terminal": (
            "{server}:需要密码;请设置 PGPASSWORD 或 ~/.pgpass,或在终端中运行"
        ),
        "{server}: no password given": "{server}:未输入密码",
        "opened with a read-only database role": "以只读数据库角色打开",
        "{server}: needs an upgrade to schema {head}, which only the owner of its tables may "
        "do; ask IT to open it once as the owner": (
            "{server}:需要升级到数据结构 {head},只有表的所有者才能执行;"
            "请信息科先用所有者角色打开一次"
        ),
        "connection refused: no server answers there": "连接被拒绝:该地址没有服务器应答",
        "unknown host": "未知主机",
        "no answer within {n} s": "{n} 秒内无应答",
        "password authentication failed for user {user}": "用户 {user} 密码验证失败",
        "database {name} does not exist": "数据库 {name} 不存在",
        "role {user} does not exist": "角色 {user} 不存在",
        "the psycopg driver is not installed (pip install key-projects[postgres])": (
            "未安装 psycopg 驱动(pip install key-projects[postgres])"
        ),
    }
)


def is_server(url: URL) -> bool:
    return url.get_backend_name() != "sqlite"


def masked(url: URL) -> str:
    """The URL as it may be shown or logged: password replaced by ***."""
    return url.render_as_string(hide_password=True)


def scrub(message: str, url: URL) -> str:
    """One line, without the password even if a driver echoed it."""
    line = " ".join(message.split())
    if url.password:
        line = line.replace(str(url.password), "***")
    return line


def _reason(exc: BaseException, url: URL) -> str:
    """A short reason for a failed connection, from the driver's (multi-line) message."""
    raw = str(getattr(exc, "orig", None) or exc)
    low = raw.lower()
    if "connection refused" in low:
        return t("connection refused: no server answers there")
    if "could not translate host name" in low or "name or service not known" in low:
        return t("unknown host")
    if "timeout expired" in low or "timed out" in low:
        return t("no answer within {n} s", n=CONNECT_TIMEOUT_S)
    if "password authentication failed" in low:
        return t("password authentication failed for user {user}", user=url.username or "")
    m = re.search(r'database "([^"]+)" does not exist', raw)
    if m:
        return t("database {name} does not exist", name=m.group(1))
    m = re.search(r'role "([^"]+)" does not exist', raw)
    if m:
        return t("role {user} does not exist", user=m.group(1))
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    last = lines[0] if lines else type(exc).__name__
    # psycopg: 'connection failed: connection to server at "h", port p failed: FATAL: …'
    last = last.rsplit("failed:", 1)[-1].replace("FATAL:", "").strip() or last
    return scrub(last, url)


def _needs_password(exc: BaseException) -> bool:
    low = str(getattr(exc, "orig", None) or exc).lower()
    return "no password supplied" in low or "password authentication failed" in low


def connect_args() -> dict[str, Any]:
    """libpq options: give up on a silent host, notice a dead server, name the app."""
    return {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "key-projects",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }


def make_server_engine(url: URL, *, readonly: bool = False, pooled: bool = True) -> Engine:
    """An engine whose sessions the server itself keeps read-only when `readonly`."""
    args = connect_args()
    if readonly:
        args["options"] = "-c default_transaction_read_only=on"
    try:
        if pooled:
            return create_engine(url, pool_pre_ping=True, connect_args=args)
        return create_engine(url, poolclass=NullPool, connect_args=args)
    except ModuleNotFoundError as exc:
        raise DatabaseRefused(
            t(
                "{server}: cannot connect ({reason})",
                server=masked(url),
                reason=t(
                    "the psycopg driver is not installed (pip install key-projects[postgres])"
                ),
            )
        ) from exc


def _try_connect(url: URL) -> None:
    engine = make_server_engine(url, pooled=False)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()


def reachable_url(url: URL, ask_password: PasswordPrompt | None = None) -> URL:
    """Connect once; ask for the password if the server wants one. Returns the URL to use.

    Raises DatabaseRefused with a one-line reason naming the masked server.
    """
    server = masked(url)
    for attempt in range(2):
        try:
            _try_connect(url)
            return url
        except DBAPIError as exc:
            if attempt == 0 and _needs_password(exc) and url.password is None:
                password = ask_password(server) if ask_password else None
                if password is None:  # nobody to ask (no terminal, no window)
                    raise DatabaseRefused(
                        t(
                            "{server}: a password is needed; set PGPASSWORD or ~/.pgpass, "
                            "or run in a terminal",
                            server=server,
                        )
                    ) from None
                if not password:  # the officer cancelled the prompt
                    raise DatabaseRefused(t("{server}: no password given", server=server)) from None
                url = url.set(password=password)
                continue
            raise DatabaseRefused(
                t("{server}: cannot connect ({reason})", server=server, reason=_reason(exc, url))
            ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def can_write(url: URL) -> bool:
    """False for a manager's read-only role (no INSERT/UPDATE/DELETE) or a read-only server."""
    engine = make_server_engine(url, pooled=False)
    try:
        with engine.connect() as conn:
            ro = conn.execute(text("SELECT current_setting('transaction_read_only')")).scalar()
            if ro == "on":
                return False
            for table in WRITE_PROBE_TABLES:
                exists = conn.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar()
                if exists is None:
                    # No tables yet: whoever may create them in the schema may write.
                    return bool(
                        conn.execute(
                            text("SELECT has_schema_privilege(current_schema(), 'CREATE')")
                        ).scalar()
                    )
                allowed = conn.execute(
                    text(
                        "SELECT has_table_privilege(:t, 'INSERT') "
                        "AND has_table_privilege(:t, 'UPDATE') "
                        "AND has_table_privilege(:t, 'DELETE')"
                    ),
                    {"t": table},
                ).scalar()
                if not allowed:
                    return False
            return True
    finally:
        engine.dispose()


def access_of(url: URL) -> tuple[bool, str]:
    """(read-only?, why) for the window's banner and the refusal of a migration."""
    if can_write(url):
        return False, ""
    return True, t("opened with a read-only database role")


def _holds_rows(engine: Engine) -> bool:
    from sqlalchemy import inspect

    from desktop_app.db.models import Base

    with engine.connect() as conn:
        existing = set(inspect(conn).get_table_names())
        for table in Base.metadata.sorted_tables:
            q = table.select().limit(1)
            if table.name == "setting":  # the identity a migrated database is born with
                q = q.where(table.c.key != "database_id")
            if table.name in existing and conn.execute(q).first():
                return True
    return False


def unmigrate_quietly(engine: Engine) -> None:
    """After a failed first open or copy: take our (empty) tables out again.

    Never drops a table that holds a row: if anything is in there, it stays.
    """
    from desktop_app.db import migrate

    # The server may be gone too; the first error is the one to show.
    with suppress(Exception):
        if not _holds_rows(engine):
            migrate.downgrade(engine, "base")


def translate(exc: DBAPIError, url: URL) -> UserError | None:
    """A server error a user can act on, as a one-line UserError; None for anything else."""
    server = masked(url)
    code = getattr(exc.orig, "sqlstate", None)
    if code in READONLY_CODES:
        return UserError(
            t("{server}: your database role may only read; the change was not saved", server=server)
        )
    lost = (code or "").startswith(("08", "57P"))  # connection exception, admin shutdown
    if exc.connection_invalidated or lost or isinstance(exc, InterfaceError):
        return DatabaseRefused(
            t(
                "{server}: lost the connection to the server ({reason}); nothing was saved",
                server=server,
                reason=_reason(exc, url),
            )
        )
    return None


@contextmanager
def user_errors(url: URL) -> Iterator[None]:
    """Turn a lost server or a refused write inside a unit of work into a UserError."""
    try:
        yield
    except DBAPIError as exc:
        if not is_server(url):
            raise
        mapped = translate(exc, url)
        if mapped is None:
            raise
        raise mapped from None


@contextmanager
def migration_errors(url: URL, head: str) -> Iterator[None]:
    """An officer's role may write rows but not change tables: say who can upgrade."""
    try:
        with user_errors(url):
            yield
    except UserError as exc:
        if not isinstance(exc.__context__, DBAPIError):
            raise
        code = getattr(exc.__context__.orig, "sqlstate", None)
        if code != "42501":
            raise
        raise DatabaseRefused(
            t(
                "{server}: needs an upgrade to schema {head}, which only the owner of its "
                "tables may do; ask IT to open it once as the owner",
                server=masked(url),
                head=head,
            )
        ) from None


def lock_migrations(conn: Any) -> None:
    """Inside a migration transaction: wait while another PC migrates the same database."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
