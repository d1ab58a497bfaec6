"""Undo steps for milestone edits: each step is one saved service call, and so is its undo.

A deleted milestone comes back under a new id; the controller maps the id a step
remembers to the current one (`current_id`), so older steps still find their row. Steps
use only the controller's public methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop_app.domain.milestones import MilestoneEdit
from desktop_app.services import milestones as svc
from desktop_app.snapshots.milestones import DeletedMilestone

if TYPE_CHECKING:
    from desktop_app.ui.project.milestones_controller import MilestonesController


class _Step(QUndoCommand):
    def __init__(self, controller: MilestonesController, text: str) -> None:
        super().__init__(text)
        if controller.project_id is None:
            raise ValueError("an undo step needs the project it edits")
        self.controller = controller
        #: The project the step edits; the undo stack is per project, so it never changes.
        self.project_id: int = controller.project_id
        self._first = True

    def redo(self) -> None:
        if self._first:  # already saved by the controller before the step was pushed
            self._first = False
            return
        if self.controller.run_step(self._redo):
            self.controller.step_done(False, self.text())

    def undo(self) -> None:
        if self.controller.run_step(self._undo):
            self.controller.step_done(True, self.text())

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class EditStep(_Step):
    def __init__(
        self,
        controller: MilestonesController,
        key: int,
        before: MilestoneEdit,
        after: MilestoneEdit,
        text: str,
    ) -> None:
        super().__init__(controller, text)
        self.key, self.before, self.after = key, before, after

    def _save(self, edit: MilestoneEdit) -> None:
        mid = self.controller.current_id(self.key)
        svc.update_milestone(self.controller.db, mid, edit, self.controller.version_of(mid))
        self.controller.focus(mid)

    def _redo(self) -> None:
        self._save(self.after)

    def _undo(self) -> None:
        self._save(self.before)


class AddStep(_Step):
    """Undo deletes the added milestone; redo puts back everything it owned by then
    (baselines set since included), from the snapshot the delete returned."""

    def __init__(
        self,
        controller: MilestonesController,
        key: int,
        edit: MilestoneEdit,
        position: int,
        text: str,
        code: str | None = None,
    ) -> None:
        super().__init__(controller, text)
        self.key, self.edit, self.position, self.code = key, edit, position, code
        self.deleted: DeletedMilestone | None = None

    def _put_back(self) -> None:
        db = self.controller.db
        if self.deleted is not None:
            row = svc.restore_milestone(db, self.deleted)
        else:
            row = svc.add_milestone(
                db, self.project_id, self.edit, position=self.position, code=self.code
            )
        self.controller.remember_alias(self.key, row.id)
        self.controller.focus(row.id)

    def _take_away(self) -> None:
        mid = self.controller.current_id(self.key)
        self.deleted = svc.delete_milestone(
            self.controller.db, mid, self.controller.version_of(mid)
        )

    def _redo(self) -> None:
        self._put_back()

    def _undo(self) -> None:
        self._take_away()


class DeleteStep(AddStep):
    """The mirror of adding: redo deletes, undo restores the milestone with its frozen
    baseline dates and its rows in every baseline (the snapshot the delete returned)."""

    def __init__(
        self, controller: MilestonesController, deleted: DeletedMilestone, position: int, text: str
    ) -> None:
        row = deleted.row
        super().__init__(controller, row.id, row.to_edit(), position, text, code=row.code)
        self.deleted = deleted

    def _redo(self) -> None:
        self._take_away()

    def _undo(self) -> None:
        self._put_back()


class ReorderStep(_Step):
    def __init__(
        self,
        controller: MilestonesController,
        before: Sequence[int],
        after: Sequence[int],
        text: str,
    ) -> None:
        super().__init__(controller, text)
        self.before, self.after = list(before), list(after)

    def _apply(self, keys: list[int]) -> None:
        ids = [self.controller.current_id(k) for k in keys]
        svc.reorder_milestones(self.controller.db, self.project_id, ids)

    def _redo(self) -> None:
        self._apply(self.after)

    def _undo(self) -> None:
        self._apply(self.before)
