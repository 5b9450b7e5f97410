"""The portal's accounts in an LDAPv3 directory: OpenLDAP with the ppolicy overlay.

A student's entry carries the ``twPortalAccount`` auxiliary class
(``schema/ticketworker-portal.ldif``) for the portal's claim state.  A reset gives the entry a
random password with the Password Modify extended operation (RFC 3062) and sets ``pwdReset``
so the server demands a new one; disabling sets ``pwdAccountLockedTime`` to ppolicy's
"locked until an administrator unlocks" value.  Everything else lives in
:mod:`._directory`.
"""

from __future__ import annotations

import re
from importlib import resources

from ldap3 import BASE, MODIFY_REPLACE, Connection

from connectors.checks import Check
from connectors.errors import ConnectorError

from ._core import Clock, utc_now
from ._directory import Changes, DirectoryAccountStore, Entry, random_secret
from ._rules import PortalPolicy
from .config import LdapAccountsConfig

__all__ = ["LdapAccountStore", "portal_schema_ldif"]


def portal_schema_ldif() -> str:
    """The LDIF that adds the portal's object class to an OpenLDAP cn=config."""
    return (
        resources.files("connectors.accounts")
        .joinpath("schema/ticketworker-portal.ldif")
        .read_text()
    )


class LdapAccountStore(DirectoryAccountStore):
    """:class:`~connectors.accounts.base.AccountStore` over OpenLDAP (ppolicy)."""

    config: LdapAccountsConfig

    def __init__(
        self,
        config: LdapAccountsConfig,
        *,
        policy: PortalPolicy | None = None,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(config, policy=policy, clock=clock)

    def _extra_attributes(self) -> tuple[str, ...]:
        return (self.config.disable_attribute,)

    @classmethod
    def from_config(
        cls, config: LdapAccountsConfig, *, policy: PortalPolicy | None = None
    ) -> LdapAccountStore:
        return cls(config, policy=policy)

    def _disabled(self, entry: Entry) -> bool:
        # Only the administrator's lock disables: ppolicy also locks after failed binds
        # (pwdAccountLockedTime = the time), and that student is one who needs a reset.
        return entry.text(self.config.disable_attribute) == self.config.disabled_value

    def _disable_changes(self, entry: Entry, disabled: bool) -> Changes:
        value = [self.config.disabled_value] if disabled else []
        return {self.config.disable_attribute: [(MODIFY_REPLACE, value)]}

    def _make_password_unusable(self, conn: Connection, entry: Entry) -> None:
        # RFC 3062 Password Modify: the server hashes the secret by its own policy; the
        # secret is never stored, shown or logged, and dies with this frame.
        conn.extend.standard.modify_password(entry.dn, new_password=random_secret())
        changes: Changes = {}
        if self.config.must_change_attribute:
            changes[self.config.must_change_attribute] = [(MODIFY_REPLACE, ["TRUE"])]
        # A lockout from failed binds would keep the student out after the claim.
        if entry.text(self.config.disable_attribute) is not None:
            changes[self.config.disable_attribute] = [(MODIFY_REPLACE, [])]
        if changes:
            conn.modify(entry.dn, changes)

    def _set_student_password(self, conn: Connection, entry: Entry, password: str) -> None:
        conn.extend.standard.modify_password(entry.dn, new_password=password)
        if self.config.must_change_attribute:
            # The student chose this password: nothing is left to change.
            conn.modify(entry.dn, {self.config.must_change_attribute: [(MODIFY_REPLACE, [])]})

    def self_check(self) -> list[Check]:
        return directory_checks(self)


def directory_checks(store: DirectoryAccountStore) -> list[Check]:
    """Reachability and credentials, the search base, a dry read, the mapping's attributes."""
    c = store.config
    checks: list[Check] = []
    try:
        with store._session() as conn:
            checks.append(Check("account store: directory reachable, bind accepted", True, c.url))
            conn.search(c.base_dn, c.account_filter, attributes=[c.id_attribute], size_limit=1)
            found = [r for r in conn.response if r.get("type") == "searchResEntry"]
            checks.append(
                Check(
                    "account store: dry read of one account",
                    bool(found),
                    "one account read" if found else f"no account under {c.base_dn}",
                    "" if found else "check base_dn and account_filter",
                )
            )
            if found:
                checks.append(_mapping_check(store, conn, found[0]["dn"]))
    except ConnectorError as exc:
        checks.append(
            Check(
                "account store: directory reachable, bind accepted",
                False,
                str(exc),
                "start the directory or fix url / bind_dn / bind_password",
            )
        )
    return checks


def _mapping_check(store: DirectoryAccountStore, conn: Connection, dn: str) -> Check:
    """Each configured attribute is in the directory's schema (its subschema entry)."""
    c = store.config
    wanted = [
        c.id_attribute,
        c.first_name_attribute,
        c.last_name_attribute,
        c.claim_attribute,
        c.challenge_attribute,
        c.reset_key_attribute,
        c.password_history_attribute,
        *[a for a in (c.claimed_at_attribute, c.last_reset_attribute) if a],
        *c.clear_attributes,
    ]
    known = _schema_attribute_names(conn)
    unknown = [attribute for attribute in wanted if attribute.lower() not in known]
    if unknown:
        return Check(
            "account store: mapped attributes exist",
            False,
            "not in the directory's schema: " + ", ".join(unknown),
            "load schema/ticketworker-portal.ldif (ticketworker init --load-schema) or map "
            "attributes that exist",
        )
    return Check("account store: mapped attributes exist", True, f"{len(wanted)} attributes")


_NAMES = re.compile(r"NAME\s+(?:'([^']+)'|\(([^)]*)\))")


def _schema_attribute_names(conn: Connection) -> set[str]:
    """Lower-cased names of every attribute type the server's subschema entry lists."""
    conn.search("", "(objectClass=*)", BASE, attributes=["subschemaSubentry"])
    subschema = conn.response[0]["raw_attributes"].get("subschemaSubentry") or []
    if not subschema:
        return set()
    conn.search(
        subschema[0].decode(), "(objectClass=subschema)", BASE, attributes=["attributeTypes"]
    )
    names: set[str] = set()
    for definition in conn.response[0]["raw_attributes"].get("attributeTypes", []):
        match = _NAMES.search(definition.decode("utf-8", "replace"))
        if match:
            single, several = match.groups()
            names.update(n.strip("'").lower() for n in (single or several).split())
    return names
