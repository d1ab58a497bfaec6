"""Per-user preferences (interface language, officer name): a small JSON file in the config folder.

They belong to the person at this PC, not to the portfolio, so they are not in the database.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop_app.paths import config_dir, make_private_dir

FILE_NAME = "preferences.json"


@dataclass
class Preferences:
    language: str = "zh"
    officer: str = ""
    officer_asked: bool = False
    """The window asked for the officer's name once (asked again only from Settings)."""

    @classmethod
    def path(cls) -> Path:
        return config_dir() / FILE_NAME

    @classmethod
    def load(cls) -> Preferences:
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        prefs = cls()
        if data.get("language") in ("zh", "en"):
            prefs.language = data["language"]
        if isinstance(data.get("officer"), str):
            prefs.officer = data["officer"][:100]
        prefs.officer_asked = data.get("officer_asked") is True
        return prefs

    def save(self) -> None:
        folder = config_dir()
        make_private_dir(folder)
        tmp = folder / f".{FILE_NAME}.tmp"
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path())
