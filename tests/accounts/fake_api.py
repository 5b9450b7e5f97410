"""The plumbing of the project's local vendor APIs (Google Directory, Microsoft Graph).

A :class:`FakeApi` is a threaded HTTP server on an ephemeral loopback port with a routing
table (method + path regex -> handler) and planned faults: an error answer for the next
matching requests (429 with ``Retry-After``, 403 ``rateLimitExceeded``...) or "apply the
write, then drop the connection before answering" (the answer lost on the way).  Every
request is recorded so tests can count calls and read what was sent.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def form(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    """What to do instead of (or after) the normal handling of matching requests."""

    method: str
    path: re.Pattern[str]
    reply: Reply | None = None  # answer this instead of handling the request
    drop_after_apply: bool = False  # handle it, then close the connection unanswered
    times: int = 1
    skip: int = 0  # let this many matching requests through first


Handler = Callable[[Request, re.Match[str]], Reply]


class FakeApi:
    """Threaded loopback HTTP server with routes and planned faults; a context manager."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._faults: list[Fault] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method, re.compile(pattern + r"\Z"), handler))

    def fail_next(
        self, method: str, pattern: str, reply: Reply, *, times: int = 1, skip: int = 0
    ) -> None:
        """Answer the next ``times`` matching requests (after ``skip``) with ``reply``."""
        compiled = re.compile(pattern + r"\Z")
        with self.lock:
            self._faults.append(Fault(method, compiled, reply, times=times, skip=skip))

    def drop_answer_of_next(
        self, method: str, pattern: str, *, skip: int = 0, times: int = 1
    ) -> None:
        """Apply the next ``times`` matching requests (after ``skip`` of them), then close
        the connection without answering each."""
        compiled = re.compile(pattern + r"\Z")
        with self.lock:
            fault = Fault(method, compiled, drop_after_apply=True, times=times, skip=skip)
            self._faults.append(fault)

    def calls(self, method: str, pattern: str) -> list[Request]:
        compiled = re.compile(pattern + r"\Z")
        with self.lock:
            return [r for r in self.requests if r.method == method and compiled.match(r.path)]

    def __enter__(self) -> FakeApi:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _fault_for(self, request: Request) -> Fault | None:
        with self.lock:
            for fault in self._faults:
                if fault.method == request.method and fault.path.match(request.path):
                    if fault.skip > 0:
                        fault.skip -= 1
                        continue
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _dispatch(self, request: Request) -> Reply:
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if match and method == request.method:
                with self.lock:
                    return handler(request, match)
        return self.not_found(request)

    def not_found(self, request: Request) -> Reply:
        """The vendor's answer for a path it does not know; subclasses say it their way."""
        return Reply(404, {"error": {"code": 404, "message": "Not Found"}})

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body leave in two writes: without NODELAY the client's delayed
                # ACK holds the body back about 40 ms per request.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                """Quiet: tests read ``requests`` instead."""

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
                request = Request(self.command, parts.path, query, dict(self.headers), body)
                with api.lock:
                    api.requests.append(request)
                fault = api._fault_for(request)
                if fault is not None and fault.reply is not None:
                    reply = fault.reply
                else:
                    reply = api._dispatch(request)
                if fault is not None and fault.drop_after_apply:
                    self.close_connection = True
                    self.connection.close()
                    return
                payload = b"" if reply.body is None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                if payload:
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve  # noqa: N815

        return _Handler
