"""What the cloud account stores (Google Workspace, Microsoft Entra) share.

A cloud directory has no table of our own, so the portal's state lives on the user object
itself, in fields the district creates for it (a Google custom schema, Entra directory
extension attributes): the claim flag, hashed challenge answers, the hash of the current
password and the recent ones (the 90-day rule), and the idempotency keys of recent resets.
:class:`PortalState` is that state and its encoding into plain field values.

:class:`CloudAccountStore` holds everything that does not depend on the vendor: the reset
sequence with its read-backs, the student's side of the portal, the roster operations and
the backoff on rate limits.  A vendor subclass implements the ``_find``/``_get``/``_write``
family against its API.

The reset sequence (every step is safe to repeat, so a redelivered job simply runs again):

1. find the account by student ID; a key already recorded on it answers at once;
2. lock the sign-in out: a unique random password the student must change, sessions
   revoked, second factors and recovery details removed (vendor-specific);
3. read back; what is still set is sent again once (an SDK once silently dropped
   ``forceChangePasswordNextSignIn``: the read-back decides, not the answer);
4. write the portal state: unclaimed, answers and password hash cleared, the key recorded;
5. read back again and report what was read.  An answer lost on the way (the connection
   dropped after the write) is settled by this read.

The key is written last, so a key found on an account means the lock-out was complete.
"""

from __future__ import annotations

import hashlib
import logging
import random
import secrets
import string
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from pydantic import SecretStr

from connectors.checks import Check
from connectors.errors import ConnectorError, PermanentError, RateLimited, TransientError
from connectors.http import HttpClient, JsonResponse, RetryPolicy, Timeouts

from . import _bulk
from ._core import Clock, utc_now
from ._oauth import CachedToken
from ._rules import (
    PortalPolicy,
    names_match,
    normalise_password,
    password_is_weak,
    prepare_answers,
    question_key,
    refusal_message,
)
from .base import (
    Account,
    AccountNames,
    AccountSummary,
    ClaimOutcome,
    PasswordOutcome,
    Refusal,
    ResetKind,
    ResetOutcome,
    is_valid_student_id,
)
from .config import PortalFieldNames

log = logging.getLogger(__name__)

T = TypeVar("T")

KEY_LENGTH = 200
# Recent reset keys kept on an account: a redelivery arrives within minutes or hours, and
# a student is rarely reset more than a few times a year.
KEYS_KEPT = 20
# Passwords kept for the history rule beyond the window's own pruning (field sizes are small).
HISTORY_KEPT = 12
_SEPARATOR = "|"

RESET_MESSAGES = {
    ResetKind.RESET: "Account reset: unclaimed, challenge answers and password cleared.",
    ResetKind.ALREADY_UNCLAIMED: "Account was not claimed; nothing to reset.",
    ResetKind.ALREADY_APPLIED: "This reset request was already applied; nothing changed.",
    ResetKind.UNKNOWN_ACCOUNT: "No portal account has this student ID.",
    ResetKind.DISABLED_ACCOUNT: "The portal account is disabled; it was not reset.",
}
_APPLIED = frozenset({ResetKind.RESET.value, ResetKind.ALREADY_UNCLAIMED.value})


class PasswordRefused(PermanentError):
    """The directory refused a password the student chose (its own complexity rules)."""


def reset_outcome(kind: ResetKind, applied_at: datetime | None = None) -> ResetOutcome:
    return ResetOutcome(kind=kind, message=RESET_MESSAGES[kind], applied_at=applied_at)


def unusable_password(length: int = 32) -> str:
    """A unique random secret meeting every complexity rule (upper, lower, digit, symbol).

    Never stored, shown or logged: it only makes the old password stop working.
    """
    symbols = "!#$%*+-=?@^_"
    alphabet = string.ascii_letters + string.digits + symbols
    chars = [
        secrets.choice(string.ascii_uppercase),
        secrets.choice(string.ascii_lowercase),
        secrets.choice(string.digits),
        secrets.choice(symbols),
    ]
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def question_digest(question: str) -> str:
    """A short stand-in for a question (field values are short; the text is not needed)."""
    return hashlib.sha256(question_key(question).encode()).hexdigest()[:16]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass(frozen=True)
class KeyRecord:
    key: str
    outcome: str
    at: datetime


