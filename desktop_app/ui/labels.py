"""Display names of stored codes (statuses, kinds), translated through Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def project_status_label(code: str) -> str:
    names = {
        "planned": QCoreApplication.translate("Labels", "Planned"),
        "active": QCoreApplication.translate("Labels", "Active"),
        "completed": QCoreApplication.translate("Labels", "Completed"),
        "suspended": QCoreApplication.translate("Labels", "Suspended"),
    }
    return names.get(code, code)


PROJECT_STATUS_CODES = ("planned", "active", "completed", "suspended")
