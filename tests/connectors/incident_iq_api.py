"""Incident IQ API v1.0 as its reference documents it, served on 127.0.0.1 for the tests.

References: https://incidentiq.stoplight.io/ (the Stoplight controllers) and Incident IQ's
Postman collection, both mirrored in github.com/herooftimeandspace/incidentiq-sdk-golang
(``data/``).  What is played here:

* every call needs ``Authorization: Bearer <token>``, the district's ``SiteId`` and a
  ``Client`` header; otherwise 401 with ASP.NET's ``{"Message": "Authorization has been
  denied for this request."}``; an API user whose role may not view tickets gets 403;
* answers are envelopes: ``Item`` or ``Items`` with ``Paging`` (``PageIndex``, ``PageSize``,
  ``TotalRows``, ``PageCount``), plus ``UserToken``, ``RequestDate``, ``ExecutionTime``,
  ``StatusCode`` and ``ProcessId``; a refused change is an HTTP 200 whose ``Errors`` lists soft
  validation errors (``Field``, ``ErrorKey``, ``Message``);
* ``POST /tickets`` searches with ``{"Filters": [{"Facet": ..., "Id"/"Value": ...}]}``
  (``issuecategory`` by id, ``ticketnumber`` by value), ``$p`` page index from 0, ``$s`` page
  size, ``$o``/``$d`` order; an unknown facet is a 400 with an ``ErrorKey``;
* tickets with a GUID and a number, ``IssueDescription`` as written (text or HTML), the
  submitter (``Owner``), the workflow step (``Submitted``, ``In Progress``, ``Waiting on
  Requestor``, ``Closed``), ``CustomFieldValues`` and follower ids;
* ``POST /tickets/{id}/activities/new`` (comment items, ``IsPublic``; public comments mail the
  submitter and followers), ``GET /tickets/{id}/activities``, ``POST .../custom-fields``,
  ``POST .../close`` with a ``CloseReasonTypeId`` from the documented list, ``GET /users/{id}``
  and ``GET /custom-fields/{id}``;
* a rate limit per minute, answered with 429 and ``Retry-After`` (the reference documents no
  remaining-quota headers, so none are sent).
"""

from __future__ import annotations

import itertools
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .vendor_server import Request, Response, VendorServer

TOKEN = "iiq-api-token-0001"
NO_TICKETS_TOKEN = "iiq-api-token-0002"  # an API user whose role may not view tickets
SITE_ID = "bb6cece8-e4f4-e511-a789-005056bb000e"
IT_CATEGORY = "3a46c3bf-013d-e811-80c3-0004ffa07bd7"
HARDWARE_CATEGORY = "4b57d4c0-124e-e811-80c3-0004ffa07bd8"
CATEGORIES = {IT_CATEGORY: "Instructional Technology", HARDWARE_CATEGORY: "Hardware"}
MARK_FIELD_ID = "4112aa9a-db65-4e49-ad67-a5423010b344"
AGENT_ID = "e37a604a-2243-e611-a93b-a45e60e682da"
CLOSE_REASONS = {f"C98AE44E-ADA0-4AE7-AE30-817785C0000{n}" for n in range(1, 7)}
STEPS = {
    "Submitted": False,
    "In Progress": False,
    "Waiting on Requestor": False,
    "Closed": True,
}


def _now() -> str:
    moment = datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _envelope(**content: Any) -> dict[str, Any]:
    return {
        "UserToken": str(uuid.uuid4()),
        "RequestDate": _now(),
        "ExecutionTime": 12.5,
        "StatusCode": 200,
        "ProcessId": 4242,
        "Errors": [],
        **content,
    }


def _soft_error(field_name: str, key: str, message: str) -> Response:
    # A refused change is still HTTP 200: the envelope's Errors says why.
    body = _envelope(
        Errors=[{"Field": field_name, "ErrorKey": key, "Message": message}],
        ErrorKey=key,
        Message=message,
    )
    return Response(200, body)


@dataclass
class FakeTicket:
    guid: str
    number: int
    subject: str
    description: str
    owner_id: str
    category_id: str
    step: str = "Submitted"
    fields: dict[str, str] = field(default_factory=dict)
    followers: list[str] = field(default_factory=list)
    created: str = field(default_factory=_now)
    modified: str = field(default_factory=_now)


