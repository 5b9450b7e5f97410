"""OneRoster 1.1 CSV roster: a directory of CSV files or a bulk-export .zip of them.

Reference: 1EdTech OneRoster v1.1 CSV Tables, sections 2.5 (orgs.csv) and 2.9 (users.csv).
Every problem is reported with the file, line and field it was found in; a broken row is
reported (never silently skipped), a broken file stops the load.

:func:`write_oneroster_csv` writes such a directory: the demo sample, the benchmarks and the
test fixtures are made with it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..checks import Check
from .base import (
    OrgRecord,
    Roster,
    RosterError,
    RosterIssue,
    UserRecord,
    report_duplicates,
    roster_checks,
)

if TYPE_CHECKING:
    from .config import OneRosterCsvConfig

# The columns the reader needs; any others may be present, in any order.
ORG_COLUMNS = ("sourcedId", "status", "name", "type")
USER_COLUMNS = (
    "sourcedId",
    "status",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "givenName",
    "familyName",
    "identifier",
)
# Every column of the v1.1 files, in the spec's order: what the writer puts in the header.
ORGS_HEADER = (
    "sourcedId",
    "status",
    "dateLastModified",
    "name",
    "type",
    "identifier",
    "parentSourcedId",
)
USERS_HEADER = (
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "userIds",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "sms",
    "phone",
    "agentSourcedIds",
    "grades",
    "password",
)
STATUSES = frozenset({"active", "tobedeleted", "inactive"})
ROLES = frozenset({"student", "teacher", "administrator", "aide", "parent", "guardian", "relative"})
BOOLEANS = {"true": True, "false": False}


class OneRosterCsvSource:
    """Loads a OneRoster 1.1 CSV export from a directory or a .zip file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @classmethod
    def from_config(cls, config: OneRosterCsvConfig) -> OneRosterCsvSource:
        return cls(config.path)

    def self_check(self) -> list[Check]:
        """Load the export for real: counts, and problems by file, line and field."""
        fix = "point TICKETWORKER_ROSTER__PATH at the SIS's OneRoster CSV directory or .zip"
        return roster_checks(self, str(self.path), fix)

    def load(self) -> Roster:
        files = _read_files(self.path)
        issues: list[RosterIssue] = []
        orgs = list(_parse_orgs(files["orgs.csv"], issues))
        users = list(_parse_users(files["users.csv"], issues))
        report_duplicates(users, issues)
        return Roster(orgs=orgs, users=users, source=str(self.path), issues=tuple(issues))


def write_oneroster_csv(
    directory: str | Path,
    orgs: Iterable[Mapping[str, str]],
    users: Iterable[Mapping[str, str]],
    *,
    line_terminator: str = "\r\n",
) -> Path:
    """Write ``orgs.csv`` and ``users.csv`` (UTF-8) into ``directory``, creating it; return it.

    The inverse of :class:`OneRosterCsvSource`, for samples, benchmarks and test fixtures.
    Each row maps column names of ORGS_HEADER / USERS_HEADER to cell text; a column a row
    leaves out is written empty, a key that is not a column raises ValueError (the file is
    then left half written). Lines end with CRLF (RFC 4180, the csv module's default) unless
    ``line_terminator`` says otherwise. Rows are written as they come, so a generator of rows
    is never held in memory.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    _write_table(directory / "orgs.csv", ORGS_HEADER, orgs, line_terminator)
    _write_table(directory / "users.csv", USERS_HEADER, users, line_terminator)
    return directory


def _write_table(
    path: Path, header: Sequence[str], rows: Iterable[Mapping[str, str]], line_terminator: str
) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=header,
            restval="",
            extrasaction="raise",
            lineterminator=line_terminator,
        )
        writer.writeheader()
        writer.writerows(rows)


class _CsvFile:
    """The decoded text of one CSV file and the name to use for it in messages."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.text = _decode(name, data)


def _decode(name: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RosterError(
            RosterIssue(name, line, None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})")
        ) from exc


