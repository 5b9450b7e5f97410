"""Contract-suite harnesses for ``ldap`` (the private slapd) and ``active_directory`` (the
private Samba AD DC): an OU of the test's own, direct reads and writes as the directory's
administrator, the store bound as the restricted worker account (ldap) or the bind account."""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from ldap3 import LEVEL, MODIFY_REPLACE, SUBTREE, Connection, Server, Tls
from ldap3.core import exceptions as ldap_errors
from pydantic import SecretStr

from connectors.accounts._directory import DirectoryAccountStore, random_secret
from connectors.accounts.active_directory import ActiveDirectoryAccountStore
from connectors.accounts.base import AccountNames, AccountStore
from connectors.accounts.config import ActiveDirectoryAccountsConfig, LdapAccountsConfig
from connectors.accounts.ldap import LdapAccountStore

from .conftest import FAST_POLICY
from .store_harness import ANSWERS, StoredState, StoreHarness

LOCKED = "000001010000Z"
UAC_DISABLED = 2


class DirectoryHarness:
    """What both directory kinds share; the subclasses know their attributes."""

    kind = ""
    read_back_decides = True

    def __init__(self, admin: Connection, config: Any, ou: str) -> None:
        self.admin = admin
        self.config = config
        self.ou = ou
        self._stores: list[DirectoryAccountStore] = []
        self._main = self._keep(self._build(config))

    def _build(self, config: Any) -> DirectoryAccountStore:
        raise NotImplementedError

    def _keep(self, store: DirectoryAccountStore) -> DirectoryAccountStore:
        self._stores.append(store)
        return store

    def store(self) -> AccountStore:
        return self._main

    def _find(self, student_id: str, attributes: list[str]) -> dict[str, Any] | None:
        self.admin.search(
            self.ou, f"({self.config.id_attribute}={student_id})", SUBTREE, attributes=attributes
        )
        found = [r for r in self.admin.response if r.get("type") == "searchResEntry"]
        assert len(found) <= 1
        if not found:
            return None
        raw = {k.lower(): v for k, v in found[0]["raw_attributes"].items()}
        return {"dn": found[0]["dn"], **raw}

    def _text(self, entry: dict[str, Any], attribute: str) -> str | None:
        values = entry.get(attribute.lower())
        return values[0].decode() if values else None

    def portal_claim(self, student: AccountNames, password: str) -> None:
        # The portal simulation over the same directory, as its own process would run it.
        portal = self._keep(self._build(self.config))
        outcome = portal.claim(
            student.student_id, student.first_name, student.last_name, ANSWERS, password
        )
        assert outcome.ok, outcome

    def signs_in(self, student_id: str, password: str) -> bool:
        entry = self._find(student_id, ["1.1"])
        assert entry is not None
        return self._main.binds(entry["dn"], password)

    def store_with_refused_credentials(self) -> AccountStore:
        wrong = self.config.model_copy(update={"bind_password": SecretStr("not-the-password")})
        return self._keep(self._build(wrong))

    def store_with_server_down(self) -> AccountStore:
        scheme = self.config.url.split(":", 1)[0]
        down = self.config.model_copy(update={"url": f"{scheme}://127.0.0.1:1"})
        return self._keep(self._build(down))

    @contextmanager
    def answer_lost_on_next_write(self) -> Iterator[AccountStore]:
        """The store's next modify is applied by the real server, then the connection drops
        before the store reads the answer."""
        store = self._keep(self._build(self.config))
        store.lookup("0000000")  # opens and binds the connection to be cut
        conn = store._conn
        assert conn is not None
        real_modify = conn.modify
        lost = {"armed": True}

        def applied_then_dropped(*args: Any, **kwargs: Any) -> Any:
            result = real_modify(*args, **kwargs)
            if lost["armed"]:
                lost["armed"] = False
                conn.unbind()
                raise ldap_errors.LDAPSocketReceiveError("connection dropped (test)")
            return result

        conn.modify = applied_then_dropped  # type: ignore[method-assign]
        yield store
        assert not lost["armed"], "the store wrote nothing: no answer was lost"

    def close(self) -> None:
        for store in self._stores:
            store.close()
        _delete_subtree(self.admin, self.ou)
        self.admin.unbind()


class LdapHarness(DirectoryHarness):
    kind = "ldap"

    def _build(self, config: Any) -> DirectoryAccountStore:
        return LdapAccountStore(config, policy=FAST_POLICY)

    def create_directly(self, accounts: Sequence[AccountNames]) -> None:
        for record in accounts:
            self.admin.add(
                f"uid={record.student_id},{self.ou}",
                ["inetOrgPerson", "twPortalAccount"],
                {
                    "uid": record.student_id,
                    "cn": f"{record.first_name} {record.last_name}",
                    "givenName": record.first_name,
                    "sn": record.last_name,
                    "employeeNumber": record.student_id,
                    "twPortalClaimed": "FALSE",
                },
            )

    def read_directly(self, student_id: str) -> StoredState | None:
        entry = self._find(
            student_id,
            ["givenName", "sn", "twPortalClaimed", "twPortalChallenge", "pwdAccountLockedTime"],
        )
        if entry is None:
            return None
        return StoredState(
            first_name=self._text(entry, "givenName") or "",
            last_name=self._text(entry, "sn") or "",
            claimed=self._text(entry, "twPortalClaimed") == "TRUE",
            disabled=self._text(entry, "pwdAccountLockedTime") == LOCKED,
            has_challenge_answers=self._text(entry, "twPortalChallenge") is not None,
        )

    def disable_directly(self, student_id: str) -> None:
        entry = self._find(student_id, ["1.1"])
        assert entry is not None
        self.admin.modify(entry["dn"], {"pwdAccountLockedTime": [(MODIFY_REPLACE, [LOCKED])]})


