"""Request Tracker misbehaving between a real worker and a real RT (RELIABILITY R9-R13, R18).

The worker and beat talk to RT through :class:`FaultProxy`; the test files tickets and reads
results straight from RT.  Each test ends with the global invariants (I1-I3, I5).
"""

from __future__ import annotations

import random
import re
import time

import pytest

from .deployment import Deployment
from .faultproxy import FaultProxy
from .roster import SCHOOL_A
from .world import World

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.slow]

REDIS_DB = 13
READ_TIMEOUT = 3.0  # TICKETWORKER_HELPDESK__TIMEOUT_SECONDS in World.env


def _start(world: World, deployment: Deployment, proxy: FaultProxy) -> None:
    deployment.env = world.env(proxy.url)
    deployment.worker()
    deployment.beat()


def _reply_lost_after_rt_applied_it(
    world: World, proxy: FaultProxy, deployment: Deployment, fault: str, hold: float = 0.0
) -> None:
    """R11/R13: RT applies the reply, but its answer never reaches the worker."""
    students = world.roster.at(SCHOOL_A)
    lost = world.ask_reset("answer-lost", students[:2])
    bystander = world.ask_reset("bystander", students[2:3])
    correspond = rf"/ticket/{lost.hid}/correspond$"
    if fault == "hold":  # past the read timeout (R11)
        proxy.hold(correspond, seconds=hold, method="POST")
    else:  # connection reset once RT has answered (R13)
        proxy.reset(correspond, method="POST")
    _start(world, deployment, proxy)
    took = world.settle(deployment, timeout=60)

    # RT received the reply once and applied it (201).
    (posted,) = proxy.hits_on(correspond, "POST")
    assert posted.action == fault and posted.status in (200, 201)
    # The worker saw a failure and tried again: it read the ticket's history (where it found
    # the marker) rather than posting a second time.
    worker_log = deployment.log("worker")
    assert re.search(r"flush_outbox\[.*retry: Retry in", worker_log), deployment.tail()
    reread = [
        h for h in proxy.hits_on(rf"/ticket/{lost.hid}/attachments$", "GET") if h.at > posted.at
    ]
    assert reread, "the retry did not look for the marker"
    assert proxy.hits_on(rf"/ticket/{bystander.hid}/correspond$", "POST")
    world.assert_exactly_once(deployment)
    print(f"\nR11/R13 {fault} {hold:.1f} s: settled in {took:.1f} s")


def test_r11_reply_applied_but_timed_out_is_not_posted_again(
    world: World, rt_proxy: FaultProxy, deployment: Deployment
) -> None:
    _reply_lost_after_rt_applied_it(world, rt_proxy, deployment, "hold", READ_TIMEOUT + 5)
    assert "timed out" in deployment.log("worker")


def test_r13_reply_applied_but_connection_reset_is_not_posted_again(
    world: World, rt_proxy: FaultProxy, deployment: Deployment
) -> None:
    _reply_lost_after_rt_applied_it(world, rt_proxy, deployment, "reset")
    assert "connection failed" in deployment.log("worker")


@pytest.mark.chaos
@pytest.mark.parametrize("run", range(5))
def test_r11_repeated_with_random_hold(
    world: World, rt_proxy: FaultProxy, deployment: Deployment, run: int
) -> None:
    hold = random.uniform(READ_TIMEOUT + 0.5, READ_TIMEOUT + 12)
    _reply_lost_after_rt_applied_it(world, rt_proxy, deployment, "hold", hold)


def test_r9_r10_rt_errors_and_rate_limits_are_retried_with_backoff(
    world: World, rt_proxy: FaultProxy, deployment: Deployment
) -> None:
    students = world.roster.at(SCHOOL_A)
    errors = world.ask_reset("five-hundreds", students[0:1])
    limited = world.ask_reset("retry-after-seconds", students[1:2])
    dated = world.ask_reset("retry-after-date", students[2:3])
    paths = {
        label: rf"/ticket/{world.filed[label].hid}/correspond$"
        for label in ("five-hundreds", "retry-after-seconds", "retry-after-date")
    }
    rt_proxy.fail(paths["five-hundreds"], 500, times=3, method="POST")
    rt_proxy.rate_limit(paths["retry-after-seconds"], "2", method="POST")
    rt_proxy.rate_limit_until(paths["retry-after-date"], 4.0, method="POST")
    started = time.monotonic()
    _start(world, deployment, rt_proxy)
    took = world.settle(deployment, timeout=60)

    # R9: three 500s, then the fourth try goes through; backoff grows between tries.
    tries = rt_proxy.hits_on(paths["five-hundreds"], "POST")
    assert [(h.action, h.status) for h in tries] == [("fail", 500)] * 3 + [("pass", 201)]
    gaps = [b.at - a.at for a, b in zip(tries, tries[1:], strict=False)]
    assert gaps[0] >= 0.5 and gaps[1] >= 1.0 and gaps[2] >= 2.0, gaps
    assert tries[-1].at - tries[0].at <= 15, gaps
    # R10: Retry-After in seconds is honoured: the next request comes >= 2 s later.
    first, second = rt_proxy.hits_on(paths["retry-after-seconds"], "POST")
    assert (first.status, second.status) == (429, 201)
    assert second.at - first.at >= 2.0, second.at - first.at
    # ... and as an HTTP-date (whole seconds, so 3 to 4 s ahead when it was sent).
    first, second = rt_proxy.hits_on(paths["retry-after-date"], "POST")
    assert (first.status, second.status) == (429, 201)
    assert second.at - first.at >= 2.9, second.at - first.at
    world.assert_exactly_once(deployment)
    assert errors.hid and limited.hid and dated.hid
    print(f"\nR9/R10: settled in {took:.1f} s ({time.monotonic() - started:.1f} s with start-up)")


def test_r18_a_poll_waking_a_ticket_while_its_reply_is_posted_lets_it_resolve(
    world: World, rt_proxy: FaultProxy, deployment: Deployment
) -> None:
    """Our own reply changes the ticket in RT; a poll sees that and wakes it while the
    flush is still marking and resolving it.  Both must finish: resolved in RT and DB."""
    students = world.roster.at(SCHOOL_A)
    racing = world.ask_reset("racing", students[:1])
    ticket, attachments = rf"/ticket/{racing.hid}$", rf"/ticket/{racing.hid}/attachments$"
    # Setting the mark takes several poll intervals (1 s), so a poll sees the posted reply
    # and wakes the ticket ...
    rt_proxy.delay(ticket, seconds=4.0, times=1, method="PUT")
    # ... and every read of the ticket is slow, so the woken read is still going on when
    # the flush ends.  (Set before the start: a poll may wake it before this test could
    # notice the reply.)  The first read is the worker's own, the second the woken one.
    rt_proxy.delay(attachments, seconds=3.0, times=2, method="GET")
    _start(world, deployment, rt_proxy)
    took = world.settle(deployment, timeout=60)
    reads = [h for h in rt_proxy.hits_on(attachments) if h.action == "delay"]
    assert len(reads) >= 2, "no poll woke the ticket during its flush"
    world.assert_exactly_once(deployment)
    print(f"\nR18 (wake during flush): settled in {took:.1f} s")
