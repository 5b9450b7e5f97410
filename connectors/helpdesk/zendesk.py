"""Zendesk Support over its REST API v2: the :class:`~connectors.helpdesk.base.HelpDesk`.

Vendor reference: https://developer.zendesk.com/api-reference/ (Support API).  What the code
below relies on, and why:

* Waiting tickets come from the Export Search Results endpoint (cursor paging, up to 1000 a
  page, no 1000-result ceiling as ``/search.json`` has).  Its results have no documented
  order, so the listing is gathered whole (bounded by ``MAX_PAGES``) and yielded oldest
  (lowest id) first; resolving tickets while the caller works through it cannot shift a page.
  New tickets can take a minute or two to reach the search index: a poll simply sees them
  on a later round.
* Replies, notes, tags and status go through one Update Ticket call each; tags are changed with
  ``additional_tags``/``remove_tags`` so other tags on the ticket are never rewritten.
* The needs-review mark is a pair of tags (``<prefix>needs_review``, ``<prefix>done``).
* Zendesk statuses new / open, pending, hold / solved, closed are reported as "new", "open" and
  "resolved", the words the pipeline uses for every help-desk.
* Zendesk's API does not hand out the headers of an e-mailed ticket, so e-mailed tickets
  (and Help Center requests, unless the Help Center requires sign-in) are reported with
  ``channel`` "email" and no headers: the worker then leaves them to a technician.
* Every answer carries ``X-Rate-Limit-Remaining``; when it runs low the connector spreads its
  next calls over the time left in the window (``ratelimit-reset``) instead of hitting 429.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..checks import Check
from ..errors import AuthError, ConnectorError, PermanentError, RateLimited, TransientError
from ..http import (
    BasicAuth,
    HttpAnswer,
    HttpClient,
    RetryPolicy,
    Timeouts,
    TokenAuth,
    parse_retry_after,
)
from ._answers import VendorAnswers
from .base import ContentType, Message, ReviewMark, Ticket, TicketRef
from .config import ZendeskConfig

logger = logging.getLogger(__name__)

SERVICE = "Zendesk"

_ANSWERS = VendorAnswers(SERVICE, short="Zendesk", id_noun="a Zendesk ticket id")
refused = _ANSWERS.refused
parse = _ANSWERS.parse
ticket_number = _ANSWERS.number
MAX_PAGES = 1_000  # bounds every paging loop: a million tickets at 1000 a page
COMMENT_PAGE_SIZE = 100  # the comments endpoint's cursor-paging cap
MAX_PACE_SECONDS = 10.0  # longest pause taken to stay under the rate limit
#: Zendesk's statuses in the words the pipeline uses.
STATUS_WORDS = {
    "new": "new",
    "open": "open",
    "pending": "open",
    "hold": "open",
    "solved": "resolved",
    "closed": "resolved",
}
#: Tags Zendesk itself puts in the HTML it renders from a plain-text comment.
PLAIN_RENDERING_TAGS = frozenset({"div", "p", "br", "span", "a"})


# ---------------------------------------------------------------------- vendor shapes
class _ZModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ZUser(_ZModel):
    id: int
    email: str | None = None
    name: str = ""
    role: str = ""


class ZGroup(_ZModel):
    id: int
    name: str
    deleted: bool = False


class ZCustomFieldValue(_ZModel):
    id: int
    value: Any = None


class ZVia(_ZModel):
    channel: str = ""


class ZTicket(_ZModel):
    id: int
    subject: str | None = ""
    status: str
    requester_id: int | None = None
    submitter_id: int | None = None
    group_id: int | None = None
    assignee_id: int | None = None
    tags: list[str] = []
    custom_fields: list[ZCustomFieldValue] = []
    collaborator_ids: list[int] = []
    follower_ids: list[int] = []
    email_cc_ids: list[int] = []
    created_at: datetime | None = None
    updated_at: datetime | None = None
    via: ZVia | None = None


class ZComment(_ZModel):
    id: int
    author_id: int
    body: str = ""
    html_body: str = ""
    plain_body: str = ""
    public: bool = True
    created_at: datetime
    via: ZVia | None = None


class ZMeta(_ZModel):
    has_more: bool = False
    after_cursor: str | None = None


class ZLinks(_ZModel):
    next: str | None = None


class ZTicketAnswer(_ZModel):
    ticket: ZTicket
    users: list[ZUser] = []
    groups: list[ZGroup] = []


class ZSearchPage(_ZModel):
    results: list[dict[str, Any]]
    meta: ZMeta = ZMeta()
    links: ZLinks = ZLinks()


class ZCommentPage(_ZModel):
    comments: list[ZComment]
    users: list[ZUser] = []
    meta: ZMeta = ZMeta()
    links: ZLinks = ZLinks()


class ZGroupPage(_ZModel):
    groups: list[ZGroup]
    meta: ZMeta = ZMeta()
    links: ZLinks = ZLinks()


class ZSelf(_ZModel):
    user: ZUser | dict[str, Any]


# ---------------------------------------------------------------------- pure helpers


def search_quote(value: str) -> str:
    """A value for Zendesk's search syntax: double-quoted, inner quotes dropped."""
    return '"' + value.replace('"', "").replace("\\", "") + '"'


