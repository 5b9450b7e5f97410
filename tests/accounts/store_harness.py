"""The harness interface the account-store contract suite drives, and the registry of kinds.

The contract suite (``test_store_contract.py``) checks every account store against its real
backing system (or the project's own local HTTP server behaving as the vendor's API does).
It never looks inside a store: it prepares and inspects the backing system through a
:class:`StoreHarness`, one small class per kind.

A new kind joins the suite with one entry in :data:`HARNESSES`: a factory that takes the
pytest request (to reach session fixtures such as a running server), yields a ready harness
over an empty area of its own (a fresh schema, OU, tenant...) and cleans up afterwards.
``harness_sql.py`` and ``harness_directory.py`` are worked examples.

Passwords the suite uses ("first-Pass1", "second-Pass2") meet AD-style complexity rules; the
student IDs and names are in ``test_store_contract.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

import pytest

from connectors.accounts.base import AccountNames, AccountStore

# The three answers every harness's portal claim uses (invented, no real records).
ANSWERS = {
    "What was the name of your first pet?": "Biscuit",
    "In what city were you born?": "Fort Wayne",
    "What is your favourite food?": "pad thai",
}


@dataclass(frozen=True)
class StoredState:
    """One account as the backing system holds it, read directly (never through the store)."""

    first_name: str
    last_name: str
    claimed: bool
    disabled: bool
    #: True while the portal's challenge answers are still stored on the account.
    has_challenge_answers: bool


class StoreHarness(Protocol):
    """What the contract suite needs from one kind's backing system."""

    #: The config ``kind`` this harness tests ("sql", "ldap", ...).
    kind: str
    #: True when the store itself reads back after a write whose answer was lost, so the
    #: first call already reports ``RESET``; False when it may raise ``TransientError`` and
    #: the redelivery (same key) settles it.
    read_back_decides: bool

    def store(self) -> AccountStore:
        """The store under test, over this harness's own (initially empty) area."""
        ...

    def create_directly(self, accounts: Sequence[AccountNames]) -> None:
        """Create unclaimed, enabled accounts in the backing system without the store."""
        ...

    def portal_claim(self, student: AccountNames, password: str) -> None:
        """Do what the portal does when the student claims: flag, answers (:data:`ANSWERS`),
        password.  Fails the test when the backing system refuses."""
        ...

    def read_directly(self, student_id: str) -> StoredState | None:
        """The account as stored, or None when the backing system has no such account."""
        ...

    def signs_in(self, student_id: str, password: str) -> bool:
        """True when the student can sign in with this password where students really sign
        in (an LDAP bind, the portal's login)."""
        ...

    def disable_directly(self, student_id: str) -> None:
        """Disable the account the way the district's tools do, without the store."""
        ...

    def store_with_refused_credentials(self) -> AccountStore:
        """A store whose credentials the backing system refuses (wrong password/secret)."""
        ...

    def store_with_server_down(self) -> AccountStore:
        """A store pointed at a loopback port where nothing listens."""
        ...

    def answer_lost_on_next_write(self) -> AbstractContextManager[AccountStore]:
        """A store whose next write reaches the backing system and is applied, but whose
        answer never comes back (the connection drops first).  The context manager fails
        the test on exit when no write happened, so the fault cannot silently miss."""
        ...

    def close(self) -> None:
        """Release what the harness opened (stores, connections)."""
        ...


HarnessFactory = Callable[[pytest.FixtureRequest], Iterator[StoreHarness]]


@dataclass(frozen=True)
class HarnessEntry:
    """How the suite builds one kind's harness, and the marks its cases carry."""

    factory: HarnessFactory
    marks: tuple[Any, ...] = field(default=())


def _sql(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    from .harness_sql import sql_harness

    yield from sql_harness(request)


def _ldap(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    from .harness_directory import ldap_harness

    yield from ldap_harness(request)


def _active_directory(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    from .harness_directory import active_directory_harness

    yield from active_directory_harness(request)


def _google_workspace(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    from .harness_cloud import google_harness

    yield from google_harness(request)


def _entra(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    from .harness_cloud import entra_harness

    yield from entra_harness(request)


#: Every kind the contract suite runs against: one entry per kind.
HARNESSES: dict[str, HarnessEntry] = {
    "sql": HarnessEntry(_sql, (pytest.mark.integration,)),
    "ldap": HarnessEntry(_ldap, (pytest.mark.integration, pytest.mark.directory)),
    "active_directory": HarnessEntry(
        _active_directory, (pytest.mark.integration, pytest.mark.directory)
    ),
    # Played by servers of the project's own (tests/accounts/fake_*.py): no outside service.
    "google_workspace": HarnessEntry(_google_workspace),
    "entra": HarnessEntry(_entra),
}
