"""Jira Service Management Cloud: the :class:`~connectors.helpdesk.base.HelpDesk` for JSM.

Vendor references: the Jira Cloud platform REST API v3
(https://developer.atlassian.com/cloud/jira/platform/rest/v3/) and the Jira Service Management
REST API (https://developer.atlassian.com/cloud/jira/service-desk/rest/).  What JSM does that
the code below works around:

* Ticket ids are the issues' numeric ids, not their keys (``ITS-12``): a key changes when an
  issue moves to another project, the id never does, and both APIs take either.
* Descriptions are Atlassian Document Format (ADF); a description that is only paragraphs of
  unmarked text (with line breaks) is reported as plain text, anything richer as HTML.
* The search (``/rest/api/3/search/jql``) pages with ``nextPageToken``; the whole listing is
  read before anything is yielded, so resolving requests while the caller works can shift
  nothing off a page.  JQL compares dates to the minute in the API user's time zone, so
  ``updated_since`` is sent a day early and applied to the second here.
* Public replies and internal notes are both comments of the service-desk API, told apart by
  ``public``; the requester's own comments are those whose author is the reporter.
* Statuses are per workflow; their category is not: To Do is reported "new", In Progress
  "open" (JSM moves a request to "Waiting for customer" when an agent replies), Done
  "resolved".  Resolving takes a workflow transition into the Done category.
* The worker's mark is a label (``ticketworker-needs-review``/``ticketworker-done``), which the
  search returns, so the listing reports each request's mark without a fetch.
* Rate limits: 429 with ``Retry-After`` (handled in the HTTP funnel); ``X-RateLimit-NearLimit:
  true`` once less than a fifth of the budget is left, when calls are spaced out a little.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..checks import Check
from ..errors import ConnectorError, PermanentError
from ..http import BasicAuth, HttpAnswer, HttpClient, JsonResponse, Timeouts
from ._answers import VendorAnswers
from .base import ContentType, Message, ReviewMark, Ticket, TicketRef
from .config import JiraServiceManagementConfig

logger = logging.getLogger(__name__)

SERVICE = "Jira Service Management"

_ANSWERS = VendorAnswers(SERVICE, id_noun="a Jira issue id")
refused = _ANSWERS.refused
parse = _ANSWERS.parse
issue_id = _ANSWERS.number
MAX_PAGES = 1_000  # bounds every paging loop: 100,000 waiting requests at 100 a page
COMMENT_PAGE = 100
NEAR_LIMIT_PAUSE = 1.0  # seconds between calls while Jira says the budget is nearly spent
#: Project permissions the worker needs, by the key ``mypermissions`` reports.
NEEDED_PERMISSIONS = {
    "BROWSE_PROJECTS": "see the project's requests",
    "ADD_COMMENTS": "reply and add internal notes",
    "EDIT_ISSUES": "set the mark label",
    "TRANSITION_ISSUES": "resolve requests",
}
SEARCH_FIELDS = "updated,labels"
#: Request channels where nobody signed in: the reporter is whoever the message named.
UNVERIFIED_CHANNELS = ("email", "anonymousportal")
ISSUE_FIELDS = "summary,description,status,created,updated,reporter,labels"


# ---------------------------------------------------------------------- vendor shapes
class _JModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, coerce_numbers_to_str=True)


class JUser(_JModel):
    accountId: str = ""
    emailAddress: str | None = None
    displayName: str = ""
    accountType: str = ""


class JStatusCategory(_JModel):
    key: str = ""


class JStatus(_JModel):
    name: str = ""
    statusCategory: JStatusCategory = JStatusCategory()


class JFields(_JModel):
    summary: str = ""
    description: dict[str, Any] | None = None
    status: JStatus | None = None
    created: datetime | None = None
    updated: datetime | None = None
    reporter: JUser | None = None
    labels: list[str] = []


class JIssue(_JModel):
    id: str
    key: str = ""
    fields: JFields = JFields()


class JSearchPage(_JModel):
    issues: list[JIssue]
    nextPageToken: str | None = None
    isLast: bool | None = None


class JRequestType(_JModel):
    id: str
    name: str


class JRequest(_JModel):
    issueId: str
    reporter: JUser | None = None
    requestType: JRequestType | None = None
    requestParticipants: list[JUser] = []


class JDate(_JModel):
    iso8601: datetime


class JComment(_JModel):
    id: str
    body: str = ""
    public: bool = True
    author: JUser = JUser()
    created: JDate


class JPaged(_JModel):
    values: list[dict[str, Any]]
    isLastPage: bool = True


class JServiceDesk(_JModel):
    id: str
    projectKey: str


class JTransition(_JModel):
    id: str
    name: str = ""
    to: JStatus = JStatus()


class JTransitions(_JModel):
    transitions: list[JTransition]


# ---------------------------------------------------------------------- pure helpers


def jql_string(value: str) -> str:
    """A JQL string literal: double quotes, backslash escapes."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def waiting_jql(project: str, request_type: str, since: datetime | None) -> str:
    """JQL for the request type's requests not in the Done category (a day early for since)."""
    jql = (
        f'project = {jql_string(project)} AND "Request Type" = {jql_string(request_type)}'
        " AND statusCategory != Done"
    )
    if since is not None:
        day = (since.astimezone(UTC) if since.tzinfo else since) - timedelta(days=1)
        jql += f' AND updated >= "{day:%Y-%m-%d}"'
    return jql + " ORDER BY created ASC"


