"""Incident IQ API v1.0 answers as small pydantic models, and pure helpers for its formats.

Private to the Incident IQ connector.  Shapes follow the public API reference mirrored in the
scopousiiq/iiq-docusaurus-docs repository (https://scopousiiq.github.io/iiq-docusaurus-docs/,
``docs/api/tickets/*.api.mdx`` and ``docs/guides/*.md``): PascalCase field names, GUID ids,
list answers as ``{"Items": [...], "Paging": {...}}``, single records as ``{"Item": {...}}``.
Dates come without a zone (``2024-11-25T15:44:06.71``); they are read as UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ._answers import VendorAnswers
from .base import ContentType, ReviewMark

#: The name Incident IQ's errors carry.
SERVICE = "Incident IQ"

_ANSWERS = VendorAnswers(SERVICE, short="Incident IQ")
refused = _ANSWERS.refused
parse = _ANSWERS.parse
#: The ``$type`` and activity type of a comment (public reply or internal note).
COMMENT_TYPE = "Spark.Shared.Models.TicketActivityComment, Spark.Shared"
COMMENT_ACTIVITY_TYPE_ID = 6

GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# Elements that make a text HTML rather than plain text with an odd "<" in it.
HTML_TAG = re.compile(
    r"</?(p|br|div|span|b|i|u|em|strong|ul|ol|li|table|tr|td|th|a|font|h[1-6]|blockquote|pre)"
    r"(\s[^<>]*)?/?>",
    re.IGNORECASE,
)


class _IIQModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    @field_validator("*", mode="after")
    @classmethod
    def _dates_are_utc(cls, value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class IIQRole(_IIQModel):
    RoleId: str | None = None
    Name: str = ""


class IIQUser(_IIQModel):
    UserId: str
    Name: str | None = ""
    Email: str | None = None
    Username: str | None = None
    Role: IIQRole | None = None
    IsDeleted: bool = False

    @property
    def address(self) -> str:
        """The user's e-mail address, else the username, else the display name, else the id."""
        return self.Email or self.Username or self.Name or self.UserId


class IIQIssue(_IIQModel):
    IssueCategoryId: str | None = None
    IssueCategoryName: str | None = ""


class IIQWorkflowStep(_IIQModel):
    StatusName: str | None = ""
    IsClosed: bool = False


class IIQTag(_IIQModel):
    TagId: str
    Name: str = ""
    IsDeleted: bool = False


class IIQPermissions(_IIQModel):
    CanView: bool = False
    CanWork: bool = False
    CanResolve: bool = False


class IIQTicket(_IIQModel):
    TicketId: str
    TicketNumber: str | None = ""
    Subject: str | None = ""
    IssueDescription: str | None = ""
    CreatedDate: datetime | None = None
    ModifiedDate: datetime | None = None
    StartedDate: datetime | None = None
    IsClosed: bool = False
    IsDeleted: bool = False
    ForId: str | None = None
    For: IIQUser | None = None
    Issue: IIQIssue | None = None
    WorkflowStep: IIQWorkflowStep | None = None
    Tags: list[IIQTag] = []
    UserPermissions: IIQPermissions | None = None
    SourceId: str | None = None

    @field_validator("TicketNumber", "SourceId", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @property
    def category_id(self) -> str:
        return (self.Issue.IssueCategoryId or "") if self.Issue else ""

    @property
    def closed(self) -> bool:
        return self.IsClosed or bool(self.WorkflowStep and self.WorkflowStep.IsClosed)

    @property
    def number_key(self) -> tuple[int, str]:
        """Sort key: the ticket number as a number (numbers grow as tickets are filed)."""
        number = self.TicketNumber or ""
        return (int(number), number) if number.isdigit() else (2**63, number)


class IIQPaging(_IIQModel):
    TotalRows: int = 0
    PageCount: int = 0
    PageSize: int = 0
    PageIndex: int = 0


class IIQPage(_IIQModel):
    """One page of a list answer; ``Items`` are parsed by the caller."""

    Items: list[dict[str, Any]]
    Paging: IIQPaging


class IIQItems(_IIQModel):
    """A list answer that is not paged (categories, followers)."""

    Items: list[dict[str, Any]]


class IIQSingle(_IIQModel):
    Item: dict[str, Any]


class IIQActivityItem(_IIQModel):
    type_: str = Field("", alias="$type")
    TicketActivityTypeId: int | None = None
    Comments: str | None = None
    IsPublic: bool | None = None

    @property
    def is_comment(self) -> bool:
        return self.TicketActivityTypeId == COMMENT_ACTIVITY_TYPE_ID or self.type_.startswith(
            COMMENT_TYPE.split(",", 1)[0]
        )


class IIQActivity(_IIQModel):
    TicketActivityId: str
    OwnerId: str | None = None
    Owner: IIQUser | None = None
    CreatedDate: datetime
    IsPublic: bool = False
    IsDeleted: bool = False
    ActivityItems: list[IIQActivityItem] = []


class IIQCategory(_IIQModel):
    CategoryId: str
    Name: str = ""


class IIQSource(_IIQModel):
    """How tickets reach Incident IQ (web portal, e-mail, API...); ids are read as text."""

    SourceId: str
    Name: str = ""

    @field_validator("SourceId", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class IIQCreated(_IIQModel):
    """What ``activities/new`` answers: the new activity's id in ``Uid``."""

    Uid: str | None = None


# ---------------------------------------------------------------------- pure helpers
def is_guid(value: str) -> bool:
    return GUID.fullmatch(value) is not None


def content_type_of(text: str) -> ContentType:
    """Incident IQ keeps descriptions and comments as entered: HTML from its editor and from
    e-mail, plain text from some wizards and integrations.  HTML when it has HTML elements."""
    return "text/html" if HTML_TAG.search(text) else "text/plain"


def mark_from_tags(tags: list[IIQTag], needs_review_tag: str, done_tag: str) -> ReviewMark:
    """The worker's mark from the ticket's tags; both tags at once read as needs-review."""
    names = {tag.Name.casefold() for tag in tags if not tag.IsDeleted}
    if needs_review_tag.casefold() in names:
        return ReviewMark.NEEDS_REVIEW
    if done_tag.casefold() in names:
        return ReviewMark.DONE
    return ReviewMark.NONE


def filter_date(moment: datetime) -> str:
    """A date for the ``date>=MM/DD/YYYY`` facet expression (whole days only)."""
    return moment.astimezone(UTC).strftime("%m/%d/%Y")
