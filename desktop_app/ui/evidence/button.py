"""An "Evidence…" button a tab puts beside its own buttons: it asks the tab what is
selected (a milestone, payment or evaluation id) and opens that record's evidence list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.ui import dialogs
from desktop_app.ui.context import AppContext
from desktop_app.ui.widgets.modeless import show_modeless

Target = Callable[[], "tuple[str, int] | None"]


def evidence_button(ctx: AppContext, parent: QWidget, target: Target) -> QPushButton:
    button = QPushButton(QCoreApplication.translate("EvidenceDialog", "Evidence…"), parent)
    button.setToolTip(
        QCoreApplication.translate(
            "EvidenceDialog", "Files that back this record: acceptance reports, contracts, vouchers"
        )
    )

    def open_list() -> None:
        from desktop_app.ui.evidence.dialog import EvidenceDialog

        chosen = target()
        if chosen is None:
            dialogs.show_info(
                parent,
                QCoreApplication.translate(
                    "EvidenceDialog", "Select a milestone, payment or closed year first."
                ),
            )
            return
        show_modeless(
            parent,
            "evidence",
            lambda: EvidenceDialog(ctx, chosen[0], chosen[1], parent),
            delete_on_close=False,
        )

    button.clicked.connect(open_list)
    return button
