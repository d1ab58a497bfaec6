"""File → Quarterly returns → Status… (回收情况): which units have returned for a quarter,
when, what changed, and which are still missing."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.periods import local_stamp
from desktop_app.snapshots.returns import ReturnStatusRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.returns_make import recent_quarters
from desktop_app.ui.widgets.screen_fit import fit_to_screen
from desktop_app.ui.widgets.tables import grid_cell, grid_view

MISSING = QColor("#b00020")


class ReturnStatusDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ReturnStatusRow] = []
        self.setWindowTitle(self.tr("Quarterly return status"))
        self.quarter = QComboBox()
        for q in recent_quarters():
            self.quarter.addItem(str(q), q)
        self.quarter.setCurrentIndex(1)
        self.quarter.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Quarter")))
        top.addWidget(self.quarter)
        top.addWidget(self.summary, 1)
        self.table = grid_view(
            [
                self.tr("No."),
                self.tr("Project"),
                self.tr("Lead organisation"),
                self.tr("Returned"),
                self.tr("Contact"),
                self.tr("What changed"),
                self.tr("Returns"),
            ]
        )
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for c, w in enumerate((50, 260, 180, 150, 150, 200, 60)):
            self.table.setColumnWidth(c, w)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1180, 560)

    def refresh(self) -> None:
        from desktop_app.services.return_status import read_return_status

        db, quarter = self.ctx.db, self.quarter.currentData()
        self.ctx.jobs.start(
            lambda: read_return_status(db, quarter),
            self._show,
            lambda e: self.summary.setText(str(e)),
            owner=self,
            key="status",
            cancellable=True,
            name="returns status",
        )

    def _show(self, rows: list[ReturnStatusRow]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            when = local_stamp(row.received_at) if row.received_at else ""
            returned = when if row.returned else self.tr("Missing")
            changes = (
                self.tr("{n} field(s): {list}").format(n=row.changed, list=row.changes)
                if row.changed
                else (self.tr("No change") if row.returned else "")
            )
            values = [
                f"{row.project_no:02d}",
                row.project_name,
                row.unit,
                returned,
                row.contact,
                changes,
                str(row.returns) if row.returns else "",
            ]
            for c, text in enumerate(values):
                item = grid_cell(text, tip=text)
                if not row.returned:
                    item.setForeground(QBrush(MISSING))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        done = sum(1 for row in self.rows if row.returned)
        missing = [f"{row.project_no:02d}" for row in self.rows if not row.returned]
        text = self.tr("{done} of {total} units have returned.").format(
            done=done, total=len(self.rows)
        )
        if missing:
            text += " " + self.tr("Missing: {list}").format(list=", ".join(missing))
        self.summary.setText(text)
