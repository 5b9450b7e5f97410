"""Configuration models for the account store (the identity portal's accounts)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SqlAccountsConfig(BaseModel):
    """The portal's account table reached through SQLAlchemy."""

    kind: Literal["sql"] = "sql"
    url: str = Field("sqlite:///var/accounts.db", description="SQLAlchemy URL of the account store")
    password_history_days: int = Field(
        90, description="a password used within this many days is refused"
    )
