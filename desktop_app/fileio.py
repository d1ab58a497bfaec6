"""Writing user-visible files atomically: a temp file in the same folder, then a rename.

A crash, a full disk or a refused path leaves either the old file or the complete new
one, never half a PDF or workbook.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.errors import UserError


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces `path`, on error it is removed."""
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"{target}: the folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{target}: cannot write here ({exc.strerror})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
