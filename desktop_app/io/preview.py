"""What an import would do, as plain values the command line and the window both show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.money import format_wan
from desktop_app.domain.scoring import format_number
from desktop_app.i18n import register, t
from desktop_app.io import sheets as S

register({"yes": "是", "no": "否"})

#: How the workbook is compared with the database.
THREE_WAY = "three-way"  # exported by this database: cells compared with their exported value
TWO_WAY = "two-way"  # made by hand or the template: every value replaces the database's
OTHER_DATABASE = "other-database"  # exported by another database: versions cannot be used

KEEP_DATABASE = "ours"
TAKE_WORKBOOK = "theirs"


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    key: str
    row: int  # Excel row number
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Conflict:
    """A cell changed in the database since the export and, differently, in the workbook."""

    ident: str  # stable between preview and import: sheet, row identity, field
    sheet: str  # title as in the workbook
    row: int  # Excel row number
    key: str
    column: str
    exported: str
    database: str
    workbook: str
    choice: str | None = None  # KEEP_DATABASE, TAKE_WORKBOOK, or None (not chosen yet)


@dataclass(frozen=True)
class ClosedTouch:
    """A row the import writes into a closed quarter's frozen figures: allowed (it is a
    correction), but the officer is told first (io/closed_quarters.py)."""

    sheet: str  # title as in the workbook
    row: int  # Excel row number
    column: str  # the changed frozen columns' headers; "" for a new row
    quarter: str  # the closed quarter, e.g. "2026Q2"
    ident: str = ""  # an undecided conflict's ident: only if the workbook's value is taken


@dataclass(frozen=True)
class SheetDiff:
    name: str
    title: str
    added: tuple[RowChange, ...]  # fields: every value of the new row
    changed: tuple[RowChange, ...]
    unchanged: int
    conflicts: tuple[Conflict, ...] = ()
    kept: int = 0  # cells newer in the database that the workbook did not touch: left alone


@dataclass(frozen=True)
class ImportPreview:
    file: str
    sheets: tuple[SheetDiff, ...]
    written: bool = False
    backup: str | None = None
    mode: str = TWO_WAY
    exported_at: str = ""
    closed: tuple[ClosedTouch, ...] = ()  # every row that may touch a closed quarter

    def closed_touched(self, choices: Mapping[str, str] | None = None) -> tuple[ClosedTouch, ...]:
        """The rows that do touch a closed quarter, given the officer's conflict `choices`
        (an undecided conflict's row only once the workbook's value is taken)."""
        chosen = choices or {}
        return tuple(c for c in self.closed if not c.ident or chosen.get(c.ident) == TAKE_WORKBOOK)

    @property
    def added(self) -> int:
        return sum(len(s.added) for s in self.sheets)

    @property
    def changed(self) -> int:
        return sum(len(s.changed) for s in self.sheets)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.sheets)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return tuple(c for s in self.sheets for c in s.conflicts)

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.choice is None)

    @property
    def kept(self) -> int:
        return sum(s.kept for s in self.sheets)


def exact_wan(fen: int) -> str:
    """万元 with two places, or as many more (up to the fen) as the amount needs: a
    correction of a few yuan reads 420.012345 → 420.0125, never 420.01 → 420.01."""
    for places in (2, 3, 4, 5, 6):
        if fen % 10 ** (6 - places) == 0:
            return format_wan(fen, places=places)
    return format_wan(fen, places=6)


def show_value(col: S.Column, value: Any, lang: str) -> str:
    """A canonical value as the preview and audit show it."""
    if value is None or value == "":
        return ""
    kind = col.kind
    if kind == S.AMOUNT:
        return exact_wan(value)
    if kind in (S.DECIMAL, S.PERCENT):
        return format_number(value)
    if kind == S.ENUM:
        return col.choice_name(value, lang)
    if kind == S.BOOL:
        return t("yes") if value else t("no")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
