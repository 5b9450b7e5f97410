"""The parser against tests/oracle.py (rules 3-6 written again, sharing no parser code).

Generated tickets are one line per student under a plain request, from the test roster,
with the ways teachers write names and IDs (and some that break the policy).  The parser
may send a student to review that the oracle would reset (caution is allowed), but never
the other way round, and no student line may vanish.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.roster.base import UserRecord
from parsers import RosterIndex, parse_ticket
from tests import oracle

from .conftest import ORGS, PARENT, STAFF, STUDENTS

ROSTER = RosterIndex.build([*STUDENTS, *STAFF, PARENT], ORGS)
DISTRICT_ORGS = [o.sourced_id for o in ORGS if o.type == "district"]
PEOPLE = [
    oracle.Person(
        u.identifier, u.given_name, u.family_name, u.role, u.status, u.enabled, u.org_ids, u.email
    )
    for u in [*STUDENTS, *STAFF, PARENT]
]
REQUESTERS = [u.email for u in STAFF] + [PARENT.email, "nobody@example.org"]
# Students whose IDs are unique in this roster (the two Sam Lees differ by a swap: kept).
# Major Bell is left out of the generated tickets while the known bug below stands (a
# label-like name without its leading zero is dropped); the xfail test keeps it in view.
CHOICES = sorted(
    (s for s in {s.identifier: s for s in STUDENTS}.values() if s.given_name != "Major"),
    key=lambda s: s.identifier,
)


@st.composite
def written_id(draw: st.DrawFn, sid: str) -> str:
    forms = [
        sid,
        sid[1:],
        sid.replace("0", "O"),
        f"ID: {sid}",
        f"#{sid}",
        f"{sid[:3]}-{sid[3:]}",
        sid + "1",  # eight digits
        sid[:-2],  # five digits
        sid[:2] + sid[3] + sid[2] + sid[4:],  # two digits swapped
        sid.replace("1", "l"),
    ]
    return draw(st.sampled_from(forms))


@st.composite
def written_name(draw: st.DrawFn, student: UserRecord) -> tuple[str, str]:
    first, last = student.given_name, student.family_name
    first = draw(st.sampled_from([first, first.upper(), first.lower(), first.replace(" ", "-")]))
    last = draw(st.sampled_from([last, last.lower(), last + "e"]))  # "e": a misspelling
    return first, last


@st.composite
def tickets(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, str, str]]]:
    """A requester and lines of (first, last, written ID, the student's real ID)."""
    students = draw(st.lists(st.sampled_from(CHOICES), min_size=1, max_size=4, unique=True))
    lines = []
    for s in students:
        first, last = draw(written_name(s))
        lines.append((first, last, draw(written_id(s.identifier)), s.identifier))
    return draw(st.sampled_from(REQUESTERS)), lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tickets())
def test_the_parser_never_makes_ready_what_the_oracle_would_not(
    ticket: tuple[str, list[tuple[str, str, str, str]]],
) -> None:
    requester, lines = ticket
    body = "Please reset these students' portal accounts:\n" + "\n".join(
        f"{first} {last} {sid}" for first, last, sid, _ in lines
    )
    result = parse_ticket(
        "P-1", subject="Portal reset", body=body, content_type="text/plain",
        requester=requester, roster=ROSTER,
    )  # fmt: skip
    allowed = {
        oracle.ready(first, last, sid, PEOPLE, requester, DISTRICT_ORGS)
        for first, last, sid, _ in lines
    } - {None}
    parser_ready = {s.student_id for s in result.ready}
    assert parser_ready <= allowed, (body, requester)
    # Every student line is accounted for (rule 2: one entry per distinct student).  Only a
    # mistyped ID that lands on another listed student may merge two lines into one entry.
    own_ids = [own for _, _, _, own in lines]
    collide = any(oracle.normalise_id(sid) in set(own_ids) - {own} for _, _, sid, own in lines)
    usable = [line for line in lines if oracle.normalise_id(line[2]) is not None]
    if collide:
        assert 1 <= len(result.students) <= len(lines), body
    elif len(usable) == len(lines):
        assert len(result.students) == len(lines), body
    else:
        # A line with no usable number may not read as a student line at all; then the
        # ticket must still go to a person, and every line with a usable ID keeps its entry.
        assert len(usable) <= len(result.students) <= len(lines), body
        assert result.needs_review, body


@pytest.mark.xfail(
    strict=True,
    reason="bug: 'Major Bell 508273' (a name that is also a label, ID without its leading "
    "zero) after other student lines is silently dropped; found by the property test above",
)
def test_a_label_like_name_with_a_six_digit_id_is_not_dropped() -> None:
    body = (
        "Please reset these students' portal accounts:\n"
        "Juan Carlos Pérez 0518273\nA.J. Kowalski 0519384\nMajor Bell 508273"
    )
    result = parse_ticket(
        "P-2", subject="Portal reset", body=body, content_type="text/plain",
        requester="rita.gomez@pinecrest.example", roster=ROSTER,
    )  # fmt: skip
    assert [s.last_name for s in result.students] == ["Pérez", "Kowalski", "Bell"]
