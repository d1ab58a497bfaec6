"""The district indicators of one plan period: base, target, yearly values, progress.

Yearly values, base and target are editable; each edit is emitted for the page to save
at once (one user action), so the model knows no database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal

from desktop_app.snapshots.district import DistrictOverview, DistrictRow
from desktop_app.ui.performance.formatting import fmt
from desktop_app.ui.widgets.rows_model import RIGHT, Index, RowsTableModel

COL_NO, COL_NAME, COL_UNIT, COL_BASE, COL_TARGET = range(5)
FIRST_YEAR_COL = 5
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_COLORS = {
    "met": "#2e7d32",
    "on_track": "#7cb342",
    "behind": "#ef6c00",
    "missed": "#c62828",
    "no_data": "#9e9e9e",
}


def status_label(code: str) -> str:
    names = {
        "met": QCoreApplication.translate("DistrictModel", "Target met"),
        "on_track": QCoreApplication.translate("DistrictModel", "On track"),
        "behind": QCoreApplication.translate("DistrictModel", "Behind"),
        "missed": QCoreApplication.translate("DistrictModel", "Not met"),
        "no_data": QCoreApplication.translate("DistrictModel", "No data"),
    }
    return names.get(code, code)


def kind_label(code: str) -> str:
    names = {
        "level": QCoreApplication.translate("DistrictModel", "Level"),
        "5-year cumulative": QCoreApplication.translate("DistrictModel", "5-year total"),
        "5-year annual average": QCoreApplication.translate(
            "DistrictModel", "5-year annual average"
        ),
    }
    return names.get(code, code)


class DistrictTableModel(RowsTableModel[DistrictRow]):
    sig_value_edited = Signal(int, int, str)
    """A yearly value was typed: indicator id, year, the text."""
    sig_target_edited = Signal(int, str, str)
    """Base or target was typed: indicator id, "base" or "target", the text."""

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.readonly = False
        self.years: list[int] = []

    def set_overview(self, overview: DistrictOverview) -> None:
        self.beginResetModel()
        self._rows = list(overview.rows)
        self.years = list(range(overview.period.start_year, overview.period.end_year + 1))
        self._resort()
        self.endResetModel()

    @property
    def col_current(self) -> int:
        return FIRST_YEAR_COL + len(self.years)

    @property
    def col_progress(self) -> int:
        return self.col_current + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.col_progress + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = {
            COL_NO: QCoreApplication.translate("DistrictModel", "No."),
            COL_NAME: QCoreApplication.translate("DistrictModel", "Indicator"),
            COL_UNIT: QCoreApplication.translate("DistrictModel", "Unit"),
            COL_BASE: QCoreApplication.translate("DistrictModel", "Base"),
            COL_TARGET: QCoreApplication.translate("DistrictModel", "Target"),
            self.col_current: QCoreApplication.translate("DistrictModel", "Current"),
            self.col_progress: QCoreApplication.translate("DistrictModel", "Progress"),
        }
        if section in fixed:
            return fixed[section]
        return str(self.years[section - FIRST_YEAR_COL])

    @staticmethod
    def _places(r: DistrictRow) -> int:
        """One number of decimals per indicator (so a column never mixes 15 and 14.92)."""
        figures = [r.base_value, r.target_value, r.current, *r.values.values()]
        exponents = [int(v.normalize().as_tuple().exponent) for v in figures if v is not None]
        return min(2, max([0, *(-e for e in exponents)]))

    def display(self, r: DistrictRow, col: int) -> str:
        places = self._places(r)
        if col == COL_NO:
            return str(r.no)
        if col == COL_NAME:
            return r.name(self.lang)
        if col == COL_UNIT:
            return r.unit
        if col == COL_BASE:
            return fmt(r.base_value, places)
        if col == COL_TARGET:
            return fmt(r.target_value, places)
        if col == self.col_current:
            return fmt(r.current, places)
        if col == self.col_progress:
            percent = f"{r.percent:.1f}%  " if r.percent is not None else ""
            return percent + status_label(r.status)
        return fmt(r.values.get(self.years[col - FIRST_YEAR_COL]), places)

    def cell_data(self, r: DistrictRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return self.display(r, col)
        if role == PROGRESS_ROLE:
            return r
        return super().cell_data(r, col, role)

    def alignment(self, r: DistrictRow, col: int) -> int | None:
        return None if col in (COL_NAME, self.col_progress) else RIGHT

    def tooltip(self, r: DistrictRow, col: int) -> str | None:
        if col == COL_NAME:
            return f"{r.name_zh}\n{r.name_en}\n{kind_label(r.kind)}"
        if col == COL_BASE and r.base_year:
            return QCoreApplication.translate("DistrictModel", "Base year {year}").format(
                year=r.base_year
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or self.readonly:
            return base
        col = index.column()
        if col in (COL_BASE, COL_TARGET) or FIRST_YEAR_COL <= col < self.col_current:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        r = self._rows[index.row()]
        col = index.column()
        text = "" if value is None else str(value)
        if text.strip() == self.display(r, col):
            return False
        if col in (COL_BASE, COL_TARGET):
            self.sig_target_edited.emit(
                r.indicator_id, "base" if col == COL_BASE else "target", text
            )
            return True
        if FIRST_YEAR_COL <= col < self.col_current:
            self.sig_value_edited.emit(r.indicator_id, self.years[col - FIRST_YEAR_COL], text)
            return True
        return False
