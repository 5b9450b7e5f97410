"""Roster snapshots: a whole roster as one gzip-compressed blob of JSON lines, and back.

Why one blob: the parser needs every record back at once, so rows per user would only add
100,000 inserts per run (and as many deletes when old snapshots go) for nothing.  JSON lines
are written in chunks, so encoding never holds the whole text in memory; positional arrays
keep it compact (about 30 bytes per user after compression).  The format number lets a
later version read older snapshots.

Line layout: a header object, then ``["o", ...]`` per org, ``["u", ...]`` per user and
``["i", ...]`` per roster issue, fields in the order of :data:`USER_FIELDS` and so on.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from connectors.roster.base import OrgRecord, Roster, RosterIssue, UserRecord

FORMAT = 1
ORG_FIELDS = ("sourced_id", "status", "name", "type", "identifier", "parent_sourced_id")
USER_FIELDS = (
    "sourced_id",
    "status",
    "enabled",
    "org_ids",
    "role",
    "username",
    "given_name",
    "family_name",
    "middle_name",
    "identifier",
    "email",
    "grades",
    "origin",
)
ISSUE_FIELDS = ("file", "line", "field", "message")
_CHUNK = 2000
# Level 5: about as small as 9 on this data, several times faster.
_LEVEL = 5


class SnapshotError(Exception):
    """A stored snapshot cannot be read (corrupt, or a format this version does not know)."""


@dataclass(frozen=True)
class EncodedSnapshot:
    data: bytes
    sha256: str
    users: int
    orgs: int
    format: int = FORMAT


def encode_roster(roster: Roster) -> EncodedSnapshot:
    """Compress the roster; the same roster always gives the same bytes (gzip mtime 0)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=_LEVEL, mtime=0) as out:
        header = {
            "format": FORMAT,
            "source": roster.source,
            "users": len(roster.users),
            "orgs": len(roster.orgs),
        }
        out.write(_line(header))
        for chunk in _chunks(_lines(roster)):
            out.write(chunk)
    data = buffer.getvalue()
    return EncodedSnapshot(
        data, hashlib.sha256(data).hexdigest(), len(roster.users), len(roster.orgs)
    )


def decode_roster(data: bytes, sha256: str | None = None) -> Roster:
    """The roster a snapshot holds; raises :class:`SnapshotError` if it is damaged."""
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise SnapshotError("snapshot checksum does not match")
    try:
        lines = gzip.decompress(data).split(b"\n")
        header = json.loads(lines[0])
        if header.get("format") != FORMAT:
            raise SnapshotError(f"snapshot format {header.get('format')!r} is not {FORMAT}")
        orgs: list[OrgRecord] = []
        users: list[UserRecord] = []
        issues: list[RosterIssue] = []
        for raw in lines[1:]:
            if raw:
                _decode_line(json.loads(raw), orgs, users, issues)
    except (OSError, EOFError, zlib.error, ValueError, TypeError, IndexError, KeyError) as exc:
        raise SnapshotError(f"snapshot unreadable ({type(exc).__name__})") from None
    if len(users) != header["users"] or len(orgs) != header["orgs"]:
        raise SnapshotError("snapshot is incomplete")
    return Roster(orgs=orgs, users=users, source=str(header["source"]), issues=tuple(issues))


def _decode_line(
    row: list[Any], orgs: list[OrgRecord], users: list[UserRecord], issues: list[RosterIssue]
) -> None:
    tag = row[0]
    if tag == "u":
        values = row[1:]
        values[3] = tuple(values[3])
        users.append(UserRecord(*values))
    elif tag == "o":
        orgs.append(OrgRecord(*row[1:]))
    elif tag == "i":
        issues.append(RosterIssue(*row[1:]))
    else:
        raise ValueError("unknown snapshot line")


def _lines(roster: Roster) -> Iterator[bytes]:
    org_values, user_values = attrgetter(*ORG_FIELDS), attrgetter(*USER_FIELDS)
    issue_values = attrgetter(*ISSUE_FIELDS)
    for org in roster.orgs:
        yield _line(("o", *org_values(org)))
    for user in roster.users:
        yield _line(("u", *user_values(user)))
    for issue in roster.issues:
        yield _line(("i", *issue_values(issue)))


def _line(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _chunks(lines: Iterator[bytes]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= _CHUNK:
            yield b"".join(chunk)
            chunk.clear()
    if chunk:
        yield b"".join(chunk)
