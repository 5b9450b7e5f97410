"""A small OneRoster CSV roster for integration tests (invented for these tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import argon2

from connectors.accounts.base import AccountNames
from connectors.accounts.sql import PortalPolicy, SqlAccountStore
from connectors.roster.oneroster_csv import ORGS_HEADER, write_oneroster_csv

DISTRICT, SCHOOL_A, SCHOOL_B = "d-1", "s-a", "s-b"
MODIFIED = "2026-08-01"
ANSWERS = {"first pet": "Biscuit", "street": "Larch", "book": "Holes"}
NAMES = [
    ("Aurelio", "Benedetti"),
    ("Noemí", "Castañeda"),
    ("Tahmina", "Rahman"),
    ("Liesel", "Vogt"),
    ("Kwame", "Asante-Boateng"),
    ("Siobhán", "Ó Briain"),
    ("Mateus", "Prazeres"),
    ("Yerlan", "Abenov"),
]


@dataclass(frozen=True)
class Student:
    sid: str
    given: str
    family: str
    school: str

    def line(self) -> str:
        return f"{self.given} {self.family} {self.sid}"


@dataclass(frozen=True)
class Roster:
    path: Path
    students: list[Student]
    teacher_a: str
    teacher_b: str


def write_roster(path: Path) -> Roster:
    students = [
        Student(f"05{n:05d}", given, family, SCHOOL_A if n % 2 == 0 else SCHOOL_B)
        for n, (given, family) in enumerate(NAMES, start=11)
    ]
    teachers = [("ana.teacher@larch.example", SCHOOL_A), ("bo.teacher@larch.example", SCHOOL_B)]
    orgs = [
        dict(zip(ORGS_HEADER, row, strict=True))
        for row in [
            (DISTRICT, "active", MODIFIED, "Larchmont District", "district", "1", ""),
            (SCHOOL_A, "active", MODIFIED, "Alder School", "school", "2", DISTRICT),
            (SCHOOL_B, "active", MODIFIED, "Birch School", "school", "3", DISTRICT),
        ]
    ]
    staff = [
        _user(f"t{n}", school, "teacher", "Staff", f"Member{n}", f"9{n:04d}", email, grades="")
        for n, (email, school) in enumerate(teachers)
    ]
    pupils = [
        _user(f"u{s.sid}", s.school, "student", s.given, s.family, s.sid, f"u{s.sid}@k.example")
        for s in students
    ]
    write_oneroster_csv(path, orgs, staff + pupils)
    return Roster(path, students, teachers[0][0], teachers[1][0])


def _user(
    sourced_id: str,
    school: str,
    role: str,
    given: str,
    family: str,
    identifier: str,
    email: str,
    grades: str = "07",
) -> dict[str, str]:
    # In this roster a user's username is its sourcedId.
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


def claimed_store(url: str, roster: Roster, *, schema: str | None = None) -> SqlAccountStore:
    """An account store where every student of ``roster`` has claimed with ``ANSWERS``."""
    accounts = SqlAccountStore.from_url(
        url, schema=schema, policy=PortalPolicy(argon2_parameters=argon2.profiles.CHEAPEST)
    )
    accounts.create_schema()
    accounts.create_unclaimed(AccountNames(s.sid, s.given, s.family) for s in roster.students)
    for s in roster.students:
        assert accounts.claim(s.sid, s.given, s.family, ANSWERS, "Pass-word-1234").ok
    return accounts
