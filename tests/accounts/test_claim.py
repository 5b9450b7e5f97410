"""Claim and the student's own flows follow the help page's rules."""

from __future__ import annotations

import unicodedata

import pytest

from connectors.accounts._rules import CLAIM_FAILED
from connectors.accounts.base import AccountNames, Refusal
from connectors.accounts.sql import SqlAccountStore

from .conftest import ANSWERS, MARA, StoreFactory
from .test_reset import run_together

ID = MARA.student_id


def refusal(
    store: SqlAccountStore,
    student_id: str = ID,
    first: str = MARA.first_name,
    last: str = MARA.last_name,
    answers: dict[str, str] = ANSWERS,
    password: str = "good-Pass1",
) -> Refusal | None:
    outcome = store.claim(student_id, first, last, answers, password)
    assert outcome.ok == (outcome.reason is None)
    return outcome.reason


@pytest.mark.parametrize(
    "student_id",
    [
        "412345",
        "O412345",
        "04123456",
        "1412345",
        "0412 345",
        "\u0660\u0664\u0661\u0662\u0663\u0664\u0665",
    ],
)
def test_id_must_be_seven_digits_with_the_leading_zero(
    store: SqlAccountStore, student_id: str
) -> None:
    assert refusal(store, student_id) is Refusal.BAD_ID_FORMAT
    assert not store.lookup(ID).claimed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("mara-lynn", "O'Donnell"),  # case
        ("Mara Lynn", "O'Donnell"),  # hyphen
        ("Mara-Lynn", "O\u2019Donnell"),  # typographic apostrophe
        ("Mara-Lynn", "ODonnell"),  # apostrophe left out
        ("Mara-Lynn", "O'Donnell Smith"),  # extra part
        ("Mara", "O'Donnell"),
    ],
)
def test_names_must_be_exactly_as_in_the_sis(store: SqlAccountStore, first: str, last: str) -> None:
    assert refusal(store, first=first, last=last) is Refusal.WRONG_NAME


def test_outer_whitespace_and_unicode_encoding_do_not_matter(make_store: StoreFactory) -> None:
    store = make_store()
    zoe = AccountNames("0400100", "Zo\u00eb", "Van der Berg")
    store.create_unclaimed([zoe, MARA])
    decomposed = unicodedata.normalize("NFD", "Zo\u00eb")
    assert refusal(store, zoe.student_id, f"  {decomposed}", "Van der Berg  ") is None
    assert refusal(store, " 0412345 ", " Mara-Lynn", "O'Donnell\t") is None


def test_inner_spaces_matter(make_store: StoreFactory) -> None:
    store = make_store()
    store.create_unclaimed([AccountNames("0400100", "Ana", "Van der Berg")])
    assert refusal(store, "0400100", "Ana", "Van  der Berg") is Refusal.WRONG_NAME
    assert refusal(store, "0400100", "Ana", "Vander Berg") is Refusal.WRONG_NAME


def test_identity_refusals_all_show_the_portal_s_one_message(claimed: SqlAccountStore) -> None:
    """No enumeration: unknown ID, wrong name, already claimed and disabled look the same."""
    outcomes = [
        claimed.claim("0999999", "Mara-Lynn", "O'Donnell", ANSWERS, "good-Pass1"),
        claimed.claim("0400017", "Wrong", "Name", ANSWERS, "good-Pass1"),
        claimed.claim(ID, MARA.first_name, MARA.last_name, ANSWERS, "good-Pass1"),
    ]
    claimed.disable(["0400017"])
    outcomes.append(claimed.claim("0400017", "Teo", "De La Cruz", ANSWERS, "good-Pass1"))
    assert [o.reason for o in outcomes] == [
        Refusal.NOT_FOUND,
        Refusal.WRONG_NAME,
        Refusal.ALREADY_CLAIMED,
        Refusal.ACCOUNT_DISABLED,
    ]
    assert {o.message for o in outcomes} == {CLAIM_FAILED}


