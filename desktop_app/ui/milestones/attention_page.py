"""The attention page: every open milestone that is overdue or due within 30 days.

Sortable by any column; double-click (or Enter) opens the milestone's project.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.periods import today
from desktop_app.services.health import attention_items
from desktop_app.ui.context import AppContext
from desktop_app.ui.milestones.attention_model import (
    COL_DAYS,
    COL_DUE,
    COL_NO,
    COL_OWNER,
    COL_PERCENT,
    COL_PROJECT,
    COL_STATE,
    COL_TITLE,
    SORT_ROLE,
    AttentionModel,
)
from desktop_app.ui.page_base import Page

COLUMN_WIDTHS = {
    COL_STATE: 80,
    COL_DAYS: 96,
    COL_DUE: 92,
    COL_NO: 44,
    COL_PROJECT: 300,
    COL_TITLE: 220,
    COL_OWNER: 80,
    COL_PERCENT: 64,
}


class AttentionPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = AttentionModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DAYS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.summary = QLabel()
        hint = QLabel(self.tr("Double-click a row to open its project."))
        hint.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(self.open_row)
        self.table.activated.connect(self.open_row)
        self.table.setProperty("opensProject", True)

    def page_title(self) -> str:
        return self.tr("Attention")

    def refresh(self) -> None:
        as_of = today()
        rows = attention_items(self.ctx.db, as_of)
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            self.tr("As of {date}: {overdue} overdue, {soon} due within 30 days").format(
                date=as_of.isoformat(), overdue=overdue, soon=len(rows) - overdue
            )
        )

    def open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            item = self.model.row_at(self.proxy.mapToSource(index).row())
            self.ctx.bus.sig_open_project.emit(item.project_id)


def create(ctx: AppContext, parent: QWidget | None = None) -> AttentionPage:
    return AttentionPage(ctx, parent)
