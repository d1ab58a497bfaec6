"""The disbursement register (拨付台账): add, edit, delete and list a project's payments.

A payment must fall inside its plan's years and have a known kind and a positive amount;
it settles one plan year (`for_year`: typed, or by the rule — a reward pays the year
before it is paid, anything else its own year; an advance names the later year);
a 文号 already used elsewhere is a warning the officer confirms (`DuplicateDocNo`, then
call again with `confirm_duplicate=True`). One transaction per action; `db.audit`
records the before and after of every change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db import tables
from desktop_app.db.database import Database, Reader, reading
from desktop_app.db.models import Disbursement, Project
from desktop_app.domain import limits
from desktop_app.domain.funding import (
    DISBURSEMENT_KINDS,
    default_for_year,
    payment_problems,
)
from desktop_app.domain.money import fen_to_wan
from desktop_app.domain.parsing import ParseError, parse_date, parse_decimal
from desktop_app.domain.validation import ValidationError
from desktop_app.errors import UserError
from desktop_app.i18n import register, t
from desktop_app.services.conflicts import TheirsReader, check_version, stale_guard
from desktop_app.services.funding_status import read_plan_specs
from desktop_app.snapshots.funding import DisbursementDraft, DisbursementRow

register(
    {
        "Unknown kind “{kind}” (use startup, fixed or reward).": "未知拨付类型“{kind}”(应为启动、固定或奖励)。",  # noqa: E501
        "The project has no funding plan yet; enter the plan first.": "该项目尚无经费计划;请先录入计划。",  # noqa: E501
        "Payment date: {reason}": "拨付日期:{reason}",
        "Document number {doc} is already used by the payment of {date} ({project}).": "文号 {doc} 已用于 {date} 的拨付({project})。",  # noqa: E501
        "Disbursement {id} no longer exists.": "拨付记录 {id} 已不存在。",
        "the payment of {date}": "{date} 的拨付记录",
        "the payment": "该拨付记录",
        "Must be more than zero.": "须大于零。",
        "Document number is longer than 100 characters.": "文号超过 100 个字符。",
        "Plan year: {reason}": "计划年度:{reason}",
        "Must be a whole year.": "须为整数年份。",
    }
)


class DuplicateDocNo(UserError):
    """The 文号 is already used; nothing was written. Ask, then retry with confirmation."""


def _row(d: Any) -> DisbursementRow:
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
        for_year=d.for_year,
    )


def read_disbursements(src: Reader, project_id: int) -> list[DisbursementRow]:
    """The project's payments, oldest first."""
    d = tables.disbursement
    query = select(d).where(d.c.project_id == project_id).order_by(d.c.paid_on, d.c.id)
    with reading(src) as conn:
        return [_row(r) for r in conn.execute(query)]


def read_disbursement(src: Reader, disbursement_id: int) -> DisbursementRow:
    """One payment as saved now (a form reloads it after a conflict)."""
    d = tables.disbursement
    with reading(src) as conn:
        row = conn.execute(select(d).where(d.c.id == disbursement_id)).first()
    if row is None:
        raise UserError(t("Disbursement {id} no longer exists.", id=disbursement_id))
    return _row(row)


def draft_of(row: DisbursementRow) -> DisbursementDraft:
    """The form's fields for a saved payment (amount in 万元 without trailing zeros)."""
    return DisbursementDraft(
        paid_on=row.paid_on.isoformat(),
        amount=f"{fen_to_wan(row.amount_fen).normalize():f}",
        kind=row.kind,
        doc_no=row.doc_no,
        note=row.note,
        for_year=str(row.for_year) if row.for_year else "",
    )


