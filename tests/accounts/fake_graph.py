"""A local Microsoft identity platform + Microsoft Graph, behaving as Microsoft documents.

* ``POST /{tenant}/oauth2/v2.0/token``: the client-credentials grant
  (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow),
  errors ``{"error", "error_description": "AADSTS...", "error_codes": [...], "trace_id",
  "correlation_id", "timestamp"}`` (7000215 wrong secret, 700016 unknown app, 90002 unknown
  tenant, 70011 bad scope).
* ``/v1.0/users``: list with ``$filter`` (``<property> eq '<value>'``), ``$select``
  (an unknown property is 400 ``Request_BadRequest``), ``$top`` <= 999 and
  ``@odata.nextLink`` paging (https://learn.microsoft.com/en-us/graph/paging); get, create
  (201), update (PATCH, 204, password complexity), ``revokeSignInSessions``; a user's
  ``authentication/methods`` list and the per-type DELETEs.
* Errors ``{"error": {"code", "message", "innerError": {"date", "request-id",
  "client-request-id"}}}`` (https://learn.microsoft.com/en-us/graph/errors): 401
  ``InvalidAuthenticationToken``, 403 ``Authorization_RequestDenied``, 404
  ``Request_ResourceNotFound``; 429 ``TooManyRequests`` with ``Retry-After`` is planned with
  :func:`throttled`.

``drop_force_change_next`` makes the next PATCH ignore ``forceChangePasswordNextSignIn``, as
an SDK release once did; :meth:`FakeGraph.sign_in` stands for the sign-in page.
"""

from __future__ import annotations

import copy
import re
import secrets
import time
import uuid
from datetime import UTC, datetime
from re import Match
from typing import Any
from urllib.parse import urlencode

from .fake_api import FakeApi, Reply, Request

TENANT = "8f2d6c1e-5b7a-4c3d-9e0f-1a2b3c4d5e6f"
CLIENT_ID = "3e9b1f40-7c2d-4a8e-b5f6-0d1c2b3a4e5f"
EXTENSION_APP_ID = "b7b1c57b-532f-40b8-b5ed-4b7a7ba67401"
USERS = r"/v1.0/users"
USER = USERS + r"/(?P<id>[0-9a-f-]{36})"
USER_ROLE = "User.ReadWrite.All"
METHODS_ROLE = "UserAuthenticationMethod.ReadWrite.All"
BASE_PROPERTIES = {
    "id",
    "displayName",
    "givenName",
    "surname",
    "userPrincipalName",
    "mailNickname",
    "accountEnabled",
    "employeeId",
    "createdDateTime",
    "passwordProfile",
}
DEFAULT_SELECT = ("id", "displayName", "givenName", "surname", "userPrincipalName")
PORTAL_FIELDS = (
    "claimed",
    "claimedAt",
    "challengeAnswers",
    "passwordHash",
    "passwordHistory",
    "resetKeys",
    "lastResetAt",
)
MOBILE = "3179e48a-750b-4051-897c-87b9720928f7"
ALTERNATE_MOBILE = "b6332ec1-7057-4abe-9331-3d72feddfe41"
SEGMENTS = {
    "phoneMethods": "phone",
    "emailMethods": "email",
    "microsoftAuthenticatorMethods": "microsoftAuthenticator",
    "softwareOathMethods": "softwareOath",
    "fido2Methods": "fido2",
    "windowsHelloForBusinessMethods": "windowsHelloForBusiness",
    "temporaryAccessPassMethods": "temporaryAccessPass",
}


def graph_error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Reply:
    request_id = str(uuid.uuid4())
    body = {
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
                "request-id": request_id,
                "client-request-id": request_id,
            },
        }
    }
    return Reply(status, body, {"request-id": request_id, **(headers or {})})


def throttled(retry_after: int = 2) -> Reply:
    """Graph's throttling answer (https://learn.microsoft.com/en-us/graph/throttling)."""
    return graph_error(
        429,
        "TooManyRequests",
        "Too many requests from Identifier:... under category:... Please try again later.",
        {"Retry-After": str(retry_after)},
    )


def extension(name: str, app_id: str = EXTENSION_APP_ID) -> str:
    return f"extension_{app_id.replace('-', '')}_{name}"


def _aad_error(status: int, error: str, code: int, text: str) -> Reply:
    return Reply(
        status,
        {
            "error": error,
            "error_description": f"AADSTS{code}: {text} Trace ID: {uuid.uuid4()}",
            "error_codes": [code],
            "timestamp": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ"),
            "trace_id": str(uuid.uuid4()),
            "correlation_id": str(uuid.uuid4()),
        },
    )


