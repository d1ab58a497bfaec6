"""Where unexpected errors go: a log file in the user's data folder, never a traceback on screen."""

from __future__ import annotations

import logging
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from desktop_app.paths import log_dir, make_private_dir

LOG_NAME = "key-projects.log"


def log_file() -> Path:
    try:
        make_private_dir(log_dir())
        return log_dir() / LOG_NAME
    except OSError:
        return Path(tempfile.gettempdir()) / LOG_NAME


def log_unexpected(exc: BaseException) -> Path:
    """Append the traceback to the log file and return its path (for the one-line message)."""
    path = log_file()
    text = "".join(traceback.format_exception(exc))
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        logging.getLogger(__name__).exception("could not write %s", path)
    return path
