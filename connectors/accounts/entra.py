"""Microsoft Entra ID accounts through Microsoft Graph (application permissions).

ticketworker's app registration takes a token with the client-credentials grant at the
configured authority, and every request goes through :class:`HttpClient`.  The student is
found with ``$filter`` on the configured attribute (``employeeId`` by default).  The portal's
state lives in directory extension attributes ``extension_<appId without dashes>_<name>``
(see :mod:`._cloud`).  A reset sets ``passwordProfile`` with a random password and
``forceChangePasswordNextSignIn``, revokes the sign-in sessions and deletes the
authentication methods of the configured types; every write is read back, because the
answer is not proof (an SDK release once dropped ``forceChangePasswordNextSignIn``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

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
from .config import EntraAccountsConfig

__all__ = ["EntraAccountStore", "graph_error"]

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
USERS = "v1.0/users"
_GRAPH_TYPE = "#microsoft.graph."
_METHOD_SUFFIX = "AuthenticationMethod"
# The well-known IDs of a user's phone methods: alternate and office before mobile, because
# Graph refuses to delete the mobile number while an alternate one exists.
_PHONE_ORDER = {
    "b6332ec1-7057-4abe-9331-3d72feddfe41": 0,  # alternateMobile
    "e37fc753-ff3b-4958-9484-eaa9425c82bc": 1,  # office
    "3179e48a-750b-4051-897c-87b9720928f7": 2,  # mobile
}


def graph_error(
    what: str, response: JsonResponse, retry_after_cap: float = 3600.0
) -> ConnectorError:
    """The project's error kind for a Graph error answer.

    Graph's body is ``{"error": {"code", "message", "innerError": {"request-id", "date"}}}``
    (https://learn.microsoft.com/en-us/graph/errors); 429 carries ``Retry-After``
    (https://learn.microsoft.com/en-us/graph/throttling).  The code and request id are kept
    (support asks for the id); the message is not, as it may echo a user's name.
    """
    error = response.data.get("error") if isinstance(response.data, dict) else None
    code = ""
    request_id = ""
    if isinstance(error, dict):
        code = str(error.get("code") or "")
        inner = error.get("innerError") or error.get("innererror") or {}
        if isinstance(inner, dict):
            request_id = str(inner.get("request-id") or "")
    status = response.status
    said = f"{what}: HTTP {status}" + (f" {code}" if code else "")
    said += f" (request-id {request_id})" if request_id else ""
    if status == 429:
        wait = parse_retry_after(header(response.headers, "Retry-After"), retry_after_cap)
        return RateLimited(f"{said}: throttled", retry_after=wait)
    if status == 401:
        return AuthError(f"{said}: the access token was refused")
    if status == 403:
        return AuthError(f"{said}: the app lacks an API permission or admin role")
    if status == 400 and "password" in str((error or {}).get("message", "")).lower():
        return PasswordRefused(f"{said}: the directory refused the password")
    return PermanentError(said)


class EntraAccountStore(CloudAccountStore):
    """:class:`~connectors.accounts.base.AccountStore` over Microsoft Graph."""

    vendor = "Microsoft Entra"
    page_size = 999  # $top upper bound for users

    def __init__(
        self,
        config: EntraAccountsConfig,
        *,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._config = config
        super().__init__(
            api_url=config.graph_url,
            fields=config.fields,
            password_history_days=config.password_history_days,
            policy=policy,
            clock=clock,
            backoff=backoff,
            sleep=sleep,
            timeouts=timeouts,
            retry=retry,
        )
        prefix = f"extension_{config.extension_app_id.replace('-', '')}_"
        self._attribute = {name: prefix + name for name in config.fields.all_names()}
        self._select = ",".join(
            [
                "id",
                "givenName",
                "surname",
                "accountEnabled",
                "createdDateTime",
                config.student_id_attribute,
                *self._attribute.values(),
            ]
        )

    @classmethod
    def from_config(
        cls, config: EntraAccountsConfig, *, policy: PortalPolicy | None = None
    ) -> EntraAccountStore:
        return cls(config, policy=policy)

    # -- credentials -------------------------------------------------------------------------

    def _token_url(self) -> str:
        return f"{self._config.authority.rstrip('/')}/{self._config.tenant_id}/oauth2/v2.0/token"

    def _fetch_token(self) -> tuple[SecretStr, float]:
        """Client-credentials grant:
        https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
        """
        config = self._config
        unset = [
            variable
            for variable, value in (
                ("TENANT_ID", config.tenant_id),
                ("CLIENT_ID", config.client_id),
                ("CLIENT_SECRET", config.client_secret.get_secret_value()),
                ("EXTENSION_APP_ID", config.extension_app_id),
            )
            if not value
        ]
        if unset:
            names = ", ".join(f"TICKETWORKER_ACCOUNTS__{name}" for name in unset)
            raise PermanentError(f"Microsoft Entra store not configured: set {names}")
        client = origin_client(self._token_url(), self._timeouts, self._retry)
        try:
            response = client.request(
                "POST",
                self._token_url(),
                data={
                    "client_id": config.client_id,
                    "client_secret": config.client_secret.get_secret_value(),
                    "scope": GRAPH_SCOPE,
                    "grant_type": "client_credentials",
                },
                allow_statuses=(400, 401, 403),
            )
        finally:
            client.close()
        data = response.data if isinstance(response.data, dict) else {}
        if response.status != 200 or not data.get("access_token"):
            # {"error": "invalid_client", "error_codes": [7000215], ...}
            codes = ",".join(f"AADSTS{code}" for code in data.get("error_codes") or ())
            said = data.get("error", "no access_token") + (f" {codes}" if codes else "")
            raise AuthError(
                f"Microsoft Entra token endpoint refused the app ({said}): check "
                "TICKETWORKER_ACCOUNTS__TENANT_ID, __CLIENT_ID and __CLIENT_SECRET"
            )
        return SecretStr(str(data["access_token"])), float(data.get("expires_in", 3600))

    # -- one request ---------------------------------------------------------------------------

    def _refusal(self, method: str, path: str, response: JsonResponse) -> ConnectorError:
        shown = path if "://" not in path else "/" + path.split("/", 3)[-1].split("?")[0]
        return graph_error(f"{method} /{shown.lstrip('/')}", response)

    # -- users -------------------------------------------------------------------------------

    def _decode(self, data: Any, methods: list[dict[str, Any]] | None = None) -> CloudUser | None:
        if not isinstance(data, dict) or not data.get("id"):
            return None
        student_id = data.get(self._config.student_id_attribute)
        if not isinstance(student_id, str):
            return None
        values = {name: data.get(attribute) for name, attribute in self._attribute.items()}
        profile = data.get("passwordProfile") or {}
        leftovers = tuple(
            f"{_method_type(method)} authentication method"
            for method in methods or ()
            if _method_type(method) in self._config.method_types
        )
        return CloudUser(
            user_id=str(data["id"]),
            student_id=student_id,
            first_name=str(data.get("givenName") or ""),
            last_name=str(data.get("surname") or ""),
            disabled=data.get("accountEnabled") is False,
            created_at=_graph_time(data.get("createdDateTime")),
            portal=PortalState.from_fields(values, self._config.fields),
            must_change_password=profile.get("forceChangePasswordNextSignIn") is True,
            leftovers=leftovers,
        )

    def _find(self, student_id: str) -> CloudUser | None:
        # List users with $filter: https://learn.microsoft.com/en-us/graph/api/user-list
        attribute = self._config.student_id_attribute
        response = self._call(
            "GET",
            USERS,
            params={
                "$filter": f"{attribute} eq '{student_id}'",
                "$select": self._select,
                "$top": 10,
            },
        )
        data = response.data if response is not None and isinstance(response.data, dict) else {}
        users = [self._decode(item) for item in data.get("value") or ()]
        matches = [user for user in users if user is not None and user.student_id == student_id]
        return single_match(matches, self.vendor)

    def _methods(self, user_id: str) -> list[dict[str, Any]]:
        # List a user's authentication methods:
        # https://learn.microsoft.com/en-us/graph/api/authentication-list-methods
        response = self._call("GET", f"{USERS}/{user_id}/authentication/methods")
        data = response.data if response is not None and isinstance(response.data, dict) else {}
        return [item for item in data.get("value") or () if isinstance(item, dict)]

    def _get(self, user_id: str) -> CloudUser:
        # Get a user ($select; passwordProfile is returned only when selected):
        # https://learn.microsoft.com/en-us/graph/api/user-get
        response = self._call(
            "GET", f"{USERS}/{user_id}", params={"$select": f"{self._select},passwordProfile"}
        )
        user = self._decode(response.data if response is not None else None, self._methods(user_id))
        if user is None:
            raise PermanentError(f"{self.vendor}: user {user_id} no longer carries a student ID")
        return user

    def _patch(self, user: CloudUser, body: Mapping[str, Any]) -> None:
        # Update user (204 No Content): https://learn.microsoft.com/en-us/graph/api/user-update
        self._call("PATCH", f"{USERS}/{user.user_id}", json_body=body)

    def _extension_values(self, state: PortalState) -> dict[str, Any]:
        return {
            self._attribute[name]: value
            for name, value in state.to_fields(self._config.fields).items()
        }

    def _write_portal(self, user: CloudUser, state: PortalState) -> None:
        self._patch(user, self._extension_values(state))

    def _lock_out(self, user: CloudUser) -> None:
        self._patch(
            user,
            {
                "passwordProfile": {
                    "password": unusable_password(),
                    "forceChangePasswordNextSignIn": True,
                }
            },
        )
        # revokeSignInSessions: https://learn.microsoft.com/en-us/graph/api/user-revokesigninsessions
        self._call("POST", f"{USERS}/{user.user_id}/revokeSignInSessions")
        methods = [
            method
            for method in self._methods(user.user_id)
            if _method_type(method) in self._config.method_types
        ]
        methods.sort(key=lambda method: _PHONE_ORDER.get(str(method.get("id")), -1))
        for method in methods:
            # DELETE /users/{id}/authentication/{type}Methods/{methodId}, e.g.
            # https://learn.microsoft.com/en-us/graph/api/phoneauthenticationmethod-delete
            segment = f"{_method_type(method)}Methods"
            self._call(
                "DELETE",
                f"{USERS}/{user.user_id}/authentication/{segment}/{method.get('id')}",
                missing_ok=True,
            )

    def _set_password(self, user: CloudUser, password: str) -> None:
        self._patch(
            user,
            {"passwordProfile": {"password": password, "forceChangePasswordNextSignIn": False}},
        )

    def _set_disabled(self, user: CloudUser, disabled: bool) -> None:
        self._patch(user, {"accountEnabled": not disabled})

    def _rename(self, user: CloudUser, first_name: str, last_name: str) -> None:
        self._patch(
            user,
            {
                "givenName": first_name,
                "surname": last_name,
                "displayName": f"{first_name} {last_name}",
            },
        )

    def _create(self, names: AccountNames, password: str, state: PortalState) -> bool:
        body: dict[str, Any] = {
            "accountEnabled": True,
            "displayName": f"{names.first_name} {names.last_name}",
            "givenName": names.first_name,
            "surname": names.last_name,
            "mailNickname": f"s{names.student_id}",
            "userPrincipalName": self._config.upn_template.format(student_id=names.student_id),
            self._config.student_id_attribute: names.student_id,
            "passwordProfile": {"password": password, "forceChangePasswordNextSignIn": True},
        }
        body.update(
            {
                key: value
                for key, value in self._extension_values(state).items()
                if value not in (None, [])
            }
        )
        # Create user (201): https://learn.microsoft.com/en-us/graph/api/user-post-users
        response = self._api.request("POST", USERS, json=body, allow_statuses=MAPPED_STATUSES)
        if response.status == 400 and "already exists" in str(response.data).lower():
            return False  # another object has this userPrincipalName: created meanwhile
        if response.status >= 300:
            raise graph_error(f"POST /{USERS}", response)
        return True

    def _list_all(self) -> Iterator[CloudUser]:
        # Paging with @odata.nextLink: https://learn.microsoft.com/en-us/graph/paging
        next_url: str | None = USERS
        params: dict[str, Any] | None = {"$select": self._select, "$top": self.page_size}
        for _ in range(self._config.max_pages):
            response = self._with_backoff(self._call, "GET", next_url or USERS, params=params)
            data = response.data if response is not None and isinstance(response.data, dict) else {}
            for item in data.get("value") or ():
                user = self._decode(item)
                if user is not None:
                    yield user
            next_url = data.get("@odata.nextLink")
            params = None  # the link carries every query option
            if not next_url:
                return
        raise PermanentError(
            f"{self.vendor}: more than {self._config.max_pages} pages of users; "
            "raise TICKETWORKER_ACCOUNTS__MAX_PAGES"
        )

    # -- checks --------------------------------------------------------------------------------

    def self_check(self) -> list[Check]:
        config = self._config
        checks = [
            self._check(
                "account store: Microsoft Entra token (client credentials)",
                self._token_probe,
                "set TICKETWORKER_ACCOUNTS__TENANT_ID, __CLIENT_ID and __CLIENT_SECRET to the "
                f"app registration's values (authority {config.authority})",
            )
        ]
        if not checks[0].ok:
            return checks
        checks.append(
            self._check(
                "account store: Microsoft Entra dry read of one user",
                self._dry_read,
                "grant the app the application permissions User.ReadWrite.All and "
                "UserAuthenticationMethod.ReadWrite.All (admin consent) and the "
                "User Administrator role for its service principal",
            )
        )
        checks.append(
            self._check(
                "account store: Microsoft Entra extension attribute mapping",
                self._mapping,
                "create the directory extension attributes listed in the README on the app "
                f"{config.extension_app_id} (POST /applications/{{id}}/extensionProperties)",
            )
        )
        return checks

    def _token_probe(self) -> str:
        self._token.invalidate()  # a fresh grant, not one cached before a change
        self._token.token()
        return f"token for app {self._config.client_id} in tenant {self._config.tenant_id}"

    def _dry_read(self) -> str:
        response = self._call("GET", USERS, params={"$top": 1, "$select": "id"})
        users = (response.data or {}).get("value") if response is not None else None
        if not users:
            return "list users answered (no user to read the methods of)"
        # The methods list needs UserAuthenticationMethod.ReadWrite.All: a reset deletes some.
        self._methods(str(users[0].get("id")))
        return "read one user and its authentication methods"

    def _mapping(self) -> str:
        # Selecting an attribute the directory lacks is a 400 (Request_BadRequest).
        try:
            self._call("GET", USERS, params={"$top": 1, "$select": self._select})
        except PermanentError as exc:
            if isinstance(exc, AuthError):
                raise
            raise PermanentError(
                f"an attribute of the mapping does not exist ({exc}); expected "
                f"{', '.join(sorted(self._attribute.values()))} and "
                f"{self._config.student_id_attribute}"
            ) from None
        return (
            f"{len(self._attribute)} extension attributes and {self._config.student_id_attribute}"
        )


def _method_type(method: Mapping[str, Any]) -> str:
    """``#microsoft.graph.phoneAuthenticationMethod`` -> ``phone``."""
    kind = str(method.get("@odata.type") or "")
    return kind.removeprefix(_GRAPH_TYPE).removesuffix(_METHOD_SUFFIX)


def _graph_time(text: Any) -> datetime:
    if isinstance(text, str):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    return datetime.fromtimestamp(0, UTC)
