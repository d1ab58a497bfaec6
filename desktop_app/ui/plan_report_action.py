"""File → Plan-period report…: the final evaluation (终期评估) of a plan period as a PDF.

Pick the period, language and file; the report is built off the GUI thread by
`services.plan_period` and `reports.final_report`, then opens in the system viewer. From
here an officer can also set up the next period's district targets (the add-period dialog
of the District indicators page): the targets are typed by the officer, never invented.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QMainWindow, QMenu, QPushButton, QWidget

from desktop_app.snapshots.district import PlanPeriodView
from desktop_app.ui.context import AppContext
from desktop_app.ui.report_dialog import ReportDialog, default_folder
from desktop_app.ui.widgets.modeless import show_modeless


class PlanReportDialog(ReportDialog):
    """Choices for one final evaluation report, and its progress while it is built."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from desktop_app.services.district_overview import read_plan_periods

        self.setWindowTitle(self.tr("Plan-period report"))
        self.period = QComboBox()
        self._fill_periods(read_plan_periods(ctx.db))
        self.path.setMinimumWidth(360)
        self.next_period = QPushButton(self.tr("Set up the next plan period…"))
        self.next_period.clicked.connect(self._add_period)
        self.lay_out([(self.tr("Plan period"), self.period)], [("", self.next_period)])
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

    def save_title(self) -> str:
        return self.tr("Save the report as")

    def no_path_text(self) -> str:
        return self.tr("Choose where to save the report.")

    def written_text(self) -> str:
        return self.tr("Report written to {path}")

    def failed_text(self) -> str:
        return self.tr("The report could not be made: {error}")

    def inputs(self) -> list[QWidget]:
        return [self.period, *super().inputs(), self.next_period]

    def start(self) -> None:
        """Validate, then build and write the report in the background."""
        period = self.period.currentData()
        if not period:
            self.error.setText(self.tr("There is no plan period to report on."))
            return
        output = self.chosen_output()
        if output is None:
            return
        lang = self.language.currentData()
        db = self.ctx.db

        def job() -> Path:
            from desktop_app.reports.final_report import write_final_report
            from desktop_app.services.plan_period import build_final_report

            write_final_report(build_final_report(db, period, lang), output)
            return output

        self.run(job, "final report")


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    action = QAction(QCoreApplication.translate("PlanReportDialog", "&Plan-period report…"), window)

    def open_dialog() -> None:
        show_modeless(
            window, "plan_report", lambda: PlanReportDialog(ctx, window), delete_on_close=False
        )

    action.triggered.connect(open_dialog)
    menu.addAction(action)
