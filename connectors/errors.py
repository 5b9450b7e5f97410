"""The project's own error kinds for everything that talks to another system.

    ConnectorError                 base: something outside ticketworker failed
    ├── TransientError             connection refused/reset, timeout, HTTP 5xx: try again later
    │   └── RateLimited            HTTP 429: try again after ``retry_after`` seconds
    ├── PermanentError             HTTP 4xx other than auth, malformed answers: retrying won't help
    └── AuthError                  HTTP 401/403: credentials are wrong or lack a right

HTTP connectors translate library exceptions into these at one place (``connectors.http``);
callers (the pipeline, Celery tasks) only ever see these kinds.  Celery retries the whole step
on ``TransientError``/``RateLimited`` and gives up on ``PermanentError``/``AuthError``.
"""

from __future__ import annotations


class ConnectorError(Exception):
    """Base class: a call to another system failed."""

    #: True when repeating the same call later can succeed.
    retryable: bool = False


class TransientError(ConnectorError):
    """The other system was unreachable, slow or failing (connection errors, timeouts, 5xx)."""

    retryable = True


class RateLimited(TransientError):
    """The other system asked us to slow down (HTTP 429)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        #: Seconds the server asked us to wait, when it said (``Retry-After``).
        self.retry_after = retry_after


class PermanentError(ConnectorError):
    """The request itself is wrong (4xx other than auth, unexpected or malformed answer)."""


class AuthError(PermanentError):
    """Credentials were refused or lack a right (HTTP 401/403)."""


class ConfigurationError(ValueError):
    """A connector's configuration cannot work (no credentials, a URL it cannot use).

    Raised while building a connector, before any call; the message says which setting and
    never carries a secret.  A ValueError, as these were before the kind existed.
    """
