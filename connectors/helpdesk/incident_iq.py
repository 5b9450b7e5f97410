"""Incident IQ: the :class:`~connectors.helpdesk.base.HelpDesk` for the K-12 help-desk.

Vendor reference: Incident IQ's API reference (https://incidentiq.stoplight.io/, API v1.0) and
its Postman collection, mirrored with the Stoplight controllers in public SDK repositories
(e.g. github.com/herooftimeandspace/incidentiq-sdk-golang, ``data/``).  Every call carries
``Authorization: Bearer <token>``, ``SiteId: <district GUID>`` and ``Client: ApiClient``.
What Incident IQ does that the code below works around:

* Tickets have a GUID (``TicketId``) and the number people see (``TicketNumber``).  Ticket ids
  here are the numbers; the GUID is found once by searching on the ``ticketnumber`` facet.
* Answers are envelopes (``Item``/``Items``, ``Paging``) that may carry ``Errors`` (soft
  validation errors) or an ``ErrorKey`` with HTTP 200: those are failures, mapped once in
  :func:`map_error`.
* The search (``POST /tickets``) pages by page index and size (``$s``, ``$o`` and ``$d`` are in
  the Postman collection; the index parameter ``$p``, from 0, is not shown there and wants
  checking on a live site); the answer's ``Paging.PageCount`` ends the listing.  The whole
  listing is read before anything is yielded, so closing tickets while the caller works can
  shift nothing off a page.  Closed tickets and ``updated_since`` are filtered here
  (``IsClosed``, ``ModifiedDate``), the category by the ``issuecategory`` facet.
* Statuses are workflow steps: a closed step is "resolved", "Waiting on Requestor" is
  "stalled", and an open ticket is "new" until an agent has commented publicly, then "open".
* Replies and notes are both comment activities (``TicketActivityTypeId`` 6), told apart by
  ``IsPublic``; the requester's own comments are those whose owner submitted the ticket.
* The worker's mark is a ticket custom field (text), which search answers carry, so the
  listing reports each ticket's mark without a fetch.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ..checks import Check
from ..errors import ConnectorError, PermanentError
from ..http import HttpAnswer, HttpClient, JsonResponse, Timeouts, TokenAuth
from .base import ContentType, Message, ReviewMark, Ticket, TicketRef
from .config import IncidentIQConfig

logger = logging.getLogger(__name__)

SERVICE = "Incident IQ"
API = "/api/v1.0"
MAX_PAGES = 1_000  # bounds every paging loop
ACTIVITY_PAGE = 100
COMMENT_ACTIVITY = 6  # TicketActivityTypeId of a comment
COMMENT_ITEM_TYPE = "Spark.Shared.Models.TicketActivityComment, Spark.Shared"
WAITING_ON_REQUESTOR = "waiting on requestor"
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")

Model = TypeVar("Model", bound=BaseModel)


def refused(message: str) -> PermanentError:
    """A ``PermanentError`` that names Incident IQ as the service."""
    return PermanentError(message, service=SERVICE)


# ---------------------------------------------------------------------- vendor shapes
class _IModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class IUser(_IModel):
    UserId: str = ""
    Email: str | None = None
    Name: str = ""
    RoleName: str = ""


class IWorkflowStep(_IModel):
    StatusName: str = ""
    StepName: str = ""
    IsClosed: bool = False


class IIssue(_IModel):
    IssueCategoryId: str | None = None
    IssueCategoryName: str = ""


class ICustomFieldValue(_IModel):
    CustomFieldId: str
    Value: str | None = None


class ITicket(_IModel):
    TicketId: str
    TicketNumber: int
    Subject: str = ""
    IssueDescription: str | None = None
    OwnerId: str | None = None
    Owner: IUser | None = None
    IsClosed: bool = False
    WorkflowStep: IWorkflowStep | None = None
    Issue: IIssue | None = None
    CustomFieldValues: list[ICustomFieldValue] = []
    TicketFollowerUserIds: list[str] = []
    CreatedDate: datetime | None = None
    ModifiedDate: datetime | None = None

    def field_value(self, field_id: str) -> str | None:
        wanted = field_id.lower()
        return next(
            (v.Value for v in self.CustomFieldValues if v.CustomFieldId.lower() == wanted), None
        )


class IPaging(_IModel):
    PageIndex: int = 0
    PageSize: int = 0
    TotalRows: int = 0
    PageCount: int = 0


class ITicketPage(_IModel):
    Items: list[ITicket]
    Paging: IPaging = IPaging()


class ITicketItem(_IModel):
    Item: ITicket


class IActivityItem(_IModel):
    TicketActivityTypeId: int | None = None
    Comments: str | None = None


class IActivity(_IModel):
    TicketActivityId: str
    IsPublic: bool = False
    OwnerId: str | None = None
    Owner: IUser | None = None
    CreatedDate: datetime
    ActivityItems: list[IActivityItem] = []


class IActivityPage(_IModel):
    Items: list[IActivity]
    Paging: IPaging = IPaging()


class IActivityItemResponse(_IModel):
    Item: IActivity


class IUserItem(_IModel):
    Item: IUser


class ICustomField(_IModel):
    CustomFieldId: str
    Name: str = ""


class ICustomFieldItem(_IModel):
    Item: ICustomField


def parse(model: type[Model], data: Any, what: str) -> Model:
    """Validate one answer; an unexpected shape is a PermanentError naming fields, not values."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
        raise refused(f"unexpected Incident IQ answer for {what} (fields: {fields})") from None


