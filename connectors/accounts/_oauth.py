"""OAuth access tokens for the cloud stores: fetched on first use, renewed before expiry."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import requests
from pydantic import SecretStr
from requests.auth import AuthBase

from connectors.http import HttpClient, RetryPolicy, Timeouts

# Renew this long before the token's stated expiry (clock skew, a request in flight).
_EARLY_RENEWAL_SECONDS = 120.0

#: Fetches a token: the token and its lifetime in seconds.
TokenSource = Callable[[], tuple[SecretStr, float]]


class CachedToken(AuthBase):
    """``Authorization: Bearer <token>`` from a :data:`TokenSource`, cached until near expiry."""

    def __init__(self, source: TokenSource) -> None:
        self._source = source
        self._token: SecretStr | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def token(self) -> SecretStr:
        with self._lock:
            if self._token is None or time.monotonic() >= self._expires:
                token, lifetime = self._source()
                self._token = token
                self._expires = time.monotonic() + max(lifetime - _EARLY_RENEWAL_SECONDS, 0.0)
            return self._token

    def invalidate(self) -> None:
        """Forget the token (the API refused it: revoked, or the clock was wrong)."""
        with self._lock:
            self._token = None

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self.token().get_secret_value()}"
        return request

    def __repr__(self) -> str:
        return "CachedToken(token=**********)"


def origin_client(url: str, timeouts: Timeouts | None, retry: RetryPolicy | None) -> HttpClient:
    """An :class:`HttpClient` for the scheme, host and port of ``url`` (a token endpoint)."""
    parts = urlsplit(url)
    return HttpClient(f"{parts.scheme}://{parts.netloc}", timeouts=timeouts, retry=retry)


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A response header by name, ignoring case (the decoded answer keeps the server's case)."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)
