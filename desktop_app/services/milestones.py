"""Keeping a project's milestones and baselines: each user action is one transaction.

Every write validates first (`ValidationError` names the field), then checks the row's
`version` so a stale window cannot overwrite someone else's save (`UserError`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.db import tables
from desktop_app.db.database import Database, Reader, reading
from desktop_app.db.models import (
    Baseline,
    BaselineItem,
    EvidenceBlob,
    EvidenceLink,
    Milestone,
    Project,
    StartupTranche,
)
from desktop_app.domain.milestones import MilestoneEdit, validate_milestone
from desktop_app.domain.periods import now, today
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.conflicts import TheirsReader, check_version, stale_guard
from desktop_app.snapshots.milestones import (
    BaselineDiff,
    BaselineEntry,
    BaselineInfo,
    BaselineItemRow,
    DeletedMilestone,
    EvidenceEntry,
    MilestoneRow,
)

REORDER_STALE = "The milestones changed meanwhile; reload and reorder again."
register(
    {
        "Project {id} no longer exists.": "项目 {id} 已不存在。",
        "Milestone {id} no longer exists.": "里程碑 {id} 已不存在。",
        "milestone {code}": "里程碑 {code}",
        "the milestone": "该里程碑",
        REORDER_STALE: "里程碑已被修改;请重新载入后再排序。",
        "A baseline needs a reason.": "设定基准计划须填写原因。",
        "The project has no milestones to baseline.": "该项目没有可设定基准的里程碑。",
        "Baseline {id} no longer exists.": "基准计划 {id} 已不存在。",
    }
)


def milestone_row(m: Any) -> MilestoneRow:
    """A stored milestone as the tab, the timeline and a quarterly return show it."""
    return MilestoneRow(
        id=m.id,
        project_id=m.project_id,
        code=m.code,
        title=m.title,
        deliverable=m.deliverable,
        owner=m.owner,
        planned_start=m.planned_start,
        planned_end=m.planned_end,
        baseline_start=m.baseline_start,
        baseline_end=m.baseline_end,
        actual_start=m.actual_start,
        actual_end=m.actual_end,
        percent_complete=m.percent_complete,
        status=m.status,
        cancel_reason=m.cancel_reason,
        notes=m.notes,
        sort_order=m.sort_order,
        version=m.version,
    )


def _apply(m: Milestone, edit: MilestoneEdit) -> None:
    m.title = edit.title.strip()
    m.deliverable = edit.deliverable
    m.owner = edit.owner.strip()
    m.planned_start = edit.planned_start
    m.planned_end = edit.planned_end  # type: ignore[assignment]  # validated not None
    m.actual_start = edit.actual_start
    m.actual_end = edit.actual_end
    m.percent_complete = edit.percent_complete
    m.status = edit.status
    m.cancel_reason = edit.cancel_reason.strip()
    m.notes = edit.notes


def _validated(edit: MilestoneEdit) -> None:
    errors = validate_milestone(edit, today=today())
    if errors:
        raise ValidationError(errors)


def _project(s: Session, project_id: int) -> Project:
    project = s.get(Project, project_id)
    if project is None:
        raise UserError(t("Project {id} no longer exists.", id=project_id))
    return project


def conflict_fields(edit: MilestoneEdit) -> dict[str, Any]:
    """A milestone's editable fields as the conflict dialog shows them."""
    return {f.name: getattr(edit, f.name) for f in dataclasses.fields(edit)}


def _what(m: Milestone) -> str:
    return t("milestone {code}", code=m.code)


def _theirs(milestone_id: int) -> TheirsReader:
    def read(s: Session) -> tuple[dict[str, Any], int] | None:
        m = s.get(Milestone, milestone_id)
        return (conflict_fields(milestone_row(m).to_edit()), m.version) if m is not None else None

    return read


def _milestone(
    s: Session, milestone_id: int, version: int, yours: Mapping[str, Any] | None = None
) -> Milestone:
    """The row, or `ConflictError` (their values and `yours`) when it moved on since
    the window loaded `version`."""
    m = s.get(Milestone, milestone_id)
    if m is None:
        raise UserError(t("Milestone {id} no longer exists.", id=milestone_id))
    theirs = conflict_fields(milestone_row(m).to_edit())
    check_version(m.version, version, theirs, yours or {}, what=_what(m))
    return m


def _in_order(s: Session, project_id: int) -> list[Milestone]:
    """The project's milestones in table order."""
    query = (
        select(Milestone)
        .where(Milestone.project_id == project_id)
        .order_by(Milestone.sort_order, Milestone.id)
    )
    return list(s.scalars(query))


def read_milestone(src: Reader, milestone_id: int) -> MilestoneRow:
    """One milestone as saved now (a window re-reads it after a conflict)."""
    m = tables.milestone
    with reading(src) as conn:
        row = conn.execute(select(m).where(m.c.id == milestone_id)).first()
    if row is None:
        raise UserError(t("Milestone {id} no longer exists.", id=milestone_id))
    return milestone_row(row)


