"""The production shape, for real: Celery worker and beat processes, Redis, PostgreSQL and
Request Tracker on loopback.  Tickets are filed in RT; the test only watches RT and the
databases, as an operator would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import BinaryIO

import pytest
import redis
from sqlalchemy import create_engine, func, select

from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from tests.connectors.rt_support import RTOutside
from tests.helpers import need
from worker.db.migrate import upgrade
from worker.db.session import make_engine
from worker.db.tables import AuditRow, OutboxRow, TicketRow, TicketState

from .roster import SCHOOL_A, Roster, claimed_store, write_roster

pytestmark = [pytest.mark.integration, pytest.mark.rt, pytest.mark.slow]

REDIS_URL = os.environ.get("TICKETWORKER_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
OUR_MX = "mx.larch.example"  # the district's receiving mail server, trusted by the worker
TERMINAL = {TicketState.RESOLVED, TicketState.FLAGGED, TicketState.NOT_RESET}


def _redis_ready() -> None:
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
        client.ping()
        client.flushdb()  # this test's own database number: old messages must not leak in
    except redis.RedisError as exc:
        need(False, f"Redis unavailable at {REDIS_URL}: {type(exc).__name__}")


class Deployment:
    """A worker and a beat process with their environment, and their logs."""

    def __init__(self, env: dict[str, str], tmp: Path) -> None:
        self.env, self.tmp = env, tmp
        self.procs: list[subprocess.Popen[bytes]] = []
        self.files: list[BinaryIO] = []

    def start(self) -> None:
        exe = str(Path(sys.executable).parent / "ticketworker")
        for name, args in (
            ("worker", [exe, "worker", "--concurrency", "2"]),
            ("beat", [exe, "beat", "--schedule", str(self.tmp / "beat-schedule")]),
        ):
            log = (self.tmp / f"{name}.log").open("wb")
            self.files.append(log)
            self.procs.append(
                subprocess.Popen(args, env=self.env, stdout=log, stderr=log, start_new_session=True)
            )

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        for file in self.files:
            file.close()

    def logs(self) -> str:
        return "".join(
            (self.tmp / f"{n}.log").read_text(errors="replace") for n in ("worker", "beat")
        )


@pytest.fixture()
def deployment(
    rt_queue: RTConfig, rt_env: dict[str, str], postgres_url: str, tmp_path: Path
) -> Iterator[tuple[Deployment, RTConfig, Roster, SqlAccountStore]]:
    _redis_ready()
    rt = rt_queue
    roster = write_roster(tmp_path / "roster")
    state = make_engine(postgres_url)
    upgrade(state)
    state.dispose()
    accounts = claimed_store(postgres_url, roster, schema="portal")
    env = {
        **os.environ,
        "CI": os.environ.get("CI", ""),
        "TICKETWORKER_DATABASE_URL": postgres_url,
        "TICKETWORKER_BROKER_URL": REDIS_URL,
        "TICKETWORKER_HELPDESK__KIND": "rt",
        "TICKETWORKER_HELPDESK__BASE_URL": rt.base_url,
        "TICKETWORKER_HELPDESK__TOKEN": rt_env["RT_TOKEN"],
        "TICKETWORKER_HELPDESK__QUEUE": rt.queue,
        "TICKETWORKER_HELPDESK__MARK_FIELD": rt.mark_field,
        "TICKETWORKER_ROSTER__KIND": "oneroster_csv",
        "TICKETWORKER_ROSTER__PATH": str(roster.path),
        "TICKETWORKER_ACCOUNTS__URL": postgres_url,
        "TICKETWORKER_ACCOUNTS__SCHEMA": "portal",
        "TICKETWORKER_POLL_INTERVAL_SECONDS": "2",
        "TICKETWORKER_SWEEP_INTERVAL_SECONDS": "5",
        "TICKETWORKER_MAIL_AUTHSERV_IDS": OUR_MX,
    }
    deployed = Deployment(env, tmp_path)
    yield deployed, rt, roster, accounts
    deployed.stop()
    accounts.close()


def _mail(sender: str, subject: str, body: str, verdict: str | None) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "help@larch.example", subject
    if verdict:
        message["Authentication-Results"] = verdict
    message.set_content(body)
    return message


def _wait_terminal(url: str, count: int, timeout: float = 120) -> list[TicketRow]:
    """Tickets at rest whose replies, notes and marks have all been sent to RT.

    A ticket is flagged in the state database before its note is posted (the outbox
    does that next), so a terminal state alone does not mean RT shows it yet.
    """
    engine = create_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with engine.connect() as conn:
                rows = list(conn.execute(select(TicketRow)))
                unsent = set(
                    conn.scalars(select(OutboxRow.ticket_id).where(OutboxRow.status == "pending"))
                )
            done = [r for r in rows if r.state in TERMINAL and r.id not in unsent]
            if len(done) >= count or time.monotonic() > deadline:
                return done  # type: ignore[return-value]
            time.sleep(1)
    finally:
        engine.dispose()


def test_worker_processes_a_mix_of_tickets_from_rt(
    deployment, rt_outside: RTOutside, postgres_url: str
) -> None:
    deployed, rt, roster, accounts = deployment
    teacher, other_school = roster.teacher_a, roster.teacher_b
    a1, a2, a3, a4 = [s for s in roster.students if s.school == SCHOOL_A][:4]
    b1, b2 = [s for s in roster.students if s.school != SCHOOL_A][:2]
    # Letters only: a hex run tag such as "939294b1" in a subject reads as a mistyped ID.
    run = "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])
    ours = f"{OUR_MX}; spf=pass smtp.mailfrom=larch.example; dmarc=pass header.from=larch.example"
    tickets = {
        "ready": rt_outside.file_ticket(
            rt.queue,
            "Resets",
            f"Please reset:\n{a1.line()}\n{a2.given} {a2.family} {a2.sid[1:]}\n\nThanks",
            "text/plain",
            teacher,
        ),
        "mixed": rt_outside.file_ticket(
            rt.queue,
            "reset",
            f"<p>Please reset {a3.line()} and {b1.line()}</p>",
            "text/html",
            teacher,
        ),
        "review": rt_outside.file_ticket(
            rt.queue, "reset", f"Please reset {a1.given} 0999999", "text/plain", other_school
        ),
        "not_reset": rt_outside.file_ticket(
            rt.queue,
            "Projector",
            f"The projector is broken; {a1.line()} told me.",
            "text/plain",
            teacher,
        ),
        "unauthorised": rt_outside.file_ticket(
            rt.queue, "my kid", f"Please reset {b1.line()}", "text/plain", "parent@home.example"
        ),
        # By e-mail: the district's server vouches for one sender; the other wrote the From:
        # line himself, with a verdict from a server that is not ours.
        "mailed": rt_outside.mail_ticket(
            rt.queue,
            _mail(roster.teacher_b, f"reset {run}", f"Please reset {b2.line()}", ours),
        ),
        "forged": rt_outside.mail_ticket(
            rt.queue,
            _mail(
                teacher,
                f"urgent reset {run}",
                f"Please reset {a4.line()}",
                ours.replace(OUR_MX, "mx.forger.example"),
            ),
        ),
    }
    deployed.start()
    done = _wait_terminal(postgres_url, len(tickets))
    assert len(done) == len(tickets), deployed.logs()[-3000:]
    desk = RTHelpDesk(rt)

    # All ready: reset, replied with the advice, resolved, marked done.
    ready = desk.fetch(tickets["ready"])
    (reply,) = [m.body for m in ready.messages if m.public and "ref tw-" in m.body]
    assert a1.sid in reply and a2.sid in reply and "Back button" in reply
    assert ready.status == "resolved" and desk.get_mark(tickets["ready"]) is ReviewMark.DONE
    assert rt_outside.mailed_text(tickets["ready"], teacher)
    # Mixed: the ready student is reset, the other school's student waits for a technician.
    mixed = desk.fetch(tickets["mixed"])
    assert mixed.status != "resolved"
    assert desk.get_mark(tickets["mixed"]) is ReviewMark.NEEDS_REVIEW
    notes = [m.body for m in mixed.messages if not m.public and "ref tw-" in m.body]
    assert notes and "not staff at the student's school" in notes[0]
    # Not a reset request: nothing posted at all.
    assert not [m for m in desk.fetch(tickets["not_reset"]).messages if "ref tw-" in m.body]
    # Unauthorised: a generic reply that names nobody.
    (generic,) = [
        m.body
        for m in desk.fetch(tickets["unauthorised"]).messages
        if m.public and "ref tw-" in m.body
    ]
    assert b1.family not in generic and b1.sid not in generic

    # By e-mail: the vouched-for sender's student is reset; the forged one waits for a person.
    mailed = desk.fetch(tickets["mailed"])
    assert mailed.channel == "email" and mailed.status == "resolved"
    forged = desk.fetch(tickets["forged"])
    assert forged.status != "resolved"
    assert desk.get_mark(tickets["forged"]) is ReviewMark.NEEDS_REVIEW
    (note,) = [m.body for m in forged.messages if not m.public and "ref tw-" in m.body]
    assert "sender address may be forged" in note

    for student, reset in (
        (a1, True),
        (a2, True),
        (a3, True),
        (b1, False),
        (b2, True),
        (a4, False),
    ):
        account = accounts.lookup(student.sid)
        assert account is not None and account.claimed is not reset

    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        resets = conn.scalar(
            select(func.count()).select_from(AuditRow).where(AuditRow.action == "reset_reset")
        )
        posted = conn.scalar(
            select(func.count()).select_from(AuditRow).where(AuditRow.action.like("posted_%"))
        )
    assert resets == 4

    # Polls keep running: nothing is repeated.
    time.sleep(8)
    with engine.connect() as conn:
        assert (
            conn.scalar(
                select(func.count()).select_from(AuditRow).where(AuditRow.action == "reset_reset")
            )
            == 4
        )
        assert (
            conn.scalar(
                select(func.count()).select_from(AuditRow).where(AuditRow.action.like("posted_%"))
            )
            == posted
        )
    engine.dispose()
    replies = [m for m in desk.fetch(tickets["ready"]).messages if m.public and "ref tw-" in m.body]
    assert len(replies) == 1

    # No student names or IDs in the worker's and beat's logs (FERPA).
    logs = deployed.logs()
    for student in roster.students:
        # An ID as a number of its own: task durations ("0.150500013 s") may hold its digits.
        assert not re.search(rf"(?<![\d.]){student.sid}(?!\d)", logs), student.sid
        assert student.family not in logs
