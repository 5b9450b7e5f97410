"""The HTTP funnel against a real local server: error kinds, retries, Retry-After, SSRF guard."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pydantic import SecretStr

from connectors.errors import (
    AuthError,
    ConnectorError,
    PermanentError,
    RateLimited,
    TransientError,
)
from connectors.http import (
    BasicAuth,
    HttpAnswer,
    HttpClient,
    RetryPolicy,
    Timeouts,
    TokenAuth,
    parse_retry_after,
)

from .fault_server import FaultServer, Reply

FAST = Timeouts(connect=1.0, read=0.5, total=5.0)


class Sleeps:
    """Records the funnel's waits instead of sleeping, so retry tests stay fast."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def client(server: FaultServer, sleeps: Sleeps, **kwargs: object) -> HttpClient:
    options: dict[str, object] = {"timeouts": FAST, "sleep": sleeps}
    options.update(kwargs)
    return HttpClient(server.url + "/api", **options)  # type: ignore[arg-type]


def test_success_decodes_json_and_joins_paths(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/items", Reply(body=b'{"items": [1, 2]}'))
    assert client(server, sleeps).get("/items", params={"page": 2}) == {"items": [1, 2]}
    assert server.hits_on("/api/items")[0].query == "page=2"


def test_5xx_is_retried_with_backoff_then_succeeds(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(500), Reply(503), Reply(body=b'{"id": 7}'))
    assert client(server, sleeps).get("t") == {"id": 7}
    assert len(server.hits_on("/api/t")) == 3
    assert len(sleeps.calls) == 2 and all(0 < s <= 8.5 for s in sleeps.calls)


def test_5xx_beyond_the_retry_budget_reaches_the_caller(
    server: FaultServer, sleeps: Sleeps
) -> None:
    server.default = Reply(502)
    with pytest.raises(TransientError, match="HTTP 502"):
        client(server, sleeps, retry=RetryPolicy(attempts=3)).get("t")
    assert len(server.hits_on("/api/t")) == 3


def test_post_is_retried_after_a_5xx_answer(server: FaultServer, sleeps: Sleeps) -> None:
    # The server answered "failed", so repeating cannot double the effect (matrix row R9).
    server.plan("/api/reply", Reply(500), Reply(500), Reply(500), Reply(201, b'["ok"]'))
    http = client(server, sleeps)
    assert http.request("POST", "reply", json={"x": 1}).data == ["ok"]
    assert len(server.hits_on("/api/reply")) == 4


def test_429_waits_as_long_as_retry_after_says(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(429, b"", {"Retry-After": "2"}), Reply())
    client(server, sleeps).get("t")
    assert len(sleeps.calls) == 1 and 2.0 <= sleeps.calls[0] <= 2.3


def test_429_retry_after_is_honoured_in_real_time(server: FaultServer) -> None:
    server.plan("/api/t", Reply(429, b"", {"Retry-After": "1"}), Reply())
    HttpClient(server.url + "/api", timeouts=FAST).get("t")
    first, second = server.hits_on("/api/t")
    assert second.at - first.at >= 1.0


def test_429_with_an_http_date(server: FaultServer, sleeps: Sleeps) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=4), usegmt=True)
    server.plan("/api/t", Reply(429, b"", {"Retry-After": when}), Reply())
    client(server, sleeps).get("t")
    # HTTP-dates have whole seconds, so 4 s ahead is 3-4 s from now.
    assert 2.9 <= sleeps.calls[0] <= 4.3


def test_429_asking_too_long_goes_to_the_caller_capped(server: FaultServer, sleeps: Sleeps) -> None:
    server.default = Reply(429, b"", {"Retry-After": "86400"})
    policy = RetryPolicy(max_wait=10, retry_after_cap=600)
    with pytest.raises(RateLimited) as caught:
        client(server, sleeps, retry=policy).get("t")
    assert caught.value.retry_after == 600
    assert len(server.hits_on("/api/t")) == 1 and sleeps.calls == []


def test_429_without_retry_after_backs_off_and_finally_raises(
    server: FaultServer, sleeps: Sleeps
) -> None:
    server.default = Reply(429, b"")
    with pytest.raises(RateLimited) as caught:
        client(server, sleeps, retry=RetryPolicy(attempts=3)).get("t")
    assert caught.value.retry_after is None
    assert len(server.hits_on("/api/t")) == 3 and len(sleeps.calls) == 2


def test_slow_answer_times_out_and_get_is_retried(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(delay=1.5), Reply(body=b"[]"))
    started = time.monotonic()
    assert client(server, sleeps).get("t") == []
    assert time.monotonic() - started < 1.4  # gave up at the 0.5 s read timeout
    assert len(server.hits_on("/api/t")) == 2


