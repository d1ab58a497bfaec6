"""File → Export… and File → Import…: workbooks in and out, off the GUI thread.

Import never writes before the officer has seen what will change: the dialog reads and
checks the file in the background, lists the rows to add, the changes (old → new) and
how many rows are unchanged — or every problem found — and only Confirm writes. A
workbook exported by this database is compared three-way: a cell changed both in the
database since the export and in the workbook is a conflict, and Confirm stays off until
the officer has chosen, for each, to keep the database's value or take the workbook's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import UserError
from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.modeless import show_modeless
from desktop_app.ui.widgets.ok_cancel import ok_button, ok_cancel
from desktop_app.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop_app.io.importer import ImportPreview, RowChange

#: Rows listed per section of the preview; the rest are counted.
SHOW_ROWS = 300


def keep_choice_in_view(tree: QTreeWidget, choice_column: int) -> None:
    """The choice column stays inside the right edge, whatever the dialog's width: the
    value columns (old, new) share the room the row and choice columns leave."""
    header = tree.header()
    header.setMinimumSectionSize(60)
    for col in range(header.count()):
        stretch = 2 <= col < choice_column  # old and new
        header.setSectionResizeMode(
            col, QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        )


class ImportDialog(QDialog):
    """Preview of one workbook's import, with Confirm to write it (all or nothing)."""

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.preview: ImportPreview | None = None
        self.problems: list[str] = []
        self.result_preview: ImportPreview | None = None
        self.choices: dict[str, str] = {}
        self._project_names: dict[str, str] | None = None
        #: A workbook of another database, to be imported as hand-made (the officer said so).
        self.foreign = False
        self.setWindowTitle(self.tr("Import {name}").format(name=self.path.name))
        fit_to_screen(self, 820, 560)
        self.summary = QLabel(self.tr("Checking the workbook…"))
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.tree = QTreeWidget()
        self.mode = QLabel()
        self.mode.setWordWrap(True)
        self.mode.hide()
        self.closed_note = QLabel()  # rows that correct a closed quarter: said before Confirm
        self.closed_note.setWordWrap(True)
        self.closed_note.setStyleSheet("color: #b45309;")
        self.closed_note.hide()
        self.closed_item: QTreeWidgetItem | None = None
        self._preview_columns()
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 140)
        self.tree.setColumnWidth(2, 280)
        self.tree.setColumnWidth(3, 150)
        self.tree.setColumnWidth(4, 150)
        self.tree.header().setStretchLastSection(False)
        keep_choice_in_view(self.tree, choice_column=4)
        self.keep_all = QPushButton(self.tr("Keep the database's value for all"))
        self.take_all = QPushButton(self.tr("Take the workbook's value for all"))
        self.keep_all.clicked.connect(lambda: self._choose_all("ours"))
        self.take_all.clicked.connect(lambda: self._choose_all("theirs"))
        self.as_hand_made = QPushButton(self.tr("Import as a hand-made workbook"))
        self.as_hand_made.setToolTip(
            self.tr(
                "Every value in it that differs replaces this database's; payments are matched "
                "by project, date, kind and plan year."
            )
        )
        self.as_hand_made.clicked.connect(self._import_as_hand_made)
        self.as_hand_made.hide()
        self.all_row = QWidget()
        row = QHBoxLayout(self.all_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_all)
        row.addWidget(self.take_all)
        row.addStretch(1)
        self.all_row.hide()
        self.combos: dict[str, QComboBox] = {}
        self.buttons = ok_cancel(self, self.confirm, self.tr("Confirm import"))
        self.confirm_button = ok_button(self.buttons)
        self.confirm_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.mode)
        layout.addWidget(self.closed_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.as_hand_made)
        layout.addWidget(self.all_row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)

    def _preview_columns(self) -> None:
        self.tree.setColumnCount(5)
        self.tree.setRootIsDecorated(True)
        self.tree.setHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Old"), self.tr("New"), self.tr("Choice")]
        )

    def _import_as_hand_made(self) -> None:
        """The officer takes a workbook of another database as hand-made: preview again."""
        self.foreign = True
        self.as_hand_made.hide()
        self.tree.clear()
        self._preview_columns()
        self.progress.show()
        self.summary.setText(self.tr("Checking the workbook…"))
        self.start()

    def start(self) -> None:
        """Read, check and diff the workbook in the background."""
        from desktop_app.io.importer import preview_import

        db, path, foreign = self.ctx.db, self.path, self.foreign
        self.ctx.jobs.start(
            lambda: preview_import(db, path, foreign=foreign),
            self._show,
            self._failed,
            owner=self,
            key="preview",
            cancellable=True,
            name="import preview",
        )

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.progress.hide()
        self.tree.clear()
        self.combos.clear()
        self._show_mode(preview)
        self.closed_item = None
        self._refresh_closed()
        self._conflicts(preview)
        for sheet in preview.sheets:
            top = QTreeWidgetItem(
                [
                    self.tr(
                        "{sheet}: {added} to add, {changed} to change, {unchanged} unchanged"
                    ).format(
                        sheet=sheet.title,
                        added=len(sheet.added),
                        changed=len(sheet.changed),
                        unchanged=sheet.unchanged,
                    )
                ]
            )
            self.tree.addTopLevelItem(top)
            self._section(top, self.tr("Added"), sheet.added, sheet.name)
            self._section(top, self.tr("Changed"), sheet.changed, sheet.name)
            top.setExpanded(bool(sheet.changed) and len(sheet.changed) <= 20)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                item.setFirstColumnSpanned(True)
        if preview.conflicts:
            text = self.tr(
                "{added} rows to add, {changed} to change, {unchanged} unchanged, and {conflicts} conflict(s): choose for each whether to keep the database's value or take the workbook's."  # noqa: E501
            )
        elif preview.added or preview.changed:
            text = self.tr(
                "{added} rows to add, {changed} to change, {unchanged} unchanged. A backup is taken before anything is written."  # noqa: E501
            )
        else:
            text = self.tr("Nothing to change: all {unchanged} rows match the database.")
        self.summary.setText(
            text.format(
                added=preview.added,
                changed=preview.changed,
                unchanged=preview.unchanged,
                conflicts=len(preview.conflicts),
            )
        )
        self._update_confirm()

    def _show_mode(self, preview: ImportPreview) -> None:
        from desktop_app.io.preview import OTHER_DATABASE, THREE_WAY

        if preview.mode == THREE_WAY:
            text = self.tr(
                "Compared with its export of {at}: cells you did not change are left as the database has them."  # noqa: E501
            ).format(at=preview.exported_at[:16].replace("T", " "))
            if preview.kept:
                text += " " + self.tr(
                    "{n} cell(s) changed in the database since the export are kept."
                ).format(n=preview.kept)
        elif preview.mode == OTHER_DATABASE:
            text = self.tr(
                "This workbook was exported from another database: every value in it that differs replaces this database's."  # noqa: E501
            )
        else:
            text = self.tr(
                "This workbook carries no export versions (made by hand or from the template): every value in it that differs replaces the database's."  # noqa: E501
            )
        self.mode.setText(text)
        self.mode.show()

    def _conflicts(self, preview: ImportPreview) -> None:
        """One line per conflict: exported → database now, workbook, and the choice."""
        self.all_row.setVisible(bool(preview.conflicts))
        if not preview.conflicts:
            return
        top = QTreeWidgetItem(
            [
                self.tr(
                    "Conflicts ({n}): changed in the database since the export and in the workbook"
                ).format(n=len(preview.conflicts))
            ]
        )
        self.tree.addTopLevelItem(top)
        top.setFirstColumnSpanned(True)
        for c in preview.conflicts:
            item = QTreeWidgetItem(
                [
                    self.tr("{sheet} row {row}: {key}").format(
                        sheet=c.sheet, row=c.row, key=self._named(c.sheet, c.key)
                    ),
                    c.column,
                    self.tr("exported “{exported}” → now “{database}”").format(
                        exported=c.exported, database=c.database
                    ),
                    c.workbook,
                ]
            )
            for col in range(4):
                item.setToolTip(col, item.text(col))
            top.addChild(item)
            combo = QComboBox()
            combo.addItem(self.tr("Choose…"), None)
            combo.addItem(self.tr("Keep database"), "ours")
            combo.addItem(self.tr("Take workbook"), "theirs")
            chosen = self.choices.get(c.ident)
            if chosen:
                combo.setCurrentIndex(combo.findData(chosen))
            combo.currentIndexChanged.connect(
                lambda _i, ident=c.ident, box=combo: self._choose(ident, box.currentData())
            )
            self.tree.setItemWidget(item, 4, combo)
            self.combos[c.ident] = combo
        top.setExpanded(True)

    def _refresh_closed(self) -> None:
        """The rows that correct a closed quarter with the choices made so far: a note
        and a section at the top, before the officer confirms (or cancels)."""
        preview = self.preview
        touched = preview.closed_touched(self.choices) if preview is not None else ()
        self.closed_note.setVisible(bool(touched))
        if not touched:
            if self.closed_item is not None:  # a choice took it back: no section at all
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self.closed_item))
                self.closed_item = None
            return
        if self.closed_item is None:
            self.closed_item = QTreeWidgetItem()
            self.tree.insertTopLevelItem(0, self.closed_item)
            self.closed_item.setFirstColumnSpanned(True)
        top = self.closed_item
        top.takeChildren()
        quarters = sorted({c.quarter for c in touched})
        self.closed_note.setText(
            self.tr(
                "{n} row(s) change the figures of a closed quarter ({quarters}). Its brief stays as it was closed; the next brief lists these changes as corrections. Confirm to import them anyway, or Cancel to change nothing."  # noqa: E501
            ).format(n=len(touched), quarters=", ".join(quarters))
        )
        top.setText(0, self.tr("Closed quarters ({n})").format(n=len(touched)))
        for c in touched[:SHOW_ROWS]:
            item = QTreeWidgetItem(
                [
                    self.tr("{sheet} row {row}").format(sheet=c.sheet, row=c.row),
                    c.column or self.tr("(new row)"),
                    self.tr("{q} is closed: listed as a correction").format(q=c.quarter),
                ]
            )
            for col in range(3):
                item.setToolTip(col, item.text(col))
            top.addChild(item)
        if len(touched) > SHOW_ROWS:
            top.addChild(
                QTreeWidgetItem([self.tr("… and {n} more").format(n=len(touched) - SHOW_ROWS)])
            )
        top.setExpanded(True)

    def _choose(self, ident: str, choice: str | None) -> None:
        if choice:
            self.choices[ident] = choice
        else:
            self.choices.pop(ident, None)
        self._refresh_closed()
        self._update_confirm()

    def _choose_all(self, choice: str) -> None:
        for combo in self.combos.values():
            combo.setCurrentIndex(combo.findData(choice))

    def _update_confirm(self) -> None:
        preview = self.preview
        if preview is None:
            return
        undecided = [c for c in preview.conflicts if c.ident not in self.choices]
        chosen_taken = any(v == "theirs" for v in self.choices.values())
        work = bool(preview.added or preview.changed or chosen_taken)
        self.confirm_button.setEnabled(not self.ctx.readonly and work and not undecided)

    def _named(self, sheet: str, key: str) -> str:
        """The row's key with its project named ("2" → "2. 数字供应链…")."""
        if self._project_names is None:
            from desktop_app.ui.import_names import project_names

            self._project_names = project_names(self.ctx.db, self.ctx.lang)
        from desktop_app.ui.import_names import readable_key

        return readable_key(sheet, key, self._project_names)

    def _section(
        self, top: QTreeWidgetItem, label: str, rows: Sequence[RowChange], sheet: str = ""
    ) -> None:
        if not rows:
            return
        section = QTreeWidgetItem([f"{label} ({len(rows)})"])
        top.addChild(section)
        for row in rows[:SHOW_ROWS]:
            key = self._named(sheet, row.key) if sheet else row.key
            item = QTreeWidgetItem([self.tr("row {row}: {key}").format(row=row.row, key=key)])
            section.addChild(item)
            for change in row.fields:
                item.addChild(QTreeWidgetItem(["", change.column, change.old, change.new]))
            item.setExpanded(label == self.tr("Changed"))
        if len(rows) > SHOW_ROWS:
            section.addChild(
                QTreeWidgetItem([self.tr("… and {n} more").format(n=len(rows) - SHOW_ROWS)])
            )
        section.setExpanded(label == self.tr("Changed"))

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.io.importer import ForeignWorkbook, ImportConflicts, ImportRefused

        self.as_hand_made.setVisible(isinstance(exc, ForeignWorkbook))
        if isinstance(exc, ImportConflicts):  # the database changed since the preview
            self._show(exc.preview)
            return
        self.progress.hide()
        self.confirm_button.setEnabled(False)
        self.tree.clear()
        self.closed_item = None
        self.closed_note.hide()
        if isinstance(exc, ImportRefused):
            self.problems = list(exc.problems)
            self.summary.setText(
                self.tr(
                    "The workbook was not imported: {n} problem(s). Correct them and import again."
                ).format(n=exc.total)
            )
            self.tree.setColumnCount(1)
            self.tree.setRootIsDecorated(False)
            self.tree.setHeaderLabels([self.tr("Problem")])
            for problem in exc.problems:
                self.tree.addTopLevelItem(QTreeWidgetItem([problem]))
            self.tree.setWordWrap(True)
            if exc.total > len(exc.problems):
                self.tree.addTopLevelItem(
                    QTreeWidgetItem(
                        [self.tr("… and {n} more").format(n=exc.total - len(exc.problems))]
                    )
                )
        elif isinstance(exc, UserError):
            self.problems = [str(exc)]
            self.summary.setText(str(exc))
        else:
            self.summary.setText(
                self.tr("The workbook could not be read: {error}").format(error=exc)
            )

    def confirm(self) -> None:
        """Validate again and write everything in one transaction, in the background."""
        from desktop_app.io.importer import import_workbook

        self.confirm_button.setEnabled(False)
        self.progress.show()
        self.summary.setText(self.tr("Importing…"))
        db, path, choices, foreign = self.ctx.db, self.path, dict(self.choices), self.foreign
        bus = self.ctx.bus
        said = self.tr("Imported {added} new and {changed} changed rows from {name}")

        def landed(result: ImportPreview | None, error: BaseException | None) -> None:
            # Through the registry, not this dialog: closing the dialog mid-import must
            # not leave the window showing the data from before the import.
            if error is None and result is not None:
                bus.sig_data_changed.emit()
                bus.sig_status.emit(
                    said.format(added=result.added, changed=result.changed, name=path.name)
                )

        self.ctx.jobs.start(
            lambda: import_workbook(db, path, choices=choices, foreign=foreign),
            self._done,
            self._failed,
            owner=self,
            landed=landed,
            name="import",
        )

    def _done(self, result: ImportPreview) -> None:
        self.result_preview = result
        self.progress.hide()
        self.accept()


