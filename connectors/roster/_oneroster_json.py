"""OneRoster REST JSON records (1.1, and the parts of 1.2 that differ) mapped to roster records.

Reference: 1EdTech OneRoster v1.1 REST binding (the JSON of org and user) and the
OneRoster 1.2 Rostering Service REST/JSON binding (users carry ``roles`` instead of ``role`` and
``orgs``; ``enabledUser`` is a JSON boolean instead of the strings "true"/"false").

Each JSON record is validated on its own, so one malformed record becomes a :class:`RosterIssue`
naming where it was found and the rest of the page is kept.  The checks and the mapping match
``oneroster_csv`` so both sources give the same records for the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr, ValidationError
from pydantic.alias_generators import to_camel

from .base import OrgRecord, RosterIssue, UserRecord
from .oneroster_csv import BOOLEANS, ROLES, STATUSES


@dataclass(frozen=True, slots=True)
class RecordPosition:
    """Where one JSON record came from: endpoint, page and position within the collection."""

    endpoint: str
    page: int
    offset: int
    index: int

    @property
    def number(self) -> int:
        """1-based position of the record in the whole collection (the REST "line number")."""
        return self.offset + self.index + 1

    @property
    def origin(self) -> str:
        return f"{self.endpoint}:{self.number}"

    def issue(self, field: str | None, message: str) -> RosterIssue:
        where = f"{self.endpoint} page {self.page} (offset {self.offset})"
        return RosterIssue(where, self.number, field, message)


class _Json(BaseModel):
    # Vendors add their own fields (and 1.2 adds many): ignore what we do not use.
    model_config = ConfigDict(alias_generator=to_camel, extra="ignore", frozen=True)


class _GuidRef(_Json):
    sourced_id: str
    href: str | None = None
    type: str | None = None


class _RoleAssignment(_Json):
    """OneRoster 1.2 ``roles`` entry: the role a user holds in one org."""

    role: str
    role_type: str | None = None
    org: _GuidRef | None = None


class _OrgJson(_Json):
    sourced_id: str
    status: str
    name: str
    type: str
    identifier: str | None = None
    parent: _GuidRef | None = None


class _UserJson(_Json):
    sourced_id: str
    status: str
    # 1.1 sends the strings "true"/"false", 1.2 a boolean; anything else is reported below.
    enabled_user: StrictBool | StrictStr
    orgs: list[_GuidRef] | None = None
    role: str | None = None
    roles: list[_RoleAssignment] | None = None
    username: str | None = None
    given_name: str
    family_name: str
    middle_name: str | None = None
    identifier: str | None = None
    email: str | None = None
    grades: list[str] | str | None = None

    def primary_role(self) -> str | None:
        if self.role is not None:
            return self.role
        assignments = self.roles or []
        primary = [a for a in assignments if a.role_type == "primary"] or assignments
        return primary[0].role if primary else None

    def org_ids(self) -> tuple[str, ...]:
        refs = self.orgs if self.orgs is not None else [a.org for a in self.roles or [] if a.org]
        ids = (ref.sourced_id.strip() for ref in refs)
        return tuple(dict.fromkeys(i for i in ids if i))


def parse_org(raw: object, at: RecordPosition) -> OrgRecord | RosterIssue:
    """Map one JSON org to an :class:`OrgRecord`, or say what is wrong with it."""
    try:
        org = _OrgJson.model_validate(raw)
    except ValidationError as exc:
        return _validation_issue(exc, at)
    if not org.sourced_id:
        return at.issue("sourcedId", "is empty")
    return OrgRecord(
        sourced_id=org.sourced_id,
        status=org.status,
        name=org.name,
        type=org.type,
        identifier=org.identifier or "",
        parent_sourced_id=org.parent.sourced_id if org.parent else "",
    )


def parse_user(raw: object, at: RecordPosition) -> UserRecord | RosterIssue:
    """Map one JSON user to a :class:`UserRecord`, or say what is wrong with it."""
    try:
        user = _UserJson.model_validate(raw)
    except ValidationError as exc:
        return _validation_issue(exc, at)
    problem = _user_problem(user)
    if problem is not None:
        return at.issue(*problem)
    grades = user.grades if isinstance(user.grades, str) else ",".join(user.grades or [])
    return UserRecord(
        sourced_id=user.sourced_id,
        status=user.status,
        enabled=_enabled(user.enabled_user) is True,
        org_ids=user.org_ids(),
        role=user.primary_role() or "",
        username=user.username or "",
        given_name=user.given_name.strip(),
        family_name=user.family_name.strip(),
        middle_name=(user.middle_name or "").strip(),
        identifier=(user.identifier or "").strip(),
        email=(user.email or "").strip(),
        grades=grades,
        origin=at.origin,
    )


def _enabled(value: bool | str) -> bool | None:
    if isinstance(value, bool):
        return value
    return BOOLEANS.get(value.strip().lower())


def _user_problem(user: _UserJson) -> tuple[str, str] | None:
    """Return (field, message) for the first thing wrong, in the order the CSV source checks."""
    if not user.sourced_id:
        return "sourcedId", "is empty"
    if user.status not in STATUSES:
        return "status", f"{user.status!r} is not active or tobedeleted"
    if _enabled(user.enabled_user) is None:
        return "enabledUser", f"{user.enabled_user!r} is not true or false"
    role = user.primary_role()
    if role is None:
        return "role", "is missing (neither role nor roles is given)"
    if role not in ROLES:
        return "role", f"{role!r} is not a OneRoster role"
    if role == "student" and not (user.identifier or "").strip():
        return "identifier", "a student has no identifier (student number)"
    return None


def _validation_issue(exc: ValidationError, at: RecordPosition) -> RosterIssue:
    # Only the location and pydantic's message: the rejected input may be a name (FERPA).
    error = exc.errors(include_input=False, include_url=False)[0]
    loc = error["loc"]
    message = "is missing" if error["type"] == "missing" else error["msg"]
    if not loc:
        return at.issue(None, f"record is not a JSON object ({message})")
    # Deeper parts of the location are list indexes, nested fields or union member names.
    inner = ".".join(str(part) for part in loc[1:])
    return at.issue(str(loc[0]), f"{inner}: {message}" if inner else message)
