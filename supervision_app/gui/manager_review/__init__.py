"""The managers' checklist as a periodic self-review (``dialog.ManagerReviewDialog``)."""
