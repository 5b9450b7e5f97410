"""``ticketworker reconcile`` as an operator runs it: exit codes, roster problems, the report.

The command is mounted on a Typer app of the test's own (the lead registers it in
worker/cli.py); settings come from the environment, as in production.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from connectors.accounts.base import AccountNames
from connectors.accounts.sql import SqlAccountStore
from worker.commands.reconcile import reconcile_command
from worker.db import repo
from worker.db.migrate import upgrade
from worker.db.session import make_engine, make_sessions
from worker.reconcile.job import LEASE
from worker.settings import get_settings

from .conftest import FAST_POLICY

ORGS = (
    "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
    "d1,active,2026-01-01T00:00:00Z,Harbor Valley,district,1,\n"
    "s1,active,2026-01-01T00:00:00Z,Cedar Point,school,2,d1\n"
)
HEADER = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
)


def user_row(n: int, first: str, last: str, identifier: str, enabled: str = "true") -> str:
    return (
        f"u{n},active,2026-01-01T00:00:00Z,{enabled},s1,student,u{n},,{first},{last},,"
        f"{identifier},,,,,05,\n"
    )


STUDENTS = [
    user_row(1, "Odile", "Varga", "0440001"),
    user_row(2, "Pax", "Whitlock", "0440002"),
    user_row(3, "=HYPERLINK(1)", "Yoon", "0440003"),
]


class Env:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.state_url = f"sqlite:///{root}/state.db"
        self.accounts_url = f"sqlite:///{root}/portal.db"

    def roster(self, rows: list[str], name: str = "roster") -> Path:
        path = self.root / name
        path.mkdir(exist_ok=True)
        (path / "orgs.csv").write_text(ORGS, encoding="utf-8")
        (path / "users.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
        return path

    def store(self) -> SqlAccountStore:
        store = SqlAccountStore.from_url(self.accounts_url, policy=FAST_POLICY)
        store.create_schema()
        return store


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    monkeypatch.chdir(tmp_path)  # no stray .env file
    setup = Env(tmp_path)
    monkeypatch.setenv("TICKETWORKER_DATABASE_URL", setup.state_url)
    monkeypatch.setenv("TICKETWORKER_ACCOUNTS__URL", setup.accounts_url)
    monkeypatch.setenv("TICKETWORKER_ROSTER__PATH", str(setup.roster(STUDENTS)))
    engine = make_engine(setup.state_url)
    upgrade(engine)
    engine.dispose()
    setup.store().close()
    get_settings.cache_clear()
    yield setup
    get_settings.cache_clear()


def invoke(*args: str) -> tuple[int, str, str]:
    app = typer.Typer()
    app.command("reconcile")(reconcile_command)
    app.command("other")(lambda: None)  # two commands: "reconcile" is a subcommand, as in the CLI
    result = CliRunner().invoke(app, ["reconcile", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_clean_run_exits_zero_and_shows_the_summary(env: Env) -> None:
    code, out, err = invoke()
    assert code == 0, err
    assert "applied" in out and "create" in out
    store = env.store()
    assert [a.student_id for a in store.all_accounts()] == ["0440001", "0440002", "0440003"]
    store.close()


def test_dry_run_writes_every_planned_change_to_the_report(env: Env) -> None:
    store = env.store()
    store.create_unclaimed([AccountNames("0440002", "Paxton", "Whitlock")])
    report = env.root / "plan.csv"

    code, out, err = invoke("--dry-run", "--report", str(report))

    assert code == 0, err
    assert f"3 rows in {report}" in out
    with report.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["kind"], r["student_id"]) for r in rows] == [
        ("create", "0440001"),
        ("create", "0440003"),
        ("update_names", "0440002"),
    ]
    assert rows[2]["old_first_name"] == "Paxton" and rows[2]["new_first_name"] == "Pax"
    assert rows[1]["new_first_name"] == "'=HYPERLINK(1)"  # a spreadsheet must not run it
    assert [a.first_name for a in store.all_accounts()] == ["Paxton"]  # nothing applied
    assert report.stat().st_mode & 0o077 == 0  # student data: readable by its owner only
    store.close()


def test_roster_problems_are_listed_and_make_the_exit_code_non_zero(env: Env) -> None:
    broken = env.roster([*STUDENTS, user_row(4, "Quin", "Abara", "0440004", enabled="maybe")], "r2")
    code, out, err = invoke("--roster", str(broken))
    assert code == 1
    assert f"roster problem: {broken / 'users.csv'}:5 (field enabledUser)" in err
    assert "0440004" not in err  # where, never who


def test_a_roster_of_malformed_ids_counts_them_the_same_everywhere_and_exits_one(
    env: Env,
) -> None:
    # Issue 17: "roster_problem 4910" in the table and "roster problems: 0" under it, exit 0.
    bad = [user_row(n, "Quin", f"Abara{n}", f"44{n:05d}") for n in range(1, 6)]
    code, out, err = invoke("--dry-run", "--roster", str(env.roster(bad, "bad-ids")))
    assert code == 1, (out, err)
    assert re.search(r"roster_problem\W+5\b", out), out
    assert "roster problems: 5" in out
    assert "roster problem: 5 students' records cannot be used" in err
    assert "4400001" not in err  # counted, never listed


def test_a_tripped_safety_floor_exits_non_zero_and_applies_nothing(env: Env) -> None:
    assert invoke()[0] == 0
    short = env.roster(STUDENTS[:1], "short")  # two of three students vanished
    code, out, err = invoke("--roster", str(short))
    assert code == 1
    assert "safety floor tripped: active students fell from 3 to 1" in err
    assert "floor_tripped" in out


def test_an_unusable_roster_exits_two(env: Env) -> None:
    code, _, err = invoke("--roster", str(env.root / "nowhere"))
    assert code == 2
    assert "not a OneRoster CSV directory or .zip export" in err


def test_another_run_in_progress_exits_three(env: Env) -> None:
    engine = make_engine(env.state_url)
    with make_sessions(engine).begin() as s:
        now = datetime.now(UTC)
        assert repo.acquire_lease(s, LEASE, "beat-worker", now, timedelta(minutes=30))
    engine.dispose()
    code, _, err = invoke()
    assert code == 3 and "another reconciliation is running" in err
