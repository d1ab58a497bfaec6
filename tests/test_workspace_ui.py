"""The officer's workspace: Home's figures, search habits, and settings kept across restarts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.periods import today
from desktop_app.services.funding_status import read_funding_status
from desktop_app.services.health import read_attention_items, read_health
from desktop_app.services.home import read_home
from desktop_app.services.performance_status import read_performance_status
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages import PAGES, PORTFOLIO_PAGE
from desktop_app.ui.project.funding_tab import FundingTab


def _window(qtbot, db) -> MainWindow:
    w = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(w)
    w.resize(1366, 697)
    w.show()
    return w


def _home(window, qtbot):
    home = window.tabs.ensure(0)
    qtbot.waitUntil(lambda: home.snapshot is not None, timeout=20000)
    return home


def test_home_is_the_first_page_and_fills_after_show(qtbot, demo_db):
    assert PAGES[0].context == "HomePage"
    window = _window(qtbot, demo_db)
    home = window.tabs.ensure(0)
    assert window.tabs.currentIndex() == 0
    assert home.cards["red"].value.text() == "…"  # placeholder: nothing computed at paint
    _home(window, qtbot)
    assert home.cards["red"].value.text() != "…"


def test_home_figures_equal_the_services(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    home = _home(window, qtbot)
    as_of = today()
    health = read_health(demo_db, as_of)
    for level in ("red", "amber", "green"):
        ids = {pid for pid, h in health.items() if h.level == level}
        assert home.cards[level].value.text() == str(len(ids))
        home.cards[level].sig_clicked.emit()
        assert set(home.detail_project_ids()) == ids
    items = read_attention_items(demo_db, as_of)
    overdue = [i for i in items if i.days < 0]
    assert home.cards["overdue"].value.text() == str(len(overdue))
    home.show_detail("overdue")
    assert home.detail_model.rowCount() == len(overdue)
    assert home.cards["due_soon"].value.text() == str(len(items) - len(overdue))
    funding = read_funding_status(demo_db, as_of)
    planned = sum(f.planned_this_year_fen for f in funding.values())
    paid = sum(f.disbursed_this_year_fen for f in funding.values())
    snap = home.snapshot
    assert (snap.planned_fen, snap.paid_fen) == (planned, paid)
    assert (
        home.cards["planned"].value.text().replace(",", "").startswith(f"{planned / 1_000_000:.2f}")
    )
    perf = read_performance_status(demo_db, as_of)
    year = max(y for p in perf.values() for y in p.grades)
    for grade in "ABCD":
        ids = {pid for pid, p in perf.items() if p.grades.get(year) == grade}
        assert home.cards[grade].value.text() == str(len(ids))
    assert snap == read_home(demo_db, as_of)


def test_a_home_row_opens_its_project(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    home = _home(window, qtbot)
    home.show_detail("red")
    pid = home.detail_project_ids()[0]
    home.open_row(home.detail_model.index(0, 0))
    page = window.portfolio_page()
    assert window.tabs.currentIndex() == PORTFOLIO_PAGE
    assert page.current_project_id() == pid


def test_ctrl_f_and_enter_open_the_first_match_without_prompting(qtbot, db, dialog_log):
    window = _window(qtbot, db)
    page = window.portfolio_page()
    page.refresh()
    window.find_project()
    assert window.tabs.currentIndex() == PORTFOLIO_PAGE
    assert page.search.hasFocus() or page.search.selectedText() == page.search.text()
    page.search.setText("网络安全")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.project_view.details.no_label.text() == "3"
    # an unsaved edit, then typing that filters the project out and back: no prompt
    page.project_view.details.name_zh.setText("网络安全技术创新中心(改)")
    page.search.clear()
    for text in ("区", "区块", "区块链不存在"):
        page.search.setText(text)
    assert page.proxy.rowCount() == 0
    assert "no project matches" in page.count_label.text() or "没有" in page.count_label.text()
    page.search.clear()
    assert not [d for d in dialog_log if d[0] == "unsaved"]
    assert page.current_project_id() is not None
    assert page.table.selectionModel().selectedRows()[0].row() == 2  # still selected


def test_settings_are_restored_after_a_restart(qtbot, db):
    first = _window(qtbot, db)
    page = first.portfolio_page()
    first.tabs.setCurrentIndex(PORTFOLIO_PAGE)  # on screen, as an officer drags the splitter
    page.refresh()
    page.table.selectRow(4)
    project = page.current_project_id()
    page.project_view.tabs.setCurrentIndex(3)
    page.splitter.setSizes([300, 1000])
    sizes = page.splitter.sizes()
    page.table.setColumnWidth(1, 222)
    first.tabs.setCurrentIndex(PORTFOLIO_PAGE)
    first.resize(790, 700)  # inside the offscreen screen (800×800)
    size = (first.width(), first.height())
    first.close()

    again = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(again)
    assert again.height() == size[1]  # the offscreen screen is 800 wide: width is refitted
    assert again.width() <= again.screen().availableGeometry().width()
    assert again.tabs.currentIndex() == PORTFOLIO_PAGE
    page2 = again.portfolio_page()
    page2.refresh()
    assert page2.current_project_id() == project
    assert page2.project_view.tabs.currentIndex() == 3
    # the list keeps its share of the width, laid out again at the new window size
    shown = page2.splitter.sizes()
    assert shown[0] / sum(shown) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)
    assert page2.table.columnWidth(1) == 222


def test_first_run_never_taller_than_the_screen(qtbot, db):
    window = _window(qtbot, db)
    window.close()
    fresh = MainWindow(AppContext(db=db, lang="zh"))
    qtbot.addWidget(fresh)
    area = fresh.screen().availableGeometry()
    assert fresh.height() <= area.height()
    assert fresh.width() <= area.width()


def _all_tables(window):
    from PySide6.QtWidgets import QTableView

    assert window.pages
    page = window.portfolio_page()
    page.refresh()
    page.table.selectRow(0)
    page.project_view.tabs.all_widgets()
    window.finish_startup()  # habits arrive with the after-first-paint steps, as in the app
    return window.findChildren(QTableView)


def test_every_read_only_table_sorts_and_has_the_habits(qtbot, demo_db):
    from PySide6.QtWidgets import QAbstractItemView

    window = _window(qtbot, demo_db)
    tables = _all_tables(window)
    assert len(tables) >= 8
    for view in tables:
        assert view.property("tableHabits"), view.objectName()
        if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
            assert view.isSortingEnabled(), type(view.model()).__name__


def test_ctrl_c_copies_cells_as_tab_separated_text_with_headers(qtbot, demo_db):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtGui import QGuiApplication

    window = _window(qtbot, demo_db)
    page = window.portfolio_page()
    page.refresh()
    page.table.selectRow(0)
    funding = page.project_view.tab(FundingTab)
    assert funding is not None
    view = funding.register_view
    model = view.model()
    selection = view.selectionModel()
    selection.clearSelection()
    for row in (0, 1):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
        selection.select(model.index(row, 2), QItemSelectionModel.SelectionFlag.Select)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t") == [
        str(model.headerData(0, Qt.Orientation.Horizontal)),
        str(model.headerData(2, Qt.Orientation.Horizontal)),
    ]
    assert lines[1].split("\t") == [model.index(0, 0).data(), model.index(0, 2).data()]
    assert len(lines) == 3


def test_export_this_table_to_xlsx(qtbot, demo_db, tmp_path):
    import openpyxl

    from desktop_app.ui.widgets.table_habits import export_xlsx

    window = _window(qtbot, demo_db)
    page = window.portfolio_page()
    page.refresh()
    path = tmp_path / "t.xlsx"
    export_xlsx(page.table, str(path))
    sheet = openpyxl.load_workbook(path).active
    assert sheet.max_row == 14
    assert sheet.cell(1, 2).value == page.proxy.headerData(1, Qt.Orientation.Horizontal)


def test_an_empty_table_says_why(qtbot, db):
    window = _window(qtbot, db)
    page = window.portfolio_page()
    page.refresh()
    window.finish_startup()  # the table habits (and their hint) come after the first paint
    page.search.setText("没有这个项目")
    habits = [c for c in page.table.children() if type(c).__name__ == "_Habits"][0]
    assert habits.hint.isVisibleTo(page.table)
    assert "没有" in habits.hint.text() or "No project" in habits.hint.text()
    page.search.clear()
    assert not habits.hint.isVisibleTo(page.table)


def test_a_saved_payment_is_selected_and_announced(qtbot, demo_db):
    from desktop_app.services.disbursements import read_disbursements

    window = _window(qtbot, demo_db)
    page = window.portfolio_page()
    page.refresh()
    page.table.selectRow(0)
    funding = page.project_view.tab(FundingTab)
    assert funding is not None
    rows = read_disbursements(demo_db, funding.project_id)
    oldest = min(rows, key=lambda r: r.paid_on)
    messages: list[str] = []
    window.ctx.bus.sig_status.connect(messages.append)
    funding.controller.payments_changed(oldest)
    selected = funding.register_view.selectionModel().selectedRows()
    assert funding.register_model.row_at(selected[0].row()).id == oldest.id
    assert messages and oldest.paid_on.isoformat() in messages[-1]


def test_history_shows_labels_money_in_wan_and_a_true_count(qtbot, demo_db):
    import re

    from desktop_app.db.models import Base
    from desktop_app.services.history import read_history_count
    from desktop_app.snapshots.safety import HistoryFilter
    from desktop_app.ui.history.model import COL_AFTER, COL_FIELD, COL_TABLE

    window = _window(qtbot, demo_db)
    page = next(p for p in window.pages if type(p).__name__ == "HistoryPage")
    page.refresh()
    page.load()
    internal = {t.name for t in Base.metadata.sorted_tables}
    internal |= {c.name for t in Base.metadata.sorted_tables for c in t.columns}
    internal -= {"note", "notes", "value", "name", "owner", "unit", "code", "year", "weight"}
    model = page.model
    for row in range(model.rowCount()):
        for col in (COL_TABLE, COL_FIELD):
            shown = model.data(model.index(row, col))
            assert shown not in internal, shown
    for col in range(model.columnCount()):
        assert model.headerData(col, Qt.Orientation.Horizontal) not in internal
    fields = [page.field.itemText(i) for i in range(page.field.count())]
    assert not set(fields) & internal
    money = [
        model.data(model.index(r, COL_AFTER))
        for r in range(model.rowCount())
        if model.row_at(r).field == "amount_fen"
    ]
    assert money and all(re.fullmatch(r"[\d,]+\.\d\d", m) for m in money)
    total = read_history_count(demo_db, HistoryFilter())
    assert total > HistoryFilter().limit
    assert f"{total:,}" in page.summary.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1366, 697), (1920, 1009)])
def test_no_text_is_clipped_on_any_page_or_tab(qtbot, qapp, demo_db, lang, size):
    from clipping import clipped, ui_texts

    from desktop_app.i18n import set_language
    from desktop_app.ui.translation import install_translators

    install_translators(qapp, lang)
    set_language(lang)
    try:
        window = MainWindow(AppContext(db=demo_db, lang=lang))
        qtbot.addWidget(window)
        window.show()
        window.resize(*size)
        problems: list[str] = []
        words: list[str] = []
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qapp.processEvents()
            problems += [f"{window.tabs.tabText(i)}: {p}" for p in clipped(window)]
            words += ui_texts(window)
        page = window.portfolio_page()
        window.show_page(page)
        page.table.selectRow(0)
        for full in (False, True):
            page.set_list_visible(not full)
            for i in range(page.project_view.tabs.count()):
                page.project_view.tabs.setCurrentIndex(i)
                qapp.processEvents()
                where = f"{page.project_view.tabs.tabText(i)} (list hidden: {full})"
                problems += [f"{where}: {p}" for p in clipped(window)]
                words += ui_texts(window)
        assert window.height() <= size[1]
        assert not problems
        if lang == "en":  # the English interface speaks English
            assert not [w for w in words if any(z in w for z in ("万元", "拨付台账", "文号"))]
    finally:
        install_translators(qapp, "en")
        set_language("zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_menu_accelerators_are_unique(qtbot, qapp, db, lang):
    import re

    from desktop_app.ui.translation import install_translators

    install_translators(qapp, lang)
    try:
        window = MainWindow(AppContext(db=db, lang=lang))
        qtbot.addWidget(window)
        menus = [a.menu() for a in window.menuBar().actions() if a.menu()]
        for menu in [window.menuBar(), *menus]:
            texts = [a.text() for a in menu.actions() if a.text()]
            keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
            assert len(keys) == len(set(keys)), texts
            assert not [t for t in texts if "……" in t or "……" in t], texts
    finally:
        install_translators(qapp, "en")
