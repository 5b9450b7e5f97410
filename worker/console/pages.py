"""The console's pages: login, dashboard, queue, ticket (approve/reject), audit log.

Handlers are plain functions (FastAPI runs them in a thread pool): each one calls the
:class:`~worker.review.ReviewService`, the same code path as ``ticketworker review``.  An
action redirects back (Post/Redirect/Get) with a short flash message naming the ticket (no
student data: the session cookie is signed, not encrypted); a refusal redirects too, to the
student concerned, its reasons and the form's values sealed (encrypted) in the session.
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
from .security import SealedNotes, csrf_token, require_csrf, safe_next

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
    address = request.client.host if request.client else ""
    if technicians.login_blocked(name, policy, address):
        return render(
            request,
            "login.html",
            429,
            next=safe_next(next),
            error="Too many failed logins from this computer; wait 15 minutes, or log in "
            "from another computer.",
        )
    tech = technicians.authenticate(name, password)
    if tech is None:
        technicians.login_failed(name, policy, address)
        log.warning("console: a login failed")
        return render(
            request, "login.html", 401, next=safe_next(next), error="Wrong username or password."
        )
    technicians.login_succeeded(name, address)
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
    technician: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The audit log; a link may filter by ticket or actor (never by student: see below)."""
    return _audit_page(request, tech, ticket, "", technician, page)


@router.post("/audit", dependencies=CSRF)
def audit_search(
    request: Request,
    tech: Tech,
    ticket: Annotated[str, Form(max_length=64)] = "",
    student: Annotated[str, Form(max_length=16)] = "",
    technician: Annotated[str, Form(max_length=64)] = "",
    page: Annotated[int, Form(ge=1, le=100_000)] = 1,
) -> Response:
    """Filters sent by POST: a student ID never lands in the address bar, the browser's
    history or a proxy's log.  A search changes nothing, so it answers directly."""
    return _audit_page(request, tech, ticket, student, technician, page)


def _audit_page(
    request: Request, tech: Technician, ticket: str, student: str, technician: str, page: int
) -> Response:
    filters = {
        "ticket": ticket.strip(),
        "student": student.strip(),
        "technician": technician.strip(),
    }
    entries = _service(request).audit(page=page, **{k: v or None for k, v in filters.items()})
    return render(request, "audit.html", technician=tech, audit=entries, filters=filters)


def _ticket_page(request: Request, tech: Technician, helpdesk_id: str) -> Response:
    try:
        view = _service(request).show(helpdesk_id, with_text=True)
    except ReviewError:
        return render(request, "missing.html", 404, technician=tech, helpdesk_id=helpdesk_id)
    refusal = _notes(request).unseal(request.session.pop("refusal", None)) or {}
    if refusal.get("ticket") != helpdesk_id:
        refusal = {}
    return render(
        request,
        "ticket.html",
        technician=tech,
        ticket=view,
        error=refusal.get("error"),
        error_decision=refusal.get("decision_id"),
        override_reasons=refusal.get("override_reasons"),
        override_id=refusal.get("override_id"),
        form=refusal.get("form") or {},
        form_dropped=refusal.get("form_dropped", False),
    )


def _notes(request: Request) -> SealedNotes:
    notes: SealedNotes = request.app.state.sealed_notes
    return notes


def _anchor(request: Request, helpdesk_id: str, decision_id: int | None, *, next_open: bool) -> str:
    """The ticket page at the student concerned, or (after a decision) the next open one."""
    try:
        students = _service(request).show(helpdesk_id).students
    except ReviewError:
        return ""
    numbers = [s.number for s in students if s.decision_id == decision_id]
    if not next_open:
        return f"#student-{numbers[0]}" if numbers else ""
    after = numbers[0] if numbers else 0
    waiting = [s.number for s in students if s.open]
    later = [n for n in waiting if n > after] or waiting
    return f"#student-{later[0]}" if later else ""


