"""The quarterly brief's reads load no ORM: importing and mapping it costs the report about
0.2 s. Each module is imported in a fresh interpreter, as `key-projects report` does."""

from __future__ import annotations

import subprocess
import sys

import pytest

ORM = ("sqlalchemy.orm", "desktop_app.db.models")


@pytest.mark.parametrize(
    "module",
    [
        "desktop_app.services.evidence_rows",
        "desktop_app.services.return_status",
        "desktop_app.services.district_overview",
        "desktop_app.services.quarter_brief",
        "desktop_app.services.brief_data",
        "desktop_app.services.health",
        "desktop_app.services.warnings",
        "desktop_app.services.policy",
        "desktop_app.services.home",
    ],
)
def test_module_does_not_load_the_orm(module):
    code = f"import sys, {module}; print([m for m in {ORM!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
