"""Zammad over its REST API v1: the :class:`~connectors.helpdesk.base.HelpDesk` for Zammad.

Vendor reference: https://docs.zammad.org/en/latest/api/intro.html and the pages under it.
What the code below relies on, and why:

* Waiting tickets come from the ticket search (``/api/v1/tickets/search``, Elasticsearch
  query syntax, ``expand=true`` for named relations).  Its paging is ``page``/``per_page``
  (at most 200), which shifts when tickets leave the result set, so the listing always asks
  for page 1 of ``id:>last seen`` sorted by id (as the RT connector does): a ticket closed
  while the caller works through the listing cannot push another one off a page.  Zammad
  sends no total, so the listing ends at the first empty page.
* Tags have no place in the ticket record, so the listing asks the search once more per mark
  tag for the ids that carry it (two small searches, not one request per ticket).
* A reply is an ``email`` article to the customer (Zammad mails it), a note an internal
  ``note`` article; both go in one ticket update, which on a "new" ticket also sets "open".
* Zammad states new / open, pending reminder, pending close / closed, merged are reported as
  "new", "open" and "resolved"; resolving sets "closed".
* For a ticket that came by e-mail, the stored message's header block is read (the raw
  message endpoint) so the worker can check the district mail server's verdict on the sender.
  A ticket from Zammad's embeddable web form (``preferences.form``) names whoever's address
  was typed into it, so it is reported like an e-mail without headers (``channel`` "email").
* Zammad has no API rate-limit headers; a proxy's 429 or 503 is handled by the HTTP funnel.
  A 403 "Maintenance mode enabled!" is a pause, not a refused credential.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from email.utils import getaddresses
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr

from ..checks import Check
from ..errors import AuthError, ConnectorError, PermanentError, TransientError
from ..http import HttpAnswer, HttpClient, RetryPolicy, Timeouts, TokenAuth
from ._answers import VendorAnswers
from .base import ContentType, Message, ReviewMark, Ticket, TicketRef
from .config import ZammadConfig

logger = logging.getLogger(__name__)

SERVICE = "Zammad"

_ANSWERS = VendorAnswers(SERVICE, short="Zammad", id_noun="a Zammad ticket id")
refused = _ANSWERS.refused
parse = _ANSWERS.parse
ticket_number = _ANSWERS.number
MAX_PAGES = 10_000  # bounds every paging loop: two million tickets at 200 a page
MAX_HEADER_BYTES = 256 * 1024  # an e-mail's header block; more is not a header block
WAITING_STATES = ("new", "open", "pending reminder", "pending close")
#: Zammad's states in the words the pipeline uses.
STATUS_WORDS = {
    "new": "new",
    "open": "open",
    "pending reminder": "open",
    "pending close": "open",
    "closed": "resolved",
    "merged": "resolved",
    "removed": "resolved",
}


# ---------------------------------------------------------------------- vendor shapes
class _ZModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ZTicket(_ZModel):
    id: int
    number: str = ""
    title: str = ""
    group_id: int | None = None
    group: str = ""
    state: str = ""
    customer_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    preferences: dict[str, Any] = {}

    @property
    def from_web_form(self) -> bool:
        """Filed through Zammad's embeddable web form, which takes any typed address."""
        return isinstance(self.preferences.get("form"), dict)


class ZArticle(_ZModel):
    id: int
    ticket_id: int
    sender: str = ""  # "Customer", "Agent", "System"
    type: str = ""  # "email", "web", "note", "phone", ...
    internal: bool = False
    content_type: str = "text/plain"
    body: str = ""
    cc: str | None = None
    created_by_id: int | None = None
    created_by: str = ""  # the creator's login (expand=true)
    from_: str | None = None
    created_at: datetime

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    @classmethod
    def of(cls, data: Any) -> ZArticle:
        if isinstance(data, dict) and "from" in data:
            data = {**data, "from_": data["from"]}
        return parse(cls, data, "ticket article")


class ZUser(_ZModel):
    id: int
    login: str = ""
    email: str = ""
    roles: list[str] = []  # names (expand=true)
    group_ids: dict[str, list[str]] = {}

    @property
    def address(self) -> str:
        return self.email or self.login


