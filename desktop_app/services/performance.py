"""Indicator sets, quarterly actuals and annual evaluations — one transaction per action.

Every write validates the whole project-year first and changes nothing when refused.
A closed year (one with an evaluation) is frozen: reopen it before editing, so a grade
that set a reward always matches the figures it was computed from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.db import tables
from desktop_app.db.database import Database, Reader, reading
from desktop_app.db.models import (
    Evaluation,
    EvaluationItem,
    Indicator,
    IndicatorActual,
    Project,
)
from desktop_app.domain import limits, scoring
from desktop_app.domain.periods import today
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services import performance_rows as pr
from desktop_app.services.conflicts import ConflictError, differing
from desktop_app.services.performance_status import (
    projection_of,
    read_evaluations,
    read_indicators_of_year,
    read_projections,
)
from desktop_app.services.policy import read_policy
from desktop_app.snapshots.performance import (
    EvaluationItemView,
    EvaluationView,
    IndicatorEdit,
    PortfolioScoreRow,
    ProjectPerformance,
    indicator_fields,
)

register(
    {
        "the indicators of {year}": "{year} 年的指标",
        "the evaluation of {year}": "{year} 年的评价",
        "the actuals of {year}": "{year} 年的实际值",
        "{name}, Q{quarter}: {reason}": "{name} 第 {quarter} 季度:{reason}",
    }
)


def read_project_performance(src: Reader, project_id: int, year: int) -> ProjectPerformance:
    """The tab's view of one project-year: indicators, YTD, projection, evaluation, trend."""
    p, ev, item, ind = (
        tables.project.c,
        tables.evaluation.c,
        tables.evaluation_item.c,
        tables.indicator.c,
    )
    with reading(src) as conn:
        name = conn.scalar(select(p.name_zh).where(p.id == project_id))
        if name is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        indicators = read_indicators_of_year(conn, year, [project_id]).get(project_id, [])
        quarter, projected = projection_of(indicators)
        evaluations = list(
            conn.execute(
                select(tables.evaluation).where(ev.project_id == project_id).order_by(ev.year)
            )
        )
        this_year = next((e for e in evaluations if e.year == year), None)
        scored = (
            list(
                conn.execute(
                    select(item.indicator_id, item.actual, item.score)
                    .where(item.evaluation_id == this_year.id)
                    .order_by(item.id)
                )
            )
            if this_year is not None
            else []
        )
        ind_years = set(
            conn.scalars(select(ind.year).where(ind.project_id == project_id).distinct())
        )
        thresholds = read_policy(conn).grade_thresholds
    return ProjectPerformance(
        project_id=project_id,
        project_name=name,
        year=year,
        indicators=tuple(pr.indicator_row(i, quarter) for i in indicators),
        weight_sum=sum((i.weight for i in indicators), Decimal(0)),
        weight_problem=pr.weight_problem(name, year, indicators),
        projection_quarter=quarter,
        projected_total=projected,
        projected_grade=None if projected is None else scoring.grade(projected, thresholds),
        evaluation=pr.evaluation_view(this_year, scored, {i.id: i for i in indicators})
        if this_year is not None
        else None,
        trend=tuple(pr.year_score(e) for e in evaluations),
        years=tuple(sorted(ind_years | {e.year for e in evaluations})),
    )


#: Weights and targets are stored with four decimal places; more is refused, not rounded.
INDICATOR_PLACES = 4


def _row_error(row: int, name: str, reason: str) -> UserError:
    return UserError(t("Row {row} “{name}”: {reason}", row=row, name=name, reason=reason))


