"""Transient failures are retried a bounded number of times; bad records become issues."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pydantic import SecretStr

from connectors.errors import RateLimited, TransientError
from connectors.http import RetryPolicy
from connectors.roster.config import OneRosterRestConfig
from connectors.roster.oneroster_rest import OneRosterRestSource

from .oneroster_server import OneRosterState

Make = Callable[..., OneRosterRestSource]


def test_a_page_that_fails_once_is_retried(
    state: OneRosterState, make_source: Make, sleeps: list[float]
) -> None:
    state.faults.fail_once.add(("users", 20))
    roster = make_source(page_size=10).load()

    assert len(roster.users) == 49 and roster.issues == ()
    statuses = [(e.query["offset"], e.status) for e in state.requests_to("/users")]
    assert statuses.count(("20", 500)) == 1 and statuses.count(("20", 200)) == 1
    assert len(sleeps) == 1 and 0.5 <= sleeps[0] <= 1.0  # jittered backoff, first step


def test_a_page_that_keeps_failing_gives_up_after_the_attempts(
    state: OneRosterState, make_source: Make, sleeps: list[float]
) -> None:
    state.faults.fail_always.add("users")
    with pytest.raises(TransientError, match="HTTP 500"):
        make_source(source_options={"retry": RetryPolicy(attempts=3)}).load()
    assert len(state.requests_to("/users")) == 3 and len(sleeps) == 2


def test_429_waits_as_long_as_retry_after_says(
    state: OneRosterState, make_source: Make, sleeps: list[float]
) -> None:
    state.faults.rate_limit_once[("users", 10)] = "7"
    roster = make_source(page_size=10).load()

    assert len(roster.users) == 49
    assert len(sleeps) == 1 and 7.0 <= sleeps[0] <= 7.25  # never earlier than asked
    assert [e.status for e in state.requests_to("/users")].count(429) == 1


def test_retry_after_as_an_http_date(
    state: OneRosterState, make_source: Make, sleeps: list[float]
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    state.faults.rate_limit_once[("orgs", 0)] = format_datetime(when, usegmt=True)
    make_source(source_options={"retry": RetryPolicy(max_wait=60.0)}).load()
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30.25


def test_a_retry_after_beyond_the_cap_is_left_to_the_caller(
    state: OneRosterState, make_source: Make, sleeps: list[float]
) -> None:
    state.faults.rate_limit_once[("orgs", 0)] = "600"
    with pytest.raises(RateLimited) as raised:
        make_source(source_options={"retry": RetryPolicy(max_wait=60.0)}).load()
    assert raised.value.retry_after == 600.0
    assert sleeps == []  # the Celery task retries later; the worker is not blocked 10 minutes


def test_a_server_that_does_not_answer_times_out(state: OneRosterState, make_source: Make) -> None:
    state.faults.hang_seconds = 1.0
    with pytest.raises(TransientError, match="timed out"):
        make_source(timeout_seconds=0.2, source_options={"retry": RetryPolicy(attempts=2)}).load()


def test_a_closed_port_is_a_transient_error(sleeps: list[float]) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = OneRosterRestConfig(
        base_url=f"http://127.0.0.1:{port}/ims/oneroster/v1p1",
        token_url=f"http://127.0.0.1:{port}/oauth/token",
        client_id="x",
        client_secret=SecretStr("y"),
        timeout_seconds=2.0,
    )
    with pytest.raises(TransientError, match="connection failed"):
        OneRosterRestSource(config, sleep=sleeps.append, retry=RetryPolicy(attempts=2)).load()
    assert len(sleeps) == 1


def test_malformed_records_are_reported_with_endpoint_page_offset_and_field(
    state: OneRosterState, make_source: Make
) -> None:
    state.users[13]["identifier"] = "  "  # student without a student number (offset 10, page 2)
    state.users[21]["enabledUser"] = "yes"
    state.users[22]["enabledUser"] = 1
    del state.users[33]["givenName"]
    state.users[34]["familyName"] = None
    state.users[40] = ["not", "an", "object"]  # type: ignore[call-overload]
    state.orgs[2]["sourcedId"] = ""

    roster = make_source(page_size=10).load()

    found = [(i.file, i.line, i.field) for i in roster.issues]
    assert found == [
        ("/orgs page 1 (offset 0)", 3, "sourcedId"),
        ("/users page 2 (offset 10)", 14, "identifier"),
        ("/users page 3 (offset 20)", 22, "enabledUser"),
        ("/users page 3 (offset 20)", 23, "enabledUser"),
        ("/users page 4 (offset 30)", 34, "givenName"),
        ("/users page 4 (offset 30)", 35, "familyName"),
        ("/users page 5 (offset 40)", 41, None),
    ]
    assert "'yes' is not true or false" in roster.issues[2].message
    assert roster.issues[4].message == "is missing"
    assert "not a JSON object" in roster.issues[6].message
    assert len(roster.users) == 49 - 6 and len(roster.orgs) == len(state.orgs) - 1
    assert {u.sourced_id for u in roster.users}.isdisjoint({"stu-00013", "stu-00033"})


def test_a_student_number_held_twice_is_reported_and_both_kept(
    state: OneRosterState, make_source: Make
) -> None:
    state.users[30]["identifier"] = state.users[2]["identifier"]
    roster = make_source(page_size=10).load()

    (issue,) = roster.issues
    assert (issue.file, issue.line, issue.field) == ("/users", 31, "identifier")
    assert issue.message == "same identifier as /users:3"
    assert state.users[2]["identifier"] not in str(issue)
    assert len(roster.users) == 49
