"""Times are stored in UTC and shown in the PC's local time (issue 27: in Xiamen History
read 8 hours early, and before 08:00 "today" was yesterday). Run under TZ=Asia/Shanghai at
07:30 and at 23:30 local time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from desktop_app.db.models import Project
from desktop_app.domain import periods
from desktop_app.services.history import read_history
from desktop_app.snapshots.safety import HistoryFilter

# 07:30 on 1 March in Xiamen is 23:30 UTC on 28 February; 23:30 there is 15:30 UTC.
MORNING = datetime(2027, 2, 28, 23, 30, tzinfo=UTC)
EVENING = datetime(2027, 3, 1, 15, 30, tzinfo=UTC)
DAY = date(2027, 3, 1)
OTHER_DAYS = (date(2027, 2, 28), date(2027, 3, 2))


@pytest.fixture
def xiamen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


@pytest.mark.parametrize("moment", [MORNING, EVENING], ids=["07:30", "23:30"])
def test_today_is_the_local_date(xiamen, monkeypatch, moment: datetime) -> None:
    at(monkeypatch, moment)
    assert periods.today() == DAY
    assert periods.now() == moment  # still stored as UTC


def test_stored_utc_shown_local_with_its_offset(xiamen) -> None:
    stored = MORNING.replace(tzinfo=None)  # what the database keeps
    assert periods.local_stamp(stored) == "2027-03-01 07:30"
    assert periods.local_stamp(stored, zone=True) == "2027-03-01 07:30 UTC+08:00"
    assert periods.local_day_start(DAY) == datetime(2027, 2, 28, 16, 0)


@pytest.mark.parametrize("moment", [MORNING, EVENING], ids=["07:30", "23:30"])
def test_history_shows_and_filters_local_time(xiamen, monkeypatch, db, qapp, moment) -> None:
    from desktop_app.ui.history.model import COL_AT, HistoryModel

    at(monkeypatch, moment)
    with db.session() as s:
        project = s.scalars(select(Project).order_by(Project.no)).first()
        assert project is not None
        project.summary_zh = "本地时间测试"
    def updates(flt: HistoryFilter) -> list:
        return [r for r in read_history(db, flt) if r.action == "update"]

    rows = updates(HistoryFilter(field="summary_zh"))
    assert len(rows) == 1 and rows[0].at == moment.replace(tzinfo=None)  # stored UTC
    model = HistoryModel()
    model.set_rows(rows)
    local = "07:30:00" if moment is MORNING else "23:30:00"
    assert model.data(model.index(0, COL_AT)) == f"2027-03-01 {local}"
    # The date filter takes whole local days: 1 March finds it, the days around do not.
    assert len(updates(HistoryFilter(field="summary_zh", date_from=DAY, date_to=DAY))) == 1
    for other in OTHER_DAYS:
        assert updates(HistoryFilter(field="summary_zh", date_from=other, date_to=other)) == []
