"""``ticketworker console``: serve the review console."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from ..settings import get_settings


def console_command(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
) -> None:
    """Serve the technician review console (put HTTPS in front of it beyond this machine)."""
    import uvicorn

    from ..console import create_app
    from ..console.operations import Operations, readiness_checks
    from ..console.security import session_secret
    from ..review import build_review_service
    from ..technicians import SessionPolicy, Technicians
    from .errors import require_schema

    settings = get_settings()
    require_schema(settings)
    review = build_review_service(settings)
    webhooks = None
    if settings.webhook_secret is not None:
        from ..wiring import webhook_receiver

        webhooks = webhook_receiver(settings)
    app = create_app(
        review,
        Technicians(review.pipeline.sessions),
        secret=session_secret(settings.console_secret, settings.console_secret_file),
        secure_cookie=settings.console_secure_cookie,
        session=SessionPolicy(
            lifetime=timedelta(hours=settings.console_session_hours),
            idle=timedelta(minutes=settings.console_idle_minutes),
        ),
        webhooks=webhooks,
        ops=Operations(
            review.pipeline.sessions, settings.metrics_token, readiness_checks(settings)
        ),
    )
    # Our own access log names routes, never query strings (they can hold student IDs).
    uvicorn.run(app, host=host, port=port, access_log=False, server_header=False)
