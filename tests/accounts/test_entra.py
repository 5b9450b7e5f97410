"""Microsoft Entra specifics, against the project's local identity platform and Graph.

The client-credentials grant at a configurable authority, what a reset does to the user
(passwordProfile, sessions, authentication methods), the read-back that catches a dropped
``forceChangePasswordNextSignIn``, 429 ``Retry-After``, ``@odata.nextLink`` paging, error
mapping with the request id, and ``self_check``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from connectors.accounts import build_accounts
from connectors.accounts.base import AccountNames, ResetKind
from connectors.accounts.config import EntraAccountsConfig
from connectors.accounts.entra import EntraAccountStore
from connectors.errors import AuthError, PermanentError, RateLimited, TransientError
from worker.settings import Settings

from .fake_graph import (
    ALTERNATE_MOBILE,
    CLIENT_ID,
    METHODS_ROLE,
    TENANT,
    USER,
    USERS,
    FakeGraph,
    extension,
    throttled,
)
from .harness_cloud import ANSWERS, EntraHarness, entra_harness

MARA = AccountNames("0412345", "Mara-Lynn", "O'Donnell")
PASSWORD = "first-Pass1"


@pytest.fixture
def harness(request: pytest.FixtureRequest) -> Iterator[EntraHarness]:
    yield from entra_harness(request)


@pytest.fixture
def fake(harness: EntraHarness) -> FakeGraph:
    return harness.fake


def claimed_mara(harness: EntraHarness) -> str:
    """Mara claimed, then registered phone (two numbers), e-mail and Authenticator."""
    harness.create_directly([MARA])
    harness.portal_claim(MARA, PASSWORD)
    user = harness.fake.user_by_student(MARA.student_id)
    assert user is not None
    for kind in ("phone", "phone", "email", "microsoftAuthenticator"):
        harness.fake.add_method(user["id"], kind)
    return str(user["id"])


def reset(store: EntraAccountStore, key: str = "job-1") -> ResetKind:
    return store.reset(MARA.student_id, idempotency_key=key, actor="tw", reason="ticket 1").kind


def test_a_reset_sets_a_random_password_to_change_revokes_sessions_and_deletes_methods(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    user_id = claimed_mara(harness)
    before = fake.passwords[user_id]

    assert reset(harness.store()) is ResetKind.RESET

    user = fake.users[user_id]
    assert fake.passwords[user_id] != before
    assert user["passwordProfile"]["forceChangePasswordNextSignIn"] is True
    assert fake.revoked[user_id] == 1
    # Only the password method is left; the alternate number went before the mobile one.
    assert fake.method_types(user_id) == ["password"]
    deleted = [r.path.rsplit("/", 1)[-1] for r in fake.requests if r.method == "DELETE"]
    assert deleted.index(ALTERNATE_MOBILE) < deleted.index("3179e48a-750b-4051-897c-87b9720928f7")
    assert user[extension("claimed")] is False
    assert extension("challengeAnswers") not in user and extension("passwordHash") not in user


def test_a_dropped_force_change_flag_is_caught_by_the_read_back_and_sent_again(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    user_id = claimed_mara(harness)
    fake.drop_force_change_next = True  # the SDK bug: the flag silently ignored once

    assert reset(harness.store()) is ResetKind.RESET

    assert fake.users[user_id]["passwordProfile"]["forceChangePasswordNextSignIn"] is True
    password_patches = [
        r
        for r in fake.calls("PATCH", USER)
        if (r.json() or {}).get("passwordProfile", {}).get("forceChangePasswordNextSignIn")
    ]
    assert len(password_patches) == 2


def test_a_flag_that_never_sticks_is_a_transient_error_with_no_key_recorded(
    harness: EntraHarness, fake: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_id = claimed_mara(harness)
    original = fake._apply

    def always_drop(user: dict[str, object], body: dict[str, object]) -> None:
        fake.drop_force_change_next = True
        original(user, body)  # type: ignore[arg-type]

    monkeypatch.setattr(fake, "_apply", always_drop)
    with pytest.raises(TransientError, match="change password at next sign-in"):
        reset(harness.store())
    assert extension("resetKeys") not in fake.users[user_id]
    assert fake.users[user_id][extension("claimed")] is True  # not reported as reset


def test_429_retry_after_is_honoured(harness: EntraHarness, fake: FakeGraph) -> None:
    claimed_mara(harness)
    store = harness.store()
    fake.fail_next("PATCH", USER, throttled(3))
    fake.fail_next("GET", USER + "/authentication/methods", throttled(1))

    assert reset(store) is ResetKind.RESET
    assert harness.sleeps == [3.0, 1.0]


def test_a_retry_after_longer_than_the_store_waits_goes_to_the_caller(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    claimed_mara(harness)
    fake.fail_next("GET", USERS, throttled(300))
    with pytest.raises(RateLimited) as caught:
        reset(harness.store())
    assert caught.value.retry_after == 300.0
    assert "TooManyRequests" in str(caught.value) and "request-id" in str(caught.value)


def test_a_wrong_secret_is_an_auth_error_that_never_shows_the_secret(
    harness: EntraHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = harness.store(client_secret=SecretStr("wrong-secret-value"))
    with pytest.raises(AuthError) as caught:
        store.lookup(MARA.student_id)
    assert "AADSTS7000215" in str(caught.value)
    assert "wrong-secret-value" not in str(caught.value) + caplog.text
    assert "wrong-secret-value" not in repr(store._config)


def test_an_unknown_tenant_at_the_configured_authority_is_refused(harness: EntraHarness) -> None:
    store = harness.store(tenant_id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(AuthError, match="AADSTS90002"):
        store.lookup(MARA.student_id)


def test_missing_authentication_method_permission_fails_the_reset_with_no_key(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    user_id = claimed_mara(harness)
    fake.granted_roles.discard(METHODS_ROLE)
    with pytest.raises(AuthError, match="Authorization_RequestDenied"):
        reset(harness.store())
    assert extension("resetKeys") not in fake.users[user_id]


def test_not_found_is_a_permanent_error_naming_the_request_id(harness: EntraHarness) -> None:
    store = harness.store()
    with pytest.raises(
        PermanentError, match=r"Request_ResourceNotFound \(request-id [0-9a-f-]{36}\)"
    ):
        store._get("00000000-0000-0000-0000-000000000000")


def test_listing_follows_next_links(harness: EntraHarness, fake: FakeGraph) -> None:
    students = [AccountNames(f"04{n:05d}", f"F{n}", f"L{n}") for n in range(1, 8)]
    harness.create_directly(students)
    fake.add_user("", "Staff", "Member")  # no student ID: not an account of the portal
    fake.page_limit = 2
    ids = [a.student_id for a in harness.store().all_accounts()]
    assert ids == sorted(s.student_id for s in students)
    assert len(fake.calls("GET", USERS)) == 4  # 8 users, 2 per page


def test_a_directory_refusing_the_students_password_is_a_weak_password(
    harness: EntraHarness,
) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    outcome = store.claim(MARA.student_id, MARA.first_name, MARA.last_name, ANSWERS, "alllowercase")
    assert not outcome.ok and outcome.reason == "weak_password"
    assert harness.read_directly(MARA.student_id).claimed is False  # type: ignore[union-attr]


def test_created_users_carry_the_mapping(harness: EntraHarness, fake: FakeGraph) -> None:
    store = harness.store(upn_template="{student_id}@kids.example.org")
    assert store.create_unclaimed([MARA]) == 1
    user = fake.user_by_student(MARA.student_id)
    assert user is not None
    assert user["userPrincipalName"] == f"{MARA.student_id}@kids.example.org"
    assert user["passwordProfile"]["forceChangePasswordNextSignIn"] is True
    assert user["accountEnabled"] is True
    assert store.create_unclaimed([MARA]) == 0


def test_self_check_passes_against_a_well_set_up_tenant(harness: EntraHarness) -> None:
    checks = harness.store().self_check()
    assert [check.ok for check in checks] == [True, True, True], checks


def test_self_check_names_a_missing_extension_attribute(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    del fake.extensions[extension("resetKeys")]
    harness.create_directly([MARA])
    mapping = harness.store().self_check()[-1]
    assert not mapping.ok and extension("resetKeys") in mapping.detail
    assert "extensionProperties" in mapping.fix


def test_self_check_reports_refused_credentials_with_the_fix(harness: EntraHarness) -> None:
    checks = harness.store(client_secret=SecretStr("nope")).self_check()
    assert len(checks) == 1 and not checks[0].ok
    assert "CLIENT_SECRET" in checks[0].fix and "nope" not in checks[0].detail


def test_an_unconfigured_store_says_which_variables_to_set(harness: EntraHarness) -> None:
    store = harness.store(tenant_id="", client_secret=SecretStr(""))
    with pytest.raises(PermanentError, match="TICKETWORKER_ACCOUNTS__TENANT_ID.*CLIENT_SECRET"):
        store.lookup(MARA.student_id)


def test_the_kind_is_chosen_from_the_environment(
    harness: EntraHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "KIND": "entra",
        "TENANT_ID": TENANT,
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": harness.fake.client_secret,
        "AUTHORITY": harness.fake.url,
        "GRAPH_URL": harness.fake.url,
        "EXTENSION_APP_ID": harness.config().extension_app_id,
    }.items():
        monkeypatch.setenv(f"TICKETWORKER_ACCOUNTS__{name}", value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert isinstance(settings.accounts, EntraAccountsConfig)
    assert harness.fake.client_secret not in repr(settings)
    store = build_accounts(settings.accounts)
    harness.create_directly([MARA])
    assert store.lookup(MARA.student_id) is not None


def test_a_throttled_page_is_fetched_again_without_restarting_the_listing(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    harness.create_directly([AccountNames(f"04{n:05d}", f"F{n}", f"L{n}") for n in range(1, 7)])
    fake.page_limit = 2
    fake.fail_next("GET", USERS, throttled(2), skip=1)  # the second page, once

    assert len(list(harness.store().all_accounts())) == 6

    pages = fake.calls("GET", USERS)
    assert len(pages) == 4  # three pages, the second one twice
    assert "$skiptoken" not in pages[0].query
    assert pages[1].query["$skiptoken"] == pages[2].query["$skiptoken"] == "2"
    assert harness.sleeps == [2.0]


def test_self_check_finds_a_missing_authentication_method_permission(
    harness: EntraHarness, fake: FakeGraph
) -> None:
    harness.create_directly([MARA])
    fake.granted_roles.discard(METHODS_ROLE)
    dry_read = harness.store().self_check()[1]
    assert not dry_read.ok and "Authorization_RequestDenied" in dry_read.detail
    assert "UserAuthenticationMethod.ReadWrite.All" in dry_read.fix
