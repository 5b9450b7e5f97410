"""A live worker renews the lease of the step it runs; a dead one stops renewing.

A step's lease only has to outlast two missed heartbeats, not the slowest step: a worker
killed with SIGKILL leaves a lease that ends seconds later, and the redelivered message or
the sweep takes the step over then, instead of after minutes (RELIABILITY R1, issue 17).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)


class Heartbeat:
    """Calls ``renew`` every ``every`` seconds in a thread while the ``with`` block runs.

    ``renew`` returns False once the lease is no longer ours (another run took it over
    after ours ran out): renewing stops, and the step's own guarded update decides.
    A renewal that fails (the database is away) is logged and tried at the next beat.
    """

    def __init__(self, what: str, renew: Callable[[], bool], every: float | None) -> None:
        self.what, self.renew, self.every = what, renew, every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.beats = 0

    def __enter__(self) -> Heartbeat:
        if self.every:
            self._thread = threading.Thread(
                target=self._beat, name=f"heartbeat {self.what}", daemon=True
            )
            self._thread.start()
        return self

    def _beat(self) -> None:
        assert self.every is not None
        while not self._stop.wait(self.every):
            try:
                if not self.renew():
                    log.warning("%s: the lease was taken over; no longer renewing it", self.what)
                    return
                self.beats += 1
            except Exception as exc:  # noqa: BLE001 - the step itself reports real failures
                log.warning(
                    "%s: could not renew the lease (%s); trying again in %.0f s",
                    self.what,
                    type(exc).__name__,
                    self.every,
                )

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=(self.every or 0) + 5)
