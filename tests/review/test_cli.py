"""``ticketworker technician`` and ``ticketworker review`` as a technician runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from connectors.helpdesk.config import DemoHelpdeskConfig
from connectors.helpdesk.demo import DemoHelpDesk
from connectors.roster.oneroster_csv import OneRosterCsvSource
from worker.db.session import make_engine, make_sessions
from worker.db.tables import AuditRow
from worker.seeding import unclaimed_store_for

from .test_service import swapped

SAMPLES = Path(__file__).resolve().parents[2] / "worker" / "samples"
ANSWERS = {"pet": "Rex", "street": "Elm", "teacher": "Ms. Diaz"}


def run(
    tmp: Path, *args: str, stdin: str = "", user: str = "dreyes"
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "USER": user,
        "TICKETWORKER_DATABASE_URL": f"sqlite:///{tmp}/state.db",
        "TICKETWORKER_HELPDESK__KIND": "demo",
        "TICKETWORKER_HELPDESK__PATH": str(tmp / "desk"),
        "TICKETWORKER_ACCOUNTS__URL": f"sqlite:///{tmp}/accounts.db",
        "TICKETWORKER_ROSTER__PATH": str(SAMPLES / "roster"),
        "TICKETWORKER_SIS_NAME": "PowerSchool",
    }
    exe = Path(sys.executable).parent / "ticketworker"
    return subprocess.run(
        [str(exe), *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_technicians_and_a_review_from_the_shell(tmp_path: Path) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    roster = OneRosterCsvSource(SAMPLES / "roster").load()
    teacher = next(u for u in roster.users if u.role == "teacher" and u.active)
    kid, other = [
        u
        for u in roster.users
        if u.is_student and u.active and set(u.org_ids) & set(teacher.org_ids)
    ][:2]
    store = unclaimed_store_for(f"sqlite:///{tmp_path}/accounts.db", roster.users)
    assert store.claim(
        kid.identifier, kid.given_name, kid.family_name, ANSWERS, "Blue-Harbor-42"
    ).ok
    desk = DemoHelpDesk(DemoHelpdeskConfig(path=tmp_path / "desk"), samples=None)
    tid = desk.add_ticket(
        "reset",
        f"Please reset:\n{kid.given_name} {kid.family_name} {swapped(kid.identifier)}\n"
        f"{other.given_name} Nobody 0999999\n",
        requester=teacher.email,
    )
    assert run(tmp_path, "poll", "--once").returncode == 0

    added = run(
        tmp_path,
        "technician",
        "add",
        "dreyes",
        "--name",
        "Dana Reyes",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert added.returncode == 0, added.stderr
    short = run(
        tmp_path, "technician", "add", "kokafor", "--name", "K", "--password-stdin", stdin="short\n"
    )
    assert short.returncode == 1 and "at least 12 characters" in short.stderr
    assert "Dana Reyes" in run(tmp_path, "technician", "list").stdout

    listing = run(tmp_path, "review", "list")
    assert listing.returncode == 0 and f"candidate {kid.identifier}" in listing.stdout
    shown = run(tmp_path, "review", "show", tid)
    assert "student 1 [TO DECIDE]" in shown.stdout and "two digits swapped" in shown.stdout

    unknown = run(tmp_path, "review", "approve", tid, "2", "--id", "0999998")
    assert unknown.returncode == 1 and "refused" in unknown.stderr
    approved = run(tmp_path, "review", "approve", tid, "1", "--id", kid.identifier)
    assert approved.returncode == 0, approved.stderr
    assert "student 1 was reset" in approved.stdout
    assert not store.lookup(kid.identifier).claimed  # type: ignore[union-attr]
    rejected = run(
        tmp_path,
        "review",
        "reject",
        tid,
        "2",
        "--message",
        "Which student?",
        "--as",
        "dreyes",
        user="somebody-else",
    )
    assert rejected.returncode == 0, rejected.stderr
    assert "nothing waits" in run(tmp_path, "review", "list").stdout

    replies = [p.body for p in desk.posted() if p.kind == "reply"]
    assert any(kid.identifier in r and "-approve]" in r for r in replies)
    assert any(
        "Which student?" in r and "We could not find 0999999 in PowerSchool" in r for r in replies
    )
    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    with make_sessions(engine)() as s:
        actors = {a.action: a.actor for a in s.scalars(select(AuditRow))}
    engine.dispose()
    store.close()
    assert actors["review_approved"] == "dreyes" and actors["review_rejected"] == "dreyes"

    assert run(tmp_path, "technician", "disable", "dreyes").returncode == 0
    refused = run(tmp_path, "review", "release", tid)
    assert refused.returncode == 1 and "no active technician" in refused.stderr


def test_an_account_through_its_life_from_the_shell(tmp_path: Path) -> None:
    from worker.technicians import SessionPolicy, Technicians

    assert run(tmp_path, "db", "upgrade").returncode == 0
    add = ("technician", "add", "dreyes", "--name", "Dana Reyes", "--password-stdin")
    assert run(tmp_path, *add, stdin="first long password\n").returncode == 0
    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    technicians = Technicians(make_sessions(engine))
    try:
        technicians.start_session("dreyes", SessionPolicy())
        technicians.start_session("dreyes", SessionPolicy())
        listed = run(tmp_path, "technician", "sessions").stdout
        assert listed.count("dreyes") == 2
        ended = run(tmp_path, "technician", "logout", "dreyes", user="admin")
        assert ended.returncode == 0 and "2 console session(s)" in ended.stdout
        assert "dreyes" not in run(tmp_path, "technician", "sessions").stdout

        token = technicians.start_session("dreyes", SessionPolicy())
        short = run(tmp_path, "technician", "password", "dreyes", "--password-stdin", stdin="x\n")
        assert short.returncode == 1 and "at least 12 characters" in short.stderr
        assert technicians.session_technician(token, SessionPolicy()) is not None
        changed = run(
            tmp_path, "technician", "password", "dreyes", "--password-stdin", stdin="second one!!\n"
        )
        assert changed.returncode == 0, changed.stderr
        assert technicians.session_technician(token, SessionPolicy()) is None
        assert technicians.authenticate("dreyes", "first long password") is None
        assert technicians.authenticate("dreyes", "second one!!") is not None
        nobody = run(
            tmp_path, "technician", "password", "nobody", "--password-stdin", stdin="x" * 12
        )
        assert nobody.returncode == 1 and "no technician named 'nobody'" in nobody.stderr

        assert run(tmp_path, "technician", "disable", "dreyes").returncode == 0
        assert technicians.authenticate("dreyes", "second one!!") is None
        assert run(tmp_path, "technician", "enable", "dreyes").returncode == 0
        assert technicians.authenticate("dreyes", "second one!!") is not None
        with make_sessions(engine)() as s:
            actions = [a.action for a in s.scalars(select(AuditRow).order_by(AuditRow.id))]
            enders = [
                a.actor
                for a in s.scalars(
                    select(AuditRow).where(AuditRow.action == "technician_sessions_ended")
                )
            ]
        assert enders == ["admin"]
        for action in ("technician_password_set", "technician_disabled", "technician_enabled"):
            assert action in actions
    finally:
        engine.dispose()