class ZGroup(_ZModel):
    id: int
    name: str
    active: bool = True


def parse_list(data: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise refused(f"unexpected Zammad answer for {what} (not a list of records)")
    return data


# ---------------------------------------------------------------------- pure helpers


def search_phrase(value: str) -> str:
    """A phrase for Elasticsearch's query string: double-quoted, its specials escaped."""
    return '"' + re.sub(r'(["\\])', r"\\\1", value) + '"'


def search_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def media_type(content_type: str) -> ContentType:
    """An article's content type as the pipeline knows it (Zammad has only these two)."""
    return "text/html" if content_type.lower().startswith("text/html") else "text/plain"


def error_text(body: Any) -> str:
    """Zammad's ``error`` text when it is one of its fixed phrases (never echoed input)."""
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        text: str = body["error"]
        # Record-not-found texts name only the model and id ("Couldn't find Ticket with
        # 'id'=9"); anything longer may quote what we sent.
        return text if len(text) <= 80 else ""
    return ""


def _error_mapper(answer: HttpAnswer) -> ConnectorError | None:
    if 200 <= answer.status < 300:
        return None
    what = f"{answer.method} {answer.path}"
    text = error_text(answer.json())
    said = f" ({text})" if text else ""
    # Zammad answers 403 to everyone while an admin has it in maintenance mode.
    if answer.status == 403 and "maintenance mode" in text.lower():
        return TransientError(f"{what}: HTTP 403{said}")
    if answer.status in (401, 403):
        return AuthError(f"{what}: HTTP {answer.status}{said}")
    if 400 <= answer.status < 500 and answer.status not in (408, 429):
        return PermanentError(f"{what}: HTTP {answer.status}{said}")
    return None


class ZammadHelpDesk:
    """Zammad through its REST API v1, with an agent's access token."""

    def __init__(
        self,
        config: ZammadConfig,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if config.token is None:
            raise ValueError("Zammad needs TICKETWORKER_HELPDESK__TOKEN (an agent's access token)")
        self._config = config
        seconds = config.timeout_seconds
        extra: dict[str, Any] = {"sleep": sleep} if sleep is not None else {}
        # https://docs.zammad.org/en/latest/api/intro.html ("HTTP Token Authentication")
        self._http = HttpClient(
            config.base_url.rstrip("/") + "/api/v1",
            auth=TokenAuth(SecretStr(f"token={config.token.get_secret_value()}"), "Token"),
            timeouts=timeouts or Timeouts(connect=seconds, read=seconds, total=seconds * 6),
            retry=retry,
            service=SERVICE,
            error_mapper=_error_mapper,
            **extra,
        )
        self._group_id: int | None = None
        self._tags = {
            ReviewMark.NEEDS_REVIEW: f"{config.mark_tag_prefix}needs_review",
            ReviewMark.DONE: f"{config.mark_tag_prefix}done",
        }

    # ------------------------------------------------------------------ HelpDesk Protocol
    def list_waiting(self, updated_since: datetime | None = None) -> Iterator[TicketRef]:
        """Yield the group's open tickets, lowest id first, each once (see module doc)."""
        group_id = self._group()
        states = " OR ".join(search_phrase(state) for state in WAITING_STATES)
        query = f"group_id:{group_id} AND state.name:({states})"
        if updated_since is not None:
            query += f" AND updated_at:>={search_time(updated_since)}"
        marked = {
            mark: {t.id for t in self._search_all(f"{query} AND tags:{search_phrase(tag)}")}
            for mark, tag in self._tags.items()
        }
        for ticket in self._search_all(query):
            mark = next((m for m, ids in marked.items() if ticket.id in ids), ReviewMark.NONE)
            yield TicketRef(id=str(ticket.id), updated_at=ticket.updated_at, mark=mark)

    def fetch(self, ticket_id: str) -> Ticket:
        """The ticket, its first article as the body and the later articles as messages."""
        ticket = self._ticket(ticket_number(ticket_id))
        customer = self._user(ticket.customer_id) if ticket.customer_id else None
        articles = self._articles(ticket.id)
        first = articles[0] if articles else None
        channel: Literal["email", ""] = ""
        mail_headers = ""
        if first is not None and first.type == "email" and first.sender == "Customer":
            channel = "email"
            mail_headers = self._mail_headers(first.id)
        elif ticket.from_web_form:
            # Zammad's form (FormController) finds or creates the customer by whatever
            # address was typed: as unproven as an e-mail's From:, with no headers at all.
            channel = "email"
        watchers: tuple[str, ...] = ()
        if first is not None and first.cc:
            watchers = tuple(address for _, address in getaddresses([first.cc]) if address)
        messages = [
            Message(
                id=str(article.id),
                author=_author(article),
                created_at=article.created_at,
                content_type=media_type(article.content_type),
                body=article.body,
                public=not article.internal,
                from_requester=(
                    article.created_by_id is not None
                    and article.created_by_id == ticket.customer_id
                ),
            )
            for article in articles[1:]
            if article.sender != "System"  # Zammad's own notices (auto-replies, triggers)
        ]
        return Ticket(
            id=str(ticket.id),
            subject=ticket.title,
            requester=customer.address if customer else "",
            category=ticket.group,
            content_type=media_type(first.content_type) if first else "text/plain",
            body=first.body if first else "",
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            status=STATUS_WORDS.get(ticket.state, ticket.state),
            messages=tuple(messages),
            watchers=watchers,
            channel=channel,
            mail_headers=mail_headers,
        )

    def requester_role(self, ticket_id: str) -> str:
        """The requester's Zammad roles, comma-separated ("Customer", "Agent", ...)."""
        ticket = self._ticket(ticket_number(ticket_id))
        customer = self._user(ticket.customer_id) if ticket.customer_id else None
        return ",".join(customer.roles) if customer else ""

    def reply(self, ticket_id: str, text: str) -> None:
        """An e-mail article to the customer: Zammad sends it and shows it to them."""
        number = ticket_number(ticket_id)
        ticket = self._ticket(number)
        customer = self._user(ticket.customer_id) if ticket.customer_id else None
        if customer is None or not customer.email:
            raise refused(f"Zammad ticket {number} has no customer e-mail to reply to")
        article = {"type": "email", "internal": False, "to": customer.email}
        self._add_article(ticket, text, article)

    def add_note(self, ticket_id: str, text: str) -> None:
        """An internal note article: agents see it, the customer never does."""
        ticket = self._ticket(ticket_number(ticket_id))
        self._add_article(ticket, text, {"type": "note", "internal": True})

    def resolve(self, ticket_id: str) -> None:
        """Set the state to closed (idempotent) and check that it is."""
        number = ticket_number(ticket_id)
        if STATUS_WORDS.get(self._ticket(number).state) == "resolved":
            return
        ticket = self._update(number, {"state": "closed"})
        if STATUS_WORDS.get(ticket.state) != "resolved":
            raise refused(f"Zammad ticket {number} is {ticket.state!r} after closing")

    def set_mark(self, ticket_id: str, mark: ReviewMark) -> None:
        """Add the mark's tag, remove the other one, and read the tags back."""
        number = ticket_number(ticket_id)
        present = self._ticket_tags(number)
        for other, tag in self._tags.items():
            if other != mark and tag in present:
                # https://docs.zammad.org/en/latest/api/ticket/tags.html ("Remove")
                self._tag_call("DELETE", "tags/remove", number, tag)
        if mark in self._tags and self._tags[mark] not in present:
            # https://docs.zammad.org/en/latest/api/ticket/tags.html ("Add")
            self._tag_call("POST", "tags/add", number, self._tags[mark])
        if self.get_mark(ticket_id) != mark:
            raise refused(f"Zammad did not keep the mark tags on ticket {number}")

    def get_mark(self, ticket_id: str) -> ReviewMark:
        """The mark read from the ticket's tags (``ReviewMark.NONE`` when neither is set)."""
        tags = self._ticket_tags(ticket_number(ticket_id))
        for mark in (ReviewMark.NEEDS_REVIEW, ReviewMark.DONE):
            if self._tags[mark] in tags:
                return mark
        return ReviewMark.NONE

    # ------------------------------------------------------------------ ticketworker check
    def self_check(self) -> list[Check]:
        """Credentials and agent role, the group and the agent's access to it, the mark tags."""
        try:
            me = self._me()
        except ConnectorError as exc:
            fix = (
                "check TICKETWORKER_HELPDESK__TOKEN (an agent's access token)"
                if isinstance(exc, AuthError)
                else f"check TICKETWORKER_HELPDESK__BASE_URL ({self._config.base_url})"
            )
            return [Check("Zammad credentials", False, str(exc), fix)]
        if "Agent" not in me.roles:
            return [
                Check(
                    "Zammad credentials",
                    False,
                    f"the API user has roles {me.roles}, not Agent",
                    "give the API user the Agent role (the token needs ticket.agent)",
                )
            ]
        checks = [Check("Zammad credentials", True, f"agent {me.login} (user id {me.id})")]
        try:
            group_id = self._group()
        except ConnectorError as exc:
            fix = "set TICKETWORKER_HELPDESK__GROUP to an existing group"
            return [*checks, Check("Zammad group", False, str(exc), fix)]
        access = me.group_ids.get(str(group_id), [])
        if not {"full", "change"} & set(access):
            checks.append(
                Check(
                    "Zammad group",
                    False,
                    f"the API agent has {access or 'no'} access to group {self._config.group!r}",
                    "grant the API agent 'full' (or read+change) access to the group",
                )
            )
        else:
            checks.append(Check("Zammad group", True, f"{self._config.group!r} (id {group_id})"))
        checks.append(self._check_tags())
        return checks

    def close(self) -> None:
        """Close the HTTP session."""
        self._http.close()

    # ------------------------------------------------------------------ vendor calls
    def _search_all(self, query: str) -> Iterator[ZTicket]:
        last_id = 0
        for _ in range(MAX_PAGES):
            params = {
                "query": f"{query} AND id:>{last_id}",
                "page": 1,
                "per_page": self._config.page_size,
                "sort_by": "id",
                "order_by": "asc",
                "expand": "true",
            }
            # https://docs.zammad.org/en/latest/api/ticket/index.html ("Search"), paging and
            # sorting: https://docs.zammad.org/en/latest/api/intro.html ("Pagination")
            items = parse_list(self._http.get("tickets/search", params=params), "ticket search")
            for item in items:
                ticket = parse(ZTicket, item, "ticket search result")
                if ticket.id <= last_id:
                    raise refused("Zammad search ignored the id order; stopping the listing")
                last_id = ticket.id
                yield ticket
            # Zammad gives no total and may clamp per_page below what was asked: the end
            # is the first empty page (https://docs.zammad.org/en/latest/api/intro.html).
            if not items:
                return
        raise refused(f"more than {MAX_PAGES} pages of waiting tickets")

    def _ticket(self, number: int) -> ZTicket:
        # https://docs.zammad.org/en/latest/api/ticket/index.html ("Show"; expand: intro.html)
        data = self._http.get(f"tickets/{number}", params={"expand": "true"})
        return parse(ZTicket, data, "ticket")

    def _user(self, user_id: int) -> ZUser:
        # https://docs.zammad.org/en/latest/api/user.html ("Show")
        return parse(ZUser, self._http.get(f"users/{user_id}", params={"expand": "true"}), "user")

    def _me(self) -> ZUser:
        # https://docs.zammad.org/en/latest/api/user.html ("Me - current user")
        return parse(ZUser, self._http.get("users/me", params={"expand": "true"}), "API user")

    def _articles(self, number: int) -> list[ZArticle]:
        # https://docs.zammad.org/en/latest/api/ticket/articles.html ("By Ticket")
        data = self._http.get(f"ticket_articles/by_ticket/{number}", params={"expand": "true"})
        articles = [ZArticle.of(item) for item in parse_list(data, "ticket articles")]
        return sorted(articles, key=lambda article: (article.created_at, article.id))

    def _mail_headers(self, article_id: int) -> str:
        """The header block of the e-mail an article came in as ("" when Zammad kept none).

        Zammad keeps every incoming e-mail as it arrived; its headers carry the district
        mail server's ``Authentication-Results``, which decide whether the sender is trusted.
        """
        # GET /api/v1/ticket_article_plain/:id (routes in config/routes/ticket.rb,
        # TicketArticlesController#article_plain: the raw message as message/rfc822)
        answer = self._http.request("GET", f"ticket_article_plain/{article_id}", raw=True)
        message = answer.data if isinstance(answer.data, bytes) else b""
        head = re.split(rb"\r?\n\r?\n", message, maxsplit=1)[0]
        return head[:MAX_HEADER_BYTES].decode("utf-8", errors="replace")

    def _ticket_tags(self, number: int) -> set[str]:
        # https://docs.zammad.org/en/latest/api/ticket/tags.html ("List")
        data = self._http.get("tags", params={"object": "Ticket", "o_id": number})
        tags = data.get("tags") if isinstance(data, dict) else None
        if not isinstance(tags, list):
            raise refused(f"unexpected Zammad answer for the tags of ticket {number}")
        return {str(tag) for tag in tags}

    def _tag_call(self, method: str, path: str, number: int, tag: str) -> None:
        body = {"item": tag, "object": "Ticket", "o_id": number}
        self._http.request(method, path, json=body)

    def _update(self, number: int, change: Mapping[str, Any]) -> ZTicket:
        # https://docs.zammad.org/en/latest/api/ticket/index.html ("Update"; an ``article``
        # in the update is created with it)
        answer = self._http.request(
            "PUT", f"tickets/{number}", params={"expand": "true"}, json=change
        )
        return parse(ZTicket, answer.data, f"update of ticket {number}")

    def _add_article(self, ticket: ZTicket, text: str, article: Mapping[str, Any]) -> None:
        if not text.strip():
            raise refused("refusing to post an empty article")
        body = {
            "ticket_id": ticket.id,
            "subject": ticket.title,
            "body": text,
            "content_type": "text/plain",
            "sender": "Agent",
            **article,
        }
        # https://docs.zammad.org/en/latest/api/ticket/articles.html ("Create")
        change: dict[str, Any] = {"article": body}
        if ticket.state == "new":
            change["state"] = "open"  # the agent has answered
        self._update(ticket.id, change)

    def _group(self) -> int:
        """The configured group's id, looked up once (a misspelt name would list nothing)."""
        if self._group_id is not None:
            return self._group_id
        for page in range(1, MAX_PAGES + 1):
            # https://docs.zammad.org/en/latest/api/group.html ("List"), at most 100 a page
            params = {"page": page, "per_page": 100}
            items = parse_list(self._http.get("groups", params=params), "groups")
            for item in items:
                group = parse(ZGroup, item, "group")
                if group.name == self._config.group and group.active:
                    self._group_id = group.id
                    return group.id
            if not items:
                break
        raise refused(f"no active Zammad group named {self._config.group!r}")

    def _check_tags(self) -> Check:
        missing = []
        for tag in self._tags.values():
            try:
                # https://docs.zammad.org/en/latest/api/tags.html ("Search")
                found = self._http.get("tag_search", params={"term": tag})
            except ConnectorError as exc:
                return Check("Zammad mark tags", False, str(exc), "give the API agent ticket.agent")
            values = {t.get("value") for t in found or [] if isinstance(t, dict)}
            if tag not in values:
                missing.append(tag)
        if missing:
            return Check(
                "Zammad mark tags",
                False,
                f"tags {', '.join(missing)} do not exist yet",
                "create them under Manage > Tags (or allow agents to create tags)",
            )
        return Check("Zammad mark tags", True, ", ".join(self._tags.values()))


def _author(article: ZArticle) -> str:
    if article.from_:
        addresses = [address for _, address in getaddresses([article.from_]) if address]
        if addresses:
            return addresses[0]
    return article.created_by or f"user {article.created_by_id}"
