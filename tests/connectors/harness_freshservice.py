"""Freshservice in the contract suite: the connector against our Freshservice API server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import FreshserviceConfig
from connectors.helpdesk.freshservice import (
    SERVICE,
    FreshserviceHelpDesk,
    api_key_auth,
    map_error,
)
from connectors.http import HttpClient, RetryPolicy, Timeouts

from .freshservice_api import API_KEY, FreshserviceAPI
from .harness import TEACHER, Harness, HarnessEntry


class FreshserviceHarness(Harness):
    # Freshservice stamps whole seconds.
    resolution = 1.0

    def __init__(self, server: FreshserviceAPI, **overrides: object) -> None:
        self.server = server
        settings: dict[str, object] = {"page_size": 2, **overrides}
        self.config = FreshserviceConfig(
            base_url=server.url, api_key=SecretStr(API_KEY), **settings
        )
        self.sleeps: list[float] = []
        self.desk = FreshserviceHelpDesk(self.config, sleep=self.sleeps.append)

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return str(self.server.create_ticket(subject, body, content_type, requester))

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.server.requester_writes(int(ticket_id), body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.server.mailed_to(int(ticket_id), address)


def freshservice_server(request: pytest.FixtureRequest, **options: int) -> FreshserviceAPI:
    """A running fake Freshservice account, stopped when the test ends."""
    server = FreshserviceAPI(**options)
    server.__enter__()
    request.addfinalizer(server.__exit__)
    return server


def _make(request: pytest.FixtureRequest) -> Harness:
    return FreshserviceHarness(freshservice_server(request))


HARNESS = HarnessEntry(_make)

FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def _freshservice_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    config = FreshserviceConfig(base_url=url, api_key=SecretStr(API_KEY), page_size=2)
    http = HttpClient(
        url + "/api/v2",
        auth=api_key_auth(SecretStr(API_KEY)),
        timeouts=FAST,
        retry=RetryPolicy(attempts=3),
        sleep=sleep,
        service=SERVICE,
        error_mapper=map_error,
    )
    return FreshserviceHelpDesk(config, http=http, sleep=sleep)


HTTP_CONNECTOR = _freshservice_against
