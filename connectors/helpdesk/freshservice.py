"""Freshservice (API v2): the :class:`~connectors.helpdesk.base.HelpDesk` for Freshservice.

Vendor reference: https://api.freshservice.com/ (v2).  What Freshservice does that the code
below works around:

* Statuses are numbers: 2 Open, 3 Pending, 4 Resolved, 5 Closed; there is no "new".  A ticket
  is reported "new" while it is Open and no agent has answered yet (``stats.first_responded_at``
  unset), "open" after that, "stalled" while Pending and "resolved" when Resolved or Closed,
  the words RT uses.
* ``description`` is always HTML (plain text arrives wrapped in ``<div>`` with ``<br>``), so a
  ticket whose HTML is only that wrapping is reported as its ``description_text``, plain.
* The filter endpoint pages by page number (``per_page`` up to 100, ``page`` up to 10) and
  compares dates by day: the whole listing is read before anything is yielded (resolving
  tickets while the caller works would shift later tickets off the pages unseen), and
  ``updated_since`` is applied to the seconds here.
* The worker's mark is a custom dropdown field, which the filter's answers carry, so the
  listing reports each ticket's mark without a fetch.
* Rate limits are per minute for the whole account: 429 with ``Retry-After`` (handled in the
  HTTP funnel), and ``X-RateLimit-Remaining``/``X-RateLimit-Total`` on every answer; below a
  tenth of the allowance left, calls are spaced out to the plan's average rate.

Waiting tickets are those of the configured category in status Open or Pending.
"""

from __future__ import annotations

import base64
import html
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from ..checks import Check
from ..errors import AuthError, ConnectorError, PermanentError
from ..http import HttpAnswer, HttpClient, JsonResponse, Timeouts, TokenAuth
from ._answers import VendorAnswers
from .base import ContentType, Message, ReviewMark, Ticket, TicketRef
from .config import FreshserviceConfig

logger = logging.getLogger(__name__)

SERVICE = "Freshservice"

_ANSWERS = VendorAnswers(SERVICE, short="Freshservice", id_noun="a Freshservice ticket id")
refused = _ANSWERS.refused
parse = _ANSWERS.parse
ticket_number = _ANSWERS.number
API = "/api/v2"
MAX_FILTER_PAGES = 10  # the filter endpoint refuses page numbers above 10
MAX_PAGES = 1_000  # bounds every other paging loop (conversations)
MAX_QUERY_LENGTH = 512  # the filter endpoint's documented limit on the query string
OPEN, PENDING, RESOLVED, CLOSED = 2, 3, 4, 5
WAITING_STATUSES = (OPEN, PENDING)
#: Sources where nobody signed in (e-mail, the feedback widget): the requester is whoever the
#: message named, so the pipeline verifies the sender.
UNVERIFIED_SOURCES = (1, 5)
#: Below this share of the minute's allowance left, calls are spaced out.
SLOW_DOWN_BELOW = 0.1


# ---------------------------------------------------------------------- vendor shapes
class _FSModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class FSRequester(_FSModel):
    id: int
    email: str | None = None
    primary_email: str | None = None


class FSStats(_FSModel):
    first_responded_at: datetime | None = None


class FSTicket(_FSModel):
    id: int
    subject: str = ""
    description: str | None = None
    description_text: str | None = None
    requester_id: int | None = None
    requester: FSRequester | None = None
    status: int
    source: int | None = None
    category: str | None = None
    cc_emails: list[str] = []
    custom_fields: dict[str, Any] = {}
    created_at: datetime | None = None
    updated_at: datetime | None = None
    stats: FSStats | None = None


class FSTicketEnvelope(_FSModel):
    ticket: FSTicket


class FSFilterPage(_FSModel):
    tickets: list[FSTicket]
    total: int | None = None


class FSConversation(_FSModel):
    id: int
    user_id: int | None = None
    body: str | None = None
    body_text: str | None = None
    incoming: bool = False
    private: bool = False
    from_email: str | None = None
    created_at: datetime


