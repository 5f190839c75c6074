"""The main window's pages: each owns its widgets; the window switches between them."""
