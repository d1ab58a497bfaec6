"""File → Quarterly returns: the Make, Collect and Status dialogs, driven offscreen."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.db.models import Project
from desktop_app.domain.periods import Quarter
from desktop_app.ui.context import AppContext

P7 = "07-智慧交通AI计算云平台-2026Q3.xlsx"
P3 = "03-网络安全技术创新中心-2026Q3.xlsx"
SHOTS = os.environ.get("KEY_PROJECTS_SHOTS")  # a folder: save screenshots there too


def _shot(widget, name: str) -> None:
    if SHOTS:
        for w, h in ((1366, 697), (1920, 1009)):
            widget.resize(min(widget.width(), w), min(widget.height(), h))
            widget.grab().save(str(Path(SHOTS) / f"{name}-{w}.png"))


def _pick(combo, quarter: Quarter) -> None:
    for i in range(combo.count()):
        if combo.itemData(i) == quarter:
            combo.setCurrentIndex(i)
            return
    combo.addItem(str(quarter), quarter)
    combo.setCurrentIndex(combo.count() - 1)


def test_make_collect_and_status_dialogs(qtbot, demo_db, tmp_path: Path) -> None:
    from desktop_app.ui.returns_collect import CollectReturnsDialog
    from desktop_app.ui.returns_make import MakeReturnsDialog
    from desktop_app.ui.returns_status import ReturnStatusDialog

    ctx = AppContext(db=demo_db)
    folder = tmp_path / "out"
    make = MakeReturnsDialog(ctx)
    qtbot.addWidget(make)
    _pick(make.quarter, Quarter(2026, 3))
    make.folder.setText(str(folder))
    make.contact.setText("李明 0592-1234567")
    make.show()
    _shot(make, "make")
    make.make()
    qtbot.waitUntil(lambda: len(make.result_files) == 13, timeout=60_000)
    assert (folder / P7).exists()

    wb = load_workbook(folder / P7)
    wb["指标完成值"]["I2"] = 31
    wb["里程碑进展"]["J7"] = 95
    wb["进展情况与联系人"]["B3"] = "王芳"
    wb.save(folder / P7)
    wb = load_workbook(folder / P3)
    wb["里程碑进展"]["B3"] = "M99"
    wb.save(folder / P3)
    (folder / ("~$" + "05-智能惠农云服务平台-2026Q3.xlsx")).write_bytes(b"x")

    collect = CollectReturnsDialog(ctx, folder)
    qtbot.addWidget(collect)
    collect.show()
    collect.start()
    qtbot.waitUntil(lambda: collect.collected is not None, timeout=60_000)
    result = collect.collected
    assert len(result.returns) == 11 and len(result.refused) == 1
    assert not collect.confirm_button.isEnabled()  # all or nothing by default
    texts = []
    for i in range(collect.tree.topLevelItemCount()):
        top = collect.tree.topLevelItem(i)
        texts.append(top.text(0))
        texts += [top.child(j).text(0) for j in range(top.childCount())]
    assert any(P3 in t and "M99" in t for t in texts)
    _shot(collect, "collect")
    collect.each.setChecked(True)
    assert collect.confirm_button.isEnabled()
    collect.confirm()
    qtbot.waitUntil(lambda: collect.result() == 1, timeout=60_000)

    status = ReturnStatusDialog(ctx)
    qtbot.addWidget(status)
    _pick(status.quarter, Quarter(2026, 3))
    status.show()
    status.refresh()
    qtbot.waitUntil(lambda: len(status.rows) == 13, timeout=30_000)
    returned = {r.project_no for r in status.rows if r.returned}
    assert returned == set(range(1, 14)) - {3, 5}
    assert "03" in status.summary.text() and "05" in status.summary.text()
    _shot(status, "status")


def test_file_menu_has_quarterly_returns(qtbot, db) -> None:
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(AppContext(db=db))
    qtbot.addWidget(window)
    window.finish_startup()  # the File menu's features arrive after the first paint
    menus = [a.text() for a in window.file_menu.actions()]
    sub = next(a.menu() for a in window.file_menu.actions() if a.menu() is not None)
    assert sub is not None and any("Quarterly returns" in m or "季度报送" in m for m in menus)
    assert [a.text() for a in sub.actions()][:1]


def test_make_asks_before_replacing_and_collect_offers_a_side_for_conflicts(
    qtbot, demo_db, tmp_path: Path, dialog_log, monkeypatch
) -> None:
    """Issue 24: a second Make into the same folder asks first (No leaves the files and
    the database alone); a cell changed on both sides refuses its file until the officer
    picks a side, and the side picked is what is written."""
    from desktop_app.domain.milestones import MilestoneEdit
    from desktop_app.services.milestones import read_milestones, update_milestone
    from desktop_app.ui import dialogs
    from desktop_app.ui.returns_collect import CollectReturnsDialog
    from desktop_app.ui.returns_make import MakeReturnsDialog

    ctx = AppContext(db=demo_db)
    folder = tmp_path / "out"

    def make() -> MakeReturnsDialog:
        dlg = MakeReturnsDialog(ctx)
        qtbot.addWidget(dlg)
        _pick(dlg.quarter, Quarter(2026, 3))
        dlg.folder.setText(str(folder))
        dlg.make()
        return dlg

    first = make()
    qtbot.waitUntil(lambda: len(first.result_files) == 13, timeout=60_000)
    assert not [k for k, _t in dialog_log if k == "confirm"]
    stamp = (folder / P7).stat().st_mtime_ns
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: dialog_log.append(("no", "")))
    make()  # answered No: nothing is written
    assert (folder / P7).stat().st_mtime_ns == stamp and dialog_log[-1][0] == "no"

    with demo_db.reader() as s:
        pid = s.scalar(select(Project.id).where(Project.no == 7))
    m = next(x for x in read_milestones(demo_db, pid) if x.code == "M06")
    edit = MilestoneEdit(
        title=m.title, planned_end=m.planned_end, planned_start=m.planned_start,
        actual_start=m.actual_start, actual_end=m.actual_end,
        percent_complete=m.percent_complete, status=m.status, notes="办公室",
    )  # fmt: skip
    update_milestone(demo_db, m.id, edit, m.version)
    wb = load_workbook(folder / P7)
    wb["里程碑进展"]["L7"] = "单位"
    wb.save(folder / P7)

    collect = CollectReturnsDialog(ctx, folder)
    qtbot.addWidget(collect)
    collect.start()
    qtbot.waitUntil(lambda: collect.collected is not None, timeout=60_000)
    (bad,) = collect.collected.refused
    assert bad.file == P7 and "冲突" in bad.line and not collect.confirm_button.isEnabled()
    collect.collected = None
    collect.resolve.setCurrentIndex(collect.resolve.findData("theirs"))
    qtbot.waitUntil(lambda: collect.collected is not None, timeout=60_000)
    assert collect.collected.refused == [] and collect.confirm_button.isEnabled()
    collect.confirm()
    qtbot.waitUntil(lambda: collect.result() == 1, timeout=60_000)
    m = next(x for x in read_milestones(demo_db, pid) if x.code == "M06")
    assert m.notes == "单位"
