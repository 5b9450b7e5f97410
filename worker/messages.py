"""The words ticketworker posts: the public reply to the teacher and the technicians' note.

Text comes from Jinja2 templates a district can edit (``TICKETWORKER_TEMPLATES_DIR``); this
module only decides *what* goes into them.  The reply names only the students the teacher
asked about: the students that were reset (with their names as the SIS holds them, which is
what they must type when claiming again) and, for the ones still being checked, what the
teacher wrote.  Roster data about anyone else (suggestions) appears only in internal notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .db.tables import DecisionRow, ResetJobRow

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"

_CORRECTION_TEXT = {
    "letter_o_as_zero": "{sid}: the letter O was typed where a zero belongs; we read it as 0",
    "missing_leading_zero": "{sid}: the zero at the front was missing; we added it",
}
_OUTCOME_TEXT = {
    "reset": "reset",
    "already_unclaimed": "was already unclaimed (nothing to reset; the student can claim now)",
    "already_applied": "already reset by this ticket earlier",
    "unknown_account": "NO PORTAL ACCOUNT with this ID",
    "disabled_account": "the portal account is DISABLED",
}
#: Outcomes after which the student can claim the account again.
CLAIMABLE = frozenset({"reset", "already_unclaimed", "already_applied"})
#: Reasons that concern the requester, not a student: the reply then says nothing specific.
REQUESTER_REASONS = frozenset({"requester_unknown", "requester_not_staff", "requester_inactive"})


@dataclass
class Portal:
    """Where and how students claim, from settings."""

    name: str
    url: str
    sis_name: str


@dataclass
class Outcome:
    """What happened to one ticket's students, as the messages need it."""

    reset: list[tuple[DecisionRow, ResetJobRow]] = field(default_factory=list)
    failed: list[tuple[DecisionRow, ResetJobRow]] = field(default_factory=list)
    review: list[DecisionRow] = field(default_factory=list)
    ticket_reasons: Sequence[str] = ()


def written(d: DecisionRow) -> str:
    """A student as the teacher wrote them (no roster data)."""
    name = f"{d.first_name} {d.last_name}".strip() or "(no name)"
    return f"{name} {d.written_id}" if d.written_id else f"{name} (no ID)"


def roster_name(d: DecisionRow) -> str:
    if d.roster_first_name and d.roster_last_name:
        return f"{d.roster_first_name} {d.roster_last_name}"
    return f"{d.first_name} {d.last_name}".strip()


class Messages:
    """Renders replies and notes from the built-in or a district's templates."""

    def __init__(self, portal: Portal, templates_dir: Path | None = None) -> None:
        loaders = [FileSystemLoader(str(templates_dir))] if templates_dir else []
        loaders.append(FileSystemLoader(str(BUILTIN_TEMPLATES)))
        # Plain text mailed to people: no HTML escaping, but undefined variables are errors.
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=False,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.portal = portal

    def _render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context).strip() + "\n"

    def reply(self, outcome: Outcome, marker: str) -> str:
        """The public reply to the teacher."""
        generic = any(code in REQUESTER_REASONS for d in outcome.review for code in d.reason_codes)
        reset = [{"name": roster_name(d), "student_id": d.student_id} for d, _ in outcome.reset]
        corrections = [
            _CORRECTION_TEXT[c].format(sid=d.student_id)
            for d, _ in outcome.reset
            for c in d.corrections
            if c in _CORRECTION_TEXT
        ]
        review = [written(d) for d in outcome.review] + [written(d) for d, _ in outcome.failed]
        return self._render(
            "reply.txt.j2",
            generic=generic,
            reset=reset,
            corrections=corrections,
            review=review,
            no_students=not (outcome.reset or outcome.review or outcome.failed),
            portal_name=self.portal.name,
            portal_url=self.portal.url,
            sis_name=self.portal.sis_name,
            marker=marker,
        )

    def note(self, outcome: Outcome, marker: str, *, heading: str, planned: bool = False) -> str:
        """The internal note: what was done and what a technician must decide, with evidence."""
        reset = [
            {
                "name": roster_name(d),
                "student_id": d.student_id,
                "outcome": "" if planned else _OUTCOME_TEXT.get(job.outcome or "", job.outcome),
            }
            for d, job in outcome.reset
        ]
        review = [
            {"written": written(d), "reasons": d.reasons, "suggestions": d.suggestions}
            for d in outcome.review
        ] + [
            {
                "written": written(d),
                "reasons": [
                    f"the reset failed: {_OUTCOME_TEXT.get(job.outcome or '', job.outcome)}"
                ],
                "suggestions": [],
            }
            for d, job in outcome.failed
        ]
        return self._render(
            "note.txt.j2",
            heading=heading,
            reset_title="Would reset (dry run: nothing was changed)" if planned else "Reset",
            reset=reset,
            review=review,
            ticket_reasons=list(outcome.ticket_reasons),
            marker=marker,
        )
