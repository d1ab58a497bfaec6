"""Quarter close (季度关账): freeze a quarter's figures and brief, reprint it, compare with it.

Closing a quarter stores, in one transaction, every figure its brief shows (as JSON), the
brief's PDF bytes and their SHA-256, and who closed it when (the audit trail records the
row). `report --quarter Q` of a closed quarter writes those bytes back unchanged, whatever
was edited since; `--live` recomputes, with a banner when the figures differ.

Two comparisons read the frozen figures:
- *corrections*: dated facts of a closed quarter that an edit has since changed — a
  payment made on or before its last day, a quarterly actual up to its quarter;
- *changes since*: the next quarter's brief against the closed one — health moves,
  milestones newly done or overdue, baselines moved, payments in the quarter, scores and
  grades that moved, and those corrections.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import LargeBinary, cast, select
from sqlalchemy.orm import Session

from desktop_app.db.database import Database
from desktop_app.db.models import (
    Disbursement,
    Indicator,
    IndicatorActual,
    Milestone,
    Project,
    QuarterClose,
)
from desktop_app.domain.money import format_wan
from desktop_app.domain.periods import Quarter, now, today
from desktop_app.errors import UserError
from desktop_app.i18n import register, t, using_language
from desktop_app.services.brief_data import build_brief_data, check_quarter
from desktop_app.snapshots.brief import BriefData, ChangesSection

register(
    {
        "{q} has not ended yet (it ends on {last}); close it after that day.": (
            "{q} 尚未结束(结束日为 {last}),请在该日之后关账。"
        ),
        "{q} is already closed (on {at} by {by}); reopen it first to close it again.": (
            "{q} 已于 {at} 由 {by} 关账;如需重新关账,请先重新打开。"
        ),
        "{q} is not closed.": "{q} 尚未关账。",
        "A reason is required to reopen a closed quarter.": "重新打开已关账季度须填写原因。",
        "Recomputed: differs from the version closed on {at}.": (
            "重新计算:与 {at} 关账的版本不一致。"
        ),
        "{q}: the archived brief no longer matches its SHA-256 ({sha}…).": (
            "{q}:存档简报与其 SHA-256 不一致({sha}…)。"
        ),
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

_LEVEL = {"red": "Red", "amber": "Amber", "green": "Green"}
_KIND = {"startup": "Start-up grant", "fixed": "Fixed support", "reward": "Performance reward"}


@dataclass(frozen=True)
class ClosedQuarter:
    quarter: str
    as_of: date
    closed_at: datetime
    closed_by: str
    sha256: str
    lang: str
    reopened_at: datetime | None
    reopened_by: str
    reopen_reason: str


def _closed_row(s: Session, quarter: str) -> QuarterClose | None:
    q = (
        select(QuarterClose)
        .where(QuarterClose.quarter == quarter, QuarterClose.reopened_at.is_(None))
        .order_by(QuarterClose.id.desc())
    )
    return s.scalars(q).first()


def _plain(row: QuarterClose) -> ClosedQuarter:
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
    )


def list_quarters(db: Database) -> list[ClosedQuarter]:
    """Every close, oldest first (a reopened one keeps its row, with the reason)."""
    with db.reader() as s:
        rows = s.scalars(select(QuarterClose).order_by(QuarterClose.quarter, QuarterClose.id))
        return [_plain(r) for r in rows]


def closed_quarter(db: Database, quarter: str) -> ClosedQuarter | None:
    with db.reader() as s:
        row = _closed_row(s, quarter)
        return _plain(row) if row else None


def archived_pdf(db: Database, quarter: str) -> bytes | None:
    with db.reader() as s:
        row = _closed_row(s, quarter)
        return bytes(row.pdf) if row else None


def last_closed_day(db: Database) -> date | None:
    """The last day of the latest closed quarter: an edit dated on or before it is a correction."""
    with db.reader() as s:
        days = [
            r.as_of
            for r in s.scalars(select(QuarterClose).where(QuarterClose.reopened_at.is_(None)))
        ]
    return max(days) if days else None


def closed_quarter_touched(db: Database, *days: date | None) -> str | None:
    """The closed quarter an edit of a record dated `days` corrects, or None."""
    with db.reader() as s:
        rows = list(s.scalars(select(QuarterClose).where(QuarterClose.reopened_at.is_(None))))
    hits = [r.quarter for r in rows for d in days if d is not None and d <= r.as_of]
    return max(hits) if hits else None


# ---------------------------------------------------------------- frozen figures


def _dated_facts(db: Database, as_of: date) -> dict[str, Any]:
    """Facts with a date that a later edit can only change by correcting the past."""
    quarter = Quarter.of(as_of)
    payments: dict[str, list[Any]] = {}
    actuals: dict[str, str] = {}
    with db.reader() as s:
        q = (
            select(
                Disbursement.id,
                Project.no,
                Disbursement.paid_on,
                Disbursement.for_year,
                Disbursement.kind,
                Disbursement.amount_fen,
            )
            .join(Project, Project.id == Disbursement.project_id)
            .where(Disbursement.paid_on <= as_of)
        )
        for did, no, paid_on, for_year, kind, fen in s.execute(q):
            payments[str(did)] = [no, paid_on.isoformat(), for_year, kind, fen]
        aq = (
            select(
                Project.no,
                Indicator.year,
                Indicator.code,
                IndicatorActual.quarter,
                IndicatorActual.ytd_value,
            )
            .join(Indicator, Indicator.id == IndicatorActual.indicator_id)
            .join(Project, Project.id == Indicator.project_id)
            .where(
                (Indicator.year < quarter.year)
                | ((Indicator.year == quarter.year) & (IndicatorActual.quarter <= quarter.q))
            )
        )
        for no, year, code, qn, value in s.execute(aq):
            actuals[f"{no}|{year}|{code}|{qn}"] = format(value, "f")
    return {"payments": payments, "actuals": actuals}


def _figures(data: BriefData, db: Database) -> dict[str, Any]:
    """What the quarter's brief shows, per project, in a form that compares and stores."""
    milestones: dict[int, dict[str, Any]] = defaultdict(dict)
    with db.reader() as s:
        q = select(
            Project.no,
            Milestone.code,
            Milestone.title,
            Milestone.status,
            Milestone.planned_end,
            Milestone.baseline_end,
            Milestone.actual_end,
        ).join(Project, Project.id == Milestone.project_id)
        for no, code, title, status, planned, baseline, actual in s.execute(q):
            done = status == "done" and (actual is None or actual <= data.cover.as_of)
            overdue = status not in ("done", "cancelled") and planned < data.cover.as_of
            milestones[no][code] = {
                "title": title,
                "done": done,
                "overdue": overdue,
                "baseline_end": baseline.isoformat() if baseline else None,
            }
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
        "dated": _dated_facts(db, data.cover.as_of),
    }


