"""File → Import…: the preview lists adds, changes (old → new) and problems; Confirm writes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop_app.db.models import Milestone
from desktop_app.io.importer import import_workbook
from desktop_app.ui.context import AppContext
from desktop_app.ui.io_actions import ImportDialog, export_workbook_to
from tests.io_books import MILESTONE, fingerprint, write_book


def _texts(item) -> list[str]:
    out = [item.text(c) for c in range(4) if item.text(c)]
    for i in range(item.childCount()):
        out += _texts(item.child(i))
    return out


def _all_texts(dialog: ImportDialog) -> list[str]:
    tree = dialog.tree
    return [t for i in range(tree.topLevelItemCount()) for t in _texts(tree.topLevelItem(i))]


def test_preview_then_confirm(qtbot, db, tmp_path: Path) -> None:
    import_workbook(db, write_book(tmp_path / "a.xlsx", {"milestones": [MILESTONE]}))
    path = write_book(
        tmp_path / "b.xlsx",
        {
            "milestones": [
                {**MILESTONE, "planned_end": "2027/1/15"},
                {**MILESTONE, "code": "M91", "title": "验收"},
            ]
        },
    )
    ctx = AppContext(db=db)
    changed: list[bool] = []
    ctx.bus.sig_data_changed.connect(lambda: changed.append(True))
    dialog = ImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    before = fingerprint(db)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    texts = _all_texts(dialog)
    assert "里程碑: 1 to add, 1 to change, 0 unchanged" in texts
    assert {"计划完成", "2026-12-31", "2027-01-15"} <= set(texts)
    assert "row 3: 1. 国产移动平台操作系统开发者应用创新中心/M91" in texts  # the project by name
    assert dialog.confirm_button.isEnabled()
    assert fingerprint(db) == before  # the preview wrote nothing
    dialog.grab().save(str(tmp_path / "preview.png"))
    qtbot.mouseClick(dialog.confirm_button, __import__("PySide6.QtCore").QtCore.Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_preview is not None, timeout=30_000)
    assert changed == [True]
    with db.reader() as s:
        ends = dict(s.execute(select(Milestone.code, Milestone.planned_end)).all())
    assert ends == {"M90": date(2027, 1, 15), "M91": date(2026, 12, 31)}


def test_problems_are_listed_and_confirm_stays_off(qtbot, db, tmp_path: Path) -> None:
    path = write_book(tmp_path / "bad.xlsx", {"milestones": [{**MILESTONE, "project_no": 77}]})
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.problems), timeout=30_000)
    assert dialog.problems == ["里程碑,第 2 行,项目编号:不存在项目 77"]
    assert _all_texts(dialog) == dialog.problems
    assert not dialog.confirm_button.isEnabled()


def test_export_runs_in_the_background(qtbot, db, tmp_path: Path) -> None:
    ctx = AppContext(db=db)
    messages: list[str] = []
    ctx.bus.sig_status.connect(messages.append)
    out = tmp_path / "x.xlsx"
    export_workbook_to(ctx, None, out)
    qtbot.waitUntil(lambda: any(str(out) in m for m in messages), timeout=30_000)
    assert out.read_bytes().startswith(b"PK")


def test_file_menu_has_export_and_import(qtbot, db) -> None:
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(AppContext(db=db, lang="en"))
    qtbot.addWidget(window)
    window.finish_startup()  # the File menu's features arrive after the first paint
    names = [a.text() for a in window.file_menu.actions()]
    assert "&Export to Excel…" in names and "&Import from Excel…" in names
