"""Indicator sets, quarterly actuals and annual evaluations — one transaction per action.

Every write validates the whole project-year first and changes nothing when refused.
A closed year (one with an evaluation) is frozen: reopen it before editing, so a grade
that set a reward always matches the figures it was computed from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.db.database import Database
from desktop_app.db.models import (
    Evaluation,
    EvaluationItem,
    Indicator,
    IndicatorActual,
    Project,
)
from desktop_app.domain import scoring
from desktop_app.domain.periods import Quarter, today
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.policy import policy_in
from desktop_app.snapshots.performance import (
    EvaluationItemView,
    EvaluationView,
    IndicatorEdit,
    IndicatorRow,
    PerformanceStatus,
    PortfolioScoreRow,
    ProjectPerformance,
    YearScore,
)

register(
    {
        "Project {id} no longer exists.": "项目 {id} 已不存在。",
        "Indicator {id} no longer exists.": "指标 {id} 已不存在。",
        "Row {row} “{name}”: {reason}": "第 {row} 行“{name}”:{reason}",
        "Indicator name is required.": "指标名称不能为空。",
        "Two indicators share the code {code}.": "两个指标使用了相同编码 {code}。",
        "{year} is closed by its evaluation; reopen the year before changing it.": (
            "{year} 年已完成绩效评价;请先重新打开该年度再修改。"
        ),
        "{year} already has indicators; nothing was copied.": "{year} 年已有指标,未复制。",
        "No indicators before {year} to copy.": "{year} 年之前没有可复制的指标。",
        "{year} has no indicators to evaluate.": "{year} 年没有绩效指标,无法评价。",
        "{year} is already evaluated.": "{year} 年已完成评价。",
        "{year} has no evaluation to reopen.": "{year} 年没有可重新打开的评价。",
        "Unknown grade “{value}”.": "未知等级“{value}”。",
        "Overriding the computed grade {computed} needs a written reason.": (
            "修改计算等级 {computed} 须填写书面理由。"
        ),
        "Reopening an evaluation needs a written reason.": "重新打开评价须填写书面理由。",
    }
)


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise UserError(t("Project {id} no longer exists.", id=project_id))
    return project


def _indicators(session: Session, project_id: int, year: int) -> list[Indicator]:
    query = (
        select(Indicator)
        .where(Indicator.project_id == project_id, Indicator.year == year)
        .options(selectinload(Indicator.actuals))
        .order_by(Indicator.sort_order, Indicator.id)
    )
    return list(session.scalars(query))


def _evaluation(session: Session, project_id: int, year: int) -> Evaluation | None:
    return session.scalar(
        select(Evaluation).where(Evaluation.project_id == project_id, Evaluation.year == year)
    )


def _refuse_if_closed(session: Session, project_id: int, year: int) -> None:
    if _evaluation(session, project_id, year) is not None:
        raise UserError(
            t("{year} is closed by its evaluation; reopen the year before changing it.", year=year)
        )


def _spec(ind: Indicator) -> scoring.IndicatorSpec:
    return scoring.IndicatorSpec(weight=ind.weight, target=ind.target, direction=ind.direction)


def _latest(ind: Indicator, up_to_quarter: int = 4) -> tuple[int, Decimal] | None:
    reported = [(a.quarter, a.ytd_value) for a in ind.actuals if a.quarter <= up_to_quarter]
    return max(reported) if reported else None


def _projection(
    indicators: Sequence[Indicator], up_to_quarter: int = 4
) -> tuple[int | None, Decimal | None]:
    """Latest quarter reported for the set and the total projected from it (None: no data)."""
    quarters = [q for ind in indicators if (q := _latest(ind, up_to_quarter))]
    if not quarters:
        return None, None
    quarter = max(q for q, _ in quarters)
    items = [(_spec(ind), _ytd_at(ind, quarter)) for ind in indicators]
    return quarter, scoring.projected_score(items, quarter)


def _ytd_at(ind: Indicator, quarter: int) -> Decimal | None:
    """The figure at `quarter`, or a qualitative score given earlier (it is not a flow)."""
    for a in ind.actuals:
        if a.quarter == quarter:
            return a.ytd_value
    if ind.direction == "qualitative":
        latest = _latest(ind, quarter)
        return latest[1] if latest else None
    return None


def _indicator_row(ind: Indicator, quarter: int | None) -> IndicatorRow:
    ytd = {a.quarter: a.ytd_value for a in ind.actuals}
    latest = _latest(ind)
    projected_actual = None
    projected = Decimal(0).quantize(scoring.SCORE_PLACES)
    if quarter is not None:
        value = _ytd_at(ind, quarter)
        projected_actual = scoring.projected_actual(value, quarter, ind.direction)
        projected = scoring.projected_indicator_score(_spec(ind), value, quarter)
    return IndicatorRow(
        id=ind.id,
        code=ind.code,
        name=ind.name,
        unit=ind.unit,
        weight=ind.weight,
        target=ind.target,
        direction=ind.direction,
        allow_negative=ind.allow_negative,
        ytd=tuple(ytd.get(q) for q in range(1, 5)),
        latest_quarter=latest[0] if latest else None,
        projected_actual=projected_actual,
        projected_score=projected,
        version=ind.version,
    )


def _weight_problem(project: Project, year: int, indicators: Sequence[Indicator]) -> str | None:
    if not indicators:
        return None
    try:
        scoring.check_weight_set((i.weight for i in indicators), project=project.name_zh, year=year)
    except scoring.ScoringError as exc:
        return str(exc)
    return None


def _evaluation_view(ev: Evaluation, indicators: Mapping[int, Indicator]) -> EvaluationView:
    items = []
    for item in ev.items:
        ind = indicators.get(item.indicator_id)
        items.append(
            EvaluationItemView(
                indicator_id=item.indicator_id,
                name=ind.name if ind else "",
                weight=ind.weight if ind else Decimal(0),
                target=ind.target if ind else None,
                direction=ind.direction if ind else "higher",
                actual=item.actual,
                score=item.score,
            )
        )
    return EvaluationView(
        project_id=ev.project_id,
        year=ev.year,
        total=ev.total,
        computed_grade=ev.computed_grade,
        grade=ev.grade,
        override_reason=ev.override_reason,
        evaluated_on=ev.evaluated_on,
        items=tuple(items),
    )


def _year_score(ev: Evaluation) -> YearScore:
    return YearScore(year=ev.year, total=ev.total, grade=ev.grade, computed_grade=ev.computed_grade)


def project_performance(db: Database, project_id: int, year: int) -> ProjectPerformance:
    """The tab's view of one project-year: indicators, YTD, projection, evaluation, trend."""
    with db.reader() as s:
        project = _project(s, project_id)
        indicators = _indicators(s, project_id, year)
        quarter, projected = _projection(indicators)
        evaluations = list(
            s.scalars(
                select(Evaluation)
                .where(Evaluation.project_id == project_id)
                .options(selectinload(Evaluation.items))
                .order_by(Evaluation.year)
            )
        )
        ind_years = set(
            s.scalars(select(Indicator.year).where(Indicator.project_id == project_id).distinct())
        )
        this_year = next((e for e in evaluations if e.year == year), None)
        return ProjectPerformance(
            project_id=project_id,
            project_name=project.name_zh,
            year=year,
            indicators=tuple(_indicator_row(i, quarter) for i in indicators),
            weight_sum=sum((i.weight for i in indicators), Decimal(0)),
            weight_problem=_weight_problem(project, year, indicators),
            projection_quarter=quarter,
            projected_total=projected,
            projected_grade=None
            if projected is None
            else scoring.grade(projected, policy_in(s).grade_thresholds),
            evaluation=_evaluation_view(this_year, {i.id: i for i in indicators})
            if this_year
            else None,
            trend=tuple(_year_score(e) for e in evaluations),
            years=tuple(sorted(ind_years | {e.year for e in evaluations})),
        )


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
        if e.code:
            if e.code in codes:
                raise UserError(t("Two indicators share the code {code}.", code=e.code))
            codes.add(e.code)
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


