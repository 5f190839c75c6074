"""The organisation's contacts for support: kept in the vault, shown beside each wellbeing-flag category.

The organisation fills them in once (Organisation's contacts…); where it has
entered none for a category, the national signposts of
``resources/content/support_directory.toml`` are shown instead. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from supervision_app.content import Option, SupportService, ToolkitContent
from supervision_app.domain.contacts import OrganisationContact, check_contact, for_category, tidy
from supervision_app.services.people import FieldProblem, InvalidEntry
from supervision_app.storage import contacts as stored
from supervision_app.storage.records import SqlRecordStore
from supervision_app.untrusted import is_plain


@dataclass(frozen=True)
class CategorySupport:
    """What the Flags step shows beside a category: the toolkit's text, and who can help."""

    category: Option  # its label, description and where the toolkit discusses it (cite)
    contacts: list[OrganisationContact]  # the organisation's, for this category
    national: list[SupportService]  # the national signposts, when the organisation has none for it


class ContactsService:
    def __init__(self, store: SqlRecordStore, content: ToolkitContent) -> None:
        self.store = store
        self.content = content

    def contacts(self) -> list[OrganisationContact]:
        return stored.contacts(self.store)

    def save(self, contact: OrganisationContact) -> OrganisationContact:
        """Save a new or changed contact; :class:`InvalidEntry` (nothing saved) for the first problem."""
        contact = tidy(contact)
        hidden = [FieldProblem(name, "Remove the hidden or control characters from this field.")
                  for name in ("name", "helps_with", "phone", "email", "web", "hours")
                  if not is_plain(getattr(contact, name), allow_newlines=name == "helps_with")]
        problems = hidden + [FieldProblem(p.field, p.message)
                             for p in check_contact(contact, (c.id for c in self.content.flags.categories))]
        if problems:
            raise InvalidEntry(problems[0])
        return stored.save(self.store, contact)

    def remove(self, contact_id: int) -> None:
        stored.remove(self.store, contact_id)

    def support_for(self, category_id: str, contacts: list[OrganisationContact] | None = None) -> CategorySupport:
        """The toolkit's text for ``category_id`` and its contacts (``contacts``: already read, to read once)."""
        chosen = for_category(self.contacts() if contacts is None else contacts, category_id)
        national = [] if chosen else list(self.content.support_directory.services)
        return CategorySupport(self.content.flags.category(category_id), chosen, national)
