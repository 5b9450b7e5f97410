"""Zendesk in the contract suite: the connector against our play of Zendesk's API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import ZendeskConfig
from connectors.helpdesk.zendesk import ZendeskHelpDesk
from connectors.http import RetryPolicy, Timeouts

from .harness import TEACHER, Harness, HarnessEntry
from .zendesk_api import ZendeskAPI

GROUP = "Instructional Technology"
FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def zendesk_config(url: str, **changes: object) -> ZendeskConfig:
    """The connector's settings for our Zendesk: its agent's API token, two tickets a page."""
    settings: dict[str, object] = {
        "base_url": url,
        "email": "helpdesk-bot@district.example",
        "api_token": SecretStr("zd-token"),
        "group": GROUP,
        "page_size": 2,
    }
    settings.update(changes)
    return ZendeskConfig.model_validate(settings)


class ZendeskHarness(Harness):
    resolution = 1.0  # Zendesk's timestamps are whole seconds

    def __init__(self, api: ZendeskAPI, **changes: object) -> None:
        self.api = api
        self.desk = ZendeskHelpDesk(
            zendesk_config(api.url, **changes), timeouts=FAST, sleep=lambda seconds: None
        )

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return self.api.file_ticket(GROUP, subject, body, content_type, requester)

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.api.requester_comments(ticket_id, body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.api.mailed_to(address, ticket_id)


def running_zendesk(request: pytest.FixtureRequest) -> ZendeskAPI:
    """A fresh Zendesk account with the worker's group and one other, stopped after the test."""
    api = ZendeskAPI()
    api.__enter__()
    request.addfinalizer(api.__exit__)
    api.add_group("Facilities")
    api.add_group(GROUP)
    return api


def _make(request: pytest.FixtureRequest) -> Harness:
    return ZendeskHarness(running_zendesk(request))


HARNESS = HarnessEntry(_make)


def _zendesk_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    return ZendeskHelpDesk(
        zendesk_config(url), timeouts=FAST, retry=RetryPolicy(attempts=3), sleep=sleep
    )


HTTP_CONNECTOR = _zendesk_against
