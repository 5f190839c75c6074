"""Screen readers hear what sighted users read: no generic name hides the text of a label, button, check box
or group box on any step, and every field in a row of a list says which item of the list it is about."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supervision_app.clock import SettableClock
from supervision_app.content import ToolkitContent
from supervision_app.domain.model import SessionStatus
from supervision_app.gui.session import SessionEditor
from supervision_app.services.demo import fill_demo
from supervision_app.services.sessions import SessionService
from supervision_app.vault.service import OpenVault
from tests.gui.conftest import DEMO_TODAY
from tests.gui.names import names_hiding_text, names_the_item
from tests.gui.people.conftest import type_text

from .test_accessibility import with_every_kind_of_row


def demo_editor(qtbot: QtBot, vault: OpenVault, content: ToolkitContent) -> SessionEditor:
    """The editor on the demo's session in progress with Zoë: earlier actions to review, every list filled."""
    store = vault.store
    fill_demo(store, DEMO_TODAY)
    zoe = next(person for person in store.list_people() if person.name == "Zoë Whitfield")
    draft = next(s for s in store.list_sessions() if s.supervisee_id == zoe.id and s.status is SessionStatus.DRAFT)
    service = SessionService(store, SettableClock(datetime.combine(DEMO_TODAY, datetime.min.time())))
    editor = SessionEditor(service, content, draft.id, autosave_ms=50)
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    editor.show()
    return editor


def test_no_name_hides_visible_text_on_any_step(qtbot: QtBot, open_vault: OpenVault,
                                               content: ToolkitContent) -> None:
    editor = demo_editor(qtbot, open_vault, content)
    with_every_kind_of_row(qtbot, editor)
    dialog = editor.open_cancel_dialog()
    assert names_hiding_text(editor) + names_hiding_text(dialog) == []
    dialog.reject()


def unnamed_items(rows: list[tuple[str, list[QWidget]]]) -> list[str]:
    return [f"{widget.objectName()} {widget.accessibleName()!r} is not about {item!r}"
            for item, fields in rows for widget in fields if not names_the_item(widget, item)]


def test_every_field_of_a_row_names_its_item(qtbot: QtBot, open_vault: OpenVault, content: ToolkitContent) -> None:
    editor = demo_editor(qtbot, open_vault, content)
    with_every_kind_of_row(qtbot, editor)
    agenda = editor.agenda_page.rows[-1]
    type_text(agenda.title_edit, "Caseload review")
    action = editor.actions_page.rows[-1]
    type_text(action.text_edit, "Make the Occupational Health referral")
    flag = editor.flags_page.rows[-1]
    decision = editor.discussion_page.decision_rows[-1]
    type_text(decision.decision_edit, "Pause new allocations")
    checkin = editor.checkin_page
    rows: list[tuple[str, list[QWidget]]] = [
        *((row.title_edit.text(), [w for w in row.focus_chain if w is not row.title_edit])
          for row in editor.agenda_page.rows if row.title_edit.text()),
        *((row.text_edit.text(), [w for w in row.focus_chain if w is not row.text_edit])
          for row in editor.actions_page.rows if row.text_edit.text()),
        (flag.category_combo.currentText(), [flag.level_combo, flag.visibility_combo, flag.detail_edit,
                                             flag.action_combo, flag.signpost_combo, flag.remove_button]),
        (decision.decision_edit.text(), [decision.rationale_edit, decision.remove_button]),
        *((row.action_label.text().split(". ", 1)[1], [row.outcome_combo, row.reason_edit])
          for row in editor.review_page.rows),
        *((row.standard.name, [row.rating_combo, row.note_edit]) for row in checkin.hse_rows),
        *((row.item.text, [row.applies_check, row.impact_combo, row.bring_check]) for row in checkin.stressor_rows),
    ]
    items = {item for item, _fields in rows}
    assert "Make the Occupational Health referral" in items and "Caseload review" in items
    assert len(editor.review_page.rows) >= 2 and len(checkin.hse_rows) == 7 and len(checkin.stressor_rows) > 10
    assert unnamed_items(rows) == []
    checklist = [(next(label.text() for label in box.parentWidget().findChildren(type(checkin.prompt_label))
                       if label.objectName() == "itemLabel"), [box]) for box in checkin.checklist_boxes.values()]
    assert len(checklist) > 10 and unnamed_items(checklist) == []
    first = editor.review_page.rows[0]
    assert first.outcome_combo.accessibleName() == f"Update on: {first.action_label.text().split('. ', 1)[1]}"
