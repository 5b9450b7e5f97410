"""Freshservice API v2 as its reference documents it, served on 127.0.0.1 for the tests.

Reference: https://api.freshservice.com/ (v2).  What is played here, each as documented:

* basic auth with an agent's API key as the user (any password); missing or wrong credentials
  answer 401 ``{"code": "invalid_credentials", ...}``; an agent without access to tickets
  gets 403 ``{"code": "access_denied", ...}``;
* ``GET /api/v2/tickets/filter?query="..."`` with the query in double quotes and at most 512
  characters, ``page`` at most 10 and ``per_page`` at most 100 (30 by default), answering
  ``{"tickets": [...], "total": N}``; fields ``category``, ``status``, ``updated_at`` and
  ``created_at`` (dates compared by day with ``:>``/``:<``, both inclusive) and custom fields.
  The order of the filter's answers is not documented: newest first here, so a connector
  cannot lean on it;
* tickets with ``status`` 2 Open, 3 Pending, 4 Resolved, 5 Closed; ``description`` is HTML
  (plain text is stored wrapped in ``<div>`` with ``<br>``), ``description_text`` plain;
  ``include=requester,stats`` embeds the requester and ``stats.first_responded_at``;
* ``POST .../reply`` (public, mailed to the requester and CCs, first agent response) and
  ``POST .../notes`` (``private`` true by default), both answering 201 ``{"conversation"}``;
  an empty body is a 400 ``missing_field``;
* ``PUT /api/v2/tickets/[id]`` for status and ``custom_fields`` (a dropdown refuses values
  outside its choices with 400 ``invalid_value``, an unknown field is ``invalid_field``);
* ``GET /api/v2/ticket_form_fields`` and ``GET /api/v2/agents/[id]`` (404 for a requester);
* per-minute rate limits for the account: ``X-RateLimit-Total``, ``X-RateLimit-Remaining`` and
  ``X-RateLimit-Used-CurrentRequest`` on every answer, 429 with ``Retry-After`` (seconds) at
  the wall; every answer carries an ``X-Request-Id``.
"""

from __future__ import annotations

import base64
import dataclasses
import html
import itertools
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from .vendor_server import Request, Response, VendorServer

API_KEY = "fs-agent-key-0001"
NO_TICKETS_KEY = "fs-agent-key-0002"  # an agent whose role has no access to tickets
CATEGORIES = ("Hardware", "Instructional Technology", "Software")
MARK_FIELD = "ticketworker_state"
MARK_CHOICES = ("needs-review", "done")
STATUSES = (2, 3, 4, 5)
FILTER_MAX_PAGE = 10
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 30
FILTER_FIELDS = ("category", "status", "source", "requester_id", "created_at", "updated_at",
                 MARK_FIELD)  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _validation(field_name: str, code: str, message: str) -> Response:
    # Reference: https://api.freshservice.com/#error_handling ("Validation failed" bodies)
    body = {
        "description": "Validation failed",
        "errors": [{"field": field_name, "message": message, "code": code}],
    }
    return Response(400, body)


@dataclass
class FakeTicket:
    id: int
    subject: str
    description: str
    description_text: str
    requester_id: int
    category: str
    source: int
    status: int = 2
    cc_emails: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=lambda: {MARK_FIELD: None})
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)
    first_responded_at: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "description": self.description,
            "description_text": self.description_text,
            "requester_id": self.requester_id,
            "status": self.status,
            "source": self.source,
            "priority": 1,
            "type": "Incident",
            "category": self.category,
            "sub_category": None,
            "cc_emails": list(self.cc_emails),
            "fwd_emails": [],
            "reply_cc_emails": list(self.cc_emails),
            "tags": [],
            "custom_fields": dict(self.custom_fields),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


