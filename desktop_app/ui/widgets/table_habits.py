"""The habits officers bring from Excel and WPS, given to every table of the window.

`install_all(root)` visits each `QTableView` under `root` once and adds:
- multi-cell selection and Ctrl+C as tab-separated text with the column headers;
- sorting by any column where the table is read-only and its model can sort;
- a right-click menu: copy, export this table to .xlsx, print preview, open the project;
- a grey hint over an empty table (the view's "emptyHint" property, or a general one).
Tables that open a project on activation set the property "opensProject".
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QMenu,
    QTableView,
    QWidget,
)

from desktop_app.ui import dialogs
from desktop_app.ui.widgets.rows_model import RowsTableModel

INSTALLED = "tableHabits"


def install_all(root: QWidget) -> None:
    for view in root.findChildren(QTableView):
        install(view)


def install(view: QTableView) -> None:
    if view.property(INSTALLED):
        return
    view.setProperty(INSTALLED, True)
    if view.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection:
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    if not view.isSortingEnabled() and _can_sort(view):
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # unsorted until a header is clicked
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos, v=view: _menu(v, pos))
    _Habits(view)


def _can_sort(view: QTableView) -> bool:
    """Read-only tables whose model sorts its rows (or sits behind a sorting proxy)."""
    if view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
        return False
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return isinstance(model, RowsTableModel) and model.sortable


def visible_columns(view: QTableView) -> list[int]:
    header = view.horizontalHeader()
    columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    return sorted(columns, key=header.visualIndex)


def table_text(view: QTableView, only_selected: bool = True) -> list[list[str]]:
    """The header and the rows shown (the selected cells' rows and columns, or all)."""
    model = view.model()
    if model is None:
        return []
    columns = visible_columns(view)
    rows = list(range(model.rowCount()))
    if only_selected:
        chosen = view.selectionModel().selectedIndexes() if view.selectionModel() else []
        if chosen:
            rows = sorted({i.row() for i in chosen})
            picked = {i.column() for i in chosen}
            columns = [c for c in columns if c in picked]
    header = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in columns
    ]
    out = [header]
    for r in rows:
        line = []
        for c in columns:
            value = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            line.append("" if value is None else str(value))
        out.append(line)
    return out


def as_tsv(grid: list[list[str]]) -> str:
    """Tab-separated text as Excel and WPS paste it (tabs and line breaks in cells → spaces)."""

    def clean(cell: str) -> str:
        return cell.replace("\t", " ").replace("\r", " ").replace("\n", " ")

    return "\n".join("\t".join(clean(c) for c in row) for row in grid) + "\n"


def copy_selection(view: QTableView) -> str:
    text = as_tsv(table_text(view, only_selected=True))
    QGuiApplication.clipboard().setText(text)
    return text


