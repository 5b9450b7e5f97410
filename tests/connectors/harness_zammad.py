"""Zammad in the contract suite: the connector against our play of Zammad's API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import ZammadConfig
from connectors.helpdesk.zammad import ZammadHelpDesk
from connectors.http import RetryPolicy, Timeouts

from .harness import TEACHER, Harness, HarnessEntry
from .zammad_api import ZammadAPI

GROUP = "Instructional Technology"
FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def zammad_config(url: str, **changes: object) -> ZammadConfig:
    """The connector's settings for our Zammad: its agent's token, two tickets a page."""
    settings: dict[str, object] = {
        "base_url": url,
        "token": SecretStr("zm-token"),
        "group": GROUP,
        "page_size": 2,
    }
    settings.update(changes)
    return ZammadConfig.model_validate(settings)


class ZammadHarness(Harness):
    def __init__(self, api: ZammadAPI, **changes: object) -> None:
        self.api = api
        self.desk = ZammadHelpDesk(
            zammad_config(api.url, **changes), timeouts=FAST, sleep=lambda seconds: None
        )

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return self.api.file_ticket(GROUP, subject, body, content_type, requester)

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.api.customer_writes(ticket_id, body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.api.mailed_to(address, ticket_id)


def running_zammad(request: pytest.FixtureRequest) -> ZammadAPI:
    """A fresh Zammad with the worker's group and one other, stopped after the test."""
    api = ZammadAPI()
    api.__enter__()
    request.addfinalizer(api.__exit__)
    api.add_group("Facilities")
    api.add_group(GROUP)
    return api


def _make(request: pytest.FixtureRequest) -> Harness:
    return ZammadHarness(running_zammad(request))


HARNESS = HarnessEntry(_make)


def _zammad_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    return ZammadHelpDesk(
        zammad_config(url), timeouts=FAST, retry=RetryPolicy(attempts=3), sleep=sleep
    )


HTTP_CONNECTOR = _zammad_against