_INLINE_TAGS = {"strong": "b", "em": "i", "code": "code", "underline": "u", "strike": "s"}
_BLOCK_TAGS = {
    "paragraph": "p",
    "bulletList": "ul",
    "orderedList": "ol",
    "listItem": "li",
    "blockquote": "blockquote",
    "codeBlock": "pre",
    "table": "table",
    "tableRow": "tr",
    "tableCell": "td",
    "tableHeader": "th",
}


def adf_is_plain(node: Mapping[str, Any]) -> bool:
    """True when the document is only paragraphs of unmarked text and line breaks."""
    kind = node.get("type")
    if kind == "text":
        return not node.get("marks")
    if kind == "hardBreak":
        return True
    if kind not in ("doc", "paragraph"):
        return False
    return all(adf_is_plain(child) for child in node.get("content", []))


def adf_text(node: Mapping[str, Any]) -> str:
    """The document as plain text: paragraphs separated by a blank line."""
    kind = node.get("type")
    if kind == "text":
        return str(node.get("text", ""))
    if kind == "hardBreak":
        return "\n"
    if kind in ("mention", "emoji"):
        return str(node.get("attrs", {}).get("text", ""))
    if kind == "inlineCard":
        return str(node.get("attrs", {}).get("url", ""))
    children = [adf_text(child) for child in node.get("content", [])]
    if kind in ("doc", "bulletList", "orderedList", "blockquote", "listItem", "table"):
        return ("\n\n" if kind in ("doc", "blockquote") else "\n").join(children)
    return "".join(children)


def adf_html(node: Mapping[str, Any]) -> str:
    """The document as HTML (bold as ``<b>``, italics as ``<i>``, text escaped)."""
    kind = node.get("type")
    if kind == "text":
        text = html.escape(str(node.get("text", "")))
        for mark in node.get("marks", []):
            mark_type = mark.get("type")
            if mark_type == "link":
                href = html.escape(str(mark.get("attrs", {}).get("href", "")), quote=True)
                text = f'<a href="{href}">{text}</a>'
            elif mark_type in _INLINE_TAGS:
                tag = _INLINE_TAGS[mark_type]
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "hardBreak":
        return "<br>"
    if kind == "rule":
        return "<hr>"
    if kind in ("mention", "emoji", "inlineCard"):
        return html.escape(adf_text(node))
    inner = "".join(adf_html(child) for child in node.get("content", []))
    if kind == "heading":
        level = max(1, min(6, int(node.get("attrs", {}).get("level", 1))))
        return f"<h{level}>{inner}</h{level}>"
    block = _BLOCK_TAGS.get(str(kind))
    return f"<{block}>{inner}</{block}>" if block else inner


def body_of(document: Mapping[str, Any] | None) -> tuple[str, ContentType]:
    """The description as written: plain text when plain, else HTML."""
    if not document:
        return "", "text/plain"
    if adf_is_plain(document):
        return adf_text(document), "text/plain"
    return adf_html(document), "text/html"


def normalised_status(status: JStatus | None) -> str:
    """The status category as the words the pipeline uses (see the module docstring)."""
    category = status.statusCategory.key if status else ""
    return {"new": "new", "indeterminate": "open", "done": "resolved"}.get(category, category)


