"""Zendesk Support's REST API v2, played on 127.0.0.1 as its reference documents it.

Reference: https://developer.zendesk.com/api-reference/ (Support API).  What is played:

- auth: ``{email}/token:{api_token}`` basic auth or an OAuth bearer token; wrong or missing
  credentials answer 401 ``{"error": "Couldn't authenticate you"}``; an end-user's credentials
  get 403 ``{"error": "Forbidden", ...}`` on agent endpoints;
- every answer carries ``X-Rate-Limit``, ``X-Rate-Limit-Remaining``, ``ratelimit-reset`` and
  ``X-Request-Id``; a test may set ``rate_limit`` (requests per window) to get 429s with
  ``Retry-After`` once it is spent;
- Export Search Results with cursor paging (``page[size]`` up to 1000, ``meta.has_more``,
  ``meta.after_cursor``, ``links.next``), its results in no particular order (newest first
  here, so a client that assumes ascending order is caught);
- Show Ticket with ``include=users,groups`` sideloads, List Comments with cursor paging
  (``page[size]`` up to 100), Update Ticket with ``comment`` (``public``), ``status``,
  ``additional_tags``/``remove_tags`` in one update; a closed ticket refuses updates (422);
- statuses: an agent's update of a "new" ticket opens it (as Zendesk does once an agent acts);
  a public comment is mailed to the requester and the CCs (``mailed`` records it);
- errors: 404 ``{"error": "RecordNotFound", "description": "Not found"}``, 422
  ``{"error": "RecordInvalid", ...}``, 400 for a page size past the cap.
"""

from __future__ import annotations

import base64
import html
import itertools
import re
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from .vendor_server import Request, Response, VendorServer

EXPORT_PAGE_CAP = 1000
COMMENT_PAGE_CAP = 100
GROUP_PAGE_CAP = 100
UNSOLVED = ("new", "open", "pending", "hold")
STATUS_ORDER = ["new", "open", "pending", "hold", "solved", "closed"]


def now_seconds() -> datetime:
    """Zendesk's timestamps are whole seconds."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class ZUser:
    id: int
    email: str
    role: str  # "end-user", "agent", "admin"
    name: str = ""
    token: str = ""


@dataclass
class ZComment:
    id: int
    author_id: int
    body: str
    html_body: str
    public: bool
    created_at: datetime
    channel: str

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "Comment",
            "author_id": self.author_id,
            "body": self.body,
            "html_body": self.html_body,
            "plain_body": self.body,
            "public": self.public,
            "created_at": iso(self.created_at),
            "via": {"channel": self.channel},
        }


@dataclass
class ZTicket:
    id: int
    subject: str
    requester_id: int
    group_id: int
    created_at: datetime
    updated_at: datetime
    status: str = "new"
    submitter_id: int | None = None
    assignee_id: int | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[int, str | None] = field(default_factory=dict)
    email_cc_ids: list[int] = field(default_factory=list)
    follower_ids: list[int] = field(default_factory=list)
    comments: list[ZComment] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": f"/api/v2/tickets/{self.id}.json",
            "subject": self.subject,
            "status": self.status,
            "requester_id": self.requester_id,
            "submitter_id": self.submitter_id or self.requester_id,
            "group_id": self.group_id,
            "assignee_id": self.assignee_id,
            "tags": list(self.tags),
            "custom_fields": [{"id": k, "value": v} for k, v in self.custom_fields.items()],
            "collaborator_ids": sorted({*self.email_cc_ids, *self.follower_ids}),
            "email_cc_ids": list(self.email_cc_ids),
            "follower_ids": list(self.follower_ids),
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
            "via": {"channel": self.comments[0].channel if self.comments else "api"},
        }


def plain_to_html(text: str) -> str:
    """Zendesk's own rendering of a plain-text comment."""
    paragraphs = [html.escape(p).replace("\n", "<br>") for p in text.split("\n\n")]
    return (
        '<div class="zd-comment" dir="auto">'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div>"
    )


