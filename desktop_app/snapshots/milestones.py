"""What the milestones tab, the attention list and the timeline show (plain frozen data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from desktop_app.domain.milestones import MilestoneEdit, slip_days


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    id: int
    project_id: int
    code: str
    title: str
    deliverable: str
    owner: str
    planned_start: date | None
    planned_end: date
    baseline_start: date | None
    baseline_end: date | None
    actual_start: date | None
    actual_end: date | None
    percent_complete: int
    status: str
    cancel_reason: str
    notes: str
    sort_order: int
    version: int

    @property
    def slip_days(self) -> int | None:
        return slip_days(self.planned_end, self.actual_end, self.baseline_end)

    def to_bar(self) -> TimelineBar:
        return TimelineBar(
            self.id,
            self.title,
            self.planned_start,
            self.planned_end,
            self.baseline_start,
            self.baseline_end,
            self.actual_end,
            self.percent_complete,
            self.status,
        )

    def to_edit(self) -> MilestoneEdit:
        return MilestoneEdit(
            title=self.title,
            planned_start=self.planned_start,
            planned_end=self.planned_end,
            actual_start=self.actual_start,
            actual_end=self.actual_end,
            percent_complete=self.percent_complete,
            status=self.status,
            cancel_reason=self.cancel_reason,
            deliverable=self.deliverable,
            owner=self.owner,
            notes=self.notes,
        )


@dataclass(frozen=True, slots=True)
class BaselineItemRow:
    milestone_id: int
    title: str
    planned_start: date | None
    planned_end: date


@dataclass(frozen=True, slots=True)
class BaselineInfo:
    """One frozen plan of a project: when, why, and each milestone's dates then."""

    id: int
    set_on: date
    reason: str
    created_at: datetime
    items: tuple[BaselineItemRow, ...]


@dataclass(frozen=True, slots=True)
class BaselineDiff:
    """A milestone's end in a chosen baseline against its current plan (None = absent)."""

    milestone_id: int
    title: str
    baseline_end: date | None
    current_end: date | None

    @property
    def delta_days(self) -> int | None:
        if self.baseline_end is None or self.current_end is None:
            return None
        return (self.current_end - self.baseline_end).days


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """An open milestone that is overdue or due soon, with its project."""

    project_id: int
    project_no: int
    project_name: str
    milestone_id: int
    title: str
    owner: str
    planned_end: date
    percent_complete: int
    status: str
    days: int
    """Days until due (0 = today); negative = days overdue."""

    @property
    def overdue(self) -> bool:
        return self.days < 0


class TimelineBar(NamedTuple):
    """One milestone as the Gantt draws it (a tuple: 50,000 of these must be cheap)."""

    id: int
    title: str
    planned_start: date | None
    planned_end: date
    baseline_start: date | None
    baseline_end: date | None
    actual_end: date | None
    percent_complete: int
    status: str


@dataclass(frozen=True, slots=True)
class TimelineGroup:
    """A project's row band in the portfolio timeline."""

    project_id: int
    label: str
    bars: tuple[TimelineBar, ...]


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A deleted milestone's planned dates in one baseline (its history)."""

    baseline_id: int
    planned_start: date | None
    planned_end: date


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """An evidence link of a deleted milestone (the file itself stays stored by hash)."""

    sha256: str
    file_name: str
    note: str
    added_at: datetime
    added_by: str
    removed: bool


@dataclass(frozen=True, slots=True)
class DeletedMilestone:
    """Everything a milestone owned when it was deleted, so undo can put it all back:
    its own fields (frozen baseline dates included), its rows in every baseline, its
    evidence links (deleted with it) and the start-up tranches tied to it (unlinked)."""

    row: MilestoneRow
    is_sample: bool
    baselines: tuple[BaselineEntry, ...]
    evidence: tuple[EvidenceEntry, ...] = ()
    tranche_ids: tuple[int, ...] = ()
