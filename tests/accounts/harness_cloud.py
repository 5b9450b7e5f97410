"""Contract-suite harnesses for the cloud stores, over the project's own vendor APIs.

``google_harness`` and ``entra_harness`` fit :data:`tests.accounts.store_harness.HARNESSES`
(``HarnessEntry(_google, ())``): each yields a harness over a fresh local API server
(:mod:`.fake_google_directory`, :mod:`.fake_graph`) and shuts it down afterwards.  They need
no outside service, so they carry no marker.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2.profiles import CHEAPEST
from pydantic import SecretStr

from connectors.accounts._cloud import Backoff
from connectors.accounts._rules import PortalPolicy
from connectors.accounts.base import AccountNames
from connectors.accounts.config import EntraAccountsConfig, GoogleWorkspaceAccountsConfig
from connectors.accounts.entra import EntraAccountStore
from connectors.accounts.google_workspace import GoogleWorkspaceAccountStore
from connectors.http import RetryPolicy, Timeouts

from .fake_google_directory import USER as GOOGLE_USER
from .fake_google_directory import FakeGoogleDirectory
from .fake_graph import CLIENT_ID, EXTENSION_APP_ID, TENANT, FakeGraph, extension
from .fake_graph import USER as GRAPH_USER

# The same three answers as the contract suite's (tests/accounts/store_harness.ANSWERS).
ANSWERS = {
    "What was the name of your first pet?": "Biscuit",
    "In what city were you born?": "Fort Wayne",
    "What is your favourite food?": "pad thai",
}
FAST_POLICY = PortalPolicy(argon2_parameters=CHEAPEST)
# Quick retries: the tests check that they happen, not how long they take.
FAST_RETRY = RetryPolicy(attempts=2, backoff_initial=0.01, backoff_max=0.02, max_wait=0.05)
FAST_TIMEOUTS = Timeouts(connect=2.0, read=5.0, total=10.0)


try:
    from .store_harness import StoredState
except ImportError:  # until the shared contract suite's branch is merged

    @dataclass(frozen=True)
    class StoredState:  # type: ignore[no-redef]
        """Mirror of ``store_harness.StoredState``: the account as stored, read directly."""

        first_name: str
        last_name: str
        claimed: bool
        disabled: bool
        has_challenge_answers: bool


def dead_url() -> str:
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class CloudHarness:
    """What both cloud harnesses share: store construction and clean-up."""

    kind = ""
    read_back_decides = True

    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self._stores: list[Any] = []

    def _keep(self, store: Any) -> Any:
        self._stores.append(store)
        return store

    def _options(self) -> dict[str, Any]:
        return {
            "policy": FAST_POLICY,
            "sleep": self.sleeps.append,
            "backoff": Backoff(attempts=4, max_backoff=0.0, max_wait=60.0),
            "retry": FAST_RETRY,
            "timeouts": FAST_TIMEOUTS,
        }

    def portal_claim(self, student: AccountNames, password: str) -> None:
        store = self.store()
        outcome = store.claim(
            student.student_id, student.first_name, student.last_name, ANSWERS, password
        )
        assert outcome.ok, outcome

    def close(self) -> None:
        for store in self._stores:
            store.close()

    def store(self) -> Any:
        raise NotImplementedError


class GoogleHarness(CloudHarness):
    kind = "google_workspace"

    def __init__(self, fake: FakeGoogleDirectory, folder: Path) -> None:
        super().__init__()
        self.fake = fake
        self.folder = folder

    def config(self, **changes: Any) -> GoogleWorkspaceAccountsConfig:
        settings: dict[str, Any] = {
            "key_file": self.fake.key_file(self.folder),
            "admin_email": FakeGoogleDirectory.ADMIN,
            "api_url": self.fake.url,
        }
        settings.update(changes)
        return GoogleWorkspaceAccountsConfig(**settings)

    def store(self, **changes: Any) -> GoogleWorkspaceAccountStore:
        store = GoogleWorkspaceAccountStore(self.config(**changes), **self._options())
        return self._keep(store)  # type: ignore[no-any-return]

    def create_directly(self, accounts: Sequence[AccountNames]) -> None:
        for student in accounts:
            self.fake.add_user(student.student_id, student.first_name, student.last_name)

    def read_directly(self, student_id: str) -> StoredState | None:
        user = self.fake.user_by_student(student_id)
        if user is None:
            return None
        portal = (user.get("customSchemas") or {}).get("StudentPortal", {})
        return StoredState(
            first_name=user["name"]["givenName"],
            last_name=user["name"]["familyName"],
            claimed=portal.get("claimed") is True,
            disabled=user["suspended"] is True,
            has_challenge_answers=bool(portal.get("challengeAnswers")),
        )

    def signs_in(self, student_id: str, password: str) -> bool:
        return self.fake.sign_in(student_id, password)

    def disable_directly(self, student_id: str) -> None:
        user = self.fake.user_by_student(student_id)
        assert user is not None
        with self.fake.lock:
            self.fake.users[user["id"]]["suspended"] = True

    def store_with_refused_credentials(self) -> GoogleWorkspaceAccountStore:
        return self.store(key_file=self.fake.key_file(self.folder, pair="wrong"))

    def store_with_server_down(self) -> GoogleWorkspaceAccountStore:
        down = dead_url()
        key_file = self.fake.key_file(self.folder)
        text = key_file.read_text().replace(self.fake.url, down)
        dead_key = self.folder / "google-key-dead.json"
        dead_key.write_text(text)
        return self.store(key_file=dead_key, api_url=down)

    def answer_lost_on_next_write(self) -> AbstractContextManager[GoogleWorkspaceAccountStore]:
        @contextmanager
        def lost() -> Iterator[GoogleWorkspaceAccountStore]:
            self.fake.drop_answer_of_next("PUT", GOOGLE_USER)
            yield self.store()

        return lost()


class EntraHarness(CloudHarness):
    kind = "entra"

    def __init__(self, fake: FakeGraph) -> None:
        super().__init__()
        self.fake = fake

    def config(self, **changes: Any) -> EntraAccountsConfig:
        settings: dict[str, Any] = {
            "tenant_id": TENANT,
            "client_id": CLIENT_ID,
            "client_secret": SecretStr(self.fake.client_secret),
            "authority": self.fake.url,
            "graph_url": self.fake.url,
            "extension_app_id": EXTENSION_APP_ID,
        }
        settings.update(changes)
        return EntraAccountsConfig(**settings)

    def store(self, **changes: Any) -> EntraAccountStore:
        return self._keep(EntraAccountStore(self.config(**changes), **self._options()))  # type: ignore[no-any-return]

    def create_directly(self, accounts: Sequence[AccountNames]) -> None:
        for student in accounts:
            self.fake.add_user(student.student_id, student.first_name, student.last_name)

    def read_directly(self, student_id: str) -> StoredState | None:
        user = self.fake.user_by_student(student_id)
        if user is None:
            return None
        return StoredState(
            first_name=user["givenName"],
            last_name=user["surname"],
            claimed=user.get(extension("claimed")) is True,
            disabled=user["accountEnabled"] is False,
            has_challenge_answers=bool(user.get(extension("challengeAnswers"))),
        )

    def signs_in(self, student_id: str, password: str) -> bool:
        return self.fake.sign_in(student_id, password)

    def disable_directly(self, student_id: str) -> None:
        user = self.fake.user_by_student(student_id)
        assert user is not None
        with self.fake.lock:
            self.fake.users[user["id"]]["accountEnabled"] = False

    def store_with_refused_credentials(self) -> EntraAccountStore:
        return self.store(client_secret=SecretStr("not-the-secret"))

    def store_with_server_down(self) -> EntraAccountStore:
        down = dead_url()
        return self.store(authority=down, graph_url=down)

    def answer_lost_on_next_write(self) -> AbstractContextManager[EntraAccountStore]:
        @contextmanager
        def lost() -> Iterator[EntraAccountStore]:
            self.fake.drop_answer_of_next("PATCH", GRAPH_USER)
            yield self.store()

        return lost()


def google_harness(request: pytest.FixtureRequest) -> Iterator[GoogleHarness]:
    folder: Path = request.getfixturevalue("tmp_path")
    with FakeGoogleDirectory() as fake:
        harness = GoogleHarness(fake, folder)
        try:
            yield harness
        finally:
            harness.close()


def entra_harness(request: pytest.FixtureRequest) -> Iterator[EntraHarness]:
    with FakeGraph() as fake:
        harness = EntraHarness(fake)
        try:
            yield harness
        finally:
            harness.close()
