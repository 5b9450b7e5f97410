"""The account-store Protocol (the identity portal's accounts) and the records it returns.

The portal works like this (the district's help page is the specification):

* An account is keyed by the student's 7-digit ID, which starts with 0, and carries the first
  and last name exactly as in the SIS.  It starts *unclaimed*.
* A student *claims* it by typing the ID, the names exactly as in the SIS, answers to exactly
  three challenge questions, and a password.
* A student who forgets the password answers the three questions and sets a new password; a
  password used within the last 90 days is refused.
* A student who forgets the answers needs a technician (ticketworker) to *reset* the account:
  it becomes unclaimed again, answers and password are cleared, the password history is kept.

The pipeline needs :class:`ResettableAccounts`; the nightly roster reconciliation needs
:class:`ReconcilableAccounts`; :class:`PortalSelfService` is what the student does at the portal
(the demo and the tests use it to show the whole story).  :class:`AccountStore` is all three.

Every method may raise the kinds in :mod:`connectors.errors` (a database outage is
``TransientError``) and nothing else; expected situations such as an unknown account are
outcomes, never exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

# ASCII digits only: ``\d`` would also accept Arabic-Indic and other Unicode digits.
_STUDENT_ID = re.compile(r"0[0-9]{6}")


def is_valid_student_id(student_id: str) -> bool:
    """True for exactly seven ASCII digits starting with 0 (the portal's ID format)."""
    return _STUDENT_ID.fullmatch(student_id) is not None


class Account(BaseModel):
    """One portal account as the pipeline sees it (no secrets: hashes never leave the store)."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    first_name: str
    last_name: str
    claimed: bool
    disabled: bool
    created_at: datetime
    updated_at: datetime
    claimed_at: datetime | None = None
    last_reset_at: datetime | None = None


class ResetKind(StrEnum):
    """What :meth:`ResettableAccounts.reset` found and did."""

    RESET = "reset"
    """The account was claimed; it is now unclaimed with answers and password cleared."""
    ALREADY_UNCLAIMED = "already_unclaimed"
    """Nothing to do: the account was not claimed.  The student can claim it now."""
    ALREADY_APPLIED = "already_applied"
    """This idempotency key already reset (or found unclaimed) this account; nothing changed."""
    UNKNOWN_ACCOUNT = "unknown_account"
    """No account has this ID (or the ID is not 7 digits starting with 0): a review reason."""
    DISABLED_ACCOUNT = "disabled_account"
    """The account is disabled (student left the district): not reset, a review reason."""


_CLAIMABLE = frozenset({ResetKind.RESET, ResetKind.ALREADY_UNCLAIMED, ResetKind.ALREADY_APPLIED})


class ResetOutcome(BaseModel):
    """The answer to one reset request; ``message`` is for technicians and holds no PII."""

    model_config = ConfigDict(frozen=True)

    kind: ResetKind
    message: str
    #: When this request's key first left the account unclaimed (None when it did not).
    applied_at: datetime | None = None

    @property
    def claimable(self) -> bool:
        """True when the student can now go through the claim process again."""
        return self.kind in _CLAIMABLE


class Refusal(StrEnum):
    """Why the portal refused a claim or a password change."""

    BAD_ID_FORMAT = "bad_id_format"
    NOT_FOUND = "not_found"
    WRONG_NAME = "wrong_name"
    ALREADY_CLAIMED = "already_claimed"
    NOT_CLAIMED = "not_claimed"
    ACCOUNT_DISABLED = "account_disabled"
    NEED_THREE_ANSWERS = "need_three_answers"
    WEAK_PASSWORD = "weak_password"
    PASSWORD_REUSED = "password_reused"


class PortalOutcome(BaseModel):
    """Success, or a refusal with its reason code and the message the portal would show."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    reason: Refusal | None = None
    message: str = ""


class ClaimOutcome(PortalOutcome):
    """The answer to :meth:`PortalSelfService.claim`."""


class PasswordOutcome(PortalOutcome):
    """The answer to :meth:`PortalSelfService.set_password`."""


@dataclass(frozen=True, slots=True)
class AccountNames:
    """A student ID with the names the SIS holds: input to the bulk roster operations."""

    student_id: str
    first_name: str
    last_name: str


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """A lightweight account record streamed by :meth:`ReconcilableAccounts.all_accounts`."""

    student_id: str
    first_name: str
    last_name: str
    claimed: bool
    disabled: bool


@runtime_checkable
class ResettableAccounts(Protocol):
    """What the reset pipeline needs: look an account up and reset it."""

    def lookup(self, student_id: str) -> Account | None:
        """Return the account, or None when there is none (or the ID is malformed)."""
        ...

    def reset(
        self, student_id: str, *, idempotency_key: str, actor: str, reason: str
    ) -> ResetOutcome:
        """Make the account unclaimed again so the student can claim it from the beginning.

        Clears the challenge answers and the current password; keeps the password history.
        The effect happens at most once per ``idempotency_key`` (the worker passes its
        reset-job id): a repeat with the same key changes nothing and returns
        ``ALREADY_APPLIED`` when the first call left the account unclaimed, or the first
        call's ``UNKNOWN_ACCOUNT``/``DISABLED_ACCOUNT`` again.  ``actor`` and ``reason`` are
        recorded with the key (no PII: e.g. ``"ticketworker"`` and ``"ticket 123"``).

        Never raises for an unknown or disabled account; raises ``PermanentError`` if the key
        was already used for a different student (a caller bug), ``TransientError`` when the
        store is unreachable.
        """
        ...


@runtime_checkable
class ReconcilableAccounts(Protocol):
    """Bulk operations for the nightly roster reconciliation: one statement per batch."""

    def all_accounts(self) -> Iterator[AccountSummary]:
        """Stream every account, ordered by student ID, without loading them all at once."""
        ...

    def create_unclaimed(self, accounts: Iterable[AccountNames]) -> int:
        """Create unclaimed, enabled accounts; IDs that already exist are left alone.

        Returns how many were created.  Raises ``ValueError`` (before writing anything) when
        a student ID is not 7 digits starting with 0 or a name is blank.
        """
        ...

    def update_names(self, changes: Iterable[AccountNames]) -> int:
        """Set the names of existing accounts to the SIS's; returns how many accounts matched."""
        ...

    def disable(self, student_ids: Iterable[str]) -> int:
        """Disable accounts (students who left); returns how many matched.  Nothing is deleted."""
        ...

    def enable(self, student_ids: Iterable[str]) -> int:
        """Enable accounts again (students who came back); returns how many matched."""
        ...


@runtime_checkable
class PortalSelfService(Protocol):
    """What a student does at the portal: claim, answer the questions, change the password."""

    def claim(
        self,
        student_id: str,
        first_name: str,
        last_name: str,
        challenge_answers: Mapping[str, str],
        password: str,
    ) -> ClaimOutcome:
        """Claim an unclaimed, enabled account.

        ``challenge_answers`` maps each of exactly three distinct questions to its answer.
        Names must equal the SIS's exactly (case, hyphens, apostrophes, inner spaces); only
        whitespace around them and the ID is ignored.  The password must not have been used
        on this account within the history window, also across resets.
        """
        ...

    def answers_match(self, student_id: str, answers: Mapping[str, str]) -> bool:
        """True when the account is claimed and enabled and all three answers are right.

        Answers are compared ignoring case and extra whitespace, as they were stored.
        """
        ...

    def set_password(self, student_id: str, password: str) -> PasswordOutcome:
        """Change the password of a claimed account ("Forgot My Password").

        The caller checks :meth:`answers_match` first, as the portal does; this method
        enforces the password rules and the history window.
        """
        ...

    def log_in(self, student_id: str, password: str) -> bool:
        """True when the account is claimed, enabled and the password is its current one."""
        ...


@runtime_checkable
class AccountStore(ResettableAccounts, ReconcilableAccounts, PortalSelfService, Protocol):
    """Everything an account store offers: reset, reconciliation and the student's own flows."""
