"""Writing checked quarterly returns: the import's compare-and-swap writer and audit writer
(io/store.py `apply_changes`, db/audit.py `record`), one transaction for all of them.

Inside the transaction the write lock is taken first (SQLite; on PostgreSQL each project
row is locked), then for each return: its project must still exist, no other return for
it may have been recorded since the preview (two collects of one folder: the second is
refused, never a second log row for one file), a closed evaluation year refuses figures,
and every row the return changes must still be the version the preview read — otherwise
`StaleImport`, turned here into one line naming the file, sheet and row. Any refusal rolls
back the whole transaction: nothing is written, no log rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.db import door, tables
from desktop_app.db.database import Database
from desktop_app.domain.periods import Quarter
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.io.store import Current, StaleImport, _take_write_lock, apply_changes
from desktop_app.services.return_status import read_latest_returns
from desktop_app.services.returns import log_return

if TYPE_CHECKING:
    from desktop_app.io.returns_collect import ProjectReturn

STALE = "{file}, {sheet}, row {row} ({key}): this row was changed in the database after the return was checked; nothing was written. Collect again to compare with the change."  # noqa: E501
RECORDED = "{file}: a return for project {no} was recorded by someone else since this one was checked; nothing was written. Collect again."  # noqa: E501
CLOSED = "{file}: {year} is closed by its evaluation; indicator actuals cannot change; nothing was written."  # noqa: E501
GONE = "{file}: project {no} no longer exists; nothing was written."
REFUSED = "{file}: the database refused the return ({reason}); nothing was written."

register(
    {
        STALE: "{file},{sheet},第 {row} 行({key}):报送表核对后此行已在数据库中被修改,未写入任何数据。请重新收取以比较该修改。",  # noqa: E501
        RECORDED: "{file}:此报送表核对后,他人已记录了项目 {no} 的报送,未写入任何数据。请重新收取。",
        CLOSED: "{file}:{year} 年已完成绩效评价并关闭,指标完成值不能修改;未写入任何数据。",
        GONE: "{file}:项目 {no} 已不存在;未写入任何数据。",
        REFUSED: "{file}:数据库拒绝了此报送({reason});未写入任何数据。",
        "Quarterly return {quarter} from {unit} ({contact}), file {file}": "{quarter} 季度报送:{unit}({contact}),文件 {file}",  # noqa: E501
        "no contact given": "未填联系人",
    }
)


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that everything is rolled back."""


def write_returns(
    db: Database, returns: Sequence[ProjectReturn], *, officer: str = "", dry_run: bool = False
) -> None:
    """Write `returns` in one transaction (all or nothing); `UserError` names the file."""
    try:
        with db.session() as s:
            _take_write_lock(s)
            for pr in returns:
                _write_one(s, pr, officer)
            s.flush()
            if dry_run:
                raise _DryRun
    except _DryRun:
        return
    except (IntegrityError, OverflowError) as exc:
        name = returns[0].file if len(returns) == 1 else ", ".join(r.file for r in returns[:3])
        raise UserError(t(REFUSED, file=name, reason=type(exc).__name__)) from exc


def _write_one(s: Session, pr: ProjectReturn, officer: str) -> None:
    w = pr.write
    quarter = Quarter.parse(w.quarter)
    p, ev = tables.project.c, tables.evaluation.c
    lock = select(p.id).where(p.id == w.project_id)
    if s.get_bind().dialect.name == "postgresql":
        lock = lock.with_for_update()
    if s.scalar(lock) is None:
        raise UserError(t(GONE, file=pr.file, no=w.project_no))
    latest = read_latest_returns(s.connection(), w.quarter).get(w.project_id)
    seen = pr.previous.id if pr.previous is not None else None
    if (latest.id if latest is not None else None) != seen:
        raise UserError(t(RECORDED, file=pr.file, no=w.project_no))
    figures = any(sheet.name == "actuals" for sheet, _changes in pr.plan)
    if figures and s.scalar(
        select(ev.id).where(ev.project_id == w.project_id, ev.year == quarter.year)
    ):
        raise UserError(t(CLOSED, file=pr.file, year=quarter.year))
    contact = " ".join(x for x in (w.contact_name, w.contact_phone) if x) or t("no contact given")
    reason = t(
        "Quarterly return {quarter} from {unit} ({contact}), file {file}",
        quarter=w.quarter,
        unit=w.unit,
        contact=contact,
        file=w.file_name,
    )
    who = officer or str(s.info.get("officer", ""))
    if pr.plan:
        try:
            apply_changes(
                s, pr.plan, Current(), reason=reason, officer=who,
                os_user=str(s.info.get("os_user", "")),
            )  # fmt: skip
        except StaleImport as exc:
            key = next(
                (
                    str(c.row.get("code", ""))
                    for _sheet, changes in pr.plan
                    for c in changes
                    if (c.sheet_title, c.row_number) == (exc.sheet_title, exc.row_number)
                ),
                "",
            )
            raise UserError(
                t(STALE, file=pr.file, sheet=exc.sheet_title, row=exc.row_number, key=key)
            ) from exc
    if pr.token and pr.next_sent is not None:  # the base of this workbook's next collect
        sent = door.table("return_sent")
        s.execute(
            update(sent)
            .where(sent.c.token == pr.token)
            .values(sent=json.dumps(pr.next_sent, ensure_ascii=False, sort_keys=True))
        )
    log_return(s, w, officer=who, reason=reason)
