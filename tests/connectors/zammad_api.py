"""Zammad's REST API v1, played on 127.0.0.1 as its reference documents it.

Reference: https://docs.zammad.org/en/latest/api/intro.html and the pages under it; answers to
bad credentials as Zammad's ``ApplicationController::Authenticates`` gives them.  What is played:

- auth: ``Authorization: Token token=<access token>``; a wrong token answers 401
  ``{"error": "Can't find User for Token"}``, no credentials 403 ``{"error": "Authentication
  required"}``, a customer's token 403 ``{"error": "Not authorized"}`` on agent endpoints, and
  everyone 403 ``{"error": "Maintenance mode enabled!"}`` while ``maintenance`` is set;
- agents see only the groups they have access to (``group_ids`` {"<id>": ["full"]});
- ticket search with an Elasticsearch query-string subset (``field:value`` terms joined by
  AND: ``group_id``, ``state.name:(a OR b)``, ``tags``, ``id:>N``, ``updated_at:>=T``),
  ``page``/``per_page`` (per_page silently capped at 200, default 50), ``sort_by``/``order_by``,
  and ``expand=true`` (a list of tickets with named relations) or without (ids plus assets);
- show and update ticket (``state`` by name, ``article`` created within the update, which
  touches ``updated_at``), articles by ticket, the user record, groups (per_page up to 100);
- tags: list (``/tags?object=Ticket&o_id=``), ``POST /tags/add`` and ``DELETE /tags/remove``
  (both answer 201 ``true``, as documented), ``/tag_search?term=``;
- an ``email`` article by an agent is sent to its ``to`` (``mailed`` records it); notes are not;
- errors: ``{"error": ..., "error_human": ...}``; 404 for a missing record or route.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .vendor_server import Request, Response, VendorServer

SEARCH_PAGE_CAP = 200
SEARCH_PAGE_DEFAULT = 50
GROUP_PAGE_CAP = 100


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def now_ms() -> datetime:
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def error(status: int, text: str) -> Response:
    return Response(status, {"error": text, "error_human": text})


@dataclass
class ZUser:
    id: int
    login: str
    roles: list[str]
    token: str = ""
    group_access: dict[int, list[str]] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "login": self.login,
            "email": self.login,
            "firstname": self.login.split("@")[0],
            "lastname": "",
            "active": True,
            "role_ids": [{"Admin": 1, "Agent": 2, "Customer": 3}[r] for r in self.roles],
            "roles": list(self.roles),
            "group_ids": {str(k): v for k, v in self.group_access.items()},
        }


@dataclass
class ZArticle:
    id: int
    ticket_id: int
    sender: str
    type: str
    internal: bool
    content_type: str
    body: str
    created_by: ZUser
    created_at: datetime
    subject: str = ""
    to: str = ""
    cc: str = ""
    raw: bytes = b""  # the e-mail as it arrived (Zammad keeps every incoming message)

    def json(self, expand: bool) -> dict[str, Any]:
        body = {
            "id": self.id,
            "ticket_id": self.ticket_id,
            "sender_id": {"Agent": 1, "Customer": 2, "System": 3}[self.sender],
            "type_id": {"email": 1, "note": 10, "web": 11}.get(self.type, 5),
            "from": self.created_by.login if self.sender != "System" else "Zammad <noreply@z>",
            "to": self.to,
            "cc": self.cc,
            "subject": self.subject,
            "body": self.body,
            "content_type": self.content_type,
            "internal": self.internal,
            "created_by_id": self.created_by.id,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.created_at),
        }
        if expand:
            body.update(sender=self.sender, type=self.type, created_by=self.created_by.login)
        return body


@dataclass
class ZTicket:
    id: int
    title: str
    group_id: int
    customer_id: int
    created_at: datetime
    updated_at: datetime
    state: str = "new"
    tags: list[str] = field(default_factory=list)
    articles: list[ZArticle] = field(default_factory=list)
    preferences: dict[str, Any] = field(default_factory=dict)


STATES = {"new": 1, "open": 2, "pending reminder": 3, "closed": 4, "merged": 5, "pending close": 7}


class ZammadAPI(VendorServer):
    """One Zammad instance: users with roles and group access, groups, tickets with articles."""

    def __init__(self) -> None:
        super().__init__()
        self._ids = itertools.count(1)
        self._tag_ids = itertools.count(1)
        self.users: dict[int, ZUser] = {}
        self.groups: dict[int, str] = {}
        self.tickets: dict[int, ZTicket] = {}
        self.tag_list: dict[str, int] = {}
        self.mailed: list[tuple[str, int, str]] = []
        self.maintenance = False
        self.system = self.add_user("-", ["Admin"])
        self.agent = self.add_user("helpdesk-bot@district.example", ["Agent"], token="zm-token")
        self._routes_()

    # -- the instance's data --------------------------------------------------------------
    def add_user(self, login: str, roles: list[str], token: str = "") -> ZUser:
        user = ZUser(next(self._ids), login, roles, token)
        self.users[user.id] = user
        return user

    def user_for(self, login: str) -> ZUser:
        found = next((u for u in self.users.values() if u.login == login), None)
        return found or self.add_user(login, ["Customer"])

    def add_group(self, name: str, agent_access: list[str] | None = None) -> int:
        group_id = next(self._ids)
        self.groups[group_id] = name
        self.agent.group_access[group_id] = agent_access if agent_access is not None else ["full"]
        return group_id

    def file_ticket(
        self,
        group: str,
        title: str,
        body: str,
        content_type: str = "text/plain",
        customer: str = "",
        cc: str = "",
        channel: str = "email",
        mail_headers: str = "",
    ) -> str:
        """A customer mails the help-desk (or uses the portal, ``web``), as a person would.

        By e-mail, the message Zammad keeps has ``mail_headers`` (plus From, To, Subject);
        ``form`` is Zammad's embeddable web form, which needs no login.
        """
        group_id = next(k for k, v in self.groups.items() if v == group)
        with self.lock:
            user = self.user_for(customer)
            moment = now_ms()
            ticket = ZTicket(next(self._ids), title, group_id, user.id, moment, moment)
            if channel == "form":
                # FormController#create_ticket: the customer is whoever's address was typed.
                ticket.preferences = {
                    "form": {"remote_ip": "198.51.100.7", "fingerprint_md5": "0f"}
                }
                channel = "web"
            sender = "Customer" if "Customer" in user.roles else "Agent"
            raw = b""
            if channel == "email":
                head = f"{mail_headers.strip()}\r\n" if mail_headers.strip() else ""
                head += f"From: {customer}\r\nTo: helpdesk@district.example\r\n"
                head += f"Subject: {title}\r\nContent-Type: {content_type}; charset=utf-8"
                raw = (head + "\r\n\r\n" + body).encode()
            ticket.articles.append(
                ZArticle(
                    next(self._ids), ticket.id, sender, channel, False, content_type, body,
                    user, moment, title, "helpdesk@district.example", cc, raw,
                )
            )  # fmt: skip
            self.tickets[ticket.id] = ticket
        return str(ticket.id)

    def customer_writes(self, ticket_id: str, body: str) -> None:
        """The customer answers the ticket's e-mail: an e-mail article of theirs."""
        with self.lock:
            ticket = self.tickets[int(ticket_id)]
            user = self.users[ticket.customer_id]
            moment = now_ms()
            ticket.articles.append(
                ZArticle(
                    next(self._ids), ticket.id, "Customer", "email", False, "text/plain", body,
                    user, moment,
                )
            )  # fmt: skip
            ticket.updated_at = moment
            if ticket.state in ("pending reminder", "pending close", "closed"):
                ticket.state = "open"

    def system_notice(self, ticket_id: str, body: str) -> None:
        """Zammad's own auto-reply (a trigger's e-mail), sent by the system user."""
        with self.lock:
            ticket = self.tickets[int(ticket_id)]
            ticket.articles.append(
                ZArticle(
                    next(self._ids), ticket.id, "System", "email", False, "text/plain", body,
                    self.system, now_ms(),
                )
            )  # fmt: skip

    def mailed_to(self, address: str, ticket_id: str) -> list[str]:
        return [body for to, tid, body in self.mailed if to == address and str(tid) == ticket_id]

    # -- what every answer carries (Rails' ActionDispatch::RequestId) ---------------------
    def _answer(self, request: Request) -> Response:
        reply = super()._answer(request)
        headers = {"X-Request-Id": f"zm-{len(self.requests):06d}", **reply.headers}
        return Response(reply.status, reply.body, headers, reply.delay, reply.reset, reply.truncate)

    # -- auth -------------------------------------------------------------------------------
    def _caller(self, request: Request) -> ZUser | None:
        match = re.fullmatch(r"Token token=(\S+)", request.header("Authorization"))
        if match is None:
            return None
        return next((u for u in self.users.values() if u.token and u.token == match[1]), None)

    def authenticate(self, request: Request) -> Response | None:
        if self.maintenance:
            return error(403, "Maintenance mode enabled!")
        header = request.header("Authorization")
        if not header:
            return error(403, "Authentication required")
        user = self._caller(request)
        if user is None:
            return error(401, "Can't find User for Token")
        if "Agent" not in user.roles and request.path != "/api/v1/users/me":
            return error(403, "Not authorized")
        return None

    def not_found(self, request: Request) -> Response:
        return error(404, f"No route matches [{request.method}] {request.path}")

    # -- routes -----------------------------------------------------------------------------
    def _routes_(self) -> None:
        self.route("GET", r"/api/v1/users/me")(self._me)
        self.route("GET", r"/api/v1/users/(?P<id>\d+)")(self._user)
        self.route("GET", r"/api/v1/groups")(self._groups)
        self.route("GET", r"/api/v1/tickets/search")(self._search)
        self.route("GET", r"/api/v1/tickets/(?P<id>[^/]+)")(self._show)
        self.route("PUT", r"/api/v1/tickets/(?P<id>[^/]+)")(self._update)
        self.route("GET", r"/api/v1/ticket_articles/by_ticket/(?P<id>[^/]+)")(self._articles)
        self.route("GET", r"/api/v1/ticket_article_plain/(?P<id>\d+)")(self._article_plain)
        self.route("GET", r"/api/v1/tags")(self._tags)
        self.route("POST", r"/api/v1/tags/add")(self._tag_add)
        self.route("DELETE", r"/api/v1/tags/remove")(self._tag_remove)
        self.route("GET", r"/api/v1/tag_search")(self._tag_search)

    def _who(self, request: Request) -> ZUser:
        user = self._caller(request)
        assert user is not None  # authenticate() ran first
        return user

    # https://docs.zammad.org/en/latest/api/user.html ("Me - current user")
    def _me(self, request: Request) -> Response:
        return Response(200, self._who(request).json())

    # https://docs.zammad.org/en/latest/api/user.html ("Show")
    def _user(self, request: Request) -> Response:
        user = self.users.get(int(request.params["id"]))
        if user is None:
            return error(404, f"Couldn't find User with 'id'={request.params['id']}")
        return Response(200, user.json())

    @staticmethod
    def _paging(request: Request, cap: int, default: int) -> tuple[int, int]:
        """Zammad's CanPaginate: page from 1, per_page clamped to the endpoint's maximum."""
        page = max(int(request.arg("page", "1") or 1), 1)
        per_page = min(max(int(request.arg("per_page", str(default)) or default), 1), cap)
        return (page - 1) * per_page, per_page

    # https://docs.zammad.org/en/latest/api/group.html ("List")
    def _groups(self, request: Request) -> Response:
        offset, limit = self._paging(request, GROUP_PAGE_CAP, GROUP_PAGE_CAP)
        groups = [{"id": k, "name": v, "active": True} for k, v in sorted(self.groups.items())]
        return Response(200, groups[offset : offset + limit])

    def _readable(self, user: ZUser, ticket: ZTicket) -> bool:
        return bool(user.group_access.get(ticket.group_id))

    def _ticket_json(self, ticket: ZTicket, expand: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": ticket.id,
            "number": str(31000 + ticket.id),
            "title": ticket.title,
            "group_id": ticket.group_id,
            "state_id": STATES[ticket.state],
            "customer_id": ticket.customer_id,
            "owner_id": 1,
            "article_count": len(ticket.articles),
            "created_at": iso(ticket.created_at),
            "updated_at": iso(ticket.updated_at),
            "article_ids": [a.id for a in ticket.articles],
            "preferences": ticket.preferences,
        }
        if expand:
            body.update(
                group=self.groups[ticket.group_id],
                state=ticket.state,
                customer=self.users[ticket.customer_id].login,
            )
        return body

    # https://docs.zammad.org/en/latest/api/ticket/index.html ("Search")
    def _search(self, request: Request) -> Response:
        user = self._who(request)
        tests = self._query_tests(request.arg("query", "") or "")
        if tests is None:
            return error(422, "Unsupported search query")
        found = [
            t for t in self.tickets.values() if self._readable(user, t) and all(f(t) for f in tests)
        ]
        sort_by = request.arg("sort_by", "updated_at") or "updated_at"
        if sort_by not in ("id", "created_at", "updated_at"):
            return error(422, f"Unknown sort_by {sort_by}")
        found.sort(key=lambda t: getattr(t, sort_by), reverse=request.arg("order_by") != "asc")
        offset, limit = self._paging(request, SEARCH_PAGE_CAP, SEARCH_PAGE_DEFAULT)
        chunk = found[offset : offset + limit]
        if request.arg("expand") == "true":
            return Response(200, [self._ticket_json(t, True) for t in chunk])
        assets = {"Ticket": {str(t.id): self._ticket_json(t, False) for t in chunk}}
        return Response(
            200, {"tickets": [t.id for t in chunk], "tickets_count": len(found), "assets": assets}
        )

    def _query_tests(self, query: str) -> list[Any] | None:
        tests = []
        for term in split_and(query):
            match = re.fullmatch(r"([a-z_.]+):(.+)", term.strip())
            if match is None:
                return None
            key, value = match.groups()
            test = self._term(key, value)
            if test is None:
                return None
            tests.append(test)
        return tests

    def _term(self, key: str, value: str) -> Any:
        if key == "group_id" and value.isdigit():
            return lambda t: t.group_id == int(value)
        if key == "state.name":
            names = [unquote(v) for v in value.strip("()").split(" OR ")]
            return lambda t: t.state in names
        if key == "tags":
            tag = unquote(value)
            return lambda t: tag in t.tags
        if key == "id" and value.startswith(">") and value[1:].isdigit():
            return lambda t: t.id > int(value[1:])
        if key == "updated_at" and value.startswith(">="):
            moment = datetime.fromisoformat(value[2:].replace("Z", "+00:00"))
            return lambda t: t.updated_at >= moment
        return None

    def _find(self, request: Request, raw: str | None = None) -> ZTicket | Response:
        raw = raw if raw is not None else request.params["id"]
        ticket = self.tickets.get(int(raw)) if raw.isdigit() else None
        if ticket is None:
            return error(404, f"Couldn't find Ticket with 'id'={raw}")
        if not self._readable(self._who(request), ticket):
            return error(403, "Not authorized")
        return ticket

    # https://docs.zammad.org/en/latest/api/ticket/index.html ("Show")
    def _show(self, request: Request) -> Response:
        ticket = self._find(request)
        if isinstance(ticket, Response):
            return ticket
        return Response(200, self._ticket_json(ticket, request.arg("expand") == "true"))

    # https://docs.zammad.org/en/latest/api/ticket/index.html ("Update")
    def _update(self, request: Request) -> Response:
        ticket = self._find(request)
        if isinstance(ticket, Response):
            return ticket
        user = self._who(request)
        if "change" not in user.group_access.get(ticket.group_id, []) and "full" not in (
            user.group_access.get(ticket.group_id, [])
        ):
            return error(403, "Not authorized")
        change = request.json() or {}
        state = change.get("state")
        if state is not None and state not in STATES:
            return error(422, f"Invalid value for param 'state': {state!r}")
        article = change.get("article")
        moment = now_ms()
        if isinstance(article, dict):
            if not str(article.get("body", "")).strip():
                return error(422, "Need at least an article body")
            kind = str(article.get("type", "note"))
            created = ZArticle(
                next(self._ids), ticket.id, str(article.get("sender", "Agent")), kind,
                bool(article.get("internal", False)), str(article.get("content_type", "text/html")),
                str(article["body"]), user, moment, str(article.get("subject", "")),
                str(article.get("to", "")), str(article.get("cc", "")),
            )  # fmt: skip
            ticket.articles.append(created)
            if kind == "email" and not created.internal and created.to:
                self.mailed.append((created.to, ticket.id, created.body))
        if state is not None:
            ticket.state = state
        ticket.updated_at = moment
        return Response(200, self._ticket_json(ticket, request.arg("expand") == "true"))

    # https://docs.zammad.org/en/latest/api/ticket/articles.html ("By Ticket")
    def _articles(self, request: Request) -> Response:
        ticket = self._find(request)
        if isinstance(ticket, Response):
            return ticket
        expand = request.arg("expand") == "true"
        return Response(200, [a.json(expand) for a in ticket.articles])

    # GET /api/v1/ticket_article_plain/:id (TicketArticlesController#article_plain): the
    # raw message as message/rfc822, or an empty answer when the article has none.
    def _article_plain(self, request: Request) -> Response:
        wanted = int(request.params["id"])
        for ticket in self.tickets.values():
            for article in ticket.articles:
                if article.id != wanted:
                    continue
                if not self._readable(self._who(request), ticket):
                    return error(403, "Not authorized")
                if not article.raw:
                    return Response(204)
                name = f"ticket-{ticket.id}-{article.id}.eml"
                headers = {
                    "Content-Type": "message/rfc822",
                    "Content-Disposition": f'inline; filename="{name}"',
                }
                return Response(200, article.raw, headers)
        return error(404, f"Couldn't find Ticket::Article with 'id'={wanted}")

    # https://docs.zammad.org/en/latest/api/ticket/tags.html
    def _tags(self, request: Request) -> Response:
        if request.arg("object") != "Ticket":
            return error(422, "Need object")
        ticket = self._find(request, request.arg("o_id", "") or "")
        if isinstance(ticket, Response):
            return ticket
        return Response(200, {"tags": list(ticket.tags)})

    def _tag_target(self, request: Request) -> tuple[ZTicket, str] | Response:
        body = request.json() or {}
        if body.get("object") != "Ticket" or not str(body.get("item", "")).strip():
            return error(422, "Need object, o_id and item")
        ticket = self._find(request, str(body.get("o_id", "")))
        if isinstance(ticket, Response):
            return ticket
        return ticket, str(body["item"]).strip()

    def _tag_add(self, request: Request) -> Response:
        target = self._tag_target(request)
        if isinstance(target, Response):
            return target
        ticket, tag = target
        self.tag_list.setdefault(tag, next(self._tag_ids))
        if tag not in ticket.tags:
            ticket.tags.append(tag)
            ticket.updated_at = now_ms()
        return Response(201, True)

    def _tag_remove(self, request: Request) -> Response:
        target = self._tag_target(request)
        if isinstance(target, Response):
            return target
        ticket, tag = target
        if tag in ticket.tags:
            ticket.tags.remove(tag)
            ticket.updated_at = now_ms()
        return Response(201, True)

    # https://docs.zammad.org/en/latest/api/tags.html ("Search")
    def _tag_search(self, request: Request) -> Response:
        term = (request.arg("term", "") or "").lower()
        hits = [{"id": i, "value": t} for t, i in self.tag_list.items() if term in t.lower()]
        return Response(200, hits)


def split_and(query: str) -> list[str]:
    """Split an Elasticsearch query string on the AND outside quotes and parentheses."""
    parts, current, depth, quoted = [], "", 0, False
    index = 0
    while index < len(query):
        char = query[index]
        if char == '"' and (index == 0 or query[index - 1] != "\\"):
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        if not quoted and depth == 0 and query.startswith(" AND ", index):
            parts.append(current)
            current, index = "", index + 5
            continue
        current += char
        index += 1
    if current.strip():
        parts.append(current)
    return parts


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return re.sub(r"\\(.)", r"\1", value)
