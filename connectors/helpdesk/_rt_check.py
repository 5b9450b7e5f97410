"""``RTHelpDesk.self_check``: what ``ticketworker check`` tries against a real RT, read-only.

Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html (RT 5.0.3 as Debian 12 ships
it).  REST2 has no "my rights" call, so the rights are read off a ticket of the queue: RT
lists the ``correspond`` and ``comment`` links of a ticket only to a user who may reply and
comment, and a lifecycle link to ``resolved`` only to one who may make that change.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from ..checks import Check
from ..errors import AuthError, ConnectorError
from ..http import HttpClient
from . import _rt_setup
from ._rt_models import RTCustomField, RTPage, RTQueue, parse, ticketsql_datetime, ticketsql_string
from .base import ReviewMark
from .config import RTConfig

#: Clocks further apart than this make "updated since" listings miss or repeat tickets.
MAX_CLOCK_SKEW = timedelta(seconds=60)
INIT = "run `ticketworker init` (it creates the queue's mark field and its values)"


def self_check(http: HttpClient, config: RTConfig) -> list[Check]:
    base = config.base_url
    checks: list[Check] = []
    try:
        # Reference: REST2.html ("Summary": GET /rt answers the version to any valid login)
        answer = http.request("GET", "rt")
    except AuthError as exc:
        how = "TICKETWORKER_HELPDESK__TOKEN" if config.token else "USERNAME and PASSWORD"
        fix = f"set {how} to a valid RT login (RT: Logged in as > Settings > Auth Tokens)"
        return [Check("help-desk credentials", False, f"{base}: {exc}", fix)]
    except ConnectorError as exc:
        fix = "start RT, or correct TICKETWORKER_HELPDESK__BASE_URL"
        return [Check("help-desk reachable", False, str(exc), fix)]
    version = (answer.data or {}).get("Version", "?") if isinstance(answer.data, dict) else "?"
    checks.append(Check("help-desk credentials", True, f"RT {version} at {base}"))
    checks.append(_clock(answer.headers))
    try:
        queue = _rt_setup.load_queue(http, config.queue)
    except ConnectorError as exc:
        fix = "create the queue in RT or correct TICKETWORKER_HELPDESK__QUEUE (or run init)"
        checks.append(Check("help-desk queue", False, str(exc), fix))
        return checks
    checks.append(Check("help-desk queue", True, f"queue {queue.Name!r} (id {queue.id})"))
    checks.append(_mark_field(http, queue, config.mark_field))
    ticket = _one_ticket(http, queue)
    checks.extend(_rights(http, ticket, queue.Name))
    checks.append(_time_zone(http, ticket))
    return checks


def _clock(headers: Any) -> Check:
    stamp = headers.get("Date") if hasattr(headers, "get") else None
    try:
        theirs = parsedate_to_datetime(stamp) if stamp else None
    except (TypeError, ValueError):
        theirs = None
    if theirs is None:
        return Check("help-desk clock", True, "RT sent no Date header: not compared")
    skew = abs(datetime.now(UTC) - theirs)
    if skew > MAX_CLOCK_SKEW:
        return Check(
            "help-desk clock",
            False,
            f"RT's clock is {skew.total_seconds():.0f} s from this machine's",
            "synchronise both clocks (NTP)",
        )
    return Check("help-desk clock", True, f"within {skew.total_seconds():.0f} s of this machine")


def _mark_field(http: HttpClient, queue: RTQueue, name: str) -> Check:
    field_id = queue.ticket_field_id(name)
    if field_id is None:
        return Check(
            "help-desk mark field", False, f"no field {name!r} applies to {queue.Name!r}", INIT
        )
    # Reference: REST2.html ("Custom Fields": GET /customfield/:id)
    field = parse(RTCustomField, http.get(f"customfield/{field_id}"), "custom field")
    missing = [m.value for m in (ReviewMark.NEEDS_REVIEW, ReviewMark.DONE)]
    missing = [value for value in missing if value not in field.Values]
    if field.Type != "Select" or missing:
        detail = f"field {name!r} is {field.Type or 'untyped'}" + (
            f", lacking values {', '.join(missing)}" if missing else ""
        )
        return Check("help-desk mark field", False, detail, INIT)
    return Check("help-desk mark field", True, f"{name!r} (id {field_id}) on {queue.Name!r}")


def _one_ticket(http: HttpClient, queue: RTQueue) -> dict[str, Any] | None:
    params = {
        "query": f"Queue = {ticketsql_string(queue.Name)}",
        "per_page": 1,
        "orderby": "id",
        "order": "DESC",
        "fields": "LastUpdated",
    }
    # Reference: REST2.html ("Tickets": GET /tickets?query=TicketSQL)
    page = parse(RTPage, http.get("tickets", params=params), "ticket search")
    return page.items[0] if page.items else None


def _rights(http: HttpClient, ticket: dict[str, Any] | None, queue: str) -> list[Check]:
    name = "help-desk rights (see, reply, comment, modify)"
    if ticket is None:
        return [Check(name, True, f"not checked: queue {queue!r} has no ticket yet")]
    # Reference: REST2.html ("Tickets": GET /ticket/:id, with its _hyperlinks)
    data = http.get(f"ticket/{ticket['id']}")
    links = data.get("_hyperlinks", []) if isinstance(data, dict) else []
    refs = {link.get("ref") for link in links}
    lifecycle = {link.get("to") for link in links if link.get("ref") == "lifecycle"}
    lacking = [
        right
        for right, present in (
            ("ReplyToTicket", "correspond" in refs),
            ("CommentOnTicket", "comment" in refs),
            (
                "ModifyTicket (resolving)",
                "resolved" in lifecycle or data.get("Status") == "resolved",
            ),
        )
        if not present
    ]
    if lacking:
        return [
            Check(
                name,
                False,
                f"on ticket {ticket['id']} the API user lacks {', '.join(lacking)}",
                f"grant the API user ShowTicket, ReplyToTicket, CommentOnTicket, ModifyTicket "
                f"and ModifyCustomField on queue {queue!r}",
            )
        ]
    return [Check(name, True, f"read off ticket {ticket['id']}")]


def _time_zone(http: HttpClient, ticket: dict[str, Any] | None) -> Check:
    """TicketSQL reads date literals in the API user's time zone; the worker writes UTC."""
    name = "help-desk time zone (TicketSQL dates in UTC)"
    if ticket is None or not ticket.get("LastUpdated"):
        return Check(name, True, "not checked: no ticket to compare with")
    updated = datetime.fromisoformat(str(ticket["LastUpdated"]).replace("Z", "+00:00"))
    low, high = updated - timedelta(seconds=1), updated + timedelta(seconds=1)
    query = (
        f"id = {int(ticket['id'])} AND LastUpdated > {ticketsql_datetime(low)} "
        f"AND LastUpdated < {ticketsql_datetime(high)}"
    )
    # Reference: REST2.html ("Tickets": GET /tickets?query=TicketSQL)
    found = parse(RTPage, http.get("tickets", params={"query": query}), "ticket search")
    if not found.items:
        return Check(
            name,
            False,
            "RT reads the worker's UTC times in another time zone",
            "set $Timezone to 'UTC' in RT_SiteConfig.pm and clear the API user's time zone",
        )
    return Check(name, True, "RT reads UTC times as UTC")
