"""`returns collect FOLDER`: check every returned workbook, compare it three-way with what
it carried when `returns make` sent it, preview them together, then write them all in one
transaction through the import's compare-and-swap writer (io/store.py).

Three-way, per cell the unit may fill: W the return's value, B what was sent (the
`return_sent` row the workbook's token names), D the database's value now.
- W = B: the unit did not touch it; the database's value stays, however newer.
- W ≠ B and D = B: changed by the unit only; taken.
- W ≠ B ≠ D ≠ W: both changed it; a conflict, listed like the import's and resolved the
  same way (`--theirs` takes the return's value, `--ours` keeps the database's); without a
  choice the file is refused and nothing is written.
A workbook made before the token existed is refused (collecting it would overwrite the
office's later edits) unless `two_way` is asked for: then every differing value is taken.

A file is refused with one line naming the file, sheet, row and column: another quarter,
a changed key or locked cell, a row of another project, rows added, an unknown template,
no or a tampered signature, an unknown token, two files for one project, a text breaking
the field rules (domain/limits.py), a merged milestone breaking the milestone rules. A
workbook still open in Excel (a `~$` lock file beside it) is skipped with a note. With any
file refused nothing is written; `each` writes each good return in its own transaction.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop_app.db import tables
from desktop_app.db.database import Database
from desktop_app.domain.limits import text_problem
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.periods import Quarter, local_stamp, today
from desktop_app.domain.scoring import ScoringError, check_actual, format_number
from desktop_app.errors import UserError
from desktop_app.i18n import language, register, t
from desktop_app.io import returns_sheets as R
from desktop_app.io import sheets as S
from desktop_app.io.importer import deciding
from desktop_app.io.preview import TAKE_WORKBOOK, Conflict
from desktop_app.io.returns_read import ReturnFile, ReturnRefused, read_return
from desktop_app.io.store import Change as StoreChange
from desktop_app.io.store import Record, load_rows
from desktop_app.io.validate import CellError, Problem, cell_parser
from desktop_app.services.quarter_brief import closes_in_force
from desktop_app.services.returns import ReturnWrite, read_previous_returns, read_return_contexts
from desktop_app.snapshots.returns import PreviousReturn, ReturnContext

LOCKED = "a locked cell was changed (was “{was}”, now “{now}”); fill in the white cells only"
GONE_M = "milestone {code} no longer exists in the database; ask the office for a new workbook"
GONE_I = "indicator {code} no longer exists in the database; ask the office for a new workbook"
CONFLICTS = "{n} conflict(s): changed in the database since the workbook was sent and in the return; nothing was written. Collect with --theirs (take the return's values) or --ours (keep the database's); first: {first}"  # noqa: E501
NO_TOKEN = "made before returns remembered what they sent: collecting it could undo the office's later edits; send the unit a new workbook, or collect with --two-way to take every value that differs"  # noqa: E501
UNKNOWN_TOKEN = "this database did not send this workbook (its token is unknown here, or names another project or quarter); collect it into the database that made it, or send the unit a new workbook"  # noqa: E501

Decide = Callable[[str], str | None]

register(
    {
        "{folder}: no such folder": "{folder}:文件夹不存在",
        "{file}: still open in Excel (a lock file “{lock}” is beside it); skipped — close it and collect again": "{file}:仍在 Excel 中打开(旁边有锁定文件“{lock}”),已跳过——关闭后请重新收取",  # noqa: E501
        "{file}: Excel's lock file, skipped": "{file}:Excel 锁定文件,已跳过",
        "{file}: already collected on {when} (same file); skipped": "{file}:已于 {when} 收取过(文件相同),已跳过",  # noqa: E501
        "{file}: {reason}": "{file}:{reason}",
        "{reason} (and {n} more)": "{reason}(另有 {n} 处)",
        "this return is for {found}, not {quarter}": "此报送表属于 {found},不是 {quarter}",
        "no project {no} in the database": "数据库中没有项目 {no}",
        "two files for project {no} in this folder ({files}); keep one": "此文件夹中项目 {no} 有两个文件({files});请只保留一个",  # noqa: E501
        "a row of project {found}; this is project {no}'s return": "这是项目 {found} 的行;本表是项目 {no} 的报送表",  # noqa: E501
        "the key was changed from “{was}” to “{now}”; keys cannot change": "键由“{was}”改为“{now}”;键不能修改",  # noqa: E501
        LOCKED: "只读单元格被修改(原为“{was}”,现为“{now}”);只能填写白底单元格",
        "a row that was not in the workbook sent out; rows cannot be added": "发出的报送表中没有此行;不能增加行",  # noqa: E501
        GONE_M: "数据库中已没有里程碑 {code};请向区科技局索取新的报送表",
        GONE_I: "数据库中已没有指标 {code};请向区科技局索取新的报送表",
        "a unit cannot cancel a milestone; say why in the note and tell the office": "单位不能取消里程碑;请在说明中写明原因并告知区科技局",  # noqa: E501
        "longer than {n} characters": "超过 {n} 个字符",
        "required": "必填",
        "{code} {field}: {value} is below last quarter's {last}": "{code} {field}:{value} 低于上季度的 {last}",  # noqa: E501
        "{code} {field}: {value} is after the quarter's end ({end})": "{code} {field}:{value} 晚于季度末({end})",  # noqa: E501
        "{code} {field}: {value} is in the future": "{code} {field}:{value} 晚于今天",
        "{code}: 100% complete but not marked done": "{code}:完成进度 100% 但状态不是已完成",
        "{code}: done at {pct}% complete": "{code}:状态为已完成,但完成进度为 {pct}%",
        "no contact person given": "未填写联系人",
        "no progress narrative given": "未填写进展情况",
        "files for several quarters; collecting {quarter}": "文件属于多个季度;本次收取 {quarter}",
        CONFLICTS: "{n} 处冲突:报送表发出后数据库与报送表中都修改了同一单元格,未写入任何数据。请加 --theirs(采用报送表的值)或 --ours(保留数据库的值)重新收取;第一处:{first}",  # noqa: E501
        NO_TOKEN: "此报送表制作于程序记录发出内容之前:收取它可能撤销区科技局之后的修改;请重新发给单位一份报送表,或加 --two-way 收取(采用所有不同的值)",  # noqa: E501
        UNKNOWN_TOKEN: "本数据库没有发出过此报送表(其标记在此未知,或属于其他项目或季度);请在制作它的数据库中收取,或重新发给单位一份报送表",  # noqa: E501
        "{sheet}, row {row}, {column}: sent “{exported}” → database now “{database}” → return “{workbook}”": "{sheet},第 {row} 行,{column}:发出时“{exported}” → 数据库现为“{database}” → 报送表为“{workbook}”",  # noqa: E501
    }
)

MAX_NOTE = 2000
MAX_NARRATIVE = 5000
MAX_CONTACT = 100


@dataclass(frozen=True)
class Change:
    key: str  # milestone or indicator code, or "" for the progress sheet
    field: str  # column header in the user's language
    before: str
    after: str


@dataclass(frozen=True)
class Refusal:
    file: str
    reason: str
    problems: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()  # undecided: the file waits for --theirs/--ours

    @property
    def line(self) -> str:
        return t("{file}: {reason}", file=self.file, reason=self.reason)


@dataclass
class ProjectReturn:
    file: str
    project_no: int
    project_name: str
    unit: str
    quarter: str
    contact_name: str
    contact_phone: str
    narrative: str
    changes: list[Change]
    warnings: list[str]
    previous: PreviousReturn | None
    since_previous: list[Change]
    write: ReturnWrite
    plan: list[tuple[S.Sheet, list[StoreChange]]] = field(default_factory=list)
    """The compare-and-swap writer's plan (io/store.py): only the cells taken."""
    conflicts: list[Conflict] = field(default_factory=list)  # resolved ones, for the preview
    token: str = ""
    next_sent: dict[str, Any] | None = None
    """What was sent, with this return's cells: once it is recorded, the unit and the
    database agree on them, so a corrected return of the same workbook compares with it."""
    applied: bool = False
    error: str = ""


