"""The whole pipeline on the demo help-desk: poll -> parse -> reset -> reply, exactly once."""

from __future__ import annotations

from sqlalchemy import func, select

from connectors.helpdesk.base import ReviewMark
from worker.db.tables import AuditRow, OutboxRow, ResetJobRow, TicketRow, TicketState

from .conftest import World


def ticket_row(world: World, helpdesk_id: str) -> TicketRow:
    with world.pipeline.sessions() as s:
        return s.scalars(select(TicketRow).where(TicketRow.helpdesk_id == helpdesk_id)).one()


def count(world: World, model: type, **where: object) -> int:
    with world.pipeline.sessions() as s:
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return s.scalar(query) or 0


def replies(world: World, ticket: str) -> list[str]:
    return [p.body for p in world.desk.posted() if p.ticket_id == ticket and p.kind == "reply"]


def notes(world: World, ticket: str) -> list[str]:
    return [p.body for p in world.desk.posted() if p.ticket_id == ticket and p.kind == "note"]


def test_all_ready_ticket_is_reset_replied_and_resolved(world: World) -> None:
    teacher, kids = world.teacher_with_students(2)
    for kid in kids:
        world.claim(kid)
    lines = "\n".join(f"{k.given_name} {k.family_name} {k.identifier[1:]}" for k in kids)
    tid = world.desk.add_ticket(
        "Resets",
        f"Please reset these, they forgot their challenge questions:\n{lines}\n\nThanks,\n"
        f"{teacher.given_name}",
        requester=teacher.email,
    )
    world.run()

    for kid in kids:
        account = world.accounts.lookup(kid.identifier)
        assert account is not None and not account.claimed
    (reply,) = replies(world, tid)
    for kid in kids:
        assert f"{kid.given_name} {kid.family_name} (ID {kid.identifier})" in reply
        assert f"{kid.identifier}: the zero at the front was missing" in reply
    assert "claim the account again, from the beginning" in reply
    assert "Back button" in reply and "THREE challenge questions" in reply
    assert "the Northwind Portal (https://my.northwind.example)" in reply
    assert notes(world, tid) == []
    assert world.desk.fetch(tid).status == "resolved"
    assert world.desk.get_mark(tid) is ReviewMark.DONE
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    assert count(world, AuditRow, action="reset_reset") == 2

    # The student claims again from the beginning: the story closes.
    world.claim(kids[0], password="Green-Valley-77")


def test_a_second_poll_and_redelivered_steps_change_nothing(world: World) -> None:
    teacher, kids = world.teacher_with_students(1)
    world.claim(kids[0])
    k = kids[0]
    tid = world.desk.add_ticket(
        "reset",
        f"Please reset {k.given_name} {k.family_name} {k.identifier}",
        requester=teacher.email,
    )
    world.run()
    row = ticket_row(world, tid)
    (job,) = world.pipeline.sessions().scalars(select(ResetJobRow)).all()

    # Every step delivered again, as Celery may after a lost acknowledgement.
    for step, ident in [
        ("process", row.id),
        ("reset", job.id),
        ("report", row.id),
        ("flush", row.id),
    ]:
        getattr(world.pipeline, step)(ident)
    world.claim(k, password="Green-Valley-77")  # claimed again after the reset
    world.pipeline.reset(job.id)  # a stale redelivery must not reset the new claim
    world.tick(5)
    world.run()

    account = world.accounts.lookup(k.identifier)
    assert account is not None and account.claimed
    assert len(replies(world, tid)) == 1
    assert count(world, ResetJobRow) == 1
    assert count(world, AuditRow, action="reset_reset") == 1


def test_mixed_ticket_resets_ready_students_and_flags_the_rest(world: World) -> None:
    teacher, kids = world.teacher_with_students(2)
    good, bad = kids
    world.claim(good)
    tid = world.desk.add_ticket(
        "resets",
        f"Please reset:\n{good.given_name} {good.family_name} {good.identifier}\n"
        f"Lucas Nobody\n{bad.given_name} {bad.family_name} 0999999\n\nThanks!",
        requester=teacher.email,
    )
    world.run()

    account = world.accounts.lookup(good.identifier)
    assert account is not None and not account.claimed
    (reply,) = replies(world, tid)
    assert good.identifier in reply
    assert "A technician is still checking these 2 students" in reply
    assert f"{bad.given_name} {bad.family_name} 0999999" in reply
    (note,) = notes(world, tid)
    assert "no student in the roster has the ID 0999999" in note
    assert world.desk.get_mark(tid) is ReviewMark.NEEDS_REVIEW
    assert world.desk.fetch(tid).status != "resolved"
    assert ticket_row(world, tid).state == TicketState.FLAGGED

    # Nothing new from the teacher: later polls leave the flagged ticket alone.
    world.tick(5)
    world.run()
    assert len(replies(world, tid)) == 1 and len(notes(world, tid)) == 1


