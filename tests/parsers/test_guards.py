"""Each guard between a ticket and a reset, alone: remove any one of them and a test here fails.

Written for the gaps a mutation run found (a guard whose removal no test noticed).  Each test
states the full outcome — which students are ready, which are in review and why — so a guard
that lets an extra student through, or drops one, fails it.
"""

from __future__ import annotations

import dataclasses

import pytest

from parsers import ParseResult, Reason, RosterIndex, parse_ticket

from .conftest import ELM, ORGS, STAFF, STUDENTS, staff, student

# Students and staff for these tests only (IDs no other parser test uses).
INACTIVE_BUT_ENABLED = student("0611111", "Tamsin", "Rooke", status="tobedeleted", enabled=True)
# OneRoster 1.2 also writes "inactive": any status but "active" is not ready.
INACTIVE_12 = student("0611122", "Wren", "Abbott", status="inactive", enabled=True)
ACTIVE_BUT_DISABLED = student("0622222", "Corin", "Vale", enabled=False)
TWIN_A = student("0633333", "Ilse", "Marrow")
TWIN_B = student("0633333", "Per", "Lindqvist")  # the roster gives one ID to two students
MIDDLE = student("0644444", "Rosa", "Quill", middle="Ann")
PLAIN = student("0655555", "Edda", "Thorne")
TEACHER = "rita.gomez@pinecrest.example"


# Active in the SIS but with the account switched off: may not ask for anyone.
ACTIVE_DISABLED_TEACHER = dataclasses.replace(
    staff("halfgone.teacher@pinecrest.example", "Half", "Gone", ELM), enabled=False
)


@pytest.fixture(scope="module")
def roster() -> RosterIndex:
    extra = [INACTIVE_BUT_ENABLED, INACTIVE_12, ACTIVE_BUT_DISABLED, TWIN_A, TWIN_B, MIDDLE, PLAIN]
    return RosterIndex.build([*STUDENTS, *STAFF, *extra, ACTIVE_DISABLED_TEACHER], ORGS)


def _parse(roster: RosterIndex, body: str, requester: str = TEACHER) -> ParseResult:
    return parse_ticket(
        "G-1", subject="Reset", body=body, content_type="text/plain", requester=requester,
        roster=roster,
    )  # fmt: skip


def _outcome(result: ParseResult) -> dict[str, tuple[str, set[str]]]:
    """Every student entry: ID -> (status, reasons)."""
    return {
        str(s.student_id): (s.status, {r.value for r in s.reason_codes}) for s in result.students
    }


def test_an_inactive_student_whose_account_is_still_enabled_is_not_ready(
    roster: RosterIndex,
) -> None:
    result = _parse(roster, "Please reset these two:\nTamsin Rooke 0611111\nEdda Thorne 0655555")
    assert result.reset_request
    outcome = _outcome(result)
    assert outcome["0655555"] == ("ready", set())
    status, reasons = outcome["0611111"]
    assert status == "review" and Reason.STUDENT_INACTIVE.value in reasons
    assert {s.student_id for s in result.ready} == {"0655555"}
    assert result.needs_review


def test_a_student_of_any_status_but_active_is_not_ready(roster: RosterIndex) -> None:
    result = _parse(roster, "Please reset Wren Abbott 0611122")
    assert _outcome(result) == {"0611122": ("review", {Reason.STUDENT_INACTIVE.value})}


def test_an_active_student_whose_account_is_disabled_is_not_ready(roster: RosterIndex) -> None:
    result = _parse(roster, "Please reset Corin Vale 0622222")
    assert _outcome(result)["0622222"][0] == "review"
    assert Reason.STUDENT_DISABLED.value in _outcome(result)["0622222"][1]
    assert result.ready == []


def test_an_id_the_roster_gives_to_two_students_resets_neither(roster: RosterIndex) -> None:
    result = _parse(roster, "Please reset Ilse Marrow 0633333")
    assert result.ready == []
    assert len(result.students) == 1 and result.students[0].status == "review"
    assert result.needs_review


def test_a_requester_whose_account_is_disabled_may_not_ask(roster: RosterIndex) -> None:
    result = _parse(
        roster, "Please reset Edda Thorne 0655555", requester="halfgone.teacher@pinecrest.example"
    )
    assert result.ready == []
    assert {s.status for s in result.students} == {"review"}
    reasons = set().union(*({r.value for r in s.reason_codes} for s in result.students))
    assert reasons & {Reason.REQUESTER_INACTIVE.value, Reason.REQUESTER_NOT_STAFF.value}


@pytest.mark.parametrize(
    ("written", "ready"),
    [
        ("Rosa Quill 0644444", True),
        ("Rosa Ann Quill 0644444", True),  # a written middle name is ignored (rule 4)
        ("Quill, Rosa 0644444", True),
        ("Rose Quill 0644444", False),  # a misspelling
        ("Rosa Quil 0644444", False),
        ("Rosa 0644444", False),  # a partial name
        ("Edda Thorne 0644444", False),  # another student's name on this ID
    ],
)
def test_only_the_sis_names_match(roster: RosterIndex, written: str, ready: bool) -> None:
    result = _parse(roster, f"Please reset {written}")
    assert len(result.students) == 1, "one student, whatever the name written"
    assert ({s.student_id for s in result.ready} == {"0644444"}) is ready


def test_a_missing_leading_zero_is_fixed_and_said(roster: RosterIndex) -> None:
    result = _parse(roster, "Please reset Edda Thorne 655555")
    (entry,) = result.students
    assert (entry.student_id, entry.status) == ("0655555", "ready")
    assert "missing_leading_zero" in entry.corrections