@dataclass
class CollectResult:
    folder: Path
    quarter: str
    returns: list[ProjectReturn] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for pr in self.returns for c in pr.conflicts]


# --------------------------------------------------------------------- the folder


def _lock_for(folder: Path, name: str, present: set[str]) -> str | None:
    """Excel's owner file: `~$` + name, or `~$` + name without its first two characters."""
    for lock in ("~$" + name, "~$" + name[2:]):
        if lock.casefold() in present:
            return lock
    return None


def _scan(folder: Path, notes: list[str]) -> list[Path]:
    if not folder.is_dir():
        raise UserError(t("{folder}: no such folder", folder=folder))
    entries = sorted(p for p in folder.iterdir() if p.is_file())
    present = {p.name.casefold() for p in entries}
    files = []
    for p in entries:
        if not p.name.lower().endswith(".xlsx"):
            continue
        if p.name.startswith("~$"):
            notes.append(t("{file}: Excel's lock file, skipped", file=p.name))
            continue
        lock = _lock_for(folder, p.name, present)
        if lock:
            notes.append(
                t(
                    "{file}: still open in Excel (a lock file “{lock}” is beside it); skipped — close it and collect again",  # noqa: E501
                    file=p.name,
                    lock=lock,
                )
            )
            continue
        files.append(p)
    return files


