"""Pure parsing: ticket text + roster -> one decision per student.  No I/O happens here."""

from .models import ParseResult, Reason, StudentDecision, Suggestion
from .parse import parse_ticket
from .roster_index import RosterIndex

__all__ = ["ParseResult", "Reason", "RosterIndex", "StudentDecision", "Suggestion", "parse_ticket"]
