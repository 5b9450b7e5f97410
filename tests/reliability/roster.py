"""An invented roster for the fault tests: a district, two schools, a teacher each, and
eighteen students (twelve at school A, six at school B), in OneRoster CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Student:
    sid: str
    given: str
    family: str
    school: str

    @property
    def email(self) -> str:
        return f"s{self.sid}@pupils.alder-birch.example"

    def line(self) -> str:
        return f"{self.given} {self.family} {self.sid}"


@dataclass(frozen=True)
class Roster:
    path: Path
    students: list[Student]
    teacher_a: str = "m.quill@staff.alder-birch.example"
    teacher_b: str = "r.tamsin@staff.alder-birch.example"

    def at(self, school: str) -> list[Student]:
        return [s for s in self.students if s.school == school]


def write_roster(path: Path) -> Roster:
    """A OneRoster CSV roster: a district, two schools, a teacher each, 18 students."""
    path.mkdir(parents=True)
    students = [
        Student(f"06{n:05d}", given, family, SCHOOL_A if n < 200 else SCHOOL_B)
        for n, (given, family) in [
            *((100 + i * 7, name) for i, name in enumerate(NAMES_A)),
            *((200 + i * 7, name) for i, name in enumerate(NAMES_B)),
        ]
    ]
    roster = Roster(path, students)
    with (path / "orgs.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId".split(",")
        )
        w.writerow(["org-dist", "active", "2026-08-01", "Alder-Birch USD", "district", "1", ""])
        for org, name, number in (
            (SCHOOL_A, "Alder Elementary", "2"),
            (SCHOOL_B, "Birch Middle", "3"),
        ):
            w.writerow([org, "active", "2026-08-01", name, "school", number, "org-dist"])
    people = [
        ("tch-a", SCHOOL_A, "teacher", "Morwenna", "Quill", "90001", roster.teacher_a),
        ("tch-b", SCHOOL_B, "teacher", "Rupert", "Tamsin", "90002", roster.teacher_b),
        *(
            (f"stu-{s.sid}", s.school, "student", s.given, s.family, s.sid, s.email)
            for s in students
        ),
    ]
    with (path / "users.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,"
            "userIds,givenName,familyName,middleName,identifier,email,sms,phone,"
            "agentSourcedIds,grades,password".split(",")
        )
        for source, org, role, given, family, ident, email in people:
            grade = "05" if role == "student" else ""
            w.writerow(
                [source, "active", "2026-08-01", "true", org, role, source, "", given, family]
                + ["", ident, email, "", "", "", grade, ""]
            )
    return roster
