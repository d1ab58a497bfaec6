"""evidence files stored by SHA-256 (issue 18)

Revision ID: 0003_evidence_files
Revises: 0002_money_basis_quarter_close
Create Date: 2026-12-02

Reserved in the chain by the lead so work on several issues can proceed side by side;
the issue that owns it fills in upgrade() and downgrade().
"""

from collections.abc import Sequence

revision: str = "0003_evidence_files"
down_revision: str | None = "0002_money_basis_quarter_close"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
