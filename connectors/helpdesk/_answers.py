"""What every help-desk connector says about its vendor's answers, bound to the vendor's name.

Each connector validates answers with pydantic models and takes only positive numbers as ticket
ids (they go into query languages and URL paths); a shape it did not expect is a
``PermanentError`` naming the fields, never their values (they may be ticket text).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import PermanentError

Model = TypeVar("Model", bound=BaseModel)


class VendorAnswers:
    """The refusals, answer checks and ticket-id checks of one help-desk."""

    def __init__(self, service: str, *, short: str = "", id_noun: str = "") -> None:
        #: The service errors name ("Request Tracker").
        self.service = service
        self._short = short or service
        self._id_noun = id_noun or f"a {self._short} ticket id"

    def refused(self, message: str) -> PermanentError:
        """A ``PermanentError`` naming the service that refused or answered oddly."""
        return PermanentError(message, service=self.service)

    def parse(self, model: type[Model], data: Any, what: str) -> Model:
        """Validate one answer; an unexpected shape is a PermanentError naming fields only."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
            raise self.refused(
                f"unexpected {self._short} answer for {what} (fields: {fields})"
            ) from None

    def number(self, ticket_id: str) -> int:
        """The positive number in ``ticket_id``; a PermanentError for anything else."""
        if not ticket_id.isascii() or not ticket_id.isdigit() or int(ticket_id) < 1:
            raise self.refused(f"not {self._id_noun}: {ticket_id!r}")
        return int(ticket_id)
