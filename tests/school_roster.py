"""Small invented OneRoster CSV rosters for the suites that run the whole product.

A district, two schools, one teacher at each, and students at both: enough to test that a
teacher may only have their own school's students reset.  Each suite picks its own names,
IDs and addresses (tests/integration/roster.py, tests/reliability/roster.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import argon2

from connectors.accounts.base import AccountNames
from connectors.accounts.sql import PortalPolicy, SqlAccountStore
from connectors.roster.oneroster_csv import write_oneroster_csv

MODIFIED = "2026-08-01"


@dataclass(frozen=True)
class Student:
    sid: str
    given: str
    family: str
    school: str
    email: str = ""

    def line(self) -> str:
        """How a teacher lists the student: "Firstname Lastname StudentID"."""
        return f"{self.given} {self.family} {self.sid}"


@dataclass(frozen=True)
class Teacher:
    sourced_id: str
    school: str
    given: str
    family: str
    identifier: str
    email: str


@dataclass(frozen=True)
class Roster:
    path: Path
    students: list[Student]
    teacher_a: str
    teacher_b: str

    def at(self, school: str) -> list[Student]:
        return [s for s in self.students if s.school == school]


def write_school_roster(
    path: Path,
    district: tuple[str, str],
    schools: list[tuple[str, str]],
    teachers: tuple[Teacher, Teacher],
    students: list[Student],
    *,
    student_grade: str,
) -> Roster:
    """Write orgs.csv and users.csv for ``district`` (id, name) and its ``schools``."""
    district_id, district_name = district
    orgs = [_org(district_id, district_name, "district", "1", "")]
    orgs += [
        _org(org, name, "school", str(n), district_id) for n, (org, name) in enumerate(schools, 2)
    ]
    staff = [
        _user(t.sourced_id, t.school, "teacher", t.given, t.family, t.identifier, t.email, "")
        for t in teachers
    ]
    pupils = [
        _user(f"stu-{s.sid}", s.school, "student", s.given, s.family, s.sid, s.email, student_grade)
        for s in students
    ]
    write_oneroster_csv(path, orgs, staff + pupils, line_terminator="\n")
    return Roster(path, students, teachers[0].email, teachers[1].email)


def _org(sourced_id: str, name: str, kind: str, identifier: str, parent: str) -> dict[str, str]:
    return {
        "sourcedId": sourced_id,
        "status": "active",
        "dateLastModified": MODIFIED,
        "name": name,
        "type": kind,
        "identifier": identifier,
        "parentSourcedId": parent,
    }


def _user(
    sourced_id: str,
    school: str,
    role: str,
    given: str,
    family: str,
    identifier: str,
    email: str,
    grades: str,
) -> dict[str, str]:
    # In these rosters a user's username is its sourcedId.
    return {
        "sourcedId": sourced_id,
        "status": "active",
        "dateLastModified": MODIFIED,
        "enabledUser": "true",
        "orgSourcedIds": school,
        "role": role,
        "username": sourced_id,
        "givenName": given,
        "familyName": family,
        "identifier": identifier,
        "email": email,
        "grades": grades,
    }


def claimed_accounts(
    url: str,
    roster: Roster,
    answers: dict[str, str],
    password: str,
    *,
    schema: str | None = None,
) -> SqlAccountStore:
    """An account store where every student of ``roster`` has claimed their account."""
    accounts = SqlAccountStore.from_url(
        url, schema=schema, policy=PortalPolicy(argon2_parameters=argon2.profiles.CHEAPEST)
    )
    accounts.create_schema()
    accounts.create_unclaimed(AccountNames(s.sid, s.given, s.family) for s in roster.students)
    for s in roster.students:
        assert accounts.claim(s.sid, s.given, s.family, answers, password).ok
    return accounts