@pytest.mark.parametrize(
    "answers",
    [
        dict(list(ANSWERS.items())[:2]),
        ANSWERS | {"Fourth question?": "four"},
        ANSWERS | {"What is your favourite food?": "   "},
        {"Pet?": "a", "pet ?": "b", "PET?": "c"} | {"Town?": "x"},
        {"Pet?": "a", "  pet?": "b", "Town?": "c"},
        {"Pet?": "a", "Town?": "b", "": "c"},
    ],
    ids=["two", "four", "blank-answer", "four-with-dupes", "same-question-twice", "blank-question"],
)
def test_exactly_three_different_questions_with_answers(
    store: SqlAccountStore, answers: dict[str, str]
) -> None:
    assert refusal(store, answers=answers) is Refusal.NEED_THREE_ANSWERS
    assert not store.lookup(ID).claimed  # type: ignore[union-attr]


@pytest.mark.parametrize("password", ["short1", "        ", "x" * 129, "my0412345pw"])
def test_weak_passwords_are_refused(store: SqlAccountStore, password: str) -> None:
    assert refusal(store, password=password) is Refusal.WEAK_PASSWORD


def test_two_claims_at_once_only_one_wins(make_store: StoreFactory) -> None:
    first, second = make_store(), make_store()
    first.create_unclaimed([MARA])
    stores = (first, second)

    outcomes = run_together(2, lambda i: refusal(stores[i], password=f"racer-{i}-Pass"))

    assert sorted(outcomes, key=str) == [None, Refusal.ALREADY_CLAIMED]
    winner = outcomes.index(None)
    assert first.log_in(ID, f"racer-{winner}-Pass")
    assert not first.log_in(ID, f"racer-{1 - winner}-Pass")


def test_answers_match_needs_all_three_right(claimed: SqlAccountStore) -> None:
    questions = list(ANSWERS)
    assert claimed.answers_match(ID, ANSWERS)
    assert claimed.answers_match(ID, {q.upper(): a for q, a in reversed(ANSWERS.items())})
    assert not claimed.answers_match(ID, ANSWERS | {questions[0]: "Biscuits"})
    assert not claimed.answers_match(ID, dict(list(ANSWERS.items())[:2]))
    other = dict(list(ANSWERS.items())[:2]) | {"Another question?": "pad thai"}
    assert not claimed.answers_match(ID, other)
    assert not claimed.answers_match("0400017", ANSWERS), "unclaimed account has no answers"
    assert not claimed.answers_match("0999999", ANSWERS)


def test_set_password_refusals(claimed: SqlAccountStore) -> None:
    assert claimed.set_password("0999999", "good-Pass1").reason is Refusal.NOT_FOUND
    assert claimed.set_password("412345", "good-Pass1").reason is Refusal.BAD_ID_FORMAT
    assert claimed.set_password("0400017", "good-Pass1").reason is Refusal.NOT_CLAIMED
    assert claimed.set_password(ID, "short").reason is Refusal.WEAK_PASSWORD
    assert claimed.set_password(ID, "first-Pass1").reason is Refusal.PASSWORD_REUSED
    claimed.disable([ID])
    assert claimed.set_password(ID, "good-Pass1").reason is Refusal.ACCOUNT_DISABLED


def test_secrets_are_stored_only_as_argon2_hashes(claimed: SqlAccountStore) -> None:
    from sqlalchemy import select

    from connectors.accounts._tables import accounts, challenge_answers, password_history

    with claimed._begin() as conn:
        stored = [
            *conn.execute(select(accounts.c.password_hash)).scalars(),
            *conn.execute(select(challenge_answers.c.answer_hash)).scalars(),
            *conn.execute(select(password_history.c.password_hash)).scalars(),
        ]
    hashes = [value for value in stored if value is not None]
    assert len(hashes) == 1 + 3 + 1
    assert all(value.startswith("$argon2id$") for value in hashes)
    assert not any("first-Pass1" in v or "biscuit" in v.lower() for v in hashes)