def _validate_set(project: Project, year: int, edits: Sequence[IndicatorEdit]) -> None:
    codes: set[str] = set()
    for n, e in enumerate(edits, start=1):
        if not e.name.strip():
            raise _row_error(n, e.name, t("Indicator name is required."))
        try:
            scoring.check_weight(e.weight)
            scoring.check_target(e.target, e.direction)
        except scoring.ScoringError as exc:
            raise _row_error(n, e.name.strip(), str(exc)) from exc
        reason = limits.decimal_problem(e.weight, "weight", INDICATOR_PLACES)
        if reason is None and e.target is not None and e.direction != "qualitative":
            reason = limits.decimal_problem(e.target, "target", INDICATOR_PLACES)
        for field, text in (("name", e.name.strip()), ("unit", e.unit.strip()), ("code", e.code)):
            reason = reason or limits.text_problem(text, field)
        if reason is not None:
            raise _row_error(n, e.name.strip()[:40], reason)
        code = limits.normalise_code(e.code)
        if code:
            if code in codes:
                raise UserError(t("Two indicators share the code {code}.", code=code))
            codes.add(code)
    if edits:
        try:
            scoring.check_weight_set((e.weight for e in edits), project=project.name_zh, year=year)
        except scoring.ScoringError as exc:
            raise UserError(str(exc)) from exc


def _next_code(used: set[str]) -> str:
    n = 1
    while f"I{n:02d}" in used:
        n += 1
    used.add(f"I{n:02d}")
    return f"I{n:02d}"


def _indicator_text(name: str, unit: str, weight: Any, target: Any, direction: str) -> str:
    target_text = "—" if target is None else f"{target}"
    return f"{name} · {weight}% · {target_text} {unit} · {direction}".strip()


def _check_set_versions(
    existing: Mapping[int, Indicator],
    edits: Sequence[IndicatorEdit],
    loaded: Mapping[int, int],
    year: int,
) -> None:
    """`ConflictError` when the stored set moved on since the window loaded `loaded`
    (indicator id → version): one changed, added or deleted by someone else."""
    mine = {e.id: e for e in edits if e.id is not None}
    fields: dict[str, tuple[Any, Any]] = {}
    for ind_id in sorted(set(existing) | set(loaded)):
        ind = existing.get(ind_id)
        if ind is not None and loaded.get(ind_id) == ind.version:
            continue
        e = mine.get(ind_id)
        theirs = (
            _indicator_text(ind.name, ind.unit, ind.weight, ind.target, ind.direction)
            if ind is not None
            else None
        )
        yours = (
            _indicator_text(e.name, e.unit, e.weight, e.target, e.direction)
            if e is not None
            else None
        )
        fields[ind.name if ind is not None else e.name if e is not None else str(ind_id)] = (
            theirs,
            yours,
        )
    if fields:
        version = max((i.version for i in existing.values()), default=0)
        what = t("the indicators of {year}", year=year)
        raise ConflictError(what, fields, version)


def save_indicator_set(
    db: Database,
    project_id: int,
    year: int,
    edits: Sequence[IndicatorEdit],
    *,
    loaded: Mapping[int, int] | None = None,
) -> ProjectPerformance:
    """Replace the project-year's set with `edits` (add, change, delete) — all or nothing.

    Refused when the weights do not sum to exactly 100, a target is zero, or the year is
    closed. Existing actuals of kept indicators stay; deleted indicators lose theirs.
    `loaded` (indicator id → version, as the window loaded the set): when another officer
    saved the set since, nothing is written and `ConflictError` says what differs.
    """
    with db.session() as s:
        project = pr.stored_project(s, project_id)
        pr.refuse_if_closed(s, project_id, year)
        _validate_set(project, year, edits)
        existing = {i.id: i for i in pr.indicators_of(s, project_id, year)}
        if loaded is not None:
            _check_set_versions(existing, edits, loaded, year)
        kept = {e.id for e in edits if e.id is not None}
        for gone in set(existing) - kept:
            s.delete(existing[gone])
        s.flush()
        used = {e.code for e in edits if e.code}
        used |= {i.code for i in existing.values() if i.id in kept}
        for order, e in enumerate(edits):
            ind = existing.get(e.id) if e.id is not None else None
            if ind is None:
                if e.id is not None:
                    raise UserError(t("Indicator {id} no longer exists.", id=e.id))
                ind = Indicator(project_id=project_id, year=year, is_sample=False)
                s.add(ind)
            ind.code = limits.normalise_code(e.code) or ind.code or _next_code(used)
            ind.name = e.name.strip()
            ind.unit = e.unit.strip()
            ind.weight = e.weight
            ind.target = None if e.direction == "qualitative" else e.target
            ind.direction = e.direction
            ind.allow_negative = e.allow_negative
            ind.sort_order = order
    return read_project_performance(db, project_id, year)


