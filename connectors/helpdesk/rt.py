"""Request Tracker 5 over REST2: the :class:`~connectors.helpdesk.base.HelpDesk` for RT.

Vendor reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html (RT 5.0.3 as Debian 12
ships it).  What RT does that the code below works around, each seen on a real server:

* TicketSQL reads date literals as ``'YYYY-MM-DD HH:MM:SS'`` in the API user's time zone and
  silently misreads ISO-8601.  We send UTC, so RT's ``$Timezone`` must be UTC and the API
  user's own time zone unset or UTC (scripts/rt.sh sets RT up that way).
* Updates answer HTTP 200 with a list of messages even when nothing changed
  (``["Invalid value for custom field"]``, ``[]`` for an unknown field), so failure phrases
  are rejected and marks and status are read back after every change.
* Attachment ``Content`` is plain text in collections (used here), base64 in single GETs.
* The listing pages by ``id > last seen`` instead of page numbers: tickets resolved while the
  caller works through the listing would otherwise shift later tickets off the pages unseen.

Waiting tickets are those of the configured queue in an active status (``__Active__``: new,
open and stalled in RT's default lifecycle, and whatever a custom lifecycle calls active).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import SecretStr

from ..checks import Check
from ..errors import ConfigurationError
from ..http import BasicAuth, HttpClient, Timeouts, TokenAuth
from . import _rt_check, _rt_setup
from ._rt_models import (
    SERVICE,
    RTAttachment,
    RTPage,
    RTTicket,
    RTTransaction,
    mail_origin,
    message_list,
    parse,
    pick_text,
    refused,
    ticket_number,
    ticketsql_datetime,
    ticketsql_string,
)
from .base import Message, ReviewMark, Ticket, TicketRef
from .config import RTConfig

logger = logging.getLogger(__name__)

MAX_PAGES = 10_000  # bounds every paging loop: a million tickets at 100 a page
MESSAGE_TYPES = ("Create", "Correspond", "Comment")
TICKET_FIELDS = "Subject,Status,Created,LastUpdated,Queue,Requestor,CustomFields"


class RTHelpDesk:
    """Request Tracker 5 through its REST2 API, with token or basic auth."""

    def __init__(self, config: RTConfig, *, http: HttpClient | None = None) -> None:
        self._config = config
        seconds = config.timeout_seconds
        self._http = http or HttpClient(
            config.base_url.rstrip("/") + "/REST/2.0",
            auth=_auth(config),
            timeouts=Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            service=SERVICE,
        )
        self._queue_checked = False

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the queue's active tickets, lowest id first, each once (see module doc)."""
        self._check_queue()
        query = f"Queue = {ticketsql_string(self._config.queue)} AND Status = '__Active__'"
        if updated_since is not None:
            query += f" AND LastUpdated >= {ticketsql_datetime(updated_since)}"
        last_id = 0
        for _ in range(MAX_PAGES):
            page = self._search(f"{query} AND id > {last_id}", "LastUpdated,CustomFields")
            for item in page.items:
                ticket = parse(RTTicket, item, "ticket search")
                if ticket_number(ticket.id) <= last_id:
                    raise refused("RT search ignored the id order; stopping the listing")
                last_id = ticket_number(ticket.id)
                mark = self._mark_of(ticket, strict=False)
                yield TicketRef(id=ticket.id, updated_at=ticket.LastUpdated, mark=mark)
            if not page.items or not page.next_page:
                return
        raise refused(f"more than {MAX_PAGES} pages of waiting tickets")

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket, its first message (the Create transaction) and the later messages."""
        number = ticket_number(ticket_id)
        expand = {"fields[Queue]": "Name", "fields[Requestor]": "EmailAddress,Name"}
        page = self._search(f"id = {number}", TICKET_FIELDS, expand)
        if not page.items:
            raise refused(f"RT ticket {number} does not exist or is not visible")
        ticket = parse(RTTicket, page.items[0], "ticket")
        parts = self._attachments_by_transaction(number)
        requesters = {u.id.lower() for u in ticket.Requestor}
        requesters |= {u.address.lower() for u in ticket.Requestor}
        body, content_type = "", "text/plain"
        channel: Literal["email", ""] = ""
        mail_headers = ""
        messages: list[Message] = []
        for txn in self._message_transactions(number):
            text, kind = pick_text(parts.get(txn.id, []))
            if txn.Type == "Create":
                body, content_type = text, kind
                channel, mail_headers = mail_origin(parts.get(txn.id, []))
                continue
            author = txn.Creator.address
            messages.append(
                Message(
                    id=txn.id,
                    author=author,
                    created_at=txn.Created,
                    content_type=kind,
                    body=text,
                    public=txn.Type == "Correspond",
                    from_requester=bool({txn.Creator.id.lower(), author.lower()} & requesters),
                )
            )
        return Ticket(
            id=ticket.id,
            subject=ticket.Subject,
            requester=ticket.Requestor[0].address if ticket.Requestor else "",
            category=ticket.Queue.Name if ticket.Queue else "",
            content_type=content_type,
            body=body,
            created_at=ticket.Created,
            updated_at=ticket.LastUpdated,
            status=ticket.Status,
            messages=tuple(messages),
            channel=channel,
            mail_headers=mail_headers,
        )

    def reply(self, ticket_id: str, text: str) -> None:
        """Correspond: RT keeps it in the history and mails it to the requesters."""
        self._add_message(ticket_id, "correspond", text)

    def add_note(self, ticket_id: str, text: str) -> None:
        """Comment: visible to staff only, never mailed to the requester."""
        self._add_message(ticket_id, "comment", text)

    def resolve(self, ticket_id: str) -> None:
        """Set the status to resolved (idempotent) and check that it is."""
        number = ticket_number(ticket_id)
        messages = self._update(number, {"Status": "resolved"}, "resolving")
        status = self._ticket(number).Status
        if status != "resolved":
            raise refused(f"RT ticket {number} is {status!r} after resolving: {messages}")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Write the mark field (an empty value clears it) and read it back."""
        number = ticket_number(ticket_id)
        # null clears the field; "" would leave an empty value behind ([null] on reads).
        value = mark.value or None
        change = {"CustomFields": {self._config.mark_field: value}}
        messages = self._update(number, change, "the mark")
        if self._mark_of(self._ticket(number), strict=True) != mark:
            field = self._config.mark_field
            raise refused(f"RT did not set {field!r} on ticket {number}: {messages}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """Read the mark field; PermanentError when the field does not apply to the ticket."""
        mark = self._mark_of(self._ticket(ticket_number(ticket_id)), strict=True)
        assert mark is not None  # strict: raises rather than returning None
        return mark

    # ------------------------------------------------------------------ set-up
    def ensure_setup(self) -> list[str]:
        """Create the queue, the Select mark field applied to it, and its values (idempotent).

        Returns what it did, one phrase each (``ticketworker init`` prints them).
        """
        return _rt_setup.ensure_setup(self._http, self._config.queue, self._config.mark_field)

    def self_check(self) -> list[Check]:
        """Credentials, clock, queue, mark field, rights and time zone, read-only."""
        return _rt_check.self_check(self._http, self._config)

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _search(self, query: str, fields: str, expand: Mapping[str, str] | None = None) -> RTPage:
        params = {
            "query": query,
            "page": 1,
            "per_page": self._config.page_size,
            "orderby": "id",
            "order": "ASC",
            "fields": fields,
            **(expand or {}),
        }
        # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Tickets", "Paging")
        return parse(RTPage, self._http.get("tickets", params=params), "ticket search")

    def _collect(self, path: str, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """Every item of a REST2 collection, following ``next_page`` (same origin only)."""
        url: str | None = path
        query: Mapping[str, Any] | None = {"per_page": self._config.page_size, **params}
        for _ in range(MAX_PAGES):
            if url is None:
                return
            page = parse(RTPage, self._http.get(url, params=query), path)
            yield from page.items
            url, query = page.next_page, None  # next_page carries the whole query
        raise refused(f"more than {MAX_PAGES} pages from {path}")

    def _message_transactions(self, number: int) -> list[RTTransaction]:
        types = " OR ".join(f"Type = '{kind}'" for kind in MESSAGE_TYPES)
        params = {
            "query": f"ObjectType = 'RT::Ticket' AND ObjectId = {number} AND ({types})",
            "fields": "Type,Creator,Created",
            "fields[Creator]": "EmailAddress,Name",
            "orderby": "id",
            "order": "ASC",
        }
        # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Transactions")
        items = self._collect("transactions", params)
        return [parse(RTTransaction, item, "transaction") for item in items]

    def _attachments_by_transaction(self, number: int) -> dict[str, list[RTAttachment]]:
        params = {"fields": "TransactionId,ContentType,Filename,Content,Headers"}
        grouped: dict[str, list[RTAttachment]] = defaultdict(list)
        # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
        # ("Attachments and Messages": GET /ticket/:id/attachments)
        for item in self._collect(f"ticket/{number}/attachments", params):
            part = parse(RTAttachment, item, "attachment")
            grouped[part.TransactionId].append(part)
        return grouped

    def _ticket(self, number: int) -> RTTicket:
        # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Tickets")
        return parse(RTTicket, self._http.get(f"ticket/{number}"), "ticket")

    def _update(self, number: int, changes: Mapping[str, Any], what: str) -> list[str]:
        # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
        # ("Updating Tickets": PUT /ticket/:id answers 200 with a list of messages)
        answer = self._http.request("PUT", f"ticket/{number}", json=changes)
        return message_list(answer.data, f"{what} on ticket {number}")

    def _add_message(self, ticket_id: str, action: str, text: str) -> None:
        number = ticket_number(ticket_id)
        if not text.strip():
            raise refused("refusing to post an empty message")  # RT would post nothing
        body = {"Content": text, "ContentType": "text/plain"}
        # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
        # ("Replying/Commenting Tickets": POST /ticket/:id/correspond and /comment)
        answer = self._http.request("POST", f"ticket/{number}/{action}", json=body)
        if not message_list(answer.data, f"{action} on ticket {number}"):
            raise refused(f"RT {action} on ticket {number} reported nothing")

    def _check_queue(self) -> None:
        # A misspelt queue name would otherwise list nothing, silently, forever.
        if not self._queue_checked:
            _rt_setup.load_queue(self._http, self._config.queue)
            self._queue_checked = True

    def _mark_of(self, ticket: RTTicket, *, strict: bool) -> ReviewMark | None:
        field = self._config.mark_field
        values = ticket.field_values(field)
        if values is None:
            if strict:
                raise refused(
                    f"RT custom field {field!r} does not apply to ticket {ticket.id}'s queue; "
                    "run `ticketworker init`"
                )
            return None
        try:
            return ReviewMark(values[0] if values else "")
        except ValueError:
            if strict:
                raise refused(f"unknown {field!r} value on RT ticket {ticket.id}") from None
            return None


def _auth(config: RTConfig) -> TokenAuth | BasicAuth:
    if config.token is not None:
        return TokenAuth(config.token, scheme="token")
    if config.token_file is not None:
        # An unreadable file is an OSError naming it (the CLI says so in one line).
        token = config.token_file.read_text(encoding="utf-8").strip()
        if token:
            return TokenAuth(SecretStr(token), scheme="token")
        raise ConfigurationError(f"RT token file {config.token_file} is empty")
    if config.username and config.password is not None:
        return BasicAuth(config.username, config.password)
    raise ConfigurationError(
        "RT needs a token (TICKETWORKER_HELPDESK__TOKEN or __TOKEN_FILE), or a username and "
        "password (__USERNAME and __PASSWORD)"
    )
