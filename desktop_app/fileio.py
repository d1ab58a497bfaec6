"""Writing user-visible files atomically: a temp file in the same folder, then a rename.

A crash, a full disk or a refused path leaves either the old file or the complete new
one, never half a PDF or workbook. On Windows the rename fails while another program
holds the file (Excel has the workbook open, a PDF viewer the brief, antivirus or an
indexer the database for a moment), so every rename goes through `replace_file`: it
retries briefly, then says in one line which file is held and by what kind of program.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.errors import UserError
from desktop_app.i18n import register, t

register(
    {
        "{path} is held by another program ({holder}) and cannot be replaced; close it there "
        "and try again. Nothing was changed.":
            "{path} 正被其他程序占用({holder}),无法替换;请在那里关闭后重试。未作任何改动。",
        "probably Excel or WPS: close the workbook": "可能是 Excel 或 WPS:请关闭该工作簿",
        "probably a PDF viewer: close the document": "可能是 PDF 阅读器:请关闭该文档",
        "antivirus, backup or sync software, or another copy of key-projects":
            "杀毒、备份或同步软件,或另一个正在运行的本程序",
        "another program": "其他程序",
    }
)

#: A held file is retried this many times, this far apart (antivirus lets go within ~1 s).
HELD_RETRIES = 10
HELD_PAUSE_S = 0.1

_WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".csv")
_DATABASES = (".sqlite", ".sqlite3", ".db", ".dump")


class FileHeld(UserError):
    """A file another program holds open: named with the likely holder (exit 2)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            t(
                "{path} is held by another program ({holder}) and cannot be replaced; close it "
                "there and try again. Nothing was changed.",
                path=path,
                holder=holder_hint(path),
            )
        )
        self.path = path


def holder_hint(path: str | os.PathLike[str]) -> str:
    """Who most likely holds `path`, from its kind: the workbook in Excel, the PDF in a
    viewer, the database in antivirus or sync software."""
    suffix = Path(path).suffix.lower()
    if suffix in _WORKBOOKS:
        return t("probably Excel or WPS: close the workbook")
    if suffix == ".pdf":
        return t("probably a PDF viewer: close the document")
    if suffix in _DATABASES:
        return t("antivirus, backup or sync software, or another copy of key-projects")
    return t("another program")


def replace_file(
    src: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    retries: int | None = None,
    pause_s: float | None = None,
) -> None:
    """`os.replace(src, dest)`, retried while the file is held; then `FileHeld` naming
    `dest`. `src` is left in place for the caller to remove (its `finally`)."""
    tries = HELD_RETRIES if retries is None else retries
    pause = HELD_PAUSE_S if pause_s is None else pause_s
    for attempt in range(max(tries, 1)):
        try:
            os.replace(src, dest)
            return
        except PermissionError as exc:  # Windows: sharing violation (32) or access denied (5)
            if attempt + 1 >= max(tries, 1):
                raise FileHeld(Path(dest)) from exc
            time.sleep(pause)


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
        replace_file(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