# --------------------------------------------------------------------- one file


def _cell(cells: list[list[Any]], r: int, c: int) -> Any:
    if r < len(cells) and c < len(cells[r]):
        v = cells[r][c]
        return None if isinstance(v, str) and not v.strip() else v
    return None


def _letter(c: int) -> str:
    from desktop_app.io.xlsx_writer import column_letter

    return column_letter(c)


class _Check:
    """Problems of one file, each naming sheet, row and column (Excel numbering)."""

    def __init__(self, rf: ReturnFile) -> None:
        self.rf = rf
        self.lang = rf.signature.lang
        self.problems: list[Problem] = []

    def title(self, sid: str) -> str:
        from desktop_app.io.returns_read import SHEET_TITLES

        return R.title(SHEET_TITLES[sid], self.lang)

    def header(self, sid: str, c: int) -> str:
        cols = {"milestones": R.MILESTONE_COLS, "indicators": R.INDICATOR_COLS}.get(sid)
        name = cols[c].header(self.lang) if cols and c < len(cols) else ""
        return f"{_letter(c)} {name}".strip()

    def add(self, sid: str, r: int, c: int, reason: str) -> None:
        self.problems.append(Problem(self.title(sid), r + 1, self.header(sid, c), reason))


def _check_locked(ck: _Check, no: int) -> None:
    sig = ck.rf.signature
    for sid, entries in sig.cells.items():
        cells = ck.rf.sheets.get(sid, [])
        for r, c, want in entries:
            got = R.canon(_cell(cells, r, c))
            if got == want:
                continue
            if sid != "progress" and r > 0 and c == 0:
                ck.add(
                    sid,
                    r,
                    c,
                    t(
                        "a row of project {found}; this is project {no}'s return",
                        found=got or "?",
                        no=no,
                    ),
                )
            elif sid != "progress" and r > 0 and c == (1 if sid == "milestones" else 2):
                ck.add(
                    sid,
                    r,
                    c,
                    t(
                        "the key was changed from “{was}” to “{now}”; keys cannot change",
                        was=want,
                        now=got,
                    ),
                )
            else:
                ck.add(
                    sid,
                    r,
                    c,
                    t(
                        LOCKED,
                        was=want,
                        now=got,
                    ),
                )
    for sid, keys in (("milestones", sig.milestones), ("indicators", sig.indicators)):
        cells = ck.rf.sheets.get(sid, [])
        first_extra = len(keys) + 1 if keys else 2
        for r in range(first_extra, len(cells)):
            row = cells[r]
            if all(_cell(cells, r, c) is None for c in range(len(row))):
                continue
            found = R.canon(_cell(cells, r, 0))
            if found and found != str(no):
                ck.add(
                    sid,
                    r,
                    0,
                    t(
                        "a row of project {found}; this is project {no}'s return",
                        found=found,
                        no=no,
                    ),
                )
            else:
                ck.add(
                    sid,
                    r,
                    0,
                    t("a row that was not in the workbook sent out; rows cannot be added"),
                )


def _parse(ck: _Check, sid: str, r: int, c: int, column: S.Column, required: bool) -> Any:
    raw = _cell(ck.rf.sheets.get(sid, []), r, c)
    if raw is None:
        if required:
            ck.add(sid, r, c, t("required"))
        return "" if column.kind == S.TEXT else None
    try:
        return cell_parser(column, "", {})(raw)
    except CellError as exc:
        ck.add(sid, r, c, str(exc))
        return None


def _show(value: Any, lang: str, field_name: str = "") -> str:
    if value is None or value == "":
        return ""
    if field_name == "status":
        return S.MILESTONES.column("status").choice_name(str(value), lang)
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass
class _Base:
    """What the three-way needs for one file: what the workbook carried when it was sent
    (None: compared two-way), the project's rows as the database holds them now (sheet
    form, with id and version: the compare-and-swap writer's plan), and the choice per
    conflict."""

    project_no: int
    sent: dict[str, Any] | None
    milestones: dict[str, dict[str, Any]]  # code → milestone sheet row
    actuals: dict[str, dict[str, Any]]  # indicator code → this quarter's actuals sheet row
    decide: Callable[[str], str | None]


