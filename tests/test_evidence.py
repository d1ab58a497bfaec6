"""Evidence files: stored once per SHA-256, carried by backup/restore and copy, removal undoable."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop_app.db import backup as bk
from desktop_app.db.database import Database, open_database
from desktop_app.db.models import (
    AuditEntry,
    Disbursement,
    Evaluation,
    EvidenceBlob,
    EvidenceLink,
    Milestone,
    Project,
)
from desktop_app.db.restore import restore_database
from desktop_app.errors import UserError
from desktop_app.services import evidence as ev


def _first(db: Database, model, project_no: int = 1):
    with db.reader() as s:
        return s.scalars(
            select(model)
            .join(Project, Project.id == model.project_id)
            .where(Project.no == project_no)
            .order_by(model.id)
        ).first()


def _pdf(tmp_path: Path, name: str, payload: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n" + payload)
    return path


def _counts(db: Database) -> tuple[int, int]:
    with db.reader() as s:
        blobs = s.scalar(select(func.count()).select_from(EvidenceBlob))
        links = s.scalar(select(func.count()).select_from(EvidenceLink))
    return int(blobs or 0), int(links or 0)


def test_add_backup_restore_get_gives_the_same_bytes(demo_db: Database, tmp_path: Path) -> None:
    ms = _first(demo_db, Milestone)
    payload = os.urandom(300_000)
    src = _pdf(tmp_path, "验收报告.pdf", payload)
    row = ev.add_evidence(demo_db, 1, ev.EvidenceTarget("milestone", ms.code), src, note="验收")
    assert row.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    assert row.size_bytes == len(src.read_bytes())
    copy = bk.backup_before(demo_db, "test")
    assert copy is not None
    ev.remove_evidence(demo_db, row.id, row.version)
    with demo_db.session() as s:
        s.execute(text("DELETE FROM evidence_link"))
        s.execute(text("DELETE FROM evidence_blob"))
    path = demo_db.path
    assert path is not None
    demo_db.dispose()
    restore_database(path, copy)
    reopened = open_database(path)
    try:
        got_row, data = ev.read_stored_evidence(reopened, row.id)
        assert data == src.read_bytes()
        assert got_row.file_name == "验收报告.pdf" and not got_row.removed
    finally:
        reopened.dispose()


def test_same_file_twice_is_stored_once(demo_db: Database, tmp_path: Path) -> None:
    ms = _first(demo_db, Milestone)
    pay = _first(demo_db, Disbursement)
    src = _pdf(tmp_path, "contract.pdf", b"same bytes")
    again = tmp_path / "copy-of-contract.pdf"
    again.write_bytes(src.read_bytes())
    ev.add_evidence(demo_db, 1, ev.EvidenceTarget("milestone", ms.code), src)
    ev.add_evidence(demo_db, 1, ev.EvidenceTarget("disbursement", pay.id), again)
    assert _counts(demo_db) == (1, 2)
    rows = ev.list_evidence(demo_db, project_no=1)
    assert [r.file_name for r in rows] == ["contract.pdf", "copy-of-contract.pdf"]
    assert rows[1].kind == "disbursement" and rows[1].target_id == pay.id
    assert ev.read_evidence_totals(demo_db) == (1, len(src.read_bytes()))


def test_removal_is_audited_and_undone(demo_db: Database, tmp_path: Path) -> None:
    evaluation = _first(demo_db, Evaluation)
    assert evaluation is not None
    no = 1
    src = _pdf(tmp_path, "score-sheet.pdf", b"x")
    row = ev.add_evidence(demo_db, no, ev.EvidenceTarget("evaluation", evaluation.year), src)
    gone = ev.remove_evidence(demo_db, row.id, row.version)
    assert gone.removed and ev.list_evidence(demo_db, project_no=no) == []
    with demo_db.reader() as s:
        audit = s.execute(
            select(AuditEntry.action, AuditEntry.before, AuditEntry.after).where(
                AuditEntry.table_name == "evidence_link", AuditEntry.field == "removed"
            )
        ).all()
        assert ("update", "0", "1") in audit
        # The bytes never go into the audit trail.
        assert not s.scalar(select(func.count()).where(AuditEntry.table_name == "evidence_blob"))
    with pytest.raises(UserError):  # a stale version is refused, not applied
        ev.restore_evidence(demo_db, row.id, row.version)
    back = ev.restore_evidence(demo_db, row.id, gone.version)
    assert not back.removed
    assert [r.id for r in ev.list_evidence(demo_db, project_no=no)] == [row.id]


@pytest.mark.parametrize(
    ("make", "target", "message"),
    [
        ("big", ("milestone", None), "50.0 MB"),
        ("folder", ("milestone", None), "folder"),
        ("missing", ("milestone", None), "no such file"),
        ("empty", ("milestone", None), "empty"),
        ("ok", ("milestone", "NO-SUCH"), "no milestone NO-SUCH"),
        ("ok", ("disbursement", 999_999), "no payment with id 999999"),
        ("ok", ("evaluation", 1999), "no evaluation for 1999"),
    ],
)
def test_bad_input_stores_nothing(demo_db, tmp_path: Path, make, target, message) -> None:
    from desktop_app.i18n import set_language

    set_language("en")
    ms = _first(demo_db, Milestone)
    path = tmp_path / "f.pdf"
    if make == "big":
        with path.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024 + 1)
    elif make == "folder":
        path.mkdir()
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "ok":
        path.write_bytes(b"fine")
    kind, ref = target
    with pytest.raises(UserError, match=message):
        ev.add_evidence(demo_db, 1, ev.EvidenceTarget(kind, ref or ms.code), path)
    assert _counts(demo_db) == (0, 0)


def test_cli_add_list_get_and_check_names_a_damaged_file(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "cli.sqlite"
    assert run_cli("init", "--demo", "--db", str(path)).returncode == 0
    probe = open_database(path)
    ms = _first(probe, Milestone)
    probe.dispose()
    src = _pdf(tmp_path, "voucher.pdf", b"voucher")
    res = run_cli(
        "--lang",
        "en",
        "evidence",
        "add",
        "--db",
        str(path),
        "--project",
        "1",
        "--milestone",
        ms.code,
        str(src),
        "--note",
        "signed",
    )
    assert res.returncode == 0, res.stderr
    res = run_cli("--lang", "en", "evidence", "list", "--db", str(path), "--project", "1")
    assert res.returncode == 0, res.stderr
    fields = res.stdout.strip().split("\t")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    assert fields[1:] == [
        "1",
        f"milestone {ms.code}",
        "voucher.pdf",
        str(src.stat().st_size),
        digest,
    ]
    out = tmp_path / "out.pdf"
    res = run_cli("evidence", "get", "--db", str(path), fields[0], "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == src.read_bytes()
    # A missing target: exit 2, one line, nothing stored.
    res = run_cli(
        "--lang",
        "en",
        "evidence",
        "add",
        "--db",
        str(path),
        "--project",
        "1",
        "--milestone",
        "NOPE",
        str(src),
    )
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "no milestone NOPE" in res.stderr
    assert run_cli("--lang", "en", "check", "--db", str(path)).returncode == 0
    # Damage the stored bytes (as a bad disk page would): check names the file, exit 2.
    damaged = open_database(path)
    with damaged.session() as s:
        s.execute(text("UPDATE evidence_blob SET data = :d"), {"d": b"%PDF-1.4\nvoucheR"})
    damaged.dispose()
    res = run_cli("--lang", "en", "check", "--db", str(path))
    assert res.returncode == 2, res.stdout + res.stderr
    assert "voucher.pdf" in res.stderr and digest in res.stderr
    res = run_cli("evidence", "get", "--db", str(path), fields[0], "-o", str(out))
    assert res.returncode == 2
    assert "damaged" in res.stderr


@pytest.mark.postgres
def test_copy_to_postgres_carries_evidence(demo_db: Database, pg_url, tmp_path: Path) -> None:
    from pg_support import url_text

    from desktop_app.db.copy import copy_database

    ms = _first(demo_db, Milestone)
    payload = bytes(range(256)) * 1000 + b"\x00end"
    src = _pdf(tmp_path, "report.pdf", payload)
    row = ev.add_evidence(demo_db, 1, ev.EvidenceTarget("milestone", ms.code), src)
    source = demo_db.path
    demo_db.dispose()
    copy_database(source, url_text(pg_url))
    pg = open_database(url_text(pg_url), lock=False)
    try:
        got, data = ev.read_stored_evidence(pg, row.id)
        assert data == src.read_bytes() and got.sha256 == row.sha256
        assert ev.read_damaged_evidence(pg) == []
        with pg.engine.connect() as conn:
            kind = conn.execute(
                text(
                    "SELECT data_type FROM information_schema.columns "
                    "WHERE table_name = 'evidence_blob' AND column_name = 'data'"
                )
            ).scalar()
        assert kind == "bytea"
    finally:
        pg.dispose()
