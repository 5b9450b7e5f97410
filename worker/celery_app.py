"""The only module that creates the Celery app (``celery -A worker.celery_app``)."""

from __future__ import annotations

from celery import Celery

app = Celery("ticketworker", include=["worker.tasks"])
app.config_from_object("celeryconfig")