def _checked(
    s: Session,
    project_id: int,
    draft: DisbursementDraft,
    *,
    self_id: int | None,
    confirm_duplicate: bool,
) -> tuple[date, int, str, str, int]:
    """(paid_on, amount_fen, kind, doc_no, for_year) or ValidationError / DuplicateDocNo."""
    errors: dict[str, str] = {}
    paid_on: date | None = None
    amount_fen: int | None = None
    for_year: int | None = None
    try:
        paid_on = parse_date(draft.paid_on)
    except ParseError as exc:
        errors["paid_on"] = t("Payment date: {reason}", reason=str(exc))
    typed_year = str(draft.for_year).strip()
    if typed_year:
        try:
            number = parse_decimal(typed_year)
            if number != number.to_integral_value():
                raise ParseError(typed_year)
            for_year = int(number)
        except ParseError:
            errors["for_year"] = t("Plan year: {reason}", reason=t("Must be a whole year."))
    elif paid_on is not None:
        for_year = default_for_year(draft.kind, paid_on.year)
    try:
        amount = parse_decimal(draft.amount)
        # finer than a fen or past 100 亿元: refused, never rounded
        amount_fen = limits.money_fen(amount) if amount > 0 else 0
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
    rules = payment_problems(
        read_plan_specs(s.connection(), [project_id]).get(project_id),
        paid_year=paid_on.year if paid_on is not None else None,
        kind=draft.kind,
        for_year=for_year,
        for_year_typed=bool(typed_year),
        amount_fen=amount_fen,
    )
    for field, reason in rules.items():
        errors.setdefault(field, reason)
    if errors:
        raise ValidationError(errors)
    # Each is None only after its parse failed, which left a reason in `errors`.
    assert paid_on is not None and amount_fen is not None
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
    assert paid_on is not None and amount_fen is not None and for_year is not None
    return paid_on, amount_fen, draft.kind, doc_no, for_year


def add_disbursement(
    db: Database, project_id: int, draft: DisbursementDraft, *, confirm_duplicate: bool = False
) -> DisbursementRow:
    with db.session() as s:
        if s.get(Project, project_id) is None:
            raise UserError(t("Project {id} no longer exists.", id=project_id))
        paid_on, fen, kind, doc_no, for_year = _checked(
            s, project_id, draft, self_id=None, confirm_duplicate=confirm_duplicate
        )
        row = Disbursement(
            project_id=project_id,
            paid_on=paid_on,
            amount_fen=fen,
            kind=kind,
            for_year=for_year,
            doc_no=doc_no,
            note=draft.note.strip(),
            is_sample=False,
        )
        s.add(row)
        s.flush()
        return _row(row)


def _existing(s: Session, disbursement_id: int) -> Disbursement:
    row = s.get(Disbursement, disbursement_id)
    if row is None:
        raise UserError(t("Disbursement {id} no longer exists.", id=disbursement_id))
    return row


def conflict_fields(row: Disbursement | DisbursementRow) -> dict[str, Any]:
    """A payment's values as the conflict dialog shows them (keys = the form's fields)."""
    return {
        "paid_on": row.paid_on,
        "amount": fen_to_wan(row.amount_fen),
        "kind": row.kind,
        "doc_no": row.doc_no,
        "note": row.note,
    }


def _what(row: Disbursement | DisbursementRow) -> str:
    return t("the payment of {date}", date=row.paid_on.isoformat())


def _theirs(disbursement_id: int) -> TheirsReader:
    def read(s: Session) -> tuple[dict[str, Any], int] | None:
        row = s.get(Disbursement, disbursement_id)
        return (conflict_fields(row), row.version) if row is not None else None

    return read


def edit_disbursement(
    db: Database,
    disbursement_id: int,
    draft: DisbursementDraft,
    version: int,
    *,
    confirm_duplicate: bool = False,
) -> DisbursementRow:
    """Validate, then save if nobody saved the payment since the form loaded `version`;
    otherwise `ConflictError` with their values and yours (nothing written)."""
    yours: dict[str, Any] = {}
    what = t("the payment")
    with stale_guard(db, _theirs(disbursement_id), yours, what=what), db.session() as s:
        row = _existing(s, disbursement_id)
        what = _what(row)
        paid_on, fen, kind, doc_no, for_year = _checked(
            s, row.project_id, draft, self_id=row.id, confirm_duplicate=confirm_duplicate
        )
        note = draft.note.strip()
        yours.update(paid_on=paid_on, amount=fen_to_wan(fen), kind=kind, doc_no=doc_no, note=note)
        check_version(row.version, version, conflict_fields(row), yours, what=what)
        row.paid_on, row.amount_fen, row.kind, row.doc_no = paid_on, fen, kind, doc_no
        row.for_year = for_year
        row.note = note
        s.flush()
        return _row(row)


def delete_disbursement(
    db: Database, disbursement_id: int, version: int, *, seen: DisbursementRow | None = None
) -> None:
    """Delete unless someone changed the payment since `version` (`ConflictError`: their
    values against `seen`, the row as the officer's list showed it)."""
    yours = conflict_fields(seen) if seen is not None else {}
    what = t("the payment")
    with stale_guard(db, _theirs(disbursement_id), yours, what=what), db.session() as s:
        row = _existing(s, disbursement_id)
        check_version(row.version, version, conflict_fields(row), yours, what=_what(row))
        s.delete(row)
