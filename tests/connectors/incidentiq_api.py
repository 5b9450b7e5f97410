"""Incident IQ's REST API v1.0 as its public reference documents it, on 127.0.0.1.

Incident IQ is SaaS only.  This server follows the public mirror of its API reference,
scopousiiq/iiq-docusaurus-docs (https://scopousiiq.github.io/iiq-docusaurus-docs/, the files
``docs/api/...`` and ``docs/guides/...`` of that repository), cited above each handler:

- auth: ``Authorization: Bearer <token>``, ``SiteId`` and ``Client: ApiClient`` on every request
  (guides/authentication.md); anything else is the documented 401 body
  ``{"StatusCode": 401, "Message": "Invalid or expired token"}``.
- error bodies ``{"StatusCode", "Message", "Errors", "CorrelationId"}`` (guides/error-handling.md);
  a rate-limited run answers 429 with ``RetryAfter`` in the body and, when asked, ``Retry-After``.
- lists are ``{"Items", "Paging": {"TotalRows", "PageCount", "PageSize", "PageIndex"}}`` paged by
  ``$p`` (zero-based) and ``$s`` (default 20, at most 100: larger asks get 100)
  (guides/pagination.md, api/tickets/search-tickets.api.mdx); single records are ``{"Item": ...}``.
- ticket search filters by facets (guides/filtering.md); ``$o`` sorts; without it, newest first.

Where the reference is silent, the stricter reading is played, so a connector that relies on
leniency fails here first: a facet this server does not know is a 400, a missing ``Client``
header is a 401, closing a closed ticket and removing a tag the ticket lacks are errors (400
and 404), dates are written without a zone in UTC (the site's offset is 0), a public comment
e-mails the requester and the followers, an internal note e-mails nobody.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .vendor_server import Request, Response, VendorServer

API = "/api/v1.0"
GUID = r"[0-9a-fA-F-]{36}"
COMMENT_TYPE = "Spark.Shared.Models.TicketActivityComment, Spark.Shared"
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
#: Ticket sources: integers in ticket records (get-ticket schema); the sources list is read
#: with the same ids (its schema says GUIDs: the connector compares them as text either way).
SOURCES = {1: "Web Portal", 2: "Email", 3: "API", 4: "Agent Portal"}
KNOWN_FACETS = {"issuecategory", "ticketstate", "modifieddate", "ticketnumber", "tag", "status"}


def stamp(moment: datetime) -> str:
    """Incident IQ's date format: no zone, milliseconds trimmed (``2024-11-25T15:44:06.71``)."""
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
    return text.rstrip("0").rstrip(".")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Rights:
    """What the API user's role may do (the token inherits them)."""

    view: bool = True
    work: bool = True
    resolve: bool = True


@dataclass
class Mail:
    ticket_id: str
    to: str
    body: str


@dataclass
class IncidentIQState:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    tickets: dict[str, dict[str, Any]] = field(default_factory=dict)
    activities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    followers: dict[str, list[str]] = field(default_factory=dict)
    mail: list[Mail] = field(default_factory=list)
    next_number: int = 1000


