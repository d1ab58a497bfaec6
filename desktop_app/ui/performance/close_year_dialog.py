"""Closing a year: the computed scores and grade, and an override only with a reason."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parsing import ParseError
from desktop_app.domain.periods import today
from desktop_app.errors import UserError
from desktop_app.services import performance as perf
from desktop_app.services.conflicts import ConflictError
from desktop_app.snapshots.performance import EvaluationView
from desktop_app.ui import conflict_dialog
from desktop_app.ui.context import AppContext
from desktop_app.ui.performance.formatting import ERROR_STYLE, fmt, grade_label
from desktop_app.ui.widgets.date_field import DateField
from desktop_app.ui.widgets.ok_cancel import ok_cancel
from desktop_app.ui.widgets.tables import grid_cell


class CloseYearDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        preview: EvaluationView,
        parent: QWidget | None = None,
        *,
        missing_q4: tuple[str, ...] = (),
        projected: tuple[Decimal | None, str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflicted = False  # someone else closed the year first
        self.ctx = ctx
        self.preview = preview
        self.result_view: EvaluationView | None = None
        self.setWindowTitle(self.tr("Close {year} with an evaluation").format(year=preview.year))
        self.setMinimumWidth(640)

        table = QTableWidget(len(preview.items), 5)
        table.setHorizontalHeaderLabels(
            [
                self.tr("Indicator"),
                self.tr("Weight"),
                self.tr("Target"),
                self.tr("Actual"),
                self.tr("Score"),
            ]
        )
        for row, item in enumerate(preview.items):
            cells = (
                item.name,
                fmt(item.weight),
                fmt(item.target) if item.direction != "qualitative" else "—",
                fmt(item.actual),
                fmt(item.score, 2),
            )
            for col, text in enumerate(cells):
                table.setItem(row, col, grid_cell(text, right=col > 0))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table = table

        self.total_label = QLabel(
            self.tr("Total {total} → computed grade {grade}").format(
                total=fmt(preview.total, 1), grade=grade_label(preview.computed_grade)
            )
        )
        self.total_label.setStyleSheet("font-weight: bold;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff4e5; color: #8a4b00; padding: 4px;")
        self.warning.setVisible(bool(missing_q4))
        if missing_q4:
            self.warning.setText(
                self.tr(
                    "No Q4 figure yet for: {names}. Their latest year-to-date figure is used."
                ).format(names="、".join(missing_q4))
            )
        self.projection_note = QLabel()
        self.projection_note.setWordWrap(True)
        self.projection_note.setStyleSheet("color: #455a64;")
        self.projection_note.hide()
        if projected is not None and projected[0] is not None:
            shown, shown_grade = projected
            if fmt(shown, 1) != fmt(preview.total, 1):
                self.projection_note.setText(
                    self.tr(
                        "The Performance tab shows {shown} {grade}: the full year projected "
                        "from the year-to-date figures. Closing the year records the score of "
                        "the figures themselves: {total} {computed}."
                    ).format(
                        shown=fmt(shown, 1),
                        grade=grade_label(shown_grade),
                        total=fmt(preview.total, 1),
                        computed=grade_label(preview.computed_grade),
                    )
                )
                self.projection_note.show()
        self.grade = QComboBox()
        for letter in ("A", "B", "C", "D"):
            self.grade.addItem(grade_label(letter), letter)
        self.grade.setCurrentIndex(self.grade.findData(preview.computed_grade))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(
            self.tr("Required when the grade differs from the computed one")
        )
        self.reason.setMaximumHeight(80)
        self.evaluated_on = DateField()
        self.evaluated_on.set_value(today())
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Grade"), self.grade)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Evaluated on"), self.evaluated_on)
        buttons = ok_cancel(self, self.accept, self.tr("Close the year"))
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.total_label)
        layout.addWidget(self.projection_note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.grade.currentIndexChanged.connect(self._grade_changed)
        self._grade_changed()

    def _grade_changed(self, *_args: object) -> None:
        overridden = self.grade.currentData() != self.preview.computed_grade
        self.reason.setEnabled(overridden)
        self.error.clear()

    def accept(self) -> None:
        """Record the evaluation; a refusal is shown here and the dialog stays open."""
        try:
            evaluated_on = self.evaluated_on.value()
        except ParseError as exc:
            self.evaluated_on.set_error(str(exc))
            return
        grade = self.grade.currentData()
        reason = self.reason.toPlainText() if grade != self.preview.computed_grade else ""
        try:
            self.result_view = perf.close_year(
                self.ctx.db,
                self.preview.project_id,
                self.preview.year,
                grade=grade,
                reason=reason,
                evaluated_on=evaluated_on,
            )
        except ConflictError as exc:
            # Someone else closed the year first: theirs stands; show it against mine.
            conflict_dialog.resolve_conflict(self, exc)
            self.conflicted = True
            self.reject()
            return
        except UserError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
