"""``ticketworker init`` and ``ticketworker check`` as a technician runs them: real commands."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis
from pydantic import SecretStr

from connectors.helpdesk.config import RTConfig
from connectors.helpdesk.rt import RTHelpDesk
from tests.cli.test_errors import failed, free_port, run
from tests.connectors.rt_support import RTOutside
from tests.helpers import need

REDIS_URL = "redis://127.0.0.1:6379/0"
SECRET = "s" * 40


def redis_here() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        need(False, f"Redis unavailable at {REDIS_URL}: {type(exc).__name__}")


def rows(proc: Any) -> dict[str, dict[str, Any]]:
    report = json.loads(proc.stdout)
    assert report["ok"] == (proc.returncode == 0)
    return {row["name"]: row for row in report["checks"]}


def test_init_creates_everything_once_and_says_so(tmp_path: Path) -> None:
    first = run(tmp_path, "init")
    assert first.returncode == 0, first.stderr[-2000:]
    assert "state database sqlite:///var/ticketworker.db: created (revision" in first.stdout
    assert "account store (sql) sqlite:///var/accounts.db: created tables portal_accounts" in (
        first.stdout
    )
    again = run(tmp_path, "init")
    assert again.returncode == 0
    assert "already at the latest revision" in again.stdout
    assert "tables already present" in again.stdout
    assert "created" not in again.stdout


@pytest.mark.integration
def test_check_fails_until_each_part_is_set_up_then_passes(tmp_path: Path) -> None:
    redis_here()
    env = {"TICKETWORKER_BROKER_URL": REDIS_URL}
    before = rows(run(tmp_path, "check", "--json", **env))
    assert not before["state database migrations"]["ok"]
    assert before["state database migrations"]["fix"] == "run `ticketworker init`"
    assert not before["account store tables"]["ok"]
    assert not before["console secret"]["ok"]
    assert before["broker reachable"]["ok"] and before["roster loads"]["ok"]
    assert "150 students (148 active)" in before["roster loads"]["detail"]

    assert run(tmp_path, "init", **env).returncode == 0
    middle = rows(run(tmp_path, "check", "--json", **env))
    assert middle["state database migrations"]["ok"] and middle["account store tables"]["ok"]
    # The empty store has no account for the roster's students: the dry lookup says so.
    known = middle["account store: a roster student's account"]
    assert not known["ok"] and "reconcile" in known["fix"]

    assert run(tmp_path, "reconcile", **env).returncode == 0
    env["TICKETWORKER_CONSOLE_SECRET"] = SECRET
    table = run(tmp_path, "check", **env)
    assert table.returncode == 0, table.stdout
    assert "all checks passed" in table.stdout and "✗" not in table.stdout
    assert SECRET not in table.stdout
    after = rows(run(tmp_path, "check", "--json", **env))
    assert all(row["ok"] for row in after.values())


@pytest.mark.integration
def test_check_names_the_broken_part_its_place_and_the_fix(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "reply.txt.j2").write_text("Hello,\n\n{% if reset %}\nno end\n")
    proc = run(
        tmp_path,
        "check",
        "--json",
        TICKETWORKER_BROKER_URL=f"redis://:broker-pass@127.0.0.1:{free_port()}/0",
        TICKETWORKER_TEMPLATES_DIR=str(templates),
        TICKETWORKER_ROSTER__PATH=str(tmp_path / "no-such-export"),
    )
    found = rows(proc)
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    broker = found["broker reachable"]
    assert not broker["ok"] and "redis://:***@127.0.0.1" in broker["detail"]
    assert "broker-pass" not in proc.stdout
    template = found["templates"]
    assert not template["ok"] and "reply.txt.j2 line 4" in template["detail"]
    roster = found["roster loads"]
    assert not roster["ok"] and "no-such-export" in roster["detail"]


# ---------------------------------------------------------------------- RT, for real
def rt_rows(config: RTConfig) -> dict[str, Any]:
    return {c.name: c for c in RTHelpDesk(config).self_check()}


@pytest.mark.rt
@pytest.mark.integration
def test_rt_self_check_passes_on_a_set_up_queue_with_a_ticket(
    rt_queue: RTConfig, rt_outside: RTOutside
) -> None:
    before = rt_rows(rt_queue)
    assert before["help-desk rights (see, reply, comment, modify)"].detail.startswith("not checked")
    rt_outside.file_ticket(rt_queue.queue, "Check", "Body", "text/plain", "t@school.example")
    found = rt_rows(rt_queue)
    assert all(c.ok for c in found.values()), found
    assert set(found) == {
        "help-desk credentials",
        "help-desk clock",
        "help-desk queue",
        "help-desk mark field",
        "help-desk rights (see, reply, comment, modify)",
        "help-desk time zone (TicketSQL dates in UTC)",
    }
    assert found["help-desk rights (see, reply, comment, modify)"].detail.startswith("read off")


@pytest.mark.rt
@pytest.mark.integration
def test_rt_self_check_names_what_is_wrong(rt_queue: RTConfig) -> None:
    bad_token = rt_queue.model_copy(update={"token": SecretStr("1-1-wrong")})
    (only,) = RTHelpDesk(bad_token).self_check()
    assert (only.name, only.ok) == ("help-desk credentials", False)
    assert "TICKETWORKER_HELPDESK__TOKEN" in only.fix and "1-1-wrong" not in only.detail

    no_queue = rt_queue.model_copy(update={"queue": f"Nowhere {uuid.uuid4().hex[:6]}"})
    queue = rt_rows(no_queue)["help-desk queue"]
    assert not queue.ok and "does not exist" in queue.detail

    no_field = rt_queue.model_copy(update={"mark_field": f"Missing {uuid.uuid4().hex[:6]}"})
    field = rt_rows(no_field)["help-desk mark field"]
    assert not field.ok and field.fix.startswith("run `ticketworker init`")


@pytest.mark.rt
@pytest.mark.integration
def test_init_sets_up_a_new_queue_in_rt_and_check_then_passes_for_it(
    tmp_path: Path, rt_env: dict[str, str]
) -> None:
    run_id = uuid.uuid4().hex[:8]
    env = {
        "TICKETWORKER_HELPDESK__KIND": "rt",
        "TICKETWORKER_HELPDESK__BASE_URL": rt_env["RT_URL"],
        "TICKETWORKER_HELPDESK__TOKEN": rt_env["RT_TOKEN"],
        "TICKETWORKER_HELPDESK__QUEUE": f"District Desk {run_id}",
        "TICKETWORKER_HELPDESK__MARK_FIELD": f"District Mark {run_id}",
    }
    proc = run(tmp_path, "init", **env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"created queue 'District Desk {run_id}'" in proc.stdout
    assert f"created custom field 'District Mark {run_id}'" in proc.stdout
    assert rt_env["RT_TOKEN"] not in proc.stdout + proc.stderr
    again = run(tmp_path, "init", **env)
    assert f"help-desk (rt) {rt_env['RT_URL']}: already set up" in again.stdout
    found = rows(run(tmp_path, "check", "--json", **env))
    for name in ("help-desk credentials", "help-desk queue", "help-desk mark field"):
        assert found[name]["ok"], found[name]
    # Polling the new queue works at once (no "unexpected RT answer" until set up by hand).
    polled = run(tmp_path, "poll", "--once", **env)
    assert polled.returncode == 0 and "polled: 0 waiting" in polled.stdout
    failed(run(tmp_path, "status", **env), 0)
