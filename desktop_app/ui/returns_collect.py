"""File → Quarterly returns → Collect…: one preview for every workbook in a folder, then
Record writes them all in one transaction (or, ticked, each good one on its own). Both run
as jobs of the window's registry, so a restore or a database switch waits for a write.

The preview lists, per project, each field before → after, the conflicts (a cell changed
both in the database since the workbook was sent and in the return) with the choice made,
what differs from a return already recorded, and warnings; refused files with every place
that is wrong; files skipped (open in Excel, already collected). A file with conflicts is
refused until the officer picks, for all of them, "keep the database's" or "take the
return's" (the command line's --ours / --theirs). Nothing is written before Record.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.periods import local_stamp
from desktop_app.errors import UserError
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.returns_make import recent_quarters
from desktop_app.ui.widgets.ok_cancel import ok_button, ok_cancel
from desktop_app.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop_app.io.returns_collect import CollectResult

WARN = QColor("#8a4b00")
BAD = QColor("#b00020")


class CollectReturnsDialog(QDialog):
    def __init__(self, ctx: AppContext, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder = Path(folder)
        self.collected: CollectResult | None = None
        self.setWindowTitle(
            self.tr("Collect quarterly returns from {folder}").format(folder=self.folder.name)
        )
        self.quarter = QComboBox()
        self.quarter.addItem(self.tr("From the files"), None)
        for q in recent_quarters():
            self.quarter.addItem(str(q), q)
        self.quarter.currentIndexChanged.connect(self.start)
        self.resolve = QComboBox()
        self.resolve.addItem(self.tr("Ask (refuse the file)"), None)
        self.resolve.addItem(self.tr("Keep the database's value"), "ours")
        self.resolve.addItem(self.tr("Take the return's value"), "theirs")
        self.resolve.currentIndexChanged.connect(self.start)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Quarter")))
        top.addWidget(self.quarter)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Cells changed on both sides")))
        top.addWidget(self.resolve)
        top.addStretch(1)
        self.summary = QLabel(self.tr("Checking the workbooks…"))
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Project / file"), self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self.tree.setColumnWidth(0, 380)
        self.tree.setColumnWidth(1, 140)
        self.tree.setColumnWidth(2, 160)
        self.tree.setWordWrap(True)
        self.each = QCheckBox(self.tr("Record the good returns even though some files are refused"))
        self.each.toggled.connect(self._enable)
        self.buttons = ok_cancel(self, self.confirm, self.tr("Record returns"))
        self.confirm_button = ok_button(self.buttons)
        self.confirm_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.each)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 1200, 640)

    def start(self) -> None:
        from desktop_app.io.returns_collect import preview_collect

        self.progress.show()
        self.confirm_button.setEnabled(False)
        db, folder, quarter = self.ctx.db, self.folder, self.quarter.currentData()
        resolve = self.resolve.currentData()
        self.ctx.jobs.start(
            lambda: preview_collect(db, folder, quarter, resolve=resolve),
            self._show,
            self._failed,
            owner=self,
            key="preview",
            cancellable=True,
            name="returns preview",
        )

    def _item(
        self, parent: QTreeWidgetItem | None, texts: list[str], color: QColor | None = None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        if color is not None:
            for c in range(len(texts)):
                item.setForeground(c, QBrush(color))
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _show(self, result: CollectResult) -> None:
        from desktop_app.io.returns_collect import conflict_line

        self.collected = result
        self.progress.hide()
        self.tree.clear()
        for pr in result.returns:
            head = self.tr("{no:02d} {name} — {unit} — {file}").format(
                no=pr.project_no, name=pr.project_name, unit=pr.unit, file=pr.file
            )
            top = self._item(None, [head])
            top.setFirstColumnSpanned(True)
            if not pr.changes:
                self._item(top, [self.tr("No change")])
            for c in pr.changes:
                self._item(top, [c.key, c.field, c.before or "—", c.after or "—"])
            if pr.previous is not None and pr.since_previous:
                when = local_stamp(pr.previous.received_at)
                sub = self._item(
                    top,
                    [
                        self.tr("Differs from the return received {when} ({file})").format(
                            when=when, file=pr.previous.file_name
                        )
                    ],
                    WARN,
                )
                sub.setFirstColumnSpanned(True)
                for c in pr.since_previous:
                    self._item(sub, [c.key, c.field, c.before or "—", c.after or "—"])
                sub.setExpanded(True)
            for w in pr.warnings:
                item = self._item(top, [self.tr("Warning: {text}").format(text=w)], WARN)
                item.setFirstColumnSpanned(True)
            for k in pr.conflicts:
                took = k.choice == "theirs"
                text = (
                    self.tr("Conflict, took the return's: {text}")
                    if took
                    else self.tr("Conflict, kept the database's: {text}")
                )
                item = self._item(top, [text.format(text=conflict_line(k))], WARN)
                item.setFirstColumnSpanned(True)
            top.setExpanded(bool(pr.changes) or bool(pr.since_previous) or bool(pr.conflicts))
        if result.refused:
            sec = self._item(None, [self.tr("Refused ({n})").format(n=len(result.refused))], BAD)
            sec.setFirstColumnSpanned(True)
            for r in result.refused:
                item = self._item(sec, [r.line], BAD)
                item.setFirstColumnSpanned(True)
                for p in r.problems[1:]:
                    self._item(item, [p], BAD).setFirstColumnSpanned(True)
            sec.setExpanded(True)
        if result.notes:
            sec = self._item(None, [self.tr("Skipped ({n})").format(n=len(result.notes))])
            sec.setFirstColumnSpanned(True)
            for n in result.notes:
                self._item(sec, [n]).setFirstColumnSpanned(True)
            sec.setExpanded(True)
        changed = sum(1 for pr in result.returns if pr.changes)
        self.summary.setText(
            self.tr(
                "{quarter}: {n} return(s) to record ({changed} with changes), {refused} file(s) "
                "refused, {skipped} skipped."
            ).format(
                quarter=result.quarter,
                n=len(result.returns),
                changed=changed,
                refused=len(result.refused),
                skipped=len(result.notes),
            )
            + (
                " "
                + self.tr("With a refused file nothing is recorded unless you tick the box below.")
                if result.refused
                else ""
            )
        )
        self.each.setVisible(bool(result.refused))
        self._enable()

    def _enable(self) -> None:
        r = self.collected
        ok = (
            r is not None
            and bool(r.returns)
            and (not r.refused or self.each.isChecked())
            and not self.ctx.readonly
        )
        self.confirm_button.setEnabled(ok)

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.confirm_button.setEnabled(False)
        text = (
            str(exc)
            if isinstance(exc, UserError)
            else self.tr("The returns could not be read: {error}").format(error=exc)
        )
        self.summary.setText(text)

    def confirm(self) -> None:
        from desktop_app.io.returns_collect import apply_collect

        if self.collected is None:
            return
        self.confirm_button.setEnabled(False)
        self.progress.show()
        self.summary.setText(self.tr("Recording…"))
        db, result, each = self.ctx.db, self.collected, self.each.isChecked()
        bus = self.ctx.bus

        def landed(_result: object, error: BaseException | None) -> None:
            # Even if the dialog was closed meanwhile, the window shows the new figures;
            # a refused folder wrote nothing, unless each return was its own transaction.
            if error is None or each:
                bus.sig_data_changed.emit()

        self.ctx.jobs.start(
            lambda: apply_collect(db, result, each=each),
            self._done,
            self._write_failed,
            owner=self,
            landed=landed,
            name="returns collect",
        )

    def _done(self, result: CollectResult) -> None:
        self.progress.hide()
        n = sum(1 for r in result.returns if r.applied)
        failed = [r.error for r in result.returns if r.error]
        if failed:
            dialogs.show_warning(self, "\n".join(failed))
        self.ctx.bus.sig_status.emit(
            self.tr("{n} quarterly return(s) recorded for {quarter}").format(
                n=n, quarter=result.quarter
            )
        )
        self.accept()

    def _write_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        dialogs.show_error(self, str(exc))
        self.start()
