"""The agreement through the widgets on two real installs: sent from the agreement dialog, read and signed on
"My supervision", kept signed by both, saved as a signed PDF, and reviewed together."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from supervision_app.gui.exchange.files import ExchangeFiles
from supervision_app.gui.mysupervision.agreement import AgreementSignDialog
from supervision_app.gui.people import AgreementDialog
from supervision_app.gui.people.review import ReviewDialog
from supervision_app.services.people import agreement_for, save_agreement
from supervision_app.services.verification import verdict
from supervision_app.storage import agreements
from tests.gui.mysupervision.conftest import NOW, World
from tests.gui.mysupervision.test_page import unnamed_controls

HOSTILE_PLACE = "<b>Room 4</b> <img src=x>"


def aisha_dialog(qtbot: QtBot, world: World) -> AgreementDialog:
    dialog = AgreementDialog(world.aisha.store, world.services.content, world.zoe, today=NOW.date(),
                             exchange=world.aisha.exchange, files=ExchangeFiles(save_path=world.saved),
                             clock=world.clock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def send_from_aisha(qtbot: QtBot, world: World, name: str = "agreement.svrecord") -> Path:
    save_agreement(world.aisha.store, replace(agreement_for(world.aisha.store, world.zoe, NOW.date()),
                                              place=HOSTILE_PLACE))
    dialog = aisha_dialog(qtbot, world)
    world.saved.answer = name
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "Give this file to Zoë Whitfield" in dialog.sharing_label.text()
    assert "Version 1 is signed by you; Zoë Whitfield has not signed it yet." in dialog.sharing_label.text()
    assert world.saved.asked[-1][1] == "agreement-2026-11-20-zoe-whitfield.svrecord"
    dialog.reject()
    return world.saved.folder / name


def sign_on_zoes_page(qtbot: QtBot, world: World) -> AgreementSignDialog:
    page = world.page(qtbot)
    panel = page.agreement
    assert panel.isVisibleTo(page) and panel.sign_button.isVisibleTo(page)
    dialog = panel.open_agreement()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.confirm = lambda *_args: True
    world.saved.answer = "signed.svsigned"
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    return dialog


def test_sent_shown_signed_by_both_and_saved_as_a_signed_pdf(qtbot: QtBot, world: World) -> None:
    world.pair()
    page = world.page(qtbot)
    assert "No agreement from Aisha Rahman yet" in page.agreement.state_label.text()
    assert not page.agreement.sign_button.isVisibleTo(page)
    sent = send_from_aisha(qtbot, world)
    world.zoe_app.exchange.import_pack(sent.read_bytes())
    page.refresh()
    panel = page.agreement
    assert panel.state_label.text() == ("Version 1, dated 20 November 2026: signed by Aisha Rahman; it waits for "
                                        "your signature.")
    shown = panel.terms_label.text()
    assert "Who: Aisha Rahman supervises Zoë Whitfield" in shown and "November 2027." in shown
    assert "When: monthly, 90 minutes" in shown
    assert HOSTILE_PLACE in shown and panel.terms_label.textFormat() is Qt.TextFormat.PlainText  # plain text

    dialog = sign_on_zoes_page(qtbot, world)
    assert "Saved" in dialog.status_label.text() and dialog.resend_button.isVisibleTo(dialog)
    assert world.saved.asked[-1][1] == "signed-agreement-2026-11-20-aisha-rahman.svsigned"
    page.refresh()
    assert "signed by Aisha Rahman and by you" in page.agreement.state_label.text()
    outcome = world.aisha.exchange.import_pack((world.saved.folder / "signed.svsigned").read_bytes())
    assert outcome.kind == "agreement_signed"

    aisha = aisha_dialog(qtbot, world)
    assert aisha.sharing_label.text() == "Version 1 is signed by you and Zoë Whitfield."
    world.saved.answer = "agreement.pdf"
    qtbot.mouseClick(aisha.signed_pdf_button, Qt.MouseButton.LeftButton)
    written = (world.saved.folder / "agreement.pdf").read_bytes()
    assert written == agreements.latest(world.aisha.store, world.zoe.id).pdf
    report = world.aisha.notes.verify(written)
    assert report.ok and len(report.signatures) == 2
    assert verdict(report).endswith("the agreement has not changed since.")


def test_a_change_in_the_dialog_is_a_new_version_to_sign_again(qtbot: QtBot, world: World) -> None:
    world.pair()
    world.zoe_app.exchange.import_pack(send_from_aisha(qtbot, world).read_bytes())
    sign_on_zoes_page(qtbot, world)
    world.aisha.exchange.import_pack((world.saved.folder / "signed.svsigned").read_bytes())
    dialog = aisha_dialog(qtbot, world)
    dialog.length_spin.setValue(60)
    world.saved.answer = None
    dialog.save_signed_pdf()  # saved and signed as version 2 (the file dialog cancelled)
    assert dialog.sharing_label.text() == "Version 2 is signed by you; Zoë Whitfield has not signed it yet."
    world.saved.answer = "second.svrecord"
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "Version 2 is signed by you; Zoë Whitfield has not signed it yet." in dialog.sharing_label.text()
    world.zoe_app.exchange.import_pack((world.saved.folder / "second.svrecord").read_bytes())
    page = world.page(qtbot)
    assert page.agreement.state_label.text().startswith("Version 2") and "60 minutes" in (
        page.agreement.terms_label.text())


def test_the_review_on_both_sides_shows_the_differences(qtbot: QtBot, world: World) -> None:
    world.pair()
    world.zoe_app.exchange.import_pack(send_from_aisha(qtbot, world).read_bytes())
    sign_on_zoes_page(qtbot, world)
    world.aisha.exchange.import_pack((world.saved.folder / "signed.svsigned").read_bytes())

    aisha = aisha_dialog(qtbot, world)
    review = aisha.open_review()
    assert isinstance(review, ReviewDialog)
    qtbot.addWidget(review)
    assert unnamed_controls(review) == []
    from tests.gui.people.conftest import repeated_mnemonics

    assert repeated_mnemonics(review) == []
    assert "Reviewing version 1 of the agreement." in review.state_label.text()
    review.ratings["accessible"].setCurrentIndex(review.ratings["accessible"].findData("fully"))
    review.ratings["reflective"].setCurrentIndex(review.ratings["reflective"].findData("mostly"))
    world.saved.answer = "aisha-answers.svrecord"
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    assert "Give this file to Zoë Whitfield" in review.status_label.text()

    page = world.page(qtbot)
    theirs = page.agreement.open_review()
    assert isinstance(theirs, ReviewDialog)
    qtbot.addWidget(theirs)
    assert not theirs.change_button.isVisibleTo(theirs)  # only the supervisor changes the agreement
    theirs.ratings["accessible"].setCurrentIndex(theirs.ratings["accessible"].findData("partly"))
    theirs.comments["accessible"].setText("Hard to reach between sessions.")
    theirs.ratings["reflective"].setCurrentIndex(theirs.ratings["reflective"].findData("mostly"))
    theirs.import_path(world.saved.folder / "aisha-answers.svrecord")
    assert "Open the review to see where your answers differ." not in theirs.differences_label.text()
    world.saved.answer = "zoe-answers.svagenda"
    qtbot.mouseClick(theirs.send_button, Qt.MouseButton.LeftButton)
    assert theirs.differences_label.text() == (
        "Accessible: you said “Partly”, Aisha Rahman said “Fully”. You wrote: “Hard to reach between sessions.”")

    review.import_path(world.saved.folder / "zoe-answers.svagenda")
    assert review.differences_label.text() == (
        "Accessible: you said “Fully”, Zoë Whitfield said “Partly”. "
        "Zoë Whitfield wrote: “Hard to reach between sessions.”")
    assert "Zoë Whitfield's answers arrived" in review.state_label.text()
    assert review.change_button.isVisibleTo(review)
    qtbot.mouseClick(review.change_button, Qt.MouseButton.LeftButton)
    assert review.result() == QDialog.DialogCode.Accepted  # back to the agreement, to change it


def test_a_damaged_file_in_the_review_is_refused_in_one_sentence(qtbot: QtBot, world: World) -> None:
    world.pair()
    world.zoe_app.exchange.import_pack(send_from_aisha(qtbot, world).read_bytes())
    page = world.page(qtbot)
    review = page.agreement.open_review()
    assert isinstance(review, ReviewDialog)
    qtbot.addWidget(review)
    damaged = world.tmp_path / "damaged.svrecord"
    damaged.write_bytes(b"{not a pack")
    review.import_path(damaged)
    message = review.error_label.text()
    assert message.endswith(".") and "\n" not in message and review.error_label.isVisibleTo(review)


def test_the_panel_and_its_dialogs_are_reached_by_keyboard_and_named(qtbot: QtBot, world: World) -> None:
    world.pair()
    world.zoe_app.exchange.import_pack(send_from_aisha(qtbot, world).read_bytes())
    page = world.page(qtbot)
    page.show()
    panel = page.agreement
    for button in (panel.sign_button, panel.review_button):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus and button.accessibleName()
    chain: list[QWidget] = []
    widget = page.next_label.nextInFocusChain()
    for _ in range(400):
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert panel.sign_button in chain and panel.review_button in chain
    dialog = panel.open_agreement()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []
    dialog.show()
    assert dialog.focusWidget() is dialog.sign_button


def test_the_agreement_dialogs_new_buttons_follow_the_review_date_by_tab_and_claim_no_key_twice(
        qtbot: QtBot, world: World) -> None:
    from tests.gui.people.conftest import focus_chain, repeated_mnemonics
    from tests.gui.people.conftest import unnamed_controls as unnamed

    world.pair()
    dialog = aisha_dialog(qtbot, world)
    order = [dialog.review_date_edit, dialog.signed_pdf_button, dialog.send_button, dialog.review_button,
             dialog.cancel_button, dialog.save_button]
    assert focus_chain(dialog.review_date_edit, order) == order
    assert repeated_mnemonics(dialog) == [] and unnamed(dialog) == []
    assert dialog.save_button.isDefault()
    assert dialog.sharing_label.text() == "Not signed yet: saving it as a signed PDF or sending it signs version 1."
