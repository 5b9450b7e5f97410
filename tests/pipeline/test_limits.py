"""Reset limits (issue 17, section 3): beyond one, the ticket's students wait for a person,
with the limit and its setting as the reason; nobody is reset, nobody dropped."""

from __future__ import annotations

import pytest

from worker.db.tables import DecisionRow, ResetJobRow, TicketState
from worker.pipeline import Limits

from .conftest import World
from .test_pipeline import count, notes, ticket_row


def _ask(world: World, students: int) -> str:
    teacher, kids = world.teacher_with_students(students)
    for kid in kids:
        world.claim(kid)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids)
    return world.desk.add_ticket("resets", f"Please reset:\n{lines}", requester=teacher.email)


def _review_reasons(world: World) -> list[list[str]]:
    with world.pipeline.sessions() as s:
        return [list(d.reasons) for d in s.query(DecisionRow).filter_by(status="review")]


def test_more_students_than_the_ticket_limit_go_to_a_technician(world: World) -> None:
    world.pipeline.options.limits = Limits(students_per_ticket=2)
    tid = _ask(world, 3)
    world.run()
    assert ticket_row(world, tid).state == TicketState.FLAGGED
    assert count(world, ResetJobRow) == 0
    reasons = _review_reasons(world)
    assert len(reasons) == 3
    assert all(
        "asks for 3 resets, more than the limit of 2 per ticket "
        "(TICKETWORKER_LIMIT_STUDENTS_PER_TICKET)" in r[-1]
        for r in reasons
    )
    (note,) = notes(world, tid)
    assert "TICKETWORKER_LIMIT_STUDENTS_PER_TICKET" in note


def test_within_every_limit_the_ticket_resets_as_usual(world: World) -> None:
    world.pipeline.options.limits = Limits(
        students_per_ticket=3, resets_per_requester_per_day=3, resets_per_hour=3
    )
    tid = _ask(world, 3)
    world.run()
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert count(world, ResetJobRow) == 3


@pytest.mark.parametrize(
    ("limits", "setting"),
    [
        (Limits(resets_per_requester_per_day=3), "TICKETWORKER_LIMIT_RESETS_PER_REQUESTER_PER_DAY"),
        (Limits(resets_per_hour=3), "TICKETWORKER_LIMIT_RESETS_PER_HOUR"),
    ],
)
def test_a_second_ticket_past_the_requester_or_district_limit_waits(
    world: World, limits: Limits, setting: str
) -> None:
    world.pipeline.options.limits = limits
    first = _ask(world, 2)
    world.run()
    assert ticket_row(world, first).state == TicketState.RESOLVED
    world.tick(10)
    teacher, kids = world.teacher_with_students(4)
    for kid in kids[2:]:
        world.claim(kid)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier}" for k in kids[2:])
    second = world.desk.add_ticket("more", f"Please reset:\n{lines}", requester=teacher.email)
    world.run()
    assert ticket_row(world, second).state == TicketState.FLAGGED
    assert count(world, ResetJobRow) == 2, "only the first ticket's resets"
    reasons = _review_reasons(world)
    assert len(reasons) == 2 and all(setting in r[-1] for r in reasons)
    assert all("(2 already, 2 more asked" in r[-1] for r in reasons)
    world.tick(25 * 60)  # a day later the window has passed
    third = world.desk.add_ticket("again", f"Please reset:\n{lines}", requester=teacher.email)
    world.run()
    assert ticket_row(world, third).state == TicketState.RESOLVED