@dataclass
class _Read:
    plan: dict[str, list[StoreChange]] = field(default_factory=dict)  # sheet name → changes
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reported: dict[str, Any] = field(default_factory=dict)
    seen: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Each cell as this return says it (`R.sent_value`): the base of its next collect."""


_M_FIELDS = ("actual_start", "actual_end", "percent_complete", "status", "notes")
_A_FIELDS = ("ytd_value", "note")


def _merge(
    ck: _Check,
    base: _Base,
    out: _Read,
    where: tuple[str, int, str],
    got: dict[str, Any],
    now: dict[str, Any] | None,
    heads: dict[str, str],
) -> dict[str, Any]:
    """The cells taken from the return. A cell the unit left as sent keeps the database's
    value; one the unit changed while the database still holds what was sent is taken;
    one both changed, differently, is a conflict, taken only by the choice "theirs"."""
    sid, r, key = where
    ui = language()
    out.seen.setdefault(sid, {})[key] = {f: R.sent_value(v) for f, v in got.items()}
    sent = None if base.sent is None else base.sent.get(sid, {}).get(key, {})
    taken: dict[str, Any] = {}
    for f, w_value in got.items():
        d_value = now.get(f) if now is not None else None
        w, d = R.sent_value(w_value), R.sent_value(d_value)
        if w == d:
            continue
        if sent is None:  # two-way: the return's value replaces the database's
            taken[f] = w_value
            continue
        b = str(sent.get(f, ""))
        if w == b:
            continue  # the unit did not touch it: the database's (newer) value stays
        if d == b:
            taken[f] = w_value  # changed by the unit only
            continue
        ident = f"returns|{base.project_no}|{sid}|{key}|{f}"
        choice = base.decide(ident)
        out.conflicts.append(
            Conflict(
                ident, ck.title(sid), r + 1, key, heads[f],
                _show(b, ui, f), _show(d_value, ui, f), _show(w_value, ui, f), choice,
            )
        )  # fmt: skip
        if choice == TAKE_WORKBOOK:
            taken[f] = w_value
    return taken


def _text_rule(
    ck: _Check, sid: str, r: int, c: int, value: str, field_name: str, limit: int
) -> None:
    """The field rules every stored text obeys (domain/limits.py), and the return's length."""
    if len(value) > limit:
        ck.add(sid, r, c, t("longer than {n} characters", n=limit))
        return
    reason = text_problem(value, field_name)
    if reason is not None:
        ck.add(sid, r, c, reason)


def _record(row: dict[str, Any]) -> Record:
    rest = {k: v for k, v in row.items() if k not in ("id", "version")}
    return Record(row["id"], row.get("version", 0), rest)


