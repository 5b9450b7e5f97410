"""The plan rules, on plain values: no database, one rule per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from connectors.accounts.base import AccountSummary
from connectors.roster.base import UserRecord
from worker.reconcile.items import PlanKind
from worker.reconcile.plan import Plan, PlanError, PlanRules, compute_plan
from worker.reconcile.students import roster_students

from .conftest import START, student

RULES = PlanRules(grace=timedelta(days=14), floor_share=0.10)


def account(
    student_id: str, first: str, last: str, *, disabled: bool = False, claimed: bool = False
) -> AccountSummary:
    return AccountSummary(student_id, first, last, claimed, disabled)


def plan_for(
    users: list[UserRecord],
    accounts: list[AccountSummary],
    missing: list[tuple[str, datetime]] | None = None,
    *,
    baseline: int | None = None,
    days: float = 0,
    rules: PlanRules = RULES,
) -> Plan:
    return compute_plan(
        roster_students(users),
        sorted(accounts, key=lambda a: a.student_id),
        missing or [],
        now=START + timedelta(days=days),
        rules=rules,
        baseline_students=baseline,
    )


def ids(plan: Plan, kind: PlanKind) -> list[str]:
    return [item.student_id for item in plan.items[kind]]


def test_a_student_without_an_account_gets_an_unclaimed_one_with_the_sis_names() -> None:
    plan = plan_for(
        [student("0400001", "Ines", "Vasquez-Oyelaran"), student("0400002", "Bo", "Lind")],
        [account("0400002", "Bo", "Lind")],
    )
    (create,) = plan.items[PlanKind.CREATE]
    assert (create.student_id, create.new_first, create.new_last) == (
        "0400001",
        "Ines",
        "Vasquez-Oyelaran",
    )
    assert plan.change_count() == 1


@pytest.mark.parametrize(
    ("stored_first", "stored_last"),
    [
        ("Mary Jane", "O'Neil"),  # space for a hyphen
        ("Mary-Jane", "O’Neil"),  # typographic apostrophe
        ("mary-jane", "O'Neil"),  # case
        ("Mary-Jane", "ONeil"),  # a typo fixed in the SIS
    ],
)
def test_names_are_compared_exactly_and_updated_to_the_sis(
    stored_first: str, stored_last: str
) -> None:
    plan = plan_for(
        [student("0400003", "Mary-Jane", "O'Neil")],
        [account("0400003", stored_first, stored_last, claimed=True)],
    )
    (update,) = plan.items[PlanKind.UPDATE_NAMES]
    assert (update.old_first, update.old_last) == (stored_first, stored_last)
    assert (update.new_first, update.new_last) == ("Mary-Jane", "O'Neil")


def test_only_outer_spaces_and_unicode_composition_are_not_differences() -> None:
    # The store keeps names trimmed and NFC-composed; a decomposed "é" in the export is the
    # same name, and must not be "updated" every night.
    plan = plan_for(
        [student("0400004", " Zoe\u0301 ", "Marchand")], [account("0400004", "Zoé", "Marchand")]
    )
    assert plan.change_count() == 0


def test_a_missing_student_is_disabled_only_after_the_grace_period() -> None:
    accounts = [account("0400005", "Abel", "Quist")]
    first = plan_for([], accounts, baseline=None)
    assert first.missing_started == ["0400005"]
    assert ids(first, PlanKind.PENDING_DISABLE) == ["0400005"]
    assert ids(first, PlanKind.DISABLE) == []

    since = [("0400005", START)]
    almost = plan_for([], accounts, since, days=13.9)
    assert ids(almost, PlanKind.DISABLE) == [] and almost.missing_started == []
    assert ids(almost, PlanKind.PENDING_DISABLE) == ["0400005"]

    due = plan_for([], accounts, since, days=14)
    assert ids(due, PlanKind.DISABLE) == ["0400005"]
    assert "not in the roster since 2026-09-01" in due.items[PlanKind.DISABLE][0].reason


@pytest.mark.parametrize(
    ("record", "why"),
    [
        (student("0400006", "Abel", "Quist", status="tobedeleted"), "tobedeleted in the SIS"),
        (student("0400006", "Abel", "Quist", enabled=False), "disabled in the SIS"),
    ],
)
def test_tobedeleted_and_disabled_students_count_as_missing(record: UserRecord, why: str) -> None:
    plan = plan_for([record], [account("0400006", "Abel", "Quist")], days=0)
    (pending,) = plan.items[PlanKind.PENDING_DISABLE]
    assert pending.reason.startswith(why)
    assert plan.missing_started == ["0400006"]


def test_a_student_back_within_the_grace_period_clears_the_missing_clock() -> None:
    plan = plan_for(
        [student("0400007", "Cleo", "Park")],
        [account("0400007", "Cleo", "Park")],
        [("0400007", START)],
        days=20,
    )
    assert plan.missing_cleared == ["0400007"]
    assert plan.change_count() == 0


def test_disabled_accounts_of_absent_students_are_left_alone() -> None:
    plan = plan_for([], [account("0400008", "Dov", "Reyes", disabled=True)], [("0400008", START)])
    assert plan.change_count() == 0
    assert plan.missing_started == [] and plan.missing_cleared == ["0400008"]


def test_a_disabled_account_whose_student_is_active_again_is_enabled() -> None:
    plan = plan_for(
        [student("0400009", "Esa", "Holm"), student("0400010", "Fay", "Ngata")],
        [
            account("0400009", "Esa", "Holm", disabled=True),
            account("0400010", "Fae", "Ngata", disabled=True),
        ],
    )
    assert ids(plan, PlanKind.ENABLE) == ["0400009", "0400010"]
    assert ids(plan, PlanKind.UPDATE_NAMES) == ["0400010"]


@pytest.mark.parametrize(
    ("stored_id", "reason"),
    [
        ("400011", "6 digits: the leading zero is missing; the roster has this student"),
        ("400099", "6 digits: the leading zero is missing"),
        ("04000111", "not 7 digits starting with 0"),
        ("O400011", "not 7 digits starting with 0"),
        ("1400011", "not 7 digits starting with 0"),
        ("０400011", "not 7 digits starting with 0"),  # a full-width digit
    ],
)
def test_malformed_account_ids_are_reported_never_changed(stored_id: str, reason: str) -> None:
    plan = plan_for(
        [student("0400011", "Gus", "Imai")],
        [account("0400011", "Gus", "Imai"), account(stored_id, "Gus", "Imai")],
    )
    (malformed,) = plan.items[PlanKind.MALFORMED]
    assert malformed.student_id == stored_id
    assert reason in malformed.reason
    assert plan.change_count() == 0
    assert plan.missing_started == []


def test_roster_records_that_cannot_become_accounts_are_reported_and_held() -> None:
    plan = plan_for(
        [
            student("400012", "Hal", "Jorge"),  # zero dropped in the export
            student("0400013", "Ida", "", line=3),  # blank last name
            student("0400014", "Jo", "Kerr", line=4),
            student("0400014", "Jon", "Kerr", line=5),  # one ID, two different students
            student("0400015", "Kai", "Lutz", line=6),
            student("0400015", "Kai", "Lutz", line=7),  # the same student twice: fine
        ],
        [account("0400013", "Ida", "Moss"), account("0400014", "Jo", "Kerr")],
    )
    problems = {item.student_id: item.reason for item in plan.items[PlanKind.ROSTER_PROBLEM]}
    assert set(problems) == {"400012", "0400013", "0400014"}
    assert "leading zero is missing" in problems["400012"]
    assert "users.csv:5" in problems["0400014"]
    # Held accounts stay exactly as they are: no rename, no disable, no grace clock.
    assert ids(plan, PlanKind.CREATE) == ["0400015"]
    assert plan.change_count() == 1 and plan.missing_started == []
    assert plan.active_students == 3


def test_missing_rows_of_accounts_that_no_longer_exist_are_cleared() -> None:
    plan = plan_for(
        [student("0400016", "Lia", "Moe")],
        [account("0400016", "Lia", "Moe")],
        [("0400001", START), ("0400099", START)],
    )
    assert plan.missing_cleared == ["0400001", "0400099"]


def test_accounts_out_of_order_stop_the_plan() -> None:
    def unsorted() -> Iterator[AccountSummary]:
        yield account("0400020", "A", "B")
        yield account("0400019", "C", "D")

    with pytest.raises(PlanError):
        compute_plan(
            roster_students([]),
            unsorted(),
            [],
            now=START,
            rules=RULES,
            baseline_students=None,
        )


def roster_of(count: int) -> list[UserRecord]:
    return [student(f"0{500000 + n}", "Nia", f"Oduya{n}") for n in range(count)]


@pytest.mark.parametrize(("active", "tripped"), [(90, False), (89, True), (100, False)])
def test_safety_floor_trips_when_active_students_shrink_by_more_than_the_share(
    active: int, tripped: bool
) -> None:
    users = roster_of(100)
    accounts = [account(u.identifier, u.given_name, u.family_name) for u in users]
    plan = plan_for(users[:active], accounts, baseline=100)
    assert plan.floor_tripped is tripped
    if tripped:
        assert "from 100 to 89" in plan.floor_reason
    # The plan itself is still computed, so the report shows what would have happened.
    assert len(plan.items[PlanKind.PENDING_DISABLE]) == 100 - active


def test_an_empty_roster_trips_the_floor_even_without_a_baseline() -> None:
    plan = plan_for([], [account("0400021", "Pia", "Roe")])
    assert plan.floor_tripped and "no active students" in plan.floor_reason


def test_the_first_run_has_no_baseline_to_compare_with() -> None:
    plan = plan_for(roster_of(5), [], baseline=None)
    assert not plan.floor_tripped and len(plan.items[PlanKind.CREATE]) == 5


@pytest.mark.parametrize(("loaded", "tripped"), [(100, True), (4_500, False), (4_499, True)])
def test_a_first_run_compares_the_roster_with_the_account_store(loaded: int, tripped: bool) -> None:
    # Issue 17: a REST source that stopped paging early loaded 100 of 5,000 students, and
    # with no earlier good run the floor let the plan disable the other 4,900.
    users = roster_of(5_000)
    accounts = [account(u.identifier, u.given_name, u.family_name) for u in users]
    plan = plan_for(users[:loaded], accounts, baseline=None)
    assert plan.floor_tripped is tripped
    if tripped:
        assert f"the roster has {loaded} active students" in plan.floor_reason
        assert "holds 5000 enabled accounts" in plan.floor_reason
        assert "no earlier good run" in plan.floor_reason


def test_a_roster_that_would_disable_more_than_the_share_trips_even_with_a_baseline() -> None:
    # As many active students as last time, but other IDs (a renumbered export): every
    # account would be disabled after the grace period, although no count shrank.
    old = roster_of(200)
    new = [student(f"0{600000 + n}", "Nia", f"Oduya{n}") for n in range(200)]
    accounts = [account(u.identifier, u.given_name, u.family_name) for u in old]
    plan = plan_for(new, accounts, baseline=200)
    assert plan.floor_tripped
    assert "200 of 200 enabled accounts would be disabled" in plan.floor_reason


def test_a_few_leavers_in_a_small_school_do_not_trip_the_floor() -> None:
    users = roster_of(30)
    accounts = [account(u.identifier, u.given_name, u.family_name) for u in users]
    # A first run: 5 of 30 accounts would go, a sixth but fewer than floor_min_accounts.
    plan = plan_for(users[:25], accounts, baseline=None)
    assert plan.floor_tripped is False
    assert len(plan.items[PlanKind.PENDING_DISABLE]) == 5


def test_the_accounts_are_read_once_in_order() -> None:
    users = roster_of(50)
    consumed: list[str] = []

    def stream() -> Iterator[AccountSummary]:
        for u in users[::2]:
            consumed.append(u.identifier)
            yield account(u.identifier, u.given_name, u.family_name)

    plan = compute_plan(
        roster_students(users), stream(), [], now=START, rules=RULES, baseline_students=None
    )
    assert consumed == [u.identifier for u in users[::2]]
    assert ids(plan, PlanKind.CREATE) == [u.identifier for u in users[1::2]]
