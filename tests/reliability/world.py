"""The world of one fault test: roster, portal accounts, RT tickets, and the invariants.

Every account starts claimed, so a reset is visible in the store (unclaimed, one applied
idempotency key).  The global invariants of RELIABILITY.md are checked from the outside, as
an operator would:

* I1 no ticket lost: one state row per RT ticket of the queue, each in a terminal state;
* I2 no double reset: per (ticket, student) one job, one applied key in the store and one
  outcome in the audit log; per student, one effective reset in the store;
* I3 no duplicate reply: every marker the worker wrote appears in exactly one RT message,
  and RT mailed the requester the reply exactly once;
* I5 no PII: no student name or ID in the processes' logs or in the test's Redis database.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import redis
from sqlalchemy import Engine, func, select, text

from connectors.accounts.sql import SqlAccountStore
from connectors.helpdesk.base import ReviewMark
from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from tests.connectors.rt_support import RTOutside
from worker.db.tables import AuditRow, OutboxRow, ResetJobRow, TicketRow, TicketState

from .deployment import Deployment, redis_text, wait_for
from .roster import Roster, Student

TERMINAL = {
    TicketState.RESOLVED,
    TicketState.FLAGGED,
    TicketState.NOT_RESET,
}
APPLIED_OUTCOMES = ("reset", "already_unclaimed", "already_applied")
# A 7-digit student ID standing alone in a log or a Redis value: not part of a longer word
# (a task id's hex such as "e0512345-...") nor the fraction of a duration ("0.0123456s").
STUDENT_ID_SHAPE = re.compile(r"(?<![\w.])0\d{6}(?!\w)")


@dataclass
class Filed:
    """A ticket the test filed in RT and what must become of it."""

    hid: str
    requester: str
    reset: tuple[Student, ...] = ()  # students this ticket must reset, exactly once each
    reply: bool = True  # a public reply is due (False: not a reset, or a poison ticket)
    states: frozenset[TicketState] = frozenset({TicketState.RESOLVED})


@dataclass
class World:
    rt: RTConfig
    outside: RTOutside
    roster: Roster
    accounts: SqlAccountStore
    engine: Engine
    db_url: str
    rt_token: str
    redis_url: str
    redis: redis.Redis
    tmp: Path
    filed: dict[str, Filed] = field(default_factory=dict)

    def env(self, helpdesk_url: str | None = None, **overrides: str) -> dict[str, str]:
        """The processes' environment: short timings so a fault heals within seconds."""
        env = {
            **os.environ,
            "TICKETWORKER_DATABASE_URL": self.db_url,
            "TICKETWORKER_BROKER_URL": self.redis_url,
            "TICKETWORKER_HELPDESK__KIND": "rt",
            "TICKETWORKER_HELPDESK__BASE_URL": helpdesk_url or self.rt.base_url,
            "TICKETWORKER_HELPDESK__TOKEN": self.rt_token,
            "TICKETWORKER_HELPDESK__QUEUE": self.rt.queue,
            "TICKETWORKER_HELPDESK__MARK_FIELD": self.rt.mark_field,
            "TICKETWORKER_HELPDESK__TIMEOUT_SECONDS": "3",
            "TICKETWORKER_ROSTER__KIND": "oneroster_csv",
            "TICKETWORKER_ROSTER__PATH": str(self.roster.path),
            "TICKETWORKER_ACCOUNTS__URL": self.db_url,
            "TICKETWORKER_ACCOUNTS__SCHEMA": "portal",
            "TICKETWORKER_POLL_INTERVAL_SECONDS": "1",
            "TICKETWORKER_SWEEP_INTERVAL_SECONDS": "3",
            "TICKETWORKER_STEP_LEASE_SECONDS": "4",
            "TICKETWORKER_STEP_HEARTBEAT_SECONDS": "1",
        }
        env.update(overrides)
        return env

    def file(
        self,
        label: str,
        requester: str,
        body: str,
        *,
        reset: tuple[Student, ...] = (),
        reply: bool = True,
        states: frozenset[TicketState] = frozenset({TicketState.RESOLVED}),
        subject: str = "Portal reset please",
    ) -> Filed:
        hid = self.outside.file_ticket(self.rt.queue, subject, body, "text/plain", requester)
        filed = Filed(hid, requester, reset, reply, states)
        self.filed[label] = filed
        return filed

    def ask_reset(self, label: str, students: list[Student], **kwargs: object) -> Filed:
        """A well-formed request from school A's teacher for ``students``."""
        lines = "\n".join(s.line() for s in students)
        body = f"Hello,\nthese students forgot their challenge answers:\n{lines}\n\nThank you"
        return self.file(label, self.roster.teacher_a, body, reset=tuple(students), **kwargs)

    # -- reading the databases -------------------------------------------------------------
    def rows(self) -> list[TicketRow]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(TicketRow)))  # type: ignore[arg-type]

    def row(self, label: str) -> TicketRow:
        hid = self.filed[label].hid
        with self.engine.connect() as conn:
            return conn.execute(select(TicketRow).where(TicketRow.helpdesk_id == hid)).one()  # type: ignore[return-value]

    def audit_count(self, action: str) -> int:
        """How many audit entries of this kind the worker wrote for this test's tickets."""
        hids = [f.hid for f in self.filed.values()]
        with self.engine.connect() as conn:
            return (
                conn.scalar(
                    select(func.count())
                    .select_from(AuditRow)
                    .where(AuditRow.action == action, AuditRow.helpdesk_id.in_(hids))
                )
                or 0
            )

    def settled(self) -> bool:
        """Every filed ticket terminal, no reset job open, no outbox item waiting to be sent."""
        with self.engine.connect() as conn:
            states = {h: s for h, s in conn.execute(select(TicketRow.helpdesk_id, TicketRow.state))}
            open_jobs = conn.scalar(
                select(func.count())
                .select_from(ResetJobRow)
                .where(ResetJobRow.status.in_(("pending", "running")))
            )
            unsent = conn.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.status == "pending")
            )
        return (
            all(states.get(f.hid) in f.states for f in self.filed.values())
            and not open_jobs
            and not unsent
        )

    def settle(self, deployment: Deployment, timeout: float = 60) -> float:
        """Wait until :meth:`settled` holds for two seconds running; returns seconds taken."""
        started = time.monotonic()
        stable_since: list[float] = []

        def steady() -> bool:
            if not self.settled():
                stable_since.clear()
                return False
            stable_since.append(time.monotonic())
            return stable_since[-1] - stable_since[0] >= 2.0

        def context() -> str:
            return f"{self.describe()}\n{deployment.tail()}"

        wait_for(steady, timeout, "every ticket to settle", 0.5, context)
        return time.monotonic() - started

    def describe(self) -> str:
        """Each filed ticket's state and its open work, for failure messages (no PII)."""
        with self.engine.connect() as conn:
            tickets = {r.helpdesk_id: r for r in conn.execute(select(TicketRow))}
            jobs = list(conn.execute(select(ResetJobRow.ticket_id, ResetJobRow.status)))
            outbox = list(
                conn.execute(select(OutboxRow.ticket_id, OutboxRow.kind, OutboxRow.status))
            )
        lines = []
        for label, filed in self.filed.items():
            row = tickets.get(filed.hid)
            if row is None:
                lines.append(f"{label} (RT {filed.hid}): no row")
                continue
            open_jobs = [j.status for j in jobs if j.ticket_id == row.id and j.status != "done"]
            unsent = [o.kind for o in outbox if o.ticket_id == row.id and o.status != "sent"]
            lines.append(
                f"{label} (RT {filed.hid}): {row.state} attempts={row.attempts} "
                f"wake={row.wake} open jobs={open_jobs} unsent={unsent}"
            )
        return "\n".join(lines)

    def queue_ticket_ids(self) -> list[str]:
        """Every ticket of this test's RT queue, whatever its status."""
        query = urlencode({"query": f"Queue = '{self.rt.queue}'", "per_page": 100})
        page = self.outside.call("GET", f"tickets?{query}")
        return [str(item["id"]) for item in page["items"]]

    # -- the invariants ---------------------------------------------------------------------
    def assert_exactly_once(self, deployment: Deployment) -> None:
        """I1, I2, I3 and I5 for every ticket this test filed."""
        self.assert_no_ticket_lost()
        self.assert_no_double_reset()
        self.assert_no_duplicate_reply()
        self.assert_no_pii(deployment)

    def assert_no_ticket_lost(self) -> None:
        rows = self.rows()
        counts = Counter(r.helpdesk_id for r in rows)
        assert sorted(counts) == sorted(self.queue_ticket_ids()), "a ticket is missing a row"
        assert set(counts.values()) == {1}, f"tickets with several rows: {counts}"
        by_hid = {r.helpdesk_id: r for r in rows}
        desk = RTHelpDesk(self.rt)
        try:
            for label, filed in self.filed.items():
                state = TicketState(by_hid[filed.hid].state)
                assert state in filed.states, f"{label}: {state}, expected {set(filed.states)}"
                status = desk.fetch(filed.hid).status
                if state == TicketState.RESOLVED:
                    assert status == "resolved", f"{label}: RT status {status}"
                    assert desk.get_mark(filed.hid) is ReviewMark.DONE
                elif state == TicketState.FLAGGED:
                    assert status != "resolved", f"{label}: flagged but resolved in RT"
                    assert desk.get_mark(filed.hid) is ReviewMark.NEEDS_REVIEW, label
                else:
                    assert status != "resolved", f"{label}: {state} but resolved in RT"
        finally:
            desk.close()

    def assert_no_double_reset(self) -> None:
        with self.engine.connect() as conn:
            jobs = list(conn.execute(select(ResetJobRow)))
            audits = list(conn.execute(select(AuditRow).where(AuditRow.action.like("reset\\_%"))))
            keys = list(
                conn.execute(
                    text(
                        "SELECT idempotency_key, student_id, outcome FROM portal.portal_reset_keys"
                    )
                )
            )
        wanted: Counter[str] = Counter()
        for label, filed in self.filed.items():
            row_jobs = {
                j.student_id: j for j in jobs if j.idempotency_key.split(":")[1] == filed.hid
            }
            assert sorted(row_jobs) == sorted(s.sid for s in filed.reset), f"{label}: jobs"
            for student in filed.reset:
                wanted[student.sid] += 1
                job = row_jobs[student.sid]
                assert job.status == "done" and job.outcome in APPLIED_OUTCOMES, (label, job)
                store = [k for k in keys if k.idempotency_key == job.idempotency_key]
                assert len(store) == 1 and store[0].student_id == student.sid, (label, store)
                outcomes = Counter(
                    a.action
                    for a in audits
                    if a.helpdesk_id == filed.hid and a.student_id == student.sid
                )
                assert outcomes.pop("reset_queued") == 1, (label, outcomes)
                assert sum(outcomes.values()) == 1, f"{label}: reset outcomes {outcomes}"
        # The account store changed each asked-for account once, however many tickets asked.
        applied = Counter(k.student_id for k in keys if k.outcome == "reset")
        assert applied == Counter(set(wanted)), "some account was reset twice, or not at all"
        for student in self.roster.students:
            account = self.accounts.lookup(student.sid)
            assert account is not None
            assert account.claimed is (student.sid not in wanted), student.sid

    def assert_no_duplicate_reply(self) -> None:
        with self.engine.connect() as conn:
            outbox = list(
                conn.execute(
                    select(
                        OutboxRow.marker, OutboxRow.kind, OutboxRow.status, TicketRow.helpdesk_id
                    ).join(TicketRow, TicketRow.id == OutboxRow.ticket_id)
                )
            )
        desk = RTHelpDesk(self.rt)
        try:
            for label, filed in self.filed.items():
                messages = desk.fetch(filed.hid).messages
                ours = [m for m in messages if "[ref tw-" in m.body]
                texts = [
                    o for o in outbox if o.helpdesk_id == filed.hid and o.kind in ("reply", "note")
                ]
                # A post the help-desk refused for good was given up on: never posted.
                markers = [o.marker for o in texts if o.status == "sent"]
                for o in texts:
                    posted = [m for m in ours if o.marker in m.body]
                    expected = int(o.status == "sent")
                    assert len(posted) == expected, f"{label}: {o.marker} posted {len(posted)}"
                assert len(ours) == len(markers), f"{label}: messages without an outbox item"
                replies = [m for m in ours if m.public]
                assert len(replies) == int(filed.reply), f"{label}: {len(replies)} replies"
                if filed.reply:
                    marker = next(m for m in markers if m.endswith("-reply"))
                    mailed = [
                        t
                        for t in self.outside.mailed_text(filed.hid, filed.requester)
                        if marker in t
                    ]
                    assert len(mailed) == 1, f"{label}: reply mailed {len(mailed)} times"
        finally:
            desk.close()

    def assert_no_pii(self, deployment: Deployment) -> None:
        sources = {**deployment.logs(), "redis": redis_text(self.redis)}
        for name, content in sources.items():
            for student in self.roster.students:
                # An ID as a number of its own: a task's duration ("0.150500013 s") may
                # hold its digits.
                id_alone = rf"(?<![\d.]){student.sid}(?!\d)"
                assert not re.search(id_alone, content), f"a student ID in {name}"
                for word in (student.given, student.family):
                    for form in {word, json.dumps(word)[1:-1], ascii(word)[1:-1]}:
                        assert form not in content, f"student data in {name}"
            shaped = STUDENT_ID_SHAPE.findall(content)
            assert not shaped, f"student-ID-shaped numbers in {name}: {len(shaped)}"
