"""The layout of a quarterly return workbook and its hidden signature, shared by the maker
and the collector so the two cannot drift apart.

The signature (a very hidden, protected sheet) names the project, the quarter, the
template version and the language, lists the keys (milestone and indicator codes) with
their hash, and keeps a copy of every locked cell. A digest over all of it tells a
tampered signature from a good one; the copy tells which locked cell a unit changed.
It guards against mix-ups, not against forgery (there is no secret in it).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop_app.io import sheets as S

MAGIC = "key-projects quarterly return"
TEMPLATE_VERSION = 1
KNOWN_VERSIONS = (1,)
SIGNATURE_SHEET = "_signature"
CHUNK = 30_000  # characters per signature cell (Excel's limit is 32,767)

COVER = ("封面", "Cover")
MILESTONES = ("里程碑进展", "Milestones")
INDICATORS = ("指标完成值", "Indicators")
PROGRESS = ("进展情况与联系人", "Progress and contact")


def title(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


@dataclass(frozen=True)
class Col:
    """A column of a data sheet: its field, header (zh, en), whether the unit fills it."""

    field: str
    zh: str
    en: str
    editable: bool = False
    width: int = 12
    note_zh: str = ""
    note_en: str = ""

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


MILESTONE_COLS: tuple[Col, ...] = (
    Col("project_no", "项目编号", "Project no.", width=9),
    Col(
        "code",
        "里程碑编号",
        "Milestone code",
        width=11,
        note_zh="键,勿改",
        note_en="key; do not change",
    ),
    Col("title", "里程碑", "Milestone", width=30),
    Col("planned_start", "计划开始", "Planned start"),
    Col("planned_end", "计划完成", "Planned end"),
    Col("baseline_start", "基准开始", "Baseline start"),
    Col("baseline_end", "基准完成", "Baseline end"),
    Col(
        "actual_start",
        "实际开始",
        "Actual start",
        True,
        note_zh="日期,如 2026-07-15",
        note_en="a date, e.g. 2026-07-15",
    ),
    Col(
        "actual_end",
        "实际完成",
        "Actual finish",
        True,
        note_zh="日期;完成后填写,不晚于今天",
        note_en="a date; once finished, not after today",
    ),
    Col(
        "percent_complete",
        "完成进度（%）",
        "Complete (%)",
        True,
        width=11,
        note_zh="0–100 的整数",
        note_en="a whole number 0–100",
    ),
    Col(
        "status",
        "状态",
        "Status",
        True,
        width=10,
        note_zh="从下拉列表选择",
        note_en="pick from the list",
    ),
    Col(
        "notes",
        "说明",
        "Note",
        True,
        width=36,
        note_zh="进展、困难或原因",
        note_en="progress, problems or reasons",
    ),
)

INDICATOR_COLS: tuple[Col, ...] = (
    Col("project_no", "项目编号", "Project no.", width=9),
    Col("year", "年度", "Year", width=7),
    Col(
        "code",
        "指标编号",
        "Indicator code",
        width=11,
        note_zh="键,勿改",
        note_en="key; do not change",
    ),
    Col("name", "指标名称", "Indicator", width=30),
    Col("unit", "单位", "Unit", width=8),
    Col("direction", "方向", "Direction", width=10),
    Col("target", "年度目标值", "Year target", width=11),
    Col(
        "last_quarter",
        "上季度累计值",
        "Last quarter YTD",
        width=13,
        note_zh="上季度末的年度累计值(只读)",
        note_en="year to date at the end of last quarter (read only)",
    ),
    Col(
        "ytd_value",
        "本季度累计值",
        "This quarter YTD",
        True,
        width=13,
        note_zh="本季度末的年度累计值(自 1 月 1 日起)",
        note_en="year to date at the end of this quarter (since 1 January)",
    ),
    Col("note", "说明", "Note", True, width=36),
)

#: Progress sheet: (field, zh label, en label), values in column B.
PROGRESS_ROWS: tuple[tuple[str, str, str], ...] = (
    ("project", "项目", "Project"),
    ("quarter", "季度", "Quarter"),
    ("contact_name", "填报联系人", "Contact person"),
    ("contact_phone", "联系电话", "Phone"),
    ("narrative", "本季度进展情况", "Progress this quarter"),
)
PROGRESS_EDITABLE = ("contact_name", "contact_phone", "narrative")

STATUS_CHOICES = tuple(c for c in S.MILESTONE_STATUS if c[0] != "cancelled")
DIRECTION_NAMES = {code: (zh, en) for code, zh, en in S.DIRECTION}


def canon(value: Any) -> str:
    """One text for a cell value however a reader returns it (date, datetime, float, str)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, int):
        return str(value)
    return str(value).strip()


def sent_value(value: Any) -> str:
    """A value as `return_sent` keeps it and as collect compares it: the text the reader
    gives back (stripped), exact decimals, ISO dates; so an untouched cell equals what
    was sent however Excel stored it."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    if isinstance(value, float) and not value.is_integer():
        return sent_value(Decimal(repr(value)))
    return canon(value)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def keys_hash(milestones: list[str], indicators: list[str]) -> str:
    return hashlib.sha256(_json({"m": milestones, "i": indicators}).encode()).hexdigest()


@dataclass(frozen=True)
class Signature:
    project_no: int
    quarter: str
    version: int
    lang: str
    milestones: tuple[str, ...]
    indicators: tuple[str, ...]
    cells: dict[str, list[list[Any]]]
    """Locked cells per sheet id: [row, column, canonical value] (0-based)."""
    token: str = ""
    """The `return_sent` row holding what this workbook carried; "" in workbooks made
    before collect became three-way (the payload then has no token, so their digest holds)."""

    def payload(self) -> dict[str, Any]:
        extra = {"token": self.token} if self.token else {}
        return extra | {
            "magic": MAGIC,
            "project_no": self.project_no,
            "quarter": self.quarter,
            "version": self.version,
            "lang": self.lang,
            "milestones": list(self.milestones),
            "indicators": list(self.indicators),
            "keys_sha256": keys_hash(list(self.milestones), list(self.indicators)),
            "cells": self.cells,
        }

    def digest(self) -> str:
        return hashlib.sha256(_json(self.payload()).encode()).hexdigest()

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) rows of the hidden sheet."""
        data = _json(self.payload())
        rows = [
            ("magic", MAGIC),
            ("template_version", str(self.version)),
            ("project_no", str(self.project_no)),
            ("quarter", self.quarter),
            ("keys_sha256", keys_hash(list(self.milestones), list(self.indicators))),
            ("digest", self.digest()),
        ]
        if self.token:
            rows.append(("token", self.token))
        rows += [("payload", data[i : i + CHUNK]) for i in range(0, len(data), CHUNK)]
        return rows


class BadSignature(ValueError):
    """No signature, a tampered one, or one this program does not know (the reason)."""


_SAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}


def safe_file_name(text: str, limit: int = 120) -> str:
    """A file name Windows accepts: no reserved characters or names, no trailing dot or
    space, not too long (the folder path still has to fit in 260 characters)."""
    name = _SAFE.sub("_", text).strip().rstrip(". ")
    stem = name.split(".")[0].upper()
    if stem in _RESERVED:
        name = "_" + name
    return name[:limit].rstrip(". ") or "_"


def workbook_name(no: int, name: str, quarter: str) -> str:
    return safe_file_name(f"{no:02d}-{name}-{quarter}") + ".xlsx"
