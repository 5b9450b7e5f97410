"""Google Workspace accounts through the Admin SDK Directory API.

A service account with domain-wide delegation acts as the configured admin: it signs a JWT
with its key (google-auth does the RS256 signing) and trades it at the key file's
``token_uri`` for an access token.  Every request goes through :class:`HttpClient`.

The student is found by ``users.list`` with ``query=`` on the configured field (an
``externalIds`` entry or a custom schema field) and the match is checked exactly here too.
The portal's state lives in a custom schema (``schema_name``), see :mod:`._cloud`.  A reset
sets a random password with ``changePasswordAtNextLogin``, clears the recovery e-mail and
phone, signs the user out and turns 2-Step Verification off; ``users.get`` reads it back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import google.auth.crypt
import google.auth.jwt
from pydantic import SecretStr

from connectors.checks import Check
from connectors.errors import AuthError, ConnectorError, PermanentError, RateLimited
from connectors.http import JsonResponse, RetryPolicy, Timeouts, parse_retry_after

from ._cloud import (
    MAPPED_STATUSES,
    Backoff,
    CloudAccountStore,
    CloudUser,
    PasswordRefused,
    PortalState,
    single_match,
    unusable_password,
)
from ._core import Clock, utc_now
from ._oauth import header, origin_client
from ._rules import PortalPolicy
from .base import AccountNames
from .config import GoogleWorkspaceAccountsConfig

__all__ = ["GoogleWorkspaceAccountStore", "google_error"]

SCOPES = (
    "https://www.googleapis.com/auth/admin.directory.user",
    # users.signOut and twoStepVerification.turnOff
    "https://www.googleapis.com/auth/admin.directory.user.security",
    # schemas.get, for the mapping check only
    "https://www.googleapis.com/auth/admin.directory.userschema.readonly",
)
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
USERS = "admin/directory/v1/users"
_RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"})
# Statuses this module maps itself (google_error) instead of the funnel's generic mapping.
_TWO_STEP = "2-Step Verification"


def google_error(
    what: str, response: JsonResponse, retry_after_cap: float = 3600.0
) -> ConnectorError:
    """The project's error kind for a Directory API error answer.

    Google's body is ``{"error": {"code", "message", "errors": [{"reason", ...}]}}``
    (https://developers.google.com/admin-sdk/directory/v1/limits lists the quota reasons).
    Only the status and reasons are kept: the message may echo a user key.
    """
    error = response.data.get("error") if isinstance(response.data, dict) else None
    reasons: list[str] = []
    if isinstance(error, dict):
        reasons = [
            str(item.get("reason"))
            for item in error.get("errors") or ()
            if isinstance(item, dict) and item.get("reason")
        ]
    status = response.status
    said = f"{what}: HTTP {status}" + (f" {', '.join(reasons)}" if reasons else "")
    if status == 429 or (status == 403 and _RATE_REASONS.intersection(reasons)):
        wait = parse_retry_after(header(response.headers, "Retry-After"), retry_after_cap)
        return RateLimited(f"{said} (rate limited)", retry_after=wait)
    if status == 401:
        return AuthError(f"{said} (the access token was refused)")
    if status == 403:
        return AuthError(f"{said} (the admin or the delegated scopes lack a right)")
    if status == 400 and "password" in str((error or {}).get("message", "")).lower():
        return PasswordRefused(f"{said} (the password was refused)")
    return PermanentError(said)


class GoogleWorkspaceAccountStore(CloudAccountStore):
    """:class:`~connectors.accounts.base.AccountStore` over the Directory API."""

    vendor = "Google Workspace"
    page_size = 500  # users.list maxResults upper bound

    def __init__(
        self,
        config: GoogleWorkspaceAccountsConfig,
        *,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._config = config
        self._key: dict[str, Any] | None = None
        super().__init__(
            api_url=config.api_url,
            fields=config.fields,
            password_history_days=config.password_history_days,
            policy=policy,
            clock=clock,
            backoff=backoff,
            sleep=sleep,
            timeouts=timeouts,
            retry=retry,
        )
        field = config.student_id_field
        self._id_schema, _, self._id_field = field.partition(".") if "." in field else ("", "", "")

    @classmethod
    def from_config(
        cls, config: GoogleWorkspaceAccountsConfig, *, policy: PortalPolicy | None = None
    ) -> GoogleWorkspaceAccountStore:
        return cls(config, policy=policy)

    # -- credentials -------------------------------------------------------------------------

    def _key_info(self) -> dict[str, Any]:
        if self._key is not None:
            return self._key
        path: Path = self._config.key_file
        fix = "set TICKETWORKER_ACCOUNTS__KEY_FILE to the service account's JSON key file"
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PermanentError(f"Google key file {path} not found: {fix}") from None
        except (OSError, ValueError) as exc:
            raise PermanentError(
                f"Google key file {path} unreadable ({type(exc).__name__}): {fix}"
            ) from None
        missing = [
            name
            for name in ("client_email", "private_key", "token_uri")
            if not isinstance(info, dict) or not info.get(name)
        ]
        if missing:
            raise PermanentError(f"Google key file {path} lacks {', '.join(missing)}: {fix}")
        self._key = dict(info)
        return self._key

    def _fetch_token(self) -> tuple[SecretStr, float]:
        """Service-account JWT bearer grant, acting as the configured admin.

        https://developers.google.com/identity/protocols/oauth2/service-account#httprest
        """
        info = self._key_info()
        if not self._config.admin_email:
            raise PermanentError(
                "no Google admin to act as: set TICKETWORKER_ACCOUNTS__ADMIN_EMAIL"
            )
        try:
            signer = google.auth.crypt.RSASigner.from_service_account_info(info)  # type: ignore[no-untyped-call]
        except (ValueError, TypeError):
            raise PermanentError(
                f"Google key file {self._config.key_file}: private_key is not a usable RSA key"
            ) from None
        token_uri = str(info["token_uri"])
        now = int(time.time())  # the token server's clock, not the store's (tests move it)
        claims = {
            "iss": info["client_email"],
            "sub": self._config.admin_email,
            "scope": " ".join(SCOPES),
            "aud": token_uri,
            "iat": now,
            "exp": now + 3600,
        }
        assertion = google.auth.jwt.encode(signer, claims).decode("ascii")  # type: ignore[no-untyped-call]
        client = origin_client(token_uri, self._timeouts, self._retry)
        try:
            response = client.request(
                "POST",
                token_uri,
                data={"grant_type": JWT_BEARER, "assertion": assertion},
                allow_statuses=(400, 401, 403),
            )
        finally:
            client.close()
        data = response.data if isinstance(response.data, dict) else {}
        if response.status != 200 or not data.get("access_token"):
            # {"error": "invalid_grant" | "unauthorized_client", "error_description": ...}
            code = data.get("error", "no access_token")
            raise AuthError(
                f"Google token endpoint refused the service account ({code}): check the key "
                "and the domain-wide delegation of its client ID with the scopes in the README"
            )
        return SecretStr(str(data["access_token"])), float(data.get("expires_in", 3600))

    # -- one request ---------------------------------------------------------------------------

    def _refusal(self, method: str, path: str, response: JsonResponse) -> ConnectorError:
        return google_error(f"{method} /{path}", response)

    # -- users -------------------------------------------------------------------------------

    def _query(self, student_id: str) -> str:
        """users.list ``query`` syntax:
        https://developers.google.com/admin-sdk/directory/v1/guides/search-users"""
        if self._id_schema:
            return f"{self._id_schema}.{self._id_field}='{student_id}'"
        return f"externalId={student_id}"  # '=' is exact; ':' would be "contains"

    def _student_id_of(self, data: Mapping[str, Any]) -> str | None:
        if self._id_schema:
            value = (data.get("customSchemas") or {}).get(self._id_schema, {}).get(self._id_field)
            return value if isinstance(value, str) else None
        values = {
            entry.get("value")
            for entry in data.get("externalIds") or ()
            if isinstance(entry, dict) and entry.get("type") == self._config.external_id_type
        }
        return values.pop() if len(values) == 1 and isinstance(next(iter(values)), str) else None

    def _decode(self, data: Any) -> CloudUser | None:
        if not isinstance(data, dict) or not data.get("id"):
            return None
        student_id = self._student_id_of(data)
        if student_id is None:
            return None
        raw = (data.get("customSchemas") or {}).get(self._config.schema_name) or {}
        values = {name: _unwrap(value) for name, value in raw.items()}
        leftovers = [
            label
            for label, present in (
                ("recovery e-mail", bool(data.get("recoveryEmail"))),
                ("recovery phone", bool(data.get("recoveryPhone"))),
                (_TWO_STEP, data.get("isEnrolledIn2Sv") is True),
            )
            if present
        ]
        name = data.get("name") or {}
        return CloudUser(
            user_id=str(data["id"]),
            student_id=student_id,
            first_name=str(name.get("givenName", "")),
            last_name=str(name.get("familyName", "")),
            disabled=data.get("suspended") is True,
            created_at=_google_time(data.get("creationTime")),
            portal=PortalState.from_fields(values, self._fields),
            must_change_password=data.get("changePasswordAtNextLogin") is True,
            leftovers=tuple(leftovers),
        )

    def _find(self, student_id: str) -> CloudUser | None:
        # users.list: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/list
        response = self._call(
            "GET",
            USERS,
            params={
                "customer": self._config.customer,
                "query": self._query(student_id),
                "projection": "full",
                "maxResults": 10,
            },
        )
        data = response.data if response is not None and isinstance(response.data, dict) else {}
        users = [self._decode(item) for item in data.get("users") or ()]
        # The query is a search; only an exact match of the whole ID counts.
        matches = [user for user in users if user is not None and user.student_id == student_id]
        return single_match(matches, self.vendor)

    def _get(self, user_id: str) -> CloudUser:
        # users.get: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/get
        response = self._call("GET", f"{USERS}/{user_id}", params={"projection": "full"})
        user = self._decode(response.data if response is not None else None)
        if user is None:
            raise PermanentError(f"{self.vendor}: user {user_id} no longer carries a student ID")
        return user

    def _update(self, user: CloudUser, body: Mapping[str, Any]) -> None:
        # users.update (patch semantics: only the fields sent change):
        # https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/update
        self._call("PUT", f"{USERS}/{user.user_id}", json_body=body)

    def _schema_values(self, state: PortalState) -> dict[str, Any]:
        return {
            name: [{"value": item} for item in value] if isinstance(value, list) else value
            for name, value in state.to_fields(self._fields).items()
        }

    def _write_portal(self, user: CloudUser, state: PortalState) -> None:
        self._update(
            user, {"customSchemas": {self._config.schema_name: self._schema_values(state)}}
        )

    def _lock_out(self, user: CloudUser) -> None:
        self._update(
            user,
            {
                "password": unusable_password(),
                "changePasswordAtNextLogin": True,
                "recoveryEmail": "",
                "recoveryPhone": "",
            },
        )
        # users.signOut: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/signOut
        self._call("POST", f"{USERS}/{user.user_id}/signOut")
        current = self._get(user.user_id)
        if _TWO_STEP in current.leftovers:
            # twoStepVerification.turnOff:
            # https://developers.google.com/admin-sdk/directory/reference/rest/v1/twoStepVerification/turnOff
            self._call("POST", f"{USERS}/{user.user_id}/twoStepVerification/turnOff")

    def _set_password(self, user: CloudUser, password: str) -> None:
        self._update(user, {"password": password, "changePasswordAtNextLogin": False})

    def _set_disabled(self, user: CloudUser, disabled: bool) -> None:
        self._update(user, {"suspended": disabled})

    def _rename(self, user: CloudUser, first_name: str, last_name: str) -> None:
        self._update(user, {"name": {"givenName": first_name, "familyName": last_name}})

    def _create(self, names: AccountNames, password: str, state: PortalState) -> bool:
        schemas: dict[str, dict[str, Any]] = {self._config.schema_name: self._schema_values(state)}
        body: dict[str, Any] = {
            "primaryEmail": self._config.email_template.format(student_id=names.student_id),
            "name": {"givenName": names.first_name, "familyName": names.last_name},
            "password": password,
            "changePasswordAtNextLogin": True,
            "orgUnitPath": self._config.org_unit_path,
        }
        if self._id_schema:
            schemas.setdefault(self._id_schema, {})[self._id_field] = names.student_id
        else:
            body["externalIds"] = [
                {"type": self._config.external_id_type, "value": names.student_id}
            ]
        body["customSchemas"] = schemas
        # users.insert: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/insert
        response = self._api.request("POST", USERS, json=body, allow_statuses=MAPPED_STATUSES)
        if response.status == 409:  # duplicate primaryEmail: created meanwhile
            return False
        if response.status >= 300:
            raise google_error(f"POST /{USERS}", response)
        return True

    def _list_all(self) -> Iterator[CloudUser]:
        page_token: str | None = None
        for _ in range(self._config.max_pages):
            params: dict[str, Any] = {
                "customer": self._config.customer,
                "projection": "full",
                "maxResults": self.page_size,
            }
            if page_token:
                params["pageToken"] = page_token
            # users.list paging (nextPageToken):
            # https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/list
            response = self._with_backoff(self._call, "GET", USERS, params=params)
            data = response.data if response is not None and isinstance(response.data, dict) else {}
            for item in data.get("users") or ():
                user = self._decode(item)
                if user is not None:
                    yield user
            page_token = data.get("nextPageToken")
            if not page_token:
                return
        raise PermanentError(
            f"{self.vendor}: more than {self._config.max_pages} pages of users; "
            "raise TICKETWORKER_ACCOUNTS__MAX_PAGES"
        )

    # -- checks --------------------------------------------------------------------------------

    def self_check(self) -> list[Check]:
        config = self._config
        key_file = f"key file {config.key_file}"
        checks = [
            self._check(
                "account store: Google service account key",
                lambda: f"{key_file}: {self._key_info()['client_email']}",
                "set TICKETWORKER_ACCOUNTS__KEY_FILE to the service account's JSON key",
            )
        ]
        if not checks[0].ok:
            return checks
        checks.append(
            self._check(
                "account store: Google token (domain-wide delegation)",
                self._token_probe,
                "in the Admin console (Security > API controls > Domain-wide delegation) "
                "authorise the service account's client ID for the scopes in the README, "
                "and set TICKETWORKER_ACCOUNTS__ADMIN_EMAIL to an admin who may manage users",
            )
        )
        if not checks[-1].ok:
            return checks
        checks.append(
            self._check(
                "account store: Google dry read of one user",
                self._dry_read,
                "give the admin the User Management admin role (read and update users)",
            )
        )
        checks.append(
            self._check(
                "account store: Google custom schema mapping",
                self._mapping,
                f"create the custom schema {config.schema_name!r} with the fields in the "
                "README (Admin console > Directory > Users > Manage custom attributes)",
            )
        )
        return checks

    def _token_probe(self) -> str:
        self._token.invalidate()  # a fresh grant, not one cached before a change
        self._token.token()
        return f"token for {self._config.admin_email}"

    def _dry_read(self) -> str:
        response = self._call(
            "GET", USERS, params={"customer": self._config.customer, "maxResults": 1}
        )
        users = (response.data or {}).get("users") if response is not None else None
        return f"users.list answered ({len(users or [])} user read)"

    def _schema_fields(self, schema: str) -> dict[str, dict[str, Any]]:
        # schemas.get: https://developers.google.com/admin-sdk/directory/reference/rest/v1/schemas/get
        response = self._call(
            "GET",
            f"admin/directory/v1/customer/{self._config.customer}/schemas/{schema}",
            missing_ok=True,
        )
        if response is None:
            raise PermanentError(f"custom schema {schema!r} does not exist")
        return {
            str(item.get("fieldName")): item
            for item in (response.data or {}).get("fields") or ()
            if isinstance(item, dict)
        }

    def _mapping(self) -> str:
        config = self._config
        found = self._schema_fields(config.schema_name)
        wanted = config.fields.all_names()
        problems = []
        missing = [name for name in wanted if name not in found]
        if missing:
            problems.append(f"missing fields {', '.join(missing)}")
        multi = [config.fields.challenge_answers, config.fields.password_history]
        multi.append(config.fields.reset_keys)
        single_only = [
            name for name in multi if name in found and not found[name].get("multiValued")
        ]
        if single_only:
            problems.append(f"fields not multi-valued: {', '.join(single_only)}")
        if self._id_schema:
            # users.list can only search a custom field that is indexed.
            id_fields = (
                found
                if self._id_schema == config.schema_name
                else (self._schema_fields(self._id_schema))
            )
            id_field = id_fields.get(self._id_field)
            if id_field is None or id_field.get("indexed") is False:
                problems.append(
                    f"student ID field {config.student_id_field!r} missing or not indexed"
                )
        if problems:
            raise PermanentError(f"custom schema {config.schema_name!r}: {'; '.join(problems)}")
        return f"custom schema {config.schema_name!r} has the {len(wanted)} portal fields"


def _unwrap(value: Any) -> Any:
    """Multi-valued custom fields come as ``[{"value": ...}]``; single ones as the value."""
    if isinstance(value, list):
        return [item.get("value") if isinstance(item, dict) else item for item in value]
    return value


def _google_time(text: Any) -> datetime:
    if isinstance(text, str):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    return datetime.fromtimestamp(0, UTC)
