"""import identity: each database gets an identity that exported workbooks carry (issue 20)

Revision ID: 0005_import_identity
Revises: 0004_quarterly_returns
Create Date: 2026-12-02

A workbook says which database it was exported from, so an import can tell its row
versions apart from another database's (a copy made by backup, restore or `copy`
keeps the identity: it is the same portfolio). The identity is one `setting` row, a
random UUID; no table changes.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_import_identity"
down_revision: str | None = "0004_quarterly_returns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "database_id"
_setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    conn = op.get_bind()
    exists = conn.execute(sa.select(_setting.c.key).where(_setting.c.key == KEY)).first()
    if exists is None:
        op.bulk_insert(_setting, [{"key": KEY, "value": str(uuid.uuid4())}])


def downgrade() -> None:
    op.execute(_setting.delete().where(_setting.c.key == KEY))
