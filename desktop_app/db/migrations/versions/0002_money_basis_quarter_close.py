"""disbursement plan year (for_year) and quarter close (issue 13)

Revision ID: 0002_money_basis_quarter_close
Revises: 0001_initial
Create Date: 2026-12-02

Reserved in the chain by the lead so work on several issues can proceed side by side;
the issue that owns it fills in upgrade() and downgrade().
"""

from collections.abc import Sequence

revision: str = "0002_money_basis_quarter_close"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
