"""The database spine: migrations, seeding, pragmas, foreign keys, refusals, audit."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from desktop_app.db import migrate, schema_version
from desktop_app.db.database import open_database
from desktop_app.db.engine import APPLICATION_ID
from desktop_app.db.models import AuditEntry, Base, DistrictTarget, Domain, Milestone, Project
from desktop_app.db.seeding import load_seed, seed_reference
from desktop_app.errors import DatabaseRefused


def _digest(path: Path) -> str:
    with open(path, "rb") as fh:  # builtin open: one test patches Path.open
        return hashlib.sha256(fh.read()).hexdigest()


def _counts(db) -> dict[str, int]:
    with db.reader() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }


def test_new_database_is_migrated_stamped_and_seeded(db):
    assert db.schema_revision() == schema_version.HEAD
    counts = _counts(db)
    seed = load_seed()
    assert counts["project"] == len(seed["projects"]) == 13
    assert counts["zone"] == 5 and counts["domain"] == 7
    assert counts["district_indicator"] == 9 and counts["district_target"] == 9
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0


def test_seed_values_match_the_plan(db):
    with db.reader() as s:
        p12 = s.scalar(select(Project).where(Project.no == 12))
        assert "XGS" in p12.name_en and p12.name_zh.startswith("高速光通信")
        assert [d.code for d in p12.domains] == ["IC"]
        targets = {t.indicator_id: t for t in s.scalars(select(DistrictTarget))}
        values = sorted((t.base_value, t.target_value) for t in targets.values() if t.base_value)
        assert (values[0][0], values[0][1]) == (
            s.scalar(select(func.min(DistrictTarget.base_value))),
            values[0][1],
        )
        assert any(str(t.target_value) == "65.0000" for t in targets.values())


def test_seeding_twice_changes_nothing_and_keeps_edits(db):
    with db.session() as s:
        s.scalar(select(Project).where(Project.no == 1)).name_en = "Edited by an officer"
    before = _counts(db)
    assert seed_reference(db) == 0
    assert _counts(db) == before
    with db.reader() as s:
        assert s.scalar(select(Project.name_en).where(Project.no == 1)) == "Edited by an officer"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Milestone(project_id=9999, code="M1", title="x", planned_end=date(2026, 1, 1)))
        s.flush()
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(text("DELETE FROM domain WHERE code = 'IC'"))  # used by projects: RESTRICT


def test_migrations_down_and_up_again(tmp_path):
    database = open_database(tmp_path / "m.sqlite")
    migrate.downgrade(database.engine, "base")
    assert database.schema_revision() is None
    migrate.upgrade(database.engine)
    assert database.schema_revision() == schema_version.HEAD
    database.dispose()


def test_known_revisions_match_the_scripts():
    assert tuple(migrate.script_revisions()) == schema_version.KNOWN_REVISIONS


def test_models_and_migrations_agree(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_old_schema_is_backed_up_then_migrated(tmp_path):
    """An existing file below head (here: stamped but no revision applied) is copied first."""
    path = tmp_path / "old.sqlite"
    database = open_database(path)
    migrate.downgrade(database.engine, "base")
    database.dispose()
    reopened = open_database(path)
    assert reopened.schema_revision() == schema_version.HEAD
    assert len(reopened.backups_made) == 1 and reopened.backups_made[0].exists()
    reopened.dispose()


def _refused(path: Path, match: str) -> None:
    digest = _digest(path)
    with pytest.raises(DatabaseRefused, match=match) as info:
        open_database(path)
    assert str(path) in str(info.value)
    assert _digest(path) == digest, "a refused file must be left byte-identical"


def test_foreign_files_get_no_sidecar_files(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("plain text", encoding="utf-8")
    _refused(path, "not a SQLite database")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_refuses_a_text_file(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库\n", encoding="utf-8")
    _refused(path, "not a SQLite database")


def test_refuses_an_empty_file(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    _refused(path, "empty")


def test_refuses_another_programs_database(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    _refused(path, "another program")


def test_refuses_a_truncated_database(tmp_path, db):
    source = Path(db.path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = source.read_bytes()
    path = tmp_path / "cut.sqlite"
    path.write_bytes(data[: len(data) // 2 + 100])
    _refused(path, "truncated")


def test_refuses_a_database_from_a_newer_version(tmp_path):
    path = tmp_path / "newer.sqlite"
    database = open_database(path)
    with database.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.dispose()
    _refused(path, "newer version")


def test_refuses_an_unreadable_file(tmp_path, monkeypatch):
    """Permission bits do not stop root (CI), so the refusal of the OS is simulated."""
    path = tmp_path / "locked.sqlite"
    open_database(path).dispose()
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    _refused(path, "permission denied")


def test_refuses_a_path_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseRefused, match="cannot create"):
        open_database(blocker / "db.sqlite")


def test_refuses_a_folder(tmp_path):
    folder = tmp_path / "dir.sqlite"
    folder.mkdir()
    with pytest.raises(DatabaseRefused, match="folder"):
        open_database(folder)


def test_audit_records_before_and_after(db):
    with db.session() as s:
        p = s.scalar(select(Project).where(Project.no == 3))
        p.lead_org = "厦门示例单位"
    with db.reader() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.field == "lead_org").order_by(AuditEntry.id.desc())
        ).first()
    assert (entry.action, entry.table_name, entry.before, entry.after) == (
        "update",
        "project",
        "",
        "厦门示例单位",
    )
    assert entry.project_id is not None


def test_failed_transaction_leaves_no_trace(db):
    before = _counts(db)
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Domain(code="NEW", name_zh="新领域"))
        s.flush()
        s.add(Domain(code="NEW", name_zh="重复"))
        s.flush()
    assert _counts(db) == before
