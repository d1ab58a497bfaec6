"""The quarterly brief of a quarter, open or closed, read with Core.

A closed quarter's brief is its archived PDF, written back unchanged, in Chinese or English
(a close archives both; a close made before migration 0007 holds only the language it was
closed in, and asking for the other says so: exit 2 unless `--live`). `--live` recomputes,
with a banner when the figures differ from those frozen at close and the list of every
figure that moved (old → new). Every brief carries a
"changes since" section comparing it with the previous quarter's frozen figures:
- *corrections*: dated facts of a closed quarter that an edit has since changed — a
  payment made on or before its last day, a quarterly actual up to its quarter;
- *changes since*: health moves, milestones newly done or overdue, baselines moved,
  payments in the quarter, scores and grades that moved, and those corrections.

Kept apart from services/quarters.py (which closes and reopens quarters through the ORM,
so the audit trail records it) so `report --quarter` runs without loading the ORM.
`_figures`/`_dump` make the JSON stored at close: quarters already closed in users'
databases are compared with it byte for byte, so its form must not change.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Connection, Row, select

from desktop_app.db import tables
from desktop_app.db.database import Database
from desktop_app.domain.money import format_wan
from desktop_app.domain.periods import Quarter, local_stamp
from desktop_app.domain.policy import grade_word
from desktop_app.errors import UserError
from desktop_app.i18n import register, t, using_language
from desktop_app.services.brief_data import check_quarter, read_brief_data
from desktop_app.snapshots.brief import (
    ArchivedBrief,
    BriefData,
    ChangesSection,
    ClosedQuarter,
    Figures,
    FrozenQuarter,
    QuarterPayment,
    QuarterRead,
)

register(
    {
        "{problem}. Use --live to recompute it, or restore a backup.": (
            "{problem}。请用 --live 重新计算,或恢复备份。"
        ),
        "Recomputed: differs from the version closed on {at}.": (
            "重新计算:与 {at} 关账的版本不一致。"
        ),
        "{q} was closed on {at} before briefs were archived in both languages; only the "
        "{have} brief is stored. Print it with --lang {code}, or recompute with --live.": (
            "{q} 于 {at} 关账时尚未同时存档中英文简报,仅存有{have}简报。"
            "请使用 --lang {code} 打印存档,或使用 --live 重新计算。"
        ),
        "Chinese": "中文",
        "advance for {year}'s fixed support": "预拨 {year} 年固定扶持",
        "English": "英文",
        "archived brief of {q} (sha256 {sha})": "{q} 的存档简报(sha256 {sha})",
        "{n} pages": "共 {n} 页",
        "Health status": "健康状况",
        "Reasons": "原因",
        "Warnings": "政策提示",
        "Projected score": "预计得分",
        "Grade": "评级",
        "Paid against the year's plan": "已拨付本年计划",
        "Planned this year": "本年计划",
        "Funding plan": "经费计划",
        "Milestones": "里程碑",
        "Portfolio: {what}": "全部项目:{what}",
        "{no}. {name}: {what} {before} → {after}": "{no}. {name}:{what} {before} → {after}",
        "{no}. {name}: {what} changed": "{no}. {name}:{what}有变化",
        "Plan of the year": "本年计划",
        "Paid (plan-year basis)": "已拨付(计划年度口径)",
        "Paid (cash basis)": "已拨付(现金口径)",
        "Average projected score": "平均预计得分",
        "Health counts": "健康状况分布",
        "Health moves": "健康状况变化",
        "Milestones completed": "新完成的里程碑",
        "Milestones newly overdue": "新逾期的里程碑",
        "Baselines changed": "基准计划调整",
        "Payments in {q}": "{q} 拨付",
        "Scores and grades": "得分与评级",
        "Corrections to closed {q}": "对已关账 {q} 的更正",
        "{no}. {name}: {before} → {after}": "{no}. {name}:{before} → {after}",
        "{no}. {name}: {code} {title}": "{no}. {name}:{code} {title}",
        "{no}. {name}: {code} {title}, baseline {before} → {after}": (
            "{no}. {name}:{code} {title},基准 {before} → {after}"
        ),
        "{no}. {name}: {kind} {amount} 10k yuan": "{no}. {name}:{kind} {amount} 万元",
        "{no}. {name}: projected score {before} → {after}": "{no}. {name}:预计得分 {before} → {after}",  # noqa: E501
        "{no}. {name}: grade {before} → {after}": "{no}. {name}:评级 {before} → {after}",
        "{no}. {name}: projected grade {before} → {after}": (
            "{no}. {name}:预计等级 {before} → {after}"
        ),
        "{no}. {name}: payment of {day} ({kind}) {before} → {after} 10k yuan": (
            "{no}. {name}:{day} 拨付({kind})由 {before} 万元改为 {after} 万元"
        ),
        "{no}. {name}: payment of {day} ({kind}) {after} 10k yuan added": (
            "{no}. {name}:补录 {day} 拨付({kind}){after} 万元"
        ),
        "{no}. {name}: payment of {day} ({kind}) {before} 10k yuan removed": (
            "{no}. {name}:删除 {day} 拨付({kind}){before} 万元"
        ),
        "{no}. {name}: indicator {code} Q{q} {before} → {after}": (
            "{no}. {name}:指标 {code} 第{q}季度 {before} → {after}"
        ),
        "Red": "红",
        "Amber": "黄",
        "Green": "绿",
        "Start-up grant": "启动建设经费",
        "Fixed support": "固定扶持经费",
        "Performance reward": "绩效奖励",
    }
)

_LEVEL = {"red": "Red", "amber": "Amber", "green": "Green", "none": "No data"}
_KIND = {"startup": "Start-up grant", "fixed": "Fixed support", "reward": "Performance reward"}


class CloseFields(Protocol):
    """A quarter_close row: a Core row here, the ORM object where quarters.py writes one."""

    @property
    def quarter(self) -> str: ...
    @property
    def as_of(self) -> date: ...
    @property
    def closed_at(self) -> datetime: ...
    @property
    def closed_by(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def reopened_at(self) -> datetime | None: ...
    @property
    def reopened_by(self) -> str: ...
    @property
    def reopen_reason(self) -> str: ...
    @property
    def sha256_en(self) -> str | None: ...


def closed_view(row: CloseFields) -> ClosedQuarter:
    return ClosedQuarter(
        row.quarter,
        row.as_of,
        row.closed_at,
        row.closed_by,
        row.sha256,
        row.lang,
        row.reopened_at,
        row.reopened_by,
        row.reopen_reason,
        row.sha256_en,
    )


def read_closed_row(conn: Connection, quarter: str) -> Row[Any] | None:
    """The close of `quarter` in force (every column; the latest not reopened), or None;
    an ORM session passes `session.connection()`."""
    qc = tables.quarter_close
    q = (
        select(qc)
        .where(qc.c.quarter == quarter, qc.c.reopened_at.is_(None))
        .order_by(qc.c.id.desc())
    )
    return conn.execute(q).first()


def closed_quarter(db: Database, quarter: str) -> ClosedQuarter | None:
    with db.core_reader() as conn:
        row = read_closed_row(conn, quarter)
        return closed_view(row) if row else None


def archived_pdf(db: Database, quarter: str, lang: str | None = None) -> bytes | None:
    """The archived brief of a closed quarter in `lang` (None: the one in `lang` column),
    or None when the quarter is not closed or has no archive in that language."""
    with db.core_reader() as conn:
        row = read_closed_row(conn, quarter)
        if row is None:
            return None
        return archive_of(row, lang or row.lang)


def archive_of(row: Any, lang: str) -> bytes | None:
    """A close row's PDF in `lang`: `pdf` holds the language of `lang` column, `pdf_en`
    the English one archived beside it since 0007."""
    if row.lang == lang:
        return bytes(row.pdf)
    if lang == "en" and row.pdf_en is not None:
        return bytes(row.pdf_en)
    return None


def closes_in_force(conn: Connection) -> dict[str, date]:
    """Every quarter closed now (not reopened) → the day its figures are as of."""
    qc = tables.quarter_close
    q = select(qc.c.quarter, qc.c.as_of).where(qc.c.reopened_at.is_(None))
    return {quarter: as_of for quarter, as_of in conn.execute(q)}


# ---------------------------------------------------------------- frozen figures


def closed_quarter_of_payment(closes: Mapping[str, date], *days: date | None) -> str | None:
    """The latest closed quarter whose frozen figures hold a payment made on one of `days`:
    the rule of `_dated_facts` (paid on or before the quarter's as-of day)."""
    hits = [q for q, as_of in closes.items() for d in days if d is not None and d <= as_of]
    return max(hits) if hits else None


def closed_quarter_of_actual(closes: Mapping[str, date], year: int, quarter: int) -> str | None:
    """The latest closed quarter whose frozen figures hold the actual of `year` Q`quarter`:
    the rule of `_dated_facts` (an earlier year, or this year up to that quarter)."""
    hits = [q for q, as_of in closes.items() if Quarter(year, quarter) <= Quarter.of(as_of)]
    return max(hits) if hits else None


def _read_dated_facts(conn: Connection, as_of: date) -> dict[str, Any]:
    """Facts with a date that a later edit can only change by correcting the past."""
    quarter = Quarter.of(as_of)
    payments: dict[str, list[Any]] = {}
    actuals: dict[str, str] = {}
    project, pay = tables.project, tables.disbursement
    ind, act = tables.indicator, tables.indicator_actual
    q = (
        select(
            pay.c.id,
            project.c.no,
            pay.c.paid_on,
            pay.c.for_year,
            pay.c.kind,
            pay.c.amount_fen,
        )
        .select_from(pay)
        .join(project, project.c.id == pay.c.project_id)
        .where(pay.c.paid_on <= as_of)
    )
    for did, no, paid_on, for_year, kind, fen in conn.execute(q):
        payments[str(did)] = [no, paid_on.isoformat(), for_year, kind, fen]
    aq = (
        select(project.c.no, ind.c.year, ind.c.code, act.c.quarter, act.c.ytd_value)
        .select_from(act)
        .join(ind, ind.c.id == act.c.indicator_id)
        .join(project, project.c.id == ind.c.project_id)
        .where(
            (ind.c.year < quarter.year)
            | ((ind.c.year == quarter.year) & (act.c.quarter <= quarter.q))
        )
    )
    for no, year, code, qn, value in conn.execute(aq):
        actuals[f"{no}|{year}|{code}|{qn}"] = format(value, "f")
    return {"payments": payments, "actuals": actuals}


def _read_milestone_facts(conn: Connection, as_of: date) -> dict[int, dict[str, Any]]:
    """project no → milestone code → what the figures keep of it as of `as_of`."""
    milestones: dict[int, dict[str, Any]] = defaultdict(dict)
    project, ms = tables.project, tables.milestone
    q = (
        select(
            project.c.no,
            ms.c.code,
            ms.c.title,
            ms.c.status,
            ms.c.planned_end,
            ms.c.baseline_end,
            ms.c.actual_end,
        )
        .select_from(ms)
        .join(project, project.c.id == ms.c.project_id)
    )
    for no, code, title, status, planned, baseline, actual in conn.execute(q):
        done = status == "done" and (actual is None or actual <= as_of)
        overdue = status not in ("done", "cancelled") and planned < as_of
        milestones[no][code] = {
            "title": title,
            "done": done,
            "overdue": overdue,
            "baseline_end": baseline.isoformat() if baseline else None,
        }
    return milestones


def _read_figures(conn: Connection, data: BriefData) -> dict[str, Any]:
    """What the quarter's brief (built in Chinese) shows, per project, in a form that
    compares and stores."""
    milestones = _read_milestone_facts(conn, data.cover.as_of)
    projects = {}
    for p, row in zip(data.projects, data.portfolio, strict=True):
        projects[str(p.no)] = {
            "name": p.name,
            "health": p.health,
            "reasons": list(p.reasons),
            "warnings": [w.reason for w in p.warnings],
            "score": None if p.projected_score is None else format(p.projected_score, "f"),
            "grade": p.latest_grade,
            "grade_year": p.grade_year,
            "paid_for_year": row.ytd_disbursed_fen,
            "planned": row.ytd_planned_fen,
            "funding": [
                [f.year, f.startup_fen, f.fixed_fen, f.reward_fen, f.disbursed_fen]
                for f in p.funding
            ],
            "milestones": milestones.get(p.no, {}),
        }
    summary = data.summary
    b = summary.bases
    return {
        "quarter": data.cover.quarter,
        "as_of": data.cover.as_of.isoformat(),
        "summary": {
            "health": dict(summary.health_counts),
            "planned": summary.planned_fen,
            "plan_year": b.plan_year_fen if b else None,
            "cash": b.cash_fen if b else None,
            "average_score": (
                None if summary.average_score is None else format(summary.average_score, "f")
            ),
        },
        "projects": projects,
        "dated": _read_dated_facts(conn, data.cover.as_of),
    }


def _dump(figures: Figures) -> str:
    return json.dumps(figures, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------- the one read


def _read_frozen(conn: Connection, row: Row[Any] | None) -> FrozenQuarter | None:
    if row is None:
        return None
    figures = json.loads(row.figures)
    now_facts = _read_dated_facts(conn, date.fromisoformat(figures["as_of"]))
    return FrozenQuarter(closed_view(row), figures, now_facts)


def _read_payment_rows(
    conn: Connection, quarter: Quarter, as_of: date
) -> tuple[QuarterPayment, ...]:
    project, pay = tables.project, tables.disbursement
    q = (
        select(project.c.no, pay.c.kind, pay.c.for_year, pay.c.paid_on, pay.c.amount_fen)
        .select_from(pay)
        .join(project, project.c.id == pay.c.project_id)
        .where(pay.c.paid_on >= quarter.first_day, pay.c.paid_on <= as_of)
    )
    return tuple((no, kind, y, day, fen) for no, kind, y, day, fen in conn.execute(q))


def _read_all(
    conn: Connection,
    quarter: Quarter,
    langs: Sequence[str],
    database: str,
    *,
    own: bool,
    figures: bool = False,
) -> QuarterRead:
    """The brief in each of `langs`, and what its changes section compares: this
    quarter's figures now, the previous quarter's frozen ones (when closed), this
    quarter's frozen ones (`own`, when closed)."""
    from desktop_app.services.policy import read_policy

    briefs = {lang: read_brief_data(conn, quarter, lang, database) for lang in langs}
    previous = _read_frozen(conn, read_closed_row(conn, str(quarter.previous())))
    mine = _read_frozen(conn, read_closed_row(conn, str(quarter))) if own else None
    now_figures = None
    if figures or previous is not None or mine is not None:
        zh = briefs.get("zh") or read_brief_data(conn, quarter, "zh", database)
        now_figures = _read_figures(conn, zh)
    if previous is None:
        return QuarterRead(briefs, now_figures, None, mine)
    as_of = next(iter(briefs.values())).cover.as_of
    return QuarterRead(
        briefs,
        now_figures,
        previous,
        mine,
        payments=_read_payment_rows(conn, quarter, as_of),
        grade_thresholds=read_policy(conn).grade_thresholds,
    )


def read_quarter(
    db: Database,
    text: str,
    langs: Sequence[str] = ("zh",),
    *,
    own: bool = True,
    figures: bool = False,
) -> QuarterRead:
    """Everything a quarter's brief needs, in one read transaction (see `_read_all`);
    UserError for a malformed or out-of-range quarter, in the caller's language."""
    with db.core_reader() as conn:
        quarter = check_quarter(conn, text)
        return _read_all(conn, quarter, langs, db.display_name, own=own, figures=figures)


def read_brief(
    db: Database, text: str, lang: str, *, live: bool = False
) -> ArchivedBrief | QuarterRead:
    """What `report --quarter` prints, in one read transaction: a closed quarter's archived
    PDF in `lang` (unless `live`), else the quarter's read for `brief_of`."""
    with db.core_reader() as conn:
        quarter = check_quarter(conn, text)
        row = None if live else read_closed_row(conn, str(quarter))
        if row is not None:
            return _read_archive(conn, row, lang)
        # not live: the quarter is open (its close was just looked for)
        return _read_all(conn, quarter, (lang,), db.display_name, own=live)


def figures_text(read: QuarterRead) -> str:
    """A read's figures as stored at close (read with `figures=True`)."""
    assert read.figures is not None
    return _dump(read.figures)


def figures_json(db: Database, quarter: str) -> str:
    """The figures of `quarter` now, as stored at close (a valid quarter, e.g. "2026Q2")."""
    return figures_text(read_quarter(db, quarter, (), own=False, figures=True))


# ---------------------------------------------------------------- comparisons


def same_places(*values: str | None) -> list[str]:
    """Stored decimals ("3.7000", "4.5000") printed with one precision, the fewest places
    either needs: 3.7 → 4.5, 3 → 4.25 as 3.00 → 4.25; a missing value is "—"."""
    nums = [Decimal(v) if v else None for v in values]
    places = max(
        (max(0, -n.normalize().as_tuple().exponent) for n in nums if n is not None),  # type: ignore[operator]
        default=0,
    )
    q = Decimal(1).scaleb(-places)
    return ["—" if n is None else f"{n.quantize(q):f}" for n in nums]


def corrections(frozen: FrozenQuarter, names: Mapping[str, str]) -> list[str]:
    """Dated facts of the closed quarter changed since it was closed."""
    now_facts = frozen.dated_now
    was = frozen.figures["dated"]
    out: list[str] = []
    ids = sorted(set(was["payments"]) | set(now_facts["payments"]), key=int)
    for pid in ids:
        a, b = was["payments"].get(pid), now_facts["payments"].get(pid)
        if a == b:
            continue
        ref = b or a
        message = (
            "{no}. {name}: payment of {day} ({kind}) {before} → {after} 10k yuan"
            if a and b
            else "{no}. {name}: payment of {day} ({kind}) {after} 10k yuan added"
            if b
            else "{no}. {name}: payment of {day} ({kind}) {before} 10k yuan removed"
        )
        out.append(
            t(
                message,
                no=ref[0],
                name=names.get(str(ref[0]), ""),
                day=ref[1],
                kind=t(_KIND.get(ref[3], ref[3])),
                before=format_wan(a[4]) if a else "—",
                after=format_wan(b[4]) if b else "—",
            )
        )
    for key in sorted(set(was["actuals"]) | set(now_facts["actuals"])):
        a, b = was["actuals"].get(key), now_facts["actuals"].get(key)
        if a == b:
            continue
        no, _year, code, qn = key.split("|")
        before, after = same_places(a, b)
        out.append(
            t(
                "{no}. {name}: indicator {code} Q{q} {before} → {after}",
                no=no,
                name=names.get(no, ""),
                code=code,
                q=qn,
                before=before,
                after=after,
            )
        )
    return out


def _changes(read: QuarterRead, data: BriefData, previous: FrozenQuarter) -> ChangesSection:
    """This quarter's figures now against the previous quarter's frozen ones."""
    from desktop_app.domain.scoring import grade as grade_of

    thresholds = read.grade_thresholds
    assert thresholds is not None and read.figures is not None
    prev, frozen = previous.close.quarter, previous.figures

    def projected_grade(score: str | None) -> str:
        return grade_of(Decimal(score), thresholds) if score else ""

    now_figs = read.figures
    names = {str(p.no): p.name for p in data.projects}
    health, done, overdue, baselines, scores = [], [], [], [], []
    for no, cur in now_figs["projects"].items():
        old = frozen["projects"].get(no)
        if old is None:
            continue
        name = names.get(no, cur["name"])
        if old["health"] != cur["health"]:
            health.append(
                t(
                    "{no}. {name}: {before} → {after}",
                    no=no,
                    name=name,
                    before=t(_LEVEL.get(old["health"], old["health"])),
                    after=t(_LEVEL.get(cur["health"], cur["health"])),
                )
            )
        for code, m in cur["milestones"].items():
            was = old["milestones"].get(code, {})
            if m["done"] and not was.get("done"):
                done.append(
                    t("{no}. {name}: {code} {title}", no=no, name=name, code=code, title=m["title"])
                )
            if m["overdue"] and not was.get("overdue"):
                overdue.append(
                    t("{no}. {name}: {code} {title}", no=no, name=name, code=code, title=m["title"])
                )
            if was and was.get("baseline_end") != m["baseline_end"]:
                baselines.append(
                    t(
                        "{no}. {name}: {code} {title}, baseline {before} → {after}",
                        no=no,
                        name=name,
                        code=code,
                        title=m["title"],
                        before=was.get("baseline_end") or "—",
                        after=m["baseline_end"] or "—",
                    )
                )
        if old["score"] != cur["score"]:
            scores.append(
                t(
                    "{no}. {name}: projected score {before} → {after}",
                    no=no,
                    name=name,
                    before=old["score"] or "—",
                    after=cur["score"] or "—",
                )
            )
        if old["grade"] != cur["grade"]:
            scores.append(
                t(
                    "{no}. {name}: grade {before} → {after}",
                    no=no,
                    name=name,
                    before=grade_word(old["grade"]) or "—",
                    after=grade_word(cur["grade"]) or "—",
                )
            )
        was_g, now_g = projected_grade(old["score"]), projected_grade(cur["score"])
        if was_g != now_g:  # every changed grade is listed, the projected one too
            scores.append(
                t(
                    "{no}. {name}: projected grade {before} → {after}",
                    no=no,
                    name=name,
                    before=grade_word(was_g) or "—",
                    after=grade_word(now_g) or "—",
                )
            )
    quarter = Quarter.parse(data.cover.quarter)
    return ChangesSection(
        previous=prev,
        closed=True,
        lines=(
            (t("Health moves"), tuple(health)),
            (t("Milestones completed"), tuple(done)),
            (t("Milestones newly overdue"), tuple(overdue)),
            (t("Baselines changed"), tuple(baselines)),
            (
                t("Payments in {q}", q=quarter),
                tuple(_payment_lines(read.payments, names)),
            ),
            (t("Scores and grades"), tuple(scores)),
            (t("Corrections to closed {q}", q=prev), tuple(corrections(previous, names))),
        ),
    )


def _payment_lines(payments: tuple[QuarterPayment, ...], names: Mapping[str, str]) -> list[str]:
    """The quarter's payments summed per project, kind and advanced year."""
    sums: dict[tuple[int, str, int], int] = defaultdict(int)
    for no, kind, for_year, paid_on, fen in payments:
        # an advance pays a later year's fixed support: named so, with its year
        later = for_year if kind != "reward" and for_year > paid_on.year else 0
        sums[(no, kind, later)] += fen
    order = {k: i for i, k in enumerate(_KIND)}

    def kind_name(kind: str, later: int) -> str:
        if later:
            return t("advance for {year}'s fixed support", year=later)
        return t(_KIND.get(kind, kind))

    return [
        t(
            "{no}. {name}: {kind} {amount} 10k yuan",
            no=no,
            name=names.get(str(no), ""),
            kind=kind_name(kind, later),
            amount=format_wan(fen),
        )
        for (no, kind, later), fen in sorted(
            sums.items(), key=lambda x: (x[0][0], order.get(x[0][1], 9), x[0][2])
        )
    ]


def _read_archive(conn: Connection, row: Row[Any], lang: str) -> ArchivedBrief:
    """A closed quarter's archived PDF in `lang` with its SHA-256. Refused when the
    archive fails its hash (in the window and on the command line alike; `--live` still
    recomputes), or when the quarter was closed before briefs were archived in both
    languages and only the other one is stored."""
    from desktop_app.db.archives import archive_problems

    closed = closed_view(row)
    problems = archive_problems(conn, closed.quarter)
    if problems:
        raise UserError(
            t("{problem}. Use --live to recompute it, or restore a backup.", problem=problems[0])
        )
    pdf = archive_of(row, lang)
    if pdf is None:  # closed before 0007 in the other language: say so, never recompute
        have = closed.lang
        raise UserError(
            t(
                "{q} was closed on {at} before briefs were archived in both languages; "
                "only the {have} brief is stored. Print it with --lang {code}, or "
                "recompute with --live.",
                q=closed.quarter,
                at=local_stamp(closed.closed_at),
                have=t("Chinese" if have == "zh" else "English"),
                code=have,
            )
        )
    sha = closed.sha256 if lang == closed.lang else closed.sha256_en
    return ArchivedBrief(closed.quarter, pdf, str(sha))


def brief_of(read: QuarterRead, lang: str, banner: str = "") -> BriefData:
    """The brief in `lang` with its 'changes since' section (and, for a recomputed closed
    quarter, a banner when its figures differ from the frozen ones, with the list of those
    figures), from the read alone. `banner` is printed on every page (an out-of-order
    close)."""
    data = read.briefs[lang]
    quarter = Quarter.parse(data.cover.quarter)
    prev = str(quarter.previous())
    with using_language(lang):
        if read.previous is None:
            changes = ChangesSection(previous=prev, closed=False)
        else:
            changes = _changes(read, data, read.previous)
        differences: tuple[str, ...] = ()
        mine = read.own
        now = read.figures
        if mine is not None and now is not None and _dump(now) != _dump(mine.figures):
            banner = t(
                "Recomputed: differs from the version closed on {at}.",
                at=local_stamp(mine.close.closed_at),
            )
            names = {str(p.no): p.name for p in data.projects}
            differences = tuple(
                figure_differences(mine.figures, now, names) + corrections(mine, names)
            )
    return replace(data, changes=changes, banner=banner, differences=differences)


def brief_for(
    db: Database, text: str, lang: str = "zh", *, archived: bool = True, banner: str = ""
) -> BriefData:
    """`brief_of` a quarter read now (`archived`: compared with its own close, if any)."""
    return brief_of(read_quarter(db, text, (lang,), own=archived), lang, banner)


_PROJECT_FIELDS = (
    ("health", "Health status"),
    ("score", "Projected score"),
    ("grade", "Grade"),
    ("paid_for_year", "Paid against the year's plan"),
    ("planned", "Planned this year"),
)
_SUMMARY_FIELDS = (
    ("planned", "Plan of the year"),
    ("plan_year", "Paid (plan-year basis)"),
    ("cash", "Paid (cash basis)"),
    ("average_score", "Average projected score"),
)
_MONEY = frozenset({"paid_for_year", "planned", "plan_year", "cash"})


def _shown(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if key in _MONEY:
        return format_wan(int(value))
    if key == "health":
        return t(_LEVEL.get(str(value), str(value)))
    if key == "grade":
        from desktop_app.domain.policy import grade_word

        return grade_word(str(value))
    return str(value)


def figure_differences(
    old: Mapping[str, Any], new: Mapping[str, Any], names: Mapping[str, str]
) -> list[str]:
    """Every figure of the frozen brief that the recomputed one prints differently, as
    "project: figure old → new" (lists such as reasons say only that they changed)."""
    out: list[str] = []
    was_s, now_s = old.get("summary", {}), new.get("summary", {})
    for key, label in _SUMMARY_FIELDS:
        if was_s.get(key) != now_s.get(key):
            what = f"{t(label)} {_shown(key, was_s.get(key))} → {_shown(key, now_s.get(key))}"
            out.append(t("Portfolio: {what}", what=what))
    if was_s.get("health") != now_s.get("health"):
        out.append(t("Portfolio: {what}", what=t("Health counts")))
    was_p, now_p = old.get("projects", {}), new.get("projects", {})
    for no in sorted(set(was_p) | set(now_p), key=int):
        a, b = was_p.get(no, {}), now_p.get(no, {})
        name = names.get(no) or b.get("name") or a.get("name", "")
        for key, label in _PROJECT_FIELDS:
            if a.get(key) != b.get(key):
                out.append(
                    t(
                        "{no}. {name}: {what} {before} → {after}",
                        no=no,
                        name=name,
                        what=t(label),
                        before=_shown(key, a.get(key)),
                        after=_shown(key, b.get(key)),
                    )
                )
        for key, label in (
            ("reasons", "Reasons"),
            ("warnings", "Warnings"),
            ("funding", "Funding plan"),
            ("milestones", "Milestones"),
        ):
            if a.get(key) != b.get(key):
                out.append(t("{no}. {name}: {what} changed", no=no, name=name, what=t(label)))
    return out