def _milestones(ck: _Check, ctx: ReturnContext, out: _Read, quarter: Quarter, base: _Base) -> None:
    ui = language()
    col = {c.field: i for i, c in enumerate(R.MILESTONE_COLS)}
    heads = {f: R.MILESTONE_COLS[col[f]].header(ui) for f in _M_FIELDS}
    by_code = {m.code: m for m in ctx.milestones}
    day = today()
    reported: dict[str, dict[str, str]] = {}
    for r, code in enumerate(ck.rf.signature.milestones, start=1):
        m = by_code.get(code)
        now = base.milestones.get(code)
        if m is None or now is None:
            ck.add("milestones", r, col["code"], t(GONE_M, code=code))
            continue
        if m.status == "cancelled":
            continue  # the whole row was locked
        got: dict[str, Any] = {}
        for f in _M_FIELDS:
            got[f] = _parse(
                ck,
                "milestones",
                r,
                col[f],
                S.MILESTONES.column(f),
                f in ("percent_complete", "status"),
            )
        if got["status"] == "cancelled":
            ck.add(
                "milestones",
                r,
                col["status"],
                t("a unit cannot cancel a milestone; say why in the note and tell the office"),
            )
        got["notes"] = got["notes"] or ""
        _text_rule(ck, "milestones", r, col["notes"], got["notes"], "notes", MAX_NOTE)
        if got["percent_complete"] is None or got["status"] is None:
            continue
        pct = int(got["percent_complete"])
        got["percent_complete"] = pct
        reported[code] = {f: _show(got[f], "en", "") for f in _M_FIELDS}
        taken = _merge(ck, base, out, ("milestones", r, code), got, now, heads)
        if taken:
            merged = {**now, **taken}
            edit = MilestoneEdit(
                title=now["title"], planned_end=now["planned_end"],
                planned_start=now["planned_start"], actual_start=merged["actual_start"],
                actual_end=merged["actual_end"], percent_complete=int(merged["percent_complete"]),
                status=merged["status"], cancel_reason=now["cancel_reason"] or "",
                deliverable=now["deliverable"] or "", owner=now["owner"] or "",
                notes=merged["notes"] or "",
            )  # fmt: skip
            # The row as it will be after the merge passes the milestone rules, not each cell.
            for f, reason in validate_milestone(edit, today=day).items():
                ck.add("milestones", r, col.get(f, col["code"]), reason)
            rec = _record(now)
            out.plan.setdefault("milestones", []).append(
                StoreChange(rec, {**rec.row, **taken}, tuple(taken), ck.title("milestones"), r + 1)
            )
            for f in taken:
                out.changes.append(
                    Change(code, heads[f], _show(now[f], ui, f), _show(got[f], ui, f))
                )
        end = got["actual_end"]
        if end is not None and end > quarter.last_day and end <= day:
            out.warnings.append(
                t(
                    "{code} {field}: {value} is after the quarter's end ({end})",
                    code=code,
                    field=heads["actual_end"],
                    value=end.isoformat(),
                    end=quarter.last_day.isoformat(),
                )
            )
        start = got["actual_start"]
        if start is not None and start > day:
            out.warnings.append(
                t(
                    "{code} {field}: {value} is in the future",
                    code=code,
                    field=heads["actual_start"],
                    value=start.isoformat(),
                )
            )
        if pct == 100 and got["status"] != "done":
            out.warnings.append(t("{code}: 100% complete but not marked done", code=code))
        if got["status"] == "done" and pct < 100:
            out.warnings.append(t("{code}: done at {pct}% complete", code=code, pct=pct))
    out.reported["milestones"] = reported


def _indicators(ck: _Check, ctx: ReturnContext, out: _Read, quarter: Quarter, base: _Base) -> None:
    ui = language()
    col = {c.field: i for i, c in enumerate(R.INDICATOR_COLS)}
    heads = {f: R.INDICATOR_COLS[col[f]].header(ui) for f in _A_FIELDS}
    by_code = {i.code: i for i in ctx.indicators}
    reported: dict[str, dict[str, str]] = {}
    for r, code in enumerate(ck.rf.signature.indicators, start=1):
        ind = by_code.get(code)
        if ind is None:
            ck.add("indicators", r, col["code"], t(GONE_I, code=code))
            continue
        if ctx.year_closed or ind.direction == "qualitative":
            continue  # locked row
        value = _parse(ck, "indicators", r, col["ytd_value"], S.ACTUALS.column("ytd_value"), False)
        note = _parse(ck, "indicators", r, col["note"], S.ACTUALS.column("note"), False) or ""
        _text_rule(ck, "indicators", r, col["note"], note, "note", MAX_NOTE)
        if value is None:
            continue  # blank: nothing reported, nothing changes
        try:
            check_actual(
                value, weight=ind.weight, direction=ind.direction, allow_negative=ind.allow_negative
            )
        except ScoringError as exc:
            ck.add("indicators", r, col["ytd_value"], str(exc))
            continue
        reported[code] = {"ytd_value": format_number(value), "note": note}
        now = base.actuals.get(code)
        got = {"ytd_value": value, "note": note}
        taken = _merge(ck, base, out, ("indicators", r, code), got, now, heads)
        title = ck.title("indicators")
        if taken and now is None:
            if "ytd_value" in taken:  # a figure the database does not hold yet: a new row
                row = {
                    "project_no": ctx.no, "year": quarter.year, "code": code,
                    "quarter": quarter.q, "ytd_value": value, "note": taken.get("note", ""),
                }  # fmt: skip
                out.plan.setdefault("actuals", []).append(StoreChange(None, row, (), title, r + 1))
            else:
                taken = {}
        elif taken and now is not None:
            rec = _record(now)
            out.plan.setdefault("actuals", []).append(
                StoreChange(rec, {**rec.row, **taken}, tuple(taken), title, r + 1)
            )
        for f in taken:
            before = now.get(f) if now is not None else None
            after = format_number(value) if f == "ytd_value" else note
            out.changes.append(Change(code, heads[f], _show(before, ui), after))
        if ind.last_quarter is not None and value < ind.last_quarter:
            out.warnings.append(
                t(
                    "{code} {field}: {value} is below last quarter's {last}",
                    code=code,
                    field=heads["ytd_value"],
                    value=format_number(value),
                    last=format_number(ind.last_quarter),
                )
            )
    out.reported["indicators"] = reported


