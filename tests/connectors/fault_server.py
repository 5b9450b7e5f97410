"""A small HTTP server on 127.0.0.1 that answers what a test tells it to, for fault tests.

Each path has a queue of planned :class:`Reply` objects; when a path's queue is empty the
server answers ``default``.  Every request is recorded (method, path, headers, body, time) so a
test can count retries and measure the gaps between them.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reply:
    """One planned answer.  ``reset`` drops the connection with a TCP RST instead."""

    status: int = 200
    body: bytes = b'{"ok": true}'
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay: float = 0.0  # seconds to wait before answering (a slow server)
    reset: bool = False


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    at: float


class FaultServer:
    """Threaded HTTP server on an ephemeral loopback port; use as a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.plans: dict[str, deque[Reply]] = defaultdict(deque)
        self.default = Reply()
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown (every test's teardown) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def plan(self, path: str, *replies: Reply) -> None:
        """Answer the next requests to ``path`` with ``replies``, in order."""
        with self._lock:
            self.plans[path].extend(replies)

    def hits_on(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, hit: Hit) -> Reply:
        with self._lock:
            self.hits.append(hit)
            queue = self.plans.get(hit.path)
            return queue.popleft() if queue else self.default

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                """Quiet: tests read ``hits`` instead of a log."""

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                hit = Hit(
                    self.command,
                    parts.path,
                    parts.query,
                    dict(self.headers),
                    body,
                    time.monotonic(),
                )
                reply = server._next_reply(hit)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:
                    # SO_LINGER with a zero timeout makes close() send RST, not FIN.
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    self.connection.close()
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (timeout): fine

            do_GET = do_POST = do_PUT = do_DELETE = _serve  # noqa: N815

        return Handler
