"""The toolkit's Fig. 3 personal-stressor self-check as tabs of rows.

Shared by the session's check-in and the supervisee's own preparation; each
passes where its ratings live and how an edit is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QTabWidget, QWidget

from supervision_app.content import Item, PersonalStressors
from supervision_app.domain.record import StressorRating
from supervision_app.gui.forms import child, load_form
from supervision_app.gui.session.page import ClickToToggle, add_form, combo_value, select_data

IMPACT_LABELS = {1: "1 (low)", 2: "2", 3: "3", 4: "4", 5: "5 (high)"}

Ratings = Callable[[], dict[str, StressorRating]]  # where the ratings being edited live now
Bind = Callable[[SignalInstance, Callable[..., Any]], None]  # applies an edit unless loading, and reports it


class StressorRow:
    """One stressor: whether it applies, its impact from 1 to 5, and whether to bring it to supervision."""

    def __init__(self, form: QWidget, item: Item, *, ratings: Ratings, bind: Bind, applies_name: str) -> None:
        self.item = item
        self._ratings = ratings
        self.applies_check = child(form, QCheckBox, "appliesCheck")
        self.impact_label = child(form, QLabel, "impactLabel")
        self.impact_combo = child(form, QComboBox, "impactCombo")
        self.bring_check = child(form, QCheckBox, "bringCheck")
        applies_label = child(form, QLabel, "appliesLabel")
        applies_label.setText(item.text)
        ClickToToggle(applies_label, self.applies_check)
        self.impact_label.setBuddy(self.impact_combo)
        for value, text in IMPACT_LABELS.items():
            self.impact_combo.addItem(text, value)
        self.applies_check.setAccessibleName(applies_name)
        self.impact_combo.setAccessibleName(f"Impact of {item.text}, from 1 (low) to 5 (high)")
        self.bring_check.setAccessibleName(f"Bring to supervision: {item.text}")
        bind(self.applies_check.toggled, lambda _v: self._store())
        bind(self.impact_combo.currentIndexChanged, lambda _i: self._store())
        bind(self.bring_check.toggled, lambda _v: self._store())

    def load(self) -> None:
        rating = self._ratings().get(self.item.id)
        self.applies_check.setChecked(rating is not None)
        select_data(self.impact_combo, rating.impact if rating else 1)
        self.bring_check.setChecked(bool(rating and rating.bring_to_supervision))
        self._show_state()

    def _store(self) -> None:
        ratings = self._ratings()
        if self.applies_check.isChecked():
            ratings[self.item.id] = StressorRating(int(combo_value(self.impact_combo)), self.bring_check.isChecked())
        else:
            ratings.pop(self.item.id, None)
        self._show_state()

    def _show_state(self) -> None:
        applies = self.applies_check.isChecked()
        for widget in (self.impact_label, self.impact_combo, self.bring_check):
            widget.setVisible(applies)

    @property
    def focus_chain(self) -> list[QWidget]:
        return [self.applies_check, self.impact_combo, self.bring_check]


def add_stressor_tabs(tabs: QTabWidget, stressors: PersonalStressors, *, other_hint: str,
                      make_row: Callable[[QWidget, Item], StressorRow]) -> list[StressorRow]:
    """A tab for each of the toolkit's columns, a row for each stressor; ``other_hint`` follows "what else?"."""
    rows: list[StressorRow] = []
    for column in stressors.columns:
        column_form = load_form("session_stressor_column", tabs)
        column_form.setAccessibleName(column.heading)
        rows_host = child(column_form, QWidget, "rowsHost")
        rows += [make_row(add_form("session_stressor_row", rows_host), item) for item in column.items]
        other = child(column_form, QLabel, "otherLabel")
        other.setText(f"{column.other_prompt} {other_hint}" if column.other_prompt else "")
        other.setVisible(bool(column.other_prompt))
        tabs.addTab(column_form, column.heading.replace("&", "&&"))
    return rows
