"""The plan's parameters as an officer types them; emits `sig_changed` on every edit.

The form knows no database: it gives a `FundingPlanDraft` and marks the fields a
`ValidationError` names. Per-year amounts (reward caps, manual fixed support) and the
start-up tranches are small grids beside the single fields.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.funding import MAX_YEARS, MIN_YEARS, TAPER_MODES
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR, ParseError, parse_decimal
from desktop_app.snapshots.funding import FundingPlanDraft, TrancheDraft
from desktop_app.ui.funding.formatting import INVALID_STYLE, mode_label

DEFAULT_FIRST_YEAR = 2026
_YEAR_MANUAL, _YEAR_CAP = range(2)


def _item(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item else ""


def money_text(value: object) -> str:
    """A stored amount shown as the tables show money (#,##0.00); anything else as it is."""
    text = "" if value is None else str(value)
    try:
        return f"{parse_decimal(text):,.2f}" if text.strip() else text
    except ParseError:
        return text


class PlanForm(QWidget):
    sig_changed = Signal()
    """A parameter changed (typed, picked or a row added)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.mode = QComboBox()
        for code in TAPER_MODES:
            self.mode.addItem(mode_label(code), code)
        self.first_year = QSpinBox()
        self.first_year.setRange(MIN_YEAR, MAX_YEAR)
        self.first_year.setValue(DEFAULT_FIRST_YEAR)
        self.years = QSpinBox()
        self.years.setRange(MIN_YEARS, MAX_YEARS)
        self.years.setValue(5)
        self.first_amount = QLineEdit()
        self.step = QLineEdit()
        self.rate_percent = QLineEdit()
        self.floor = QLineEdit()
        self.startup_grant = QLineEdit()
        self.startup_year = QLineEdit()
        self.notes = QLineEdit()
        for edit, hint in (
            (self.first_amount, "300"),
            (self.step, "60"),
            (self.rate_percent, "20"),
            (self.floor, "0"),
            (self.startup_grant, "500"),
            (self.startup_year, "2026"),
        ):
            edit.setPlaceholderText(hint)
        self.year_grid = QTableWidget(0, 2)
        self.year_grid.setHorizontalHeaderLabels(
            [self.tr("Fixed support (manual)"), self.tr("Reward cap")]
        )
        self.year_grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tranche_grid = QTableWidget(0, 4)
        self.tranche_grid.setHorizontalHeaderLabels(
            [self.tr("Year"), self.tr("Amount (10k yuan)"), self.tr("Milestone"), self.tr("Note")]
        )
        milestone_header = self.tranche_grid.horizontalHeaderItem(2)
        if milestone_header is not None:
            milestone_header.setToolTip(
                self.tr("Code of the milestone whose completion releases this tranche (optional)")
            )
        tranche_header = self.tranche_grid.horizontalHeader()
        for col in (0, 1, 2):  # headers in full ("Amount (10k yuan)" is wider than 100 px)
            tranche_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        tranche_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_tranche = QPushButton(self.tr("Add tranche"))
        self.remove_tranche = QPushButton(self.tr("Remove tranche"))
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #c62828;")
        self._fields = {
            "mode": self.mode,
            "first_year": self.first_year,
            "years": self.years,
            "first_amount": self.first_amount,
            "step": self.step,
            "rate_percent": self.rate_percent,
            "floor": self.floor,
            "startup_grant": self.startup_grant,
            "startup_year": self.startup_year,
            "manual": self.year_grid,
            "reward_caps": self.year_grid,
            "tranches": self.tranche_grid,
        }
        self._layout()
        self._connect()
        self._sync_years()
        self._sync_mode()

    def _layout(self) -> None:
        self._labels = {
            "mode": self.tr("Taper mode"),
            "first_year": self.tr("First year of fixed support"),
            "years": self.tr("Years of fixed support"),
            "first_amount": self.tr("First year's amount (10k yuan)"),
            "step": self.tr("Step per year (10k yuan)"),
            "rate_percent": self.tr("Rate per year (%)"),
            "floor": self.tr("Floor (10k yuan)"),
            "startup_grant": self.tr("Start-up grant (10k yuan)"),
            "startup_year": self.tr("Start-up year"),
            "manual": self.tr("Fixed support (manual)"),
            "reward_caps": self.tr("Reward cap"),
            "tranches": self.tr("Start-up tranches"),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in list(self._labels)[:9]:
            form.addRow(self._labels[name], self._fields[name])
        form.addRow(self.tr("Notes"), self.notes)
        # The mode's whole label stays readable in English ("Linear (minus a fixed step…)").
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        per_year = QVBoxLayout()
        per_year.addWidget(QLabel(self.tr("Per year (10k yuan):")))
        per_year.addWidget(self.year_grid, 1)
        # The single fields beside the per-year grid: a 1366×697 window shows all of both.
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(per_year, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns, 1)
        layout.addWidget(self.errors)
        # The tranches have their own pane (the funding tab's "Start-up tranches" sub-tab).
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_tranche)
        buttons.addWidget(self.remove_tranche)
        buttons.addStretch(1)
        self.tranche_panel = QWidget()
        tranche_layout = QVBoxLayout(self.tranche_panel)
        tranche_layout.setContentsMargins(0, 0, 0, 0)
        tranche_layout.addWidget(
            QLabel(self.tr("Start-up tranches (leave empty for one payment):"))
        )
        tranche_layout.addWidget(self.tranche_grid, 1)
        tranche_layout.addLayout(buttons)

    def _connect(self) -> None:
        self.mode.currentIndexChanged.connect(self._sync_mode)
        self.first_year.valueChanged.connect(self._sync_years)
        self.years.valueChanged.connect(self._sync_years)
        for edit in (
            self.first_amount,
            self.step,
            self.rate_percent,
            self.floor,
            self.startup_grant,
            self.startup_year,
            self.notes,
        ):
            edit.textChanged.connect(self._changed)
        self.year_grid.itemChanged.connect(self._changed)
        self.tranche_grid.itemChanged.connect(self._changed)
        self.add_tranche.clicked.connect(self._add_tranche)
        self.remove_tranche.clicked.connect(self._remove_tranche)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.sig_changed.emit()

    def _sync_years(self) -> None:
        """Keep one grid row per plan year, labelled with the year; keep typed values."""
        first, count = self.first_year.value(), self.years.value()
        self._loading, was = True, self._loading
        self.year_grid.setRowCount(count)
        self.year_grid.setVerticalHeaderLabels([str(first + i) for i in range(count)])
        self._loading = was
        self._changed()

    def _sync_mode(self) -> None:
        mode = self.mode.currentData()
        self.step.setEnabled(mode == "linear")
        self.rate_percent.setEnabled(mode == "geometric")
        self.first_amount.setEnabled(mode != "manual")
        self.year_grid.setColumnHidden(_YEAR_MANUAL, mode != "manual")
        self._changed()

    def _add_tranche(self) -> None:
        row = self.tranche_grid.rowCount()
        self.tranche_grid.insertRow(row)
        self._changed()

    def _remove_tranche(self) -> None:
        row = self.tranche_grid.currentRow()
        if row < 0:
            row = self.tranche_grid.rowCount() - 1
        if row >= 0:
            self.tranche_grid.removeRow(row)
            self._changed()

    # ------------------------------------------------------------ draft in and out

    def field_labels(self) -> dict[str, str]:
        """Each draft field's label as the form shows it (for the conflict dialog)."""
        return dict(self._labels)

    def draft(self) -> FundingPlanDraft:
        mode = self.mode.currentData()
        rows = range(self.year_grid.rowCount())
        tranches = tuple(
            TrancheDraft(
                _cell(self.tranche_grid, r, 0),
                _cell(self.tranche_grid, r, 1),
                _cell(self.tranche_grid, r, 3),
                _cell(self.tranche_grid, r, 2),
            )
            for r in range(self.tranche_grid.rowCount())
            if any(_cell(self.tranche_grid, r, c) for c in range(4))
        )
        return FundingPlanDraft(
            first_year=str(self.first_year.value()),
            years=str(self.years.value()),
            mode=mode,
            first_amount=self.first_amount.text() if mode != "manual" else "",
            step=self.step.text() if mode == "linear" else "",
            rate_percent=self.rate_percent.text() if mode == "geometric" else "",
            floor=self.floor.text(),
            manual=tuple(_cell(self.year_grid, r, _YEAR_MANUAL) for r in rows)
            if mode == "manual"
            else (),
            reward_caps=tuple(_cell(self.year_grid, r, _YEAR_CAP) for r in rows),
            startup_grant=self.startup_grant.text(),
            startup_year=self.startup_year.text(),
            tranches=tranches,
            notes=self.notes.text(),
        )

    def set_draft(self, draft: FundingPlanDraft | None) -> None:
        """Show a stored plan (None: an empty form for a new plan). Emits no change."""
        self._loading = True
        try:
            d = draft or FundingPlanDraft(
                first_year=str(DEFAULT_FIRST_YEAR), years="5", mode="linear"
            )
            self.mode.setCurrentIndex(max(0, self.mode.findData(d.mode)))
            self.first_year.setValue(int(d.first_year))
            self.years.setValue(int(d.years))
            for edit, value in (
                (self.first_amount, money_text(d.first_amount)),
                (self.step, money_text(d.step)),
                (self.rate_percent, d.rate_percent),
                (self.floor, money_text(d.floor)),
                (self.startup_grant, money_text(d.startup_grant)),
                (self.startup_year, d.startup_year),
            ):
                edit.setText(str(value))
            self.notes.setText(d.notes)
            self.year_grid.clearContents()
            for r in range(self.year_grid.rowCount()):
                manual = d.manual[r] if r < len(d.manual) else ""
                cap = d.reward_caps[r] if r < len(d.reward_caps) else ""
                self.year_grid.setItem(r, _YEAR_MANUAL, _item(money_text(manual)))
                self.year_grid.setItem(r, _YEAR_CAP, _item(money_text(cap)))
            self.tranche_grid.setRowCount(len(d.tranches))
            for r, tr in enumerate(d.tranches):
                for c, value in enumerate((tr.year, money_text(tr.amount), tr.milestone, tr.note)):
                    self.tranche_grid.setItem(r, c, _item(str(value)))
        finally:
            self._loading = False
        self.set_errors({})

    def set_errors(self, errors: dict[str, str]) -> None:
        """Mark each named field red with its reason; list the reasons under the form."""
        for name, widget in self._fields.items():
            bad = errors.get(name)
            if name == "manual" and not bad:
                bad = errors.get("reward_caps")
            if name == "reward_caps" and not bad:
                bad = errors.get("manual")
            widget.setStyleSheet(INVALID_STYLE if bad else "")
            widget.setToolTip(bad or "")
            widget.setProperty("invalid", bool(bad))
        self.errors.setText("\n".join(f"{self._labels.get(k, k)}: {v}" for k, v in errors.items()))
        self.errors.setVisible(bool(errors))

    def first_error(self, errors: dict[str, str]) -> tuple[QWidget | None, str] | None:
        """The first bad field in the form's order, with "label: reason" naming it."""
        for name, widget in self._fields.items():
            if name in errors:
                return widget, f"{self._labels.get(name, name)}: {errors[name]}"
        if errors:
            name, why = next(iter(errors.items()))
            return None, f"{self._labels.get(name, name)}: {why}"
        return None

    def set_editable(self, editable: bool) -> None:
        for widget in (*self._fields.values(), self.notes, self.add_tranche, self.remove_tranche):
            widget.setEnabled(editable)
        if editable:
            self._loading, was = True, self._loading
            self._sync_mode()  # re-disable the fields the mode does not use
            self._loading = was
