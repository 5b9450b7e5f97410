"""Configuration models for the account store (the identity portal's accounts)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class SqlAccountsConfig(BaseModel):
    """The portal's account table reached through SQLAlchemy."""

    model_config = ConfigDict(populate_by_name=True)

    kind: Literal["sql"] = "sql"
    url: str = Field(
        "sqlite:///var/accounts.db",
        description="SQLAlchemy URL of the account store",
        repr=False,  # may carry a password
    )
    schema_name: str | None = Field(
        None, alias="schema", description="PostgreSQL schema holding the portal's tables"
    )
    password_history_days: int = Field(
        90, description="a password used within this many days is refused"
    )
