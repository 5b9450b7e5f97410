"""The contract-suite harness for the ``sql`` store, on real PostgreSQL (a schema per test)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, insert, select, text, update
from sqlalchemy.exc import OperationalError

from connectors.accounts._tables import accounts, challenge_answers
from connectors.accounts.base import AccountNames, AccountStore
from connectors.accounts.sql import SqlAccountStore

from .conftest import FAST_POLICY
from .store_harness import ANSWERS, StoredState, StoreHarness


class SqlHarness:
    kind = "sql"
    read_back_decides = False  # one transaction: a lost COMMIT answer is a TransientError

    def __init__(self, engine: Engine, schema: str) -> None:
        self._engine = engine
        self._schema = schema
        self._stores: list[SqlAccountStore] = []
        self._main = self._new_store(engine)
        self._main.create_schema()

    def _new_store(self, engine: Engine) -> SqlAccountStore:
        store = SqlAccountStore(engine, schema=self._schema, policy=FAST_POLICY)
        self._stores.append(store)
        return store

    def _url(self) -> str:
        return self._engine.url.render_as_string(hide_password=False)

    def store(self) -> AccountStore:
        return self._main

    def create_directly(self, records: Sequence[AccountNames]) -> None:
        now = self._main._now()
        rows = [
            {
                "student_id": r.student_id,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "claimed": False,
                "disabled": False,
                "created_at": now,
                "updated_at": now,
            }
            for r in records
        ]
        with self._connect() as conn:
            conn.execute(insert(accounts), rows)

    def portal_claim(self, student: AccountNames, password: str) -> None:
        # The SQL store is the portal's own database: its claim is the portal's claim.
        outcome = self._main.claim(
            student.student_id, student.first_name, student.last_name, ANSWERS, password
        )
        assert outcome.ok, outcome

    def read_directly(self, student_id: str) -> StoredState | None:
        with self._connect() as conn:
            row = conn.execute(
                select(accounts).where(accounts.c.student_id == student_id)
            ).one_or_none()
            answers = conn.execute(
                select(func.count())
                .select_from(challenge_answers)
                .where(challenge_answers.c.student_id == student_id)
            ).scalar_one()
        if row is None:
            return None
        return StoredState(row.first_name, row.last_name, row.claimed, row.disabled, answers > 0)

    def signs_in(self, student_id: str, password: str) -> bool:
        return self._main.log_in(student_id, password)

    def disable_directly(self, student_id: str) -> None:
        with self._connect() as conn:
            conn.execute(
                update(accounts).where(accounts.c.student_id == student_id).values(disabled=True)
            )

    def store_with_refused_credentials(self) -> AccountStore:
        url = self._engine.url.set(username=f"no_such_role_{uuid.uuid4().hex[:6]}")
        store = SqlAccountStore.from_url(url.render_as_string(hide_password=False))
        self._stores.append(store)
        return store

    def store_with_server_down(self) -> AccountStore:
        url = self._engine.url.set(port=1, query={"connect_timeout": "2"})
        store = SqlAccountStore.from_url(url.render_as_string(hide_password=False))
        self._stores.append(store)
        return store

    @contextmanager
    def answer_lost_on_next_write(self) -> Iterator[AccountStore]:
        """COMMIT reaches the server, then the client sees the connection fail."""
        lost = {"armed": True}

        def commit_then_fail(conn: Any) -> None:
            if not lost["armed"]:
                return
            lost["armed"] = False
            conn.connection.dbapi_connection.commit()
            raise OperationalError("COMMIT", None, ConnectionResetError("answer lost"))

        event.listen(self._engine, "commit", commit_then_fail)
        try:
            yield self._main
        finally:
            event.remove(self._engine, "commit", commit_then_fail)
        assert not lost["armed"], "the store wrote nothing: no answer was lost"

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        with self._engine.begin() as conn:
            conn.execute(text(f'SET LOCAL search_path TO "{self._schema}"'))
            yield conn

    def close(self) -> None:
        for store in self._stores:
            store.close()


def sql_harness(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    engine: Engine = request.getfixturevalue("postgres_engine")
    schema = f"contract_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    harness = SqlHarness(engine, schema)
    try:
        yield harness
    finally:
        harness.close()
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
