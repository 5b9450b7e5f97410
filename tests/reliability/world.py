"""The world of one fault test: roster, portal accounts, RT tickets, and the invariants.

The roster and the people in it are invented for these tests.  Every account starts
claimed, so a reset is visible in the store (unclaimed, one applied idempotency key).
The global invariants of RELIABILITY.md are checked from the outside, as an operator would:

* I1 no ticket lost: one state row per RT ticket of the queue, each in a terminal state;
* I2 no double reset: per (ticket, student) one job, one applied key in the store and one
  outcome in the audit log; per student, as many effective resets as tickets asked;
* I3 no duplicate reply: every marker the worker wrote appears in exactly one RT message,
  and RT mailed the requester the reply exactly once;
* I5 no PII: no student name or ID in the processes' logs or in the test's Redis database.
"""

from __future__ import annotations

import csv
import json
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

SCHOOL_A, SCHOOL_B = "org-alder", "org-birch"
ANSWERS = {"first street": "Quarry", "first pet": "Pepper", "favourite book": "Matilda"}
PASSWORD = "Lantern-Orchard-77"
# Invented students: (given, family); the first list is school A, the second school B.
NAMES_A = [
    ("Odalys", "Ferreira"),
    ("Bartholomew", "Nkemelu"),
    ("Ingrid", "Solberg"),
    ("Tobiah", "Marchetti"),
    ("Yusra", "Haddad"),
    ("Caspian", "Wrenfield"),
    ("Marisol", "Quintero"),
    ("Henrik", "Lindqvist"),
    ("Amara", "Okonjo"),
    ("Desmond", "Achterberg"),
    ("Rosalind", "Pikeworth"),
    ("Kenji", "Watanuki"),
]
NAMES_B = [
    ("Priya", "Venkataraman"),
    ("Lucian", "Moreau"),
    ("Saoirse", "Gallagher"),
    ("Anouk", "Verbeek"),
    ("Teodor", "Bălan"),
    ("Ximena", "Altamirano"),
]
TERMINAL = {
    TicketState.RESOLVED,
    TicketState.FLAGGED,
    TicketState.NOT_RESET,
    TicketState.FAILED,
}
APPLIED_OUTCOMES = ("reset", "already_unclaimed", "already_applied")
# A 7-digit student ID shape anywhere in a log or a Redis value (not inside a longer number
# nor the fraction of a duration such as "0.0123456s").
STUDENT_ID_SHAPE = re.compile(r"(?<![\d.])0\d{6}(?!\d)")


@dataclass(frozen=True)
class Student:
    sid: str
    given: str
    family: str
    school: str

    @property
    def email(self) -> str:
        return f"s{self.sid}@pupils.alder-birch.example"

    def line(self) -> str:
        return f"{self.given} {self.family} {self.sid}"


@dataclass(frozen=True)
class Roster:
    path: Path
    students: list[Student]
    teacher_a: str = "m.quill@staff.alder-birch.example"
    teacher_b: str = "r.tamsin@staff.alder-birch.example"

    def at(self, school: str) -> list[Student]:
        return [s for s in self.students if s.school == school]


def write_roster(path: Path) -> Roster:
    """A OneRoster CSV roster: a district, two schools, a teacher each, 18 students."""
    path.mkdir(parents=True)
    students = [
        Student(f"06{n:05d}", given, family, SCHOOL_A if n < 200 else SCHOOL_B)
        for n, (given, family) in [
            *((100 + i * 7, name) for i, name in enumerate(NAMES_A)),
            *((200 + i * 7, name) for i, name in enumerate(NAMES_B)),
        ]
    ]
    roster = Roster(path, students)
    with (path / "orgs.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId".split(",")
        )
        w.writerow(["org-dist", "active", "2026-08-01", "Alder-Birch USD", "district", "1", ""])
        for org, name, number in (
            (SCHOOL_A, "Alder Elementary", "2"),
            (SCHOOL_B, "Birch Middle", "3"),
        ):
            w.writerow([org, "active", "2026-08-01", name, "school", number, "org-dist"])
    people = [
        ("tch-a", SCHOOL_A, "teacher", "Morwenna", "Quill", "90001", roster.teacher_a),
        ("tch-b", SCHOOL_B, "teacher", "Rupert", "Tamsin", "90002", roster.teacher_b),
        *(
            (f"stu-{s.sid}", s.school, "student", s.given, s.family, s.sid, s.email)
            for s in students
        ),
    ]
    with (path / "users.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,"
            "userIds,givenName,familyName,middleName,identifier,email,sms,phone,"
            "agentSourcedIds,grades,password".split(",")
        )
        for source, org, role, given, family, ident, email in people:
            grade = "05" if role == "student" else ""
            w.writerow(
                [source, "active", "2026-08-01", "true", org, role, source, "", given, family]
                + ["", ident, email, "", "", "", grade, ""]
            )
    return roster


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
        import os

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

    def settled(self) -> bool:
        """Every filed ticket terminal, no reset job open, no outbox item unsent."""
        with self.engine.connect() as conn:
            states = {h: s for h, s in conn.execute(select(TicketRow.helpdesk_id, TicketRow.state))}
            open_jobs = conn.scalar(
                select(func.count())
                .select_from(ResetJobRow)
                .where(ResetJobRow.status.in_(("pending", "running")))
            )
            unsent = conn.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.status != "sent")
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

        wait_for(steady, timeout, "every ticket to settle", 0.5, deployment.tail)
        return time.monotonic() - started

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
        applied = Counter(k.student_id for k in keys if k.outcome == "reset")
        assert applied == wanted, f"effective resets per student {applied}, wanted {wanted}"
        for student in self.roster.students:
            account = self.accounts.lookup(student.sid)
            assert account is not None
            assert account.claimed is (student.sid not in wanted), student.sid

    def assert_no_duplicate_reply(self) -> None:
        with self.engine.connect() as conn:
            outbox = list(
                conn.execute(
                    select(OutboxRow.marker, OutboxRow.kind, TicketRow.helpdesk_id).join(
                        TicketRow, TicketRow.id == OutboxRow.ticket_id
                    )
                )
            )
        desk = RTHelpDesk(self.rt)
        try:
            for label, filed in self.filed.items():
                messages = desk.fetch(filed.hid).messages
                ours = [m for m in messages if "[ref tw-" in m.body]
                markers = [
                    o.marker
                    for o in outbox
                    if o.helpdesk_id == filed.hid and o.kind in ("reply", "note")
                ]
                for marker in markers:
                    posted = [m for m in ours if marker in m.body]
                    assert len(posted) == 1, f"{label}: {marker} posted {len(posted)} times"
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
                for word in (student.sid, student.given, student.family):
                    for form in {word, json.dumps(word)[1:-1], ascii(word)[1:-1]}:
                        assert form not in content, f"student data in {name}"
            shaped = STUDENT_ID_SHAPE.findall(content)
            assert not shaped, f"student-ID-shaped numbers in {name}: {len(shaped)}"
