"""The only module that creates the Celery app (``celery -A worker.celery_app``)."""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

from . import liveness as _liveness  # noqa: F401 - connects the worker's and beat's signals
from .logs import JsonFormatter, wants_json


def _json_logs_for_celery(logger: logging.Logger, **_: Any) -> None:
    # Celery installs its own handlers on the worker and beat: the JSON format goes on those.
    if wants_json():
        for handler in logger.handlers:
            handler.setFormatter(JsonFormatter())


after_setup_logger.connect(_json_logs_for_celery, weak=False)
after_setup_task_logger.connect(_json_logs_for_celery, weak=False)


app = Celery("ticketworker", include=["worker.tasks"])
app.config_from_object("celeryconfig")
