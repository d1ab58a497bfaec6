"""`returns make`: one fill-in workbook per project for its lead organisation.

Written with XlsxWriter, not the streaming writer (io/xlsx_writer.py): a return needs
sheet protection with unlocked input cells, Excel data validation (lists, dates, whole
numbers, decimals) with input messages, cell comments (VML drawings), a very hidden
sheet and wrapped text — none of which the streaming writer has, and comments alone
would mean writing VML by hand. Thirteen small workbooks do not need its speed.

Each workbook holds only its project: a cover, the milestones (actual dates, percent,
status and a note to fill; plan and baseline read-only beside them), the quarter's
indicator year-to-date actuals (last quarter's value and the target read-only), the
progress narrative with the unit's contact, and the hidden signature.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import XlsxFileError

from desktop_app.db import door
from desktop_app.db.database import Database
from desktop_app.domain.periods import Quarter, now, today
from desktop_app.errors import UserError
from desktop_app.fileio import replace_file
from desktop_app.i18n import register, t
from desktop_app.io import returns_sheets as R
from desktop_app.io import sheets as S
from desktop_app.services.returns import read_return_contexts
from desktop_app.snapshots.returns import ReturnContext

EXISTS = "{folder} already holds {n} return workbook(s) for {quarter} (e.g. {file}); pass --force to replace them"  # noqa: E501

register(
    {
        "{folder}: cannot write the workbooks ({reason})": "{folder}:无法写入工作簿({reason})",
        "{folder}: not a folder": "{folder}:不是文件夹",
        EXISTS: "{folder} 中已有 {n} 份 {quarter} 报送表(如 {file});如需覆盖,请加 --force",
    }
)

DATE_FMT = "yyyy-mm-dd"

_TEXT: dict[str, tuple[str, str]] = {
    "heading": (
        "思明区重点支撑项目 季度进展报送表",
        "Siming key projects: quarterly progress return",
    ),
    "project": ("项目", "Project"),
    "unit": ("承担单位", "Lead organisation"),
    "quarter": ("报送季度", "Quarter"),
    "due": ("报送截止日期", "Due by"),
    "office": ("区科技局联系人", "Office contact"),
    "how": ("填写说明", "How to fill it in"),
    "howto": (
        "1. 只填写白底单元格;灰底单元格为只读参考,不能修改。\n"
        "2. “里程碑进展”表:填写实际开始、实际完成日期(如 2026-07-15)、完成进度(0–100 的整数)、状态(从下拉列表选择)和说明。\n"  # noqa: E501
        "3. “指标完成值”表:填写本季度末的年度累计值(自 1 月 1 日起累计,不是本季度增量)。\n"
        "4. “进展情况与联系人”表:填写本季度进展情况、填报联系人和电话。\n"
        "5. 请勿增删行、列或工作表,勿改文件名以外的任何结构;填好后保存为 .xlsx 交回区科技局。",
        "1. Fill in the white cells only; grey cells are read-only references.\n"
        "2. Milestones: actual start and finish dates (e.g. 2026-07-15), percent complete "
        "(a whole number 0–100), status (pick from the list) and a note.\n"
        "3. Indicators: the year-to-date value at the end of this quarter (since 1 January, "
        "not this quarter's increment).\n"
        "4. Progress and contact: this quarter's progress, the contact person and phone.\n"
        "5. Do not add or delete rows, columns or sheets; save as .xlsx and send it back.",
    ),
    "made": ("生成日期", "Made on"),
    "none": ("(无)", "(none)"),
    "closed": (
        "本年度已完成绩效评价,指标完成值只读。",
        "This year is closed by its evaluation: indicator values are read only.",
    ),
    "qualitative": ("定性指标由区科技局评分", "Qualitative: scored by the office"),
    "cancelled": ("已取消,只读", "Cancelled; read only"),
    "date_title": ("日期", "Date"),
    "date_msg": ("请输入日期,如 2026-07-15。", "Enter a date, e.g. 2026-07-15."),
    "date_err": ("请输入 2000–2100 年间的日期。", "Enter a date between 2000 and 2100."),
    "pct_title": ("完成进度", "Percent complete"),
    "pct_msg": ("0 至 100 的整数,如 60。", "A whole number from 0 to 100, e.g. 60."),
    "pct_err": ("须为 0 至 100 的整数。", "Must be a whole number from 0 to 100."),
    "status_title": ("状态", "Status"),
    "status_msg": ("从下拉列表选择。", "Pick one from the list."),
    "status_err": ("请从下拉列表选择状态。", "Pick a status from the list."),
    "ytd_title": ("年度累计值", "Year to date"),
    "ytd_msg": (
        "本季度末的年度累计值(数字),自 1 月 1 日起累计。",
        "The year-to-date figure at the end of this quarter (a number), since 1 January.",
    ),
    "ytd_msg_neg": ("可为负数。", "May be negative."),
    "ytd_err": ("须为数字。", "Must be a number."),
    "ytd_err_pos": ("须为不小于 0 的数字。", "Must be a number of at least 0."),
    "note_title": ("说明", "Note"),
    "note_msg": ("不超过 2000 字。", "At most 2,000 characters."),
    "narr_msg": (
        "本季度主要进展、存在问题和下季度计划,不超过 5000 字。",
        "Main progress, problems and next quarter's plan; at most 5,000 characters.",
    ),
    "readonly": ("只读参考,不能修改", "read only, for reference"),
    "fill": ("请填写", "fill this in"),
    "author": ("区科技局", "District S&T office"),
    "first_quarter": ("第一季度无上季度值", "no previous quarter in Q1"),
}


def _tx(key: str, lang: str) -> str:
    zh, en = _TEXT[key]
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class MakeOptions:
    quarter: Quarter
    folder: Path
    lang: str = "zh"
    due: date | None = None
    office_contact: str = ""
    force: bool = False  # replace the returns already in the folder for this quarter


@dataclass
class MakeResult:
    folder: Path
    files: list[Path] = field(default_factory=list)


def default_due(quarter: Quarter) -> date:
    """Fifteen days after the quarter ends."""
    return quarter.last_day + timedelta(days=15)


class _Book:
    """One project's workbook; records each locked cell it writes for the signature."""

    def __init__(self, path: Path, ctx: ReturnContext, opts: MakeOptions, token: str) -> None:
        import xlsxwriter

        self.ctx, self.opts, self.lang, self.token = ctx, opts, opts.lang, token
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
        self.wb.set_properties({"title": f"{ctx.no:02d} {ctx.name_zh} {ctx.quarter}"})
        base = {"font_name": "Microsoft YaHei" if self.lang == "zh" else "Calibri", "valign": "top"}
        wb = self.wb
        self.f_locked = wb.add_format({**base, "bg_color": "#EDEDED", "text_wrap": True})
        self.f_locked_date = wb.add_format({**base, "bg_color": "#EDEDED", "num_format": DATE_FMT})
        self.f_locked_num = wb.add_format(
            {**base, "bg_color": "#EDEDED", "num_format": "#,##0.####"}
        )
        self.f_head = wb.add_format(
            {**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "border": 1}
        )
        self.f_head_edit = wb.add_format(
            {**base, "bold": True, "bg_color": "#FFF2CC", "text_wrap": True, "border": 1}
        )
        self.f_edit = wb.add_format({**base, "locked": False, "text_wrap": True, "border": 1})
        self.f_edit_date = wb.add_format(
            {**base, "locked": False, "num_format": DATE_FMT, "border": 1}
        )
        self.f_edit_num = wb.add_format({**base, "locked": False, "border": 1})
        self.f_title = wb.add_format({**base, "bold": True, "font_size": 16})
        self.f_label = wb.add_format({**base, "bold": True, "bg_color": "#EDEDED"})
        self.cells: dict[str, list[list[Any]]] = {}

    # -- cells ---------------------------------------------------------------------
    def locked(self, ws: Any, sheet: str, r: int, c: int, value: Any, fmt: Any = None) -> None:
        if isinstance(value, date):
            ws.write_datetime(
                r, c, datetime(value.year, value.month, value.day), self.f_locked_date
            )
        elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            ws.write_number(r, c, float(value), fmt or self.f_locked_num)
        else:
            ws.write_string(r, c, "" if value is None else str(value), fmt or self.f_locked)
        self.cells.setdefault(sheet, []).append([r, c, R.canon(value)])

    def editable(self, ws: Any, r: int, c: int, value: Any) -> None:
        if isinstance(value, date):
            ws.write_datetime(r, c, datetime(value.year, value.month, value.day), self.f_edit_date)
        elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            ws.write_number(r, c, float(value), self.f_edit_num)
        elif value:
            ws.write_string(r, c, str(value), self.f_edit)
        else:
            ws.write_blank(r, c, None, self.f_edit)

    def header(self, ws: Any, sheet: str, cols: tuple[R.Col, ...]) -> None:
        for c, col in enumerate(cols):
            fmt = self.f_head_edit if col.editable else self.f_head
            self.locked(ws, sheet, 0, c, col.header(self.lang), fmt)
            ws.set_column(c, c, col.width)
            note = col.note_zh if self.lang == "zh" else col.note_en
            if not col.editable:
                note = "; ".join(x for x in (note, _tx("readonly", self.lang)) if x)
            ws.write_comment(0, c, note or _tx("fill", self.lang), {"x_scale": 1.6, "y_scale": 0.6})
        ws.set_comments_author(_tx("author", self.lang))
        ws.set_row(0, 32)
        ws.freeze_panes(1, 3)

    @staticmethod
    def protect(ws: Any) -> None:
        """No password: nothing is hidden from the unit; protection only stops slips."""
        ws.protect(
            "",
            {
                "select_locked_cells": True,
                "select_unlocked_cells": True,
                "format_columns": True,
                "format_rows": True,
            },
        )

    # -- sheets --------------------------------------------------------------------
    def cover(self) -> None:
        lang, ctx, opts = self.lang, self.ctx, self.opts
        ws = self.wb.add_worksheet(R.title(R.COVER, lang))
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 90)
        ws.write_string(0, 0, _tx("heading", lang), self.f_title)
        name = ctx.name_zh if lang == "zh" or not ctx.name_en else ctx.name_en
        due = opts.due or default_due(Quarter.parse(ctx.quarter))
        rows = [
            ("project", f"{ctx.no:02d} {name}"),
            ("unit", ctx.lead_org),
            ("quarter", ctx.quarter),
            ("due", due.isoformat()),
            ("office", opts.office_contact),
            ("made", today().isoformat()),
            ("how", _tx("howto", lang)),
        ]
        for i, (key, value) in enumerate(rows, start=2):
            ws.write_string(i, 0, _tx(key, lang), self.f_label)
            ws.write_string(i, 1, value, self.f_locked)
        ws.set_row(2 + len(rows) - 1, 150)
        self.protect(ws)
        ws.activate()

    def milestones(self) -> None:
        lang, sheet = self.lang, "milestones"
        ws = self.wb.add_worksheet(R.title(R.MILESTONES, lang))
        cols = R.MILESTONE_COLS
        self.header(ws, sheet, cols)
        status_names = [zh if lang == "zh" else en for _c, zh, en in R.STATUS_CHOICES]
        col = {c.field: i for i, c in enumerate(cols)}
        for r, m in enumerate(self.ctx.milestones, start=1):
            frozen = m.status == "cancelled"
            values: dict[str, Any] = {
                "project_no": self.ctx.no,
                "code": m.code,
                "title": m.title,
                "planned_start": m.planned_start,
                "planned_end": m.planned_end,
                "baseline_start": m.baseline_start,
                "baseline_end": m.baseline_end,
                "actual_start": m.actual_start,
                "actual_end": m.actual_end,
                "percent_complete": m.percent_complete,
                "status": S.MILESTONES.column("status").choice_name(m.status, lang),
                "notes": m.notes,
            }
            for c, spec in enumerate(cols):
                if spec.editable and not frozen:
                    self.editable(ws, r, c, values[spec.field])
                else:
                    self.locked(ws, sheet, r, c, values[spec.field])
            if frozen:
                ws.write_comment(r, col["status"], _tx("cancelled", lang))
        last = len(self.ctx.milestones)
        if last:
            self._validate_dates(ws, 1, last, col["actual_start"], col["actual_end"])
            ws.data_validation(
                1, col["percent_complete"], last, col["percent_complete"],
                {
                    "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
                    "input_title": _tx("pct_title", lang), "input_message": _tx("pct_msg", lang),
                    "error_message": _tx("pct_err", lang),
                },
            )  # fmt: skip
            ws.data_validation(
                1, col["status"], last, col["status"],
                {
                    "validate": "list", "source": status_names,
                    "input_title": _tx("status_title", lang),
                    "input_message": _tx("status_msg", lang),
                    "error_message": _tx("status_err", lang),
                },
            )  # fmt: skip
            ws.data_validation(
                1, col["notes"], last, col["notes"],
                {
                    "validate": "length", "criteria": "<=", "value": 2000,
                    "input_title": _tx("note_title", lang), "input_message": _tx("note_msg", lang),
                },
            )  # fmt: skip
        self.protect(ws)

    def _validate_dates(self, ws: Any, first: int, last: int, c1: int, c2: int) -> None:
        lang = self.lang
        ws.data_validation(
            first, c1, last, c2,
            {
                "validate": "date", "criteria": "between",
                "minimum": datetime(2000, 1, 1), "maximum": datetime(2100, 12, 31),
                "input_title": _tx("date_title", lang), "input_message": _tx("date_msg", lang),
                "error_message": _tx("date_err", lang),
            },
        )  # fmt: skip

    def indicators(self) -> None:
        lang, sheet, ctx = self.lang, "indicators", self.ctx
        ws = self.wb.add_worksheet(R.title(R.INDICATORS, lang))
        cols = R.INDICATOR_COLS
        self.header(ws, sheet, cols)
        col = {c.field: i for i, c in enumerate(cols)}
        year = Quarter.parse(ctx.quarter).year
        first_q = Quarter.parse(ctx.quarter).q == 1
        for r, ind in enumerate(ctx.indicators, start=1):
            frozen = ctx.year_closed or ind.direction == "qualitative"
            zh, en = R.DIRECTION_NAMES.get(ind.direction, (ind.direction, ind.direction))
            values: dict[str, Any] = {
                "project_no": ctx.no,
                "year": year,
                "code": ind.code,
                "name": ind.name,
                "unit": ind.unit,
                "direction": zh if lang == "zh" else en,
                "target": ind.target,
                "last_quarter": ind.last_quarter,
                "ytd_value": ind.value,
                "note": ind.note,
            }
            for c, spec in enumerate(cols):
                if spec.editable and not frozen:
                    self.editable(ws, r, c, values[spec.field])
                else:
                    self.locked(ws, sheet, r, c, values[spec.field])
            if frozen:
                key = "closed" if ctx.year_closed else "qualitative"
                ws.write_comment(r, col["ytd_value"], _tx(key, lang))
            elif first_q:
                ws.write_comment(r, col["last_quarter"], _tx("first_quarter", lang))
            if not frozen:
                if ind.allow_negative:
                    rule: dict[str, Any] = {
                        "validate": "decimal",
                        "criteria": "between",
                        "minimum": -1e15,
                        "maximum": 1e15,
                    }
                    msg = _tx("ytd_msg", lang) + _tx("ytd_msg_neg", lang)
                    err = _tx("ytd_err", lang)
                else:
                    rule = {"validate": "decimal", "criteria": ">=", "value": 0}
                    msg, err = _tx("ytd_msg", lang), _tx("ytd_err_pos", lang)
                ws.data_validation(
                    r, col["ytd_value"], r, col["ytd_value"],
                    {**rule, "input_title": _tx("ytd_title", lang), "input_message": msg,
                     "error_message": err},
                )  # fmt: skip
        if not ctx.indicators:
            ws.write_string(1, 0, _tx("none", lang), self.f_locked)
        self.protect(ws)

    def progress(self) -> None:
        lang, sheet, ctx = self.lang, "progress", self.ctx
        ws = self.wb.add_worksheet(R.title(R.PROGRESS, lang))
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 90)
        name = ctx.name_zh if lang == "zh" or not ctx.name_en else ctx.name_en
        values = {
            "project": f"{ctx.no:02d} {name}",
            "quarter": ctx.quarter,
            "contact_name": ctx.contact_name,
            "contact_phone": ctx.contact_phone,
            "narrative": "",
        }
        for r, (fld, zh, en) in enumerate(R.PROGRESS_ROWS):
            self.locked(ws, sheet, r, 0, zh if lang == "zh" else en, self.f_label)
            if fld in R.PROGRESS_EDITABLE:
                self.editable(ws, r, 1, values[fld])
            else:
                self.locked(ws, sheet, r, 1, values[fld])
        narrative = len(R.PROGRESS_ROWS) - 1
        ws.set_row(narrative, 300)
        ws.data_validation(
            narrative, 1, narrative, 1,
            {"validate": "length", "criteria": "<=", "value": 5000,
             "input_title": _tx("note_title", lang), "input_message": _tx("narr_msg", lang)},
        )  # fmt: skip
        self.protect(ws)

    def signature(self) -> None:
        ctx = self.ctx
        sig = R.Signature(
            project_no=ctx.no,
            quarter=ctx.quarter,
            version=R.TEMPLATE_VERSION,
            lang=self.lang,
            milestones=tuple(m.code for m in ctx.milestones),
            indicators=tuple(i.code for i in ctx.indicators),
            cells=self.cells,
            token=self.token,
        )
        ws = self.wb.add_worksheet(R.SIGNATURE_SHEET)
        for r, (label, value) in enumerate(sig.rows()):
            ws.write_string(r, 0, label)
            ws.write_string(r, 1, value)
        ws.protect("")
        ws.very_hidden()

    def close(self) -> None:
        self.wb.close()


