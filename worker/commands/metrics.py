"""``ticketworker metrics serve``: a Prometheus exporter beside the Celery processes.

Celery's prefork children each count their own calls; with ``PROMETHEUS_MULTIPROC_DIR`` set
(for the worker and this exporter alike) they write them to files there, and this exporter
adds them up.  The directory is emptied when the worker starts (``worker_command``).
"""

from __future__ import annotations

import logging
import time
from typing import Annotated

import typer

from ..db.session import make_engine, make_sessions
from ..settings import get_settings

log = logging.getLogger(__name__)
metrics_app = typer.Typer(no_args_is_help=True, help="Prometheus metrics for Celery processes.")


@metrics_app.command("serve")
def serve_command(
    port: Annotated[int, typer.Option(help="port to serve /metrics on")] = 9464,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
) -> None:
    """Serve /metrics: the workers' call counters and the state database's gauges."""
    from prometheus_client import start_http_server

    from ..metrics import registry_for_scrape

    sessions = make_sessions(make_engine(get_settings().database_url))
    server, thread = start_http_server(port, addr=host, registry=registry_for_scrape(sessions))
    log.info("metrics: serving http://%s:%d/metrics", host, port)
    try:
        while thread.is_alive():
            time.sleep(1)
    finally:
        server.shutdown()


@metrics_app.command("alive")
def alive_command(
    role: Annotated[str, typer.Option(help="worker or beat")] = "worker",
    max_age: Annotated[float, typer.Option(help="seconds the file may be old")] = 60.0,
) -> None:
    """Exit 0 when the worker's (or beat's) liveness file is fresh, else 1 (for probes)."""
    from ..liveness import age_seconds, alive_file

    if role not in ("worker", "beat"):
        typer.echo(f"--role: {role!r} is neither worker nor beat; fix: use --role worker or beat")
        raise typer.Exit(2)
    age = age_seconds(role)
    if age is None:
        typer.echo(f"{role}: not alive ({alive_file(role)} does not exist; is the {role} running?)")
        raise typer.Exit(1)
    if age > max_age:
        typer.echo(f"{role}: not alive ({alive_file(role)} last touched {age:.0f} s ago)")
        raise typer.Exit(1)
    typer.echo(f"{role}: alive ({age:.0f} s)")
