"""Display names of stored codes (statuses, kinds), translated through Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def project_status_label(code: str) -> str:
    names = {
        "planned": _t("Planned"),
        "active": _t("Active"),
        "completed": _t("Completed"),
        "suspended": _t("Suspended"),
    }
    return names.get(code, code)


PROJECT_STATUS_CODES = ("planned", "active", "completed", "suspended")