def test_slow_post_is_not_repeated_because_it_may_have_acted(
    server: FaultServer, sleeps: Sleeps
) -> None:
    server.default = Reply(delay=1.5)
    with pytest.raises(TransientError, match="timed out"):
        client(server, sleeps).request("POST", "reply", json={"Content": "hello"})
    assert len(server.hits_on("/api/reply")) == 1


def test_connection_reset(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(reset=True), Reply(body=b"{}"))
    assert client(server, sleeps).get("t") == {}
    server.plan("/api/reply", Reply(reset=True))
    with pytest.raises(TransientError, match="connection failed"):
        client(server, sleeps).request("POST", "reply", json={})
    assert len(server.hits_on("/api/reply")) == 1


def test_refused_connection_is_transient_and_retried_even_for_post(sleeps: Sleeps) -> None:
    with FaultServer() as gone:
        url = gone.url
    http = HttpClient(url, timeouts=FAST, retry=RetryPolicy(attempts=3), sleep=sleeps)
    with pytest.raises(TransientError, match="connection failed"):
        http.request("POST", "reply", json={})
    assert len(sleeps.calls) == 2  # never sent, so safe to try again


@pytest.mark.parametrize(
    "reply",
    [
        Reply(body=b'{"items": [1, '),
        Reply(body=b"<html><body>Login</body></html>", headers={"Content-Type": "text/html"}),
        Reply(body=b"\xff\xfe not utf-8"),
    ],
    ids=["truncated", "html-login-page", "undecodable"],
)
def test_malformed_json_is_permanent_and_not_retried(
    server: FaultServer, sleeps: Sleeps, reply: Reply
) -> None:
    server.plan("/api/t", reply)
    with pytest.raises(PermanentError, match="not JSON"):
        client(server, sleeps).get("t")
    assert len(server.hits_on("/api/t")) == 1


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, AuthError),
        (403, AuthError),
        (400, PermanentError),
        (404, PermanentError),
        (422, PermanentError),
        (302, PermanentError),
    ],
)
def test_status_kinds(
    server: FaultServer, sleeps: Sleeps, status: int, kind: type[Exception]
) -> None:
    server.plan("/api/t", Reply(status, b'{"message": "no"}'))
    with pytest.raises(kind, match=f"HTTP {status}"):
        client(server, sleeps).get("t")
    assert len(server.hits_on("/api/t")) == 1
    if kind is PermanentError:
        with pytest.raises(PermanentError) as caught:
            server.plan("/api/t", Reply(status))
            client(server, sleeps).get("t")
        assert not isinstance(caught.value, AuthError)