def _progress(ck: _Check, out: _Read) -> tuple[str, str, str]:
    """The unit's own statement for the log row; the same field rules as every text."""
    cells = ck.rf.sheets.get("progress", [])
    rows = {f: i for i, (f, _zh, _en) in enumerate(R.PROGRESS_ROWS)}
    values = {}
    for f, limit, rule in (
        ("contact_name", MAX_CONTACT, "owner"),
        ("contact_phone", MAX_CONTACT, "owner"),
        ("narrative", MAX_NARRATIVE, "notes"),
    ):
        text = R.canon(_cell(cells, rows[f], 1))
        _text_rule(ck, "progress", rows[f], 1, text, rule, limit)
        values[f] = text
        out.reported[f] = text
    if not values["contact_name"]:
        out.warnings.append(t("no contact person given"))
    if not values["narrative"]:
        out.warnings.append(t("no progress narrative given"))
    return values["contact_name"], values["contact_phone"], values["narrative"]


def _since(previous: PreviousReturn | None, reported: dict[str, Any]) -> list[Change]:
    """What this return says differently from the one already recorded."""
    if previous is None:
        return []
    ui = language()
    old = previous.reported
    out: list[Change] = []
    heads = {c.field: c.header(ui) for c in R.MILESTONE_COLS + R.INDICATOR_COLS}
    labels = {f: (zh if ui == "zh" else en) for f, zh, en in R.PROGRESS_ROWS}
    for sheet in ("milestones", "indicators"):
        a, b = old.get(sheet, {}), reported.get(sheet, {})
        for code in sorted(set(a) | set(b)):
            ra, rb = a.get(code, {}), b.get(code, {})
            for f in sorted(set(ra) | set(rb)):
                if ra.get(f, "") != rb.get(f, ""):
                    fa, fb = ra.get(f, ""), rb.get(f, "")
                    if f == "status":
                        fa, fb = _show(fa, ui, f), _show(fb, ui, f)
                    out.append(Change(code, heads.get(f, f), fa, fb))
    for f in R.PROGRESS_EDITABLE:
        if old.get(f, "") != reported.get(f, ""):
            out.append(Change("", labels[f], str(old.get(f, "")), str(reported.get(f, ""))))
    return out


def _refusal(file: str, problems: list[Problem]) -> Refusal:
    lines = tuple(str(p) for p in problems)
    reason = (
        lines[0]
        if len(lines) == 1
        else t("{reason} (and {n} more)", reason=lines[0], n=len(lines) - 1)
    )
    return Refusal(file, reason, lines)


def conflict_line(c: Conflict) -> str:
    return t(
        "{sheet}, row {row}, {column}: sent “{exported}” → database now “{database}” → "
        "return “{workbook}”",
        sheet=c.sheet, row=c.row, column=c.column,
        exported=c.exported, database=c.database, workbook=c.workbook,
    )  # fmt: skip


def _check_file(
    rf: ReturnFile,
    ctx: ReturnContext,
    quarter: Quarter,
    previous: PreviousReturn | None,
    base: _Base,
) -> ProjectReturn | Refusal:
    ck = _Check(rf)
    _check_locked(ck, ctx.no)
    out = _Read()
    _milestones(ck, ctx, out, quarter, base)
    _indicators(ck, ctx, out, quarter, base)
    contact_name, contact_phone, narrative = _progress(ck, out)
    if ck.problems:
        return _refusal(rf.path.name, ck.problems)
    open_ = [c for c in out.conflicts if c.choice is None]
    if open_:
        lines = tuple(conflict_line(c) for c in open_)
        reason = t(CONFLICTS, n=len(open_), first=lines[0])
        return Refusal(rf.path.name, reason, lines, tuple(open_))
    changes = [
        {"key": c.key, "field": c.field, "before": c.before, "after": c.after} for c in out.changes
    ]
    write = ReturnWrite(
        project_id=ctx.project_id, project_no=ctx.no, quarter=str(quarter),
        file_name=rf.path.name, file_sha256=rf.sha256, unit=ctx.lead_org,
        contact_name=contact_name, contact_phone=contact_phone, narrative=narrative,
        reported=out.reported, changes=changes,
    )  # fmt: skip
    plan = [
        (sheet, out.plan[sheet.name])
        for sheet in (S.MILESTONES, S.ACTUALS)
        if sheet.name in out.plan
    ]
    return ProjectReturn(
        file=rf.path.name, project_no=ctx.no, project_name=ctx.name_zh, unit=ctx.lead_org,
        quarter=str(quarter), contact_name=contact_name, contact_phone=contact_phone,
        narrative=narrative, changes=out.changes, warnings=out.warnings, previous=previous,
        since_previous=_since(previous, out.reported), write=write, plan=plan,
        conflicts=out.conflicts, token=rf.signature.token, next_sent=_next_sent(base, out),
    )  # fmt: skip


