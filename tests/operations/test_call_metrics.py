"""connectors.http's funnel tells the worker's metrics of every attempt, against a real server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from connectors.errors import PermanentError
from connectors.http import HttpClient, RetryPolicy, remove_call_observer
from worker import metrics


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        status = 200 if self.path.startswith("/ok") else 404
        body = b'{"ok": true}' if status == 200 else b'{"error": "no such thing"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    metrics.install()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    remove_call_observer(metrics.observe_http_call)
    server.shutdown()
    server.server_close()


def calls(service: str, outcome: str) -> float:
    return metrics.CALLS.labels(service=service, outcome=outcome)._value.get()


def latency_count(service: str) -> float:
    for sample in metrics.CALL_SECONDS.collect()[0].samples:
        if sample.name.endswith("_count") and sample.labels.get("service") == service:
            return sample.value
    return 0.0


def test_calls_are_counted_by_outcome_with_their_latency(base_url: str) -> None:
    client = HttpClient(base_url, service="probe-desk", retry=RetryPolicy(attempts=1))
    ok_before, timed_before = calls("probe-desk", "ok"), latency_count("probe-desk")
    client.get("/ok")
    client.get("/ok")
    with pytest.raises(PermanentError) as refused:
        client.get("/missing")
    kind = type(refused.value).__name__
    assert calls("probe-desk", "ok") == ok_before + 2
    assert calls("probe-desk", kind) >= 1
    assert latency_count("probe-desk") == timed_before + 3
    client.close()
