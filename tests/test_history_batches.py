"""The History page reads the trail a batch at a time: opening it costs one batch however
long the trail is (issue 29), and scrolling to the end brings the rest, so every entry is
reachable (the old page stopped at the newest 2,000 and asked to narrow the filter)."""

from __future__ import annotations

from desktop_app.services.history import read_history, read_history_count
from desktop_app.snapshots.safety import HistoryFilter
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.model import BATCH
from desktop_app.ui.history.page import HistoryPage


def _key(r) -> tuple:
    return (r.at, r.table_name, r.row_key, r.field, r.before, r.after)


def test_opening_reads_one_batch_and_scrolling_reaches_every_entry(qtbot, demo_db) -> None:
    total = read_history_count(demo_db, HistoryFilter())
    assert total > 2 * BATCH  # the demo's trail is long enough to need batches
    page = HistoryPage(AppContext(db=demo_db, lang="en"))
    qtbot.addWidget(page)
    page.resize(1366, 697)
    page.show()
    page.refresh()
    model = page.model
    assert model.rowCount() == BATCH
    assert f"{total:,}" in page.summary.text()

    page.table.scrollToBottom()  # the view asks the model for more at the end
    qtbot.waitUntil(lambda: model.rowCount() > BATCH)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    everything = read_history(demo_db, HistoryFilter(limit=10**6), "en")
    assert [_key(model.row_at(i)) for i in range(total)] == [_key(r) for r in everything]


def test_a_filter_counts_and_batches_its_own_entries(qtbot, demo_db) -> None:
    page = HistoryPage(AppContext(db=demo_db, lang="en"))
    qtbot.addWidget(page)
    page.refresh()
    page.field.setCurrentIndex(page.field.findData("amount_fen"))
    page.load()
    flt = HistoryFilter(field="amount_fen")
    total = read_history_count(demo_db, flt)
    assert 0 < page.model.rowCount() <= min(total, BATCH)
    assert all(page.model.row_at(i).field == "amount_fen" for i in range(page.model.rowCount()))
    assert f"{total:,}" in page.summary.text()


def test_sorting_orders_the_whole_trail_not_the_batch_on_screen(qtbot, demo_db) -> None:
    from PySide6.QtCore import Qt

    from desktop_app.ui.history.model import COL_AT

    page = HistoryPage(AppContext(db=demo_db, lang="en"))
    qtbot.addWidget(page)
    page.refresh()
    total = read_history_count(demo_db, HistoryFilter())
    page.model.sort(COL_AT, Qt.SortOrder.AscendingOrder)
    assert page.model.rowCount() == total
    oldest = read_history(demo_db, HistoryFilter(offset=total - 1, limit=1), "en")[0]
    assert page.model.row_at(0).at == oldest.at