def read_milestones(src: Reader, project_id: int) -> list[MilestoneRow]:
    """The project's milestones in table order."""
    m = tables.milestone
    query = select(m).where(m.c.project_id == project_id).order_by(m.c.sort_order, m.c.id)
    with reading(src) as conn:
        return [milestone_row(r) for r in conn.execute(query)]


def _next_code(s: Session, project_id: int) -> str:
    used = set(s.scalars(select(Milestone.code).where(Milestone.project_id == project_id)))
    n = len(used) + 1
    while f"M{n:02d}" in used:
        n += 1
    return f"M{n:02d}"


def add_milestone(
    db: Database,
    project_id: int,
    edit: MilestoneEdit,
    *,
    position: int | None = None,
    code: str | None = None,
) -> MilestoneRow:
    """A new milestone at `position` (0-based; default last), later ones move down.

    `code` is kept when still free (an undone delete gets its code back).
    """
    _validated(edit)
    with db.session() as s:
        _project(s, project_id)
        siblings = _in_order(s, project_id)
        at = len(siblings) if position is None else max(0, min(position, len(siblings)))
        for i, other in enumerate(siblings):
            wanted = i if i < at else i + 1
            if other.sort_order != wanted:
                other.sort_order = wanted
        used = {other.code for other in siblings}
        code = code if code and code not in used else _next_code(s, project_id)
        m = Milestone(project_id=project_id, code=code, sort_order=at)
        _apply(m, edit)
        s.add(m)
        s.flush()
        return milestone_row(m)


def update_milestone(
    db: Database, milestone_id: int, edit: MilestoneEdit, version: int
) -> MilestoneRow:
    _validated(edit)
    yours = conflict_fields(edit)
    what = t("the milestone")
    with stale_guard(db, _theirs(milestone_id), yours, what=what), db.session() as s:
        m = _milestone(s, milestone_id, version, yours)
        _apply(m, edit)
        s.flush()
        return milestone_row(m)


def _snapshot(s: Session, m: Milestone) -> DeletedMilestone:
    items = s.scalars(
        select(BaselineItem).where(BaselineItem.milestone_id == m.id).order_by(BaselineItem.id)
    )
    baselines = tuple(BaselineEntry(i.baseline_id, i.planned_start, i.planned_end) for i in items)
    links = s.scalars(
        select(EvidenceLink).where(EvidenceLink.milestone_id == m.id).order_by(EvidenceLink.id)
    )
    tranches = s.scalars(
        select(StartupTranche.id)
        .where(StartupTranche.milestone_id == m.id)
        .order_by(StartupTranche.id)
    )
    return DeletedMilestone(
        row=milestone_row(m),
        is_sample=m.is_sample,
        baselines=baselines,
        evidence=tuple(
            EvidenceEntry(e.sha256, e.file_name, e.note, e.added_at, e.added_by, e.removed)
            for e in links
        ),
        tranche_ids=tuple(tranches),
    )


def delete_milestone(db: Database, milestone_id: int, version: int) -> DeletedMilestone:
    """Delete the milestone and its baseline rows (cascade); returns what it owned, taken
    in the same transaction, for `restore_milestone` (undo)."""
    what = t("the milestone")
    with stale_guard(db, _theirs(milestone_id), {}, what=what), db.session() as s:
        m = _milestone(s, milestone_id, version)
        snapshot = _snapshot(s, m)
        s.delete(m)
        return snapshot


def restore_milestone(db: Database, deleted: DeletedMilestone) -> MilestoneRow:
    """Put a deleted milestone back where it was, with its frozen baseline dates and its
    rows in every baseline that still exists. It keeps its id and code while they are free
    (another milestone may have taken the code meanwhile; then it gets the next one)."""
    row = deleted.row
    with db.session() as s:
        _project(s, row.project_id)
        siblings = _in_order(s, row.project_id)
        at = max(0, min(row.sort_order, len(siblings)))
        for i, other in enumerate(siblings):
            wanted = i if i < at else i + 1
            if other.sort_order != wanted:
                other.sort_order = wanted
        used = {other.code for other in siblings}
        m = Milestone(
            project_id=row.project_id,
            code=row.code if row.code not in used else _next_code(s, row.project_id),
            sort_order=at,
            baseline_start=row.baseline_start,
            baseline_end=row.baseline_end,
            is_sample=deleted.is_sample,
        )
        if s.get(Milestone, row.id) is None:
            m.id = row.id
        _apply(m, row.to_edit())
        s.add(m)
        s.flush()
        alive = set(
            s.scalars(
                select(Baseline.id).where(
                    Baseline.id.in_([b.baseline_id for b in deleted.baselines])
                )
            )
        )
        for b in deleted.baselines:
            if b.baseline_id in alive:
                s.add(
                    BaselineItem(
                        baseline_id=b.baseline_id,
                        milestone_id=m.id,
                        planned_start=b.planned_start,
                        planned_end=b.planned_end,
                    )
                )
        _restore_links(s, deleted, m)
        s.flush()
        return milestone_row(m)


