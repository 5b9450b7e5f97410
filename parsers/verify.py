"""Rules 3–6: check a written student against the roster and the requester's rights.

A student is ready only when every check passes.  Each failed check adds a reason a
technician can act on, and, where the roster offers one, a suggestion of what the teacher
probably meant.  Suggestions are never applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr

from rapidfuzz import fuzz

from .ids import IdProblem, IdReading, lookalike_digits, near_ids
from .models import Reason, Suggestion
from .names import candidate_keys, fold, name_key, names_match
from .roster_index import STAFF_ROLES, RosterIndex, Student, display_name, is_active


@dataclass(frozen=True, slots=True)
class Requester:
    """Who filed the ticket, as far as the roster knows, and where they may ask for resets."""

    email: str
    problem: Reason | None
    org_ids: frozenset[str] = frozenset()
    district_wide: bool = False
    is_student: bool = False
    names: tuple[tuple[str, str], ...] = ()

    def may_ask_for(self, student: Student) -> bool:
        return self.problem is None and (
            self.district_wide or bool(self.org_ids.intersection(student.org_ids))
        )


def check_requester(email: str, roster: RosterIndex) -> Requester:
    """Rule 6, first half: the requester must be active, enabled staff."""
    cached = roster.requesters.get(email)
    if cached is None:
        cached = roster.requesters[email] = _check_requester(email, roster)
    return cached


def _check_requester(email: str, roster: RosterIndex) -> Requester:
    # "Jane Doe <jane.doe@district.example>" and stray spaces name the same address.
    email = parseaddr(email)[1] or email.strip()
    users = roster.users_with_email(email)
    names = tuple((u.given_name, u.family_name) for u in users)
    is_student = any(u.role == "student" for u in users)
    if not users:
        return Requester(email, Reason.REQUESTER_UNKNOWN, names=names)
    staff = [u for u in users if u.role in STAFF_ROLES]
    if not staff:
        return Requester(email, Reason.REQUESTER_NOT_STAFF, is_student=is_student, names=names)
    active = [u for u in staff if u.status == "active" and u.enabled]
    if not active:
        return Requester(email, Reason.REQUESTER_INACTIVE, names=names)
    orgs = frozenset(o for u in active for o in u.org_ids)
    return Requester(
        email, None, orgs, bool(orgs & roster.district_ids), is_student=is_student, names=names
    )


@dataclass
class Check:
    """The outcome of checking one student."""

    student_id: str | None
    reasons: list[Reason] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    matched_reading: tuple[str, ...] | None = None
    record: Student | None = None

    def fail(self, reason: Reason, detail: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
            self.details.append(detail)


_REQUESTER_TEXT = {
    Reason.REQUESTER_UNKNOWN: "the requester's address is not in the roster",
    Reason.REQUESTER_NOT_STAFF: "the requester is not staff (a parent or a student)",
    Reason.REQUESTER_INACTIVE: "the requester's staff account is inactive or disabled",
}

_ID_TEXT = {
    IdProblem.OTHER_LETTER: "the ID {w!r} contains the letter(s) {letters!r}; only O is read as 0",
    IdProblem.TOO_SHORT: "the ID {w!r} has too few digits (IDs have 7, with the leading zero)",
    IdProblem.TOO_LONG: "the ID {w!r} has too many digits (IDs have 7, with the leading zero)",
    IdProblem.NO_LEADING_ZERO: "the ID {w!r} does not start with 0",
}
_ID_REASON = {
    IdProblem.OTHER_LETTER: Reason.ID_OTHER_LETTER,
    IdProblem.TOO_SHORT: Reason.ID_TOO_SHORT,
    IdProblem.TOO_LONG: Reason.ID_TOO_LONG,
    IdProblem.NO_LEADING_ZERO: Reason.ID_NO_LEADING_ZERO,
}


class Verifier:
    """Checks written students against one roster for one requester."""

    def __init__(self, roster: RosterIndex, requester: Requester) -> None:
        self.roster = roster
        self.requester = requester

    def suggestion(self, student: Student, why: str) -> Suggestion:
        return Suggestion(
            student_id=student.identifier,
            name=display_name(student),
            school=", ".join(self.roster.org_name(o) for o in student.org_ids),
            grade=student.grades,
            active=is_active(student),
            why=why,
        )

    def check(self, reading: IdReading | None, readings: Sequence[tuple[str, ...]]) -> Check:
        """Check one written student: ID usable, in the roster, name, state, authorisation."""
        written = readings[0] if readings else ()
        result = Check(reading.student_id if reading else None)
        if self.requester.problem is not None:
            result.fail(self.requester.problem, _REQUESTER_TEXT[self.requester.problem])
        if reading is None:
            result.fail(Reason.ID_MISSING, "no student ID was written for this student")
            self._suggest_by_name(result, readings)
            return result
        if reading.student_id is None:
            assert reading.problem is not None
            text = _ID_TEXT[reading.problem].format(
                w=reading.written, letters=reading.stray_letters
            )
            result.fail(_ID_REASON[reading.problem], text)
            self._suggest_lookalike(result, reading, readings)
            self._suggest_by_name(result, readings)
            return result
        records = self.roster.students_with_id(reading.student_id)
        if not records:
            result.fail(
                Reason.ID_NOT_IN_ROSTER, f"no student in the roster has the ID {reading.student_id}"
            )
            self._suggest_near(result, reading.student_id, readings)
            self._suggest_by_name(result, readings)
            return result
        if len(records) > 1:
            result.fail(
                Reason.ID_HELD_BY_SEVERAL,
                f"the roster has {len(records)} students with the ID {reading.student_id}",
            )
            return result
        record = records[0]
        result.record = record
        self._check_name(result, record, readings)
        if record.status != "active":
            result.fail(
                Reason.STUDENT_INACTIVE, f"the student's roster status is {record.status!r}"
            )
        elif not record.enabled:
            result.fail(Reason.STUDENT_DISABLED, "the student's roster record is disabled")
        if self.requester.problem is None and not self.requester.may_ask_for(record):
            result.fail(
                Reason.REQUESTER_OTHER_SCHOOL,
                "the requester is not staff at the student's school "
                f"({', '.join(self.roster.org_name(o) for o in record.org_ids)})",
            )
        del written
        return result

    # -- names ---------------------------------------------------------------------------
    def _check_name(
        self, result: Check, record: Student, readings: Sequence[tuple[str, ...]]
    ) -> None:
        for reading in readings:
            if names_match(reading, record.given_name, record.family_name):
                result.matched_reading = reading
                if reading != readings[0] or len(reading) > 2:
                    self._check_not_someone_else(result, record, readings[0])
                return
        sid = record.identifier
        words = [w for r in readings[:1] for w in r]
        if not words:
            result.fail(Reason.NAME_MISSING, f"no name was written with the ID {sid}")
            result.suggestions.append(self.suggestion(record, "the roster name for this ID"))
            return
        if len(words) == 1:
            result.fail(
                Reason.NAME_PARTIAL,
                f"only one name ({words[0]!r}) was written; the first and last name are needed",
            )
        else:
            result.fail(
                Reason.NAME_MISMATCH,
                f"the name {' '.join(words)!r} does not match the roster name for {sid}",
            )
        score = fuzz.token_sort_ratio(fold(" ".join(words)), fold(display_name(record)))
        if score >= 70 or fold(words[-1]) in {fold(record.family_name), fold(record.given_name)}:
            result.suggestions.append(self.suggestion(record, "the roster name for the written ID"))
        self._suggest_near(result, sid, readings)
        self._suggest_by_name(result, readings, exclude=sid)

    def _check_not_someone_else(
        self, result: Check, record: Student, full: tuple[str, ...]
    ) -> None:
        """A match that ignored words must not be another student's exact full name.

        ("Maria Garcia Lopez" matches Maria Lopez by ignoring a middle name, but if a Maria
        Garcia-Lopez exists, the teacher may have meant her.)  A student who merely shares
        the record's own name is no doubt: the ID tells them apart.
        """
        own = name_key(record.given_name, record.family_name)
        exact = candidate_keys(full)[: 2 * max(1, len(full) - 1)]
        if own in exact:
            return
        for key in exact:
            for other in self.roster.students_named(key):
                if other.identifier != record.identifier:
                    result.fail(
                        Reason.NAME_AMBIGUOUS,
                        f"the written name {' '.join(full)!r} is also another student's full name",
                    )
                    result.suggestions.append(
                        self.suggestion(other, "has exactly the written name")
                    )
                    return

    # -- suggestions ---------------------------------------------------------------------
    def _named(self, readings: Sequence[tuple[str, ...]]) -> list[Student]:
        found: dict[str, Student] = {}
        for reading in readings:
            for key in candidate_keys(reading):
                for s in self.roster.students_named(key):
                    if names_match(reading, s.given_name, s.family_name):
                        found.setdefault(s.identifier, s)
        return list(found.values())

    def _suggest_by_name(
        self, result: Check, readings: Sequence[tuple[str, ...]], exclude: str | None = None
    ) -> None:
        named = [s for s in self._named(readings) if s.identifier != exclude]
        if len(named) == 1:
            self._add(result, named[0], "the only student with the written name")
        elif named:
            for s in named[:5]:
                self._add(result, s, f"one of {len(named)} students with the written name")

    def _suggest_near(
        self, result: Check, student_id: str, readings: Sequence[tuple[str, ...]]
    ) -> None:
        for near in near_ids(student_id):
            for s in self.roster.students_with_id(near):
                if any(names_match(r, s.given_name, s.family_name) for r in readings):
                    swapped = sorted(near) == sorted(student_id)
                    self._add(result, s, "two digits swapped" if swapped else "one digit different")

    def _suggest_lookalike(
        self, result: Check, reading: IdReading, readings: Sequence[tuple[str, ...]]
    ) -> None:
        digits = lookalike_digits(reading.written)
        if digits:
            for s in self.roster.students_with_id(digits):
                why = "letters read as the digits they look like"
                if any(names_match(r, s.given_name, s.family_name) for r in readings):
                    why += "; the name matches"
                self._add(result, s, why)

    def _add(self, result: Check, student: Student, why: str) -> None:
        if all(s.student_id != student.identifier for s in result.suggestions):
            result.suggestions.append(self.suggestion(student, why))