class FreshserviceAPI(VendorServer):
    """The fake Freshservice account (see the module docstring)."""

    json_type = "application/json; charset=utf-8"

    def __init__(self, *, limit_per_minute: int = 5000) -> None:
        super().__init__()
        self.limit_per_minute = limit_per_minute
        self.agents: dict[int, dict[str, Any]] = {
            1001: {"id": 1001, "email": "worker@district.example", "key": API_KEY, "tickets": True},
            1002: {"id": 1002, "email": "intern@district.example", "key": NO_TICKETS_KEY,
                   "tickets": False},
        }  # fmt: skip
        self.requesters: dict[int, str] = {}
        self.tickets: dict[int, FakeTicket] = {}
        self.conversations: dict[int, list[dict[str, Any]]] = {}
        #: (ticket id, address, HTML body) of every mail the account sent.
        self.mailbox: list[tuple[int, str, str]] = []
        self.mark_choices = list(MARK_CHOICES)
        self._ids = itertools.count(1)
        self._user_ids = itertools.count(5001)
        self._window_start = time.monotonic()
        self._used = 0
        self._register()

    # -- the outside world ------------------------------------------------------------
    def requester_id(self, email: str) -> int:
        for user_id, address in self.requesters.items():
            if address == email:
                return user_id
        user_id = next(self._user_ids)
        self.requesters[user_id] = email
        return user_id

    def create_ticket(
        self,
        subject: str,
        body: str,
        content_type: str = "text/plain",
        requester: str = "p.quenby@lakeside.example",
        category: str = "Instructional Technology",
        source: int = 2,
        cc: tuple[str, ...] = (),
    ) -> int:
        """A ticket filed through the portal (source 2) or by e-mail (source 1)."""
        with self.lock:
            if content_type == "text/html":
                description, text = body, html.unescape(re.sub(r"<[^>]+>", " ", body)).strip()
            else:
                description = "<div>" + html.escape(body).replace("\n", "<br>") + "</div>"
                text = body
            ticket = FakeTicket(
                id=next(self._ids),
                subject=subject,
                description=description,
                description_text=text,
                requester_id=self.requester_id(requester),
                category=category,
                source=source,
                cc_emails=list(cc),
            )
            self.tickets[ticket.id] = ticket
            self.conversations[ticket.id] = []
            return ticket.id

    def requester_writes(self, ticket_id: int, body: str) -> None:
        """The requester answers the ticket's mail: an incoming public conversation."""
        with self.lock:
            ticket = self.tickets[ticket_id]
            self._add_conversation(
                ticket, ticket.requester_id, "<div>" + html.escape(body) + "</div>", body,
                private=False, incoming=True, source=0,
                from_email=self.requesters[ticket.requester_id],
            )  # fmt: skip

    def mailed_to(self, ticket_id: int, address: str) -> list[str]:
        with self.lock:
            return [b for t, a, b in self.mailbox if t == ticket_id and a == address]

    # -- authentication and rate limits -----------------------------------------------
    def authenticate(self, request: Request) -> Response | None:
        # Reference: https://api.freshservice.com/#authentication
        header = request.header("Authorization")
        agent = None
        if header.startswith("Basic "):
            try:
                user = base64.b64decode(header[6:]).decode().split(":", 1)[0]
            except (ValueError, UnicodeDecodeError):
                user = ""
            agent = next((a for a in self.agents.values() if a["key"] == user), None)
        if agent is None:
            return Response(
                401,
                {
                    "code": "invalid_credentials",
                    "message": "You have to be logged in to perform this action.",
                },
                self._headers(),
            )
        # Reference: https://api.freshservice.com/#rate_limit (per minute, account-wide)
        now = time.monotonic()
        if now - self._window_start >= 60:
            self._window_start, self._used = now, 0
        if self._used >= self.limit_per_minute:
            wait = max(1, int(60 - (now - self._window_start)))
            return Response(
                429,
                {"message": "You have exceeded the limit of requests per minute"},
                {**self._headers(), "Retry-After": str(wait)},
            )
        self._used += 1
        if not agent["tickets"] and "/tickets" in request.path:
            denied = {
                "code": "access_denied",
                "message": "You are not authorized to perform this action.",
            }
            return Response(403, denied, self._headers())
        return None

    def not_found(self, request: Request) -> Response:
        # Reference: https://api.freshservice.com/#error_handling (404: resource not found)
        return Response(404, {"errors": [{"code": "not_found", "message": "not found"}]},
                        self._headers())  # fmt: skip

    def _answer(self, request: Request) -> Response:
        # Every answer, errors included, carries the request id and the rate-limit headers.
        reply = super()._answer(request)
        return dataclasses.replace(reply, headers={**self._headers(), **reply.headers})

    def _headers(self) -> dict[str, str]:
        return {
            "X-Request-Id": str(uuid.uuid4()),
            "X-RateLimit-Total": str(self.limit_per_minute),
            "X-RateLimit-Remaining": str(max(0, self.limit_per_minute - self._used)),
            "X-RateLimit-Used-CurrentRequest": "1",
        }

    def _ok(self, body: Any, status: int = 200, **extra: str) -> Response:
        return Response(status, body, {**self._headers(), **extra})

    # -- routes -----------------------------------------------------------------------
    def _register(self) -> None:
        api = "/api/v2"
        self.route("GET", api + r"/tickets/filter")(self._filter)
        self.route("GET", api + r"/tickets/(?P<id>\d+)")(self._view)
        self.route("PUT", api + r"/tickets/(?P<id>\d+)")(self._update)
        self.route("POST", api + r"/tickets/(?P<id>\d+)/reply")(self._reply)
        self.route("POST", api + r"/tickets/(?P<id>\d+)/notes")(self._note)
        self.route("GET", api + r"/tickets/(?P<id>\d+)/conversations")(self._conversations)
        self.route("GET", api + r"/agents/(?P<id>\d+)")(self._view_agent)
        self.route("GET", api + r"/ticket_form_fields")(self._fields)

    def _ticket(self, request: Request) -> FakeTicket | None:
        return self.tickets.get(int(request.params["id"]))

    def _page_args(self, request: Request, max_page: int | None) -> tuple[int, int] | Response:
        try:
            page = int(request.arg("page", "1") or "1")
            per_page = int(request.arg("per_page", str(DEFAULT_PER_PAGE)) or DEFAULT_PER_PAGE)
        except ValueError:
            return _validation("page", "datatype_mismatch", "It should be a/an Positive Integer")
        if page < 1 or (max_page is not None and page > max_page):
            limit = f"less than or equal to {max_page}" if max_page else "a positive number"
            return _validation("page", "invalid_value", f"It should be {limit}")
        if not 1 <= per_page <= MAX_PER_PAGE:
            return _validation("per_page", "invalid_value", "It should be between 1 and 100")
        return page, per_page

    # Reference: https://api.freshservice.com/#filter_tickets
    def _filter(self, request: Request) -> Response:
        raw = request.arg("query", "") or ""
        if len(raw) < 2 or not (raw.startswith('"') and raw.endswith('"')):
            return _validation(
                "query", "invalid_value", "Query should be enclosed in double quotes"
            )
        if len(raw) - 2 > 512:
            return _validation("query", "invalid_value", "Query has more than 512 characters")
        paging = self._page_args(request, FILTER_MAX_PAGE)
        if isinstance(paging, Response):
            return paging
        page, per_page = paging
        try:
            matches = _compile(raw[1:-1])
        except ValueError as exc:
            return _validation("query", "invalid_value", str(exc))
        found = [t for t in self.tickets.values() if matches(t)]
        found.sort(key=lambda t: (t.created_at, t.id), reverse=True)
        chunk = found[(page - 1) * per_page : page * per_page]
        return self._ok({"tickets": [t.as_json() for t in chunk], "total": len(found)})

    # Reference: https://api.freshservice.com/#view_a_ticket
    def _view(self, request: Request) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return self.not_found(request)
        body = ticket.as_json()
        includes = set(filter(None, (request.arg("include", "") or "").split(",")))
        unknown = includes - {"requester", "stats", "conversations"}
        if unknown:
            return _validation("include", "invalid_value", "It should be one of the values")
        if "requester" in includes:
            email = self.requesters[ticket.requester_id]
            body["requester"] = {"id": ticket.requester_id, "name": email.split("@")[0],
                                 "email": email, "mobile": None, "phone": None}  # fmt: skip
        if "stats" in includes:
            body["stats"] = {
                "first_responded_at": ticket.first_responded_at,
                "resolved_at": None,
                "closed_at": None,
            }
        if "conversations" in includes:
            body["conversations"] = list(self.conversations[ticket.id][:10])
        return self._ok({"ticket": body})

    # Reference: https://api.freshservice.com/#update_ticket_priority
    def _update(self, request: Request) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return self.not_found(request)
        changes = request.json()
        if not isinstance(changes, dict):
            return _validation("body", "invalid_json", "Request body has invalid json format")
        if "status" in changes and changes["status"] not in STATUSES:
            return _validation(
                "status", "invalid_value", "It should be one of these values: 2,3,4,5"
            )
        custom = changes.get("custom_fields", {})
        for name, value in custom.items():
            if name != MARK_FIELD:
                return _validation(name, "invalid_field", "Unexpected/invalid field in request")
            if value is not None and value not in self.mark_choices:
                return _validation(name, "invalid_value", "It should be one of these values")
        if "status" in changes:
            ticket.status = changes["status"]
        ticket.custom_fields.update(custom)
        ticket.updated_at = _now()
        return self._ok({"ticket": ticket.as_json()})

    # Reference: https://api.freshservice.com/#reply_ticket
    def _reply(self, request: Request) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return self.not_found(request)
        body = (request.json() or {}).get("body", "")
        if not str(body).strip():
            return _validation("body", "missing_field", "It should not be blank")
        agent = self._agent_of(request)
        text = html.unescape(re.sub(r"<br\s*/?>", "\n", re.sub(r"</?div>", "", body)))
        conversation = self._add_conversation(
            ticket, agent["id"], body, text, private=False, incoming=False, source=0,
            from_email="helpdesk@district.example",
        )  # fmt: skip
        ticket.first_responded_at = ticket.first_responded_at or conversation["created_at"]
        for address in [self.requesters[ticket.requester_id], *ticket.cc_emails]:
            self.mailbox.append((ticket.id, address, body))
        return self._ok({"conversation": conversation}, 201)

    # Reference: https://api.freshservice.com/#add_note
    def _note(self, request: Request) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return self.not_found(request)
        data = request.json() or {}
        body = data.get("body", "")
        if not str(body).strip():
            return _validation("body", "missing_field", "It should not be blank")
        agent = self._agent_of(request)
        text = html.unescape(re.sub(r"<br\s*/?>", "\n", re.sub(r"</?div>", "", body)))
        conversation = self._add_conversation(
            ticket, agent["id"], body, text, private=bool(data.get("private", True)),
            incoming=False, source=2, from_email=None,
        )  # fmt: skip
        return self._ok({"conversation": conversation}, 201)

    # Reference: https://api.freshservice.com/#list_all_ticket_conversations
    def _conversations(self, request: Request) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return self.not_found(request)
        paging = self._page_args(request, None)
        if isinstance(paging, Response):
            return paging
        page, per_page = paging
        items = self.conversations[ticket.id]
        chunk = items[(page - 1) * per_page : page * per_page]
        extra: dict[str, str] = {}
        if page * per_page < len(items):
            url = f"{self.url}{request.path}?page={page + 1}&per_page={per_page}"
            extra["Link"] = f'<{url}>; rel="next"'
        return self._ok({"conversations": chunk, "meta": {"count": len(items)}}, **extra)

    # Reference: https://api.freshservice.com/#view_an_agent
    def _view_agent(self, request: Request) -> Response:
        agent = self.agents.get(int(request.params["id"]))
        if agent is None:
            return self.not_found(request)
        return self._ok({"agent": {"id": agent["id"], "email": agent["email"], "active": True}})

    # Reference: https://api.freshservice.com/#ticket_fields
    def _fields(self, request: Request) -> Response:
        def dropdown(name: str, kind: str, values: list[str]) -> dict[str, Any]:
            choices = [
                {"id": n + 1, "value": v, "nested_options": []} for n, v in enumerate(values)
            ]
            return {"id": abs(hash(name)) % 10_000, "name": name, "label": name.title(),
                    "field_type": kind, "default_field": kind.startswith("default"),
                    "choices": choices}  # fmt: skip

        fields = [
            {"id": 1, "name": "subject", "label": "Subject", "field_type": "default_subject",
             "default_field": True, "choices": []},
            dropdown("status", "default_status", ["Open", "Pending", "Resolved", "Closed"]),
            dropdown("category", "default_category", list(CATEGORIES)),
            dropdown(MARK_FIELD, "custom_dropdown", self.mark_choices),
        ]  # fmt: skip
        return self._ok({"ticket_fields": fields})

    # -- state helpers ----------------------------------------------------------------
    def _agent_of(self, request: Request) -> dict[str, Any]:
        user = base64.b64decode(request.header("Authorization")[6:]).decode().split(":", 1)[0]
        return next(a for a in self.agents.values() if a["key"] == user)

    def _add_conversation(
        self,
        ticket: FakeTicket,
        user_id: int,
        body: str,
        text: str,
        *,
        private: bool,
        incoming: bool,
        source: int,
        from_email: str | None,
    ) -> dict[str, Any]:
        stamp = _now()
        conversation = {
            "id": next(self._ids) + 100_000,
            "user_id": user_id,
            "body": body,
            "body_text": text,
            "ticket_id": ticket.id,
            "incoming": incoming,
            "private": private,
            "source": source,
            "from_email": from_email,
            "to_emails": [],
            "created_at": stamp,
            "updated_at": stamp,
            "attachments": [],
        }
        self.conversations[ticket.id].append(conversation)
        ticket.updated_at = stamp
        return conversation


