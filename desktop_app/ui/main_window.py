"""The main window assembles pages and menus; each page owns its own behaviour."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QVBoxLayout, QWidget

from desktop_app.preferences import Preferences
from desktop_app.ui.actions import FILE_ACTIONS
from desktop_app.ui.context import AppContext
from desktop_app.ui.deferred import DeferredSteps
from desktop_app.ui.page_base import Page
from desktop_app.ui.pages import PAGES
from desktop_app.ui.widgets.lazy_tabs import LazyTabWidget, build_from_module


class MainWindow(QMainWindow):
    """Built light: the first page (Core rows) and menus. `startup` holds what runs after
    the first paint: the ORM, the first page's slower parts, the File menu's features."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.startup = DeferredSteps(self)
        self._painted = False
        self.setWindowTitle(self.tr("Siming Key Projects Portfolio") + f" — {ctx.db.display_name}")
        self.resize(1280, 780)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4e5; color: #8a4b00; padding: 6px;")
        self.banner.hide()
        self._pages_told = False  # after_first_paint was called for the pages built so far
        self.tabs = LazyTabWidget(build_from_module(ctx, self), on_built=self._page_built)
        first = importlib.import_module(PAGES[0].module).create(ctx, self)
        self.tabs.add_built(first, first.page_title())
        for spec in PAGES[1:]:
            self.tabs.add_lazy(spec)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.tabs.currentChanged.connect(self._page_shown)
        ctx.bus.sig_open_project.connect(lambda _pid: self.tabs.setCurrentIndex(0))
        ctx.bus.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.statusBar().showMessage(ctx.db.display_name)
        notes = list(ctx.db.warnings)
        if ctx.readonly:
            notes.insert(0, self.tr("This database is open read-only: changes cannot be saved."))
            if ctx.db.readonly_reason:
                notes[0] += f" ({ctx.db.readonly_reason})"
        if notes:
            self.show_banner("\n".join(notes))
        for step in ctx.db.warm_up_steps():
            self.startup.add(step)
        self.startup.add(self._first_paint_done_for_pages)
        self.startup.add(self._install_file_actions)
        self.startup.add(self._install_help_and_shortcuts)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.startup.start()  # posted now, so it runs after this frame is on screen

    def finish_startup(self) -> None:
        """Run the after-first-paint steps now (tests, screenshots, the self-test)."""
        self.startup.run_now()

    def _first_paint_done_for_pages(self) -> None:
        self._pages_told = True
        for page in self.tabs.built():
            if isinstance(page, Page):
                page.after_first_paint()

    def _page_built(self, page: QWidget) -> None:
        """A page opened after the first paint gets its after-paint work at once."""
        if self._pages_told and isinstance(page, Page):
            page.after_first_paint()

    def _install_file_actions(self) -> None:
        """The File menu's feature actions (brief, backup, Excel): their modules cost a
        tenth of a second to import, so they arrive just after the first paint."""
        holder = QMenu(self)
        for name in FILE_ACTIONS:
            importlib.import_module(name).install(self.ctx, self, holder)
        if FILE_ACTIONS:
            holder.addSeparator()
        self.file_menu.insertActions(self._quit_action, holder.actions())

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))  # features: _install_file_actions
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        self._quit_action = quit_action

        self.view_menu = bar.addMenu(self.tr("&View"))
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.triggered.connect(self.refresh_all)
        self.view_menu.addAction(refresh)
        self.refresh_action = refresh

        self.settings_menu = bar.addMenu(self.tr("&Settings"))
        lang_menu = self.settings_menu.addMenu(self.tr("Interface language"))
        for code, label in (("zh", "中文(简体)"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(self.ctx.lang == code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            lang_menu.addAction(action)

        self.help_menu = bar.addMenu(self.tr("&Help"))  # filled by _install_help_and_shortcuts

    def _install_help_and_shortcuts(self) -> None:
        """The Help menu and the standard shortcuts: `QKeySequence` and the guide's rich-text
        classes cost ~15 ms to initialise, so they arrive just after the first paint."""
        from PySide6.QtGui import QKeySequence

        from desktop_app.ui import help_action
        from desktop_app.ui.about import show_about

        self._quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        help_action.install(self, self.help_menu, self.ctx.lang)
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(lambda: show_about(self.ctx, self))
        self.help_menu.addAction(about)

    def set_language(self, code: str) -> None:
        from desktop_app.ui import dialogs

        prefs = Preferences.load()
        prefs.language = code
        prefs.save()
        dialogs.show_info(
            self,
            QCoreApplication.translate(
                "MainWindow", "The interface language changes the next time the app starts."
            ),
        )

    @property
    def pages(self) -> list[Page]:
        """Every page, building those not opened yet (tests, screenshots, self-test)."""
        return [p for p in self.tabs.all_widgets() if isinstance(p, Page)]

    def show_page(self, page: Page) -> None:
        self.tabs.show_widget(page)

    def refresh_all(self) -> None:
        for page in self.tabs.built():
            if isinstance(page, Page):
                page.refresh()

    def _page_shown(self, index: int) -> None:
        widget = self.tabs.ensure(index)
        if isinstance(widget, Page):
            widget.refresh()  # pages reload when shown, so they never show stale figures

    def portfolio_page(self) -> Any:
        return self.tabs.ensure(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        settle = getattr(self.portfolio_page(), "settle_unsaved", None)
        if settle is not None and not settle():
            event.ignore()
            return
        self.startup.cancel()
        event.accept()
