"""Migrations 0003-0004: the schema it builds is the one the tables describe, and it goes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from worker.db.migrate import current, upgrade
from worker.db.session import make_engine
from worker.db.tables import Base


def differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def check(engine: Engine) -> None:
    upgrade(engine)
    assert current(engine) == "0005"
    assert differences(engine) == []
    upgrade_down(engine, "0003")
    tables = set(inspect(engine).get_table_names())
    assert "technicians" in tables and not {"console_sessions", "login_failures"} & tables
    upgrade_down(engine, "0002")
    assert "technicians" not in inspect(engine).get_table_names()
    assert "asks_requester" not in {c["name"] for c in inspect(engine).get_columns("decisions")}
    upgrade(engine)
    assert differences(engine) == []


def upgrade_down(engine: Engine, revision: str) -> None:
    from alembic import command

    from worker.db.migrate import alembic_config

    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/state.db")
    try:
        check(engine)
    finally:
        engine.dispose()


@pytest.mark.integration
def test_postgresql(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    try:
        check(engine)
    finally:
        engine.dispose()
