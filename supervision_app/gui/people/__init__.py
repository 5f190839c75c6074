"""Dialogs for people: the user's own profile, their supervisees, and each supervisee's agreement.

Each dialog takes what it needs (the record store, the toolkit's content, the
person, today's date) as arguments, is run with ``exec()`` or ``open()``, and
after it is accepted holds what it saved in ``saved``.
"""

from supervision_app.gui.people.agreement import AgreementDialog
from supervision_app.gui.people.person import PersonDialog
from supervision_app.gui.people.profile import ProfileDialog, ask_for_profile_if_missing

__all__ = ["AgreementDialog", "PersonDialog", "ProfileDialog", "ask_for_profile_if_missing"]
