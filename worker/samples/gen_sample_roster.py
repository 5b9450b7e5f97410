#!/usr/bin/env python3
"""Write the small demo roster of Northwind Unified School District (orgs.csv, users.csv).

    .venv/bin/python worker/samples/gen_sample_roster.py            # rewrites samples/roster/
    .venv/bin/python worker/samples/gen_sample_roster.py --out DIR  # somewhere else

OneRoster 1.1 CSV, every record invented. The students and staff the demo tickets name are
fixed records below; the remaining records come from a seeded random generator, so the
output is the same bytes on every run. Filler student IDs never use the 05xxxxx block,
which belongs to the fixed students and to the IDs the demo tickets expect to match nobody.
The CSV header and writer are the project's (connectors/roster/oneroster_csv.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script, so the repository root is not on sys.path: put it there for `connectors`.
sys.path.insert(0, str(HERE.parents[1]))
from connectors.roster.oneroster_csv import (  # noqa: E402
    ORGS_HEADER,
    USERS_HEADER,
    write_oneroster_csv,
)

SEED = 20260901
DOMAIN = "northwind.k12.example"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, DOMAIN)
MODIFIED = "2026-08-20T06:00:00.000Z"

DISTRICT = ("DO", "Northwind Unified School District", "5399001")
# key, name, identifier, lowest grade, highest grade, number of students
SCHOOLS = (
    ("WB", "Willow Bend Elementary School", "539900100101", 0, 5, 55),
    ("FG", "Foxglove Middle School", "539900100201", 6, 8, 45),
    ("NW", "Northwind High School", "539900100301", 9, 12, 50),
)

# identifier|given|family|school|grade|flags
FIXED_STUDENTS = """
0512048|Amaya|Torrance|WB|04|
0527713|Felix|Osei-Mensah|WB|04|
0533190|Inès|Laurent|WB|04|
0541206|Odhran|O'Shea|WB|03|
0546672|Marisela|Guerrero|WB|03|
0548810|Linnea|Halvard|WB|03|
0549921|Kwabena|Asare|WB|03|
0551824|Tomasz|Zielonka|FG|07|
0561937|Keoni|Palakiko|FG|07|
0561973|Rosa|Delacour|FG|07|
0566402|Bilal|Haddou|FG|08|
0568150|Greta|Lindqvist-Abara|FG|08|disabled
0571160|Ximena|Quispe|NW|10|
0574418|Jarrah|Whitlam|NW|10|
0578805|Sun-hee|Baek|NW|11|
0583321|Tobin|Ashgrove|NW|11|
0586630|Aleksander|Nowicki|NW|12|
0590047|Delphine|Marchand|NW|12|
0593318|Mateo|Villalobos|NW|12|tobedeleted
"""

# username|given|family|role|orgs|flags   (e-mail is username@domain)
FIXED_STAFF = """
lucia.marchetti|Lucia|Marchetti|teacher|WB|
hedda.svensson|Hedda|Svensson|teacher|WB|
dorothea.okereke|Dorothea|Okereke|teacher|FG|
rashid.kamara|Rashid|Kamara|aide|FG|
jules.baptiste|Jules|Baptiste|teacher|NW|
thomas.quigley|Thomas|Quigley|teacher|NW|disabled
anneliese.wexford|Anneliese|Wexford|administrator|DO|
"""
FILLER_STAFF = (
    ("WB", "teacher"),
    ("WB", "teacher"),
    ("WB", "administrator"),
    ("WB", "aide"),
    ("FG", "teacher"),
    ("FG", "teacher"),
    ("FG", "administrator"),
    ("NW", "teacher"),
    ("NW", "teacher"),
    ("NW", "teacher"),
    ("NW", "administrator"),
    ("NW", "aide"),
    ("DO", "administrator"),
)

# e-mail|given|family|children's identifiers
FIXED_PARENTS = """
g.ashgrove@homemail.example|Gwendolyn|Ashgrove|0583321
"""
FILLER_PARENTS = 5

GIVEN = (
    "Ada Aurelio Beatrix Callum Dagny Elif Emeka Farida Gianni Hollis Ingrid Jasper Kalani "
    "Leilani Marek Nadia Oona Osric Paloma Quentin Rhiannon Sakura Teodor Uma Valentin Wren "
    "Yara Zofia Noor Rafael Saoirse Thiago Mirela Joaquín Chloé Björn Anh Minh"
).split()
FAMILY = (
    "Abernathy Bergström Castellano Dimitriou Eklund Fairweather Gallagher Haverford Ibarra "
    "Jankowski Kowalski Lachlan Moreau Nakamura Ortega O'Rourke Pemberton Quinlan Rasmussen "
    "Sato Thibault Underhill Valdés Winslow Yamada Zapata Ng Li Da Costa Van Buren"
).split()
FAMILY += ["De la Rosa", "Mac Innes"]


def ascii_letters(text: str) -> str:
    """Lower-case ASCII letters of a name, for user names and e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def org_id(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"org:{key}"))


def org_row(key: str, name: str, kind: str, ident: str, parent: str) -> dict[str, str]:
    values = [org_id(key), "active", MODIFIED, name, kind, ident, parent]
    return dict(zip(ORGS_HEADER, values, strict=True))


def table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


