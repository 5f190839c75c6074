"""Step 5: the wellbeing check-in, built entirely from the toolkit's content."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import HseStandard
from supervision_app.domain.record import HseRating, Visibility
from supervision_app.gui.forms import child, set_tab_order
from supervision_app.gui.session import progress
from supervision_app.gui.session.context import SessionContext
from supervision_app.gui.session.more import MoreFromToolkit
from supervision_app.gui.session.page import ClickToToggle, Page, add_form, combo_value, select_data, set_text
from supervision_app.gui.session.stressors import StressorRow, add_stressor_tabs

VISIBILITY_WIDGETS = {Visibility.PRIVATE: "private", Visibility.DISCUSSED: "discussed",
                      Visibility.ON_RECORD: "onRecord"}
NOT_ANSWERED = 0  # the rating combo's data when no rating is given


class HseRow:
    def __init__(self, page: CheckinPage, form: QWidget, standard: HseStandard) -> None:
        self.standard = standard
        self.page = page
        scale = page.ctx.content.hse_standards.rating_scale
        self.rating_combo = child(form, QComboBox, "ratingCombo")
        self.note_edit = child(form, QLineEdit, "noteEdit")
        child(form, QLabel, "nameLabel").setText(standard.name)
        child(form, QLabel, "questionLabel").setText(standard.checkin_question)
        child(form, QLabel, "ratingLabel").setBuddy(self.rating_combo)
        child(form, QLabel, "noteLabel").setBuddy(self.note_edit)
        self.rating_combo.addItem(scale.not_answered_label or "Not answered", NOT_ANSWERED)
        for point in scale.points:
            self.rating_combo.addItem(f"{point.value}: {point.label}", point.value)
        self.rating_combo.setAccessibleName(f"{standard.name}: rating")
        self.rating_combo.setAccessibleDescription(standard.checkin_question)
        self.note_edit.setAccessibleName(f"{standard.name}: note")
        page.bind(self.rating_combo.currentIndexChanged, lambda _i: self._store())
        page.bind_text(self.note_edit, lambda _v: self._store())

    def load(self) -> None:
        rating = self.page.ctx.record.checkin.hse.get(self.standard.id, HseRating())
        select_data(self.rating_combo, rating.rating or NOT_ANSWERED)
        set_text(self.note_edit, rating.note)

    def _store(self) -> None:
        hse = self.page.ctx.record.checkin.hse
        value, note = int(combo_value(self.rating_combo) or NOT_ANSWERED), self.note_edit.text()
        if value == NOT_ANSWERED and not note.strip():
            hse.pop(self.standard.id, None)
        else:
            hse[self.standard.id] = HseRating(value or None, note)


class CheckinPage(Page):
    form_name = "session_checkin"
    title = "Wellbeing check-in"

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        content = ctx.content
        checkin = ctx.record.checkin
        self.visibility = QButtonGroup(self)
        self.visibility_radios: dict[Visibility, QRadioButton] = {}
        for index, (visibility, prefix) in enumerate(VISIBILITY_WIDGETS.items()):
            option = content.flags.visibility(visibility.value)
            radio = self.find_child(QRadioButton, f"{prefix}Radio")
            radio.setText(option.label)
            radio.setAccessibleName(f"Check-in visibility: {option.label}")
            radio.setAccessibleDescription(option.description)
            self.find_child(QLabel, f"{prefix}HelpLabel").setText(option.description)
            self.visibility.addButton(radio, index)
            self.visibility_radios[visibility] = radio
        self.bind(self.visibility.idToggled, self._visibility_toggled)

        self.prompts = content.checkin_prompts.prompts
        self.prompt_index = ctx.session.id % len(self.prompts)
        self.prompt_label = self.find_child(QLabel, "promptLabel")
        self.another_button = self.find_child(QPushButton, "anotherPromptButton")
        self.another_button.setProperty("editOnly", True)
        self.another_button.clicked.connect(self.next_prompt)
        self.opening_edit = self.find_child(QPlainTextEdit, "openingEdit")
        self.bind_text(self.opening_edit, lambda v: setattr(checkin, "opening", v))
        self._show_prompt()

        scale = content.hse_standards.rating_scale
        points = scale.points
        self.find_child(QLabel, "scaleLabel").setText(
            f"{scale.question} Choose from 1 ({points[0].label.lower()}) to 5 ({points[-1].label.lower()}), "
            f"and add a note if it helps.")
        hse_host = self.find_child(QWidget, "hseHost")
        self.hse_rows = [HseRow(self, add_form("session_hse_row", hse_host), standard)
                         for standard in content.hse_standards.standards]

        checklist = content.wellbeing_checklist
        self.find_child(QLabel, "checklistIntroLabel").setText(checklist.intro.paragraphs[0])
        self.checklist_boxes: dict[str, QCheckBox] = {}
        host = self.find_child(QWidget, "checklistHost")
        for period in checklist.periods:
            box = child(add_form("session_checklist_period", host), QGroupBox, "periodBox")
            box.setTitle(period.label)
            box.setAccessibleName(f"{period.label} checklist")
            for item in period.items:
                row = add_form("session_checklist_item", box)
                check = child(row, QCheckBox, "itemCheck")
                check.setAccessibleName(item.text)
                child(row, QLabel, "itemLabel").setText(item.text)
                ClickToToggle(child(row, QLabel, "itemLabel"), check)
                self.checklist_boxes[item.id] = check
                self.bind_check(check, partial(self._tick, item.id))

        stressors = content.personal_stressors
        intro = stressors.intro.text
        self.find_child(QLabel, "stressorsIntroLabel").setText(
            f"{intro} Only those marked 'Bring to supervision?' can reach the record, and only when the "
            "check-in is on the record.")
        self.find_child(QLabel, "stressorsCaveatLabel").setText(stressors.caveat)
        self.stressor_rows = add_stressor_tabs(
            self.find_child(QTabWidget, "stressorTabs"), stressors,
            other_hint="Add it under 'Anything else' below.",
            make_row=lambda form, item: StressorRow(form, item, ratings=lambda: self.ctx.record.checkin.stressors,
                                                    bind=self.bind, applies_name=item.text))

        self.optional = self._add_optional_aids()

        self.notes_edit = self.find_child(QPlainTextEdit, "notesEdit")
        self.bind_text(self.notes_edit, lambda v: setattr(checkin, "notes", v))
        # The rows are added after the form was built; Tab follows the page from top to bottom.
        set_tab_order([*self.visibility_radios.values(), self.another_button, self.opening_edit,
                       *(w for row in self.hse_rows for w in (row.rating_combo, row.note_edit)),
                       *self.checklist_boxes.values(), self.find_child(QTabWidget, "stressorTabs"),
                       *(w for row in self.stressor_rows for w in row.focus_chain),
                       *(more.button for more in self.optional.values()), self.notes_edit])

    def _add_optional_aids(self) -> dict[str, MoreFromToolkit]:
        """Fig. 5 under the stressors, and two conversations (a good fit, self-care): closed until asked for."""
        content = self.ctx.content
        signs, fit = content.signs_of_stress, content.good_fit
        groups = [f"{group.display_heading}:\n" + "\n".join(f"• {item.text}" for item in group.items)
                  for group in signs.groups]
        stress = MoreFromToolkit(f"{signs.intro.heading} (Fig. 5)",
                                 [*signs.intro.paragraphs, *groups,
                                  *(signs.afterword.paragraphs if signs.afterword else ())],
                                 signs.source, signs.intro.cite, self)
        self.find_child(QVBoxLayout, "stressorsLayout").addWidget(stress)
        answers = f"{fit.answers_intro}:\n" + "\n".join(f"• {answer.text}" for answer in fit.answers)
        good_fit = MoreFromToolkit(f"Conversation, if you choose it: {fit.intro.heading}",
                                   [fit.intro.text, f"{fit.prompt}: {fit.question}", answers,
                                    fit.closing.text if fit.closing else ""],
                                   fit.source, fit.intro.cite, self)
        care = content.self_care
        actions = [f"{action.display_heading}:\n" + "\n".join(f"• {item.text}" for item in action.items)
                   for action in care.actions]
        self_care = MoreFromToolkit(f"Conversation, if you choose it: {care.intro.heading}",
                                    [care.intro.text, *actions], care.source, care.intro.cite, self)
        layout = self.find_child(QVBoxLayout, "checkinNotesLayout")
        layout.insertWidget(0, self_care)
        layout.insertWidget(0, good_fit)
        return {"signs_of_stress": stress, "good_fit": good_fit, "self_care": self_care}

    def load(self) -> None:
        checkin = self.ctx.record.checkin
        with self.loading():
            self.visibility_radios[checkin.visibility].setChecked(True)
            set_text(self.opening_edit, checkin.opening)
            for row in self.hse_rows:
                row.load()
            for item_id, box in self.checklist_boxes.items():
                box.setChecked(item_id in checkin.checklist)
            for stressor in self.stressor_rows:
                stressor.load()
            set_text(self.notes_edit, checkin.notes)

    @classmethod
    def progress_of(cls, ctx: SessionContext) -> progress.Progress:
        return progress.checkin(ctx.record)

    def next_prompt(self) -> None:
        self.prompt_index = (self.prompt_index + 1) % len(self.prompts)
        self._show_prompt()

    def _show_prompt(self) -> None:
        prompt = self.prompts[self.prompt_index]
        self.prompt_label.setText(prompt.text)
        self.prompt_label.setAccessibleDescription(prompt.text)

    def _visibility_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.ctx.record.checkin.visibility = list(VISIBILITY_WIDGETS)[button_id]

    def _tick(self, item_id: str, ticked: bool) -> None:
        checklist = self.ctx.record.checkin.checklist
        if ticked:
            checklist.add(item_id)
        else:
            checklist.discard(item_id)

