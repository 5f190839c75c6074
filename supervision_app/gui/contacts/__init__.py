"""The organisation's contacts for support: the dialog that keeps them, and where they are shown."""
