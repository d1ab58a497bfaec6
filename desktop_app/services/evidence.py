"""Evidence files (验收报告, 合同, 拨付凭证) on record for milestones, payments and evaluations.

The bytes live in the database, keyed by SHA-256 (`evidence_blob`), so the same file
added twice is stored once and backup, restore and copy carry evidence with the rest.
Each file's tie to a record is an `evidence_link` row: the session's audit trail records
its adding and its removal (a flag, so a removal can be undone), never the bytes. A file
is read and checked in full before the one transaction that stores it: a refusal stores
nothing.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.db import door, tables
from desktop_app.db.database import Database, Reader, reading
from desktop_app.db.models import (
    EVIDENCE_LIMIT_BYTES,
    Disbursement,
    Evaluation,
    EvidenceBlob,
    EvidenceLink,
    Milestone,
    Project,
)
from desktop_app.domain import limits
from desktop_app.domain.periods import now
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.conflicts import TheirsReader, check_version, stale_guard
from desktop_app.services.evidence_rows import EvidenceRow, read_evidence_rows

register(
    {
        "{path}: no such file": "{path}:文件不存在",
        "{path}: not a regular file": "{path}:不是普通文件",
        "{path}: is a folder, not a file": "{path}:是文件夹,不是文件",
        "{path}: cannot be read ({reason})": "{path}:无法读取({reason})",
        "{path}: {size} is over the {limit} limit for one evidence file": (
            "{path}:{size} 超过单个佐证文件 {limit} 的上限"
        ),
        "{path}: the file is empty": "{path}:文件为空",
        "Project {no} does not exist.": "项目 {no} 不存在。",
        "Project {no} has no milestone {code}.": "项目 {no} 没有里程碑 {code}。",
        "Project {no} has no payment with id {id}.": "项目 {no} 没有编号为 {id} 的拨付记录。",
        "Project {no} has no evaluation for {year}.": "项目 {no} 没有 {year} 年的绩效评价。",
        "Evidence file {id} does not exist.": "佐证文件 {id} 不存在。",
        "Someone else changed this evidence file first; reload and try again.": (
            "其他人已先修改了此佐证文件;请重新载入后再试。"
        ),
        "Evidence file {id} ({name}) is damaged: its bytes no longer match SHA-256 {sha}.": (
            "佐证文件 {id}({name})已损坏:内容与 SHA-256 {sha} 不再一致。"
        ),
        "evidence file {id}": "佐证文件 {id}",
        "evidence file {name}": "佐证文件 {name}",
        "That record no longer exists; reload and try again.": "该记录已不存在;请重新载入后再试。",
        "File name is longer than 255 characters.": "文件名超过 255 个字符。",
    }
)

TARGET_KINDS = ("milestone", "disbursement", "evaluation")


@dataclass(frozen=True)
class EvidenceTarget:
    """What a file belongs to: a milestone by code, a payment by id, an evaluation by year."""

    kind: str
    ref: str | int


def size_text(size: int) -> str:
    """Bytes as a person reads them: 812 B, 14.2 KB, 3.5 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def read_evidence_file(path: str | Path) -> tuple[str, bytes]:
    """(file name, bytes) of a file fit to store, or a one-line `UserError` naming it."""
    p = Path(path).expanduser()
    try:
        mode = p.stat().st_mode  # before any open: a FIFO would block it forever
    except FileNotFoundError:
        raise UserError(t("{path}: no such file", path=p)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(t("{path}: cannot be read ({reason})", path=p, reason=reason)) from None
    if stat.S_ISDIR(mode):
        raise UserError(t("{path}: is a folder, not a file", path=p))
    if not stat.S_ISREG(mode):
        raise UserError(t("{path}: not a regular file", path=p))
    try:
        size = p.stat().st_size
        if size > EVIDENCE_LIMIT_BYTES:
            _over_limit(str(p), size)
        with p.open("rb") as fh:
            data = fh.read(EVIDENCE_LIMIT_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(t("{path}: cannot be read ({reason})", path=p, reason=reason)) from None
    check_evidence_bytes(str(p), data)
    if len(p.name) > 255:
        raise UserError(t("File name is longer than 255 characters."))
    return p.name, data


def _over_limit(label: str, size: int) -> None:
    raise UserError(
        t(
            "{path}: {size} is over the {limit} limit for one evidence file",
            path=label,
            size=size_text(size),
            limit=size_text(EVIDENCE_LIMIT_BYTES),
        )
    )


def check_evidence_bytes(label: str, data: bytes) -> None:
    if len(data) > EVIDENCE_LIMIT_BYTES:
        _over_limit(label, len(data))
    if not data:
        raise UserError(t("{path}: the file is empty", path=label))


def _project(s: Session, project_no: int) -> Project:
    project = s.scalar(select(Project).where(Project.no == project_no))
    if project is None:
        raise UserError(t("Project {no} does not exist.", no=project_no))
    return project


def _resolve(s: Session, project: Project, target: EvidenceTarget) -> dict[str, int]:
    """The link's target column and id, or a `UserError` naming what is missing."""
    if target.kind == "milestone":
        code = limits.normalise_code(str(target.ref))  # `m01`, `Ｍ０１` are M01 everywhere
        mid = s.scalar(
            select(Milestone.id).where(Milestone.project_id == project.id, Milestone.code == code)
        )
        if mid is None:
            raise UserError(t("Project {no} has no milestone {code}.", no=project.no, code=code))
        return {"milestone_id": mid}
    if target.kind == "disbursement":
        did = s.scalar(
            select(Disbursement.id).where(
                Disbursement.project_id == project.id, Disbursement.id == _int(target.ref)
            )
        )
        if did is None:
            raise UserError(
                t("Project {no} has no payment with id {id}.", no=project.no, id=target.ref)
            )
        return {"disbursement_id": did}
    if target.kind == "evaluation":
        eid = s.scalar(
            select(Evaluation.id).where(
                Evaluation.project_id == project.id, Evaluation.year == _int(target.ref)
            )
        )
        if eid is None:
            raise UserError(
                t("Project {no} has no evaluation for {year}.", no=project.no, year=target.ref)
            )
        return {"evaluation_id": eid}
    raise ValueError(f"unknown evidence target kind {target.kind!r}")


def _int(value: str | int) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


def _store_blob(s: Session, digest: str, data: bytes) -> None:
    """Insert the bytes unless that SHA-256 is already stored (core insert: not audited)."""
    stamp = now().replace(tzinfo=None, microsecond=0)
    values = {"sha256": digest, "size_bytes": len(data), "data": data, "stored_at": stamp}
    door.check_values(s, "evidence_blob", values)  # the same rules as every other writer
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        s.execute(pg_insert(EvidenceBlob).values(values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        s.execute(sqlite_insert(EvidenceBlob).values(values).on_conflict_do_nothing())


def add_evidence(
    db: Database,
    project_no: int,
    target: EvidenceTarget,
    path: str | Path,
    *,
    note: str = "",
    file_name: str | None = None,
) -> EvidenceRow:
    """Store the file at `path` for `target` of project `project_no`; all checks first."""
    name, data = read_evidence_file(path)
    return add_evidence_bytes(db, project_no, target, file_name or name, data, note=note)


def add_evidence_bytes(
    db: Database,
    project_no: int,
    target: EvidenceTarget,
    file_name: str,
    data: bytes,
    *,
    note: str = "",
) -> EvidenceRow:
    check_evidence_bytes(file_name, data)
    digest = hashlib.sha256(data).hexdigest()
    with db.session() as s:
        project = _project(s, project_no)
        column = _resolve(s, project, target)
        _store_blob(s, digest, data)
        who = s.info.get("officer") or s.info.get("os_user") or ""
        link = EvidenceLink(
            project_id=project.id,
            sha256=digest,
            file_name=file_name,  # the write door refuses a name too long or with controls
            note=note.strip(),
            added_at=now().replace(tzinfo=None, microsecond=0),
            added_by=str(who)[:100],
            removed=False,
            **column,
        )
        s.add(link)
        s.flush()
        return read_evidence_rows(s.connection(), [link.id], include_removed=True)[0]


def list_evidence(
    db: Database,
    *,
    project_no: int | None = None,
    kind: str | None = None,
    target_id: int | None = None,
    include_removed: bool = False,
) -> list[EvidenceRow]:
    """Files on record, by project number and optionally one milestone / payment / evaluation."""
    with db.reader() as s:
        project_id = None
        if project_no is not None:
            project_id = _project(s, project_no).id
        rows = read_evidence_rows(
            s.connection(), project_id=project_id, include_removed=include_removed
        )
    if kind is not None:
        rows = [
            r for r in rows if r.kind == kind and (target_id is None or r.target_id == target_id)
        ]
    return rows


def read_stored_evidence(src: Reader, link_id: int) -> tuple[EvidenceRow, bytes]:
    """The row and its bytes, checked against the SHA-256 (a damaged file is refused)."""
    blob = tables.evidence_blob.c
    with reading(src) as conn:
        rows = read_evidence_rows(conn, [link_id], include_removed=True)
        if not rows:
            raise UserError(t("Evidence file {id} does not exist.", id=link_id))
        data = conn.scalar(select(blob.data).where(blob.sha256 == rows[0].sha256))
    row = rows[0]
    if data is None or hashlib.sha256(data).hexdigest() != row.sha256:
        raise UserError(
            t(
                "Evidence file {id} ({name}) is damaged: its bytes no longer match SHA-256 {sha}.",
                id=row.id,
                name=row.file_name,
                sha=row.sha256,
            )
        )
    return row, bytes(data)


def _link_fields(link: EvidenceLink) -> dict[str, Any]:
    """An evidence link's editable fields, as the conflict dialog shows them."""
    return {"file_name": link.file_name, "note": link.note, "removed": link.removed}


def _link_theirs(link_id: int) -> TheirsReader:
    def read(s: Session) -> tuple[dict[str, Any], int] | None:
        link = s.get(EvidenceLink, link_id)
        return (_link_fields(link), link.version) if link is not None else None

    return read


def _set_removed(db: Database, link_id: int, version: int, removed: bool) -> EvidenceRow:
    """Compare-and-swap: `version` is the one the caller read; a stale one is a
    `ConflictError` with their values (like milestones and payments), nothing written."""
    what = t("evidence file {id}", id=link_id)
    yours = {"removed": removed}
    with stale_guard(db, _link_theirs(link_id), yours, what=what), db.session() as s:
        link = s.get(EvidenceLink, link_id)
        if link is None:
            raise UserError(t("Evidence file {id} does not exist.", id=link_id))
        what = t("evidence file {name}", name=link.file_name)
        check_version(link.version, version, _link_fields(link), yours, what=what)
        link.removed = removed
        s.flush()
        return read_evidence_rows(s.connection(), [link.id], include_removed=True)[0]


def remove_evidence(db: Database, link_id: int, version: int) -> EvidenceRow:
    """Take a file off the record (audited); `restore_evidence` undoes it."""
    return _set_removed(db, link_id, version, True)


def restore_evidence(db: Database, link_id: int, version: int) -> EvidenceRow:
    return _set_removed(db, link_id, version, False)


@dataclass(frozen=True)
class DamagedBlob:
    sha256: str
    file_names: tuple[str, ...]


def read_damaged_evidence(src: Reader) -> list[DamagedBlob]:
    """Every stored file whose bytes no longer hash to its key (read one at a time)."""
    blob, link = tables.evidence_blob.c, tables.evidence_link.c
    damaged = []
    with reading(src) as conn:
        keys = list(conn.scalars(select(blob.sha256).order_by(blob.sha256)))
        for key in keys:
            data = conn.scalar(select(blob.data).where(blob.sha256 == key))
            if data is None or hashlib.sha256(data).hexdigest() != key:
                names = conn.scalars(
                    select(link.file_name).where(link.sha256 == key).order_by(link.id)
                )
                damaged.append(DamagedBlob(key, tuple(names)))
    return damaged


def read_evidence_totals(src: Reader) -> tuple[int, int]:
    """(number of stored files, their total size in bytes), for Help → About and `check`."""
    blob = tables.evidence_blob.c
    with reading(src) as conn:
        count, total = conn.execute(
            select(func.count(), func.coalesce(func.sum(blob.size_bytes), 0))
        ).one()
    return int(count), int(total)


def read_evidence_target(
    src: Reader, kind: str, target_id: int
) -> tuple[int, EvidenceTarget, str]:
    """(project number, target, label) of a milestone, payment or evaluation by its id — what
    the window holds — for `add_evidence` and the dialog's title."""
    tbl = {
        "milestone": tables.milestone,
        "disbursement": tables.disbursement,
    }.get(kind, tables.evaluation)
    p = tables.project.c
    with reading(src) as conn:
        row = conn.execute(select(tbl).where(tbl.c.id == target_id)).first()
        if row is None:
            raise UserError(t("That record no longer exists; reload and try again."))
        no = conn.scalar(select(p.no).where(p.id == row.project_id))
    assert no is not None
    if kind == "milestone":
        return no, EvidenceTarget(kind, row.code), t("milestone {code}", code=row.code)
    if kind == "disbursement":
        label = t("payment {date} (no. {id})", date=row.paid_on.isoformat(), id=row.id)
        return no, EvidenceTarget(kind, row.id), label
    return no, EvidenceTarget(kind, row.year), t("evaluation {year}", year=row.year)


def read_evaluation_id(src: Reader, project_id: int, year: int) -> int | None:
    """The closed evaluation of a project-year (None while the year is open)."""
    ev = tables.evaluation.c
    with reading(src) as conn:
        found: int | None = conn.scalar(
            select(ev.id).where(ev.project_id == project_id, ev.year == year)
        )
        return found