class IncidentIQAPI(VendorServer):
    """The fake district (see the module docstring)."""

    json_type = "application/json; charset=utf-8"

    def __init__(self, *, limit_per_minute: int = 100_000) -> None:
        super().__init__()
        self.limit = limit_per_minute
        self.users: dict[str, dict[str, Any]] = {
            AGENT_ID: {"UserId": AGENT_ID, "Email": "ticketworker@district.example",
                       "Name": "Ticket Worker", "RoleName": "Agent"},
        }  # fmt: skip
        self.tokens = {TOKEN: True, NO_TICKETS_TOKEN: False}
        self.custom_fields = {MARK_FIELD_ID: "Ticketworker State"}
        self.tickets: dict[str, FakeTicket] = {}
        self.activities: dict[str, list[dict[str, Any]]] = {}
        #: (ticket number, address, text) of every notification the district sent.
        self.mailbox: list[tuple[int, str, str]] = []
        self._numbers = itertools.count(1001)
        self._window_start = time.monotonic()
        self._used = 0
        self._register()

    # -- the outside world ------------------------------------------------------------
    def user(self, email: str, role: str = "Faculty") -> str:
        for user_id, user in self.users.items():
            if user["Email"] == email:
                return user_id
        user_id = str(uuid.uuid4())
        self.users[user_id] = {"UserId": user_id, "Email": email, "Name": email.split("@")[0],
                               "RoleName": role}  # fmt: skip
        return user_id

    def submit(
        self,
        subject: str,
        description: str,
        submitter: str = "p.quenby@lakeside.example",
        category_id: str = IT_CATEGORY,
        followers: tuple[str, ...] = (),
    ) -> int:
        """A staff member submits a ticket through the portal."""
        with self.lock:
            ticket = FakeTicket(
                guid=str(uuid.uuid4()),
                number=next(self._numbers),
                subject=subject,
                description=description,
                owner_id=self.user(submitter),
                category_id=category_id,
                followers=[self.user(f) for f in followers],
            )
            self.tickets[ticket.guid] = ticket
            self.activities[ticket.guid] = []
            return ticket.number

    def by_number(self, number: int) -> FakeTicket:
        return next(t for t in self.tickets.values() if t.number == number)

    def submitter_comments(self, number: int, text: str) -> None:
        with self.lock:
            ticket = self.by_number(number)
            self._add_comment(ticket, ticket.owner_id, text, public=True)

    def mailed_to(self, number: int, address: str) -> list[str]:
        with self.lock:
            return [t for n, a, t in self.mailbox if n == number and a == address]

    # -- authentication and rate limits -----------------------------------------------
    def authenticate(self, request: Request) -> Response | None:
        # Reference: https://incidentiq.stoplight.io/ (Bearer token, SiteId and Client headers)
        header = request.header("Authorization")
        token = header[7:] if header.startswith("Bearer ") else ""
        if (
            token not in self.tokens
            or request.header("SiteId").lower() != SITE_ID
            or not request.header("Client")
        ):
            return Response(401, {"Message": "Authorization has been denied for this request."})
        now = time.monotonic()
        if now - self._window_start >= 60:
            self._window_start, self._used = now, 0
        if self._used >= self.limit:
            wait = max(1, int(60 - (now - self._window_start)))
            return Response(429, {"Message": "Too many requests."}, {"Retry-After": str(wait)})
        self._used += 1
        if not self.tokens[token] and request.path.startswith("/api/v1.0/tickets"):
            return Response(403, {"Message": "You do not have permission to view tickets."})
        return None

    def not_found(self, request: Request) -> Response:
        return Response(
            404, {"Message": f"No HTTP resource was found that matches {request.path}."}
        )

    # -- routes -----------------------------------------------------------------------
    def _register(self) -> None:
        api = "/api/v1.0"
        guid = r"(?P<id>[0-9a-fA-F-]{36})"
        self.route("POST", api + r"/tickets")(self._search)
        self.route("GET", api + rf"/tickets/{guid}")(self._get_ticket)
        self.route("GET", api + rf"/tickets/{guid}/activities")(self._list_activities)
        self.route("POST", api + rf"/tickets/{guid}/activities/new")(self._new_activity)
        self.route("POST", api + rf"/tickets/{guid}/custom-fields")(self._set_fields)
        self.route("POST", api + rf"/tickets/{guid}/close")(self._close)
        self.route("GET", api + rf"/users/{guid}")(self._get_user)
        self.route("GET", api + rf"/custom-fields/{guid}")(self._get_field)

    def _ticket_json(self, ticket: FakeTicket) -> dict[str, Any]:
        owner = self.users[ticket.owner_id]
        closed = STEPS[ticket.step]
        return {
            "TicketId": ticket.guid,
            "TicketNumber": ticket.number,
            "SiteId": SITE_ID,
            "Subject": ticket.subject,
            "IssueDescription": ticket.description,
            "OwnerId": ticket.owner_id,
            "Owner": {"UserId": owner["UserId"], "Email": owner["Email"], "Name": owner["Name"],
                      "RoleName": owner["RoleName"]},
            "ForId": ticket.owner_id,
            "IsClosed": closed,
            "ClosedDate": ticket.modified if closed else None,
            "WorkflowStep": {"StepName": ticket.step, "StatusName": ticket.step,
                             "IsClosed": closed},
            "IssueId": str(uuid.UUID(int=1)),
            "Issue": {"IssueCategoryId": ticket.category_id,
                      "IssueCategoryName": CATEGORIES[ticket.category_id]},
            "CustomFieldValues": [{"CustomFieldId": k, "Value": v}
                                  for k, v in ticket.fields.items()],
            "TicketFollowerUserIds": list(ticket.followers),
            "Tags": [],
            "CreatedDate": ticket.created,
            "ModifiedDate": ticket.modified,
        }  # fmt: skip

    def _paged(self, request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
        index = int(request.arg("$p", "0") or 0)
        size = int(request.arg("$s", "20") or 20)
        chunk = items[index * size : (index + 1) * size]
        pages = (len(items) + size - 1) // size
        paging = {"PageIndex": index, "PageSize": size, "TotalRows": len(items), "PageCount": pages}
        return _envelope(Items=chunk, Paging=paging)

    # Reference: Postman collection, "Get Tickets With Filter (Issue Category)" and
    # "(Ticket Number)": POST /api/v1.0/tickets
    def _search(self, request: Request) -> Response:
        body = request.json() or {}
        found = list(self.tickets.values())
        for rule in body.get("Filters") or []:
            facet = str(rule.get("Facet", "")).lower()
            if facet == "issuecategory":
                found = [t for t in found if t.category_id.lower() == str(rule.get("Id")).lower()]
            elif facet == "ticketnumber":
                found = [t for t in found if str(t.number) == str(rule.get("Value"))]
            else:
                return Response(400, _envelope(ErrorKey="InvalidFilterFacet",
                                               Message=f"Unknown facet {facet}"))  # fmt: skip
        order = request.arg("$o", "TicketCreatedDate")
        key = {"TicketCreatedDate": lambda t: (t.created, t.number),
               "TicketNumber": lambda t: (t.number,)}.get(order or "")  # fmt: skip
        if key is None:
            return Response(400, _envelope(ErrorKey="InvalidSort", Message="Unknown sort"))
        found.sort(key=key, reverse=(request.arg("$d") or "") == "Descending")
        return Response(200, self._paged(request, [self._ticket_json(t) for t in found]))

    # Reference: https://incidentiq.stoplight.io/ (Tickets: GET /tickets/{TicketId})
    def _get_ticket(self, request: Request) -> Response:
        ticket = self.tickets.get(request.params["id"].lower())
        if ticket is None:
            return Response(404, {"Message": "Ticket not found."})
        return Response(200, _envelope(Item=self._ticket_json(ticket)))

    def _activity_json(self, activity: dict[str, Any]) -> dict[str, Any]:
        owner = self.users[activity["OwnerId"]]
        return {**activity, "Owner": {"UserId": owner["UserId"], "Email": owner["Email"],
                                      "RoleName": owner["RoleName"]}}  # fmt: skip

    # Reference: GET /api/v1.0/tickets/{TicketId}/activities (SDK inventory, Postman)
    def _list_activities(self, request: Request) -> Response:
        ticket = self.tickets.get(request.params["id"].lower())
        if ticket is None:
            return Response(404, {"Message": "Ticket not found."})
        items = [self._activity_json(a) for a in self.activities[ticket.guid]]
        return Response(200, self._paged(request, items))

    # Reference: Postman collection, "Post Comment to Ticket"
    def _new_activity(self, request: Request) -> Response:
        ticket = self.tickets.get(request.params["id"].lower())
        if ticket is None:
            return Response(404, {"Message": "Ticket not found."})
        body = request.json() or {}
        comments = [
            i for i in body.get("ActivityItems") or []
            if i.get("TicketActivityTypeId") == 6 and str(i.get("Comments", "")).strip()
        ]  # fmt: skip
        if not comments:
            return _soft_error("Comments", "CommentRequired", "A comment is required.")
        text = "\n".join(str(i["Comments"]) for i in comments)
        activity = self._add_comment(ticket, AGENT_ID, text, public=bool(body.get("IsPublic")))
        return Response(200, _envelope(Item=self._activity_json(activity)))

    # Reference: https://incidentiq.stoplight.io/ (Tickets: POST /tickets/{id}/custom-fields)
    def _set_fields(self, request: Request) -> Response:
        ticket = self.tickets.get(request.params["id"].lower())
        if ticket is None:
            return Response(404, {"Message": "Ticket not found."})
        values = request.json()
        if not isinstance(values, list):
            return _soft_error("Values", "InvalidRequest", "A list of values is required.")
        for value in values:
            field_id = str(value.get("CustomFieldId", "")).lower()
            if field_id not in self.custom_fields:
                return _soft_error("CustomFieldId", "CustomFieldNotFound", "No such field.")
        for value in values:
            text = value.get("Value") or ""
            field_id = str(value["CustomFieldId"]).lower()
            if text:
                ticket.fields[field_id] = text
            else:
                ticket.fields.pop(field_id, None)
        ticket.modified = _now()
        return Response(200, _envelope(Message="Custom fields updated"))

    # Reference: https://incidentiq.stoplight.io/ (Tickets: POST /tickets/{TicketId}/close)
    def _close(self, request: Request) -> Response:
        ticket = self.tickets.get(request.params["id"].lower())
        if ticket is None:
            return Response(404, {"Message": "Ticket not found."})
        reason = str((request.json() or {}).get("CloseReasonTypeId", "")).upper()
        if reason not in CLOSE_REASONS:
            return _soft_error("CloseReasonTypeId", "InvalidCloseReason", "Unknown reason.")
        ticket.step = "Closed"
        ticket.modified = _now()
        return Response(200, _envelope(Message="Ticket closed"))

    # Reference: https://incidentiq.stoplight.io/ (Users: GET /users/{UserId})
    def _get_user(self, request: Request) -> Response:
        user = self.users.get(request.params["id"].lower())
        if user is None:
            return Response(404, {"Message": "User not found."})
        return Response(200, _envelope(Item=user))

    # Reference: https://incidentiq.stoplight.io/ (Custom Fields: GET /custom-fields/{id})
    def _get_field(self, request: Request) -> Response:
        name = self.custom_fields.get(request.params["id"].lower())
        if name is None:
            return Response(404, {"Message": "Custom field not found."})
        return Response(200, _envelope(Item={"CustomFieldId": request.params["id"], "Name": name}))

    # -- state helpers ----------------------------------------------------------------
    def _add_comment(
        self, ticket: FakeTicket, owner_id: str, text: str, *, public: bool
    ) -> dict[str, Any]:
        stamp = _now()
        activity = {
            "TicketActivityId": str(uuid.uuid4()),
            "TicketId": ticket.guid,
            "OwnerId": owner_id,
            "IsPublic": public,
            "CreatedDate": stamp,
            "ModifiedDate": stamp,
            "ActivityItems": [{"TicketActivityTypeId": 6, "Comments": text, "IsPublic": public}],
        }
        self.activities[ticket.guid].append(activity)
        ticket.modified = stamp
        if public:
            for user_id in [ticket.owner_id, *ticket.followers]:
                if user_id != owner_id:
                    self.mailbox.append((ticket.number, self.users[user_id]["Email"], text))
        return activity
