"""A second, deliberately simple reading of policy rules 3-6, for property tests.

Written from the policy text only and sharing no code with parsers/: if the parser and this
disagree about a student being ready, one of them broke the policy.  It judges one student
line at a time (first name, last name, written ID) and knows nothing about wording.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

STAFF_ROLES = frozenset({"teacher", "administrator", "aide"})
_LABEL = re.compile(r"^\s*(?:student\s*id|id\s*#|id\s*:|id)\s*", re.I)


@dataclass(frozen=True)
class Person:
    """What the oracle needs of a roster user (a plain copy, not the parser's index)."""

    identifier: str
    given_name: str
    family_name: str
    role: str
    status: str
    enabled: bool
    org_ids: tuple[str, ...]
    email: str


def normalise_id(written: str) -> str | None:
    """Rule 3: O/o for zero, a missing leading zero, labels and separators; else None."""
    text = _LABEL.sub("", written)
    for separator in (" ", "-", "#"):
        text = text.replace(separator, "")
    text = text.replace("O", "0").replace("o", "0")
    if not text.isdigit() or not text.isascii():
        return None
    if len(text) == 6:
        return "0" + text
    return text if len(text) == 7 else None


def fold_name(name: str) -> str:
    """Rule 4's folding: no case, no accents, no hyphens, apostrophes or spaces."""
    decomposed = unicodedata.normalize("NFD", name)
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    for ignored in ("-", "'", "\u2019", " "):
        no_accents = no_accents.replace(ignored, "")
    return no_accents.casefold()


def same_name(first: str, last: str, record: Person) -> bool:
    """Rule 4: both written names match the record's, in either order."""
    written = (fold_name(first), fold_name(last))
    given, family = fold_name(record.given_name), fold_name(record.family_name)
    return bool(written[0] and written[1]) and written in ((given, family), (family, given))


def may_ask(requester: Person | None, student: Person, district_orgs: Iterable[str]) -> bool:
    """Rule 6: active, enabled staff of the student's school or of the district."""
    if requester is None or requester.role not in STAFF_ROLES:
        return False
    if requester.status != "active" or not requester.enabled:
        return False
    allowed = set(student.org_ids) | set(district_orgs)
    return bool(set(requester.org_ids) & allowed)


def ready(
    first: str,
    last: str,
    written_id: str,
    people: Iterable[Person],
    requester_email: str,
    district_orgs: Iterable[str],
) -> str | None:
    """The roster ID this student line may be reset as under rules 3-6, or None (review)."""
    everyone = list(people)
    sid = normalise_id(written_id)
    if sid is None:
        return None
    holders = [p for p in everyone if p.identifier == sid and p.role == "student"]
    if len(holders) != 1:
        return None  # in no record, or an ID the roster gives to two students
    (student,) = holders
    if not same_name(first, last, student):
        return None
    if student.status != "active" or not student.enabled:
        return None  # rule 5
    asking = [p for p in everyone if p.email.casefold() == requester_email.casefold()]
    return sid if len(asking) == 1 and may_ask(asking[0], student, district_orgs) else None
