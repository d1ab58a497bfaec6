"""A project's funding plan: read it, preview it, save it; and the money figures others read.

The form hands in a `FundingPlanDraft` (text as typed); `spec_from_draft` parses it
(thousands separators, full-width digits) into the domain's `FundingPlanSpec`, naming the
field of every problem. Saving writes the plan, its year rows and tranches in one
transaction under an optimistic version check; `db.audit` records each changed amount.

`read_project_schedule` and `read_funding_by_year` are what the pages call: a fixed number of
queries, any portfolio size. The figures the brief reads too (`read_funding_status`,
`read_plan_specs`, the facts) live in `services.funding_status`, ORM-free; they are used here
through `session.connection()` so both compute the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar, overload

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from desktop_app.db.database import Database, Reader, reading
from desktop_app.db.models import (
    FundingPlan,
    FundingYear,
    Milestone,
    Project,
    StartupTranche,
)
from desktop_app.domain import limits
from desktop_app.domain.funding import (
    DISBURSEMENT_KINDS,
    TAPER_MODES,
    FundingPlanSpec,
    FundingSchedule,
    Tranche,
    YearLine,
    stored_plan,
    stored_years,
)
from desktop_app.domain.money import fen_to_wan, wan_to_fen
from desktop_app.domain.parsing import MAX_YEAR, MIN_YEAR, ParseError, parse_decimal
from desktop_app.domain.periods import today
from desktop_app.domain.validation import ValidationError
from desktop_app.domain.warnings import funding_warnings, over_plan_warnings
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.conflicts import (
    ConflictError,
    TheirsReader,
    differing,
    stale_guard,
)
from desktop_app.services.funding_status import (
    _compute,
    _schedule_of,
    funding_rows_from,
    read_funding_facts,
    read_funding_year_sums,
    read_plan_specs,
)
from desktop_app.snapshots.funding import (
    FundingFacts,
    FundingPlanDraft,
    FundingPlanSnapshot,
    PortfolioFundingRow,
    ScheduleRow,
    ScheduleSnapshot,
    TrancheDraft,
    Typed,
)

register(
    {
        "Not a number: {value}": "不是数字:{value}",
        "Required.": "必填。",
        "Must be a whole year between {lo} and {hi}.": "须为 {lo} 至 {hi} 之间的年份。",
        "Must be a whole number.": "须为整数。",
        "Tranche {i}: {reason}": "第 {i} 期:{reason}",
        "no milestone {code} in this project": "本项目没有里程碑 {code}",
        "Year {i}: {reason}": "第 {i} 年:{reason}",
        "Project {id} no longer exists.": "项目 {id} 已不存在。",
        "the funding plan": "经费计划",
    }
)

_T = TypeVar("_T")
_FIELD_OF_DOMAIN = {"rate": "rate_percent"}


# ---------------------------------------------------------------- parsing a draft


def _empty(value: Typed) -> bool:
    return isinstance(value, str) and not value.strip()


def _amount(value: Typed) -> Decimal:
    try:
        return parse_decimal(value)
    except ParseError as exc:
        raise ValueError(t("Not a number: {value}", value=value)) from exc


def _money(value: Typed) -> Decimal:
    """An amount in 万元: finer than a fen or past 100 亿元 is refused, never rounded."""
    amount = _amount(value)
    reason = limits.places_problem(amount, limits.WAN_PLACES)
    if reason is None and abs(amount) > limits.MAX_WAN:
        reason = limits.range_problem(amount, -limits.MAX_WAN, limits.MAX_WAN)
    if reason is not None:
        raise ValueError(reason)
    return amount


#: The stored rate keeps six places of a fraction: four of a percentage.
RATE_PERCENT_PLACES = 4


def _rate_percent(value: Typed) -> Decimal:
    """A yearly taper rate in %: more places than the column keeps is refused."""
    pct = _amount(value)
    reason = limits.places_problem(pct, RATE_PERCENT_PLACES)
    if reason is not None:
        raise ValueError(reason)
    return pct


def _whole(value: Typed, lo: int, hi: int) -> int:
    number = _amount(value)
    if number != number.to_integral_value() or not lo <= number <= hi:
        raise ValueError(t("Must be a whole year between {lo} and {hi}.", lo=lo, hi=hi))
    return int(number)


class _Reader:
    """Collects one reason per field while reading a draft."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    @overload
    def get(self, name: str, value: Typed, read: Callable[[Typed], _T], default: _T) -> _T: ...

    @overload
    def get(
        self,
        name: str,
        value: Typed,
        read: Callable[[Typed], _T],
        default: None = None,
        *,
        required: bool = False,
    ) -> _T | None: ...

    def get(
        self,
        name: str,
        value: Typed,
        read: Callable[[Typed], _T],
        default: _T | None = None,
        *,
        required: bool = False,
    ) -> _T | None:
        if _empty(value):
            if required:
                self.errors[name] = t("Required.")
            return default
        try:
            return read(value)
        except ValueError as exc:
            self.errors[name] = str(exc)
            return default

    def many(self, name: str, values: Sequence[Typed], label: str) -> tuple[Decimal, ...] | None:
        out = []
        for i, value in enumerate(values, start=1):
            try:
                out.append(Decimal(0) if _empty(value) else _money(value))
            except ValueError as exc:
                self.errors[name] = t(label, i=i, reason=str(exc))
                return None
        return tuple(out)


