"""Jira Service Management Cloud as its REST references document it, served on 127.0.0.1.

References: https://developer.atlassian.com/cloud/jira/platform/rest/v3/ and
https://developer.atlassian.com/cloud/jira/service-desk/rest/.  What is played here:

* basic auth with an account's e-mail and API token; anything else is a 401 with Jira's plain
  text body; an account lacking a project permission gets 403 with ``errorMessages``;
* ``GET /rest/api/3/search/jql``: ``jql`` required, ``nextPageToken`` cursor and ``isLast``,
  ``maxResults`` 50 by default and at most 100 when fields beyond id/key are asked for (more is
  quietly cut to 100, as documented); JQL clauses ``project``, ``"Request Type"``,
  ``statusCategory``, ``updated``/``created`` (dates ``yyyy-MM-dd`` or ``yyyy-MM-dd HH:mm``,
  the user's time zone being UTC here) and ``labels``, joined by AND, ``ORDER BY created``;
  an unknown field or request type is a 400 with ``errorMessages``, as Jira answers;
* issues by numeric id or key, ADF descriptions, ``fields`` selection, timestamps with
  milliseconds (``2026-01-01T10:00:00.000+0000``); ``PUT`` with ``update.labels`` add/remove
  (204; a label with a space is a 400 naming ``labels``);
* the JSM workflow: Waiting for support (To Do) -> Waiting for customer (In Progress) when an
  agent comments publicly (JSM's default automation) and back when the customer answers;
  ``Resolve this issue`` into Resolved (Done), ``Reopen`` out of it; transitions listed and
  taken through ``/rest/api/3/issue/{id}/transitions`` (204; an unknown id is a 400);
* service-desk requests and comments (``public`` true/false, ``start``/``limit``/
  ``isLastPage`` paging, ``created.iso8601``); public comments notify the reporter and the
  request participants, internal ones nobody;
* ``myself``, ``servicedesk``, ``requesttype`` and ``mypermissions`` for the self-check;
* rate limits: ``X-RateLimit-Limit``/``-Remaining``/``-Reset``, ``X-RateLimit-NearLimit: true``
  below a fifth of the budget, 429 with ``Retry-After`` and ``RateLimit-Reason`` at the wall;
  every answer carries ``X-Arequestid``.
"""

from __future__ import annotations

import base64
import dataclasses
import itertools
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from .vendor_server import Request, Response, VendorServer

AGENT_EMAIL = "worker@district.example"
API_TOKEN = "jsm-token-0001"
READER_EMAIL = "reader@district.example"  # an agent who may only browse the project
READER_TOKEN = "jsm-token-0002"
PROJECT = "ITS"
SERVICE_DESK_ID = "4"
REQUEST_TYPES = {"41": "Instructional Technology", "42": "Hardware"}
ALL_PERMISSIONS = ("BROWSE_PROJECTS", "ADD_COMMENTS", "EDIT_ISSUES", "TRANSITION_ISSUES")
STATUSES = {
    "Waiting for support": "new",
    "Waiting for customer": "indeterminate",
    "In progress": "indeterminate",
    "Resolved": "done",
}
CATEGORY_NAMES = {"new": "To Do", "indeterminate": "In Progress", "done": "Done"}
TRANSITIONS = {  # id: (name, from statuses, to status)
    "761": ("Resolve this issue", ("Waiting for support", "Waiting for customer", "In progress"),
            "Resolved"),
    "801": ("Respond to customer", ("Waiting for support", "In progress"), "Waiting for customer"),
    "851": ("Start progress", ("Waiting for support", "Waiting for customer"), "In progress"),
    "901": ("Reopen", ("Resolved",), "Waiting for support"),
}  # fmt: skip
MAX_RESULTS_WITH_FIELDS = 100


def _stamp(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


def _parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")


def _errors(status: int, *messages: str, **fields: str) -> Response:
    # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes
    # (ErrorCollection: errorMessages and errors by field)
    return Response(status, {"errorMessages": list(messages), "errors": fields})


def _sd_error(status: int, message: str, key: str) -> Response:
    # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#errors
    return Response(
        status,
        {"errorMessage": message, "i18nErrorMessage": {"i18nKey": key, "parameters": []}},
    )


@dataclass
class Account:
    account_id: str
    email: str
    display_name: str
    account_type: str = "customer"
    token: str | None = None
    permissions: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "accountId": self.account_id,
            "emailAddress": self.email,
            "displayName": self.display_name,
            "accountType": self.account_type,
            "active": True,
            "timeZone": "UTC",
        }


