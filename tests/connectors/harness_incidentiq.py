"""Incident IQ in the contract suite: our server playing its API (incidentiq_api.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import IncidentIQConfig
from connectors.helpdesk.incidentiq import IncidentIQHelpDesk, map_error, vendor_headers
from connectors.http import HttpClient, RetryPolicy, Timeouts, TokenAuth

from .harness import TEACHER, Harness, HarnessEntry
from .incidentiq_api import IncidentIQServer

CATEGORY = "Instructional Technology"
FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def config_for(server: IncidentIQServer, **changes: object) -> IncidentIQConfig:
    """A config aimed at ``server``, two tickets a page so paging is exercised."""
    values: dict[str, object] = {
        "base_url": server.url,
        "token": SecretStr(server.token),
        "site_id": server.site_id,
        "api_user_id": server.api_user_id,
        "category": CATEGORY,
        "page_size": 2,
    }
    return IncidentIQConfig.model_validate(values | changes)


def started_server() -> IncidentIQServer:
    """A server with the category, another category, and the mark's two tags."""
    server = IncidentIQServer()
    server.add_category(CATEGORY)
    server.add_category("Facilities")
    server.add_tag("ticketworker-needs-review")
    server.add_tag("ticketworker-done")
    server.add_tag("Loaner Cart")
    server.__enter__()
    return server


class IncidentIQHarness(Harness):
    def __init__(self, server: IncidentIQServer, config: IncidentIQConfig) -> None:
        self.server = server
        self.config = config
        self.desk = IncidentIQHelpDesk(config)

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return self.server.file_ticket(subject, body, requester, self.config.category)

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.server.requester_comments(ticket_id, body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.server.mailed_to(ticket_id, address)


def _make(request: pytest.FixtureRequest) -> Harness:
    server = started_server()
    request.addfinalizer(server.__exit__)
    return IncidentIQHarness(server, config_for(server))


HARNESS = HarnessEntry(_make)


def _incidentiq_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    config = IncidentIQConfig(
        base_url=url,
        token=SecretStr("t0ken"),
        site_id="bb6cece8-e4f4-e511-a789-005056bb000e",
        api_user_id="a215e88e-14be-ef11-88cf-6045bdb6b1c8",
        page_size=2,
    )
    http = HttpClient(
        url + "/api/v1.0",
        auth=TokenAuth(config.token),
        timeouts=FAST,
        retry=RetryPolicy(attempts=3),
        headers=vendor_headers(config),
        sleep=sleep,
        service="Incident IQ",
        error_mapper=map_error,
    )
    return IncidentIQHelpDesk(config, http=http)


HTTP_CONNECTOR = _incidentiq_against
