"""Liveness files for the Celery worker and beat (compose and Kubernetes probes).

Each process touches ``var/alive-<role>`` every few seconds from a daemon thread started once
the process is up; ``ticketworker metrics alive --role worker`` exits 1 when the file is older
than ``--max-age``.  A hung or dead process stops touching it; no broker or database is asked,
so a probe never restarts a healthy process because a dependency is away.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from celery.signals import beat_init, worker_ready

TOUCH_EVERY_SECONDS = 10.0


def alive_file(role: str) -> Path:
    from .settings import get_settings

    return get_settings().alive_dir / f"alive-{role}"


def touch_forever(path: Path, every: float, stop: threading.Event) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    while not stop.is_set():
        path.touch()
        stop.wait(every)


def start(role: str, every: float = TOUCH_EVERY_SECONDS) -> threading.Event:
    """Touch the role's file every ``every`` seconds until the returned event is set."""
    stop = threading.Event()
    path = alive_file(role)
    thread = threading.Thread(
        target=touch_forever, args=(path, every, stop), name=f"alive-{role}", daemon=True
    )
    thread.start()
    return stop


def age_seconds(role: str, now: float | None = None) -> float | None:
    """Seconds since the role's file was touched; None when it does not exist."""
    try:
        touched = alive_file(role).stat().st_mtime
    except FileNotFoundError:
        return None
    return (now if now is not None else time.time()) - touched


def _worker_alive(**_: Any) -> None:
    start("worker")


def _beat_alive(**_: Any) -> None:
    start("beat")


worker_ready.connect(_worker_alive, weak=False)
beat_init.connect(_beat_alive, weak=False)
