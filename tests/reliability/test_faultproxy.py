"""The fault proxy itself, in front of a local recording server (no other service needed)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pytest
import requests

from tests.connectors.fault_server import FaultServer, Reply

from .faultproxy import FaultProxy

TIMEOUT = 5


@pytest.fixture()
def upstream() -> Iterator[FaultServer]:
    with FaultServer() as server:
        server.default = Reply(201, b'{"done": true}')
        yield server


@pytest.fixture()
def proxy(upstream: FaultServer) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.url) as fault_proxy:
        yield fault_proxy


def test_passes_requests_through_with_the_upstream_host(
    upstream: FaultServer, proxy: FaultProxy
) -> None:
    answer = requests.post(f"{proxy.url}/api/thing?x=1", json={"a": 1}, timeout=TIMEOUT)
    assert (answer.status_code, answer.json()) == (201, {"done": True})
    (hit,) = upstream.hits_on("/api/thing")
    assert (hit.method, hit.query, json.loads(hit.body)) == ("POST", "x=1", {"a": 1})
    assert hit.headers["Host"] == upstream.url.removeprefix("http://")
    assert [(h.action, h.status) for h in proxy.hits_on("/api/thing")] == [("pass", 201)]


def test_fails_n_times_without_forwarding_then_passes(
    upstream: FaultServer, proxy: FaultProxy
) -> None:
    proxy.fail(r"/correspond$", 500, times=2, method="POST")
    statuses = [
        requests.post(f"{proxy.url}/t/1/correspond", json={}, timeout=TIMEOUT).status_code
        for _ in range(3)
    ]
    assert statuses == [500, 500, 201]
    assert len(upstream.hits_on("/t/1/correspond")) == 1  # only the third reached it
    assert requests.get(f"{proxy.url}/t/1/correspond", timeout=TIMEOUT).status_code == 201


def test_rate_limits_with_retry_after_seconds_or_date(proxy: FaultProxy) -> None:
    proxy.rate_limit(r"/a$", "2")
    proxy.rate_limit_until(r"/b$", 30)
    first = requests.get(f"{proxy.url}/a", timeout=TIMEOUT)
    assert (first.status_code, first.headers["Retry-After"]) == (429, "2")
    dated = requests.get(f"{proxy.url}/b", timeout=TIMEOUT)
    ahead = parsedate_to_datetime(dated.headers["Retry-After"]) - datetime.now(UTC)
    assert dated.status_code == 429 and 28 <= ahead.total_seconds() <= 30


def test_hold_applies_the_request_but_the_client_times_out(
    upstream: FaultServer, proxy: FaultProxy
) -> None:
    proxy.hold(r"/correspond$", seconds=3)
    started = time.monotonic()
    with pytest.raises(requests.ReadTimeout):
        requests.post(f"{proxy.url}/t/2/correspond", json={}, timeout=(1, 0.5))
    assert time.monotonic() - started < 2
    assert len(upstream.hits_on("/t/2/correspond")) == 1  # the side effect happened
    # The rule is used up: the next request is answered at once.
    assert requests.post(f"{proxy.url}/t/2/correspond", json={}, timeout=1).status_code == 201


def test_reset_after_forwarding_drops_the_connection(
    upstream: FaultServer, proxy: FaultProxy
) -> None:
    proxy.reset(r"/correspond$")
    with pytest.raises(requests.ConnectionError):
        requests.post(f"{proxy.url}/t/3/correspond", json={}, timeout=TIMEOUT)
    assert len(upstream.hits_on("/t/3/correspond")) == 1


def test_malformed_answers_are_not_json_for_ever(upstream: FaultServer, proxy: FaultProxy) -> None:
    proxy.malformed(r"/t/4/attachments$")
    for _ in range(3):
        answer = requests.get(f"{proxy.url}/t/4/attachments", timeout=TIMEOUT)
        assert answer.status_code == 200
        with pytest.raises(ValueError):
            answer.json()
    assert not upstream.hits_on("/t/4/attachments")
    assert requests.get(f"{proxy.url}/t/5/attachments", timeout=TIMEOUT).json() == {"done": True}


def test_delay_answers_late_and_shutdown_ends_the_wait(upstream: FaultServer) -> None:
    with FaultProxy(upstream.url) as proxy:
        proxy.delay(r"/slow$", seconds=0.6)
        started = time.monotonic()
        assert requests.get(f"{proxy.url}/slow", timeout=TIMEOUT).status_code == 201
        assert time.monotonic() - started >= 0.6
        proxy.delay(r"/slower$", seconds=60)
        with pytest.raises(requests.ReadTimeout):
            requests.get(f"{proxy.url}/slower", timeout=(1, 0.3))
        closing = time.monotonic()
    assert time.monotonic() - closing < 5  # the 60 s delay did not hold up the shutdown


def test_forwards_only_to_loopback() -> None:
    with pytest.raises(ValueError):
        FaultProxy("http://192.0.2.10:8080")