class IncidentIQServer(VendorServer):
    """Incident IQ's ticketing API for one site, state in memory (see the module docstring)."""

    def __init__(self, token: str = "iiq-token", site_id: str | None = None) -> None:
        super().__init__()
        self.token = token
        self.site_id = site_id or new_id()
        self.state = IncidentIQState()
        self.rights = Rights()
        self.api_user_id = self.add_user("api@district.example", "Ticketworker API", "Agent")
        self._routes_for_tickets()
        self._routes_for_lookups()

    # ------------------------------------------------------------------ outside world
    def add_user(self, email: str, name: str, role: str) -> str:
        with self.lock:
            for user_id, user in self.state.users.items():
                if user["Email"].lower() == email.lower():
                    return user_id
            user_id = new_id()
            first, _, last = name.partition(" ")
            self.state.users[user_id] = {
                "UserId": user_id,
                "SiteId": self.site_id,
                "Name": name,
                "FirstName": first,
                "LastName": last,
                "Email": email,
                "Username": email.split("@", 1)[0],
                "RoleId": new_id(),
                "Role": {"RoleId": new_id(), "Name": role},
                "IsDeleted": False,
            }
            return user_id

    def add_category(self, name: str) -> str:
        with self.lock:
            category_id = new_id()
            self.state.categories[category_id] = name
            return category_id

    def add_tag(self, name: str) -> str:
        with self.lock:
            tag_id = new_id()
            self.state.tags[tag_id] = name
            return tag_id

    def file_ticket(
        self,
        subject: str,
        body: str,
        requester: str,
        category: str,
        *,
        role: str = "Teacher",
        source: str = "Web Portal",
    ) -> str:
        """A requester submits a ticket (in the portal unless ``source`` says); its TicketId."""
        with self.lock:
            category_id = next(k for k, v in self.state.categories.items() if v == category)
            for_id = self.add_user(requester, requester.split("@", 1)[0].title(), role)
            now = datetime.now(UTC)
            self.state.next_number += 1
            ticket_id = new_id()
            self.state.tickets[ticket_id] = {
                "TicketId": ticket_id,
                "TicketNumber": str(self.state.next_number),
                "SiteId": self.site_id,
                "Subject": subject,
                "IssueDescription": body,
                "CreatedDate": stamp(now),
                "ModifiedDate": stamp(now),
                "StartedDate": None,
                "IsClosed": False,
                "ClosedDate": None,
                "IsDeleted": False,
                "ForId": for_id,
                "OwnerId": for_id,
                "Issue": {
                    "IssueId": new_id(),
                    "Name": "Portal account reset",
                    "IssueCategoryId": category_id,
                    "IssueCategoryName": category,
                },
                "WorkflowStep": {
                    "StepName": "Submitted",
                    "StatusName": "Submitted",
                    "IsClosed": False,
                },
                "TagIds": [],
                "SourceId": next(k for k, v in SOURCES.items() if v == source),
            }
            self.state.activities[ticket_id] = []
            self.state.followers[ticket_id] = []
            return ticket_id

    def requester_comments(self, ticket_id: str, text: str) -> None:
        """The requester answers on the ticket (a public comment by the For user)."""
        with self.lock:
            ticket = self.state.tickets[ticket_id]
            self._add_activity(ticket, ticket["ForId"], text, public=True)

    def follow(self, ticket_id: str, email: str, name: str = "Follower") -> None:
        with self.lock:
            self.state.followers[ticket_id].append(self.add_user(email, name, "Staff"))

    def mailed_to(self, ticket_id: str, address: str) -> list[str]:
        with self.lock:
            return [m.body for m in self.state.mail if m.ticket_id == ticket_id and m.to == address]

    def set_modified(self, ticket_id: str, moment: datetime) -> None:
        with self.lock:
            self.state.tickets[ticket_id]["ModifiedDate"] = stamp(moment)

    def rate_limit_next(self, count: int, retry_after: int | None = 60) -> None:
        """The next ``count`` requests are refused as rate limited (guides/error-handling.md)."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = {
            "StatusCode": 429,
            "Message": "Rate limit exceeded",
            "RetryAfter": retry_after or 60,
        }
        self.fail_next(*[Response(429, body | {"CorrelationId": new_id()}, headers)] * count)

    # ------------------------------------------------------------------ vendor behaviour
    def authenticate(self, request: Request) -> Response | None:
        # Reference: docs/guides/authentication.md ("Required Headers", "Authentication Errors")
        good = (
            request.header("Authorization") == f"Bearer {self.token}"
            and request.header("SiteId").lower() == self.site_id.lower()
            and request.header("Client") == "ApiClient"
        )
        return None if good else error(401, "Invalid or expired token")

    def not_found(self, request: Request) -> Response:
        return error(404, "Resource not found")

    def _routes_for_tickets(self) -> None:
        route = self.route

        # Reference: docs/api/tickets/search-tickets.api.mdx (POST /api/v1.0/tickets)
        @route("POST", f"{API}/tickets")
        def search(request: Request) -> Response:
            if not self.rights.view:
                return error(403, "Forbidden")
            body = request.json() or {}
            rows = list(self.state.tickets.values())
            for facet in body.get("Filters") or []:
                key = str(facet.get("Facet", "")).lower()
                if key not in KNOWN_FACETS:
                    return error(400, "Invalid filter", field="Filters", detail=f"facet {key!r}")
                if key == "modifieddate" and not str(facet.get("Value", "")).startswith("date>="):
                    return error(400, "Invalid filter", field="Filters", detail="date expression")
                keep = [t for t in rows if self._matches(t, key, facet)]
                rows = [t for t in rows if (t in keep) != bool(facet.get("Negative"))]
            order = (request.arg("$o") or "").split()
            if order and order[0] in ("TicketNumberSort", "TicketNumber"):
                rows.sort(key=lambda t: int(t["TicketNumber"]))
                if len(order) > 1 and order[1].lower().startswith("desc"):
                    rows.reverse()
            else:
                rows.sort(key=lambda t: t["CreatedDate"], reverse=True)
            return self._page(request, [self._ticket_view(t) for t in rows], DEFAULT_PAGE_SIZE)

        # Reference: docs/api/tickets/get-ticket.api.mdx (GET /api/v1.0/tickets/{ticketId})
        @route("GET", f"{API}/tickets/(?P<ticket>{GUID})")
        def get_ticket(request: Request) -> Response:
            ticket = self._visible(request.params["ticket"])
            if isinstance(ticket, Response):
                return ticket
            return Response(200, {"Item": self._ticket_view(ticket)})

        # Reference: docs/api/tickets/get-ticket-activities.api.mdx
        @route("GET", f"{API}/tickets/(?P<ticket>{GUID})/activities")
        def activities(request: Request) -> Response:
            ticket = self._visible(request.params["ticket"])
            if isinstance(ticket, Response):
                return ticket
            return self._page(request, self.state.activities[ticket["TicketId"]], DEFAULT_PAGE_SIZE)

        # Reference: docs/api/tickets/create-ticket-activity.api.mdx
        # (POST /api/v1.0/tickets/{ticketId}/activities/new[/{sendActivityEmail}], answers 201)
        @route("POST", f"{API}/tickets/(?P<ticket>{GUID})/activities/new(?:/(?P<send>true|false))?")
        def new_activity(request: Request) -> Response:
            ticket = self._visible(request.params["ticket"])
            if isinstance(ticket, Response):
                return ticket
            if not self.rights.work:
                return error(403, "Forbidden")
            body = request.json() or {}
            items = body.get("ActivityItems") or []
            if str(body.get("TicketId", "")).lower() != ticket["TicketId"]:
                return error(400, "Validation failed", field="TicketId", detail="must match path")
            if not items or any("$type" not in item for item in items):
                return error(400, "Validation failed", field="ActivityItems", detail="$type")
            item = items[0]
            if item.get("TicketActivityTypeId") != 6 or not item.get("ByUserId"):
                return error(400, "Validation failed", field="ActivityItems", detail="comment")
            owner = body.get("OwnerId") or self.api_user_id
            if owner not in self.state.users:
                return error(400, "Validation failed", field="OwnerId", detail="unknown user")
            # The top-level IsPublic is cloned onto every item (the reference says so).
            activity = self._add_activity(
                ticket,
                owner,
                str(item.get("Comments") or ""),
                public=bool(body.get("IsPublic")),
                notify=request.params.get("send") != "false",
            )
            return Response(201, {"Item": activity, "Id": 0, "Uid": activity["TicketActivityId"]})

        # Reference: docs/api/tickets/get-ticket-followers.api.mdx
        @route("GET", f"{API}/tickets/(?P<ticket>{GUID})/followers")
        def followers(request: Request) -> Response:
            ticket = self._visible(request.params["ticket"])
            if isinstance(ticket, Response):
                return ticket
            ids = self.state.followers[ticket["TicketId"]]
            return Response(200, {"Items": [self._user_view(i, "Follower") for i in ids]})

        # Reference: docs/api/tickets/close-ticket.api.mdx (POST /api/v1.0/tickets/{ticketId}/close)
        @route("POST", f"{API}/tickets/(?P<ticket>{GUID})/close")
        def close(request: Request) -> Response:
            ticket = self._visible(request.params["ticket"])
            if isinstance(ticket, Response):
                return ticket
            if not self.rights.resolve:
                return error(403, "Forbidden")
            if ticket["IsClosed"]:
                return error(400, "Ticket is already closed")
            now = stamp(datetime.now(UTC))
            ticket.update(IsClosed=True, ClosedDate=now, ModifiedDate=now)
            ticket["WorkflowStep"] = {
                "StepName": "Resolved",
                "StatusName": "Resolved",
                "IsClosed": True,
            }
            return Response(200, {"Item": self._ticket_view(ticket)})

        # Reference: docs/api/tickets/set-ticket-waiting-on-requestor.api.mdx
        @route("POST", f"{API}/tickets/(?P<ticket>{GUID})/status/waiting-on-requestor")
        def waiting(request: Request) -> Response:
            ticket = self._visible(request.params["ticket"])
            if isinstance(ticket, Response):
                return ticket
            if not self.rights.work:
                return error(403, "Forbidden")
            if ticket["IsClosed"]:
                return error(400, "Ticket is closed")
            ticket["WorkflowStep"] = {
                "StepName": "Waiting on Requestor",
                "StatusName": "Waiting on Requestor",
                "IsClosed": False,
            }
            ticket["ModifiedDate"] = stamp(datetime.now(UTC))
            return Response(200, {"Item": self._ticket_view(ticket)})

        # Reference: docs/api/tickets/add-ticket-tag.api.mdx and remove-ticket-tag.api.mdx
        @route("POST", f"{API}/tickets/(?P<ticket>{GUID})/tags/(?P<tag>{GUID})")
        def add_tag(request: Request) -> Response:
            return self._change_tag(request, add=True)

        @route("DELETE", f"{API}/tickets/(?P<ticket>{GUID})/tags/(?P<tag>{GUID})")
        def remove_tag(request: Request) -> Response:
            return self._change_tag(request, add=False)

    def _routes_for_lookups(self) -> None:
        route = self.route

        # Reference: docs/api/categories/list-issue-categories.api.mdx (not paged)
        @route("GET", f"{API}/categories/of/issues")
        def categories(request: Request) -> Response:
            items = [
                {"CategoryId": k, "Name": v, "CategoryTypeName": "Issues", "Level": 0}
                for k, v in self.state.categories.items()
            ]
            return Response(200, {"Items": items})

        # Reference: docs/api/tickets/get-ticket-sources.api.mdx (GET /api/v1.0/tickets/sources)
        @route("GET", f"{API}/tickets/sources")
        def sources(request: Request) -> Response:
            items = [
                {"SourceId": k, "Name": v, "IsSystem": True, "IsActive": True}
                for k, v in SOURCES.items()
            ]
            return Response(200, {"Items": items})

        # Reference: docs/api/tags/get-tags-by-query.api.mdx ($p/$s, default page size 25)
        @route("GET", f"{API}/tags/query")
        def tags(request: Request) -> Response:
            items = [
                {"TagId": k, "Name": v, "TagTypeId": 1, "IsDeleted": False, "Scope": "Site"}
                for k, v in self.state.tags.items()
            ]
            return self._page(request, items, 25)

        # Reference: docs/api/users/get-user-by-id.api.mdx (GET /api/v1.0/users/{UserId})
        @route("GET", f"{API}/users/(?P<user>{GUID})")
        def user(request: Request) -> Response:
            user_id = request.params["user"].lower()
            if user_id not in self.state.users:
                return error(404, "User not found")
            return Response(200, {"Item": self.state.users[user_id]})

    # ------------------------------------------------------------------ helpers
    def _visible(self, ticket_id: str) -> dict[str, Any] | Response:
        if not self.rights.view:
            return error(403, "Forbidden")
        ticket = self.state.tickets.get(ticket_id.lower())
        return ticket if ticket is not None else error(404, "Ticket not found")

    def _matches(self, ticket: dict[str, Any], key: str, facet: dict[str, Any]) -> bool:
        # Reference: docs/guides/filtering.md (facet types: Id for entities, Value expressions)
        value = str(facet.get("Value") or "")
        if key == "issuecategory":
            return str(facet.get("Id", "")).lower() == str(ticket["Issue"]["IssueCategoryId"])
        if key == "ticketstate":
            return bool(ticket["IsClosed"]) == (value.lower() == "closed")
        if key == "ticketnumber":
            return value == str(ticket["TicketNumber"])
        if key == "tag":
            return str(facet.get("Id", "")).lower() in list(ticket["TagIds"])
        if key == "status":
            return str(facet.get("Name", "")) == str(ticket["WorkflowStep"]["StatusName"])
        # modifieddate: whole days in the site's time zone (UTC here): date>=MM/DD/YYYY
        day = datetime.strptime(value.removeprefix("date>="), "%m/%d/%Y").date()
        return datetime.fromisoformat(ticket["ModifiedDate"]).date() >= day

    def _page(self, request: Request, rows: list[dict[str, Any]], default: int) -> Response:
        # Reference: docs/guides/pagination.md; api/tickets/search-tickets.api.mdx (max 100)
        size = min(max(int(request.arg("$s") or default), 1), MAX_PAGE_SIZE)
        index = max(int(request.arg("$p") or 0), 0)
        paging = {
            "TotalRows": len(rows),
            "PageCount": math.ceil(len(rows) / size),
            "PageSize": size,
            "PageIndex": index,
        }
        items = rows[index * size : (index + 1) * size]
        return Response(200, {"ItemCount": len(items), "Items": items, "Paging": paging})

    def _user_view(self, user_id: str, relationship: str) -> dict[str, Any]:
        user = self.state.users[user_id]
        return user | {"Relationship": relationship}

    def _ticket_view(self, ticket: dict[str, Any]) -> dict[str, Any]:
        view = {k: v for k, v in ticket.items() if k != "TagIds"}
        view["For"] = self._user_view(ticket["ForId"], "For")
        view["Owner"] = self._user_view(ticket["OwnerId"], "Owner")
        view["Tags"] = [
            {"TagId": t, "Name": self.state.tags[t], "TagTypeId": 1, "IsDeleted": False}
            for t in ticket["TagIds"]
        ]
        view["TicketFollowerUserIds"] = list(self.state.followers[ticket["TicketId"]])
        view["UserPermissions"] = {
            "TicketId": ticket["TicketId"],
            "UserId": self.api_user_id,
            "CanView": self.rights.view,
            "CanWork": self.rights.work,
            "CanResolve": self.rights.resolve,
        }
        return view

    def _add_activity(
        self, ticket: dict[str, Any], owner: str, text: str, *, public: bool, notify: bool = True
    ) -> dict[str, Any]:
        now = stamp(datetime.now(UTC))
        user = self.state.users[owner]
        activity = {
            "TicketActivityId": new_id(),
            "TicketId": ticket["TicketId"],
            "OwnerId": owner,
            # Activity owners carry names, not e-mail addresses (get-ticket-activities schema).
            "Owner": {"UserId": owner, "Name": user["Name"], "FullName": user["Name"]},
            "CreatedDate": now,
            "ModifiedDate": now,
            "IsPublic": public,
            "IsDeleted": False,
            "ActivityItems": [
                {
                    "$type": COMMENT_TYPE,
                    "TicketActivityTypeId": 6,
                    "Comments": text,
                    "IsPublic": public,
                }
            ],
        }
        self.state.activities[ticket["TicketId"]].append(activity)
        ticket["ModifiedDate"] = now
        if public and notify and owner != ticket["ForId"]:
            recipients = [ticket["ForId"], *self.state.followers[ticket["TicketId"]]]
            for user_id in recipients:
                self.state.mail.append(
                    Mail(ticket["TicketId"], self.state.users[user_id]["Email"], text)
                )
        return activity

    def _change_tag(self, request: Request, *, add: bool) -> Response:
        ticket = self._visible(request.params["ticket"])
        if isinstance(ticket, Response):
            return ticket
        if not self.rights.work:
            return error(403, "Forbidden")
        tag_id = request.params["tag"].lower()
        if tag_id not in self.state.tags:
            return error(404, "Tag not found")
        if add and tag_id not in ticket["TagIds"]:
            ticket["TagIds"].append(tag_id)
        elif not add:
            if tag_id not in ticket["TagIds"]:
                return error(404, "Tag is not on the ticket")
            ticket["TagIds"].remove(tag_id)
        ticket["ModifiedDate"] = stamp(datetime.now(UTC))
        return Response(200, {"StatusCode": 200, "Message": "", "OperationId": new_id()})


def error(status: int, message: str, *, field: str = "", detail: str = "") -> Response:
    """Incident IQ's error body (docs/guides/error-handling.md, "Error Response Format")."""
    body: dict[str, Any] = {"StatusCode": status, "Message": message, "CorrelationId": new_id()}
    if field:
        body["Errors"] = [{"Field": field, "Message": detail}]
    return Response(status, body)
