"""input limits: one spelling per milestone and indicator code (issue 14)

Revision ID: 0006_input_limits
Revises: 0005_import_identity
Create Date: 2026-12-02

From this version codes are matched after NFKC and upper case (`Ｍ０１`, `m01` and
`M01` are one code; `desktop_app/domain/limits.py`). Codes already stored in another
spelling are rewritten here, so an import of `M01` finds the row once stored as `m01`
instead of adding a second milestone. Where the new spelling is already taken in the
same project (or project-year), or would not fit the column, the row is left as it is.

No schema change: the limits themselves are checked by the app (forms, import,
services) before anything reaches the database. The downgrade keeps the new spelling
(the old one is not recorded, and both mean the same code).
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_input_limits"
down_revision: str | None = "0005_import_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table → the columns a code is unique within
_CODED = {"milestone": ("project_id",), "indicator": ("project_id", "year")}
_CODE_LENGTH = 32


def _normalise(code: str) -> str:
    return unicodedata.normalize("NFKC", code).strip().upper()


def upgrade() -> None:
    conn = op.get_bind()
    for table, group in _CODED.items():
        columns = ", ".join(group)
        rows = conn.execute(sa.text(f"SELECT id, {columns}, code FROM {table}")).fetchall()
        taken = {(tuple(r[1:-1]), r[-1]) for r in rows}
        for row in rows:
            old = row[-1]
            new = _normalise(old)
            scope = tuple(row[1:-1])
            if new == old or (scope, new) in taken or len(new) > _CODE_LENGTH:
                continue
            conn.execute(
                sa.text(f"UPDATE {table} SET code = :code WHERE id = :id"),
                {"code": new, "id": row[0]},
            )
            taken.discard((scope, old))
            taken.add((scope, new))


def downgrade() -> None:
    pass
