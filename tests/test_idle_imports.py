"""A project tab's first visit does not also import its code: the modules arrive while the
window is idle after its first paint (issue 29), and no tab is built before it is shown."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
from desktop_app.db.database import open_database
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow, PROJECT_TAB_MODULES

app = QApplication([])
window = MainWindow(AppContext(db=open_database(sys.argv[1])))
window.show()
before = [m for m in PROJECT_TAB_MODULES if m in sys.modules]
window.finish_startup()
after = [m for m in PROJECT_TAB_MODULES if m in sys.modules]
built = len(window.portfolio_page().project_view.tabs.built())
print(len(before), len(after), len(PROJECT_TAB_MODULES), built)
"""


def test_project_tab_modules_load_when_idle_and_no_tab_is_built(tmp_path, db) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["KEY_PROJECTS_CONFIG_DIR"] = str(tmp_path / "config")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db.path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    before, after, total, built = map(int, result.stdout.split()[-4:])
    assert total == 3 and before == 0 and after == total
    assert built == 1  # only Details: the others are built when first shown
