"""quarterly returns from the project units (issue 19)

Revision ID: 0004_quarterly_returns
Revises: 0003_evidence_files
Create Date: 2026-12-02

Reserved in the chain by the lead so work on several issues can proceed side by side;
the issue that owns it fills in upgrade() and downgrade().
"""

from collections.abc import Sequence

revision: str = "0004_quarterly_returns"
down_revision: str | None = "0003_evidence_files"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
