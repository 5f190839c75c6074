"""Every content file in resources/content/ is shown by some screen (a real vault, real widgets).

``SHOWN`` says, for each content file, which screen shows it and which of its texts must be
found there. The test builds the screen, opens any "More from the toolkit" section, and looks
for each text in what the widgets show. A content file nothing shows fails the first test; a
file shown in parts has one entry per part, keyed by the file's name and then the part's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTabWidget, QWidget

from supervision_app.content import FILE_NAMES, ToolkitContent
from supervision_app.gui.session import SessionEditor
from supervision_app.gui.session.more import MoreFromToolkit

Needles = Callable[[ToolkitContent], Iterable[str | tuple[str, ...]]]  # a tuple: any one of them
Screen = Callable[[SessionEditor], QWidget]
MakeEditor = Callable[..., SessionEditor]


def _setting(editor: SessionEditor) -> QWidget:
    return editor.setting_page


def _checkin(editor: SessionEditor) -> QWidget:
    return editor.checkin_page


def _flags(editor: SessionEditor) -> QWidget:
    editor.flags_page.add_flag()
    return editor.flags_page


def _managers_checklist(editor: SessionEditor) -> QWidget:
    """People → Managers' checklist… (a periodic self-review, not a step of the session)."""
    from supervision_app.gui.manager_review.dialog import ManagerReviewDialog
    from supervision_app.services.manager_review import ManagerReviewService

    ctx = editor.ctx
    return ManagerReviewDialog(ManagerReviewService(ctx.service.store, ctx.content), editor)


def _frame(c: ToolkitContent) -> Iterable[str]:
    for part in c.frame.parts:
        yield from (part.remember, part.text, *(p.text for p in part.prompts))


def _signs(c: ToolkitContent) -> Iterable[str]:
    s = c.signs_of_stress
    yield from s.intro.paragraphs
    for group in s.groups:
        yield group.display_heading
        yield from (item.text for item in group.items)
    if s.afterword:
        yield from s.afterword.paragraphs


def _good_fit(c: ToolkitContent) -> Iterable[str]:
    f = c.good_fit
    yield from (f.intro.text, f.question, *(a.text for a in f.answers))
    if f.closing:
        yield f.closing.text


def _self_care(c: ToolkitContent) -> Iterable[str]:
    yield c.self_care.intro.text
    for action in c.self_care.actions:
        yield from (action.display_heading, *(item.text for item in action.items))


def _review(editor: SessionEditor) -> QWidget:
    """The agreement's review (both sides show the same dialog), for the editor's supervisee."""
    from supervision_app.content import load_content
    from supervision_app.exchange.service import ExchangeService
    from supervision_app.gui.exchange.files import ExchangeFiles
    from supervision_app.gui.people.review import ReviewDialog
    from supervision_app.paths import resources_dir
    from supervision_app.services.notes import NoteService

    store, content = editor.service.store, load_content(resources_dir())
    exchange = ExchangeService(store, NoteService(store, content, resources_dir() / "fonts"), content)
    person = next(p for p in store.list_people() if not p.is_self)
    return ReviewDialog(exchange, person, files=ExchangeFiles(), clock=editor.service.now, parent=editor)


def _review_needles(c: ToolkitContent) -> Iterable[str]:
    r = c.agreement_review
    yield from (r.intro.text, r.closing.text, *(r.rating_text(i) for i in r.rating_ids))
    for question in r.questions:
        yield from (question.quality, question.question)
    yield from (section.text for section in c.frame.guidance)


SHOWN: dict[str, tuple[Screen, Needles]] = {
    "frame.toml": (_setting, _frame),
    "wellbeing_checklist.toml": (_checkin, lambda c: (i.text for i in c.wellbeing_checklist.items)),
    "personal_stressors.toml": (_checkin, lambda c: (i.text for i in c.personal_stressors.items)),
    "signs_of_stress.toml": (_checkin, _signs),
    "hse_standards.toml": (_checkin, lambda c: (s.checkin_question for s in c.hse_standards.standards)),
    "good_fit.toml": (_checkin, _good_fit),
    "self_care.toml": (_checkin, _self_care),
    "checkin_prompts.toml": (_checkin, lambda c: (tuple(p.text for p in c.checkin_prompts.prompts),)),
    "flag_categories.toml": (_flags, lambda c: (o.label for o in c.flags.categories)),
    "support_directory.toml": (_flags, lambda c: (s.name for s in c.support_directory.services)),
    # The review of the agreement also shows frame.toml's guidance (section 5, what good supervision is).
    "agreement_review.toml": (_review, _review_needles),
    "hse_standards.toml managers' checklist": (_managers_checklist, lambda c: (
        c.hse_standards.source.citation, *(q for s in c.hse_standards.standards for q in s.manager_questions))),
}


def _found(needle: str | tuple[str, ...], shown: str) -> bool:
    return any(_words(text) in shown for text in ((needle,) if isinstance(needle, str) else needle))


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shown_text(screen: QWidget) -> str:
    """Everything the screen shows in words, with every "More from the toolkit" section opened."""
    for more in screen.findChildren(MoreFromToolkit):
        more.button.setChecked(True)
    parts: list[str] = []
    for widget in screen.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            parts.append(widget.title())
        elif isinstance(widget, QComboBox):
            parts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabWidget):
            parts.extend(widget.tabText(i) for i in range(widget.count()))
    return _words("\n".join(parts))


def test_every_content_file_is_shown_by_some_screen() -> None:
    assert sorted(FILE_NAMES) == sorted({part.split()[0] for part in SHOWN})


@pytest.mark.parametrize("file", sorted(SHOWN))
def test_the_screen_shows_the_files_text(file: str, make_editor: MakeEditor, content: ToolkitContent) -> None:
    screen_of, needles = SHOWN[file]
    shown = shown_text(screen_of(make_editor()))
    missing = [text for text in needles(content) if not _found(text, shown)]
    assert not missing, f"{file}: not shown: {missing[:3]}"


def test_the_toolkit_is_closed_until_asked_for_and_says_its_source(make_editor: MakeEditor) -> None:
    editor = make_editor()
    for screen in (editor.setting_page, editor.checkin_page):
        sections = screen.findChildren(MoreFromToolkit)
        assert sections
        for more in sections:
            assert not more.body.isVisibleTo(screen)
            assert more.button.focusPolicy() != 0
            assert more.citation_label.text().startswith("From BASW and SWU (2020)")
            more.button.setChecked(True)
            assert more.body.isVisibleTo(screen)


def test_tab_reaches_each_settings_more_after_its_fields(make_editor: MakeEditor) -> None:
    from supervision_app.gui.forms import focus_chain

    editor = make_editor()
    page = editor.setting_page
    chain = [w for w in focus_chain(editor) if page.isAncestorOf(w)]
    who, where, when = (page.more[part].button for part in ("who", "where", "when"))
    assert chain.index(page.present_edit) < chain.index(who) < chain.index(page.private_check)
    assert chain.index(page.connection_check) < chain.index(where) < chain.index(page.start_edit)
    assert chain.index(page.interruption_edit) < chain.index(when) < chain.index(page.cancel_button)
