"""Requests from people who may not ask for them (RELIABILITY S1, S2, S11), end to end.

A real worker and beat process tickets filed in RT by a student, by a teacher about another
school's students, and by an outsider with real or invented IDs.  Nobody unauthorised gets a
reset, and the replies to outsiders are the same words whatever they wrote, so they cannot
learn which student IDs exist.
"""

from __future__ import annotations

import pytest

from connectors.helpdesk.rt import RTHelpDesk
from worker.db.tables import TicketState

from .deployment import Deployment
from .roster import SCHOOL_A, SCHOOL_B
from .world import World

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.slow]

REDIS_DB = 14
FLAGGED = frozenset({TicketState.FLAGGED})


def _without_marker(text: str) -> str:
    """The reply minus its ``[ref tw-<ticket>-<round>-reply]`` line (unique per ticket)."""
    lines = [line for line in text.splitlines() if "[ref tw-" not in line]
    assert len(lines) == len(text.splitlines()) - 1, "exactly one marker line expected"
    return "\n".join(lines)


def test_s1_s2_s11_unauthorised_requests_reset_nobody_and_reveal_nothing(
    world: World, deployment: Deployment
) -> None:
    a, b = world.roster.at(SCHOOL_A), world.roster.at(SCHOOL_B)
    ask = "Hello,\nplease reset the portal accounts of:\n{}\n\nThanks"
    # S1: a student asks for three classmates.
    world.file(
        "student",
        a[0].email,
        ask.format("\n".join(s.line() for s in a[1:4])),
        states=FLAGGED,
    )
    # S2: school A's teacher names two school-B students; then one of each school.
    world.file(
        "other-school",
        world.roster.teacher_a,
        ask.format("\n".join(s.line() for s in b[0:2])),
        states=FLAGGED,
    )
    world.file(
        "mixed-schools",
        world.roster.teacher_a,
        ask.format(f"{a[4].line()}\n{b[2].line()}"),
        reset=(a[4],),
        states=FLAGGED,
    )
    # S11: an outsider with real students' names and IDs, another with invented ones.
    world.file(
        "outsider-real",
        "guardian.one@mail.example",
        ask.format("\n".join(s.line() for s in a[5:8])),
        states=FLAGGED,
    )
    world.file(
        "outsider-invented",
        "guardian.two@mail.example",
        ask.format("Perpetua Hollingsworth 0690001\nAmbrose Tiberius 0690002\nCeleste Io 0690003"),
        states=FLAGGED,
    )
    deployment.worker()
    deployment.beat()
    took = world.settle(deployment, timeout=60)
    world.assert_exactly_once(deployment)  # includes: only a[4] was reset, once

    desk = RTHelpDesk(world.rt)
    try:

        def reply_of(label: str) -> str:
            filed = world.filed[label]
            (reply,) = [
                m.body for m in desk.fetch(filed.hid).messages if m.public and "[ref tw-" in m.body
            ]
            return reply

        generic = {
            label: _without_marker(reply_of(label))
            for label in ("student", "outsider-real", "outsider-invented")
        }
        # S11 (and S1): byte-identical replies whatever IDs were written, naming nobody.
        assert len(set(generic.values())) == 1, generic
        text = next(iter(generic.values()))
        for student in world.roster.students:
            assert student.sid not in text and student.family not in text
        assert "0690001" not in text and "Hollingsworth" not in text
        # ... and the mail RT sent each requester says the same.
        mailed = {
            label: _without_marker(
                next(
                    t
                    for t in world.outside.mailed_text(
                        world.filed[label].hid, world.filed[label].requester
                    )
                    if "[ref tw-" in t
                )
            )
            for label in generic
        }
        assert len(set(mailed.values())) == 1

        # S2: the teacher is told the other school's students are being checked, by a
        # technician who sees why in the internal note.
        for label, named in (("other-school", b[0:2]), ("mixed-schools", b[2:3])):
            messages = desk.fetch(world.filed[label].hid).messages
            notes = [m.body for m in messages if not m.public and "[ref tw-" in m.body]
            assert len(notes) == 1 and "not staff at the student's school" in notes[0], label
            assert all(s.sid in notes[0] for s in named)
        assert a[4].sid in reply_of("mixed-schools")
    finally:
        desk.close()
    print(f"\nS1/S2/S11: settled in {took:.1f} s")
