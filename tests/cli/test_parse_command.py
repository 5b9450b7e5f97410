"""``ticketworker parse`` as a user runs it: stdout carries only JSON, errors name the place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROSTER_ORGS = (
    "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
    "d1,active,2026-01-01T00:00:00Z,District,district,1,\n"
    "s1,active,2026-01-01T00:00:00Z,School One,school,2,d1\n"
)
ROSTER_USERS = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
    "u1,active,2026-01-01T00:00:00Z,true,s1,student,al,,Ana,Lima,,0400001,al@k.example,,,,05,\n"
    "t1,active,2026-01-01T00:00:00Z,true,s1,teacher,tt,,Tom,Teach,,9001,tom@d.example,,,,,\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "ticketworker"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)


def make_roster(tmp: Path, users: str = ROSTER_USERS) -> Path:
    roster = tmp / "roster"
    roster.mkdir()
    (roster / "orgs.csv").write_text(ROSTER_ORGS)
    (roster / "users.csv").write_text(users)
    return roster


def ticket(tmp: Path, name: str, **fields: object) -> Path:
    data = {
        "id": name,
        "subject": "reset",
        "requester": "tom@d.example",
        "content_type": "text/plain",
        "body": "Please reset Ana Lima 0400001",
        **fields,
    }
    path = tmp / f"{name}.json"
    path.write_text(json.dumps(data))
    return path


def test_one_json_object_per_ticket_in_order(tmp_path: Path) -> None:
    roster = make_roster(tmp_path)
    a = ticket(tmp_path, "A-1")
    b = ticket(tmp_path, "B-2", body="The projector is broken")
    proc = run("parse", "--roster", str(roster), str(a), str(b))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["ticket_id"] for x in lines] == ["A-1", "B-2"]
    assert lines[0]["students"][0]["status"] == "ready"
    assert lines[1]["reset_request"] is False


def test_broken_ticket_is_reported_and_others_still_parsed(tmp_path: Path) -> None:
    roster = make_roster(tmp_path)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"id": "C-3",\n "body": oops}')
    missing = tmp_path / "missing.json"
    missing.write_text('{"subject": "x"}')
    wrong_type = ticket(tmp_path, "D-4", content_type="application/pdf")
    good = ticket(tmp_path, "E-5")
    proc = run(
        "parse", "--roster", str(roster), str(bad_json), str(missing), str(wrong_type), str(good)
    )
    assert proc.returncode != 0
    assert [json.loads(x)["ticket_id"] for x in proc.stdout.splitlines()] == ["E-5"]
    assert f"{bad_json}:2" in proc.stderr
    assert "field 'id'" in proc.stderr
    assert "D-4.json:1: field 'content_type'" in proc.stderr


def test_broken_roster_names_file_line_and_field(tmp_path: Path) -> None:
    roster = make_roster(tmp_path, ROSTER_USERS.replace("givenName,", "given,"))
    proc = run("parse", "--roster", str(roster), str(ticket(tmp_path, "A-1")))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "users.csv:1" in proc.stderr and "givenName" in proc.stderr


def test_bad_roster_row_is_reported_and_tickets_still_parsed(tmp_path: Path) -> None:
    dup = ROSTER_USERS + "u2,active,2026,true,s1,student,x,,Bo,Lima,,0400001,b@k.example,,,,05,\n"
    roster = make_roster(tmp_path, dup)
    proc = run("parse", "--roster", str(roster), str(ticket(tmp_path, "A-1")))
    assert proc.returncode == 1
    result = json.loads(proc.stdout)
    assert result["students"][0]["status"] == "review"  # the ID is held by two records
    assert "users.csv:4" in proc.stderr and "identifier" in proc.stderr
