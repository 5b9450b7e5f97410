"""Configuration models for the account store (the identity portal's accounts)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr


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


class PortalFieldNames(BaseModel):
    """Where the portal keeps its state on a cloud user (custom schema or extension fields).

    Each name is a field of the Google custom schema (``schema_name``), or the part after
    ``extension_<appId>_`` of an Entra directory extension attribute.  Multi-valued fields
    (answers, history, keys) must be created multi-valued.
    """

    claimed: str = Field("claimed", description="BOOL: the student has claimed the account")
    claimed_at: str = Field("claimedAt", description="STRING: when (ISO 8601)")
    challenge_answers: str = Field(
        "challengeAnswers", description="STRING, multi-valued: hashed challenge answers"
    )
    password_hash: str = Field(
        "passwordHash", description="STRING: hash of the current password (history rule)"
    )
    password_history: str = Field(
        "passwordHistory", description="STRING, multi-valued: hashes of recent passwords"
    )
    reset_keys: str = Field(
        "resetKeys", description="STRING, multi-valued: the last resets' idempotency keys"
    )
    last_reset_at: str = Field("lastResetAt", description="STRING: when it was last reset")

    def all_names(self) -> list[str]:
        return [
            self.claimed,
            self.claimed_at,
            self.challenge_answers,
            self.password_hash,
            self.password_history,
            self.reset_keys,
            self.last_reset_at,
        ]


class GoogleWorkspaceAccountsConfig(BaseModel):
    """Google Workspace users through the Admin SDK Directory API (service account + DWD)."""

    kind: Literal["google_workspace"] = "google_workspace"
    key_file: Path = Field(
        Path("/etc/ticketworker/google-service-account.json"),
        description="the service account's JSON key file (its token_uri is used)",
    )
    admin_email: str = Field(
        "", description="the admin the service account acts as (domain-wide delegation)"
    )
    customer: str = Field("my_customer", description="customer ID for users.list")
    api_url: str = Field("https://admin.googleapis.com", description="Directory API base URL")
    student_id_field: str = Field(
        "externalId",
        description="where the student ID is: 'externalId' (externalIds of external_id_type) "
        "or 'Schema.field' (a custom schema field)",
    )
    external_id_type: str = Field("organization", description="type of the externalIds entry")
    schema_name: str = Field("StudentPortal", description="custom schema holding portal state")
    fields: PortalFieldNames = Field(default_factory=PortalFieldNames)
    email_template: str = Field(
        "{student_id}@students.example.org", description="primaryEmail of created users"
    )
    org_unit_path: str = Field("/Students", description="organizational unit of created users")
    password_history_days: int = Field(90, description="a password used this recently is refused")
    max_pages: int = Field(1000, description="most users.list pages read in one listing")


class EntraAccountsConfig(BaseModel):
    """Microsoft Entra ID users through Microsoft Graph (client-credentials application)."""

    kind: Literal["entra"] = "entra"
    tenant_id: str = Field("", description="directory (tenant) ID")
    client_id: str = Field("", description="application (client) ID of ticketworker's app")
    client_secret: SecretStr = Field(SecretStr(""), description="a client secret of that app")
    authority: str = Field(
        "https://login.microsoftonline.com", description="token authority (national clouds)"
    )
    graph_url: str = Field("https://graph.microsoft.com", description="Microsoft Graph base URL")
    extension_app_id: str = Field(
        "", description="appId of the application owning the portal's extension attributes"
    )
    student_id_attribute: str = Field(
        "employeeId", description="user property holding the student ID ($filter eq)"
    )
    fields: PortalFieldNames = Field(default_factory=PortalFieldNames)
    upn_template: str = Field(
        "{student_id}@students.example.org", description="userPrincipalName of created users"
    )
    method_types: list[str] = Field(
        default_factory=lambda: [
            "phone",
            "email",
            "microsoftAuthenticator",
            "softwareOath",
            "fido2",
            "windowsHelloForBusiness",
            "temporaryAccessPass",
        ],
        description="authentication methods a reset deletes (the password one always stays)",
    )
    password_history_days: int = Field(90, description="a password used this recently is refused")
    max_pages: int = Field(1000, description="most @odata.nextLink pages read in one listing")
