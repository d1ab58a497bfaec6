"""The Alembic revisions this build knows, readable without importing Alembic.

Start-up compares the database's revision with `HEAD` using plain SQL, so Alembic is
imported only when a migration is really due. A test keeps these in step with the
migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial",)
HEAD = KNOWN_REVISIONS[-1]
