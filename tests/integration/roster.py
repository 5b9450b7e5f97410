"""A small OneRoster CSV roster for integration tests (invented for these tests)."""

from __future__ import annotations

from pathlib import Path

from connectors.accounts.sql import SqlAccountStore

from ..school_roster import Roster, Student, Teacher, claimed_accounts, write_school_roster

__all__ = ["ANSWERS", "SCHOOL_A", "SCHOOL_B", "Roster", "Student", "claimed_store", "write_roster"]

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


def write_roster(path: Path) -> Roster:
    """Eight students alternating between the two schools, one teacher at each."""
    students = [
        Student(
            f"05{n:05d}", given, family, SCHOOL_A if n % 2 == 0 else SCHOOL_B, f"u{n}@k.example"
        )
        for n, (given, family) in enumerate(NAMES, start=11)
    ]
    teachers = (
        Teacher("t0", SCHOOL_A, "Staff", "Member0", "90000", "ana.teacher@larch.example"),
        Teacher("t1", SCHOOL_B, "Staff", "Member1", "90001", "bo.teacher@larch.example"),
    )
    return write_school_roster(
        path,
        (DISTRICT, "Larchmont District"),
        [(SCHOOL_A, "Alder School"), (SCHOOL_B, "Birch School")],
        teachers,
        students,
        student_grade="07",
    )


def claimed_store(url: str, roster: Roster, *, schema: str | None = None) -> SqlAccountStore:
    """An account store where every student of ``roster`` has claimed with ``ANSWERS``."""
    return claimed_accounts(url, roster, ANSWERS, "Pass-word-1234", schema=schema)
