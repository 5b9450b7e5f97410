"""The one contract every account store passes, against its real backing system.

Parametrised over :data:`.store_harness.HARNESSES`: each case prepares and inspects the
backing system through the kind's harness (directly: SQL rows, LDAP entries...) and drives
only the store's public methods.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from connectors.accounts.base import (
    AccountNames,
    AccountStore,
    AccountSummary,
    ResetKind,
    ResetOutcome,
)
from connectors.errors import AuthError, TransientError

from .store_harness import HARNESSES, StoredState, StoreHarness

# Invented students: a hyphen, an apostrophe, an inner space, a non-ASCII letter.
MARA = AccountNames("0412345", "Mara-Lynn", "O'Donnell")
TEO = AccountNames("0400017", "Teo", "De La Cruz")
ZOE = AccountNames("0400023", "Zoë", "Okafor")
FIRST_PASSWORD = "first-Pass1"
SECOND_PASSWORD = "second-Pass2"


@pytest.fixture(params=[pytest.param(kind, marks=entry.marks) for kind, entry in HARNESSES.items()])
def harness(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    yield from HARNESSES[request.param].factory(request)


@pytest.fixture
def store(harness: StoreHarness) -> AccountStore:
    harness.create_directly([MARA, TEO])
    return harness.store()


def reset(store: AccountStore, key: str, student_id: str = MARA.student_id) -> ResetOutcome:
    return store.reset(student_id, idempotency_key=key, actor="ticketworker", reason="ticket 42")


def state(harness: StoreHarness, student: AccountNames = MARA) -> StoredState:
    found = harness.read_directly(student.student_id)
    assert found is not None, "the account is still there"
    return found


def test_reset_of_a_claimed_account_unclaims_it_and_the_old_password_stops_working(
    harness: StoreHarness, store: AccountStore
) -> None:
    harness.portal_claim(MARA, FIRST_PASSWORD)
    assert harness.signs_in(MARA.student_id, FIRST_PASSWORD)
    assert state(harness).claimed and state(harness).has_challenge_answers

    outcome = reset(store, "job-1")

    assert outcome.kind is ResetKind.RESET and outcome.claimable
    assert outcome.applied_at is not None
    after = state(harness)
    assert not after.claimed and not after.has_challenge_answers and not after.disabled
    assert not harness.signs_in(MARA.student_id, FIRST_PASSWORD)
    account = store.lookup(MARA.student_id)
    assert account is not None and not account.claimed
    assert (account.first_name, account.last_name) == (MARA.first_name, MARA.last_name)
    # The other student was not touched.
    assert state(harness, TEO) == StoredState(TEO.first_name, TEO.last_name, False, False, False)

    # The student claims again, as the portal lets an unclaimed account be claimed.
    harness.portal_claim(MARA, SECOND_PASSWORD)
    assert harness.signs_in(MARA.student_id, SECOND_PASSWORD)
    assert not harness.signs_in(MARA.student_id, FIRST_PASSWORD)


def test_reset_of_an_unclaimed_account_changes_nothing_and_says_so(
    harness: StoreHarness, store: AccountStore
) -> None:
    before = state(harness)
    outcome = reset(store, "job-1")
    assert outcome.kind is ResetKind.ALREADY_UNCLAIMED and outcome.claimable
    assert state(harness) == before

    harness.portal_claim(MARA, FIRST_PASSWORD)
    assert reset(store, "job-1").kind is ResetKind.ALREADY_APPLIED
    assert harness.signs_in(MARA.student_id, FIRST_PASSWORD), "a replayed key never resets"


def test_the_same_key_twice_has_one_effect(harness: StoreHarness, store: AccountStore) -> None:
    harness.portal_claim(MARA, FIRST_PASSWORD)
    first = reset(store, "job-1")
    again = reset(store, "job-1")
    assert first.kind is ResetKind.RESET
    assert again.kind is ResetKind.ALREADY_APPLIED and again.claimable
    assert again.applied_at is not None and first.applied_at is not None
    assert abs((again.applied_at - first.applied_at).total_seconds()) < 1


def test_a_stale_redelivery_after_the_student_claimed_again_changes_nothing(
    harness: StoreHarness, store: AccountStore
) -> None:
    harness.portal_claim(MARA, FIRST_PASSWORD)
    assert reset(store, "job-1").kind is ResetKind.RESET
    harness.portal_claim(MARA, SECOND_PASSWORD)

    stale = reset(store, "job-1")

    assert stale.kind is ResetKind.ALREADY_APPLIED
    after = state(harness)
    assert after.claimed and after.has_challenge_answers
    assert harness.signs_in(MARA.student_id, SECOND_PASSWORD)
    # A new request (a new job, a new key) does reset again.
    assert reset(store, "job-2").kind is ResetKind.RESET
    assert not harness.signs_in(MARA.student_id, SECOND_PASSWORD)


@pytest.mark.parametrize("student_id", ["0999999", "412345", "04123456", ""])
def test_an_unknown_account_is_an_outcome(store: AccountStore, student_id: str) -> None:
    assert reset(store, "job-x", student_id).kind is ResetKind.UNKNOWN_ACCOUNT
    assert store.lookup(student_id) is None


def test_a_disabled_account_is_not_reset(harness: StoreHarness, store: AccountStore) -> None:
    harness.portal_claim(MARA, FIRST_PASSWORD)
    harness.disable_directly(MARA.student_id)

    outcome = reset(store, "job-1")

    assert outcome.kind is ResetKind.DISABLED_ACCOUNT and not outcome.claimable
    after = state(harness)
    assert after.claimed and after.disabled and after.has_challenge_answers
    account = store.lookup(MARA.student_id)
    assert account is not None and account.disabled
    assert reset(store, "job-1").kind is ResetKind.DISABLED_ACCOUNT, "the replay says the same"


def test_a_write_applied_whose_answer_was_lost_is_settled_by_reading_back(
    harness: StoreHarness, store: AccountStore
) -> None:
    harness.portal_claim(MARA, FIRST_PASSWORD)
    outcome: ResetOutcome | None = None
    with harness.answer_lost_on_next_write() as losing:
        try:
            outcome = reset(losing, "job-1")
        except TransientError:
            assert not harness.read_back_decides, "this store reads back: it must not raise"
    if harness.read_back_decides:
        assert outcome is not None and outcome.kind is ResetKind.RESET
    assert not state(harness).claimed
    assert not harness.signs_in(MARA.student_id, FIRST_PASSWORD)

    redelivered = reset(store, "job-1")
    assert redelivered.kind is ResetKind.ALREADY_APPLIED
    harness.portal_claim(MARA, SECOND_PASSWORD)
    assert reset(store, "job-1").kind is ResetKind.ALREADY_APPLIED
    assert harness.signs_in(MARA.student_id, SECOND_PASSWORD)


def test_refused_credentials_are_an_auth_error(harness: StoreHarness) -> None:
    harness.create_directly([MARA])
    refused = harness.store_with_refused_credentials()
    with pytest.raises(AuthError):
        refused.lookup(MARA.student_id)
    with pytest.raises(AuthError):
        reset(refused, "job-1")
    assert not state(harness).disabled


def test_the_server_down_is_transient_and_quick(harness: StoreHarness) -> None:
    down = harness.store_with_server_down()
    started = time.monotonic()
    with pytest.raises(TransientError):
        down.lookup(MARA.student_id)
    with pytest.raises(TransientError):
        reset(down, "job-1")
    with pytest.raises(TransientError):
        list(down.all_accounts())
    assert time.monotonic() - started < 20


def roster(count: int, start: int = 100000) -> list[AccountNames]:
    return [AccountNames(f"0{start + n:06d}", f"First{n}", f"Last-{n}") for n in range(count)]


def test_reconcile_streams_creates_renames_disables_and_enables_in_bulk(
    harness: StoreHarness,
) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    harness.portal_claim(MARA, FIRST_PASSWORD)
    new = roster(40)

    assert store.create_unclaimed([*new, MARA, ZOE]) == len(new) + 1, "existing IDs left alone"
    assert state(harness).claimed, "an existing account is not recreated"
    assert state(harness, ZOE) == StoredState(ZOE.first_name, ZOE.last_name, False, False, False)

    streamed = list(store.all_accounts())
    assert [a.student_id for a in streamed] == sorted(r.student_id for r in [*new, MARA, ZOE])
    mara = next(a for a in streamed if a.student_id == MARA.student_id)
    assert mara == AccountSummary(MARA.student_id, MARA.first_name, MARA.last_name, True, False)

    renamed = [AccountNames(r.student_id, r.first_name, f"{r.last_name} Renamed") for r in new[:5]]
    unknown = AccountNames("0999998", "No", "One")
    assert store.update_names([*renamed, unknown]) == 5
    assert state(harness, new[0]).last_name == f"{new[0].last_name} Renamed"
    assert state(harness, new[5]).last_name == new[5].last_name

    leaving = [MARA.student_id, *(r.student_id for r in new[10:20])]
    assert store.disable([*leaving, "0999998"]) == 11
    assert store.disable(leaving) == 0, "only accounts whose state changed count"
    assert state(harness).disabled and state(harness).claimed
    assert not harness.signs_in(MARA.student_id, FIRST_PASSWORD), "a disabled account is shut"
    assert state(harness, new[9]).disabled is False
    disabled = {a.student_id for a in store.all_accounts() if a.disabled}
    assert disabled == set(leaving)

    assert store.enable(leaving[:3]) == 3
    assert not state(harness).disabled
    assert harness.signs_in(MARA.student_id, FIRST_PASSWORD), "enable gives the account back"
    assert {a.student_id for a in store.all_accounts() if a.disabled} == set(leaving[3:])


def test_bulk_input_is_checked_before_anything_is_written(harness: StoreHarness) -> None:
    store = harness.store()
    with pytest.raises(ValueError, match="record 1"):
        store.create_unclaimed([TEO, AccountNames("41234", "Bad", "Id")])
    with pytest.raises(ValueError):
        store.create_unclaimed([AccountNames(ZOE.student_id, " ", "Okafor")])
    assert harness.read_directly(TEO.student_id) is None
    assert list(store.all_accounts()) == []