def copy_last_years_indicators(db: Database, project_id: int, year: int) -> ProjectPerformance:
    """Start `year` from the latest earlier year's set (names, weights, targets; no actuals)."""
    with db.session() as s:
        pr.stored_project(s, project_id)
        pr.refuse_if_closed(s, project_id, year)
        if pr.indicators_of(s, project_id, year):
            raise UserError(t("{year} already has indicators; nothing was copied.", year=year))
        source_year = s.scalar(
            select(Indicator.year)
            .where(Indicator.project_id == project_id, Indicator.year < year)
            .order_by(Indicator.year.desc())
            .limit(1)
        )
        if source_year is None:
            raise UserError(t("No indicators before {year} to copy.", year=year))
        for ind in pr.indicators_of(s, project_id, source_year):
            s.add(
                Indicator(
                    **indicator_fields(ind),
                    project_id=project_id,
                    year=year,
                    allow_negative=ind.allow_negative,
                    sort_order=ind.sort_order,
                    is_sample=False,
                )
            )
    return read_project_performance(db, project_id, year)


quarters_begun = scoring.quarters_begun  # the window asks here too


#: One cell of the actuals grid: (indicator id, quarter 1–4).
Cell = tuple[int, int]


class ActualRefused(UserError):
    """One figure of a block was refused: `cell` says which, `reason` why (the window
    turns the cell into its row and column)."""

    def __init__(self, cell: Cell, reason: str, name: str | None = None) -> None:
        message = reason
        if name is not None:
            message = t("{name}, Q{quarter}: {reason}", name=name, quarter=cell[1], reason=reason)
        super().__init__(message)
        self.cell = cell
        self.reason = reason


def _check_cell(
    indicators: Mapping[int, Indicator], cell: Cell, value: Decimal | None, day: date
) -> None:
    """`ActualRefused` unless the figure may be stored in the cell."""
    ind = indicators.get(cell[0])
    if ind is None:
        raise ActualRefused(cell, t("Indicator {id} no longer exists.", id=cell[0]))
    reason = scoring.actual_quarter_problem(ind.year, cell[1], day)
    if reason is not None:
        raise ActualRefused(cell, reason, ind.name)
    if value is not None:
        try:
            scoring.check_actual(
                value, weight=ind.weight, direction=ind.direction, allow_negative=ind.allow_negative
            )
        except scoring.ScoringError as exc:
            raise ActualRefused(cell, str(exc), ind.name) from exc


def _stored(ind: Indicator, quarter: int) -> Decimal | None:
    row = next((a for a in ind.actuals if a.quarter == quarter), None)
    return None if row is None else row.ytd_value


def _cell_label(ind: Indicator, quarter: int) -> str:
    return f"{ind.name} · Q{quarter}"


def _block_conflict(
    indicators: Mapping[int, Indicator],
    values: Mapping[Cell, Decimal | None],
    year: int,
    *,
    moved: set[int],
    seen: Mapping[Cell, Decimal | None],
) -> ConflictError | None:
    """The conflict, if an indicator of the block `moved` (saved by someone else since the
    window loaded it) or a figure is no longer the one the window had `seen`: theirs and
    yours per cell."""
    fields: dict[str, tuple[Any, Any]] = {}
    for cell, value in values.items():
        ind = indicators.get(cell[0])
        if ind is None:
            continue
        theirs = _stored(ind, cell[1])
        if ind.id in moved or (cell in seen and seen[cell] != theirs):
            fields[_cell_label(ind, cell[1])] = (theirs, value)
    if not fields:
        return None
    version = max((indicators[c[0]].version for c in values if c[0] in indicators), default=0)
    return ConflictError(t("the actuals of {year}", year=year), fields, version)


