"""Snapshots: stored with each run, read back whole, and the parser's roster built from them."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import update

from connectors.roster.base import Roster, RosterIssue, UserRecord
from parsers import RosterIndex, parse_ticket
from worker.db.tables import RosterSnapshotRow
from worker.reconcile.provider import SnapshotRoster
from worker.reconcile.snapshot import SnapshotError, decode_roster, encode_roster
from worker.roster import index_roster

from .conftest import ORGS, TEACHER, World, student

ROSA = student("0430001", "Rosa", "Quintero-Hale")
TOMAS = student("0430002", "Tomás", "Ruiz")


def roster_of(*users: UserRecord, issues: tuple[RosterIssue, ...] = ()) -> Roster:
    return Roster(ORGS, [TEACHER, *users], source="/exports/users.csv", issues=issues)


def test_a_snapshot_gives_back_exactly_the_roster_it_was_made_from() -> None:
    odd = dataclasses.replace(ROSA, org_ids=("org-s1", "org-s2"), middle_name="Ñ", grades="KG")
    roster = roster_of(odd, TOMAS, issues=(RosterIssue("users.csv", 7, "role", "bad role"),))
    encoded = encode_roster(roster)

    back = decode_roster(encoded.data, encoded.sha256)

    assert list(back.users) == list(roster.users)
    assert list(back.orgs) == list(roster.orgs)
    assert back.issues == roster.issues and back.source == roster.source
    assert (encoded.users, encoded.orgs) == (3, 2)
    assert encode_roster(roster) == encoded  # deterministic: same roster, same bytes


def test_a_large_roster_stays_small() -> None:
    users = [student(f"0{600000 + n}", "Ana", f"Lopez{n % 97}", line=n + 2) for n in range(20_000)]
    encoded = encode_roster(roster_of(*users))
    assert len(encoded.data) < 40 * len(users)  # bytes per student
    assert len(decode_roster(encoded.data).users) == 20_001


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_damaged_snapshot_is_refused(damage: str) -> None:
    encoded = encode_roster(roster_of(ROSA))
    data = bytearray(encoded.data)
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
    else:
        del data[-20:]
    with pytest.raises(SnapshotError):
        decode_roster(bytes(data), encoded.sha256)
    with pytest.raises(SnapshotError):
        decode_roster(bytes(data))  # no checksum given: gzip's own CRC or the counts catch it


def verify(index: RosterIndex, line: str) -> tuple[list[str], list[str]]:
    """(ready IDs, review IDs) when the teacher asks to reset ``line``."""
    result = parse_ticket(
        "T-1",
        subject="Portal reset",
        body=f"Please reset the challenge questions for:\n{line}\nThanks",
        content_type="text/plain",
        requester=TEACHER.email,
        roster=index,
    )
    ready = [s.student_id for s in result.ready]
    review = [s.student_id or "" for s in result.review]
    return ready, review


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_parser_verifies_against_the_latest_good_snapshot(world: World) -> None:
    fallback_calls: list[int] = []
    configured = index_roster(roster_of(ROSA)).index

    def fallback() -> RosterIndex:
        fallback_calls.append(1)
        return configured

    monotonic = Clock()
    released: list[int] = []
    provider = SnapshotRoster(
        world.sessions,
        fallback,
        check_seconds=10,
        monotonic=monotonic,
        release_fallback=lambda: released.append(1),
    )

    # No reconciliation yet: the configured source serves.
    assert provider() is configured and provider.snapshot_id is None and released == []

    renamed = dataclasses.replace(ROSA, given_name="Rosalind")
    world.roster.users = [renamed, TOMAS]
    world.reconcile()
    monotonic.now += 10
    index = provider()
    assert provider.snapshot_id is not None and len(fallback_calls) == 1
    assert released == [1]  # the configured roster's index can be freed
    assert verify(index, "Rosalind Quintero-Hale 0430001")[0] == ["0430001"]
    assert verify(index, "Tomás Ruiz 0430002")[0] == ["0430002"]
    assert provider() is index  # cached: not rebuilt while no newer snapshot exists

    # A dry run is not a good run: the parser keeps the applied roster.
    world.roster.users = [ROSA, TOMAS]  # the SIS went back to "Rosa"
    world.clock.advance(days=1)
    world.reconcile(dry_run=True)
    monotonic.now += 10
    assert provider() is index

    world.reconcile()
    assert provider() is index  # checked at most every check_seconds
    monotonic.now += 10
    newer = provider()
    assert newer is not index
    assert verify(newer, "Rosa Quintero-Hale 0430001")[0] == ["0430001"]
    assert verify(index, "Rosa Quintero-Hale 0430001")[0] == []


def test_an_unreadable_new_snapshot_keeps_the_roster_in_use(world: World) -> None:
    world.roster.users = [ROSA]
    world.reconcile()
    monotonic = Clock()
    provider = SnapshotRoster(world.sessions, lambda: pytest.fail("no fallback"), 0, monotonic)
    index = provider()
    world.roster.users = [ROSA, TOMAS]
    world.clock.advance(days=1)
    latest = world.reconcile().run_id
    with world.sessions.begin() as s:
        s.execute(
            update(RosterSnapshotRow)
            .where(RosterSnapshotRow.run_id == latest)
            .values(data=b"not gzip at all")
        )
    assert provider() is index


def test_the_wiring_serves_the_snapshot(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from worker.settings import Settings
    from worker.wiring import roster_provider

    world.roster.users = [ROSA, TOMAS]
    world.reconcile(grace=timedelta(0))
    settings = Settings(database_url=world.backend.state_url)  # roster source: the samples
    provider = roster_provider(settings, world.engine)
    assert isinstance(provider, SnapshotRoster)
    assert verify(provider(), "Tomás Ruiz 0430002")[0] == ["0430002"]
