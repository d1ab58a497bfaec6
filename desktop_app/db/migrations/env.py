"""Alembic environment: runs on the connection the app hands it (see db.migrate)."""

from __future__ import annotations

from alembic import context

from desktop_app.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through db.migrate
    raise RuntimeError("run migrations through desktop_app.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