def search_time(moment: datetime) -> str:
    """An ISO-8601 UTC time in whole seconds, as the search syntax takes it."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def is_rich_html(html: str) -> bool:
    """True when a comment's HTML has formatting beyond Zendesk's rendering of plain text."""
    tags = {t.lower() for t in re.findall(r"<\s*([A-Za-z][A-Za-z0-9]*)", html)}
    return bool(tags - PLAIN_RENDERING_TAGS)


def comment_text(comment: ZComment) -> tuple[str, ContentType]:
    """The comment as the requester wrote it: HTML when it carries formatting, else text."""
    if comment.html_body and is_rich_html(comment.html_body):
        return comment.html_body, "text/html"
    return comment.plain_body or comment.body, "text/plain"


def error_code(body: Any) -> str:
    """Zendesk's error identifier (``RecordNotFound``, ``RecordInvalid``...) when it sent one.

    Only a short identifier is kept: ``description`` and ``details`` may echo what we sent.
    """
    if not isinstance(body, dict):
        return ""
    code = body.get("error")
    if isinstance(code, dict):  # {"error": {"title": ..., "message": ...}}
        code = code.get("title")
    if isinstance(code, str) and re.fullmatch(r"[A-Za-z][A-Za-z_ ]{0,40}", code):
        return code
    return ""


class _RatePacer:
    """Reads Zendesk's rate-limit headers off every answer and spreads calls when they run low."""

    def __init__(self, floor: int, sleep: Callable[[float], None]) -> None:
        self._floor = floor
        self._sleep = sleep
        self.remaining: int | None = None
        self.reset_seconds: float | None = None

    def observe(self, headers: Mapping[str, str]) -> None:
        # https://developer.zendesk.com/api-reference/introduction/rate-limits/
        remaining = headers.get("X-Rate-Limit-Remaining") or headers.get("ratelimit-remaining")
        reset = headers.get("ratelimit-reset")
        if remaining is not None and remaining.strip().isdigit():
            self.remaining = int(remaining)
        if reset is not None and reset.strip().isdigit():
            self.reset_seconds = float(reset)

    def before_call(self) -> None:
        if self.remaining is None or self.remaining >= self._floor:
            return
        window = self.reset_seconds if self.reset_seconds is not None else 60.0
        pause = min(MAX_PACE_SECONDS, window / (self.remaining + 1))
        logger.info(
            "Zendesk rate limit nearly spent (%d left); pausing %.1f s", self.remaining, pause
        )
        self._sleep(pause)


def _error_mapper(pacer: _RatePacer) -> Callable[[HttpAnswer], ConnectorError | None]:
    def mapper(answer: HttpAnswer) -> ConnectorError | None:
        pacer.observe(answer.headers)
        status = answer.status
        if status < 400:
            return None
        what = f"{answer.method} {answer.path}"
        code = error_code(answer.json())
        named = f" {code}" if code else ""
        # https://developer.zendesk.com/api-reference/introduction/rate-limits/ : a 503 with
        # Retry-After is Zendesk asking to come back later, as a 429 is.
        if status == 503 and answer.headers.get("Retry-After"):
            wait = parse_retry_after(answer.headers.get("Retry-After"), 3600.0)
            return RateLimited(f"{what}: HTTP 503 (come back later)", retry_after=wait, status=503)
        # https://developer.zendesk.com/api-reference/introduction/requests/ ("409 Conflict":
        # two updates of one ticket at once; repeating the update succeeds).
        if status == 409:
            return TransientError(f"{what}: HTTP 409{named} (concurrent update)")
        if status in (401, 403):
            return AuthError(
                f"{what}: HTTP {status}{named} (credentials refused or lacking a right)"
            )
        if 400 <= status < 500 and status not in (408, 429):
            return PermanentError(f"{what}: HTTP {status}{named}")
        return None

    return mapper


