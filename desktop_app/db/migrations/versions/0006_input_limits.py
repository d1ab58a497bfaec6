"""input limits enforced by the database (issue 14)

Revision ID: 0006_input_limits
Revises: 0005_import_identity
Create Date: 2026-12-02

Reserved in the chain by the lead so work on several issues can proceed side by side;
the issue that owns it fills in upgrade() and downgrade().
"""

from collections.abc import Sequence

revision: str = "0006_input_limits"
down_revision: str | None = "0005_import_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
