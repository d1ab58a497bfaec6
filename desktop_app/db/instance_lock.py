"""One writer per database file: an OS-level lock on `<database>.lock`, held while the app runs.

The operating system drops the lock when the holding process ends, however it ends
(SIGKILL, power cut of a client, a crash), so a lock left behind by a crashed instance
is never mistaken for a live one: the file may still exist and name the old holder,
but nobody holds the lock on it, and the next instance takes it over ("stale").

Within one process, opening the same database twice shares one lock (reference
counted), so tests and the window can hold several `Database` objects on one file.
POSIX `flock` and Windows `msvcrt.locking` are used; no Qt here (the db layer is Qt-free).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.i18n import register, t

register(
    {
        "another key-projects instance": "另一个本程序窗口",
        "{user} on computer {host} (since {since}; process {pid})": "计算机 {host} 上的用户 {user}(自 {since} 起;进程 {pid})",  # noqa: E501
    }
)

LOCK_SUFFIX = ".lock"
#: Windows locks a byte range; lock one far from the holder text so others can read it.
_WIN_LOCK_OFFSET = 1 << 20

_registry: dict[str, _Held] = {}
_registry_guard = threading.Lock()


@dataclass
class _Held:
    fd: int
    count: int


@dataclass(frozen=True)
class LockResult:
    """What acquiring found: `acquired`, or the holder's description; `stale` = taken over."""

    acquired: bool
    holder: str = ""
    stale: bool = False
    stale_holder: str = ""


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _describe(info: dict[str, object]) -> str:
    if not info:
        return t("another key-projects instance")
    since = str(info.get("since", "?")).replace("T", " ")[:16]  # a time, not an ISO stamp
    return t(
        "{user} on computer {host} (since {since}; process {pid})",
        user=info.get("user") or "?",
        host=info.get("host") or "?",
        since=since,
        pid=info.get("pid"),
    )


def _read_info(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096)
        data = json.loads(raw.decode("utf-8").rstrip("\x00 \n")) if raw.strip() else {}
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


def _my_info() -> dict[str, object]:
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": user,
        "since": datetime.now().isoformat(timespec="seconds"),
    }


def acquire(db_path: Path) -> LockResult:
    """Take the writer lock of `db_path`, or say who holds it. Never blocks.

    Raises OSError when the lock file cannot be created (read-only folder); the caller
    then opens read-only.
    """
    path = lock_path_for(db_path)
    key = os.path.normcase(str(path.absolute()))
    with _registry_guard:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return LockResult(acquired=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _try_lock(fd):
                holder = _describe(_read_info(fd))
                os.close(fd)
                return LockResult(acquired=False, holder=holder)
            previous = _read_info(fd)
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(_my_info()).encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        _registry[key] = _Held(fd=fd, count=1)
    # A holder recorded in the file but no lock on it: that instance ended without closing.
    stale = bool(previous) and previous.get("pid") is not None
    return LockResult(acquired=True, stale=stale, stale_holder=_describe(previous) if stale else "")


def release(db_path: Path) -> None:
    """Give back one reference; the last one clears the holder text and drops the lock."""
    path = lock_path_for(db_path)
    key = os.path.normcase(str(path.absolute()))
    with _registry_guard:
        held = _registry.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _registry[key]
        with contextlib.suppress(OSError):
            os.ftruncate(held.fd, 0)  # a clean exit leaves no holder behind
        _unlock(held.fd)
        os.close(held.fd)


def holder_of(db_path: Path) -> str | None:
    """Who holds the lock now (None when free or held by this process). Reads only."""
    path = lock_path_for(db_path)
    key = os.path.normcase(str(path.absolute()))
    with _registry_guard:
        if key in _registry:
            return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _describe(_read_info(fd))
    finally:
        os.close(fd)
