"""``POST /hooks/{kind}`` in the console: a verified delivery makes the worker look now; a
forged, replayed, oversized or misdirected one changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import fakeredis
import pytest
from pydantic import SecretStr
from starlette.testclient import TestClient

from worker.console import create_app
from worker.webhooks import WebhookReceiver, poll_taken

from .conftest import Review

SECRET = "a test secret that is long enough to sign sessions"
TOKEN = "hook-token-7f3a"


class Polls:
    """Asked-for polls, run in this process as a worker would run them."""

    def __init__(self, review: Review, store: fakeredis.FakeRedis) -> None:
        self.review, self.store, self.asked = review, store, 0

    def __call__(self) -> None:
        self.asked += 1

    def run(self) -> None:
        poll_taken(self.store)
        self.review.world.run()


Hooked = tuple[TestClient, Polls, Review]


@pytest.fixture()
def hooked(review: Review) -> Iterator[Hooked]:
    store = fakeredis.FakeRedis()
    polls = Polls(review, store)
    receiver = WebhookReceiver("demo", SecretStr(TOKEN), store, polls)
    app = create_app(review.service, review.technicians, secret=SECRET, webhooks=receiver)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client, polls, review


def _deliver(client: TestClient, ticket: str, delivery: str, token: str = TOKEN) -> int:
    headers = {"X-Ticketworker-Token": token, "X-Ticketworker-Delivery": delivery}
    return client.post("/hooks/demo", json={"ticket": ticket}, headers=headers).status_code


def test_a_signed_delivery_gets_the_ticket_read_and_answered(hooked: Hooked) -> None:
    client, polls, review = hooked
    teacher, kids = review.world.teacher_with_students(1)
    kid = kids[0]
    tid = review.world.desk.add_ticket(
        "reset", f"Please reset {kid.given_name} {kid.family_name} {kid.identifier}",
        requester=teacher.email,
    )  # fmt: skip
    assert _deliver(client, tid, "rt-1") == 202
    assert polls.asked == 1
    polls.run()
    assert review.ticket(tid).state == "resolved"
    assert len(review.posted(tid, "reply")) == 1


def test_a_burst_asks_for_one_poll_until_that_poll_starts(hooked: Hooked) -> None:
    client, polls, _ = hooked
    assert [_deliver(client, "5", f"rt-{n}") for n in range(5)] == [202] * 5
    assert polls.asked == 1
    polls.run()
    assert _deliver(client, "5", "rt-6") == 202
    assert polls.asked == 2


def test_forged_replayed_misdirected_and_oversized_deliveries_change_nothing(
    hooked: Hooked,
) -> None:
    client, polls, review = hooked
    teacher, kids = review.world.teacher_with_students(1)
    tid = review.world.desk.add_ticket(
        "reset", f"Please reset {kids[0].given_name} {kids[0].family_name} {kids[0].identifier}",
        requester=teacher.email,
    )  # fmt: skip
    assert _deliver(client, tid, "rt-1", token="guessed") == 401
    assert _deliver(client, tid, "rt-1", token="") == 401
    assert client.post("/hooks/demo", json={"ticket": tid}).status_code == 401
    assert client.post("/hooks/zendesk", json={"ticket": tid}).status_code == 404
    huge = {"X-Ticketworker-Token": TOKEN, "Content-Type": "application/json"}
    assert client.post("/hooks/demo", content=b" " * 300_000, headers=huge).status_code == 413
    assert polls.asked == 0
    assert _deliver(client, tid, "rt-1") == 202
    polls.run()
    assert _deliver(client, tid, "rt-1") == 401  # the same delivery again: a replay
    assert polls.asked == 1


def test_the_endpoint_needs_no_login_but_no_page_opens_without_one(hooked: Hooked) -> None:
    client, _, _ = hooked
    assert client.get("/hooks/demo").status_code == 405
    assert client.get("/queue").status_code == 303  # pages still need a login


def test_without_a_secret_there_is_no_endpoint(review: Review) -> None:
    app = create_app(review.service, review.technicians, secret=SECRET)
    with TestClient(app, base_url="https://testserver") as client:
        assert _deliver(client, "1", "x") == 404
