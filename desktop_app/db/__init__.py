"""Storage: SQLAlchemy models, engine set-up, migrations, seeding, backups. No Qt here."""
