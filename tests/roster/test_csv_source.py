"""The OneRoster CSV source: directory and zip, and clear errors for broken exports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from connectors.roster.base import RosterError
from connectors.roster.oneroster_csv import OneRosterCsvSource

ORGS = (
    "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
    "d1,active,2026-01-01T00:00:00Z,Test District,district,1,\n"
    "s1,active,2026-01-01T00:00:00Z,Test School,school,2,d1\n"
)
HEADER = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
)
ROW = (
    "u{n},active,2026-01-01T00:00:00Z,true,s1,student,x{n},,Ann,Lee{n},,{sid},"
    "a{n}@k.example,,,,05,\n"
)


def write(tmp: Path, users: str | bytes, orgs: str = ORGS) -> Path:
    (tmp / "orgs.csv").write_text(orgs, encoding="utf-8")
    (tmp / "users.csv").write_bytes(users.encode("utf-8") if isinstance(users, str) else users)
    return tmp


def test_directory_and_zip_give_the_same_roster(tmp_path: Path) -> None:
    users = HEADER + ROW.format(n=1, sid="0400001") + ROW.format(n=2, sid="0400002")
    directory = tmp_path / "export"
    directory.mkdir()
    write(directory, users)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(directory / "orgs.csv", "oneroster/orgs.csv")
        z.write(directory / "users.csv", "oneroster/users.csv")
    from_dir = OneRosterCsvSource(directory).load()
    from_zip = OneRosterCsvSource(archive).load()
    assert [u.identifier for u in from_dir.users] == ["0400001", "0400002"]
    assert [(u.identifier, u.given_name) for u in from_zip.users] == [
        (u.identifier, u.given_name) for u in from_dir.users
    ]
    assert from_zip.issues == () and len(from_zip.orgs) == 2


def test_missing_column_names_file_line_and_field(tmp_path: Path) -> None:
    write(tmp_path, HEADER.replace("identifier,", "") + "x\n")
    with pytest.raises(RosterError) as err:
        OneRosterCsvSource(tmp_path).load()
    assert err.value.issue.line == 1 and err.value.issue.field == "identifier"
    assert "users.csv:1" in str(err.value)


def test_bad_encoding_names_the_line(tmp_path: Path) -> None:
    good = (HEADER + ROW.format(n=1, sid="0400001")).encode()
    write(tmp_path, good + b"u2,active,x,true,s1,student,x,,\xe9,B,,0400002,,,,,,\n")
    with pytest.raises(RosterError) as err:
        OneRosterCsvSource(tmp_path).load()
    assert err.value.issue.line == 3 and "UTF-8" in str(err.value)


def test_bad_rows_are_reported_not_skipped_silently(tmp_path: Path) -> None:
    users = (
        HEADER
        + ROW.format(n=1, sid="0400001")
        + ROW.format(n=2, sid="0400001")  # duplicate student number
        + ROW.format(n=3, sid="0400003").replace(",true,", ",yes,")
        + "short,row\n"
    )
    write(tmp_path, users)
    roster = OneRosterCsvSource(tmp_path).load()
    problems = {(i.line, i.field) for i in roster.issues}
    assert (3, "identifier") in problems
    assert (4, "enabledUser") in problems
    assert (5, None) in problems
    # the duplicate is kept so the parser sees the ID as ambiguous; the bad row is left out
    assert [u.identifier for u in roster.users] == ["0400001", "0400001"]
    assert all("0400001" not in str(i) for i in roster.issues)  # no student number in messages


def test_not_a_roster(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("hello")
    with pytest.raises(RosterError, match="not a OneRoster"):
        OneRosterCsvSource(tmp_path / "file.txt").load()
    with pytest.raises(RosterError, match="missing"):
        OneRosterCsvSource(tmp_path).load()