# ---------------------------------------------------------------------- the filter syntax
_CLAUSE = re.compile(r"(?P<field>\w+):(?P<op>[<>]?)(?P<value>'[^']*'|\d+|null|true|false)\Z")


def _compile(query: str) -> Any:
    """A predicate for the filter syntax: AND of clauses, a clause may be (a OR b OR ...)."""
    parts = [p.strip() for p in re.split(r"\s+AND\s+", query.strip())]
    predicates = []
    for part in parts:
        if part.startswith("(") and part.endswith(")"):
            alternatives = [_clause(a.strip()) for a in re.split(r"\s+OR\s+", part[1:-1])]
            predicates.append(lambda t, alts=alternatives: any(a(t) for a in alts))
        else:
            predicates.append(_clause(part))
    return lambda t: all(p(t) for p in predicates)


def _clause(text: str) -> Any:
    match = _CLAUSE.match(text)
    if match is None:
        raise ValueError(f"Invalid query: {text[:40]}")
    name, op, raw = match["field"], match["op"], match["value"]
    if name not in FILTER_FIELDS:
        raise ValueError(f"Invalid field: {name}")
    value: Any = raw[1:-1] if raw.startswith("'") else None if raw == "null" else raw

    def actual(ticket: FakeTicket) -> Any:
        if name in ("created_at", "updated_at"):
            return datetime.fromisoformat(getattr(ticket, name).replace("Z", "+00:00")).date()
        if name in ("status", "category", "source", "requester_id"):
            return getattr(ticket, name)
        return ticket.custom_fields.get(name)

    if name in ("created_at", "updated_at"):
        day = date.fromisoformat(str(value)[:10])
        if op == ">":
            return lambda t: actual(t) >= day
        if op == "<":
            return lambda t: actual(t) <= day
        return lambda t: actual(t) == day
    if name == "status":
        return lambda t: t.status == int(str(value))
    return lambda t: actual(t) == value
