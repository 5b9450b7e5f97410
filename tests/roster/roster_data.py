"""Invented district rosters as OneRoster JSON, and the same data written as a OneRoster CSV export.

Every name and number here is made up for the tests.  Student numbers are 7 digits with a leading
zero, as the district issues them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from connectors.roster.oneroster_csv import ORGS_HEADER, USERS_HEADER, write_oneroster_csv

Json = dict[str, Any]

GIVEN = ["Amara", "Bastien", "Corinne", "Dmitri", "Elowen", "Farid", "Giselle", "Hollis", "Ines"]
GIVEN += ["Jovan", "Kaia", "Lucián", "Maëlle", "Nnamdi", "Oskar", "Priya", "Quill", "Rosalind"]
FAMILY = ["Abernathy", "Brightwater", "Castellanos", "D'Souza", "Eklund", "Fairweather", "Grünwald"]
FAMILY += ["Halvorsen-Yu", "Iwasaki", "Jablonski", "Kowalczyk", "Lindqvist", "Mbeki", "Nakamura"]
MIDDLE = ["", "", "Ann", "Lee", "José", "Marie", "T"]
BASE_HREF = "https://sis.invalid/ims/oneroster/v1p1"

MODIFIED = "2026-08-01T06:00:00.000Z"


def org_ref(sourced_id: str) -> Json:
    return {"href": f"{BASE_HREF}/orgs/{sourced_id}", "sourcedId": sourced_id, "type": "org"}


def make_orgs(schools: int = 3) -> list[Json]:
    district: Json = {
        "sourcedId": "org-district",
        "status": "active",
        "dateLastModified": MODIFIED,
        "name": "Lakeside Unified",
        "type": "district",
        "identifier": "LSU",
        "parent": None,
    }
    orgs = [district]
    for n in range(1, schools + 1):
        orgs.append(
            {
                "sourcedId": f"org-school-{n}",
                "status": "active",
                "dateLastModified": MODIFIED,
                "name": f"Lakeside School {n}",
                "type": "school",
                "identifier": f"S{n:03d}",
                "parent": org_ref("org-district"),
            }
        )
    return orgs


def make_users(students: int, staff: int = 4, schools: int = 3, seed: int = 7) -> list[Json]:
    """Students (a few leaving or disabled) and staff, as OneRoster 1.1 REST JSON users."""
    rng = random.Random(seed)
    users = []
    for n in range(students):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        grade = f"{rng.randint(6, 12):02d}"
        user = _user(f"stu-{n:05d}", "student", given, family, rng.choice(MIDDLE))
        user["identifier"] = f"0{rng.randint(100000, 999999)}" if n % 2 else f"0{200000 + n:06d}"
        user["orgs"] = [org_ref(f"org-school-{n % schools + 1}")]
        user["grades"] = [grade]
        if n % 11 == 5:
            user["status"] = "tobedeleted"
        if n % 13 == 7:
            user["enabledUser"] = "false"
        users.append(user)
    for n in range(staff):
        user = _user(f"stf-{n:03d}", "teacher", rng.choice(GIVEN), rng.choice(FAMILY), "")
        user["identifier"] = f"T{n:04d}"
        user["orgs"] = [org_ref(f"org-school-{s}") for s in range(1, min(schools, 2) + 1)]
        users.append(user)
    _make_identifiers_unique(users)
    return users


def _user(sourced_id: str, role: str, given: str, family: str, middle: str) -> Json:
    username = f"{given[0]}{family}".lower().replace("'", "")
    return {
        "sourcedId": sourced_id,
        "status": "active",
        "dateLastModified": MODIFIED,
        "username": username,
        "userIds": [],
        "enabledUser": "true",
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "role": role,
        "identifier": "",
        "email": f"{username}@lakeside.invalid",
        "sms": "",
        "phone": "",
        "agents": [],
        "orgs": [],
        "grades": [],
    }


def _make_identifiers_unique(users: list[Json]) -> None:
    # Random student numbers may collide; duplicates are a separate test, not noise in others.
    seen: set[str] = set()
    for user in users:
        while user["identifier"] in seen:
            user["identifier"] = f"0{(int(user['identifier']) + 1) % 1000000:06d}"
        seen.add(user["identifier"])


def as_v1p2(user: Json) -> Json:
    """The user in the OneRoster 1.2 shape: boolean enabledUser, ``roles`` for role and orgs."""
    converted = {k: v for k, v in user.items() if k not in ("role", "orgs")}
    converted["enabledUser"] = user["enabledUser"] == "true"
    converted["roles"] = [
        {"roleType": "primary" if i == 0 else "secondary", "role": user["role"], "org": ref}
        for i, ref in enumerate(user["orgs"])
    ]
    return converted


def write_csv_export(directory: Path, orgs: Sequence[Json], users: Sequence[Json]) -> Path:
    """Write ``orgs.csv`` and ``users.csv`` (OneRoster 1.1 CSV) holding the same records."""
    org_rows = [{column: _csv_value(org, column) for column in ORGS_HEADER} for org in orgs]
    user_rows = [{column: _csv_value(user, column) for column in USERS_HEADER} for user in users]
    return write_oneroster_csv(directory, org_rows, user_rows)


def _csv_value(record: Json, column: str) -> str:
    """The CSV cell for ``column`` of a REST JSON org or user (references become sourcedIds)."""
    if column == "parentSourcedId":
        return str((record.get("parent") or {}).get("sourcedId", ""))
    if column == "orgSourcedIds":
        return ",".join(ref["sourcedId"] for ref in record["orgs"])
    if column == "agentSourcedIds":
        return ",".join(ref["sourcedId"] for ref in record["agents"])
    if column in ("grades", "userIds"):
        return ",".join(str(value) for value in record[column])
    value = record.get(column, "")
    return "" if value is None else str(value)
