"""import identity: database id and export snapshots (issue 20)

Revision ID: 0005_import_identity
Revises: 0004_quarterly_returns
Create Date: 2026-12-02

Reserved in the chain by the lead so work on several issues can proceed side by side;
the issue that owns it fills in upgrade() and downgrade().
"""

from collections.abc import Sequence

revision: str = "0005_import_identity"
down_revision: str | None = "0004_quarterly_returns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
