"""Incident IQ in the contract suite: the connector against our Incident IQ API server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import IncidentIQConfig
from connectors.helpdesk.incident_iq import SERVICE, IncidentIQHelpDesk, map_error
from connectors.http import HttpClient, RetryPolicy, Timeouts, TokenAuth

from .harness import TEACHER, Harness, HarnessEntry
from .incident_iq_api import IT_CATEGORY, MARK_FIELD_ID, SITE_ID, TOKEN, IncidentIQAPI


def iiq_config(url: str, **overrides: object) -> IncidentIQConfig:
    settings: dict[str, object] = {
        "token": SecretStr(TOKEN),
        "site_id": SITE_ID,
        "issue_category_id": IT_CATEGORY,
        "mark_field_id": MARK_FIELD_ID,
        "page_size": 2,
        **overrides,
    }
    return IncidentIQConfig(base_url=url, **settings)  # type: ignore[arg-type]


class IncidentIQHarness(Harness):
    def __init__(self, server: IncidentIQAPI, **overrides: object) -> None:
        self.server = server
        self.config = iiq_config(server.url, **overrides)
        self.desk = IncidentIQHelpDesk(self.config)

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return str(self.server.submit(subject, body, requester))

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.server.submitter_comments(int(ticket_id), body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.server.mailed_to(int(ticket_id), address)


def iiq_server(request: pytest.FixtureRequest, **options: int) -> IncidentIQAPI:
    """A running fake Incident IQ district, stopped when the test ends."""
    server = IncidentIQAPI(**options)
    server.__enter__()
    request.addfinalizer(server.__exit__)
    return server


def _make(request: pytest.FixtureRequest) -> Harness:
    return IncidentIQHarness(iiq_server(request))


HARNESS = HarnessEntry(_make)

FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def _iiq_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    http = HttpClient(
        url + "/api/v1.0",
        auth=TokenAuth(SecretStr(TOKEN), "Bearer"),
        headers={"SiteId": SITE_ID, "Client": "ApiClient"},
        timeouts=FAST,
        retry=RetryPolicy(attempts=3),
        sleep=sleep,
        service=SERVICE,
        error_mapper=map_error,
    )
    return IncidentIQHelpDesk(iiq_config(url), http=http)


HTTP_CONNECTOR = _iiq_against
