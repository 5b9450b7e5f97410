"""Google Workspace specifics, against the project's local Directory API.

The service-account grant (signature, delegation), what a reset does to the Google user
(password, changePasswordAtNextLogin, recovery details, sign-out, 2-Step Verification), the
backoff on 403 rateLimitExceeded and 429, error mapping, paging, and ``self_check``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import google.auth.jwt
import pytest

from connectors.accounts import ACCOUNT_STORES, build_accounts
from connectors.accounts.base import AccountNames, ResetKind
from connectors.accounts.config import GoogleWorkspaceAccountsConfig
from connectors.accounts.google_workspace import GoogleWorkspaceAccountStore
from connectors.errors import AuthError, PermanentError, RateLimited, TransientError
from worker.settings import Settings

from .fake_google_directory import (
    SECURITY_SCOPE,
    USER,
    USER_SCOPE,
    USERS,
    FakeGoogleDirectory,
    google_error,
    rate_limited,
)
from .harness_cloud import ANSWERS, GoogleHarness, google_harness

MARA = AccountNames("0412345", "Mara-Lynn", "O'Donnell")
PASSWORD = "first-Pass1"


@pytest.fixture
def harness(request: pytest.FixtureRequest) -> Iterator[GoogleHarness]:
    yield from google_harness(request)


@pytest.fixture
def fake(harness: GoogleHarness) -> FakeGoogleDirectory:
    return harness.fake


def claimed_mara(harness: GoogleHarness) -> str:
    """Mara claimed, with recovery details and 2-Step Verification set up since; her ID."""
    harness.create_directly([MARA])
    harness.portal_claim(MARA, PASSWORD)
    user = harness.fake.user_by_student(MARA.student_id)
    assert user is not None
    with harness.fake.lock:
        harness.fake.users[user["id"]].update(
            recoveryEmail="mara.personal@example.net",
            recoveryPhone="+15555550123",
            isEnrolledIn2Sv=True,
        )
    return str(user["id"])


def reset(store: GoogleWorkspaceAccountStore, key: str = "job-1") -> ResetKind:
    outcome = store.reset(MARA.student_id, idempotency_key=key, actor="tw", reason="ticket 1")
    return outcome.kind


def test_the_token_request_is_a_signed_jwt_for_the_admin_with_the_needed_scopes(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    assert store.lookup(MARA.student_id) is not None
    assert store.lookup(MARA.student_id) is not None

    [token_request] = fake.calls("POST", "/token")  # cached: one token for both lookups
    assertion = token_request.form()["assertion"]
    claims = google.auth.jwt.decode(assertion, certs=fake.public_pem, audience=f"{fake.url}/token")
    assert claims["sub"] == FakeGoogleDirectory.ADMIN
    assert claims["iss"] == FakeGoogleDirectory.CLIENT_EMAIL
    assert {USER_SCOPE, SECURITY_SCOPE} <= set(claims["scope"].split())
    assert claims["exp"] - claims["iat"] <= 3600


def test_a_key_the_token_endpoint_cannot_verify_is_refused(harness: GoogleHarness) -> None:
    store = harness.store_with_refused_credentials()
    with pytest.raises(AuthError, match="invalid_grant"):
        store.lookup(MARA.student_id)


def test_an_admin_without_delegation_is_refused(harness: GoogleHarness) -> None:
    store = harness.store(admin_email="teacher@district.example.org")
    with pytest.raises(AuthError, match="unauthorized_client"):
        store.lookup(MARA.student_id)


def test_a_reset_locks_out_every_way_back_in(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    user_id = claimed_mara(harness)
    password_before = fake.passwords[user_id]

    assert reset(harness.store()) is ResetKind.RESET

    user = fake.users[user_id]
    assert fake.passwords[user_id] != password_before
    assert user["changePasswordAtNextLogin"] is True
    assert not user["recoveryEmail"] and not user["recoveryPhone"]
    assert user["isEnrolledIn2Sv"] is False
    assert fake.sign_outs[user_id] == 1
    assert len(fake.calls("POST", USER + "/twoStepVerification/turnOff")) == 1
    portal = user["customSchemas"]["StudentPortal"]
    assert "passwordHash" not in portal and "challengeAnswers" not in portal
    assert portal["claimed"] is False
    assert [entry["value"].split("|")[:2] for entry in portal["resetKeys"]] == [["job-1", "reset"]]
    # The old password went into the history (the 90-day rule), as a hash.
    assert len(portal["passwordHistory"]) == 1 and PASSWORD not in str(portal)


def test_the_random_passwords_differ_and_never_reach_the_log(
    harness: GoogleHarness, fake: FakeGoogleDirectory, caplog: pytest.LogCaptureFixture
) -> None:
    other = AccountNames("0400017", "Teo", "De La Cruz")
    harness.create_directly([MARA, other])
    harness.portal_claim(MARA, PASSWORD)
    harness.portal_claim(other, PASSWORD)
    store = harness.store()
    caplog.set_level(logging.DEBUG)
    fake.fail_next("GET", USERS, rate_limited())  # a warning is logged on the way

    assert reset(store) is ResetKind.RESET
    assert store.reset(other.student_id, idempotency_key="job-2", actor="tw", reason="t").claimable

    secrets_set = {fake.passwords[u] for u in fake.users}
    assert len(secrets_set) == 2
    logged = caplog.text
    assert "rateLimitExceeded" in logged
    for secret in secrets_set:
        assert secret not in logged
    assert "PRIVATE KEY" not in logged and "ya29." not in logged
    assert MARA.last_name not in logged


def test_403_rate_limit_exceeded_is_retried_with_exponential_backoff(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    store._backoff = type(store._backoff)(attempts=5, max_backoff=32.0, max_wait=60.0)
    fake.fail_next("GET", USERS, rate_limited("userRateLimitExceeded"), times=3)

    assert store.lookup(MARA.student_id) is not None

    assert len(harness.sleeps) == 3
    for attempt, waited in enumerate(harness.sleeps):
        assert 2**attempt <= waited < 2**attempt + 1  # 1+r, 2+r, 4+r seconds
    assert len(fake.calls("GET", USERS)) == 4


def test_429_with_retry_after_waits_as_asked_and_too_long_a_wait_goes_to_the_caller(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    slow_down = rate_limited(status=429)
    fake.fail_next("GET", USERS, type(slow_down)(429, slow_down.body, {"Retry-After": "7"}))
    assert store.lookup(MARA.student_id) is not None
    assert harness.sleeps == [7.0]

    fake.fail_next("GET", USERS, type(slow_down)(429, slow_down.body, {"Retry-After": "600"}))
    with pytest.raises(RateLimited) as caught:
        store.lookup(MARA.student_id)
    assert caught.value.retry_after == 600.0
    assert harness.sleeps == [7.0]


def test_rate_limits_that_never_end_are_raised_after_the_bounded_attempts(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    store = harness.store()
    fake.fail_next("GET", USERS, rate_limited(), times=50)
    with pytest.raises(RateLimited, match="rateLimitExceeded"):
        store.lookup(MARA.student_id)
    assert len(fake.calls("GET", USERS)) == 4  # the harness allows four attempts


def test_missing_rights_are_auth_errors_and_not_found_is_permanent(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    user_id = claimed_mara(harness)
    fake.delegated_scopes.discard(SECURITY_SCOPE)
    # Google refuses the whole grant when one requested scope is not delegated.
    with pytest.raises(AuthError, match="unauthorized_client"):
        reset(harness.store())
    fake.delegated_scopes.add(SECURITY_SCOPE)
    store = harness.store()
    fake.fail_next(
        "POST",
        USER + "/signOut",
        google_error(
            403, "Not Authorized to access this resource/api", "forbidden", "PERMISSION_DENIED"
        ),
    )
    with pytest.raises(AuthError, match="forbidden"):
        reset(store)
    with pytest.raises(PermanentError, match="notFound"):
        store._get("999")
    # The failed attempt recorded no key: this request can still do its work.
    assert reset(store) is ResetKind.RESET
    assert fake.users[user_id]["changePasswordAtNextLogin"] is True


def test_an_expired_token_is_replaced_once(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    assert store.lookup(MARA.student_id) is not None
    fake.tokens.clear()  # the server forgot it (expired early, revoked)
    assert store.lookup(MARA.student_id) is not None
    assert len(fake.calls("POST", "/token")) == 2


def test_two_users_with_one_student_id_are_never_guessed_at(harness: GoogleHarness) -> None:
    harness.create_directly([MARA, AccountNames(MARA.student_id, "Mara", "Other")])
    with pytest.raises(PermanentError, match="2 accounts"):
        reset(harness.store())


def test_the_student_id_in_a_custom_schema_field(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    fake.schemas["StudentPortal"].append(
        {"fieldName": "studentId", "fieldType": "STRING", "multiValued": False}
    )
    store = harness.store(student_id_field="StudentPortal.studentId")
    assert store.create_unclaimed([MARA]) == 1
    [created] = fake.users.values()
    assert created["customSchemas"]["StudentPortal"]["studentId"] == MARA.student_id
    assert "externalIds" not in created
    outcome = store.claim(MARA.student_id, MARA.first_name, MARA.last_name, ANSWERS, PASSWORD)
    assert outcome.ok
    assert reset(store) is ResetKind.RESET


def test_created_users_follow_the_mapping_and_must_change_their_random_password(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    store = harness.store(email_template="s{student_id}@kids.example.org", org_unit_path="/K12")
    assert store.create_unclaimed([MARA]) == 1
    [created] = fake.users.values()
    assert created["primaryEmail"] == f"s{MARA.student_id}@kids.example.org"
    assert created["orgUnitPath"] == "/K12"
    assert created["externalIds"] == [{"type": "organization", "value": MARA.student_id}]
    assert created["changePasswordAtNextLogin"] is True
    assert store.create_unclaimed([MARA]) == 0


def test_self_check_passes_against_a_well_set_up_customer(harness: GoogleHarness) -> None:
    checks = harness.store().self_check()
    assert [check.ok for check in checks] == [True, True, True, True], checks
    assert "4 portal fields" not in checks[-1].detail and "7 portal fields" in checks[-1].detail


def test_self_check_names_the_missing_schema_fields_and_the_fix(harness: GoogleHarness) -> None:
    harness.fake.schemas["StudentPortal"] = [
        f for f in harness.fake.schemas["StudentPortal"] if f["fieldName"] != "resetKeys"
    ]
    checks = harness.store().self_check()
    mapping = checks[-1]
    assert not mapping.ok and "resetKeys" in mapping.detail
    assert "custom schema" in mapping.fix


def test_self_check_reports_a_missing_key_file_without_raising(harness: GoogleHarness) -> None:
    checks = harness.store(key_file=harness.folder / "nowhere.json").self_check()
    assert len(checks) == 1 and not checks[0].ok
    assert "nowhere.json" in checks[0].detail and "TICKETWORKER_ACCOUNTS__KEY_FILE" in checks[0].fix


def test_self_check_reports_refused_delegation(harness: GoogleHarness) -> None:
    checks = harness.store(admin_email="nobody@district.example.org").self_check()
    assert [check.ok for check in checks] == [True, False]
    assert "unauthorized_client" in checks[1].detail and "Domain-wide delegation" in checks[1].fix


def test_the_kind_is_chosen_from_the_environment(
    harness: GoogleHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TICKETWORKER_ACCOUNTS__KIND", "google_workspace")
    monkeypatch.setenv(
        "TICKETWORKER_ACCOUNTS__KEY_FILE", str(harness.fake.key_file(harness.folder))
    )
    monkeypatch.setenv("TICKETWORKER_ACCOUNTS__ADMIN_EMAIL", FakeGoogleDirectory.ADMIN)
    monkeypatch.setenv("TICKETWORKER_ACCOUNTS__API_URL", harness.fake.url)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert isinstance(settings.accounts, GoogleWorkspaceAccountsConfig)
    assert "google_workspace" in ACCOUNT_STORES
    store = build_accounts(settings.accounts)
    assert isinstance(store, GoogleWorkspaceAccountStore)
    harness.create_directly([MARA])
    assert store.lookup(MARA.student_id) is not None


def test_a_sign_out_that_failed_is_sent_again_though_the_read_looks_complete(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    user_id = claimed_mara(harness)
    unavailable = google_error(503, "Service unavailable", "backendError", "UNAVAILABLE")
    # Both of the funnel's attempts fail: the first lock-out ends without a sign-out.
    fake.fail_next("POST", USER + "/signOut", unavailable, times=2)

    assert reset(harness.store()) is ResetKind.RESET

    assert fake.sign_outs[user_id] == 1
    assert len(fake.calls("POST", USER + "/signOut")) == 3


def test_a_sign_out_that_keeps_failing_records_no_reset(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    user_id = claimed_mara(harness)
    unavailable = google_error(503, "Service unavailable", "backendError", "UNAVAILABLE")
    fake.fail_next("POST", USER + "/signOut", unavailable, times=10)
    with pytest.raises(TransientError, match="signOut: HTTP 503"):
        reset(harness.store())
    portal = fake.users[user_id]["customSchemas"]["StudentPortal"]
    assert portal["claimed"] is True and "resetKeys" not in portal


def test_the_search_is_exact_and_only_the_configured_external_id_type_counts(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    harness.create_directly([MARA])
    other = fake.add_user("0999999", "Staff", "Member")
    with fake.lock:  # a staff login that happens to equal Mara's student ID
        fake.users[other]["externalIds"] = [{"type": "login", "value": MARA.student_id}]
    store = harness.store()

    account = store.lookup(MARA.student_id)

    assert account is not None and account.first_name == MARA.first_name
    [search] = fake.calls("GET", USERS)
    assert search.query["query"] == f"externalId={MARA.student_id}"
    assert reset(store) is ResetKind.ALREADY_UNCLAIMED
    assert "customSchemas" not in fake.users[other]


def test_self_check_wants_a_custom_student_id_field_to_be_indexed(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    field = {
        "fieldName": "studentId",
        "fieldType": "STRING",
        "multiValued": False,
        "indexed": False,
    }
    fake.schemas["StudentPortal"].append(field)
    store = harness.store(student_id_field="StudentPortal.studentId")
    mapping = store.self_check()[-1]
    assert not mapping.ok and "not indexed" in mapping.detail
    field["indexed"] = True
    assert store.self_check()[-1].ok


def test_a_state_write_whose_answers_are_all_lost_is_settled_by_the_read_back(
    harness: GoogleHarness, fake: FakeGoogleDirectory
) -> None:
    user_id = claimed_mara(harness)
    # The lock-out PUT answers; the state PUT and the funnel's one repeat are applied and
    # their answers lost, so the store sees a TransientError and reads the user back.
    fake.drop_answer_of_next("PUT", USER, skip=1, times=2)
    before = len(fake.calls("PUT", USER))

    assert reset(harness.store()) is ResetKind.RESET

    assert len(fake.calls("PUT", USER)) - before == 3
    portal = fake.users[user_id]["customSchemas"]["StudentPortal"]
    assert portal["claimed"] is False and len(portal["resetKeys"]) == 1
