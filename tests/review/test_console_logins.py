"""Login throttling per client address as well as per username: nobody locks the team out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import select

from worker.console import create_app
from worker.db.tables import LoginFailureRow
from worker.technicians import LoginPolicy

from .conftest import PASSWORD, Review
from .test_console import SECRET, csrf_of

POLICY = LoginPolicy(limit=5, address_limit=8)


@contextmanager
def from_address(review: Review, address: str) -> Iterator[TestClient]:
    """A browser at ``address`` (the client address the console sees)."""
    app = create_app(review.service, review.technicians, secret=SECRET, logins=POLICY)
    with TestClient(
        app, base_url="https://testserver", follow_redirects=False, client=(address, 50000)
    ) as c:
        yield c


def status(client: TestClient, username: str, password: str) -> int:
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )
    client.cookies.clear()
    return answer.status_code


def test_guessing_a_name_from_elsewhere_does_not_lock_its_owner_out(review: Review) -> None:
    with from_address(review, "203.0.113.9") as attacker:
        assert [status(attacker, "dreyes", f"guess {i}") for i in range(6)] == [401] * 5 + [429]
        # Held even with the right password: the attacker's address has used its tries.
        assert status(attacker, "dreyes", PASSWORD) == 429
    with from_address(review, "10.1.2.3") as owner:
        assert status(owner, "dreyes", PASSWORD) == 303
        # ... and a mistake of the owner's is one mistake, not a lock-out.
        assert status(owner, "dreyes", "typo") == 401
        assert status(owner, "dreyes", PASSWORD) == 303


def test_one_address_trying_many_names_is_held_by_address(review: Review) -> None:
    with from_address(review, "198.51.100.7") as sprayer:
        names = [f"name{i}" for i in range(POLICY.address_limit)]
        assert {status(sprayer, n, "Winter2026!") for n in names} == {401}
        # Under the per-name limit for every name, but the address is used up.
        assert status(sprayer, "kokafor", PASSWORD) == 429
        assert status(sprayer, "a-new-name", "Winter2026!") == 429
    with from_address(review, "10.1.2.4") as colleague:
        assert status(colleague, "kokafor", PASSWORD) == 303
    review.world.tick(16)  # the window has passed: the address may try again
    with from_address(review, "198.51.100.7") as sprayer:
        assert status(sprayer, "kokafor", PASSWORD) == 303


def test_the_failure_table_holds_no_address_or_typed_name(review: Review) -> None:
    with from_address(review, "192.0.2.55") as c:
        assert status(c, "dreyes-typo", "nope") == 401
    with review.world.pipeline.sessions() as s:
        keys = list(s.scalars(select(LoginFailureRow.username)))
    assert len(keys) == 2 and all(len(k) <= 64 for k in keys)
    assert not any("192.0.2.55" in k or "dreyes" in k for k in keys)
