"""Properties of the whole parser on generated tickets: it never crashes, and it never marks
a student ready unless an independent check of the policy agrees."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from connectors.roster.base import UserRecord
from parsers import ParseResult, RosterIndex, parse_ticket
from parsers.names import fold, names_match

from .conftest import ORGS, PARENT, STAFF, STUDENTS

ROSTER = RosterIndex.build([*STUDENTS, *STAFF, PARENT], ORGS)
BY_ID: dict[str, UserRecord] = {s.identifier: s for s in STUDENTS}
REQUESTERS = [u.email for u in STAFF] + [PARENT.email, "nobody@example.org", "X@Y"]
DISTRICT_IDS = {o.sourced_id for o in ORGS if o.type == "district"}


def _ids(sid: str) -> st.SearchStrategy[str]:
    """Ways a teacher writes (or mistypes) an ID."""
    return st.sampled_from(
        [
            sid,
            sid[1:],
            sid.replace("0", "O"),
            sid.replace("0", "o", 1),
            sid[:3] + "-" + sid[3:],
            sid[:3] + " " + sid[3:],
            sid[:2] + sid[3] + sid[2] + sid[4:],
            sid[:-1],
            sid + "7",
            sid.replace("1", "l"),
            "#" + sid,
            "ID: " + sid,
        ]
    )


@st.composite
def student_line(draw: st.DrawFn) -> str:
    record = draw(st.sampled_from(STUDENTS))
    given_name = draw(st.sampled_from([record.given_name, record.given_name.upper(), "Mike"]))
    family = draw(st.sampled_from([record.family_name, record.family_name.lower(), "Smith"]))
    written_id = draw(_ids(record.identifier))
    shape = draw(st.integers(0, 5))
    return [
        f"{given_name} {family} {written_id}",
        f"{family}, {given_name} - {written_id}",
        f"{written_id}\t{family}\t{given_name}",
        f"Could you reset {given_name} {family}'s account? ID {written_id}.",
        f"{given_name} {family} ({written_id})",
        f"{written_id} {given_name}",
    ][shape]


noise = st.sampled_from(
    [
        "Please reset these students, they forgot their challenge questions:",
        "Can you reset my voicemail PIN?",
        "Thanks,",
        "Rita Gomez",
        "Room 104 | (503) 555-0142 ext. 2214",
        "On Mon, Sep 7, 2026 at 8:00 AM Rita <r@x> wrote:",
        "> Sam Lee 0456789",
        "Is there a way for students to reset their own questions?",
        "Don't reset this one:",
        "e.g. Jane Doe 0123456",
        "-- ",
        "<b>bold</b> &nbsp; &#39;",
        "",
    ]
)
request_line = st.sampled_from(
    ["Please reset these students:", "Can you clear their challenge questions?", "reset pls", ""]
)
ticket_body = st.tuples(
    request_line,
    st.lists(st.one_of(student_line(), student_line(), noise, st.text(max_size=40)), max_size=12),
).map(lambda parts: "\n".join([parts[0], *parts[1]]))
# Mostly a district administrator, so that many generated students can be ready.
requesters = st.one_of(st.just("dana.fox@pinecrest.example"), st.sampled_from(REQUESTERS))


def _policy_allows(result: ParseResult, requester: str, body: str) -> None:
    """An independent check of rules 3-6 for every student the parser made ready."""
    staff = [u for u in STAFF if u.email.lower() == requester.lower()]
    for entry in result.ready:
        assert result.reset_request
        assert entry.student_id is not None and re.fullmatch(r"0\d{6}", entry.student_id)
        record = BY_ID.get(entry.student_id)
        assert record is not None, "ready student must be in the roster"
        assert record.status == "active" and record.enabled
        assert names_match(
            [entry.first_name, entry.last_name], record.given_name, record.family_name
        )
        assert fold(entry.first_name) in fold(body) and fold(entry.last_name) in fold(body)
        digits = re.sub(r"[\s\-#]", "", body).replace("O", "0").replace("o", "0")
        assert entry.student_id[1:] in digits
        assert staff and all(u.status == "active" and u.enabled for u in staff)
        orgs = {o for u in staff for o in u.org_ids}
        assert orgs & (set(record.org_ids) | DISTRICT_IDS)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ticket_body, requesters, st.text(max_size=30), st.booleans())
def test_parser_never_crashes_and_never_makes_a_policy_breaking_student_ready(
    body: str, requester: str, subject: str, html: bool
) -> None:
    result = parse_ticket(
        "P-1",
        subject=subject,
        body=body,
        content_type="text/html" if html else "text/plain",
        requester=requester,
        roster=ROSTER,
    )
    ids = [s.student_id for s in result.students if s.student_id]
    assert len(ids) == len(set(ids)), "one entry per student"
    if not result.reset_request:
        assert result.students == []
    if result.reset_request and (not result.students or result.review):
        assert result.needs_review
    _policy_allows(result, requester, body)


def test_the_generator_reaches_ready_students() -> None:
    """The property above is only worth something if generated tickets do make students ready."""
    found = find(
        st.tuples(ticket_body, requesters),
        lambda args: (
            len(
                parse_ticket(
                    "P-3",
                    subject="",
                    body=args[0],
                    content_type="text/plain",
                    requester=args[1],
                    roster=ROSTER,
                ).ready
            )
            >= 2
        ),
        settings=settings(max_examples=2000, deadline=None),
    )
    assert found


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["text/plain", "text/html"]))
def test_arbitrary_text_never_crashes(body: str, content_type: str) -> None:
    result = parse_ticket(
        "P-2",
        subject="",
        body=body,
        content_type=content_type,
        requester=STAFF[0].email,
        roster=ROSTER,
    )
    assert result.ticket_id == "P-2"
