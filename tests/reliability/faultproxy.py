"""A small HTTP fault proxy on 127.0.0.1 in front of one upstream (Request Tracker here).

RT has no rate limiting and never times out on purpose, so the faults the worker must
survive (RELIABILITY.md R9-R13, R16) are made here, between the worker and RT.  A test adds
rules; each rule matches a method and a path pattern and applies a fault a number of times
(or for ever), after which requests pass through untouched:

    fail        answer ``status`` without forwarding (HTTP 500, or 429 with Retry-After)
    malformed   answer 200 with a truncated JSON body, without forwarding
    hold        forward, let the upstream apply it, then sit on the answer for ``seconds``
                (past the client's read timeout: the side effect IS applied, R11)
    reset       forward, then drop the client's connection with a TCP RST (R13)
    delay       forward, then answer ``seconds`` late (a slow upstream, under the timeout)

Every request is recorded with the fault applied to it, so tests count retries and measure
the gaps between them.  Loopback only; every wait is bounded and ends at shutdown.
"""

from __future__ import annotations

import http.client
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

PASS = "pass"
UPSTREAM_TIMEOUT = 60.0  # seconds; RT answers in well under a second on loopback
MAX_BODY = 64 * 1024 * 1024
# Hop-by-hop headers (RFC 9110 section 7.6.1) are the proxy's own business, not forwarded;
# Content-Length is recomputed because the body is re-sent whole.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "host",
    }
)


@dataclass
class Rule:
    """One fault for requests whose method and path match; ``times=None`` means for ever."""

    pattern: re.Pattern[str]
    action: str
    method: str | None = None
    times: int | None = 1
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0
    #: Send ``Retry-After`` as an HTTP-date this many seconds after the answer is made.
    retry_after_in: float | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.times == 0:
            return False
        return (self.method is None or self.method == method) and bool(self.pattern.search(path))


@dataclass(frozen=True)
class Hit:
    """One request the proxy saw: when (monotonic seconds), and what it did with it."""

    method: str
    path: str
    at: float
    action: str
    status: int | None = None  # what the upstream answered, when forwarded
    client_port: int = 0  # the client's end of the connection (to find its process)


class FaultProxy:
    """A threaded proxy to ``upstream`` (``http://host:port``); use as a context manager."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError("the fault proxy only forwards to http:// on loopback")
        self.upstream = (parts.hostname, parts.port or 80)
        self.rules: list[Rule] = []
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    # -- control, from the test -----------------------------------------------------------
    def add(self, pattern: str, action: str, *, method: str | None = None, **options: Any) -> Rule:
        """Apply ``action`` to requests whose path matches the regex ``pattern``."""
        rule = Rule(re.compile(pattern), action, method, **options)
        with self._lock:
            self.rules.append(rule)
        return rule

    def fail(self, pattern: str, status: int = 500, times: int | None = 1, **options: Any) -> Rule:
        return self.add(pattern, "fail", status=status, times=times, **options)

    def rate_limit(self, pattern: str, retry_after: str, times: int = 1, **options: Any) -> Rule:
        headers = {"Retry-After": retry_after, "Content-Type": "application/json"}
        return self.add(
            pattern, "fail", status=429, times=times, headers=headers, body=b"{}", **options
        )

    def rate_limit_until(self, pattern: str, seconds: float, times: int = 1, **opts: Any) -> Rule:
        """429 with ``Retry-After`` as an HTTP-date ``seconds`` ahead (RFC 9110 section 10.2.3)."""
        headers = {"Content-Type": "application/json"}
        return self.add(
            pattern,
            "fail",
            status=429,
            times=times,
            headers=headers,
            body=b"{}",
            retry_after_in=seconds,
            **opts,
        )

    def malformed(self, pattern: str, times: int | None = None, **options: Any) -> Rule:
        body = b'{"total": 1, "items": [{"id": "1", "Tra'  # cut off mid-answer
        headers = {"Content-Type": "application/json"}
        return self.add(
            pattern, "fail", status=200, times=times, headers=headers, body=body, **options
        )

    def hold(self, pattern: str, seconds: float, times: int = 1, **options: Any) -> Rule:
        return self.add(pattern, "hold", seconds=seconds, times=times, **options)

    def reset(self, pattern: str, times: int = 1, **options: Any) -> Rule:
        return self.add(pattern, "reset", times=times, **options)

    def delay(self, pattern: str, seconds: float, times: int | None = None, **opts: Any) -> Rule:
        return self.add(pattern, "delay", seconds=seconds, times=times, **opts)

    def clear(self) -> None:
        """Every request passes through from now on."""
        with self._lock:
            self.rules.clear()

    def hits_on(self, pattern: str, method: str | None = None) -> list[Hit]:
        regex = re.compile(pattern)
        with self._lock:
            return [
                h
                for h in self.hits
                if regex.search(h.path) and (method is None or h.method == method)
            ]

    # -- life cycle -----------------------------------------------------------------------
    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._closing.set()  # ends every hold and delay at once
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- the proxy itself -----------------------------------------------------------------
    def _take_rule(self, method: str, path: str) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(method, path):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
            return None

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def _forward(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        host, port = self.upstream
        connection = http.client.HTTPConnection(host, port, timeout=UPSTREAM_TIMEOUT)
        try:
            sent = {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP}
            sent["Host"] = f"{host}:{port}"
            connection.request(method, target, body=body or None, headers=sent)
            response = connection.getresponse()
            data = response.read(MAX_BODY + 1)
            if len(data) > MAX_BODY:
                raise OSError("upstream answer larger than the proxy's limit")
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
            return response.status, kept, data
        finally:
            connection.close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                """Quiet: tests read ``hits``."""

            def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                    self.wfile.flush()
                except OSError:
                    self.close_connection = True  # the client gave up (its timeout): fine

            def _drop(self) -> None:
                # SO_LINGER with a zero timeout makes close() send RST, not FIN.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                rule = proxy._take_rule(self.command, path)
                action = rule.action if rule else PASS
                at, port = time.monotonic(), int(self.client_address[1])
                if rule is not None and rule.action == "fail":
                    proxy._record(Hit(self.command, path, at, action, rule.status, port))
                    headers = list(rule.headers.items())
                    if rule.retry_after_in is not None:
                        when = formatdate(time.time() + rule.retry_after_in, usegmt=True)
                        headers.append(("Retry-After", when))
                    self._answer(rule.status, headers, rule.body)
                    return
                try:
                    status, headers, data = proxy._forward(
                        self.command, self.path, dict(self.headers), body
                    )
                except OSError:
                    proxy._record(Hit(self.command, path, at, "upstream-down", None, port))
                    self._answer(502, [], b"")
                    return
                # Recorded once the upstream has answered: a test that sees the hit knows the
                # request took effect there.
                proxy._record(Hit(self.command, path, at, action, status, port))
                if rule is not None and rule.action == "reset":
                    self._drop()
                    return
                if rule is not None and rule.action in ("hold", "delay"):
                    proxy._closing.wait(rule.seconds)
                    if rule.action == "hold":
                        self.close_connection = True  # the client has given up on it
                self._answer(status, headers, data)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve  # noqa: N815

        return Handler
