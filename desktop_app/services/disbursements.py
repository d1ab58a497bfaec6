"""The disbursement register (拨付台账): add, edit, delete and list a project's payments.

A payment must fall inside its plan's years and have a known kind and a positive amount;
a 文号 already used elsewhere is a warning the officer confirms (`DuplicateDocNo`, then
call again with `confirm_duplicate=True`). One transaction per action; `db.audit`
records the before and after of every change.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.db.database import Database
from desktop_app.db.models import Disbursement, Project
from desktop_app.domain import limits
from desktop_app.domain.funding import DISBURSEMENT_KINDS, check_year_in_plan
from desktop_app.domain.parsing import ParseError, parse_date, parse_decimal
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.funding import plans_of, spec_from_row
from desktop_app.snapshots.funding import DisbursementDraft, DisbursementRow

register(
    {
        "Unknown kind “{kind}” (use startup, fixed or reward).": "未知拨付类型“{kind}”(应为启动、固定或奖励)。",  # noqa: E501
        "The project has no funding plan yet; enter the plan first.": "该项目尚无经费计划;请先录入计划。",  # noqa: E501
        "Payment date: {reason}": "拨付日期:{reason}",
        "Document number {doc} is already used by the payment of {date} ({project}).": "文号 {doc} 已用于 {date} 的拨付({project})。",  # noqa: E501
        "Disbursement {id} no longer exists.": "拨付记录 {id} 已不存在。",
        "Someone else changed this payment first; reload and apply your change again.": "其他人已先修改了此拨付记录;请重新载入后再修改。",  # noqa: E501
        "Must be more than zero.": "须大于零。",
        "Document number is longer than 100 characters.": "文号超过 100 个字符。",
    }
)


class DuplicateDocNo(UserError):
    """The 文号 is already used; nothing was written. Ask, then retry with confirmation."""


def _row(d: Disbursement) -> DisbursementRow:
    return DisbursementRow(
        id=d.id,
        project_id=d.project_id,
        paid_on=d.paid_on,
        amount_fen=d.amount_fen,
        kind=d.kind,
        doc_no=d.doc_no,
        note=d.note,
        is_sample=d.is_sample,
        version=d.version,
    )


def list_disbursements(db: Database, project_id: int) -> list[DisbursementRow]:
    with db.reader() as s:
        q = (
            select(Disbursement)
            .where(Disbursement.project_id == project_id)
            .order_by(Disbursement.paid_on, Disbursement.id)
        )
        return [_row(d) for d in s.scalars(q)]


def _checked(
    s: Session,
    project_id: int,
    draft: DisbursementDraft,
    *,
    self_id: int | None,
    confirm_duplicate: bool,
) -> tuple:
    """(paid_on, amount_fen, kind, doc_no) or ValidationError / DuplicateDocNo."""
    errors: dict[str, str] = {}
    paid_on = amount_fen = None
    try:
        paid_on = parse_date(draft.paid_on)
    except ParseError as exc:
        errors["paid_on"] = t("Payment date: {reason}", reason=str(exc))
    try:
        amount = parse_decimal(draft.amount)
        if amount <= 0:
            errors["amount"] = t("Must be more than zero.")
        else:  # finer than a fen or past 100 亿元: refused, never rounded
            amount_fen = limits.money_fen(amount)
    except ParseError:
        errors["amount"] = t("Not a number: {value}", value=draft.amount)
    except limits.LimitError as exc:
        errors["amount"] = str(exc)
    if draft.kind not in DISBURSEMENT_KINDS:
        errors["kind"] = t("Unknown kind “{kind}” (use startup, fixed or reward).", kind=draft.kind)
    doc_no = draft.doc_no.strip()
    if len(doc_no) > 100:
        errors["doc_no"] = t("Document number is longer than 100 characters.")
    elif (reason := limits.text_problem(doc_no, "doc_no")) is not None:
        errors["doc_no"] = reason
    if (reason := limits.text_problem(draft.note.strip(), "note")) is not None:
        errors["note"] = reason
    plans = plans_of(s, [project_id])
    if not plans:
        errors["paid_on"] = t("The project has no funding plan yet; enter the plan first.")
    elif paid_on is not None:
        reason = check_year_in_plan(spec_from_row(plans[0]), paid_on.year, draft.kind)
        if reason:
            errors["paid_on"] = reason
    if errors:
        raise ValidationError(errors)
    if doc_no and not confirm_duplicate:
        q = (
            select(Disbursement.paid_on, Project.name_zh)
            .join(Project, Project.id == Disbursement.project_id)
            .where(Disbursement.doc_no == doc_no)
        )
        if self_id is not None:
            q = q.where(Disbursement.id != self_id)
        other = s.execute(q.limit(1)).first()
        if other is not None:
            raise DuplicateDocNo(
                t(
                    "Document number {doc} is already used by the payment of {date} ({project}).",
                    doc=doc_no,
                    date=other[0].isoformat(),
                    project=other[1],
                )
            )
    return paid_on, amount_fen, draft.kind, doc_no


def add_disbursement(
    db: Database, project_id: int, draft: DisbursementDraft, *, confirm_duplicate: bool = False
) -> DisbursementRow:
    with db.session() as s:
        if s.get(Project, project_id) is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        paid_on, fen, kind, doc_no = _checked(
            s, project_id, draft, self_id=None, confirm_duplicate=confirm_duplicate
        )
        row = Disbursement(
            project_id=project_id,
            paid_on=paid_on,
            amount_fen=fen,
            kind=kind,
            doc_no=doc_no,
            note=draft.note.strip(),
            is_sample=False,
        )
        s.add(row)
        s.flush()
        return _row(row)


def _existing(s: Session, disbursement_id: int, version: int) -> Disbursement:
    row = s.get(Disbursement, disbursement_id)
    if row is None:
        raise UserError(t("Disbursement {id} no longer exists.", id=disbursement_id))
    if row.version != version:
        raise StaleDataError()
    return row


_STALE = "Someone else changed this payment first; reload and apply your change again."


def edit_disbursement(
    db: Database,
    disbursement_id: int,
    draft: DisbursementDraft,
    version: int,
    *,
    confirm_duplicate: bool = False,
) -> DisbursementRow:
    try:
        with db.session() as s:
            row = _existing(s, disbursement_id, version)
            paid_on, fen, kind, doc_no = _checked(
                s, row.project_id, draft, self_id=row.id, confirm_duplicate=confirm_duplicate
            )
            row.paid_on, row.amount_fen, row.kind, row.doc_no = paid_on, fen, kind, doc_no
            row.note = draft.note.strip()
            s.flush()
            return _row(row)
    except StaleDataError as exc:
        raise UserError(t(_STALE)) from exc


def delete_disbursement(db: Database, disbursement_id: int, version: int) -> None:
    try:
        with db.session() as s:
            s.delete(_existing(s, disbursement_id, version))
    except StaleDataError as exc:
        raise UserError(t(_STALE)) from exc
