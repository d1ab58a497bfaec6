"""Tabs whose widgets are built the first time they are shown.

The window opens with only the portfolio built; the other pages and project tabs (and
QtCharts, the Gantt widget, their services) load when an officer first opens them.
This is most of the difference between the app's start-up and a bare table window.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


@dataclass(frozen=True)
class TabSpec:
    """A tab known before its module is imported: `module.create(ctx, parent)` builds it."""

    module: str
    context: str
    """The Qt translation context of the title: the class whose `tr()` holds it."""
    title: str

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.context, self.title)


class _Slot(QWidget):
    """The tab's own widget; the real one is put inside on first show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inner: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def fill(self, widget: QWidget) -> None:
        self.inner = widget
        self._layout.addWidget(widget)


class LazyTabWidget(QTabWidget):
    def __init__(
        self,
        build: Callable[[TabSpec], QWidget],
        on_built: Callable[[QWidget], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._build = build
        self._on_built = on_built
        self._specs: list[TabSpec | None] = []
        #: Where a page's table habits are installed from: at once by default; the main
        #: window passes its after-first-paint queue, so habits never delay the first frame.
        self.later: Callable[[Callable[[], object]], None] = _now
        self.currentChanged.connect(self.ensure)

    def add_built(self, widget: QWidget, title: str) -> None:
        slot = _Slot()
        slot.fill(widget)
        self.later(lambda: _give_table_habits(widget))
        self._specs.append(None)
        self.addTab(slot, title)

    def add_lazy(self, spec: TabSpec) -> None:
        self._specs.append(spec)
        self.addTab(_Slot(), spec.translated_title())

    def ensure(self, index: int) -> QWidget | None:
        """The real widget of tab `index`, built now if it was not yet."""
        slot = self.widget(index)
        if not isinstance(slot, _Slot):
            return None
        if slot.inner is None:
            spec = self._specs[index]
            assert spec is not None
            built = self._build(spec)
            slot.fill(built)
            self.later(lambda: _give_table_habits(built))
            if self._on_built is not None:
                self._on_built(built)
        return slot.inner

    def built_at(self, index: int) -> QWidget | None:
        """The widget of tab `index` if it has been built (never builds it)."""
        slot = self.widget(index)
        return slot.inner if isinstance(slot, _Slot) else None

    def built(self) -> list[QWidget]:
        """Widgets built so far, in tab order."""
        out = []
        for i in range(self.count()):
            slot = self.widget(i)
            if isinstance(slot, _Slot) and slot.inner is not None:
                out.append(slot.inner)
        return out

    def all_widgets(self) -> list[QWidget]:
        """Every tab's widget, building the missing ones."""
        return [w for i in range(self.count()) if (w := self.ensure(i)) is not None]

    def show_widget(self, widget: QWidget) -> None:
        for i in range(self.count()):
            slot = self.widget(i)
            if isinstance(slot, _Slot) and slot.inner is widget:
                self.setCurrentIndex(i)
                return


def _now(step: Callable[[], object]) -> None:
    step()


def _give_table_habits(widget: QWidget | None) -> None:
    """Copy, sort, export, print and empty hints for the tab's tables (widgets/table_habits)."""
    if widget is not None:
        importlib.import_module("desktop_app.ui.widgets.table_habits").install_all(widget)


def build_from_module(*args: object) -> Callable[[TabSpec], QWidget]:
    """A builder calling `create(*args)` of the spec's module."""

    def build(spec: TabSpec) -> QWidget:
        widget = importlib.import_module(spec.module).create(*args)
        if not isinstance(widget, QWidget):
            raise TypeError(f"{spec.module}.create() returned {type(widget).__name__}")
        return widget

    return build
