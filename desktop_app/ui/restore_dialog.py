"""File → Back up now / Restore…: the backups beside the database, and putting one back.

The list (date, reason, size, projects) is read off the GUI thread, since each backup
is opened to count its projects. Restoring asks first, saves the current database as
a backup, replaces the file and reopens it; the window then reloads every page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.services.backups import backup_now, list_backups, restore_backup
from desktop_app.snapshots.safety import BackupRow
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.rows_model import Index, RowsTableModel
from desktop_app.ui.widgets.screen_fit import fit_to_screen

COL_TAKEN, COL_REASON, COL_SIZE, COL_PROJECTS = range(4)


def reason_label(label: str) -> str:
    base = label.split(".")[0]
    known = {
        "daily": QCoreApplication.translate("RestoreDialog", "daily (first start of the day)"),
        "manual": QCoreApplication.translate("RestoreDialog", "made by hand"),
        "pre-import": QCoreApplication.translate("RestoreDialog", "before an import"),
        "pre-restore": QCoreApplication.translate("RestoreDialog", "before a restore"),
    }
    if base in known:
        return known[base]
    if base.startswith("pre-"):
        step = base[4:]
        return QCoreApplication.translate("RestoreDialog", "before an upgrade ({step})").format(
            step=step
        )
    return base


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupModel(RowsTableModel[BackupRow]):
    right_columns = (COL_SIZE, COL_PROJECTS)

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("RestoreDialog", "Taken"),
            QCoreApplication.translate("RestoreDialog", "Reason"),
            QCoreApplication.translate("RestoreDialog", "Size"),
            QCoreApplication.translate("RestoreDialog", "Projects"),
        ]

    def display(self, r: BackupRow, col: int) -> str:
        if col == COL_TAKEN:
            return r.taken_at.strftime("%Y-%m-%d %H:%M:%S")
        if col == COL_REASON:
            return reason_label(r.label)
        if col == COL_SIZE:
            return size_text(r.size_bytes)
        if r.projects is None:
            return QCoreApplication.translate("RestoreDialog", "damaged")
        return str(r.projects)

    def tooltip(self, r: BackupRow, col: int) -> str:
        return r.problem or str(r.path)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and not self._rows[index.row()].usable:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)


class RestoreDialog(QDialog):
    """Pick a backup (or another file) and restore it; `restored` is set on success."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.restored = False
        self.setWindowTitle(self.tr("Restore from a backup"))
        fit_to_screen(self, 640, 420)
        self.model = BackupModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self.tr("Reading the backups…"))
        self.status.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Restoring replaces the current data with the backup. The current data is "
                "saved as a backup first, so this can be undone."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("Restore the selected backup"))
        self.restore_button.setEnabled(False)
        self.other_button = QPushButton(self.tr("Other file…"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._restore_other)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._restore_selected())
        if ctx.readonly:
            self.restore_button.hide()
            self.other_button.hide()

    def load(self, *, background: bool = True) -> None:
        db = self.ctx.db
        if not background:
            self._loaded(list_backups(db))
            return
        self.ctx.jobs.start(
            lambda: list_backups(db),
            self._loaded,
            self._failed,
            owner=self,
            key="list",
            cancellable=True,
            name="list backups",
        )

    def _loaded(self, rows: list[BackupRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.status.setText(
                self.tr("{n} backups in {folder}").format(n=len(rows), folder=rows[0].path.parent)
            )
            self.table.selectRow(0)
        else:
            self.status.setText(self.tr("There are no backups yet."))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc) if isinstance(exc, UserError) else repr(exc))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.row_at(rows[0].row())
        return row if row.usable else None

    def _restore_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.restore(row.path, row.taken_at.strftime("%Y-%m-%d %H:%M"))

    def _restore_other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a file"),
            str(self.ctx.db.path or Path.home()),
            self.tr("key-projects backups (*.sqlite);;All files (*)"),
        )
        if name:
            self.restore(Path(name), Path(name).name)

    def restore(self, source: Path, shown: str) -> bool:
        question = self.tr(
            "Replace the current data with the backup of {when}? The current data is "
            "saved as a backup first."
        ).format(when=shown)
        if not dialogs.confirm(self, question, self.tr("Restore")):
            return False
        ctx = self.ctx
        ctx.jobs.drain()  # nothing may hold a connection while the file is replaced
        old = ctx.db
        try:
            new_db, result = ctx.jobs.wait_with_progress(
                lambda: restore_backup(old, source),
                self,
                self.tr("Restoring {when}…").format(when=shown),
                name="restore",
            )
        except UserError as exc:
            dialogs.show_error(self, str(exc))
            return False
        ctx.switch_database(new_db)
        self.restored = True
        text = self.tr("Restored from {source}.").format(source=source)
        if result.saved_as:
            text += "\n" + self.tr("The previous data was saved as {path}.").format(
                path=result.saved_as
            )
        dialogs.show_info(self, text, self.tr("Restore"))
        self.accept()
        return True


def open_restore_dialog(ctx: AppContext, window: QWidget) -> None:
    dialog = RestoreDialog(ctx, window)
    dialog.load()
    dialog.exec()
    if dialog.restored:
        ctx.bus.sig_data_changed.emit()


def _backup_now(ctx: AppContext, window: QWidget) -> None:
    db = ctx.db
    text = QCoreApplication.translate("RestoreDialog", "Backing up…")
    try:
        path = ctx.jobs.wait_with_progress(lambda: backup_now(db), window, text, name="backup")
    except (UserError, OSError) as exc:
        dialogs.show_error(window, str(exc))
        return
    ctx.bus.sig_status.emit(
        QCoreApplication.translate("RestoreDialog", "Backup written to {path}").format(path=path)
    )


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    if ctx.db.path is None:
        return  # a server database is backed up by its own tools
    backup = QAction(QCoreApplication.translate("RestoreDialog", "Back up &now"), window)
    backup.triggered.connect(lambda: _backup_now(ctx, window))
    restore = QAction(
        QCoreApplication.translate("RestoreDialog", "&Restore from a backup…"), window
    )
    restore.triggered.connect(lambda: open_restore_dialog(ctx, window))
    menu.addAction(backup)
    menu.addAction(restore)


def offer_backup_for_damaged(exc: BaseException) -> bool | None:
    """At start-up, for a damaged database: offer the newest good backup; True = restored.

    None when `exc` is not about a damaged database (the caller shows it as usual); for a
    damaged one this shows its own messages.
    The damaged file is renamed aside untouched by the restore, never overwritten.
    """
    from desktop_app.db.database import DatabaseDamaged
    from desktop_app.db.restore import restore_database

    if not isinstance(exc, DatabaseDamaged):
        return None
    if exc.newest_backup is None:
        dialogs.show_error(None, str(exc))
        return False
    question = QCoreApplication.translate(
        "RestoreDialog", "Restore that backup now? The damaged file is kept beside it."
    )
    title = QCoreApplication.translate("RestoreDialog", "Damaged database")
    if not dialogs.confirm(None, f"{exc}\n\n{question}", title):
        return False
    try:
        result = restore_database(exc.path, exc.newest_backup)
    except UserError as err:
        dialogs.show_error(None, str(err))
        return False
    dialogs.show_info(
        None,
        QCoreApplication.translate(
            "RestoreDialog", "Restored from {source}. The damaged file was kept as {aside}."
        ).format(source=exc.newest_backup, aside=result.damaged_aside),
    )
    return True
