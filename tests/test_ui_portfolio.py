"""The portfolio page with qtbot: filtering, search, edit and save, a rejected edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.db.models import Project
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.portfolio.table_model import COL_NAME, COL_NO
from desktop_app.ui.translation import install_translators


@pytest.fixture
def window(qtbot, qapp, db):
    install_translators(qapp, "zh")  # the real .qm: Chinese is what officers see
    w = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(w)
    w.portfolio_page().refresh()
    w.show()
    yield w
    w.close()
    install_translators(qapp, "en")  # later tests see the source strings again


def _names(page) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, COL_NAME).data() for r in range(proxy.rowCount())]


def test_table_shows_the_13_projects_in_order(window):
    page = window.portfolio_page()
    assert page.proxy.rowCount() == 13
    numbers = [int(page.proxy.index(r, COL_NO).data()) for r in range(13)]
    assert numbers == list(range(1, 14))
    assert _names(page)[11].startswith("高速光通信收发芯片组")


def test_search_matches_chinese_substrings(window, qtbot):
    page = window.portfolio_page()
    page.search.setText("芯片")  # QTest cannot type non-Latin keys; IME input lands as text
    assert sorted(_names(page)) == sorted(
        ["Mini/Micro LED芯片深加工及显示技术研究", "高速光通信收发芯片组关键技术攻关"]
    )
    page.search.clear()
    qtbot.keyClicks(page.search, "xgs")  # English name, any case
    assert _names(page) == ["高速光通信收发芯片组关键技术攻关"]
    assert "1" in page.count_label.text() and "13" in page.count_label.text()


def test_filter_by_domain_and_status(window):
    page = window.portfolio_page()
    page.domain_filter.setCurrentIndex(page.domain_filter.findData("IC"))
    assert page.proxy.rowCount() == 3  # projects 8, 12, 13
    page.status_filter.setCurrentIndex(page.status_filter.findData("suspended"))
    assert page.proxy.rowCount() == 0
    page.status_filter.setCurrentIndex(0)
    page.domain_filter.setCurrentIndex(0)
    assert page.proxy.rowCount() == 13


def _select(window, no: int):
    page = window.portfolio_page()
    for r in range(page.proxy.rowCount()):
        if page.proxy.index(r, COL_NO).data() == str(no):
            page.table.selectRow(r)
            return page.project_view.details
    raise AssertionError(no)


def test_edit_and_save_writes_one_transaction(window, qtbot, db):
    form = _select(window, 5)
    assert form.name_zh.text() == "智能惠农云服务平台"
    form.lead_org.setText("厦门某农业科技有限公司")
    form.start_date.edit.setText("2023/3/1")
    form.end_date.edit.setText("2027年12月31日")
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.has_unsaved_changes()
    with db.reader() as s:
        p = s.scalar(select(Project).where(Project.no == 5))
    assert (p.lead_org, p.start_date.isoformat(), p.end_date.isoformat()) == (
        "厦门某农业科技有限公司",
        "2023-03-01",
        "2027-12-31",
    )


def test_rejected_edit_marks_the_field_and_saves_nothing(window, qtbot, db):
    form = _select(window, 2)
    form.name_zh.setText(" ")
    form.end_date.edit.setText("2020-01-01")
    form.start_date.edit.setText("2024-01-01")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "名称不能为空" in form.error_label.text()
    assert "结束日期早于开始日期" in form.error_label.text()
    assert form.name_zh.styleSheet() and form.end_date.edit.toolTip()
    assert form.has_unsaved_changes()
    with db.reader() as s:
        p = s.scalar(select(Project).where(Project.no == 2))
    assert p.name_zh == "数字供应链创新赋能中心" and p.start_date is None


def test_duplicate_name_and_bad_date_are_refused(window, qtbot):
    form = _select(window, 3)
    form.name_zh.setText("数字供应链创新赋能中心")
    form.start_date.edit.setText("2026-02-30")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "日期无效" in form.error_label.text()
    form.start_date.edit.setText("")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "已有项目名为" in form.error_label.text()


def test_unsaved_changes_prompt_can_keep_the_user_on_the_project(window, monkeypatch):
    form = _select(window, 4)
    form.notes.setPlainText("待保存的备注")
    monkeypatch.setattr(dialogs, "save_discard_cancel", lambda *_a: "cancel")
    _select(window, 6)
    assert window.portfolio_page().project_view.details.no_label.text() == "4"
    monkeypatch.setattr(dialogs, "save_discard_cancel", lambda *_a: "discard")
    _select(window, 6)
    assert window.portfolio_page().project_view.details.no_label.text() == "6"


def test_about_names_version_database_and_schema(window, db):
    from desktop_app import __version__
    from desktop_app.db.schema_version import HEAD
    from desktop_app.ui.about import about_text

    text = about_text(window.ctx)
    assert __version__ in text and str(db.path) in text and HEAD in text


def test_window_grab_is_not_blank(window):
    image = window.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)
    }
    assert len(colours) > 5


def test_a_refresh_keeps_the_chosen_sort_and_number_order_needs_no_sort(window):
    """Issue 17: in number order the proxy keeps the source order (no per-comparison Python
    calls at 2,000 projects); any other sort an officer chose survives a reload."""
    page = window.portfolio_page()
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    page.refresh()
    names = _names(page)
    assert names == sorted(names, reverse=True)
    page.table.sortByColumn(COL_NO, Qt.SortOrder.AscendingOrder)
    page.refresh()
    assert page.proxy.sortColumn() == -1  # the source order is the number order
    assert [int(page.proxy.index(r, COL_NO).data()) for r in range(13)] == list(range(1, 14))
    page.search.setText("芯片")
    assert 0 < page.proxy.rowCount() < 13


def test_the_project_view_and_health_come_after_the_first_paint(qtbot, db):
    """Issue 17: the first paint has only the table (Core rows); once the window has painted,
    its deferred steps build the project view and compute health, with no call from outside."""
    w = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(w)
    page = w.portfolio_page()
    page.refresh()
    assert page._project_view is None and page.model._health == {}
    assert not w.startup.started
    w.show()
    qtbot.waitUntil(lambda: w.startup.done, timeout=30_000)
    assert page._project_view is not None
    qtbot.waitUntil(lambda: len(page.model._health) == 13, timeout=30_000)
    assert any("Excel" in a.text() for a in w.file_menu.actions())
    w.close()