def save_actual_block(
    db: Database,
    project_id: int,
    year: int,
    values: Mapping[Cell, Decimal | None],
    versions: Mapping[int, int] | None = None,
    *,
    seen: Mapping[Cell, Decimal | None] | None = None,
) -> ProjectPerformance:
    """Year-to-date figures of several indicators and quarters (None clears one), in one
    transaction — all or nothing.

    Refused (`ActualRefused`, naming the cell) for an indicator not of this project-year,
    a quarter that has not begun, or a figure `scoring.check_actual` refuses; a closed
    year is refused as a whole. `versions` (indicator id → version) and `seen` (cell →
    the figure the window showed), as the window loaded them: when someone else has
    saved one of them since, nothing is written and `ConflictError` shows theirs and
    yours per cell.
    """
    day = today()
    try:
        with db.session() as s:
            pr.stored_project(s, project_id)
            pr.refuse_if_closed(s, project_id, year)
            indicators = {i.id: i for i in pr.indicators_of(s, project_id, year)}
            for cell, value in values.items():
                _check_cell(indicators, cell, value, day)
            loaded = versions or {}
            moved = {i for i in loaded if i in indicators and indicators[i].version != loaded[i]}
            conflict = _block_conflict(indicators, values, year, moved=moved, seen=seen or {})
            if conflict is not None:
                raise conflict
            for (ind_id, quarter), value in values.items():
                _write_actual(indicators[ind_id], quarter, value)
    except StaleDataError:  # someone else's save committed between our read and write
        with db.reader() as s:
            indicators = {i.id: i for i in pr.indicators_of(s, project_id, year)}
            lost = _block_conflict(indicators, values, year, moved=set(indicators), seen={})
        if lost is None:
            raise UserError(
                t("Indicator {id} no longer exists.", id=next(iter(values))[0])
            ) from None
        raise lost from None
    return read_project_performance(db, project_id, year)


def _write_actual(ind: Indicator, quarter: int, value: Decimal | None) -> None:
    row = next((a for a in ind.actuals if a.quarter == quarter), None)
    if value is None:
        if row is not None:
            ind.actuals.remove(row)
    elif row is None:
        ind.actuals.append(IndicatorActual(quarter=quarter, ytd_value=value))
    elif row.ytd_value != value:
        row.ytd_value = value


def save_actuals(
    db: Database,
    project_id: int,
    year: int,
    quarter: int,
    values: Mapping[int, Decimal | None],
) -> ProjectPerformance:
    """Year-to-date figures at the end of `quarter` (None clears one) — all or nothing."""
    if not 1 <= quarter <= 4:
        raise UserError(t("Quarter must be 1 to 4."))
    block = {(ind_id, quarter): value for ind_id, value in values.items()}
    return save_actual_block(db, project_id, year, block)


def set_actual(
    db: Database, indicator_id: int, quarter: int, value: Decimal | None
) -> ProjectPerformance:
    """One table cell: the YTD figure of one indicator at one quarter."""
    with db.reader() as s:
        ind = s.get(Indicator, indicator_id)
        if ind is None:
            raise UserError(t("Indicator {id} no longer exists.", id=indicator_id))
        project_id, year = ind.project_id, ind.year
    return save_actual_block(db, project_id, year, {(indicator_id, quarter): value})


def preview_evaluation(db: Database, project_id: int, year: int) -> EvaluationView:
    """What closing the year would record (the dialog shows it before the officer confirms)."""
    with db.reader() as s:
        indicators = pr.checked_for_evaluation(s, project_id, year)
        items, total = pr.compute(indicators)
        computed = scoring.grade(total, read_policy(s.connection()).grade_thresholds)
        return EvaluationView(
            project_id=project_id,
            year=year,
            total=total,
            computed_grade=computed,
            grade=computed,
            override_reason="",
            evaluated_on=None,
            items=tuple(
                EvaluationItemView(
                    indicator_id=ind.id,
                    name=ind.name,
                    weight=ind.weight,
                    target=ind.target,
                    direction=ind.direction,
                    actual=actual,
                    score=score,
                )
                for ind, actual, score in items
            ),
            saved=False,
        )


