"""A 5 MB ticket goes to a technician whose note says the text was cut (issue 17)."""

from __future__ import annotations

from worker.db.tables import ResetJobRow, TicketState

from .conftest import World
from .test_pipeline import count, notes, ticket_row

LOG_LINE = "2026-09-01 08:00:01 ERROR sso: assertion rejected for session 7f3a9c (code 0x51)\n"


def test_a_ticket_cut_before_parsing_is_flagged_with_the_cut_as_its_reason(
    world: World,
) -> None:
    teacher, kids = world.teacher_with_students(2)
    first, after_the_cut = kids
    log = LOG_LINE * (5_000_000 // len(LOG_LINE))
    tid = world.desk.add_ticket(
        "resets",
        f"Please reset {first.given_name} {first.family_name} {first.identifier}\n\n{log}"
        f"{after_the_cut.given_name} {after_the_cut.family_name} {after_the_cut.identifier}",
        requester=teacher.email,
    )
    world.run()
    assert ticket_row(world, tid).state == TicketState.FLAGGED
    assert count(world, ResetJobRow) == 0
    (note,) = notes(world, tid)
    assert "the text was cut at 200,000 characters" in note
    assert "names no student" not in note