def save_indicator_set(
    db: Database, project_id: int, year: int, edits: Sequence[IndicatorEdit]
) -> ProjectPerformance:
    """Replace the project-year's set with `edits` (add, change, delete) — all or nothing.

    Refused when the weights do not sum to exactly 100, a target is zero, or the year is
    closed. Existing actuals of kept indicators stay; deleted indicators lose theirs.
    """
    with db.session() as s:
        project = _project(s, project_id)
        _refuse_if_closed(s, project_id, year)
        _validate_set(project, year, edits)
        existing = {i.id: i for i in _indicators(s, project_id, year)}
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
            ind.code = e.code or ind.code or _next_code(used)
            ind.name = e.name.strip()
            ind.unit = e.unit.strip()
            ind.weight = e.weight
            ind.target = None if e.direction == "qualitative" else e.target
            ind.direction = e.direction
            ind.allow_negative = e.allow_negative
            ind.sort_order = order
    return project_performance(db, project_id, year)


def copy_last_years_indicators(db: Database, project_id: int, year: int) -> ProjectPerformance:
    """Start `year` from the latest earlier year's set (names, weights, targets; no actuals)."""
    with db.session() as s:
        _project(s, project_id)
        _refuse_if_closed(s, project_id, year)
        if _indicators(s, project_id, year):
            raise UserError(t("{year} already has indicators; nothing was copied.", year=year))
        source_year = s.scalar(
            select(Indicator.year)
            .where(Indicator.project_id == project_id, Indicator.year < year)
            .order_by(Indicator.year.desc())
            .limit(1)
        )
        if source_year is None:
            raise UserError(t("No indicators before {year} to copy.", year=year))
        for ind in _indicators(s, project_id, source_year):
            s.add(
                Indicator(
                    project_id=project_id,
                    year=year,
                    code=ind.code,
                    name=ind.name,
                    unit=ind.unit,
                    weight=ind.weight,
                    target=ind.target,
                    direction=ind.direction,
                    allow_negative=ind.allow_negative,
                    sort_order=ind.sort_order,
                    is_sample=False,
                )
            )
    return project_performance(db, project_id, year)


