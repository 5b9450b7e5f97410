"""The student's side of the portal in SQL: claim, challenge answers, password changes.

argon2 work (hashing, checking the history) runs outside transactions, so no lock is held
for it; the write that follows is conditional on the state that was checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, or_, select, update

from connectors.errors import TransientError

from ._core import SqlCore, retire_passwords
from ._rules import (
    names_match,
    normalise_password,
    password_is_weak,
    prepare_answers,
    question_key,
    refusal_message,
)
from ._tables import accounts as t_accounts
from ._tables import challenge_answers as t_answers
from ._tables import password_history as t_history
from .base import ClaimOutcome, PasswordOutcome, Refusal, is_valid_student_id


class SqlPortal(SqlCore):
    """:class:`~connectors.accounts.base.PortalSelfService` over SQLAlchemy Core."""

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
        with self._begin() as conn:
            row = self._account_row(conn, student_id)
            recent = self._recent_hashes(conn, student_id)
        refusal = _identity_refusal(row, first_name, last_name)
        if refusal is not None:
            return self._claim_refused(refusal)
        answers = prepare_answers(challenge_answers)
        if answers is None:
            return self._claim_refused(Refusal.NEED_THREE_ANSWERS)
        password = normalise_password(password)
        refusal = self._password_refusal(password, student_id, recent)
        if refusal is not None:
            return self._claim_refused(refusal)
        password_hash = self.policy.hash(password)
        answer_rows = [
            {
                "student_id": student_id,
                "position": position,
                "question": question,
                "answer_hash": self.policy.hash(answer),
            }
            for position, (question, answer) in enumerate(answers, start=1)
        ]
        if not self._write_claim(student_id, password_hash, answer_rows):
            return self._claim_refused(Refusal.ALREADY_CLAIMED)
        return ClaimOutcome(ok=True, message="Account claimed.")

    def _write_claim(
        self, student_id: str, password_hash: str, answer_rows: list[dict[str, Any]]
    ) -> bool:
        now = self._now()
        with self._begin(write=True) as conn:
            claimed = conn.execute(
                update(t_accounts)
                .where(
                    t_accounts.c.student_id == student_id,
                    t_accounts.c.claimed.is_(False),
                    t_accounts.c.disabled.is_(False),
                )
                .values(claimed=True, password_hash=password_hash, claimed_at=now, updated_at=now)
            ).rowcount
            if claimed != 1:
                return False  # another claim, or a disable, won the race
            conn.execute(delete(t_answers).where(t_answers.c.student_id == student_id))
            conn.execute(insert(t_answers), answer_rows)
            retire_passwords(conn, student_id, now)
            conn.execute(
                insert(t_history).values(
                    student_id=student_id, password_hash=password_hash, set_at=now
                )
            )
        return True

    def answers_match(self, student_id: str, answers: Mapping[str, str]) -> bool:
        student_id = student_id.strip()
        prepared = prepare_answers(answers)
        if prepared is None or not is_valid_student_id(student_id):
            return False
        with self._begin() as conn:
            row = self._account_row(conn, student_id)
            stored = conn.execute(
                select(t_answers.c.question, t_answers.c.answer_hash).where(
                    t_answers.c.student_id == student_id
                )
            ).all()
        if row is None or not row.claimed or row.disabled or len(stored) != len(prepared):
            return False
        given = {question_key(question): answer for question, answer in prepared}
        return all(
            question_key(question) in given
            and self.policy.verify(answer_hash, given[question_key(question)])
            for question, answer_hash in stored
        )

    def set_password(self, student_id: str, password: str) -> PasswordOutcome:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return self._password_refused(Refusal.BAD_ID_FORMAT)
        password = normalise_password(password)
        with self._begin() as conn:
            row = self._account_row(conn, student_id)
            recent = self._recent_hashes(conn, student_id)
        if row is None:
            return self._password_refused(Refusal.NOT_FOUND)
        if row.disabled:
            return self._password_refused(Refusal.ACCOUNT_DISABLED)
        if not row.claimed:
            return self._password_refused(Refusal.NOT_CLAIMED)
        refusal = self._password_refusal(password, student_id, recent)
        if refusal is not None:
            return self._password_refused(refusal)
        if not self._write_password(student_id, row.password_hash, self.policy.hash(password)):
            # A reset, disable or another change happened since the checks above.
            raise TransientError("account changed during the password change; try again")
        return PasswordOutcome(ok=True, message="Password changed.")

    def _write_password(self, student_id: str, old_hash: str, new_hash: str) -> bool:
        now = self._now()
        with self._begin(write=True) as conn:
            changed = conn.execute(
                update(t_accounts)
                .where(
                    t_accounts.c.student_id == student_id,
                    t_accounts.c.claimed.is_(True),
                    t_accounts.c.disabled.is_(False),
                    t_accounts.c.password_hash == old_hash,
                )
                .values(password_hash=new_hash, updated_at=now)
            ).rowcount
            if changed != 1:
                return False
            retire_passwords(conn, student_id, now)
            conn.execute(
                insert(t_history).values(student_id=student_id, password_hash=new_hash, set_at=now)
            )
        return True

    def log_in(self, student_id: str, password: str) -> bool:
        student_id = student_id.strip()
        if not is_valid_student_id(student_id):
            return False
        with self._begin() as conn:
            row = self._account_row(conn, student_id)
        if row is None or not row.claimed or row.disabled or row.password_hash is None:
            return False
        return self.policy.verify(row.password_hash, normalise_password(password))

    def _recent_hashes(self, conn: Connection, student_id: str) -> list[str]:
        """Hashes of passwords current now or retired within the history window."""
        cutoff = self._now() - timedelta(days=self.policy.password_history_days)
        rows = conn.execute(
            select(t_history.c.password_hash).where(
                t_history.c.student_id == student_id,
                or_(t_history.c.retired_at.is_(None), t_history.c.retired_at >= cutoff),
            )
        )
        return list(rows.scalars())

    def _password_refusal(
        self, password: str, student_id: str, recent_hashes: list[str]
    ) -> Refusal | None:
        if password_is_weak(password, student_id, self.policy):
            return Refusal.WEAK_PASSWORD
        if any(self.policy.verify(old, password) for old in recent_hashes):
            return Refusal.PASSWORD_REUSED
        return None

    def _claim_refused(self, reason: Refusal) -> ClaimOutcome:
        return ClaimOutcome(ok=False, reason=reason, message=refusal_message(reason, self.policy))

    def _password_refused(self, reason: Refusal) -> PasswordOutcome:
        message = refusal_message(reason, self.policy)
        return PasswordOutcome(ok=False, reason=reason, message=message)


def _identity_refusal(row: Row[Any] | None, first_name: str, last_name: str) -> Refusal | None:
    """The checks the portal makes before it looks at answers and password."""
    if row is None:
        return Refusal.NOT_FOUND
    if row.disabled:
        return Refusal.ACCOUNT_DISABLED
    if not names_match(first_name, last_name, row.first_name, row.last_name):
        return Refusal.WRONG_NAME
    if row.claimed:
        return Refusal.ALREADY_CLAIMED
    return None
