"""Two windows on one portfolio: the second save shows theirs and yours, Reload or Re-apply."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from test_postgres_concurrency import _edit

from desktop_app.db.database import Database
from desktop_app.services import project_list, projects
from desktop_app.services.conflicts import ConflictError
from desktop_app.ui import conflict_dialog
from desktop_app.ui.conflict_dialog import REAPPLY, RELOAD, ConflictDialog, format_value
from desktop_app.ui.context import AppContext
from desktop_app.ui.project.details_form import ProjectDetailsForm


def _form(qtbot, db: Database) -> ProjectDetailsForm:
    form = ProjectDetailsForm(AppContext(db=db, lang="zh"))
    qtbot.addWidget(form)
    form.load_project(1)
    return form


def _someone_else_saves(db: Database, lead_org: str, **more: object) -> int:
    loaded = project_list.read_project(db, 1)
    edit = _edit(loaded, lead_org=lead_org, **more)
    return projects.save_project(db, 1, edit, loaded.version).version


def _answer(monkeypatch: pytest.MonkeyPatch, choice: str) -> list[ConflictError]:
    """The officer's answer to the conflict dialog; returns the conflicts it was shown."""
    shown: list[ConflictError] = []

    def answer(_parent, conflict, _labels=None):
        shown.append(conflict)
        return choice

    monkeypatch.setattr(conflict_dialog, "resolve_conflict", answer)
    return shown


def test_dialog_lists_each_field_with_theirs_and_yours(qtbot) -> None:
    conflict = ConflictError(
        "项目“测试”",
        {"lead_org": ("思明区科技局", "厦门软件园"), "end_date": (None, date(2027, 6, 30))},
        current_version=3,
    )
    dialog = ConflictDialog(conflict, {"lead_org": "牵头单位"})
    qtbot.addWidget(dialog)
    cells = [
        [dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())
    ]
    assert cells == [["牵头单位", "思明区科技局", "厦门软件园"], ["end_date", "—", "2027-06-30"]]
    dialog.reapply_button.click()
    assert dialog.choice == REAPPLY


def test_format_value() -> None:
    assert format_value(None) == "—"
    assert format_value(Decimal("12.50")) == "12.50"
    assert format_value("a\nb") == "a b"
    assert format_value("x" * 500).endswith("…")


def test_reapply_saves_mine_over_theirs(qtbot, db, other_officer, monkeypatch) -> None:
    form = _form(qtbot, db)
    _someone_else_saves(other_officer, "他人先存")
    seen = _answer(monkeypatch, REAPPLY)
    form.lead_org.setText("我的修改")
    assert form.save() is True
    assert seen[0].fields["lead_org"] == ("他人先存", "我的修改")
    assert project_list.read_project(other_officer, 1).lead_org == "我的修改"
    assert not form.has_unsaved_changes()


def test_reload_shows_theirs_and_drops_mine(qtbot, db, other_officer, monkeypatch) -> None:
    form = _form(qtbot, db)
    _someone_else_saves(other_officer, "他人先存")
    _answer(monkeypatch, RELOAD)
    form.lead_org.setText("我的修改")
    assert form.save() is False
    assert form.lead_org.text() == "他人先存"
    assert not form.has_unsaved_changes()
    assert project_list.read_project(db, 1).lead_org == "他人先存"


def test_cancel_keeps_my_edit_in_the_form_and_saves_nothing(
    qtbot, db, other_officer, monkeypatch
) -> None:
    form = _form(qtbot, db)
    _someone_else_saves(other_officer, "他人先存")
    _answer(monkeypatch, "cancel")
    form.lead_org.setText("我的修改")
    assert form.save() is False
    assert form.lead_org.text() == "我的修改"
    assert project_list.read_project(db, 1).lead_org == "他人先存"


def test_reapply_keeps_their_other_fields(qtbot, db, other_officer, monkeypatch) -> None:
    """They changed the lead organisation and the notes; I changed only the notes."""
    form = _form(qtbot, db)
    _someone_else_saves(other_officer, "他人改的牵头单位", notes="他人的备注")
    shown = _answer(monkeypatch, REAPPLY)
    form.notes.setPlainText("我的备注")
    assert form.save() is True
    assert shown[0].fields == {"notes": ("他人的备注", "我的备注")}
    saved = project_list.read_project(other_officer, 1)
    assert (saved.lead_org, saved.notes) == ("他人改的牵头单位", "我的备注")
    assert form.lead_org.text() == "他人改的牵头单位"
