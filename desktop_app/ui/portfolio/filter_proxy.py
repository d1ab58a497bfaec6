"""Filtering the portfolio by zone, domain, status and a free-text search (Chinese substrings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop_app.snapshots.project import ProjectRow
from desktop_app.ui.portfolio.table_model import ROW_ROLE
from desktop_app.ui.widgets.rows_model import SORT_ROLE, RowsTableModel


class PortfolioFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._zone: str | None = None
        self._domain: str | None = None
        self._status: str | None = None

    def _set(self, name: str, value: object) -> None:
        """Change one criterion; Qt ≥ 6.9 wants begin/endFilterChange around it."""
        if getattr(self, name) == value:
            return
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            setattr(self, name, value)
            self.invalidateFilter()

    def set_text(self, text: str) -> None:
        self._set("_text", text.strip().casefold())

    def set_zone(self, code: str | None) -> None:
        self._set("_zone", code or None)

    def set_domain(self, code: str | None) -> None:
        self._set("_domain", code or None)

    def set_status(self, code: str | None) -> None:
        self._set("_status", code or None)

    def accepts(self, r: ProjectRow) -> bool:
        if self._zone and (r.zone is None or r.zone.code != self._zone):
            return False
        if self._domain and all(d.code != self._domain for d in r.domains):
            return False
        if self._status and r.status != self._status:
            return False
        if self._text:
            hay = " ".join((str(r.no), r.name_zh, r.name_en, r.lead_org)).casefold()
            return all(part in hay for part in self._text.split())
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click sorts the source's rows once in Python (one key per row) and the
        proxy keeps their order: a proxy sort asks Python for both keys of every
        comparison (2,000 projects: a third of a second)."""
        source = self.sourceModel()
        if column < 0 or not isinstance(source, RowsTableModel):
            super().sort(column, order)
            return
        if self.sortColumn() >= 0:
            super().sort(-1)
        if source.sorted_by() != (column, order):  # the view asks twice per header click
            source.sort(column, order)

    def filtering(self) -> bool:
        """Whether any criterion is set (no: every row passes, without asking each)."""
        return bool(self._text or self._zone or self._domain or self._status)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.filtering():  # 2,000 Python calls saved on every reload
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        row = self.sourceModel().data(index, ROW_ROLE)
        return row is not None and self.accepts(row)
