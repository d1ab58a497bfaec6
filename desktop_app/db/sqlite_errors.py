"""SQLite failures a user can do something about, as one-line `UserError`s.

A full disk, a file that became read-only or another program holding the write lock
too long all roll the transaction back: nothing was saved, and the message says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from desktop_app.errors import UserError
from desktop_app.i18n import register, t

register(
    {
        "{db}: the disk is full; nothing was saved. Free some space and try again.":
            "{db}:磁盘已满,未保存任何内容。请腾出空间后重试。",
        "{db}: the file cannot be written (read-only); nothing was saved.":
            "{db}:文件无法写入(只读),未保存任何内容。",
        "{db}: another program kept the database busy; nothing was saved. Try again.":
            "{db}:数据库被其他程序占用,未保存任何内容。请重试。",
        "{db}: the database file is damaged ({reason}); nothing was saved.":
            "{db}:数据库文件已损坏({reason}),未保存任何内容。",
    }
)

_MESSAGES = (
    ("database or disk is full", "{db}: the disk is full; nothing was saved. Free some space "
     "and try again."),
    ("readonly database", "{db}: the file cannot be written (read-only); nothing was saved."),
    ("database is locked", "{db}: another program kept the database busy; nothing was saved. "
     "Try again."),
    ("malformed", "{db}: the database file is damaged ({reason}); nothing was saved."),
)


def translate(exc: DBAPIError, display: str) -> UserError | None:
    reason = str(exc.orig)
    low = reason.lower()
    for needle, message in _MESSAGES:
        if needle in low:
            return UserError(t(message, db=display, reason=reason))
    return None


@contextmanager
def user_errors(url: URL, display: str) -> Iterator[None]:
    """Inside a SQLite unit of work: re-raise the failures above as `UserError`."""
    try:
        yield
    except DBAPIError as exc:
        if url.get_backend_name() != "sqlite":
            raise
        mapped = translate(exc, display)
        if mapped is None:
            raise
        raise mapped from exc
