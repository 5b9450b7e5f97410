"""The project's own error kinds for everything that talks to another system.

    ConnectorError                 base: something outside ticketworker failed
    ├── TransientError             connection refused/reset, timeout, HTTP 5xx: try again later
    │   └── RateLimited            HTTP 429 (or a vendor's own "slow down"): after ``retry_after``
    ├── PermanentError             HTTP 4xx other than auth, malformed answers: retrying won't help
    └── AuthError                  HTTP 401/403: credentials are wrong or lack a right

``AuthError`` is not a ``PermanentError``: a refused credential says nothing about the ticket or
the student, so the work waits for a person to fix the credentials instead of being set aside.

Every error carries what an operator needs to act on it and nothing else: which service
(``service``), the HTTP status and the vendor's request id when there was an answer, and, for a
rate limit, how long the vendor asked us to wait.  Messages name paths and statuses, never a
secret, a ticket's text or a student's name (vendors' error bodies may echo what we sent, so they
are not copied in).  HTTP connectors get these from one place, ``connectors.http``; callers
(the pipeline, Celery tasks) only ever see these kinds.  Celery retries the step on
``TransientError``/``RateLimited`` and gives up on ``PermanentError``/``AuthError``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ConnectorError(Exception):
    """Base class: a call to another system failed."""

    #: True when repeating the same call later can succeed.
    retryable: ClassVar[bool] = False
    #: A short, stable name for the kind, for logs, metrics and ``--json`` output.
    kind: ClassVar[str] = "error"

    def __init__(
        self,
        message: str,
        *,
        service: str = "",
        status: int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: Which system failed ("Request Tracker", "Zendesk", "account store"...).
        self.service = service
        #: The HTTP status of the answer, when there was one.
        self.status = status
        #: The vendor's id for the request (``X-Request-Id`` and the like), for its support desk.
        self.request_id = request_id
        #: Seconds the other system asked us to wait before trying again, when it said.
        self.retry_after = retry_after

    def __str__(self) -> str:
        where = (
            f"{self.service}: "
            if self.service and not self.message.startswith(self.service)
            else ""
        )
        rid = f" (request id {self.request_id})" if self.request_id else ""
        return f"{where}{self.message}{rid}"

    def facts(self) -> dict[str, Any]:
        """The error as plain data (no secret, no student data), for logs and ``--json``."""
        return {
            "kind": self.kind,
            "retryable": self.retryable,
            "service": self.service,
            "status": self.status,
            "request_id": self.request_id,
            "retry_after": self.retry_after,
            "message": self.message,
        }


class TransientError(ConnectorError):
    """The other system was unreachable, slow or failing (connection errors, timeouts, 5xx)."""

    retryable = True
    kind = "transient"


class RateLimited(TransientError):
    """The other system asked us to slow down (HTTP 429, or a vendor's own signal)."""

    kind = "rate_limited"

    def __init__(
        self,
        message: str,
        retry_after: float | None = None,
        *,
        service: str = "",
        status: int | None = 429,
        request_id: str | None = None,
    ) -> None:
        super().__init__(
            message, service=service, status=status, request_id=request_id, retry_after=retry_after
        )


class PermanentError(ConnectorError):
    """The request itself is wrong (4xx other than auth, unexpected or malformed answer)."""

    kind = "permanent"


class AuthError(ConnectorError):
    """Credentials were refused or lack a right (HTTP 401/403): a person must fix them."""

    kind = "auth"


class ConfigurationError(ValueError):
    """A connector's configuration cannot work (no credentials, a URL it cannot use).

    Raised while building a connector, before any call; the message says which setting and
    never carries a secret.  A ValueError, as these were before the kind existed.
    """
