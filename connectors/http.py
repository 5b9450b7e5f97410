"""The one HTTP funnel every HTTP connector goes through.

:class:`HttpClient` wraps a ``requests.Session`` bound to one base URL.  Every request has a
connect and a read timeout and a whole-answer deadline; redirects are never followed (they would
carry credentials elsewhere); absolute URLs taken from answers (``next_page``, ``_url``) are
followed only when they point at the base URL's scheme, host and port (an SSRF guard).

Failures are translated here, once, into :mod:`connectors.errors`:

    connection refused/reset, timeouts, HTTP 5xx, 408  -> TransientError
    HTTP 429 (Retry-After in seconds or HTTP-date)     -> RateLimited(retry_after, capped)
    HTTP 401, 403                                      -> AuthError
    other HTTP 4xx, 3xx, malformed or oversized JSON   -> PermanentError

A connector maps only its vendor's oddities (a 200 that carries an error, a 403 that means "rate
limited", an error code in the body) through ``error_mapper``: it sees each failed or allowed
answer as an :class:`HttpAnswer` and returns the error to raise, or ``None`` for the mapping above.
Every error carries the service's name, the HTTP status and the vendor's request id.

Transient and rate-limited failures are retried here a bounded number of times with jittered
exponential backoff, waiting as long as ``Retry-After`` asks when it asks for no more than
``RetryPolicy.max_wait``; a longer ask is handed straight to the caller, whose scheduler (Celery)
waits instead of a blocked worker.  A POST whose request may already have reached the server
(read timeout, connection lost after sending) is not repeated here: the caller checks whether it
took effect before posting again.  Secrets and bodies are never logged; errors name the URL
without its query or credentials.
"""

from __future__ import annotations

import base64
import json as jsonlib
import logging
import random
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import SplitResult, urlsplit

import requests
from pydantic import SecretStr
from requests.auth import AuthBase
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from urllib3.exceptions import NewConnectionError

from .errors import (
    AuthError,
    ConfigurationError,
    ConnectorError,
    PermanentError,
    RateLimited,
    TransientError,
)

logger = logging.getLogger(__name__)

#: Methods that may be sent twice without a second effect (RFC 9110 section 9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}
#: Headers in which vendors name their request id (Zendesk, Freshservice, Zammad, Microsoft
#: Graph, Atlassian, Google), first match wins.
REQUEST_ID_HEADERS = (
    "X-Request-Id",
    "request-id",
    "X-Zendesk-Request-Id",
    "X-Arequestid",
    "Atl-Traceid",
    "X-Goog-Request-Id",
)


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed to connect, between two reads, and for a whole answer."""

    connect: float = 5.0
    read: float = 10.0
    total: float = 60.0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long the funnel itself retries before the caller sees the error."""

    attempts: int = 4  # tries in all, the first included
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    max_wait: float = 15.0  # longest Retry-After honoured by sleeping here
    retry_after_cap: float = 3600.0  # longest Retry-After passed on to the caller


class TokenAuth(AuthBase):
    """``Authorization: <scheme> <token>`` (RT uses the scheme ``token``, most SaaS ``Bearer``)."""

    def __init__(self, token: SecretStr, scheme: str = "Bearer") -> None:
        self._token = token
        self._scheme = scheme

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"{self._scheme} {self._token.get_secret_value()}"
        return request

    def __repr__(self) -> str:
        return f"TokenAuth(scheme={self._scheme!r}, token=**********)"


class BasicAuth(AuthBase):
    """HTTP Basic auth whose password stays a ``SecretStr`` until the request is sent."""

    def __init__(self, username: str, password: SecretStr) -> None:
        self._username = username
        self._password = password

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        pair = f"{self._username}:{self._password.get_secret_value()}".encode()
        request.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        return request

    def __repr__(self) -> str:
        return f"BasicAuth(username={self._username!r}, password=**********)"


@dataclass(frozen=True)
class JsonResponse:
    """A decoded answer: status, JSON body (``None`` when empty) and headers."""

    status: int
    data: Any
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HttpAnswer:
    """What ``error_mapper`` sees of one answer: never logged, since bodies may echo our text."""

    method: str
    path: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    request_id: str | None

    def json(self) -> Any:
        """The body as JSON, or ``None`` when it is empty or not JSON."""
        try:
            return jsonlib.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None


#: A connector's own reading of an answer: the error to raise, or ``None`` for the default.
ErrorMapper = Callable[[HttpAnswer], "ConnectorError | None"]


def parse_retry_after(value: str | None, cap: float, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or HTTP-date), capped."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        seconds = float(text)
    else:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), cap)


def _origin(parts: SplitResult) -> tuple[str, str, int]:
    try:
        port = parts.port
    except ValueError as exc:
        raise PermanentError(f"invalid port in URL for host {parts.hostname}") from exc
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), port or DEFAULT_PORTS.get(scheme, 0)


