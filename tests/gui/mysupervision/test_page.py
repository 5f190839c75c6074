"""The supervisee's "My supervision" page, driven through its widgets on two real installs."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.domain.record import Confirmation
from supervision_app.gui.mysupervision import CountersignDialog, MySupervisionPage
from supervision_app.gui.mysupervision.page import NO_SUPERVISOR, NOT_BOOKED
from supervision_app.services.my_supervision import MySupervisionService
from tests.gui.mysupervision.conftest import SESSION_AT, World
from tests.gui.names import names_the_item, spoken_name
from tests.gui.test_forms import INTERACTIVE


def unnamed_controls(root: QWidget) -> list[str]:
    """As in test_forms: Qt's own parts of a control (a combo box's list) are unnamed and covered by it."""
    return [w.objectName() for w in root.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.objectName() and not w.objectName().startswith("qt_")
            and not spoken_name(w).strip()]


def fill_in(qtbot: QtBot, page: MySupervisionPage) -> None:
    """Two items, how I have been (brought), one brought and one private stressor, ticks and private notes."""
    prep = page.prep
    for title, wanted in (("Court skills", "Feedback on my statement"), ("Caseload after the restructure", "")):
        qtbot.mouseClick(prep.add_button, Qt.MouseButton.LeftButton)
        row = prep.item_rows[-1]
        qtbot.keyClicks(row.title_edit, title)
        qtbot.keyClicks(row.wanted_edit, wanted)
    qtbot.mouseClick(prep.item_rows[1].up_button, Qt.MouseButton.LeftButton)  # caseload first
    qtbot.keyClicks(prep.how_edit, "Tired but coping.")
    prep.bring_how_check.setChecked(True)
    rows = {row.item.id: row for row in prep.checklist_rows}
    rows["lunch_break"].tick_check.setChecked(True)  # a private tick
    stressors = {row.item.id: row for row in prep.stressor_rows}
    brought = stressors["time_pressures"]
    brought.applies_check.setChecked(True)
    brought.impact_combo.setCurrentIndex(brought.impact_combo.findData(4))
    brought.bring_check.setChecked(True)
    private = stressors["death_of_close_relative_or_friend"]
    private.applies_check.setChecked(True)
    private.impact_combo.setCurrentIndex(private.impact_combo.findData(5))
    qtbot.keyClicks(prep.private_edit, "PRIVATE-CANARY")


def test_preparation_is_autosaved_and_saved_now(qtbot: QtBot, world: World) -> None:
    supervisor = world.pair()
    page = world.page(qtbot)
    page.autosave_ms = 50
    assert page.current_supervisor_id() == supervisor.id
    assert page.title_label.text() == "My supervision with Aisha Rahman"
    assert not page.pair_button.isVisibleTo(page) and "fingerprint" in page.pairing_label.text()
    assert page.next_label.text() == NOT_BOOKED
    assert page.last_label.text() == "No record of a supervision session has come from your supervisor yet."
    fill_in(qtbot, page)
    assert page.dirty
    qtbot.waitUntil(lambda: not page.dirty, timeout=3000)
    saved = MySupervisionService(world.zoe_app.store).preparation(supervisor.id)
    assert [(i.title, i.wanted_outcome) for i in saved.items] == [
        ("Caseload after the restructure", ""), ("Court skills", "Feedback on my statement")]
    assert saved.how_i_have_been == "Tired but coping." and saved.bring_how_i_have_been
    assert saved.checklist == {"lunch_break"} and saved.bring_checklist == set()
    assert saved.stressors["time_pressures"].impact == 4 and saved.stressors["time_pressures"].bring_to_supervision
    assert not saved.stressors["death_of_close_relative_or_friend"].bring_to_supervision
    assert saved.private_notes == "PRIVATE-CANARY"

    # save_now (on lock or quit) saves at once, without waiting.
    page.autosave_ms = 60_000
    qtbot.mouseClick(page.prep.item_rows[0].remove_button, Qt.MouseButton.LeftButton)
    page.prep.checklist_rows[0].bring_check.setChecked(True)
    assert page.dirty
    assert page.save_now() and not page.dirty
    saved = MySupervisionService(world.zoe_app.store).preparation(supervisor.id)
    assert [i.title for i in saved.items] == ["Court skills"]
    assert saved.bring_checklist == {page.prep.checklist_rows[0].item.id}

    # A fresh page shows what was saved.
    again = world.page(qtbot)
    assert [row.title_edit.text() for row in again.prep.item_rows] == ["Court skills"]
    assert again.prep.private_edit.toPlainText() == "PRIVATE-CANARY"


def test_send_agenda_carries_only_what_is_marked_to_bring(qtbot: QtBot, world: World) -> None:
    world.pair()
    page = world.page(qtbot)
    assert page.send_button.text() == "Se&nd agenda to Aisha Rahman…"
    # Sending, and what came of it, stay in view below the page however far it is scrolled.
    scroll = page.findChild(QScrollArea, "pageScroll")
    for widget in (page.send_button, page.start_afresh_button, page.status_label, page.error_label,
                   page.save_state_label):
        assert not scroll.isAncestorOf(widget)
    assert not page.status_label.isVisibleTo(page)
    fill_in(qtbot, page)
    world.saved.answer = "x.svagenda"
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert not page.error_label.isVisibleTo(page), page.error_label.text()
    assert page.status_label.isVisibleTo(page)
    title, suggested, file_filter = world.saved.asked[-1]
    assert title == "Save the agenda for Aisha Rahman"
    assert suggested == "agenda-2026-11-20-aisha-rahman.svagenda" and "*.svagenda" in file_filter
    written = (world.saved.folder / "x.svagenda").read_bytes()
    assert b"PRIVATE-CANARY" not in written and b"Caseload" not in written  # sealed
    assert "Agenda saved to" in page.status_label.text() and "Aisha Rahman" in page.status_label.text()
    assert page.save_state_label.text() == "Agenda last sent Fri 20 Nov 2026, 17:30."
    assert not page.dirty  # saved before sending

    session = world.aisha.sessions.book(world.zoe.id, SESSION_AT)
    outcome = world.aisha.exchange.import_pack(written)
    assert outcome.kind == "agenda"
    record = world.aisha.store.load_record(session.id)
    assert "PRIVATE-CANARY" not in repr(record)
    assert [i.title for i in record.agenda] == ["Caseload after the restructure", "Court skills"]
    assert set(record.checkin.stressors) == {"time_pressures"}
    assert "Tired but coping." in record.checkin.opening
    assert not record.checkin.checklist

    # Later edits keep the time it was sent.
    qtbot.keyClicks(page.prep.private_edit, " more")
    assert page.save_now()
    assert MySupervisionService(world.zoe_app.store).preparation(world.supervisor.id).sent_at is not None


def test_sending_problems_are_said_in_one_sentence(qtbot: QtBot, world: World) -> None:
    world.zoe_app.mine.add_supervisor("Aisha Rahman")  # added by name, not paired
    page = world.page(qtbot)
    assert page.pair_button.isVisibleTo(page) and "not paired" in page.pairing_label.text()
    # Send says what is missing rather than doing nothing.
    assert page.send_button.isEnabled()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisibleTo(page)
    assert page.error_label.text() == ("Pair with Aisha Rahman first (Pair with my supervisor…): "
                                       "only their copy of the app can open it.")
    assert world.saved.asked == []
    with qtbot.waitSignal(page.pair_requested):
        qtbot.mouseClick(page.pair_button, Qt.MouseButton.LeftButton)

    world.pair()
    page.refresh()
    assert not page.pair_button.isVisibleTo(page) and page.send_button.isEnabled()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)  # nothing prepared
    assert page.error_label.isVisibleTo(page)
    assert page.error_label.text() == "Add an item, or mark something to bring, before sending the agenda."

    qtbot.mouseClick(page.prep.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.prep.item_rows[0].title_edit, "Leave")
    world.saved.answer = None  # the user cancels the save dialog
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert not page.error_label.isVisibleTo(page)
    assert page.status_label.text().startswith("No file was saved, so nothing was sent.")
    assert "Agenda last sent" not in page.save_state_label.text()  # it was not sent
    assert world.zoe_app.mine.preparation(page.current_supervisor_id()).sent_at is None

    world.saved.answer = "missing-folder/x.svagenda"
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisibleTo(page) and "could not be saved" in page.error_label.text()
    assert "Agenda last sent" not in page.save_state_label.text()
    assert world.zoe_app.mine.preparation(page.current_supervisor_id()).sent_at is None


def test_start_afresh_keeps_private_notes(qtbot: QtBot, world: World) -> None:
    supervisor = world.pair()
    page = world.page(qtbot)
    fill_in(qtbot, page)
    asked: list[str] = []
    page.confirm = lambda _parent, question, _details, _yes: asked.append(question) is not None and False
    qtbot.mouseClick(page.start_afresh_button, Qt.MouseButton.LeftButton)
    assert asked == ["Start afresh for the next session?"] and len(page.prep.item_rows) == 2
    page.confirm = lambda *_args: True
    qtbot.mouseClick(page.start_afresh_button, Qt.MouseButton.LeftButton)
    assert page.prep.item_rows == [] and page.prep.how_edit.toPlainText() == ""
    qtbot.mouseClick(page.start_afresh_button, Qt.MouseButton.LeftButton)  # again: says there is nothing to clear
    assert page.error_label.isVisibleTo(page) and page.error_label.text().startswith("There is nothing to clear")
    assert page.prep.private_edit.toPlainText() == "PRIVATE-CANARY"
    saved = MySupervisionService(world.zoe_app.store).preparation(supervisor.id)
    assert saved.items == [] and saved.private_notes == "PRIVATE-CANARY" and saved.checklist == {"lunch_break"}


def test_no_supervisor_yet(qtbot: QtBot, world: World) -> None:
    page = world.page(qtbot)
    assert page.current_supervisor_id() is None
    assert page.pairing_label.text() == NO_SUPERVISOR
    assert page.pair_button.isVisibleTo(page)
    # The checklist, the self-check and private notes are there before pairing (as the README says).
    assert page.body.isVisibleTo(page)
    for widget in (page.prep.private_edit, page.prep.checklist_rows[0].tick_check,
                   page.prep.stressor_rows[0].applies_check, page.prep.add_button):
        assert widget.isVisibleTo(page) and widget.isEnabled()
    assert page.save_now()  # nothing to save
    # Nothing to clear, nothing to send: each says so.
    qtbot.mouseClick(page.start_afresh_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisibleTo(page)
    assert page.error_label.text().startswith("There is nothing to clear")
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert page.error_label.text().startswith("Pair with your supervisor first")
    assert world.saved.asked == []

    # What is prepared now is kept, and is there for the supervisor once paired.
    page.prep.checklist_rows[0].tick_check.setChecked(True)
    qtbot.keyClicks(page.prep.private_edit, "EARLY-NOTE")
    qtbot.mouseClick(page.prep.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.prep.item_rows[0].title_edit, "Workload")
    assert page.save_now()
    again = world.page(qtbot)
    assert again.prep.private_edit.toPlainText() == "EARLY-NOTE"
    supervisor = world.pair()
    again.refresh()
    assert again.current_supervisor_id() == supervisor.id
    assert again.prep.private_edit.toPlainText() == "EARLY-NOTE"
    assert [row.title_edit.text() for row in again.prep.item_rows] == ["Workload"]
    kept = world.zoe_app.mine.preparation(supervisor.id)
    assert kept.private_notes == "EARLY-NOTE" and kept.checklist == {page.prep.checklist_rows[0].item.id}


def test_choosing_between_supervisors(qtbot: QtBot, world: World) -> None:
    first = world.pair()
    other = world.zoe_app.mine.add_supervisor("Ben Okafor")
    page = world.page(qtbot)
    page.autosave_ms = 60_000
    assert page.supervisor_combo.isVisibleTo(page) and page.supervisor_combo.count() == 2
    page.supervisor_combo.setCurrentIndex(page.supervisor_combo.findData(first.id))
    qtbot.mouseClick(page.prep.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.prep.item_rows[0].title_edit, "For Aisha")
    page.supervisor_combo.setCurrentIndex(page.supervisor_combo.findData(other.id))
    assert page.current_supervisor_id() == other.id
    assert page.title_label.text() == "My supervision with Ben Okafor" and page.prep.item_rows == []
    assert [i.title for i in world.zoe_app.mine.preparation(first.id).items] == ["For Aisha"]


def test_a_received_record_is_listed_and_countersigned(qtbot: QtBot, world: World) -> None:
    world.pair()
    page = world.page(qtbot)
    with qtbot.waitSignal(page.import_requested):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert not page.received_tree.isVisibleTo(page) and page.no_records_label.isVisibleTo(page)
    uid = world.send_record()
    world.clock.now = datetime(2026, 12, 2, 9, 0)  # Zoë's own action is overdue now
    page.refresh()

    assert page.next_label.text() == "Tue 22 Dec 2026, 10:00"
    assert page.last_label.text() == ("Your last supervision was on 24 November, 8 days ago. Supervision is usually "
                                      "monthly, and the next is booked in time, for 22 December.")
    actions = [[page.actions_tree.topLevelItem(i).text(c) for c in range(3)]
               for i in range(page.actions_tree.topLevelItemCount())]
    assert actions == [["Draft the court statement", "You", "30 Nov 2026 (overdue)"],
                       ["Ask for a caseload weighting review", "Aisha Rahman", "5 Dec 2026"],
                       ["Send the training dates", "Team manager", "No date set"]]
    assert page.received_tree.topLevelItemCount() == 1
    row = page.received_tree.topLevelItem(0)
    assert row.text(0) == "Tue 24 Nov 2026, 10:00"
    assert row.text(1) == "Signed by Aisha Rahman"
    assert page.view_button.isEnabled() and page.view_button.text() == "&View and sign…"

    dialog = page.open_record()
    assert isinstance(dialog, CountersignDialog)
    qtbot.waitExposed(dialog)
    assert "key matches the one you paired with" in dialog.verify_label.text()
    assert dialog.page_labels and not dialog.page_labels[0].pixmap().isNull()
    assert dialog.sign_button.isVisible() and not dialog.resend_button.isVisible()
    assert unnamed_controls(dialog) == []
    qtbot.mouseClick(dialog.disagree_radio, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.comment_edit, "The workload flag understates it.")
    dialog.confirm = lambda *_args: True
    world.saved.answer = "x.svsigned"
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert not dialog.error_label.isVisible(), dialog.error_label.text()
    assert world.saved.asked[-1][1] == "signed-note-2026-12-02-aisha-rahman.svsigned"
    assert "Signed and kept on this computer. Saved" in dialog.status_label.text()

    outcome = world.aisha.exchange.import_pack((world.saved.folder / "x.svsigned").read_bytes())
    assert outcome.kind == "countersigned" and "understates" in outcome.message

    # Now read-only: the signed file can be saved again, and the note as a PDF.
    assert dialog.signed_by_both and not dialog.sign_button.isVisible() and dialog.resend_button.isVisible()
    assert not dialog.agree_radio.isEnabled() and dialog.disagree_radio.isChecked()
    assert dialog.comment_edit.isReadOnly()
    assert "Both signatures are valid" in dialog.verify_label.text()
    assert page.received_tree.topLevelItem(0).text(1) == "Signed by both"
    world.saved.answer = "again.svsigned"
    qtbot.mouseClick(dialog.resend_button, Qt.MouseButton.LeftButton)
    assert (world.saved.folder / "again.svsigned").exists()
    world.saved.answer = "note.pdf"
    qtbot.mouseClick(dialog.save_pdf_button, Qt.MouseButton.LeftButton)
    assert world.saved.asked[-1][2].startswith("PDF files")
    pdf = (world.saved.folder / "note.pdf").read_bytes()
    assert pdf == world.zoe_app.mine.received_note(dialog.key)[1]
    assert world.zoe_app.notes.verify(pdf).ok
    dialog.close()

    # Opened again later, it is read-only from the start.
    again = page.open_record(uid)
    assert again is not None and not again.sign_button.isVisibleTo(again) and again.resend_button.isVisibleTo(again)
    assert again.confirmation() is Confirmation.SEEN_NOT_AGREED
    again.close()


def test_every_control_has_an_accessible_name(qtbot: QtBot, world: World) -> None:
    world.pair()
    world.send_record()
    page = world.page(qtbot)
    fill_in(qtbot, page)
    page.show()
    qtbot.waitExposed(page)
    assert unnamed_controls(page) == []
    names = {w.accessibleName() for w in page.findChildren(QWidget) if isinstance(w, INTERACTIVE)}
    assert {"Agenda item 1: title", "Private notes — never leave this computer",
            "Send agenda to Aisha Rahman", "Bring this to supervision: how I have been"} <= names
    assert any(name.startswith("Agenda item 2, ") and name.endswith(": move up") for name in names)
    assert any(name.startswith("Bring to supervision: ") for name in names)
    rows = page.prep.item_rows
    assert all(names_the_item(widget, row.title_edit.text()) for row in rows if row.title_edit.text()
               for widget in row.focus_chain if widget is not row.title_edit)


def test_history_and_trends_of_the_supervision_received(qtbot: QtBot, world: World) -> None:
    """Alt+T opens the history of the supervision received from the chosen supervisor; none before pairing."""
    from PySide6.QtWidgets import QApplication

    from supervision_app.gui.people.history import HistoryDialog

    page = world.page(qtbot)
    assert not page.history_button.isVisibleTo(page) and page.open_history() is None
    world.pair()
    world.send_record()
    page.refresh()
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    assert page.history_button.isVisible() and page.history_button.text() == "History and &trends…"
    qtbot.keyClick(page.received_tree, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.history_dialog is not None)  # (a mnemonic clicks after a moment)
    dialog = page.history_dialog
    assert isinstance(dialog, HistoryDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "My supervision with Aisha Rahman – Supervision"
    assert [entry.status.label for entry in dialog.history.entries] == ["Held"]
    again = page.open_history()  # one at a time
    assert again is not None and again is page.history_dialog
    again.close()
    qtbot.waitUntil(lambda: page.history_dialog is None)