def _dump(figures: dict[str, Any]) -> str:
    return json.dumps(figures, ensure_ascii=False, sort_keys=True)


def _render(data: BriefData) -> bytes:
    from desktop_app.reports.brief import render

    buf = io.BytesIO()
    render(data, buf)
    return buf.getvalue()


# ---------------------------------------------------------------- close / reopen


def _closable(db: Database, text: str) -> Quarter:
    quarter = check_quarter(db, text)  # malformed, before any data, too far ahead
    if quarter.last_day >= today():
        raise UserError(
            t(
                "{q} has not ended yet (it ends on {last}); close it after that day.",
                q=quarter,
                last=quarter.last_day.isoformat(),
            )
        )
    done = closed_quarter(db, str(quarter))
    if done is not None:
        raise UserError(
            t(
                "{q} is already closed (on {at} by {by}); reopen it first to close it again.",
                q=quarter,
                at=done.closed_at.strftime("%Y-%m-%d %H:%M"),
                by=done.closed_by or "—",
            )
        )
    return quarter


def close_quarter(db: Database, text: str, officer: str = "", lang: str = "zh") -> ClosedQuarter:
    """Freeze the quarter: figures, brief PDF and SHA-256, in one transaction."""
    db.require_writable()
    quarter = _closable(db, text)
    data = brief_for(db, str(quarter), lang, archived=False)
    with using_language("zh"):
        figures = _figures(build_brief_data(db, str(quarter), "zh"), db)
    pdf = _render(data)
    who = officer.strip() or _os_user()
    with db.session() as s:
        if _closed_row(s, str(quarter)) is not None:  # closed by someone else meanwhile
            raise UserError(
                t(
                    "{q} is already closed (on {at} by {by}); reopen it first to close it again.",
                    q=quarter,
                    at="—",
                    by="—",
                )
            )
        row = QuarterClose(
            quarter=str(quarter),
            as_of=data.cover.as_of,
            closed_at=now().replace(tzinfo=None, microsecond=0),
            closed_by=who,
            lang=lang,
            figures=_dump(figures),
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            reopened_by="",
            reopen_reason="",
        )
        s.add(row)
        s.flush()
        return _plain(row)


def reopen_quarter(db: Database, text: str, reason: str, officer: str = "") -> ClosedQuarter:
    db.require_writable()
    quarter = check_quarter(db, text)
    if not reason.strip():
        raise UserError(t("A reason is required to reopen a closed quarter."))
    with db.session() as s:
        s.info["audit_reason"] = reason.strip()
        row = _closed_row(s, str(quarter))
        if row is None:
            raise UserError(t("{q} is not closed.", q=quarter))
        row.reopened_at = now().replace(tzinfo=None, microsecond=0)
        row.reopened_by = officer.strip() or _os_user()
        row.reopen_reason = reason.strip()
        s.flush()
        return _plain(row)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return ""


def check_archives(db: Database) -> list[str]:
    """One line per closed quarter whose stored PDF no longer matches its SHA-256."""
    out = []
    # CAST: bytes written over by hand may come back as text; they must still be checked
    q = select(
        QuarterClose.quarter, QuarterClose.sha256, cast(QuarterClose.pdf, LargeBinary)
    ).order_by(QuarterClose.quarter, QuarterClose.id)
    with db.reader() as s:
        for quarter, sha, pdf in s.execute(q):
            if hashlib.sha256(bytes(pdf or b"")).hexdigest() != sha:
                out.append(
                    t(
                        "{q}: the archived brief no longer matches its SHA-256 ({sha}…).",
                        q=quarter,
                        sha=sha[:12],
                    )
                )
    return out


