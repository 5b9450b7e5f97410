"""What the ``ldap`` and ``active_directory`` stores share: ldap3 connection, error kinds,
finding accounts, reset by key with read-back, the roster's bulk work and the portal's flows.

A directory has no transactions, so every guarantee rests on single-entry atomic modifies:

* The reset record (``reset_key_attribute``: the entry's recent keys with outcome and time)
  is replaced by *delete old value, add new value* in the same modify that unclaims the
  account.  A concurrent writer changed the record first -> the modify fails as a whole
  and the reset runs again from a fresh read, where it finds its key.
* The password is made unusable *before* that modify: when the answer to the modify is
  lost, or the worker dies in between, the redelivery still finds the account claimed and
  repeats the whole reset; once the key is recorded nothing is ever changed again for it,
  so a stale redelivery after the student claimed again changes nothing.
* Every outcome is reported from the entry as read back after the write.

The subclasses say how the password is made unusable and how an account is disabled.
"""

from __future__ import annotations

import json
import logging
import math
import secrets
import ssl
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from ldap3 import (
    BASE,
    MODIFY_ADD,
    MODIFY_DELETE,
    MODIFY_REPLACE,
    NONE,
    SUBTREE,
    Connection,
    Server,
    Tls,
)
from ldap3.core import exceptions as ldap_errors
from ldap3.utils.conv import escape_filter_chars
from ldap3.utils.dn import escape_rdn

from connectors.checks import Check
from connectors.errors import AuthError, PermanentError, TransientError

from . import _bulk
from ._core import Clock, utc_now
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
from .config import DirectoryAccountsConfig

log = logging.getLogger(__name__)

Changes = dict[str, list[tuple[str, list[Any]]]]

RESET_MESSAGES = {
    ResetKind.RESET: "Account reset: unclaimed, challenge answers cleared, password unusable.",
    ResetKind.ALREADY_UNCLAIMED: "Account was not claimed; nothing to reset.",
    ResetKind.ALREADY_APPLIED: "This reset request was already applied; nothing changed.",
    ResetKind.UNKNOWN_ACCOUNT: "No directory account has this student ID.",
    ResetKind.DISABLED_ACCOUNT: "The directory account is disabled; it was not reset.",
}
_APPLIED = frozenset({ResetKind.RESET, ResetKind.ALREADY_UNCLAIMED})
# How many recent keys an entry remembers: a redelivery comes within hours, and a student
# is reset a few times a year at most.
KEPT_KEYS = 8
MAX_KEY_LENGTH = 64
_TIME_FORMAT = "%Y%m%d%H%M%SZ"


