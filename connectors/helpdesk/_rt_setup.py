"""One-time RT set-up through REST2: the queue, the worker's mark field and its values.

Used by :meth:`connectors.helpdesk.rt.RTHelpDesk.ensure_setup` (scripts and tests).
Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
"""

from __future__ import annotations

import json
import logging
from urllib.parse import quote

from ..http import HttpClient
from ._rt_models import RTCustomField, RTPage, RTQueue, parse, refused
from .base import ReviewMark

logger = logging.getLogger(__name__)

TICKET_FIELDS = "RT::Queue-RT::Ticket"  # the LookupType of ticket custom fields


def load_queue(
    http: HttpClient, name: str, *, create: bool = False, done: list[str] | None = None
) -> RTQueue:
    """The queue by name; created when missing and ``create``, else PermanentError."""
    # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Queues": GET /queue/:name)
    answer = http.request("GET", f"queue/{quote(name, safe='')}", allow_statuses={404})
    if answer.status != 404:
        return parse(RTQueue, answer.data, "queue")
    if not create:
        raise refused(f"RT queue {name!r} does not exist or is not visible")
    # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Queues": POST /queue)
    http.request("POST", "queue", json={"Name": name, "Description": "help-desk queue"})
    logger.info("created RT queue %r", name)
    if done is not None:
        done.append(f"created queue {name!r}")
    return load_queue(http, name)


def ensure_setup(http: HttpClient, queue_name: str, field_name: str) -> list[str]:
    """Create the queue, the Select field applied to it, and the field's values where missing.

    Returns what it did, one phrase each (empty when everything was there already).
    """
    done: list[str] = []
    queue = load_queue(http, queue_name, create=True, done=done)
    field_id = queue.ticket_field_id(field_name) or _create_field(http, queue, field_name, done)
    # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Custom Fields")
    field = parse(RTCustomField, http.get(f"customfield/{field_id}"), "custom field")
    for mark in (ReviewMark.NEEDS_REVIEW, ReviewMark.DONE):
        if mark.value not in field.Values:
            # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
            # ("Custom Field Values": POST /customfield/:id/value)
            http.request("POST", f"customfield/{field_id}/value", json={"Name": mark.value})
            logger.info("added value %r to RT custom field %r", mark.value, field_name)
            done.append(f"added value {mark.value!r} to custom field {field_name!r}")
    return done


def _create_field(http: HttpClient, queue: RTQueue, name: str, done: list[str]) -> str:
    """A new Select field of that name, applied to the queue.

    REST2 in RT 5.0 cannot apply an *existing* custom field to another queue, but RT allows
    two fields of one name: a ticket reads and writes the one applied to its own queue
    (``LoadCustomFieldByIdentifier`` looks among the queue's fields).  So a second queue
    gets a field of its own with the same name and values.
    """
    search = json.dumps([{"field": "Name", "value": name}])
    # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html
    # ("Custom Fields": GET /customfields?query=<JSON>)
    params = {"query": search, "fields": "Name,LookupType"}
    found = parse(RTPage, http.get("customfields", params=params), "field search")
    elsewhere = any(
        i.get("Name") == name and i.get("LookupType") == TICKET_FIELDS for i in found.items
    )
    # Creating with "Queue" applies the new field to that queue (RT::CustomField::Create).
    # Reference: https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html ("Custom Fields": POST)
    http.request(
        "POST",
        "customfield",
        json={
            "Name": name,
            "Type": "Select",
            "MaxValues": 1,
            "LookupType": TICKET_FIELDS,
            "Queue": queue.id,
            "Description": "ticketworker's mark on a ticket",
        },
    )
    logger.info("created RT custom field %r on queue %r", name, queue.Name)
    done.append(
        f"created custom field {name!r} for queue {queue.Name!r}"
        + (" (the field of that name on other queues stays as it is)" if elsewhere else "")
    )
    field_id = load_queue(http, queue.Name).ticket_field_id(name)
    if field_id is None:
        raise refused(f"RT created custom field {name!r} but did not apply it")
    return field_id