# ---------------------------------------------------------------------- pure helpers
def ticket_number(ticket_id: str) -> int:
    """The Incident IQ ticket number in ``ticket_id``; PermanentError for anything else."""
    if not ticket_id.isascii() or not ticket_id.isdigit() or int(ticket_id) < 1:
        raise refused(f"not an Incident IQ ticket number: {ticket_id!r}")
    return int(ticket_id)


def map_error(answer: HttpAnswer) -> ConnectorError | None:
    """An ``ErrorKey`` or soft validation ``Errors`` in the envelope, whatever the status."""
    if answer.status in (401, 403, 404, 429) or answer.status >= 500:
        return None
    body = answer.json()
    if not isinstance(body, dict):
        return None
    errors = body.get("Errors")
    found = errors if isinstance(errors, list) else []
    keys = sorted(
        {str(e.get("ErrorKey") or e.get("Field")) for e in found if isinstance(e, dict)}
        | ({str(body["ErrorKey"])} if body.get("ErrorKey") else set())
    )
    if not keys:
        return None
    # Names only: an error's Message may quote what we sent.
    return PermanentError(
        f"{answer.method} {answer.path}: HTTP {answer.status} ({', '.join(keys)})"
    )


def normalised_status(ticket: ITicket, agent_replied: bool) -> str:
    """The workflow step as the words the pipeline uses (see the module docstring)."""
    step = ticket.WorkflowStep or IWorkflowStep()
    if ticket.IsClosed or step.IsClosed:
        return "resolved"
    if WAITING_ON_REQUESTOR in (step.StatusName.lower(), step.StepName.lower()):
        return "stalled"
    return "open" if agent_replied else "new"


def _content_type(text: str) -> ContentType:
    # Incident IQ keeps what the editor or the mail gateway produced: HTML when it has tags.
    return "text/html" if re.search(r"<[a-zA-Z][^>]*>", text) else "text/plain"


def _mark_value(value: str | None) -> ReviewMark | None:
    try:
        return ReviewMark(value or "")
    except ValueError:
        return None