@dataclass
class Issue:
    id: int
    key: str
    summary: str
    description: dict[str, Any]
    reporter: str  # account id
    request_type: str  # request type id
    status: str = "Waiting for support"
    labels: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    channel: str = "portal"  # request-channel-type: portal, email, api, jira, anonymousportal
    created: str = field(default_factory=_stamp)
    updated: str = field(default_factory=_stamp)


@dataclass
class Comment:
    id: int
    body: str
    public: bool
    author: str
    created: str = field(default_factory=_stamp)


class JiraServiceManagementAPI(VendorServer):
    """The fake Atlassian site with one service project (see the module docstring)."""

    json_type = "application/json;charset=UTF-8"

    def __init__(self, *, limit_per_window: int = 10_000) -> None:
        super().__init__()
        self.limit = limit_per_window
        self.accounts: dict[str, Account] = {}
        agent = Account("agent-1", AGENT_EMAIL, "Ticket Worker", "atlassian", API_TOKEN,
                        ALL_PERMISSIONS)  # fmt: skip
        reader = Account("agent-2", READER_EMAIL, "Reader", "atlassian", READER_TOKEN,
                         ("BROWSE_PROJECTS",))  # fmt: skip
        for account in (agent, reader):
            self.accounts[account.account_id] = account
        self.issues: dict[int, Issue] = {}
        self.comments: dict[int, list[Comment]] = {}
        #: (issue id, address, body) of every notification the site sent.
        self.mailbox: list[tuple[int, str, str]] = []
        self.request_types = dict(REQUEST_TYPES)
        self._issue_ids = itertools.count(10001)
        self._keys = itertools.count(1)
        self._comment_ids = itertools.count(20001)
        self._window_start = time.monotonic()
        self._used = 0
        self._register()

    # -- the outside world ------------------------------------------------------------
    def customer(self, email: str) -> Account:
        for account in self.accounts.values():
            if account.email == email:
                return account
        account = Account(f"cust-{len(self.accounts) + 1}", email, email.split("@")[0])
        self.accounts[account.account_id] = account
        return account

    def raise_request(
        self,
        summary: str,
        body: str,
        content_type: str = "text/plain",
        reporter: str = "p.quenby@lakeside.example",
        request_type: str = "Instructional Technology",
        participants: tuple[str, ...] = (),
        channel: str = "portal",
    ) -> int:
        """A customer raises a request on the portal (or by mail: JSM turns it into ADF)."""
        with self.lock:
            type_id = next(k for k, v in self.request_types.items() if v == request_type)
            issue = Issue(
                id=next(self._issue_ids),
                key=f"{PROJECT}-{next(self._keys)}",
                summary=summary,
                description=html_to_adf(body) if content_type == "text/html" else text_to_adf(body),
                reporter=self.customer(reporter).account_id,
                request_type=type_id,
                participants=[self.customer(p).account_id for p in participants],
                channel=channel,
            )
            self.issues[issue.id] = issue
            self.comments[issue.id] = []
            return issue.id

    def customer_comments(self, issue_id: int, body: str) -> None:
        with self.lock:
            issue = self.issues[issue_id]
            self._add_comment(issue, body, True, self.accounts[issue.reporter])

    def mailed_to(self, issue_id: int, address: str) -> list[str]:
        with self.lock:
            return [b for i, a, b in self.mailbox if i == issue_id and a == address]

    # -- authentication and rate limits -----------------------------------------------
    def _account_of(self, request: Request) -> Account | None:
        header = request.header("Authorization")
        if not header.startswith("Basic "):
            return None
        try:
            email, _, token = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        return next(
            (a for a in self.accounts.values() if a.email == email and a.token == token), None
        )

    def authenticate(self, request: Request) -> Response | None:
        # Reference: https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
        if self._account_of(request) is None:
            return Response(
                401,
                b"Client must be authenticated to access this resource.",
                {"Content-Type": "text/plain;charset=UTF-8",
                 "WWW-Authenticate": 'Basic realm="protected-area"'},
            )  # fmt: skip
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
        now = time.monotonic()
        if now - self._window_start >= 60:
            self._window_start, self._used = now, 0
        if self._used >= self.limit:
            wait = max(1, int(60 - (now - self._window_start)))
            return Response(
                429,
                _errors(429, "Rate limit exceeded.").body,
                {"Retry-After": str(wait), "RateLimit-Reason": "jira-quota-tenant-based"},
            )
        self._used += 1
        return None

    def not_found(self, request: Request) -> Response:
        return _errors(404, "The requested resource could not be found.")

    def _answer(self, request: Request) -> Response:
        reply = super()._answer(request)
        remaining = max(0, self.limit - self._used)
        reset = datetime.now(UTC) + timedelta(seconds=60 - (time.monotonic() - self._window_start))
        headers = {
            "X-Arequestid": uuid.uuid4().hex[:12],
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%MZ"),
        }
        if remaining < self.limit / 5:
            headers["X-RateLimit-NearLimit"] = "true"
        return dataclasses.replace(reply, headers={**headers, **reply.headers})

    def _may(self, request: Request, permission: str) -> bool:
        account = self._account_of(request)
        return account is not None and permission in account.permissions

    # -- routes -----------------------------------------------------------------------
    def _register(self) -> None:
        issue = r"/rest/api/3/issue/(?P<id>[^/]+)"
        request = r"/rest/servicedeskapi/request/(?P<id>[^/]+)"
        self.route("GET", r"/rest/api/3/search/jql")(self._search)
        self.route("GET", issue)(self._get_issue)
        self.route("PUT", issue)(self._edit_issue)
        self.route("GET", issue + "/transitions")(self._list_transitions)
        self.route("POST", issue + "/transitions")(self._transition)
        self.route("GET", request)(self._get_request)
        self.route("GET", request + "/comment")(self._list_comments)
        self.route("POST", request + "/comment")(self._post_comment)
        self.route("GET", r"/rest/api/3/myself")(self._myself)
        self.route("GET", r"/rest/servicedeskapi/servicedesk")(self._service_desks)
        self.route("GET", r"/rest/servicedeskapi/servicedesk/(?P<id>\d+)/requesttype")(
            self._request_types
        )
        self.route("GET", r"/rest/api/3/mypermissions")(self._my_permissions)

    def _issue(self, request: Request) -> Issue | None:
        wanted = request.params["id"]
        for issue in self.issues.values():
            if wanted in (str(issue.id), issue.key):
                return issue
        return None

    def _issue_json(self, issue: Issue, fields: list[str] | None) -> dict[str, Any]:
        category = STATUSES[issue.status]
        everything = {
            "summary": issue.summary,
            "description": issue.description,
            "status": {"name": issue.status, "statusCategory": {
                "key": category, "name": CATEGORY_NAMES[category]}},
            "created": issue.created,
            "updated": issue.updated,
            "reporter": self.accounts[issue.reporter].as_json(),
            "labels": list(issue.labels),
            "project": {"key": PROJECT},
        }  # fmt: skip
        chosen = everything if fields is None or "*all" in fields else {
            k: v for k, v in everything.items() if k in fields}  # fmt: skip
        return {"id": str(issue.id), "key": issue.key, "self": f"{self.url}/rest/api/3/issue/"
                f"{issue.id}", "fields": chosen}  # fmt: skip

    # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
    def _search(self, request: Request) -> Response:
        jql = request.arg("jql")
        if not jql:
            return _errors(400, "The JQL query is required.")
        try:
            matches, order = _compile_jql(jql, self.request_types)
        except ValueError as exc:
            return _errors(400, str(exc))
        fields = [f for f in (request.arg("fields", "") or "").split(",") if f]
        limit = int(request.arg("maxResults", "50") or 50)
        if set(fields) - {"id", "key"}:
            limit = min(limit, MAX_RESULTS_WITH_FIELDS)
        found = sorted(
            (
                i
                for i in self.issues.values()
                if self._may(request, "BROWSE_PROJECTS") and matches(i)
            ),
            key=lambda i: (getattr(i, order), i.id),
        )
        token = request.arg("nextPageToken")
        if token:
            try:
                after = json.loads(base64.urlsafe_b64decode(token))
            except ValueError:
                return _errors(400, "The nextPageToken is invalid.")
            found = [i for i in found if (getattr(i, order), i.id) > tuple(after)]
        page, rest = found[:limit], found[limit:]
        body: dict[str, Any] = {
            "issues": [self._issue_json(i, fields or ["*navigable"]) for i in page],
            "isLast": not rest,
        }
        if rest:
            last = page[-1]
            body["nextPageToken"] = base64.urlsafe_b64encode(
                json.dumps([getattr(last, order), last.id]).encode()).decode()  # fmt: skip
        return Response(200, body)

    # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
    def _get_issue(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None or not self._may(request, "BROWSE_PROJECTS"):
            return _errors(404, "Issue does not exist or you do not have permission to see it.")
        fields = [f for f in (request.arg("fields", "") or "").split(",") if f] or None
        return Response(200, self._issue_json(issue, fields))

    # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
    def _edit_issue(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None:
            return _errors(404, "Issue does not exist or you do not have permission to see it.")
        if not self._may(request, "EDIT_ISSUES"):
            return _errors(403, "You do not have permission to edit issues in this project.")
        labels = list(issue.labels)
        for change in (request.json() or {}).get("update", {}).get("labels", []):
            for verb, label in change.items():
                if " " in label:
                    return _errors(
                        400, labels=f"The label '{label}' contains spaces which is invalid."
                    )
                if verb == "add" and label not in labels:
                    labels.append(label)
                elif verb == "remove" and label in labels:
                    labels.remove(label)
        issue.labels = labels
        issue.updated = _stamp()
        return Response(204)

    # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
    def _list_transitions(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None:
            return _errors(404, "Issue does not exist or you do not have permission to see it.")
        found = []
        for tid, (name, sources, target) in TRANSITIONS.items():
            if issue.status in sources:
                category = STATUSES[target]
                found.append(
                    {
                        "id": tid,
                        "name": name,
                        "hasScreen": False,
                        "to": {
                            "name": target,
                            "statusCategory": {"key": category, "name": CATEGORY_NAMES[category]},
                        },
                    }
                )
        return Response(200, {"expand": "transitions", "transitions": found})

    # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
    def _transition(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None:
            return _errors(404, "Issue does not exist or you do not have permission to see it.")
        if not self._may(request, "TRANSITION_ISSUES"):
            return _errors(403, "You do not have permission to transition this issue.")
        wanted = str(((request.json() or {}).get("transition") or {}).get("id", ""))
        step = TRANSITIONS.get(wanted)
        if step is None or issue.status not in step[1]:
            return _errors(400, f"Transition id '{wanted}' is not valid for this issue.")
        issue.status = step[2]
        issue.updated = _stamp()
        return Response(204)

    # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get
    def _get_request(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None or not self._may(request, "BROWSE_PROJECTS"):
            return _sd_error(404, "The request could not be found.", "sd.request.not.found")
        expand = set((request.arg("expand", "") or "").split(","))
        category = STATUSES[issue.status]
        body: dict[str, Any] = {
            "issueId": str(issue.id), "issueKey": issue.key, "requestTypeId": issue.request_type,
            "serviceDeskId": SERVICE_DESK_ID,
            "createdDate": {"iso8601": issue.created,
                            "epochMillis": int(_parse_stamp(issue.created).timestamp() * 1000)},
            "reporter": self.accounts[issue.reporter].as_json(),
            "currentStatus": {"status": issue.status, "statusCategory": category.upper()},
        }  # fmt: skip
        if "requestType" in expand:
            body["requestType"] = {"id": issue.request_type,
                                   "name": self.request_types[issue.request_type]}  # fmt: skip
        if "participant" in expand:
            body["requestParticipants"] = [self.accounts[p].as_json() for p in issue.participants]
        return Response(200, body)

    def _paged(self, request: Request, values: list[dict[str, Any]], cap: int) -> Response:
        # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#pagination
        start = int(request.arg("start", "0") or 0)
        limit = min(int(request.arg("limit", "50") or 50), cap)
        chunk = values[start : start + limit]
        return Response(
            200,
            {
                "size": len(chunk),
                "start": start,
                "limit": limit,
                "isLastPage": start + limit >= len(values),
                "values": chunk,
            },
        )

    # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-get
    def _list_comments(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None:
            return _sd_error(404, "The request could not be found.", "sd.request.not.found")
        values = [self._comment_json(c) for c in self.comments[issue.id]]
        return self._paged(request, values, 100)

    # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-post
    def _post_comment(self, request: Request) -> Response:
        issue = self._issue(request)
        if issue is None:
            return _sd_error(404, "The request could not be found.", "sd.request.not.found")
        if not self._may(request, "ADD_COMMENTS"):
            return _sd_error(
                403, "You do not have permission to comment.", "sd.comment.no.permission"
            )
        data = request.json() or {}
        body = str(data.get("body", ""))
        if not body.strip():
            return _sd_error(400, "The comment body cannot be empty.", "sd.comment.body.empty")
        account = self._account_of(request)
        assert account is not None
        comment = self._add_comment(issue, body, bool(data.get("public", True)), account)
        return Response(201, self._comment_json(comment))

    def _myself(self, request: Request) -> Response:
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
        account = self._account_of(request)
        assert account is not None
        return Response(200, account.as_json())

    def _service_desks(self, request: Request) -> Response:
        # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-get
        desk = {"id": SERVICE_DESK_ID, "projectId": "10000", "projectName": "IT Support",
                "projectKey": PROJECT}  # fmt: skip
        return self._paged(request, [desk], 100)

    def _request_types(self, request: Request) -> Response:
        # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/#api-rest-servicedeskapi-servicedesk-servicedeskid-requesttype-get
        if request.params["id"] != SERVICE_DESK_ID:
            return _sd_error(404, "The service desk does not exist.", "sd.servicedesk.not.found")
        values = [{"id": k, "name": v, "serviceDeskId": SERVICE_DESK_ID}
                  for k, v in self.request_types.items()]  # fmt: skip
        return self._paged(request, values, 100)

    def _my_permissions(self, request: Request) -> Response:
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
        wanted = [p for p in (request.arg("permissions", "") or "").split(",") if p]
        if not wanted:
            return _errors(400, "The permissions parameter is required.")
        account = self._account_of(request)
        assert account is not None
        held = {p: {"key": p, "type": "PROJECT", "havePermission": p in account.permissions}
                for p in wanted}  # fmt: skip
        return Response(200, {"permissions": held})

    # -- state helpers ----------------------------------------------------------------
    def _comment_json(self, comment: Comment) -> dict[str, Any]:
        created = _parse_stamp(comment.created)
        return {"id": str(comment.id), "body": comment.body, "public": comment.public,
                "author": self.accounts[comment.author].as_json(),
                "created": {"iso8601": comment.created,
                            "epochMillis": int(created.timestamp() * 1000)}}  # fmt: skip

    def _add_comment(self, issue: Issue, body: str, public: bool, author: Account) -> Comment:
        comment = Comment(next(self._comment_ids), body, public, author.account_id)
        self.comments[issue.id].append(comment)
        issue.updated = comment.created
        # JSM's default automation: an agent's public reply waits for the customer, the
        # customer's answer waits for support again.
        if public and author.account_type == "atlassian" and issue.status == "Waiting for support":
            issue.status = "Waiting for customer"
        elif author.account_id == issue.reporter and issue.status == "Waiting for customer":
            issue.status = "Waiting for support"
        if public:
            for account_id in [issue.reporter, *issue.participants]:
                if account_id != author.account_id:
                    self.mailbox.append((issue.id, self.accounts[account_id].email, body))
        return comment


# ---------------------------------------------------------------------- ADF from the outside
def text_to_adf(text: str) -> dict[str, Any]:
    """Plain text as JSM stores it: a paragraph per blank-line block, line breaks inside."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        content: list[dict[str, Any]] = []
        for n, line in enumerate(block.split("\n")):
            if n:
                content.append({"type": "hardBreak"})
            if line:
                content.append({"type": "text", "text": line})
        paragraphs.append({"type": "paragraph", "content": content})
    return {"type": "doc", "version": 1, "content": paragraphs}


class _HTMLToADF(HTMLParser):
    BLOCKS = {"p": "paragraph", "ul": "bulletList", "ol": "orderedList", "li": "listItem"}
    MARKS = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "code": "code"}

    def __init__(self) -> None:
        super().__init__()
        self.doc: dict[str, Any] = {"type": "doc", "version": 1, "content": []}
        self.stack: list[dict[str, Any]] = [self.doc]
        self.marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            node: dict[str, Any] = {"type": self.BLOCKS[tag], "content": []}
            self.stack[-1]["content"].append(node)
            self.stack.append(node)
            if tag == "li":
                paragraph: dict[str, Any] = {"type": "paragraph", "content": []}
                node["content"].append(paragraph)
                self.stack.append(paragraph)
        elif tag in self.MARKS:
            self.marks.append(self.MARKS[tag])
        elif tag == "br":
            self._inline({"type": "hardBreak"})

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            if tag == "li":
                self.stack.pop()
            self.stack.pop()
        elif tag in self.MARKS and self.marks:
            self.marks.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            node: dict[str, Any] = {"type": "text", "text": data}
            if self.marks:
                node["marks"] = [{"type": m} for m in self.marks]
            self._inline(node)

    def _inline(self, node: dict[str, Any]) -> None:
        if self.stack[-1]["type"] in ("doc", "bulletList", "orderedList"):
            paragraph: dict[str, Any] = {"type": "paragraph", "content": []}
            self.stack[-1]["content"].append(paragraph)
            self.stack.append(paragraph)
        self.stack[-1]["content"].append(node)


def html_to_adf(markup: str) -> dict[str, Any]:
    """An HTML mail body as JSM's mail handler turns it into ADF (the common tags)."""
    parser = _HTMLToADF()
    parser.feed(markup)
    return parser.doc


# ---------------------------------------------------------------------- JQL
_JQL_CLAUSE = re.compile(
    r'\s*(?P<field>"[^"]+"|\w+)\s*(?P<op>!=|>=|<=|=|>|<|IN\b)'
    r'\s*(?P<value>"(?:[^"\\]|\\.)*"|\w+|\([^)]*\))\s*\Z',
    re.IGNORECASE,
)


def _jql_value(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw[1:-1]) if raw.startswith('"') else raw


def _compile_jql(jql: str, request_types: dict[str, str]) -> tuple[Any, str]:
    """A predicate and the ORDER BY field for the JQL subset the module docstring lists."""
    parts = re.split(r"\s+ORDER\s+BY\s+", jql, maxsplit=1, flags=re.I)
    where, order = parts[0], parts[1] if len(parts) > 1 else ""
    order_field = (order.split()[0] if order.split() else "created").lower()
    if order_field not in ("created", "updated", "key"):
        raise ValueError(f"Not able to sort using field '{order_field}'.")
    predicates = [
        _jql_clause(part, request_types) for part in re.split(r"\s+AND\s+", where, flags=re.I)
    ]
    sort_attr = "id" if order_field == "key" else order_field
    return (lambda issue: all(p(issue) for p in predicates)), sort_attr


def _jql_clause(text: str, request_types: dict[str, str]) -> Any:
    match = _JQL_CLAUSE.match(text)
    if match is None:
        raise ValueError(f"Error in the JQL Query: '{text.strip()[:40]}'")
    shown = match["field"].strip('"')
    name = shown.lower()
    op, value = match["op"], _jql_value(match["value"])
    if name == "id":
        return lambda i: (str(i.id) == value) == (op == "=")
    if name == "request-channel-type":
        channels = {c.strip().strip('"') for c in value.strip("()").split(",")}
        return lambda i: i.channel in channels
    if name == "project":
        return lambda i: (i.key.split("-")[0] == value) == (op == "=")
    if name in ("request type", "customer request type"):
        ids = [k for k, v in request_types.items() if v == value]
        if not ids:
            raise ValueError(f"The value '{value}' does not exist for the field '{shown}'.")
        return lambda i: (i.request_type == ids[0]) == (op == "=")
    if name == "statuscategory":
        wanted = {"done": "done", "to do": "new", "in progress": "indeterminate"}.get(value.lower())
        if wanted is None:
            raise ValueError(f"The value '{value}' does not exist for the field 'statusCategory'.")
        return lambda i: (STATUSES[i.status] == wanted) == (op == "=")
    if name == "labels":
        return lambda i: (value in i.labels) == (op == "=")
    if name in ("updated", "created"):
        try:
            moment = datetime.strptime(value, "%Y-%m-%d %H:%M" if " " in value else "%Y-%m-%d")
        except ValueError:
            raise ValueError(f"Date value '{value}' for field '{name}' is invalid.") from None
        moment = moment.replace(tzinfo=UTC)
        compare = {">=": lambda a: a >= moment, ">": lambda a: a > moment,
                   "<=": lambda a: a <= moment, "<": lambda a: a < moment}.get(op)  # fmt: skip
        if compare is None:
            raise ValueError(f"The operator '{op}' is not supported by the '{name}' field.")
        return lambda i: compare(_parse_stamp(getattr(i, name)))
    raise ValueError(f"Field '{shown}' does not exist or you do not have permission to view it.")
