"""The technician review console (``ticketworker console``)."""

from .app import create_app

__all__ = ["create_app"]
