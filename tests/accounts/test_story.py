"""The whole story the help page tells: claim, forget, reset, claim again."""

from __future__ import annotations

from argon2.profiles import CHEAPEST

from connectors.accounts._rules import PortalPolicy
from connectors.accounts.base import Refusal, ResetKind
from connectors.accounts.sql import SqlAccountStore

from .conftest import ANSWERS, MARA, FakeClock, StoreFactory

ID = MARA.student_id


def claim(
    store: SqlAccountStore, password: str, answers: dict[str, str] = ANSWERS
) -> Refusal | None:
    outcome = store.claim(ID, MARA.first_name, MARA.last_name, answers, password)
    assert outcome.ok == (outcome.reason is None)
    return outcome.reason


def test_claim_forget_password_forget_answers_reset_claim_again(
    store: SqlAccountStore, clock: FakeClock
) -> None:
    assert claim(store, "first-Pass1") is None
    assert store.log_in(ID, "first-Pass1")
    account = store.lookup(ID)
    assert account is not None and account.claimed and account.claimed_at == clock.now

    # Forgot the password: answers compare ignoring case and spacing; the new one must be new.
    clock.advance(days=3)
    sloppy = {question: f"  {answer.upper()} " for question, answer in ANSWERS.items()}
    assert store.answers_match(ID, sloppy)
    assert store.set_password(ID, "first-Pass1").reason is Refusal.PASSWORD_REUSED
    assert store.set_password(ID, "second-Pass2").ok
    assert store.log_in(ID, "second-Pass2") and not store.log_in(ID, "first-Pass1")

    # Forgot the answers too: a technician resets the account.
    clock.advance(days=2)
    outcome = store.reset(ID, idempotency_key="job-1", actor="ticketworker", reason="ticket 7")
    assert outcome.kind is ResetKind.RESET and outcome.claimable
    account = store.lookup(ID)
    assert account is not None
    assert not account.claimed and account.claimed_at is None
    assert account.last_reset_at == clock.now
    assert not store.log_in(ID, "second-Pass2"), "the password is cleared"
    assert not store.answers_match(ID, ANSWERS), "the answers are cleared"

    # Claim again from the beginning: both earlier passwords were used in the last 90 days.
    assert claim(store, "first-Pass1") is Refusal.PASSWORD_REUSED
    assert claim(store, "second-Pass2") is Refusal.PASSWORD_REUSED
    new_answers = {"Favourite teacher?": "Ms Ortiz", "First school?": "Lakeside", "Hero?": "Gran"}
    assert claim(store, "third-Pass3", new_answers) is None
    assert store.log_in(ID, "third-Pass3")
    assert store.answers_match(ID, new_answers) and not store.answers_match(ID, ANSWERS)


def test_password_reuse_window_counts_from_when_the_password_stopped_being_used(
    store: SqlAccountStore, clock: FakeClock
) -> None:
    assert claim(store, "old-Pass123") is None
    clock.advance(days=200)  # in use for 200 days: set long ago, but used until the reset
    assert store.reset(ID, idempotency_key="job-a", actor="t", reason="r").kind is ResetKind.RESET

    clock.advance(days=89)
    assert claim(store, "old-Pass123") is Refusal.PASSWORD_REUSED
    clock.advance(days=2)  # 91 days after it was last used
    assert claim(store, "old-Pass123") is None


def test_history_window_is_configurable(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store(policy=PortalPolicy(password_history_days=7, argon2_parameters=CHEAPEST))
    store.create_unclaimed([MARA])
    assert claim(store, "old-Pass123") is None
    assert store.set_password(ID, "newer-Pass1").ok
    clock.advance(days=6)
    refused = store.set_password(ID, "old-Pass123")
    assert refused.reason is Refusal.PASSWORD_REUSED and "7 days" in refused.message
    clock.advance(days=2)
    assert store.set_password(ID, "old-Pass123").ok
