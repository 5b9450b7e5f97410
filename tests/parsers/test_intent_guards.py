"""The requester's "own account" and "other product" guards of parsers/intent.py, alone.

Each ticket names students the roster has, with valid IDs and matching names, so only the
intent guard stands between the ticket and a reset: remove it and a student becomes ready.
The converse tickets mention a printer or the teacher's own things in passing and still
ask for the students: a guard that is too wide fails those.
"""

from __future__ import annotations

import pytest

from parsers import ParseResult, RosterIndex, parse_ticket

from .conftest import ORGS, STAFF, STUDENTS

TEACHER = "rita.gomez@pinecrest.example"
LIST = "Olivia Oyelaran 0412345\nJalen Ward 0489012"


@pytest.fixture(scope="module")
def roster() -> RosterIndex:
    return RosterIndex.build([*STUDENTS, *STAFF], ORGS)


def _parse(roster: RosterIndex, body: str, subject: str = "Help") -> ParseResult:
    return parse_ticket(
        "I-1", subject=subject, body=body, content_type="text/plain", requester=TEACHER,
        roster=roster,
    )  # fmt: skip


def _ready(result: ParseResult) -> set[str]:
    return {str(s.student_id) for s in result.students if s.status == "ready"}


@pytest.mark.parametrize(
    "body",
    [
        f"Can you reset my password? I am locked out.\n{LIST}",
        f"Can you please unlock me?\n{LIST}",
        f"Please reset my own account, it is locked.\n{LIST}",
        f"Please reset my voicemail PIN.\nMy students today:\n{LIST}",
        f"Please reset the printer in my room, it keeps jamming.\n{LIST}",
        f"Please reset my Google password.\nThese are in my class:\n{LIST}",
        f"Could you reset Olivia's IXL password?\n{LIST}",
        # A product no list names: the capitalised words between student and account word.
        f"Could you reset Olivia's Bookworm Reader password?\n{LIST}",
        # No "my": only the thing itself says this is no portal account.
        f"Please reset the printer in room 12, it keeps jamming.\n{LIST}",
        f"Can you reset the projector in the library?\n{LIST}",
    ],
)
def test_a_request_for_the_teachers_own_account_or_another_product_resets_nobody(
    roster: RosterIndex, body: str
) -> None:
    result = _parse(roster, body)
    assert _ready(result) == set()
    assert not result.reset_request


@pytest.mark.parametrize(
    "body",
    [
        f"Please reset the portal passwords for these two (the printer is down, so no"
        f" printouts):\n{LIST}",
        f"Please reset these students' portal accounts. My printer is broken too.\n{LIST}",
    ],
)
def test_a_real_request_that_mentions_a_printer_in_passing_is_still_ready(
    roster: RosterIndex, body: str
) -> None:
    result = _parse(roster, body)
    assert result.reset_request
    assert {str(s.student_id): s.status for s in result.students} == {
        "0412345": "ready",
        "0489012": "ready",
    }