def export_workbook_to(ctx: AppContext, window: QWidget, path: Path) -> None:
    """Write the export in the background; say where it went, or why it failed."""
    from desktop_app.io.export import export_workbook

    db, lang = ctx.db, ctx.lang

    def done(result: Path) -> None:
        ctx.bus.sig_status.emit(
            QCoreApplication.translate("IoActions", "Exported to {path}").format(path=result)
        )

    def failed(exc: BaseException) -> None:
        dialogs.show_error(
            window,
            QCoreApplication.translate("IoActions", "The export failed: {error}").format(error=exc),
        )

    ctx.bus.sig_status.emit(QCoreApplication.translate("IoActions", "Exporting…"))
    ctx.jobs.start(
        lambda: export_workbook(db, path, lang=lang), done, failed, owner=window, name="export"
    )


def install(ctx: AppContext, window: QMainWindow, menu: QMenu) -> None:
    export_action = QAction(QCoreApplication.translate("IoActions", "&Export to Excel…"), window)
    import_action = QAction(QCoreApplication.translate("IoActions", "&Import from Excel…"), window)
    import_action.setEnabled(not ctx.readonly)

    def do_export() -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            window,
            QCoreApplication.translate("IoActions", "Export to Excel"),
            str(Path.home() / "key-projects.xlsx"),
            QCoreApplication.translate("IoActions", "Excel workbooks (*.xlsx)"),
        )
        if chosen:
            path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
            export_workbook_to(ctx, window, path)

    def do_import() -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("IoActions", "Import from Excel"),
            str(Path.home()),
            QCoreApplication.translate("IoActions", "Excel workbooks (*.xlsx)"),
        )
        if chosen:
            show_modeless(
                window,
                "import",
                lambda: ImportDialog(ctx, Path(chosen), window),
                then=lambda dialog: dialog.start(),
            )

    export_action.triggered.connect(do_export)
    import_action.triggered.connect(do_import)
    menu.addAction(export_action)
    menu.addAction(import_action)
