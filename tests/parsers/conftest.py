"""A small hand-made roster for parser tests (written for these tests, not from any corpus)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from connectors.roster.base import OrgRecord, UserRecord
from parsers import ParseResult, RosterIndex, parse_ticket

DISTRICT = "org-district"
ELM = "org-elm"  # Elm Street Elementary
RIDGE = "org-ridge"  # Ridgeview Middle
HARBOR = "org-harbor"  # Harbor High

ORGS = [
    OrgRecord(DISTRICT, "active", "Pinecrest County Schools", "district"),
    OrgRecord(ELM, "active", "Elm Street Elementary School", "school", parent_sourced_id=DISTRICT),
    OrgRecord(RIDGE, "active", "Ridgeview Middle School", "school", parent_sourced_id=DISTRICT),
    OrgRecord(HARBOR, "active", "Harbor High School", "school", parent_sourced_id=DISTRICT),
]


def student(
    sid: str,
    given: str,
    family: str,
    school: str = ELM,
    *,
    middle: str = "",
    status: str = "active",
    enabled: bool = True,
) -> UserRecord:
    return UserRecord(
        sourced_id=f"s-{sid}",
        status=status,
        enabled=enabled,
        org_ids=(school,),
        role="student",
        username=f"{given[:1]}{family}{sid[1:]}".lower(),
        given_name=given,
        family_name=family,
        middle_name=middle,
        identifier=sid,
        email=f"{given[:1]}{family}{sid[1:]}@kids.pinecrest.example".lower(),
        grades="05",
    )


def staff(
    email: str, given: str, family: str, *orgs: str, role: str = "teacher", active: bool = True
) -> UserRecord:
    return UserRecord(
        sourced_id=f"t-{email}",
        status="active" if active else "tobedeleted",
        enabled=active,
        org_ids=orgs,
        role=role,
        username=email.split("@")[0],
        given_name=given,
        family_name=family,
        middle_name="",
        identifier=f"E{len(email):04d}",
        email=email,
    )


STUDENTS = [
    student("0412345", "Olivia", "Oyelaran"),
    student("0412354", "Noor", "Haddad"),
    student("0423456", "Liam", "O'Neal"),
    student("0434567", "José", "Martínez-Ruiz"),
    student("0445678", "Mary Jane", "De La Cruz"),
    student("0456789", "Sam", "Lee"),
    student("0456798", "Sam", "Lee"),  # two students share a full name; IDs differ by a swap
    student("0467890", "Michael", "Brennan"),
    student("0478901", "Zoë", "Nguyễn", middle="Thi"),
    student("0489012", "Jalen", "Ward"),
    student("0490123", "Aiden", "Walsh", status="tobedeleted", enabled=False),
    student("0401234", "Grace", "Kim", enabled=False),
    student("0461832", "Noah", "Fischer"),
    student("0518273", "Juan Carlos", "Pérez", RIDGE),
    student("0529384", "Will", "Hunter", RIDGE),
    student("0530495", "May", "Summers", HARBOR),
    student("0541506", "D'Andre", "St. Clair", HARBOR),
    student("0552617", "Oscar", "Olsen", ELM),
    student("0563728", "Gao Nou", "Her", ELM),  # Hmong: the family name is a pronoun too
    student("0574839", "Thi Ngoc Anh", "Ly", ELM),
    student("0585940", "Keanu", "D'Souza", ELM),
    student("0596051", "Bilal", "el-Amin", ELM),
    student("0507162", "Thao My", "Nguyen", ELM),
    student("0508273", "Major", "Bell", ELM),  # both names are also words (and a label)
    student("0519384", "A.J.", "Kowalski", ELM),
]
STAFF = [
    staff("rita.gomez@pinecrest.example", "Rita", "Gomez", ELM),
    staff("paul.ng@pinecrest.example", "Paul", "Ng", RIDGE),
    staff("dana.fox@pinecrest.example", "Dana", "Fox", DISTRICT, role="administrator"),
    staff("kim.aide@pinecrest.example", "Kim", "Arden", ELM, role="aide"),
    staff("old.timer@pinecrest.example", "Old", "Timer", ELM, active=False),
    staff("lee.music@pinecrest.example", "Lee", "Singer", ELM, RIDGE),
    staff("sam.lee@pinecrest.example", "Sam", "Lee", ELM),  # a teacher named like students
]
PARENT = UserRecord(
    "p-1", "active", True, (), "parent", "mom", "Ada", "Oyelaran", "", "", "ada@mail.example"
)


@pytest.fixture(scope="session")
def roster() -> RosterIndex:
    return RosterIndex.build([*STUDENTS, *STAFF, PARENT], ORGS)


Parse = Callable[..., ParseResult]


@pytest.fixture()
def parse(roster: RosterIndex) -> Parse:
    """parse(body, requester=..., subject=..., html=False) -> ParseResult."""

    def run(
        body: str,
        requester: str = "rita.gomez@pinecrest.example",
        subject: str = "Help",
        html: bool = False,
    ) -> ParseResult:
        return parse_ticket(
            "X-1",
            subject=subject,
            body=body,
            content_type="text/html" if html else "text/plain",
            requester=requester,
            roster=roster,
        )

    return run


def ready_ids(result: ParseResult) -> set[str]:
    return {s.student_id for s in result.ready if s.student_id}
