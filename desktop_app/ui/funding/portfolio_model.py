"""Per year across all projects: planned, caps, earned, paid and the performance share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.money import format_wan
from desktop_app.snapshots.funding import PortfolioFundingRow
from desktop_app.ui.funding.formatting import percent
from desktop_app.ui.widgets.rows_model import RIGHT, RowsTableModel

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


class PortfolioFundingModel(RowsTableModel[PortfolioFundingRow]):
    headers = staticmethod(_headers)

    def display(self, r: PortfolioFundingRow, col: int) -> str:
        if col == COL_YEAR:
            return str(r.year)
        if col == COL_PROJECTS:
            return str(r.projects)
        if col == COL_PLANNED_SHARE:
            return percent(r.planned_share)
        if col == COL_PAID_SHARE:
            return percent(r.disbursed_share)
        return format_wan(getattr(r, _AMOUNT[col]))

    def alignment(self, r: PortfolioFundingRow, col: int) -> int | None:
        return None if col == COL_YEAR else RIGHT
