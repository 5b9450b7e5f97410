"""A small OneRoster CSV roster for integration tests (invented for these tests)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import argon2

from connectors.accounts.base import AccountNames
from connectors.accounts.sql import PortalPolicy, SqlAccountStore

DISTRICT, SCHOOL_A, SCHOOL_B = "d-1", "s-a", "s-b"
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
    path.mkdir(parents=True)
    with (path / "orgs.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "name",
                "type",
                "identifier",
                "parentSourcedId",
            ]
        )
        w.writerow([DISTRICT, "active", "2026-08-01", "Larchmont District", "district", "1", ""])
        w.writerow([SCHOOL_A, "active", "2026-08-01", "Alder School", "school", "2", DISTRICT])
        w.writerow([SCHOOL_B, "active", "2026-08-01", "Birch School", "school", "3", DISTRICT])
    students = [
        Student(f"05{n:05d}", given, family, SCHOOL_A if n % 2 == 0 else SCHOOL_B)
        for n, (given, family) in enumerate(NAMES, start=11)
    ]
    teachers = [("ana.teacher@larch.example", SCHOOL_A), ("bo.teacher@larch.example", SCHOOL_B)]
    with (path / "users.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,"
            "userIds,givenName,familyName,middleName,identifier,email,sms,phone,"
            "agentSourcedIds,grades,password".split(",")
        )
        for n, (email, school) in enumerate(teachers):
            w.writerow(
                [
                    f"t{n}",
                    "active",
                    "2026-08-01",
                    "true",
                    school,
                    "teacher",
                    f"t{n}",
                    "",
                    "Staff",
                    f"Member{n}",
                    "",
                    f"9{n:04d}",
                    email,
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        for s in students:
            w.writerow(
                [
                    f"u{s.sid}",
                    "active",
                    "2026-08-01",
                    "true",
                    s.school,
                    "student",
                    f"u{s.sid}",
                    "",
                    s.given,
                    s.family,
                    "",
                    s.sid,
                    f"u{s.sid}@k.example",
                    "",
                    "",
                    "",
                    "07",
                    "",
                ]
            )
    return Roster(path, students, teachers[0][0], teachers[1][0])


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