def _check_value(ind: Indicator, value: Decimal) -> None:
    try:
        scoring.check_actual(
            value, weight=ind.weight, direction=ind.direction, allow_negative=ind.allow_negative
        )
    except scoring.ScoringError as exc:
        raise UserError(f"{ind.name}: {exc}") from exc


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
    with db.session() as s:
        _project(s, project_id)
        _refuse_if_closed(s, project_id, year)
        indicators = {i.id: i for i in _indicators(s, project_id, year)}
        for ind_id, value in values.items():
            ind = indicators.get(ind_id)
            if ind is None:
                raise UserError(t("Indicator {id} no longer exists.", id=ind_id))
            if value is not None:
                _check_value(ind, value)
        for ind_id, value in values.items():
            ind = indicators[ind_id]
            row = next((a for a in ind.actuals if a.quarter == quarter), None)
            if value is None:
                if row is not None:
                    ind.actuals.remove(row)
            elif row is None:
                ind.actuals.append(IndicatorActual(quarter=quarter, ytd_value=value))
            else:
                row.ytd_value = value
    return project_performance(db, project_id, year)


def set_actual(
    db: Database, indicator_id: int, quarter: int, value: Decimal | None
) -> ProjectPerformance:
    """One table cell: the YTD figure of one indicator at one quarter."""
    with db.reader() as s:
        ind = s.get(Indicator, indicator_id)
        if ind is None:
            raise UserError(t("Indicator {id} no longer exists.", id=indicator_id))
        project_id, year = ind.project_id, ind.year
    return save_actuals(db, project_id, year, quarter, {indicator_id: value})


def _compute(
    indicators: Sequence[Indicator],
) -> tuple[list[tuple[Indicator, Decimal | None, Decimal]], Decimal]:
    """Each indicator's year figure (its latest YTD) and score, and the total."""
    items = []
    for ind in indicators:
        latest = _latest(ind)
        actual = latest[1] if latest else None
        score = scoring.indicator_score(ind.weight, ind.target or Decimal(0), actual, ind.direction)
        items.append((ind, actual, score))
    return items, scoring.total_score(score for _, _, score in items)


def _checked_for_evaluation(s: Session, project_id: int, year: int) -> list[Indicator]:
    project = _project(s, project_id)
    indicators = _indicators(s, project_id, year)
    if not indicators:
        raise UserError(t("{year} has no indicators to evaluate.", year=year))
    problem = _weight_problem(project, year, indicators)
    if problem:
        raise UserError(problem)
    return indicators


