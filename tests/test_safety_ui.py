"""History page and File → Restore…, driven offscreen."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from test_backup_restore import add_disbursements

from desktop_app.db import backup as bk
from desktop_app.db.models import Disbursement, Project
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.model import COL_ACTION, COL_AFTER, COL_BEFORE, COL_FIELD
from desktop_app.ui.history.page import HistoryPage
from desktop_app.ui.restore_dialog import COL_PROJECTS, RestoreDialog, install


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(dialogs, "show_info", lambda _p, text, *a, **k: said.append(text))
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, *a, **k: said.append(text))
    return said


def test_history_page_filters_by_project_field_and_date(db, qtbot) -> None:
    with db.session() as s:
        p = s.scalars(select(Project).where(Project.no == 4)).one()
        pid, old = p.id, p.lead_org
        p.lead_org = "厦门大学"
    page = HistoryPage(AppContext(db=db, lang="en"))
    qtbot.addWidget(page)
    page.refresh()
    everything = page.model.rowCount()
    assert everything > 13  # the seeded inserts and the change
    page.project.setCurrentIndex(page.project.findData(pid))
    page.field.setCurrentIndex(page.field.findData("lead_org"))
    page.load()
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert [(r.action, r.before, r.after) for r in rows] == [
        ("update", old, "厦门大学"),
        ("insert", None, old),
    ]
    assert {r.project_id for r in rows} == {pid} and {r.field for r in rows} == {"lead_org"}
    first = page.model.index(0, COL_AFTER)
    assert page.model.data(first) == "厦门大学"
    assert page.model.data(page.model.index(0, COL_FIELD)) == "Lead organisation"  # not lead_org
    assert page.model.data(page.model.index(0, COL_ACTION)) == "changed"
    assert page.model.data(page.model.index(1, COL_BEFORE)) == ""  # an insert has no before
    page.date_from.set_value(date(2099, 1, 1))
    page.load()
    assert page.model.rowCount() == 0
    page.date_from.edit.setText("not a date")
    page.load()
    assert page.date_from.edit.property("invalid") is True
    page.grab().save("/tmp/history_page.png")


def test_restore_dialog_lists_and_restores(db, qtbot, quiet) -> None:
    add_disbursements(db, 6)
    bk.backup_before(db, "import")
    add_disbursements(db, 4, doc="LATE")
    ctx = AppContext(db=db, lang="en")
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(background=False)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, COL_PROJECTS)) == "13"
    dialog.grab().save("/tmp/restore_dialog.png")
    old = ctx.db
    assert dialog.restore(dialog.model.row_at(0).path, "now")
    assert ctx.db is not old and dialog.restored
    with ctx.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Disbursement)) == 6
    assert "The previous data was saved as" in quiet[-1]
    ctx.db.dispose()


def test_restore_dialog_refuses_a_foreign_file(db, qtbot, quiet, tmp_path) -> None:
    bad = tmp_path / "x.sqlite"
    bad.write_text("plain text", encoding="utf-8")
    ctx = AppContext(db=db, lang="en")
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.restore(bad, "x")
    assert ctx.db is db and "not a SQLite database" in quiet[-1]
    with db.session():
        pass  # still open and writable


def test_restore_onto_a_held_database_says_so_and_keeps_the_window_writing(
    db, qtbot, quiet, monkeypatch
) -> None:
    """Antivirus holds the database file: the window shows one line naming it, keeps its
    database open, writable and locked (before, the error was lost and the lock too)."""
    from test_backup_restore import _held, _other_process_gets_lock

    from desktop_app.i18n import set_language

    set_language("en")
    copy = bk.backup_before(db, "x")
    assert copy is not None and db.path is not None
    ctx = AppContext(db=db, lang="en")
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    _held(monkeypatch, db.path)
    assert not dialog.restore(copy, "now")
    monkeypatch.undo()
    assert ctx.db is db and not dialog.restored
    assert str(db.path) in quiet[-1] and "held by another program" in quiet[-1]
    assert db.locked and not _other_process_gets_lock(db.path)
    add_disbursements(db, 1, doc="AFTER")  # still writable


def test_file_menu_actions(db, qtbot) -> None:
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("File")
    install(AppContext(db=db), window, menu)
    assert len(menu.actions()) == 2


def test_start_up_offers_the_newest_good_backup_for_a_damaged_file(db, qtbot, quiet) -> None:
    from test_faults import corrupt_table_root

    from desktop_app.db.database import DatabaseDamaged, open_database
    from desktop_app.ui.restore_dialog import offer_backup_for_damaged

    add_disbursements(db, 2)
    good = bk.backup_before(db, "import")
    db.dispose()
    corrupt_table_root(db.path)
    with pytest.raises(DatabaseDamaged) as err:
        open_database(db.path)
    assert offer_backup_for_damaged(ValueError("other")) is None
    assert offer_backup_for_damaged(err.value) is True
    assert str(good) in quiet[-1] and "damaged-" in quiet[-1]
    again = open_database(db.path)
    with again.reader() as s:
        assert s.scalar(select(func.count()).select_from(Disbursement)) == 2
    again.dispose()