def _auth(config: ZendeskConfig) -> TokenAuth | BasicAuth:
    # https://developer.zendesk.com/api-reference/introduction/security-and-auth/
    if config.oauth_token is not None:
        return TokenAuth(config.oauth_token, scheme="Bearer")
    if config.email and config.api_token is not None:
        return BasicAuth(f"{config.email}/token", config.api_token)
    raise ValueError(
        "Zendesk needs TICKETWORKER_HELPDESK__EMAIL and TICKETWORKER_HELPDESK__API_TOKEN, "
        "or TICKETWORKER_HELPDESK__OAUTH_TOKEN"
    )


class ZendeskHelpDesk:
    """Zendesk Support through its REST API v2, with an API token or OAuth."""

    def __init__(
        self,
        config: ZendeskConfig,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._config = config
        seconds = config.timeout_seconds
        self._pacer = _RatePacer(config.min_rate_remaining, sleep)
        self._http = HttpClient(
            config.base_url.rstrip("/") + "/api/v2",
            auth=_auth(config),
            timeouts=timeouts or Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            retry=retry,
            sleep=sleep,
            service=SERVICE,
            error_mapper=_error_mapper(self._pacer),
        )
        self._group_id: int | None = None
        self._me: int | None = None
        self._tags = {
            ReviewMark.NEEDS_REVIEW: f"{config.mark_tag_prefix}needs_review",
            ReviewMark.DONE: f"{config.mark_tag_prefix}done",
        }

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the group's unsolved tickets, lowest id first, each once (see module doc)."""
        group_id = self._group()
        query = f"type:ticket group:{group_id} status<solved"
        if self._config.category_field_id is not None and self._config.category_value:
            field_id, value = self._config.category_field_id, self._config.category_value
            query += f" custom_field_{field_id}:{search_quote(value)}"
        if updated_since is not None:
            # The syntax has ">" only, in whole seconds: one second earlier means ">=".
            query += f" updated>{search_time(updated_since - timedelta(seconds=1))}"
        params: Mapping[str, Any] | None = {
            "query": query,
            "filter[type]": "ticket",
            "page[size]": self._config.page_size,
        }
        url = "search/export.json"
        found: dict[int, ZTicket] = {}
        for _ in range(MAX_PAGES):
            # https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#export-search-results
            page = parse(ZSearchPage, self._get(url, params), "ticket search")
            for item in page.results:
                ticket = parse(ZTicket, item, "ticket search result")
                if ticket.group_id == group_id and ticket.status in (
                    "new",
                    "open",
                    "pending",
                    "hold",
                ):
                    found[ticket.id] = ticket
            if not page.meta.has_more or not page.links.next:
                break
            url, params = page.links.next, None  # links.next carries the whole query
        else:
            raise refused(f"more than {MAX_PAGES} pages of waiting tickets")
        for number in sorted(found):
            ticket = found[number]
            yield TicketRef(
                id=str(number), updated_at=ticket.updated_at, mark=self._mark_of(ticket)
            )

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket, its first comment as the body and the later comments as messages."""
        answer = self._ticket(ticket_number(ticket_id), include="users,groups")
        ticket = answer.ticket
        users = {user.id: user for user in answer.users}
        comments = list(self._comments(ticket.id, users))
        first = comments[0] if comments else None
        body, content_type = comment_text(first) if first else ("", "text/plain")
        channel = self._origin(ticket, first, users)
        messages = [
            Message(
                id=str(comment.id),
                author=_address(users.get(comment.author_id), comment.author_id),
                created_at=comment.created_at,
                content_type=kind,
                body=text,
                public=comment.public,
                from_requester=comment.author_id == ticket.requester_id,
            )
            for comment in comments[1:]
            for text, kind in [comment_text(comment)]
        ]
        watcher_ids = dict.fromkeys(
            [*ticket.email_cc_ids, *ticket.collaborator_ids, *ticket.follower_ids]
        )
        watcher_ids.pop(ticket.requester_id or 0, None)
        group = next((g.name for g in answer.groups if g.id == ticket.group_id), "")
        requester = users.get(ticket.requester_id or 0)
        return Ticket(
            id=str(ticket.id),
            subject=ticket.subject or "",
            requester=(requester.email or "") if requester else "",
            category=group,
            content_type=content_type,
            body=body,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            status=STATUS_WORDS.get(ticket.status, ticket.status),
            messages=tuple(messages),
            watchers=tuple(
                users[i].email or "" for i in watcher_ids if i in users and users[i].email
            ),
            channel=channel,
        )

    def _origin(
        self, ticket: ZTicket, first: ZComment | None, users: Mapping[int, ZUser]
    ) -> Literal["email", ""]:
        """ "email" when nothing but a typed or mailed address says who filed the ticket.

        An agent who files a ticket for a teacher vouches for the requester; the Help Center's
        form proves who it was only when it takes requests from signed-in users alone.
        """
        via = (first.via if first is not None else None) or ticket.via
        if via is not None and via.channel == "email":
            return "email"
        submitter = users.get(ticket.submitter_id or 0)
        if submitter is not None and submitter.role in ("agent", "admin"):
            return ""
        return "" if self._config.help_center_sign_in_required else "email"

    def requester_role(self, ticket_id: str) -> str:
        """The requester's Zendesk role: "end-user", "agent" or "admin"."""
        answer = self._ticket(ticket_number(ticket_id), include="users")
        user = next((u for u in answer.users if u.id == answer.ticket.requester_id), None)
        return user.role if user else ""

    def reply(self, ticket_id: str, text: str) -> None:
        """A public comment: Zendesk shows it to the requester and mails it to them and CCs."""
        self._comment(ticket_id, text, public=True)

    def add_note(self, ticket_id: str, text: str) -> None:
        """A private comment: visible to agents only, never mailed to the requester."""
        self._comment(ticket_id, text, public=False)

    def resolve(self, ticket_id: str) -> None:
        """Set the status to solved (idempotent) and check that it is.

        Zendesk solves only assigned tickets: an unassigned one is assigned to the API user.
        """
        number = ticket_number(ticket_id)
        current = self._ticket(number).ticket
        if STATUS_WORDS.get(current.status) == "resolved":
            return
        change: dict[str, Any] = {"status": "solved"}
        if current.assignee_id is None:
            change["assignee_id"] = self._own_id()
        ticket = self._update(number, change)
        if STATUS_WORDS.get(ticket.status) != "resolved":
            raise refused(f"Zendesk ticket {number} is {ticket.status!r} after solving")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Add the mark's tag and remove the other's in one update, then check the result."""
        number = ticket_number(ticket_id)
        wanted = [self._tags[mark]] if mark in self._tags else []
        unwanted = [tag for tag in self._tags.values() if tag not in wanted]
        change: dict[str, Any] = {"remove_tags": unwanted}
        if wanted:
            change["additional_tags"] = wanted
        ticket = self._update(number, change)
        if self._mark_of(ticket) != mark:
            raise refused(f"Zendesk did not keep the mark tags on ticket {number}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """The mark read from the ticket's tags (``ReviewMark.NONE`` when neither is set)."""
        return self._mark_of(self._ticket(ticket_number(ticket_id)).ticket)

    # ------------------------------------------------------------------ ticketworker check
    def self_check(self) -> list[Check]:
        """Credentials and role, the group, the category field: nothing is changed."""
        checks: list[Check] = []
        try:
            # https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
            me = parse(ZSelf, self._get("users/me.json"), "the API user")
        except ConnectorError as exc:
            fix = (
                "check TICKETWORKER_HELPDESK__EMAIL and __API_TOKEN (or __OAUTH_TOKEN)"
                if isinstance(exc, AuthError)
                else f"check TICKETWORKER_HELPDESK__BASE_URL ({self._config.base_url})"
            )
            return [Check("Zendesk credentials", False, str(exc), fix)]
        user = me.user if isinstance(me.user, ZUser) else None
        if user is None or user.role not in ("agent", "admin"):
            role = user.role if user else "anonymous"
            return [
                Check(
                    "Zendesk credentials",
                    False,
                    f"the API user is {role!r}, not an agent",
                    "use an agent's API token (the worker replies and adds private notes)",
                )
            ]
        checks.append(Check("Zendesk credentials", True, f"{user.role} (user id {user.id})"))
        try:
            group_id = self._group()
            checks.append(Check("Zendesk group", True, f"{self._config.group!r} (id {group_id})"))
        except ConnectorError as exc:
            checks.append(
                Check(
                    "Zendesk group",
                    False,
                    str(exc),
                    "set TICKETWORKER_HELPDESK__GROUP to a group the API user belongs to",
                )
            )
        if self._config.category_field_id is not None:
            checks.append(self._check_category_field(self._config.category_field_id))
        tags = ", ".join(self._tags.values())
        checks.append(Check("Zendesk mark tags", True, f"tags {tags} (tags need no set-up)"))
        return checks

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _get(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        self._pacer.before_call()
        return self._http.get(url, params=params)

    def _ticket(self, number: int, include: str = "") -> ZTicketAnswer:
        params = {"include": include} if include else None
        # https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
        # (sideloads: https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#sideloads)
        return parse(ZTicketAnswer, self._get(f"tickets/{number}.json", params), "ticket")

    def _comments(self, number: int, users: dict[int, ZUser]) -> Iterator[ZComment]:
        url = f"tickets/{number}/comments.json"
        params: Mapping[str, Any] | None = {
            "include": "users",
            "page[size]": COMMENT_PAGE_SIZE,
            "sort_order": "asc",
        }
        for _ in range(MAX_PAGES):
            # https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
            page = parse(ZCommentPage, self._get(url, params), "ticket comments")
            users.update({user.id: user for user in page.users})
            yield from page.comments
            if not page.meta.has_more or not page.links.next:
                return
            url, params = page.links.next, None
        raise refused(f"more than {MAX_PAGES} pages of comments on ticket {number}")

    def _update(self, number: int, change: Mapping[str, Any]) -> ZTicket:
        self._pacer.before_call()
        # https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
        # (comment, status, additional_tags and remove_tags in one update)
        answer = self._http.request("PUT", f"tickets/{number}.json", json={"ticket": change})
        return parse(ZTicketAnswer, answer.data, f"update of ticket {number}").ticket

    def _comment(self, ticket_id: str, text: str, *, public: bool) -> None:
        number = ticket_number(ticket_id)
        if not text.strip():
            raise refused("refusing to post an empty comment")
        self._update(number, {"comment": {"body": text, "public": public}})

    def _own_id(self) -> int:
        if self._me is None:
            # https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
            me = parse(ZSelf, self._get("users/me.json"), "the API user")
            if not isinstance(me.user, ZUser):
                raise refused("the Zendesk API user is anonymous: check the credentials")
            self._me = me.user.id
        return self._me

    def _group(self) -> int:
        """The configured group's id, looked up once (a misspelt name would list nothing)."""
        if self._group_id is not None:
            return self._group_id
        url = "groups.json"
        params: Mapping[str, Any] | None = {"page[size]": 100}
        for _ in range(MAX_PAGES):
            # https://developer.zendesk.com/api-reference/ticketing/groups/groups/#list-groups
            page = parse(ZGroupPage, self._get(url, params), "groups")
            for group in page.groups:
                if group.name == self._config.group and not group.deleted:
                    self._group_id = group.id
                    return group.id
            if not page.meta.has_more or not page.links.next:
                break
            url, params = page.links.next, None
        raise refused(f"no Zendesk group named {self._config.group!r} is visible to the API user")

    def _check_category_field(self, field_id: int) -> Check:
        name = "Zendesk category field"
        try:
            # https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/#show-ticket-field
            data = self._get(f"ticket_fields/{field_id}.json")
        except ConnectorError as exc:
            return Check(name, False, str(exc), "set TICKETWORKER_HELPDESK__CATEGORY_FIELD_ID")
        field = data.get("ticket_field") if isinstance(data, dict) else None
        options = field.get("custom_field_options") if isinstance(field, dict) else None
        values = {o.get("value") for o in options or [] if isinstance(o, dict)}
        if self._config.category_value not in values:
            return Check(
                name,
                False,
                f"field {field_id} has no option {self._config.category_value!r}",
                "set TICKETWORKER_HELPDESK__CATEGORY_VALUE to the option's tag",
            )
        return Check(name, True, f"field {field_id}, option {self._config.category_value!r}")

    def _mark_of(self, ticket: ZTicket) -> ReviewMark:
        tags = set(ticket.tags)
        for mark in (ReviewMark.NEEDS_REVIEW, ReviewMark.DONE):
            if self._tags[mark] in tags:
                return mark
        return ReviewMark.NONE


def _address(user: ZUser | None, user_id: int) -> str:
    if user is None:
        return f"user {user_id}"
    return user.email or user.name or f"user {user_id}"