def map_error(answer: HttpAnswer) -> ConnectorError | None:
    """Name what Jira's error bodies refer to (field names, i18n keys), never their text."""
    if 200 <= answer.status < 300 or answer.status in (401, 403, 404, 429) or answer.status >= 500:
        return None
    body = answer.json()
    if not isinstance(body, dict):
        return None
    # Platform errors: {"errorMessages": [...], "errors": {field: message}}; service-desk
    # errors: {"errorMessage": "...", "i18nErrorMessage": {"i18nKey": "..."}}.
    names = sorted(body.get("errors") or {}) if isinstance(body.get("errors"), dict) else []
    i18n = body.get("i18nErrorMessage")
    key = i18n.get("i18nKey") if isinstance(i18n, dict) else None
    found = body.get("errorMessages")
    messages: list[Any] = found if isinstance(found, list) else []
    count = len(messages)
    if not (names or key or count):
        return None
    what = ", ".join([*names, *([str(key)] if key else [])]) or f"{count} error message(s)"
    if answer.path.endswith("/search/jql") and count:
        # A search's messages only quote the JQL, which is made of configuration: they name
        # the misspelt project or request type, which is what the operator must fix.
        what = "; ".join(str(m) for m in messages)[:300]
    return PermanentError(f"{answer.method} {answer.path}: HTTP {answer.status} ({what})")


