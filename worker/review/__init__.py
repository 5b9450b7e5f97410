"""Technician review of flagged tickets: the one code path of the console and the CLI.

:mod:`.service` (the actions), :mod:`.checks` (re-verifying a technician's choice against the
roster), :mod:`.steps` (what each action writes), :mod:`.views` (what the queue, a ticket,
the audit log and the dashboard show).
"""

from .service import ReviewService, build_review_service
from .steps import ActionResult, OverrideNeeded, ReviewError
from .views import StudentView, TicketView

__all__ = [
    "ActionResult",
    "OverrideNeeded",
    "ReviewError",
    "ReviewService",
    "StudentView",
    "TicketView",
    "build_review_service",
]
