"""From a ticket body to the lines a person would read: HTML rendered, quotes removed.

Everything here is about *which text belongs to this request*: the first message as the
requester wrote it, without earlier messages quoted below it (``>`` lines, "On ... wrote:",
Outlook's From/Sent header block, forwarded mail) and with HTML turned into lines in which
table cells are separated by tabs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import lxml.html
from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement

# Bodies larger than this are cut before any parsing: a reset request is a few lines, and
# the parser must stay fast and bounded on hostile input (a 50 MB paste).
MAX_BODY_CHARS = 200_000

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_APOSTROPHES = str.maketrans({"\u00b4": "\u2019", "\u02bc": "\u2019", "\u02b9": "\u2019"})
# An opening quote, a backtick or a prime between two letters is an apostrophe typed with
# the wrong key ("D‘Souza", "O`Connor"); elsewhere it may open a quotation.
_APOSTROPHE_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])[\u2018`\u2032](?=[^\W\d_])")
# Markdown emphasis pasted from chat or a notes app ("**Tran, Vy**"): asterisks touching a
# word are formatting, not text.  A bullet ("* Tran") is followed by a space and stays.
_EMPHASIS = re.compile(r"(?<=[^\W_])\*{1,3}|\*{1,3}(?=[^\W_])")
_INVERTED_CAPS = re.compile(r"\b([^\W\d_A-Z])([^\W\d_a-z]{2,})\b")
_LOOKS_LIKE_HTML = re.compile(r"<(?:br|div|p|table|tr|td|span|html|body)\b[^>]*>", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


def _css() -> dict[str, HtmlElement]:
    """Render mail HTML as the writer saw it: a <p> is a line (mail clients write one <p>
    per line, and an empty <p> is the blank line between paragraphs), and the fields of a
    web form's definition list are lines of their own."""
    css = dict(CSS_PROFILES["strict"])
    for tag in ("p", "dt", "dd"):
        css[tag] = HtmlElement(display=Display.block)
    return css


_HTML_CONFIG = ParserConfig(css=_css(), table_cell_separator="\t")

# Containers that mail clients use for quoted earlier messages.
_QUOTE_XPATH = (
    "//blockquote"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote_container ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' moz-cite-prefix ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' yahoo_quoted ')]"
    " | //*[@id='divRplyFwdMsg'] | //*[@id='appendonsend']"
)


# The quote containers' names, searched in the raw markup first: the XPath over every
# element's class costs more than the rest of a small message.
_QUOTE_HINT = re.compile(
    r"blockquote|gmail_quote|moz-cite-prefix|yahoo_quoted|divRplyFwdMsg|appendonsend", re.I
)


def html_to_text(markup: str) -> str:
    """Render HTML as text lines; table cells become tab-separated, quoted mail is dropped."""
    try:
        tree = lxml.html.fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return _ENTITY.sub(lambda m: html.unescape(m.group(0)), re.sub(r"<[^>]+>", " ", markup))
    quotes = tree.xpath(_QUOTE_XPATH) if _QUOTE_HINT.search(markup) else []
    for node in quotes:
        # Gmail wraps a forwarded message in the same container as a quoted reply; a
        # forward is kept here, and the text reader decides whether it is read.
        if _FORWARDED_IN_TEXT.match(node.text_content()[:300]):
            continue
        # Outlook puts the quoted message *after* its header div, as siblings: drop those too.
        if node.get("id") in ("divRplyFwdMsg", "appendonsend"):
            for sibling in list(node.itersiblings()):
                sibling.drop_tree()
        if node.getparent() is not None:
            node.drop_tree()
    return str(Inscriptis(tree, _HTML_CONFIG).get_text())


