"""The indicator grid of the performance tab: direction picked from a list, and a block
pasted from Excel handed over whole."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop_app.domain.scoring import DIRECTIONS
from desktop_app.ui.performance.formatting import direction_label


class DirectionDelegate(QStyledItemDelegate):
    """Direction is picked from the three codes, shown by their labels."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for code in DIRECTIONS:
            combo.addItem(direction_label(code), code)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class IndicatorTableView(QTableView):
    """The indicator grid; a block pasted from Excel goes to `paste` as a whole (the
    table habits call `paste_block` when a view has one)."""

    def __init__(self, paste: Callable[[int, int, list[list[str]]], str | None]) -> None:
        super().__init__()
        self._paste = paste

    def paste_block(self, top: int, left: int, grid: list[list[str]]) -> str | None:
        return self._paste(top, left, grid)