def sent_values(ctx: ReturnContext) -> dict[str, Any]:
    """Every value the unit may change, as the workbook carries it and as collect reads it
    back (`R.sent_value`): the base of the three-way collect."""
    v = R.sent_value
    return {
        "milestones": {
            m.code: {
                "actual_start": v(m.actual_start),
                "actual_end": v(m.actual_end),
                "percent_complete": v(m.percent_complete),
                "status": m.status,
                "notes": v(m.notes),
            }
            for m in ctx.milestones
        },
        "indicators": {
            i.code: {"ytd_value": v(i.value), "note": v(i.note)} for i in ctx.indicators
        },
        "progress": {
            "contact_name": v(ctx.contact_name),
            "contact_phone": v(ctx.contact_phone),
            "narrative": "",
        },
    }


def make_workbook(path: Path, ctx: ReturnContext, opts: MakeOptions, token: str = "") -> Path:
    book = _Book(path, ctx, opts, token)
    book.cover()
    book.milestones()
    book.indicators()
    book.progress()
    book.signature()
    book.close()
    return path


def existing_returns(folder: Path, quarter: Quarter) -> list[Path]:
    """Return workbooks for `quarter` already in `folder` (by the name `make` gives them)."""
    if not folder.is_dir():
        return []
    tail = f"-{quarter}.xlsx".casefold()
    return sorted(p for p in folder.iterdir() if p.name.casefold().endswith(tail) and p.is_file())


