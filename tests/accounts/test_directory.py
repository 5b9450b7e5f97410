"""What the directory stores do beyond the contract, read straight from the real servers:
the server's own must-change flags, lockouts, self_check, settings, error text."""

from __future__ import annotations

import traceback
from collections.abc import Iterator

import pytest
from ldap3 import BASE
from pydantic import SecretStr, ValidationError

from connectors.accounts import build_accounts
from connectors.accounts.active_directory import ActiveDirectoryAccountStore
from connectors.accounts.base import AccountNames, ResetKind
from connectors.accounts.config import ActiveDirectoryAccountsConfig, LdapAccountsConfig
from connectors.accounts.ldap import LdapAccountStore, portal_schema_ldif
from connectors.errors import PermanentError

from .harness_directory import (
    ActiveDirectoryHarness,
    DirectoryHarness,
    LdapHarness,
    active_directory_harness,
    ldap_harness,
)

MARA = AccountNames("0412345", "Mara-Lynn", "O'Donnell")
PASSWORD = "first-Pass1"

pytestmark = [pytest.mark.integration, pytest.mark.directory]


@pytest.fixture
def slapd(request: pytest.FixtureRequest) -> Iterator[LdapHarness]:
    for harness in ldap_harness(request):
        assert isinstance(harness, LdapHarness)
        yield harness


@pytest.fixture
def samba(request: pytest.FixtureRequest) -> Iterator[ActiveDirectoryHarness]:
    for harness in active_directory_harness(request):
        assert isinstance(harness, ActiveDirectoryHarness)
        yield harness


def operational(harness: DirectoryHarness, *attributes: str) -> dict[str, list[bytes]]:
    entry = harness._find(MARA.student_id, ["1.1"])
    assert entry is not None
    harness.admin.search(entry["dn"], "(objectClass=*)", BASE, attributes=list(attributes))
    raw = harness.admin.response[0]["raw_attributes"]
    return {name.lower(): list(values) for name, values in raw.items()}


def test_ldap_reset_makes_the_server_demand_a_new_password(slapd: LdapHarness) -> None:
    slapd.create_directly([MARA])
    slapd.portal_claim(MARA, PASSWORD)
    before = operational(slapd, "pwdChangedTime", "pwdReset")
    assert before["pwdreset"] == [], "the student's own password needs no change"

    assert slapd.store().reset(
        MARA.student_id, idempotency_key="k", actor="t", reason="r"
    ).kind is (ResetKind.RESET)
    after = operational(slapd, "pwdChangedTime", "pwdReset", "userPassword")
    assert after["pwdreset"] == [b"TRUE"]
    assert after["userpassword"] and after["userpassword"] != [PASSWORD.encode()]
    assert not after["userpassword"][0].startswith(b"first"), "stored hashed, never the secret"


def test_ldap_failed_bind_lockout_is_not_a_disable_and_a_reset_lifts_it(
    slapd: LdapHarness,
) -> None:
    slapd.create_directly([MARA])
    slapd.portal_claim(MARA, PASSWORD)
    for _ in range(5):  # the test policy locks after five failures
        assert not slapd.signs_in(MARA.student_id, "wrong-Guess1")
    assert operational(slapd, "pwdAccountLockedTime")["pwdaccountlockedtime"], "ppolicy locked"
    assert not slapd.signs_in(MARA.student_id, PASSWORD)
    state = slapd.read_directly(MARA.student_id)
    assert state is not None and not state.disabled

    outcome = slapd.store().reset(MARA.student_id, idempotency_key="k", actor="t", reason="r")

    assert outcome.kind is ResetKind.RESET
    assert operational(slapd, "pwdAccountLockedTime")["pwdaccountlockedtime"] == []
    slapd.portal_claim(MARA, "second-Pass2")
    assert slapd.signs_in(MARA.student_id, "second-Pass2")


def test_active_directory_reset_sets_must_change_and_keeps_the_account_enabled(
    samba: ActiveDirectoryHarness,
) -> None:
    samba.create_directly([MARA])
    samba.portal_claim(MARA, PASSWORD)
    assert operational(samba, "pwdLastSet")["pwdlastset"] != [b"0"]

    outcome = samba.store().reset(MARA.student_id, idempotency_key="k", actor="t", reason="r")

    assert outcome.kind is ResetKind.RESET
    values = operational(samba, "pwdLastSet", "userAccountControl")
    assert values["pwdlastset"] == [b"0"]
    assert int(values["useraccountcontrol"][0]) & 2 == 0


def test_active_directory_creates_enabled_unclaimed_users(samba: ActiveDirectoryHarness) -> None:
    store = samba.store()
    assert store.create_unclaimed([MARA]) == 1
    values = operational(samba, "userAccountControl", "sAMAccountName", "displayName")
    assert int(values["useraccountcontrol"][0]) & 2 == 0
    assert values["samaccountname"] == [f"{samba.run}{MARA.student_id}".encode()]
    assert values["displayname"] == [f"{MARA.first_name} {MARA.last_name}".encode()]
    samba.portal_claim(MARA, PASSWORD)
    assert samba.signs_in(MARA.student_id, PASSWORD)


