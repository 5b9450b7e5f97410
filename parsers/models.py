"""What the parser returns: one decision per student, and the ticket-level verdict."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field


class Reason(StrEnum):
    """Why a student goes to review; each has a sentence a technician can act on."""

    NOT_REQUESTED = "not_requested"
    ID_MISSING = "id_missing"
    ID_OTHER_LETTER = "id_other_letter"
    ID_TOO_SHORT = "id_too_short"
    ID_TOO_LONG = "id_too_long"
    ID_NO_LEADING_ZERO = "id_no_leading_zero"
    ID_NOT_IN_ROSTER = "id_not_in_roster"
    ID_HELD_BY_SEVERAL = "id_held_by_several"
    IDS_CONFLICT = "ids_conflict"
    NAME_MISSING = "name_missing"
    NAME_PARTIAL = "name_partial"
    NAME_MISMATCH = "name_mismatch"
    NAME_AMBIGUOUS = "name_ambiguous"
    NAMES_CONFLICT = "names_conflict"
    STUDENT_INACTIVE = "student_inactive"
    STUDENT_DISABLED = "student_disabled"
    REQUESTER_UNKNOWN = "requester_unknown"
    REQUESTER_NOT_STAFF = "requester_not_staff"
    REQUESTER_INACTIVE = "requester_inactive"
    REQUESTER_OTHER_SCHOOL = "requester_other_school"
    SENDER_UNVERIFIED = "sender_unverified"


class Suggestion(BaseModel):
    """A roster record a technician may mean; never applied automatically."""

    student_id: str
    name: str
    school: str = ""
    grade: str = ""
    active: bool = True
    why: str = Field(description="how it relates to what was written")


class StudentDecision(BaseModel):
    """The decision for one student named in a ticket."""

    student_id: str | None
    first_name: str
    last_name: str
    status: Literal["ready", "review"]
    corrections: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    source_line: str = ""
    written_id: str | None = None
    reason_codes: list[Reason] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
    #: The roster's school for the student (when the ID is known), for routing and notes.
    school_id: str | None = None
    #: The name exactly as the SIS holds it, only when it matched what was written: the
    #: student must type it exactly so when claiming again.
    roster_first_name: str | None = None
    roster_last_name: str | None = None


class ParseResult(BaseModel):
    """The parse contract's object for one ticket (extra fields are for people)."""

    ticket_id: str
    reset_request: bool
    needs_review: bool
    students: list[StudentDecision] = Field(default_factory=list)
    ticket_reasons: list[str] = Field(default_factory=list)
    intent: str = ""

    @property
    def ready(self) -> list[StudentDecision]:
        return [s for s in self.students if s.status == "ready"]

    @property
    def review(self) -> list[StudentDecision]:
        return [s for s in self.students if s.status == "review"]
