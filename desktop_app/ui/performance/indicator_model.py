"""The indicator table of one project-year: a draft of the set, plus quarterly actuals.

Definition cells (name, unit, direction, weight, target) edit a draft that is saved as a
whole, because a weight set is only valid once it sums to 100. Actual cells are one
user action each: the model emits `sig_actual_edited` and the tab saves it at once (a
block pasted from Excel is one action too: the tab parses it and saves it in one go).
The model knows no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.parsing import ParseError, parse_decimal
from desktop_app.domain.scoring import DIRECTIONS
from desktop_app.snapshots.performance import IndicatorEdit, IndicatorRow, indicator_edit
from desktop_app.ui.performance.formatting import direction_label, fmt, parse_optional
from desktop_app.ui.widgets.rows_model import RIGHT, Index, RowsTableModel

(
    COL_NAME,
    COL_UNIT,
    COL_DIRECTION,
    COL_WEIGHT,
    COL_TARGET,
    COL_NEGATIVE,
    COL_Q1,
    COL_Q2,
    COL_Q3,
    COL_Q4,
    COL_PROJECTED,
) = range(11)
COLUMN_COUNT = 11
QUARTER_COLS = (COL_Q1, COL_Q2, COL_Q3, COL_Q4)
DEFINITION_COLS = (COL_NAME, COL_UNIT, COL_DIRECTION, COL_WEIGHT, COL_TARGET, COL_NEGATIVE)
#: The definition columns a block of text can be pasted into (not the tick box).
TEXT_DEFINITION_COLS = (COL_NAME, COL_UNIT, COL_DIRECTION, COL_WEIGHT, COL_TARGET)
DRAFT_BG = QColor("#fff8e1")


@dataclass(frozen=True)
class DraftRow:
    """A row as shown: the stored indicator (if any) and the officer's pending edits."""

    id: int | None
    code: str
    name: str
    unit: str
    direction: str
    weight: Decimal
    target: Decimal | None
    allow_negative: bool
    ytd: tuple[Decimal | None, ...] = (None, None, None, None)
    projected_score: Decimal | None = None

    @classmethod
    def of(cls, row: IndicatorRow) -> DraftRow:
        return cls(
            id=row.id,
            code=row.code,
            name=row.name,
            unit=row.unit,
            direction=row.direction,
            weight=row.weight,
            target=row.target,
            allow_negative=row.allow_negative,
            ytd=row.ytd,
            projected_score=row.projected_score,
        )

    def edit(self) -> IndicatorEdit:
        return indicator_edit(self)


def direction_code(text: str) -> str:
    """A direction as pasted: its label as the table shows it, or its code."""
    wanted = text.strip().casefold()
    for code in DIRECTIONS:
        if wanted in (code, direction_label(code).casefold()):
            return code
    labels = " / ".join(direction_label(c) for c in DIRECTIONS)
    raise ParseError(
        QCoreApplication.translate("IndicatorModel", "Direction must be one of: {labels}.").format(
            labels=labels
        )
    )


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("IndicatorModel", "Indicator"),
        QCoreApplication.translate("IndicatorModel", "Unit"),
        QCoreApplication.translate("IndicatorModel", "Direction"),
        QCoreApplication.translate("IndicatorModel", "Weight"),
        QCoreApplication.translate("IndicatorModel", "Target"),
        QCoreApplication.translate("IndicatorModel", "Negatives"),
        QCoreApplication.translate("IndicatorModel", "Q1 YTD"),
        QCoreApplication.translate("IndicatorModel", "Q2 YTD"),
        QCoreApplication.translate("IndicatorModel", "Q3 YTD"),
        QCoreApplication.translate("IndicatorModel", "Q4 YTD"),
        QCoreApplication.translate("IndicatorModel", "Projected score"),
    ]