def _maybe_applied(exc: BaseException) -> bool:
    """True when the failed request may have reached the server (so a POST may have acted)."""
    cause = exc.__cause__
    if cause is None or isinstance(cause, requests.ConnectTimeout):
        return False  # an HTTP error answer, or the connection was never made
    if isinstance(cause, requests.ConnectionError):
        reason = getattr(cause.args[0], "reason", None) if cause.args else None
        return not isinstance(reason, NewConnectionError)
    return True


def _shown_url(url: str) -> str:
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}{parts.path}"


#: A function told of every attempt: (service, method, outcome, seconds).  The outcome is
#: "ok" or the error kind's class name.  The worker installs one that feeds its metrics;
#: connectors cannot import the worker, so the funnel calls out instead.
CallObserver = Callable[[str, str, str, float], None]
_call_observers: list[CallObserver] = []


def add_call_observer(observer: CallObserver) -> None:
    """Tell ``observer`` of every HTTP attempt (installing the same one twice is a no-op)."""
    if observer not in _call_observers:
        _call_observers.append(observer)


def remove_call_observer(observer: CallObserver) -> None:
    if observer in _call_observers:
        _call_observers.remove(observer)


class HttpClient:
    """A session bound to one base URL; the only way connectors make HTTP requests."""

    def __init__(
        self,
        base_url: str,
        *,
        auth: AuthBase | None = None,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        headers: Mapping[str, str] | None = None,
        max_body_bytes: int = 32 * 1024 * 1024,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        service: str = "",
        error_mapper: ErrorMapper | None = None,
    ) -> None:
        parts = urlsplit(base_url.rstrip("/"))
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ConfigurationError(
                f"{parts.scheme or 'a URL without a scheme'}: a base URL must be an absolute "
                "http(s) URL"
            )
        self._base = parts.geturl()
        self._origin = _origin(parts)
        self._timeouts = timeouts or Timeouts()
        self._retry = retry or RetryPolicy()
        self._max_body = max_body_bytes
        self._sleep = sleep
        self._service = service or (parts.hostname or "")
        self._error_mapper = error_mapper
        self._session = session or requests.Session()
        # No proxies, .netrc or CA bundles from the environment: behaviour is what the
        # configuration says, and credentials are only ever the ones given here.
        self._session.trust_env = False
        self._session.auth = auth
        self._session.headers.update({"Accept": "application/json", "User-Agent": "ticketworker"})
        self._session.headers.update(headers or {})

    @property
    def base_url(self) -> str:
        return self._base

    @property
    def service(self) -> str:
        """The name errors carry ("Zendesk", or the host when none was given)."""
        return self._service

    def url_for(self, path_or_url: str) -> str:
        """The absolute URL for a path under the base URL, or a checked absolute URL.

        Raises ``PermanentError`` for an absolute URL on another scheme, host or port.
        """
        parts = urlsplit(path_or_url)
        if not parts.scheme and not parts.netloc:
            return f"{self._base}/{path_or_url.lstrip('/')}"
        if _origin(parts) != self._origin or parts.username or parts.password:
            logger.warning(
                "refused to follow a URL to host %s: not the configured base URL", parts.hostname
            )
            raise PermanentError(f"refused URL on host {parts.hostname}: not the base URL's origin")
        return path_or_url

    def request(
        self,
        method: str,
        path_or_url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        allow_statuses: Collection[int] = (),
        raw: bool = False,
        read_only: bool = False,
    ) -> JsonResponse:
        """Send one request (retrying as the module docstring says) and decode its JSON.

        Statuses in ``allow_statuses`` (e.g. 404 for a lookup) are returned instead of raised.
        With ``raw`` the body is returned undecoded, as bytes (a stored e-mail, a file).
        ``read_only`` marks a POST that changes nothing (a search with its filters in the body,
        as Incident IQ's): it is then retried like a GET.
        """
        method = method.upper()
        url = self.url_for(path_or_url)
        repeatable = read_only or method in IDEMPOTENT_METHODS
        retrying = Retrying(
            stop=stop_after_attempt(self._retry.attempts),
            wait=self._wait,
            retry=retry_if_exception(lambda exc: self._worth_retrying(repeatable, exc)),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        response: JsonResponse = retrying(
            self._send_observed, method, url, params, json, data, frozenset(allow_statuses), raw
        )
        return response

    def get(self, path_or_url: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET and return the decoded JSON body."""
        return self.request("GET", path_or_url, params=params).data

    def close(self) -> None:
        self._session.close()

    def _send_observed(self, method: str, url: str, *args: Any) -> JsonResponse:
        started, outcome = time.monotonic(), "ok"
        try:
            return self._send_once(method, url, *args)
        except Exception as exc:
            outcome = type(exc).__name__
            raise
        finally:
            for observer in tuple(_call_observers):
                try:
                    observer(self._service, method, outcome, time.monotonic() - started)
                except Exception:  # noqa: BLE001 - metrics must never break a call
                    logger.debug("call observer failed", exc_info=True)

    def _send_once(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        json: Any,
        data: Mapping[str, str] | None,
        allow: frozenset[int],
        raw: bool = False,
    ) -> JsonResponse:
        # The URL without its query (which may carry search terms) or any user:password part:
        # an error that reaches a person names the server it could not use.
        what = f"{method} {_shown_url(url)}"
        started = time.monotonic()
        try:
            with self._session.request(
                method,
                url,
                params=params,
                json=json,
                data=data,
                timeout=(self._timeouts.connect, self._timeouts.read),
                allow_redirects=False,
                stream=True,
            ) as response:
                body = self._read_body(response, what, started + self._timeouts.total)
        except requests.Timeout as exc:
            raise TransientError(f"{what}: timed out", service=self._service) from exc
        except requests.RequestException as exc:
            raise TransientError(
                f"{what}: connection failed ({type(exc).__name__})", service=self._service
            ) from exc
        elapsed_ms = (time.monotonic() - started) * 1000
        logger.debug("%s -> HTTP %d in %.0f ms", what, response.status_code, elapsed_ms)
        self._raise_for_status(what, response, body, allow)
        decoded = body if raw else self._decode(what, response, body)
        return JsonResponse(response.status_code, decoded, dict(response.headers))

    def _read_body(self, response: requests.Response, what: str, deadline: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(chunk_size=64 * 1024):
            size += len(chunk)
            if size > self._max_body:
                raise PermanentError(
                    f"{what}: answer larger than {self._max_body} bytes",
                    service=self._service,
                    status=response.status_code,
                )
            if time.monotonic() > deadline:
                raise requests.Timeout(f"answer not complete within {self._timeouts.total} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _raise_for_status(
        self, what: str, response: requests.Response, body: bytes, allow: frozenset[int]
    ) -> None:
        status = response.status_code
        request_id = next(
            (response.headers[h] for h in REQUEST_ID_HEADERS if response.headers.get(h)), None
        )
        ok = 200 <= status < 300 or status in allow
        if self._error_mapper is not None:
            answer = HttpAnswer(
                what.split(" ", 1)[0], urlsplit(response.url or "").path, status,
                response.headers, body, request_id,
            )  # fmt: skip
            mapped = self._error_mapper(answer)
            if mapped is not None:
                mapped.service = mapped.service or self._service
                mapped.status = mapped.status if mapped.status is not None else status
                mapped.request_id = mapped.request_id or request_id
                raise mapped
        if ok:
            return
        # The body may echo what we sent (ticket text): DEBUG only.
        logger.debug("%s -> HTTP %d body: %.300r", what, status, body)
        facts: dict[str, Any] = {
            "service": self._service, "status": status, "request_id": request_id,
        }  # fmt: skip
        if status == 429:
            header = response.headers.get("Retry-After")
            wait = parse_retry_after(header, self._retry.retry_after_cap)
            raise RateLimited(f"{what}: HTTP 429 rate limited", retry_after=wait, **facts)
        if status >= 500 or status == 408:
            raise TransientError(f"{what}: HTTP {status}", **facts)
        if status in (401, 403):
            raise AuthError(
                f"{what}: HTTP {status} (credentials refused or lacking a right)", **facts
            )
        raise PermanentError(f"{what}: HTTP {status}", **facts)

    def _decode(self, what: str, response: requests.Response, body: bytes) -> Any:
        if not body.strip():
            return None
        try:
            return jsonlib.loads(body)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
            raise PermanentError(
                f"{what}: HTTP {response.status_code} answer is not JSON "
                f"({response.headers.get('Content-Type', 'no content type')})",
                service=self._service,
                status=response.status_code,
            ) from exc

    def _worth_retrying(self, repeatable: bool, exc: BaseException) -> bool:
        if isinstance(exc, RateLimited):
            return exc.retry_after is None or exc.retry_after <= self._retry.max_wait
        if not isinstance(exc, TransientError):
            return False
        return repeatable or not _maybe_applied(exc)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, RateLimited) and exc.retry_after is not None:
            # Never earlier than asked; a little jitter so many clients do not return at once.
            return exc.retry_after + random.uniform(0, 0.25)
        policy = self._retry
        exponential = policy.backoff_initial * 2.0 ** (state.attempt_number - 1)
        return min(policy.backoff_max, exponential) + random.uniform(0, policy.backoff_initial)

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        delay = state.next_action.sleep if state.next_action else 0.0
        logger.warning(
            "%s; try %d of %d in %.1f s", exc, state.attempt_number + 1, self._retry.attempts, delay
        )
