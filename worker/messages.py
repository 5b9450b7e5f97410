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

from parsers.ids import normalize_id
from parsers.parse import UNLISTED

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
#: What a technician's rejection tells the teacher about the line, by the parser's reason; the
#: template words each problem.  The first reason of a student found here decides.
_REJECTION_PROBLEM = {
    "id_not_in_roster": "id_not_in_roster",
    "id_missing": "id_missing",
    "id_other_letter": "id_unreadable",
    "id_too_short": "id_unreadable",
    "id_too_long": "id_unreadable",
    "id_no_leading_zero": "id_unreadable",
    "id_held_by_several": "not_verified",
    "name_missing": "name",
    "name_partial": "name",
    "name_mismatch": "name",
    "name_ambiguous": "name",
    "names_conflict": "name",
    "ids_conflict": "not_verified",
    "student_inactive": "student_inactive",
    "student_disabled": "student_inactive",
}


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
        # An account nobody had claimed was not reset: the reply must not say it was.
        unclaimed = [
            {"name": roster_name(d), "student_id": d.student_id}
            for d, job in outcome.reset
            if job.outcome == "already_unclaimed"
        ]
        corrections = [text for d, _ in outcome.reset for text in _corrections(d)]
        review = [written(d) for d in outcome.review] + [written(d) for d, _ in outcome.failed]
        return self._reply(
            generic=generic,
            reset=reset,
            unclaimed=unclaimed,
            corrections=corrections,
            review=review,
            no_students=not (outcome.reset or outcome.review or outcome.failed),
            marker=marker,
            # "... and the rest on the attached sheet": the teacher is told those were not
            # read (rule 7 does not flag the ticket for them, so nobody else would see them).
            unlisted=UNLISTED in outcome.ticket_reasons,
        )

    def approval_reply(self, d: DecisionRow, marker: str) -> str:
        """The public reply for one student a technician approved (and who was reset).

        The same reply template as the worker's own, naming only this student.  When the
        technician chose another ID than the one written, the reply says so.
        """
        if d.written_id and normalize_id(d.written_id).student_id == d.student_id:
            corrections = _corrections(d)
        else:
            as_written = d.written_id or "no ID"
            corrections = [
                f"{as_written}: a technician checked {self.portal.sis_name}; "
                f"the student's ID is {d.student_id}"
            ]
        return self._reply(
            generic=False,
            reset=[{"name": roster_name(d), "student_id": d.student_id}],
            corrections=corrections,
            review=[],
            no_students=False,
            marker=marker,
        )

    def rejection_reply(
        self, d: DecisionRow, message: str, marker: str, *, ask_for_more: bool
    ) -> str:
        """The public reply when a technician does not reset a student: why, and what next.

        Says nothing about the roster when the requester is not authorised (an unknown
        sender must not learn which IDs exist).
        """
        problem = "requester"
        if not any(c in REQUESTER_REASONS or c == "requester_other_school" for c in d.reason_codes):
            codes = [_REJECTION_PROBLEM[c] for c in d.reason_codes if c in _REJECTION_PROBLEM]
            problem = codes[0] if codes else "not_verified"
        return self._render(
            "rejection.txt.j2",
            problem=problem,
            written=written(d),
            written_id=d.written_id or "",
            message=message.strip(),
            ask_for_more=ask_for_more,
            sis_name=self.portal.sis_name,
            marker=marker,
        )

    def decision_note(
        self,
        marker: str,
        *,
        technician: str,
        action: str,
        student: DecisionRow | None = None,
        outcome: str | None = None,
        override: str | None = None,
        overridden: Sequence[str] = (),
        message: str | None = None,
        remaining: int = 0,
    ) -> str:
        """The internal note saying which technician decided what (and any override)."""
        return self._render(
            "decision_note.txt.j2",
            technician=technician,
            action=action,
            number=student.position + 1 if student else None,
            written=written(student) if student else "",
            chosen=(
                {"name": roster_name(student), "student_id": student.student_id}
                if student and action == "approved"
                else None
            ),
            outcome=_OUTCOME_TEXT.get(outcome or "", outcome) if outcome else "",
            override=override or "",
            overridden=list(overridden),
            message=message or "",
            remaining=remaining,
            marker=marker,
        )

    def _reply(
        self,
        *,
        generic: bool,
        reset: list[dict[str, str | None]],
        unclaimed: list[dict[str, str | None]] | None = None,
        corrections: list[str],
        review: list[str],
        no_students: bool,
        marker: str,
        unlisted: bool = False,
    ) -> str:
        return self._render(
            "reply.txt.j2",
            generic=generic,
            # reset: every student who can claim now; unclaimed: those of them whose account
            # had not been claimed (nothing was reset); reset_now: the others.
            reset=reset,
            unclaimed=unclaimed or [],
            reset_now=[entry for entry in reset if entry not in (unclaimed or [])],
            corrections=corrections,
            review=review,
            no_students=no_students,
            unlisted=unlisted,
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


def _corrections(d: DecisionRow) -> list[str]:
    """The automatic fixes made to what the teacher typed, as sentences for the reply."""
    return [
        _CORRECTION_TEXT[c].format(sid=d.student_id) for c in d.corrections if c in _CORRECTION_TEXT
    ]