def _closed_warnings(pr: ProjectReturn, closes: Mapping[str, date]) -> list[str]:
    """A figure written into a closed quarter is a correction, as for the import: allowed,
    told first, and listed in the next brief."""
    from desktop_app.io.closed_quarters import closed_line, touches

    out = []
    for sheet, changes in pr.plan:
        for touch in touches(sheet, {}, changes, [], closes, language()):
            out.append(closed_line(touch))
    return out


def _next_sent(base: _Base, out: _Read) -> dict[str, Any] | None:
    if base.sent is None:
        return None
    nxt = {k: dict(v) if isinstance(v, dict) else v for k, v in base.sent.items()}
    for sid, rows in out.seen.items():
        sheet = dict(nxt.get(sid) or {})
        for key, cells in rows.items():
            sheet[key] = {**(sheet.get(key) or {}), **cells}
        nxt[sid] = sheet
    return nxt


# --------------------------------------------------------------------- the whole folder


@dataclass
class _Now:
    """The database as the three-way sees it: rows in sheet form and the sent records."""

    milestones: dict[tuple[int, str], dict[str, Any]]
    actuals: dict[tuple[int, str], dict[str, Any]]
    sent: dict[str, tuple[int, str, dict[str, Any]]]  # token → (project id, quarter, sent)


def _now(db: Database, quarter: Quarter, tokens: list[str]) -> _Now:
    with db.core_reader() as s:
        ms = {(r["project_no"], r["code"]): r for r in load_rows(s, S.MILESTONES)}
        acts = {
            (r["project_no"], r["code"]): r
            for r in load_rows(s, S.ACTUALS)
            if r["year"] == quarter.year and r["quarter"] == quarter.q
        }
        sent: dict[str, tuple[int, str, dict[str, Any]]] = {}
        rs = tables.return_sent
        for i in range(0, len(tokens), 500):
            q = select(rs.c.token, rs.c.project_id, rs.c.quarter, rs.c.sent).where(
                rs.c.token.in_(tokens[i : i + 500])
            )
            for token, pid, qtext, data in s.execute(q):
                try:
                    parsed = json.loads(data)
                except ValueError:
                    parsed = None
                if isinstance(parsed, dict):
                    sent[token] = (pid, qtext, parsed)
    return _Now(ms, acts, sent)


def _base_for(
    rf: ReturnFile, ctx: ReturnContext, now: _Now, decide: Decide, two_way: bool
) -> _Base | str:
    """The file's base, or why it has none (a refusal's reason)."""
    token = rf.signature.token
    sent: dict[str, Any] | None = None
    if not token:
        if not two_way:
            return t(NO_TOKEN)
    else:
        found = now.sent.get(token)
        if found is None:
            return t(UNKNOWN_TOKEN)
        pid, qtext, sent = found
        if pid != ctx.project_id or qtext != ctx.quarter:
            return t(UNKNOWN_TOKEN)
        if two_way:
            sent = None
    ms = {code: row for (no, code), row in now.milestones.items() if no == ctx.no}
    acts = {code: row for (no, code), row in now.actuals.items() if no == ctx.no}
    return _Base(ctx.no, sent, ms, acts, decide)


