"""OAuth 2 client credentials: the token request, caching, expiry, refresh on 401, refusals."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.errors import AuthError, PermanentError
from connectors.roster.oneroster_rest import OneRosterRestSource

from .conftest import CLIENT_ID, CLIENT_SECRET
from .oneroster_server import OneRosterState

Make = Callable[..., OneRosterRestSource]


def _token_requests(state: OneRosterState) -> int:
    return len(state.requests_to("/oauth/token"))


def test_one_token_serves_every_page(state: OneRosterState, make_source: Make) -> None:
    make_source(page_size=5).load()
    assert state.issued == 1 and _token_requests(state) == 1
    assert len(state.requests_to("/users")) == 10


def test_a_client_id_and_secret_with_reserved_characters_are_form_encoded(
    state: OneRosterState, make_source: Make
) -> None:
    # RFC 6749 2.3.1: id and secret are form-encoded before Basic; ":" in the id must survive.
    state.clients = {"district:42 reconciler": "p@ss:w/rd+ü"}
    roster = make_source(
        client_id="district:42 reconciler", client_secret=SecretStr("p@ss:w/rd+ü")
    ).load()
    assert len(roster.users) == 49


def test_the_token_is_reused_until_it_is_about_to_expire(
    state: OneRosterState, make_source: Make
) -> None:
    now = [1000.0]
    source = make_source(source_options={"clock": lambda: now[0]})
    source.load()
    now[0] += state.token_lifetime - 31  # the renewal margin is 30 s before expiry
    source.load()
    assert state.issued == 1

    now[0] += 2
    source.load()
    assert state.issued == 2


def test_scope_is_requested_when_configured(state: OneRosterState, make_source: Make) -> None:
    scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"
    make_source(scope=scope).load()
    make_source().load()
    assert state.scopes == [scope, ""]


def test_a_revoked_token_is_replaced_once_and_paging_continues(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.revoke_tokens_after = 3  # the server forgets all tokens mid-roster
    roster = make_source(page_size=10).load()

    assert len(roster.users) == 49
    assert state.issued == 2
    assert [e.status for e in state.requests_to("/users")].count(401) == 1


def test_a_token_refused_twice_is_an_auth_error(state: OneRosterState, make_source: Make) -> None:
    state.faults.reject_every_token = True
    with pytest.raises(AuthError, match="freshly issued token"):
        make_source().load()
    assert state.issued == 2  # exactly one refresh, no loop
    assert len(state.requests_to("/orgs")) == 2


def test_a_wrong_secret_is_an_auth_error_that_names_no_secret(
    state: OneRosterState, make_source: Make
) -> None:
    with pytest.raises(AuthError) as raised:
        make_source(client_secret=SecretStr("wrong-secret-value")).load()

    assert "401" in str(raised.value)
    assert "wrong-secret-value" not in str(raised.value)
    assert state.requests_to("/orgs") == []
    assert _token_requests(state) == 1  # refused credentials are not retried


def test_invalid_client_answered_with_400_is_an_auth_error(
    state: OneRosterState, make_source: Make
) -> None:
    state.faults.token_error_status = 400
    with pytest.raises(AuthError, match="invalid_client"):
        make_source(client_secret=SecretStr("wrong-secret-value")).load()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"access_token": "mac-token-value", "token_type": "mac"}, "'mac' token"),
        ({"token_type": "bearer"}, "not an OAuth 2 token"),
        ({"access_token": 12345, "token_type": "bearer"}, "not an OAuth 2 token"),
    ],
)
def test_a_token_answer_we_cannot_use_is_a_permanent_error(
    state: OneRosterState, make_source: Make, answer: dict[str, object], message: str
) -> None:
    state.faults.token_answer = answer
    with pytest.raises(PermanentError, match=message) as raised:
        make_source().load()
    assert raised.value.__cause__ is None and "mac-token-value" not in str(raised.value)
    assert state.requests_to("/orgs") == []


def test_an_unknown_client_is_an_auth_error(state: OneRosterState, make_source: Make) -> None:
    with pytest.raises(AuthError):
        make_source(client_id="someone-else").load()


def test_no_token_secret_or_student_data_is_logged(
    state: OneRosterState, make_source: Make, caplog: pytest.LogCaptureFixture
) -> None:
    state.faults.revoke_tokens_after = 2
    state.faults.fail_once.add(("users", 20))
    state.users[4]["identifier"] = ""
    caplog.set_level(logging.DEBUG)

    roster = make_source().load()

    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "refused the bearer token" in text and "HTTP 500" in text  # the logging did happen
    assert CLIENT_SECRET not in text and CLIENT_ID not in text
    assert "Bearer " not in text and "Basic " not in text
    for user in roster.users:
        assert user.identifier not in text and user.family_name not in text
