"""The cloud stores' pure parts: vendor error mapping, the portal-state encoding, secrets."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.accounts._cloud import KeyRecord, PasswordRefused, PortalState, unusable_password
from connectors.accounts.base import ResetKind
from connectors.accounts.config import PortalFieldNames
from connectors.accounts.entra import graph_error
from connectors.accounts.google_workspace import google_error
from connectors.errors import AuthError, PermanentError, RateLimited
from connectors.http import JsonResponse

NAMES = PortalFieldNames()
WHEN = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


def google_body(code: int, reason: str, message: str = "Rate Limit Exceeded") -> dict[str, object]:
    return {
        "error": {
            "code": code,
            "message": message,
            "errors": [{"message": message, "domain": "usageLimits", "reason": reason}],
        }
    }


def graph_body(code: str, message: str) -> dict[str, object]:
    inner = {"date": "2026-09-01T08:00:00", "request-id": "5e1c0f6a-0000-4000-8000-00000000abcd"}
    return {"error": {"code": code, "message": message, "innerError": inner}}


@pytest.mark.parametrize("reason", ["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"])
def test_google_quota_reasons_on_403_are_rate_limits(reason: str) -> None:
    error = google_error("GET /users", JsonResponse(403, google_body(403, reason)))
    assert isinstance(error, RateLimited) and error.retry_after is None
    assert reason in str(error)


def test_google_429_keeps_retry_after_and_other_403s_are_auth_errors() -> None:
    limited = google_error(
        "GET /users", JsonResponse(429, google_body(429, "rateLimitExceeded"), {"retry-after": "5"})
    )
    assert isinstance(limited, RateLimited) and limited.retry_after == 5.0
    denied = google_error("PUT /users/1", JsonResponse(403, google_body(403, "forbidden")))
    assert isinstance(denied, AuthError) and not isinstance(denied, RateLimited)


def test_google_error_text_never_carries_the_vendor_message() -> None:
    body = google_body(404, "notFound", "Resource Not Found: mara.odonnell@students.example.org")
    error = google_error("GET /users/1", JsonResponse(404, body))
    assert type(error) is PermanentError
    assert "notFound" in str(error) and "mara" not in str(error)
    assert isinstance(
        google_error(
            "PUT /users/1", JsonResponse(400, google_body(400, "invalid", "Invalid Password"))
        ),
        PasswordRefused,
    )
    assert type(google_error("GET /users", JsonResponse(400, "not json"))) is PermanentError


def test_graph_errors_keep_code_and_request_id_but_not_the_message() -> None:
    body = graph_body("Request_ResourceNotFound", "Resource 'Mara-Lynn O'Donnell' does not exist")
    error = graph_error("GET /v1.0/users/x", JsonResponse(404, body))
    assert type(error) is PermanentError
    text = str(error)
    assert "Request_ResourceNotFound" in text and "5e1c0f6a-0000-4000-8000-00000000abcd" in text
    assert "Mara" not in text


def test_graph_throttling_auth_and_password_answers() -> None:
    throttled = graph_error(
        "PATCH /v1.0/users/x",
        JsonResponse(429, graph_body("TooManyRequests", "slow down"), {"Retry-After": "12"}),
    )
    assert isinstance(throttled, RateLimited) and throttled.retry_after == 12.0
    denied = graph_error("GET", JsonResponse(403, graph_body("Authorization_RequestDenied", "no")))
    assert isinstance(denied, AuthError)
    expired = graph_error("GET", JsonResponse(401, graph_body("InvalidAuthenticationToken", "x")))
    assert isinstance(expired, AuthError)
    weak = graph_error(
        "PATCH",
        JsonResponse(
            400, graph_body("Request_BadRequest", "The specified password does not comply")
        ),
    )
    assert isinstance(weak, PasswordRefused)


def test_unusable_passwords_meet_every_complexity_rule_and_never_repeat() -> None:
    seen = {unusable_password() for _ in range(500)}
    assert len(seen) == 500
    for secret in seen:
        assert len(secret) == 32
        assert any(c in string.ascii_uppercase for c in secret)
        assert any(c in string.ascii_lowercase for c in secret)
        assert any(c in string.digits for c in secret)
        assert any(not c.isalnum() for c in secret)
        assert secret.isascii()


keys = st.text(
    alphabet=st.characters(blacklist_characters="|", blacklist_categories=("Cs",)), min_size=1
)


@given(
    claimed=st.booleans(),
    answers=st.lists(st.text(min_size=1).filter(lambda s: s.strip() == s and s), max_size=3),
    key_list=st.lists(keys, max_size=5, unique=True),
)
def test_portal_state_survives_its_encoding(
    claimed: bool, answers: list[str], key_list: list[str]
) -> None:
    state = PortalState(
        claimed=claimed,
        claimed_at=WHEN if claimed else None,
        answers=tuple(answers),
        password_hash="$argon2id$v=19$m=8,t=1,p=1$abc$def" if claimed else None,
        keys=tuple(KeyRecord(key, "reset", WHEN) for key in key_list),
        last_reset_at=WHEN,
    )
    assert PortalState.from_fields(state.to_fields(NAMES), NAMES) == state


def test_garbage_in_the_fields_reads_as_nothing_rather_than_failing() -> None:
    values = {
        "claimed": "true",  # a string is not the BOOL the portal writes
        "claimedAt": 42,
        "challengeAnswers": [None, 7, "d:h"],
        "resetKeys": ["no-separators", "k|reset|not-a-date", "k2|reset|2026-09-01T08:00:00+00:00"],
        "passwordHash": "",
    }
    state = PortalState.from_fields(values, NAMES)
    assert state.claimed is False and state.claimed_at is None
    assert state.answers == ("d:h",) and state.password_hash is None
    assert [record.key for record in state.keys] == ["k2"]


def test_only_the_last_keys_and_recent_passwords_are_kept() -> None:
    state = PortalState(claimed=True, password_hash="h0")
    for n in range(30):
        state = state.with_key(f"job-{n}", ResetKind.RESET, WHEN)
    assert len(state.keys) == 20 and state.keys[-1].key == "job-29"
    assert state.key_record("job-9") is None and state.key_record("job-10") is not None

    later = WHEN + timedelta(days=100)
    history = PortalState(
        password_hash="current", history=(f"{WHEN.isoformat()}|old",)
    ).retire_password(later, days=90)
    assert history == (f"{later.isoformat()}|current",)  # 'old' left the 90-day window
