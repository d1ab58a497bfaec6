"""Two officers, two connections, one project: the second save is refused, never lost.

The simple case (the form's version is old) runs on SQLite and PostgreSQL; the race
inside the transaction (the other save commits between our read and our UPDATE) needs
a server that lets two writers in at once, so it runs on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pg_support import url_text
from sqlalchemy.engine import URL

from desktop_app.db.database import Database, open_database
from desktop_app.services import project_list, projects
from desktop_app.services.conflicts import ConflictError, check_version, differing
from desktop_app.snapshots.project import ProjectDetail, ProjectEdit


def _edit(d: ProjectDetail, **changes: object) -> ProjectEdit:
    return replace(projects.edit_of(d), **changes)


@pytest.fixture(params=["sqlite", "postgres"])
def two_officers(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Database, Database]]:
    """Two Database objects (own engines, own connections) on the same portfolio."""
    if request.param == "sqlite":
        target = str(tmp_path / "shared.sqlite")
    else:
        target = url_text(request.getfixturevalue("pg_seeded_url"))
    first = open_database(target, lock=False)
    second = open_database(target, lock=False)
    yield first, second
    first.dispose()
    second.dispose()


def test_second_save_is_refused_with_their_value_and_yours(two_officers) -> None:
    officer_a, officer_b = two_officers
    loaded_a = project_list.read_project(officer_a, 1)
    loaded_b = project_list.read_project(officer_b, 1)
    assert loaded_a.version == loaded_b.version

    saved_a = projects.save_project(
        officer_a, 1, _edit(loaded_a, lead_org="思明区科技局"), loaded_a.version
    )
    assert saved_a.version == loaded_a.version + 1

    with pytest.raises(ConflictError) as info:
        projects.save_project(
            officer_b, 1, _edit(loaded_b, lead_org="厦门软件园", notes="B 的备注"), loaded_b.version
        )
    conflict = info.value
    assert conflict.fields == {
        "lead_org": ("思明区科技局", "厦门软件园"),
        "notes": ("", "B 的备注"),
    }
    assert conflict.current_version == saved_a.version
    # Nothing of B's save was written.
    now = project_list.read_project(officer_b, 1)
    assert (now.lead_org, now.notes, now.version) == ("思明区科技局", "", saved_a.version)

    # Re-apply: B knowingly saves over A's value with the version the conflict reported.
    reapplied = projects.save_project(
        officer_b, 1, _edit(loaded_b, lead_org="厦门软件园"), conflict.current_version
    )
    assert reapplied.lead_org == "厦门软件园"
    assert reapplied.version == saved_a.version + 1


def test_domains_only_change_still_moves_the_version(two_officers) -> None:
    officer_a, officer_b = two_officers
    loaded = project_list.read_project(officer_a, 2)
    new_domains = (1,) if tuple(d.id for d in loaded.domains) != (1,) else (2,)
    saved = projects.save_project(
        officer_a, 2, _edit(loaded, domain_ids=new_domains), loaded.version
    )
    assert saved.version == loaded.version + 1
    with pytest.raises(ConflictError) as info:
        projects.save_project(officer_b, 2, _edit(loaded, notes="x"), loaded.version)
    assert set(info.value.fields) == {"domains", "notes"}


def test_saving_unchanged_values_writes_nothing(two_officers) -> None:
    officer_a, _ = two_officers
    loaded = project_list.read_project(officer_a, 3)
    again = projects.save_project(officer_a, 3, _edit(loaded), loaded.version)
    assert again.version == loaded.version


def test_check_version_and_differing_helpers() -> None:
    assert differing({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": (2, 3)}
    check_version(4, 4, {"a": 1}, {"a": 2}, what="x")  # same version: no conflict
    with pytest.raises(ConflictError) as info:
        check_version(5, 4, {"a": 1}, {"a": 2}, what="x")
    assert info.value.fields == {"a": (1, 2)} and info.value.current_version == 5


@pytest.mark.postgres
def test_race_between_read_and_update_is_a_conflict_too(
    pg_seeded_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commits after B has read the row inside its own transaction (UPDATE … WHERE version)."""
    officer_a = open_database(url_text(pg_seeded_url), lock=False)
    officer_b = open_database(url_text(pg_seeded_url), lock=False)
    try:
        loaded = project_list.read_project(officer_b, 4)
        real_validate = projects.validate_project_fields

        def a_saves_meanwhile(**kwargs):
            monkeypatch.setattr(projects, "validate_project_fields", real_validate)
            fresh = project_list.read_project(officer_a, 4)
            projects.save_project(officer_a, 4, _edit(fresh, lead_org="A 抢先"), fresh.version)
            return real_validate(**kwargs)

        monkeypatch.setattr(projects, "validate_project_fields", a_saves_meanwhile)
        with pytest.raises(ConflictError) as info:
            projects.save_project(officer_b, 4, _edit(loaded, lead_org="B 随后"), loaded.version)
        assert info.value.fields["lead_org"] == ("A 抢先", "B 随后")
        assert info.value.current_version == loaded.version + 1
        assert project_list.read_project(officer_b, 4).lead_org == "A 抢先"
    finally:
        officer_a.dispose()
        officer_b.dispose()
