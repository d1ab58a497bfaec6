"""Are the values in a SQLite file ones this version could have stored?

A matching schema proves little about the rows: SQLite's type affinity keeps
`amount_fen = 'abc'` or `planned_end = 'not-a-date'` as text, and nothing re-checks a
row written by another program. Export and the brief then fail on them. So restore and
`check` read every value and compare it with its column's declared type and with the field
rules every door applies (`domain.limits`), and hash every archived brief and evidence
file. Each problem is one line naming the table, the row, the column and why.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from desktop_app.db.archives import archive_problem, as_bytes
from desktop_app.domain import limits
from desktop_app.i18n import register, t

register(
    {
        "table “{table}”, row {row}, column “{column}”: {why}":
            "数据表“{table}”第 {row} 行“{column}”列:{why}",
        "stored as {stored}, not {expected}": "存储为{stored},而不是{expected}",
        "a whole number": "整数",
        "a decimal number": "小数",
        "text": "文本",
        "bytes": "字节",
        "empty": "空值",
        "not a date ({value})": "不是日期({value})",
        "not a date and time ({value})": "不是日期时间({value})",
        "not 0 or 1 ({value})": "不是 0 或 1({value})",
        "not valid JSON": "不是有效的 JSON",
        "text that is not UTF-8": "不是 UTF-8 编码的文本",
        "no value, but one is required": "没有值,但此处必须有值",
        "the bytes no longer match their SHA-256": "内容与其 SHA-256 不符",
    }
)

#: Text columns holding JSON: checked as JSON, not as typed text (they may be long).
JSON_COLUMNS = frozenset(
    {
        ("quarter_close", "figures"),
        ("quarterly_return", "reported"),
        ("quarterly_return", "changes"),
        ("return_sent", "sent"),
    }
)
#: Text that records what was there before (history) or settings the program writes.
RECORD_COLUMNS = frozenset(
    {("audit_entry", "before"), ("audit_entry", "after"), ("setting", "value")}
)
#: SQLite's own tables: never ours to check.
_INTERNAL = re.compile(r"^sqlite_")
_VARCHAR = re.compile(r"^(?:VARCHAR|CHAR|NVARCHAR)\s*\((\d+)\)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?$"
)
_SHOWN = 40
_REAL_KINDS = ("REAL", "FLOAT", "DOUBLE", "NUMERIC")


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, bytes) else str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _stored(value: object) -> str:
    if value is None:
        return t("empty")
    if isinstance(value, bool | int):
        return t("a whole number")
    if isinstance(value, float):
        return t("a decimal number")
    if isinstance(value, str):
        return t("text")
    return t("bytes")


def _scales() -> dict[tuple[str, str], int]:
    """(table, column) → decimal places of every `ScaledDecimal` column of the models."""
    from desktop_app.db.models import Base
    from desktop_app.db.types import ScaledDecimal

    out = {}
    for table in Base.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, ScaledDecimal):
                out[(table.name, column.name)] = column.type.scale
    return out


def _int_problem(table: str, column: str, value: int, scale: int | None) -> str | None:
    if scale is not None:
        return limits.decimal_problem(Decimal(value).scaleb(-scale), column, scale)
    if column.endswith("_fen") and not 0 <= value <= limits.MAX_FEN:
        return limits.range_problem(value, 0, limits.MAX_FEN)
    if column in limits.DECIMAL_RANGES:
        lo, hi = limits.DECIMAL_RANGES[column]
        return limits.range_problem(Decimal(value), lo, hi)
    return limits.int_problem(value, column)


def _text_problem(table: str, column: str, value: str, length: int | None) -> str | None:
    if (table, column) in JSON_COLUMNS:
        try:
            json.loads(value)
        except ValueError:
            return t("not valid JSON")
        return None
    if (table, column) in RECORD_COLUMNS:
        return None
    if length is not None and len(value) > length:
        return t("at most {n} characters (this one has {m})", n=length, m=len(value))
    field = column if length is not None or column in limits.MULTILINE else "notes"
    return limits.text_problem(value, field)


def value_problem(
    table: str, column: str, declared: str, value: object, *, notnull: bool, scale: int | None
) -> str | None:
    """Why `value` cannot be what this version stores in `table.column` (None: it can)."""
    kind = declared.strip().upper()
    if value is None:
        return t("no value, but one is required") if notnull else None
    if kind in ("INTEGER", "BIGINT", "SMALLINT", "INT", "BOOLEAN"):
        if not isinstance(value, int):
            return t("stored as {stored}, not {expected}", stored=_stored(value),
                     expected=t("a whole number"))
        if kind == "BOOLEAN":
            return None if value in (0, 1) else t("not 0 or 1 ({value})", value=value)
        return _int_problem(table, column, value, scale)
    if kind in _REAL_KINDS:  # none today; a number either way, never text
        if isinstance(value, bool) or not isinstance(value, int | float):
            return t("stored as {stored}, not {expected}", stored=_stored(value),
                     expected=t("a decimal number"))
        return None
    if kind == "BLOB":
        if not isinstance(value, bytes):
            return t("stored as {stored}, not {expected}", stored=_stored(value),
                     expected=t("bytes"))
        return None
    if not isinstance(value, str):
        return t("stored as {stored}, not {expected}", stored=_stored(value), expected=t("text"))
    if kind == "DATE":
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            return t("not a date ({value})", value=_shown(value))
        return None
    if kind == "DATETIME":
        try:
            if not _DATETIME.match(value):
                raise ValueError(value)
            datetime.fromisoformat(value)
        except ValueError:
            return t("not a date and time ({value})", value=_shown(value))
        return None
    match = _VARCHAR.match(kind)
    return _text_problem(table, column, value, int(match.group(1)) if match else None)


def _line(table: str, row: object, column: str, why: str) -> str:
    return t("table “{table}”, row {row}, column “{column}”: {why}", table=table, row=row,
             column=column, why=why)


def _tables(conn: sqlite3.Connection) -> list[str]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").fetchall()]
    texts = [_text(n) for n in names]
    return [n for n in texts if not _INTERNAL.match(n) and n != "alembic_version"]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column_problems(conn: sqlite3.Connection, *, first_only: bool = True) -> list[str]:
    """Every value (or the first) whose storage class or field rule this version refuses.

    Text is read as bytes and decoded here: text that is not UTF-8 (bytes appended to a
    PDF by hand come back so) is a problem to name, not an exception."""
    scales = _scales()
    out: list[str] = []
    factory = conn.text_factory
    conn.text_factory = bytes
    try:
        for table in _tables(conn):
            for problem in _table_problems(conn, table, scales):
                out.append(problem)
                if first_only:
                    return out
    finally:
        conn.text_factory = factory
    return out


def _table_problems(
    conn: sqlite3.Connection, table: str, scales: dict[tuple[str, str], int]
) -> Iterator[str]:
    """The rules of `value_problem`, on the rows SQLite's own scan finds suspect.

    Reading every value into Python took 7.5 s for the 2,000-project benchmark database;
    a `WHERE` that keeps every row any rule could refuse (a superset: Python decides) reads
    only those, and a sound file is checked in one scan per table."""
    info = conn.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()
    # cid, name, type, notnull, default, pk
    columns = [(_text(r[1]), _text(r[2] or b""), bool(r[3])) for r in info]
    keys = [_text(r[1]) for r in sorted(info, key=lambda r: r[5]) if r[5]]
    key_sql = ", ".join(_quoted(k) for k in keys) if keys else "rowid"
    select = ", ".join(f"typeof({_quoted(c)}), {_quoted(c)}" for c, _d, _n in columns)
    where: list[str] = []
    params: list[object] = []
    for column, declared, notnull in columns:
        sql, args = _suspect(table, column, declared, notnull, scales.get((table, column)))
        where.append(f"({sql})")
        params.extend(args)
    width = len(keys) or 1
    query = f"SELECT {key_sql}, {select} FROM {_quoted(table)} WHERE {' OR '.join(where)}"
    for row in conn.execute(query, params):
        key = "/".join(_text(k) for k in row[:width])
        values = row[width:]
        for i, (column, declared, notnull) in enumerate(columns):
            storage, value = values[2 * i], values[2 * i + 1]
            if storage == b"text":
                try:
                    value = bytes(value).decode("utf-8")
                except UnicodeDecodeError:
                    yield _line(table, key, column, t("text that is not UTF-8"))
                    continue
            why = value_problem(
                table, column, declared, value, notnull=notnull, scale=scales.get((table, column))
            )
            if why is not None:
                yield _line(table, key, column, why)


_INT_KINDS = ("INTEGER", "BIGINT", "SMALLINT", "INT", "BOOLEAN")
#: Control characters as a GLOB class: any, and all but tab and line breaks (notes).
_CONTROL_GLOB = "*[\x01-\x1f\x7f-\x9f\u2028\u2029]*"
_CONTROL_GLOB_MULTILINE = "*[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]*"


def _int_bounds(column: str, scale: int | None) -> tuple[int, int] | None:
    """Whole-number bounds wide enough for every value `_int_problem` accepts."""
    if scale is not None:
        if column not in limits.DECIMAL_RANGES:
            return None
        lo, hi = limits.DECIMAL_RANGES[column]
        return math.floor(lo.scaleb(scale)), math.ceil(hi.scaleb(scale))
    if column.endswith("_fen"):
        return 0, limits.MAX_FEN
    if column in limits.DECIMAL_RANGES:
        lo, hi = limits.DECIMAL_RANGES[column]
        return math.floor(lo), math.ceil(hi)
    return limits.INT_RANGES.get(column)


def _suspect(
    table: str, column: str, declared: str, notnull: bool, scale: int | None
) -> tuple[str, list[object]]:
    """A SQL condition true for every value of the column `value_problem` could refuse."""
    c = _quoted(column)
    kind = declared.strip().upper()
    null = f" OR {c} IS NULL" if notnull else ""
    if kind in _INT_KINDS:
        sql = f"typeof({c}) NOT IN ('integer', 'null'){null}"
        if kind == "BOOLEAN":
            return f"{sql} OR {c} NOT IN (0, 1)", []
        bounds = _int_bounds(column, scale)
        if bounds is None:
            return sql, []
        return f"{sql} OR {c} < ? OR {c} > ?", [bounds[0], bounds[1]]
    if kind in _REAL_KINDS:
        return f"typeof({c}) NOT IN ('integer', 'real', 'null'){null}", []
    if kind == "BLOB":
        return f"typeof({c}) NOT IN ('blob', 'null'){null}", []
    text = f"typeof({c}) NOT IN ('text', 'null'){null}"
    if kind == "DATE":
        # a modifier makes date() roll 2023-02-30 over to March; year 0 is left to Python
        return f"{text} OR date({c}, '+0 days') IS NOT {c} OR substr({c}, 1, 4) = '0000'", []
    if kind == "DATETIME" or (table, column) in JSON_COLUMNS:
        return "1", []  # few rows; parsed in Python
    if (table, column) in RECORD_COLUMNS:
        return text, []
    match = _VARCHAR.match(kind)
    field = column if match or column in limits.MULTILINE else "notes"
    limit = limits.text_max(field)
    if match:
        limit = min(limit, int(match.group(1)))
    control = _CONTROL_GLOB_MULTILINE if field in limits.MULTILINE else _CONTROL_GLOB
    # instr(…, char(0)): GLOB's pattern cannot hold NUL
    return (
        f"{text} OR length({c}) > ? OR {c} GLOB ? OR instr({c}, char(0)) > 0",
        [limit, control],
    )


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def hash_problems(conn: sqlite3.Connection) -> list[str]:
    """Archived briefs (both languages) and evidence files that fail their SHA-256."""
    out: list[str] = []
    columns = {r[1] for r in conn.execute("PRAGMA table_info(quarter_close)").fetchall()}
    if {"pdf", "sha256"} <= columns:
        english = {"pdf_en", "sha256_en"} <= columns
        rows = conn.execute(
            "SELECT quarter, sha256, pdf, "
            + ("sha256_en, pdf_en" if english else "NULL, NULL")
            + " FROM quarter_close ORDER BY quarter, id"
        ).fetchall()
        for quarter, sha, pdf, sha_en, pdf_en in rows:
            for problem in (
                archive_problem(quarter, "zh", sha, pdf, optional=False),
                archive_problem(quarter, "en", sha_en, pdf_en, optional=True),
            ):
                if problem is not None:
                    out.append(problem)
    if "evidence_blob" in _tables(conn):
        keys = [r[0] for r in conn.execute(
            "SELECT sha256 FROM evidence_blob ORDER BY sha256").fetchall()]
        for key in keys:  # one at a time: blobs may be large
            data = conn.execute(
                "SELECT data FROM evidence_blob WHERE sha256 = ?", (key,)).fetchone()[0]
            if hashlib.sha256(as_bytes(data)).hexdigest() != key:
                out.append(_line("evidence_blob", key, "data",
                                 t("the bytes no longer match their SHA-256")))
    return out


def problems(conn: sqlite3.Connection) -> list[str]:
    """Values first (a text where bytes belong is named as such), then the hashes."""
    found = column_problems(conn)
    return found if found else hash_problems(conn)
