"""The HelpDesk contract, run against every help-desk connector.

Adding a product: write a ``Harness`` subclass (how the outside world files a ticket in that
product and sees what the worker did), add it to ``HARNESSES``, and, for an HTTP product, add
a factory to ``HTTP_CONNECTORS`` for the error-mapping tests against the local fault server.
SaaS products that cannot run here get a harness backed by vendor-shaped stubs (cite the
vendor's API reference beside them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from connectors.errors import (
    AuthError,
    ConnectorError,
    PermanentError,
    RateLimited,
    TransientError,
)
from connectors.helpdesk.base import HelpDesk, ReviewMark
from connectors.helpdesk.config import DemoHelpdeskConfig, RTConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.helpdesk.rt import RTHelpDesk
from connectors.http import HttpClient, RetryPolicy, Timeouts, TokenAuth

from .fault_server import FaultServer, Reply
from .rt_support import RTOutside

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
        raise NotImplementedError

    def requester_writes(self, ticket_id: str, body: str) -> None:
        raise NotImplementedError

    def mailed_to(self, ticket_id: str, address: str) -> list[str] | None:
        """Bodies the product mailed to ``address``; None when mail is not observable."""
        return None


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


def _demo(request: pytest.FixtureRequest) -> Harness:
    return DemoHarness(request.getfixturevalue("tmp_path"))


def _rt(request: pytest.FixtureRequest) -> Harness:
    return RTHarness(request.getfixturevalue("rt_config"), request.getfixturevalue("rt_outside"))


HARNESSES: dict[str, Callable[[pytest.FixtureRequest], Harness]] = {"demo": _demo, "rt": _rt}
REAL_SERVER = [pytest.mark.rt, pytest.mark.integration]


@pytest.fixture(params=[pytest.param("demo"), pytest.param("rt", marks=REAL_SERVER)])
def harness(request: pytest.FixtureRequest) -> Harness:
    return HARNESSES[request.param](request)


def waiting_ids(desk: HelpDesk, since: datetime | None = None) -> list[str]:
    return [ref.id for ref in desk.list_waiting(updated_since=since)]


# ---------------------------------------------------------------------- listing
def test_paging_returns_every_waiting_ticket_once(harness: Harness) -> None:
    ours = [harness.file(f"Reset batch {n}", PLAIN) for n in range(5)]  # page size is 2
    listed = waiting_ids(harness.desk)
    assert len(listed) == len(set(listed)), "a ticket was listed twice"
    assert set(ours) <= set(listed)
    assert [i for i in listed if i in ours] == ours  # oldest first


def test_resolving_while_listing_skips_nothing(harness: Harness) -> None:
    ours = {harness.file(f"Resolve as we go {n}", PLAIN) for n in range(5)}
    seen = []
    for ref in harness.desk.list_waiting():
        seen.append(ref.id)
        if ref.id in ours:
            harness.desk.resolve(ref.id)
    assert ours <= set(seen)
    assert not ours & set(waiting_ids(harness.desk))


def test_resolved_tickets_stop_being_listed(harness: Harness) -> None:
    keep, done = harness.file("Still open", PLAIN), harness.file("To resolve", PLAIN)
    harness.desk.resolve(done)
    harness.desk.resolve(done)  # idempotent
    listed = waiting_ids(harness.desk)
    assert keep in listed and done not in listed
    assert harness.desk.fetch(done).status == "resolved"


def test_updated_since_lists_only_recent_changes(harness: Harness) -> None:
    old = harness.file("Filed earlier", PLAIN)
    time.sleep(harness.resolution + 0.2)
    cutoff = datetime.now(UTC)
    time.sleep(harness.resolution + 0.2 if harness.resolution else 0.01)
    new = harness.file("Filed later", PLAIN)
    recent = waiting_ids(harness.desk, since=cutoff)
    assert new in recent and old not in recent
    harness.desk.add_note(old, "Looked at it.")
    assert old in waiting_ids(harness.desk, since=cutoff)
    updated = {r.id: r.updated_at for r in harness.desk.list_waiting(updated_since=cutoff)}
    assert (updated[new] or cutoff.min.replace(tzinfo=UTC)) >= cutoff.replace(microsecond=0)


# ---------------------------------------------------------------------- reading
def test_fetch_returns_a_plain_text_ticket(harness: Harness) -> None:
    ticket_id = harness.file("Portal answers: two students", PLAIN)
    ticket = harness.desk.fetch(ticket_id)
    assert ticket.id == ticket_id
    assert (ticket.subject, ticket.requester) == ("Portal answers: two students", TEACHER)
    assert ticket.content_type == "text/plain" and ticket.body.strip() == PLAIN
    assert ticket.category.startswith("Instructional Technology")
    assert ticket.created_at is not None and ticket.updated_at is not None
    assert ticket.status == "new" and ticket.messages == ()


def test_fetch_returns_an_html_ticket(harness: Harness) -> None:
    ticket = harness.desk.fetch(harness.file("HTML request", HTML, "text/html"))
    assert ticket.content_type == "text/html"
    assert "<b>Ivo Strand 0739215</b>" in ticket.body


def test_missing_or_malformed_ids_are_permanent_errors(harness: Harness) -> None:
    for bad in ("999999", "abc", "1 OR 1=1", "-3", ""):
        with pytest.raises(PermanentError):
            harness.desk.fetch(bad)
    with pytest.raises(PermanentError):
        harness.desk.reply("999999", "hello")


# ---------------------------------------------------------------------- writing
def test_reply_and_note_are_readable_back(harness: Harness) -> None:
    ticket_id = harness.file("Please reset", PLAIN)
    harness.desk.reply(ticket_id, "Done: the accounts were reset.")
    harness.desk.add_note(ticket_id, "Internal: checked against the roster.")
    messages = harness.desk.fetch(ticket_id).messages
    assert [(m.body.strip(), m.public, m.from_requester) for m in messages] == [
        ("Done: the accounts were reset.", True, False),
        ("Internal: checked against the roster.", False, False),
    ]
    assert harness.desk.fetch(ticket_id).status == "open"  # a reply opens a new ticket
    mailed = harness.mailed_to(ticket_id, TEACHER)
    if mailed is not None:
        assert any("Done: the accounts were reset." in text for text in mailed)
        assert not any("Internal: checked" in text for text in mailed)


def test_requester_followups_are_marked_as_theirs(harness: Harness) -> None:
    ticket_id = harness.file("List to follow", PLAIN, requester=harness.followup_requester)
    harness.requester_writes(ticket_id, "Also: Wren Hollis 0771234")
    followups = harness.desk.fetch(ticket_id).requester_followups()
    assert [m.body.strip() for m in followups] == ["Also: Wren Hollis 0771234"]
    assert followups[0].public


def test_empty_messages_are_refused(harness: Harness) -> None:
    ticket_id = harness.file("Empty reply", PLAIN)
    with pytest.raises(PermanentError):
        harness.desk.reply(ticket_id, "  \n")
    assert harness.desk.fetch(ticket_id).messages == ()


def test_marks_round_trip_and_clear(harness: Harness) -> None:
    ticket_id = harness.file("Mark me", PLAIN)
    assert harness.desk.get_mark(ticket_id) is ReviewMark.NONE
    for mark in (
        ReviewMark.NEEDS_REVIEW,
        ReviewMark.NEEDS_REVIEW,
        ReviewMark.DONE,
        ReviewMark.NONE,
        ReviewMark.NONE,
        ReviewMark.NEEDS_REVIEW,
    ):
        harness.desk.set_mark(ticket_id, mark)
        assert harness.desk.get_mark(ticket_id) is mark
    listed = {r.id: r.mark for r in harness.desk.list_waiting()}
    assert listed[ticket_id] is ReviewMark.NEEDS_REVIEW


# ---------------------------------------------------------------------- HTTP error mapping
FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


def _rt_against(url: str, sleep: Callable[[float], None]) -> HelpDesk:
    config = RTConfig(base_url=url, token=SecretStr("t0ken"), queue="Q", page_size=2)
    http = HttpClient(
        url + "/REST/2.0",
        auth=TokenAuth(config.token or SecretStr(""), "token"),
        timeouts=FAST,
        retry=RetryPolicy(attempts=3),
        sleep=sleep,
    )
    return RTHelpDesk(config, http=http)


HTTP_CONNECTORS: dict[str, Callable[[str, Callable[[float], None]], HelpDesk]] = {
    "rt": _rt_against,
}


@pytest.fixture(params=sorted(HTTP_CONNECTORS))
def against_faults(request: pytest.FixtureRequest) -> Iterator[tuple[FaultServer, HelpDesk]]:
    with FaultServer() as server:
        yield server, HTTP_CONNECTORS[request.param](server.url, lambda seconds: None)


@pytest.mark.parametrize(
    ("reply", "kind", "tries"),
    [
        (Reply(500), TransientError, 3),
        (Reply(503, b""), TransientError, 3),
        (Reply(429, b"", {"Retry-After": "3600"}), RateLimited, 1),
        (Reply(401, b'{"message":"Unauthorized"}'), AuthError, 1),
        (Reply(403, b'{"message":"Forbidden"}'), AuthError, 1),
        (Reply(400, b'{"message":"Wrong query"}'), PermanentError, 1),
        (Reply(body=b'{"total": 3, "items": ['), PermanentError, 1),
        (
            Reply(body=b"<html>login</html>", headers={"Content-Type": "text/html"}),
            PermanentError,
            1,
        ),
        (Reply(body=b'{"items": "not a list"}'), PermanentError, 1),
        (Reply(delay=1.0), TransientError, 3),
        (Reply(reset=True), TransientError, 3),
    ],
    ids=[
        "500",
        "503",
        "429",
        "401",
        "403",
        "400",
        "truncated-json",
        "html-page",
        "wrong-shape",
        "slow",
        "reset",
    ],
)
def test_http_failures_map_to_error_kinds(
    against_faults: tuple[FaultServer, HelpDesk],
    reply: Reply,
    kind: type[ConnectorError],
    tries: int,
) -> None:
    server, desk = against_faults
    server.default = reply
    with pytest.raises(kind) as caught:
        desk.fetch("7")
    assert type(caught.value) is kind or (
        kind is PermanentError and not isinstance(caught.value, AuthError)
    )
    assert len(server.hits) == tries
    if isinstance(caught.value, RateLimited):
        assert caught.value.retry_after == 3600
