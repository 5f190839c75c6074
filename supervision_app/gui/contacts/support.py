"""Who can help, in words: beside a wellbeing flag's category, and the supervisee's "Where to get support".

The organisation's contacts (``services/contacts.py``), or the national signposts
where it has entered none. Always plain text: what the organisation typed is
shown exactly as typed, never as markup.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from supervision_app.content import SupportService, ToolkitContent
from supervision_app.domain.contacts import OrganisationContact
from supervision_app.gui import plain
from supervision_app.services.contacts import CategorySupport


def contact_text(contact: OrganisationContact) -> str:
    lines = [contact.name]
    if contact.helps_with:
        lines.append(contact.helps_with)
    if contact.details:
        lines.append(contact.details)
    return "\n".join(lines)


def national_text(service: SupportService) -> str:
    details = " · ".join(v for v in (service.contact, service.phone, service.email, service.website,
                                     service.how_to_access) if v)
    return "\n".join(line for line in (service.name, service.description, details) if line)


def toolkit_text(support: CategorySupport) -> str:
    """The category's description and where the toolkit discusses it."""
    category = support.category
    return f"{category.description}\nIn the toolkit: {category.cite}" if category.cite else category.description


def who_can_help(support: CategorySupport) -> str:
    if support.contacts:
        return "Your organisation's contacts for this:\n" + "\n\n".join(contact_text(c) for c in support.contacts)
    return ("Where to get support (your organisation has not added its own contacts for this):\n"
            + "\n".join(service.name for service in support.national))


class SupportPanel(QGroupBox):
    """"Where to get support": the organisation's contacts, or the national signposts."""

    def __init__(self, content: ToolkitContent, parent: QWidget | None = None) -> None:
        super().__init__("Where to get support", parent)
        self.content = content
        self._layout = QVBoxLayout(self)
        self.labels: list[QLabel] = []

    def show_contacts(self, contacts: list[OrganisationContact]) -> None:
        for label in self.labels:  # gone at once, not at the next turn of the event loop
            self._layout.removeWidget(label)
            label.setParent(None)
            label.deleteLater()
        directory = self.content.support_directory
        texts = [contact_text(c) for c in contacts] if contacts else [national_text(s) for s in directory.services]
        if directory.intro is not None:
            texts.insert(0, directory.intro.text)
        self.labels = []
        for text in texts:
            label = plain.label(text, self)
            label.setWordWrap(True)
            self._layout.addWidget(label)
            self.labels.append(label)