def preview_collect(
    db: Database,
    folder: str | os.PathLike[str],
    quarter: Quarter | None = None,
    *,
    resolve: str | None = None,
    choices: Mapping[str, str] | None = None,
    two_way: bool = False,
) -> CollectResult:
    """Read and check every workbook in `folder`, three-way against what each carried when
    it was sent; nothing is written. A conflict needs a choice (`choices` by its ident, or
    `resolve`: "theirs" takes the return's value, "ours" keeps the database's); without one
    its file is refused. `two_way` compares workbooks as if nothing had been sent (every
    differing value is taken): for workbooks made before `return_sent` existed."""
    folder = Path(folder)
    notes: list[str] = []
    read: list[ReturnFile] = []
    refused: list[Refusal] = []
    for path in _scan(folder, notes):
        try:
            read.append(read_return(path))
        except ReturnRefused as exc:
            refused.append(Refusal(path.name, str(exc)))
    if quarter is None:
        found = sorted({Quarter.parse(rf.signature.quarter) for rf in read})
        quarter = found[-1] if found else Quarter.of(today())
        if len(found) > 1:
            notes.append(t("files for several quarters; collecting {quarter}", quarter=quarter))
    result = CollectResult(folder, str(quarter), notes=notes, refused=refused)
    mine = []
    for rf in read:
        if rf.signature.quarter != str(quarter):
            reason = t(
                "this return is for {found}, not {quarter}",
                found=rf.signature.quarter,
                quarter=quarter,
            )
            refused.append(Refusal(rf.path.name, reason))
        else:
            mine.append(rf)
    by_no: dict[int, list[ReturnFile]] = {}
    for rf in mine:
        by_no.setdefault(rf.signature.project_no, []).append(rf)
    contexts = {c.no: c for c in read_return_contexts(db, quarter, list(by_no))}
    previous = read_previous_returns(db, str(quarter))
    now = _now(db, quarter, [rf.signature.token for rf in mine if rf.signature.token])
    decide = deciding(resolve, choices)
    with db.core_reader() as conn:
        closes = closes_in_force(conn)
    for no, files in sorted(by_no.items()):
        if len(files) > 1:
            names = ", ".join(f.path.name for f in files)
            for f in files:
                reason = t(
                    "two files for project {no} in this folder ({files}); keep one",
                    no=no,
                    files=names,
                )
                refused.append(Refusal(f.path.name, reason))
            continue
        rf = files[0]
        ctx = contexts.get(no)
        if ctx is None:
            refused.append(Refusal(rf.path.name, t("no project {no} in the database", no=no)))
            continue
        prev = previous.get(ctx.project_id)
        if prev is not None and prev.file_sha256 == rf.sha256:
            when = local_stamp(prev.received_at)
            notes.append(
                t(
                    "{file}: already collected on {when} (same file); skipped",
                    file=rf.path.name,
                    when=when,
                )
            )
            continue
        base = _base_for(rf, ctx, now, decide, two_way)
        if isinstance(base, str):
            refused.append(Refusal(rf.path.name, base))
            continue
        checked = _check_file(rf, ctx, quarter, prev, base)
        if isinstance(checked, Refusal):
            refused.append(checked)
        else:
            checked.warnings += _closed_warnings(checked, closes)
            result.returns.append(checked)
    refused.sort(key=lambda r: r.file)
    return result


def apply_collect(
    db: Database,
    result: CollectResult,
    *,
    each: bool = False,
    officer: str = "",
    dry_run: bool = False,
) -> CollectResult:
    """Write the checked returns through the import's compare-and-swap writer.

    All or nothing for the folder: one transaction for every return, and with any refused
    file nothing is written. With `each`, every return is its own transaction and a
    refused one is listed (`result.refused`) while the others are kept. A dry run makes
    the same writes and rolls them back. A refusal at write time (a row changed since the
    preview, a return recorded meanwhile) is a `UserError` naming the file.
    """
    from desktop_app.io.returns_write import write_returns

    if result.refused and not each:
        return result
    if not result.returns:
        return result
    if each:
        for pr in result.returns:
            try:
                write_returns(db, [pr], officer=officer, dry_run=dry_run)
            except UserError as exc:
                pr.error = str(exc)
                result.refused.append(Refusal(pr.file, _after_file(pr.file, str(exc))))
                continue
            pr.applied = not dry_run
            result.written = result.written or not dry_run
        result.refused.sort(key=lambda r: r.file)
        return result
    write_returns(db, result.returns, officer=officer, dry_run=dry_run)
    if not dry_run:
        for pr in result.returns:
            pr.applied = True
        result.written = True
    return result


def _after_file(file: str, line: str) -> str:
    for colon in (": ", ":"):
        if line.startswith(file + colon):
            return line[len(file) + len(colon) :]
    return line


def collect_returns(
    db: Database,
    folder: str | os.PathLike[str],
    *,
    quarter: Quarter | None = None,
    dry_run: bool = False,
    each: bool = False,
    officer: str = "",
    resolve: str | None = None,
    two_way: bool = False,
) -> CollectResult:
    """Preview, then write (a dry run rolls the writes back); see `apply_collect`."""
    result = preview_collect(db, folder, quarter, resolve=resolve, two_way=two_way)
    return apply_collect(db, result, each=each, officer=officer, dry_run=dry_run)


def received_at_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
