"""docs/rules.md is the project's own statement of its rules: its worked numbers must be
what the program computes (and the README must point there, not outside the project)."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

from desktop_app.domain.funding import FundingPlanSpec
from desktop_app.domain.scoring import grade, indicator_score, total_score

ROOT = Path(__file__).resolve().parent.parent
RULES = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def _row(label: str) -> list[D]:
    """The numbers of the table row starting with `label` in rules.md (both languages)."""
    rows = [line for line in RULES.splitlines() if line.startswith(f"| {label}")]
    assert rows, label
    return [D(cell.strip()) for cell in rows[0].split("|")[2:-1]]


def _fixed(mode: str, *, step: D | None = None, rate: D | None = None, floor: D = D(0)):
    spec = FundingPlanSpec(2026, 5, mode, D(300), step=step, rate=rate, floor=floor)
    return [amount.normalize() for amount in spec.fixed_support()]


def test_taper_tables_are_what_the_program_computes() -> None:
    linear = _fixed(mode="linear", step=D(60))
    geometric = _fixed(mode="geometric", rate=D("0.2"))
    floored = _fixed(mode="linear", step=D(60), floor=D(100))
    assert linear == _row("等额退坡,首年 300,每年减 60 |") == _row("linear, first 300, step 60 |")
    assert geometric == _row("等比退坡") == _row("geometric")
    assert floored == _row("等额退坡,首年 300,每年减 60,下限")
    assert floored == _row("linear, first 300, step 60, floor")


def test_scoring_example_is_what_the_program_computes() -> None:
    scores = [
        indicator_score(D(40), D(100), D(120), "higher"),
        indicator_score(D(30), D(20), D(15), "higher"),
        indicator_score(D(30), D(5), D(5), "higher"),
    ]
    assert scores == [D(40), D("22.5"), D(30)]
    total = total_score(scores)
    assert total == D("92.5") and grade(total) == "A"
    assert "**92.5 → A**" in RULES and "**92.5 → 优**" in RULES


def test_the_project_points_to_its_own_rules() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        assert not re.search(r"\.\./shared|shared/DESIGN", text), doc
    assert "docs/rules.md" in (ROOT / "README.md").read_text(encoding="utf-8")
