"""Roster records (OneRoster 1.1 users and orgs) and the Protocol every roster source implements.

Records are plain frozen dataclasses with slots: a district roster holds tens of thousands of
users and is loaded on every parse and reconciliation, so these stay cheap to build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..checks import Check

STAFF_ROLES = frozenset({"teacher", "administrator", "aide"})


@dataclass(frozen=True, slots=True)
class OrgRecord:
    """One OneRoster org (the district or a school)."""

    sourced_id: str
    status: str
    name: str
    type: str
    identifier: str = ""
    parent_sourced_id: str = ""


@dataclass(frozen=True, slots=True)
class UserRecord:
    """One OneRoster user: a student, staff member or parent."""

    sourced_id: str
    status: str
    enabled: bool
    org_ids: tuple[str, ...]
    role: str
    username: str
    given_name: str
    family_name: str
    middle_name: str
    identifier: str
    email: str
    grades: str = ""
    #: Where the record came from ("users.csv:42"), for messages a person can act on.
    origin: str = ""

    @property
    def active(self) -> bool:
        """Active and enabled: the only state in which an account may be reset or a request made."""
        return self.status == "active" and self.enabled

    @property
    def is_student(self) -> bool:
        return self.role == "student"

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True, slots=True)
class RosterIssue:
    """A problem found in one place of a roster export; nothing is skipped silently."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.field:
            where += f" (field {self.field})"
        return f"{where}: {self.message}"


class RosterError(Exception):
    """The roster cannot be used at all (missing file or column, undecodable bytes)."""

    def __init__(self, issue: RosterIssue) -> None:
        super().__init__(str(issue))
        self.issue = issue


@dataclass(frozen=True, slots=True)
class Roster:
    """A whole roster as loaded from one source, with the problems found while loading it."""

    orgs: Sequence[OrgRecord]
    users: Sequence[UserRecord]
    source: str = ""
    issues: Sequence[RosterIssue] = field(default_factory=tuple)


def report_duplicates(users: Sequence[UserRecord], issues: list[RosterIssue]) -> None:
    """Two records with one sourcedId, or two students with one student number, are reported.

    Both rows are kept: the parser treats a student number held by two records as ambiguous
    and never resets it automatically.
    """
    by_sourced_id: dict[str, UserRecord] = {}
    by_number: dict[str, UserRecord] = {}
    for user in users:
        earlier = by_sourced_id.setdefault(user.sourced_id, user)
        if earlier is not user:
            _duplicate(user, earlier, "sourcedId", issues)
        if user.role == "student":
            earlier = by_number.setdefault(user.identifier, user)
            if earlier is not user:
                _duplicate(user, earlier, "identifier", issues)


def _duplicate(
    user: UserRecord, earlier: UserRecord, field_name: str, issues: list[RosterIssue]
) -> None:
    file, _, line = user.origin.rpartition(":")
    # The value itself may be a student number (FERPA): say where, not what.
    issues.append(
        RosterIssue(
            file or user.origin,
            int(line) if line.isdigit() else None,
            field_name,
            f"same {field_name} as {earlier.origin}",
        )
    )


class RosterSource(Protocol):
    """Anything that can produce the district roster (OneRoster CSV export, OneRoster REST API)."""

    def load(self) -> Roster:
        """Read the whole roster.

        Raises :class:`RosterError` when the roster as a whole is unusable; row-level
        problems are returned in :attr:`Roster.issues` and the offending rows are left out.
        Sources that reach a server also raise the kinds in :mod:`connectors.errors`
        (``TransientError``, ``RateLimited``, ``AuthError``, ``PermanentError``).
        """
        ...


#: Problems listed one by one in ``ticketworker check``; the rest are counted.
SHOWN_ISSUES = 5


def roster_checks(source: RosterSource, where: str, fix: str) -> list[Check]:
    """Load the roster for real: counts, and its problems by file, line and field."""
    from ..errors import ConnectorError

    try:
        roster = source.load()
    except (RosterError, ConnectorError, OSError) as exc:
        return [Check("roster loads", False, f"{where}: {exc}", fix)]
    students = [u for u in roster.users if u.is_student]
    active = sum(u.active for u in students)
    staff = sum(u.is_staff for u in roster.users)
    counts = (
        f"{where}: {len(roster.orgs)} orgs, {len(students)} students ({active} active), "
        f"{staff} staff"
    )
    checks = [Check("roster loads", bool(active), counts, "" if active else fix)]
    issues = list(roster.issues)
    if issues:
        shown = "; ".join(str(issue) for issue in issues[:SHOWN_ISSUES])
        more = f" (and {len(issues) - SHOWN_ISSUES} more)" if len(issues) > SHOWN_ISSUES else ""
        checks.append(
            Check(
                "roster rows",
                False,
                f"{len(issues)} problem(s): {shown}{more}",
                "correct those rows in the SIS export (the rows are left out until then)",
            )
        )
    else:
        checks.append(Check("roster rows", True, "no problems"))
    return checks