def _refused(
    request: Request,
    helpdesk_id: str,
    error: str,
    decision_id: int | None,
    form: dict[str, Any],
    override: OverrideNeeded | None = None,
) -> Response:
    """Post/Redirect/Get after a refusal too: the reasons and the form (sealed) go with it."""
    note: dict[str, Any] = {"ticket": helpdesk_id, "error": error, "decision_id": decision_id}
    if override is not None:
        note.update(override_reasons=override.reasons, override_id=override.student_id)
    note["form"] = form
    request.session["refusal"] = _notes(request).seal(note)
    anchor = _anchor(request, helpdesk_id, decision_id, next_open=False)
    return RedirectResponse(ticket_url(helpdesk_id) + anchor, 303)


# -- acting -----------------------------------------------------------------------------------
def _act(
    request: Request,
    helpdesk_id: str,
    action: Callable[[], ActionResult],
    decision_id: int | None = None,
    **form: Any,
) -> Response:
    """Run one review action, then redirect: with a flash, or with the refusal sealed."""
    try:
        result = action()
    except OverrideNeeded as exc:
        return _refused(request, helpdesk_id, str(exc), decision_id, form, override=exc)
    except ReviewError as exc:
        return _refused(request, helpdesk_id, _sentence(str(exc)), decision_id, form)
    except ConnectorError as exc:
        log.warning("console: %s failed: %s", helpdesk_id, type(exc).__name__)
        return _refused(
            request,
            helpdesk_id,
            "A connected system (help-desk or portal) did not answer; nothing was decided. "
            "Try again.",
            decision_id,
            form,
        )
    flash(request, f"Ticket #{helpdesk_id}: {_sentence(result.message)}")
    if result.ticket_done:
        return RedirectResponse("/queue", 303)
    anchor = _anchor(request, helpdesk_id, decision_id, next_open=True)
    return RedirectResponse(ticket_url(helpdesk_id) + anchor, 303)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text


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
    form = {"choice": choice, "typed_id": typed_id, "override_reason": override_reason}
    # A typed ID counts only when "Another ID" is chosen; nothing chosen is no approval
    # (never the ID read from the ticket by default: that is what was in doubt).
    chosen = typed_id.strip() if choice == "typed" else choice.strip()
    if not chosen:
        error = (
            'Type the student\'s ID next to "Another ID".'
            if choice == "typed"
            else 'Choose a candidate, or "Another ID" and type the ID, then approve.'
        )
        return _refused(request, helpdesk_id, error, decision_id, form)
    return _act(
        request,
        helpdesk_id,
        lambda: _service(request).approve(
            helpdesk_id, decision_id, tech.username, chosen, override_reason or None
        ),
        decision_id,
        **form,
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
        helpdesk_id,
        lambda: _service(request).reject(
            helpdesk_id, decision_id, tech.username, message, ask_for_more=ask_for_more == "yes"
        ),
        decision_id,
        message=message,
    )


@router.post("/tickets/{helpdesk_id}/reparse", dependencies=CSRF)
def reparse(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    return _act(request, helpdesk_id, lambda: _service(request).reparse(helpdesk_id, tech.username))


@router.get("/tickets/{helpdesk_id}/release")
def confirm_release(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    """Release is not one click: this page says what it will do, and its form does it."""
    try:
        view = _service(request).show(helpdesk_id)
    except ReviewError:
        return render(request, "missing.html", 404, technician=tech, helpdesk_id=helpdesk_id)
    return render(request, "release.html", technician=tech, ticket=view)


@router.post("/tickets/{helpdesk_id}/release", dependencies=CSRF)
def release(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    return _act(request, helpdesk_id, lambda: _service(request).release(helpdesk_id, tech.username))


@router.post("/tickets/{helpdesk_id}/reflag", dependencies=CSRF)
def reflag(request: Request, tech: Tech, helpdesk_id: str) -> Response:
    return _act(request, helpdesk_id, lambda: _service(request).reflag(helpdesk_id, tech.username))
