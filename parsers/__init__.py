"""Pure parsing: ticket text + roster -> one decision per student.  No I/O happens here."""

from .models import ParseResult, Reason, StudentDecision, Suggestion
from .parse import parse_ticket
from .roster_index import RosterIndex
from .sender import hold_for_review, unverified_sender

__all__ = [
    "ParseResult",
    "Reason",
    "RosterIndex",
    "StudentDecision",
    "Suggestion",
    "hold_for_review",
    "parse_ticket",
    "unverified_sender",
]
