"""The History view's use case: audit entries filtered by project, field and date.

The trail stores ids as text (`milestone_id` 12 → 15, row key 42); an officer knows the
milestone "M3 样机验证", the zone by its name, the payment by its date. So the rows leave
here with every id-valued value and row key in those words (one query per referenced
table for the whole page), and an id whose row is gone says so ("#12 (deleted)").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from desktop_app.db import tables as T
from desktop_app.db.database import Reader, reading
from desktop_app.domain.periods import local_day_start, local_time
from desktop_app.i18n import language, register, t, using_language
from desktop_app.snapshots.safety import HistoryFilter, HistoryRow

register(
    {
        "{name} (deleted)": "{name}(已删除)",
        "a deleted record": "已删除的记录",
        "payment {date}, {amount} (10k yuan)": "拨付 {date},{amount} 万元",
        "milestone {code}": "里程碑 {code}",
        "payment {date}": "拨付 {date}",
        "evaluation {year}": "{year} 年绩效评价",
        "{code} {name} ({year})": "{year} 年 {code} {name}",
        "baseline of {date}": "{date} 基线",
        "no. {seq} ({year})": "第 {seq} 期({year} 年)",
        "{indicator}, Q{quarter}": "{indicator},第 {quarter} 季度",
        "{indicator}, {period}": "{indicator},{period}",
        "{indicator}, {year}": "{indicator},{year} 年",
        "{quarter} received {date}": "{quarter}({date} 收到)",
    }
)

#: The table an id-valued field points at (`indicator_id` of a district row: see _target).
_ID_FIELDS = {
    "zone_id": "zone",
    "domain_id": "domain",
    "project_id": "project",
    "milestone_id": "milestone",
    "baseline_id": "baseline",
    "plan_id": "funding_plan",
    "disbursement_id": "disbursement",
    "indicator_id": "indicator",
    "evaluation_id": "evaluation",
    "period_id": "plan_period",
}
_DISTRICT_ROWS = {"district_target", "district_value"}
#: Fields the workbook import records by their sheet key rather than the row id.
_KEY_FIELDS = {
    "project_no": "project",
    "indicator_no": "district_indicator",
    "domain_code": "domain",
    "period_code": "plan_period",
}

_Key = Any  # an id (int), or ("no", n) / ("code", c) / ("ms", project_id, code)
_Names = dict[str, dict[_Key, str]]


_audit = T.audit_entry
_a = _audit.c


def _filtered(q: Select[Any], flt: HistoryFilter) -> Select[Any]:
    if flt.project_id is not None:
        q = q.where(_a.project_id == flt.project_id)
    if flt.field:
        q = q.where(_a.field == flt.field)
    # Whole local days, compared with the stored UTC times.
    if flt.date_from is not None:
        q = q.where(_a.at >= local_day_start(flt.date_from))
    if flt.date_to is not None:
        q = q.where(_a.at < local_day_start(flt.date_to + timedelta(days=1)))
    return q


def read_history_count(src: Reader, flt: HistoryFilter | None = None) -> int:
    """How many entries the filter matches in all (the page shows them a batch at a time)."""
    q = _filtered(select(func.count()).select_from(_audit), flt or HistoryFilter())
    with reading(src) as conn:
        return int(conn.scalar(q) or 0)


def read_history(
    src: Reader, flt: HistoryFilter | None = None, lang: str | None = None
) -> list[HistoryRow]:
    """Newest first, `flt.limit` entries from `flt.offset`; dates are inclusive whole days.
    Ids read as names in `lang` (default: the running language); `field` stays the stored
    name, so the field filter keeps matching it. Work is in proportion to the batch asked
    for, not to the trail: the window asks for the rows it is about to show."""
    flt = flt or HistoryFilter()
    p = T.project.c
    q = (
        _filtered(select(_audit, p.name_zh.label("project_name")), flt)
        .select_from(_audit.outerjoin(T.project, p.id == _a.project_id))
        .order_by(_a.at.desc(), _a.id.desc())
        .limit(flt.limit)
        .offset(flt.offset)
    )
    with reading(src) as conn, using_language(lang) if lang else nullcontext():
        rows = [
            HistoryRow(
                at=e.at,
                officer=e.officer,
                os_user=e.os_user,
                action=e.action,
                table_name=e.table_name,
                row_key=e.row_key,
                project_id=e.project_id,
                project_name=e.project_name or "",
                field=e.field,
                before=e.before,
                after=e.after,
                reason=e.reason,
            )
            for e in conn.execute(q)
        ]
        return readable(conn, rows)


def read_history_fields(src: Reader) -> list[str]:
    """The field names that occur in the trail (for the filter's choices)."""
    with reading(src) as conn:
        return sorted(f for f in conn.scalars(select(_a.field).distinct()) if f)


# --- ids in the officer's words ---------------------------------------------------------


def _target(table: str, field: str) -> str | None:
    """The table whose row an id-valued `field` of `table` names, or None."""
    if field == "indicator_id" and table in _DISTRICT_ROWS:
        return "district_indicator"
    return _ID_FIELDS.get(field)


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.strip().isdigit() else None


def _value_refs(r: HistoryRow, text: str | None) -> Iterable[tuple[str, _Key]]:
    """The names one stored value needs: (table, key)."""
    if text is None or text == "":
        return
    kind = _target(r.table_name, r.field)
    if kind is not None and (n := _int(text)) is not None:
        yield kind, n
    elif r.field in _KEY_FIELDS:
        key = ("no", _int(text)) if r.field.endswith("_no") else ("code", text)
        if key[1] is not None:
            yield _KEY_FIELDS[r.field], key
    elif r.field == "domains":
        yield from (("domain", ("code", c)) for c in text.split(",") if c)
    elif r.field == "milestone_code" and r.project_id is not None:
        yield "milestone", ("ms", r.project_id, text)


#: Rows the Project column already names.
_NAMED_BY_PROJECT = {"project", "funding_plan"}


def _record_ref(r: HistoryRow) -> tuple[str, int] | None:
    """The row an entry changed, when its key is an id of a table with names."""
    n = _int(r.row_key)
    if n is None or r.table_name not in _LOADERS or r.table_name in _NAMED_BY_PROJECT:
        return None
    return r.table_name, n


def _show(r: HistoryRow, text: str | None, names: _Names) -> str | None:
    """`text` as the officer reads it (unchanged when it is no id)."""
    refs = list(_value_refs(r, text))
    if not refs:
        return text
    shown = [names.get(kind, {}).get(key) or _missing(key) for kind, key in refs]
    return ("、" if language() == "zh" else ", ").join(shown) if r.field == "domains" else shown[0]


def _missing(key: _Key, gone: dict[_Key, str] | None = None) -> str:
    """A record no longer in its table: named from its own delete in the trail (words,
    never its database id)."""
    if isinstance(key, tuple):
        return str(key[-1])  # a code or number from an import: as the workbook had it
    name = (gone or {}).get(key)
    return t("{name} (deleted)", name=name) if name else t("a deleted record")


#: The fields whose values, as the delete recorded them, name a deleted row.
_NAMING_FIELDS = ("code", "title", "name", "name_zh", "paid_on", "amount_fen", "year", "seq")


def _deleted_names(conn: Connection, kind: str, keys: set[_Key]) -> dict[_Key, str]:
    """Names of deleted rows of table `kind`, from the values their delete recorded."""
    ids = _ids(keys)
    if not ids:
        return {}
    a = T.audit_entry.c
    q = select(a.row_key, a.field, a.before).where(
        a.table_name == kind,
        a.action == "delete",
        a.row_key.in_([str(i) for i in ids]),
        a.field.in_(_NAMING_FIELDS),
    )
    fields: dict[int, dict[str, str]] = defaultdict(dict)
    for r in conn.execute(q):
        if r.before not in (None, ""):
            fields[int(r.row_key)][r.field] = str(r.before)
    out: dict[_Key, str] = {}
    for key, f in fields.items():
        if kind == "disbursement" and "paid_on" in f:
            out[key] = _payment_name(f["paid_on"], _int(f.get("amount_fen")))
        elif "code" in f or "title" in f:
            out[key] = " ".join(v for v in (f.get("code"), f.get("title")) if v)
        elif f.get("name") or f.get("name_zh"):
            out[key] = f.get("name") or f["name_zh"]
    return out


def _payment_name(paid_on: str, amount_fen: int | None) -> str:
    if amount_fen is None:
        return t("payment {date}", date=paid_on)
    from desktop_app.domain.money import format_wan

    return t("payment {date}, {amount} (10k yuan)", date=paid_on, amount=format_wan(amount_fen))


def readable(conn: Connection, rows: list[HistoryRow]) -> list[HistoryRow]:
    """`rows` with id-valued values and row keys turned into names, one query per table."""
    wanted: dict[str, set[_Key]] = defaultdict(set)
    for r in rows:
        for text in (r.before, r.after):
            for kind, key in _value_refs(r, text):
                wanted[kind].add(key)
        if (ref := _record_ref(r)) is not None:
            wanted[ref[0]].add(ref[1])
    names: _Names = {kind: _LOADERS[kind](conn, keys) for kind, keys in wanted.items()}
    for kind, keys in wanted.items():  # the gone ones named from their own delete
        gone = _deleted_names(conn, kind, {k for k in keys if k not in names[kind]})
        names[kind].update({k: t("{name} (deleted)", name=v) for k, v in gone.items()})
    out = []
    for r in rows:
        ref = _record_ref(r)
        record = "" if ref is None else names[ref[0]].get(ref[1]) or _missing(ref[1])
        out.append(
            replace(
                r,
                before=_show(r, r.before, names),
                after=_show(r, r.after, names),
                record=record,
            )
        )
    return out


def _ids(keys: set[_Key]) -> list[int]:
    return sorted(k for k in keys if isinstance(k, int))


def _named(zh: str, en: str) -> str:
    return en if language() == "en" and en else zh


def _zones(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    z = T.zone.c
    return {
        r.id: _named(r.name_zh, r.name_en) for r in conn.execute(select(z.id, z.name_zh, z.name_en))
    }


def _domains(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    d = T.domain.c
    out: dict[_Key, str] = {}
    for r in conn.execute(select(d.id, d.code, d.name_zh, d.name_en)):
        out[r.id] = out[("code", r.code)] = _named(r.name_zh, r.name_en)
    return out


def _projects(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    p = T.project.c
    out: dict[_Key, str] = {}
    for r in conn.execute(select(p.id, p.no, p.name_zh)):
        out[r.id] = out[("no", r.no)] = f"{r.no}. {r.name_zh}"
    return out


def _milestones(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    m = T.milestone.c
    pids = sorted({k[1] for k in keys if isinstance(k, tuple)})
    q = select(m.id, m.project_id, m.code, m.title).where(
        or_(m.id.in_(_ids(keys)), m.project_id.in_(pids))
    )
    out: dict[_Key, str] = {}
    for r in conn.execute(q):
        out[r.id] = out[("ms", r.project_id, r.code)] = f"{r.code} {r.title}"
    return out


def _baselines(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    b = T.baseline.c
    q = select(b.id, b.set_on).where(b.id.in_(_ids(keys)))
    return {r.id: t("baseline of {date}", date=r.set_on.isoformat()) for r in conn.execute(q)}


def _plans(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    """A funding plan is the project's (one each): it reads as the project."""
    f, p = T.funding_plan.c, T.project.c
    q = (
        select(f.id, p.no, p.name_zh)
        .join_from(T.funding_plan, T.project, f.project_id == p.id)
        .where(f.id.in_(_ids(keys)))
    )
    return {r.id: f"{r.no}. {r.name_zh}" for r in conn.execute(q)}


def _payments(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    d = T.disbursement.c
    q = select(d.id, d.paid_on, d.amount_fen).where(d.id.in_(_ids(keys)))
    return {r.id: _payment_name(r.paid_on.isoformat(), r.amount_fen) for r in conn.execute(q)}


def _indicators(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    i = T.indicator.c
    q = select(i.id, i.code, i.name, i.year).where(i.id.in_(_ids(keys)))
    return {
        r.id: t("{code} {name} ({year})", code=r.code, name=r.name, year=r.year)
        for r in conn.execute(q)
    }


def _evaluations(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    e = T.evaluation.c
    q = select(e.id, e.year).where(e.id.in_(_ids(keys)))
    return {r.id: t("evaluation {year}", year=r.year) for r in conn.execute(q)}


def _periods(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    p = T.plan_period.c
    out: dict[_Key, str] = {}
    for r in conn.execute(select(p.id, p.code, p.name_zh)):
        out[r.id] = out[("code", r.code)] = r.name_zh or r.code
    return out


def _district_indicators(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    d = T.district_indicator.c
    out: dict[_Key, str] = {}
    for r in conn.execute(select(d.id, d.no, d.name_zh, d.name_en)):
        out[r.id] = out[("no", r.no)] = f"{r.no}. {_named(r.name_zh, r.name_en)}"
    return out


def _tranches(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    s = T.startup_tranche.c
    q = select(s.id, s.seq, s.year).where(s.id.in_(_ids(keys)))
    return {r.id: t("no. {seq} ({year})", seq=r.seq, year=r.year) for r in conn.execute(q)}


def _plan_years(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    y = T.funding_year.c
    q = select(y.id, y.year).where(y.id.in_(_ids(keys)))
    return {r.id: str(r.year) for r in conn.execute(q)}


def _actuals(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    a, i = T.indicator_actual.c, T.indicator.c
    q = (
        select(a.id, a.quarter, i.code, i.name, i.year)
        .join_from(T.indicator_actual, T.indicator, a.indicator_id == i.id)
        .where(a.id.in_(_ids(keys)))
    )
    return {
        r.id: t(
            "{indicator}, Q{quarter}",
            indicator=t("{code} {name} ({year})", code=r.code, name=r.name, year=r.year),
            quarter=r.quarter,
        )
        for r in conn.execute(q)
    }


def _scores(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    s, i = T.evaluation_item.c, T.indicator.c
    q = (
        select(s.id, i.code, i.name, i.year)
        .join_from(T.evaluation_item, T.indicator, s.indicator_id == i.id)
        .where(s.id.in_(_ids(keys)))
    )
    return {
        r.id: t("{code} {name} ({year})", code=r.code, name=r.name, year=r.year)
        for r in conn.execute(q)
    }


def _baseline_items(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    b, m = T.baseline_item.c, T.milestone.c
    q = (
        select(b.id, m.code, m.title)
        .join_from(T.baseline_item, T.milestone, b.milestone_id == m.id)
        .where(b.id.in_(_ids(keys)))
    )
    return {r.id: f"{r.code} {r.title}" for r in conn.execute(q)}


def _district_rows(
    table: Any, by_period: bool
) -> Callable[[Connection, set[_Key]], dict[_Key, str]]:
    """District targets (indicator, period) and values (indicator, year)."""

    def load(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
        c, d = table.c, T.district_indicator.c
        cols = [c.id, d.no, d.name_zh, d.name_en]
        q = select(*cols, T.plan_period.c.code if by_period else c.year).join_from(
            table, T.district_indicator, c.indicator_id == d.id
        )
        if by_period:
            q = q.join(T.plan_period, c.period_id == T.plan_period.c.id)
        out: dict[_Key, str] = {}
        for r in conn.execute(q.where(c.id.in_(_ids(keys)))):
            name = f"{r.no}. {_named(r.name_zh, r.name_en)}"
            out[r.id] = (
                t("{indicator}, {period}", indicator=name, period=r.code)
                if by_period
                else t("{indicator}, {year}", indicator=name, year=r.year)
            )
        return out

    return load


def _evidence(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    e = T.evidence_link.c
    q = select(e.id, e.file_name).where(e.id.in_(_ids(keys)))
    return {r.id: r.file_name for r in conn.execute(q)}


def _closes(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    c = T.quarter_close.c
    q = select(c.id, c.quarter).where(c.id.in_(_ids(keys)))
    return {r.id: r.quarter for r in conn.execute(q)}


def _returns(conn: Connection, keys: set[_Key]) -> dict[_Key, str]:
    q_ = T.quarterly_return.c
    q = select(q_.id, q_.quarter, q_.received_at).where(q_.id.in_(_ids(keys)))
    return {
        r.id: t(
            "{quarter} received {date}", quarter=r.quarter, date=local_time(r.received_at).date()
        )
        for r in conn.execute(q)
    }


#: table name → its rows' names by id (and by import key where one exists).
_LOADERS: dict[str, Callable[[Connection, set[_Key]], dict[_Key, str]]] = {
    "zone": _zones,
    "domain": _domains,
    "project": _projects,
    "milestone": _milestones,
    "baseline": _baselines,
    "baseline_item": _baseline_items,
    "funding_plan": _plans,
    "funding_year": _plan_years,
    "startup_tranche": _tranches,
    "disbursement": _payments,
    "indicator": _indicators,
    "indicator_actual": _actuals,
    "evaluation": _evaluations,
    "evaluation_item": _scores,
    "plan_period": _periods,
    "district_indicator": _district_indicators,
    "district_target": _district_rows(T.district_target, by_period=True),
    "district_value": _district_rows(T.district_value, by_period=False),
    "evidence_link": _evidence,
    "quarter_close": _closes,
    "quarterly_return": _returns,
}
