"""Finding bundled resources from source and from a PyInstaller bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """`resources/` beside the package, or inside the frozen bundle (`sys._MEIPASS`)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


CJK_FONT_FILE = "fonts/wqy-microhei.ttc"


def cjk_font_path() -> Path:
    """The bundled WenQuanYi Micro Hei (TrueType outlines: Qt and reportlab both take it)."""
    return resource_path(*CJK_FONT_FILE.split("/"))
