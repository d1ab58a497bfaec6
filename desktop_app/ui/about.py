"""Help → About: version, database and schema version (what support asks for first)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.ui.context import AppContext


def about_text(ctx: AppContext) -> str:
    from desktop_app.services.evidence import read_evidence_totals, size_text

    count, total = read_evidence_totals(ctx.db)
    return "\n".join(
        [
            QCoreApplication.translate(
                "About", "Key Projects Portfolio — Siming District Science & Technology"
            ),
            QCoreApplication.translate("About", "Version: {v}").format(v=__version__),
            QCoreApplication.translate("About", "Database: {db}").format(db=ctx.db.display_name),
            QCoreApplication.translate("About", "Schema version: {rev}").format(
                rev=ctx.db.schema_revision() or "-"
            ),
            QCoreApplication.translate("About", "Evidence files: {n} ({size})").format(
                n=count, size=size_text(total)
            ),
        ]
    )


def show_about(ctx: AppContext, parent: QWidget) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "About"), about_text(ctx))