@dataclass(frozen=True)
class PortalState:
    """The portal's state on one account, as stored in the mapped fields."""

    claimed: bool = False
    claimed_at: datetime | None = None
    #: ``"<question digest>:<argon2 hash of the normalised answer>"`` per question.
    answers: tuple[str, ...] = ()
    password_hash: str | None = None
    #: ``"<retired at>|<argon2 hash>"`` for recent passwords that are no longer current.
    history: tuple[str, ...] = ()
    keys: tuple[KeyRecord, ...] = ()
    last_reset_at: datetime | None = None

    def key_record(self, key: str) -> KeyRecord | None:
        return next((record for record in self.keys if record.key == key), None)

    def recent_hashes(self, now: datetime, days: int) -> list[str]:
        cutoff = now - timedelta(days=days)
        hashes = [self.password_hash] if self.password_hash else []
        for entry in self.history:
            retired, _, secret_hash = entry.partition(_SEPARATOR)
            when = _parse_time(retired)
            if when is not None and when >= cutoff and secret_hash:
                hashes.append(secret_hash)
        return hashes

    def with_key(self, key: str, outcome: ResetKind, now: datetime) -> PortalState:
        kept = (*self.keys, KeyRecord(key, outcome.value, now))[-KEYS_KEPT:]
        return replace(self, keys=kept)

    def retire_password(self, now: datetime, days: int) -> tuple[str, ...]:
        """The history after the current password stops being current now."""
        cutoff = now - timedelta(days=days)
        kept = [
            entry
            for entry in self.history
            if (when := _parse_time(entry.partition(_SEPARATOR)[0])) is not None and when >= cutoff
        ]
        if self.password_hash:
            kept.append(f"{now.isoformat()}{_SEPARATOR}{self.password_hash}")
        return tuple(kept[-HISTORY_KEPT:])

    def unclaimed(self, now: datetime, days: int) -> PortalState:
        return replace(
            self,
            claimed=False,
            claimed_at=None,
            answers=(),
            password_hash=None,
            history=self.retire_password(now, days),
            last_reset_at=now,
        )

    # -- encoding into the mapped fields -----------------------------------------------

    def to_fields(self, names: PortalFieldNames) -> dict[str, Any]:
        """Field name -> value; ``None`` or ``[]`` clears a field."""
        return {
            names.claimed: self.claimed,
            names.claimed_at: _iso(self.claimed_at),
            names.challenge_answers: list(self.answers),
            names.password_hash: self.password_hash,
            names.password_history: list(self.history),
            names.reset_keys: [
                _SEPARATOR.join((record.key, record.outcome, record.at.isoformat()))
                for record in self.keys
            ],
            names.last_reset_at: _iso(self.last_reset_at),
        }

    @classmethod
    def from_fields(cls, values: Mapping[str, Any], names: PortalFieldNames) -> PortalState:
        def strings(name: str) -> tuple[str, ...]:
            raw = values.get(name)
            if isinstance(raw, str):
                raw = [raw]
            return tuple(item for item in raw or () if isinstance(item, str) and item)

        keys: list[KeyRecord] = []
        for entry in strings(names.reset_keys):
            key, outcome, at = (entry.rsplit(_SEPARATOR, 2) + ["", ""])[:3]
            when = _parse_time(at)
            if key and outcome and when is not None:
                keys.append(KeyRecord(key, outcome, when))
        password_hash = values.get(names.password_hash)
        return cls(
            claimed=values.get(names.claimed) is True,
            claimed_at=_parse_time(values.get(names.claimed_at)),
            answers=strings(names.challenge_answers),
            password_hash=password_hash
            if isinstance(password_hash, str) and password_hash
            else None,
            history=strings(names.password_history),
            keys=tuple(keys),
            last_reset_at=_parse_time(values.get(names.last_reset_at)),
        )


@dataclass(frozen=True)
class CloudUser:
    """One user as read from the vendor's API, with the portal's state decoded."""

    user_id: str
    student_id: str
    first_name: str
    last_name: str
    disabled: bool
    created_at: datetime
    portal: PortalState
    #: True when the vendor will make the user choose a new password at the next sign-in.
    must_change_password: bool = False
    #: Sign-in factors or recovery details still set that a reset removes (names only).
    leftovers: tuple[str, ...] = field(default=())

    def account(self) -> Account:
        moments = [self.created_at, self.portal.claimed_at, self.portal.last_reset_at]
        return Account(
            student_id=self.student_id,
            first_name=self.first_name,
            last_name=self.last_name,
            claimed=self.portal.claimed,
            disabled=self.disabled,
            created_at=self.created_at,
            updated_at=max(moment for moment in moments if moment is not None),
            claimed_at=self.portal.claimed_at,
            last_reset_at=self.portal.last_reset_at,
        )


