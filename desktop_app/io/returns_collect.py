"""`returns collect FOLDER`: check every returned workbook, preview them together, then
write each project's return in its own transaction.

A file is refused with one line naming the file, sheet, row and column: another quarter,
a changed key or locked cell, a row of another project, rows added, an unknown template,
no or a tampered signature, two files for one project. Cells are parsed by the workbook
import's own parsers (io/validate.py) and checked by the domain rules the dialogs use
(milestone edits, indicator figures). A workbook still open in Excel (a `~$` lock file
beside it) is skipped with a note. By default nothing is written when any file is refused;
`each` writes the good ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app.db.database import Database
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.periods import Quarter, local_stamp, today
from desktop_app.domain.scoring import ScoringError, check_actual, format_number
from desktop_app.errors import UserError
from desktop_app.i18n import language, register, t
from desktop_app.io import returns_sheets as R
from desktop_app.io import sheets as S
from desktop_app.io.returns_read import ReturnFile, ReturnRefused, read_return
from desktop_app.io.validate import CellError, Problem, cell_parser
from desktop_app.services.returns import (
    ActualUpdate,
    MilestoneUpdate,
    ReturnWrite,
    previous_returns,
    record_return,
    return_contexts,
)
from desktop_app.snapshots.returns import PreviousReturn, ReturnContext

LOCKED = "a locked cell was changed (was “{was}”, now “{now}”); fill in the white cells only"
GONE_M = "milestone {code} no longer exists in the database; ask the office for a new workbook"
GONE_I = "indicator {code} no longer exists in the database; ask the office for a new workbook"

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
class _Read:
    milestones: list[MilestoneUpdate] = field(default_factory=list)
    actuals: list[ActualUpdate] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reported: dict[str, Any] = field(default_factory=dict)


_M_FIELDS = ("actual_start", "actual_end", "percent_complete", "status", "notes")


def _milestones(ck: _Check, ctx: ReturnContext, out: _Read, quarter: Quarter) -> None:
    ui = language()
    col = {c.field: i for i, c in enumerate(R.MILESTONE_COLS)}
    by_code = {m.code: m for m in ctx.milestones}
    day = today()
    reported: dict[str, dict[str, str]] = {}
    for r, code in enumerate(ck.rf.signature.milestones, start=1):
        m = by_code.get(code)
        if m is None:
            ck.add(
                "milestones",
                r,
                col["code"],
                t(
                    GONE_M,
                    code=code,
                ),
            )
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
        if len(got["notes"] or "") > MAX_NOTE:
            ck.add("milestones", r, col["notes"], t("longer than {n} characters", n=MAX_NOTE))
        if got["percent_complete"] is None or got["status"] is None:
            continue
        pct = int(got["percent_complete"])
        edit = MilestoneEdit(
            title=m.title, planned_end=m.planned_end, planned_start=m.planned_start,
            actual_start=got["actual_start"], actual_end=got["actual_end"],
            percent_complete=pct, status=got["status"], cancel_reason=m.cancel_reason,
            deliverable=m.deliverable, owner=m.owner, notes=got["notes"],
        )  # fmt: skip
        for f, reason in validate_milestone(edit, today=day).items():
            ck.add("milestones", r, col.get(f, col["code"]), reason)
        got["percent_complete"] = pct
        reported[code] = {f: _show(got[f], "en", "") for f in _M_FIELDS}
        old = {
            "actual_start": m.actual_start, "actual_end": m.actual_end,
            "percent_complete": m.percent_complete, "status": m.status, "notes": m.notes,
        }  # fmt: skip
        diff = [f for f in _M_FIELDS if (old[f] or None) != (got[f] or None)]
        if diff:
            out.milestones.append(
                MilestoneUpdate(m.id, m.version, code, got["actual_start"], got["actual_end"],
                                pct, got["status"], got["notes"] or "")
            )  # fmt: skip
            for f in diff:
                name = R.MILESTONE_COLS[col[f]].header(ui)
                out.changes.append(Change(code, name, _show(old[f], ui, f), _show(got[f], ui, f)))
        head = {f: R.MILESTONE_COLS[col[f]].header(ui) for f in _M_FIELDS}
        end = got["actual_end"]
        if end is not None and end > quarter.last_day and end <= day:
            out.warnings.append(
                t(
                    "{code} {field}: {value} is after the quarter's end ({end})",
                    code=code,
                    field=head["actual_end"],
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
                    field=head["actual_start"],
                    value=start.isoformat(),
                )
            )
        if pct == 100 and got["status"] != "done":
            out.warnings.append(t("{code}: 100% complete but not marked done", code=code))
        if got["status"] == "done" and pct < 100:
            out.warnings.append(t("{code}: done at {pct}% complete", code=code, pct=pct))
    out.reported["milestones"] = reported


def _indicators(ck: _Check, ctx: ReturnContext, out: _Read) -> None:
    ui = language()
    col = {c.field: i for i, c in enumerate(R.INDICATOR_COLS)}
    by_code = {i.code: i for i in ctx.indicators}
    reported: dict[str, dict[str, str]] = {}
    head = R.INDICATOR_COLS[col["ytd_value"]].header(ui)
    for r, code in enumerate(ck.rf.signature.indicators, start=1):
        ind = by_code.get(code)
        if ind is None:
            ck.add(
                "indicators",
                r,
                col["code"],
                t(
                    GONE_I,
                    code=code,
                ),
            )
            continue
        if ctx.year_closed or ind.direction == "qualitative":
            continue  # locked row
        value = _parse(ck, "indicators", r, col["ytd_value"], S.ACTUALS.column("ytd_value"), False)
        note = _parse(ck, "indicators", r, col["note"], S.ACTUALS.column("note"), False) or ""
        if len(note) > MAX_NOTE:
            ck.add("indicators", r, col["note"], t("longer than {n} characters", n=MAX_NOTE))
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
        if ind.value != value or (ind.note or "") != note:
            out.actuals.append(ActualUpdate(ind.id, code, ind.actual_version, value, note))
            if ind.value != value:
                out.changes.append(Change(code, head, _show(ind.value, ui), format_number(value)))
            if (ind.note or "") != note:
                name = R.INDICATOR_COLS[col["note"]].header(ui)
                out.changes.append(Change(code, name, ind.note or "", note))
        if ind.last_quarter is not None and value < ind.last_quarter:
            out.warnings.append(
                t(
                    "{code} {field}: {value} is below last quarter's {last}",
                    code=code,
                    field=head,
                    value=format_number(value),
                    last=format_number(ind.last_quarter),
                )
            )
    out.reported["indicators"] = reported


def _progress(ck: _Check, out: _Read) -> tuple[str, str, str]:
    cells = ck.rf.sheets.get("progress", [])
    rows = {f: i for i, (f, _zh, _en) in enumerate(R.PROGRESS_ROWS)}
    values = {}
    for f, limit in (
        ("contact_name", MAX_CONTACT),
        ("contact_phone", MAX_CONTACT),
        ("narrative", MAX_NARRATIVE),
    ):
        text = R.canon(_cell(cells, rows[f], 1))
        if len(text) > limit:
            ck.add("progress", rows[f], 1, t("longer than {n} characters", n=limit))
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


def _check_file(
    rf: ReturnFile, ctx: ReturnContext, quarter: Quarter, previous: PreviousReturn | None
) -> ProjectReturn | Refusal:
    ck = _Check(rf)
    _check_locked(ck, ctx.no)
    out = _Read()
    _milestones(ck, ctx, out, quarter)
    _indicators(ck, ctx, out)
    contact_name, contact_phone, narrative = _progress(ck, out)
    if ck.problems:
        return _refusal(rf.path.name, ck.problems)
    changes = [
        {"key": c.key, "field": c.field, "before": c.before, "after": c.after} for c in out.changes
    ]
    write = ReturnWrite(
        project_id=ctx.project_id, project_no=ctx.no, quarter=str(quarter),
        file_name=rf.path.name, file_sha256=rf.sha256, unit=ctx.lead_org,
        contact_name=contact_name, contact_phone=contact_phone, narrative=narrative,
        reported=out.reported, changes=changes,
        milestones=tuple(out.milestones), actuals=tuple(out.actuals),
    )  # fmt: skip
    return ProjectReturn(
        file=rf.path.name, project_no=ctx.no, project_name=ctx.name_zh, unit=ctx.lead_org,
        quarter=str(quarter), contact_name=contact_name, contact_phone=contact_phone,
        narrative=narrative, changes=out.changes, warnings=out.warnings, previous=previous,
        since_previous=_since(previous, out.reported), write=write,
    )  # fmt: skip


# --------------------------------------------------------------------- the whole folder


def preview_collect(
    db: Database, folder: str | os.PathLike[str], quarter: Quarter | None = None
) -> CollectResult:
    """Read and check every workbook in `folder`; nothing is written."""
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
    contexts = {c.no: c for c in return_contexts(db, quarter, list(by_no))}
    previous = previous_returns(db, str(quarter))
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
        checked = _check_file(rf, ctx, quarter, prev)
        if isinstance(checked, Refusal):
            refused.append(checked)
        else:
            result.returns.append(checked)
    refused.sort(key=lambda r: r.file)
    return result


def apply_collect(
    db: Database, result: CollectResult, *, each: bool = False, officer: str = ""
) -> CollectResult:
    """Write the checked returns, each project in its own transaction (audited with the
    unit as the source). All or nothing for the folder unless `each`: with any refused
    file, nothing is written."""
    if result.refused and not each:
        return result
    for pr in result.returns:
        try:
            record_return(db, pr.write, officer=officer)
        except UserError as exc:
            pr.error = str(exc)
            if not each:
                raise
            continue
        pr.applied = True
        result.written = True
    return result


def collect_returns(
    db: Database,
    folder: str | os.PathLike[str],
    *,
    quarter: Quarter | None = None,
    dry_run: bool = False,
    each: bool = False,
    officer: str = "",
) -> CollectResult:
    """Preview, then (unless `dry_run`) write; see `apply_collect` for all-or-nothing."""
    result = preview_collect(db, folder, quarter)
    if dry_run:
        return result
    return apply_collect(db, result, each=each, officer=officer)


def received_at_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