@pytest.mark.parametrize("kind", ["ldap", "active_directory"])
def test_self_check_passes_against_the_real_server(
    kind: str, request: pytest.FixtureRequest
) -> None:
    harness: DirectoryHarness = request.getfixturevalue("slapd" if kind == "ldap" else "samba")
    harness.create_directly([MARA])
    checks = harness._main.self_check()
    assert [c.name for c in checks if not c.ok] == []
    names = " ".join(c.name for c in checks)
    assert "reachable" in names and "dry read" in names and "attributes exist" in names
    if kind == "active_directory":
        assert "may reset passwords" in names


def test_self_check_names_the_fix_for_refused_credentials_and_unknown_attributes(
    slapd: LdapHarness,
) -> None:
    slapd.create_directly([MARA])
    refused = slapd.store_with_refused_credentials()
    assert isinstance(refused, LdapAccountStore)
    [check] = refused.self_check()
    assert not check.ok and "bind_password" in check.detail and check.fix
    assert "not-the-password" not in check.detail

    wrong = slapd.config.model_copy(update={"challenge_attribute": "twNoSuchAttribute"})
    store = LdapAccountStore(wrong)
    checks = store.self_check()
    store.close()
    mapping = next(c for c in checks if "attributes exist" in c.name)
    assert not mapping.ok and "twNoSuchAttribute" in mapping.detail and "ldif" in mapping.fix


def test_errors_carry_no_student_data(slapd: LdapHarness) -> None:
    slapd.create_directly([MARA])
    # A second entry with the same student ID: the store refuses to pick one.
    slapd.admin.add(
        f"uid=dup,{slapd.ou}",
        ["inetOrgPerson"],
        {"uid": "dup", "cn": "x", "sn": "x", "employeeNumber": MARA.student_id},
    )
    with pytest.raises(PermanentError) as caught:
        slapd.store().reset(MARA.student_id, idempotency_key="k", actor="t", reason="r")
    shown = "".join(traceback.format_exception(caught.value))
    assert MARA.student_id not in shown and MARA.last_name not in shown

    # A server refusal (here: a value the attribute's syntax refuses) names the result code,
    # never the DN (which holds the student ID).
    slapd.admin.delete(f"uid=dup,{slapd.ou}")
    bad = LdapAccountStore(slapd.config.model_copy(update={"claimed_value": "not-a-boolean"}))
    answers = {"q1": "a1", "q2": "a2", "q3": "a3"}
    with pytest.raises(PermanentError) as refused:
        bad.claim(MARA.student_id, MARA.first_name, MARA.last_name, answers, "long-Enough1")
    bad.close()
    text = "".join(traceback.format_exception(refused.value))
    assert MARA.student_id not in text and "result 21" in str(refused.value)


def test_settings_build_each_directory_store_and_refuse_clear_text_ad() -> None:
    common = {
        "bind_dn": "cn=ticketworker,ou=services,dc=district,dc=example",
        "bind_password": SecretStr("s3cret-Value"),
        "base_dn": "ou=students,dc=district,dc=example",
    }
    ldap_store = build_accounts(LdapAccountsConfig(url="ldap://127.0.0.1:3890", **common))
    assert isinstance(ldap_store, LdapAccountStore)
    ad = ActiveDirectoryAccountsConfig(url="ldaps://127.0.0.1:636", **common)
    assert isinstance(build_accounts(ad), ActiveDirectoryAccountStore)
    assert "s3cret-Value" not in repr(ad)
    with pytest.raises(ValidationError, match="encrypted"):
        ActiveDirectoryAccountsConfig(url="ldap://127.0.0.1:389", **common)
    assert ActiveDirectoryAccountsConfig(url="ldap://127.0.0.1:389", start_tls=True, **common)


def test_the_schema_ldif_ships_with_the_package() -> None:
    ldif = portal_schema_ldif()
    assert "dn: cn=ticketworker-portal,cn=schema,cn=config" in ldif
    for attribute in ("twPortalClaimed", "twPortalChallenge", "twPortalResetKey"):
        assert f"NAME '{attribute}'" in ldif


def test_ad_self_check_says_which_rights_a_plain_domain_user_lacks(
    samba: ActiveDirectoryHarness,
) -> None:
    samba.create_directly([MARA])
    password = "Svc-account-Pass9"
    service_dn = f"CN=svc{samba.run},{samba.ou}"
    samba.admin.add(
        service_dn,
        ["top", "person", "organizationalPerson", "user"],
        {
            "sAMAccountName": f"svc{samba.run}",
            "unicodePwd": f'"{password}"'.encode("utf-16-le"),
            "userAccountControl": "512",
        },
    )
    plain = samba.config.model_copy(
        update={"bind_dn": service_dn, "bind_password": SecretStr(password)}
    )
    store = ActiveDirectoryAccountStore(plain)
    try:
        checks = store.self_check()
    finally:
        store.close()
    by_name = {check.name: check for check in checks}
    assert by_name["account store: dry read of one account"].ok, "any user may read users"
    rights = by_name["account store: bind account may reset passwords in the OU"]
    assert not rights.ok and "unicodepwd" in rights.detail and "Reset Password" in rights.fix
    assert password not in rights.detail
