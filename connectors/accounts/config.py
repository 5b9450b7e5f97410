"""Configuration models for the account store (the identity portal's accounts)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator


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


class DirectoryAccountsConfig(BaseModel):
    """What the ``ldap`` and ``active_directory`` stores share: where accounts are, and the
    mapping of the portal's account to directory attributes."""

    model_config = ConfigDict(populate_by_name=True)

    url: str = Field(
        description="the directory's URL, e.g. ldaps://dc1.district.example:636",
        examples=["ldap://127.0.0.1:3890"],
    )
    bind_dn: str = Field(description="DN of the account ticketworker binds as")
    bind_password: SecretStr = Field(description="password of the bind account")
    base_dn: str = Field(description="search base under which the student accounts live")
    accounts_ou: str | None = Field(
        None, description="where new (unclaimed) accounts are created; defaults to base_dn"
    )
    ca_file: str | None = Field(
        None, description="PEM file of the CA that signed the directory's TLS certificate"
    )
    start_tls: bool = Field(False, description="upgrade an ldap:// connection with StartTLS")
    timeout_seconds: float = Field(10.0, gt=0, description="connect and answer timeout")
    page_size: int = Field(500, ge=1, le=5000, description="entries per page of a paged search")
    batch_size: int = Field(100, ge=1, le=1000, description="students per search in bulk work")
    password_history_days: int = Field(
        90, ge=0, description="the portal refuses a password used within this many days"
    )
    account_filter: str = Field(description="LDAP filter every student account matches")
    id_attribute: str = Field(description="attribute holding the 7-digit student ID")
    first_name_attribute: str = Field("givenName", description="attribute of the first name")
    last_name_attribute: str = Field("sn", description="attribute of the last name")
    claim_attribute: str = Field(description="the portal's claim flag")
    claimed_value: str = Field(description="claim_attribute's value once claimed")
    unclaimed_value: str = Field(description="claim_attribute's value while unclaimed")
    claimed_at_attribute: str | None = Field(
        description="when the student claimed (GeneralizedTime text); cleared on reset"
    )
    challenge_attribute: str = Field(
        description="the portal's hashed challenge answers; cleared on reset"
    )
    reset_key_attribute: str = Field(
        description="ticketworker's record of the reset requests applied (idempotency)"
    )
    last_reset_attribute: str | None = Field(description="when ticketworker last reset")
    password_history_attribute: str = Field(
        description="the portal's hashes of recent passwords (kept across resets)"
    )
    clear_attributes: list[str] = Field(
        default_factory=list, description="more attributes of the portal's to clear on reset"
    )
    create_rdn: str = Field(
        description="RDN of a new account; {student_id}, {first_name}, {last_name} are filled in"
    )
    create_object_classes: list[str] = Field(description="object classes of a new account")
    create_attributes: dict[str, str] = Field(
        default_factory=dict,
        description="more attributes of a new account (templates like create_rdn)",
    )


