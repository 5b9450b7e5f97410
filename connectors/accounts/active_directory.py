"""The portal's accounts in Active Directory (Windows Server AD or a Samba AD DC).

Over LDAPS or StartTLS only (AD refuses to set passwords in the clear).  A reset writes a
random ``unicodePwd`` (the quoted password in UTF-16-LE) that satisfies the domain's rules and
``pwdLastSet=0`` (must change at next sign-in); disabling sets bit 2 (ACCOUNTDISABLE) of
``userAccountControl``.  The portal's claim state lives in configurable
``msDS-cloudExtensionAttributeN`` attributes, which every user has in Windows AD 2012+ and
Samba (``extensionAttributeN`` exists only with the Exchange schema).
"""

from __future__ import annotations

from typing import Any

from ldap3 import BASE, MODIFY_REPLACE, Connection

from connectors.checks import Check
from connectors.errors import ConnectorError, PermanentError

from ._core import Clock, utc_now
from ._directory import Changes, DirectoryAccountStore, Entry, random_secret
from ._rules import PortalPolicy
from .base import AccountNames
from .config import ActiveDirectoryAccountsConfig
from .ldap import directory_checks

__all__ = ["ActiveDirectoryAccountStore"]

ACCOUNTDISABLE = 0x2
NORMAL_ACCOUNT = 0x200
# AD accepts at most 256 characters; 40 random ones are far beyond any guessing.
SECRET_LENGTH = 40


def unicode_pwd(password: str) -> bytes:
    """AD's format for a password write: the password in double quotes, UTF-16-LE."""
    return f'"{password}"'.encode("utf-16-le")


class ActiveDirectoryAccountStore(DirectoryAccountStore):
    """:class:`~connectors.accounts.base.AccountStore` over Active Directory."""

    config: ActiveDirectoryAccountsConfig
    created_attribute = "whenCreated"
    changed_attribute = "whenChanged"

    def __init__(
        self,
        config: ActiveDirectoryAccountsConfig,
        *,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(config, policy=policy, clock=clock)
        self._min_length: int | None = None

    @classmethod
    def from_config(
        cls, config: ActiveDirectoryAccountsConfig, *, policy: PortalPolicy | None = None
    ) -> ActiveDirectoryAccountStore:
        return cls(config, policy=policy)

    def _extra_attributes(self) -> tuple[str, ...]:
        return ("userAccountControl", "sAMAccountName", "displayName")

    def _uac(self, entry: Entry) -> int:
        return int(entry.text("userAccountControl") or NORMAL_ACCOUNT)

    def _disabled(self, entry: Entry) -> bool:
        return bool(self._uac(entry) & ACCOUNTDISABLE)

    def _disable_changes(self, entry: Entry, disabled: bool) -> Changes:
        uac = self._uac(entry)
        uac = uac | ACCOUNTDISABLE if disabled else uac & ~ACCOUNTDISABLE
        return {"userAccountControl": [(MODIFY_REPLACE, [str(uac)])]}

    def _domain_min_length(self, conn: Connection) -> int:
        """The domain's minPwdLength, read once (the domain head holds the policy)."""
        if self._min_length is None:
            conn.search("", "(objectClass=*)", BASE, attributes=["defaultNamingContext"])
            root = conn.response[0]["raw_attributes"].get("defaultNamingContext") or []
            length = 0
            if root:
                conn.search(root[0].decode(), "(objectClass=*)", BASE, attributes=["minPwdLength"])
                values = conn.response[0]["raw_attributes"].get("minPwdLength") or [b"0"]
                length = int(values[0])
            self._min_length = length
        return self._min_length

    def _secret_for(self, conn: Connection, entry: Entry | None, names: list[str]) -> str:
        """A random secret the domain accepts: long enough, four character classes, and none
        of the account's name parts (AD's complexity rule refuses those)."""
        length = max(SECRET_LENGTH, self._domain_min_length(conn))
        if entry is not None:
            names = [
                *names,
                entry.text("sAMAccountName") or "",
                entry.text("displayName") or "",
            ]
        tokens = {
            part.casefold()
            for name in names
            for part in name.replace(",", " ").replace("-", " ").split()
            if len(part) >= 3
        }
        for _ in range(100):
            secret = random_secret(length)
            if not any(token in secret.casefold() for token in tokens):
                return secret
        raise PermanentError("could not generate a password the domain accepts")

    def _entry_names(self, entry: Entry) -> list[str]:
        c = self.config
        return [entry.text(c.first_name_attribute) or "", entry.text(c.last_name_attribute) or ""]

    def _make_password_unusable(self, conn: Connection, entry: Entry) -> None:
        # The secret never leaves this frame: not stored, shown or logged.
        secret = self._secret_for(conn, entry, self._entry_names(entry))
        conn.modify(
            entry.dn,
            {
                "unicodePwd": [(MODIFY_REPLACE, [unicode_pwd(secret)])],
                "pwdLastSet": [(MODIFY_REPLACE, ["0"])],
            },
        )

    def _set_student_password(self, conn: Connection, entry: Entry, password: str) -> None:
        # pwdLastSet -1 = "now": the student chose this password and need not change it.
        conn.modify(
            entry.dn,
            {
                "unicodePwd": [(MODIFY_REPLACE, [unicode_pwd(password)])],
                "pwdLastSet": [(MODIFY_REPLACE, ["-1"])],
            },
        )

    def _new_entry_attributes(self, record: AccountNames) -> dict[str, Any]:
        # AD creates a user disabled unless it has a password: give it an unknown one.
        with self._session() as conn:
            secret = self._secret_for(
                conn, None, [record.first_name, record.last_name, record.student_id]
            )
        return {
            "unicodePwd": unicode_pwd(secret),
            "userAccountControl": str(NORMAL_ACCOUNT),
            "pwdLastSet": "0",
        }

    def self_check(self) -> list[Check]:
        checks = directory_checks(self)
        if not all(check.ok for check in checks):
            return checks
        checks.append(self._reset_right_check())
        return checks

    def _reset_right_check(self) -> Check:
        """AD lists, per entry, the attributes the bound account may write
        (allowedAttributesEffective): the reset needs unicodePwd, pwdLastSet, the claim state."""
        c = self.config
        name = "account store: bind account may reset passwords in the OU"
        needed = {
            "unicodepwd",
            "pwdlastset",
            "useraccountcontrol",
            c.claim_attribute.lower(),
            c.challenge_attribute.lower(),
            c.reset_key_attribute.lower(),
        }
        try:
            with self._session() as conn:
                conn.search(
                    c.base_dn,
                    c.account_filter,
                    attributes=["allowedAttributesEffective"],
                    size_limit=1,
                )
                found = [r for r in conn.response if r.get("type") == "searchResEntry"]
        except ConnectorError as exc:
            return Check(
                name, False, str(exc), "grant the bind account the rights the README lists"
            )
        if not found:
            return Check(name, False, f"no account under {c.base_dn} to check", "check base_dn")
        allowed = {
            value.decode().lower()
            for value in found[0]["raw_attributes"].get("allowedAttributesEffective", [])
        }
        missing = sorted(needed - allowed)
        if missing:
            return Check(
                name,
                False,
                "may not write: " + ", ".join(missing),
                "delegate Reset Password and write of these attributes on the OU",
            )
        return Check(name, True, "unicodePwd, pwdLastSet, userAccountControl, claim state")