@dataclass(frozen=True)
class Backoff:
    """Retries after a rate-limit answer (Google: 403 rateLimitExceeded; both: 429).

    Without ``Retry-After`` the wait is Google's truncated exponential backoff:
    ``min(2**n + random, max_backoff)``.  A ``Retry-After`` longer than ``max_wait`` is
    handed to the caller (Celery waits instead of a blocked worker).
    """

    attempts: int = 5
    max_backoff: float = 32.0
    max_wait: float = 60.0


#: Statuses the vendors' error bodies explain; read by each store's ``_refusal``.
MAPPED_STATUSES = (400, 401, 403, 404, 409, 412, 429)


class CloudAccountStore(ABC):
    """:class:`~connectors.accounts.base.AccountStore` over a vendor's user API."""

    #: Shown in check names and errors ("Google Workspace", "Microsoft Entra").
    vendor: str = "cloud directory"
    #: Users per page of the vendor's listing (to weigh a listing against single searches).
    page_size: int = 500

    def __init__(
        self,
        *,
        api_url: str,
        fields: PortalFieldNames,
        password_history_days: int,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._fields = fields
        self.policy = policy or PortalPolicy(password_history_days=password_history_days)
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._sleep = sleep
        self._timeouts = timeouts
        self._retry = retry
        # The vendor's API through the one HTTP funnel, with a token fetched when first needed.
        self._token = CachedToken(self._fetch_token)
        self._api = HttpClient(
            api_url, auth=self._token, timeouts=timeouts, retry=retry, service=self.vendor
        )
        # Users seen by the last full listing (None before one): see _found_all.
        self._population: int | None = None

    def close(self) -> None:
        self._api.close()

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        missing_ok: bool = False,
    ) -> JsonResponse | None:
        """One API call; a 401 gets one fresh token (expired or revoked early), 404 may be None."""
        for attempt in range(2):
            response = self._api.request(
                method, path, params=params, json=json_body, allow_statuses=MAPPED_STATUSES
            )
            if response.status < 300:
                return response
            if response.status == 404 and missing_ok:
                return None
            if response.status == 401 and attempt == 0:
                self._token.invalidate()
                continue
            raise self._refusal(method, path, response)
        raise AssertionError("unreachable: the second attempt returns or raises")

    # -- what a vendor implements ----------------------------------------------------------

    @abstractmethod
    def _fetch_token(self) -> tuple[SecretStr, float]:
        """A new access token and its lifetime in seconds, from the vendor's token endpoint."""

    @abstractmethod
    def _refusal(self, method: str, path: str, response: JsonResponse) -> ConnectorError:
        """The error for an answer the vendor refused, from its documented error body."""

    @abstractmethod
    def _find(self, student_id: str) -> CloudUser | None:
        """The user carrying exactly this student ID; PermanentError when several do."""

    @abstractmethod
    def _get(self, user_id: str) -> CloudUser:
        """Read one user back by the vendor's own ID."""

    @abstractmethod
    def _write_portal(self, user: CloudUser, state: PortalState) -> None:
        """Store the portal's state on the user."""

    @abstractmethod
    def _lock_out(self, user: CloudUser) -> None:
        """Random password to change at next sign-in, sessions ended, factors removed."""

    @abstractmethod
    def _set_password(self, user: CloudUser, password: str) -> None:
        """The student's own new password (no change forced)."""

    @abstractmethod
    def _set_disabled(self, user: CloudUser, disabled: bool) -> None: ...

    @abstractmethod
    def _rename(self, user: CloudUser, first_name: str, last_name: str) -> None: ...

    @abstractmethod
    def _create(self, names: AccountNames, password: str, state: PortalState) -> bool:
        """Create an unclaimed, enabled user; False when one with its keys already exists."""

    @abstractmethod
    def _list_all(self) -> Iterator[CloudUser]:
        """Every user carrying a student ID, page by page (bounded), in any order.

        Each page is fetched through :meth:`_with_backoff`: a rate limit repeats one page,
        not the listing."""

    @abstractmethod
    def self_check(self) -> list[Check]: ...

    # -- plumbing ---------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        return now

    def _with_backoff(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``call``, waiting and retrying on rate limits as :class:`Backoff` says."""
        policy = self._backoff
        for attempt in range(policy.attempts):
            try:
                return call(*args, **kwargs)
            except RateLimited as exc:
                wait = exc.retry_after
                if wait is None:
                    wait = min(2.0**attempt + random.uniform(0, 1), policy.max_backoff)
                if wait > policy.max_wait or attempt == policy.attempts - 1:
                    raise
                log.warning("%s; try %d of %d in %.1f s", exc, attempt + 2, policy.attempts, wait)
                self._sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _user(self, student_id: str) -> CloudUser | None:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return None
        return self._with_backoff(self._find, student_id)

    # -- reset -----------------------------------------------------------------------------

    def lookup(self, student_id: str) -> Account | None:
        user = self._user(student_id)
        return None if user is None else user.account()

    def reset(
        self, student_id: str, *, idempotency_key: str, actor: str, reason: str
    ) -> ResetOutcome:
        if not idempotency_key or len(idempotency_key) > KEY_LENGTH:
            raise ValueError(f"idempotency_key must be 1..{KEY_LENGTH} characters")
        if _SEPARATOR in idempotency_key:
            raise ValueError(f"idempotency_key must not contain {_SEPARATOR!r}")
        user = self._user(student_id)
        if user is None:
            # Nowhere to record a key: an account created later is found unclaimed anyway.
            return reset_outcome(ResetKind.UNKNOWN_ACCOUNT)
        earlier = user.portal.key_record(idempotency_key)
        if earlier is not None:
            if earlier.outcome in _APPLIED:
                return reset_outcome(ResetKind.ALREADY_APPLIED, earlier.at)
            return reset_outcome(ResetKind(earlier.outcome))
        now = self._now()
        if user.disabled:
            kind = ResetKind.DISABLED_ACCOUNT
        elif not user.portal.claimed:
            kind = ResetKind.ALREADY_UNCLAIMED
        else:
            kind = ResetKind.RESET
            self._locked_out(user)
        state = user.portal
        if kind is ResetKind.RESET:
            state = state.unclaimed(now, self.policy.password_history_days)
        state = state.with_key(idempotency_key, kind, now)
        after = self._write_and_read_back(user, state)
        record = after.portal.key_record(idempotency_key)
        unclaimed = not after.portal.claimed and not after.portal.answers
        if record is None or (kind is ResetKind.RESET and not unclaimed):
            raise TransientError(f"{self.vendor}: the reset was not stored; it will be retried")
        log.debug("reset %s (%s): %s; %s, %s", student_id, actor, kind.value, reason, user.user_id)
        return reset_outcome(kind, record.at if kind.value in _APPLIED else None)

    def _locked_out(self, user: CloudUser) -> None:
        """Lock out, read back, send again once what the read shows is missing.

        A step that failed on the way (the answer lost, a sign-out that timed out) is sent
        again even when the read looks complete: not every step can be read back.
        """
        for attempt in range(2):
            failure: TransientError | None = None
            try:
                self._with_backoff(self._lock_out, user)
            except TransientError as exc:
                failure = exc
                log.warning("%s: %s; reading the account back", self.vendor, exc)
            after = self._with_backoff(self._get, user.user_id)
            missing = list(after.leftovers)
            if not after.must_change_password:
                missing.append("change password at next sign-in")
            if not missing and failure is None:
                return
            log.warning(
                "%s: reset try %d incomplete (%s)",
                self.vendor,
                attempt + 1,
                ", ".join(missing) or "a step failed",
            )
        if failure is not None:
            raise TransientError(
                f"{self.vendor}: the reset did not complete ({failure}); it will be retried"
            )
        raise TransientError(
            f"{self.vendor}: after the reset the account still has {', '.join(missing)}; "
            "the reset will be retried"
        )

    def _write_and_read_back(self, user: CloudUser, state: PortalState) -> CloudUser:
        try:
            self._with_backoff(self._write_portal, user, state)
        except TransientError as exc:
            # The write may have been applied with the answer lost: the read decides.
            log.warning("%s: %s; reading the account back", self.vendor, exc)
        return self._with_backoff(self._get, user.user_id)

    # -- the student's side ------------------------------------------------------------------

    def claim(
        self,
        student_id: str,
        first_name: str,
        last_name: str,
        challenge_answers: Mapping[str, str],
        password: str,
    ) -> ClaimOutcome:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return self._claim_refused(Refusal.BAD_ID_FORMAT)
        user = self._with_backoff(self._find, student_id)
        refusal = _identity_refusal(user, first_name, last_name)
        if refusal is not None or user is None:
            return self._claim_refused(refusal or Refusal.NOT_FOUND)
        answers = prepare_answers(challenge_answers)
        if answers is None:
            return self._claim_refused(Refusal.NEED_THREE_ANSWERS)
        password = normalise_password(password)
        now = self._now()
        refusal = self._password_refusal(password, student_id, user.portal, now)
        if refusal is not None:
            return self._claim_refused(refusal)
        # The password first: should the state write fail, the account stays unclaimed and
        # the student simply claims again.
        try:
            self._with_backoff(self._set_password, user, password)
        except PasswordRefused:
            return self._claim_refused(Refusal.WEAK_PASSWORD)
        state = replace(
            user.portal,
            claimed=True,
            claimed_at=now,
            answers=tuple(
                f"{question_digest(question)}:{self.policy.hash(answer)}"
                for question, answer in answers
            ),
            password_hash=self.policy.hash(password),
            history=user.portal.retire_password(now, self.policy.password_history_days),
        )
        after = self._write_and_read_back(user, state)
        if not after.portal.claimed:
            raise TransientError(f"{self.vendor}: the claim was not stored; try again")
        return ClaimOutcome(ok=True, message="Account claimed.")

    def answers_match(self, student_id: str, answers: Mapping[str, str]) -> bool:
        prepared = prepare_answers(answers)
        user = self._user(student_id)
        if prepared is None or user is None or not user.portal.claimed or user.disabled:
            return False
        stored = dict(entry.split(":", 1) for entry in user.portal.answers if ":" in entry)
        given = {question_digest(question): answer for question, answer in prepared}
        return len(stored) == len(given) and all(
            digest in given and self.policy.verify(answer_hash, given[digest])
            for digest, answer_hash in stored.items()
        )

    def set_password(self, student_id: str, password: str) -> PasswordOutcome:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return self._password_refused(Refusal.BAD_ID_FORMAT)
        user = self._with_backoff(self._find, student_id)
        if user is None:
            return self._password_refused(Refusal.NOT_FOUND)
        if user.disabled:
            return self._password_refused(Refusal.ACCOUNT_DISABLED)
        if not user.portal.claimed:
            return self._password_refused(Refusal.NOT_CLAIMED)
        password = normalise_password(password)
        now = self._now()
        refusal = self._password_refusal(password, student_id, user.portal, now)
        if refusal is not None:
            return self._password_refused(refusal)
        try:
            self._with_backoff(self._set_password, user, password)
        except PasswordRefused:
            return self._password_refused(Refusal.WEAK_PASSWORD)
        state = replace(
            user.portal,
            password_hash=self.policy.hash(password),
            history=user.portal.retire_password(now, self.policy.password_history_days),
        )
        self._write_and_read_back(user, state)
        return PasswordOutcome(ok=True, message="Password changed.")

    def log_in(self, student_id: str, password: str) -> bool:
        user = self._user(student_id)
        if user is None or not user.portal.claimed or user.disabled:
            return False
        current = user.portal.password_hash
        return current is not None and self.policy.verify(current, normalise_password(password))

    def _password_refusal(
        self, password: str, student_id: str, state: PortalState, now: datetime
    ) -> Refusal | None:
        if password_is_weak(password, student_id, self.policy):
            return Refusal.WEAK_PASSWORD
        recent = state.recent_hashes(now, self.policy.password_history_days)
        if any(self.policy.verify(old, password) for old in recent):
            return Refusal.PASSWORD_REUSED
        return None

    def _claim_refused(self, reason: Refusal) -> ClaimOutcome:
        return ClaimOutcome(ok=False, reason=reason, message=refusal_message(reason, self.policy))

    def _password_refused(self, reason: Refusal) -> PasswordOutcome:
        message = refusal_message(reason, self.policy)
        return PasswordOutcome(ok=False, reason=reason, message=message)

    # -- roster reconciliation -------------------------------------------------------------

    def all_accounts(self) -> Iterator[AccountSummary]:
        # Neither API sorts by a student-ID field, so the summaries (small records, about
        # 100 bytes each) are gathered and sorted; the users themselves are read page by page.
        summaries = [
            AccountSummary(
                user.student_id, user.first_name, user.last_name, user.portal.claimed, user.disabled
            )
            for user in self._list_all()
            # Staff and other users without a portal-format student ID are not accounts.
            if is_valid_student_id(user.student_id)
        ]
        summaries.sort(key=lambda summary: summary.student_id)
        self._population = len(summaries)
        for previous, current in zip(summaries, summaries[1:], strict=False):
            if previous.student_id == current.student_id:
                raise PermanentError(
                    f"{self.vendor}: two accounts carry one student ID; fix the directory"
                )
        yield from summaries

    def create_unclaimed(self, accounts: Iterable[AccountNames]) -> int:
        records = _bulk.checked_names(accounts)
        existing = self._found_all([record.student_id for record in records])
        created = 0
        for record in records:
            if record.student_id in existing:
                continue
            if self._with_backoff(self._create, record, unusable_password(), PortalState()):
                created += 1
        return created

    def update_names(self, changes: Iterable[AccountNames]) -> int:
        records = _bulk.checked_names(changes)
        found = self._found_all([record.student_id for record in records])
        for record in records:
            user = found.get(record.student_id)
            if user is not None and (user.first_name, user.last_name) != (
                record.first_name,
                record.last_name,
            ):
                self._with_backoff(self._rename, user, record.first_name, record.last_name)
        return len(found)

    def disable(self, student_ids: Iterable[str]) -> int:
        return self._set_disabled_all(student_ids, True)

    def enable(self, student_ids: Iterable[str]) -> int:
        return self._set_disabled_all(student_ids, False)

    def _set_disabled_all(self, student_ids: Iterable[str], disabled: bool) -> int:
        changed = 0
        for user in self._found_all(_bulk.checked_ids(student_ids)).values():
            if user.disabled != disabled:
                self._with_backoff(self._set_disabled, user, disabled)
                changed += 1
        return changed

    def _found_all(self, student_ids: Sequence[str]) -> dict[str, CloudUser]:
        """The users carrying these student IDs, by student ID.

        One search each, or one listing of everyone when the last listing showed that to
        take fewer requests (a reconciliation batch of hundreds against a small district).
        """
        pages = None if self._population is None else self._population // self.page_size + 1
        if pages is None or pages >= len(student_ids):
            searched = {sid: self._with_backoff(self._find, sid) for sid in student_ids}
            return {sid: user for sid, user in searched.items() if user is not None}
        wanted = set(student_ids)
        found: dict[str, CloudUser] = {}
        population = 0
        for user in self._list_all():
            population += 1
            if user.student_id not in wanted:
                continue
            if user.student_id in found:
                raise PermanentError(
                    f"{self.vendor}: two accounts carry one student ID; fix the directory"
                )
            found[user.student_id] = user
        self._population = population
        return found

    # -- checks --------------------------------------------------------------------------

    def _check(self, name: str, probe: Callable[[], str], fix: str) -> Check:
        """Run one probe; a connector error becomes a failed check (never raised)."""
        try:
            return Check(name, True, probe())
        except ConnectorError as exc:
            return Check(name, False, str(exc), fix)


def _identity_refusal(user: CloudUser | None, first_name: str, last_name: str) -> Refusal | None:
    if user is None:
        return Refusal.NOT_FOUND
    if user.disabled:
        return Refusal.ACCOUNT_DISABLED
    if not names_match(first_name, last_name, user.first_name, user.last_name):
        return Refusal.WRONG_NAME
    if user.portal.claimed:
        return Refusal.ALREADY_CLAIMED
    return None


def single_match(users: Sequence[CloudUser], vendor: str) -> CloudUser | None:
    """The one user found, None for none; two users with one student ID is not guessed at."""
    if len(users) > 1:
        raise PermanentError(f"{vendor}: {len(users)} accounts carry this student ID; fix it")
    return users[0] if users else None
