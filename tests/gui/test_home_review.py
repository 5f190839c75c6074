"""The home page's "agreement review due" row opens the review of the signed agreement (toolkit section 5)."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from supervision_app.content import load_content
from supervision_app.domain.attention import Kind
from supervision_app.gui.people import AgreementDialog
from supervision_app.gui.people.review import ReviewDialog
from supervision_app.gui.services import AppServices
from supervision_app.paths import resources_dir
from supervision_app.services.agreement_pdf import AgreementService
from supervision_app.services.notes import NoteService
from supervision_app.vault.service import VaultService
from tests.conftest import PASSPHRASE
from tests.gui.test_home import open_home, prepared_vault, press_on, reason_item


def test_the_review_due_row_opens_the_review_over_the_agreement(
        qtbot: QtBot, make_controller, gui_services: AppServices,  # type: ignore[no-untyped-def]
        service: VaultService) -> None:
    prepared_vault(service)
    vault = service.unlock_with_passphrase(PASSPHRASE)
    siobhan = next(p for p in vault.store.list_people() if p.name == "Siobhán O'Connell")
    notes = NoteService(vault.store, load_content(resources_dir()), resources_dir() / "fonts")
    AgreementService(notes, clock=lambda: datetime(2026, 11, 1, 10, tzinfo=UTC)).current_signed(siobhan)
    vault.lock()
    main = open_home(qtbot, make_controller, gui_services)
    row = reason_item(main, "Siobhán O'Connell", Kind.AGREEMENT)
    assert row.text(2).startswith("Agreement review was due on 20 November")
    press_on(qtbot, main, row)
    agreement = main.window.findChild(AgreementDialog)
    assert agreement is not None and agreement.isVisible()
    review = agreement.review_dialog
    assert isinstance(review, ReviewDialog) and review.isVisible()
    assert review.windowTitle().startswith("Is our supervision working? Reviewing the agreement with Siobhán")
    assert "Reviewing version 1 of the agreement." in review.state_label.text()
    first = review.ratings[review.content.questions[0].id]
    assert review.focusWidget() is first  # keyboard users start on the first question
    review.close()
    agreement.close()
