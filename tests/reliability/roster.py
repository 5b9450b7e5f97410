"""An invented roster for the fault tests: a district, two schools, a teacher each, and
eighteen students (twelve at school A, six at school B), in OneRoster CSV."""

from __future__ import annotations

from pathlib import Path

from ..school_roster import Roster, Student, Teacher, write_school_roster

__all__ = ["ANSWERS", "PASSWORD", "SCHOOL_A", "SCHOOL_B", "Roster", "Student", "write_roster"]

SCHOOL_A, SCHOOL_B = "org-alder", "org-birch"
ANSWERS = {"first street": "Quarry", "first pet": "Pepper", "favourite book": "Matilda"}
PASSWORD = "Lantern-Orchard-77"
# Invented students: (given, family); the first list is school A, the second school B.
NAMES_A = [
    ("Odalys", "Ferreira"),
    ("Bartholomew", "Nkemelu"),
    ("Ingrid", "Solberg"),
    ("Tobiah", "Marchetti"),
    ("Yusra", "Haddad"),
    ("Caspian", "Wrenfield"),
    ("Marisol", "Quintero"),
    ("Henrik", "Lindqvist"),
    ("Amara", "Okonjo"),
    ("Desmond", "Achterberg"),
    ("Rosalind", "Pikeworth"),
    ("Kenji", "Watanuki"),
]
NAMES_B = [
    ("Priya", "Venkataraman"),
    ("Lucian", "Moreau"),
    ("Saoirse", "Gallagher"),
    ("Anouk", "Verbeek"),
    ("Teodor", "Bălan"),
    ("Ximena", "Altamirano"),
]


def write_roster(path: Path) -> Roster:
    """A OneRoster CSV roster: a district, two schools, a teacher each, 18 students."""
    students = [
        Student(
            f"06{n:05d}",
            given,
            family,
            SCHOOL_A if n < 200 else SCHOOL_B,
            f"s06{n:05d}@pupils.alder-birch.example",
        )
        for n, (given, family) in [
            *((100 + i * 7, name) for i, name in enumerate(NAMES_A)),
            *((200 + i * 7, name) for i, name in enumerate(NAMES_B)),
        ]
    ]
    staff = "staff.alder-birch.example"
    teachers = (
        Teacher("tch-a", SCHOOL_A, "Morwenna", "Quill", "90001", f"m.quill@{staff}"),
        Teacher("tch-b", SCHOOL_B, "Rupert", "Tamsin", "90002", f"r.tamsin@{staff}"),
    )
    return write_school_roster(
        path,
        ("org-dist", "Alder-Birch USD"),
        [(SCHOOL_A, "Alder Elementary"), (SCHOOL_B, "Birch Middle")],
        teachers,
        students,
        student_grade="05",
    )
