"""The main window assembles pages and menus; each page owns its own behaviour."""

from __future__ import annotations

import importlib
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QVBoxLayout, QWidget

from desktop_app.preferences import Preferences
from desktop_app.ui import workspace
from desktop_app.ui.actions import FILE_ACTIONS
from desktop_app.ui.context import AppContext
from desktop_app.ui.deferred import DeferredSteps
from desktop_app.ui.page_base import Page
from desktop_app.ui.pages import PAGES, PORTFOLIO_PAGE
from desktop_app.ui.project.tabs import PROJECT_TABS
from desktop_app.ui.widgets.lazy_tabs import LazyTabWidget, build_from_module

_frozen = False


def _freeze_once(gc: Any) -> None:
    """`gc.freeze()` once per process: what is alive after the first warm-up is the
    application itself (a second window or a test's next one changes nothing)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


#: The project tabs' modules, imported while the window is idle after its first paint; the
#: portfolio page and the tabs themselves are built next, one per turn: a tab's first visit
#: then reads and paints, without also importing ~10 ms of code or building its widgets.
PROJECT_TAB_MODULES = tuple(spec.module for spec in PROJECT_TABS)
#: Imported while idle too: a payment's first save checks for a closed quarter with the
#: quarter-close service (~30 ms of imports: its brief data classes), not on the click.
SAVE_MODULES = ("desktop_app.services.quarters",)


class MainWindow(QMainWindow):
    """Built light: the first page (Core rows) and menus. `startup` holds what runs after
    the first paint: the ORM, the first page's slower parts, the File menu's features."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.startup = DeferredSteps(self)
        self._painted = False
        self.setWindowTitle(self.tr("Siming Key Projects Portfolio") + f" — {ctx.db.display_name}")
        self._restored = workspace.restore_window(self)  # sized to the screen on first run
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4e5; color: #8a4b00; padding: 6px;")
        self.banner.hide()
        self._pages_told = False  # after_first_paint was called for the pages built so far
        self.tabs = LazyTabWidget(build_from_module(ctx, self), on_built=self._page_built)
        self.tabs.later = self.startup.add  # table habits: once the window is on screen
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
        ctx.bus.sig_open_project.connect(self._open_project)
        page = self._restored.get("page", 0)
        if 0 < page < self.tabs.count():
            self.tabs.setCurrentIndex(page)
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
        self.startup.add(self._warm_figures)
        for module in (*PROJECT_TAB_MODULES, *SAVE_MODULES):  # one per turn: ~10-30 ms each
            self.startup.add(partial(importlib.import_module, module))
        self.startup.add(partial(self.tabs.ensure, PORTFOLIO_PAGE))  # and its project view
        for index in range(1, 1 + len(PROJECT_TAB_MODULES)):  # ~25 ms each
            self.startup.add(partial(self._prebuild_project_tab, index))

    def _prebuild_project_tab(self, index: int) -> None:
        """A project tab built and polished while idle, no project loaded: building and
        polishing were half of its first visit (issue 29)."""
        page = self.tabs.built_at(PORTFOLIO_PAGE)
        view = getattr(page, "project_view", None)
        if view is not None:
            view.prebuild(index)

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

    def _warm_figures(self) -> None:
        """Every page's per-project figures, computed in the background just after the first
        paint: a first visit of Home, Funding, Attention or Performance then reads the cache.

        Once they are in, the objects alive so far (modules, widgets, the cache) are moved
        out of the garbage collector's sight (`gc.freeze`): at 2,000 projects each full
        collection otherwise walks them again, a few hundred ms during the timeline's load.
        Reference counting still frees them; only cycles among them would stay."""
        import gc

        from desktop_app.domain.periods import today
        from desktop_app.services.figures_cache import warm

        db, as_of = self.ctx.db, today()
        self.ctx.jobs.start(
            lambda: warm(db, as_of),
            landed=lambda _result, _error: _freeze_once(gc),
            cancellable=True,
            name="warm figures",
        )

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
        from desktop_app.ui import officer

        self.officer = officer.install(self.ctx, self, self.settings_menu)

        self.help_menu = bar.addMenu(self.tr("&Help"))  # filled by _install_help_and_shortcuts

    def _install_help_and_shortcuts(self) -> None:
        """The Help menu and the standard shortcuts: `QKeySequence` and the guide's rich-text
        classes cost ~15 ms to initialise, so they arrive just after the first paint."""
        from PySide6.QtGui import QKeySequence

        from desktop_app.ui import help_action
        from desktop_app.ui.about import show_about

        self._quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        for text, key, slot in (
            (self.tr("&Save"), QKeySequence.StandardKey.Save, self.save_current),
            (self.tr("&New row"), QKeySequence.StandardKey.New, self.new_row),
            (self.tr("&Print this table…"), QKeySequence.StandardKey.Print, self.print_current),
        ):
            action = QAction(text, self)
            action.setShortcut(key)
            action.triggered.connect(slot)
            self.view_menu.addAction(action)
        find = QAction(self.tr("&Find project…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.find_project)
        self.view_menu.addAction(find)
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
        page: Any = self.tabs.ensure(PORTFOLIO_PAGE)
        project = self._restored.pop("project", None)
        if project is not None and hasattr(page, "reopen_project"):
            page.reopen_project(project, self._restored.pop("project_tab", 0))
        return page

    def _current_project_tab(self) -> Any:
        """The project tab on screen, if the portfolio page is the current page."""
        page = self._built_portfolio()
        if page is None or self.tabs.currentIndex() != PORTFOLIO_PAGE:
            return None
        slot = page.project_view.tabs.currentWidget()
        return getattr(slot, "inner", None)

    def save_current(self) -> None:
        """Ctrl+S: save the project tab on screen (its own Save button's work)."""
        tab = self._current_project_tab()
        if tab is None or not hasattr(tab, "save"):
            return
        if not tab.has_unsaved_changes():
            self.statusBar().showMessage(self.tr("Nothing to save."), 4000)
            return
        if tab.save():
            self.statusBar().showMessage(self.tr("Saved."), 8000)
        else:  # refused: say so and why, never nothing (the tab shows the field)
            why = getattr(tab, "refusal", "") or self.tr("Not saved: see the marked fields.")
            self.statusBar().showMessage(why, 15000)

    def new_row(self) -> None:
        """Ctrl+N: the tab's own "add" button (milestone, payment, indicator)."""
        tab = self._current_project_tab()
        button = getattr(tab, "add_button", None)
        if button is not None and button.isEnabled():
            button.click()

    def print_current(self) -> None:
        """Ctrl+P: print preview of the table with focus, else the first one on screen."""
        from PySide6.QtWidgets import QApplication, QTableView

        from desktop_app.ui.widgets.table_habits import print_table

        focus = QApplication.focusWidget()
        while focus is not None and not isinstance(focus, QTableView):
            focus = focus.parentWidget()
        if focus is None:
            page = self.tabs.currentWidget()
            shown = [v for v in page.findChildren(QTableView) if v.isVisible()] if page else []
            focus = shown[0] if shown else None
        if focus is not None:
            print_table(focus, self.tabs.tabText(self.tabs.currentIndex()))

    def find_project(self) -> None:
        """Ctrl+F from any page: the portfolio's search box."""
        page = self.portfolio_page()
        self.tabs.setCurrentIndex(PORTFOLIO_PAGE)
        page.focus_search()

    def _open_project(self, project_id: int) -> None:
        """Show the portfolio page with the project (building the page if need be)."""
        page = self.portfolio_page()
        self.tabs.setCurrentIndex(PORTFOLIO_PAGE)
        page.open_project(project_id)

    def _built_portfolio(self) -> Any:
        """The portfolio page if it was built (closing must not build it)."""
        # On the class: the property would build the project view on the instance.
        return next((w for w in self.tabs.built() if hasattr(type(w), "project_view")), None)

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self._built_portfolio()
        if page is not None and not page.settle_unsaved():
            event.ignore()
            return
        self.startup.cancel()
        self._save_workspace()
        # No job may call back into a window being torn down, or hold the database.
        self.ctx.jobs.drain()
        event.accept()

    def _save_workspace(self) -> None:
        page = self._built_portfolio()
        view: Any = getattr(page, "project_view", None)
        if page is None:  # not opened this session: keep what was restored
            project, tab = self._restored.get("project"), self._restored.get("project_tab", 0)
        else:
            project, tab = page.current_project_id(), view.tabs.currentIndex()
        workspace.save_window(self, self.tabs.currentIndex(), project, tab)
