"""Adding the next plan period (e.g. 2026–2030) with its own targets."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR, ParseError
from desktop_app.errors import UserError
from desktop_app.services import district
from desktop_app.snapshots.district import DistrictRow, PlanPeriodView
from desktop_app.ui.context import AppContext
from desktop_app.ui.performance.formatting import ERROR_STYLE, parse_optional
from desktop_app.ui.widgets.ok_cancel import ok_cancel

TARGET_COL = 2


class AddPeriodDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        indicators: tuple[DistrictRow, ...],
        last_end_year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.indicators = indicators
        self.created: PlanPeriodView | None = None
        self.setWindowTitle(self.tr("Add a plan period"))
        self.setMinimumWidth(560)
        self.start = QSpinBox()
        self.start.setRange(MIN_YEAR, MAX_YEAR)
        self.start.setValue(last_end_year + 1)
        self.end = QSpinBox()
        self.end.setRange(MIN_YEAR, MAX_YEAR)
        self.end.setValue(last_end_year + 5)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 15th Five-Year Plan"))
        self.table = QTableWidget(len(indicators), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Indicator"), self.tr("Unit"), self.tr("Target")]
        )
        for row, ind in enumerate(indicators):
            for col, text in enumerate((ind.name(ctx.lang), ind.unit)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.table.setItem(row, col, item)
            self.table.setItem(row, TARGET_COL, QTableWidgetItem(""))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("First year"), self.start)
        form.addRow(self.tr("Last year"), self.end)
        form.addRow(self.tr("Name"), self.name)
        buttons = ok_cancel(self, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Targets (may be left empty and set later):")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def targets(self) -> dict[int, Decimal | None]:
        """Indicator id → typed target (ParseError names the row)."""
        out: dict[int, Decimal | None] = {}
        for row, ind in enumerate(self.indicators):
            item = self.table.item(row, TARGET_COL)
            try:
                out[ind.indicator_id] = parse_optional(item.text() if item else "")
            except ParseError as exc:
                raise ParseError(f"{ind.name(self.ctx.lang)}: {exc}") from exc
        return out

    def accept(self) -> None:
        try:
            targets = self.targets()
            self.created = district.add_plan_period(
                self.ctx.db,
                self.start.value(),
                self.end.value(),
                name_zh=self.name.text(),
                targets=targets,
            )
        except (ParseError, UserError) as exc:
            self.error.setText(str(exc))
            return
        super().accept()
