"""Checking that a webhook delivery really comes from the help-desk, per its documentation.

A delivery is trusted for one thing only: "something happened to ticket N, look".  Its payload
is never read for students, requesters or text; the worker reads the ticket through the API,
as a poll would.  What must hold before even that:

- the signature (or the shared token) is right, compared in constant time;
- the delivery is fresh: a signed timestamp within the window, where the vendor signs one;
- the delivery id was not seen before (the caller keeps the ids; see ``worker.webhooks``).

Each scheme is a pure function ``(headers, body, secret, now) -> Delivery`` raising
:class:`WebhookRefused`.  :data:`SCHEMES` names them; :func:`scheme_for` says which one a
help-desk kind uses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr

from ..errors import PermanentError

#: How far a signed timestamp may be from our clock (either way).
WINDOW = timedelta(minutes=5)
#: The header our own senders (the RT scrip, a help-desk's "custom header" webhook) carry.
TOKEN_HEADER = "X-Ticketworker-Token"
DELIVERY_HEADER = "X-Ticketworker-Delivery"


class WebhookRefused(PermanentError):
    """The delivery is not from the help-desk, or is a replay: answer 401 and do nothing."""


@dataclass(frozen=True)
class Delivery:
    """What a verified delivery tells: which delivery it is, and which ticket it is about."""

    #: Unique per delivery (the vendor's id, else a digest of the signed parts).
    delivery_id: str
    #: The ticket the event names, when it names one: a hint of where to look, nothing more.
    ticket_id: str | None = None


Scheme = Callable[[Mapping[str, str], bytes, SecretStr, datetime], Delivery]


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    return next((v.strip() for k, v in headers.items() if k.lower() == wanted), "")


def _digest_id(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:32]


def _same(expected: str, given: str) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def ticket_hint(body: bytes) -> str | None:
    """The ticket id a JSON body names under a usual key (``ticket``, ``ticket.id``, Zendesk
    events' ``detail.id``...), if any.

    Only ever used as a hint: the worker reads the ticket itself through the API.
    """
    try:
        data = json.loads(body) if body.strip() else None
    except ValueError:
        return None
    nested = [data.get(k) for k in ("ticket", "detail")] if isinstance(data, dict) else []
    for candidate in (*nested, data):  # a top-level "id" may be the event's own
        if isinstance(candidate, dict):
            for key in ("ticket_id", "ticket", "id", "key"):
                value = candidate.get(key)
                if isinstance(value, str | int) and not isinstance(value, bool):
                    return str(value)
        elif isinstance(candidate, str | int) and not isinstance(candidate, bool):
            return str(candidate)
    return None


def shared_token(
    headers: Mapping[str, str], body: bytes, secret: SecretStr, now: datetime
) -> Delivery:
    """A secret header our sender adds (the RT scrip; Freshservice's and Incident IQ's webhook
    actions, which let an admin add custom headers but sign nothing).

    The delivery id is the sender's ``X-Ticketworker-Delivery`` (the RT scrip sends its
    transaction id), else a digest of the body.
    """
    if not _same(secret.get_secret_value(), _header(headers, TOKEN_HEADER)):
        raise WebhookRefused(f"missing or wrong {TOKEN_HEADER} header")
    delivery = _header(headers, DELIVERY_HEADER) or _digest_id(body)
    return Delivery(delivery, ticket_hint(body))


def zendesk(headers: Mapping[str, str], body: bytes, secret: SecretStr, now: datetime) -> Delivery:
    """Zendesk signs ``timestamp + body`` with HMAC-SHA256, base64-encoded.

    https://developer.zendesk.com/documentation/webhooks/verifying/
    """
    signature = _header(headers, "X-Zendesk-Webhook-Signature")
    stamp = _header(headers, "X-Zendesk-Webhook-Signature-Timestamp")
    if not signature or not stamp:
        raise WebhookRefused("missing X-Zendesk-Webhook-Signature(-Timestamp) header")
    mac = hmac.new(secret.get_secret_value().encode(), stamp.encode() + body, hashlib.sha256)
    if not _same(base64.b64encode(mac.digest()).decode(), signature):
        raise WebhookRefused("Zendesk signature does not match")
    try:
        sent = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        raise WebhookRefused("Zendesk signature timestamp is not a timestamp") from None
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    if abs(now - sent) > WINDOW:
        raise WebhookRefused("Zendesk delivery is outside the replay window")
    delivery = _header(headers, "X-Zendesk-Webhook-Invocation-Id") or _digest_id(
        stamp.encode(), signature.encode()
    )
    return Delivery(delivery, ticket_hint(body))


def _hub_signature(algorithm: str, header: str) -> Scheme:
    def verify(
        headers: Mapping[str, str], body: bytes, secret: SecretStr, now: datetime
    ) -> Delivery:
        given = _header(headers, "X-Hub-Signature")
        mac = hmac.new(secret.get_secret_value().encode(), body, algorithm)
        if not _same(f"{algorithm}={mac.hexdigest()}", given):
            raise WebhookRefused(f"X-Hub-Signature ({algorithm}) missing or does not match")
        delivery = _header(headers, header) or _digest_id(body)
        return Delivery(delivery, ticket_hint(body))

    return verify


#: Zammad: ``X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>``, delivery ``X-Zammad-Delivery``.
#: https://admin-docs.zammad.org/en/latest/manage/webhook/add.html
zammad = _hub_signature("sha1", "X-Zammad-Delivery")
#: Jira Cloud webhooks with a secret: ``X-Hub-Signature: sha256=<hex>``; delivery id
#: ``X-Atlassian-Webhook-Identifier``.
#: https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks
jira = _hub_signature("sha256", "X-Atlassian-Webhook-Identifier")

SCHEMES: dict[str, Scheme] = {
    "shared_token": shared_token,
    "zendesk": zendesk,
    "zammad": zammad,
    "jira": jira,
}


def scheme_for(helpdesk_kind: str) -> Scheme:
    """The scheme a help-desk kind signs its deliveries with (the shared token by default)."""
    for name in (helpdesk_kind, helpdesk_kind.split("_", 1)[0]):
        if name in SCHEMES:
            return SCHEMES[name]
    return shared_token