def _read_files(path: Path) -> dict[str, _CsvFile]:
    wanted = ("orgs.csv", "users.csv")
    if path.is_dir():
        found = {}
        for name in wanted:
            file = path / name
            if not file.is_file():
                raise RosterError(RosterIssue(str(file), None, None, "file is missing"))
            found[name] = _CsvFile(str(file), file.read_bytes())
        return found
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = {Path(info.filename).name: info for info in archive.infolist()}
            found = {}
            for name in wanted:
                if name not in members:
                    raise RosterError(RosterIssue(f"{path}:{name}", None, None, "not in the zip"))
                data = archive.read(members[name])
                found[name] = _CsvFile(f"{path}:{members[name].filename}", data)
            return found
    raise RosterError(
        RosterIssue(str(path), None, None, "not a OneRoster CSV directory or .zip export")
    )


def _rows(
    file: _CsvFile, required: Sequence[str], issues: list[RosterIssue]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for every data row, checking the header and the column count."""
    for line, header, row in _raw_rows(file, required, issues):
        yield line, dict(zip(header, row, strict=True))


def _raw_rows(
    file: _CsvFile, required: Sequence[str], issues: list[RosterIssue]
) -> Iterator[tuple[int, list[str], list[str]]]:
    """Yield (line number, header, cells) for every data row of the right width."""
    reader = csv.reader(io.StringIO(file.text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise RosterError(RosterIssue(file.name, 1, None, "file is empty")) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise RosterError(
            RosterIssue(file.name, 1, missing[0], f"missing column(s): {', '.join(missing)}")
        )
    width = len(header)
    for row in reader:
        if len(row) != width:
            if not row or row == [""]:
                continue
            issues.append(
                RosterIssue(
                    file.name,
                    reader.line_num,
                    None,
                    f"has {len(row)} fields, the header has {width}",
                )
            )
            continue
        yield reader.line_num, header, row


def _parse_orgs(file: _CsvFile, issues: list[RosterIssue]) -> Iterator[OrgRecord]:
    for line, row in _rows(file, ORG_COLUMNS, issues):
        if not row["sourcedId"]:
            issues.append(RosterIssue(file.name, line, "sourcedId", "is empty"))
            continue
        yield OrgRecord(
            sourced_id=row["sourcedId"],
            status=row["status"],
            name=row["name"],
            type=row["type"],
            identifier=row.get("identifier", ""),
            parent_sourced_id=row.get("parentSourcedId", ""),
        )


def _parse_users(file: _CsvFile, issues: list[RosterIssue]) -> Iterator[UserRecord]:
    # users.csv is the big file (every student of the district): cells are read by position
    # rather than through a dict per row.
    name = file.name
    columns: dict[str, int] | None = None
    for line, header, row in _raw_rows(file, USER_COLUMNS, issues):
        if columns is None:
            columns = {column: header.index(column) for column in header}
        c = columns
        sourced_id, status, enabled = row[c["sourcedId"]], row[c["status"]], row[c["enabledUser"]]
        role, identifier = row[c["role"]], row[c["identifier"]].strip()
        problem = _user_row_problem(sourced_id, status, enabled, role, identifier)
        if problem is not None:
            issues.append(RosterIssue(name, line, problem[0], problem[1]))
            continue
        orgs = row[c["orgSourcedIds"]]
        yield UserRecord(
            sourced_id,
            status,
            BOOLEANS[enabled.strip().lower()],
            # Most users belong to one org: skip the split when there is no comma.
            tuple(o.strip() for o in orgs.split(",") if o.strip())
            if "," in orgs
            else (orgs.strip(),),
            role,
            row[c["username"]],
            row[c["givenName"]].strip(),
            row[c["familyName"]].strip(),
            row[c["middleName"]].strip() if "middleName" in c else "",
            identifier,
            row[c["email"]].strip() if "email" in c else "",
            row[c["grades"]] if "grades" in c else "",
            f"{name}:{line}",
        )


def _user_row_problem(
    sourced_id: str, status: str, enabled: str, role: str, identifier: str
) -> tuple[str, str] | None:
    """Return (field, message) for the first thing wrong with a users.csv row, else None."""
    if not sourced_id:
        return "sourcedId", "is empty"
    if status not in STATUSES:
        return "status", f"{status!r} is not active or tobedeleted"
    if enabled.strip().lower() not in BOOLEANS:
        return "enabledUser", f"{enabled!r} is not true or false"
    if role not in ROLES:
        return "role", f"{role!r} is not a OneRoster role"
    if role == "student" and not identifier:
        return "identifier", "a student has no identifier (student number)"
    return None