def test_allowed_status_is_returned(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/q", Reply(404, b'{"message": "Not Found"}'))
    answer = client(server, sleeps).request("GET", "q", allow_statuses={404})
    assert (answer.status, answer.data) == (404, {"message": "Not Found"})


def test_redirects_are_not_followed(server: FaultServer, sleeps: Sleeps) -> None:
    with FaultServer() as elsewhere:
        server.plan("/api/t", Reply(302, b"", {"Location": elsewhere.url + "/steal"}))
        with pytest.raises(PermanentError):
            client(server, sleeps).get("t")
        assert elsewhere.hits == []


def test_urls_off_the_base_origin_are_refused(server: FaultServer, sleeps: Sleeps) -> None:
    http = client(server, sleeps)
    with FaultServer() as elsewhere:
        for url in (
            elsewhere.url + "/api/tickets?page=2",  # same host, other port
            server.url.replace("127.0.0.1", "127.0.0.2") + "/api/t",
            server.url.replace("http:", "https:") + "/api/t",
            "//127.0.0.2/api/t",
            server.url.replace("http://", "http://user:pw@") + "/api/t",
            "file:///etc/passwd",
        ):
            with pytest.raises(PermanentError, match="refused"):
                http.get(url)
        assert elsewhere.hits == []
    server.plan("/api/tickets", Reply(body=b"[2]"))
    assert http.get(server.url + "/api/tickets?page=2") == [2]


def test_oversized_answer_is_refused(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(body=b'"' + b"x" * 5000 + b'"'))
    with pytest.raises(PermanentError, match="larger than"):
        client(server, sleeps, max_body_bytes=1000).get("t")


def test_token_and_basic_auth_are_sent_but_never_shown(
    server: FaultServer, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    token = TokenAuth(SecretStr("s3cret-token"), scheme="token")
    server.default = Reply(500)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TransientError):
        client(server, sleeps, auth=token).request("POST", "t", json={"Content": "Ada 0123456"})
    assert server.hits[0].headers["Authorization"] == "token s3cret-token"
    assert "s3cret" not in repr(token) and "s3cret" not in caplog.text
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert loud and not any("Ada" in m or "0123456" in m for m in loud)

    basic = BasicAuth("root", SecretStr("pa55word"))
    server.default = Reply()
    client(server, sleeps, auth=basic).get("t")
    assert server.hits[-1].headers["Authorization"] == "Basic cm9vdDpwYTU1d29yZA=="
    assert "pa55word" not in repr(basic)


def test_parse_retry_after() -> None:
    now = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120", cap=60, now=now) == 60
    assert parse_retry_after(" 7 ", cap=60, now=now) == 7
    assert parse_retry_after("Sat, 28 Nov 2026 12:00:30 GMT", cap=60, now=now) == 30
    assert parse_retry_after("Sat, 28 Nov 2026 11:00:00 GMT", cap=60, now=now) == 0
    assert parse_retry_after("soon", cap=60, now=now) is None
    assert parse_retry_after("", cap=60, now=now) is None
    assert parse_retry_after(None, cap=60, now=now) is None
    assert parse_retry_after("-5", cap=60, now=now) is None


def test_base_url_must_be_http() -> None:
    with pytest.raises(ValueError):
        HttpClient("ftp://127.0.0.1/x")
    with pytest.raises(ValueError):
        HttpClient("/relative")


# ---------------------------------------------------------------------- structured errors
def test_errors_carry_service_status_and_request_id_but_no_body(
    server: FaultServer, sleeps: Sleeps
) -> None:
    secret_echo = b'{"error": "bad ticket text: Mara O\'Donnell 0412345"}'
    server.plan(
        "/api/t",
        Reply(422, secret_echo, {"Content-Type": "application/json", "X-Request-Id": "req-77"}),
    )
    with pytest.raises(PermanentError) as caught:
        client(server, sleeps, service="Zendesk").get("t")
    error = caught.value
    assert (error.service, error.status, error.request_id) == ("Zendesk", 422, "req-77")
    assert str(error).startswith(f"Zendesk: GET {server.url}/api/t: HTTP 422")
    assert "req-77" in str(error)
    assert "0412345" not in str(error) and "O'Donnell" not in repr(error.facts())
    assert error.facts()["kind"] == "permanent" and error.facts()["retryable"] is False


def test_auth_errors_are_not_permanent_errors(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(401, b"{}"))
    with pytest.raises(AuthError) as caught:
        client(server, sleeps).get("t")
    assert not isinstance(caught.value, PermanentError)
    assert caught.value.kind == "auth" and caught.value.status == 401


def test_rate_limit_error_says_how_long_to_wait(server: FaultServer, sleeps: Sleeps) -> None:
    server.plan("/api/t", Reply(429, b"", {"Retry-After": "900", "request-id": "g-1"}))
    with pytest.raises(RateLimited) as caught:
        client(server, sleeps, service="Microsoft Graph").get("t")
    assert caught.value.facts() | {"message": ""} == {
        "kind": "rate_limited",
        "retryable": True,
        "service": "Microsoft Graph",
        "status": 429,
        "request_id": "g-1",
        "retry_after": 900.0,
        "message": "",
    }


def test_an_error_mapper_reads_a_vendors_own_signals(server: FaultServer, sleeps: Sleeps) -> None:
    """A vendor that says "rate limited" with a 403 and a reason in the body, or an error in a
    200 answer: the connector maps just that; everything else keeps the funnel's mapping."""

    def google_style(answer: HttpAnswer) -> ConnectorError | None:
        body = answer.json() or {}
        reasons = {e.get("reason") for e in body.get("error", {}).get("errors", [])}
        if answer.status == 403 and "rateLimitExceeded" in reasons:
            return RateLimited("rate limit exceeded", retry_after=None)
        if answer.status == 200 and body.get("ok") is False:
            return PermanentError("the answer says it failed")
        return None

    limited = b'{"error": {"code": 403, "errors": [{"reason": "rateLimitExceeded"}]}}'
    server.plan("/api/t", Reply(403, limited), Reply(403, limited), Reply(body=b'{"ok": true}'))
    http = client(server, sleeps, error_mapper=google_style, service="Google")
    assert http.get("t") == {"ok": True}  # retried like a 429, with backoff
    assert len(server.hits_on("/api/t")) == 3 and len(sleeps.calls) == 2

    server.plan(
        "/api/t", Reply(403, b'{"error": {"code": 403, "errors": [{"reason": "forbidden"}]}}')
    )
    with pytest.raises(AuthError):
        http.get("t")
    server.plan("/api/t", Reply(body=b'{"ok": false}', headers={"X-Request-Id": "r9"}))
    with pytest.raises(PermanentError) as caught:
        http.get("t")
    assert (caught.value.service, caught.value.status, caught.value.request_id) == (
        "Google",
        200,
        "r9",
    )
