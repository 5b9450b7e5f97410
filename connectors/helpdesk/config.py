"""Configuration models for the help-desk connectors; ``kind`` selects the connector."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr


class RTConfig(BaseModel):
    """Request Tracker 5 over REST2."""

    kind: Literal["rt"] = "rt"
    base_url: str = Field(
        "http://127.0.0.1:8080", description="RT's web root (REST2 lives under /REST/2.0)"
    )
    token: SecretStr | None = Field(None, description="REST2 auth token (preferred)")
    username: str | None = Field(None, description="basic-auth user when no token is set")
    password: SecretStr | None = Field(None, description="basic-auth password")
    queue: str = Field("Instructional Technology", description="queue holding reset requests")
    mark_field: str = Field("Worker State", description="Select custom field for the worker's mark")
    timeout_seconds: float = Field(10.0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=100, description="tickets per search page (RT caps at 100)"
    )


class DemoHelpdeskConfig(BaseModel):
    """The built-in demo help-desk: tickets in a local directory, no server needed."""

    kind: Literal["demo"] = "demo"
    path: Path = Field(Path("var/demo-helpdesk"), description="directory holding the demo tickets")
    category: str = Field("Instructional Technology", description="category the worker takes")


#: A GUID as Incident IQ writes them (site, user, ticket ids).
GUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class IncidentIQConfig(BaseModel):
    """Incident IQ (the K-12 help-desk) through its REST API v1.0, with an API token.

    The mark is two tags a district admin creates; tickets are taken from one issue category.
    """

    kind: Literal["incidentiq"] = "incidentiq"
    base_url: str = Field(
        "https://district.incidentiq.com",
        description="the district's Incident IQ address (the API lives under /api/v1.0)",
    )
    token: SecretStr = Field(
        description="API token (Admin > Developer Tools), created for the API user below"
    )
    site_id: str = Field(
        pattern=GUID_PATTERN, description="Site Id GUID (Admin > Developer Tools > Site Info)"
    )
    api_user_id: str = Field(
        pattern=GUID_PATTERN,
        description="UserId GUID of the account the token was created for (author of posts)",
    )
    product_id: str = Field(
        "88df910c-91aa-e711-80c2-0004ffa00010",
        pattern=GUID_PATTERN,
        description="ProductId header: the Ticketing product (the default is Incident IQ's own)",
    )
    category: str = Field(
        "Instructional Technology", description="issue category whose tickets the worker takes"
    )
    needs_review_tag: str = Field(
        "ticketworker-needs-review", description="tag marking a ticket for a technician's review"
    )
    done_tag: str = Field(
        "ticketworker-done", description="tag marking a ticket the worker finished"
    )
    timeout_seconds: float = Field(10.0, gt=0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=100, description="tickets per search page (Incident IQ caps $s at 100)"
    )
