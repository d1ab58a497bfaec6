"""evidence files stored by SHA-256 (issue 18)

Revision ID: 0003_evidence_files
Revises: 0002_money_basis_quarter_close
Create Date: 2026-12-02

Two new tables and no change to existing ones: `evidence_blob` holds each file's bytes once
(keyed by SHA-256; bytea on PostgreSQL) and `evidence_link` ties a file to one milestone,
disbursement or evaluation, with a `removed` flag so a removal can be undone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_evidence_files"
down_revision: str | None = "0002_money_basis_quarter_close"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ONE_TARGET = (
    "(CASE WHEN milestone_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN disbursement_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN evaluation_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def upgrade() -> None:
    op.create_table(
        "evidence_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_blob")),
    )
    op.create_table(
        "evidence_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=True),
        sa.Column("disbursement_id", sa.Integer(), nullable=True),
        sa.Column("evaluation_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(_ONE_TARGET, name=op.f("ck_evidence_link_one_target")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_evidence_link_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["milestone_id"],
            ["milestone.id"],
            name=op.f("fk_evidence_link_milestone_id_milestone"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["disbursement_id"],
            ["disbursement.id"],
            name=op.f("fk_evidence_link_disbursement_id_disbursement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluation.id"],
            name=op.f("fk_evidence_link_evaluation_id_evaluation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["evidence_blob.sha256"],
            name=op.f("fk_evidence_link_sha256_evidence_blob"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_link")),
    )
    with op.batch_alter_table("evidence_link", schema=None) as batch_op:
        for col in ("project_id", "milestone_id", "disbursement_id", "evaluation_id", "sha256"):
            batch_op.create_index(batch_op.f(f"ix_evidence_link_{col}"), [col], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("evidence_link", schema=None) as batch_op:
        for col in ("project_id", "milestone_id", "disbursement_id", "evaluation_id", "sha256"):
            batch_op.drop_index(batch_op.f(f"ix_evidence_link_{col}"))
    op.drop_table("evidence_link")
    op.drop_table("evidence_blob")
