"""Every table model in the window stands on one base: rows in, roles out, one sort."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import QAbstractTableModel, Qt

import desktop_app.ui
from desktop_app.ui.widgets.rows_model import RowsTableModel


def _ui_table_models() -> list[type]:
    found: set[type] = set()
    for info in pkgutil.walk_packages(desktop_app.ui.__path__, "desktop_app.ui."):
        module = importlib.import_module(info.name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, QAbstractTableModel) and obj.__module__ == module.__name__:
                found.add(obj)
    return sorted(found, key=lambda c: c.__qualname__)


def test_every_table_model_extends_the_one_base(qapp) -> None:
    models = _ui_table_models()
    assert len(models) >= 12
    assert [m.__qualname__ for m in models if not issubclass(m, RowsTableModel)] == []


class _Numbers(RowsTableModel[tuple[str, str]]):
    right_columns = (1,)

    def headers(self) -> list[str]:
        return ["Name", "Amount"]

    def display(self, row: tuple[str, str], col: int) -> str:
        return row[col]


def test_the_base_sorts_numbers_as_numbers_and_empty_cells_last(qapp) -> None:
    model = _Numbers()
    model.set_rows([("a", "1,234.50"), ("b", ""), ("c", "99"), ("d", "-3")])
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r)[0] for r in range(4)] == ["d", "c", "a", "b"]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.row_at(r)[0] for r in range(4)] == ["a", "c", "d", "b"]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Amount"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    model.sort(-1)  # forgotten: new rows keep the order they come in
    model.set_rows([("z", "5"), ("y", "1")])
    assert [model.row_at(r)[0] for r in range(2)] == ["z", "y"]


def test_one_modeless_dialog_per_key_is_kept_alive_and_raised(qtbot) -> None:
    import gc

    from PySide6.QtWidgets import QDialog, QWidget

    from desktop_app.ui.widgets.modeless import open_dialog, show_modeless

    parent = QWidget()
    qtbot.addWidget(parent)
    made: list[QDialog] = []

    def factory() -> QDialog:
        made.append(QDialog(parent))
        return made[-1]

    first = show_modeless(parent, "report", factory, window_modal=False)
    made.clear()
    gc.collect()
    assert open_dialog(parent, "report") is first  # kept though no caller holds it
    assert show_modeless(parent, "report", factory, window_modal=False) is first
    assert made == []  # raised, not made again
    first.close()
    qtbot.waitUntil(lambda: open_dialog(parent, "report") is None)
    assert show_modeless(parent, "report", factory, window_modal=False) is not first


def test_the_project_tabs_lay_out_and_their_controllers_call_the_services() -> None:
    import ast
    from pathlib import Path

    import desktop_app.ui.project as project

    for name in ("milestones_tab.py", "performance_tab.py", "funding_tab.py"):
        tree = ast.parse((Path(project.__file__).parent / name).read_text(encoding="utf-8"))
        modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not [m for m in modules if m.startswith("desktop_app.services")], name
