"""returns sent, and the English archive of a closed quarter (issues 24, 26)

Revision ID: 0007_returns_sent_archive_en
Revises: 0006_input_limits
Create Date: 2026-12-06

`return_sent`: what each workbook carried when `returns make` wrote it (one row per
workbook, found again by the token written into the workbook), so `returns collect` merges
three ways — a cell the unit did not change keeps the database's value, one changed on both
sides is a conflict — instead of writing back what the office has since corrected.

`quarter_close.pdf_en` / `sha256_en`: a quarter close archives the brief in English too, so
`report --lang en` of a closed quarter reprints what was signed instead of recomputing.
Existing closes keep their one archive (`pdf` in `lang`); nothing existing is moved.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_returns_sent_archive_en"
down_revision: str | None = "0006_input_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "return_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=8), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=100), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("sent", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_return_sent_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_sent")),
        sa.UniqueConstraint("token", name=op.f("uq_return_sent_token")),
    )
    with op.batch_alter_table("return_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_sent_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_sent_quarter"), ["quarter"], unique=False)
    with op.batch_alter_table("quarter_close", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pdf_en", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("sha256_en", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quarter_close", schema=None) as batch_op:
        batch_op.drop_column("sha256_en")
        batch_op.drop_column("pdf_en")
    with op.batch_alter_table("return_sent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_sent_quarter"))
        batch_op.drop_index(batch_op.f("ix_return_sent_project_id"))
    op.drop_table("return_sent")
