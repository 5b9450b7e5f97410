"""An in-memory index over roster records, built for the parser's look-ups.

The parser never reads files: the worker loads a roster through a connector and hands the
records to :func:`RosterIndex.build`.  Records only need the attributes in
:class:`PersonRecord` and :class:`OrgLike`, so the parser does not depend on any connector.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from .names import fold, name_key

STAFF_ROLES = frozenset({"teacher", "administrator", "aide"})
_PLACE_ABBREVIATIONS = frozenset(
    "ave st rd blvd dr ln hwy elem es ms hs jhs ehs mhs k8 k12 campus academy school "
    "elementary middle high charter magnet center".split()
)


class PersonRecord(Protocol):
    """What the parser reads of a roster user (OneRoster users.csv columns)."""

    @property
    def sourced_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def org_ids(self) -> tuple[str, ...]: ...
    @property
    def role(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def middle_name(self) -> str: ...
    @property
    def identifier(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def grades(self) -> str: ...


class OrgLike(Protocol):
    """What the parser reads of a roster org (OneRoster orgs.csv columns)."""

    @property
    def sourced_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...


#: The parser reads students straight from the roster records (no copies: rosters are large).
Student = PersonRecord


def is_active(record: PersonRecord) -> bool:
    """Active and enabled: the only state in which a student may be reset."""
    return record.status == "active" and record.enabled


def display_name(record: PersonRecord) -> str:
    return f"{record.given_name} {record.family_name}"


class RosterIndex:
    """Look-ups the parser needs: students by ID and by name, users by e-mail, orgs by id."""

    def __init__(
        self,
        students: dict[str, list[Student]],
        users_by_email: dict[str, list[PersonRecord]],
        orgs: dict[str, OrgLike],
    ) -> None:
        self._students = students
        self._users_by_email = users_by_email
        self._orgs = orgs
        self.district_ids = frozenset(o.sourced_id for o in orgs.values() if o.type == "district")
        self._by_name: dict[str, list[Student]] | None = None
        #: Requester checks already made against this roster (a roster is read-only).
        self.requesters: dict[str, Any] = {}
        self._place_words: frozenset[str] | None = None

    @classmethod
    def build(cls, users: Iterable[PersonRecord], orgs: Iterable[OrgLike]) -> RosterIndex:
        """Index a roster.  Cheap: name keys are computed lazily, on the first name look-up."""
        students: dict[str, list[Student]] = {}
        by_email: dict[str, list[PersonRecord]] = {}
        for user in users:
            if user.role == "student":
                held = students.get(user.identifier)
                if held is None:
                    students[user.identifier] = [user]
                else:
                    held.append(user)
            if user.email:
                by_email.setdefault(user.email.strip().lower(), []).append(user)
        return cls(students, by_email, {o.sourced_id: o for o in orgs})

    # -- students ---------------------------------------------------------------------
    def students_with_id(self, student_id: str) -> Sequence[Student]:
        """Every student record holding this ID (more than one is a roster error)."""
        return self._students.get(student_id, ())

    def students_named(self, key: str) -> Sequence[Student]:
        """Students whose folded "first|last" equals ``key`` (see :func:`names.name_key`)."""
        if self._by_name is None:
            index: dict[str, list[Student]] = defaultdict(list)
            for records in self._students.values():
                for s in records:
                    index[name_key(s.given_name, s.family_name)].append(s)
            self._by_name = dict(index)
        return self._by_name.get(key, ())

    # -- people and places ------------------------------------------------------------
    def users_with_email(self, email: str) -> Sequence[PersonRecord]:
        return self._users_by_email.get(email.strip().lower(), ())

    def org_name(self, org_id: str) -> str:
        org = self._orgs.get(org_id)
        return org.name if org else org_id

    def place_words(self) -> frozenset[str]:
        """Folded words of school and district names ("northgate", "cedar", "hollow")."""
        if self._place_words is None:
            words = {fold(w) for o in self._orgs.values() for w in o.name.split()}
            # and the abbreviations schools are written with ("Hibiscus Ave K-8", "PCHS").
            words |= _PLACE_ABBREVIATIONS
            self._place_words = frozenset(w for w in words if w)
        return self._place_words
