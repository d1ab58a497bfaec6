"""The evidence list in the window, and File → Plan-period report…"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from sqlalchemy import select

from desktop_app.db.models import Disbursement, Milestone
from desktop_app.services import evidence as ev
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence.dialog import EvidenceDialog


@pytest.fixture
def ctx(demo_db):
    return AppContext(db=demo_db, lang="zh")


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


def _ids(db, model):
    with db.reader() as s:
        return s.scalars(select(model.id).where(model.project_id == 1).order_by(model.id)).first()


def test_add_open_save_remove_and_undo(qtbot, ctx, opened, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    dialog = EvidenceDialog(ctx, "milestone", _ids(ctx.db, Milestone))
    qtbot.addWidget(dialog)
    src = tmp_path / "验收报告.pdf"
    src.write_bytes(b"%PDF-1.4 acceptance")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(src)], ""))
    dialog.add_files()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "验收报告.pdf"
    dialog.table.selectRow(0)
    dialog.open_current()
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == src.read_bytes()
    out = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.save_current()
    assert out.read_bytes() == src.read_bytes()
    dialog.remove_current()
    assert dialog.table.rowCount() == 0
    assert dialog.undo_button.isEnabled()
    dialog.undo_button.click()
    assert dialog.table.rowCount() == 1
    assert [r.file_name for r in ev.list_evidence(ctx.db, project_no=1)] == ["验收报告.pdf"]


def test_dropped_files_are_added_and_a_folder_is_refused(qtbot, ctx, tmp_path: Path) -> None:
    dialog = EvidenceDialog(ctx, "disbursement", _ids(ctx.db, Disbursement))
    qtbot.addWidget(dialog)
    voucher = tmp_path / "voucher.png"
    voucher.write_bytes(b"\x89PNG voucher")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(voucher)), QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(event)
    assert dialog.table.rowCount() == 1
    assert "folder" in dialog.error.text() or "文件夹" in dialog.error.text()


def test_plan_report_dialog_writes_and_opens(qtbot, ctx, opened, tmp_path, monkeypatch) -> None:
    from desktop_app.ui.plan_report_action import PlanReportDialog

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    dialog = PlanReportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.period.currentData() == "2021-2025"
    out = tmp_path / "final.pdf"
    dialog.path.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: opened == [str(out)], timeout=60_000)
    assert out.read_bytes().startswith(b"%PDF")


def test_about_shows_the_evidence_total(ctx, tmp_path: Path) -> None:
    from desktop_app.ui.about import about_text

    src = tmp_path / "a.pdf"
    src.write_bytes(b"x" * 2048)
    with ctx.db.reader() as s:
        code = s.scalars(select(Milestone.code).where(Milestone.project_id == 1)).first()
    ev.add_evidence(ctx.db, 1, ev.EvidenceTarget("milestone", code), src)
    assert "Evidence files: 1 (2.0 KB)" in about_text(ctx)


# --- Temporary copies for the viewer (issue 27: they were never deleted) -------------------


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch):
    import tempfile

    from desktop_app.ui.evidence import viewer_copies

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    viewer_copies.forget_session()
    yield viewer_copies.copies_root()
    viewer_copies.forget_session()


def _leftover(root: Path, session: str) -> Path:
    """A read-only copy an earlier session left, as open_current makes them."""
    path = root / session / "tmpabc" / "合同.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"%PDF old")
    path.chmod(0o400)
    return path


def test_opened_copies_are_removed_at_exit_and_earlier_ones_at_start(
    qtbot, ctx, opened, temp_root: Path, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.ui.evidence import viewer_copies

    old = _leftover(temp_root, "999999-deadbeef")
    dialog = EvidenceDialog(ctx, "milestone", _ids(ctx.db, Milestone))
    qtbot.addWidget(dialog)
    src = tmp_path / "验收报告.pdf"
    src.write_bytes(b"%PDF-1.4 acceptance")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(src)], ""))
    dialog.add_files()
    dialog.table.selectRow(0)
    dialog.open_current()
    copy = Path(opened[0])
    assert copy.is_relative_to(temp_root) and not copy.stat().st_mode & 0o222  # read-only
    # At the next start: the earlier session's copy goes, this session's stays (its viewer).
    assert viewer_copies.remove_earlier_copies() == 1
    assert not old.exists() and not old.parent.parent.exists() and copy.exists()
    # At exit: this session's copies, folders and all.
    assert viewer_copies.remove_session_copies() == 1
    assert not copy.exists() and list(temp_root.iterdir()) == []


def test_a_copy_still_held_by_its_viewer_stays_for_later(temp_root: Path, monkeypatch) -> None:
    """Windows refuses to delete a file a program holds: that one stays, the rest go."""
    from desktop_app.ui.evidence import viewer_copies

    held = viewer_copies.make_copy("held.xlsx", b"x")
    free = viewer_copies.make_copy("free.pdf", b"y")
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == held:
            raise PermissionError(13, "The process cannot access the file", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    assert viewer_copies.remove_session_copies() == 1
    assert held.exists() and not free.exists()


def test_the_window_start_removes_earlier_copies(tmp_path: Path, demo_template: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    temp = tmp_path / "temp"
    old = _leftover(temp / "key-projects-evidence", "999999-deadbeef")
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "KEY_PROJECTS_EXIT_AFTER_SHOW": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "KEY_PROJECTS_DATA_DIR": str(tmp_path / "data"),
        "KEY_PROJECTS_CONFIG_DIR": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert not old.exists()

