"""The world around a help-desk connector in the contract suite, and how products join it.

A product's module ``tests/connectors/harness_<kind>.py`` defines:

- ``HARNESS = HarnessEntry(make, marks)``: ``make(request)`` returns a :class:`Harness` (the
  connector, plus how a teacher files a ticket there and how the test sees what was posted);
  ``marks`` are the pytest marks its tests carry (``rt``/``integration`` for a real server);
- optionally ``HTTP_CONNECTOR``: ``(url, sleep) -> HelpDesk`` aimed at the fault server, for the
  error-mapping tests (every HTTP product has one).

Modules are found by name, so adding a product edits nothing shared.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from connectors.helpdesk.base import HelpDesk

TEACHER = "p.quenby@lakeside.example"
PLAIN = "Please reset the portal answers for:\nIvo Strand 0739215\nNell Rook 0740021\nmerci, é"
HTML = "<p>Please reset <b>Ivo Strand 0739215</b></p><ul><li>Nell Rook 0740021</li></ul>"


class Harness:
    """One connector plus the outside world around it (filing tickets, seeing results)."""

    desk: HelpDesk
    #: Granularity of ``updated_since`` in seconds (RT compares whole seconds).
    resolution: float = 0.0
    #: The requester whose follow-ups ``requester_writes`` can post.
    followup_requester: str = TEACHER

    def file(
        self, subject: str, body: str, content_type: str = "text/plain", requester: str = TEACHER
    ) -> str:
        """File a ticket in the configured category/queue as ``requester``; its id."""
        raise NotImplementedError

    def requester_writes(self, ticket_id: str, body: str) -> None:
        """The requester adds a public message to the ticket."""
        raise NotImplementedError

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        """Bodies the product mailed (or showed) to ``address``; None when not observable."""
        return None


@dataclass(frozen=True)
class HarnessEntry:
    make: Callable[[pytest.FixtureRequest], Harness]
    marks: Sequence[Any] = field(default_factory=tuple)


HttpConnectorFactory = Callable[[str, Callable[[float], None]], HelpDesk]


def _discover() -> tuple[dict[str, HarnessEntry], dict[str, HttpConnectorFactory]]:
    harnesses: dict[str, HarnessEntry] = {}
    http: dict[str, HttpConnectorFactory] = {}
    for path in sorted(Path(__file__).parent.glob("harness_*.py")):
        kind = path.stem.removeprefix("harness_")
        module = importlib.import_module(f"{__package__}.{path.stem}")
        harnesses[kind] = module.HARNESS
        if hasattr(module, "HTTP_CONNECTOR"):
            http[kind] = module.HTTP_CONNECTOR
    return harnesses, http


HARNESSES, HTTP_CONNECTORS = _discover()
