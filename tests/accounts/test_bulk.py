"""Bulk operations for the roster reconciliation: right effects, one statement per batch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select
from sqlalchemy.exc import DataError, IntegrityError

from connectors.accounts._tables import accounts
from connectors.accounts.base import AccountNames, AccountSummary
from connectors.accounts.sql import SqlAccountStore

from .conftest import ANSWERS, MARA, StoreFactory


def roster(count: int, start: int = 100000) -> list[AccountNames]:
    return [AccountNames(f"0{start + n:06d}", f"First{n}", f"Last-{n}") for n in range(count)]


@contextmanager
def statements(store: SqlAccountStore) -> Iterator[list[str]]:
    """Every SQL statement the store sends, first word upper-cased (INSERT, UPDATE, ...)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement.split(None, 1)[0].upper())

    event.listen(store._engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store._engine, "before_cursor_execute", record)


def count_accounts(store: SqlAccountStore) -> int:
    with store._begin() as conn:
        return conn.execute(select(func.count()).select_from(accounts)).scalar_one()


def test_create_unclaimed_one_insert_per_batch_and_existing_ids_left_alone(
    make_store: StoreFactory,
) -> None:
    store = make_store(batch_size=400)
    with statements(store) as sent:
        assert store.create_unclaimed(roster(1001)) == 1001
    assert sent.count("INSERT") == 3  # 400 + 400 + 201

    assert store.claim("0100000", "First0", "Last-0", ANSWERS, "claimed-Pass1").ok
    overlapping = [AccountNames("0100000", "Changed", "Name"), *roster(5, start=200000)]
    assert store.create_unclaimed(overlapping) == 5
    kept = store.lookup("0100000")
    assert kept is not None and kept.claimed and kept.first_name == "First0"
    assert count_accounts(store) == 1006


def test_all_accounts_streams_everything_in_id_order(make_store: StoreFactory) -> None:
    store = make_store(batch_size=100)
    records = roster(350)
    store.create_unclaimed(reversed(records))
    store.disable([records[7].student_id])

    streamed = list(store.all_accounts())

    assert [a.student_id for a in streamed] == sorted(r.student_id for r in records)
    assert streamed[7] == AccountSummary(
        records[7].student_id, records[7].first_name, records[7].last_name, False, True
    )
    assert sum(a.disabled for a in streamed) == 1


def test_update_names_one_update_per_batch(make_store: StoreFactory) -> None:
    store = make_store(batch_size=2)
    store.create_unclaimed(roster(5))
    changes = [
        AccountNames("0100001", "Renamed", "O'Brien-Smith"),
        AccountNames("0100002", "Jo Ann", "Lee"),
        AccountNames("0100003", "Kai", "Lee"),
        AccountNames("0999999", "Nobody", "Here"),  # not an account: not counted
    ]
    with statements(store) as sent:
        assert store.update_names(changes) == 3
    assert sent.count("UPDATE") == 2

    names = {a.student_id: (a.first_name, a.last_name) for a in store.all_accounts()}
    assert names["0100001"] == ("Renamed", "O'Brien-Smith")
    assert names["0100002"] == ("Jo Ann", "Lee")
    assert names["0100000"] == ("First0", "Last-0"), "accounts not named are untouched"
    assert names["0100004"] == ("First4", "Last-4")
    assert "0999999" not in names


def test_disable_and_enable_count_changes(make_store: StoreFactory) -> None:
    store = make_store(batch_size=3)
    store.create_unclaimed(roster(10))
    ids = [f"0{100000 + n:06d}" for n in range(7)]
    with statements(store) as sent:
        assert store.disable(ids) == 7
    assert sent.count("UPDATE") == 3
    assert store.disable(ids[:2]) == 0, "already disabled"
    assert store.enable([ids[0], "0999999"]) == 1
    disabled = [a.student_id for a in store.all_accounts() if a.disabled]
    assert disabled == ids[1:]


@pytest.mark.parametrize(
    "bad",
    [
        AccountNames("123456", "A", "B"),
        AccountNames("O123456", "A", "B"),
        AccountNames("0123456", "  ", "B"),
        AccountNames("0123456", "A", "B" * 101),
    ],
)
def test_a_bad_record_stops_the_whole_call_before_writing(
    make_store: StoreFactory, bad: AccountNames
) -> None:
    store = make_store(batch_size=2)
    with pytest.raises(ValueError, match="record 4"):
        store.create_unclaimed([*roster(4), bad])
    assert count_accounts(store) == 0
    with pytest.raises(ValueError, match="student ID"):
        store.disable(["0100000", "12345"])


def test_repeated_ids_must_agree(make_store: StoreFactory) -> None:
    store = make_store()
    assert store.create_unclaimed([MARA, MARA]) == 1
    with pytest.raises(ValueError, match="repeated"):
        store.update_names([MARA, AccountNames(MARA.student_id, "Mara", "O'Donnell")])


@pytest.mark.parametrize("student_id", ["123456", "O123456", "01234567", "012345a"])
def test_the_database_itself_refuses_a_malformed_id(
    make_store: StoreFactory, student_id: str
) -> None:
    """The CHECK constraint (and on PostgreSQL the column length) guards the table against
    writers that skip the Python checks."""
    store = make_store()
    row = {"student_id": student_id, "first_name": "A", "last_name": "B", "claimed": False}
    row |= {"disabled": False, "created_at": store._now(), "updated_at": store._now()}
    with pytest.raises((IntegrityError, DataError)), store._engine.begin() as conn:
        conn.execute(insert(accounts).values(**row))
