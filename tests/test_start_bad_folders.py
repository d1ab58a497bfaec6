"""Issue 9, bad input: the app started with a missing, unwritable or Chinese-named data
folder either starts or says in one dialog what is wrong (no traceback, no hang).

Each case starts the GUI in a new process, offscreen, with the dialogs replaced by a
recorder, and quits once the window is shown (KEY_PROJECTS_EXIT_AFTER_SHOW).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from platform_marks import needs_proc

CHILD = """
import json, sys
from desktop_app.ui import dialogs
shown = []
for name in ("show_error", "show_warning", "show_info"):
    setattr(dialogs, name, lambda parent, text, *a, _n=name, **k: shown.append([_n, text]))
from desktop_app.ui.app import run_gui
code = run_gui(None, None)
print(json.dumps({"code": code, "dialogs": shown}))
"""


def _start(data_dir: Path | str, tmp_path: Path) -> dict:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KEY_PROJECTS_EXIT_AFTER_SHOW": "1",
        "KEY_PROJECTS_DATA_DIR": str(data_dir),
        "KEY_PROJECTS_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("KEY_PROJECTS_DB", None)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_missing_data_folder_with_chinese_name_and_spaces_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "用户 张 三" / "思明区 重点项目"
    result = _start(folder, tmp_path)
    assert result == {"code": 0, "dialogs": []}
    assert (folder / "key-projects.sqlite").is_file()


@pytest.mark.parametrize("kind", ["under a file", pytest.param("inside /proc", marks=needs_proc)])
def test_unusable_data_folder_is_named_in_one_dialog(tmp_path: Path, kind: str) -> None:
    # Root ignores permission bits, so use folders nobody can create: below a plain
    # file, or inside /proc.
    if kind == "under a file":
        blocker = tmp_path / "not-a-folder.txt"
        blocker.write_text("x")
        folder = blocker / "data"
    else:
        folder = Path("/proc") / f"kp-{os.getpid()}"
    result = _start(folder, tmp_path)
    assert result["code"] == 2
    assert len(result["dialogs"]) == 1
    kind_, text = result["dialogs"][0]
    assert kind_ == "show_error"
    assert str(folder / "key-projects.sqlite") in text
    assert "cannot create the database" in text
