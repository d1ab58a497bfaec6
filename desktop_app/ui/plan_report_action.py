"""File → Plan-period report…: the final evaluation (终期评估) of a plan period as a PDF.

Pick the period, language and file; the report is built off the GUI thread by
`services.plan_period` and `reports.final_report`, then opens in the system viewer. From
here an officer can also set up the next period's district targets (the add-period dialog
of the District indicators page): the targets are typed by the officer, never invented.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.snapshots.district import PlanPeriodView
from desktop_app.ui import dialogs
from desktop_app.ui.brief_action import default_folder
from desktop_app.ui.context import AppContext


class PlanReportDialog(QDialog):
    """Choices for one final evaluation report, and its progress while it is built."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop_app.services.district_overview import read_plan_periods

        self.ctx = ctx
        self.output: Path | None = None
        self.setWindowTitle(self.tr("Plan-period report"))
        self.period = QComboBox()
        self._fill_periods(read_plan_periods(ctx.db))
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.lang == "zh" else 1)
        self.path = QLineEdit()
        self.path.setMinimumWidth(360)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.next_period = QPushButton(self.tr("Set up the next plan period…"))
        self.next_period.clicked.connect(self._add_period)
        form = QFormLayout()
        form.addRow(self.tr("Plan period"), self.period)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Save as"), file_row)
        form.addRow("", self.next_period)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C0392B")
        self.error.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.period.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self._suggest_path()

    def _fill_periods(self, periods: list[PlanPeriodView]) -> None:
        self.period.clear()
        for p in periods:
            self.period.addItem(f"{p.start_year}–{p.end_year}", f"{p.start_year}-{p.end_year}")
        # The latest period that has ended is the one to evaluate.
        ended = [i for i, p in enumerate(periods) if p.end_year < self._this_year()]
        if ended:
            self.period.setCurrentIndex(ended[-1])

    @staticmethod
    def _this_year() -> int:
        from desktop_app.domain.periods import today

        return today().year

    def _suggest_path(self) -> None:
        code = self.period.currentData() or ""
        current = Path(self.path.text()) if self.path.text() else None
        folder = current.parent if current else default_folder()
        name = self.tr("Final evaluation {period}.pdf").format(period=code)
        self.path.setText(str(folder / name))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as"), self.path.text(), self.tr("PDF files (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def _add_period(self) -> None:
        from desktop_app.services.district_overview import read_district_overview, read_plan_periods
        from desktop_app.ui.performance.add_period_dialog import AddPeriodDialog

        periods = read_plan_periods(self.ctx.db)
        last_end = max((p.end_year for p in periods), default=2025)
        rows = read_district_overview(self.ctx.db).rows
        dialog = AddPeriodDialog(self.ctx, rows, last_end, self)
        if dialog.exec() and dialog.created is not None:
            self._fill_periods(read_plan_periods(self.ctx.db))
            self.ctx.bus.sig_data_changed.emit()

    def _busy(self, busy: bool) -> None:
        for widget in (self.period, self.language, self.path, self.buttons, self.next_period):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)

    def start(self) -> None:
        """Validate, then build and write the report in the background."""
        period = self.period.currentData()
        text = self.path.text().strip()
        if not period:
            self.error.setText(self.tr("There is no plan period to report on."))
            return
        if not text:
            self.error.setText(self.tr("Choose where to save the report."))
            return
        self.error.clear()
        output = Path(text).expanduser()
        lang = self.language.currentData()
        db = self.ctx.db

        def job() -> Path:
            from desktop_app.reports.final_report import write_final_report
            from desktop_app.services.plan_period import build_final_report

            write_final_report(build_final_report(db, period, lang), output)
            return output

        self._busy(True)
        self.progress.setRange(0, 0)
        self.ctx.jobs.start(job, self._on_done, self._on_error, owner=self, name="final report")

    def _on_done(self, output: Path) -> None:
        self._busy(False)
        self.output = output
        self.ctx.bus.sig_status.emit(self.tr("Report written to {path}").format(path=output))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(output)))
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, UserError):
            self.error.setText(str(exc))
        else:
            dialogs.show_error(
                self, self.tr("The report could not be made: {error}").format(error=exc)
            )


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    action = QAction(QCoreApplication.translate("PlanReportDialog", "&Plan-period report…"), window)

    def open_dialog() -> None:
        dialog = PlanReportDialog(ctx, window)
        window._plan_report_dialog = dialog  # type: ignore[attr-defined]  # keep it alive
        dialog.open()

    action.triggered.connect(open_dialog)
    menu.addAction(action)