def close_year(
    db: Database,
    project_id: int,
    year: int,
    *,
    grade: str | None = None,
    reason: str = "",
    evaluated_on: date | None = None,
) -> EvaluationView:
    """Record the year's evaluation: items, total, computed grade (or an officer's override).

    An override needs a written reason; it goes into the audit trail with the change.
    """
    reason = reason.strip()
    with db.session() as s:
        indicators = pr.checked_for_evaluation(s, project_id, year)
        items, total = pr.compute(indicators)
        computed = scoring.grade(total, read_policy(s.connection()).grade_thresholds)
        final = grade or computed
        theirs = pr.evaluation_of(s, project_id, year)
        if theirs is not None:  # someone else closed the year first
            raise ConflictError(
                t("the evaluation of {year}", year=year),
                differing(_evaluation_fields(theirs), {"grade": final, "total": total}),
                theirs.version,
            )
        try:  # the rule every door asks (domain.scoring, via domain.rules)
            scoring.check_grade(final, computed, reason)
        except scoring.ScoringError as exc:
            raise UserError(str(exc)) from None
        if reason:
            s.info["audit_reason"] = reason
        s.add(
            Evaluation(
                project_id=project_id,
                year=year,
                total=total,
                computed_grade=computed,
                grade=final,
                override_reason=reason if final != computed else "",
                evaluated_on=evaluated_on or today(),
                notes=reason if final == computed else "",
                items=[
                    EvaluationItem(indicator_id=ind.id, actual=actual, score=score)
                    for ind, actual, score in items
                ],
            )
        )
        s.flush()
        s.info.pop("audit_reason", None)
    snapshot = read_project_performance(db, project_id, year)
    assert snapshot.evaluation is not None
    return snapshot.evaluation


def _evaluation_fields(ev: Evaluation | EvaluationView) -> dict[str, Any]:
    return {"grade": ev.grade, "total": ev.total}


def reopen_year(
    db: Database,
    project_id: int,
    year: int,
    reason: str,
    *,
    seen: EvaluationView | None = None,
) -> None:
    """Delete the year's evaluation (with a reason, audited) so its figures can be corrected.

    `seen`: the evaluation as the window showed it; if it was recorded again since,
    nothing is deleted and `ConflictError` shows theirs against it.
    """
    if not reason.strip():
        raise UserError(t("Reopening an evaluation needs a written reason."))
    with db.session() as s:
        ev = pr.evaluation_of(s, project_id, year)
        if ev is None:
            raise UserError(t("{year} has no evaluation to reopen.", year=year))
        if seen is not None:
            # A reopened and re-closed year is a new row that may be at version 1 again:
            # compare what it says, too.
            theirs, yours = _evaluation_fields(ev), _evaluation_fields(seen)
            if ev.version != seen.version or theirs != yours:
                what = t("the evaluation of {year}", year=year)
                raise ConflictError(what, differing(theirs, yours), ev.version)
        s.info["audit_reason"] = reason.strip()
        s.delete(ev)
        s.flush()
        s.info.pop("audit_reason", None)


def read_portfolio_scores(
    src: Reader, as_of: date, project_ids: Iterable[int] | None = None
) -> list[PortfolioScoreRow]:
    """`read_portfolio_scores` in the caller's transaction; only `project_ids` when given (the
    figures cache updates the projects saved)."""
    with reading(src) as conn:
        ids = None if project_ids is None else list(project_ids)
        evaluations = read_evaluations(conn, None, ids)
        current = read_projections(conn, as_of, ids)
        project = tables.project
        query = select(project.c.id, project.c.no, project.c.name_zh, project.c.name_en).order_by(
            project.c.no
        )
        if ids is not None:
            query = query.where(project.c.id.in_(ids))
        rows = []
        for p in conn.execute(query):
            quarter, projected = current.get(p.id, (None, None))
            rows.append(
                PortfolioScoreRow(
                    project_id=p.id,
                    no=p.no,
                    name_zh=p.name_zh,
                    name_en=p.name_en,
                    scores={e.year: pr.year_score(e) for e in evaluations.get(p.id, [])},
                    projected_year=as_of.year,
                    projected_score=projected,
                )
            )
        return rows


def years_of(rows: Iterable[PortfolioScoreRow]) -> list[int]:
    """The evaluated years appearing anywhere in the portfolio, ascending."""
    return sorted({y for r in rows for y in r.scores})
