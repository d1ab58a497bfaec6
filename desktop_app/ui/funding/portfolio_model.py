"""Per year across all projects: planned, caps, earned, paid and the performance share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.domain.money import format_wan
from desktop_app.snapshots.funding import PortfolioFundingRow
from desktop_app.ui.funding.formatting import percent

Index = QModelIndex | QPersistentModelIndex

(
    COL_YEAR,
    COL_PROJECTS,
    COL_STARTUP,
    COL_FIXED,
    COL_CAPS,
    COL_EARNED,
    COL_DISBURSED,
    COL_PLANNED_SHARE,
    COL_PAID_SHARE,
) = range(9)
COLUMN_COUNT = 9
_AMOUNT = {
    COL_STARTUP: "planned_startup_fen",
    COL_FIXED: "planned_fixed_fen",
    COL_CAPS: "reward_cap_fen",
    COL_EARNED: "earned_reward_fen",
    COL_DISBURSED: "disbursed_fen",
}


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("PortfolioFundingModel", "Year"),
        QCoreApplication.translate("PortfolioFundingModel", "Projects"),
        QCoreApplication.translate("PortfolioFundingModel", "Planned start-up"),
        QCoreApplication.translate("PortfolioFundingModel", "Planned fixed support"),
        QCoreApplication.translate("PortfolioFundingModel", "Reward caps"),
        QCoreApplication.translate("PortfolioFundingModel", "Earned rewards"),
        QCoreApplication.translate("PortfolioFundingModel", "Disbursed"),
        QCoreApplication.translate("PortfolioFundingModel", "Reward share (plan)"),
        QCoreApplication.translate("PortfolioFundingModel", "Reward share (paid)"),
    ]


class PortfolioFundingModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PortfolioFundingRow] = []
        self._headers = _headers()

    def set_rows(self, rows: list[PortfolioFundingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_YEAR:
                return str(r.year)
            if col == COL_PROJECTS:
                return str(r.projects)
            if col == COL_PLANNED_SHARE:
                return percent(r.planned_share)
            if col == COL_PAID_SHARE:
                return percent(r.disbursed_share)
            return format_wan(getattr(r, _AMOUNT[col]))
        if role == Qt.ItemDataRole.TextAlignmentRole and col != COL_YEAR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
