"""The console's pages: login, dashboard, queue, ticket (approve/reject), audit log.

Handlers are plain functions (FastAPI runs them in a thread pool): each one calls the
:class:`~worker.review.ReviewService`, the same code path as ``ticketworker review``.  An
action redirects back with a short flash message (no student data: the session cookie is
signed, not encrypted); a refusal renders the ticket page again with the reasons.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from connectors.errors import ConnectorError

from ..review import ActionResult, OverrideNeeded, ReviewError, ReviewService
from ..technicians import LoginPolicy, SessionPolicy, Technician, Technicians
from .security import csrf_token, require_csrf, safe_next

log = logging.getLogger(__name__)
router = APIRouter()
CSRF = [Depends(require_csrf)]


class LoginRequired(Exception):
    """No active technician in this session: the handler redirects to /login."""


def _technicians(request: Request) -> Technicians:
    technicians: Technicians = request.app.state.technicians
    return technicians


def _session_policy(request: Request) -> SessionPolicy:
    policy: SessionPolicy = request.app.state.session_policy
    return policy


def current_technician(request: Request) -> Technician:
    """The technician of this request's live server-side session, else :class:`LoginRequired`."""
    token = request.session.get("sid")
    tech = (
        _technicians(request).session_technician(token, _session_policy(request))
        if isinstance(token, str)
        else None
    )
    if tech is None:
        request.session.pop("sid", None)  # ended, expired, idle or disabled since
        raise LoginRequired()
    return tech


Tech = Annotated[Technician, Depends(current_technician)]


def _service(request: Request) -> ReviewService:
    service: ReviewService = request.app.state.review
    return service


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("technician", None)
    context.update(csrf_token=csrf_token(request), flashes=request.session.pop("flash", []))
    response: Response = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return response


def flash(request: Request, message: str) -> None:
    request.session["flash"] = [*request.session.get("flash", []), message][-5:]


def ticket_url(helpdesk_id: str) -> str:
    return f"/tickets/{quote(helpdesk_id, safe='')}"


# -- logging in and out ---------------------------------------------------------------------
@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    token = request.session.get("sid")
    if isinstance(token, str) and _technicians(request).session_technician(
        token, _session_policy(request)
    ):
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next))


@router.post("/login", dependencies=CSRF)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=2048)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    technicians = _technicians(request)
    policy: LoginPolicy = request.app.state.login_policy
    name = username.strip().lower()
    if technicians.login_blocked(name, policy):
        return render(
            request,
            "login.html",
            429,
            next=safe_next(next),
            error="Too many failed logins; wait 15 minutes.",
        )
    tech = technicians.authenticate(name, password)
    if tech is None:
        technicians.login_failed(name, policy)
        log.warning("console: a login failed")
        return render(
            request, "login.html", 401, next=safe_next(next), error="Wrong username or password."
        )
    technicians.login_succeeded(name)
    request.session.clear()  # a fresh session (and CSRF token) for the logged-in technician
    request.session["sid"] = technicians.start_session(tech.username, _session_policy(request))
    csrf_token(request)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=CSRF)
def logout(request: Request) -> Response:
    token = request.session.get("sid")
    if isinstance(token, str):
        _technicians(request).end_session(token)  # a copy of the cookie is worthless now
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# -- reading ---------------------------------------------------------------------------------
@router.get("/")
def dashboard(request: Request, tech: Tech) -> Response:
    return render(request, "dashboard.html", technician=tech, counts=_service(request).dashboard())


@router.get("/queue")
def queue(request: Request, tech: Tech) -> Response:
    return render(request, "queue.html", technician=tech, tickets=_service(request).queue())


@router.get("/tickets/{helpdesk_id}")
def ticket(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    return _ticket_page(request, tech, helpdesk_id)


@router.get("/audit")
def audit(
    request: Request,
    tech: Tech,
    ticket: Annotated[str, Query(max_length=64)] = "",
    student: Annotated[str, Query(max_length=16)] = "",
    technician: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    filters = {
        "ticket": ticket.strip(),
        "student": student.strip(),
        "technician": technician.strip(),
    }
    entries = _service(request).audit(page=page, **{k: v or None for k, v in filters.items()})
    return render(request, "audit.html", technician=tech, audit=entries, filters=filters)


def _ticket_page(
    request: Request, tech: Technician, helpdesk_id: str, status: int = 200, **context: Any
) -> Response:
    try:
        view = _service(request).show(helpdesk_id, with_text=True)
    except ReviewError:
        return render(request, "missing.html", 404, technician=tech, helpdesk_id=helpdesk_id)
    return render(request, "ticket.html", status, technician=tech, ticket=view, **context)


# -- acting -----------------------------------------------------------------------------------
def _act(
    request: Request,
    tech: Technician,
    helpdesk_id: str,
    action: Callable[[], ActionResult],
    **form: Any,
) -> Response:
    """Run one review action; redirect with a flash, or show the ticket with the refusal."""
    try:
        result = action()
    except OverrideNeeded as exc:
        return _ticket_page(
            request, tech, helpdesk_id, 409, error=str(exc), override_reasons=exc.reasons, form=form
        )
    except ReviewError as exc:
        return _ticket_page(request, tech, helpdesk_id, 409, error=str(exc), form=form)
    except ConnectorError as exc:
        log.warning("console: %s failed: %s", helpdesk_id, type(exc).__name__)
        return _ticket_page(
            request,
            tech,
            helpdesk_id,
            503,
            form=form,
            error="a connected system (help-desk or portal) did not answer; nothing was "
            "decided; try again",
        )
    flash(request, result.message)
    return RedirectResponse("/queue" if result.ticket_done else ticket_url(helpdesk_id), 303)


@router.post("/tickets/{helpdesk_id}/students/{decision_id}/approve", dependencies=CSRF)
def approve(
    request: Request,
    tech: Tech,
    helpdesk_id: str,
    decision_id: int,
    choice: Annotated[str, Form(max_length=32)] = "",
    typed_id: Annotated[str, Form(max_length=32)] = "",
    override_reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    chosen = typed_id.strip() if choice == "typed" or (not choice and typed_id.strip()) else choice
    return _act(
        request,
        tech,
        helpdesk_id,
        lambda: _service(request).approve(
            helpdesk_id, decision_id, tech.username, chosen or None, override_reason or None
        ),
        decision_id=decision_id,
        choice=choice,
        typed_id=typed_id,
        override_reason=override_reason,
    )


@router.post("/tickets/{helpdesk_id}/students/{decision_id}/reject", dependencies=CSRF)
def reject(
    request: Request,
    tech: Tech,
    helpdesk_id: str,
    decision_id: int,
    message: Annotated[str, Form(max_length=2000)] = "",
    ask_for_more: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    return _act(
        request,
        tech,
        helpdesk_id,
        lambda: _service(request).reject(
            helpdesk_id, decision_id, tech.username, message, ask_for_more=ask_for_more == "yes"
        ),
        decision_id=decision_id,
        message=message,
    )


@router.post("/tickets/{helpdesk_id}/reparse", dependencies=CSRF)
def reparse(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    return _act(
        request, tech, helpdesk_id, lambda: _service(request).reparse(helpdesk_id, tech.username)
    )


@router.post("/tickets/{helpdesk_id}/release", dependencies=CSRF)
def release(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    return _act(
        request, tech, helpdesk_id, lambda: _service(request).release(helpdesk_id, tech.username)
    )
