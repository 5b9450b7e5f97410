"""Request Tracker in the contract suite: the real RT that scripts/rt.sh starts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import SecretStr

from connectors.helpdesk.base import HelpDesk
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from connectors.http import HttpClient, RetryPolicy, Timeouts, TokenAuth

from .harness import TEACHER, Harness, HarnessEntry
from .rt_support import RTOutside


class RTHarness(Harness):
    resolution = 1.0
    # REST2 writes as the API user (root); a ticket whose requester is root's own address
    # lets the test post a genuine requester follow-up.
    followup_requester = "root@localhost"

    def __init__(self, config: RTConfig, outside: RTOutside) -> None:
        self.config = config
        self.outside = outside
        self.desk = RTHelpDesk(config)

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        return self.outside.file_ticket(self.config.queue, subject, body, content_type, requester)

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.outside.correspond(ticket_id, body)

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        return self.outside.mailed_text(ticket_id, address)


def _make(request: pytest.FixtureRequest) -> Harness:
    return RTHarness(request.getfixturevalue("rt_config"), request.getfixturevalue("rt_outside"))


HARNESS = HarnessEntry(_make, marks=(pytest.mark.rt, pytest.mark.integration))

FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def _rt_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    config = RTConfig(base_url=url, token=SecretStr("t0ken"), queue="Q", page_size=2)
    http = HttpClient(
        url + "/REST/2.0",
        auth=TokenAuth(config.token or SecretStr(""), "token"),
        timeouts=FAST,
        retry=RetryPolicy(attempts=3),
        sleep=sleep,
        service="Request Tracker",
    )
    return RTHelpDesk(config, http=http)


HTTP_CONNECTOR = _rt_against