def _complex_enough(password: str) -> bool:
    """Entra's default rule: 8-256 characters, three of lower, upper, digit, symbol."""
    classes = [
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return 8 <= len(password) <= 256 and sum(classes) >= 3


class FakeGraph(FakeApi):
    """One tenant with ticketworker's app registration and the portal's extensions."""

    def __init__(self, *, extensions: tuple[str, ...] = PORTAL_FIELDS) -> None:
        super().__init__()
        self.client_secret = "s3cret~" + secrets.token_urlsafe(12)
        self.granted_roles = {USER_ROLE, METHODS_ROLE}
        self.extensions = {
            extension(name): name in ("challengeAnswers", "passwordHistory", "resetKeys")
            for name in extensions
        }
        self.users: dict[str, dict[str, Any]] = {}
        self.passwords: dict[str, str] = {}
        self.methods: dict[str, list[dict[str, Any]]] = {}
        self.revoked: dict[str, int] = {}
        self.tokens: dict[str, tuple[float, set[str]]] = {}
        self.drop_force_change_next = False
        #: Users per page the server returns at most (server-side paging may be smaller).
        self.page_limit = 999
        self.route("POST", r"/(?P<tenant>[^/]+)/oauth2/v2\.0/token", self._token)
        self.route("GET", USERS, self._list)
        self.route("POST", USERS, self._create)
        self.route("GET", USER, self._get)
        self.route("PATCH", USER, self._patch)
        self.route("POST", USER + r"/revokeSignInSessions", self._revoke)
        self.route("GET", USER + r"/authentication/methods", self._list_methods)
        self.route(
            "DELETE", USER + r"/authentication/(?P<segment>\w+)/(?P<mid>[^/]+)", self._delete_method
        )

    def not_found(self, request: Request) -> Reply:
        return graph_error(
            400,
            "BadRequest",
            f"Resource not found for the segment '{request.path.rsplit('/', 1)[-1]}'.",
        )

    # -- what tests use directly -------------------------------------------------------------

    def add_user(
        self,
        student_id: str,
        first_name: str,
        last_name: str,
        *,
        password: str = "",
        enabled: bool = True,
        methods: tuple[str, ...] = (),
    ) -> str:
        """A user; ``methods`` are types ("phone", "email", "microsoftAuthenticator"...)."""
        with self.lock:
            user_id = str(uuid.uuid4())
            self.users[user_id] = {
                "id": user_id,
                "displayName": f"{first_name} {last_name}",
                "givenName": first_name,
                "surname": last_name,
                "userPrincipalName": f"{student_id}@students.example.org",
                "mailNickname": f"s{student_id}",
                "accountEnabled": enabled,
                "employeeId": student_id,
                "createdDateTime": _now(),
                "passwordProfile": {"forceChangePasswordNextSignIn": False, "password": None},
            }
            self.passwords[user_id] = password or "Init!" + secrets.token_urlsafe(12)
            self.methods[user_id] = [self._password_method()]
            for kind in methods:
                self.add_method(user_id, kind)
            return user_id

    def add_method(self, user_id: str, kind: str, method_id: str | None = None) -> None:
        with self.lock:
            if method_id is None:
                method_id = (
                    MOBILE
                    if kind == "phone" and not self._has(user_id, MOBILE)
                    else (ALTERNATE_MOBILE if kind == "phone" else str(uuid.uuid4()))
                )
            self.methods[user_id].append(
                {"@odata.type": f"#microsoft.graph.{kind}AuthenticationMethod", "id": method_id}
            )

    def user_by_student(self, student_id: str) -> dict[str, Any] | None:
        with self.lock:
            for user in self.users.values():
                if user.get("employeeId") == student_id:
                    return copy.deepcopy(user)
        return None

    def method_types(self, user_id: str) -> list[str]:
        with self.lock:
            return [
                m["@odata.type"]
                .removeprefix("#microsoft.graph.")
                .removesuffix("AuthenticationMethod")
                for m in self.methods.get(user_id, [])
            ]

    def sign_in(self, student_id: str, password: str) -> bool:
        with self.lock:
            user = self.user_by_student(student_id)
            if user is None or not user.get("accountEnabled"):
                return False
            return secrets.compare_digest(self.passwords.get(user["id"], ""), password)

    def _has(self, user_id: str, method_id: str) -> bool:
        return any(m["id"] == method_id for m in self.methods.get(user_id, []))

    @staticmethod
    def _password_method() -> dict[str, Any]:
        return {
            "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
            "id": "28c10230-6103-485e-b985-444c60001490",
            "createdDateTime": _now(),
        }

    # -- the token endpoint ------------------------------------------------------------------

    def _token(self, request: Request, match: Match[str]) -> Reply:
        form = request.form()
        if match["tenant"] != TENANT:
            return _aad_error(
                400, "invalid_request", 90002, f"Tenant '{match['tenant']}' not found."
            )
        if form.get("grant_type") != "client_credentials":
            return _aad_error(
                400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type."
            )
        if form.get("client_id") != CLIENT_ID:
            return _aad_error(
                400, "unauthorized_client", 700016, "Application not found in the directory."
            )
        if not secrets.compare_digest(form.get("client_secret", ""), self.client_secret):
            return _aad_error(401, "invalid_client", 7000215, "Invalid client secret provided.")
        if form.get("scope") != "https://graph.microsoft.com/.default":
            return _aad_error(
                400,
                "invalid_scope",
                70011,
                "The provided value for the input parameter 'scope' is not valid.",
            )
        token = "eyJ0eXAiOiJKV1Qi." + secrets.token_urlsafe(32)
        self.tokens[token] = (time.time() + 3599, set(self.granted_roles))
        return Reply(
            200,
            {
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": token,
            },
        )

    def _authorised(self, request: Request, role: str = USER_ROLE) -> Reply | None:
        auth = request.headers.get("Authorization", "")
        grant = (
            self.tokens.get(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        )
        if grant is None or grant[0] < time.time():
            return graph_error(
                401, "InvalidAuthenticationToken", "Access token validation failure."
            )
        if role not in grant[1]:
            return graph_error(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.",
            )
        return None

    # -- users -------------------------------------------------------------------------------

    def _known(self, name: str) -> bool:
        return name in BASE_PROPERTIES or name in self.extensions

    def _selected(self, user: dict[str, Any], select: str | None) -> dict[str, Any] | Reply:
        names = [n for n in (select.split(",") if select else DEFAULT_SELECT) if n]
        unknown = [n for n in names if not self._known(n)]
        if unknown:
            return graph_error(
                400,
                "Request_BadRequest",
                f"Property '{unknown[0]}' does not exist as a declared property or "
                "extension property.",
            )
        shown = {n: copy.deepcopy(user.get(n)) for n in names if n != "passwordProfile"}
        if "passwordProfile" in names:
            shown["passwordProfile"] = {
                "password": None,
                "forceChangePasswordNextSignIn": user["passwordProfile"][
                    "forceChangePasswordNextSignIn"
                ],
                "forceChangePasswordNextSignInWithMfa": False,
            }
        return shown

    def _list(self, request: Request, _match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        query = request.query
        top = int(query.get("$top", "100"))
        if not 1 <= top <= 999:
            return graph_error(
                400,
                "Request_BadRequest",
                f"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive.",
            )
        users = sorted(self.users.values(), key=lambda u: u["id"])
        if "$filter" in query:
            found = re.fullmatch(r"(\w+) eq '((?:[^']|'')*)'", query["$filter"])
            if not found or not self._known(found[1]):
                return graph_error(
                    400,
                    "Request_UnsupportedQuery",
                    "Unsupported or invalid query filter clause specified.",
                )
            wanted = found[2].replace("''", "'")
            users = [u for u in users if u.get(found[1]) == wanted]
        top = min(top, self.page_limit)
        start = int(query.get("$skiptoken", "0") or 0)
        page = users[start : start + top]
        value = []
        for user in page:
            shown = self._selected(user, query.get("$select"))
            if isinstance(shown, Reply):
                return shown
            value.append(shown)
        body: dict[str, Any] = {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "value": value,
        }
        if start + top < len(users):
            options = {k: v for k, v in query.items() if k != "$skiptoken"}
            options["$skiptoken"] = str(start + top)
            body["@odata.nextLink"] = f"{self.url}/v1.0/users?{urlencode(options)}"
        return Reply(200, body)

    def _get(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        user = self.users.get(match["id"])
        if user is None:
            return self._missing(match["id"])
        shown = self._selected(user, request.query.get("$select"))
        return shown if isinstance(shown, Reply) else Reply(200, shown)

    def _missing(self, user_id: str) -> Reply:
        return graph_error(
            404,
            "Request_ResourceNotFound",
            f"Resource '{user_id}' does not exist or one of its queried reference-property "
            "objects are not present.",
        )

    def _check(self, body: dict[str, Any]) -> Reply | None:
        unknown = [k for k in body if not self._known(k) and k != "displayName"]
        if unknown:
            return graph_error(
                400,
                "Request_BadRequest",
                f"Property '{unknown[0]}' does not exist as a declared property or "
                "extension property.",
            )
        profile = body.get("passwordProfile")
        if (
            profile is not None
            and "password" in profile
            and not _complex_enough(str(profile["password"]))
        ):
            return graph_error(
                400,
                "Request_BadRequest",
                "The specified password does not comply with password complexity requirements. "
                "Please provide a different password.",
            )
        for name, multi in self.extensions.items():
            value = body.get(name)
            if value is not None and isinstance(value, list) != multi:
                return graph_error(
                    400,
                    "Request_BadRequest",
                    f"Invalid value specified for property '{name}' of resource 'User'.",
                )
        return None

    def _apply(self, user: dict[str, Any], body: dict[str, Any]) -> None:
        for key, value in body.items():
            if key == "passwordProfile":
                if "password" in value:
                    self.passwords[user["id"]] = value["password"]
                if "forceChangePasswordNextSignIn" in value and not self.drop_force_change_next:
                    user["passwordProfile"]["forceChangePasswordNextSignIn"] = bool(
                        value["forceChangePasswordNextSignIn"]
                    )
                self.drop_force_change_next = False
            elif value is None or value == []:
                user.pop(key, None)
            else:
                user[key] = copy.deepcopy(value)

    def _patch(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        user = self.users.get(match["id"])
        if user is None:
            return self._missing(match["id"])
        body = request.json() or {}
        problem = self._check(body)
        if problem:
            return problem
        self._apply(user, body)
        return Reply(204)

    def _create(self, request: Request, _match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        body = request.json() or {}
        required = (
            "accountEnabled",
            "displayName",
            "mailNickname",
            "userPrincipalName",
            "passwordProfile",
        )
        missing = [name for name in required if name not in body]
        if missing:
            return graph_error(400, "Request_BadRequest", f"Property '{missing[0]}' is required.")
        problem = self._check(body)
        if problem:
            return problem
        if any(u["userPrincipalName"] == body["userPrincipalName"] for u in self.users.values()):
            return graph_error(
                400,
                "Request_BadRequest",
                "Another object with the same value for property userPrincipalName already exists.",
            )
        user_id = str(uuid.uuid4())
        user: dict[str, Any] = {
            "id": user_id,
            "createdDateTime": _now(),
            "passwordProfile": {"forceChangePasswordNextSignIn": False, "password": None},
        }
        self.users[user_id] = user
        self.methods[user_id] = [self._password_method()]
        self._apply(user, body)
        shown = self._selected(user, None)
        return Reply(201, shown if not isinstance(shown, Reply) else {})

    def _revoke(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        if match["id"] not in self.users:
            return self._missing(match["id"])
        self.revoked[match["id"]] = self.revoked.get(match["id"], 0) + 1
        return Reply(
            200,
            {
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean",
                "value": True,
            },
        )

    def _list_methods(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request, METHODS_ROLE)
        if refused:
            return refused
        if match["id"] not in self.users:
            return self._missing(match["id"])
        return Reply(
            200, {"@odata.context": "...", "value": copy.deepcopy(self.methods[match["id"]])}
        )

    def _delete_method(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request, METHODS_ROLE)
        if refused:
            return refused
        user_id, segment, method_id = match["id"], match["segment"], match["mid"]
        if user_id not in self.users:
            return self._missing(user_id)
        kind = SEGMENTS.get(segment)
        if kind is None:
            return self.not_found(request)
        methods = self.methods[user_id]
        target = next(
            (
                m
                for m in methods
                if m["id"] == method_id
                and m["@odata.type"] == f"#microsoft.graph.{kind}AuthenticationMethod"
            ),
            None,
        )
        if target is None:
            return graph_error(
                404, "itemNotFound", "The requested authentication method was not found."
            )
        if method_id == MOBILE and self._has(user_id, ALTERNATE_MOBILE):
            return graph_error(
                400,
                "badRequest",
                "Cannot delete the mobile phone method while an alternate mobile phone method "
                "exists.",
            )
        methods.remove(target)
        return Reply(204)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