class IndicatorTableModel(RowsTableModel[DraftRow]):
    sig_actual_edited = Signal(int, int, str)
    """An actual cell was typed: indicator id, quarter (1–4), the text as typed."""
    sig_draft_changed = Signal()
    """The indicator set differs from what is stored (or no longer does)."""
    sig_invalid = Signal(str)
    """A typed value was refused before reaching the draft (the reason)."""

    headers = staticmethod(_headers)
    sortable = False  # the officer's order: the order the set is saved in

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stored: list[DraftRow] = []
        self.locked = False
        self.open_through = 4
        """The last quarter whose year-to-date may be typed (later quarters have not begun)."""
        """A closed year or a read-only database: nothing is editable."""

    def show_year(
        self,
        rows: list[IndicatorRow] | tuple[IndicatorRow, ...],
        scores: dict[int, Decimal] | None = None,
    ) -> None:
        """Show a project-year; `scores` (a closed year's evaluated scores) replace the
        projection in the last column."""
        self.beginResetModel()
        self._headers[COL_PROJECTED] = (
            QCoreApplication.translate("IndicatorModel", "Score")
            if scores is not None
            else QCoreApplication.translate("IndicatorModel", "Projected score")
        )
        drafts = [DraftRow.of(r) for r in rows]
        if scores is not None:
            drafts = [replace(d, projected_score=scores.get(d.id or 0)) for d in drafts]
        self._stored = drafts
        self._rows = list(self._stored)
        self.endResetModel()
        self.sig_draft_changed.emit()

    def edits(self) -> list[IndicatorEdit]:
        return [r.edit() for r in self._rows]

    def is_dirty(self) -> bool:
        return [r.edit() for r in self._rows] != [r.edit() for r in self._stored]

    def weight_sum(self) -> Decimal:
        return sum((r.weight for r in self._rows), Decimal(0))

    def add_row(self, name: str) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(
            DraftRow(
                id=None,
                code="",
                name=name,
                unit="",
                direction="higher",
                weight=Decimal(0),
                target=None,
                allow_negative=False,
            )
        )
        self.endInsertRows()
        self.sig_draft_changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.sig_draft_changed.emit()

    def display(self, r: DraftRow, col: int) -> str:
        if col == COL_NAME:
            return r.name
        if col == COL_UNIT:
            return r.unit
        if col == COL_DIRECTION:
            return direction_label(r.direction)
        if col == COL_WEIGHT:
            return fmt(r.weight)
        if col == COL_TARGET:
            return "—" if r.direction == "qualitative" else fmt(r.target)
        if col in QUARTER_COLS:
            return fmt(r.ytd[col - COL_Q1])
        if col == COL_PROJECTED:
            return fmt(r.projected_score, 1) if r.id is not None else ""
        return ""

    def cell_data(self, r: DraftRow, col: int, role: int) -> Any:
        if col == COL_NEGATIVE:
            if role == Qt.ItemDataRole.CheckStateRole and r.direction != "qualitative":
                return Qt.CheckState.Checked if r.allow_negative else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "IndicatorModel", "Ticked: actuals below zero are accepted (e.g. a loss)"
                )
        if role == Qt.ItemDataRole.EditRole:
            return r.direction if col == COL_DIRECTION else self.display(r, col)
        if role == Qt.ItemDataRole.BackgroundRole and col in DEFINITION_COLS:
            stored = next((s for s in self._stored if s.id == r.id and r.id is not None), None)
            if stored is None or stored.edit() != r.edit():
                return QBrush(DRAFT_BG)
        return super().cell_data(r, col, role)

    def alignment(self, r: DraftRow, col: int) -> int | None:
        return None if col in (COL_NAME, COL_UNIT, COL_DIRECTION) else RIGHT

    def tooltip(self, r: DraftRow, col: int) -> str | None:
        if col not in QUARTER_COLS:
            return None
        if r.direction == "qualitative":
            return QCoreApplication.translate(
                "IndicatorModel", "The officer's score, 0 to the weight"
            )
        return QCoreApplication.translate("IndicatorModel", "Year-to-date figure at quarter end")

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or self.locked:
            return base
        r = self._rows[index.row()]
        col = index.column()
        if col == COL_NEGATIVE:
            if r.direction == "qualitative":
                return base
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if col in DEFINITION_COLS and not (col == COL_TARGET and r.direction == "qualitative"):
            return base | Qt.ItemFlag.ItemIsEditable
        if (
            col in QUARTER_COLS
            and r.id is not None
            and not self.is_dirty()
            and col - COL_Q1 + 1 <= self.open_through
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        r = self._rows[index.row()]
        col = index.column()
        if col == COL_NEGATIVE and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._replace(index.row(), replace(r, allow_negative=checked))
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = "" if value is None else str(value)
        if col in QUARTER_COLS:
            if r.id is None:
                return False
            if text.strip() == self.display(r, col):
                return False
            self.sig_actual_edited.emit(r.id, col - COL_Q1 + 1, text)
            return True
        try:
            changed = self._changed(r, col, text)
        except ParseError as exc:
            self.sig_invalid.emit(str(exc))
            return False
        return self._replace(index.row(), changed)

    def pasted(self, r: DraftRow, col: int, text: str) -> DraftRow:
        """`r` with a pasted definition cell applied (a direction by its label too);
        ParseError when the text is not understood there. Nothing changes in the model."""
        if col == COL_DIRECTION:
            return self._changed(r, col, direction_code(text))
        if col == COL_TARGET and r.direction == "qualitative":
            if not text.strip():
                return r
            raise ParseError(
                QCoreApplication.translate(
                    "IndicatorModel", "A qualitative indicator has no target."
                )
            )
        return self._changed(r, col, text)

    def replace_rows(self, changed: Mapping[int, DraftRow]) -> None:
        """Put several draft rows in at once (a pasted block): one change of the draft."""
        changed = {row: d for row, d in changed.items() if d != self._rows[row]}
        if not changed:
            return
        for row, draft in changed.items():
            self._rows[row] = draft
        self.dataChanged.emit(
            self.index(min(changed), 0), self.index(max(changed), COLUMN_COUNT - 1)
        )
        self.sig_draft_changed.emit()

    def _replace(self, row: int, changed: DraftRow) -> bool:
        if changed == self._rows[row]:
            return False
        self._rows[row] = changed
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        self.sig_draft_changed.emit()
        return True

    @staticmethod
    def _changed(r: DraftRow, col: int, text: str) -> DraftRow:
        if col == COL_NAME:
            return replace(r, name=text.strip())
        if col == COL_UNIT:
            return replace(r, unit=text.strip())
        if col == COL_DIRECTION:
            target = None if text == "qualitative" else r.target
            allow = r.allow_negative and text != "qualitative"
            return replace(r, direction=text, target=target, allow_negative=allow)
        if col == COL_WEIGHT:
            return replace(r, weight=parse_decimal(text))
        return replace(r, target=parse_optional(text))
