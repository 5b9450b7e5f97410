"""The built-in demo help-desk in the contract suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk

from .harness import TEACHER, Harness, HarnessEntry


class DemoHarness(Harness):
    def __init__(self, path: Path) -> None:
        self.demo = DemoHelpDesk(DemoHelpdeskConfig(path=path), samples=None, page_size=2)
        self.desk = self.demo

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        assert content_type in ("text/plain", "text/html")
        return self.demo.add_ticket(subject, body, requester=requester, content_type=content_type)  # type: ignore[arg-type]

    def requester_writes(self, ticket_id: str, body: str) -> None:
        self.demo.add_followup(ticket_id, body)


def _make(request: pytest.FixtureRequest) -> Harness:
    return DemoHarness(request.getfixturevalue("tmp_path"))


HARNESS = HarnessEntry(_make)
