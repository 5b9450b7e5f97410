"""The roster side of a reconciliation: the active students, sorted, checked and de-duplicated.

Pure functions over roster records.  Whatever cannot become an account as it stands (a
student number without its leading zero, a blank name, one number held by two different
active students) is turned into a ``roster_problem`` item for the report: never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from connectors.accounts import MAX_NAME_LENGTH, clean_name
from connectors.accounts.base import is_valid_student_id
from connectors.roster.base import UserRecord

from .items import PlanItem, PlanKind


@dataclass(frozen=True, slots=True)
class SisStudent:
    """An active, enabled student as the account store would hold it (names cleaned)."""

    student_id: str
    first_name: str
    last_name: str


@dataclass
class RosterStudents:
    """Everything the plan needs from the roster."""

    #: Active students with usable records, sorted by student ID, one per ID.
    active: list[SisStudent]
    #: IDs of active students whose records cannot be used (ambiguous, blank names): their
    #: accounts are left exactly as they are.
    held: frozenset[str]
    #: Why a student who is in the roster but not active is not: "tobedeleted in the SIS".
    inactive: dict[str, str]
    problems: list[PlanItem] = field(default_factory=list)

    @property
    def active_count(self) -> int:
        """Distinct well-formed IDs of active students: the number the safety floor watches."""
        return len(self.active) + len(self.held)

    @cached_property
    def active_ids(self) -> frozenset[str]:
        """Built only when needed (to explain a malformed account)."""
        return frozenset(s.student_id for s in self.active) | self.held


def roster_students(users: Iterable[UserRecord]) -> RosterStudents:
    """Sort the roster's students into usable, held and inactive, with the problems found."""
    usable: dict[str, SisStudent] = {}
    held: set[str] = set()
    inactive: dict[str, str] = {}
    problems: list[PlanItem] = []
    for user in users:
        if not user.is_student:
            continue
        student_id = user.identifier.strip()
        if not user.active:
            inactive.setdefault(student_id, _why_inactive(user))
            continue
        if not is_valid_student_id(student_id):
            problems.append(_problem(student_id, _bad_id_reason(student_id), user))
            continue
        first, last = clean_name(user.given_name), clean_name(user.family_name)
        if not first or not last or max(len(first), len(last)) > MAX_NAME_LENGTH:
            held.add(student_id)
            problems.append(_problem(student_id, "a name is blank or too long", user))
            continue
        student = SisStudent(student_id, first, last)
        earlier = usable.setdefault(student_id, student)
        if earlier != student and student_id not in held:
            held.add(student_id)
            problems.append(
                _problem(student_id, "two active students have this ID with other names", user)
            )
    for student_id in held:
        usable.pop(student_id, None)
    for student_id in usable.keys() | held:
        inactive.pop(student_id, None)
    active = sorted(usable.values(), key=lambda s: s.student_id)
    return RosterStudents(active, frozenset(held), inactive, problems)


def _why_inactive(user: UserRecord) -> str:
    if user.status != "active":
        return f"{user.status} in the SIS"
    return "disabled in the SIS"


def _bad_id_reason(student_id: str) -> str:
    if len(student_id) == 6 and student_id.isdecimal() and student_id.isascii():
        return "student ID has 6 digits: the leading zero is missing"
    return "student ID is not 7 digits starting with 0"


def _problem(student_id: str, reason: str, user: UserRecord) -> PlanItem:
    where = f" ({user.origin})" if user.origin else ""
    return PlanItem(
        PlanKind.ROSTER_PROBLEM,
        student_id,
        new_first=user.given_name,
        new_last=user.family_name,
        reason=reason + where,
    )
