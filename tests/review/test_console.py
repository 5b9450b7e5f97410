"""The console over HTTP (FastAPI's TestClient): login, CSRF, escaping, the actions."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from worker.console import create_app, pages
from worker.console.app import SESSION_COOKIE
from worker.console.security import session_secret
from worker.db.tables import ConsoleSessionRow

from .conftest import PASSWORD, Review
from .test_service import flagged_typo, line, swapped

SECRET = "a test secret that is long enough to sign sessions"
SCRIPT = "<script>alert('owned')</script>"


@pytest.fixture()
def client(review: Review) -> Iterator[TestClient]:
    app = create_app(review.service, review.technicians, secret=SECRET, secure_cookie=True)
    # https: the session cookie is Secure, so the client only sends it over HTTPS.
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        yield c


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def log_in(client: TestClient, username: str = "dreyes", password: str = PASSWORD) -> str:
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )
    assert answer.status_code == 303, answer.text
    return csrf_of(client.get("/").text)


def routes(method: str) -> list[str]:
    """Every route of the console for ``method``, with path parameters filled in."""
    paths = [r.path for r in pages.router.routes if isinstance(r, APIRoute) and method in r.methods]
    return [re.sub(r"\{[^}]+\}", "1", p) for p in paths]


def test_every_page_but_login_redirects_to_login(review: Review, client: TestClient) -> None:
    flagged_typo(review)
    pages = routes("GET")
    assert {"/", "/queue", "/tickets/1", "/audit"} <= set(pages)
    for page in pages:
        answer = client.get(page)
        if page == "/login":
            assert answer.status_code == 200
            continue
        assert answer.status_code == 303, page
        assert answer.headers["location"].startswith("/login"), page
        assert "0999999" not in answer.text
    for hidden in ("/docs", "/openapi.json", "/redoc"):
        assert client.get(hidden).status_code == 404


def test_actions_need_a_login_even_with_a_valid_token(review: Review, client: TestClient) -> None:
    tid, _, _, _ = flagged_typo(review)
    token = csrf_of(client.get("/login").text)
    for action in routes("POST"):
        if action in ("/login", "/logout"):
            continue
        answer = client.post(
            action.replace("/tickets/1", f"/tickets/{tid}"), data={"csrf_token": token}
        )
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert review.count_audit("review_approved") == 0
    assert {d.review_state for d in review.decisions(tid)} == {"pending"}


def test_every_post_without_the_right_csrf_token_is_refused(
    review: Review, client: TestClient
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    log_in(client)
    posts = routes("POST")
    assert len(posts) >= 6
    for action in posts:
        url = action.replace("/tickets/1", f"/tickets/{tid}").replace(
            "/students/1/", f"/students/{typo.id}/"
        )
        form = {"choice": kid.identifier, "message": "no", "username": "dreyes"}
        for token in (None, "forged", ""):
            data = form if token is None else {**form, "csrf_token": token}
            assert client.post(url, data=data).status_code == 403, (url, token)
    assert {d.review_state for d in review.decisions(tid)} == {"pending"}
    assert review.count_audit("reset_reset") == 0
    assert client.get("/").status_code == 200  # still logged in: logout was refused too


def test_ticket_text_is_escaped(review: Review, client: TestClient) -> None:
    teacher, (kid,) = review.world.teacher_with_students(1)
    tid = review.world.desk.add_ticket(
        f"{SCRIPT} reset",
        f"Please reset {kid.given_name} {SCRIPT} {kid.family_name} 0999999",
        requester=teacher.email,
    )
    review.world.run()
    assert SCRIPT in review.service.show(tid).students[0].line
    log_in(client)
    for page in ("/queue", f"/tickets/{tid}", f"/audit?ticket={tid}"):
        html = client.get(page).text
        assert "<script" not in html, page
    assert (
        "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in client.get(f"/tickets/{tid}").text
    )


def test_login_cookie_flags_and_wrong_password(review: Review, client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    wrong = client.post(
        "/login", data={"username": "dreyes", "password": "nope", "csrf_token": token}
    )
    assert wrong.status_code == 401 and "Wrong username or password" in wrong.text
    right = client.post(
        "/login", data={"username": "dreyes", "password": PASSWORD, "csrf_token": token}
    )
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    # A disabled technician's session ends at the next request.
    review.technicians.disable("dreyes", actor="test")
    assert client.get("/").status_code == 303


def _login_status(client: TestClient, username: str, password: str) -> int:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    ).status_code


def test_login_is_throttled_in_every_console_process(review: Review, client: TestClient) -> None:
    # A second console process over the same database counts the same failures.
    other = create_app(review.service, review.technicians, secret=SECRET, secure_cookie=True)
    with TestClient(other, base_url="https://testserver", follow_redirects=False) as second:
        for attempt in range(5):
            on = client if attempt % 2 else second
            assert _login_status(on, "kokafor", "wrong password") == 401
        assert _login_status(client, "kokafor", PASSWORD) == 429
        assert _login_status(second, "kokafor", PASSWORD) == 429
        assert _login_status(second, "dreyes", PASSWORD) == 303  # other names are not held
    review.world.tick(16)  # the window has passed: the right password works again
    assert _login_status(client, "kokafor", PASSWORD) == 303
    # ... and clears the count, so one more mistake is not a lock-out.
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    assert _login_status(client, "kokafor", "wrong password") == 401
    assert _login_status(client, "kokafor", PASSWORD) == 303


def _session_cookie(client: TestClient) -> str:
    value = client.cookies.get(SESSION_COOKIE)
    assert value
    return value


def _replay(client: TestClient, cookie: str) -> int:
    """Send a request with an old copy of the session cookie; the status code."""
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, cookie, domain="testserver.local")
    return client.get("/").status_code


def test_logging_out_ends_the_session_on_the_server(review: Review, client: TestClient) -> None:
    token = log_in(client)
    copied = _session_cookie(client)
    assert _replay(client, copied) == 200
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    # Whoever kept a copy of the cookie (a shared computer, a proxy log) is not let in.
    assert _replay(client, copied) == 303
    # The database holds a hash of the session token, never the token.
    sid = json.loads(base64.b64decode(copied.split(".")[0] + "==="))["sid"]
    log_in(client)
    with review.world.pipeline.sessions() as s:
        stored = list(s.scalars(select(ConsoleSessionRow.token_hash)))
    assert stored and sid not in stored
    assert hashlib.sha256(sid.encode()).hexdigest() not in stored  # logged out: gone


def test_sessions_end_when_idle_when_old_or_when_ended_by_an_admin(
    review: Review, client: TestClient
) -> None:
    log_in(client)
    review.world.tick(59)
    assert client.get("/").status_code == 200  # a request keeps it alive ...
    review.world.tick(59)
    assert client.get("/").status_code == 200
    review.world.tick(61)
    assert client.get("/").status_code == 303  # ... an hour without one ends it
    log_in(client)
    for _ in range(9):  # busy all day: the absolute limit (8 hours) still ends it
        review.world.tick(55)
    assert client.get("/").status_code == 303
    log_in(client)
    assert review.technicians.end_sessions("dreyes", actor="admin") == 1
    assert client.get("/").status_code == 303
    assert review.audit(action="technician_sessions_ended")[-1].actor == "admin"
    log_in(client)
    assert review.technicians.set_password("dreyes", "a brand new passphrase", actor="admin")
    assert client.get("/").status_code == 303
    assert _login_status(client, "dreyes", PASSWORD) == 401
    assert _login_status(client, "dreyes", "a brand new passphrase") == 303


def test_approve_and_reject_through_the_console(review: Review, client: TestClient) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, nobody = review.decisions(tid)
    token = log_in(client)
    page = client.get(f"/tickets/{tid}").text
    assert f'value="{kid.identifier}"' in page and "two digits swapped" in page

    approved = client.post(
        f"/tickets/{tid}/students/{typo.id}/approve",
        data={"choice": kid.identifier, "csrf_token": token},
    )
    assert approved.status_code == 303
    assert not review.world.accounts.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    assert approved.headers["location"] == f"/tickets/{tid}#student-2"  # the next open one
    assert f"Ticket #{tid}: Student 1 was reset" in client.get(approved.headers["location"]).text

    rejected = client.post(
        f"/tickets/{tid}/students/{nobody.id}/reject",
        data={"message": "Please check the number.", "csrf_token": token},  # ask box unticked
    )
    assert rejected.status_code == 303 and rejected.headers["location"] == "/queue"
    assert review.ticket(tid).state == "resolved"
    assert review.audit(action="review_rejected")[0].actor == "dreyes"


def test_a_failed_check_shows_the_reasons_and_needs_an_override(
    review: Review, client: TestClient
) -> None:
    teacher, (kid, stranger) = review.world.teacher_with_students(2)
    review.world.claim(stranger)
    tid = review.file(f"Please reset {line(kid, swapped(kid.identifier) + '9')}", teacher.email)
    (d,) = review.decisions(tid)
    token = log_in(client)

    refused = client.post(
        f"/tickets/{tid}/students/{d.id}/approve",
        data={"choice": "typed", "typed_id": stranger.identifier, "csrf_token": token},
    )
    # Post/Redirect/Get: the refusal is shown on the student concerned, by redirect.
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/tickets/{tid}#student-1"
    page = client.get(refused.headers["location"]).text
    assert "does not match the roster name" in page
    assert f"Approving as {stranger.identifier} needs an override reason" in page
    assert f'value="{stranger.identifier}"' in page  # the typed ID is kept in the form
    student = page.split('id="student-1"')[1]
    assert 'role="alert"' in student  # the error sits on the student, not above them all
    assert review.world.accounts.lookup(stranger.identifier).claimed  # type: ignore[union-attr]

    accepted = client.post(
        f"/tickets/{tid}/students/{d.id}/approve",
        data={
            "choice": "typed",
            "typed_id": stranger.identifier,
            "override_reason": "confirmed with the office",
            "csrf_token": token,
        },
    )
    assert accepted.status_code == 303
    assert not review.world.accounts.lookup(stranger.identifier).claimed  # type: ignore[union-attr]


def test_the_access_log_names_routes_not_student_data(
    review: Review, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    tid, _, kid, _ = flagged_typo(review)
    log_in(client)
    with caplog.at_level(logging.INFO, logger="worker.console"):
        client.get(f"/audit?student={kid.identifier}")
        client.get(f"/tickets/{tid}")
    access = [r.getMessage() for r in caplog.records if r.name == "worker.console.access"]
    assert "GET /audit 200" in " ".join(access) and "GET /tickets/{helpdesk_id} 200" in " ".join(
        access
    )
    info = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not any(kid.identifier in m or kid.family_name in m for m in info)


def test_dashboard_and_audit_pages(review: Review, client: TestClient) -> None:
    tid, _, kid, _ = flagged_typo(review)
    typo, _ = review.decisions(tid)
    review.service.approve(tid, typo.id, "kokafor", student_id=kid.identifier)
    token = log_in(client)
    dashboard = client.get("/").text
    assert re.search(r'id="flagged">1<', dashboard) and re.search(r'id="reset-today">1<', dashboard)
    # Filters holding a student ID go by POST: the page's form says so, and it works.
    assert 'method="post" action="/audit"' in client.get("/audit").text
    audit = client.post(
        "/audit",
        data={"technician": "kokafor", "student": kid.identifier, "csrf_token": token},
    ).text
    assert "review_approved" in audit and "reset_reset" in audit and "technician_added" not in audit
    assert f'name="student" value="{kid.identifier}"' in audit  # kept for the next page
    other = client.post(
        "/audit", data={"technician": "kokafor", "student": "0000001", "csrf_token": token}
    ).text
    assert "review_approved" not in other and "No entries." in other
    # A student ID in the address is not a filter (it would sit in the browser's history).
    assert "technician_added" in client.get(f"/audit?student={kid.identifier}").text


def test_an_unexpected_error_is_a_plain_500_without_details_in_the_log(
    review: Review,
    client: TestClient,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, _, kid, _ = flagged_typo(review)
    log_in(client)

    def broken() -> None:
        raise RuntimeError(f"database said something about {kid.identifier}")

    monkeypatch.setattr(review.service, "queue", broken)
    with caplog.at_level(logging.INFO):
        answer = client.get("/queue")
    assert answer.status_code == 500 and kid.identifier not in answer.text
    assert "unexpected RuntimeError in /queue" in caplog.text
    assert all(kid.identifier not in r.getMessage() for r in caplog.records)
    assert all(r.exc_info is None for r in caplog.records if r.levelno >= logging.INFO)


def test_a_missing_secret_is_generated_once_and_kept_private(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    file = tmp_path / "var" / "console-secret"
    with caplog.at_level(logging.WARNING):
        first = session_secret(None, file)
    assert len(first) >= 32 and "TICKETWORKER_CONSOLE_SECRET is not set" in caplog.text
    assert first not in caplog.text
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert session_secret(None, file) == first
    assert session_secret(SecretStr("x" * 40), file) == "x" * 40
    with pytest.raises(ValueError, match="at least 32"):
        session_secret(SecretStr("short"), file)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/login",
        "///evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "http:/evil.example",
        "javascript:alert(1)",
        "",
        "queue",
    ],
)
def test_login_never_redirects_off_the_console(
    review: Review, client: TestClient, target: str
) -> None:
    token = csrf_of(client.get(f"/login?next={quote(target, safe='')}").text)
    answer = client.post(
        f"/login?next={quote(target, safe='')}",
        data={"username": "dreyes", "password": PASSWORD, "csrf_token": token, "next": target},
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


def test_login_returns_to_the_page_asked_for(review: Review, client: TestClient) -> None:
    token = csrf_of(client.get("/login?next=/audit").text)
    answer = client.post(
        "/login?next=/audit",
        data={"username": "dreyes", "password": PASSWORD, "csrf_token": token, "next": "/audit"},
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/audit")
