"""The help-desk Protocol the pipeline depends on, and the Ticket shape every connector returns.

A help-desk connector is one module per product (Request Tracker, the built-in demo, later
Incident IQ, Zendesk, Freshservice, Jira Service Management, Zammad).  The pipeline needs only
what is listed in :class:`HelpDesk`; connectors translate their vendor's objects into
:class:`Ticket` and their vendor's failures into :mod:`connectors.errors`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator

ContentType = Literal["text/plain", "text/html"]


class ReviewMark(StrEnum):
    """The worker's mark on a ticket, kept in the help-desk so technicians see it there."""

    NONE = ""
    NEEDS_REVIEW = "needs-review"
    DONE = "done"


class Message(BaseModel):
    """A later message on a ticket (a requester's follow-up or a staff reply)."""

    model_config = ConfigDict(frozen=True)

    id: str
    author: str = Field(description="e-mail address (or login) of who wrote it")
    created_at: datetime
    content_type: ContentType = "text/plain"
    body: str
    public: bool = True
    from_requester: bool = False


class Ticket(BaseModel):
    """One help-desk ticket as the pipeline sees it, whatever the product.

    ``body`` is the first message exactly as the requester wrote it (``content_type`` says
    whether it is plain text or HTML); ``messages`` are the later ones, oldest first.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    subject: str = ""
    requester: str = Field("", description="e-mail address of the person who filed the ticket")
    #: The requester's role as the help-desk knows it ("Teacher", "end-user"; "" when it has
    #: none): for technicians and logs; whose accounts may be reset is the roster's decision.
    requester_role: str = ""
    category: str = ""
    content_type: ContentType = "text/plain"
    body: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    status: str = ""
    messages: tuple[Message, ...] = ()
    #: Addresses copied on the ticket (CC, followers, watchers): they see the replies, but
    #: only the requester's role decides whose accounts may be reset.
    watchers: tuple[str, ...] = ()
    #: How the first message reached the help-desk: "email" when the requester is whoever
    #: the message's ``From:`` header named (anyone can write one); "" when the help-desk
    #: itself authenticated whoever filed it (its web portal, an agent, an API integration).
    channel: Literal["email", ""] = ""
    #: The header block of the e-mail the ticket was created from (``channel`` "email"), so
    #: the worker can read the district's mail server's ``Authentication-Results``.
    mail_headers: str = ""

    @field_validator("content_type", mode="before")
    @classmethod
    def _bare_media_type(cls, value: object) -> object:
        # "text/html; charset=utf-8" and "TEXT/PLAIN" are the same two types.
        return value.split(";", 1)[0].strip().lower() if isinstance(value, str) else value

    def requester_followups(self) -> tuple[Message, ...]:
        """Later messages written by the requester (a teacher adding to the list)."""
        return tuple(m for m in self.messages if m.from_requester)


class TicketRef(BaseModel):
    """A ticket waiting in the queue: enough to decide whether to fetch it."""

    model_config = ConfigDict(frozen=True)

    id: str
    updated_at: datetime | None = None
    #: The worker's mark as the listing reported it (so a parked needs-review ticket can be
    #: skipped without a fetch); ``None`` when the connector's search cannot tell.
    mark: ReviewMark | None = None


@runtime_checkable
class HelpDesk(Protocol):
    """What the worker needs from a help-desk; one implementation per product.

    Every method may raise the kinds in :mod:`connectors.errors` and nothing else.
    Identifiers are the help-desk's own ticket ids, as strings.
    """

    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield every open ticket in the configured category/queue, each exactly once.

        Pages through the product's search transparently.  With ``updated_since`` only
        tickets created or updated at or after that moment are yielded (a little overlap
        is allowed; callers de-duplicate by id and ``updated_at``).  Resolved or closed
        tickets are not yielded.
        """
        ...

    def fetch(self, ticket_id: str) -> Ticket:
        """Return the ticket with its first message and later messages.

        Raises ``PermanentError`` when the ticket does not exist.
        """
        ...

    def reply(self, ticket_id: str, text: str) -> None:
        """Post a public reply that the requester sees (and is mailed)."""
        ...

    def add_note(self, ticket_id: str, text: str) -> None:
        """Post an internal note that only technicians see."""
        ...

    def resolve(self, ticket_id: str) -> None:
        """Mark the ticket resolved; it then stops being listed by :meth:`list_waiting`."""
        ...

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Set (or clear, with ``ReviewMark.NONE``) the worker's mark on the ticket."""
        ...

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """Read the worker's mark back (``ReviewMark.NONE`` when none is set)."""
        ...
