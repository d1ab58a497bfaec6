"""Issue 15: the README's first command must open a window on a Linux desktop, not only
offscreen. Under Xvfb with Qt's xcb platform (every other test runs offscreen) the app
starts on a fresh default database and reports its window shown; a missing libxcb-*
library makes Qt abort instead (scripts/install-system-deps.sh installs them all)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="xvfb-run not installed (install-system-deps.sh)"
)


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "check-window.sh"), sys.executable, "-m", "desktop_app"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("KEY_PROJECTS_DB", None)
    return env


def test_window_appears_under_xcb() -> None:
    proc = _check(_env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "KEY_PROJECTS_WINDOW platform=xcb visible=1" in proc.stdout


def test_check_fails_when_an_xcb_library_cannot_load(tmp_path: Path) -> None:
    # An unloadable libxcb-icccm.so.4 first on the library path: what a machine without
    # the package sees. The check must fail, not pass on a window that never opened.
    (tmp_path / "libxcb-icccm.so.4").write_bytes(b"")
    env = {**_env(), "LD_LIBRARY_PATH": str(tmp_path)}
    proc = _check(env)
    assert proc.returncode != 0
    assert "did not appear under xcb" in proc.stderr
