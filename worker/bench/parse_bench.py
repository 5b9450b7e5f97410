"""Benchmark of the parser: roster load time, tickets/s for parse + verify, peak memory.

Generates a OneRoster CSV roster (default 50,000 students) and tickets of varied shapes
(lists, prose, HTML tables, quoted replies, signatures, letter O, missing zeros, not-reset
tickets), then parses every ticket on one core.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from connectors.roster.oneroster_csv import write_oneroster_csv
from parsers import parse_ticket

from ..roster import load_roster_index

FIRST = (
    "Ava Liam Noah Emma Olivia Mateo Zoë José Mary-Jane Minh-Anh D'Andre Aaliyah Omar Chloé "
    "Ethan Sofia Lucas Mia Amir Priya Kenji Fatima Diego Ingrid Tariq Nia Oskar".split()
)
LAST = (
    "Smith Nguyen O'Brien García-López De-La-Cruz Okafor Brennan Oyelaran Kowalski Haddad "
    "Fischer Martínez Lee Park Rossi Dubois Schmidt Tanaka Mensah Novak Silva Ortiz".split()
)
SUFFIX = "son ley ton berg field wood stone man ford land".split()
SCHOOLS = 40
STAFF = 600
MODIFIED = "2026-08-01"


@dataclass
class Generated:
    roster_dir: Path
    tickets: list[dict[str, str]]


def _write_roster(path: Path, students: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Write the roster; return its students as (student ID, given, family, school)."""
    ids = rng.sample(range(100000, 999999), students)
    people: list[tuple[str, str, str, str]] = []
    for n, number in enumerate(ids):
        given = rng.choice(FIRST)
        family = rng.choice(LAST) + ("" if n % 3 else rng.choice(SUFFIX))
        people.append((f"0{number}", given, family, f"sch{n % SCHOOLS}"))
    write_oneroster_csv(path, _org_rows(), _user_rows(people))
    return people


def _org_rows() -> Iterator[dict[str, str]]:
    yield _org("dist", "Bench District", "district", "1")
    for s in range(SCHOOLS):
        yield _org(f"sch{s}", f"School {s}", "school", str(s), parent="dist")


def _org(
    sourced_id: str, name: str, kind: str, identifier: str, parent: str = ""
) -> dict[str, str]:
    return {
        "sourcedId": sourced_id,
        "status": "active",
        "dateLastModified": MODIFIED,
        "name": name,
        "type": kind,
        "identifier": identifier,
        "parentSourcedId": parent,
    }


def _user_rows(people: list[tuple[str, str, str, str]]) -> Iterator[dict[str, str]]:
    # Rows are made one at a time: the bench reports peak memory, which should be the parser's.
    common = {"dateLastModified": MODIFIED, "enabledUser": "true"}
    for n, (sid, given, family, school) in enumerate(people):
        yield common | {
            "sourcedId": f"s{n}",
            "status": "active" if n % 50 else "tobedeleted",
            "orgSourcedIds": school,
            "role": "student",
            "username": f"u{n}",
            "givenName": given,
            "familyName": family,
            "identifier": sid,
            "email": f"u{n}@k.example",
            "grades": "05",
        }
    for t in range(STAFF):
        yield common | {
            "sourcedId": f"t{t}",
            "status": "active",
            "orgSourcedIds": f"sch{t % SCHOOLS}",
            "role": "teacher",
            "username": f"t{t}",
            "givenName": "Teach",
            "familyName": f"Er{t}",
            "identifier": f"9{t:04d}",
            "email": f"t{t}@d.example",
        }


def _ticket(
    n: int, by_school: list[list[tuple[str, str, str, str]]], rng: random.Random
) -> dict[str, str]:
    school = rng.randrange(SCHOOLS)
    # Mostly the requester's own students; one ticket in ten names someone elsewhere.
    mine = rng.sample(by_school[school], rng.randint(1, 4))
    if n % 10 == 9:
        mine.append(rng.choice(by_school[(school + 1) % SCHOOLS]))
    kind = n % 8
    lines = [f"{g} {f} {sid}" for sid, g, f, _ in mine]
    if kind == 1:
        lines = [f"{f}, {g}\t{sid.replace('0', 'O', 1)}" for sid, g, f, _ in mine]
    elif kind == 2:
        rows = "".join(
            f"<tr><td>{g}</td><td>{f}</td><td>{sid[1:]}</td></tr>" for sid, g, f, _ in mine
        )
        body = (
            "<p>Please reset these students:</p><table><tr><th>First</th><th>Last</th>"
            f"<th>Student ID</th></tr>{rows}</table><p>Thanks,<br>Teacher<br>x4412</p>"
        )
        return _file(n, school, body, "text/html")
    elif kind == 3:
        lines = [f"Could you reset {g} {f}'s account? Her ID is {sid}." for sid, g, f, _ in mine]
    elif kind == 4:
        body = "The projector in room 12 is flickering again. Can someone look at it?\nThanks"
        return _file(n, school, body)
    elif kind == 5:
        lines.append("\nOn Mon, Sep 7, 2026 at 8:00 AM Someone <a@b> wrote:\n> old 0412345")
    body = (
        "Hi,\nPlease reset the students below, they forgot their challenge questions.\n\n"
        + "\n".join(lines)
        + "\n\nThank you,\nTeacher Person\nRoom 12 | (503) 555-0142 ext. 2214"
    )
    return _file(n, school, body)


def _file(n: int, school: int, body: str, content_type: str = "text/plain") -> dict[str, str]:
    return {
        "id": f"B-{n}",
        "subject": "Portal resets",
        "requester": f"t{school}@d.example",
        "content_type": content_type,
        "body": body,
    }


def generate(root: Path, students: int, tickets: int, seed: int = 7) -> Generated:
    rng = random.Random(seed)
    people = _write_roster(root / "roster", students, rng)
    by_school: list[list[tuple[str, str, str, str]]] = [[] for _ in range(SCHOOLS)]
    for person in people:
        by_school[int(person[3][3:])].append(person)
    return Generated(root / "roster", [_ticket(n, by_school, rng) for n in range(tickets)])


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(students: int = 50_000, tickets: int = 10_000) -> dict[str, float]:
    """Generate, load, parse; return the figures (seconds, tickets/s, MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        generated = generate(Path(tmp), students, tickets)
        started, cpu_started = time.perf_counter(), time.process_time()
        loaded = load_roster_index(generated.roster_dir)
        load_seconds = time.perf_counter() - started
        load_cpu = time.process_time() - cpu_started
        ready = review = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for t in generated.tickets:
            result = parse_ticket(
                t["id"],
                subject=t["subject"],
                body=t["body"],
                content_type=t["content_type"],
                requester=t["requester"],
                roster=loaded.index,
            )
            ready += len(result.ready)
            review += len(result.review)
        parse_seconds = time.perf_counter() - started
        parse_cpu = time.process_time() - cpu_started
    return {
        "students": students,
        "tickets": tickets,
        "roster_load_seconds": round(load_seconds, 3),
        "roster_load_cpu_seconds": round(load_cpu, 3),
        # Wall clock, and CPU time of this single-threaded process: the rate on one core
        # even when other programs share the machine.
        "tickets_per_second": round(tickets / parse_seconds, 1),
        "tickets_per_cpu_second": round(tickets / parse_cpu, 1),
        "ready_students": ready,
        "review_students": review,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
