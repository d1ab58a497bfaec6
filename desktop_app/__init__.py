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


def __getattr__(name: str) -> str:
    """`__version__` is read on first use: importlib.metadata (and the email parser it
    loads) costs a few milliseconds that the window's start-up does not need."""
    if name == "__version__":
        value = _read_version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
