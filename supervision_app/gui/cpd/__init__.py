"""The CPD log for Social Work England: the log's window (log.py) and the form of one entry (entry.py)."""
