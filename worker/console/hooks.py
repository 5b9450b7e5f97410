"""``POST /hooks/{kind}``: where the help-desk's webhook delivers (no login, no CSRF).

The delivery is verified (signature or shared token, freshness, never seen before) and then
only asks for a poll; it answers at once (202) and the work happens in the worker.  Nothing of
the payload is logged or kept.  A delivery for another kind than the configured help-desk is
404, a forged or replayed one 401, an oversized one 413.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from connectors.errors import ConnectorError
from connectors.helpdesk.webhooks import WebhookRefused

from ..webhooks import WebhookReceiver

log = logging.getLogger(__name__)
router = APIRouter()
#: A webhook says "ticket N changed": it never needs more than this.
MAX_BODY = 256 * 1024


@router.post("/hooks/{kind}")
async def webhook(kind: str, request: Request) -> Response:
    receiver: WebhookReceiver | None = getattr(request.app.state, "webhooks", None)
    if receiver is None or kind != receiver.kind:
        return JSONResponse({"error": "no webhook for this help-desk here"}, status_code=404)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return JSONResponse({"error": "too large"}, status_code=413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
    try:
        receiver.receive(dict(request.headers), body)
    except WebhookRefused as exc:
        log.warning("webhook %s refused: %s", kind, exc.message)
        return JSONResponse({"error": "refused"}, status_code=401)
    except ConnectorError as exc:  # the broker is down: the help-desk retries, the poll too
        log.warning("webhook %s not queued (%s)", kind, type(exc).__name__)
        return JSONResponse({"error": "try again"}, status_code=503)
    return JSONResponse({"accepted": True}, status_code=202)
