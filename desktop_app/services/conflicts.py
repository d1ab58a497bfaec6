"""Optimistic concurrency: a save never silently overwrites someone else's newer save.

Every edited table has a `version` column (SQLAlchemy `version_id_col`): each UPDATE
says `WHERE id = :id AND version = :loaded` and bumps it. Two officers who loaded the
same row can therefore never both win; the second gets a `ConflictError` that carries,
per field, *their* value (what is in the database now) and *yours* (what this window
tried to save), so the window can show both and offer Reload or Re-apply
(`desktop_app.ui.conflict_dialog.resolve_conflict`).

How a service uses it (see `services/projects.py::save_project` for the full example):

    from desktop_app.services.conflicts import check_version, stale_guard

    def save_thing(db, thing_id, edit, version) -> ThingDetail:
        yours = {"title": edit.title, "due": edit.due}          # display-ready values
        def theirs(s):                                          # same keys, from the row
            row = s.get(Thing, thing_id)
            return ({"title": row.title, "due": row.due}, row.version) if row else None
        with stale_guard(db, theirs, yours, what=t("milestone {code}", code=...)):
            with db.session() as s:
                row = s.get(Thing, thing_id)
                check_version(row.version, version, theirs(s), yours, what=...)
                row.title = edit.title ...

- `check_version` covers the usual case: the form's `version` is older than the row's.
- `stale_guard` covers the race inside the transaction (the other save committed
  between our read and our UPDATE): SQLAlchemy raises StaleDataError at flush, and the
  guard re-reads the row in a fresh session to report their values.
- A window catches `ConflictError` before `UserError`. On Reload it shows the row as it
  is now. On Re-apply it re-reads the row and applies only the fields the officer
  changed (`my_changes(loaded, mine)` on top of the fresh values, `rebased(...)`), then
  calls the service again with the fresh version: their other edits survive, and yours
  win only where you both changed the same field, knowingly. `exc.only(keys)` narrows
  the dialog to the fields the officer touched. Values should be display-ready (text,
  numbers, dates, Decimal, None); the dialog formats them and uses the caller's labels.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.errors import UserError
from desktop_app.i18n import register, t

if TYPE_CHECKING:
    from desktop_app.db.database import Database

register(
    {
        "Someone else saved {what} first; reload it or apply your change again.": (
            "其他人已先保存了{what};请重新载入,或再次应用您的修改。"
        ),
        "{what} was deleted by someone else meanwhile.": "{what}已被其他人删除。",
    }
)

T = TypeVar("T")

#: Reads the row in a session: (field → their value, current version), or None if it is gone.
TheirsReader = Callable[[Session], tuple[Mapping[str, Any], int] | None]


class ConflictError(UserError):
    """Someone else saved the same row first; nothing of this save was written.

    `fields`: field → (theirs, yours) for every field where the two differ;
    `current_version`: the version to send when the officer chooses Re-apply.
    """

    def __init__(
        self, what: str, fields: Mapping[str, tuple[Any, Any]], current_version: int
    ) -> None:
        super().__init__(
            t("Someone else saved {what} first; reload it or apply your change again.", what=what)
        )
        self.what = what
        self.fields: dict[str, tuple[Any, Any]] = dict(fields)
        self.current_version = current_version

    def only(self, keys: Iterable[str]) -> ConflictError:
        """The same conflict, showing only `keys` (all fields if none of them differ)."""
        wanted = set(keys)
        narrowed = {k: v for k, v in self.fields.items() if k in wanted}
        return ConflictError(self.what, narrowed or self.fields, self.current_version)


def my_changes(loaded: T, mine: T) -> dict[str, Any]:
    """The fields of a form's edit (a dataclass) that differ from what it loaded."""
    return {
        f.name: getattr(mine, f.name)
        for f in dataclasses.fields(mine)  # type: ignore[arg-type]
        if getattr(mine, f.name) != getattr(loaded, f.name)
    }


def rebased(current: T, changes: Mapping[str, Any]) -> T:
    """`current` (the fresh values as an edit) with the officer's changes on top."""
    return dataclasses.replace(current, **changes)  # type: ignore[type-var]


def differing(theirs: Mapping[str, Any], yours: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """field → (theirs, yours) where they differ, in the order of `yours`."""
    return {k: (theirs.get(k), v) for k, v in yours.items() if theirs.get(k) != v}


def check_version(
    current: int,
    loaded: int,
    theirs: Mapping[str, Any],
    yours: Mapping[str, Any],
    *,
    what: str,
) -> None:
    """Raise ConflictError when the row moved on since the form loaded version `loaded`."""
    if current != loaded:
        raise ConflictError(what, differing(theirs, yours), current)


@contextmanager
def stale_guard(
    db: Database, read_theirs: TheirsReader, yours: Mapping[str, Any], *, what: str
) -> Iterator[None]:
    """Turn a StaleDataError (lost race at flush) into a ConflictError with their values."""
    try:
        yield
    except StaleDataError:
        with db.reader() as s:
            found = read_theirs(s)
        if found is None:
            raise UserError(t("{what} was deleted by someone else meanwhile.", what=what)) from None
        theirs, version = found
        raise ConflictError(what, differing(theirs, yours), version) from None
