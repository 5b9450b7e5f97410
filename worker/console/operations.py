"""Operations endpoints of the console: ``/metrics``, ``/healthz`` and ``/readyz``.

``/metrics`` needs ``Authorization: Bearer <TICKETWORKER_METRICS_TOKEN>``; with no token set it
answers 404, so an unconfigured console exposes nothing.  ``/readyz`` names the part that
failed (state database, broker, help-desk) and the error's kind, never a URL or a secret.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from .. import metrics
from ..settings import Settings

log = logging.getLogger(__name__)
router = APIRouter()


@dataclass
class Operations:
    """What the operations endpoints read: the state database, the token, readiness checks.

    Each check raises when its part is not ready; its name is what ``/readyz`` reports.
    """

    sessions: sessionmaker[Session]
    metrics_token: SecretStr | None = None
    checks: dict[str, Callable[[], None]] = field(default_factory=dict)


def _operations(request: Request) -> Operations:
    ops: Operations | None = getattr(request.app.state, "operations", None)
    if ops is None:
        from starlette.exceptions import HTTPException

        raise HTTPException(404, "not found")
    return ops


@router.get("/healthz")
def healthz() -> Response:
    # Alive means this process answers; it deliberately touches no database.
    return PlainTextResponse("ok")


@router.get("/readyz")
def readyz(request: Request) -> Response:
    ops = _operations(request)
    failed: dict[str, str] = {}
    for name, check in ops.checks.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 — any failure means "not ready", reported by kind
            # NotReady names the failed check; anything else only by its kind (no URLs).
            failed[name] = str(exc) if isinstance(exc, NotReady) else type(exc).__name__
            log.warning("readyz: %s not ready (%s)", name, type(exc).__name__)
    if failed:
        return JSONResponse({"ready": False, "failed": failed}, status_code=503)
    return JSONResponse({"ready": True, "checked": sorted(ops.checks)})


@router.get("/metrics")
def metrics_endpoint(request: Request) -> Response:
    ops = _operations(request)
    if ops.metrics_token is None:
        return PlainTextResponse("not found", status_code=404)
    expected = f"Bearer {ops.metrics_token.get_secret_value()}"
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return PlainTextResponse(
            "unauthorized", status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    return Response(metrics.scrape(ops.sessions), media_type=CONTENT_TYPE_LATEST)


class NotReady(Exception):
    """A part's check ran and failed; the message names the failed check, never a URL."""


#: The parts ``/readyz`` checks, by the name of ``ticketworker check --only``.
READY_PARTS = ("state-database", "broker", "help-desk")


def readiness_checks(settings: Settings) -> dict[str, Callable[[], None]]:
    """``/readyz``'s checks: the same ones ``ticketworker check`` runs for these parts."""
    from ..commands.check import run_checks

    def check(part: str) -> Callable[[], None]:
        def run() -> None:
            failed = [row.name for row in run_checks(settings, [part]) if not row.ok]
            if failed:
                raise NotReady(", ".join(failed))

        return run

    return {part: check(part) for part in READY_PARTS}
