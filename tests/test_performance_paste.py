"""Pasting a block from Excel into the indicator grid: all or nothing, in one transaction."""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal as D

import pytest
from performance_sample import SEPT_15, WORKED
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.db.database import Database
from desktop_app.db.models import Project
from desktop_app.services import performance as perf
from desktop_app.services.conflicts import ConflictError
from desktop_app.snapshots.performance import IndicatorEdit
from desktop_app.ui import conflict_dialog, dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.performance.formatting import direction_label
from desktop_app.ui.performance.indicator_model import (
    COL_NAME,
    COL_NEGATIVE,
    COL_Q1,
    COL_Q2,
    COL_Q3,
    COL_Q4,
    COL_TARGET,
    COL_WEIGHT,
)
from desktop_app.ui.project.performance_tab import PerformanceTab
from desktop_app.ui.widgets import table_habits


@pytest.fixture(autouse=True)
def _september(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPT_15)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, text, *_a: errors.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    return errors


def _pid(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == 1))


def _tab(qtbot, db: Database) -> PerformanceTab:
    perf.save_indicator_set(db, _pid(db), 2026, WORKED)
    tab = PerformanceTab(AppContext(db=db))
    qtbot.addWidget(tab)
    tab.year.setValue(2026)
    tab.load_project(_pid(db))
    tab.show()
    return tab


def _paste(tab: PerformanceTab, row: int, col: int, text: str) -> str | None:
    tab.table.setCurrentIndex(tab.model.index(row, col))
    return table_habits.paste(tab.table, text)


def _actuals(db: Database) -> dict[tuple[str, int], D]:
    snap = perf.read_project_performance(db, _pid(db), 2026)
    return {
        (r.name, q): v
        for r in snap.indicators
        for q, v in enumerate(r.ytd, start=1)
        if v is not None
    }


def _count_sessions(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    opened: list[int] = []
    session = db.session

    @contextmanager
    def counted():  # type: ignore[no-untyped-def]
        opened.append(1)
        with session() as s:
            yield s

    monkeypatch.setattr(db, "session", counted)
    return opened


def _header(tab: PerformanceTab, col: int) -> str:
    return str(tab.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))


