"""The Alembic revisions this build knows, readable without importing Alembic.

Start-up compares the database's revision with `HEAD` using plain SQL, so Alembic is
imported only when a migration is really due. A test keeps these in step with the
migration scripts.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_money_basis_quarter_close",
    "0003_evidence_files",
    "0004_quarterly_returns",
    "0005_import_identity",
    "0006_input_limits",
    "0007_returns_sent_archive_en",
)
HEAD = KNOWN_REVISIONS[-1]
