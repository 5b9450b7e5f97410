"""The Alembic migrations build exactly the tables ``worker/db/tables.py`` declares."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from worker.db.migrate import alembic_config, current, upgrade
from worker.db.session import make_engine
from worker.db.tables import Base

from .conftest import postgres_schema

RECONCILE_TABLES = {"reconcile_runs", "roster_snapshots", "reconcile_missing"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/state.db"
        return
    with postgres_schema("migration_test") as url:
        yield url


def test_migrated_schema_matches_the_table_classes(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        assert current(engine) == head(engine)
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            tables = set(inspect(conn).get_table_names())
        assert differences == []
        assert tables >= RECONCILE_TABLES
    finally:
        engine.dispose()


def head(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def test_the_reconcile_migration_downgrades_and_upgrades_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.begin() as conn:
            config = alembic_config(engine)
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
        with engine.connect() as conn:
            assert not RECONCILE_TABLES & set(inspect(conn).get_table_names())
        upgrade(engine)
        assert current(engine) == head(engine)
    finally:
        engine.dispose()
