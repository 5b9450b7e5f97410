"""Fixtures for the roster tests: a running local OneRoster server and a source pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from connectors.roster.config import OneRosterRestConfig
from connectors.roster.oneroster_rest import OneRosterRestSource

from .oneroster_server import OneRosterServer, OneRosterState
from .roster_data import make_orgs, make_users

CLIENT_ID = "lakeside-reconciler"
CLIENT_SECRET = "s3cret+with/odd=chars"


@pytest.fixture
def state() -> OneRosterState:
    return OneRosterState(
        orgs=make_orgs(), users=make_users(students=45), clients={CLIENT_ID: CLIENT_SECRET}
    )


@pytest.fixture
def server(state: OneRosterState) -> Iterator[OneRosterServer]:
    running = OneRosterServer(state).start()
    yield running
    running.stop()


@pytest.fixture
def sleeps() -> list[float]:
    """Pauses the source asked for, recorded instead of slept so tests stay fast."""
    return []


@pytest.fixture
def make_source(server: OneRosterServer, sleeps: list[float]) -> Callable[..., OneRosterRestSource]:
    def make(*, source_options: dict[str, Any] | None = None, **config: Any) -> OneRosterRestSource:
        settings: dict[str, Any] = {
            "base_url": server.base_url,
            "token_url": server.token_url,
            "client_id": CLIENT_ID,
            "client_secret": SecretStr(CLIENT_SECRET),
            "page_size": 10,
            "timeout_seconds": 5.0,
        }
        settings.update(config)
        options: dict[str, Any] = {"sleep": sleeps.append, **(source_options or {})}
        return OneRosterRestSource(OneRosterRestConfig(**settings), **options)

    return make
