"""disbursement plan year (for_year) and quarter close (issue 13)

Revision ID: 0002_money_basis_quarter_close
Revises: 0001_initial
Create Date: 2026-12-02

`disbursement.for_year` is the plan year a payment settles (计划年度口径). Existing rows
are filled by the rule the 0001 program applied when it computed schedules: a reward
pays the year before the one it was paid in (a year's reward is paid the following year,
after its evaluation); start-up and fixed support pay their own payment year. Nothing
else in the released schema says a payment was an advance, so none is guessed.

`quarter_close` holds a closed quarter (季度关账): its figures as JSON, the brief's PDF
bytes and their SHA-256, who closed it and when, and the reopening, if any.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_money_basis_quarter_close"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("for_year", sa.Integer(), nullable=True))
    year = (
        "CAST(strftime('%Y', paid_on) AS INTEGER)"
        if op.get_bind().dialect.name == "sqlite"
        else "CAST(EXTRACT(YEAR FROM paid_on) AS INTEGER)"
    )
    op.execute(
        f"UPDATE disbursement SET for_year = CASE WHEN kind = 'reward' "
        f"THEN {year} - 1 ELSE {year} END"
    )
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.alter_column("for_year", existing_type=sa.Integer(), nullable=False)

    op.create_table(
        "quarter_close",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=8), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by", sa.String(length=100), nullable=False),
        sa.Column("reopen_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarter_close")),
    )
    with op.batch_alter_table("quarter_close", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarter_close_quarter"), ["quarter"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quarter_close", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarter_close_quarter"))
    op.drop_table("quarter_close")
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.drop_column("for_year")
