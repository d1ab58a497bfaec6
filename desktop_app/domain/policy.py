"""Every threshold the rules use, in one place (stored as the `policy` setting).

Health, grading and reward shares read their numbers from a `Policy`; officers can edit
them, and the defaults are the ones docs/rules.md gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any


def _grades() -> dict[str, Decimal]:
    return {"A": Decimal(90), "B": Decimal(80), "C": Decimal(60)}


def _shares() -> dict[str, Decimal]:
    return {"A": Decimal("1.00"), "B": Decimal("0.70"), "C": Decimal("0.40"), "D": Decimal(0)}


@dataclass(frozen=True)
class Policy:
    overdue_red_days: int = 30
    """A milestone overdue by more than this many days makes a project red."""
    due_soon_days: int = 30
    """Milestones due within this many days are 'due soon' (amber below the percent)."""
    due_soon_min_percent: int = 50
    disbursement_ahead_percent: Decimal = Decimal(10)
    """Cumulative disbursement this far ahead of plan-to-date is red."""
    projected_score_amber: Decimal = Decimal(60)
    grade_thresholds: dict[str, Decimal] = field(default_factory=_grades)
    reward_shares: dict[str, Decimal] = field(default_factory=_shares)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dict):
                out[f.name] = {k: str(v) for k, v in value.items()}
            elif isinstance(value, Decimal):
                out[f.name] = str(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Policy:
        base = cls()
        changes: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            default = getattr(base, f.name)
            value = data[f.name]
            if isinstance(default, dict):
                changes[f.name] = {k: Decimal(str(v)) for k, v in value.items()}
            elif isinstance(default, Decimal):
                changes[f.name] = Decimal(str(value))
            else:
                changes[f.name] = int(value)
        return replace(base, **changes)


DEFAULT_POLICY = Policy()


GRADE_WORDS_ZH = {"A": "优", "B": "良", "C": "中", "D": "差"}
"""How a grade is printed: 优/良/中/差 in Chinese, the letter in English."""


def grade_word(grade: str | None, year: int | None = None) -> str:
    """A grade as a reader names it, with its year when given: 良(2025) / B (2025)."""
    from desktop_app.i18n import language

    if not grade:
        return ""
    zh = language() == "zh"
    word = GRADE_WORDS_ZH.get(grade, grade) if zh else grade
    if year is None:
        return word
    return f"{word}({year})" if zh else f"{word} ({year})"
