"""Account stores filled from a roster, for the demo, the benchmarks and the tests.

The portal creates accounts itself in production (or the reconcile job does); these helpers
exist so every non-production world starts the same way.  They use argon2's cheapest profile
because nothing they hash is a real secret, and hashing thousands of claims at the production
cost would make the demo and the benchmarks measure argon2 instead of ticketworker.
"""

from __future__ import annotations

from collections.abc import Iterable

import argon2

from connectors.accounts.base import AccountNames
from connectors.accounts.sql import PortalPolicy, SqlAccountStore
from connectors.roster.base import UserRecord


def unclaimed_store_for(url: str, users: Iterable[UserRecord]) -> SqlAccountStore:
    """A store at ``url`` (schema created) with one unclaimed account per student in ``users``.

    Not for production: the password hashing is deliberately cheap (see the module docstring).
    """
    store = SqlAccountStore.from_url(
        url, policy=PortalPolicy(argon2_parameters=argon2.profiles.CHEAPEST)
    )
    store.create_schema()
    store.create_unclaimed(
        AccountNames(u.identifier, u.given_name, u.family_name) for u in users if u.is_student
    )
    return store
