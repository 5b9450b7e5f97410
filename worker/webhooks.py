"""Webhooks: the help-desk pushes "ticket N changed", the worker looks at once.

Polling stays on as the safety net (at a longer interval); a webhook only makes the next poll
happen now.  That poll lists what changed since the last one, through the API, exactly as a
scheduled poll does, so a ticket reached both ways is recorded once (``record_seen`` is keyed by
the help-desk's id) and processed once (the guarded state moves), and nothing in a delivery's
payload is ever trusted: it is checked for its signature and freshness, and then forgotten.

Bursts are folded: a delivery asks for a poll only when none is already asked for
(a short-lived flag in Redis that the poll clears when it starts, so a change made during a
running poll still gets a poll of its own afterwards).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import SecretStr

from connectors.helpdesk.webhooks import Delivery, WebhookRefused, scheme_for

log = logging.getLogger(__name__)

#: How long a delivery id is remembered (longer than any vendor's retry schedule).
SEEN_SECONDS = 3 * 24 * 3600
#: How long an asked-for poll stays asked for if no worker takes it (the scheduled poll then).
POLL_FLAG_SECONDS = 60
POLL_FLAG = "tw:webhook:poll-asked"


class KeyValue(Protocol):
    """The part of a Redis client the receiver uses (redis-py and fakeredis both fit)."""

    def set(self, name: str, value: str, *, nx: bool = ..., ex: int = ...) -> Any: ...

    def delete(self, *names: str) -> Any: ...


@dataclass
class WebhookReceiver:
    """Verifies one delivery and asks for a poll; refuses forgeries and replays."""

    kind: str
    secret: SecretStr
    store: KeyValue
    ask_for_poll: Callable[[], None]
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def receive(self, headers: Mapping[str, str], body: bytes) -> Delivery:
        delivery = scheme_for(self.kind)(headers, body, self.secret, self.clock())
        key = f"tw:webhook:seen:{self.kind}:{delivery.delivery_id}"
        if not self.store.set(key, "1", nx=True, ex=SEEN_SECONDS):
            raise WebhookRefused("this delivery was received before (a replay)")
        if self.store.set(POLL_FLAG, "1", nx=True, ex=POLL_FLAG_SECONDS):
            self.ask_for_poll()
        return delivery


def poll_taken(store: KeyValue) -> None:
    """A poll starts: later deliveries must ask for another one."""
    store.delete(POLL_FLAG)


class MemoryStore:
    """A :class:`KeyValue` in this process's memory (the benchmark; one console process)."""

    def __init__(self) -> None:
        self._keys: dict[str, float] = {}

    def set(self, name: str, value: str, *, nx: bool = False, ex: int = 0) -> bool:
        import time

        now = time.monotonic()
        if nx and self._keys.get(name, 0.0) > now:
            return False
        self._keys[name] = now + (ex or 10**9)
        return True

    def delete(self, *names: str) -> int:
        return sum(self._keys.pop(name, None) is not None for name in names)
