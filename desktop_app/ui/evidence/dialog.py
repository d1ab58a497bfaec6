"""The evidence list of one milestone, payment or evaluation.

Add (a file dialog, or drop files on the list), open with the system viewer (from a
temp copy, so the stored bytes are never touched; `viewer_copies` removes it at exit or
the next start), save as, and remove — a removal is a flag the audit trail records, and
Undo (Ctrl+Z) puts the file back. Every action is one service call (`services.evidence`);
the dialog holds rows, never a session.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services import evidence as ev
from desktop_app.services.evidence_rows import EvidenceRow
from desktop_app.ui.context import AppContext
from desktop_app.ui.evidence import viewer_copies
from desktop_app.ui.widgets.screen_fit import fit_to_screen
from desktop_app.ui.widgets.tables import grid_cell, grid_view

T = TypeVar("T")


class _RemoveStep(QUndoCommand):
    """Redo removes the file from the record; undo puts it back (both saved at once)."""

    def __init__(self, dialog: EvidenceDialog, row: EvidenceRow) -> None:
        super().__init__(
            QCoreApplication.translate("EvidenceDialog", "Remove {name}").format(name=row.file_name)
        )
        self.dialog, self.link_id, self.version = dialog, row.id, row.version

    def redo(self) -> None:
        done = self.dialog.run(
            lambda: ev.remove_evidence(self.dialog.ctx.db, self.link_id, self.version)
        )
        if done is not None:
            self.version = done.version

    def undo(self) -> None:
        done = self.dialog.run(
            lambda: ev.restore_evidence(self.dialog.ctx.db, self.link_id, self.version)
        )
        if done is not None:
            self.version = done.version


class EvidenceDialog(QDialog):
    def __init__(
        self, ctx: AppContext, kind: str, target_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.kind, self.target_id = ctx, kind, target_id
        self.project_no, self.target, label = ev.read_evidence_target(ctx.db, kind, target_id)
        self.rows: list[EvidenceRow] = []
        self.opened: list[Path] = []
        self.setWindowTitle(self.tr("Evidence — {what}").format(what=label))
        self.setAcceptDrops(True)
        self.table = grid_view(
            [self.tr("File"), self.tr("Size"), self.tr("Added"), self.tr("By"), self.tr("Note")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        hint = QLabel(self.tr("Drop files here to add them (up to 50 MB each)."))
        hint.setStyleSheet("color: #555555")
        self.undo_stack = QUndoStack(self)
        self.add_button = QPushButton(self.tr("Add…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.add_button.clicked.connect(self.add_files)
        self.open_button.clicked.connect(self.open_current)
        self.save_button.clicked.connect(self.save_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C0392B")
        self.error.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(close)
        fit_to_screen(self, 680, 360)
        self.table.itemSelectionChanged.connect(self._enable)
        self.reload()

    def reload(self) -> None:
        self.rows = ev.list_evidence(
            self.ctx.db, project_no=self.project_no, kind=self.kind, target_id=self.target_id
        )
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            values = (
                r.file_name,
                ev.size_text(r.size_bytes),
                r.added_at.strftime("%Y-%m-%d %H:%M"),
                r.added_by,
                r.note,
            )
            for col, value in enumerate(values):
                tip = f"SHA-256 {r.sha256}" if col == 0 else None
                self.table.setItem(i, col, grid_cell(value, tip=tip, right=col == 1))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._enable()

    def _enable(self) -> None:
        has = self.current() is not None
        writable = not self.ctx.db.readonly
        for b in (self.open_button, self.save_button):
            b.setEnabled(has)
        self.remove_button.setEnabled(has and writable)
        self.add_button.setEnabled(writable)

    def current(self) -> EvidenceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def run(self, action: Callable[[], T]) -> T | None:
        """One service call: a refusal shows its one line, then the list is reloaded."""
        self.error.clear()
        try:
            result = action()
        except UserError as exc:
            self.error.setText(str(exc))
            result = None
        self.reload()
        self.ctx.bus.sig_data_changed.emit()
        return result

    def add_paths(self, paths: list[str]) -> None:
        db, no, target = self.ctx.db, self.project_no, self.target
        for path in paths:
            added = self.run(partial(ev.add_evidence, db, no, target, path))
            if added is None:  # refused: the reason is shown; the rest are not tried
                break

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add evidence files"),
            "",
            self.tr(
                "Evidence (*.pdf *.png *.jpg *.jpeg *.doc *.docx *.xls *.xlsx *.ofd);;All files (*)"
            ),
        )
        self.add_paths(paths)

    def _bytes(self) -> tuple[EvidenceRow, bytes] | None:
        row = self.current()
        if row is None:
            return None
        try:
            return ev.read_stored_evidence(self.ctx.db, row.id)
        except UserError as exc:
            self.error.setText(str(exc))
            return None

    def open_current(self) -> None:
        got = self._bytes()
        if got is None:
            return
        row, data = got
        path = viewer_copies.make_copy(row.file_name, data)  # removed at exit or next start
        self.opened.append(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_current(self) -> None:
        got = self._bytes()
        if got is None:
            return
        row, data = got
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the file as"), row.file_name)
        if not chosen:
            return
        try:
            Path(chosen).write_bytes(data)
        except OSError as exc:
            self.error.setText(f"{chosen}: {exc.strerror or exc}")

    def remove_current(self) -> None:
        row = self.current()
        if row is not None:
            self.undo_stack.push(_RemoveStep(self, row))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
