"""A tab of the project view: shown for one project at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import AppContext


class ProjectTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: int | None = None

    def tab_title(self) -> str:
        raise NotImplementedError

    def load_project(self, project_id: int | None) -> None:
        """Show `project_id` (None: nothing selected). Called after unsaved changes are settled."""
        self.project_id = project_id

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        """Save pending edits; False if refused (the tab shows why)."""
        return True

    def discard(self) -> None:
        """Drop pending edits."""
        self.load_project(self.project_id)
