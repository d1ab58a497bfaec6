"""A top-level page of the main window (one tab): it knows its title and how to reload."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import AppContext


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def page_title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload from the database (called on show and after `sig_data_changed`).

        For the first page this runs before the window's first paint: it must be cheap
        (Core queries, no ORM, no heavy imports); anything slower belongs in
        `after_first_paint` or a background job started there."""

    def after_first_paint(self) -> None:
        """Called once, after the window has painted, for the pages built at start-up:
        the place for their slower parts (a background job, widgets not on screen yet)."""
