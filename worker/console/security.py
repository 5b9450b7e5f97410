"""The console's defences: the session secret, CSRF tokens, login throttling, headers.

The browser's cookie is Starlette's signed session (itsdangerous, HMAC with the secret from
settings): it holds a random session token, the CSRF token and short flash messages, never
student data, since a signed cookie is readable by whoever holds it.  Who is logged in is
decided on the server: the token must name a live row in ``console_sessions`` (see
:class:`~worker.technicians.Technicians`), so logging out, disabling a technician or
changing a password ends a session everywhere at once, and a copied cookie is worthless
after that.  Failed logins are counted in the database too, for every console process.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from pydantic import SecretStr

log = logging.getLogger(__name__)

CSRF_FIELD = "csrf_token"
MIN_SECRET_LENGTH = 32
#: Content-Security-Policy: no scripts at all, styles from the page itself, forms to us only.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Pages carry student data: never kept by the browser or a proxy.
    "Cache-Control": "no-store",
}


def session_secret(configured: SecretStr | None, file: Path) -> str:
    """The configured secret, else one kept in ``file`` (generated once, with a warning)."""
    if configured is not None:
        value = configured.get_secret_value()
        if len(value) < MIN_SECRET_LENGTH:
            raise ValueError(
                f"TICKETWORKER_CONSOLE_SECRET must have at least {MIN_SECRET_LENGTH} characters"
            )
        return value
    try:
        stored = file.read_text().strip()
        if len(stored) >= MIN_SECRET_LENGTH:
            return stored
    except FileNotFoundError:
        pass
    file.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    # Readable by this user only; written whole before anyone can read it.
    tmp = file.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value + "\n")
    os.replace(tmp, file)
    log.warning(
        "TICKETWORKER_CONSOLE_SECRET is not set: generated a session secret in %s; "
        "set the variable in production (sessions end when the secret changes)",
        file,
    )
    return value


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def require_csrf(request: Request) -> None:
    """Every POST carries the session's token in a form field, or is refused with 403."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    expected = request.session.get("csrf")
    if not (
        isinstance(sent, str)
        and isinstance(expected, str)
        and secrets.compare_digest(sent.encode(), expected.encode())
    ):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")


def safe_next(target: str | None) -> str:
    """Where to go after login: only a path on this site (no //host, no scheme)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


class SealedNotes:
    """Encrypts what a refused form said (a typed student ID, a message to the teacher) for
    the session cookie, so the page reached by redirect can show it again.

    The cookie is signed, not encrypted, and must carry no student data in the clear: this
    seals the note with a key derived from the session secret (Fernet: AES with an HMAC),
    and a note too large for a cookie loses its free text (the page says so)."""

    MAX_SEALED = 2500  # bytes: a browser keeps a cookie of at most 4 KB, signature included

    def __init__(self, secret: str) -> None:
        from cryptography.fernet import Fernet

        key = hashlib.sha256(b"ticketworker-console-refusal:" + secret.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, note: dict[str, Any]) -> str:
        sealed = self._fernet.encrypt(json.dumps(note).encode()).decode()
        if len(sealed) > self.MAX_SEALED and note.get("form"):
            short = {**note, "form": {}, "form_dropped": True}
            sealed = self._fernet.encrypt(json.dumps(short).encode()).decode()
        return sealed

    def unseal(self, sealed: object, max_age: int = 600) -> dict[str, Any] | None:
        from cryptography.fernet import InvalidToken

        if not isinstance(sealed, str):
            return None
        try:
            note = json.loads(self._fernet.decrypt(sealed.encode(), ttl=max_age))
        except (InvalidToken, ValueError):
            return None
        return note if isinstance(note, dict) else None
