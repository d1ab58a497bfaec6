"""Where the app keeps its files by default (per user, via platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app import APP_AUTHOR, APP_NAME

DB_ENV = "KEY_PROJECTS_DB"
DATA_DIR_ENV = "KEY_PROJECTS_DATA_DIR"
CONFIG_DIR_ENV = "KEY_PROJECTS_CONFIG_DIR"
DEFAULT_DB_NAME = "key-projects.sqlite"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return data_dir() / "logs"


def default_database() -> str:
    """`KEY_PROJECTS_DB` if set, else the SQLite file in the user's data folder."""
    return os.environ.get(DB_ENV) or str(data_dir() / DEFAULT_DB_NAME)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (0700 on POSIX).

    Every folder this creates is 0700, not only the last (`mkdir(parents=True)` gives
    the missing parents the default mode); folders that already exist are left as they are.
    """
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        item.mkdir(mode=0o700, exist_ok=True)
