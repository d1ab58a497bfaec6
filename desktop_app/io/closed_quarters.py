"""Which rows of an import correct a closed quarter (its brief is frozen).

An import may correct a closed quarter, as the payment dialog may: it is allowed, but
the officer is told first, and the next brief lists the change as a correction. The
rule is the one the brief's corrections use (services/quarter_brief.py, `_dated_facts`):
a payment made on or before a closed quarter's as-of day (before or after the change),
an indicator's actual of that quarter or earlier — and only a change of the values it
freezes (a payment's date, plan year, kind and amount; an actual's value), not a note.
Milestones are not frozen facts (the brief compares them quarter on quarter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from desktop_app.i18n import register, t
from desktop_app.io import sheets as S
from desktop_app.io.preview import ClosedTouch
from desktop_app.io.store import Change
from desktop_app.services.quarter_brief import closed_quarter_of_actual, closed_quarter_of_payment

register(
    {
        "{sheet}, row {row}, {column}: {q} is closed: its brief is frozen; this change will be listed as a correction in the next brief": "{sheet},第 {row} 行,{column}:{q} 已关账,其简报已冻结;此修改将作为更正列入下一期简报",  # noqa: E501
        "{sheet}, row {row} (new row): {q} is closed: its brief is frozen; this change will be listed as a correction in the next brief": "{sheet},第 {row} 行(新增行):{q} 已关账,其简报已冻结;此修改将作为更正列入下一期简报",  # noqa: E501
    }
)

#: The sheet fields `_dated_facts` freezes, by sheet.
FROZEN_FIELDS: dict[str, tuple[str, ...]] = {
    "disbursements": ("paid_on", "for_year", "kind", "amount"),
    "actuals": ("ytd_value",),
}


def _quarter(sheet: str, change: Change, closes: Mapping[str, date]) -> str | None:
    """The closed quarter whose frozen figures the change alters, or None."""
    if sheet == "disbursements":
        before = change.record.row.get("paid_on") if change.record is not None else None
        return closed_quarter_of_payment(closes, before, change.row.get("paid_on"))
    return closed_quarter_of_actual(closes, int(change.row["year"]), int(change.row["quarter"]))


def touches(
    sheet: S.Sheet,
    headers: Mapping[str, str],
    changes: Iterable[Change],
    pending: Iterable[tuple[str, Change]],
    closes: Mapping[str, date],
    lang: str,
) -> list[ClosedTouch]:
    """One entry per row the import would write into a closed quarter's frozen figures;
    `pending` are undecided conflicts (ident, the change taking the workbook would make)."""
    frozen = FROZEN_FIELDS.get(sheet.name)
    if not frozen or not closes:
        return []
    sep = "、" if lang == "zh" else ", "
    out = []
    for ident, change in [("", c) for c in changes] + list(pending):
        fields = [f for f in frozen if f in change.fields]
        if change.record is not None and not fields:
            continue  # a note or a document number: the frozen figures stay as they were
        quarter = _quarter(sheet.name, change, closes)
        if quarter is None:
            continue
        out.append(
            ClosedTouch(
                change.sheet_title,
                change.row_number,
                sep.join(headers.get(f) or sheet.column(f).header(lang) for f in fields),
                quarter,
                ident,
            )
        )
    return out


def closed_line(touch: ClosedTouch) -> str:
    """The warning the command line prints (and the window shows) for one row."""
    if touch.column:
        return t(
            "{sheet}, row {row}, {column}: {q} is closed: its brief is frozen; this change "
            "will be listed as a correction in the next brief",
            sheet=touch.sheet,
            row=touch.row,
            column=touch.column,
            q=touch.quarter,
        )
    return t(
        "{sheet}, row {row} (new row): {q} is closed: its brief is frozen; this change will "
        "be listed as a correction in the next brief",
        sheet=touch.sheet,
        row=touch.row,
        q=touch.quarter,
    )