class ActiveDirectoryHarness(DirectoryHarness):
    kind = "active_directory"

    def __init__(self, admin: Connection, config: Any, ou: str, run: str) -> None:
        self.run = run
        super().__init__(admin, config, ou)

    def _build(self, config: Any) -> DirectoryAccountStore:
        return ActiveDirectoryAccountStore(config, policy=FAST_POLICY)

    def create_directly(self, accounts: Sequence[AccountNames]) -> None:
        for record in accounts:
            # How a district's provisioning creates a user: password first, then enabled.
            self.admin.add(
                f"CN={record.student_id},{self.ou}",
                ["top", "person", "organizationalPerson", "user"],
                {
                    "sAMAccountName": f"{self.run}{record.student_id}",
                    "givenName": record.first_name,
                    "sn": record.last_name,
                    "employeeID": record.student_id,
                    "msDS-cloudExtensionAttribute10": "unclaimed",
                    "unicodePwd": f'"{random_secret()}"'.encode("utf-16-le"),
                    "userAccountControl": "512",
                },
            )

    def read_directly(self, student_id: str) -> StoredState | None:
        attributes = [
            "givenName",
            "sn",
            "userAccountControl",
            "msDS-cloudExtensionAttribute10",
            "msDS-cloudExtensionAttribute12",
        ]
        entry = self._find(student_id, attributes)
        if entry is None:
            return None
        uac = int(self._text(entry, "userAccountControl") or "0")
        return StoredState(
            first_name=self._text(entry, "givenName") or "",
            last_name=self._text(entry, "sn") or "",
            claimed=self._text(entry, "msDS-cloudExtensionAttribute10") == "claimed",
            disabled=bool(uac & UAC_DISABLED),
            has_challenge_answers=self._text(entry, "msDS-cloudExtensionAttribute12") is not None,
        )

    def disable_directly(self, student_id: str) -> None:
        entry = self._find(student_id, ["userAccountControl"])
        assert entry is not None
        uac = int(self._text(entry, "userAccountControl") or "0")
        self.admin.modify(
            entry["dn"], {"userAccountControl": [(MODIFY_REPLACE, [str(uac | UAC_DISABLED)])]}
        )


def _delete_subtree(admin: Connection, dn: str) -> None:
    admin.search(dn, "(objectClass=*)", LEVEL, attributes=["1.1"], paged_size=1000)
    for child in [r["dn"] for r in admin.response if r.get("type") == "searchResEntry"]:
        _delete_subtree(admin, child)
    try:
        admin.delete(dn)
    except ldap_errors.LDAPNoSuchObjectResult:
        pass


def _make_ou(admin: Connection, parent: str, name: str, attribute: str = "ou") -> str:
    dn = f"{attribute}={name},{parent}"
    admin.add(dn, ["organizationalUnit"], {"ou": name})
    return dn


def ldap_harness(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    env: dict[str, str] = request.getfixturevalue("slapd_env")
    admin = Connection(
        Server(env["TW_LDAP_URL"]),
        env["TW_LDAP_ADMIN_DN"],
        env["TW_LDAP_ADMIN_PASSWORD"],
        auto_bind=True,
        raise_exceptions=True,
    )
    ou = _make_ou(admin, f"ou=students,{env['TW_LDAP_BASE_DN']}", f"t{uuid.uuid4().hex[:10]}")
    config = LdapAccountsConfig(
        url=env["TW_LDAP_URL"],
        bind_dn=env["TW_LDAP_BIND_DN"],
        bind_password=SecretStr(env["TW_LDAP_BIND_PASSWORD"]),
        base_dn=ou,
        timeout_seconds=5,
        page_size=7,  # several pages even for the suite's few accounts
        batch_size=6,
    )
    harness = LdapHarness(admin, config, ou)
    try:
        yield harness
    finally:
        harness.close()


def active_directory_harness(request: pytest.FixtureRequest) -> Iterator[StoreHarness]:
    env: dict[str, str] = request.getfixturevalue("samba_env")
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=env["TW_AD_CA_FILE"])
    admin = Connection(
        Server(env["TW_AD_URL"], tls=tls),
        env["TW_AD_BIND_DN"],
        env["TW_AD_BIND_PASSWORD"],
        auto_bind=True,
        raise_exceptions=True,
    )
    run = f"t{uuid.uuid4().hex[:5]}"
    ou = _make_ou(admin, env["TW_AD_STUDENTS_OU"], run, "OU")
    config = ActiveDirectoryAccountsConfig(
        url=env["TW_AD_URL"],
        bind_dn=env["TW_AD_BIND_DN"],
        bind_password=SecretStr(env["TW_AD_BIND_PASSWORD"]),
        base_dn=ou,
        ca_file=env["TW_AD_CA_FILE"],
        timeout_seconds=10,
        page_size=7,
        batch_size=6,
        # sAMAccountName is unique in the whole domain: each test's accounts get its prefix.
        create_attributes={
            "sAMAccountName": run + "{student_id}",
            "displayName": "{first_name} {last_name}",
        },
    )
    harness = ActiveDirectoryHarness(admin, config, ou, run)
    try:
        yield harness
    finally:
        harness.close()
