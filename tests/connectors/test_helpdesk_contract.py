"""The HelpDesk contract, run against every help-desk connector.

Each product joins with a module ``tests/connectors/harness_<kind>.py`` (found by name, so no
edit here) that defines ``HARNESS``, a :class:`~tests.connectors.harness.HarnessEntry`: how the
outside world files a ticket in that product and sees what the worker did.  An HTTP product also
defines ``HTTP_CONNECTOR``, a factory for the error-mapping tests against the local fault server.
SaaS products that cannot run here are played by a server of ours that behaves as the vendor's
API reference documents (tests/connectors/vendor_server.py), never a stub.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from connectors.errors import (
    AuthError,
    ConnectorError,
    PermanentError,
    RateLimited,
    TransientError,
)
from connectors.helpdesk.base import HelpDesk, ReviewMark

from .fault_server import FaultServer, Reply
from .harness import (
    HARNESSES,
    HTML,
    HTTP_CONNECTORS,
    PLAIN,
    TEACHER,
    Harness,
)


@pytest.fixture(params=[pytest.param(k, marks=e.marks) for k, e in sorted(HARNESSES.items())])
def harness(request: pytest.FixtureRequest) -> Harness:
    return HARNESSES[request.param].make(request)


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
        (Reply(429, b""), RateLimited, 3),
        (Reply(404, b'{"message":"Not Found"}'), PermanentError, 1),
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
        "429-retry-after",
        "429-no-retry-after",
        "404",
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
    if isinstance(caught.value, RateLimited) and reply.headers.get("Retry-After"):
        assert caught.value.retry_after == 3600
    if reply.status != 200 and not reply.reset and not reply.delay:
        assert caught.value.status == reply.status, "the error must carry the HTTP status"
    assert caught.value.service, "the error must name the service"