# ---------------------------------------------------------------- comparisons


def _frozen(db: Database, quarter: str) -> tuple[ClosedQuarter, dict[str, Any]] | None:
    with db.reader() as s:
        row = _closed_row(s, quarter)
        if row is None:
            return None
        return _plain(row), json.loads(row.figures)


def _name(figs: dict[str, Any], no: str) -> str:
    return str(figs["projects"].get(no, {}).get("name", ""))


def corrections(
    db: Database, quarter: str, frozen: dict[str, Any], names: dict[str, str]
) -> list[str]:
    """Dated facts of the closed `quarter` changed since it was closed."""
    as_of = date.fromisoformat(frozen["as_of"])
    now_facts = _dated_facts(db, as_of)
    was = frozen["dated"]
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
        out.append(
            t(
                "{no}. {name}: indicator {code} Q{q} {before} → {after}",
                no=no,
                name=names.get(no, ""),
                code=code,
                q=qn,
                before=a or "—",
                after=b or "—",
            )
        )
    return out


def _changes(db: Database, data: BriefData, prev: str, frozen: dict[str, Any]) -> ChangesSection:
    with using_language("zh"):
        now_figs = _figures(build_brief_data(db, data.cover.quarter, "zh"), db)
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
                    before=t(_LEVEL[old["health"]]),
                    after=t(_LEVEL[cur["health"]]),
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
                    before=old["grade"] or "—",
                    after=cur["grade"] or "—",
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
                tuple(_payments_in(db, quarter, data.cover.as_of, names)),
            ),
            (t("Scores and grades"), tuple(scores)),
            (t("Corrections to closed {q}", q=prev), tuple(corrections(db, prev, frozen, names))),
        ),
    )


def _payments_in(db: Database, quarter: Quarter, as_of: date, names: dict[str, str]) -> list[str]:
    sums: dict[tuple[int, str], int] = defaultdict(int)
    with db.reader() as s:
        q = (
            select(Project.no, Disbursement.kind, Disbursement.amount_fen)
            .join(Project, Project.id == Disbursement.project_id)
            .where(Disbursement.paid_on >= quarter.first_day, Disbursement.paid_on <= as_of)
        )
        for no, kind, fen in s.execute(q):
            sums[(no, kind)] += fen
    order = {k: i for i, k in enumerate(_KIND)}
    return [
        t(
            "{no}. {name}: {kind} {amount} 10k yuan",
            no=no,
            name=names.get(str(no), ""),
            kind=t(_KIND.get(kind, kind)),
            amount=format_wan(fen),
        )
        for (no, kind), fen in sorted(sums.items(), key=lambda x: (x[0][0], order.get(x[0][1], 9)))
    ]


def write_quarter_brief(
    db: Database,
    text: str,
    lang: str,
    output: Any,
    progress: Any = None,
    *,
    live: bool = False,
) -> str:
    """Write a quarter's brief: a closed quarter's archived PDF as stored (in the language
    it was closed in), else the brief computed now. Returns what was written, for a message."""
    from desktop_app.reports.brief import write_brief, write_bytes

    quarter = str(check_quarter(db, text))
    closed = closed_quarter(db, quarter)
    if closed is not None and not live and closed.lang == lang:
        write_bytes(archived_pdf(db, quarter) or b"", output)
        return f"archived brief of {quarter} (sha256 {closed.sha256})"
    pages = write_brief(brief_for(db, quarter, lang, archived=True), output, progress)
    return f"{pages} pages"


def brief_for(db: Database, text: str, lang: str = "zh", *, archived: bool = True) -> BriefData:
    """The brief's data with its 'changes since' section (and, for `--live` of a closed
    quarter, a banner when the recomputed figures differ from the frozen ones)."""
    data = build_brief_data(db, text, lang)
    quarter = Quarter.parse(data.cover.quarter)
    prev = str(quarter.previous())
    with using_language(lang):
        found = _frozen(db, prev)
        if found is None:
            changes = ChangesSection(previous=prev, closed=False)
        else:
            changes = _changes(db, data, prev, found[1])
        banner = ""
        if archived:
            mine = _frozen(db, str(quarter))
            if mine is not None:
                with using_language("zh"):
                    live = _figures(build_brief_data(db, str(quarter), "zh"), db)
                if _dump(live) != _dump(mine[1]):
                    banner = t(
                        "Recomputed: differs from the version closed on {at}.",
                        at=mine[0].closed_at.strftime("%Y-%m-%d %H:%M"),
                    )
    return replace(data, changes=changes, banner=banner)


__all__ = [
    "ClosedQuarter",
    "archived_pdf",
    "brief_for",
    "check_archives",
    "close_quarter",
    "closed_quarter",
    "closed_quarter_touched",
    "corrections",
    "last_closed_day",
    "list_quarters",
    "reopen_quarter",
    "write_quarter_brief",
]
