"""quarterly returns from the project units (issue 19)

Revision ID: 0004_quarterly_returns
Revises: 0003_evidence_files
Create Date: 2026-12-02

One row per quarterly return collected from a project's lead organisation: which
project and quarter, when it came in, the file's name and SHA-256, the unit's contact,
its narrative, the values it reported (JSON, so a second return can be compared with the
first) and what it changed in the database (JSON). Nothing existing is moved or filled.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_quarterly_returns"
down_revision: str | None = "0003_evidence_files"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quarterly_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=8), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("contact_name", sa.String(length=100), nullable=False),
        sa.Column("contact_phone", sa.String(length=100), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("reported", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_quarterly_return_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarterly_return")),
    )
    with op.batch_alter_table("quarterly_return", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quarterly_return_project_id"), ["project_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_quarterly_return_quarter"), ["quarter"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quarterly_return", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarterly_return_quarter"))
        batch_op.drop_index(batch_op.f("ix_quarterly_return_project_id"))
    op.drop_table("quarterly_return")
