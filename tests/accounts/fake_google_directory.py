"""A local Google Admin SDK Directory API, behaving as Google's reference documents it.

* ``POST /token``: the service-account JWT bearer grant
  (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).  The
  RS256 signature is verified with the public key of the key pair the test generated; ``aud``
  must be this token URI, the token short-lived, ``sub`` a delegated admin, the scopes
  delegated.  Errors as the token endpoint sends them:
  ``{"error": "invalid_grant" | "unauthorized_client", "error_description": ...}``.
* ``/admin/directory/v1/users``: list (``customer``, ``query``, ``maxResults`` <= 500,
  ``pageToken`` -> ``nextPageToken``, ``projection``), get, insert, update (patch semantics),
  ``signOut``, ``twoStepVerification/turnOff``, and ``customer/{c}/schemas/{key}``.
* Error bodies ``{"error": {"code", "message", "errors": [{"message", "domain", "reason"}],
  "status"}}``: 401 ``authError``, 403 ``insufficientPermissions``, 404 ``notFound``, 409
  ``duplicate``, 400 ``invalid``; quota answers (403 ``rateLimitExceeded``, 429) are planned
  with :meth:`FakeApi.fail_next` and :func:`rate_limited`.

:meth:`FakeGoogleDirectory.sign_in` stands for Google's sign-in page: True when the password
is the account's current one and the account is not suspended.
"""

from __future__ import annotations

import base64
import copy
import json
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from re import Match
from typing import Any

import google.auth.jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .fake_api import FakeApi, Reply, Request

USER_SCOPE = "https://www.googleapis.com/auth/admin.directory.user"
SECURITY_SCOPE = "https://www.googleapis.com/auth/admin.directory.user.security"
SCHEMA_SCOPE = "https://www.googleapis.com/auth/admin.directory.userschema.readonly"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
USERS = r"/admin/directory/v1/users"
USER = USERS + r"/(?P<key>[^/]+)"
MULTI_VALUED = ("challengeAnswers", "passwordHistory", "resetKeys")


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str


@cache
def key_pair(name: str) -> KeyPair:
    """An RSA key pair generated once per test session per name ("good", "wrong")."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return KeyPair(private_pem, public_pem)


def google_error(code: int, message: str, reason: str, status: str) -> Reply:
    return Reply(
        code,
        {
            "error": {
                "code": code,
                "message": message,
                "errors": [{"message": message, "domain": "global", "reason": reason}],
                "status": status,
            }
        },
    )


def rate_limited(reason: str = "rateLimitExceeded", status: int = 403) -> Reply:
    """Google's quota answer (403 rateLimitExceeded/userRateLimitExceeded, or 429)."""
    message = "Rate Limit Exceeded" if status == 403 else "Too Many Requests"
    return google_error(status, message, reason, "RESOURCE_EXHAUSTED")


def _not_found() -> Reply:
    return google_error(404, "Resource Not Found: userKey", "notFound", "NOT_FOUND")


