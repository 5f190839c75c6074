"""The supervisor's home page (``page.py``), what its rows say (``words.py``) and where they lead (``window_ui.py``)."""
