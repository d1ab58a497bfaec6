"""What the two report dialogs share (quarterly brief, plan-period report).

Language and file to save, Create/Cancel, a progress bar while the PDF is built in the
window's job registry, the PDF opened in the system viewer when written, a refusal
shown in the dialog. The status line says where the file went even when the dialog was
closed meanwhile (the registry's `landed`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.browse_row import browse_row
from desktop_app.ui.widgets.ok_cancel import ok_cancel


def default_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


class ReportDialog(QDialog):
    """Subclasses add their choices (`lay_out`), and say their words and their job."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.output: Path | None = None
        self._overwrite_ok: str | None = None
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.lang == "zh" else 1)
        self.path = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #C0392B")
        self.error.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        create = QCoreApplication.translate("ReportDialog", "Create")
        self.buttons = ok_cancel(self, self.start, create)

    def lay_out(
        self, first: Sequence[tuple[str, QWidget]], last: Sequence[tuple[str, QWidget]] = ()
    ) -> None:
        """The form: the subclass's first rows, language, file, its last rows; then the
        refusal, the progress and the buttons."""
        browse = QCoreApplication.translate("ReportDialog", "Browse…")
        file_row = browse_row(self.path, browse, self._browse)
        form = QFormLayout()
        for label, widget in first:
            form.addRow(label, widget)
        form.addRow(QCoreApplication.translate("ReportDialog", "Language"), self.language)
        form.addRow(QCoreApplication.translate("ReportDialog", "Save as"), file_row)
        for label, widget in last:
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    # --- what a subclass says and does ----------------------------------------------
    def save_title(self) -> str:
        raise NotImplementedError

    def no_path_text(self) -> str:
        raise NotImplementedError

    def written_text(self) -> str:
        """ "… written to {path}"."""
        raise NotImplementedError

    def failed_text(self) -> str:
        """ "… could not be made: {error}"."""
        raise NotImplementedError

    def inputs(self) -> list[QWidget]:
        """The widgets to disable while the report is built."""
        return [self.language, self.path, self.buttons]

    # --- shared behaviour -------------------------------------------------------------
    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.save_title(),
            self.path.text(),
            QCoreApplication.translate("ReportDialog", "PDF files (*.pdf)"),
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self._overwrite_ok = self.path.text()  # the file dialog asked already

    def chosen_output(self) -> Path | None:
        """The file to write, or None (the refusal or the officer's No already shown)."""
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.no_path_text())
            return None
        self.error.clear()
        output = Path(text).expanduser()
        if (
            output.exists()
            and self._overwrite_ok != text
            and not dialogs.confirm(
                self,
                QCoreApplication.translate(
                    "ReportDialog", "{path} already exists. Replace it?"
                ).format(path=output),
            )
        ):
            return None
        return output

    def run(self, job: Callable[[], Path], name: str) -> None:
        """Build the report in the registry; its end is said even if the dialog is gone."""
        self._busy(True)
        self.progress.setRange(0, 0)
        bus, written = self.ctx.bus, self.written_text()

        def landed(result: Path | None, error: BaseException | None) -> None:
            if error is None and result is not None:
                bus.sig_status.emit(written.format(path=result))

        self.ctx.jobs.start(
            job, self._on_done, self._on_error, owner=self, landed=landed, name=name
        )

    def start(self) -> None:
        raise NotImplementedError

    def _busy(self, busy: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)

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
            dialogs.show_error(self, self.failed_text().format(error=exc))
