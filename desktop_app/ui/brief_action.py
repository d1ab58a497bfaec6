"""File → Quarterly brief…: pick quarter, language and file; build off the GUI thread.

The dialog only collects choices and shows progress; the brief itself is built by
`services.brief_data` and `reports.brief` in Qt's thread pool (reportlab is imported
there, on first use, never at start-up). When it is written the PDF opens in the
system viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QMainWindow, QMenu, QWidget

from desktop_app.domain.periods import Quarter, today
from desktop_app.ui.context import AppContext
from desktop_app.ui.report_dialog import ReportDialog, default_folder
from desktop_app.ui.widgets.modeless import show_modeless

RECENT_QUARTERS = 8


class _Progress(QObject):
    """Carries (done, total) from the worker thread to the GUI thread (queued signal)."""

    sig_progress = Signal(int, int)


def recent_quarters(count: int = RECENT_QUARTERS) -> list[str]:
    """The running quarter first, then the ones before it."""
    q = Quarter.of(today())
    out = []
    for _ in range(count):
        out.append(str(q))
        q = q.previous()
    return out


class BriefDialog(ReportDialog):
    """Choices for one brief, and its progress while it is built."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Quarterly brief"))
        self.quarter = QComboBox(editable=True)
        self.quarter.addItems(recent_quarters())
        # The running quarter is incomplete; the last finished one is what meetings review.
        self.quarter.setCurrentIndex(1)
        # the whole path in view (it was 125 px and showed only the path's end)
        self.path.setMinimumWidth(self.path.fontMetrics().horizontalAdvance("x" * 60))
        self.path.textChanged.connect(self.path.setToolTip)
        self.lay_out([(self.tr("Quarter"), self.quarter)])
        self.quarter.currentTextChanged.connect(self._suggest_path)
        self._suggest_path(self.quarter.currentText())
        self._relay = _Progress(self)
        self._relay.sig_progress.connect(self._on_progress)

    def _file_name(self, quarter: str) -> str:
        return f"{self.tr('Quarterly brief')} {quarter.strip().upper()}.pdf"

    def _suggest_path(self, quarter: str) -> None:
        current = Path(self.path.text()) if self.path.text() else None
        folder = current.parent if current else default_folder()
        self.path.setText(str(folder / self._file_name(quarter)))

    def save_title(self) -> str:
        return self.tr("Save the brief as")

    def no_path_text(self) -> str:
        return self.tr("Choose where to save the brief.")

    def written_text(self) -> str:
        return self.tr("Brief written to {path}")

    def failed_text(self) -> str:
        return self.tr("The brief could not be made: {error}")

    def inputs(self) -> list[QWidget]:
        return [self.quarter, *super().inputs()]

    def start(self) -> None:
        """Validate, then build and write the brief in the background."""
        quarter = self.quarter.currentText().strip().upper()
        output = self.chosen_output()
        if output is None:
            return
        lang = self.language.currentData()
        db, relay = self.ctx.db, self._relay

        def job() -> Path:
            from desktop_app.reports.quarter_close import write_quarter_brief

            write_quarter_brief(
                db, quarter, lang, output, lambda done, total: relay.sig_progress.emit(done, total)
            )
            return output

        self.run(job, "brief")

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    action = QAction(QCoreApplication.translate("BriefDialog", "Quarterly &brief…"), window)

    def open_dialog() -> None:
        show_modeless(window, "brief", lambda: BriefDialog(ctx, window), delete_on_close=False)

    action.triggered.connect(open_dialog)
    menu.addAction(action)
