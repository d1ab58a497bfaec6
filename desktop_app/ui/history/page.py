"""History page: who changed what and when, newest first (the audit trail, read-only)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import ParseError
from desktop_app.services.history import read_history, read_history_count, read_history_fields
from desktop_app.services.project_list import read_project_rows
from desktop_app.snapshots.safety import HistoryFilter, HistoryRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.history.labels import field_label
from desktop_app.ui.history.model import (
    BATCH,
    COL_ACTION,
    COL_AT,
    COL_BEFORE,
    COL_FIELD,
    COL_PROJECT,
    COL_TABLE,
    COL_WHO,
    HistoryModel,
)
from desktop_app.ui.page_base import Page
from desktop_app.ui.widgets.date_field import DateField
from desktop_app.ui.widgets.tables import rows_view

COLUMN_WIDTHS = {
    COL_AT: 140,
    COL_WHO: 100,
    COL_ACTION: 60,
    COL_PROJECT: 180,
    COL_TABLE: 200,
    COL_FIELD: 170,
    COL_BEFORE: 200,
}


class HistoryPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = HistoryModel(self)
        self.project = QComboBox()
        self.project.setMinimumWidth(220)
        self.field = QComboBox()
        self.field.setMinimumWidth(140)
        self.date_from = DateField()
        self.date_to = DateField()
        for box in (self.date_from, self.date_to):
            box.setMinimumWidth(130)
        self.apply = QPushButton(self.tr("Show"))
        self.summary = QLabel()
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Project"), self.project),
            (self.tr("Field"), self.field),
            (self.tr("From"), self.date_from),
            (self.tr("To"), self.date_to),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.apply)
        filters.addStretch(1)
        self.table = rows_view(self.model, COLUMN_WIDTHS)
        # Fit a column to a batch of rows, not the whole trail.
        self.table.horizontalHeader().setResizeContentsPrecision(BATCH)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.apply.clicked.connect(self.load)
        self.project.activated.connect(self.load)
        self.field.activated.connect(self.load)

    def page_title(self) -> str:
        return self.tr("History")

    def refresh(self) -> None:
        """Reload the choices (keeping the current ones) and the entries."""
        project, field = self.project.currentData(), self.field.currentData()
        self.project.clear()
        self.project.addItem(self.tr("All projects"), None)
        names = []
        for p in read_project_rows(self.ctx.db):
            self.project.addItem(f"{p.no}. {p.name_zh}", p.id)
            names.append(p.name_zh)
        self._fit_project_column(names)
        self.field.clear()
        self.field.addItem(self.tr("All fields"), None)
        for name in read_history_fields(self.ctx.db):
            self.field.addItem(field_label(name), name)
        self.project.setCurrentIndex(max(0, self.project.findData(project)))
        self.field.setCurrentIndex(max(0, self.field.findData(field)))
        self.load()

    def _fit_project_column(self, names: list[str]) -> None:
        """Wide enough for the longest project name: a name cut short reads as another."""
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0) + 16
        self.table.setColumnWidth(COL_PROJECT, max(COLUMN_WIDTHS[COL_PROJECT], widest))

    def _fit_record_column(self) -> None:
        """Record names vary in length by language: fit them, within reason."""
        self.table.resizeColumnToContents(COL_TABLE)
        width = self.table.columnWidth(COL_TABLE)
        self.table.setColumnWidth(COL_TABLE, min(max(width, COLUMN_WIDTHS[COL_TABLE]), 360))

    def current_filter(self) -> HistoryFilter | None:
        """The filter as chosen, or None (with the bad date marked) when a date is not one."""
        dates = []
        for box in (self.date_from, self.date_to):
            try:
                dates.append(box.value())
                box.set_error(None)
            except ParseError as exc:
                box.set_error(str(exc))
                return None
        return HistoryFilter(
            project_id=self.project.currentData(),
            field=self.field.currentData(),
            date_from=dates[0],
            date_to=dates[1],
        )

    def load(self) -> None:
        """Count the matching entries and show the newest batch (more as the list scrolls)."""
        flt = self.current_filter()
        if flt is None:
            return
        db, lang = self.ctx.db, self.ctx.lang
        total = read_history_count(db, flt)

        def read(offset: int, limit: int) -> list[HistoryRow]:
            return read_history(db, replace(flt, offset=offset, limit=limit), lang)

        self.model.set_source(read, total)
        self._fit_record_column()
        self.summary.setText(self.tr("{n} changes, newest first").format(n=f"{total:,}"))


def create(ctx: AppContext, parent: QWidget | None = None) -> HistoryPage:
    return HistoryPage(ctx, parent)
