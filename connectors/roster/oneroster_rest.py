"""OneRoster 1.1/1.2 REST roster source: OAuth 2 client credentials, paged GET /orgs and /users.

References:
- 1EdTech OneRoster v1.1 Final Specification, REST binding (getAllOrgs, getAllUsers,
  getAllStudents; its Pagination part: ``limit``/``offset``, the ``X-Total-Count`` header and
  ``Link`` headers; its Filtering part: ``filter``):
  https://www.imsglobal.org/oneroster-v11-final-specification
- OneRoster 1.2 Rostering Service REST/JSON binding (same paging, OAuth 2 client credentials):
  https://standards.1edtech.org/oneroster/specifications/standards/v1p2/services/rostering/rest
- RFC 6749 section 4.4 (client credentials grant), 2.3.1 (client id and secret in HTTP Basic,
  form-encoded first), 5.1/5.2 (token answer and errors); RFC 8288 (Link).

Requests go through :mod:`connectors.http` (timeouts, retries, Retry-After, error kinds, and the
guard that refuses URLs off the configured origin).  A server that breaks the protocol (no JSON,
no envelope, a next link off the host, endless pages) raises ``PermanentError``: a partial
roster must never pass for a whole one.  A single record that cannot be mapped becomes a
:class:`RosterIssue` naming the endpoint, page, offset and field.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote_plus, urlencode, urljoin, urlsplit

from pydantic import BaseModel, SecretStr, ValidationError
from requests import PreparedRequest
from requests.auth import AuthBase
from requests.structures import CaseInsensitiveDict
from requests.utils import parse_header_links

from ..checks import Check
from ..errors import AuthError, PermanentError
from ..http import BasicAuth, HttpClient, JsonResponse, RetryPolicy, Timeouts
from ._oneroster_json import RecordPosition, parse_org, parse_user
from .base import OrgRecord, Roster, RosterIssue, UserRecord, report_duplicates, roster_checks
from .config import OneRosterRestConfig

logger = logging.getLogger(__name__)

Record = TypeVar("Record", OrgRecord, UserRecord)
Query = dict[str, Any]

#: RFC 6749 section 5.2 error codes that mean "these credentials will not do".
CREDENTIAL_ERRORS = frozenset({"invalid_client", "invalid_grant", "unauthorized_client"})


class OneRosterRestSource:
    """Loads the roster from a OneRoster REST API (Infinite Campus, ClassLink, and others)."""

    def __init__(
        self,
        config: OneRosterRestConfig,
        *,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._base = config.base_url.rstrip("/")
        seconds = config.timeout_seconds
        self._client_options: dict[str, Any] = {
            "timeouts": Timeouts(connect=seconds, read=seconds, total=max(60.0, 2 * seconds)),
            "retry": retry,
            "sleep": sleep,
        }
        self._tokens = _TokenCache(config, clock)

    def self_check(self) -> list[Check]:
        """Sign in and read the whole roster for real: counts, and problems by record."""
        fix = (
            "check TICKETWORKER_ROSTER__BASE_URL, TOKEN_URL, CLIENT_ID and CLIENT_SECRET "
            "with the SIS's OneRoster API settings"
        )
        return roster_checks(self, self._base, fix)

    def load(self) -> Roster:
        api = HttpClient(self._base, auth=self._tokens.auth, **self._client_options)
        token_endpoint = HttpClient(
            self.config.token_url, auth=self._tokens.client_auth(), **self._client_options
        )
        try:
            pager = _Pager(self.config, self._base, self._tokens, api, token_endpoint)
            issues: list[RosterIssue] = []
            orgs = pager.collect("/orgs", "orgs", {}, parse_org, issues)
            endpoint, query = f"/{self.config.users_endpoint}", self._user_query()
            users = pager.collect(endpoint, "users", query, parse_user, issues)
        finally:
            api.close()
            token_endpoint.close()
        report_duplicates(users, issues)
        counts = len(orgs), len(users), len(issues)
        logger.info("OneRoster REST roster: %d orgs, %d users, %d issues", *counts)
        return Roster(orgs=orgs, users=users, source=self._base, issues=tuple(issues))

    def _user_query(self) -> Query:
        return {"filter": self.config.users_filter} if self.config.users_filter else {}


@dataclass(frozen=True, slots=True)
class _Pager:
    """What one load needs to page through a collection: config, token, the two HTTP clients."""

    _config: OneRosterRestConfig
    _base: str
    _tokens: _TokenCache
    _api: HttpClient
    _token_endpoint: HttpClient

    # Reference: OneRoster v1.1 REST binding, Pagination (see the module docstring).
    def collect(
        self,
        endpoint: str,
        envelope: str,
        query: Query,
        parse: Callable[[object, RecordPosition], Record | RosterIssue],
        issues: list[RosterIssue],
    ) -> list[Record]:
        """Every record of one collection, following next links or offsets, at most max_pages."""
        records: list[Record] = []
        received = 0
        url = f"{self._base}{endpoint}?" + urlencode(self._page_query(query, 0))
        followed = {url}
        for page in range(1, self._config.max_pages + 1):
            response = self._get(url)
            items = _envelope(response, envelope, endpoint)
            for index, raw in enumerate(items):
                result = parse(raw, RecordPosition(endpoint, page, received, index))
                if isinstance(result, RosterIssue):
                    issues.append(result)
                else:
                    records.append(result)
            received += len(items)
            logger.debug("GET %s page %d: %d records", endpoint, page, len(items))
            headers = CaseInsensitiveDict(response.headers)
            next_url = _next_link(headers, url)
            if next_url is None and _more_by_offset(headers, len(items), received, self._limit):
                next_url = f"{self._base}{endpoint}?" + urlencode(self._page_query(query, received))
            if next_url is None:
                _check_total(headers, endpoint, received, issues)
                return records
            if next_url in followed:
                raise PermanentError(f"{endpoint}: the next links loop back to a page already read")
            url = next_url
            followed.add(url)
        raise PermanentError(
            f"{endpoint}: still more after {self._config.max_pages} pages (max_pages); "
            "refusing to load a roster that may be incomplete"
        )

    @property
    def _limit(self) -> int:
        return self._config.page_size

    def _page_query(self, query: Query, offset: int) -> Query:
        return {**query, "limit": self._limit, "offset": offset}

    def _get(self, url: str) -> JsonResponse:
        """GET with the bearer token; a refusal gets one fresh token and one more try."""
        self._tokens.ensure(self._token_endpoint)
        try:
            return self._request(url)
        except AuthError:
            # RFC 6750 section 3.1: an expired or revoked token; a new one may be accepted.
            logger.info("OneRoster API refused the bearer token; fetching a new one")
        self._tokens.ensure(self._token_endpoint, force_new=True)
        try:
            return self._request(url)
        except AuthError as exc:
            raise AuthError(f"OneRoster API refused a freshly issued token ({exc})") from exc

    # Reference: OneRoster v1.1 REST binding, section 3.3 (status codes) and the
    # imsx_StatusInfo payload an error answers with (imsx_codeMajor, imsx_severity,
    # imsx_description, imsx_CodeMinor: invalid_filter_field, unknownobject, ...):
    # https://www.imsglobal.org/oneroster-v11-final-specification
    def _request(self, url: str) -> JsonResponse:
        response = self._api.request("GET", url, allow_statuses=_REFUSALS)
        if response.status in _REFUSALS:
            path = urlsplit(url).path
            why = _status_description(response.data)
            raise PermanentError(
                f"GET {path}: HTTP {response.status}" + (f": {why}" if why else "")
            )
        return response


def _next_link(headers: CaseInsensitiveDict[str], current_url: str) -> str | None:
    """The absolute rel="next" URL from an RFC 8288 Link header, if there is one.

    The HTTP client refuses it later if it leaves the API's origin (it would carry our token).
    """
    for link in parse_header_links(headers.get("Link", "")):
        if "next" in link.get("rel", "").split() and link.get("url"):
            return urljoin(current_url, link["url"])
    return None


def _total_count(headers: CaseInsensitiveDict[str]) -> int | None:
    value = headers.get("X-Total-Count", "").strip()
    return int(value) if value.isdigit() else None


def _more_by_offset(
    headers: CaseInsensitiveDict[str], page_len: int, received: int, limit: int
) -> bool:
    """Without a next link, is there another page to ask for by offset?

    A Link header without rel="next" means this was the last page.  Servers that send no Link
    header are paged by offset: X-Total-Count says when to stop; without it only an empty page
    ends the collection.  A short page proves nothing: servers cap ``limit`` below what we ask
    (100 is common) without saying so, and stopping there loads a fraction of the district
    as if it were all of it.  ``max_pages`` bounds the walk.
    """
    if "Link" in headers or page_len == 0:
        return False
    total = _total_count(headers)
    if total is not None:
        return received < total
    return True


#: Refusals whose body the OneRoster binding defines (imsx_StatusInfo); 401/403 stay auth
#: errors and 5xx temporary ones, as for every connector.
_REFUSALS = (400, 404, 422)
_DESCRIPTION_CHARS = 300


def _status_description(body: object) -> str:
    """The server's ``imsx_description`` (and minor code) from an error answer.

    Accepted at the top level (the v1.1 binding), inside ``imsx_StatusInfo`` or as the first
    of a ``statusInfoSet`` list (both seen in servers' answers).  Control characters are
    dropped and the text is kept short: it ends up in a log line.
    """
    info: object = body
    if isinstance(body, dict):
        if isinstance(body.get("imsx_StatusInfo"), dict):
            info = body["imsx_StatusInfo"]
        elif isinstance(body.get("statusInfoSet"), list) and body["statusInfoSet"]:
            info = body["statusInfoSet"][0]
    if not isinstance(info, dict):
        return ""
    description = info.get("imsx_description")
    text = description if isinstance(description, str) else ""
    minor = _minor_codes(info.get("imsx_CodeMinor"))
    if minor:
        text = f"{text} ({', '.join(minor)})" if text else ", ".join(minor)
    printable = "".join(c if c.isprintable() else " " for c in text).strip()
    return printable[:_DESCRIPTION_CHARS]


def _minor_codes(minor: object) -> list[str]:
    fields = minor.get("imsx_codeMinorField") if isinstance(minor, dict) else None
    if isinstance(fields, dict):
        fields = [fields]
    if not isinstance(fields, list):
        return []
    values = (f.get("imsx_codeMinorFieldValue") for f in fields if isinstance(f, dict))
    return [v for v in values if isinstance(v, str) and v]


def _envelope(response: JsonResponse, envelope: str, endpoint: str) -> list[object]:
    body = response.data
    if not isinstance(body, dict) or not isinstance(body.get(envelope), list):
        raise PermanentError(f'{endpoint}: the answer has no "{envelope}" list')
    items: list[object] = body[envelope]
    return items


def _check_total(
    headers: CaseInsensitiveDict[str], endpoint: str, received: int, issues: list[RosterIssue]
) -> None:
    total = _total_count(headers)
    if total is not None and total != received:
        message = f"X-Total-Count announced {total} records, {received} arrived"
        issues.append(RosterIssue(endpoint, None, "X-Total-Count", message))


class _TokenAnswer(BaseModel):
    access_token: SecretStr
    token_type: str
    expires_in: float | None = None


class _TokenCache:
    """An OAuth 2 client-credentials bearer token, reused until shortly before it expires."""

    def __init__(self, config: OneRosterRestConfig, clock: Callable[[], float]) -> None:
        self._config = config
        self._clock = clock
        self._expires_at = 0.0
        self._token: SecretStr | None = None
        #: Sends whatever token is current, so a renewed token needs no new HTTP client.
        self.auth = _CurrentBearer(self)

    def current(self) -> SecretStr:
        if self._token is None:
            raise AuthError("no OAuth 2 access token has been issued")
        return self._token

    def client_auth(self) -> BasicAuth:
        # RFC 6749 section 2.3.1: form-encode id and secret before HTTP Basic joins them.
        secret = quote_plus(self._config.client_secret.get_secret_value())
        return BasicAuth(quote_plus(self._config.client_id), SecretStr(secret))

    def ensure(self, token_endpoint: HttpClient, *, force_new: bool = False) -> None:
        if force_new or self._token is None or self._clock() >= self._expires_at:
            self._token = None
            self._fetch(token_endpoint)

    # Reference: RFC 6749 section 4.4.2 (request), 5.1 (answer) and 5.2 (errors).
    def _fetch(self, token_endpoint: HttpClient) -> None:
        form = {"grant_type": "client_credentials"}
        if self._config.scope:
            form["scope"] = self._config.scope
        response = token_endpoint.request(
            "POST", self._config.token_url, data=form, allow_statuses=(400,)
        )
        if response.status == 400:
            error = _oauth_error(response.data)
            what = f"the token endpoint answered HTTP 400 ({error or 'no error code'})"
            raise AuthError(what) if error in CREDENTIAL_ERRORS else PermanentError(what)
        try:
            answer = _TokenAnswer.model_validate(response.data)
        except ValidationError:
            # Not chained: pydantic's error text quotes its input, which may hold the token.
            raise PermanentError("the token endpoint's answer is not an OAuth 2 token") from None
        if answer.token_type.lower() != "bearer":
            raise PermanentError(f"the token endpoint issued a {answer.token_type!r} token")
        lifetime = answer.expires_in if answer.expires_in is not None else math.inf
        # Renew a little early so a token does not expire between check and use.
        self._expires_at = self._clock() + lifetime - min(30.0, lifetime / 10)
        self._token = answer.access_token
        logger.debug("new OneRoster access token, valid %s s", answer.expires_in)


class _CurrentBearer(AuthBase):
    """``Authorization: Bearer`` with whichever token the cache holds when the request is sent."""

    def __init__(self, tokens: _TokenCache) -> None:
        self._tokens = tokens

    def __call__(self, request: PreparedRequest) -> PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._tokens.current().get_secret_value()}"
        return request

    def __repr__(self) -> str:
        return "CurrentBearer(token=**********)"


def _oauth_error(body: object) -> str:
    """The RFC 6749 section 5.2 ``error`` code, when it is made of safe characters."""
    error = body.get("error", "") if isinstance(body, dict) else ""
    return error if isinstance(error, str) and error.replace("_", "").isalpha() else ""