class FSConversationPage(_FSModel):
    conversations: list[FSConversation]


class FSAgent(_FSModel):
    id: int
    email: str | None = None


class FSAgentEnvelope(_FSModel):
    agent: FSAgent


class FSChoice(_FSModel):
    value: str


class FSField(_FSModel):
    name: str
    label: str = ""
    field_type: str = ""
    choices: list[FSChoice] = []


class FSFields(_FSModel):
    ticket_fields: list[FSField]


class FSErrorItem(_FSModel):
    field: str | None = None
    code: str | None = None


class FSErrorBody(_FSModel):
    code: str | None = None
    description: str | None = None
    errors: list[FSErrorItem] = []


# ---------------------------------------------------------------------- pure helpers


def filter_string(value: str) -> str:
    """A string literal in a filter query: single quotes; a quote in the value is refused."""
    # The filter syntax documents no escape for quotes inside a literal.
    if "'" in value or '"' in value:
        raise ValueError(f"a Freshservice filter value cannot contain quotes: {value!r}")
    return f"'{value}'"


def waiting_query(category: str, since: datetime | None) -> str:
    """The filter query for waiting tickets in ``category`` (by day for ``since``)."""
    statuses = " OR ".join(f"status:{status}" for status in WAITING_STATUSES)
    query = f"category:{filter_string(category)} AND ({statuses})"
    if since is not None:
        day = since.astimezone(UTC) if since.tzinfo else since
        query += f" AND updated_at:>'{day:%Y-%m-%d}'"
    if len(query) > MAX_QUERY_LENGTH:
        raise ValueError(
            f"the Freshservice filter query would exceed {MAX_QUERY_LENGTH} characters"
        )
    return query


_WRAPPING_TAGS = re.compile(r"</?(div|p|br|span)(\s[^>]*)?/?>", re.IGNORECASE)


def body_of(html_text: str | None, plain_text: str | None) -> tuple[str, ContentType]:
    """The first message as written: plain text when the HTML is only Freshservice's wrapping."""
    markup = html_text or ""
    if "<" not in _WRAPPING_TAGS.sub("", markup):
        if plain_text is not None:
            return plain_text, "text/plain"
        return html.unescape(_WRAPPING_TAGS.sub("\n", markup)).strip(), "text/plain"
    return markup, "text/html"


def normalised_status(ticket: FSTicket) -> str:
    """Freshservice's status number as the words the pipeline uses (see module docstring)."""
    if ticket.status in (RESOLVED, CLOSED):
        return "resolved"
    if ticket.status == PENDING:
        return "stalled"
    if ticket.status == OPEN:
        answered = ticket.stats is not None and ticket.stats.first_responded_at is not None
        return "open" if answered else "new"
    return str(ticket.status)  # a custom status: shown as its number


def map_error(answer: HttpAnswer) -> ConnectorError | None:
    """Freshservice's error bodies: name the refused fields and codes (never their values)."""
    # 404 is left to the funnel, which lets a lookup allow it.
    if 200 <= answer.status < 300 or answer.status in (404, 429) or answer.status >= 500:
        return None
    try:
        body = FSErrorBody.model_validate(answer.json() or {})
    except ValidationError:
        return None
    codes = sorted({e.code for e in body.errors if e.code} | ({body.code} if body.code else set()))
    fields = sorted({e.field for e in body.errors if e.field})
    if not codes and not fields:
        return None
    detail = f"{answer.method} {answer.path}: HTTP {answer.status} ({', '.join(codes)})"
    if fields:
        detail += f" on {', '.join(fields)}"
    if answer.status in (401, 403) or {"invalid_credentials", "access_denied"} & set(codes):
        return AuthError(detail)
    return PermanentError(detail)


def _mark_value(value: Any) -> ReviewMark | None:
    try:
        return ReviewMark(value or "")
    except ValueError:
        return None


