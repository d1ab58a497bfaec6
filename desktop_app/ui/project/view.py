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

    @property
    def all_tabs(self) -> list[ProjectTab]:
        """The tabs built so far (a tab not yet opened has nothing to save)."""
        return [t for t in self.tabs.built() if isinstance(t, ProjectTab)]

    def tab(self, cls: type[_Tab]) -> _Tab | None:
        """The tab of class `cls`, built if it was not yet."""
        return next((t for t in self.tabs.all_widgets() if isinstance(t, cls)), None)

    def _tab_built(self, tab: object) -> None:
        if isinstance(tab, ProjectTab):
            tab.load_project(self.project_id)
            self._name_tables()

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
        self.project_id = project_id
        for tab in self.all_tabs:
            tab.load_project(project_id)
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
