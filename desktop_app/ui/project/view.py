"""The project view: "Details" and the feature tabs for the selected project."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.project.details_form import ProjectDetailsForm
from desktop_app.ui.project.tab_base import ProjectTab
from desktop_app.ui.project.tabs import PROJECT_TABS
from desktop_app.ui.widgets.lazy_tabs import LazyTabWidget, build_from_module

_Tab = TypeVar("_Tab", bound=ProjectTab)


class ProjectView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: int | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold; padding: 4px 2px;")
        self.title.setWordWrap(True)
        self.tabs = LazyTabWidget(build_from_module(ctx, self), on_built=self._tab_built)
        self.details = ProjectDetailsForm(ctx)
        self.tabs.add_built(self.details, self.details.tab_title())
        for spec in PROJECT_TABS:
            self.tabs.add_lazy(spec)
        self.hint = QLabel(
            self.tr(
                "Choose a project in the list on the left (or find it with Ctrl+F) to see and "
                "edit its details, milestones, performance and funding."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #555; font-size: 14px; padding: 24px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hint, 1)
        self._show_hint()
        self.details.sig_saved.connect(lambda _id: self._set_title())
        #: Built tabs not showing `project_id` yet: a hidden tab loads when it is shown.
        self._stale: set[ProjectTab] = set()
        self.tabs.currentChanged.connect(self._tab_shown)  # after the tab is built (ensure)

    @property
    def all_tabs(self) -> list[ProjectTab]:
        """The tabs built so far (a tab not yet opened has nothing to save)."""
        return [t for t in self.tabs.built() if isinstance(t, ProjectTab)]

    def tab(self, cls: type[_Tab]) -> _Tab | None:
        """The tab of class `cls`, built and showing the project if it was not yet."""
        found = next((t for t in self.tabs.all_widgets() if isinstance(t, cls)), None)
        if found is not None:
            self._load_if_stale(found)
        return found

    def prebuild(self, index: int) -> None:
        """Build and polish tab `index` without loading a project (the window does this
        while idle after its first paint): a tab's first visit then only reads and paints
        (200 projects: 99–114 → 78 ms; issue 29)."""
        widget = self.tabs.ensure(index)
        if widget is not None:
            widget.ensurePolished()

    def _current_tab(self) -> ProjectTab | None:
        built = self.tabs.built_at(self.tabs.currentIndex())
        return built if isinstance(built, ProjectTab) else None

    def _tab_built(self, tab: object) -> None:
        if isinstance(tab, ProjectTab):
            if tab is self._current_tab():
                tab.load_project(self.project_id)
            else:
                self._stale.add(tab)
            self._name_tables()

    def _tab_shown(self, _index: int) -> None:
        tab = self._current_tab()
        if tab is not None:
            self._load_if_stale(tab)

    def _load_if_stale(self, tab: ProjectTab) -> None:
        if tab in self._stale:
            self._stale.discard(tab)
            tab.load_project(self.project_id)

    def _name_tables(self) -> None:
        """Each table's print title names what it is and the project (Ctrl+P)."""
        d = getattr(self.details, "_detail", None)
        project = f"{d.no}. {d.name(self.ctx.lang)}" if d else ""
        for i in range(self.tabs.count()):
            slot = self.tabs.widget(i)
            for view in slot.findChildren(QTableView) if slot is not None else []:
                what = str(view.property("printName") or "") or self.tabs.tabText(i)
                view.setProperty("printTitle", f"{what} — {project}" if project else what)

    def has_unsaved_changes(self) -> bool:
        return any(t.has_unsaved_changes() for t in self.all_tabs)

    def settle_unsaved(self) -> bool:
        """Ask Save / Discard / Cancel if any tab has edits; False means stay."""
        dirty = [t for t in self.all_tabs if t.has_unsaved_changes()]
        if not dirty:
            return True
        answer = dialogs.save_discard_cancel(
            self, self.tr("This project has unsaved changes. Save them?")
        )
        if answer == "cancel":
            return False
        if answer == "save":
            return all(t.save() for t in dirty)
        for t in dirty:
            t.discard()
        return True

    def show_project(self, project_id: int | None) -> None:
        """Details (it names the project) and the tab on screen load now; the other tabs
        built so far load when shown, so opening a project reads what it shows."""
        self.project_id = project_id
        self._stale.update(self.all_tabs)
        for tab in (self.details, self._current_tab()):
            if tab is not None:
                self._load_if_stale(tab)
        self._set_title()
        self._show_hint()

    def _show_hint(self) -> None:
        """Before a project is chosen: what to do, not an empty greyed form."""
        none = self.project_id is None
        self.hint.setVisible(none)
        self.tabs.setVisible(not none)
        self.title.setVisible(not none)

    def _set_title(self) -> None:
        d = getattr(self.details, "_detail", None)
        self.title.setText(
            f"{d.no}. {d.name(self.ctx.lang)}" if d else self.tr("No project selected")
        )
        self._name_tables()
