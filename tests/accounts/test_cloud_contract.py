"""The account-store contract for the cloud kinds, over the project's own vendor APIs.

The same cases as the issue's contract list (and the shared suite's, through the same
harnesses): reset claimed and unclaimed accounts, a key twice, a stale redelivery after the
student claimed again, unknown and disabled accounts, an answer lost after the write,
refused credentials, the server down, and reconciliation's stream, create, rename, disable
and enable in bulk.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from connectors.accounts.base import AccountNames, AccountStore, ResetKind, ResetOutcome
from connectors.errors import AuthError, TransientError

from .harness_cloud import ANSWERS, CloudHarness, entra_harness, google_harness

MARA = AccountNames("0412345", "Mara-Lynn", "O'Donnell")
TEO = AccountNames("0400017", "Teo", "De La Cruz")
OLD_PASSWORD = "first-Pass1"
NEW_PASSWORD = "second-Pass2"


@pytest.fixture(params=["google_workspace", "entra"])
def harness(request: pytest.FixtureRequest) -> Iterator[Any]:
    factory = google_harness if request.param == "google_workspace" else entra_harness
    yield from factory(request)


def reset(store: AccountStore, key: str, student_id: str = MARA.student_id) -> ResetOutcome:
    return store.reset(student_id, idempotency_key=key, actor="ticketworker", reason="ticket 42")


def claimed(harness: CloudHarness) -> AccountStore:
    harness.create_directly([MARA, TEO])
    harness.portal_claim(MARA, OLD_PASSWORD)
    store: AccountStore = harness.store()
    return store


def test_the_store_satisfies_the_protocol(harness: CloudHarness) -> None:
    assert isinstance(harness.store(), AccountStore)


def test_reset_of_a_claimed_account_unclaims_it_and_the_old_password_stops_working(
    harness: Any,
) -> None:
    store = claimed(harness)
    assert harness.signs_in(MARA.student_id, OLD_PASSWORD)
    before = harness.read_directly(MARA.student_id)
    assert before.claimed and before.has_challenge_answers

    outcome = reset(store, "job-1")

    assert outcome.kind is ResetKind.RESET and outcome.claimable
    assert outcome.applied_at is not None
    after = harness.read_directly(MARA.student_id)
    assert not after.claimed and not after.has_challenge_answers and not after.disabled
    assert not harness.signs_in(MARA.student_id, OLD_PASSWORD)
    assert store.lookup(MARA.student_id).claimed is False  # type: ignore[union-attr]
    # Teo was not touched.
    assert harness.read_directly(TEO.student_id) == before.__class__(
        TEO.first_name, TEO.last_name, False, False, False
    )


def test_after_a_reset_the_student_claims_again_and_signs_in_but_not_with_a_recent_password(
    harness: Any,
) -> None:
    store = claimed(harness)
    reset(store, "job-1")

    reused = store.claim(MARA.student_id, MARA.first_name, MARA.last_name, ANSWERS, OLD_PASSWORD)
    assert not reused.ok and reused.reason == "password_reused"
    outcome = store.claim(MARA.student_id, MARA.first_name, MARA.last_name, ANSWERS, NEW_PASSWORD)
    assert outcome.ok, outcome
    assert harness.signs_in(MARA.student_id, NEW_PASSWORD)
    assert store.log_in(MARA.student_id, NEW_PASSWORD)
    assert store.answers_match(
        MARA.student_id, {q.upper(): f" {a.upper()} " for q, a in ANSWERS.items()}
    )
    assert not store.answers_match(MARA.student_id, {**ANSWERS, next(iter(ANSWERS)): "Rex"})


def test_reset_of_an_unclaimed_account_changes_nothing(harness: Any) -> None:
    harness.create_directly([MARA])
    store = harness.store()

    outcome = reset(store, "job-1")

    assert outcome.kind is ResetKind.ALREADY_UNCLAIMED and outcome.claimable
    assert reset(store, "job-1").kind is ResetKind.ALREADY_APPLIED


def test_the_same_key_twice_resets_once(harness: Any) -> None:
    store = claimed(harness)
    first = reset(store, "job-1")
    second = reset(store, "job-1")
    assert first.kind is ResetKind.RESET
    assert second.kind is ResetKind.ALREADY_APPLIED
    assert second.applied_at == first.applied_at


def test_a_stale_redelivery_after_the_student_claimed_again_changes_nothing(harness: Any) -> None:
    store = claimed(harness)
    assert reset(store, "job-1").kind is ResetKind.RESET
    harness.portal_claim(MARA, NEW_PASSWORD)

    outcome = reset(store, "job-1")

    assert outcome.kind is ResetKind.ALREADY_APPLIED
    assert harness.read_directly(MARA.student_id).claimed
    assert harness.signs_in(MARA.student_id, NEW_PASSWORD)
    # A new request (another key) does reset.
    assert reset(store, "job-2").kind is ResetKind.RESET


@pytest.mark.parametrize("student_id", ["0999999", "412345", "04123456", " "])
def test_unknown_or_malformed_ids_are_unknown_accounts(harness: Any, student_id: str) -> None:
    harness.create_directly([MARA])
    store = harness.store()
    assert reset(store, "job-1", student_id).kind is ResetKind.UNKNOWN_ACCOUNT
    assert store.lookup(student_id) is None


def test_a_disabled_account_is_not_reset_and_the_key_keeps_that_answer(harness: Any) -> None:
    store = claimed(harness)
    harness.disable_directly(MARA.student_id)

    assert reset(store, "job-1").kind is ResetKind.DISABLED_ACCOUNT
    assert harness.read_directly(MARA.student_id).claimed
    assert harness.signs_in(MARA.student_id, OLD_PASSWORD) is False  # disabled: no sign-in
    store.enable([MARA.student_id])
    # The first answer stands for this key even now that the account is enabled.
    assert reset(store, "job-1").kind is ResetKind.DISABLED_ACCOUNT
    assert harness.signs_in(MARA.student_id, OLD_PASSWORD)


def test_a_write_applied_with_its_answer_lost_is_settled_by_the_read_back(harness: Any) -> None:
    claimed(harness)
    with harness.answer_lost_on_next_write() as store:
        outcome = reset(store, "job-1")
    assert outcome.kind is ResetKind.RESET
    assert not harness.read_directly(MARA.student_id).claimed
    assert not harness.signs_in(MARA.student_id, OLD_PASSWORD)
    assert reset(store, "job-1").kind is ResetKind.ALREADY_APPLIED


def test_refused_credentials_are_an_auth_error_that_names_no_secret(harness: Any) -> None:
    claimed(harness)
    store = harness.store_with_refused_credentials()
    with pytest.raises(AuthError) as caught:
        reset(store, "job-1")
    assert "secret" not in str(caught.value).lower() or "CLIENT_SECRET" in str(caught.value)
    assert harness.read_directly(MARA.student_id).claimed


def test_the_server_down_is_a_transient_error(harness: Any) -> None:
    store = harness.store_with_server_down()
    with pytest.raises(TransientError):
        reset(store, "job-1")
    with pytest.raises(TransientError):
        store.lookup(MARA.student_id)


def test_reconcile_streams_every_account_sorted_across_pages(harness: Any) -> None:
    students = [AccountNames(f"04{n:05d}", f"First{n}", f"Last{n}") for n in range(11, 0, -1)]
    harness.create_directly(students)
    harness.fake.page_limit = 3
    store = harness.store()

    streamed = list(store.all_accounts())

    assert [a.student_id for a in streamed] == sorted(s.student_id for s in students)
    assert {(a.first_name, a.last_name) for a in streamed} == {
        (s.first_name, s.last_name) for s in students
    }
    assert not any(a.claimed or a.disabled for a in streamed)


def test_reconcile_creates_renames_disables_and_enables_in_bulk(harness: Any) -> None:
    harness.create_directly([MARA])
    store = harness.store()

    assert store.create_unclaimed([MARA, TEO]) == 1  # Mara exists: left alone
    state = harness.read_directly(TEO.student_id)
    assert state is not None and not state.claimed and not state.disabled
    assert (state.first_name, state.last_name) == (TEO.first_name, TEO.last_name)

    renamed = AccountNames(TEO.student_id, "Teodoro", "De la Cruz")
    assert store.update_names([renamed, AccountNames("0999999", "No", "One")]) == 1
    assert harness.read_directly(TEO.student_id).last_name == "De la Cruz"

    assert store.disable([MARA.student_id, TEO.student_id, "0999999"]) == 2
    assert store.disable([MARA.student_id]) == 0  # already disabled
    assert harness.read_directly(MARA.student_id).disabled
    assert store.enable([TEO.student_id]) == 1
    assert not harness.read_directly(TEO.student_id).disabled
    assert harness.read_directly(MARA.student_id).disabled

    with pytest.raises(ValueError):
        store.create_unclaimed([AccountNames("1234567", "Bad", "Id")])
    with pytest.raises(ValueError):
        store.disable(["12"])


def test_a_created_account_can_be_claimed_through_the_portal(harness: Any) -> None:
    store = harness.store()
    assert store.create_unclaimed([TEO]) == 1
    wrong = store.claim(TEO.student_id, "Teo", "de la Cruz", ANSWERS, NEW_PASSWORD)
    assert not wrong.ok and wrong.reason == "wrong_name"
    outcome = store.claim(TEO.student_id, TEO.first_name, TEO.last_name, ANSWERS, NEW_PASSWORD)
    assert outcome.ok, outcome
    assert harness.signs_in(TEO.student_id, NEW_PASSWORD)
    again = store.claim(TEO.student_id, TEO.first_name, TEO.last_name, ANSWERS, "third-Pass3")
    assert not again.ok and again.reason == "already_claimed"


def test_forgot_my_password_checks_the_answers_and_the_history(harness: Any) -> None:
    store = claimed(harness)
    assert store.answers_match(MARA.student_id, ANSWERS)

    same = store.set_password(MARA.student_id, OLD_PASSWORD)
    assert not same.ok and same.reason == "password_reused"
    weak = store.set_password(MARA.student_id, MARA.student_id + "x")
    assert not weak.ok and weak.reason == "weak_password"
    changed = store.set_password(MARA.student_id, NEW_PASSWORD)
    assert changed.ok, changed
    assert harness.signs_in(MARA.student_id, NEW_PASSWORD)
    assert not harness.signs_in(MARA.student_id, OLD_PASSWORD)
    assert store.log_in(MARA.student_id, NEW_PASSWORD)
    assert not store.log_in(MARA.student_id, OLD_PASSWORD)
    back = store.set_password(MARA.student_id, OLD_PASSWORD)
    assert not back.ok and back.reason == "password_reused"

    unclaimed = store.set_password(TEO.student_id, "another-Pass4")
    assert not unclaimed.ok and unclaimed.reason == "not_claimed"


def searches(harness: Any) -> int:
    """Requests that looked one student up (Google ``query=``, Graph ``$filter``)."""
    return sum(1 for r in harness.fake.requests if {"query", "$filter"} & set(r.query))


def test_a_large_batch_after_a_listing_reads_everyone_once_instead_of_searching_each(
    harness: Any,
) -> None:
    students = [AccountNames(f"04{n:05d}", f"F{n}", f"L{n}") for n in range(1, 13)]
    harness.create_directly(students)
    harness.fake.page_limit = 3
    store = harness.store()
    store.page_size = 3
    leaving = [s.student_id for s in students[:8]]

    assert store.disable(leaving[:2]) == 2  # before any listing: one search each
    assert searches(harness) == 2
    assert len(list(store.all_accounts())) == 12  # 4 pages of 3
    before = len(harness.fake.requests)

    assert store.disable([*leaving, "0999999"]) == 6  # 9 IDs > 5 pages: one listing
    assert searches(harness) == 2
    assert len(harness.fake.requests) - before == 4 + 6  # the pages, then six writes
    assert {a.student_id for a in store.all_accounts() if a.disabled} == set(leaving)
    renamed = [AccountNames(s.student_id, s.first_name, "Renamed") for s in students]
    assert store.update_names(renamed) == 12
    assert store.create_unclaimed([*students, MARA]) == 1
    assert searches(harness) == 2
    assert harness.read_directly(students[11].student_id).last_name == "Renamed"