def generalized_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_generalized_time(text: str | None) -> datetime | None:
    """``20260901080000Z``, ``20260901080000.0Z`` (AD) -> aware datetime; None when absent."""
    if not text:
        return None
    whole = text.rstrip("Z").split(".", 1)[0]
    try:
        return datetime.strptime(whole, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


@dataclass(frozen=True)
class Entry:
    """One directory entry as read: DN and raw values, attribute names lower-cased."""

    dn: str
    values: Mapping[str, Sequence[bytes]]

    def text(self, attribute: str | None) -> str | None:
        if attribute is None:
            return None
        found = self.values.get(attribute.lower())
        return found[0].decode("utf-8") if found else None


@dataclass(frozen=True)
class ResetRecord:
    key: str
    outcome: ResetKind
    at: datetime


def parse_reset_records(text: str | None) -> list[ResetRecord]:
    if not text:
        return []
    try:
        return [
            ResetRecord(k, ResetKind(o), datetime.fromisoformat(t)) for k, o, t in json.loads(text)
        ]
    except (ValueError, TypeError):
        # Not ours (another tool wrote the attribute): no key is known, so a reset proceeds.
        log.warning("reset record attribute holds something unexpected; treated as empty")
        return []


def format_reset_records(records: Sequence[ResetRecord]) -> str:
    kept = records[:KEPT_KEYS]
    return json.dumps([[r.key, r.outcome.value, r.at.isoformat()] for r in kept])


class LostAnswer(TransientError):
    """The connection dropped after a request was sent: it may have been applied.

    A reset reads back and decides; every other caller sees a ``TransientError``.
    """


class DirectoryAccountStore:
    """:class:`~connectors.accounts.base.AccountStore` over an LDAP directory (ldap3)."""

    #: Attributes holding when the entry was created and last changed.
    created_attribute: ClassVar[str] = "createTimestamp"
    changed_attribute: ClassVar[str] = "modifyTimestamp"

    def __init__(
        self,
        config: DirectoryAccountsConfig,
        *,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.config = config
        self.policy = policy or PortalPolicy(password_history_days=config.password_history_days)
        self._clock = clock
        self._lock = threading.RLock()
        self._conn: Connection | None = None
        self._server = self._make_server()
        self._accounts_ou = config.accounts_ou or config.base_dn

    # -- connection and errors -------------------------------------------------------------

    def _make_server(self) -> Server:
        tls = None
        if self.config.url.lower().startswith("ldaps://") or self.config.start_tls:
            tls = Tls(
                validate=ssl.CERT_REQUIRED,
                ca_certs_file=self.config.ca_file,
                version=ssl.PROTOCOL_TLS_CLIENT,
            )
        return Server(
            self.config.url, tls=tls, connect_timeout=self.config.timeout_seconds, get_info=NONE
        )

    def _new_connection(self, dn: str, password: str) -> Connection:
        conn = Connection(
            self._server,
            dn,
            password,
            receive_timeout=math.ceil(self.config.timeout_seconds),  # ldap3 packs an int
            raise_exceptions=True,
            read_only=False,
        )
        try:
            conn.open()
            if self.config.start_tls:
                conn.start_tls()
            conn.bind()
        except BaseException:
            # ldap3 leaves the socket open on a refused bind and on a failed connect.
            conn.unbind()
            if conn.socket is not None:
                conn.socket.close()
            raise
        return conn

    @contextmanager
    def _session(self) -> Iterator[Connection]:
        """The bind account's connection (opened on first use), with errors translated."""
        with self._lock, self._translated():
            if self._conn is None or self._conn.closed:
                self._conn = self._new_connection(
                    self.config.bind_dn, self.config.bind_password.get_secret_value()
                )
            yield self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.unbind()
                except ldap_errors.LDAPException:
                    pass
                self._conn = None

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.unbind()
            except (ldap_errors.LDAPException, OSError):
                pass
        self._conn = None

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """ldap3's exceptions as :mod:`connectors.errors` kinds.

        ldap3's text carries DNs (a student ID is in every student's DN), so the original is
        logged at DEBUG only and never chained.
        """
        url = self.config.url
        try:
            yield
        except (
            ldap_errors.LDAPSocketReceiveError,
            ldap_errors.LDAPSessionTerminatedByServerError,
        ):
            log.debug("directory connection dropped", exc_info=True)
            self._drop_connection()
            raise LostAnswer(
                f"the directory at {url} dropped the connection before answering"
            ) from None
        except ldap_errors.LDAPInvalidCredentialsResult:
            self._drop_connection()
            raise AuthError(
                f"the directory at {url} refused the bind account's credentials: "
                "check bind_dn and bind_password"
            ) from None
        except ldap_errors.LDAPInsufficientAccessRightsResult:
            raise AuthError(
                f"the bind account lacks a right at {url} (result 50): grant what the README lists"
            ) from None
        except ldap_errors.LDAPStrongerAuthRequiredResult:
            raise PermanentError(
                f"the directory at {url} demands an encrypted connection: use ldaps:// or start_tls"
            ) from None
        except (
            ldap_errors.LDAPBusyResult,
            ldap_errors.LDAPUnavailableResult,
            ldap_errors.LDAPTimeLimitExceededResult,
        ) as exc:
            raise TransientError(f"the directory at {url} is busy ({exc.description})") from None
        except ldap_errors.LDAPOperationResult as exc:
            log.debug("directory refused an operation", exc_info=True)
            raise PermanentError(
                f"the directory at {url} refused an operation (result {exc.result} "
                f"{exc.description})"
            ) from None
        except (ldap_errors.LDAPCommunicationError, ldap_errors.LDAPStartTLSError, OSError) as exc:
            log.debug("directory unreachable", exc_info=True)
            self._drop_connection()
            if "certificate verify failed" in str(exc) or "CERTIFICATE_VERIFY" in str(exc):
                raise PermanentError(
                    f"the TLS certificate of {url} is not trusted: set ca_file to the CA's PEM"
                ) from None
            raise TransientError(
                f"the directory at {url} is unreachable ({type(exc).__name__})"
            ) from None
        except ldap_errors.LDAPException as exc:
            log.debug("directory client error", exc_info=True)
            self._drop_connection()
            raise PermanentError(f"directory client error ({type(exc).__name__})") from None

    # -- reading ---------------------------------------------------------------------------

    def _read_attributes(self) -> list[str]:
        c = self.config
        names = [
            c.id_attribute,
            c.first_name_attribute,
            c.last_name_attribute,
            c.claim_attribute,
            c.challenge_attribute,
            c.reset_key_attribute,
            c.password_history_attribute,
            self.created_attribute,
            self.changed_attribute,
            *self._extra_attributes(),
        ]
        names += [a for a in (c.claimed_at_attribute, c.last_reset_attribute) if a]
        return names

    def _search(self, conn: Connection, filter_: str, attributes: list[str]) -> list[Entry]:
        found = conn.extend.standard.paged_search(
            self.config.base_dn,
            filter_,
            SUBTREE,
            attributes=attributes,
            paged_size=self.config.page_size,
            generator=False,
        )
        return [_entry(item) for item in found if item.get("type") == "searchResEntry"]

    def _id_filter(self, student_ids: Iterable[str]) -> str:
        attribute = self.config.id_attribute
        terms = "".join(f"({attribute}={escape_filter_chars(i)})" for i in student_ids)
        return f"(&{self.config.account_filter}(|{terms}))"

    def _find(self, conn: Connection, student_id: str) -> Entry | None:
        entries = self._search(conn, self._id_filter([student_id]), self._read_attributes())
        if len(entries) > 1:
            # Two entries claim one student: resetting either could be the wrong student.
            raise PermanentError("more than one directory entry has this student ID")
        return entries[0] if entries else None

    def _reread(self, conn: Connection, dn: str) -> Entry:
        conn.search(dn, "(objectClass=*)", BASE, attributes=self._read_attributes())
        entries = [_entry(item) for item in conn.response if item.get("type") == "searchResEntry"]
        if not entries:
            raise PermanentError("the account vanished while it was being changed")
        return entries[0]

    def _claimed(self, entry: Entry) -> bool:
        return entry.text(self.config.claim_attribute) == self.config.claimed_value

    def _disabled(self, entry: Entry) -> bool:
        raise NotImplementedError

    # -- hooks for the subclasses ----------------------------------------------------------

    def _extra_attributes(self) -> tuple[str, ...]:
        """Attributes the subclass needs to read besides the mapping's (disable state)."""
        return ()

    def _make_password_unusable(self, conn: Connection, entry: Entry) -> None:
        """Give the account a random secret nobody knows (the reset's password step)."""
        raise NotImplementedError

    def _set_student_password(self, conn: Connection, entry: Entry, password: str) -> None:
        """The portal's write of the password the student chose."""
        raise NotImplementedError

    def _disable_changes(self, entry: Entry, disabled: bool) -> Changes:
        raise NotImplementedError

    def _new_entry_attributes(self, record: AccountNames) -> dict[str, Any]:
        """Attributes a new account carries beyond the mapping's (e.g. AD's password)."""
        return {}

    def self_check(self) -> list[Check]:
        raise NotImplementedError

    # -- reset -----------------------------------------------------------------------------

    def lookup(self, student_id: str) -> Account | None:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return None
        with self._session() as conn:
            entry = self._find(conn, student_id)
        return None if entry is None else self._account(entry, student_id)

    def _account(self, entry: Entry, student_id: str) -> Account:
        c = self.config
        created = parse_generalized_time(entry.text(self.created_attribute)) or self._now()
        return Account(
            student_id=student_id,
            first_name=entry.text(c.first_name_attribute) or "",
            last_name=entry.text(c.last_name_attribute) or "",
            claimed=self._claimed(entry),
            disabled=self._disabled(entry),
            created_at=created,
            updated_at=parse_generalized_time(entry.text(self.changed_attribute)) or created,
            claimed_at=parse_generalized_time(entry.text(c.claimed_at_attribute)),
            last_reset_at=parse_generalized_time(entry.text(c.last_reset_attribute)),
        )

    def reset(
        self, student_id: str, *, idempotency_key: str, actor: str, reason: str
    ) -> ResetOutcome:
        if not idempotency_key or len(idempotency_key) > MAX_KEY_LENGTH:
            raise ValueError(f"idempotency_key must be 1..{MAX_KEY_LENGTH} characters")
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return reset_outcome(ResetKind.UNKNOWN_ACCOUNT)
        # actor and reason stay in the worker's own records: a directory attribute is read by
        # many tools, and the key alone makes the reset idempotent.
        answer_lost = False
        for _attempt in range(3):
            try:
                return self._reset_once(student_id, idempotency_key, answer_lost)
            except LostAnswer:
                # A write may or may not have been applied: the next round reads back and
                # either finds this key (applied) or repeats the reset.
                log.info("directory answer lost during a reset; reading back")
                answer_lost = True
            except _RecordChanged:
                log.debug("reset record changed concurrently; reading again")
        raise TransientError("the account kept changing during the reset; try again")

    def _reset_once(self, student_id: str, key: str, answer_lost: bool) -> ResetOutcome:
        c = self.config
        with self._session() as conn:
            entry = self._find(conn, student_id)
            if entry is None:
                return reset_outcome(ResetKind.UNKNOWN_ACCOUNT)
            records = parse_reset_records(entry.text(c.reset_key_attribute))
            earlier = next((r for r in records if r.key == key), None)
            if earlier is not None:
                return _replay(earlier, answer_lost)
            now = self._now()
            if self._disabled(entry):
                kind = ResetKind.DISABLED_ACCOUNT
            elif not self._claimed(entry):
                kind = ResetKind.ALREADY_UNCLAIMED
            else:
                self._make_password_unusable(conn, entry)
                kind = ResetKind.RESET
            old_text = entry.text(c.reset_key_attribute)
            new_text = format_reset_records([ResetRecord(key, kind, now), *records])
            changes = _swap(c.reset_key_attribute, old_text, new_text)
            if kind is ResetKind.RESET:
                changes |= self._unclaim_changes(entry, now)
            try:
                conn.modify(entry.dn, changes)
            except (
                ldap_errors.LDAPNoSuchAttributeResult,
                ldap_errors.LDAPAttributeOrValueExistsResult,
                ldap_errors.LDAPConstraintViolationResult,
            ):
                raise _RecordChanged from None
            after = self._reread(conn, entry.dn)
        return self._outcome_read_back(after, key, kind)

    def _outcome_read_back(self, after: Entry, key: str, intended: ResetKind) -> ResetOutcome:
        c = self.config
        records = parse_reset_records(after.text(c.reset_key_attribute))
        mine = next((r for r in records if r.key == key), None)
        if mine is None:
            raise TransientError("the reset did not show when read back; try again")
        if intended is ResetKind.RESET and (
            self._claimed(after) or after.text(c.challenge_attribute) is not None
        ):
            raise PermanentError("read back: the account is still claimed after the reset")
        log.debug("reset: %s", mine.outcome.value)
        return reset_outcome(mine.outcome, mine.at if mine.outcome in _APPLIED else None)

    def _unclaim_changes(self, entry: Entry, now: datetime) -> Changes:
        c = self.config
        changes: Changes = {
            c.claim_attribute: [(MODIFY_REPLACE, [c.unclaimed_value])],
            c.challenge_attribute: [(MODIFY_REPLACE, [])],
        }
        for attribute in [c.claimed_at_attribute, *c.clear_attributes]:
            if attribute:
                changes[attribute] = [(MODIFY_REPLACE, [])]
        if c.last_reset_attribute:
            changes[c.last_reset_attribute] = [(MODIFY_REPLACE, [generalized_time(now)])]
        history = self._history(entry)
        retired = [h if h.get("retired") else {**h, "retired": now.isoformat()} for h in history]
        if retired != history:
            changes[c.password_history_attribute] = [(MODIFY_REPLACE, [json.dumps(retired)])]
        return changes

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        return now

    # -- roster reconciliation -------------------------------------------------------------

    def all_accounts(self) -> Iterator[AccountSummary]:
        """Ordered by ID: one paged search per leading digit pair ("00".."09"), each sorted,
        so at most a tenth of the accounts is held at a time (no server-side sort needed)."""
        c = self.config
        attributes = [
            c.id_attribute,
            c.first_name_attribute,
            c.last_name_attribute,
            c.claim_attribute,
            *self._extra_attributes(),
        ]
        for digit in "0123456789":
            filter_ = f"(&{c.account_filter}({c.id_attribute}=0{digit}*))"
            with self._session() as conn:
                entries = self._search(conn, filter_, attributes)
            bucket = []
            for entry in entries:
                student_id = entry.text(c.id_attribute) or ""
                if is_valid_student_id(student_id):
                    bucket.append((student_id, entry))
            bucket.sort(key=lambda pair: pair[0])
            for student_id, entry in bucket:
                yield AccountSummary(
                    student_id,
                    entry.text(c.first_name_attribute) or "",
                    entry.text(c.last_name_attribute) or "",
                    self._claimed(entry),
                    self._disabled(entry),
                )

    def _existing(
        self, conn: Connection, ids: Sequence[str], attributes: list[str]
    ) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for entry in self._search(conn, self._id_filter(ids), attributes):
            student_id = entry.text(self.config.id_attribute)
            if student_id is not None:
                found[student_id] = entry
        return found

    def create_unclaimed(self, accounts: Iterable[AccountNames]) -> int:
        records = _bulk.checked_names(accounts)
        c = self.config
        created = 0
        for batch in _bulk.batched(records, c.batch_size):
            with self._session() as conn:
                existing = self._existing(conn, [r.student_id for r in batch], [c.id_attribute])
                for record in batch:
                    if record.student_id in existing:
                        continue
                    try:
                        conn.add(
                            self._new_dn(record),
                            c.create_object_classes,
                            self._new_attributes(record),
                        )
                    except ldap_errors.LDAPEntryAlreadyExistsResult:
                        continue  # created meanwhile by another run: left alone
                    created += 1
        return created

    def _new_dn(self, record: AccountNames) -> str:
        attribute, _, template = self.config.create_rdn.partition("=")
        return f"{attribute}={escape_rdn(_fill(template, record))},{self._accounts_ou}"

    def _new_attributes(self, record: AccountNames) -> dict[str, Any]:
        c = self.config
        attributes: dict[str, Any] = {
            name: _fill(template, record) for name, template in c.create_attributes.items()
        }
        attributes |= {
            c.id_attribute: record.student_id,
            c.first_name_attribute: record.first_name,
            c.last_name_attribute: record.last_name,
            c.claim_attribute: c.unclaimed_value,
        }
        return attributes | self._new_entry_attributes(record)

    def update_names(self, changes: Iterable[AccountNames]) -> int:
        records = _bulk.checked_names(changes)
        c = self.config
        attributes = [c.id_attribute, c.first_name_attribute, c.last_name_attribute]
        # Template attributes made from the names (cn, displayName) follow the names.
        derived = {
            name: template
            for name, template in c.create_attributes.items()
            if "{first_name}" in template or "{last_name}" in template
        }
        matched = 0
        for batch in _bulk.batched(records, c.batch_size):
            with self._session() as conn:
                existing = self._existing(conn, [r.student_id for r in batch], attributes)
                for record in batch:
                    entry = existing.get(record.student_id)
                    if entry is None:
                        continue
                    matched += 1
                    if (entry.text(c.first_name_attribute), entry.text(c.last_name_attribute)) == (
                        record.first_name,
                        record.last_name,
                    ):
                        continue
                    update: Changes = {
                        c.first_name_attribute: [(MODIFY_REPLACE, [record.first_name])],
                        c.last_name_attribute: [(MODIFY_REPLACE, [record.last_name])],
                    }
                    for name, template in derived.items():
                        update[name] = [(MODIFY_REPLACE, [_fill(template, record)])]
                    conn.modify(entry.dn, update)
        return matched

    def disable(self, student_ids: Iterable[str]) -> int:
        return self._set_disabled(student_ids, True)

    def enable(self, student_ids: Iterable[str]) -> int:
        return self._set_disabled(student_ids, False)

    def _set_disabled(self, student_ids: Iterable[str], disabled: bool) -> int:
        ids = _bulk.checked_ids(student_ids)
        attributes = [self.config.id_attribute, *self._extra_attributes()]
        changed = 0
        for batch in _bulk.batched(ids, self.config.batch_size):
            with self._session() as conn:
                for entry in self._existing(conn, batch, attributes).values():
                    if self._disabled(entry) == disabled:
                        continue
                    conn.modify(entry.dn, self._disable_changes(entry, disabled))
                    changed += 1
        return changed

    # -- the portal's side (the demo and the tests: what the student does) -----------------

    def _history(self, entry: Entry) -> list[dict[str, Any]]:
        text = entry.text(self.config.password_history_attribute)
        try:
            history = json.loads(text) if text else []
        except ValueError:
            history = []
        return [h for h in history if isinstance(h, dict) and "hash" in h]

    def _recent_hashes(self, entry: Entry) -> list[str]:
        cutoff = self._now() - timedelta(days=self.policy.password_history_days)
        return [
            str(h["hash"])
            for h in self._history(entry)
            if not h.get("retired") or datetime.fromisoformat(str(h["retired"])) >= cutoff
        ]

    def _kept_history(self, entry: Entry, now: datetime, new_hash: str) -> str:
        """Current password retired now, the new one current, entries past the window gone."""
        cutoff = now - timedelta(days=self.policy.password_history_days)
        kept = []
        for item in self._history(entry):
            retired = item.get("retired")
            if not retired:
                item = {**item, "retired": now.isoformat()}
            elif datetime.fromisoformat(str(retired)) < cutoff:
                continue
            kept.append(item)
        kept.append({"hash": new_hash, "retired": None})
        return json.dumps(kept)

    def claim(
        self,
        student_id: str,
        first_name: str,
        last_name: str,
        challenge_answers: Mapping[str, str],
        password: str,
    ) -> ClaimOutcome:
        c = self.config
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return self._claim_refused(Refusal.BAD_ID_FORMAT)
        with self._session() as conn:
            entry = self._find(conn, student_id)
        if entry is None:
            return self._claim_refused(Refusal.NOT_FOUND)
        if self._disabled(entry):
            return self._claim_refused(Refusal.ACCOUNT_DISABLED)
        sis = (entry.text(c.first_name_attribute) or "", entry.text(c.last_name_attribute) or "")
        if not names_match(first_name, last_name, *sis):
            return self._claim_refused(Refusal.WRONG_NAME)
        if self._claimed(entry):
            return self._claim_refused(Refusal.ALREADY_CLAIMED)
        answers = prepare_answers(challenge_answers)
        if answers is None:
            return self._claim_refused(Refusal.NEED_THREE_ANSWERS)
        password = normalise_password(password)
        refusal = self._password_refusal(password, student_id, entry)
        if refusal is not None:
            return self._claim_refused(refusal)
        now = self._now()
        stored_answers = json.dumps(
            [{"question": q, "hash": self.policy.hash(a)} for q, a in answers]
        )
        changes = _swap(c.claim_attribute, entry.text(c.claim_attribute), c.claimed_value)
        changes[c.challenge_attribute] = [(MODIFY_REPLACE, [stored_answers])]
        changes[c.password_history_attribute] = [
            (MODIFY_REPLACE, [self._kept_history(entry, now, self.policy.hash(password))])
        ]
        if c.claimed_at_attribute:
            changes[c.claimed_at_attribute] = [(MODIFY_REPLACE, [generalized_time(now)])]
        with self._session() as conn:
            try:
                conn.modify(entry.dn, changes)
            except (
                ldap_errors.LDAPNoSuchAttributeResult,
                ldap_errors.LDAPAttributeOrValueExistsResult,
            ):
                return self._claim_refused(Refusal.ALREADY_CLAIMED)  # another claim won
            try:
                self._set_student_password(conn, entry, password)
            except (
                ldap_errors.LDAPConstraintViolationResult,
                ldap_errors.LDAPUnwillingToPerformResult,
            ):
                # The directory's own password rules refused it: undo the claim.
                conn.modify(entry.dn, self._unclaim_changes(self._reread(conn, entry.dn), now))
                return self._claim_refused(Refusal.WEAK_PASSWORD)
        return ClaimOutcome(ok=True, message="Account claimed.")

    def answers_match(self, student_id: str, answers: Mapping[str, str]) -> bool:
        student_id = student_id.strip()
        prepared = prepare_answers(answers)
        if prepared is None or not is_valid_student_id(student_id):
            return False
        with self._session() as conn:
            entry = self._find(conn, student_id)
        if entry is None or not self._claimed(entry) or self._disabled(entry):
            return False
        try:
            stored = json.loads(entry.text(self.config.challenge_attribute) or "[]")
        except ValueError:
            return False
        given = {question_key(q): a for q, a in prepared}
        return len(stored) == len(prepared) and all(
            question_key(item["question"]) in given
            and self.policy.verify(item["hash"], given[question_key(item["question"])])
            for item in stored
        )

    def set_password(self, student_id: str, password: str) -> PasswordOutcome:
        c = self.config
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return self._password_refused(Refusal.BAD_ID_FORMAT)
        password = normalise_password(password)
        with self._session() as conn:
            entry = self._find(conn, student_id)
        if entry is None:
            return self._password_refused(Refusal.NOT_FOUND)
        if self._disabled(entry):
            return self._password_refused(Refusal.ACCOUNT_DISABLED)
        if not self._claimed(entry):
            return self._password_refused(Refusal.NOT_CLAIMED)
        refusal = self._password_refusal(password, student_id, entry)
        if refusal is not None:
            return self._password_refused(refusal)
        now = self._now()
        history = self._kept_history(entry, now, self.policy.hash(password))
        with self._session() as conn:
            try:
                self._set_student_password(conn, entry, password)
            except (
                ldap_errors.LDAPConstraintViolationResult,
                ldap_errors.LDAPUnwillingToPerformResult,
            ):
                return self._password_refused(Refusal.WEAK_PASSWORD)
            changes = _swap(
                c.password_history_attribute, entry.text(c.password_history_attribute), history
            )
            conn.modify(entry.dn, changes)
        return PasswordOutcome(ok=True, message="Password changed.")

    def log_in(self, student_id: str, password: str) -> bool:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return False
        with self._session() as conn:
            entry = self._find(conn, student_id)
        if entry is None or not self._claimed(entry) or self._disabled(entry):
            return False
        return self.binds(entry.dn, normalise_password(password))

    def binds(self, dn: str, password: str) -> bool:
        """True when ``dn`` can bind with ``password`` (how students really sign in)."""
        if not password:
            return False  # an empty password is an unauthenticated bind, never a sign-in
        with self._translated():
            try:
                conn = self._new_connection(dn, password)
            except ldap_errors.LDAPInvalidCredentialsResult:
                return False
            conn.unbind()
        return True

    def _password_refusal(self, password: str, student_id: str, entry: Entry) -> Refusal | None:
        if password_is_weak(password, student_id, self.policy):
            return Refusal.WEAK_PASSWORD
        if any(self.policy.verify(old, password) for old in self._recent_hashes(entry)):
            return Refusal.PASSWORD_REUSED
        return None

    def _claim_refused(self, reason: Refusal) -> ClaimOutcome:
        return ClaimOutcome(ok=False, reason=reason, message=refusal_message(reason, self.policy))

    def _password_refused(self, reason: Refusal) -> PasswordOutcome:
        message = refusal_message(reason, self.policy)
        return PasswordOutcome(ok=False, reason=reason, message=message)


class _RecordChanged(Exception):
    """The conditional modify found the entry changed since it was read."""


def _replay(earlier: ResetRecord, answer_lost: bool) -> ResetOutcome:
    applied_at = earlier.at if earlier.outcome in _APPLIED else None
    if answer_lost:
        # This call's own write, whose answer was lost: it applied, and its outcome stands.
        return reset_outcome(earlier.outcome, applied_at)
    if earlier.outcome in _APPLIED:
        return reset_outcome(ResetKind.ALREADY_APPLIED, applied_at)
    return reset_outcome(earlier.outcome)


def reset_outcome(kind: ResetKind, applied_at: datetime | None = None) -> ResetOutcome:
    return ResetOutcome(kind=kind, message=RESET_MESSAGES[kind], applied_at=applied_at)


def random_secret(length: int = 40) -> str:
    """A password nobody knows: upper, lower, digit and symbol (any complexity rule passes)."""
    alphabets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "-_.!#%+="]
    chosen = [secrets.choice(alphabet) for alphabet in alphabets]
    everything = "".join(alphabets)
    chosen += [secrets.choice(everything) for _ in range(length - len(chosen))]
    secrets.SystemRandom().shuffle(chosen)
    return "".join(chosen)


def _swap(attribute: str, old: str | None, new: str) -> Changes:
    """Replace ``old`` by ``new`` only if the entry still holds ``old`` (one atomic modify)."""
    if old is None:
        return {attribute: [(MODIFY_ADD, [new])]}
    return {attribute: [(MODIFY_DELETE, [old]), (MODIFY_ADD, [new])]}


def _fill(template: str, record: AccountNames) -> str:
    return template.format(
        student_id=record.student_id, first_name=record.first_name, last_name=record.last_name
    )


def _entry(item: Mapping[str, Any]) -> Entry:
    raw = item.get("raw_attributes") or {}
    return Entry(dn=item["dn"], values={name.lower(): values for name, values in raw.items()})
