"""write_oneroster_csv: what it writes loads back through OneRosterCsvSource unchanged."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.roster.base import OrgRecord, UserRecord
from connectors.roster.oneroster_csv import (
    ORGS_HEADER,
    USERS_HEADER,
    OneRosterCsvSource,
    write_oneroster_csv,
)

MODIFIED = "2026-08-01T06:00:00.000Z"
ORGS = [
    {"sourcedId": "d1", "status": "active", "name": "Quarry Hill District", "type": "district"},
    {
        "sourcedId": "s1",
        "status": "active",
        "dateLastModified": MODIFIED,
        "name": 'Quarry Hill "Annex", Building B',
        "type": "school",
        "identifier": "QH-01",
        "parentSourcedId": "d1",
    },
]
USERS = [
    {
        "sourcedId": "u1",
        "status": "active",
        "dateLastModified": MODIFIED,
        "enabledUser": "true",
        "orgSourcedIds": "s1",
        "role": "student",
        "username": "tnguyen",
        "givenName": "Thảo",
        "familyName": "Nguyễn-O'Leary",
        "middleName": "Minh",
        "identifier": "0730125",
        "email": "tnguyen@students.quarry.example",
        "agentSourcedIds": "p1",
        "grades": "07",
    },
    {
        "sourcedId": "u2",
        "status": "tobedeleted",
        "enabledUser": "false",
        "orgSourcedIds": "s1",
        "role": "student",
        "username": "rbakr",
        "givenName": "Rania",
        "familyName": "Bakr, Jr.",
        "identifier": "0730248",
    },
    {
        "sourcedId": "t1",
        "status": "active",
        "enabledUser": "true",
        "orgSourcedIds": "s1,d1",
        "role": "teacher",
        "username": "mvoss",
        "givenName": "Marit",
        "familyName": "Voss",
        "identifier": "T-88",
        "email": "mvoss@quarry.example",
    },
    {
        "sourcedId": "p1",
        "status": "active",
        "enabledUser": "true",
        "orgSourcedIds": "s1",
        "role": "parent",
        "username": "hnguyen@mail.example",
        "givenName": "Hòa",
        "familyName": "Nguyễn",
        "agentSourcedIds": "u1",
    },
]


# What OneRosterCsvSource should make of ORGS and USERS, written out by hand.
EXPECTED_ORGS = [
    OrgRecord("d1", "active", "Quarry Hill District", "district"),
    OrgRecord("s1", "active", 'Quarry Hill "Annex", Building B', "school", "QH-01", "d1"),
]
EXPECTED_USERS = [
    UserRecord(
        "u1", "active", True, ("s1",), "student", "tnguyen", "Thảo", "Nguyễn-O'Leary", "Minh",
        "0730125", "tnguyen@students.quarry.example", "07",
    ),
    UserRecord(
        "u2", "tobedeleted", False, ("s1",), "student", "rbakr", "Rania", "Bakr, Jr.", "",
        "0730248", "", "",
    ),
    UserRecord(
        "t1", "active", True, ("s1", "d1"), "teacher", "mvoss", "Marit", "Voss", "", "T-88",
        "mvoss@quarry.example", "",
    ),
    UserRecord(
        "p1", "active", True, ("s1",), "parent", "hnguyen@mail.example", "Hòa", "Nguyễn", "", "",
        "", "",
    ),
]  # fmt: skip


def _without_origin(users: tuple[UserRecord, ...] | list[UserRecord]) -> list[UserRecord]:
    return [replace(user, origin="") for user in users]


def test_written_roster_loads_back_to_the_same_records(tmp_path: Path) -> None:
    directory = write_oneroster_csv(tmp_path / "new" / "export", ORGS, USERS)

    roster = OneRosterCsvSource(directory).load()

    assert roster.issues == ()
    assert list(roster.orgs) == EXPECTED_ORGS
    assert _without_origin(roster.users) == EXPECTED_USERS
    assert [user.origin for user in roster.users] == [
        f"{directory / 'users.csv'}:{line}" for line in range(2, 6)
    ]


def test_header_is_the_full_v1p1_one_and_left_out_fields_are_empty(tmp_path: Path) -> None:
    write_oneroster_csv(tmp_path, ORGS, USERS)

    orgs = (tmp_path / "orgs.csv").read_bytes().decode("utf-8").split("\r\n")
    users = (tmp_path / "users.csv").read_bytes().decode("utf-8").split("\r\n")

    assert orgs[0] == ",".join(ORGS_HEADER)
    assert users[0] == ",".join(USERS_HEADER)
    assert orgs[1] == "d1,active,,Quarry Hill District,district,,"
    assert users[2] == 'u2,tobedeleted,,false,s1,student,rbakr,,Rania,"Bakr, Jr.",,0730248,,,,,,'
    assert orgs[-1] == users[-1] == ""  # every line, the last too, ends with CRLF


def test_line_terminator_can_be_a_bare_newline(tmp_path: Path) -> None:
    write_oneroster_csv(tmp_path, ORGS, USERS, line_terminator="\n")

    data = (tmp_path / "users.csv").read_bytes()

    assert b"\r" not in data and data.count(b"\n") == len(USERS) + 1
    assert _without_origin(OneRosterCsvSource(tmp_path).load().users) == EXPECTED_USERS


def test_a_key_that_is_not_a_column_raises(tmp_path: Path) -> None:
    misspelled = dict(USERS[0], givenname="Thao")

    with pytest.raises(ValueError, match="givenname"):
        write_oneroster_csv(tmp_path, ORGS, [misspelled])


def test_an_org_key_that_is_not_a_column_raises(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parent"):
        write_oneroster_csv(tmp_path, [dict(ORGS[1], parent="d1")], USERS)


# Cells the reader strips are generated stripped; any other text (commas, quotes, line breaks,
# any script) must come back exactly.
_cell = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(given_name=_cell, family_name=_cell, middle_name=_cell, school_name=_cell)
def test_any_names_survive_the_round_trip(
    given_name: str, family_name: str, middle_name: str, school_name: str
) -> None:
    orgs = [dict(ORGS[0]), dict(ORGS[1], name=school_name)]
    users = [
        dict(USERS[0], givenName=given_name, familyName=family_name, middleName=middle_name),
        *USERS[1:],
    ]
    with tempfile.TemporaryDirectory() as tmp:
        roster = OneRosterCsvSource(write_oneroster_csv(tmp, orgs, users)).load()

    assert roster.issues == ()
    assert list(roster.orgs) == [EXPECTED_ORGS[0], replace(EXPECTED_ORGS[1], name=school_name)]
    names = {"given_name": given_name, "family_name": family_name, "middle_name": middle_name}
    assert _without_origin(roster.users) == [
        replace(EXPECTED_USERS[0], **names),
        *EXPECTED_USERS[1:],
    ]
