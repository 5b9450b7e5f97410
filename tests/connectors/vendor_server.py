"""The base of every vendor API the tests serve on 127.0.0.1 (Zendesk, Freshservice, Graph...).

A SaaS help-desk or directory cannot run here, so each is played by a small server of ours that
behaves as the vendor's API reference documents: its routes, its authentication, its paging,
its status codes, rate-limit headers and error bodies.  A vendor module subclasses
:class:`VendorServer`, registers routes with :meth:`VendorServer.route` and keeps its own state
(tickets, comments, users) the way the vendor would.  Tests can also plan faults (a 500, a 429
with or without ``Retry-After``, a truncated body, a slow answer, a dropped connection) for the
next requests with :meth:`VendorServer.fail_next`; every request is logged.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)  # named groups of the route

    def json(self) -> Any:
        """The body as JSON; a body that is not JSON is the client's bug: raise."""
        return json.loads(self.body) if self.body else None

    def arg(self, name: str, default: str | None = None) -> str | None:
        """The first value of query parameter ``name``."""
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str) -> str:
        """A header, case-insensitively ("" when absent)."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), "")


@dataclass(frozen=True)
class Response:
    """One answer.  ``body`` is JSON-encoded unless it is already bytes."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    reset: bool = False  # drop the connection with a TCP RST instead of answering
    truncate: bool = False  # send only the first half of the body: JSON cut off mid-way

    def encoded(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode()


Handler = Callable[[Request], Response]


class VendorServer:
    """A threaded HTTP server on an ephemeral loopback port; use as a context manager."""

    #: Content type of JSON answers (some vendors add a charset).
    json_type = "application/json; charset=utf-8"

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._faults: deque[tuple[re.Pattern[str] | None, Response]] = deque()
        self._server = ThreadingHTTPServer((host, 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # -- what a vendor module overrides -------------------------------------------------
    def authenticate(self, request: Request) -> Response | None:
        """The vendor's answer to missing or wrong credentials, or ``None`` to go on."""
        return None

    def not_found(self, request: Request) -> Response:
        """The vendor's answer to a path it does not know."""
        return Response(404, {"error": "NotFound"})

    # -- set-up -----------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        """Register ``handler`` for ``method`` and a path regex (named groups become params)."""

        def register(handler: Handler) -> Handler:
            self._routes.append((method.upper(), re.compile(pattern + r"\Z"), handler))
            return handler

        return register

    def fail_next(self, *replies: Response, path: str | None = None) -> None:
        """Answer the next requests (to paths matching ``path``, a regex) with ``replies``."""
        matcher = re.compile(path) if path else None
        with self.lock:
            self._faults.extend((matcher, reply) for reply in replies)

    def hits(self, method: str | None = None, path: str | None = None) -> list[Request]:
        """Logged requests, optionally only those of one method and a path regex."""
        with self.lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method.upper())
                and (path is None or re.search(path, r.path))
            ]

    def __enter__(self) -> VendorServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- serving ----------------------------------------------------------------------
    def _answer(self, request: Request) -> Response:
        with self.lock:
            self.requests.append(request)
            for index, (matcher, reply) in enumerate(self._faults):
                if matcher is None or matcher.search(request.path):
                    del self._faults[index]
                    return reply
        refused = self.authenticate(request)
        if refused is not None:
            return refused
        known_path = False
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if match is None:
                continue
            known_path = True
            if method == request.method:
                routed = Request(
                    request.method,
                    request.path,
                    request.query,
                    request.headers,
                    request.body,
                    match.groupdict(),
                )
                with self.lock:
                    return handler(routed)
        if known_path:
            return Response(405, {"error": "MethodNotAllowed"})
        return self.not_found(request)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        vendor = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # keep test output clean

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query, keep_blank_values=True),
                    dict(self.headers.items()),
                    body,
                )
                reply = vendor._answer(request)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:
                    # SO_LINGER 0 then close: the client sees a connection reset.
                    linger = struct.pack("ii", 1, 0)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    self.close_connection = True
                    return
                payload = reply.encoded()
                if reply.truncate:
                    payload = payload[: len(payload) // 2]
                self.send_response(reply.status)
                headers = dict(reply.headers)
                if reply.body is not None and not isinstance(reply.body, bytes):
                    headers.setdefault("Content-Type", vendor.json_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        return _Handler