def preview_evaluation(db: Database, project_id: int, year: int) -> EvaluationView:
    """What closing the year would record (the dialog shows it before the officer confirms)."""
    with db.reader() as s:
        indicators = _checked_for_evaluation(s, project_id, year)
        items, total = _compute(indicators)
        computed = scoring.grade(total, policy_in(s).grade_thresholds)
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
        indicators = _checked_for_evaluation(s, project_id, year)
        if _evaluation(s, project_id, year) is not None:
            raise UserError(t("{year} is already evaluated.", year=year))
        items, total = _compute(indicators)
        computed = scoring.grade(total, policy_in(s).grade_thresholds)
        final = grade or computed
        if final not in scoring.GRADES:
            raise UserError(t("Unknown grade “{value}”.", value=final))
        if final != computed and not reason:
            raise UserError(
                t(
                    "Overriding the computed grade {computed} needs a written reason.",
                    computed=computed,
                )
            )
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
    snapshot = project_performance(db, project_id, year)
    assert snapshot.evaluation is not None
    return snapshot.evaluation


def reopen_year(db: Database, project_id: int, year: int, reason: str) -> None:
    """Delete the year's evaluation (with a reason, audited) so its figures can be corrected."""
    if not reason.strip():
        raise UserError(t("Reopening an evaluation needs a written reason."))
    with db.session() as s:
        ev = _evaluation(s, project_id, year)
        if ev is None:
            raise UserError(t("{year} has no evaluation to reopen.", year=year))
        s.info["audit_reason"] = reason.strip()
        s.delete(ev)
        s.flush()
        s.info.pop("audit_reason", None)


def _known_evaluations(s: Session, as_of: date | None) -> dict[int, list[Evaluation]]:
    """Each project's evaluations recorded by `as_of` (all when None), oldest first."""
    out: dict[int, list[Evaluation]] = {}
    query = select(Evaluation).order_by(Evaluation.year)
    if as_of is not None:
        query = query.where(Evaluation.year <= as_of.year)
    for ev in s.scalars(query):
        if as_of is None or ev.evaluated_on is None or ev.evaluated_on <= as_of:
            out.setdefault(ev.project_id, []).append(ev)
    return out


def _projections(s: Session, as_of: date) -> dict[int, tuple[int | None, Decimal | None]]:
    """Each project's projection for `as_of`'s year from actuals up to its quarter."""
    by_project: dict[int, list[Indicator]] = {}
    query = (
        select(Indicator)
        .where(Indicator.year == as_of.year)
        .options(selectinload(Indicator.actuals))
        .order_by(Indicator.sort_order, Indicator.id)
    )
    for ind in s.scalars(query):
        by_project.setdefault(ind.project_id, []).append(ind)
    current_q = Quarter.of(as_of).q
    return {pid: _projection(inds, current_q) for pid, inds in by_project.items()}


def performance_status_by_project(db: Database, as_of: date) -> dict[int, PerformanceStatus]:
    """Every project's last grade and this year's projected score, as of a date.

    Only evaluations recorded by `as_of` and actuals up to its quarter count, so a brief
    for a past quarter shows what was known then.
    """
    with db.reader() as s:
        evaluations = _known_evaluations(s, as_of)
        projections = _projections(s, as_of)
        out: dict[int, PerformanceStatus] = {}
        for pid in s.scalars(select(Project.id).order_by(Project.no)):
            evs = evaluations.get(pid, [])
            last = evs[-1] if evs else None
            quarter, projected = projections.get(pid, (None, None))
            out[pid] = PerformanceStatus(
                project_id=pid,
                last_year=last.year if last else None,
                last_total=last.total if last else None,
                last_grade=last.grade if last else None,
                projected_year=as_of.year,
                projected_quarter=quarter,
                projected_score=projected,
                grades={e.year: e.grade for e in evs},
            )
        return out


def portfolio_scores(db: Database, as_of: date | None = None) -> list[PortfolioScoreRow]:
    """Projects × years: each closed year's total and grade, plus this year's projection."""
    as_of = as_of or today()
    with db.reader() as s:
        evaluations = _known_evaluations(s, None)
        current = _projections(s, as_of)
        rows = []
        for p in s.scalars(select(Project).order_by(Project.no)):
            quarter, projected = current.get(p.id, (None, None))
            rows.append(
                PortfolioScoreRow(
                    project_id=p.id,
                    no=p.no,
                    name_zh=p.name_zh,
                    name_en=p.name_en,
                    scores={e.year: _year_score(e) for e in evaluations.get(p.id, [])},
                    projected_year=as_of.year,
                    projected_score=projected,
                )
            )
        return rows


def years_of(rows: Iterable[PortfolioScoreRow]) -> list[int]:
    """The evaluated years appearing anywhere in the portfolio, ascending."""
    return sorted({y for r in rows for y in r.scores})