# ---------------------------------------------------------------------- the connector
class JiraServiceManagementHelpDesk:
    """JSM Cloud through its REST APIs, as one agent with an API token."""

    def __init__(
        self,
        config: JiraServiceManagementConfig,
        *,
        http: HttpClient | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if http is None and (not config.email or config.api_token is None):
            raise ValueError(
                "Jira Service Management needs TICKETWORKER_HELPDESK__EMAIL and "
                "TICKETWORKER_HELPDESK__API_TOKEN"
            )
        self._config = config
        seconds = config.timeout_seconds
        # Reference: https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
        self._http = http or HttpClient(
            config.base_url.rstrip("/"),
            auth=BasicAuth(config.email, config.api_token) if config.api_token else None,
            timeouts=Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            service=SERVICE,
            error_mapper=map_error,
        )
        self._sleep = sleep
        self._labels = {
            mark: config.mark_label_prefix + mark.value
            for mark in (ReviewMark.NEEDS_REVIEW, ReviewMark.DONE)
        }

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the request type's requests not yet Done, lowest id first, each once."""
        jql = waiting_jql(self._config.project, self._config.request_type, updated_since)
        since = _utc(updated_since)
        issues: dict[int, JIssue] = {}
        token: str | None = None
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {
                "jql": jql,
                "fields": SEARCH_FIELDS,
                "maxResults": self._config.page_size,
            }
            if token:
                params["nextPageToken"] = token
            # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
            page = parse(
                JSearchPage, self._call("GET", "rest/api/3/search/jql", params).data, "search"
            )
            for issue in page.issues:
                issues.setdefault(issue_id(issue.id), issue)
            token = page.nextPageToken
            if page.isLast or not token:
                break
        else:
            raise refused(f"more than {MAX_PAGES} pages of waiting requests")
        for number in sorted(issues):
            fields = issues[number].fields
            if since is not None and fields.updated is not None and fields.updated < since:
                continue
            yield TicketRef(id=str(number), updated_at=fields.updated, mark=self._mark_of(fields))

    def fetch(self, ticket_id: str) -> Ticket:
        """The request, its description and its comments (public and internal)."""
        number = issue_id(ticket_id)
        issue = self._issue(number, ISSUE_FIELDS)
        # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-get
        request = parse(
            JRequest,
            self._call("GET", f"rest/servicedeskapi/request/{number}",
                       {"expand": "requestType,participant"}).data,
            "request",
        )  # fmt: skip
        reporter = request.reporter or issue.fields.reporter or JUser()
        body, content_type = body_of(issue.fields.description)
        messages = tuple(
            Message(
                id=comment.id,
                author=comment.author.emailAddress or comment.author.displayName,
                created_at=comment.created.iso8601,
                content_type="text/plain",
                body=comment.body,
                public=comment.public,
                from_requester=bool(reporter.accountId)
                and comment.author.accountId == reporter.accountId,
            )
            for comment in self._comments(number)
        )
        return Ticket(
            id=str(number),
            subject=issue.fields.summary,
            requester=reporter.emailAddress or "",
            category=request.requestType.name if request.requestType else "",
            content_type=content_type,
            body=body,
            created_at=issue.fields.created,
            updated_at=issue.fields.updated,
            status=normalised_status(issue.fields.status),
            messages=messages,
            watchers=tuple(p.emailAddress for p in request.requestParticipants if p.emailAddress),
            channel=self._channel(number),
        )

    def reply(self, ticket_id: str, text: str) -> None:
        """A public comment: the requester and participants see it and are notified."""
        self._comment(issue_id(ticket_id), text, public=True)

    def add_note(self, ticket_id: str, text: str) -> None:
        """An internal comment: agents only."""
        self._comment(issue_id(ticket_id), text, public=False)

    def resolve(self, ticket_id: str) -> None:
        """Take the transition into Done (none when already Done) and check the status."""
        number = issue_id(ticket_id)
        if normalised_status(self._issue(number, "status").fields.status) == "resolved":
            return
        path = f"rest/api/3/issue/{number}/transitions"
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
        available = parse(JTransitions, self._call("GET", path).data, "transitions").transitions
        wanted = self._config.resolve_transition
        chosen = next(
            (
                t for t in available
                if (t.name == wanted if wanted else t.to.statusCategory.key == "done")
            ),
            None,
        )  # fmt: skip
        if chosen is None:
            names = ", ".join(sorted(t.name for t in available)) or "none"
            raise refused(
                f"no transition {wanted or 'into Done'} from issue {number}'s status "
                f"(available: {names}); set TICKETWORKER_HELPDESK__RESOLVE_TRANSITION"
            )
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
        self._call("POST", path, json={"transition": {"id": chosen.id}})
        status = self._issue(number, "status").fields.status
        if normalised_status(status) != "resolved":
            raise refused(f"issue {number} is {status.name if status else '?'!r} after resolving")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Add the mark's label and remove the other one in one update, then read it back."""
        number = issue_id(ticket_id)
        changes = [
            {"add": label} if wanted is mark else {"remove": label}
            for wanted, label in self._labels.items()
        ]
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
        # ("update": {"labels": [{"add": ...}, {"remove": ...}]}, answered 204)
        self._call("PUT", f"rest/api/3/issue/{number}", json={"update": {"labels": changes}})
        if self.get_mark(ticket_id) is not mark:
            raise refused(f"Jira did not keep the mark label on issue {number}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """The mark the labels say (needs-review when both labels are there: the safe reading)."""
        return self._mark_of(self._issue(issue_id(ticket_id), "labels").fields)

    def self_check(self) -> list[Check]:
        """Credentials, the service project, the request type and the agent's permissions."""
        config = self._config
        try:
            # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
            me = parse(JUser, self._call("GET", "rest/api/3/myself").data, "myself")
        except ConnectorError as exc:
            fix = (
                "set TICKETWORKER_HELPDESK__EMAIL and TICKETWORKER_HELPDESK__API_TOKEN "
                "(an API token from id.atlassian.com)"
                if exc.status in (401, 403)
                else f"check TICKETWORKER_HELPDESK__BASE_URL ({self._http.base_url})"
            )
            return [Check("help-desk credentials", False, str(exc), fix)]
        checks = [Check("help-desk credentials", True, f"account {me.accountType or 'user'}")]
        desks = [parse(JServiceDesk, v, "service desk") for v in self._paged(
            "rest/servicedeskapi/servicedesk", "service desks")]  # fmt: skip
        desk = next((d for d in desks if d.projectKey == config.project), None)
        if desk is None:
            known = ", ".join(sorted(d.projectKey for d in desks)) or "none visible"
            fix = f"set TICKETWORKER_HELPDESK__PROJECT to a service project key ({known})"
            return [
                *checks,
                Check("help-desk project", False, f"{config.project!r} not found", fix),
            ]
        checks.append(Check("help-desk project", True, f"service desk {desk.id}"))
        types = [parse(JRequestType, v, "request type") for v in self._paged(
            f"rest/servicedeskapi/servicedesk/{desk.id}/requesttype", "request types")]  # fmt: skip
        found = any(t.name == config.request_type for t in types)
        checks.append(
            Check(
                "help-desk request type",
                found,
                f"request type {config.request_type!r}" + ("" if found else " not found"),
                ""
                if found
                else "set TICKETWORKER_HELPDESK__REQUEST_TYPE to one of "
                + (", ".join(sorted(t.name for t in types)) or "none defined"),
            )
        )
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
        answer = self._call(
            "GET",
            "rest/api/3/mypermissions",
            {"projectKey": config.project, "permissions": ",".join(NEEDED_PERMISSIONS)},
        )
        held = answer.data.get("permissions", {}) if isinstance(answer.data, dict) else {}
        for key, purpose in NEEDED_PERMISSIONS.items():
            ok = bool(held.get(key, {}).get("havePermission"))
            checks.append(
                Check(
                    f"help-desk permission {key}",
                    ok,
                    f"to {purpose}",
                    ""
                    if ok
                    else f"give the account {key} in project {config.project} "
                    "(add it to the project's Service Desk Team role)",
                )
            )
        return checks

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _call(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        json: Any = None,
    ) -> JsonResponse:
        answer = self._http.request(method, path, params=params, json=json)
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
        if answer.headers.get("X-RateLimit-NearLimit", "").lower() == "true":
            logger.info("Jira: rate-limit budget nearly spent; pausing %.1f s", NEAR_LIMIT_PAUSE)
            self._sleep(NEAR_LIMIT_PAUSE)
        return answer

    def _issue(self, number: int, fields: str) -> JIssue:
        # Reference: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
        answer = self._call("GET", f"rest/api/3/issue/{number}", {"fields": fields})
        return parse(JIssue, answer.data, "issue")

    def _paged(self, path: str, what: str, limit: int = 50) -> Iterator[dict[str, Any]]:
        """Every value of a service-desk collection (``start``/``limit``/``isLastPage``)."""
        for page in range(MAX_PAGES):
            # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/intro/#pagination
            found = parse(
                JPaged, self._call("GET", path, {"start": page * limit, "limit": limit}).data, what
            )
            yield from found.values
            if found.isLastPage or not found.values:
                return
        raise refused(f"more than {MAX_PAGES} pages of {what}")

    def _comments(self, number: int) -> Iterator[JComment]:
        # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-get
        path = f"rest/servicedeskapi/request/{number}/comment"
        comments = [
            parse(JComment, v, "comment") for v in self._paged(path, "comments", COMMENT_PAGE)
        ]
        return iter(
            sorted(comments, key=lambda c: (c.created.iso8601, int(c.id) if c.id.isdigit() else 0))
        )

    def _comment(self, number: int, text: str, *, public: bool) -> None:
        if not text.strip():
            raise refused("refusing to post an empty message")
        # Reference: https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/#api-rest-servicedeskapi-request-issueidorkey-comment-post
        answer = self._call(
            "POST",
            f"rest/servicedeskapi/request/{number}/comment",
            json={"body": text, "public": public},
        )
        parse(JComment, answer.data, "new comment")

    def _channel(self, number: int) -> Literal["email", ""]:
        """ "email" when the request came by mail or the anonymous portal (no one signed in).

        Either way the reporter is whoever the message named, so the pipeline verifies the
        sender (or asks a technician).  A site whose JQL does not know the field counts as
        "email" too: in doubt, a technician looks.
        """
        jql = f'id = {number} AND "request-channel-type" IN ({", ".join(UNVERIFIED_CHANNELS)})'
        try:
            # Reference: https://support.atlassian.com/jira-service-management-cloud/docs/jql-fields/
            # ("request-channel-type": email, portal, api, jira, anonymousportal)
            answer = self._call("GET", "rest/api/3/search/jql",
                                {"jql": jql, "fields": "id", "maxResults": 1})  # fmt: skip
        except PermanentError as exc:
            logger.warning("Jira: cannot tell how issue %s was raised (%s)", number, exc.status)
            return "email"
        return "email" if parse(JSearchPage, answer.data, "channel search").issues else ""

    def _mark_of(self, fields: JFields) -> ReviewMark:
        labels = set(fields.labels)
        if self._labels[ReviewMark.NEEDS_REVIEW] in labels:
            return ReviewMark.NEEDS_REVIEW
        if self._labels[ReviewMark.DONE] in labels:
            return ReviewMark.DONE
        return ReviewMark.NONE


def _utc(moment: datetime | None) -> datetime | None:
    """Jira stamps milliseconds, so ``updated_since`` is compared as given (naive means UTC)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
