"""Who may sign which field of a note: the rules, as plain values.

A note has two signature fields. The supervisor's field must be signed by the
supervisor the note names and the supervisee's by the supervisee it names,
each with their own key. The note says who it names (:class:`NamedSigners`,
written into the document before the supervisor certifies it, with each
person's key fingerprint where it is known then); the verifying vault says
whose keys it knows (:class:`KnownSigner`). A key the vault held in someone
else's name and has retired signs for nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from supervision_app.domain.names import same_name

ROLES = ("supervisor", "supervisee")
FIELD_NAMES = {"supervisor": "SupervisorSignature", "supervisee": "SuperviseeSignature"}
NAMED_SIGNERS_KEY = "/SupervisionNoteSigners"
"""The catalog entry in which a note names its signers (see :class:`NamedSigners`)."""
FIELD_LABELS = {"supervisor": "The supervisor's signature", "supervisee": "The supervisee's signature"}


@dataclass(frozen=True)
class NamedSigners:
    """The people a note names as its signers, as the supervisor certified it."""

    supervisor_name: str
    supervisor_key: str
    supervisee_name: str
    supervisee_key: str = ""  # "" when the supervisee was not paired when the note was signed

    def name(self, role: str) -> str:
        return self.supervisor_name if role == "supervisor" else self.supervisee_name

    def key(self, role: str) -> str:
        return self.supervisor_key if role == "supervisor" else self.supervisee_key


@dataclass(frozen=True)
class KnownSigner:
    """A key this vault knows: whose it is and which field of a note it may sign."""

    name: str
    may_sign: frozenset[str]
    own: bool = False  # the user's own key (their name as they gave it may differ from the note's)
    retired: bool = False  # held here in someone else's name once; signs for nobody


def binding_problems(role: str, signer_key: str, named: NamedSigners | None,
                     known: Mapping[str, KnownSigner]) -> list[str]:
    """Why the key ``signer_key`` may not stand in the ``role`` field of this note; empty if it may.

    ``known`` maps key fingerprints to the people this vault knows. With no
    vault (``known`` empty) only what the note itself declares is checked.
    """
    label = FIELD_LABELS[role]
    problems: list[str] = []
    if named is not None and named.key(role) and named.key(role) != signer_key:
        problems.append(f"{label} was made with a key that is not {named.name(role)}'s "
                        "(the note names another key for this field).")
    signer = known.get(signer_key)
    if signer is not None and signer.retired:
        problems.append(f"{label} was made with a key that a supervisor's app once held in the supervisee's "
                        "name, so it is not the supervisee's own signature.")
    elif signer is not None and role not in signer.may_sign:
        problems.append(f"{label} was made by {signer.name}, who is not the {role} of this note.")
    elif signer is not None and named is not None and not signer.own and not same_name(signer.name, named.name(role)):
        problems.append(f"{label} was made by {signer.name}, but the note names {named.name(role)}.")
    return problems


def matches_named(role: str, signer_key: str, named: NamedSigners | None, known: Mapping[str, KnownSigner]) -> bool:
    """Whether the signer is the person the note names for ``role`` (see :func:`binding_problems`)."""
    return not binding_problems(role, signer_key, named, known) and signer_key in known
