"""Three-way comparison of a workbook with its export and with the database now.

For each cell of a row the export knew: the workbook's value W, the value at export B
(the hidden copy, io/provenance.py) and the database's value now D.

- W = B: the officer did not touch it; whatever D holds stays (a newer value is "kept").
- W ≠ B and D = B: changed only in the workbook; applied.
- W ≠ B, D ≠ B and D ≠ W: changed on both sides; a conflict, applied only if the officer
  takes the workbook's value (`--theirs`, or "take workbook" in the window).

A row the workbook adds that the database has gained meanwhile compares every differing
cell as a conflict; a row deleted from the database since the export stays deleted
unless the workbook changed it (then it is a conflict too). A workbook without an export
copy (hand-made, the template) is compared two-way: every value that differs replaces
the database's, and the preview says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.i18n import register, t
from desktop_app.io import sheets as S
from desktop_app.io.preview import (
    TAKE_WORKBOOK,
    Conflict,
    FieldChange,
    RowChange,
    SheetDiff,
    show_value,
)
from desktop_app.io.provenance import BaseRow, Key
from desktop_app.io.store import Change, Current, Record
from desktop_app.io.validate import ParsedSheet, Problem

register(
    {
        "(not in the export)": "(导出时没有)",
        "(deleted)": "(已删除)",
        "(whole row)": "(整行)",
        "(changed)": "(已修改)",
        "no payment with id {id} in this database; leave the id blank for a new payment": "本数据库中没有编号为 {id} 的拨付;新增拨付请将编号留空",  # noqa: E501
        "payment {id} belongs to project {no}; a payment cannot move to another project (delete it in the app and add a new row)": "拨付 {id} 属于项目 {no};拨付不能移到其他项目(请在程序中删除后新增一行)",  # noqa: E501
        "{n} payments of project {no} on {date} of this kind and plan year could be the one this row corrects; give its payment id": "项目 {no} 在 {date} 有 {n} 笔同类别、同计划年度的拨付,无法确定此行修改的是哪一笔;请填写拨付编号",  # noqa: E501
    }
)

#: Added rows spelled out (key and values) in the preview; the rest are only counted.
DETAILED_ADDS = 1000

#: Fields shown as a row's label where its key is an id.
_LABELS = {"disbursements": ("project_no", "paid_on", "amount", "doc_no")}

Decide = Callable[[str], str | None]


def same(a: Any, b: Any) -> bool:
    """Equal as the database keeps them (a blank text and a missing value are the same)."""
    return a == b or (a in (None, "") and b in (None, ""))


@dataclass
class SheetResult:
    diff: SheetDiff
    changes: list[Change]
    problems: list[Problem] = field(default_factory=list)
    #: Undecided conflicts: (ident, the change taking the workbook's value would make).
    pending: list[tuple[str, Change]] = field(default_factory=list)


@dataclass
class _Acc:
    added: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pending: list[tuple[str, Change]] = field(default_factory=list)
    unchanged: int = 0
    kept: int = 0


class _Sheet:
    """One sheet's comparison; `base` None means two-way."""

    def __init__(
        self,
        ps: ParsedSheet,
        cur: Current,
        base: dict[Key, BaseRow] | None,
        lang: str,
        decide: Decide,
    ) -> None:
        self.ps, self.sheet, self.base, self.lang, self.decide = ps, ps.sheet, base, lang, decide
        self.table = cur.tables[self.sheet.name]
        self.cols = [c for c in self.sheet.import_columns if c.field not in self.sheet.key]
        self.natural = S.NATURAL_KEYS.get(self.sheet.name)
        #: Rows without their id (index → the database row they correct, None: a new row).
        self.matched: dict[int, Record | None] = {}
        label = _LABELS.get(self.sheet.name, self.sheet.key)
        self.label_cols = [self.sheet.column(f) for f in label]
        self.acc = _Acc()
        if self.natural:
            self._match_natural()

    def label(self, row: dict[str, Any]) -> str:
        return "/".join(show_value(c, row.get(c.field), self.lang) for c in self.label_cols)

    def header(self, f: str) -> str:
        return self.ps.headers.get(f) or self.sheet.column(f).header(self.lang)

    def show(self, f: str, value: Any) -> str:
        return show_value(self.sheet.column(f), value, self.lang)

    def _match_natural(self) -> None:
        """Match each row without its id to the database row it stands for, on the
        sheet's natural key (payments: project, date, kind, plan year — not the amount,
        so a corrected amount is a change, never a second payment).

        Database rows another workbook row names by id are not candidates. Where several
        rows share a natural key, an identical row (same amount and 文号) is matched
        first; one row left against one candidate is a correction; none left is new; any
        other count cannot be told apart and is refused, asking for the id."""
        assert self.natural is not None
        natural = self.natural
        claimed = {row["id"] for row in self.ps.rows if row.get("id") is not None}
        candidates: dict[Key, list[Record]] = {}
        for rec in self.table.values():
            if rec.id not in claimed:
                candidates.setdefault(tuple(rec.row[f] for f in natural), []).append(rec)
        groups: dict[Key, list[int]] = {}
        for i, row in enumerate(self.ps.rows):
            if row.get("id") is None:
                groups.setdefault(tuple(row[f] for f in natural), []).append(i)
        tie = [f for f in self.cols if f.field not in natural]
        for key, rows in groups.items():
            left = list(candidates.get(key, ()))
            open_rows = []
            for i in rows:
                row = self.ps.rows[i]
                exact = next(
                    (r for r in left if all(same(row[c.field], r.row.get(c.field)) for c in tie)),
                    None,
                )
                if exact is None:
                    open_rows.append(i)
                else:
                    left.remove(exact)
                    self.matched[i] = exact
            if not left:
                self.matched.update({i: None for i in open_rows})
            elif len(left) == 1 and len(open_rows) == 1:
                self.matched[open_rows[0]] = left[0]
            else:
                for i in open_rows:
                    row = self.ps.rows[i]
                    self.problem(
                        i,
                        "id",
                        t(
                            "{n} payments of project {no} on {date} of this kind and plan year "
                            "could be the one this row corrects; give its payment id",
                            n=len(left),
                            no=row.get("project_no"),
                            date=self.show("paid_on", row.get("paid_on")),
                        ),
                    )

    # ------------------------------------------------------------ rows

    def run(self) -> SheetResult:
        for i, row in enumerate(self.ps.rows):
            if self.natural and row.get("id") is None and i not in self.matched:
                continue  # refused by `_match_natural`
            self.row(row, self.ps.row_numbers[i], i)
        a = self.acc
        diff = SheetDiff(
            self.sheet.name,
            self.ps.title,
            tuple(a.added),
            tuple(a.changed),
            a.unchanged,
            tuple(a.conflicts),
            a.kept,
        )
        return SheetResult(diff, a.changes, a.problems, a.pending)

    def row(self, row: dict[str, Any], n: int, i: int) -> None:
        key = tuple(row[f] for f in self.sheet.key)
        b: BaseRow | None = None
        if self.natural and None in key:  # a row without its id: matched on its values
            rec = self.matched[i]
        else:
            rec = self.table.get(key)
            b = self.base.get(key) if self.base is not None else None
            if self.natural and rec is None and b is None:
                self.problem(
                    i,
                    "id",
                    t(
                        "no payment with id {id} in this database; leave the id blank for a new "
                        "payment",
                        id=key[0],
                    ),
                )
                return
        if rec is not None and b is not None and b.id != rec.id:
            b = None  # the exported row was replaced by another with the same key
        if rec is None:
            self.new_row(row, n, b)
            return
        if self.natural and not same(row.get("project_no"), rec.row.get("project_no")):
            self.problem(
                i,
                "project_no",
                t(
                    "payment {id} belongs to project {no}; a payment cannot move to another "
                    "project (delete it in the app and add a new row)",
                    id=rec.id,
                    no=rec.row.get("project_no"),
                ),
            )
            return
        self.existing(row, n, rec, b)

    def problem(self, i: int, f: str, reason: str) -> None:
        self.acc.problems.append(
            Problem(self.ps.title, self.ps.row_numbers[i], self.header(f), reason)
        )

    def add(self, row: dict[str, Any], n: int) -> None:
        a = self.acc
        a.changes.append(Change(None, row, (), self.ps.title, n))
        if len(a.added) >= DETAILED_ADDS:  # counted, not spelled out
            a.added.append(RowChange("", n, ()))
            return
        fields = tuple(
            FieldChange(c.header(self.lang), "", self.show(c.field, row[c.field]))
            for c in self.cols
            if row[c.field] not in (None, "")
        )
        a.added.append(RowChange(self.label(row), n, fields))

    def new_row(self, row: dict[str, Any], n: int, b: BaseRow | None) -> None:
        if b is None:
            self.add(row, n)
            return
        # Exported, then deleted from the database: left deleted unless the officer changed it.
        if all(same(row[c.field], b.row.get(c.field)) for c in self.cols):
            self.acc.unchanged += 1
            return
        ident = f"{self.sheet.name}|{b.id}|*"
        choice = self.decide(ident)
        self.acc.conflicts.append(
            Conflict(
                ident,
                self.ps.title,
                n,
                self.label(row),
                t("(whole row)"),
                self.label(b.row),
                t("(deleted)"),
                t("(changed)"),
                choice,
            )
        )
        if choice == TAKE_WORKBOOK:
            self.add(row, n)
        elif choice is None:
            self.acc.pending.append((ident, Change(None, row, (), self.ps.title, n)))

    def existing(self, row: dict[str, Any], n: int, rec: Record, b: BaseRow | None) -> None:
        a = self.acc
        now = rec.row
        applied: list[str] = []
        conflicts = 0
        for c in self.cols:
            f = c.field
            w, d = row[f], now.get(f)
            if same(w, d):
                continue
            if self.base is None:  # two-way: the workbook's value replaces the database's
                applied.append(f)
                continue
            exported = b.row.get(f) if b is not None else None
            if b is not None and same(w, exported):
                a.kept += 1  # newer in the database; the officer did not touch it
                continue
            if b is not None and same(d, exported):
                applied.append(f)  # changed only in the workbook
                continue
            conflicts += 1
            ident = f"{self.sheet.name}|{rec.id}|{f}"
            choice = self.decide(ident)
            a.conflicts.append(
                Conflict(
                    ident,
                    self.ps.title,
                    n,
                    self.label(row),
                    self.header(f),
                    self.show(f, exported) if b is not None else t("(not in the export)"),
                    self.show(f, d),
                    self.show(f, w),
                    choice,
                )
            )
            if choice == TAKE_WORKBOOK:
                applied.append(f)
            elif choice is None:
                taken = Change(rec, {**now, f: w}, (f,), self.ps.title, n)
                a.pending.append((ident, taken))
        if not applied:
            if not conflicts:
                a.unchanged += 1
            return
        written = {**now, **{f: row[f] for f in applied}}
        a.changes.append(Change(rec, written, tuple(applied), self.ps.title, n))
        a.changed.append(
            RowChange(
                self.label(row),
                n,
                tuple(
                    FieldChange(self.header(f), self.show(f, now.get(f)), self.show(f, row[f]))
                    for f in applied
                ),
            )
        )


def diff_sheet(
    ps: ParsedSheet,
    cur: Current,
    base: dict[Key, BaseRow] | None,
    lang: str,
    decide: Decide,
) -> SheetResult:
    """Compare one parsed sheet; `base` None compares two-way (no export copy)."""
    return _Sheet(ps, cur, base, lang, decide).run()