class LdapAccountsConfig(DirectoryAccountsConfig):
    """An LDAPv3 directory (OpenLDAP with the ppolicy overlay) holding the portal's accounts
    with the ``twPortalAccount`` object class (connectors/accounts/schema)."""

    kind: Literal["ldap"] = "ldap"
    account_filter: str = Field(
        "(objectClass=inetOrgPerson)", description="LDAP filter every student account matches"
    )
    id_attribute: str = Field(
        "employeeNumber", description="attribute holding the 7-digit student ID"
    )
    claim_attribute: str = Field("twPortalClaimed", description="the portal's claim flag")
    claimed_value: str = Field("TRUE", description="claim_attribute's value once claimed")
    unclaimed_value: str = Field("FALSE", description="claim_attribute's value while unclaimed")
    claimed_at_attribute: str | None = Field(
        "twPortalClaimedAt",
        description="when the student claimed (GeneralizedTime text); cleared on reset",
    )
    challenge_attribute: str = Field(
        "twPortalChallenge", description="the portal's hashed challenge answers; cleared on reset"
    )
    reset_key_attribute: str = Field(
        "twPortalResetKey",
        description="ticketworker's record of the reset requests applied (idempotency)",
    )
    last_reset_attribute: str | None = Field(
        "twPortalLastReset", description="when ticketworker last reset"
    )
    password_history_attribute: str = Field(
        "twPortalPasswordHistory",
        description="the portal's hashes of recent passwords (kept across resets)",
    )
    create_rdn: str = Field(
        "uid={student_id}",
        description="RDN of a new account; {student_id}, {first_name}, {last_name} are filled in",
    )
    create_object_classes: list[str] = Field(
        default_factory=lambda: ["inetOrgPerson", "twPortalAccount"],
        description="object classes of a new account",
    )
    create_attributes: dict[str, str] = Field(
        default_factory=lambda: {"uid": "{student_id}", "cn": "{first_name} {last_name}"},
        description="more attributes of a new account (templates like create_rdn)",
    )
    disable_attribute: str = Field(
        "pwdAccountLockedTime", description="attribute that, set to disabled_value, disables"
    )
    disabled_value: str = Field(
        "000001010000Z", description="ppolicy's 'locked until an administrator unlocks'"
    )
    must_change_attribute: str | None = Field(
        "pwdReset", description="set TRUE after a reset so the server demands a new password"
    )


class ActiveDirectoryAccountsConfig(DirectoryAccountsConfig):
    """Active Directory (or Samba AD) over LDAPS or StartTLS; the portal's state in
    ``msDS-cloudExtensionAttributeN`` (present in Samba and Windows AD 2012+)."""

    kind: Literal["active_directory"] = "active_directory"
    account_filter: str = Field(
        "(&(objectCategory=person)(objectClass=user))",
        description="LDAP filter every student account matches",
    )
    id_attribute: str = Field("employeeID", description="attribute holding the 7-digit student ID")
    claim_attribute: str = Field(
        "msDS-cloudExtensionAttribute10", description="the portal's claim flag"
    )
    claimed_value: str = Field("claimed", description="claim_attribute's value once claimed")
    unclaimed_value: str = Field("unclaimed", description="claim_attribute's value while unclaimed")
    claimed_at_attribute: str | None = Field(
        "msDS-cloudExtensionAttribute11",
        description="when the student claimed (GeneralizedTime text); cleared on reset",
    )
    challenge_attribute: str = Field(
        "msDS-cloudExtensionAttribute12",
        description="the portal's hashed challenge answers; cleared on reset",
    )
    reset_key_attribute: str = Field(
        "msDS-cloudExtensionAttribute13",
        description="ticketworker's record of the reset requests applied (idempotency)",
    )
    last_reset_attribute: str | None = Field(
        "msDS-cloudExtensionAttribute14", description="when ticketworker last reset"
    )
    password_history_attribute: str = Field(
        "msDS-cloudExtensionAttribute15",
        description="the portal's hashes of recent passwords (kept across resets)",
    )
    create_rdn: str = Field(
        "CN={student_id}",
        description="RDN of a new account; {student_id}, {first_name}, {last_name} are filled in",
    )
    create_object_classes: list[str] = Field(
        default_factory=lambda: ["top", "person", "organizationalPerson", "user"],
        description="object classes of a new account",
    )
    create_attributes: dict[str, str] = Field(
        default_factory=lambda: {
            "sAMAccountName": "s{student_id}",
            "displayName": "{first_name} {last_name}",
        },
        description="more attributes of a new account (templates like create_rdn)",
    )

    @model_validator(mode="after")
    def _encrypted(self) -> ActiveDirectoryAccountsConfig:
        # AD refuses password writes in the clear; say so at start-up, not at the first reset.
        if not (self.url.lower().startswith("ldaps://") or self.start_tls):
            raise ValueError(
                "active_directory needs an encrypted connection: an ldaps:// url, or start_tls"
            )
        return self
