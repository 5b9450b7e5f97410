"""Configuration models for the roster sources; ``kind`` selects the source."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr


class OneRosterCsvConfig(BaseModel):
    """A OneRoster 1.1 CSV export: a directory or a bulk-export .zip."""

    kind: Literal["oneroster_csv"] = "oneroster_csv"
    path: Path = Field(
        Path(__file__).resolve().parent.parent.parent / "worker" / "samples" / "roster",
        description="directory or .zip of the OneRoster CSV export",
    )


class OneRosterRestConfig(BaseModel):
    """A OneRoster 1.1/1.2 REST API (Infinite Campus and others) with OAuth 2 client credentials."""

    kind: Literal["oneroster_rest"] = "oneroster_rest"
    base_url: str = Field(..., description="API root, e.g. https://sis.example/ims/oneroster/v1p1")
    token_url: str = Field(..., description="OAuth 2 token endpoint")
    client_id: str = Field(..., description="OAuth 2 client id")
    client_secret: SecretStr = Field(..., description="OAuth 2 client secret")
    page_size: int = Field(1000, ge=1, description="records per page (limit)")
    timeout_seconds: float = Field(30.0, description="connect and read timeout per request")
    users_endpoint: Literal["users", "students"] = Field(
        "users", description="collection to read people from: all users, or students only"
    )
    users_filter: str = Field(
        "", description="OneRoster filter expression for users, e.g. role='student' (empty: none)"
    )
    scope: str = Field("", description="OAuth 2 scope to request (OneRoster 1.2 needs one)")
    max_pages: int = Field(1000, ge=1, description="stop with an error past this many pages")
