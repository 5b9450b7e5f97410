"""A small OneRoster 1.1 REST server on 127.0.0.1 for the roster tests, with switchable faults.

It implements what the roster source uses, from the 1EdTech OneRoster v1.1 REST binding:
``GET {base}/orgs``, ``/users`` and ``/students`` with ``limit`` (default 100), ``offset``
(default 0) and a simple ``filter`` (``field='value'`` or ``field!='value'``), answering
``{"orgs": [...]}`` or ``{"users": [...]}`` with the ``X-Total-Count`` header and a ``Link``
header (next, prev, first, last).  Access needs a bearer token from ``POST /oauth/token``: the
RFC 6749 section 4.4 client credentials grant, client authenticated with HTTP Basic (section
2.3.1), errors as in section 5.2.  ``Faults`` makes it misbehave the ways real servers do.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
import threading
import time
from base64 import b64decode
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

Json = dict[str, Any]
BASE_PATH = "/ims/oneroster/v1p1"
TOKEN_PATH = "/oauth/token"
COLLECTIONS = ("orgs", "users", "students")
FILTER = re.compile(r"^(\w+)(!=|=)'([^']*)'$")


@dataclass
class Faults:
    """Ways to misbehave; keys are (collection, offset) such as ("users", 200)."""

    fail_once: set[tuple[str, int]] = field(default_factory=set)
    fail_always: set[str] = field(default_factory=set)
    #: (collection, offset) -> Retry-After value, answered with 429 once.
    rate_limit_once: dict[tuple[str, int], str] = field(default_factory=dict)
    #: Forget every issued token after this many authorised collection requests (once).
    revoke_tokens_after: int | None = None
    reject_every_token: bool = False
    link_headers: bool = True
    total_header: bool = True
    #: The server's own cap on ``limit`` (real servers cap it below what clients ask for).
    max_limit: int = 10_000
    #: Replace the next link: (collection, next offset, current url) -> link target.
    next_link: Callable[[str, int, str], str] | None = None
    total_override: int | None = None
    raw_body: dict[str, bytes] = field(default_factory=dict)
    hang_seconds: float = 0.0
    #: Status for refused client credentials: 401 with a challenge, or RFC 6749's default 400.
    token_error_status: int = 401
    #: Replace the token endpoint's successful answer.
    token_answer: Json | None = None


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, str]
    status: int


@dataclass
class OneRosterState:
    orgs: list[Json]
    users: list[Json]
    clients: dict[str, str]
    token_lifetime: int = 3600
    faults: Faults = field(default_factory=Faults)
    tokens: dict[str, float] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    issued: int = 0
    scopes: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def requests_to(self, path_suffix: str) -> list[Logged]:
        with self.lock:
            return [entry for entry in self.log if entry.path.endswith(path_suffix)]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and hung up is expected in the timeout test; all else is loud.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class OneRosterServer:
    """Runs the handler on 127.0.0.1 on a free port in a daemon thread; ``stop()`` ends it."""

    def __init__(self, state: OneRosterState) -> None:
        self.state = state
        self._httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self._httpd.state = state  # type: ignore[attr-defined]
        host, port = self._httpd.server_address[:2]
        self.origin = f"http://{host!s}:{port}"
        self.base_url = self.origin + BASE_PATH
        self.token_url = self.origin + TOKEN_PATH
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> OneRosterServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, delayed ACKs add 40 ms per request.
    disable_nagle_algorithm = True

    @property
    def state(self) -> OneRosterState:
        state: OneRosterState = self.server.state  # type: ignore[attr-defined]
        return state

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # keep test output clean

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path != TOKEN_PATH:
            return self._reply(404, {"error": "not found"})
        if not self._client_ok():
            # RFC 6749 section 5.2: invalid_client is a 400, or a 401 with a Basic challenge.
            status = self.state.faults.token_error_status
            challenge = {"WWW-Authenticate": 'Basic realm="oneroster"'} if status == 401 else {}
            return self._reply(status, {"error": "invalid_client"}, challenge)
        if form.get("grant_type") != "client_credentials":
            return self._reply(400, {"error": "unsupported_grant_type"})
        token = secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.tokens[token] = time.monotonic() + self.state.token_lifetime
            self.state.issued += 1
            self.state.scopes.append(form.get("scope", ""))
        answer = {"access_token": token, "token_type": "bearer"}
        answer = self.state.faults.token_answer or answer
        self._reply(200, {**answer, "expires_in": self.state.token_lifetime})

    def _client_ok(self) -> bool:
        scheme, _, encoded = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return False
        user, _, password = b64decode(encoded).decode().partition(":")
        expected = self.state.clients.get(unquote_plus(user))
        given = unquote_plus(password).encode()
        return expected is not None and secrets.compare_digest(expected.encode(), given)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        collection = url.path.removeprefix(BASE_PATH + "/")
        known = url.path.startswith(BASE_PATH + "/") and collection in COLLECTIONS
        if not known:
            missing = f"no collection {url.path!r} on this server"
            return self._reply(404, _status_info(missing, "unknownobject"), query=query)
        if not self._token_ok():
            challenge = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            return self._reply(401, {"error": "invalid_token"}, challenge, query=query)
        faults = self.state.faults
        if faults.hang_seconds:
            time.sleep(faults.hang_seconds)
        try:
            limit = _number(query, "limit", 100)
            limit = min(limit, faults.max_limit)
            offset = _number(query, "offset", 0)
            items = _filtered(self._collection(collection), query.get("filter"))
        except ValueError as exc:
            return self._reply(400, _status_info(str(exc), "invalid_filter_field"), query=query)
        if (fault := self._fault(collection, offset)) is not None:
            status, headers = fault
            return self._reply(status, {"error": "fault"}, headers, query=query)
        self._serve_page(collection, items, limit, offset, query)

    def _token_ok(self) -> bool:
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        with self.state.lock:
            faults = self.state.faults
            if faults.revoke_tokens_after is not None:
                served = sum(1 for e in self.state.log if e.method == "GET" and e.status == 200)
                if served >= faults.revoke_tokens_after:
                    self.state.tokens.clear()
                    faults.revoke_tokens_after = None
            expiry = self.state.tokens.get(token)
        ok = scheme.lower() == "bearer" and expiry is not None and time.monotonic() < expiry
        return ok and not faults.reject_every_token

    def _collection(self, collection: str) -> list[Json]:
        if collection == "orgs":
            return self.state.orgs
        if collection == "students":
            return [u for u in self.state.users if u.get("role") == "student"]
        return self.state.users

    def _fault(self, collection: str, offset: int) -> tuple[int, dict[str, str]] | None:
        faults = self.state.faults
        with self.state.lock:
            if collection in faults.fail_always:
                return 500, {}
            if (collection, offset) in faults.fail_once:
                faults.fail_once.discard((collection, offset))
                return 500, {}
            retry_after = faults.rate_limit_once.pop((collection, offset), None)
        if retry_after is not None:
            return 429, {"Retry-After": retry_after}
        return None

    def _serve_page(
        self, collection: str, items: list[Json], limit: int, offset: int, query: dict[str, str]
    ) -> None:
        faults = self.state.faults
        page = items[offset : offset + limit]
        total = len(items) if faults.total_override is None else faults.total_override
        headers = {"X-Total-Count": str(total)} if faults.total_header else {}
        if faults.link_headers:
            headers["Link"] = self._links(collection, query, limit, offset, len(items))
        envelope = "orgs" if collection == "orgs" else "users"
        body = faults.raw_body.get(collection)
        if body is not None:
            return self._send(200, body, headers, query)
        self._reply(200, {envelope: page}, headers, query=query)

    def _links(
        self, collection: str, query: dict[str, str], limit: int, offset: int, n: int
    ) -> str:
        """RFC 8288 Link header with the relations the OneRoster binding names."""
        here = f"http://{self.headers['Host']}{BASE_PATH}/{collection}"

        def at(start: int) -> str:
            return here + "?" + urlencode({**query, "limit": limit, "offset": start})

        links = [(at(0), "first"), (at(max(0, (n - 1) // limit * limit)), "last")]
        if offset + limit < n:
            target = at(offset + limit)
            if self.state.faults.next_link is not None:
                target = self.state.faults.next_link(collection, offset + limit, target)
            links.append((target, "next"))
        if offset > 0:
            links.append((at(max(0, offset - limit)), "prev"))
        return ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links)

    def _reply(
        self,
        status: int,
        payload: Json,
        headers: dict[str, str] | None = None,
        *,
        query: dict[str, str] | None = None,
    ) -> None:
        self._send(status, json.dumps(payload).encode(), headers or {}, query or {})

    def _send(
        self, status: int, body: bytes, headers: dict[str, str], query: dict[str, str]
    ) -> None:
        with self.state.lock:
            self.state.log.append(Logged(self.command, urlsplit(self.path).path, query, status))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _status_info(description: str, minor: str) -> Json:
    """The v1.1 binding's error payload (imsx_StatusInfo): major code, severity, a
    description for people and a minor code for programs."""
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_CodeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": "TargetEndSystem", "imsx_codeMinorFieldValue": minor}
            ]
        },
    }


def _number(query: dict[str, str], name: str, default: int) -> int:
    value = query.get(name, str(default))
    if not value.isdigit():
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _filtered(items: list[Json], expression: str | None) -> list[Json]:
    """OneRoster 1.1 filtering, one predicate only: ``field='value'`` or ``field!='value'``."""
    if not expression:
        return items
    match = FILTER.match(expression)
    if match is None:
        raise ValueError(f"the filter {expression!r} is not field='value' or field!='value'")
    name, op, value = match.groups()
    return [item for item in items if (str(item.get(name, "")) == value) == (op == "=")]