def parse_tsv(text: str) -> list[list[str]]:
    """Excel's and WPS's clipboard: rows by line, cells by tab; a last empty line dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def paste(view: QTableView, text: str) -> str | None:
    """Paste a rectangular block at the current cell, all or nothing; the refusal (naming
    row and column) is shown and returned. A header line copied along is skipped."""
    model = view.model()
    grid = parse_tsv(text)
    start = view.currentIndex()
    if model is None or not grid or not start.isValid():
        return None
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for c in range(model.columnCount())
    ]
    if len(grid) > 1 and all(cell in headers for cell in grid[0]):
        grid = grid[1:]  # the header line Ctrl+C copies along
    width = {len(line) for line in grid}
    problem: str | None
    if len(width) != 1:
        problem = QCoreApplication.translate(
            "TableHabits", "The pasted block is not rectangular: every line needs as many cells."
        )
    elif hasattr(view, "paste_block"):
        problem = view.paste_block(start.row(), start.column(), grid)
    else:
        problem = _paste_cells(view, start.row(), start.column(), grid, headers)
    if problem:
        dialogs.show_error(view, problem)
    return problem


def _paste_cells(
    view: QTableView, top: int, left: int, grid: list[list[str]], headers: list[str]
) -> str | None:
    """Cell by cell through the model; a refused cell undoes the cells before it."""
    model = view.model()
    done: list[tuple[Any, Any]] = []
    for i, line in enumerate(grid):
        for j, text in enumerate(line):
            index = model.index(top + i, left + j)
            where = QCoreApplication.translate(
                "TableHabits", "Row {row}, column “{column}”"
            ).format(
                row=top + i + 1,
                column=headers[left + j] if left + j < len(headers) else left + j + 1,
            )
            editable = index.isValid() and model.flags(index) & Qt.ItemFlag.ItemIsEditable
            old = index.data(Qt.ItemDataRole.EditRole) if index.isValid() else None
            if not editable or (text != str(old or "") and not model.setData(index, text)):
                for done_index, value in reversed(done):
                    model.setData(done_index, value)
                reason = QCoreApplication.translate("TableHabits", "not accepted here")
                return f"{where}: {reason}"
            done.append((index, old))
    return None


def export_xlsx(view: QTableView, path: str) -> None:
    from desktop_app.fileio import atomic_write
    from desktop_app.io.xlsx_writer import PLAIN, Workbook

    grid = table_text(view, only_selected=False)
    if not grid:
        return
    book = Workbook()
    widths = [max(8, min(60, max(len(row[i]) for row in grid) * 1.6)) for i in range(len(grid[0]))]
    book.add_sheet(
        QCoreApplication.translate("TableHabits", "Table")[:31],
        grid[0],
        ([(c, PLAIN) for c in row] for row in grid[1:]),
        widths,
    )
    with atomic_write(path) as tmp:
        book.save(tmp)


def _ask_export(view: QTableView) -> None:
    path, _filter = QFileDialog.getSaveFileName(
        view,
        QCoreApplication.translate("TableHabits", "Export this table"),
        "",
        QCoreApplication.translate("TableHabits", "Excel workbook (*.xlsx)"),
    )
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    try:
        export_xlsx(view, path)
    except OSError as exc:
        dialogs.show_error(
            view,
            QCoreApplication.translate("TableHabits", "Could not write {path}: {why}").format(
                path=path, why=exc
            ),
        )
        return
    window = view.window()
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        bar().showMessage(
            QCoreApplication.translate("TableHabits", "Table exported to {path}").format(path=path),
            8000,
        )


def _menu(view: QTableView, pos: QPoint) -> None:
    menu = QMenu(view)
    copy = menu.addAction(QCoreApplication.translate("TableHabits", "Copy (with headers)"))
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.triggered.connect(lambda: copy_selection(view))
    export = menu.addAction(
        QCoreApplication.translate("TableHabits", "Export this table to .xlsx…")
    )
    export.triggered.connect(lambda: _ask_export(view))
    printing = menu.addAction(
        QCoreApplication.translate("TableHabits", "Print preview of this table…")
    )
    printing.triggered.connect(lambda: print_table(view))
    index = view.indexAt(pos)
    if view.property("opensProject") and index.isValid():
        menu.addSeparator()
        opener = menu.addAction(QCoreApplication.translate("TableHabits", "Open the project"))
        opener.triggered.connect(lambda: view.activated.emit(index))
    menu.popup(view.viewport().mapToGlobal(pos))


def table_html(view: QTableView, title: str = "") -> str:
    from html import escape

    grid = table_text(view, only_selected=False)
    if not grid:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in grid[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in grid[1:]
    )
    caption = f"<h3>{escape(title)}</h3>" if title else ""
    return (
        f"{caption}<table border='1' cellspacing='0' cellpadding='3'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def print_table(view: QTableView, title: str = "") -> None:
    """Ctrl+P: a print preview of the table as shown (QPrinter, loaded only when asked)."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    document = QTextDocument()
    # a table that knows what it shows names it ("Disbursement register — 1. Project"),
    # rather than the page it sits on
    title = str(view.property("printTitle") or "") or title or view.window().windowTitle()
    document.setHtml(table_html(view, title))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview = QPrintPreviewDialog(printer, view)
    preview.paintRequested.connect(document.print_)
    preview.exec()


class _Habits(QObject):
    """Ctrl+C and the empty-state hint of one view."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.hint = QLabel(view.viewport())
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #90a4ae; font-size: 14px;")
        self.hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.viewport = view.viewport()
        view.installEventFilter(self)
        self.viewport.installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                model.layoutChanged,
            ):
                signal.connect(self.update_hint)
        self.update_hint()

    def update_hint(self, *_args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the view is going (its model outlives it)
            self._update_hint()

    def _update_hint(self) -> None:
        model = self.view.model()
        empty = model is None or model.rowCount() == 0
        text = self.view.property("emptyHint") or QCoreApplication.translate(
            "TableHabits", "Nothing to show here yet."
        )
        self.hint.setText(str(text))
        self.hint.setGeometry(self.viewport.rect().adjusted(8, 24, -8, -8))
        self.hint.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            copy_selection(self.view)
            return True
        if (
            watched is self.view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Paste)
            and self.view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        ):
            paste(self.view, QGuiApplication.clipboard().text())
            return True
        if watched is self.viewport and event.type() == QEvent.Type.Resize:
            self.update_hint()
        return False