def spec_from_draft(draft: FundingPlanDraft) -> FundingPlanSpec:
    """The plan a form describes, or `ValidationError` with one reason per draft field."""
    r = _Reader()
    first_year = r.get(
        "first_year", draft.first_year, lambda v: _whole(v, MIN_YEAR, MAX_YEAR), required=True
    )
    years = r.get("years", draft.years, lambda v: _whole(v, 1, 15), required=True)
    mode = draft.mode
    if mode not in TAPER_MODES:
        r.errors["mode"] = t("Unknown taper mode “{mode}”.", mode=mode)
    manual = r.many("manual", draft.manual, "Year {i}: {reason}") if mode == "manual" else None
    first = r.get("first_amount", draft.first_amount, _money, required=mode != "manual")
    if mode == "manual" and first is None and manual:
        first = manual[0]
    step = r.get("step", draft.step, _money) if mode == "linear" else None
    pct = r.get("rate_percent", draft.rate_percent, _rate_percent) if mode == "geometric" else None
    floor = r.get("floor", draft.floor, _money, Decimal(0))
    caps = r.many("reward_caps", draft.reward_caps, "Year {i}: {reason}") or ()
    grant = r.get("startup_grant", draft.startup_grant, _money, Decimal(0))
    startup_year = r.get(
        "startup_year", draft.startup_year, lambda v: _whole(v, MIN_YEAR, MAX_YEAR)
    )
    tranches: list[Tranche] = []
    for i, tr in enumerate(draft.tranches, start=1):
        try:
            tranches.append(
                Tranche(_whole(tr.year, MIN_YEAR, MAX_YEAR), _money(tr.amount), tr.note.strip())
            )
        except ValueError as exc:
            r.errors["tranches"] = t("Tranche {i}: {reason}", i=i, reason=str(exc))
    if r.errors:
        raise ValidationError(r.errors)
    # Both are required: a missing one left a reason in r.errors above.
    assert first_year is not None and years is not None
    if caps and not any(caps):
        caps = ()
    spec = FundingPlanSpec(
        first_year=first_year,
        years=years,
        mode=mode,
        first_amount=first if first is not None else Decimal(0),
        step=step,
        rate=pct / 100 if pct is not None else None,
        floor=floor,
        manual=manual,
        reward_caps=caps,
        startup_grant=grant,
        startup_year=startup_year,
        tranches=tuple(tranches),
    )
    errors = spec.validate()
    if errors:
        raise ValidationError({_FIELD_OF_DOMAIN.get(k, k): v for k, v in errors.items()})
    return spec


def _plain(fen: int | None) -> str:
    """Fen as 万元 text without trailing zeros (`3000000` → `3`), for the form."""
    if fen is None:
        return ""
    value = fen_to_wan(fen).normalize()
    return f"{value:f}"


def _draft_from_row(plan: FundingPlan) -> FundingPlanDraft:
    rows = list(plan.year_rows)
    rate_pct = "" if plan.rate is None else f"{(plan.rate * 100).normalize():f}"
    return FundingPlanDraft(
        first_year=str(plan.first_year),
        years=str(plan.years),
        mode=plan.taper_mode,
        first_amount=_plain(plan.first_amount_fen),
        step=_plain(plan.step_fen),
        rate_percent=rate_pct,
        floor=_plain(plan.floor_fen) if plan.floor_fen else "",
        manual=tuple(_plain(y.manual_fixed_fen) for y in rows)
        if plan.taper_mode == "manual"
        else (),
        reward_caps=tuple(_plain(y.reward_cap_fen) for y in rows),
        startup_grant=_plain(plan.startup_grant_fen) if plan.startup_grant_fen else "",
        startup_year="" if plan.startup_year is None else str(plan.startup_year),
        tranches=tuple(
            TrancheDraft(
                str(tr.year), _plain(tr.amount_fen), tr.note, _milestone_codes(plan).get(tr.id, "")
            )
            for tr in plan.tranches
        ),
        notes=plan.notes,
    )


