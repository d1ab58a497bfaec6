"""File → Quarterly brief…: pick quarter, language and file; build off the GUI thread.

The dialog only collects choices and shows progress; the brief itself is built by
`services.brief_data` and `reports.brief` in Qt's thread pool (reportlab is imported
there, on first use, never at start-up). When it is written the PDF opens in the
system viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QUrl, Signal
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

from desktop_app.domain.periods import Quarter, today
from desktop_app.errors import UserError
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext

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


def default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


class BriefDialog(QDialog):
    """Choices for one brief, and its progress while it is built."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.output: Path | None = None
        self.setWindowTitle(self.tr("Quarterly brief"))
        self.quarter = QComboBox(editable=True)
        self.quarter.addItems(recent_quarters())
        # The running quarter is incomplete; the last finished one is what meetings review.
        self.quarter.setCurrentIndex(1)
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.lang == "zh" else 1)
        self.path = QLineEdit()
        # the whole path in view (it was 125 px and showed only the path's end)
        self.path.setMinimumWidth(self.path.fontMetrics().horizontalAdvance("x" * 60))
        self.path.textChanged.connect(self.path.setToolTip)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Save as"), file_row)
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

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the brief as"), self.path.text(), self.tr("PDF files (*.pdf)")
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self._overwrite_ok = self.path.text()  # the file dialog asked already

    def _busy(self, busy: bool) -> None:
        for widget in (self.quarter, self.language, self.path, self.buttons):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)

    def start(self) -> None:
        """Validate, then build and write the brief in the background."""
        quarter = self.quarter.currentText().strip().upper()
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.tr("Choose where to save the brief."))
            return
        self.error.clear()
        output = Path(text).expanduser()
        if (
            output.exists()
            and getattr(self, "_overwrite_ok", None) != text
            and not dialogs.confirm(
                self, self.tr("{path} already exists. Replace it?").format(path=output)
            )
        ):
            return
        lang = self.language.currentData()
        db, relay = self.ctx.db, self._relay

        def job() -> Path:
            from desktop_app.reports.quarter_close import write_quarter_brief

            write_quarter_brief(
                db, quarter, lang, output, lambda done, total: relay.sig_progress.emit(done, total)
            )
            return output

        self._busy(True)
        self.progress.setRange(0, 0)
        bus, written = self.ctx.bus, self.tr("Brief written to {path}")

        def landed(result: Path | None, error: BaseException | None) -> None:
            # Through the registry: said even when this dialog was closed meanwhile.
            if error is None and result is not None:
                bus.sig_status.emit(written.format(path=result))

        self.ctx.jobs.start(
            job, self._on_done, self._on_error, owner=self, landed=landed, name="brief"
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_done(self, output: Path) -> None:
        self._busy(False)
        self.output = output
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(output)))
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, UserError):
            self.error.setText(str(exc))
        else:
            dialogs.show_error(
                self, self.tr("The brief could not be made: {error}").format(error=exc)
            )


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    action = QAction(QCoreApplication.translate("BriefDialog", "Quarterly &brief…"), window)

    def open_dialog() -> None:
        dialog = BriefDialog(ctx, window)
        window._brief_dialog = dialog  # type: ignore[attr-defined]  # keep it alive
        dialog.open()

    action.triggered.connect(open_dialog)
    menu.addAction(action)