@lru_cache(maxsize=8)  # a ticket's body is read again when its forward is read too
def body_text(body: str, content_type: str) -> str:
    """The body as normalised plain text (Unicode NFKC, no zero-width characters)."""
    body = body[:MAX_BODY_CHARS]
    if content_type == "text/html" or _LOOKS_LIKE_HTML.search(body[:5000]):
        text = html_to_text(body) if body.strip() else ""
    else:
        # Plain-text bodies pasted from web pages sometimes carry entities (O&#39;Connor).
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), body)
    # Apostrophes typed as accents or modifier letters ("O´Brien", "Oʼneal"): NFKC would turn
    # the acute accent into a space and split the name.
    text = text.translate(_APOSTROPHES)
    # Both substitutions are rare; the membership tests keep them off the common path.
    if "\u2018" in text or "`" in text or "\u2032" in text:
        text = _APOSTROPHE_BETWEEN_LETTERS.sub("\u2019", text)
    if "*" in text:
        text = _EMPHASIS.sub("", text)
    # Caps lock left on while typing a name: "mARIA jOSE rUIZ" is "Maria Jose Ruiz".
    text = _INVERTED_CAPS.sub(lambda m: m.group(1).upper() + m.group(2).lower(), text)
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- quoted earlier messages -----------------------------------------------------------
_WROTE = re.compile(r"\bwrote\s*:\s*$|\bescribi[oó]\s*:\s*$|\ba [ée]crit\s*:\s*$", re.I)
_ON_START = re.compile(r"^\s*(?:On|Am|Le|El)\s+\S", re.I)
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*(?:Original Message|Mensaje original)\s*-{2,}"
    r"|_{10,}|-{5,}\s*Reply above this line\s*-{5,})\s*$",
    re.I,
)
_FORWARDED = re.compile(
    r"^\s*(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:?|"
    r"-{2,}\s*Mensaje reenviado\s*-{2,})\s*$",
    re.I,
)
_HEADER = re.compile(r"^\s*\*?(From|Sent|Date|To|Cc|Subject)\s*:\*?\s", re.I)
# The start of a container's text that is a forwarded message, not a quoted reply.
_FORWARDED_IN_TEXT = re.compile(
    r"\s*(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message|"
    r"-{2,}\s*Mensaje reenviado\s*-{2,})",
    re.I,
)


def _reply_header_at(lines: list[str], i: int) -> bool:
    """Does an Outlook-style header block (From: / Sent: / To: / Subject:) start at line i?"""
    match = _HEADER.match(lines[i])
    if not match or match.group(1).lower() != "from":
        return False
    following = {m.group(1).lower() for line in lines[i + 1 : i + 6] if (m := _HEADER.match(line))}
    return bool(following & {"sent", "date"}) or len(following) >= 2


def split_forwarded(lines: list[str]) -> tuple[list[str], list[str]]:
    """The requester's own lines, and a message they forwarded below them (headers dropped)."""
    for i, line in enumerate(lines):
        if _FORWARDED.match(line):
            rest = lines[i + 1 :]
            # The forwarded message's own header block: From/Date/Subject/To lines.
            while rest and (not rest[0].strip() or _HEADER.match(rest[0])):
                rest = rest[1:]
            return lines[:i], strip_quoted(rest)
    return lines, []


def strip_quoted(lines: list[str]) -> list[str]:
    """Drop quoted earlier messages: ``>`` lines and everything after a reply header."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line) or _FORWARDED.match(line) or _reply_header_at(lines, i):
            break
        if _WROTE.search(line):
            # "On Fri, Aug 28, 2026 at 7:58 AM Jane Doe <jane@...> wrote:" may wrap over
            # two or three lines: drop the start of the header that was already kept.
            for back in range(min(3, len(kept))):
                if _ON_START.match(kept[-1 - back]):
                    del kept[len(kept) - 1 - back :]
                    break
            # Rule 8 is literal: everything after the header is ignored, even a reply written
            # below the quote (bottom-posting); the ticket then goes to a technician.
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return kept


def quote_start(lines: list[str]) -> int | None:
    """Where quoted earlier messages begin in ``lines`` (a ``>`` line, "On ... wrote:", a
    reply header or separator), by the rules :func:`strip_quoted` reads; ``None`` if nowhere.

    For showing a ticket with its history folded away: the lines before the index are what
    the requester wrote in this message."""
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line) or _FORWARDED.match(line) or _reply_header_at(lines, i):
            return i
        if _WROTE.search(line):
            # The "On <date> <name> wrote:" header may wrap over up to three lines.
            for back in range(1, min(3, i) + 1):
                if _ON_START.match(lines[i - back]):
                    return i - back
            return i
        if line.lstrip().startswith(">"):
            return i
    return None
