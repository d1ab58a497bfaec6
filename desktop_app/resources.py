"""Finding bundled resources from source, installed from a wheel, and frozen alike.

- frozen (PyInstaller): `resources/` inside the bundle (`sys._MEIPASS`);
- installed (a wheel, `pip install .`): `desktop_app/_resources`, copied there by
  setup.py's build step;
- from source (a checkout, an editable install): the top-level `resources/`.

The guides and the rules in `docs/` are found the same way (`docs_root`).
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(frozen_name: str, installed_name: str) -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / frozen_name
    installed = _PACKAGE / installed_name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / frozen_name


def resources_root() -> Path:
    """Where the font, seed and translations are (see the module docstring)."""
    return _find("resources", "_resources")


def docs_root() -> Path:
    """Where the user guides and docs/rules.md are."""
    return _find("docs", "_docs")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


CJK_FONT_FILE = "fonts/wqy-microhei.ttc"


def cjk_font_path() -> Path:
    """The bundled WenQuanYi Micro Hei (TrueType outlines: Qt and reportlab both take it)."""
    return resource_path(*CJK_FONT_FILE.split("/"))
