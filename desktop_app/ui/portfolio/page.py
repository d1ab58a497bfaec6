"""The portfolio page: filters, the project table and the selected project's view.

It is the window's first page, so what it does before the first paint is kept to Core
reads (`services.project_list`); the project view and the health column come just after
(`after_first_paint`), or at once if an officer clicks a project first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import project_list
from desktop_app.ui import workspace
from desktop_app.ui.context import AppContext
from desktop_app.ui.freshness import Freshness
from desktop_app.ui.labels import PROJECT_STATUS_CODES, project_status_label
from desktop_app.ui.page_base import Page
from desktop_app.ui.portfolio import split_memory
from desktop_app.ui.portfolio.filter_proxy import PortfolioFilterProxy
from desktop_app.ui.portfolio.table_model import COL_HEALTH, COL_NAME, COL_NO, PortfolioTableModel
from desktop_app.ui.widgets.health_marker import health_label
from desktop_app.ui.widgets.tables import rows_view

if TYPE_CHECKING:
    from desktop_app.ui.project.view import ProjectView


class PortfolioPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = PortfolioTableModel(ctx.lang, self)
        self.proxy = PortfolioFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, English name, lead organisation…"))
        self.search.setClearButtonEnabled(True)
        self.zone_filter = QComboBox()
        self.domain_filter = QComboBox()
        self.status_filter = QComboBox()
        self._fill_filters()
        self.count_label = QLabel()

        # the list beside a project shows number, name and health; the other columns
        # are a scroll away on purpose (not counted as cut off by the layout check)
        widths = {COL_NO: 44, COL_NAME: 300}
        self.table = rows_view(self.proxy, widths, single=True, no_edit_triggers=False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NO, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(COL_HEALTH), header.visualIndex(COL_NAME) + 1)
        words = [health_label(level) for level in ("red", "amber", "green", "none")]
        widest = max(self.table.fontMetrics().horizontalAdvance(w) for w in words)
        self.table.setColumnWidth(COL_HEALTH, max(64, widest + 36))  # dot + "Amber" in full

        self._project_view: ProjectView | None = None
        self._view_slot = QWidget()  # the project view replaces it (project_view)
        self._first_paint_done = False
        self._health_wanted = False

        self.list_toggle = QToolButton()
        self.list_toggle.setCheckable(True)
        self.list_toggle.setChecked(True)
        self.list_toggle.setToolTip(
            self.tr("Show or hide the project list (double-click a project to open it full width)")
        )
        self.list_toggle.toggled.connect(self.set_list_visible)
        filters = QHBoxLayout()
        self.search.setMinimumWidth(260)
        filters.addWidget(self.list_toggle)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.zone_filter, 1)
        filters.addWidget(self.domain_filter, 1)
        filters.addWidget(self.status_filter, 1)
        left = self.list_box = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._view_slot)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        # No., name and health stay readable; the project tabs get the rest of the window.
        splitter.setSizes([430, 1000])
        split_memory.keep(splitter, "portfolio/list_share")
        workspace.remember(self.table, "portfolio/table")
        self._splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self._filters_changed)
        self.search.returnPressed.connect(self.open_first_match)
        self.search.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.set_list_visible(False))
        self.zone_filter.currentIndexChanged.connect(self._filters_changed)
        self.domain_filter.currentIndexChanged.connect(self._filters_changed)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        ctx.bus.sig_open_project.connect(self.open_project)
        ctx.bus.sig_data_changed.connect(self.refresh_health)
        self._current_id: int | None = None
        self._reverting = False
        self._pending: tuple[int, int] | None = None
        self._fresh = Freshness()
        ctx.bus.sig_data_changed.connect(self._fresh.forget)
        self.set_list_visible(
            workspace.settings().value("portfolio/list_visible", "true") != "false"
        )

    def page_title(self) -> str:
        return self.tr("Portfolio")

    def _fill_filters(self) -> None:
        lang = self.ctx.lang
        self.zone_filter.addItem(self.tr("All zones"), None)
        for z in project_list.read_zones(self.ctx.db):
            self.zone_filter.addItem(z.name(lang), z.code)
        self.domain_filter.addItem(self.tr("All domains"), None)
        for d in project_list.read_domains(self.ctx.db):
            self.domain_filter.addItem(d.name(lang), d.code)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for code in PROJECT_STATUS_CODES:
            self.status_filter.addItem(project_status_label(code), code)

    @property
    def project_view(self) -> ProjectView:
        """The selected project's view, built on first use (after the first paint)."""
        if self._project_view is None:
            from desktop_app.ui.project.view import ProjectView

            view = ProjectView(self.ctx)
            view.details.sig_saved.connect(lambda _id: self.refresh())
            sizes = self._splitter.sizes()
            self._splitter.replaceWidget(1, view)
            self._splitter.setSizes(sizes)  # the officer's (or remembered) split stays
            self._view_slot.deleteLater()
            self._project_view = view
            if self._current_id is not None:
                view.show_project(self._current_id)
        return self._project_view

    def settle_unsaved(self) -> bool:
        """Ask about unsaved edits in the project view; False means stay."""
        return self._project_view is None or self._project_view.settle_unsaved()

    def after_first_paint(self) -> None:
        self._first_paint_done = True
        self.project_view  # noqa: B018 - builds it
        if self._health_wanted:
            self.refresh_health()

    # ------------------------------------------------------------ list and search

    def set_list_visible(self, visible: bool) -> None:
        """Hide the list so the open project gets the whole window (1366-wide screens)."""
        self.list_box.setVisible(visible)
        for combo in (self.zone_filter, self.domain_filter, self.status_filter):
            combo.setVisible(visible)
        self.list_toggle.blockSignals(True)
        self.list_toggle.setChecked(visible)
        self.list_toggle.blockSignals(False)
        self.list_toggle.setText(self.tr("◀ Hide list") if visible else self.tr("▶ Project list"))
        workspace.settings().setValue("portfolio/list_visible", "true" if visible else "false")

    def focus_search(self) -> None:
        """Ctrl+F: the search box, its text selected, the list shown."""
        self.set_list_visible(True)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_first_match(self) -> None:
        """Enter in the search box opens the first project listed (the officer is asked about
        unsaved edits only now, on leaving the project, never while typing)."""
        if self.proxy.rowCount() == 0:
            return
        index = self.proxy.index(0, COL_NAME)
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount()
        ):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.open_first_match()
            return True
        return super().eventFilter(watched, event)

    def _filters_changed(self, *_args: object) -> None:
        """Filter without changing the open project: no prompt while typing; the project
        stays selected whenever it is among the matches."""
        self._reverting = True
        try:
            self.proxy.set_text(self.search.text())
            self.proxy.set_zone(self.zone_filter.currentData())
            self.proxy.set_domain(self.domain_filter.currentData())
            self.proxy.set_status(self.status_filter.currentData())
        finally:
            self._reverting = False
        self._keep_selection()
        self._update_count()

    def _keep_selection(self) -> None:
        visible = self._current_id is not None and self._select(self._current_id)
        if not visible:
            self._reverting = True
            self.table.selectionModel().clear()
            self._reverting = False

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("{shown} of {total} projects").format(shown=shown, total=total)
        if shown == 0 and total:
            text += " — " + self.tr("no project matches: change the search or the filters")
        self.count_label.setText(text)
        self.table.setProperty(
            "emptyHint",
            self.tr("No project matches the search or the filters.")
            if total
            else self.tr("No projects yet."),
        )

    def refresh(self) -> None:
        if self._pending is None and not self._fresh.changed(self.ctx.db):
            if self._current_id is not None:
                self._select(self._current_id)
            return  # shown again with nothing changed: 2,000 rows are not read again
        self._reverting = True
        header = self.table.horizontalHeader()
        if (
            header.sortIndicatorSection() == COL_NO
            and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        ):
            # The rows arrive in number order: keep the source's order instead of a sort
            # that asks Python for each comparison's keys (2,000 projects: a fifth of a
            # second). The header still shows the sort; a click sorts as usual.
            self.proxy.sort(-1)
        self.model.set_rows(project_list.read_project_rows(self.ctx.db))
        self._reverting = False
        self.refresh_health()
        self._update_count()
        if self._pending is not None:
            project_id, tab = self._pending
            self._pending = None
            self.open_project(project_id)
            if self._current_id == project_id:
                self.project_view.tabs.setCurrentIndex(tab)
        elif self._current_id is not None:
            self._select(self._current_id)

    def reopen_project(self, project_id: int, tab: int = 0) -> None:
        """The project (and its tab) open when the app last closed: opened on next refresh."""
        self._pending = (project_id, tab)

    def current_project_id(self) -> int | None:
        return self._current_id

    def refresh_health(self) -> None:
        """Health needs every project's money and scores: computed off the GUI thread,
        and not before the first paint (its services import the ORM)."""
        if not self._first_paint_done:
            self._health_wanted = True
            return
        from desktop_app.domain.periods import today
        from desktop_app.services.figures_cache import read_portfolio_figures

        db, as_of = self.ctx.db, today()
        self.ctx.jobs.start(
            # the figures cache recomputes only the projects saved since the last refresh
            lambda: dict(read_portfolio_figures(db, as_of, ("status",)).health),
            self.model.set_health,
            self._health_failed,
            owner=self,
            key="health",  # a newer refresh makes an older result stale: dropped
            cancellable=True,
        )

    def _health_failed(self, exc: BaseException) -> None:
        self.ctx.bus.sig_status.emit(self.tr("Health could not be computed: {why}").format(why=exc))

    def _select(self, project_id: int) -> bool:
        """Select the project's row without reopening it; False if it is filtered out."""
        row = self.model.row_of_project(project_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self._reverting = True
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
            self._reverting = False
            return True
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reverting or not current.isValid():
            return  # a filter hid the row: the project stays open
        new_id = self.model.row_at(self.proxy.mapToSource(current).row()).id
        if new_id == self._current_id:
            return
        if not self.project_view.settle_unsaved():
            if self._current_id is not None:
                self._select(self._current_id)
            return
        self._current_id = new_id
        self.project_view.show_project(new_id)

    def open_project(self, project_id: int) -> None:
        """Select a project (from another page); clears filters that would hide it."""
        row = self.model.row_of_project(project_id)
        if row is not None and not self.proxy.filterAcceptsRow(
            row, self.model.index(0, 0).parent()
        ):
            self.search.clear()
            for combo in (self.zone_filter, self.domain_filter, self.status_filter):
                combo.setCurrentIndex(0)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        if index is not None and index.isValid():
            self.table.setCurrentIndex(index)


def create(ctx: AppContext, parent: QWidget | None = None) -> PortfolioPage:
    return PortfolioPage(ctx, parent)
