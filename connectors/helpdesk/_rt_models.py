"""Request Tracker 5 REST2 answers as small pydantic models, and pure helpers for RT's formats.

Private to the RT connector.

Shapes as RT 5.0.3 sends them (https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html, and
measured on a real server): ids are strings in collections and numbers in single records,
``pages`` can be a float (``0.0``), unset dates are ``1970-01-01T00:00:00Z``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.parser import HeaderParser
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from ._answers import VendorAnswers
from .base import ContentType

#: The name RT's errors carry.
SERVICE = "Request Tracker"

_ANSWERS = VendorAnswers(SERVICE, short="RT", id_noun="an RT ticket id")
refused = _ANSWERS.refused
parse = _ANSWERS.parse
ticket_number = _ANSWERS.number


RT_EPOCH_YEAR = 1970  # RT's "not set" date


class _RTModel(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True)


class RTUser(_RTModel):
    id: str
    Name: str = ""
    EmailAddress: str | None = None

    @property
    def address(self) -> str:
        """The user's e-mail address, or the login name when RT has none."""
        return self.EmailAddress or self.Name or self.id


class RTRef(_RTModel):
    id: str
    Name: str = ""


class RTCustomFieldValues(_RTModel):
    id: str
    name: str
    values: list[str | None] = []  # clearing with "" leaves [null] behind


class RTTicket(_RTModel):
    id: str
    Subject: str = ""
    Status: str = ""
    Created: datetime | None = None
    LastUpdated: datetime | None = None
    Queue: RTRef | None = None
    Requestor: list[RTUser] = []
    CustomFields: list[RTCustomFieldValues] = []

    @field_validator("Created", "LastUpdated", mode="after")
    @classmethod
    def _unset_is_none(cls, value: datetime | None) -> datetime | None:
        return None if value is not None and value.year <= RT_EPOCH_YEAR else value

    def field_values(self, name: str) -> list[str] | None:
        """Values of the named custom field, or None when it does not apply to the ticket."""
        for field in self.CustomFields:
            if field.name == name:
                return [value for value in field.values if value]
        return None


class RTTransaction(_RTModel):
    id: str
    Type: str
    Creator: RTUser
    Created: datetime


class RTAttachment(_RTModel):
    id: str
    TransactionId: str
    ContentType: str = ""
    Filename: str | None = None
    Content: str | None = None
    Headers: str | None = None


class RTPage(_RTModel):
    """One page of any REST2 collection; ``items`` are parsed by the caller."""

    total: int | None = None
    page: int = 1
    pages: float = 0
    per_page: int = 20
    next_page: str | None = None
    items: list[dict[str, Any]] = []


class RTFieldLink(_RTModel):
    id: str
    name: str = ""


class RTQueue(_RTModel):
    id: str
    Name: str
    TicketCustomFields: list[RTFieldLink] = []

    def ticket_field_id(self, name: str) -> str | None:
        """Id of the ticket custom field of that name applied to this queue (or globally)."""
        return next((f.id for f in self.TicketCustomFields if f.name == name), None)


class RTCustomField(_RTModel):
    id: str
    Name: str
    Type: str = ""
    Values: list[str] = []


# ---------------------------------------------------------------------- pure helpers
#: Phrases RT uses in HTTP-200 message lists when a change was refused.
FAILURE_PHRASES = (
    "invalid",
    "isn't a valid",
    "not a valid",
    "does not exist",
    "permission",
    "couldn't",
    "could not",
    "can't",
    "cannot",
    "not found",
)


def ticketsql_string(value: str) -> str:
    """A TicketSQL string literal: single quotes, with backslash escapes."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def ticketsql_datetime(moment: datetime) -> str:
    """RT's date literal in UTC, whole seconds rounded down (naive datetimes count as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return ticketsql_string(moment.strftime("%Y-%m-%d %H:%M:%S"))


def message_list(data: Any, what: str) -> list[str]:
    """The message list RT answers updates with; PermanentError if it says a change failed."""
    if not isinstance(data, list) or not all(isinstance(m, str) for m in data):
        raise refused(f"RT answered {what} with something other than a message list")
    failures = [m for m in data if any(p in m.lower() for p in FAILURE_PHRASES)]
    if failures:
        raise refused(f"RT refused {what}: {failures}")
    return data


def pick_text(parts: list[RTAttachment]) -> tuple[str, ContentType]:
    """The text of one message: text/plain preferred, else text/html; named files skipped."""
    kinds: tuple[ContentType, ...] = ("text/plain", "text/html")
    for kind in kinds:
        for part in parts:
            if part.ContentType.lower() == kind and not part.Filename and part.Content:
                return part.Content, kind
    return "", "text/plain"


def mail_origin(parts: list[RTAttachment]) -> tuple[Literal["email", ""], str]:
    """Whether a message came in by e-mail, and then the headers it arrived with.

    RT stamps every message with ``X-RT-Interface`` (Email, Web, REST2, CLI, ...) in the
    headers of its first (top-level) attachment, which for e-mail also keeps the message's
    own headers, ``Authentication-Results`` among them.
    """
    if not parts:
        return "", ""
    top = min(parts, key=lambda part: int(part.id) if part.id.isdigit() else 0)
    headers = top.Headers or ""
    interface = HeaderParser().parsestr(headers).get("X-RT-Interface", "")
    if str(interface).strip().lower() == "email":
        return "email", headers
    return "", ""
