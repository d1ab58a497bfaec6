"""The "District indicators" page: the plan's table 1 — base, target, yearly values and
progress toward each target — per plan period; officers type values in place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import ParseError
from desktop_app.errors import UserError
from desktop_app.services import district
from desktop_app.services.conflicts import ConflictError
from desktop_app.services.district_overview import read_district_overview, read_plan_periods
from desktop_app.ui.context import AppContext
from desktop_app.ui.page_base import Page
from desktop_app.ui.performance.add_period_dialog import AddPeriodDialog
from desktop_app.ui.performance.district_model import (
    COL_BASE,
    COL_NAME,
    COL_NO,
    COL_UNIT,
    PROGRESS_ROLE,
    STATUS_COLORS,
    DistrictTableModel,
)
from desktop_app.ui.performance.formatting import ERROR_STYLE, parse_optional


class ProgressDelegate(QStyledItemDelegate):
    """A bar filled to the share of the way to the target, in the status colour."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(PROGRESS_ROLE)
        if row is not None and row.percent is not None:
            share = max(0.0, min(float(row.percent), 100.0)) / 100
            rect: QRect = option.rect.adjusted(3, 4, -3, -4)
            painter.save()
            painter.fillRect(rect, QColor("#eeeeee"))
            fill = QColor(STATUS_COLORS.get(row.status, "#9e9e9e"))
            fill.setAlpha(110)
            painter.fillRect(
                QRect(rect.left(), rect.top(), int(rect.width() * share), rect.height()), fill
            )
            painter.restore()
        super().paint(painter, option, index)


class DistrictPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = DistrictTableModel(ctx.lang, self)
        self.model.readonly = ctx.readonly
        self.period = QComboBox()
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.setMinimumContentsLength(20)
        self.add_button = QPushButton(self.tr("Add plan period…"))
        self.add_button.setEnabled(not ctx.readonly)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.progress_delegate = ProgressDelegate(self.table)
        hint = QLabel(
            self.tr("Progress: levels from base to target; totals and averages over the target.")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #616161;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Plan period")))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.add_button.clicked.connect(self._add_period)
        self.model.sig_value_edited.connect(self._value_edited)
        self.model.sig_target_edited.connect(self._target_edited)
        self._filling = False

    def page_title(self) -> str:
        return self.tr("District indicators")

    def refresh(self) -> None:
        chosen = self.period.currentData()
        self._filling = True
        self.period.clear()
        for p in read_plan_periods(self.ctx.db):
            years = f"{p.start_year}–{p.end_year}"
            label = p.name_zh if str(p.start_year) in p.name_zh else f"{p.name_zh} {years}"
            self.period.addItem(label.strip(), p.id)
        index = self.period.findData(chosen) if chosen is not None else -1
        self.period.setCurrentIndex(index if index >= 0 else self.period.count() - 1)
        self._filling = False
        self._load()

    def _period_changed(self, _index: int) -> None:
        if not self._filling:
            self.error_label.clear()
            self._load()

    def _load(self) -> None:
        period_id = self.period.currentData()
        if period_id is None:
            return
        self.model.set_overview(read_district_overview(self.ctx.db, period_id))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_NO, 36)
        self.table.setColumnWidth(COL_UNIT, 48)
        for col in range(COL_BASE, self.model.col_progress):
            self.table.setColumnWidth(col, 68)
        self.table.setColumnWidth(self.model.col_progress, 150)
        self.table.setItemDelegateForColumn(self.model.col_progress, self.progress_delegate)

    def _save(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ConflictError as exc:  # someone saved first: show theirs, say why
            self._load()
            self.error_label.setText(self.tr("Not saved: {reason}").format(reason=exc))
            return
        except (ParseError, UserError) as exc:
            self.error_label.setText(self.tr("Not saved: {reason}").format(reason=exc))
            return
        self.error_label.clear()
        self._load()
        self.ctx.bus.sig_data_changed.emit()

    def _value_edited(self, indicator_id: int, year: int, text: str) -> None:
        rows = (self.model.row_at(i) for i in range(self.model.rowCount()))
        read = next((r for r in rows if r.indicator_id == indicator_id), None)
        # the version this page read: a value someone else saved since is a conflict
        version = read.versions.get(year, district.NO_ROW) if read is not None else None
        QTimer.singleShot(
            0,
            lambda: self._save(
                lambda: district.set_district_value(
                    self.ctx.db, indicator_id, year, parse_optional(text), version
                )
            ),
        )

    def _target_edited(self, indicator_id: int, which: str, text: str) -> None:
        row = next(
            self.model.row_at(i)
            for i in range(self.model.rowCount())
            if self.model.row_at(i).indicator_id == indicator_id
        )

        def action() -> None:
            value = parse_optional(text)
            district.set_district_target(
                self.ctx.db,
                indicator_id,
                self.period.currentData(),
                base_value=value if which == "base" else row.base_value,
                target_value=value if which == "target" else row.target_value,
            )

        QTimer.singleShot(0, lambda: self._save(action))

    def make_add_dialog(self) -> AddPeriodDialog:
        """The add-period dialog (a seam for tests, which drive it without exec)."""
        periods = read_plan_periods(self.ctx.db)
        last_end = max((p.end_year for p in periods), default=2025)
        rows = tuple(self.model.row_at(i) for i in range(self.model.rowCount()))
        return AddPeriodDialog(self.ctx, rows, last_end, self)

    def _add_period(self) -> None:
        dialog = self.make_add_dialog()
        if dialog.exec() and dialog.created is not None:
            self.refresh()
            self.period.setCurrentIndex(self.period.findData(dialog.created.id))
            self.ctx.bus.sig_data_changed.emit()


def create(ctx: AppContext, parent: QWidget | None = None) -> DistrictPage:
    return DistrictPage(ctx, parent)
