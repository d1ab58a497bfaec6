"""File → Quarterly brief…: the dialog builds the PDF off the GUI thread and opens it."""

from __future__ import annotations

import pytest
from brief_sample import EPOCH, add_sample
from PySide6.QtGui import QDesktopServices

from desktop_app.ui.brief_action import BriefDialog, recent_quarters
from desktop_app.ui.context import AppContext


@pytest.fixture
def ctx(db, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    add_sample(db)
    return AppContext(db=db, lang="zh")


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


def test_recent_quarters_start_with_the_running_one(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # 2026-11-20
    assert recent_quarters(3) == ["2026Q4", "2026Q3", "2026Q2"]


def test_dialog_writes_and_opens_the_brief(qtbot, ctx, opened, tmp_path):
    dialog = BriefDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.quarter.currentText() == "2026Q3"  # the last finished quarter
    out = tmp_path / "brief.pdf"
    dialog.language.setCurrentIndex(1)
    dialog.path.setText(str(out))
    dialog.start()
    assert not dialog.buttons.isEnabled()  # busy while the worker runs
    qtbot.waitUntil(lambda: opened == [str(out)], timeout=60_000)
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.output == out


def test_bad_quarter_is_shown_in_the_dialog(qtbot, ctx, opened, tmp_path):
    dialog = BriefDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.quarter.setEditText("2026Q5")
    dialog.path.setText(str(tmp_path / "x.pdf"))
    dialog.start()
    qtbot.waitUntil(lambda: "2026Q5" in dialog.error.text(), timeout=30_000)
    assert dialog.buttons.isEnabled() and opened == []
    assert not (tmp_path / "x.pdf").exists()


def test_file_menu_has_the_action(qtbot, ctx):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.finish_startup()  # the File menu's features arrive after the first paint
    texts = [a.text() for a in window.file_menu.actions()]
    assert any("brief" in t.lower() or "简报" in t for t in texts), texts


def test_an_existing_pdf_is_not_overwritten_without_asking(
    qtbot, ctx, opened, tmp_path, monkeypatch
):
    from desktop_app.ui import dialogs

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, text, *_a: asked.append(text) or False)
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"the officer's earlier brief")
    dialog = BriefDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(out))
    dialog.start()
    assert asked and str(out) in asked[0]
    assert dialog.buttons.isEnabled()  # nothing started
    assert out.read_bytes() == b"the officer's earlier brief"
