"""Whether a page's data changed since it last loaded it.

Pages reload when shown, so they never show stale figures; at 2,000 projects a reload
of an unchanged portfolio costs a tenth of a second or more on the GUI thread (and a
background job). `Freshness.changed()` compares a cheap stamp of the data and the day
(`services.project_list.read_data_stamp`) with the one of the last load; `forget()` (on
`sig_data_changed`) makes the next show reload whatever the stamp says.
"""

from __future__ import annotations

from desktop_app.db.database import Database
from desktop_app.domain.periods import today
from desktop_app.services.project_list import read_data_stamp


class Freshness:
    def __init__(self) -> None:
        self._last: tuple[object, ...] | None = None

    def changed(self, db: Database) -> bool:
        """True (and remembered) when the data or the day differ from the last load."""
        stamp = (id(db), today(), *read_data_stamp(db))
        if stamp == self._last:
            return False
        self._last = stamp
        return True

    def forget(self) -> None:
        self._last = None