# ---------------------------------------------------------------------- the connector
class FreshserviceHelpDesk:
    """Freshservice through its API v2, as one agent with an API key."""

    def __init__(
        self,
        config: FreshserviceConfig,
        *,
        http: HttpClient | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if config.api_key is None and http is None:
            raise ValueError("Freshservice needs an API key (TICKETWORKER_HELPDESK__API_KEY)")
        self._config = config
        seconds = config.timeout_seconds
        self._http = http or HttpClient(
            config.base_url.rstrip("/") + API,
            auth=api_key_auth(config.api_key) if config.api_key else None,
            timeouts=Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            service=SERVICE,
            error_mapper=map_error,
        )
        self._sleep = sleep
        self._authors: dict[int, str] = {}

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the category's Open and Pending tickets, lowest id first, each once."""
        query = waiting_query(self._config.category, updated_since)
        since = _whole_seconds(updated_since)
        tickets: dict[int, FSTicket] = {}
        total: int | None = None
        for page in range(1, MAX_FILTER_PAGES + 1):
            # Reference: https://api.freshservice.com/#filter_tickets
            # (GET /api/v2/tickets/filter?query="..."&page=N&per_page=M)
            params = {"query": f'"{query}"', "page": page, "per_page": self._config.page_size}
            answer = self._call("GET", "tickets/filter", params=params)
            found = parse(FSFilterPage, answer.data, "ticket filter")
            total = found.total if found.total is not None else total
            for ticket in found.tickets:
                tickets.setdefault(ticket.id, ticket)
            if len(found.tickets) < self._config.page_size or (
                total is not None and len(tickets) >= total
            ):
                break
        for number in sorted(tickets):
            ticket = tickets[number]
            if since is not None and ticket.updated_at is not None and ticket.updated_at < since:
                continue
            mark = _mark_value(ticket.custom_fields.get(self._config.mark_field))
            yield TicketRef(id=str(number), updated_at=ticket.updated_at, mark=mark)
        if total is not None and total > len(tickets):
            # Never a silent cut: the rest come as these are resolved, and the operator knows.
            raise refused(
                f"the filter listed {len(tickets)} of {total} waiting tickets (Freshservice "
                f"returns at most {MAX_FILTER_PAGES} pages); the others follow as these are done"
            )

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket, its description and its conversations (replies and notes)."""
        number = ticket_number(ticket_id)
        ticket = self._ticket(number, include="requester,stats")
        body, content_type = body_of(ticket.description, ticket.description_text)
        requester = ticket.requester
        requester_email = (requester.email or requester.primary_email or "") if requester else ""
        messages = tuple(
            self._message(conversation, ticket.requester_id, requester_email)
            for conversation in self._conversations(number)
        )
        channel: Literal["email", ""] = "email" if ticket.source in UNVERIFIED_SOURCES else ""
        return Ticket(
            id=str(ticket.id),
            subject=ticket.subject,
            requester=requester_email,
            category=ticket.category or "",
            content_type=content_type,
            body=body,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            status=normalised_status(ticket),
            messages=messages,
            watchers=tuple(ticket.cc_emails),
            channel=channel,
        )

    def reply(self, ticket_id: str, text: str) -> None:
        """A reply: public, and mailed to the requester (and the ticket's CCs)."""
        number = ticket_number(ticket_id)
        # Reference: https://api.freshservice.com/#reply_ticket (POST /api/v2/tickets/[id]/reply)
        self._post_message(number, "reply", {"body": _as_html(text)})

    def add_note(self, ticket_id: str, text: str) -> None:
        """A private note: agents only, never mailed to the requester."""
        number = ticket_number(ticket_id)
        # Reference: https://api.freshservice.com/#add_note (POST /api/v2/tickets/[id]/notes,
        # ``private`` true)
        self._post_message(number, "notes", {"body": _as_html(text), "private": True})

    def resolve(self, ticket_id: str) -> None:
        """Set the status to Resolved (idempotent) and check that it is."""
        number = ticket_number(ticket_id)
        updated = self._update(number, {"status": RESOLVED})
        if updated.status not in (RESOLVED, CLOSED):
            raise refused(
                f"Freshservice ticket {number} has status {updated.status} after resolving"
            )

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Write the mark field (null clears it) and read it back."""
        number = ticket_number(ticket_id)
        field = self._config.mark_field
        self._update(number, {"custom_fields": {field: mark.value or None}})
        if self.get_mark(ticket_id) is not mark:
            raise refused(f"Freshservice did not keep {field!r} on ticket {number}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """Read the mark field; PermanentError when the ticket lacks it or holds another value."""
        number = ticket_number(ticket_id)
        fields = self._ticket(number).custom_fields
        field = self._config.mark_field
        if field not in fields:
            raise refused(
                f"Freshservice ticket {number} has no custom field {field!r}; "
                "add it as a dropdown with the choices needs-review and done"
            )
        mark = _mark_value(fields[field])
        if mark is None:
            raise refused(f"unknown {field!r} value on Freshservice ticket {number}")
        return mark

    def self_check(self) -> list[Check]:
        """Credentials, the category, the mark field and a dry read of the listing."""
        field = self._config.mark_field
        try:
            # Reference: https://api.freshservice.com/#ticket_fields
            # (GET /api/v2/ticket_form_fields)
            fields = parse(FSFields, self._call("GET", "ticket_form_fields").data, "ticket fields")
        except ConnectorError as exc:
            fix = (
                "set TICKETWORKER_HELPDESK__API_KEY to an active agent's API key"
                if isinstance(exc, AuthError)
                else f"check TICKETWORKER_HELPDESK__BASE_URL ({self._http.base_url})"
            )
            return [Check("help-desk credentials", False, str(exc), fix)]
        checks = [Check("help-desk credentials", True, f"{SERVICE} at {self._http.base_url}")]
        by_name = {f.name: f for f in fields.ticket_fields}
        categories = (
            {c.value for c in by_name["category"].choices} if "category" in by_name else set()
        )
        category = self._config.category
        checks.append(
            Check(
                "help-desk category",
                category in categories,
                f"category {category!r}" + ("" if category in categories else " not found"),
                ""
                if category in categories
                else "set TICKETWORKER_HELPDESK__CATEGORY to one of "
                f"the ticket categories ({', '.join(sorted(categories)) or 'none defined'})",
            )
        )
        mark = by_name.get(field)
        wanted = {ReviewMark.NEEDS_REVIEW.value, ReviewMark.DONE.value}
        choices = {c.value for c in mark.choices} if mark else set()
        usable = mark is not None and mark.field_type == "custom_dropdown" and wanted <= choices
        checks.append(
            Check(
                "help-desk mark field",
                usable,
                f"custom field {field!r}"
                + (f" ({mark.field_type}, choices {sorted(choices)})" if mark else " not found"),
                ""
                if usable
                else f"add a ticket dropdown field {field!r} with the choices "
                "needs-review and done (Admin > Field Manager), or set "
                "TICKETWORKER_HELPDESK__MARK_FIELD",
            )
        )
        try:
            query = waiting_query(category, None)
            # Reference: https://api.freshservice.com/#filter_tickets
            answer = self._call(
                "GET", "tickets/filter", params={"query": f'"{query}"', "per_page": 1}
            )
            found = parse(FSFilterPage, answer.data, "ticket filter")
            checks.append(
                Check("help-desk listing", True, f"{found.total or len(found.tickets)} waiting")
            )
        except (ConnectorError, ValueError) as exc:
            fix = "give the agent access to the category's tickets (a role with ticket scope)"
            checks.append(Check("help-desk listing", False, str(exc), fix))
        return checks

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> JsonResponse:
        answer = self._http.request(method, path, params=params, json=json)
        self._pace(answer.headers)
        return answer

    def _pace(self, headers: Mapping[str, str]) -> None:
        """Space calls out when little of the minute's allowance is left (cheaper than a 429)."""
        remaining, total = headers.get("X-RateLimit-Remaining"), headers.get("X-RateLimit-Total")
        if not (remaining and total and remaining.isdigit() and total.isdigit() and int(total)):
            return
        if int(remaining) < int(total) * SLOW_DOWN_BELOW:
            pause = 60.0 / int(total)
            logger.info("Freshservice: %s of %s calls left this minute; pausing", remaining, total)
            self._sleep(pause)

    def _ticket(self, number: int, include: str = "") -> FSTicket:
        params = {"include": include} if include else None
        # Reference: https://api.freshservice.com/#view_a_ticket (GET /api/v2/tickets/[id],
        # include=requester,stats)
        answer = self._call("GET", f"tickets/{number}", params=params)
        return parse(FSTicketEnvelope, answer.data, "ticket").ticket

    def _update(self, number: int, changes: Mapping[str, Any]) -> FSTicket:
        # Reference: https://api.freshservice.com/#update_ticket_priority
        # (PUT /api/v2/tickets/[id] answers the updated ticket)
        answer = self._call("PUT", f"tickets/{number}", json=changes)
        return parse(FSTicketEnvelope, answer.data, "ticket update").ticket

    def _conversations(self, number: int) -> Iterator[FSConversation]:
        per_page = 100
        for page in range(1, MAX_PAGES + 1):
            # Reference: https://api.freshservice.com/#list_all_ticket_conversations
            # (GET /api/v2/tickets/[id]/conversations, page and per_page up to 100)
            answer = self._call(
                "GET",
                f"tickets/{number}/conversations",
                params={"page": page, "per_page": per_page},
            )
            found = parse(FSConversationPage, answer.data, "conversations").conversations
            yield from sorted(found, key=lambda c: (c.created_at, c.id))
            if len(found) < per_page:
                return
        raise refused(f"more than {MAX_PAGES} pages of conversations on ticket {number}")

    def _message(
        self, conversation: FSConversation, requester_id: int | None, requester_email: str
    ) -> Message:
        from_requester = requester_id is not None and conversation.user_id == requester_id
        if conversation.body_text is not None:
            text, kind = conversation.body_text, "text/plain"
        else:
            text, kind = body_of(conversation.body, None)
        return Message(
            id=str(conversation.id),
            author=requester_email if from_requester else self._author(conversation),
            created_at=conversation.created_at,
            content_type=kind,
            body=text,
            public=not conversation.private,
            from_requester=from_requester,
        )

    def _author(self, conversation: FSConversation) -> str:
        if conversation.from_email:
            return conversation.from_email
        user = conversation.user_id
        if user is None:
            return ""
        if user not in self._authors:
            # Reference: https://api.freshservice.com/#view_an_agent (GET /api/v2/agents/[id]);
            # 404 when the user is a requester, not an agent.
            answer = self._http.request("GET", f"agents/{user}", allow_statuses=(404,))
            found = parse(FSAgentEnvelope, answer.data, "agent") if answer.status == 200 else None
            self._authors[user] = (found.agent.email if found else None) or f"user {user}"
        return self._authors[user]

    def _post_message(self, number: int, action: str, body: dict[str, Any]) -> None:
        if not str(body.get("body", "")).strip():
            raise refused("refusing to post an empty message")
        answer = self._call("POST", f"tickets/{number}/{action}", json=body)
        if not isinstance(answer.data, dict) or "conversation" not in answer.data:
            raise refused(f"Freshservice {action} on ticket {number} answered without the post")


def api_key_auth(api_key: SecretStr) -> TokenAuth:
    """Basic auth with the API key as the user and ``X`` as the password Freshservice ignores.

    Reference: https://api.freshservice.com/#authentication.  Built as a token so the key stays
    masked in reprs (a basic-auth user name would be shown).
    """
    pair = base64.b64encode(f"{api_key.get_secret_value()}:X".encode()).decode("ascii")
    return TokenAuth(SecretStr(pair), scheme="Basic")


def _as_html(text: str) -> str:
    """Plain text as the HTML body Freshservice expects (escaped, line breaks kept)."""
    if not text.strip():
        return ""
    return "<div>" + html.escape(text.strip()).replace("\n", "<br>") + "</div>"


def _whole_seconds(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=0)