def _milestone_codes(plan: FundingPlan) -> dict[int, str]:
    """tranche id → code of the milestone it is tied to (read in the plan's own session)."""
    session = object_session(plan)
    ids = {tr.milestone_id for tr in plan.tranches if tr.milestone_id is not None}
    if session is None or not ids:
        return {}
    codes = dict(
        session.execute(select(Milestone.id, Milestone.code).where(Milestone.id.in_(ids))).all()
    )
    return {tr.id: codes[tr.milestone_id] for tr in plan.tranches if tr.milestone_id in codes}


def _tranche_milestones(
    session: Session, project_id: int, draft: FundingPlanDraft
) -> list[int | None]:
    """The milestone id of each drafted tranche, or a ValidationError naming the tranche."""
    codes = dict(
        session.execute(
            select(Milestone.code, Milestone.id).where(Milestone.project_id == project_id)
        ).all()
    )
    out: list[int | None] = []
    for i, tr in enumerate(draft.tranches, start=1):
        code = tr.milestone.strip()
        if code and code not in codes:
            reason = t("no milestone {code} in this project", code=code)
            raise ValidationError({"tranches": t("Tranche {i}: {reason}", i=i, reason=reason)})
        out.append(codes[code] if code else None)
    return out


# ---------------------------------------------------------------- schedules


def _row(line: YearLine) -> ScheduleRow:
    paid = line.disbursed_by_kind
    return ScheduleRow(
        year=line.year,
        startup_fen=wan_to_fen(line.startup),
        fixed_fen=wan_to_fen(line.fixed),
        reward_cap_fen=wan_to_fen(line.reward_cap),
        grade=line.grade,
        earned_reward_fen=None if line.earned_reward is None else wan_to_fen(line.earned_reward),
        planned_total_fen=wan_to_fen(line.planned_total),
        disbursed_fen=wan_to_fen(line.disbursed),
        disbursed_startup_fen=wan_to_fen(paid.get("startup", Decimal(0))),
        disbursed_fixed_fen=wan_to_fen(paid.get("fixed", Decimal(0))),
        disbursed_reward_fen=wan_to_fen(paid.get("reward", Decimal(0))),
        warnings=tuple(
            [w.reason for w in over_plan_warnings(line, today())]
            + [w.message for w in line.warnings]
        ),
    )


def _snapshot(project_id: int | None, sched: FundingSchedule) -> ScheduleSnapshot:
    """The year table and its warnings: the same policy warnings Home and the brief list."""
    return ScheduleSnapshot(
        project_id=project_id,
        rows=tuple(_row(ln) for ln in sched.lines),
        warnings=tuple(w.reason for w in funding_warnings(sched, today())),
    )


def preview_schedule(
    draft: FundingPlanDraft, facts: FundingFacts, project_id: int | None = None
) -> ScheduleSnapshot:
    """The year table a draft would give (nothing read or written); `ValidationError` if bad."""
    return _snapshot(project_id, _compute(spec_from_draft(draft), facts))


def plans_of(session: Session, project_ids: Iterable[int] | None = None) -> list[FundingPlan]:
    q = select(FundingPlan).options(
        selectinload(FundingPlan.year_rows), selectinload(FundingPlan.tranches)
    )
    if project_ids is not None:
        q = q.where(FundingPlan.project_id.in_(list(project_ids)))
    return list(session.scalars(q))


def read_project_schedule(src: Reader, project_id: int) -> ScheduleSnapshot:
    """A project's year table with warnings (no rows when it has no plan)."""
    with reading(src) as conn:
        facts = read_funding_facts(conn, [project_id])[project_id]
        spec = read_plan_specs(conn, [project_id]).get(project_id)
    if spec is None:
        return ScheduleSnapshot(project_id, (), ())
    sched, problem = _schedule_of(spec, facts)
    if sched is None:
        return ScheduleSnapshot(project_id, (), (problem,))
    return _snapshot(project_id, sched)


def load_plan(db: Database, project_id: int) -> FundingPlanSnapshot:
    """The stored plan as the form shows it, with the facts a preview is computed against."""
    with db.reader() as s:
        if s.get(Project, project_id) is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        facts = read_funding_facts(s.connection(), [project_id])[project_id]
        plans = plans_of(s, [project_id])
        plan = plans[0] if plans else None
        draft = _draft_from_row(plan) if plan else None
        version = plan.version if plan else None
        schedule = read_project_schedule(s.connection(), project_id)
    return FundingPlanSnapshot(
        project_id=project_id, version=version, draft=draft, facts=facts, schedule=schedule
    )


