"""Incident IQ over its REST API v1.0: the :class:`~connectors.helpdesk.base.HelpDesk` for it.

Incident IQ publishes no reference outside its customers' portals; every call below cites the
public mirror of its API reference, scopousiiq/iiq-docusaurus-docs
(https://scopousiiq.github.io/iiq-docusaurus-docs/, files ``docs/api/...`` and
``docs/guides/...`` of https://github.com/scopousiiq/iiq-docusaurus-docs).  Where it is silent
the conservative reading is taken, and said here:

* Every request carries ``Authorization: Bearer <token>``, ``SiteId``, ``Client: ApiClient``
  and ``ProductId`` (docs/guides/authentication.md).  The token acts with the rights of the
  user it was created for; that user's id (``api_user_id``) authors the worker's posts.
* Ticket ids are Incident IQ's ``TicketId`` GUIDs.  A plain ticket number (what technicians
  see) is accepted too and looked up by the ``ticketnumber`` facet in the configured category.
* Waiting tickets: search (``POST /tickets``) by the ``issuecategory`` facet and the
  ``ticketstate`` facet ``open``; paged by ``$p``/``$s`` (at most 100 a page).  Page numbers
  shift when tickets close while we page, so the whole listing is read before anything is
  yielded, and read again from the first page (a bounded number of times) when its
  ``TotalRows`` changed on the way.  ``updated_since`` is a ``modifieddate`` facet, which
  compares whole days in the site's time zone: one day earlier is asked for, and the exact
  moment is compared here.
* Status: Incident IQ's workflows are the district's own, so ``Ticket.status`` is normalised
  as RT's words: ``resolved`` when closed, ``open`` once work started or staff answered the
  requester in public, else ``new``.  ``resolve`` closes (``POST /tickets/{id}/close``).
* The mark is two tags (``needs_review_tag``, ``done_tag``) the district creates; both at once
  read as needs-review.
* Comments are HTML (``Comments`` of a type-6 activity): text we post is escaped and its line
  breaks become ``<br>``; descriptions and comments read back are ``text/html`` when they hold
  HTML elements, else ``text/plain``.
* Errors: the body ``{"StatusCode", "Message", "CorrelationId"}`` (docs/guides/error-handling.md)
  gives the request id; a 429's wait is ``Retry-After`` or the body's ``RetryAfter``; a 2xx
  envelope whose ``StatusCode`` is 400 or more is that error.  Incident IQ documents no
  remaining-quota header, so there is nothing to slow down on before a 429.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Literal, TypeVar

from ..checks import Check
from ..errors import AuthError, ConnectorError, PermanentError, RateLimited, TransientError
from ..http import HttpAnswer, HttpClient, Timeouts, TokenAuth, parse_retry_after
from ._incidentiq_models import (
    COMMENT_ACTIVITY_TYPE_ID,
    COMMENT_TYPE,
    SERVICE,
    IIQActivity,
    IIQCategory,
    IIQCreated,
    IIQItems,
    IIQPage,
    IIQSingle,
    IIQSource,
    IIQTag,
    IIQTicket,
    IIQUser,
    content_type_of,
    filter_date,
    is_guid,
    mark_from_tags,
    parse,
    refused,
)
from .base import Message, ReviewMark, Ticket, TicketRef
from .config import IncidentIQConfig

logger = logging.getLogger(__name__)

MAX_PAGES = 10_000  # bounds every paging loop: a million tickets at 100 a page
MAX_RESTARTS = 3  # listings read again from page 0 when the total changed while paging
RETRY_AFTER_CAP = 3600.0

T = TypeVar("T")


class IncidentIQHelpDesk:
    """Incident IQ through its REST API v1.0 (see the module docstring)."""

    def __init__(self, config: IncidentIQConfig, *, http: HttpClient | None = None) -> None:
        self._config = config
        seconds = config.timeout_seconds
        self._http = http or HttpClient(
            config.base_url.rstrip("/") + "/api/v1.0",
            auth=TokenAuth(config.token, scheme="Bearer"),
            timeouts=Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            headers=vendor_headers(config),
            service=SERVICE,
            error_mapper=map_error,
        )
        self._category_id: str | None = None
        self._tag_ids: dict[str, IIQTag] | None = None
        self._source_names: dict[str, str] | None = None

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the category's open tickets, lowest ticket number first, each once."""
        category = self._category()
        filters = self._category_filters(category)
        if updated_since is not None:
            if updated_since.tzinfo is None:
                updated_since = updated_since.replace(tzinfo=UTC)  # naive means UTC, as for RT
            earlier = filter_date(updated_since - timedelta(days=1))
            filters.append({"Facet": "modifieddate", "Value": f"date>={earlier}"})
        found: dict[str, IIQTicket] = {}
        total: int | None = None
        restarts, page_index = 0, 0
        for _ in range(MAX_PAGES):
            page = self._search(filters, page_index, self._config.page_size)
            for item in page.Items:
                ticket = parse(IIQTicket, item, "ticket search")
                if self._waiting(ticket, category, updated_since):
                    found.setdefault(ticket.TicketId, ticket)
            if total is not None and page.Paging.TotalRows != total and restarts < MAX_RESTARTS:
                restarts, page_index = restarts + 1, 0  # pages shifted under us: read again
            elif not page.Items or page_index >= page.Paging.PageCount - 1:
                break
            else:
                page_index += 1
            total = page.Paging.TotalRows
        else:
            raise refused(f"more than {MAX_PAGES} pages of waiting tickets")
        for ticket in sorted(found.values(), key=lambda t: t.number_key):
            mark = mark_from_tags(ticket.Tags, self._config.needs_review_tag, self._config.done_tag)
            yield TicketRef(id=ticket.TicketId, updated_at=ticket.ModifiedDate, mark=mark)

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket, its description (the first message) and its comments, oldest first."""
        ticket = self._ticket(self._ticket_guid(ticket_id))
        requester = ticket.For
        messages = self._messages(ticket)
        answered = any(m.public and not m.from_requester for m in messages)
        if ticket.closed:
            status = "resolved"
        elif answered or ticket.StartedDate is not None:
            status = "open"
        else:
            status = "new"
        body = ticket.IssueDescription or ""
        return Ticket(
            id=ticket.TicketId,
            subject=ticket.Subject or "",
            requester=requester.address if requester else "",
            requester_role=requester.Role.Name if requester and requester.Role else "",
            category=(ticket.Issue.IssueCategoryName or "") if ticket.Issue else "",
            content_type=content_type_of(body),
            body=body,
            created_at=ticket.CreatedDate,
            updated_at=ticket.ModifiedDate,
            status=status,
            messages=tuple(messages),
            watchers=self._followers(ticket.TicketId),
            channel=self._channel(ticket),
        )

    def reply(self, ticket_id: str, text: str) -> None:
        """A public comment: the requester sees it and Incident IQ mails it to them."""
        self._comment(ticket_id, text, public=True)

    def add_note(self, ticket_id: str, text: str) -> None:
        """An internal note (a comment with ``IsPublic`` false): technicians only."""
        self._comment(ticket_id, text, public=False)

    def resolve(self, ticket_id: str) -> None:
        """Close the ticket through its workflow (idempotent) and check that it is closed."""
        guid = self._ticket_guid(ticket_id)
        if self._ticket(guid).closed:
            return
        # Reference: docs/api/tickets/close-ticket.api.mdx (POST /api/v1.0/tickets/{ticketId}/close)
        self._http.request("POST", f"tickets/{guid}/close", json={})
        if not self._ticket(guid).closed:
            raise refused(f"Incident IQ ticket {guid} is not closed after closing it")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Add the mark's tag and remove the other one (only what differs), then read back."""
        guid = self._ticket_guid(ticket_id)
        wanted = {
            ReviewMark.NEEDS_REVIEW: self._config.needs_review_tag,
            ReviewMark.DONE: self._config.done_tag,
        }
        tags = {kind: self._tag(name) for kind, name in wanted.items()}
        present = {t.Name.casefold() for t in self._ticket(guid).Tags if not t.IsDeleted}
        for kind, name in wanted.items():
            tag = tags[kind]
            if kind is mark and name.casefold() not in present:
                # Reference: docs/api/tickets/add-ticket-tag.api.mdx
                # (POST /api/v1.0/tickets/{ticketId}/tags/{tagId})
                self._http.request("POST", f"tickets/{guid}/tags/{tag.TagId}")
            elif kind is not mark and name.casefold() in present:
                # Reference: docs/api/tickets/remove-ticket-tag.api.mdx
                # (DELETE /api/v1.0/tickets/{ticketId}/tags/{tagId})
                self._http.request("DELETE", f"tickets/{guid}/tags/{tag.TagId}")
        if self.get_mark(guid) is not mark:
            raise refused(f"Incident IQ did not keep the {mark.value or 'cleared'} mark on {guid}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """The mark the ticket's tags say (``ReviewMark.NONE`` without either tag)."""
        ticket = self._ticket(self._ticket_guid(ticket_id))
        return mark_from_tags(ticket.Tags, self._config.needs_review_tag, self._config.done_tag)

    # ------------------------------------------------------------------ beyond the Protocol
    def wait_on_requester(self, ticket_id: str) -> None:
        """Put the ticket in the workflow's waiting-on-requestor state (it stays listed)."""
        guid = self._ticket_guid(ticket_id)
        # Reference: docs/api/tickets/set-ticket-waiting-on-requestor.api.mdx
        # (POST /api/v1.0/tickets/{ticketId}/status/waiting-on-requestor)
        self._http.request("POST", f"tickets/{guid}/status/waiting-on-requestor", json={})

    def self_check(self) -> list[Check]:
        """Credentials and site, the API user, the category, the two tags, the rights to work."""
        env = "TICKETWORKER_HELPDESK__"
        user, check = _probe(
            "help-desk credentials and API user",
            self._user,
            lambda _user: f"API user {self._config.api_user_id} found",
            fix_auth=f"set {env}TOKEN to a token from Admin > Developer Tools and {env}SITE_ID "
            "to the Site Id shown there",
            fix_other=f"set {env}API_USER_ID to the UserId of the account the token was made for",
        )
        checks = [check]
        if user is None:
            return checks  # nothing else can be tried without credentials
        category, check = _probe(
            f"help-desk issue category {self._config.category!r}",
            self._category,
            lambda c: f"issue category id {c}",
            fix_auth="give the API user's role the right to view ticketing settings",
            fix_other=f"set {env}CATEGORY to an issue category's exact name",
        )
        checks.append(check)
        for setting, name in (
            ("NEEDS_REVIEW_TAG", self._config.needs_review_tag),
            ("DONE_TAG", self._config.done_tag),
        ):
            _, check = _probe(
                f"help-desk mark tag {name!r}",
                partial(self._tag, name),
                lambda t: f"tag id {t.TagId}",
                fix_auth="give the API user's role the right to view tags",
                fix_other=f"create the tag {name!r} in Incident IQ (Admin > Tags) or set "
                f"{env}{setting}",
            )
            checks.append(check)
        if category is not None:
            checks.append(self._rights_check(category))
        return checks

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _search(self, filters: list[dict[str, Any]], page_index: int, size: int) -> IIQPage:
        params = {"$p": page_index, "$s": size, "$o": "TicketNumberSort asc"}
        body = {
            "ProductId": self._config.product_id,
            "FilterByProduct": True,
            "ShowChildTickets": False,
            "Filters": filters,
        }
        # Reference: docs/api/tickets/search-tickets.api.mdx (POST /api/v1.0/tickets, $p/$s/$o)
        # and docs/guides/filtering.md (facets); a search changes nothing, so it may be resent.
        answer = self._http.request("POST", "tickets", params=params, json=body, read_only=True)
        return parse(IIQPage, answer.data, "ticket search")

    def _ticket(self, guid: str) -> IIQTicket:
        # Reference: docs/api/tickets/get-ticket.api.mdx (GET /api/v1.0/tickets/{ticketId})
        single = parse(IIQSingle, self._http.get(f"tickets/{guid}"), "ticket")
        ticket = parse(IIQTicket, single.Item, "ticket")
        if ticket.IsDeleted:
            raise refused(f"Incident IQ ticket {guid} is deleted")
        return ticket

    def _messages(self, ticket: IIQTicket) -> list[Message]:
        messages: list[Message] = []
        requester_id = (ticket.ForId or (ticket.For.UserId if ticket.For else "")).lower()
        requester = ticket.For.address if ticket.For else ""
        for item in self._collect(f"tickets/{ticket.TicketId}/activities", "activities"):
            activity = parse(IIQActivity, item, "activity")
            if activity.IsDeleted:
                continue
            comments = [part for part in activity.ActivityItems if part.is_comment]
            for index, part in enumerate(comments):
                text = part.Comments or ""
                owner = (activity.OwnerId or "").lower()
                mine = bool(owner) and owner == requester_id
                author = requester if mine else (activity.Owner.address if activity.Owner else "")
                messages.append(
                    Message(
                        id=activity.TicketActivityId + (f":{index}" if index else ""),
                        author=author or owner,
                        created_at=activity.CreatedDate,
                        content_type=content_type_of(text),
                        body=text,
                        public=part.IsPublic if part.IsPublic is not None else activity.IsPublic,
                        from_requester=mine,
                    )
                )
        return sorted(messages, key=lambda m: m.created_at)  # stable: same-time order kept

    def _channel(self, ticket: IIQTicket) -> Literal["email", ""]:
        """ "email" unless Incident IQ names the ticket's source and the name is not e-mail.

        Anyone can write an e-mail's From line, and Incident IQ keeps no mail headers to check
        it by; a source it does not name is not trusted either.
        """
        if self._source_names is None:
            # Reference: docs/api/tickets/get-ticket-sources.api.mdx (GET /api/v1.0/tickets/sources)
            items = parse(IIQItems, self._http.get("tickets/sources"), "ticket sources").Items
            sources = [parse(IIQSource, item, "ticket source") for item in items]
            self._source_names = {s.SourceId.lower(): s.Name for s in sources}
        name = self._source_names.get((ticket.SourceId or "").lower())
        if name is None or "mail" in name.casefold():
            return "email"
        return ""

    def _followers(self, guid: str) -> tuple[str, ...]:
        # Reference: docs/api/tickets/get-ticket-followers.api.mdx
        # (GET /api/v1.0/tickets/{ticketId}/followers)
        items = parse(IIQItems, self._http.get(f"tickets/{guid}/followers"), "followers").Items
        users = [parse(IIQUser, item, "follower") for item in items]
        return tuple(user.address for user in users if not user.IsDeleted)

    def _collect(self, path: str, what: str) -> Iterator[dict[str, Any]]:
        """Every item of a paged list answer (``$p``/``$s`` and ``Paging.PageCount``)."""
        for page_index in range(MAX_PAGES):
            # Reference: docs/guides/pagination.md ($p zero-based page index, $s page size)
            data = self._http.get(path, params={"$p": page_index, "$s": 100})
            page = parse(IIQPage, data, what)
            yield from page.Items
            if not page.Items or page_index >= page.Paging.PageCount - 1:
                return
        raise refused(f"more than {MAX_PAGES} pages of {what}")

    def _comment(self, ticket_id: str, text: str, *, public: bool) -> None:
        if not text.strip():
            raise refused("refusing to post an empty message")
        guid = self._ticket_guid(ticket_id)
        comments = html.escape(text.strip("\n"), quote=False).replace("\n", "<br>\n")
        body = {
            "TicketId": guid,
            "OwnerId": self._config.api_user_id,
            "IsPublic": public,
            "ActivityItems": [
                {
                    "$type": COMMENT_TYPE,
                    "TicketActivityTypeId": COMMENT_ACTIVITY_TYPE_ID,
                    "ByUserId": self._config.api_user_id,
                    "Comments": comments,
                    "IsPublic": public,
                }
            ],
        }
        # Reference: docs/api/tickets/create-ticket-activity.api.mdx
        # (POST /api/v1.0/tickets/{ticketId}/activities/new; IsPublic: reply vs internal note)
        answer = self._http.request("POST", f"tickets/{guid}/activities/new", json=body)
        if not parse(IIQCreated, answer.data, "new activity").Uid:
            raise refused(f"Incident IQ did not say it recorded the comment on {guid}")

    def _ticket_guid(self, ticket_id: str) -> str:
        """The TicketId GUID for a GUID or a plain ticket number; PermanentError otherwise."""
        if is_guid(ticket_id):
            return ticket_id.lower()
        if not ticket_id.isascii() or not ticket_id.isdigit():
            raise refused(f"not an Incident IQ ticket id or number: {ticket_id!r}")
        filters = self._category_filters(self._category(), open_only=False)
        filters.append({"Facet": "ticketnumber", "Value": ticket_id})
        page = self._search(filters, 0, 2)
        wanted = int(ticket_id)
        for item in page.Items:
            ticket = parse(IIQTicket, item, "ticket search")
            number = ticket.TicketNumber or ""
            if number.isdigit() and int(number) == wanted:
                return ticket.TicketId.lower()
        raise refused(f"no Incident IQ ticket number {ticket_id} in {self._config.category!r}")

    def _category(self) -> str:
        """The configured issue category's id (looked up once; a misspelt name would
        otherwise list nothing, silently, forever)."""
        if self._category_id is None:
            # Reference: docs/api/categories/list-issue-categories.api.mdx
            # (GET /api/v1.0/categories/of/issues)
            data = self._http.get("categories/of/issues")
            items = parse(IIQItems, data, "issue categories").Items
            wanted = self._config.category.casefold()
            for item in items:
                category = parse(IIQCategory, item, "issue category")
                if category.Name.casefold() == wanted:
                    self._category_id = category.CategoryId.lower()
                    break
            else:
                raise refused(f"Incident IQ has no issue category {self._config.category!r}")
        return self._category_id

    def _category_filters(self, category: str, *, open_only: bool = True) -> list[dict[str, Any]]:
        # Reference: docs/guides/filtering.md (issuecategory by Id, ticketstate by Value)
        filters: list[dict[str, Any]] = [{"Facet": "issuecategory", "Id": category}]
        if open_only:
            filters.append({"Facet": "ticketstate", "Value": "open"})
        return filters

    def _waiting(self, ticket: IIQTicket, category: str, since: datetime | None) -> bool:
        # The search already filtered; checked again because a wrong ticket must never pass.
        if ticket.closed or ticket.IsDeleted or ticket.category_id.lower() != category:
            return False
        return since is None or ticket.ModifiedDate is None or ticket.ModifiedDate >= since

    def _tags(self) -> dict[str, IIQTag]:
        """The site's tags by folded name (read once, again after a missing one was asked)."""
        if self._tag_ids is None:
            tags: dict[str, IIQTag] = {}
            # Reference: docs/api/tags/get-tags-by-query.api.mdx (GET /api/v1.0/tags/query)
            for item in self._collect("tags/query", "tags"):
                tag = parse(IIQTag, item, "tag")
                if not tag.IsDeleted:
                    tags.setdefault(tag.Name.casefold(), tag)
            self._tag_ids = tags
        return self._tag_ids

    def _tag(self, name: str) -> IIQTag:
        tag = self._tags().get(name.casefold())
        if tag is None:
            self._tag_ids = None  # read again next time: an admin may be creating it now
            raise refused(f"Incident IQ has no tag {name!r} for the worker's mark")
        return tag

    def _user(self) -> IIQUser:
        guid = self._config.api_user_id
        # Reference: docs/api/users/get-user-by-id.api.mdx (GET /api/v1.0/users/{UserId})
        user = parse(
            IIQUser, parse(IIQSingle, self._http.get(f"users/{guid}"), "user").Item, "user"
        )
        if user.IsDeleted:
            raise refused(f"Incident IQ user {guid} is deleted")
        return user

    def _rights_check(self, category: str) -> Check:
        name = "help-desk rights: search, work and resolve tickets in the category"
        try:
            page = self._search(self._category_filters(category), 0, 1)
        except ConnectorError as exc:
            fix = _fix_for(exc, "give the API user's role the right to view the category's tickets")
            return Check(name, False, str(exc), fix)
        if not page.Items:
            return Check(name, True, "search works; no waiting ticket to read the rights from")
        rights = parse(IIQTicket, page.Items[0], "ticket search").UserPermissions
        if rights is None:
            return Check(name, True, f"search works ({page.Paging.TotalRows} waiting)")
        missing = [
            r for r, ok in (("work", rights.CanWork), ("resolve", rights.CanResolve)) if not ok
        ]
        if missing:
            return Check(
                name,
                False,
                f"the API user may not {' or '.join(missing)} tickets of the category",
                "give the API user an agent role that may work and resolve these tickets",
            )
        return Check(name, True, f"{page.Paging.TotalRows} waiting; may work and resolve")


def _probe(
    name: str,
    probe: Callable[[], T],
    detail: Callable[[T], str],
    *,
    fix_auth: str,
    fix_other: str,
) -> tuple[T | None, Check]:
    """Run ``probe``: its result and a passed Check, or None and the failed Check with the fix."""
    try:
        found = probe()
    except ConnectorError as exc:
        return None, Check(name, False, str(exc), _fix_for(exc, fix_other, fix_auth))
    return found, Check(name, True, detail(found))


def _fix_for(exc: ConnectorError, fix_other: str, fix_auth: str | None = None) -> str:
    if isinstance(exc, AuthError):
        return fix_auth or fix_other
    if isinstance(exc, TransientError):
        return "check TICKETWORKER_HELPDESK__BASE_URL and that Incident IQ is reachable, then retry"
    return fix_other


def vendor_headers(config: IncidentIQConfig) -> dict[str, str]:
    """The headers Incident IQ wants on every request besides the bearer token."""
    # Reference: docs/guides/authentication.md ("Required Headers")
    return {"SiteId": config.site_id, "Client": "ApiClient", "ProductId": config.product_id}


def map_error(answer: HttpAnswer) -> ConnectorError | None:
    """Incident IQ's oddities: the request id and a 429's wait in the body, errors in 2xx bodies.

    Reference: docs/guides/error-handling.md ("Error Response Format", "Rate Limiting").
    """
    data = answer.json()
    envelope: Mapping[str, Any] = data if isinstance(data, dict) else {}
    request_id = next(
        (str(envelope[k]) for k in ("CorrelationId", "OperationId") if envelope.get(k)), None
    )
    status = answer.status
    if 200 <= status < 300:
        code = envelope.get("StatusCode")
        if not isinstance(code, int) or isinstance(code, bool) or code < 400:
            return None
        status = code  # a 2xx carrying an error: the envelope's code is the answer
    elif request_id is None and not (status == 429 and "RetryAfter" in envelope):
        return None  # nothing beyond what the funnel reads itself
    what = f"{answer.method} {answer.path}: HTTP {status}"
    facts: dict[str, Any] = {"service": SERVICE, "status": status, "request_id": request_id}
    if status == 429:
        wait = parse_retry_after(answer.headers.get("Retry-After"), RETRY_AFTER_CAP)
        body_wait = envelope.get("RetryAfter")
        if wait is None and isinstance(body_wait, int | float) and not isinstance(body_wait, bool):
            wait = min(max(float(body_wait), 0.0), RETRY_AFTER_CAP)
        return RateLimited(f"{what} rate limited", retry_after=wait, **facts)
    if status >= 500 or status == 408:
        return TransientError(what, **facts)
    if status in (401, 403):
        return AuthError(f"{what} (credentials refused or lacking a right)", **facts)
    return PermanentError(what, **facts)
