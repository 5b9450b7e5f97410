"""Reset: exactly one effect per idempotency key, unknown and disabled accounts as outcomes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, func, select

from connectors.accounts._tables import reset_keys
from connectors.accounts.base import AccountStore, ResetKind, ResetOutcome
from connectors.accounts.sql import SqlAccountStore
from connectors.errors import PermanentError

from .conftest import ANSWERS, MARA, TEO, FakeClock, StoreFactory

ID = MARA.student_id


def reset(store: SqlAccountStore, key: str, student_id: str = ID) -> ResetOutcome:
    return store.reset(student_id, idempotency_key=key, actor="ticketworker", reason="ticket 42")


def claim_again(store: SqlAccountStore, password: str) -> None:
    outcome = store.claim(ID, MARA.first_name, MARA.last_name, ANSWERS, password)
    assert outcome.ok, outcome


def key_rows(store: SqlAccountStore) -> int:
    with store._begin() as conn:
        return conn.execute(select(func.count()).select_from(reset_keys)).scalar_one()


def test_the_store_satisfies_the_protocol(store: SqlAccountStore) -> None:
    assert isinstance(store, AccountStore)


def test_redelivered_job_after_the_student_claimed_again_does_not_reset_twice(
    claimed: SqlAccountStore, clock: FakeClock
) -> None:
    first = reset(claimed, "job-1")
    assert first.kind is ResetKind.RESET and first.applied_at == clock.now
    first_reset_at = clock.now

    clock.advance(hours=1)
    claim_again(claimed, "after-Reset1")
    clock.advance(hours=1)
    again = reset(claimed, "job-1")  # the same job, delivered twice

    assert again.kind is ResetKind.ALREADY_APPLIED and again.claimable
    assert again.applied_at == first_reset_at
    account = claimed.lookup(ID)
    assert account is not None and account.claimed and account.last_reset_at == first_reset_at
    assert claimed.log_in(ID, "after-Reset1")

    # A new request (new job, new key) does reset again.
    assert reset(claimed, "job-2").kind is ResetKind.RESET
    assert not claimed.log_in(ID, "after-Reset1")


def test_resetting_an_unclaimed_account_is_a_success_that_says_so(store: SqlAccountStore) -> None:
    outcome = reset(store, "job-1")
    assert outcome.kind is ResetKind.ALREADY_UNCLAIMED and outcome.claimable
    account = store.lookup(ID)
    assert account is not None and account.last_reset_at is None, "nothing was changed"

    claim_again(store, "fresh-Pass1")
    replay = reset(store, "job-1")
    assert replay.kind is ResetKind.ALREADY_APPLIED
    assert store.log_in(ID, "fresh-Pass1"), "a replayed key never resets"


@pytest.mark.parametrize("student_id", ["0999999", "412345", "O412345", "04123456", ""])
def test_unknown_account_is_an_outcome_not_an_error(
    store: SqlAccountStore, student_id: str
) -> None:
    outcome = reset(store, "job-x", student_id)
    assert outcome.kind is ResetKind.UNKNOWN_ACCOUNT
    assert not outcome.claimable and outcome.applied_at is None
    assert store.lookup(student_id) is None


def test_account_created_after_an_unknown_answer_is_not_reset_by_the_same_key(
    store: SqlAccountStore,
) -> None:
    late = "0777777"
    assert reset(store, "job-9", late).kind is ResetKind.UNKNOWN_ACCOUNT
    store.create_unclaimed([type(MARA)(late, "Ada", "Quinn")])
    assert store.claim(late, "Ada", "Quinn", ANSWERS, "ada-Pass123").ok

    assert reset(store, "job-9", late).kind is ResetKind.UNKNOWN_ACCOUNT
    assert store.log_in(late, "ada-Pass123")


def test_disabled_account_is_not_reset(claimed: SqlAccountStore) -> None:
    assert claimed.disable([ID]) == 1
    outcome = reset(claimed, "job-1")
    assert outcome.kind is ResetKind.DISABLED_ACCOUNT and not outcome.claimable
    assert not claimed.log_in(ID, "first-Pass1"), "a disabled account cannot log in"

    assert claimed.enable([ID]) == 1
    assert claimed.log_in(ID, "first-Pass1"), "the account kept its password"
    assert reset(claimed, "job-1").kind is ResetKind.DISABLED_ACCOUNT, "the key keeps its answer"
    assert reset(claimed, "job-2").kind is ResetKind.RESET


def test_key_reused_for_another_student_is_refused(claimed: SqlAccountStore) -> None:
    assert reset(claimed, "job-1").kind is ResetKind.RESET
    with pytest.raises(PermanentError, match="different student"):
        reset(claimed, "job-1", TEO.student_id)
    assert reset(claimed, "job-3", TEO.student_id).kind is ResetKind.ALREADY_UNCLAIMED


@pytest.mark.parametrize("key", ["", "k" * 201])
def test_key_must_be_given(store: SqlAccountStore, key: str) -> None:
    with pytest.raises(ValueError, match="idempotency_key"):
        reset(store, key)
    assert key_rows(store) == 0


def run_together(count: int, action: Callable[[int], Any]) -> list[Any]:
    """Run ``action(i)`` in ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def worker(index: int) -> None:
        barrier.wait(timeout=10)
        try:
            results[index] = action(index)
        except Exception as exc:  # collected and asserted on by the caller
            results[index] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("round_", range(3))
def test_two_workers_resetting_with_the_same_key_reset_once(
    make_store: StoreFactory, round_: int
) -> None:
    first, second = make_store(), make_store()  # two processes' stores, one database
    first.create_unclaimed([MARA])
    claim_again(first, "first-Pass1")
    stores = (first, second)

    outcomes = run_together(2, lambda i: reset(stores[i], f"job-{round_}"))

    assert sorted(o.kind for o in outcomes) == [ResetKind.ALREADY_APPLIED, ResetKind.RESET]
    assert key_rows(first) == 1


def test_two_different_requests_at_once_reset_once(make_store: StoreFactory) -> None:
    first, second = make_store(), make_store()
    first.create_unclaimed([MARA])
    claim_again(first, "first-Pass1")
    stores = (first, second)

    outcomes = run_together(2, lambda i: reset(stores[i], f"job-{i}"))

    assert sorted(o.kind for o in outcomes) == [ResetKind.ALREADY_UNCLAIMED, ResetKind.RESET]


@pytest.mark.integration
@pytest.mark.parametrize("make_store", ["postgresql"], indirect=True)
def test_same_key_race_on_an_unknown_account_replays_the_winner(
    make_store: StoreFactory,
) -> None:
    """Nothing to lock for an unknown ID: the key's primary key decides, and the loser replays.

    The competing request commits from inside the first one, between its key lookup and its
    key insert: the interleaving two threads hit only by chance.  PostgreSQL only: SQLite
    writers are serialised by BEGIN IMMEDIATE, so there the interleaving cannot happen.
    """
    store, competitor = make_store(), make_store()
    unknown = "0555555"
    fired = threading.Event()
    competed: list[ResetOutcome] = []

    def compete(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "INSERT INTO" in statement and "portal_reset_keys" in statement and not fired.is_set():
            fired.set()
            competed.append(reset(competitor, "job-7", unknown))

    event.listen(store._engine, "before_cursor_execute", compete)
    try:
        outcome = reset(store, "job-7", unknown)
    finally:
        event.remove(store._engine, "before_cursor_execute", compete)

    assert [o.kind for o in competed] == [ResetKind.UNKNOWN_ACCOUNT]
    assert outcome.kind is ResetKind.UNKNOWN_ACCOUNT
    assert key_rows(store) == 1