class FakeGoogleDirectory(FakeApi):
    """One Google Workspace customer with a service account delegated for one admin."""

    CLIENT_EMAIL = "ticketworker@district-project.iam.gserviceaccount.com"
    ADMIN = "admin@district.example.org"

    def __init__(self, *, schema_fields: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.public_pem = key_pair("good").public_pem
        self.delegated_scopes = {USER_SCOPE, SECURITY_SCOPE, SCHEMA_SCOPE}
        self.users: dict[str, dict[str, Any]] = {}
        self.passwords: dict[str, str] = {}
        self.sign_outs: dict[str, int] = {}
        self.tokens: dict[str, tuple[float, set[str]]] = {}
        fields = schema_fields or (
            "claimed",
            "claimedAt",
            "challengeAnswers",
            "passwordHash",
            "passwordHistory",
            "resetKeys",
            "lastResetAt",
        )
        self.schemas: dict[str, list[dict[str, Any]]] = {
            "StudentPortal": [
                {
                    "fieldName": name,
                    "fieldType": "BOOL" if name == "claimed" else "STRING",
                    "multiValued": name in MULTI_VALUED,
                }
                for name in fields
            ]
        }
        self._next_id = 100000000000000000000
        #: Users per page the server returns at most (Google may return fewer than asked).
        self.page_limit = 500
        self.route("POST", r"/token", self._token)
        self.route("GET", USERS, self._list)
        self.route("POST", USERS, self._insert)
        self.route("GET", USER, self._get)
        self.route("PUT", USER, self._update)
        self.route("POST", USER + r"/signOut", self._sign_out)
        self.route("POST", USER + r"/twoStepVerification/turnOff", self._turn_off_2sv)
        self.route(
            "GET", r"/admin/directory/v1/customer/(?P<c>[^/]+)/schemas/(?P<s>[^/]+)", self._schema
        )

    # -- what tests use directly -------------------------------------------------------------

    def key_file(self, folder: Path, *, pair: str = "good") -> Path:
        """A service-account key file whose ``token_uri`` points here."""
        path = folder / f"google-key-{pair}.json"
        info = {
            "type": "service_account",
            "project_id": "district-project",
            "private_key_id": "k1",
            "private_key": key_pair(pair).private_pem,
            "client_email": self.CLIENT_EMAIL,
            "client_id": "1234567890",
            "token_uri": f"{self.url}/token",
        }
        path.write_text(json.dumps(info), encoding="utf-8")
        return path

    def add_user(
        self,
        student_id: str,
        first_name: str,
        last_name: str,
        *,
        password: str = "",
        suspended: bool = False,
        recovery_email: str = "",
        recovery_phone: str = "",
        two_step: bool = False,
    ) -> str:
        with self.lock:
            user_id = self._new_id()
            self.users[user_id] = {
                "kind": "admin#directory#user",
                "id": user_id,
                "primaryEmail": f"{student_id}@students.example.org",
                "name": {"givenName": first_name, "familyName": last_name},
                "suspended": suspended,
                "changePasswordAtNextLogin": False,
                "isEnrolledIn2Sv": two_step,
                "recoveryEmail": recovery_email,
                "recoveryPhone": recovery_phone,
                "externalIds": [{"type": "organization", "value": student_id}],
                "orgUnitPath": "/Students",
                "creationTime": _now(),
            }
            self.passwords[user_id] = password or secrets.token_urlsafe(16)
            return user_id

    def user_by_student(self, student_id: str) -> dict[str, Any] | None:
        with self.lock:
            for user in self.users.values():
                if {"type": "organization", "value": student_id} in user.get("externalIds", []):
                    return copy.deepcopy(user)
        return None

    def sign_in(self, student_id: str, password: str) -> bool:
        with self.lock:
            user = self.user_by_student(student_id)
            if user is None or user.get("suspended"):
                return False
            return secrets.compare_digest(self.passwords.get(user["id"], ""), password)

    # -- the token endpoint ------------------------------------------------------------------

    def _token(self, request: Request, _match: Match[str]) -> Reply:
        form = request.form()
        if form.get("grant_type") != JWT_BEARER:
            return Reply(
                400,
                {"error": "unsupported_grant_type", "error_description": "Invalid grant_type: "},
            )
        try:
            claims = google.auth.jwt.decode(
                form.get("assertion", ""), certs=self.public_pem, audience=f"{self.url}/token"
            )
        except ValueError as exc:
            description = (
                "Invalid JWT Signature."
                if "signature" in str(exc).lower()
                else (
                    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                    "reasonable timeframe. Check your iat and exp values in the JWT claim."
                )
            )
            return Reply(400, {"error": "invalid_grant", "error_description": description})
        if claims.get("exp", 0) - claims.get("iat", 0) > 3600:
            return Reply(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Invalid JWT: Token must be a short-lived token "
                    "(60 minutes)",
                },
            )
        scopes = set(str(claims.get("scope", "")).split())
        if (
            claims.get("iss") != self.CLIENT_EMAIL
            or claims.get("sub") != self.ADMIN
            or not scopes
            or not scopes <= self.delegated_scopes
        ):
            return Reply(
                401,
                {
                    "error": "unauthorized_client",
                    "error_description": "Client is unauthorized to retrieve access tokens "
                    "using this method, or client not authorized for any of the scopes "
                    "requested.",
                },
            )
        token = "ya29." + secrets.token_urlsafe(32)
        self.tokens[token] = (time.time() + 3599, scopes)
        return Reply(200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    def _authorised(self, request: Request, scope: str = USER_SCOPE) -> Reply | None:
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else ""
        grant = self.tokens.get(token)
        if grant is None or grant[0] < time.time():
            return Reply(
                401,
                {
                    "error": {
                        "code": 401,
                        "message": "Request had invalid authentication credentials. Expected "
                        "OAuth 2 access token, login cookie or other valid authentication "
                        "credential.",
                        "errors": [
                            {
                                "message": "Invalid Credentials",
                                "domain": "global",
                                "reason": "authError",
                                "location": "Authorization",
                                "locationType": "header",
                            }
                        ],
                        "status": "UNAUTHENTICATED",
                    }
                },
            )
        if scope not in grant[1]:
            return google_error(
                403,
                "Request had insufficient authentication scopes.",
                "insufficientPermissions",
                "PERMISSION_DENIED",
            )
        return None

    # -- users ---------------------------------------------------------------------------------

    def _find_key(self, key: str) -> str | None:
        if key in self.users:
            return key
        return next((i for i, u in self.users.items() if u["primaryEmail"] == key), None)

    def _shown(self, user: dict[str, Any], projection: str) -> dict[str, Any]:
        shown = copy.deepcopy(user)
        if projection == "basic":
            shown.pop("customSchemas", None)
        return shown

    def _matches(self, user: dict[str, Any], query: str) -> bool:
        """The clauses ticketworker uses, from the search-users guide: ``field=value`` is
        an exact match, ``field:value`` a "contains" match."""
        if not query:
            return True
        found = re.fullmatch(r"([\w.]+)([=:])'?([^']*)'?", query)
        if found is None:
            return False
        field, operator, wanted = found.groups()
        if field == "externalId":
            values = [str(entry.get("value")) for entry in user.get("externalIds", [])]
        else:
            schema, _, name = field.partition(".")
            values = [str((user.get("customSchemas") or {}).get(schema, {}).get(name))]
        if operator == "=":
            return wanted in values
        return any(wanted in value for value in values)

    def _list(self, request: Request, _match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        query = request.query
        if "customer" not in query and "domain" not in query:
            return google_error(400, "Bad Request", "badRequest", "INVALID_ARGUMENT")
        size = int(query.get("maxResults", "100"))
        if not 1 <= size <= 500:
            return google_error(400, "Invalid Input: maxResults", "invalid", "INVALID_ARGUMENT")
        start = (
            int(base64.urlsafe_b64decode(query["pageToken"]).decode())
            if "pageToken" in query
            else 0
        )
        found = sorted(
            (u for u in self.users.values() if self._matches(u, query.get("query", ""))),
            key=lambda u: u["primaryEmail"],
        )
        size = min(size, self.page_limit)
        page = found[start : start + size]
        body: dict[str, Any] = {
            "kind": "admin#directory#users",
            "etag": '"fake"',
            "users": [self._shown(u, query.get("projection", "basic")) for u in page],
        }
        if start + size < len(found):
            body["nextPageToken"] = base64.urlsafe_b64encode(str(start + size).encode()).decode()
        if not page:
            body.pop("users")
        return Reply(200, body)

    def _get(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        user_id = self._find_key(match["key"])
        if user_id is None:
            return _not_found()
        return Reply(
            200, self._shown(self.users[user_id], request.query.get("projection", "basic"))
        )

    def _check_password(self, body: dict[str, Any]) -> Reply | None:
        password = body.get("password")
        if password is None:
            return None
        if not isinstance(password, str) or not 8 <= len(password) <= 100 or not password.isascii():
            return google_error(400, "Invalid Password", "invalid", "INVALID_ARGUMENT")
        return None

    def _check_schemas(self, body: dict[str, Any]) -> Reply | None:
        for schema, values in (body.get("customSchemas") or {}).items():
            fields = {f["fieldName"]: f for f in self.schemas.get(schema, [])}
            if not fields:
                return google_error(
                    400, f"Invalid Input: custom schema {schema}", "invalid", "INVALID_ARGUMENT"
                )
            for name, value in values.items():
                if name not in fields:
                    return google_error(
                        400, f"Invalid Input: field {name}", "invalid", "INVALID_ARGUMENT"
                    )
                if value is not None and fields[name]["multiValued"] != isinstance(value, list):
                    return google_error(
                        400, f"Invalid Input: {name}", "invalid", "INVALID_ARGUMENT"
                    )
        return None

    def _apply(self, user: dict[str, Any], body: dict[str, Any]) -> None:
        for key, value in body.items():
            if key == "password":
                self.passwords[user["id"]] = value
            elif key == "customSchemas":
                stored = user.setdefault("customSchemas", {})
                for schema, values in value.items():
                    target = stored.setdefault(schema, {})
                    for name, field_value in values.items():
                        if field_value is None or field_value == [] or field_value == "":
                            target.pop(name, None)
                        else:
                            target[name] = field_value
            elif key == "name":
                user["name"].update(value)
            else:
                user[key] = value

    def _update(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        user_id = self._find_key(match["key"])
        if user_id is None:
            return _not_found()
        body = request.json() or {}
        problem = self._check_password(body) or self._check_schemas(body)
        if problem:
            return problem
        self._apply(self.users[user_id], body)
        return Reply(200, self._shown(self.users[user_id], "full"))

    def _insert(self, request: Request, _match: Match[str]) -> Reply:
        refused = self._authorised(request)
        if refused:
            return refused
        body = request.json() or {}
        name = body.get("name") or {}
        if (
            not body.get("primaryEmail")
            or not name.get("givenName")
            or not name.get("familyName")
            or not body.get("password")
        ):
            return google_error(400, "Invalid Input", "invalid", "INVALID_ARGUMENT")
        problem = self._check_password(body) or self._check_schemas(body)
        if problem:
            return problem
        if any(u["primaryEmail"] == body["primaryEmail"] for u in self.users.values()):
            return google_error(409, "Entity already exists.", "duplicate", "ALREADY_EXISTS")
        user_id = self._new_id()
        user: dict[str, Any] = {
            "kind": "admin#directory#user",
            "id": user_id,
            "primaryEmail": body["primaryEmail"],
            "name": {},
            "suspended": False,
            "changePasswordAtNextLogin": False,
            "isEnrolledIn2Sv": False,
            "creationTime": _now(),
        }
        self.users[user_id] = user
        self._apply(user, body)
        return Reply(200, self._shown(user, "full"))

    def _sign_out(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request, SECURITY_SCOPE)
        if refused:
            return refused
        user_id = self._find_key(match["key"])
        if user_id is None:
            return _not_found()
        self.sign_outs[user_id] = self.sign_outs.get(user_id, 0) + 1
        return Reply(204)

    def _turn_off_2sv(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request, SECURITY_SCOPE)
        if refused:
            return refused
        user_id = self._find_key(match["key"])
        if user_id is None:
            return _not_found()
        self.users[user_id]["isEnrolledIn2Sv"] = False
        return Reply(204)

    def _schema(self, request: Request, match: Match[str]) -> Reply:
        refused = self._authorised(request, SCHEMA_SCOPE)
        if refused:
            return refused
        fields = self.schemas.get(match["s"])
        if fields is None:
            return google_error(404, "Resource Not Found: schemaKey", "notFound", "NOT_FOUND")
        return Reply(
            200,
            {
                "kind": "admin#directory#schema",
                "schemaId": "schema-1",
                "schemaName": match["s"],
                "fields": [dict(f, kind="admin#directory#schema#fieldspec") for f in fields],
            },
        )

    def _new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