# ---------------------------------------------------------------------- the connector
class IncidentIQHelpDesk:
    """Incident IQ through its API v1.0, as one API user with a token."""

    def __init__(self, config: IncidentIQConfig, *, http: HttpClient | None = None) -> None:
        missing = [
            f"TICKETWORKER_HELPDESK__{name.upper()}"
            for name in ("site_id", "issue_category_id", "mark_field_id")
            if not _GUID.match(getattr(config, name))
        ]
        if config.token is None and http is None:
            missing.insert(0, "TICKETWORKER_HELPDESK__TOKEN")
        if missing:
            raise ValueError(f"Incident IQ needs {', '.join(missing)} (GUIDs from Developer Tools)")
        self._config = config
        seconds = config.timeout_seconds
        # Reference: https://incidentiq.stoplight.io/ (Authorization: Bearer, SiteId, Client)
        self._http = http or HttpClient(
            config.base_url.rstrip("/") + API,
            auth=TokenAuth(config.token, "Bearer") if config.token else None,
            headers={"SiteId": config.site_id, "Client": "ApiClient"},
            timeouts=Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            service=SERVICE,
            error_mapper=map_error,
        )
        self._guids: dict[int, str] = {}
        self._emails: dict[str, str] = {}

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the category's open tickets, lowest number first, each once."""
        since = _utc(updated_since)
        tickets: dict[int, ITicket] = {}
        filters = [{"Facet": "issuecategory", "Id": self._config.issue_category_id}]
        for page_index in range(MAX_PAGES):
            page = self._search(filters, page_index, self._config.page_size)
            for ticket in page.Items:
                tickets.setdefault(ticket.TicketNumber, ticket)
                self._guids[ticket.TicketNumber] = ticket.TicketId
            if _last_page(page.Paging, page_index, len(page.Items), self._config.page_size):
                break
        else:
            raise refused(f"more than {MAX_PAGES} pages of tickets in the category")
        for number in sorted(tickets):
            ticket = tickets[number]
            if ticket.IsClosed or (ticket.WorkflowStep and ticket.WorkflowStep.IsClosed):
                continue
            if (
                since is not None
                and ticket.ModifiedDate is not None
                and ticket.ModifiedDate < since
            ):
                continue
            mark = _mark_value(ticket.field_value(self._config.mark_field_id))
            yield TicketRef(id=str(number), updated_at=ticket.ModifiedDate, mark=mark)

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket, its description and its comments (public and internal)."""
        ticket = self._ticket(ticket_number(ticket_id))
        activities = list(self._activities(ticket.TicketId))
        messages: list[Message] = []
        agent_replied = False
        for activity in activities:
            text = "\n".join(
                item.Comments or ""
                for item in activity.ActivityItems
                if item.TicketActivityTypeId == COMMENT_ACTIVITY and item.Comments
            )
            if not text:
                continue  # status changes, rules and views are not messages
            from_requester = bool(ticket.OwnerId) and activity.OwnerId == ticket.OwnerId
            agent_replied = agent_replied or (activity.IsPublic and not from_requester)
            author = activity.Owner.Email if activity.Owner and activity.Owner.Email else ""
            messages.append(
                Message(
                    id=activity.TicketActivityId,
                    author=author or self._email(activity.OwnerId or ""),
                    created_at=activity.CreatedDate,
                    content_type=_content_type(text),
                    body=text,
                    public=activity.IsPublic,
                    from_requester=from_requester,
                )
            )
        body = ticket.IssueDescription or ""
        owner = ticket.Owner
        requester = (owner.Email if owner else None) or self._email(ticket.OwnerId or "")
        return Ticket(
            id=str(ticket.TicketNumber),
            subject=ticket.Subject,
            requester=requester,
            category=ticket.Issue.IssueCategoryName if ticket.Issue else "",
            content_type=_content_type(body),
            body=body,
            created_at=ticket.CreatedDate,
            updated_at=ticket.ModifiedDate,
            status=normalised_status(ticket, agent_replied),
            messages=tuple(sorted(messages, key=lambda m: m.created_at)),
            watchers=tuple(
                email for email in map(self._email, ticket.TicketFollowerUserIds) if email
            ),
        )

    def reply(self, ticket_id: str, text: str) -> None:
        """A public comment: the requester sees it and is notified."""
        self._comment(ticket_number(ticket_id), text, public=True)

    def add_note(self, ticket_id: str, text: str) -> None:
        """A private comment: agents only."""
        self._comment(ticket_number(ticket_id), text, public=False)

    def resolve(self, ticket_id: str) -> None:
        """Close the ticket with the configured close reason (none when closed) and check."""
        number = ticket_number(ticket_id)
        ticket = self._ticket(number)
        if normalised_status(ticket, False) == "resolved":
            return
        body = {"CloseReasonTypeId": self._config.close_reason_type_id}
        # Reference: https://incidentiq.stoplight.io/ (Tickets: POST /tickets/{TicketId}/close)
        self._http.request("POST", f"tickets/{ticket.TicketId}/close", json=body)
        if normalised_status(self._ticket(number), False) != "resolved":
            raise refused(f"Incident IQ ticket {number} is still open after closing")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Write the mark field (an empty value clears it) and read it back."""
        number = ticket_number(ticket_id)
        guid = self._guid(number)
        values = [{"CustomFieldId": self._config.mark_field_id, "Value": mark.value}]
        # Reference: https://incidentiq.stoplight.io/
        # (Tickets: POST /tickets/{TicketId}/custom-fields, "Update custom fields")
        self._http.request("POST", f"tickets/{guid}/custom-fields", json=values)
        if self.get_mark(ticket_id) is not mark:
            raise refused(f"Incident IQ did not keep the mark on ticket {number}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """Read the mark field; PermanentError for a value the worker never writes."""
        number = ticket_number(ticket_id)
        mark = _mark_value(self._ticket(number).field_value(self._config.mark_field_id))
        if mark is None:
            raise refused(f"unknown mark value on Incident IQ ticket {number}")
        return mark

    def self_check(self) -> list[Check]:
        """The token and SiteId, the mark field and a dry read of the category."""
        field_id = self._config.mark_field_id
        try:
            # Reference: https://incidentiq.stoplight.io/ (Custom Fields: GET /custom-fields/{id})
            answer = self._http.request("GET", f"custom-fields/{field_id}", allow_statuses=(404,))
        except ConnectorError as exc:
            fix = (
                "set TICKETWORKER_HELPDESK__TOKEN and TICKETWORKER_HELPDESK__SITE_ID "
                "(Administration > Developer Tools)"
                if exc.status in (401, 403)
                else f"check TICKETWORKER_HELPDESK__BASE_URL ({self._http.base_url})"
            )
            return [Check("help-desk credentials", False, str(exc), fix)]
        checks = [Check("help-desk credentials", True, f"{SERVICE} site {self._config.site_id}")]
        if answer.status == 404:
            checks.append(
                Check(
                    "help-desk mark field",
                    False,
                    f"custom field {field_id} not found",
                    "create a ticket text custom field for the mark and set "
                    "TICKETWORKER_HELPDESK__MARK_FIELD_ID to its id",
                )
            )
        else:
            found = parse(ICustomFieldItem, answer.data, "custom field").Item
            checks.append(Check("help-desk mark field", True, f"custom field {found.Name!r}"))
        filters = [{"Facet": "issuecategory", "Id": self._config.issue_category_id}]
        try:
            page = self._search(filters, 0, 1)
            checks.append(
                Check("help-desk category", True, f"{page.Paging.TotalRows} tickets in it")
            )
        except ConnectorError as exc:
            checks.append(
                Check(
                    "help-desk category",
                    False,
                    str(exc),
                    "set TICKETWORKER_HELPDESK__ISSUE_CATEGORY_ID to the category's id and give "
                    "the API user a role that may view its tickets",
                )
            )
        return checks

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _search(self, filters: list[dict[str, str]], page_index: int, size: int) -> ITicketPage:
        params = {"$p": page_index, "$s": size, "$o": "TicketCreatedDate", "$d": "Ascending"}
        body = {"Schema": "All", "Filters": filters}
        # Reference: https://incidentiq.stoplight.io/ (POST /api/v1.0/tickets with Filters,
        # e.g. {"Facet": "issuecategory", "Id": ...}; $p page index, $s page size).  A search:
        # safe to repeat after a dropped connection.
        answer: JsonResponse = self._http.request(
            "POST", "tickets", params=params, json=body, read_only=True
        )
        return parse(ITicketPage, answer.data, "ticket search")

    def _guid(self, number: int) -> str:
        if number not in self._guids:
            found = self._search([{"Facet": "ticketnumber", "Value": str(number)}], 0, 1).Items
            match = next((t for t in found if t.TicketNumber == number), None)
            if match is None:
                raise refused(f"Incident IQ ticket {number} does not exist or is not visible")
            self._guids[number] = match.TicketId
        return self._guids[number]

    def _ticket(self, number: int) -> ITicket:
        guid = self._guid(number)
        # Reference: https://incidentiq.stoplight.io/ (Tickets: GET /tickets/{TicketId})
        return parse(ITicketItem, self._http.get(f"tickets/{guid}"), "ticket").Item

    def _activities(self, guid: str) -> Iterator[IActivity]:
        for page_index in range(MAX_PAGES):
            # Reference: GET /api/v1.0/tickets/{TicketId}/activities (Incident IQ's Postman
            # collection; $p page index, $s page size)
            params = {"$p": page_index, "$s": ACTIVITY_PAGE}
            data = self._http.get(f"tickets/{guid}/activities", params)
            page = parse(IActivityPage, data, "activities")
            yield from page.Items
            if _last_page(page.Paging, page_index, len(page.Items), ACTIVITY_PAGE):
                return
        raise refused(f"more than {MAX_PAGES} pages of activities")

    def _comment(self, number: int, text: str, *, public: bool) -> None:
        if not text.strip():
            raise refused("refusing to post an empty message")
        guid = self._guid(number)
        body = {
            "TicketId": guid,
            "ActivityItems": [
                {"$type": COMMENT_ITEM_TYPE, "TicketActivityTypeId": COMMENT_ACTIVITY,
                 "Comments": text}
            ],
            "IsPublic": public,
            "WaitForResponse": False,
        }  # fmt: skip
        # Reference: Incident IQ's Postman collection, "Post Comment to Ticket"
        # (POST /api/v1.0/tickets/{TicketId}/activities/new, IsPublic for reply vs note)
        answer = self._http.request("POST", f"tickets/{guid}/activities/new", json=body)
        parse(IActivityItemResponse, answer.data, "new comment")

    def _email(self, user_id: str) -> str:
        if not user_id:
            return ""
        if user_id not in self._emails:
            # Reference: https://incidentiq.stoplight.io/ (Users: GET /users/{UserId})
            answer = self._http.request("GET", f"users/{user_id}", allow_statuses=(404,))
            user = parse(IUserItem, answer.data, "user").Item if answer.status == 200 else None
            self._emails[user_id] = (user.Email if user else None) or ""
        return self._emails[user_id]


def _last_page(paging: IPaging, index: int, count: int, size: int) -> bool:
    """Whether page ``index`` was the last: by ``PageCount``, or a short page when it is absent."""
    if count == 0:
        return True
    if paging.PageCount:
        return index + 1 >= paging.PageCount
    return count < size


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
