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


class ZendeskConfig(BaseModel):
    """Zendesk Support over its REST API v2, with an API token or an OAuth access token.

    The worker takes the open tickets of one group (most districts route "Instructional
    Technology" requests to a group), optionally narrowed to one value of a drop-down ticket
    field, and marks them with tags.
    """

    kind: Literal["zendesk"] = "zendesk"
    base_url: str = Field(
        "https://yourdistrict.zendesk.com", description="the Zendesk account's URL (no /api/v2)"
    )
    email: str | None = Field(None, description="agent e-mail the API token belongs to")
    api_token: SecretStr | None = Field(None, description="API token (Admin Center > Apps > API)")
    oauth_token: SecretStr | None = Field(
        None, description="OAuth access token (scopes tickets:read tickets:write users:read "
        "read), used instead of email and api_token"
    )  # fmt: skip
    group: str = Field("Instructional Technology", description="group holding reset requests")
    category_field_id: int | None = Field(
        None, description="drop-down ticket field that names the category (optional)"
    )
    category_value: str | None = Field(
        None, description="tag of that field's option the worker takes (with category_field_id)"
    )
    mark_tag_prefix: str = Field(
        "ticketworker_", description="prefix of the mark tags (<prefix>needs_review, <prefix>done)"
    )
    timeout_seconds: float = Field(10.0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=1000, description="tickets per search page (Zendesk caps export at 1000)"
    )
    min_rate_remaining: int = Field(
        10, ge=0, description="below this X-Rate-Limit-Remaining, calls are spread out"
    )
    help_center_sign_in_required: bool = Field(
        False,
        description="the Help Center takes requests from signed-in users only; otherwise "
        "web-form tickets are checked like e-mail (anyone can type an address)",
    )


class ZammadConfig(BaseModel):
    """Zammad over its REST API v1, with an agent's access token.

    The worker takes the open tickets of one group and marks them with tags.  Listing uses
    Zammad's ticket search, so the instance needs its Elasticsearch index (the default set-up).
    """

    kind: Literal["zammad"] = "zammad"
    base_url: str = Field(
        "https://helpdesk.yourdistrict.example", description="Zammad's URL (no /api/v1)"
    )
    token: SecretStr | None = Field(
        None, description="access token of the API agent (Profile > Token Access, ticket.agent)"
    )
    group: str = Field("Instructional Technology", description="group holding reset requests")
    mark_tag_prefix: str = Field(
        "ticketworker_", description="prefix of the mark tags (<prefix>needs_review, <prefix>done)"
    )
    timeout_seconds: float = Field(10.0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=200, description="tickets per search page (Zammad caps search at 200)"
    )


class FreshserviceConfig(BaseModel):
    """Freshservice (API v2): tickets of one category, the mark in a custom dropdown field."""

    kind: Literal["freshservice"] = "freshservice"
    base_url: str = Field(
        "https://yourdistrict.freshservice.com", description="the account's Freshservice URL"
    )
    api_key: SecretStr | None = Field(
        None, description="API key of the agent the worker acts as (Profile settings)"
    )
    category: str = Field(
        "Instructional Technology", description="ticket category holding reset requests"
    )
    mark_field: str = Field(
        "ticketworker_state",
        description="API name of the custom dropdown field for the worker's mark "
        "(choices: needs-review, done)",
    )
    timeout_seconds: float = Field(10.0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=100, description="tickets per filter page (Freshservice caps at 100)"
    )


class JiraServiceManagementConfig(BaseModel):
    """Jira Service Management Cloud: requests of one request type, the mark as a label."""

    kind: Literal["jira_service_management"] = "jira_service_management"
    base_url: str = Field(
        "https://yourdistrict.atlassian.net", description="the Atlassian site's URL"
    )
    email: str = Field("", description="e-mail address of the Atlassian account the worker uses")
    api_token: SecretStr | None = Field(
        None, description="API token of that account (id.atlassian.com, Security, API tokens)"
    )
    project: str = Field("ITS", description="key of the service project holding reset requests")
    request_type: str = Field(
        "Instructional Technology", description="request type (its name) the worker takes"
    )
    mark_label_prefix: str = Field(
        "ticketworker-",
        description="labels for the worker's mark: the prefix plus needs-review or done",
    )
    resolve_transition: str = Field(
        "",
        description="name of the workflow transition that resolves a request "
        "(empty: the first one into the Done category)",
    )
    timeout_seconds: float = Field(10.0, description="connect and read timeout per request")
    page_size: int = Field(
        100, ge=1, le=100, description="issues per search page (Jira caps at 100 with fields)"
    )


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
