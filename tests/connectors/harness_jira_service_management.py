"""Jira Service Management in the contract suite: the connector against our JSM API server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import JiraServiceManagementConfig
from connectors.helpdesk.jira_service_management import (
    SERVICE,
    JiraServiceManagementHelpDesk,
    map_error,
)
from connectors.http import BasicAuth, HttpClient, RetryPolicy, Timeouts

from .harness import TEACHER, Harness, HarnessEntry
from .jira_service_management_api import AGENT_EMAIL, API_TOKEN, JiraServiceManagementAPI


class JiraServiceManagementHarness(Harness):
    def __init__(self, server: JiraServiceManagementAPI, **overrides: object) -> None:
        self.server = server
        settings: dict[str, object] = {"page_size": 2, **overrides}
        self.config = JiraServiceManagementConfig(
            base_url=server.url, email=AGENT_EMAIL, api_token=SecretStr(API_TOKEN), **settings
        )
        self.sleeps: list[float] = []
        self.desk = JiraServiceManagementHelpDesk(self.config, sleep=self.sleeps.append)

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return str(self.server.raise_request(subject, body, content_type, requester))

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.server.customer_comments(int(ticket_id), body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.server.mailed_to(int(ticket_id), address)


def jsm_server(request: pytest.FixtureRequest, **options: int) -> JiraServiceManagementAPI:
    """A running fake Atlassian site, stopped when the test ends."""
    server = JiraServiceManagementAPI(**options)
    server.__enter__()
    request.addfinalizer(server.__exit__)
    return server


def _make(request: pytest.FixtureRequest) -> Harness:
    return JiraServiceManagementHarness(jsm_server(request))


HARNESS = HarnessEntry(_make)

FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def _jsm_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    config = JiraServiceManagementConfig(
        base_url=url, email=AGENT_EMAIL, api_token=SecretStr(API_TOKEN), page_size=2
    )
    http = HttpClient(
        url,
        auth=BasicAuth(AGENT_EMAIL, SecretStr(API_TOKEN)),
        timeouts=FAST,
        retry=RetryPolicy(attempts=3),
        sleep=sleep,
        service=SERVICE,
        error_mapper=map_error,
    )
    return JiraServiceManagementHelpDesk(config, http=http, sleep=sleep)


HTTP_CONNECTOR = _jsm_against
