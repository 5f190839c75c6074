"""SQLCipher storage behind SQLAlchemy: engine, migrations and the record store."""
