"""Issue 14: the forms' services hold to the same limits as the import (domain/limits.py).

An amount finer than a fen, a taper rate with more places than the column keeps, a note
of a million characters or one holding ESC: refused with the field named, never rounded
or stored.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain import limits
from desktop_app.domain.milestones import MilestoneEdit
from desktop_app.domain.validation import ValidationError
from desktop_app.services.disbursements import add_disbursement, read_disbursements
from desktop_app.services.funding import spec_from_draft
from desktop_app.services.milestones import add_milestone
from desktop_app.snapshots.funding import DisbursementDraft, FundingPlanDraft


def _project_id(db, no: int = 1) -> int:
    from sqlalchemy import select

    from desktop_app.db.models import Project

    with db.reader() as s:
        return s.scalar(select(Project.id).where(Project.no == no))


def test_disbursement_finer_than_a_fen_is_refused_not_rounded(demo_db) -> None:
    pid = _project_id(demo_db)
    before = read_disbursements(demo_db, pid)
    draft = DisbursementDraft(paid_on="2026-05-01", amount="100.1234567", kind="fixed")
    with pytest.raises(ValidationError) as info:
        add_disbursement(demo_db, pid, draft)
    assert "amount" in info.value.errors and "6" in info.value.errors["amount"]
    assert read_disbursements(demo_db, pid) == before
    huge = DisbursementDraft(paid_on="2026-05-01", amount="10000000000000", kind="fixed")
    with pytest.raises(ValidationError) as info:
        add_disbursement(demo_db, pid, huge)
    assert "100 亿元" in info.value.errors["amount"]
    bell = DisbursementDraft(paid_on="2026-05-01", amount="1", kind="fixed", note="a\x07b")
    with pytest.raises(ValidationError) as info:
        add_disbursement(demo_db, pid, bell)
    assert "U+0007" in info.value.errors["note"]


def test_rate_with_more_places_than_kept_is_refused() -> None:
    draft = FundingPlanDraft(
        first_year="2026", years="5", mode="geometric", first_amount="300", rate_percent="12.34567"
    )
    with pytest.raises(ValidationError) as info:
        spec_from_draft(draft)
    assert "rate_percent" in info.value.errors
    ok = FundingPlanDraft(
        first_year="2026", years="5", mode="geometric", first_amount="300", rate_percent="12.3456"
    )
    assert spec_from_draft(ok).rate == Decimal("0.123456")


def test_a_million_character_note_is_refused(db) -> None:
    edit = MilestoneEdit(title="中试线", planned_end=date(2026, 12, 31), notes="长" * 1_000_000)
    with pytest.raises(ValidationError) as info:
        add_milestone(db, _project_id(db), edit)
    assert "32767" in info.value.errors["notes"]


@pytest.mark.parametrize(
    ("value", "places", "refused"),
    [("100.1", 6, False), ("100.1234567", 6, True), ("1.50", 1, False), ("12.5", 0, True)],
)
def test_places_are_counted_without_trailing_zeros(value, places, refused) -> None:
    assert (limits.places_problem(Decimal(value), places) is not None) is refused


def test_codes_normalise_to_one() -> None:
    assert {limits.normalise_code(c) for c in ("Ｍ０１", "m01", " M01 ")} == {"M01"}


def test_money_ceiling_is_100_yi_yuan() -> None:
    assert limits.money_fen(Decimal("1000000")) == 10**12
    with pytest.raises(limits.LimitError):
        limits.money_fen(Decimal("1000000.000001"))
    assert limits.money_fen(Decimal("12.34"), yuan=True) == 1234