def html_to_plain(markup: str) -> str:
    text = re.sub(r"<\s*(br|/p|/li|/div)\s*/?>", "\n", markup, flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def error(status: int, code: str, description: str = "", **extra: Any) -> Response:
    body: dict[str, Any] = {"error": code}
    if description:
        body["description"] = description
    body.update(extra)
    return Response(status, body)


class ZendeskAPI(VendorServer):
    """One Zendesk account: users with roles, groups, tickets with comments and tags."""

    def __init__(self) -> None:
        super().__init__()
        self._ids = itertools.count(1001)
        self.users: dict[int, ZUser] = {}
        self.groups: dict[int, str] = {}
        self.tickets: dict[int, ZTicket] = {}
        self.ticket_fields: dict[int, list[str]] = {}  # drop-down field id -> option tags
        self.mailed: list[tuple[str, int, str]] = []  # (address, ticket id, body)
        self.rate_limit = 700  # requests per window (the Team plan's per-minute limit)
        self.used = 0
        self.window_seconds = 60
        self.agent = self.add_user("helpdesk-bot@district.example", "agent", token="zd-token")
        self.oauth_tokens = {"zd-oauth": self.agent.id}
        self._routes_()

    # -- the account's data -------------------------------------------------------------
    def add_user(self, email: str, role: str, token: str = "") -> ZUser:
        user = ZUser(next(self._ids), email, role, email.split("@")[0], token)
        self.users[user.id] = user
        return user

    def user_for(self, email: str) -> ZUser:
        found = next((u for u in self.users.values() if u.email == email), None)
        return found or self.add_user(email, "end-user")

    def add_group(self, name: str) -> int:
        group_id = next(self._ids)
        self.groups[group_id] = name
        return group_id

    def file_ticket(
        self,
        group: str,
        subject: str,
        body: str,
        content_type: str = "text/plain",
        requester: str = "",
        channel: str = "email",
        cc: tuple[str, ...] = (),
        custom_fields: dict[int, str] | None = None,
        submitter: str = "",
    ) -> str:
        """A requester files a ticket (by e-mail or the Help Center), as a person would.

        ``submitter`` is the agent who filed it on the requester's behalf, if one did.
        """
        group_id = next(k for k, v in self.groups.items() if v == group)
        with self.lock:
            user = self.user_for(requester)
            moment = now_seconds()
            ticket = ZTicket(
                next(self._ids),
                subject,
                user.id,
                group_id,
                moment,
                moment,
                email_cc_ids=[self.user_for(a).id for a in cc],
                custom_fields=dict(custom_fields or {}),
                submitter_id=self.user_for(submitter).id if submitter else None,
            )
            if content_type == "text/html":
                plain, markup = html_to_plain(body), body
            else:
                plain, markup = body, plain_to_html(body)
            ticket.comments.append(
                ZComment(next(self._ids), user.id, plain, markup, True, moment, channel)
            )
            self.tickets[ticket.id] = ticket
        return str(ticket.id)

    def requester_comments(self, ticket_id: str, body: str) -> None:
        """The requester answers by e-mail: a public comment of theirs."""
        with self.lock:
            ticket = self.tickets[int(ticket_id)]
            moment = now_seconds()
            ticket.comments.append(
                ZComment(
                    next(self._ids), ticket.requester_id, body, plain_to_html(body), True, moment,
                    "email",
                )
            )  # fmt: skip
            ticket.updated_at = moment
            if ticket.status in ("pending", "solved"):
                ticket.status = "open"

    def mailed_to(self, address: str, ticket_id: str) -> list[str]:
        return [body for to, tid, body in self.mailed if to == address and str(tid) == ticket_id]

    # -- what every answer carries ------------------------------------------------------
    def _answer(self, request: Request) -> Response:
        reply = super()._answer(request)
        headers = {
            "X-Request-Id": f"zd-{len(self.requests):06d}",
            "X-Rate-Limit": str(self.rate_limit),
            "X-Rate-Limit-Remaining": str(max(self.rate_limit - self.used, 0)),
            "ratelimit-reset": str(self.window_seconds),
            **reply.headers,
        }
        return Response(reply.status, reply.body, headers, reply.delay, reply.reset, reply.truncate)

    # https://developer.zendesk.com/api-reference/introduction/security-and-auth/
    # https://developer.zendesk.com/api-reference/introduction/rate-limits/
    def authenticate(self, request: Request) -> Response | None:
        user = self._caller(request)
        if user is None:
            return error(401, "Couldn't authenticate you")
        self.used += 1
        if self.used > self.rate_limit:
            return Response(429, b"Rate limit exceeded", {"Retry-After": str(self.window_seconds)})
        if user.role == "end-user":
            return error(403, "Forbidden", "You do not have access to this page.")
        return None

    def _caller(self, request: Request) -> ZUser | None:
        header = request.header("Authorization")
        if header.startswith("Bearer "):
            user_id = self.oauth_tokens.get(header.removeprefix("Bearer "))
            return self.users.get(user_id) if user_id else None
        if not header.startswith("Basic "):
            return None
        try:
            pair = base64.b64decode(header.removeprefix("Basic ")).decode()
        except ValueError:
            return None
        login, _, secret = pair.partition(":")
        email, _, marker = login.partition("/")
        user = next((u for u in self.users.values() if u.email == email), None)
        if user is None or marker != "token" or not user.token or secret != user.token:
            return None
        return user

    def not_found(self, request: Request) -> Response:
        return error(404, "InvalidEndpoint", "Not found")

    # -- routes -------------------------------------------------------------------------
    def _routes_(self) -> None:
        self.route("GET", r"/api/v2/users/me\.json")(self._me)
        self.route("GET", r"/api/v2/groups\.json")(self._groups)
        self.route("GET", r"/api/v2/ticket_fields/(?P<id>\d+)\.json")(self._ticket_field)
        self.route("GET", r"/api/v2/search/export\.json")(self._export)
        self.route("GET", r"/api/v2/tickets/(?P<id>[^/]+)\.json")(self._show)
        self.route("PUT", r"/api/v2/tickets/(?P<id>[^/]+)\.json")(self._update)
        self.route("GET", r"/api/v2/tickets/(?P<id>[^/]+)/comments\.json")(self._comments)

    # https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
    def _me(self, request: Request) -> Response:
        user = self._caller(request)
        assert user is not None
        return Response(200, {"user": {"id": user.id, "email": user.email, "role": user.role}})

    def _cursor_page(
        self, request: Request, items: list[Any], cap: int, key: Any, default: int = 100
    ) -> tuple[list[Any], dict[str, Any], dict[str, Any]] | Response:
        """Cursor pagination: https://developer.zendesk.com/api-reference/introduction/pagination/

        ``items`` are in ``key`` order; the cursor is the key of the last item handed out, so
        items that leave the set between two pages shift nothing (a keyset cursor).
        """
        size_text = request.arg("page[size]", str(default)) or str(default)
        if not size_text.isdigit() or not 1 <= int(size_text) <= cap:
            return error(
                400, "InvalidPaginationParameter", f"page[size] must be between 1 and {cap}"
            )
        size = int(size_text)
        after = request.arg("page[after]")
        rest = items
        if after:
            try:
                last = int(base64.urlsafe_b64decode(after.encode()).decode())
            except ValueError:
                return error(400, "InvalidPaginationParameter", "invalid cursor")
            rest = [item for item in items if key(item) > last]
        chunk = rest[:size]
        has_more = len(rest) > size
        cursor = base64.urlsafe_b64encode(str(key(chunk[-1])).encode()).decode() if chunk else None
        meta = {"has_more": has_more, "after_cursor": cursor, "before_cursor": None}
        links: dict[str, Any] = {"prev": None, "next": None}
        if has_more and cursor:
            query = {k: v[0] for k, v in request.query.items() if k != "page[after]"}
            query["page[after]"] = cursor
            links["next"] = f"{self.url}{request.path}?{urlencode(query)}"
        return chunk, meta, links

    # https://developer.zendesk.com/api-reference/ticketing/groups/groups/#list-groups
    def _groups(self, request: Request) -> Response:
        @dataclass
        class G:
            id: int
            name: str

        groups = [G(k, v) for k, v in sorted(self.groups.items())]
        page = self._cursor_page(request, groups, GROUP_PAGE_CAP, key=lambda g: g.id)
        if isinstance(page, Response):
            return page
        chunk, meta, links = page
        body = [{"id": g.id, "name": g.name, "deleted": False} for g in chunk]
        return Response(200, {"groups": body, "meta": meta, "links": links})

    # https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/#show-ticket-field
    def _ticket_field(self, request: Request) -> Response:
        options = self.ticket_fields.get(int(request.params["id"]))
        if options is None:
            return error(404, "RecordNotFound", "Not found")
        field_body = {
            "id": int(request.params["id"]),
            "type": "tagger",
            "custom_field_options": [{"name": o.title(), "value": o} for o in options],
        }
        return Response(200, {"ticket_field": field_body})

    # https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#export-search-results
    # Query syntax: https://support.zendesk.com/hc/en-us/articles/4408886879258
    def _export(self, request: Request) -> Response:
        if request.arg("filter[type]") != "ticket":
            return error(400, "InvalidSearchParameter", "filter[type] is required")
        try:
            terms = shlex.split(request.arg("query", "") or "")
        except ValueError:
            return error(400, "InvalidSearchParameter", "unbalanced quotes")
        tests = []
        for term in terms:
            match = re.fullmatch(r"([a-z_0-9]+)(:|<|>)(.*)", term)
            if match is None:
                return error(400, "InvalidSearchParameter", f"unsupported term {term!r}")
            key, op, value = match.groups()
            test = self._search_test(key, op, value)
            if test is None:
                return error(400, "InvalidSearchParameter", f"unsupported term {term!r}")
            tests.append(test)
        found = [t for t in self.tickets.values() if all(test(t) for test in tests)]
        found.sort(key=lambda t: -t.id)  # the export's order is unspecified: newest first here
        page = self._cursor_page(request, found, EXPORT_PAGE_CAP, key=lambda t: -t.id, default=1000)
        if isinstance(page, Response):
            return page
        chunk, meta, links = page
        results = [{**t.json(), "result_type": "ticket"} for t in chunk]
        return Response(200, {"results": results, "facets": None, "meta": meta, "links": links})

    def _search_test(self, key: str, op: str, value: str) -> Any:
        if key == "type" and op == ":":
            return lambda t: value == "ticket"
        if key == "group" and op == ":":
            return lambda t: str(t.group_id) == value or self.groups.get(t.group_id) == value
        if key == "status":
            rank = STATUS_ORDER.index(value)
            if op == "<":
                return lambda t: STATUS_ORDER.index(t.status) < rank
            if op == ">":
                return lambda t: STATUS_ORDER.index(t.status) > rank
            return lambda t: t.status == value
        if key == "updated" and op in "<>":
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if op == ">":
                return lambda t: t.updated_at > moment
            return lambda t: t.updated_at < moment
        if key == "tags" and op == ":":
            return lambda t: value in t.tags
        field_match = re.fullmatch(r"custom_field_(\d+)", key)
        if field_match and op == ":":
            field_id = int(field_match.group(1))
            return lambda t: t.custom_fields.get(field_id) == value
        return None

    def _find(self, request: Request) -> ZTicket | Response:
        raw = request.params["id"]
        ticket = self.tickets.get(int(raw)) if raw.isdigit() else None
        if ticket is None:
            return error(404, "RecordNotFound", "Not found")
        return ticket

    # https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
    def _show(self, request: Request) -> Response:
        ticket = self._find(request)
        if isinstance(ticket, Response):
            return ticket
        return Response(200, self._with_sideloads(request, ticket))

    def _with_sideloads(self, request: Request, ticket: ZTicket) -> dict[str, Any]:
        body: dict[str, Any] = {"ticket": ticket.json()}
        include = (request.arg("include") or "").split(",")
        if "users" in include:
            ids = {ticket.requester_id, ticket.submitter_id or ticket.requester_id}
            ids |= {*ticket.email_cc_ids, *ticket.follower_ids}
            body["users"] = [self._user_json(self.users[i]) for i in sorted(ids)]
        if "groups" in include:
            body["groups"] = [{"id": ticket.group_id, "name": self.groups[ticket.group_id]}]
        return body

    @staticmethod
    def _user_json(user: ZUser) -> dict[str, Any]:
        return {"id": user.id, "email": user.email, "name": user.name, "role": user.role}

    # https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
    def _comments(self, request: Request) -> Response:
        ticket = self._find(request)
        if isinstance(ticket, Response):
            return ticket
        comments = list(ticket.comments)
        sign = 1
        if request.arg("sort_order") == "desc":
            comments.reverse()
            sign = -1
        page = self._cursor_page(request, comments, COMMENT_PAGE_CAP, key=lambda c: sign * c.id)
        if isinstance(page, Response):
            return page
        chunk, meta, links = page
        body: dict[str, Any] = {"comments": [c.json() for c in chunk], "meta": meta, "links": links}
        if "users" in (request.arg("include") or "").split(","):
            ids = sorted({c.author_id for c in chunk})
            body["users"] = [self._user_json(self.users[i]) for i in ids]
        return Response(200, body)

    # https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
    def _update(self, request: Request) -> Response:
        ticket = self._find(request)
        if isinstance(ticket, Response):
            return ticket
        change = (request.json() or {}).get("ticket")
        if not isinstance(change, dict):
            return error(400, "InvalidValue", "ticket is required")
        if ticket.status == "closed":
            return error(
                422, "RecordInvalid", "Record validation errors",
                details={"status": [{"description": "Status: closed prevents ticket update"}]},
            )  # fmt: skip
        caller = self._caller(request)
        assert caller is not None
        status = change.get("status")
        if status is not None and status not in STATUS_ORDER:
            return error(422, "RecordInvalid", "Record validation errors")
        assignee = change.get("assignee_id", ticket.assignee_id)
        if status == "solved" and assignee is None:
            # Zendesk refuses to solve a ticket nobody is assigned to.
            return error(
                422, "RecordInvalid", "Record validation errors",
                details={"assignee": [{"description": "Assignee: is required when solved"}]},
            )  # fmt: skip
        ticket.assignee_id = assignee
        comment = change.get("comment")
        moment = now_seconds()
        if isinstance(comment, dict) and str(comment.get("body", "")).strip():
            public = bool(comment.get("public", True))
            text = str(comment["body"])
            ticket.comments.append(
                ZComment(
                    next(self._ids), caller.id, text, plain_to_html(text), public, moment, "api"
                )
            )
            if public:
                for user_id in (ticket.requester_id, *ticket.email_cc_ids):
                    self.mailed.append((self.users[user_id].email, ticket.id, text))
        for tag in change.get("additional_tags", []):
            if tag not in ticket.tags:
                ticket.tags.append(tag)
        ticket.tags = [t for t in ticket.tags if t not in change.get("remove_tags", [])]
        if "tags" in change:
            ticket.tags = list(dict.fromkeys(change["tags"]))
        if status is not None:
            ticket.status = status
        elif ticket.status == "new" and caller.role in ("agent", "admin"):
            ticket.status = "open"
        ticket.updated_at = moment
        return Response(200, {"ticket": ticket.json(), "audit": {"ticket_id": ticket.id}})
