"""Help → About: version, database and schema version (what support asks for first)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app import __version__
from desktop_app.ui.context import AppContext


def about_text(ctx: AppContext) -> str:
    tr = QWidget.tr
    return "\n".join(
        [
            tr("Key Projects Portfolio — Siming District Science & Technology"),
            tr("Version: {v}").format(v=__version__),
            tr("Database: {db}").format(db=ctx.db.display_name),
            tr("Schema version: {rev}").format(rev=ctx.db.schema_revision() or "-"),
        ]
    )


def show_about(ctx: AppContext, parent: QWidget) -> None:
    QMessageBox.about(parent, QWidget.tr("About"), about_text(ctx))
