"""Issue 10's "done when": two windows on two connections share one portfolio, losing nothing.

Runs on SQLite and on the PostgreSQL server (skipped without one, see pg_support).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_support import url_text
from PySide6.QtGui import QKeySequence

from desktop_app.db.database import open_database
from desktop_app.services import project_list
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.portfolio.table_model import COL_LEAD, COL_NO


@pytest.fixture(params=["sqlite", "postgres"])
def two_windows(request, qtbot, tmp_path: Path, monkeypatch) -> Iterator[tuple[MainWindow, ...]]:
    if request.param == "sqlite":
        target = str(tmp_path / "shared.sqlite")
    else:
        target = url_text(request.getfixturevalue("pg_seeded_url"))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, *a, **k: errors.append(text))
    windows = []
    for _ in range(2):
        db = open_database(target, lock=False)
        window = MainWindow(AppContext(db=db, lang="zh"))
        qtbot.addWidget(window)
        window.portfolio_page().refresh()
        window.show()
        window.finish_startup()  # shortcuts (F5) arrive after the first paint
        windows.append(window)
    yield tuple(windows)
    assert errors == []
    for window in windows:
        window.ctx.db.dispose()


def _lead_shown(window: MainWindow, no: int) -> str:
    proxy = window.portfolio_page().proxy
    for r in range(proxy.rowCount()):
        if int(proxy.index(r, COL_NO).data()) == no:
            return proxy.index(r, COL_LEAD).data()
    raise AssertionError(f"project {no} not shown")


def _press_refresh(window: MainWindow) -> None:
    action = next(
        a
        for a in window.view_menu.actions()
        if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    )
    action.trigger()


def test_refresh_shows_the_other_windows_save_and_no_change_is_lost(
    two_windows, monkeypatch
) -> None:
    window_a, window_b = two_windows
    page_a, page_b = window_a.portfolio_page(), window_b.portfolio_page()
    page_a.open_project(1)
    page_b.open_project(1)
    form_a, form_b = page_a.project_view.details, page_b.project_view.details

    form_a.lead_org.setText("A 改的牵头单位")
    assert form_a.save() is True
    assert _lead_shown(window_a, 1) == "A 改的牵头单位"
    assert _lead_shown(window_b, 1) != "A 改的牵头单位"  # B has not refreshed yet

    # B, still on the old version, changes the notes: refused, shown, re-applied on top.
    monkeypatch.setattr(
        conflict_dialog, "resolve_conflict", lambda *_a, **_k: conflict_dialog.REAPPLY
    )
    form_b.notes.setPlainText("B 的备注")
    assert form_b.save() is True

    assert _lead_shown(window_b, 1) == "A 改的牵头单位"  # B's page reloaded after its save

    # B changes another project; A sees it after F5 (View → Refresh), not before.
    page_b.open_project(2)
    form_b.lead_org.setText("B 改的二号项目")
    assert form_b.save() is True
    assert _lead_shown(window_a, 2) != "B 改的二号项目"
    _press_refresh(window_a)
    assert _lead_shown(window_a, 2) == "B 改的二号项目"
    assert _lead_shown(window_a, 1) == "A 改的牵头单位"
    saved = project_list.read_project(window_a.ctx.db, 1)
    assert (saved.lead_org, saved.notes) == ("A 改的牵头单位", "B 的备注")
