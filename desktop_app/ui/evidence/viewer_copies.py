"""Temporary copies of evidence files handed to the system viewer, and their removal.

The viewer (a PDF reader, Word, Excel) is another program started by the desktop, so its
closing cannot be watched. The copies go in one folder per session under the user's temp
folder; when the app exits, each copy no program holds any more is removed, and at the
next start those of earlier sessions are. On Windows a copy still open in its viewer
cannot be deleted and is left for a later start; the copies are read-only, so they are
made writable first (Windows refuses to delete a read-only file).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import uuid
from pathlib import Path

ROOT_NAME = "key-projects-evidence"
_session: list[Path] = []


def copies_root() -> Path:
    return Path(tempfile.gettempdir()) / ROOT_NAME


def session_folder() -> Path:
    """This process's folder of copies (made on first use)."""
    if not _session:
        folder = copies_root() / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True, exist_ok=True)
        _session.append(folder)
    return _session[0]


def make_copy(file_name: str, data: bytes) -> Path:
    """A read-only copy of `data` named `file_name`, for the viewer (edits belong in a new
    version of the stored file)."""
    folder = Path(tempfile.mkdtemp(dir=session_folder()))
    path = folder / Path(file_name).name
    path.write_bytes(data)
    path.chmod(stat.S_IRUSR)
    return path


def _remove_tree(folder: Path) -> int:
    """Remove what can be removed under `folder`; a held file stays. Returns files removed."""
    removed = 0
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.chmod(stat.S_IRUSR | stat.S_IWUSR)
                path.unlink()
                removed += 1
    with contextlib.suppress(OSError):
        folder.rmdir()
    return removed


def remove_session_copies() -> int:
    """At exit: this session's copies that no viewer holds."""
    return sum(_remove_tree(folder) for folder in _session if folder.exists())


def remove_earlier_copies() -> int:
    """At start: the copies earlier sessions left (their viewers are most likely closed;
    one still held on Windows stays for the next start)."""
    root = copies_root()
    if not root.is_dir():
        return 0
    mine = set(_session)
    removed = 0
    for folder in root.iterdir():
        if folder in mine:
            continue
        if folder.is_dir() and not folder.is_symlink():
            removed += _remove_tree(folder)
        else:
            with contextlib.suppress(OSError):
                folder.unlink()
    return removed


def forget_session() -> None:
    """Tests: the next copy starts a new session folder."""
    _session.clear()


__all__ = [
    "copies_root",
    "forget_session",
    "make_copy",
    "remove_earlier_copies",
    "remove_session_copies",
]
