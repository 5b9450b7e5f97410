"""The REST source gives the same records as the CSV source for the same roster data."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from connectors.roster.base import Roster, UserRecord
from connectors.roster.oneroster_csv import OneRosterCsvSource
from connectors.roster.oneroster_rest import OneRosterRestSource

from .oneroster_server import OneRosterState
from .roster_data import as_v1p2, write_csv_export


def _without_origin(users: Sequence[UserRecord]) -> list[UserRecord]:
    # Only where a record came from may differ ("users.csv:7" against "/users:6").
    return [dataclasses.replace(user, origin="") for user in users]


def _csv_roster(tmp_path: Path, state: OneRosterState) -> Roster:
    return OneRosterCsvSource(write_csv_export(tmp_path / "export", state.orgs, state.users)).load()


@pytest.mark.parametrize("page_size", [1, 7, 10, 49, 1000])
def test_rest_and_csv_give_equal_records(
    tmp_path: Path,
    state: OneRosterState,
    make_source: Callable[..., OneRosterRestSource],
    page_size: int,
) -> None:
    from_csv = _csv_roster(tmp_path, state)
    from_rest = make_source(page_size=page_size).load()

    assert len(from_rest.users) == len(state.users) == 49
    assert list(from_rest.orgs) == list(from_csv.orgs)
    assert _without_origin(from_rest.users) == _without_origin(from_csv.users)
    assert from_rest.issues == () and from_csv.issues == ()
    # The data covers the states reconciliation cares about, so equality means something.
    assert {u.status for u in from_rest.users} == {"active", "tobedeleted"}
    assert {u.enabled for u in from_rest.users} == {True, False}
    assert all(u.identifier.startswith("0") for u in from_rest.users if u.is_student)


def test_oneroster_1p2_shape_gives_the_same_records(
    tmp_path: Path, state: OneRosterState, make_source: Callable[..., OneRosterRestSource]
) -> None:
    from_csv = _csv_roster(tmp_path, state)
    state.users = [as_v1p2(user) for user in state.users]
    assert isinstance(state.users[0]["enabledUser"], bool) and "role" not in state.users[0]

    from_rest = make_source().load()

    assert _without_origin(from_rest.users) == _without_origin(from_csv.users)
    assert from_rest.issues == ()


def test_broken_rows_are_reported_alike(
    tmp_path: Path, state: OneRosterState, make_source: Callable[..., OneRosterRestSource]
) -> None:
    state.users[3]["identifier"] = ""  # a student without a student number
    state.users[12]["enabledUser"] = "maybe"
    state.users[20]["role"] = "principal"
    from_csv = _csv_roster(tmp_path, state)

    from_rest = make_source().load()

    assert [i.field for i in from_rest.issues] == [i.field for i in from_csv.issues]
    assert [i.field for i in from_rest.issues] == ["identifier", "enabledUser", "role"]
    assert _without_origin(from_rest.users) == _without_origin(from_csv.users)
    assert len(from_rest.users) == len(state.users) - 3
