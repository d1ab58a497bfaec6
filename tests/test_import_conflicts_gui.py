"""File → Import… with conflicts: listed with exported → database now → workbook, and
Confirm stays off until each has a choice (issue 20)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from test_import_threeway import _edit_cell, _notes, _set_notes

from desktop_app.io.export import export_workbook
from desktop_app.services import project_list
from desktop_app.ui.context import AppContext
from desktop_app.ui.io_actions import ImportDialog


def test_conflicts_are_chosen_one_by_one_in_the_window(qtbot, db, tmp_path: Path) -> None:
    book = export_workbook(db, tmp_path / "a.xlsx")
    _set_notes(db, 2, "库 2")
    _set_notes(db, 4, "库 4")
    _set_notes(db, 6, "库 6")  # newer in the database, untouched in the workbook: kept
    _edit_cell(book, "项目", 0, 2, "备注", "表 2")
    _edit_cell(book, "项目", 0, 4, "备注", "表 4")
    dialog = ImportDialog(AppContext(db=db), book)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 697)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    assert len(dialog.combos) == 2
    assert "1 cell(s) changed in the database since the export are kept" in dialog.mode.text()
    assert not dialog.confirm_button.isEnabled()
    top = dialog.tree.topLevelItem(0)
    line = [top.child(0).text(c) for c in range(4)]
    assert line[1:] == ["备注", "exported “” → now “库 2”", "表 2"]
    dialog.show()
    dialog.grab().save(str(tmp_path / "conflicts.png"))
    combos = list(dialog.combos.values())
    combos[0].setCurrentIndex(combos[0].findData("theirs"))
    assert not dialog.confirm_button.isEnabled()  # one still undecided
    combos[1].setCurrentIndex(combos[1].findData("ours"))
    assert dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_preview is not None, timeout=30_000)
    assert (_notes(db, 2), _notes(db, 4), _notes(db, 6)) == ("表 2", "库 4", "库 6")


def test_the_preview_names_projects_keeps_the_choice_in_view_and_shows_the_fen(
    qtbot, db, tmp_path: Path
) -> None:
    from desktop_app.io.preview import exact_wan

    book = export_workbook(db, tmp_path / "a.xlsx")
    _set_notes(db, 2, "库 2")
    _edit_cell(book, "项目", 0, 2, "备注", "表 2")
    _edit_cell(book, "项目", 0, 3, "备注", "表 3")
    dialog = ImportDialog(AppContext(db=db), book)
    qtbot.addWidget(dialog)
    dialog.resize(820, 560)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    name2 = project_list.read_project(db, 2).name_zh
    conflict = dialog.tree.topLevelItem(0).child(0).text(0)
    assert conflict.endswith(f"2. {name2}")  # the project, not the bare key "2"
    texts = []
    for i in range(dialog.tree.topLevelItemCount()):
        stack = [dialog.tree.topLevelItem(i)]
        while stack:
            item = stack.pop()
            texts.append(item.text(0))
            stack += [item.child(j) for j in range(item.childCount())]
    assert any(f"3. {project_list.read_project(db, 3).name_zh}" in t for t in texts)
    header = dialog.tree.header()
    right = header.sectionViewportPosition(4) + header.sectionSize(4)
    assert right <= dialog.tree.viewport().width()  # the choice column in view
    # a few yuan's correction is shown to the fen, not as 420.01 → 420.01
    assert exact_wan(420_012_345) == "420.012345"
    assert exact_wan(420_010_000) == "420.01"


def test_a_workbook_of_another_database_is_imported_only_when_the_officer_says(
    qtbot, db, tmp_path: Path
) -> None:
    """Refused with both identities named; "Import as a hand-made workbook" previews it
    two-way and Confirm writes it (issue 24)."""
    from sqlalchemy import text

    book = export_workbook(db, tmp_path / "a.xlsx")
    _edit_cell(book, "项目", 0, 3, "备注", "另一库的备注")
    with db.session() as s:
        s.execute(text("UPDATE setting SET value = 'our-own-db' WHERE key = 'database_id'"))
    dialog = ImportDialog(AppContext(db=db), book)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.problems), timeout=30_000)
    assert "our-own-db" in dialog.problems[0] and not dialog.as_hand_made.isHidden()
    assert not dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.as_hand_made, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    assert dialog.preview.changed == 1 and dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_preview is not None, timeout=30_000)
    assert _notes(db, 3) == "另一库的备注"
