"""Searching every record: the dialog (Ctrl+F) and opening a result in the session editor."""