def test_not_a_reset_is_left_untouched_and_remembered(world: World) -> None:
    teacher, kids = world.teacher_with_students(1)
    tid = world.desk.add_ticket(
        "Projector",
        f"The projector flickers. {kids[0].given_name} {kids[0].family_name} "
        f"({kids[0].identifier}) noticed it.",
        requester=teacher.email,
    )
    world.run()
    assert world.desk.posted() == []
    assert ticket_row(world, tid).state == TicketState.NOT_RESET
    world.tick(5)
    world.run()
    assert count(world, AuditRow, action="not_a_reset") == 1


def test_unauthorised_requester_gets_a_generic_reply_and_nothing_is_reset(world: World) -> None:
    _, kids = world.teacher_with_students(1)
    k = kids[0]
    world.claim(k)
    tid = world.desk.add_ticket(
        "reset",
        f"Please reset {k.given_name} {k.family_name} {k.identifier}",
        requester="someone@outside.example",
    )
    world.run()
    account = world.accounts.lookup(k.identifier)
    assert account is not None and account.claimed
    (reply,) = replies(world, tid)
    assert k.family_name not in reply and k.identifier not in reply
    assert "A technician from the Technology Department will review it" in reply
    assert "not in the roster" in notes(world, tid)[0]


def test_follow_up_adds_a_student_and_never_resets_one_twice(world: World) -> None:
    teacher, kids = world.teacher_with_students(2)
    first, second = kids
    world.claim(first)
    world.claim(second)
    tid = world.desk.add_ticket(
        "reset",
        f"Please reset {first.given_name} {first.family_name} {first.identifier}",
        requester=teacher.email,
    )
    world.run()
    assert ticket_row(world, tid).state == TicketState.RESOLVED
    world.claim(first, password="Green-Valley-77")

    world.desk.add_followup(
        tid,
        f"One more please: {second.given_name} {second.family_name} {second.identifier}\n"
        f"and {first.given_name} {first.family_name} {first.identifier} again",
    )
    world.tick(5)
    world.run()

    assert not world.accounts.lookup(second.identifier).claimed  # type: ignore[union-attr]
    assert world.accounts.lookup(first.identifier).claimed  # type: ignore[union-attr]
    assert len(replies(world, tid)) == 2
    assert "already reset this student once" in notes(world, tid)[0]


def test_dry_run_posts_the_plan_and_resets_nothing(world: World) -> None:
    world.pipeline.options.dry_run = True
    teacher, kids = world.teacher_with_students(1)
    k = kids[0]
    world.claim(k)
    tid = world.desk.add_ticket(
        "reset",
        f"Please reset {k.given_name} {k.family_name} {k.identifier}",
        requester=teacher.email,
    )
    world.run()
    account = world.accounts.lookup(k.identifier)
    assert account is not None and account.claimed
    (note,) = notes(world, tid)
    assert note.startswith("DRY RUN") and k.identifier in note
    assert replies(world, tid) == []
    assert ticket_row(world, tid).state == TicketState.DRY_RUN


def test_a_reply_posted_before_a_crash_is_not_posted_again(world: World) -> None:
    teacher, kids = world.teacher_with_students(1)
    k = kids[0]
    tid = world.desk.add_ticket(
        "reset",
        f"Please reset {k.given_name} {k.family_name} {k.identifier}",
        requester=teacher.email,
    )
    world.pipeline.poll_once()
    # Run everything except the final flush; then post the reply "by hand" as a worker
    # would have done just before dying, without recording it as sent.
    while world.dispatch.queue and world.dispatch.queue[0][0] != "flush":
        step, ident = world.dispatch.queue.popleft()
        getattr(world.pipeline, step)(ident)
    with world.pipeline.sessions() as s:
        item = s.scalars(select(OutboxRow).where(OutboxRow.kind == "reply")).one()
    world.desk.reply(tid, item.body)
    world.dispatch.drain(world.pipeline)
    assert len(replies(world, tid)) == 1
    assert world.desk.fetch(tid).status == "resolved"


def test_students_it_does_not_list_are_asked_for_in_the_reply(world: World) -> None:
    """Rule 7: the named student is ready and `parse` says no review; the worker acts on that
    one decision (no flag), and the reply asks the teacher for the students not listed."""
    teacher, (kid,) = world.teacher_with_students(1)
    world.claim(kid)
    tid = world.desk.add_ticket(
        "resets + attachment",
        f"Please reset challenge questions for {kid.given_name} {kid.family_name} "
        f"{kid.identifier} and the rest of the kids on the attached sheet.",
        requester=teacher.email,
    )
    world.run()

    account = world.accounts.lookup(kid.identifier)
    assert account is not None and not account.claimed  # the one named is reset at once
    assert notes(world, tid) == []
    (reply,) = replies(world, tid)
    assert "refers to students it does not name" in reply
    assert world.desk.get_mark(tid) is ReviewMark.DONE
    assert ticket_row(world, tid).state != TicketState.FLAGGED
    assert ticket_row(world, tid).needs_review is False
