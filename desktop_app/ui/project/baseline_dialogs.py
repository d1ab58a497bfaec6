"""Setting a baseline (with its reason) and comparing any earlier baseline with today's plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import milestones as svc
from desktop_app.snapshots.milestones import BaselineInfo
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.ok_cancel import ok_button, ok_cancel
from desktop_app.ui.widgets.screen_fit import fit_to_screen
from desktop_app.ui.widgets.tables import grid_cell, grid_view


class BaselineReasonDialog(QDialog):
    """Asks why the plan is being frozen; OK only with a reason."""

    def __init__(self, has_baseline: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set baseline"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("e.g. equipment delivery delayed; plan approved on 2026-07-01")
        )
        note = QLabel(
            self.tr(
                "The current planned dates become the new baseline; earlier baselines are kept."
            )
            if has_baseline
            else self.tr("The current planned dates become the project's baseline.")
        )
        note.setWordWrap(True)
        self.buttons = ok_cancel(self, self.accept)
        ok = ok_button(self.buttons)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.buttons)
        self.resize(460, 130)


def ask_baseline_reason(parent: QWidget | None, has_baseline: bool) -> str | None:
    """The reason typed, or None if cancelled (tests replace this function)."""
    dialog = BaselineReasonDialog(has_baseline, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text().strip()


class BaselineHistoryDialog(QDialog):
    """The project's baselines, newest first; the chosen one compared with the current plan."""

    def __init__(self, ctx: AppContext, project_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id = project_id
        self.setWindowTitle(self.tr("Baseline history"))
        self.history: list[BaselineInfo] = svc.baseline_history(ctx.db, project_id)
        self.list = QListWidget()
        for b in self.history:
            item = QListWidgetItem(f"{b.set_on.isoformat()}  {b.reason}")
            item.setToolTip(b.reason)
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            self.list.addItem(item)
        self.table = grid_view(
            [
                self.tr("Milestone"),
                self.tr("Baseline end"),
                self.tr("Current end"),
                self.tr("Change (days)"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.empty = QLabel(self.tr("No baseline has been set for this project yet."))
        self.empty.setVisible(not self.history)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addWidget(self.table, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._compare)
        if self.history:
            self.list.setCurrentRow(0)
        fit_to_screen(self, 820, 380)

    def _compare(self, row: int) -> None:
        if row < 0:
            return
        diffs = svc.compare_baseline(self.ctx.db, self.project_id, self.history[row].id)
        self.table.setRowCount(len(diffs))
        for i, d in enumerate(diffs):
            delta = d.delta_days
            cells = [
                d.title,
                d.baseline_end.isoformat() if d.baseline_end else self.tr("(added later)"),
                d.current_end.isoformat() if d.current_end else "",
                "" if delta is None else f"{delta:+d}" if delta else "0",
            ]
            for j, text in enumerate(cells):
                item = grid_cell(text, right=j == 3)
                if j == 3 and delta:
                    item.setForeground(QBrush(QColor("#c62828" if delta > 0 else "#2e7d32")))
                self.table.setItem(i, j, item)

    def compared_rows(self) -> list[list[str]]:
        """The compare table as text (for tests and copying)."""
        return [
            [
                item.text() if (item := self.table.item(r, c)) is not None else ""
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]