# ---------------------------------------------------------------- saving


def _write_years(session: Session, plan: FundingPlan, spec: FundingPlanSpec) -> None:
    """Update year rows in place (so the audit shows before → after), add and drop the rest."""
    by_year = {y.year: y for y in plan.year_rows}
    for wanted in stored_years(spec):
        year = wanted.pop("year")
        row = by_year.pop(year, None)
        if row is None:
            row = FundingYear(year=year)
            plan.year_rows.append(row)
        for column, value in wanted.items():
            setattr(row, column, value)
    for row in by_year.values():
        plan.year_rows.remove(row)
        session.delete(row)


def _write_tranches(
    session: Session, plan: FundingPlan, spec: FundingPlanSpec, milestones: list[int | None]
) -> None:
    by_seq = {tr.seq: tr for tr in plan.tranches}
    for seq, tranche in enumerate(spec.tranches, start=1):
        row = by_seq.pop(seq, None)
        if row is None:
            row = StartupTranche(seq=seq)
            plan.tranches.append(row)
        row.year = tranche.year
        row.amount_fen = wan_to_fen(tranche.amount)
        row.note = tranche.note
        row.milestone_id = milestones[seq - 1] if seq <= len(milestones) else None
    for row in by_seq.values():
        plan.tranches.remove(row)
        session.delete(row)


def save_plan(
    db: Database, project_id: int, draft: FundingPlanDraft, version: int | None
) -> FundingPlanSnapshot:
    """Validate and store the plan in one transaction.

    `version` is the one the form loaded (None: the project had no plan); if someone saved
    since, nothing is written and the officer is asked to reload.
    """
    spec = spec_from_draft(draft)
    yours = plan_conflict_fields(draft)
    what = t("the funding plan")
    with stale_guard(db, _theirs_plan(project_id), yours, what=what), db.session() as s:
        project = s.get(Project, project_id)
        if project is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        plans = plans_of(s, [project_id])
        plan = plans[0] if plans else None
        tied = _tranche_milestones(s, project_id, draft)  # before the plan is added
        if (plan.version if plan else None) != version:
            if plan is None:
                raise UserError(t("{what} was deleted by someone else meanwhile.", what=what))
            theirs = plan_conflict_fields(_draft_from_row(plan))
            raise ConflictError(what, differing(theirs, yours), plan.version)
        if plan is None:
            plan = FundingPlan(project_id=project_id, is_sample=False)
            s.add(plan)
        for column, value in stored_plan(spec).items():
            setattr(plan, column, value)
        plan.notes = draft.notes
        _write_years(s, plan, spec)
        _write_tranches(s, plan, spec, tied)
        if plan.id is not None:
            plan.version = plan.version + 1  # child-only edits still move the version
    return load_plan(db, project_id)


def plan_conflict_fields(draft: FundingPlanDraft) -> dict[str, Any]:
    """A plan's fields as the conflict dialog shows them (lists joined into one line)."""
    return {
        "first_year": str(draft.first_year),
        "years": str(draft.years),
        "mode": draft.mode,
        "first_amount": str(draft.first_amount),
        "step": str(draft.step),
        "rate_percent": str(draft.rate_percent),
        "floor": str(draft.floor),
        "manual": ", ".join(str(v) for v in draft.manual),
        "reward_caps": ", ".join(str(v) for v in draft.reward_caps),
        "startup_grant": str(draft.startup_grant),
        "startup_year": str(draft.startup_year),
        "tranches": "; ".join(f"{tr.year}: {tr.amount} {tr.note}".strip() for tr in draft.tranches),
        "notes": draft.notes,
    }


def _theirs_plan(project_id: int) -> TheirsReader:
    def read(s: Session) -> tuple[dict[str, Any], int] | None:
        plans = plans_of(s, [project_id])
        if not plans:
            return None
        return plan_conflict_fields(_draft_from_row(plans[0])), plans[0].version

    return read


# ---------------------------------------------------------------- the contract


def read_funding_by_year(src: Reader) -> list[PortfolioFundingRow]:
    """Per plan year across all plans: planned, caps, earned, paid, and the performance share.

    Paid follows the project table (计划年度口径: each payment counts for its `for_year`);
    the paid share is given only for years with evaluations (before, no reward is due).
    """
    return funding_rows_from(read_funding_year_sums(src).values())


__all__ = [
    "DISBURSEMENT_KINDS",
    "load_plan",
    "read_funding_by_year",
    "read_project_schedule",
    "preview_schedule",
    "save_plan",
    "spec_from_draft",
]