def make_returns(db: Database, opts: MakeOptions, nos: list[int] | None = None) -> MakeResult:
    """One workbook per project (or per number in `nos`) in `opts.folder`.

    Each workbook gets a token, and `return_sent` keeps what it carried under that token,
    in one transaction with the workbooks' arrival: they are written as `.part` files
    first and renamed only once the rows are stored, so a failure leaves neither. A folder
    already holding returns for the quarter needs `opts.force`.
    """
    folder = Path(opts.folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(t("{folder}: not a folder", folder=folder))
    there = existing_returns(folder, opts.quarter)
    if there and not opts.force:
        raise UserError(
            t(EXISTS, folder=folder, n=len(there), quarter=opts.quarter, file=there[0].name)
        )
    contexts = read_return_contexts(db, opts.quarter, nos)
    result = MakeResult(folder)
    parts: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for ctx in contexts:
            name = ctx.name_zh if opts.lang == "zh" or not ctx.name_en else ctx.name_en
            path = folder / R.workbook_name(ctx.no, name, ctx.quarter)
            tmp = path.with_name(path.name + ".part")
            token = str(uuid.uuid4())
            parts.append((tmp, path))
            make_workbook(tmp, ctx, opts, token)
            rows.append(
                {
                    "token": token,
                    "project_id": ctx.project_id,
                    "quarter": ctx.quarter,
                    "file_name": path.name[:260],
                    "sent": json.dumps(sent_values(ctx), ensure_ascii=False, sort_keys=True),
                }
            )
        _remember(db, rows)
        for tmp, path in parts:
            replace_file(tmp, path)  # a workbook open in Excel: retried, then named
            result.files.append(path)
    except (OSError, XlsxFileError) as exc:
        raise UserError(
            t("{folder}: cannot write the workbooks ({reason})", folder=folder, reason=exc)
        ) from exc
    finally:
        for tmp, _path in parts:
            with contextlib.suppress(OSError):
                if not tmp.is_dir():
                    tmp.unlink(missing_ok=True)
    return result


def _remember(db: Database, rows: list[dict[str, Any]]) -> None:
    """Store what each workbook carried (not audited: no figure changes)."""
    if not rows:
        return
    from sqlalchemy import insert

    with db.session() as s:
        made_by = str(s.info.get("officer", ""))[:100]
        stamp = now().replace(tzinfo=None, microsecond=0)
        s.execute(
            insert(door.table("return_sent")),
            [r | {"made_at": stamp, "made_by": made_by} for r in rows],
        )