def test_a_block_of_two_indicators_by_two_quarters_is_saved_in_one_go(
    qtbot, db: Database, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(qtbot, db)
    opened = _count_sessions(db, monkeypatch)
    assert _paste(tab, 0, COL_Q1, "30\t60\n5\t10\n") is None
    assert shown == []
    assert len(opened) == 1  # one transaction, at once
    assert _actuals(db) == {
        ("专利申请", 1): D(30),
        ("专利申请", 2): D(60),
        ("研发投入", 1): D(5),
        ("研发投入", 2): D(10),
    }
    # the tab shows the new figures and the projection made from them
    assert [tab.model.index(r, COL_Q2).data() for r in range(3)] == ["60", "10", ""]
    assert "Q2" in tab.summary.text()


@pytest.mark.parametrize("bad", ["十二", "-5"])
def test_a_block_with_a_bad_last_cell_saves_nothing(
    qtbot, db: Database, shown: list[str], bad: str
) -> None:
    tab = _tab(qtbot, db)
    perf.set_actual(db, tab.controller.snapshot.indicators[0].id, 1, D(20))
    tab.discard()  # shows the stored figure
    problem = _paste(tab, 0, COL_Q1, f"30\t60\n5\t{bad}\n")
    qtbot.wait(50)  # any save the paste might have left for the event loop
    assert problem and shown == [problem]
    assert problem.startswith(f"Row 2, column “{_header(tab, COL_Q2)}”:")
    assert _actuals(db) == {("专利申请", 1): D(20)}  # unchanged
    assert [tab.model.index(0, c).data() for c in (COL_Q1, COL_Q2)] == ["20", ""]


def test_a_block_over_a_quarter_not_yet_begun_is_refused(
    qtbot, db: Database, shown: list[str]
) -> None:
    tab = _tab(qtbot, db)
    problem = _paste(tab, 0, COL_Q3, "90\t120\n")
    qtbot.wait(50)
    assert problem and f"Row 1, column “{_header(tab, COL_Q4)}”" in problem
    assert _actuals(db) == {}
    # the service refuses it too, naming the cell
    first = tab.controller.snapshot.indicators[0].id
    with pytest.raises(perf.ActualRefused) as info:
        perf.save_actual_block(db, _pid(db), 2026, {(first, 3): D(90), (first, 4): D(120)})
    assert info.value.cell == (first, 4)
    assert _actuals(db) == {}


@pytest.mark.parametrize("theirs", ["renamed", "typed a figure"])
def test_a_concurrent_change_takes_the_conflict_path_and_saves_nothing(
    qtbot,
    db: Database,
    other_officer: Database,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
    theirs: str,
) -> None:
    conflicts: list[ConflictError] = []

    def answer(_parent, conflict, _labels=None):  # type: ignore[no-untyped-def]
        conflicts.append(conflict)
        return conflict_dialog.RELOAD

    monkeypatch.setattr(conflict_dialog, "resolve_conflict", answer)
    tab = _tab(qtbot, db)
    loaded = tab.controller.snapshot.indicators
    if theirs == "renamed":  # the other officer saves the set: indicator 2's version moves on
        edits = [r.edit() for r in loaded]
        edits[1] = IndicatorEdit(loaded[1].id, "研发经费投入", "万元", D(30), D(20))
        perf.save_indicator_set(
            other_officer, _pid(db), 2026, edits, loaded={r.id: r.version for r in loaded}
        )
        expected: dict[tuple[str, int], D] = {}
    else:  # the other officer types a figure the block would overwrite
        perf.set_actual(other_officer, loaded[1].id, 1, D(7))
        expected = {("研发投入", 1): D(7)}
    problem = _paste(tab, 0, COL_Q1, "30\t60\n5\t10\n")
    qtbot.wait(50)
    assert problem == "" and shown == []  # the conflict dialog said it
    assert len(conflicts) == 1 and conflicts[0].fields
    assert all(label.endswith(("Q1", "Q2")) for label in conflicts[0].fields)
    assert _actuals(db) == expected  # nothing of the paste was saved
    assert tab.model.index(1, COL_Q1).data() == ("7" if expected else "")  # Reload shows theirs


def test_definition_cells_go_into_the_draft_all_or_nothing(
    qtbot, db: Database, shown: list[str]
) -> None:
    tab = _tab(qtbot, db)
    lower = direction_label("lower")
    assert _paste(tab, 0, COL_NAME, f"专利授权\t个\t{lower}\n") is None
    draft = tab.model.rows()[0]
    assert (draft.name, draft.unit, draft.direction) == ("专利授权", "个", "lower")
    assert tab.has_unsaved_changes()
    tab.discard()
    problem = _paste(tab, 0, COL_WEIGHT, "50\n四十\n")
    assert problem and problem.startswith(f"Row 2, column “{_header(tab, COL_WEIGHT)}”:")
    assert not tab.has_unsaved_changes()  # the good first cell was not applied either
    mixed = _paste(tab, 0, COL_TARGET, "100\t\t1\n")  # across the tick box into Q1
    assert mixed and mixed.startswith(f"Row 1, column “{_header(tab, COL_NEGATIVE)}”:")
    assert not tab.has_unsaved_changes()


def test_re_apply_after_a_conflict_saves_the_block_over_theirs(
    qtbot, db: Database, other_officer: Database, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        conflict_dialog, "resolve_conflict", lambda *_a, **_k: conflict_dialog.REAPPLY
    )
    tab = _tab(qtbot, db)
    perf.set_actual(other_officer, tab.controller.snapshot.indicators[1].id, 1, D(7))
    assert _paste(tab, 0, COL_Q1, "30\n5\n") is None
    assert _actuals(db) == {("专利申请", 1): D(30), ("研发投入", 1): D(5)}  # knowingly
    assert tab.model.index(1, COL_Q1).data() == "5"
