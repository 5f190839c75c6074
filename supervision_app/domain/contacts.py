"""The organisation's own contacts for support (Employee Assistance Programme, occupational health, union, HR).

Filled in once through the app and kept in the vault (migration 17), each contact
says which wellbeing-flag categories it helps with; a contact naming none helps
with every category. Where the organisation has entered none, the app falls back
to the national signposts in ``resources/content/support_directory.toml``.
Plain values and rules: no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

LONGEST = {"name": 120, "helps_with": 1000, "phone": 60, "email": 200, "web": 300, "hours": 200}


@dataclass
class OrganisationContact:
    name: str
    helps_with: str = ""  # what they help with, in the organisation's words
    phone: str = ""
    email: str = ""
    web: str = ""
    hours: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)  # flag category ids; none: every category
    id: int | None = None

    def serves(self, category_id: str) -> bool:
        return not self.categories or category_id in self.categories

    @property
    def details(self) -> str:
        """Phone, email, web address and hours on one line, those given only."""
        return " · ".join(v for v in (self.phone, self.email, self.web, self.hours) if v)


@dataclass(frozen=True)
class ContactProblem:
    field: str
    message: str


def tidy(contact: OrganisationContact) -> OrganisationContact:
    """The contact with the spaces around each value taken off."""
    return OrganisationContact(contact.name.strip(), contact.helps_with.strip(), contact.phone.strip(),
                               contact.email.strip(), contact.web.strip(), contact.hours.strip(),
                               tuple(dict.fromkeys(contact.categories)), contact.id)


def check_contact(contact: OrganisationContact, known_categories: Iterable[str]) -> list[ContactProblem]:
    """What stops ``contact`` being saved, first problem first (an empty list: it can be saved)."""
    problems = []
    if not contact.name.strip():
        problems.append(ContactProblem("name", "Give the contact a name."))
    for name, longest in LONGEST.items():
        value = getattr(contact, name)
        if len(value) > longest:
            problems.append(ContactProblem(name, f"Keep this to {longest} characters."))
    if contact.email.strip() and "@" not in contact.email:
        problems.append(ContactProblem("email", "An email address has an @ in it."))
    known = set(known_categories)
    if any(category not in known for category in contact.categories):
        problems.append(ContactProblem("categories", "Choose the flag categories from the list."))
    return problems


def for_category(contacts: Iterable[OrganisationContact], category_id: str) -> list[OrganisationContact]:
    """The contacts that help with ``category_id``, in the order given."""
    return [contact for contact in contacts if contact.serves(category_id)]


__all__ = ["ContactProblem", "OrganisationContact", "check_contact", "for_category", "tidy"]
