"""Display names and colours shared by the funding views."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

#: Chart colours: start-up, fixed support, reward, disbursed.
COLORS = {"startup": "#90a4ae", "fixed": "#1e88e5", "reward": "#43a047", "disbursed": "#fb8c00"}
WARNING_BACKGROUND = "#fff3cd"
INVALID_STYLE = "border: 1px solid #c62828; background: #fdecea;"


def kind_label(code: str) -> str:
    names = {
        "startup": QCoreApplication.translate("Funding", "Start-up grant"),
        "fixed": QCoreApplication.translate("Funding", "Fixed support"),
        "reward": QCoreApplication.translate("Funding", "Performance reward"),
    }
    return names.get(code, code)


def mode_label(code: str) -> str:
    names = {
        "linear": QCoreApplication.translate("Funding", "Linear (minus a step each year)"),
        "geometric": QCoreApplication.translate("Funding", "Geometric (minus a rate each year)"),
        "manual": QCoreApplication.translate("Funding", "Manual (an amount per year)"),
    }
    return names.get(code, code)


def percent(share: Decimal | None) -> str:
    """`0.3947` → `39.5%`; empty when there is no share."""
    if share is None:
        return ""
    return f"{share * 100:.1f}%"
