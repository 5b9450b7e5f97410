"""The state database going away is a temporary failure: the task retries, and says why.

Real PostgreSQL errors: a server that refuses connections (stopped), and a backend
terminated in the middle of a step's transaction (a restart, ``pg_terminate_backend``).
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from connectors.errors import TransientError
from worker import tasks
from worker.db.session import make_engine, make_sessions
from worker.db.tables import TicketState

from .conftest import World
from .test_failures import _file
from .test_pipeline import ticket_row

pytestmark = pytest.mark.integration

# Nothing listens on port 1 of loopback: the connection is refused, as by a stopped server.
STOPPED_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/ticketworker"


class Retry(Exception):
    pass


def _task(retried: dict[str, Any]) -> Any:
    def retry(**kwargs: Any) -> Exception:
        retried.update(kwargs)
        return Retry()

    return SimpleNamespace(request=SimpleNamespace(retries=0), retry=retry)


def _run_with(
    world: World, monkeypatch: pytest.MonkeyPatch, step: str, ident: int
) -> dict[str, Any]:
    monkeypatch.setattr(tasks, "pipeline", lambda: world.pipeline)
    retried: dict[str, Any] = {}
    with pytest.raises(Retry):
        tasks._run(_task(retried), step, ident)
    return retried


def test_a_stopped_state_database_is_retried_with_a_reason(
    pg_world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    world = pg_world
    tid = _file(world)
    world.pipeline.poll_once()
    ((_step, row_id),) = world.dispatch.queue
    working = world.pipeline.sessions
    stopped = make_engine(STOPPED_POSTGRES)
    world.pipeline.sessions = make_sessions(stopped)
    with caplog.at_level(logging.WARNING, logger="worker.tasks"):
        retried = _run_with(world, monkeypatch, "process", row_id)
    stopped.dispose()
    assert isinstance(retried["exc"], TransientError)
    assert "state database unreachable" in str(retried["exc"])
    assert "SELECT" not in str(retried["exc"]), "never the statement (it may hold data)"
    assert 1 <= retried["countdown"] <= 10
    (message,) = [r.getMessage() for r in caplog.records]
    assert f"process {row_id}: the state database is unreachable" in message
    assert "Connection refused" in message and "retrying in" in message
    assert "TICKETWORKER_DATABASE_URL" in message
    world.pipeline.sessions = working  # PostgreSQL is back: the retry does the work
    world.pipeline.process(row_id)
    assert ticket_row(world, tid).state == TicketState.RESETTING


def test_a_backend_terminated_mid_step_is_retried(
    pg_world: World, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    world = pg_world
    tid = _file(world)
    world.pipeline.poll_once()
    ((_step, row_id),) = world.dispatch.queue
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    desk = world.desk

    class TerminatingDesk:
        """Reading the ticket takes long enough for an administrator to restart PostgreSQL."""

        def __getattr__(self, name: str) -> Any:
            return getattr(desk, name)

        def fetch(self, ticket_id: str) -> Any:
            with admin.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            return desk.fetch(ticket_id)

    # The claim's connection goes back to the pool alive; the next transaction takes it
    # and finds it dead only in the middle of its first statement.
    engine = world.pipeline.sessions.kw["bind"]
    engine.pool._pre_ping = False  # a pre-ping would hide the fault by reconnecting
    world.pipeline.helpdesk = TerminatingDesk()
    try:
        retried = _run_with(world, monkeypatch, "process", row_id)
    finally:
        engine.pool._pre_ping = True
        admin.dispose()
    assert "state database unreachable" in str(retried["exc"])
    world.pipeline.helpdesk = desk
    world.dispatch.queue.clear()
    world.pipeline.process(row_id)  # the retry, after the restart
    world.dispatch.drain(world.pipeline)
    assert ticket_row(world, tid).state == TicketState.RESOLVED


def test_a_bug_in_the_sql_is_not_retried(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def reset(self, ident: int) -> None:
            raise IntegrityError("INSERT ...", {}, Exception("duplicate key"))

    monkeypatch.setattr(tasks, "pipeline", Broken)
    with pytest.raises(IntegrityError):
        tasks._run(_task({}), "reset", 7)
