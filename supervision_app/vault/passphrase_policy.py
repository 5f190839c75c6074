"""How strong a new passphrase must be, and plain advice on making it stronger."""

from __future__ import annotations

from dataclasses import dataclass

MINIMUM_LENGTH = 10
MINIMUM_SCORE = 3  # zxcvbn's "safely unguessable: moderate protection from offline attacks"
_MAX_ASSESSED_LENGTH = 100  # zxcvbn slows down sharply on very long input

SCORE_LABELS = ("Very weak", "Weak", "Fair", "Strong", "Very strong")


@dataclass(frozen=True)
class PassphraseAssessment:
    score: int
    acceptable: bool
    advice: str

    @property
    def label(self) -> str:
        return SCORE_LABELS[self.score]


def assess_passphrase(passphrase: str) -> PassphraseAssessment:
    if not passphrase:
        return PassphraseAssessment(0, False, "Choose a passphrase: four or more unrelated words work well.")
    from zxcvbn import zxcvbn  # here: its dictionaries take a while to load, and only new passphrases need them

    result = zxcvbn(passphrase[:_MAX_ASSESSED_LENGTH])
    score = int(result["score"])
    if len(passphrase) < MINIMUM_LENGTH:
        return PassphraseAssessment(
            min(score, 1), False, f"Use at least {MINIMUM_LENGTH} characters; a few unrelated words work well."
        )
    if score < MINIMUM_SCORE:
        feedback = result.get("feedback") or {}
        hint = feedback.get("warning") or "Add another word or two that are not related."
        return PassphraseAssessment(score, False, _sentence(hint))
    return PassphraseAssessment(score, True, "That passphrase is strong enough.")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."
