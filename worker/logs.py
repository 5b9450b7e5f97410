"""Log output: the usual text lines, or one JSON object a line (``TICKETWORKER_LOG_FORMAT=json``).

A JSON event carries time, level, logger and message, plus any ``extra=`` fields a call gives
(ticket row ids, counts).  Messages are the same ones the text format prints, so the rule
that holds for them holds here: no student's name or ID at INFO and above.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FORMAT_VARIABLE = "TICKETWORKER_LOG_FORMAT"

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                event[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info and record.levelno < logging.INFO:
            # Tracebacks can quote ticket text: only at DEBUG, like the text format's callers.
            event["traceback"] = self.formatException(record.exc_info)
        elif record.exc_info:
            event["error_kind"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(event, ensure_ascii=False)


def wants_json(environ: dict[str, str] | None = None) -> bool:
    value = (environ if environ is not None else os.environ).get(FORMAT_VARIABLE, "text")
    return value.strip().lower() == "json"


def formatter(environ: dict[str, str] | None = None) -> logging.Formatter:
    return JsonFormatter() if wants_json(environ) else logging.Formatter(TEXT_FORMAT)


def configure(level: int) -> None:
    """The root logger on stderr, in the configured format."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter())
    logging.basicConfig(level=level, handlers=[handler])
