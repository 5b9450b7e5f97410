"""Re-verifying a technician's choice against the roster, with the parser's own checks.

A technician approving a student picks a roster candidate or types an ID.  Before anything
is reset the choice goes through the same checks the parser applies to a teacher's line
(:class:`parsers.verify.Verifier`): the ID must name exactly one student; the name the
teacher wrote must match that record; the student must be active; the requester must be
allowed to ask for that student.  The first kind of failure cannot be overridden; the others
can, by a technician who writes down why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers import Reason, RosterIndex
from parsers.ids import normalize_id
from parsers.roster_index import Student
from parsers.verify import Verifier, check_requester

#: Failures no override can set aside: without exactly one roster record there is nothing
#: to reset, or no way to know which account.
HARD_REASONS = frozenset(
    {
        Reason.ID_MISSING,
        Reason.ID_OTHER_LETTER,
        Reason.ID_TOO_SHORT,
        Reason.ID_TOO_LONG,
        Reason.ID_NO_LEADING_ZERO,
        Reason.ID_NOT_IN_ROSTER,
        Reason.ID_HELD_BY_SEVERAL,
    }
)


@dataclass
class Recheck:
    """The verdict on one chosen ID: refused outright, needing an override, or clean."""

    student_id: str | None
    record: Student | None = None
    #: Why the choice cannot be approved at all (empty when it can).
    refusals: list[str] = field(default_factory=list)
    #: Checks that failed but that a technician may set aside with a written reason.
    overridable: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.refusals and not self.overridable


def recheck(
    roster: RosterIndex, requester: str, first_name: str, last_name: str, typed_id: str
) -> Recheck:
    """Check ``typed_id`` for the student the teacher wrote as ``first_name last_name``."""
    reading = normalize_id(typed_id)
    if reading.student_id is None:
        return Recheck(
            None, refusals=[f"{typed_id.strip()!r} is not a student ID (7 digits, leading zero)"]
        )
    words = tuple(f"{first_name} {last_name}".split())
    verifier = Verifier(roster, check_requester(requester, roster))
    check = verifier.check(reading, [words] if words else [])
    result = Recheck(reading.student_id, record=check.record)
    for reason, detail in zip(check.reasons, check.details, strict=True):
        (result.refusals if reason in HARD_REASONS else result.overridable).append(detail)
    if check.record is None and not result.refusals:
        result.refusals.append(f"no single roster record holds the ID {reading.student_id}")
    return result


__all__ = ["HARD_REASONS", "Recheck", "recheck"]
