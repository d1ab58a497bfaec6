"""Projects × years: each closed year's total and grade, coloured, plus this year's projection."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.snapshots.performance import PortfolioScoreRow
from desktop_app.ui.performance.formatting import fmt, grade_color, grade_label
from desktop_app.ui.widgets.rows_model import SORT_ROLE, Index, RowsTableModel

COL_NO, COL_NAME = 0, 1
FIRST_YEAR_COL = 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class ScoresTableModel(RowsTableModel[PortfolioScoreRow]):
    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.years: list[int] = []
        self.projected_year: int | None = None

    def set_years(self, rows: list[PortfolioScoreRow], years: list[int]) -> None:
        """The rows and the closed years they are scored in (a column each)."""
        self.beginResetModel()
        self.years = list(years)
        has_projection = any(r.projected_score is not None for r in rows)
        self.projected_year = rows[0].projected_year if rows and has_projection else None
        if self.projected_year in self.years:
            self.projected_year = None
        self._rows = list(rows)
        self._resort()
        self.endResetModel()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return FIRST_YEAR_COL + len(self.years) + (1 if self.projected_year else 0)

    def _is_projection(self, col: int) -> bool:
        return self.projected_year is not None and col == FIRST_YEAR_COL + len(self.years)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_NO:
            return QCoreApplication.translate("ScoresModel", "No.")
        if section == COL_NAME:
            return QCoreApplication.translate("ScoresModel", "Project")
        if self._is_projection(section):
            return QCoreApplication.translate("ScoresModel", "{year} (projected)").format(
                year=self.projected_year
            )
        return str(self.years[section - FIRST_YEAR_COL])

    def cell_data(self, r: PortfolioScoreRow, col: int, role: int) -> Any:
        if role == ROW_ROLE:
            return r
        if role == SORT_ROLE:
            return self.sort_value(r, col)
        if col == COL_NO:
            return str(r.no) if role == Qt.ItemDataRole.DisplayRole else None
        if col == COL_NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return r.name(self.lang)
            return r.name_en if role == Qt.ItemDataRole.ToolTipRole else None
        if self._is_projection(col):
            return self._projection(r, role)
        score = r.scores.get(self.years[col - FIRST_YEAR_COL])
        if score is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "*" if score.grade != score.computed_grade else ""
            return f"{fmt(score.total, 1)}  {grade_label(score.grade)}{mark}"
        if role == Qt.ItemDataRole.BackgroundRole:
            color = grade_color(score.grade)
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = grade_label(score.grade)
            if score.grade != score.computed_grade:
                text += QCoreApplication.translate(
                    "ScoresModel", " — overridden (computed {grade})"
                ).format(grade=score.computed_grade)
            return text
        return None

    def sort_value(self, r: PortfolioScoreRow, col: int) -> Any:
        """Scores sort by their total, not by the text with its grade."""
        if col == COL_NO:
            return r.no
        if col == COL_NAME:
            return r.name(self.lang)
        if self._is_projection(col):
            return r.projected_score
        score = r.scores.get(self.years[col - FIRST_YEAR_COL])
        return score.total if score else None

    @staticmethod
    def _projection(r: PortfolioScoreRow, role: int) -> Any:
        if r.projected_score is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"≈ {fmt(r.projected_score, 1)}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and r.projected_score < 60:
            return QBrush(QColor("#c62828"))
        return None
