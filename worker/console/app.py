"""The review console: a small FastAPI application with server-rendered Jinja2 pages.

``create_app`` wires the pages to a :class:`~worker.review.ReviewService` and the technician
accounts.  Every page except ``/login`` needs a logged-in, active technician; every POST
needs the session's CSRF token; all text is escaped by Jinja2's autoescaping; responses
carry a strict Content-Security-Policy (the pages use no JavaScript) and ``no-store``.

The access log names the route *template* (``/tickets/{helpdesk_id}``), the status and the
time, never the query string (audit filters hold student IDs): uvicorn's own access log is
turned off by ``ticketworker console``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..review import ReviewService
from ..technicians import LoginPolicy, SessionPolicy, Technicians
from ..webhooks import WebhookReceiver
from . import hooks, operations, pages
from .security import SECURITY_HEADERS, SealedNotes

TEMPLATES = Path(__file__).resolve().parent / "templates"
SESSION_COOKIE = "tw_console"
access_log = logging.getLogger("worker.console.access")
log = logging.getLogger(__name__)


class HeadersAndAccessLog:
    """Adds the security headers to every response and logs one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status, responded = time.perf_counter(), 500, False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status, responded = message["status"], True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            # A traceback can quote SQL parameters or ticket text: only the kind at ERROR.
            route = getattr(scope.get("route"), "path", "(no route)")
            log.error("console: unexpected %s in %s", type(exc).__name__, route)
            log.debug("console: traceback", exc_info=True)
            if not responded:
                await PlainTextResponse("internal error", 500)(scope, receive, send_with_headers)
        finally:
            route = getattr(scope.get("route"), "path", "(no route)")
            elapsed = (time.perf_counter() - started) * 1000
            access_log.info("%s %s %d %.0f ms", scope["method"], route, status, elapsed)
            access_log.debug("%s %s?%s", scope["method"], scope["path"], scope["query_string"])


def templates() -> Jinja2Templates:
    # autoescape for every template, whatever its name: ticket text is hostile input.
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return Jinja2Templates(env=env)


def _to_login(request: Request, exc: Exception) -> Response:
    target = request.url.path if request.method == "GET" else "/"
    return RedirectResponse(f"/login?next={target}", status_code=303)


def _plain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return PlainTextResponse(str(exc.detail), status_code=exc.status_code)


def _form_error(request: Request, exc: Exception) -> Response:
    """A form the console cannot read: an HTML page naming the fields, never echoing input
    (it may hold student data)."""
    assert isinstance(exc, RequestValidationError)
    fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
    response: Response = request.app.state.templates.TemplateResponse(
        request,
        "invalid.html",
        {"technician": None, "fields": fields, "flashes": [], "csrf_token": ""},
        status_code=422,
    )
    return response


def create_app(
    review: ReviewService,
    technicians: Technicians,
    *,
    secret: str,
    secure_cookie: bool = True,
    session: SessionPolicy | None = None,
    logins: LoginPolicy | None = None,
    webhooks: WebhookReceiver | None = None,
    ops: operations.Operations | None = None,
) -> FastAPI:
    """The console application.

    ``secure_cookie`` sets the cookie's Secure flag (browsers then send it over HTTPS and
    to http://localhost only); turn it off only to try the console over plain HTTP.
    ``session`` bounds a login's lifetime and idle time; ``logins`` throttles guessing.
    ``webhooks`` receives the help-desk's deliveries at ``POST /hooks/{kind}``.
    ``ops`` serves ``/metrics`` and ``/readyz`` (``/healthz`` always answers).
    """
    session = session or SessionPolicy()
    app = FastAPI(
        title="ticketworker review console", docs_url=None, redoc_url=None, openapi_url=None
    )
    state: Any = app.state
    state.review, state.technicians = review, technicians
    state.templates = templates()
    state.session_policy, state.login_policy = session, logins or LoginPolicy()
    state.webhooks, state.operations = webhooks, ops
    state.sealed_notes = SealedNotes(secret)
    app.include_router(operations.router)
    app.include_router(hooks.router)
    app.include_router(pages.router)
    app.add_exception_handler(pages.LoginRequired, _to_login)
    app.add_exception_handler(HTTPException, _plain_error)
    app.add_exception_handler(RequestValidationError, _form_error)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie=SESSION_COOKIE,
        # The cookie outlives no session; the server-side row is what really decides.
        max_age=int(session.lifetime.total_seconds()),
        same_site="lax",
        https_only=secure_cookie,
    )
    app.add_middleware(HeadersAndAccessLog)
    return app
