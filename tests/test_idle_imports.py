"""A project tab's first visit neither imports its code nor builds its widgets: after the
window's first paint, while it is idle, the tab modules (and what a first payment's save
needs) are imported and the portfolio page and its project tabs are built, one per turn
(issue 29). A built tab that is not on screen
does not read a project: opening a project reads Details and the tab shown, and a hidden
tab reads its project when it is shown."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
from desktop_app.db.database import open_database
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow, PROJECT_TAB_MODULES, SAVE_MODULES
from desktop_app.ui.pages import PORTFOLIO_PAGE

app = QApplication([])
window = MainWindow(AppContext(db=open_database(sys.argv[1])))
window.show()
before = [m for m in (*PROJECT_TAB_MODULES, *SAVE_MODULES) if m in sys.modules]
built_before = window.tabs.built_at(PORTFOLIO_PAGE) is not None
window.finish_startup()
after = [m for m in (*PROJECT_TAB_MODULES, *SAVE_MODULES) if m in sys.modules]
view = window.tabs.built_at(PORTFOLIO_PAGE).project_view
tabs = view.tabs.built()
loaded = [t for t in tabs if getattr(t, "project_id", None) is not None]
counts = (before, [built_before], after, PROJECT_TAB_MODULES, SAVE_MODULES, tabs, loaded)
print(*(sum(1 for x in c if x) for c in counts))
"""


def test_tab_modules_load_and_tabs_are_built_when_idle_without_a_project(tmp_path, db) -> None:
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
    fields = map(int, result.stdout.split()[-7:])
    before, built_before, after, total, saves, built, loaded = fields
    assert total == 3 and before == 0 and built_before == 0  # nothing of it before the paint
    assert after == total + saves and built == 1 + total  # Details and every tab, after it
    assert loaded == 0  # no project chosen yet: nothing read


def test_a_hidden_tab_reads_the_project_when_it_is_shown(qtbot, demo_db) -> None:
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.project.funding_tab import FundingTab
    from desktop_app.ui.project.milestones_tab import MilestonesTab

    window = MainWindow(AppContext(db=demo_db, lang="zh"))
    qtbot.addWidget(window)
    window.show()
    window.finish_startup()
    page = window.portfolio_page()
    page.refresh()
    view = page.project_view
    milestones = next(t for t in view.tabs.built() if isinstance(t, MilestonesTab))
    page.table.selectRow(0)
    first = view.project_id
    assert first is not None and view.details.project_id == first
    assert milestones.project_id is None  # hidden: not read on opening the project
    view.tabs.setCurrentIndex(view.tabs.indexOf(milestones.parentWidget()))
    assert milestones.project_id == first and milestones.model.rowCount() > 0
    page.table.selectRow(1)  # the tab on screen follows the project at once
    assert view.project_id not in (None, first) and milestones.project_id == view.project_id
    funding = view.tab(FundingTab)  # asked for by code: read before it is handed out
    assert funding is not None and funding.project_id == view.project_id
