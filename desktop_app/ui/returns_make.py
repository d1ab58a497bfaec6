"""File → Quarterly returns → Make…: one fill-in workbook per project, written off the GUI
thread (a job of the window's registry: it stores what each workbook carried) into a folder
the officer picks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.periods import Quarter, today
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.browse_row import browse_row
from desktop_app.ui.widgets.ok_cancel import ok_button, ok_cancel
from desktop_app.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop_app.io.returns_make import MakeResult


def recent_quarters(count: int = 6) -> list[Quarter]:
    """The running quarter first, then the ones before it."""
    q = Quarter.of(today())
    out = []
    for _ in range(count):
        out.append(q)
        q = q.previous()
    return out


class MakeReturnsDialog(QDialog):
    """Quarter, due date, the office's contact, language and folder; Make writes them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_files: list[Path] = []
        self.setWindowTitle(self.tr("Make quarterly return workbooks"))
        self.quarter = QComboBox()
        for q in recent_quarters():
            self.quarter.addItem(str(q), q)
        self.quarter.setCurrentIndex(1)  # usually the quarter that just ended
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.quarter.currentIndexChanged.connect(self._default_due)
        self._default_due()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("e.g. Li Ming, 0592-1234567"))
        self.lang = QComboBox()
        self.lang.addItem(self.tr("Chinese"), "zh")
        self.lang.addItem(self.tr("English"), "en")
        self.folder = QLineEdit(str(Path.home() / "quarterly-returns"))
        row = browse_row(self.folder, self.tr("Browse…"), self._browse)
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("Due date"), self.due)
        form.addRow(self.tr("Office contact"), self.contact)
        form.addRow(self.tr("Language"), self.lang)
        form.addRow(self.tr("Folder"), row)
        self.summary = QLabel(
            self.tr(
                "One workbook per project, holding only that project: the unit fills in "
                "milestone progress, the quarter's indicator figures, a narrative and its "
                "contact. Keys and reference columns are locked."
            )
        )
        self.summary.setWordWrap(True)
        self.buttons = ok_cancel(self, self.make, self.tr("Make workbooks"))
        self.make_button = ok_button(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 620, 300)

    def _default_due(self) -> None:
        from desktop_app.io.returns_make import default_due

        day = default_due(self.quarter.currentData())
        self.due.setDate(QDate(day.year, day.month, day.day))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the workbooks"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def make(self) -> None:
        from desktop_app.io.returns_make import MakeOptions, existing_returns, make_returns

        d = self.due.date()
        quarter, folder = self.quarter.currentData(), Path(self.folder.text().strip())
        there = existing_returns(folder, quarter)
        if there and not dialogs.confirm(
            self,
            self.tr(
                "{folder} already holds {n} return workbook(s) for {quarter}, e.g. {file}. "
                "Replace them? Workbooks already sent to the units can still be collected."
            ).format(folder=folder, n=len(there), quarter=quarter, file=there[0].name),
            self.tr("Replace the returns?"),
        ):
            return
        opts = MakeOptions(
            quarter=quarter,
            folder=folder,
            lang=self.lang.currentData(),
            due=date(d.year(), d.month(), d.day()),
            office_contact=self.contact.text().strip(),
            force=bool(there),
        )
        self.make_button.setEnabled(False)
        self.summary.setText(self.tr("Writing the workbooks…"))
        db = self.ctx.db
        self.ctx.jobs.start(
            lambda: make_returns(db, opts),
            self._done,
            self._failed,
            owner=self,
            name="returns make",
        )

    def _done(self, result: MakeResult) -> None:
        self.result_files = list(result.files)
        self.ctx.bus.sig_status.emit(
            self.tr("{n} return workbooks written to {folder}").format(
                n=len(result.files), folder=result.folder
            )
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        self.summary.setText(str(exc))
        dialogs.show_error(self, str(exc))
