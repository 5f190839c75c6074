"""Step 7: learning, and whether it counts as CPD evidence."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QPushButton, QWidget

from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.page import Page, set_text


class LearningPage(Page):
    form_name = "session_learning"
    title = "Learning and CPD"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        record = ctx.record
        self.learning_edit = self.find_child(QPlainTextEdit, "learningEdit")
        self.cpd_check = self.find_child(QCheckBox, "cpdCheck")
        self.cpd_items_label = self.find_child(QLabel, "cpdItemsLabel")
        self.bind_text(self.learning_edit, lambda v: setattr(record, "learning", v))
        self.bind_check(self.cpd_check, lambda v: setattr(record, "learning_cpd", v))
        self.find_child(QPushButton, "addToCpdButton").clicked.connect(self.add_to_cpd)

    def load(self) -> None:
        with self.loading():
            set_text(self.learning_edit, self.ctx.record.learning)
            self.cpd_check.setChecked(self.ctx.record.learning_cpd)
        self.refresh()

    def refresh(self) -> None:
        titles = [item.title.strip() or "Untitled item" for item in self.ctx.record.agenda if item.cpd]
        self.cpd_items_label.setText(
            "Also tagged as CPD evidence on the Discussion step: " + "; ".join(titles) + "." if titles else "")
        self.cpd_items_label.setVisible(bool(titles))

    def add_to_cpd(self) -> QWidget:
        """Start an entry in the user's own CPD log from what this step records (gui/cpd)."""
        from supervision_app.gui.cpd.log import open_cpd_entry

        return open_cpd_entry(self, self.ctx.service.store, self.ctx.service.now, self.ctx.session, self.ctx.record)

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.learning(ctx.record)
