"""Key Projects Portfolio: Siming District's key sci-tech support projects."""

from __future__ import annotations

APP_NAME = "key-projects"
APP_AUTHOR = "SimingSciTech"


def _read_version() -> str:
    # Installed (or frozen with copied metadata): the distribution knows.
    try:
        from importlib.metadata import version

        return version("key-projects")
    except Exception:
        return "0.0.0+unknown"


__version__ = _read_version()
