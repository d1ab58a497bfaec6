"""Skip markers for tests that cannot run on Windows, each with its reason. Used by the
Windows workflow (.github/workflows/windows.yml); tests/test_packaging_windows_skips.py
fails a test that uses one of these things without its marker."""

from __future__ import annotations

import sys

import pytest

WINDOWS = sys.platform == "win32"

needs_sigkill = pytest.mark.skipif(
    WINDOWS, reason="Windows has no SIGKILL: the power-cut kill is POSIX only"
)
needs_fork = pytest.mark.skipif(WINDOWS, reason="Windows has no os.fork")
needs_poppler = pytest.mark.skipif(
    WINDOWS, reason="poppler (pdftotext, pdftoppm, pdffonts) is not on the Windows runner"
)
needs_proc = pytest.mark.skipif(WINDOWS, reason="Windows has no /proc")

#: What a test uses (a word in its source) -> the marker it needs.
NEEDS = {
    "SIGKILL": "needs_sigkill",
    "os.fork": "needs_fork",
    "pdftotext": "needs_poppler",
    "pdftoppm": "needs_poppler",
    "pdffonts": "needs_poppler",
    "/proc": "needs_proc",
}
