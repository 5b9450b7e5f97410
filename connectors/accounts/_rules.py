"""The portal's rules as plain functions: names, challenge answers, passwords, hashing.

Kept apart from the SQL store so another store (an LDAP directory, a fake) applies the
same rules, and so each rule can be read on its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from .base import Refusal

CHALLENGE_QUESTIONS = 3
MAX_NAME_LENGTH = 100
MAX_QUESTION_LENGTH = 200
MAX_ANSWER_LENGTH = 200
# argon2 hashes any length, but an unbounded password is a cheap denial-of-service.
MAX_PASSWORD_LENGTH = 128

# The portal shows one message for every identity problem, so a claim attempt does not
# reveal whether an ID exists, is claimed or has other names.
CLAIM_FAILED = "The Account Claim operation failed."

MESSAGES: dict[Refusal, str] = {
    Refusal.BAD_ID_FORMAT: "Student IDs must be 7 digits starting with 0.",
    Refusal.NOT_FOUND: CLAIM_FAILED,
    Refusal.WRONG_NAME: CLAIM_FAILED,
    Refusal.ALREADY_CLAIMED: CLAIM_FAILED,
    Refusal.ACCOUNT_DISABLED: CLAIM_FAILED,
    Refusal.NOT_CLAIMED: "This account has not been claimed yet: use Claim My Account.",
    Refusal.NEED_THREE_ANSWERS: "Answer exactly three different challenge questions.",
    Refusal.WEAK_PASSWORD: "The password does not meet the portal's rules.",
    Refusal.PASSWORD_REUSED: "The password must be new: it was used in the last {days} days.",
}


@dataclass(frozen=True)
class PortalPolicy:
    """Settings of the portal's rules; tests pass cheap argon2 parameters."""

    password_history_days: int = 90
    min_password_length: int = 8
    #: None keeps argon2-cffi's defaults (RFC 9106 low-memory profile).
    argon2_parameters: argon2.Parameters | None = None
    hasher: argon2.PasswordHasher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.password_history_days < 0 or self.min_password_length < 1:
            raise ValueError("password_history_days must be >= 0, min_password_length >= 1")
        params = self.argon2_parameters
        hasher = argon2.PasswordHasher()
        if params is not None:
            hasher = argon2.PasswordHasher.from_parameters(params)
        object.__setattr__(self, "hasher", hasher)

    def hash(self, secret: str) -> str:
        return self.hasher.hash(secret)

    def verify(self, secret_hash: str, secret: str) -> bool:
        """True when ``secret`` matches; a corrupt stored hash counts as no match."""
        try:
            return self.hasher.verify(secret_hash, secret)
        except (VerificationError, InvalidHashError):
            return False


def clean_name(name: str) -> str:
    """A name as compared: outer whitespace trimmed, Unicode composed (NFC), nothing else.

    NFC only unifies encodings of the same visible letter (a browser may send "é" as one or
    two code points).  Case, hyphens, apostrophes (' is not ’) and inner spaces stay
    significant, because the portal requires names EXACTLY as in the SIS.
    """
    return unicodedata.normalize("NFC", name.strip())


def names_match(typed_first: str, typed_last: str, sis_first: str, sis_last: str) -> bool:
    """Case-sensitive, exact comparison after :func:`clean_name` on both sides."""
    return clean_name(typed_first) == clean_name(sis_first) and clean_name(
        typed_last
    ) == clean_name(sis_last)


def question_key(question: str) -> str:
    """How questions are matched: case and spacing do not matter."""
    return " ".join(unicodedata.normalize("NFKC", question).casefold().split())


def normalise_answer(answer: str) -> str:
    """Answers are hashed in this form, so "Rex", " rex " and "REX" are one answer."""
    return " ".join(unicodedata.normalize("NFKC", answer).casefold().split())


def normalise_password(password: str) -> str:
    """NFKC, as NIST SP 800-63B suggests, so one typed password has one encoding."""
    return unicodedata.normalize("NFKC", password)


def prepare_answers(answers: Mapping[str, str]) -> list[tuple[str, str]] | None:
    """``[(question as shown, normalised answer)]`` or None unless exactly three are usable.

    Usable means three different questions (ignoring case and spacing), none blank or too
    long, each with a non-blank answer.
    """
    prepared: dict[str, tuple[str, str]] = {}
    for question, answer in answers.items():
        shown = " ".join(question.split())
        normalised = normalise_answer(answer)
        if not shown or not normalised:
            return None
        if len(shown) > MAX_QUESTION_LENGTH or len(normalised) > MAX_ANSWER_LENGTH:
            return None
        prepared.setdefault(question_key(shown), (shown, normalised))
    if len(answers) != CHALLENGE_QUESTIONS or len(prepared) != CHALLENGE_QUESTIONS:
        return None
    return list(prepared.values())


def password_is_weak(password: str, student_id: str, policy: PortalPolicy) -> bool:
    """Too short, too long, only whitespace, or the student ID itself."""
    return (
        len(password) < policy.min_password_length
        or len(password) > MAX_PASSWORD_LENGTH
        or not password.strip()
        or student_id in password
    )


def refusal_message(reason: Refusal, policy: PortalPolicy) -> str:
    return MESSAGES[reason].format(days=policy.password_history_days)