def _restore_links(s: Session, deleted: DeletedMilestone, m: Milestone) -> None:
    """The evidence links the delete took with it (while their files are still stored)
    and the start-up tranches it unlinked (those not tied to another milestone since)."""
    stored = set(
        s.scalars(
            select(EvidenceBlob.sha256).where(
                EvidenceBlob.sha256.in_([e.sha256 for e in deleted.evidence])
            )
        )
    )
    for e in deleted.evidence:
        if e.sha256 in stored:
            s.add(
                EvidenceLink(
                    project_id=m.project_id,
                    milestone_id=m.id,
                    sha256=e.sha256,
                    file_name=e.file_name,
                    note=e.note,
                    added_at=e.added_at,
                    added_by=e.added_by,
                    removed=e.removed,
                )
            )
    if deleted.tranche_ids:
        for tranche in s.scalars(
            select(StartupTranche).where(
                StartupTranche.id.in_(deleted.tranche_ids), StartupTranche.milestone_id.is_(None)
            )
        ):
            tranche.milestone_id = m.id


def reorder_milestones(db: Database, project_id: int, ordered_ids: Sequence[int]) -> None:
    """Put the project's milestones in this order; refuse if the set of ids has changed."""
    with db.session() as s:
        _project(s, project_id)
        rows = {
            m.id: m for m in s.scalars(select(Milestone).where(Milestone.project_id == project_id))
        }
        if sorted(rows) != sorted(ordered_ids):
            raise UserError(t(REORDER_STALE))
        for i, mid in enumerate(ordered_ids):
            if rows[mid].sort_order != i:
                rows[mid].sort_order = i


def set_baseline(
    db: Database, project_id: int, reason: str, *, set_on: date | None = None
) -> BaselineInfo:
    """Freeze the current planned dates; earlier baselines stay in the history."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": t("A baseline needs a reason.")})
    with db.session() as s:
        _project(s, project_id)
        milestones = _in_order(s, project_id)
        if not milestones:
            raise UserError(t("The project has no milestones to baseline."))
        s.info["audit_reason"] = reason
        baseline = Baseline(
            project_id=project_id,
            set_on=set_on or today(),
            reason=reason,
            created_at=now().replace(tzinfo=None, microsecond=0),
        )
        for m in milestones:
            m.baseline_start = m.planned_start
            m.baseline_end = m.planned_end
            baseline.items.append(
                BaselineItem(
                    milestone_id=m.id, planned_start=m.planned_start, planned_end=m.planned_end
                )
            )
        s.add(baseline)
        s.flush()
        titles = {m.id: m.title for m in milestones}
        return _baseline_info(baseline, titles)


def _baseline_info(b: Baseline, titles: dict[int, str]) -> BaselineInfo:
    items = tuple(
        BaselineItemRow(
            i.milestone_id, titles.get(i.milestone_id, ""), i.planned_start, i.planned_end
        )
        for i in b.items
    )
    return BaselineInfo(b.id, b.set_on, b.reason, b.created_at, items)


def baseline_history(db: Database, project_id: int) -> list[BaselineInfo]:
    """Every baseline of the project, newest first, with each milestone's dates then."""
    with db.reader() as s:
        query_titles = select(Milestone.id, Milestone.title).where(
            Milestone.project_id == project_id
        )
        titles: dict[int, str] = {mid: title for mid, title in s.execute(query_titles)}
        query = (
            select(Baseline)
            .where(Baseline.project_id == project_id)
            .options(selectinload(Baseline.items))
            .order_by(Baseline.created_at.desc(), Baseline.id.desc())
        )
        return [_baseline_info(b, titles) for b in s.scalars(query)]


def compare_baseline(db: Database, project_id: int, baseline_id: int) -> list[BaselineDiff]:
    """Each milestone's end in the baseline against its current plan, in table order.

    Milestones added after the baseline have no baseline end; deleted ones drop out.
    """
    with db.reader() as s:
        baseline = s.get(Baseline, baseline_id)
        if baseline is None or baseline.project_id != project_id:
            raise UserError(t("Baseline {id} no longer exists.", id=baseline_id))
        then = {i.milestone_id: i.planned_end for i in baseline.items}
        query = (
            select(Milestone.id, Milestone.title, Milestone.planned_end)
            .where(Milestone.project_id == project_id)
            .order_by(Milestone.sort_order, Milestone.id)
        )
        return [
            BaselineDiff(mid, title, then.get(mid), end) for mid, title, end in s.execute(query)
        ]
