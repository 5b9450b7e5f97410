"""Webhook signatures as each help-desk documents them: right ones pass, anything else fails."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from connectors.helpdesk.webhooks import (
    WebhookRefused,
    jira,
    scheme_for,
    shared_token,
    ticket_hint,
    zammad,
    zendesk,
)

SECRET = SecretStr("dGhpcyBpcyBhIHNlY3JldA==")
NOW = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
BODY = b'{"ticket": {"id": 4471, "subject": "ignored"}}'


def _zendesk_headers(body: bytes, stamp: str, secret: str = SECRET.get_secret_value()) -> dict:
    mac = hmac.new(secret.encode(), stamp.encode() + body, hashlib.sha256).digest()
    return {
        "X-Zendesk-Webhook-Signature": base64.b64encode(mac).decode(),
        "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        "X-Zendesk-Webhook-Invocation-Id": "inv-1",
    }


def test_zendesk_signature_over_timestamp_and_body() -> None:
    headers = _zendesk_headers(BODY, "2026-12-08T09:29:00Z")
    delivery = zendesk(headers, BODY, SECRET, NOW)
    assert (delivery.delivery_id, delivery.ticket_id) == ("inv-1", "4471")


@pytest.mark.parametrize(
    "tamper",
    ["body", "secret", "timestamp-stale", "timestamp-future", "no-signature", "not-a-timestamp"],
)
def test_zendesk_refuses_forgeries_and_stale_deliveries(tamper: str) -> None:
    stamp, body, secret = "2026-12-08T09:29:00Z", BODY, SECRET.get_secret_value()
    if tamper == "timestamp-stale":
        stamp = (NOW - timedelta(minutes=6)).isoformat()
    if tamper == "timestamp-future":
        stamp = (NOW + timedelta(minutes=6)).isoformat()
    if tamper == "not-a-timestamp":
        stamp = "yesterday"
    if tamper == "secret":
        secret = "another secret"
    headers = _zendesk_headers(body, stamp, secret)
    if tamper == "body":
        body = body.replace(b"4471", b"4472")
    if tamper == "no-signature":
        del headers["X-Zendesk-Webhook-Signature"]
    with pytest.raises(WebhookRefused):
        zendesk(headers, body, SECRET, NOW)


def test_hub_signatures_of_zammad_and_jira() -> None:
    key = SECRET.get_secret_value().encode()
    sha1 = "sha1=" + hmac.new(key, BODY, hashlib.sha1).hexdigest()
    sha256 = "sha256=" + hmac.new(key, BODY, hashlib.sha256).hexdigest()
    ok = zammad({"x-hub-signature": sha1, "X-Zammad-Delivery": "d-9"}, BODY, SECRET, NOW)
    assert ok.delivery_id == "d-9"
    assert jira({"X-Hub-Signature": sha256}, BODY, SECRET, NOW).ticket_id == "4471"
    with pytest.raises(WebhookRefused):
        zammad({"X-Hub-Signature": sha256}, BODY, SECRET, NOW)  # the other algorithm
    with pytest.raises(WebhookRefused):
        jira({"X-Hub-Signature": sha1}, BODY, SECRET, NOW)
    with pytest.raises(WebhookRefused):
        jira({"X-Hub-Signature": sha256}, BODY + b" ", SECRET, NOW)


def test_shared_token_and_its_delivery_id() -> None:
    token = SECRET.get_secret_value()
    ok = shared_token(
        {"X-Ticketworker-Token": token, "X-Ticketworker-Delivery": "rt-88"}, b'{"ticket": 12}',
        SECRET, NOW,
    )  # fmt: skip
    assert (ok.delivery_id, ok.ticket_id) == ("rt-88", "12")
    for wrong in ({}, {"X-Ticketworker-Token": ""}, {"X-Ticketworker-Token": token + "x"}):
        with pytest.raises(WebhookRefused):
            shared_token(wrong, BODY, SECRET, NOW)
    # Without a delivery header, two different bodies are two deliveries; the same body is one.
    first = shared_token({"X-Ticketworker-Token": token}, b"a", SECRET, NOW).delivery_id
    assert first == shared_token({"X-Ticketworker-Token": token}, b"a", SECRET, NOW).delivery_id
    assert first != shared_token({"X-Ticketworker-Token": token}, b"b", SECRET, NOW).delivery_id


def test_each_kind_has_a_scheme_and_unknown_kinds_use_the_token() -> None:
    assert scheme_for("zendesk") is zendesk and scheme_for("zammad") is zammad
    assert scheme_for("jira_service_management") is jira
    assert scheme_for("rt") is shared_token and scheme_for("incidentiq") is shared_token


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        (b'{"ticket": 5}', "5"),
        (b'{"ticket_id": "ABC-7"}', "ABC-7"),
        (b'{"ticket": {"id": 9}}', "9"),
        (b'{"id": "ev-1", "type": "zen:event-type:ticket.created", "detail": {"id": "35"}}', "35"),
        (b'{"ticket": true}', None),
        (b"not json", None),
        (b"", None),
    ],
)
def test_the_ticket_hint_is_read_only_from_plain_places(body: bytes, hint: str | None) -> None:
    assert ticket_hint(body) == hint