def user(**fields: str) -> dict[str, str]:
    row = dict.fromkeys(USERS_HEADER, "")
    row.update(status="active", dateLastModified=MODIFIED, enabledUser="true")
    row.update(fields)
    return row


def with_flags(row: dict[str, str], flags: str) -> dict[str, str]:
    if "tobedeleted" in flags:
        row.update(status="tobedeleted", enabledUser="false")
    if "disabled" in flags:
        row["enabledUser"] = "false"
    return row


def student(
    sourced: str, ident: str, given: str, family: str, school: str, grade: str
) -> dict[str, str]:
    local = f"{ascii_letters(given)[:1]}{ascii_letters(family)}{ident[1:]}"
    return user(
        sourcedId=sourced,
        orgSourcedIds=org_id(school),
        role="student",
        username=local,
        givenName=given,
        familyName=family,
        identifier=ident,
        email=f"{local}@students.{DOMAIN}",
        grades=grade,
    )


def staff(
    sourced: str, username: str, given: str, family: str, role: str, org: str
) -> dict[str, str]:
    return user(
        sourcedId=sourced,
        orgSourcedIds=org_id(org),
        role=role,
        username=username,
        givenName=given,
        familyName=family,
        identifier=str(60000 + int(uuid.UUID(sourced).int % 30000)),
        email=f"{username}@{DOMAIN}",
    )


def build(rng: random.Random) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    orgs = [org_row("DO", DISTRICT[1], "district", DISTRICT[2], parent="")]
    for key, name, ident, *_ in SCHOOLS:
        orgs.append(org_row(key, name, "school", ident, parent=org_id("DO")))

    staff_rows = []
    for username, given, family, role, org, flags in table(FIXED_STAFF):
        sourced = str(uuid.uuid5(NAMESPACE, f"staff:{username}"))
        staff_rows.append(with_flags(staff(sourced, username, given, family, role, org), flags))
    for org, role in FILLER_STAFF:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        username = f"{ascii_letters(given)}.{ascii_letters(family)}"
        if any(row["username"] == username for row in staff_rows):
            username += str(len(staff_rows))
        sourced = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        staff_rows.append(staff(sourced, username, given, family, role, org))

    students = []
    for ident, given, family, school, grade, flags in table(FIXED_STUDENTS):
        sourced = str(uuid.uuid5(NAMESPACE, f"student:{ident}"))
        students.append(with_flags(student(sourced, ident, given, family, school, grade), flags))
    taken = {row["identifier"] for row in students}
    for key, _name, _ident, low, high, size in SCHOOLS:
        fixed = sum(row["orgSourcedIds"] == org_id(key) for row in students)
        for _ in range(size - fixed):
            ident = f"0{rng.randrange(100000, 1000000)}"
            while ident in taken or ident.startswith("05"):
                ident = f"0{rng.randrange(100000, 1000000)}"
            taken.add(ident)
            level = rng.randint(low, high)
            sourced = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            row = student(
                sourced,
                ident,
                rng.choice(GIVEN),
                rng.choice(FAMILY),
                key,
                "KG" if level == 0 else f"{level:02d}",
            )
            students.append(row)

    parents = link_parents(rng, students)
    students.sort(key=lambda row: (row["orgSourcedIds"], row["grades"], row["familyName"]))
    return orgs, staff_rows + students + parents


def link_parents(rng: random.Random, students: list[dict[str, str]]) -> list[dict[str, str]]:
    """Parent rows; agentSourcedIds is filled in on the parent and on each child."""
    by_ident = {row["identifier"]: row for row in students}
    specs = [
        (email, given, family, kids.split()) for email, given, family, kids in table(FIXED_PARENTS)
    ]
    emails = {spec[0] for spec in specs}
    filler = sorted(ident for ident in by_ident if not ident.startswith("05"))
    for _ in range(FILLER_PARENTS):
        kid = by_ident[rng.choice(filler)]
        given = rng.choice(GIVEN)
        email = f"{ascii_letters(given)}.{ascii_letters(kid['familyName'])}@homemail.example"
        if email in emails:
            continue
        emails.add(email)
        specs.append((email, given, kid["familyName"], [kid["identifier"]]))
    rows = []
    for email, given, family, kids in specs:
        sourced = str(uuid.uuid5(NAMESPACE, f"parent:{email}"))
        children = [by_ident[ident] for ident in kids]
        for child in children:
            child["agentSourcedIds"] = ",".join(filter(None, [child["agentSourcedIds"], sourced]))
        rows.append(
            user(
                sourcedId=sourced,
                orgSourcedIds=",".join(dict.fromkeys(c["orgSourcedIds"] for c in children)),
                role="parent",
                username=email,
                givenName=given,
                familyName=family,
                email=email,
                agentSourcedIds=",".join(c["sourcedId"] for c in children),
            )
        )
    return rows


def main() -> None:
    """Write orgs.csv and users.csv."""
    parser = argparse.ArgumentParser(description="Write the Northwind demo roster.")
    parser.add_argument("--out", type=Path, default=HERE / "roster", help="output directory")
    args = parser.parse_args()
    orgs, users = build(random.Random(SEED))
    # The committed sample files end their lines with "\n", not CRLF.
    write_oneroster_csv(args.out, orgs, users, line_terminator="\n")
    print(f"wrote {args.out}: {len(orgs)} orgs, {len(users)} users")


if __name__ == "__main__":
    main()
