"""Configuration models for the help-desk connectors; ``kind`` selects the connector."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator


class RTConfig(BaseModel):
    """Request Tracker 5 over REST2."""

    kind: Literal["rt"] = "rt"
    base_url: str = Field(
        "http://127.0.0.1:8080", description="RT's web root (REST2 lives under /REST/2.0)"
    )
    token: SecretStr | None = Field(None, description="REST2 auth token (preferred)")
    token_file: Path | None = Field(
        None, description="file holding the REST2 token, read at start (when TOKEN is unset)"
    )
    username: str | None = Field(None, description="basic-auth user when no token is set")
    password: SecretStr | None = Field(None, description="basic-auth password")
    queue: str = Field("Instructional Technology", description="queue holding reset requests")
    mark_field: str = Field("Worker State", description="Select custom field for the worker's mark")
    timeout_seconds: float = Field(10.0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=100, description="tickets per search page (RT caps at 100)"
    )

    @field_validator("token_file", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # compose's ${TICKETWORKER_HELPDESK__TOKEN_FILE:-} passes an empty string when unset.
        return None if value == "" else value


class DemoHelpdeskConfig(BaseModel):
    """The built-in demo help-desk: tickets in a local directory, no server needed."""

    kind: Literal["demo"] = "demo"
    path: Path = Field(Path("var/demo-helpdesk"), description="directory holding the demo tickets")
    category: str = Field("Instructional Technology", description="category the worker takes")
