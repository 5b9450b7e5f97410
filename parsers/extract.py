"""Find every student a ticket names: with an ID beside the name, or named alone.

Three layouts are read: rows of a table with a header (cells by column), lines that put a
name next to an ID (either order), and prose, where an ID written without a name ("her ID is
0458820") is paired with the nearest name written before it in the same paragraph.  Names
written without any ID become entries of their own (they always go to review).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .anchors import Anchor, NameRun, find_anchors, name_after, name_before
from .intent import _NEGATED, _RESET_VERB
from .lines import Line, Sentence, sentence_at
from .names import candidate_keys, fold
from .roster_index import RosterIndex
from .tokens import Kind, Token, bare, is_capitalised, is_possessive, is_stopword, is_title
from .tokens import is_label as is_label_word

_EXAMPLE = re.compile(
    r"\b(?:for\s+example\b|for\s+instance\b|e\.\s?g\.|example\s*:|such\s+as\b|like\s+this\b|"
    r"sample\b|format(?:ted)?\s+(?:as|like)\b|in\s+the\s+form\b|"
    # 'The help page says to list them like "Jane Doe 0200001"': the district's example.
    r"\blike\s*[:\"“‘']|\b(?:says?|said|asks?|wants?)\s+(?:us\s+)?to\s+(?:list|write|type|put)\b)",
    re.I,
)
_ACCOUNT_NOUN = re.compile(
    r"^\s*(?:student\s+|portal\s+|school\s+)?(?:account|login|password|challenge|security|"
    r"questions|portal|profile)",
    re.I,
)
# "X's class", "X's mom": X owns something that is not a student account, so X is a
# teacher, a parent's child being described, or a room: not a student to reset by that name.
_OWNED_NOT_ACCOUNT = re.compile(
    r"^\s*(?:\d+\w*\s+)?(?:grade\s+)?(?:class(?:es|room)?|room|homeroom|period|section|block|"
    r"advisory|students|kids|team|office|desk|group|roster|list|course|lab|library|"
    r"brother|sister|sibling|aide|sub)\b",
    re.I,
)
HEADER_WORDS = frozenset(
    """first last name names firstname lastname fname lname given family surname middle mi
    student students stu pupil pupils learner learners id ids number no num nbr student#
    studentid sid sis local state perm permanent grade gr yr year school teacher homeroom hr
    period per block class section room dob birthdate birthday gender email username login user
    notes note comments comment reason issue status legal preferred full lunch campus
    building advisor counselor course the of""".split()
)


# The reading rules, named as `parse --explain` prints them.
RULE_TABLE = "table row: cells read by the columns of the header row above"
RULE_EMPTY_CELL = "table row with its ID cell empty: a student without an ID"
RULE_LINE = "name beside an ID on one line"
RULE_PAIRED = "an ID alone, paired with the nearest name before it in its paragraph"
RULE_NAME_ONLY = "a student's name written without an ID"


@dataclass
class Mention:
    """One place in the ticket that names a student."""

    anchor: Anchor | None
    name: NameRun | None
    source_line: str
    line_index: int
    negated: bool = False
    requested: bool = False
    #: The reading rule that found it (for `parse --explain`).
    rule: str = ""


# -- tables ------------------------------------------------------------------------------
_CELL_SPLIT = re.compile(r"\t[\t ]*|\s*\|\s*| {2,}")


def _cells(line: Line) -> list[tuple[int, int, str]]:
    """Cells of a table row: split on tabs, pipes or runs of spaces (or commas in CSV)."""
    text = line.masked
    if not _CELL_SPLIT.search(text.strip()):
        return _csv_cells(text)
    parts: list[tuple[int, int, str]] = []
    pos = 0
    for m in _CELL_SPLIT.finditer(text):
        parts.append((pos, m.start(), text[pos : m.start()]))
        pos = m.end()
    parts.append((pos, len(text), text[pos:]))
    return [(s, e, c) for s, e, c in parts if c.strip()]


def _csv_cells(text: str) -> list[tuple[int, int, str]]:
    """Comma-separated cells, honouring CSV quotes ("Whitlock, Theodore","0485502")."""
    cells: list[tuple[int, int, str]] = []
    start, quoted = 0, False
    for i, ch in enumerate(text + ","):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            cell = text[start:i]
            inner = cell.strip()
            if inner.startswith('"') and inner.endswith('"') and len(inner) >= 2:
                offset = start + cell.index('"') + 1
                cells.append((offset, offset + len(inner) - 2, inner[1:-1]))
            elif inner:
                cells.append((start, i, cell))
            start = i + 1
    return cells


_DIGIT = re.compile(r"\d")
_HEADER_HINT = re.compile(
    r"(?:name|first|last|id\b|given|family|surname|pupil|learner|student|#)", re.I
)


def _header_role(cell: str, words: list[str]) -> str | None:
    """What a header cell holds: first, last, middle, id, name (full name), or nothing we use."""
    joined = "".join(words)
    if "first" in joined or "given" in joined or joined == "fname":
        return "first"
    if "last" in joined or "family" in joined or "surname" in joined or joined == "lname":
        return "last"
    if "middle" in joined or joined == "mi":
        return "middle"
    if "#" in cell or {"id", "ids", "number", "no", "num", "nbr", "sid"} & set(words):
        return "id"
    if {"name", "names", "student", "stu", "pupil", "learner"} & set(words):
        return "name"
    return None


def _header_roles(line: Line) -> dict[str, int] | None:
    if _DIGIT.search(line.text) or _HEADER_HINT.search(line.text) is None:
        return None
    cells = _cells(line)
    if len(cells) < 2:
        return None
    roles: dict[str, int] = {}
    for col, (_, _, cell) in enumerate(cells):
        lowered = cell.lower().strip()
        words = [w for w in re.split(r"[\s:.#/_\-]+", lowered) if w]
        if not (words or "#" in lowered) or any(w not in HEADER_WORDS for w in words):
            return None
        role = _header_role(lowered, words)
        if role:
            roles.setdefault(role, col)
    has_name = "name" in roles or ("first" in roles and "last" in roles)
    return roles if "id" in roles and has_name else None


def _table_mentions(lines: Sequence[Line], used: set[int]) -> list[Mention]:
    """Rows under a header row ("First Name | Last Name | Student ID") read by column."""
    mentions: list[Mention] = []
    roles: dict[str, int] | None = None
    width = 0
    paragraph = None
    for line in lines:
        if line.is_subject:
            continue
        found = _header_roles(line)
        if found is not None:
            roles, width, paragraph = found, len(_cells(line)), line.paragraph
            used.add(line.index)
            continue
        if roles is None or line.paragraph != paragraph:
            roles = None
            continue
        cells = _cells(line)
        if len(cells) != width and "\t" in line.masked:
            # "<td></td><td>Nur</td><td>Guled</td>": an empty cell between tabs keeps its
            # column when the row then has as many cells as the header.
            exact = _tab_cells(line)
            cells = exact if len(exact) == width else cells
        # "Noor Haddad<tab>" under "Name<tab>ID": the last cell, the ID's, left empty.
        empty_last_id = len(cells) == roles["id"] == width - 1
        if abs(len(cells) - width) > 1 or (len(cells) <= roles["id"] and not empty_last_id):
            roles = None
            continue
        mention = _table_row(line, cells, roles, aligned=len(cells) == width)
        if mention is not None:
            used.add(line.index)
            mentions.append(mention)
    return mentions


def _tab_cells(line: Line) -> list[tuple[int, int, str]]:
    """The cells between single tabs, empty ones included."""
    out, pos = [], 0
    text = line.masked
    for part in text.split("\t"):
        out.append((pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def _table_row(
    line: Line, cells: list[tuple[int, int, str]], roles: dict[str, int], *, aligned: bool
) -> Mention | None:
    end = len(line.text)
    id_start, id_end, _ = cells[roles["id"]] if roles["id"] < len(cells) else (end, end, "")
    all_anchors = find_anchors(line)
    anchors = [a for a in all_anchors if id_start <= line.tokens[a.first].start < id_end]
    if not anchors and all_anchors:
        return None

    def words_in(col: str) -> list[Token]:
        if col not in roles or roles[col] >= len(cells):
            return []
        start, end, _ = cells[roles[col]]
        return [t for t in line.tokens if t.kind is Kind.WORD and start <= t.start < end]

    if "first" in roles and "last" in roles:
        first, last = words_in("first"), words_in("last")
        ordered = first + last
        last_first = roles["last"] < roles["first"]
    else:
        ordered, last_first = words_in("name"), False
    if not anchors:
        # "Myers<tab>Lincoln<tab><tab>5": the ID cell is empty.  A row of the list of
        # students is a student written without an ID (rule 5: review), never dropped.  When
        # the empty cell was lost in counting, only the name columns before the ID column
        # can be trusted; and only capitalised words are a name.
        before = [t for t in ordered if (aligned or t.start < id_start) and is_capitalised(t.text)]
        if not before or len(before) != len(ordered):
            return None
        run = NameRun(
            words=[t.text for t in before],
            line=line,
            start=min(t.start for t in before),
            end=max(t.end for t in before),
            last_first=last_first,
        )
        return Mention(None, run, line.text, line.index, rule=RULE_EMPTY_CELL)
    if not ordered:
        return Mention(anchors[0], None, line.text, line.index, rule=RULE_TABLE)
    run = NameRun(
        words=[t.text for t in ordered],
        line=line,
        start=min(t.start for t in ordered),
        end=max(t.end for t in ordered),
        last_first=last_first,
    )
    anchors[0].name = run
    return Mention(anchors[0], run, line.text, line.index, rule=RULE_TABLE)


# -- lines with IDs ----------------------------------------------------------------------
def _line_mentions(line: Line, roster: RosterIndex) -> list[Mention]:
    places = roster.place_words()
    anchors = find_anchors(line)
    if not anchors:
        return []
    first_name = name_before(line, anchors[0].first, -1)
    name_first = first_name is not None
    if not name_first:
        after = name_after(line, anchors[0].last, _next_first(anchors, 0, line))
        name_first = after is None  # neither side: keep the default reading
    mentions = []
    respective = _respective_names(line, anchors) if name_first else None
    if respective is None and len(anchors) >= 2 and _IN_ORDER.search(line.text):
        respective = _names_in_order(line, anchors, roster)
    for k, anchor in enumerate(anchors):
        if respective is not None:
            anchor.name = respective[k]
        elif name_first:
            boundary = anchors[k - 1].last if k else -1
            anchor.name = name_before(line, anchor.first, boundary)
            if anchor.name is None and k and _ALTERNATIVE.fullmatch(_between(line, anchors, k)):
                # "Hunter Bly 0344196 or maybe 0344169": a second ID for the same name.
                anchor.name = anchors[k - 1].name
        else:
            anchor.name = name_after(line, anchor.last, _next_first(anchors, k, line))
        if anchor.name is not None and all(fold(w) in places for w in anchor.name.words):
            anchor.name = None  # "(6th grade at Northgate, ID 0479930)": a school, not a name
        elif anchor.name is not None:
            anchor.name = _without_school(anchor.name, places)
        if anchor.name is None and not line.flat:
            # "for nasra abdullahi, student id 0433480": a name typed in lower case in a
            # line that has capitals elsewhere is found by the roster, as in flat lines.
            anchor.name = _lower_case_name_before(line, anchor, roster)
        if len(anchors) == 1 and anchor.name is not None and len(anchor.name.words) == 1:
            # "Nou Her — Gr 1 — Xiong — 0547712": the word next to the ID is the teacher
            # of a row of cells; a cell holding a student's full name is the name.
            anchor.name = _name_cell(line, anchor, roster) or anchor.name
        if anchor.name is None and not (anchor.strong or anchor.labelled):
            continue  # a short number with no name beside it is not a student line
        if not anchor.strong and anchor.name and all(_code_word(w) for w in anchor.name.words):
            continue  # "LP-CB-1210", "PJ-4500": a short number after a code is a code
        if anchor.name is None and _another_system_id(anchor, anchors):
            continue  # "0203956<tab>1047730218": a state ID column beside the student ID
        if line.signature and (anchor.name is None or len(anchor.name.display()) < 2):
            continue  # "Frontline sub ID: 0471183" in a signature: the requester's numbers
        if (line.signature or line.sign_off) and not anchor.strong:
            continue  # "A.R.S. 15-141" in a confidentiality notice: no ID has five digits
        mentions.append(Mention(anchor, anchor.name, line.text, line.index, rule=RULE_LINE))
    return mentions


def _without_school(run: NameRun, places: frozenset[str]) -> NameRun:
    """ "Sreyneang Chhun, Bellmont Street, 0559314": the school between name and ID is cut."""
    cut = run.comma_at if run.comma_at is not None else run.gap_at
    if cut is None or not run.far_end_first or cut < 2:
        return run
    near = run.words[cut:]
    if near and all(fold(w) in places for w in near):
        return replace(run, words=run.words[:cut], comma_at=None, gap_at=None, far_soft=0)
    return run


_IN_ORDER = re.compile(r"\brespectively\b|\bin\s+(?:that|the\s+same)\s+order\b", re.I)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)+")


def _names_in_order(
    line: Line, anchors: list[Anchor], roster: RosterIndex
) -> list[NameRun | None] | None:
    """ "Will Price ... and so will Hunter Reed - IDs 0672106 and 0672019 respectively":
    the students' full names before the IDs, taken in order, when there are as many."""
    if not all(_JOINER.fullmatch(_between(line, anchors, k)) for k in range(1, len(anchors))):
        return None
    before = line.text[: line.tokens[anchors[0].first].start]
    runs = [
        NameRun(words=m.group().split(), line=line, start=m.start(), end=m.end())
        for m in _CAPITALISED_RUN.finditer(before)
        if any(roster.students_named(k) for k in candidate_keys(m.group().split()))
    ]
    return list(runs) if len(runs) == len(anchors) else None


def _lower_case_name_before(line: Line, anchor: Anchor, roster: RosterIndex) -> NameRun | None:
    """Two or three lower-case words just before the ID (labels skipped) naming a student."""
    tokens = line.tokens
    i = anchor.first - 1
    while i >= 0 and (
        tokens[i].kind in (Kind.COMMA, Kind.COLON, Kind.HASH, Kind.DASH, Kind.GAP)
        or (tokens[i].kind is Kind.WORD and is_label_word(tokens[i].text))
    ):
        i -= 1
    words: list[Token] = []
    while i >= 0 and len(words) < 3 and tokens[i].kind is Kind.WORD:
        if not tokens[i].text.isalpha() or not tokens[i].text.islower():
            break
        words.insert(0, tokens[i])
        i -= 1
    for size in (3, 2):
        window = words[-size:]
        if len(window) == size and any(
            roster.students_named(k) for k in candidate_keys([t.text for t in window])
        ):
            return NameRun(
                words=[t.text for t in window], line=line, start=window[0].start, end=window[-1].end
            )
    return None


_CELL_EDGE = re.compile(r"\s+[—–|]\s+|\s+-\s+|\t+")


def _name_cell(line: Line, anchor: Anchor, roster: RosterIndex) -> NameRun | None:
    """In a row of cells before the ID, the one cell that is a student's full name."""
    id_start = line.tokens[anchor.first].start
    found: list[NameRun] = []
    start = 0
    for edge in [*_CELL_EDGE.finditer(line.text[:id_start]), None]:
        end = edge.start() if edge else id_start
        cell = line.text[start:end].strip()
        words = cell.split()
        if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words):
            if any(roster.students_named(k) for k in candidate_keys(words)):
                at = line.text.index(cell, start)
                found.append(NameRun(words=words, line=line, start=at, end=at + len(cell)))
        if edge is None:
            break
        start = edge.end()
    return found[0] if len(found) == 1 else None


def _code_word(word: str) -> bool:
    """An upper-case code such as "LP-CB" or "PJ": letters in groups of at most three."""
    parts = word.split("-")
    return word.isupper() and all(1 <= len(p) <= 3 and p.isalpha() for p in parts)


def _another_system_id(anchor: Anchor, anchors: list[Anchor]) -> bool:
    """A number of nine or more digits on a line that also has a usable student ID."""
    digits = sum(c.isdigit() for c in anchor.written)
    return digits >= 9 and any(
        a is not anchor and a.reading.student_id is not None for a in anchors
    )


_ALTERNATIVE = re.compile(
    r"[\s,/(]*(?:or|maybe|or\s+maybe|possibly|perhaps|either|or\s+possibly)[\s,/)]*", re.I
)
_JOINER = re.compile(r"[\s,&]*(?:and|&)?[\s,&]*", re.I)


def _between(line: Line, anchors: list[Anchor], k: int) -> str:
    """The text between anchor k-1 and anchor k."""
    return line.text[line.tokens[anchors[k - 1].last].end : line.tokens[anchors[k].first].start]


def _respective_names(line: Line, anchors: list[Anchor]) -> list[NameRun | None] | None:
    """Names listed, then their IDs in order: "Ava and Mia Lindgren, 0445129 and 0445130".

    Only when the IDs follow one another joined by "and" or commas and exactly as many
    names, joined the same way, stand right before the first ID.
    """
    if len(anchors) < 2 or not all(
        _JOINER.fullmatch(_between(line, anchors, k)) for k in range(1, len(anchors))
    ):
        return None
    runs: list[NameRun] = []
    index = anchors[0].first
    while len(runs) < len(anchors):
        run = name_before(line, index, -1)
        if run is None:
            return None
        runs.insert(0, run)
        joiner = line.text[: run.start].rstrip()
        cut = re.search(r"(?:,|\band|&)\s*$", joiner, re.I)
        if len(runs) < len(anchors):
            if cut is None:
                return None
            index = next(i for i, t in enumerate(line.tokens) if t.start >= cut.start())
    return list(runs) if len(runs) == len(anchors) else None


def _next_first(anchors: list[Anchor], k: int, line: Line) -> int:
    return anchors[k + 1].first if k + 1 < len(anchors) else len(line.tokens)


# -- names written without an ID ---------------------------------------------------------
# What a line that is only a name may hold besides its words: column gaps and a label's marks.
_ROW_KINDS = frozenset({Kind.WORD, Kind.GAP})
_LABEL_ROW_KINDS = frozenset({Kind.WORD, Kind.GAP, Kind.HASH, Kind.COLON})


def _cell_row_run(line: Line, taken: list[tuple[int, int]]) -> NameRun | None:
    """A line of nothing but capitalised name words is one name: "<tab>Nur<tab>Guled" (a row
    of cells, its ID cell empty) is not one word per cell, and "Will Anderson" on a line of
    its own is a name even though "will" is a word too."""
    if _DIGIT.search(line.text) or taken:
        return None
    words = [t for t in line.tokens if t.kind is Kind.WORD]
    # "ID# : Nou Her": the label of an ID left out, before or after the name, is no name;
    # only then may the line hold the label's marks.
    labelled = bool(words) and is_label_word(words[0].text) and words[0].text.isupper()
    while words and labelled and is_label_word(words[0].text):
        words.pop(0)
    kinds = _LABEL_ROW_KINDS if labelled else _ROW_KINDS
    if any(t.kind not in kinds for t in line.tokens) or not 2 <= len(words) <= 5:
        return None
    if any(not is_capitalised(t.text) or is_title(t.text) for t in words):
        return None
    if all(t.text.lower() in HEADER_WORDS or is_label_word(t.text) for t in words):
        return None  # "Stu Name    Stu ID    Block": a table's header row
    if "\t" not in line.text and (is_stopword(words[0].text) and is_stopword(words[-1].text)):
        return None  # "Thank You", "Best Regards", "Good Morning All"
    if "\t" in line.text and any(is_stopword(t.text) for t in words):
        return None
    gaps = [t.start for t in line.tokens if t.kind is Kind.GAP and t.start > words[0].start]
    gap_at = sum(1 for t in words if t.start < gaps[-1]) if gaps else None
    return NameRun(
        words=[_strip(t.text) for t in words],
        line=line,
        start=words[0].start,
        end=words[-1].end,
        gap_at=gap_at,
    )


def _name_only_runs(line: Line, taken: list[tuple[int, int]]) -> list[NameRun]:
    """Capitalised runs of name words not used by an ID ("reset Lucas Ferreira's account")."""
    runs: list[NameRun] = []
    tokens = line.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind is not Kind.WORD or any(s <= tok.start < e for s, e in taken):
            i += 1
            continue
        j = i
        words: list[Token] = []
        while j < len(tokens) and tokens[j].kind is Kind.WORD and len(words) < 5:
            word = tokens[j].text
            if any(s <= tokens[j].start < e for s, e in taken):
                break
            if not is_capitalised(word) or is_title(word) or is_stopword(word):
                break
            words.append(tokens[j])
            j += 1
            if is_possessive(word) or (word.endswith(".") and len(word) > 2):
                break
        if words:
            after_title = i > 0 and tokens[i - 1].kind is Kind.WORD and is_title(tokens[i - 1].text)
            if not after_title:
                runs.append(
                    NameRun(
                        words=[_strip(t.text) for t in words],
                        line=line,
                        start=words[0].start,
                        end=words[-1].end,
                        possessive=is_possessive(words[-1].text),
                    )
                )
            i = j
        else:
            i += 1
    return runs


def _strip(word: str) -> str:
    w = word
    if is_possessive(w):
        w = w[:-2] if w.replace("’", "'").endswith("'s") else w[:-1]
    return w[:-1] if w.endswith(".") and len(w) > 2 and "." not in w[:-1] else w


def _roster_runs(
    line: Line, roster: RosterIndex, taken: list[tuple[int, int]], *, lower_only: bool = False
) -> list[NameRun]:
    """In lines without usable capitals, name runs are found by the roster's student names."""
    # Words that are also names ("WILL ANDERSON", "may summers") stay in: a window counts
    # when the roster has a student of that name and not all of it is function words.
    words = [t for t in line.tokens if t.kind is Kind.WORD]
    runs: list[NameRun] = []
    i = 0
    while i < len(words):
        for size in (3, 2):
            window = words[i : i + size]
            if len(window) < size or any(s <= w.start < e for w in window for s, e in taken):
                continue
            if all(is_stopword(w.text) for w in window):
                continue
            if lower_only and not all(w.text.islower() for w in window):
                continue
            if any(
                roster.students_named(k) for k in candidate_keys([_strip(t.text) for t in window])
            ):
                runs.append(
                    NameRun(
                        [_strip(t.text) for t in window],
                        line=line,
                        start=window[0].start,
                        end=window[-1].end,
                        possessive=is_possessive(window[-1].text),
                    )
                )
                i += size - 1
                break
        i += 1
    return runs


_DIRECT_OBJECT = re.compile(
    r"\b(?:re-?set|clear|unlock)\w*\s+(?:(?:the\s+)?(?:portal|(?:portal\s+|student\s+)?(?:account|"
    r"login|password|challenge\s+questions|questions))\s+(?:for|of)\s+|for\s+)?$",
    re.I,
)


def _directly_requested(run: NameRun) -> bool:
    """A lone first name counts only as a reset's object: "reset Sophia", "reset for Sophia"."""
    assert run.line is not None
    return _DIRECT_OBJECT.search(run.line.text[max(0, run.start - 60) : run.start]) is not None


def _is_requested(run: NameRun, sentence: Sentence | None) -> bool:
    """Is the name the object of a reset ("reset Jane Doe", "Jane Doe's account")?"""
    assert run.line is not None
    after = run.line.text[run.end : run.end + 40]
    if run.possessive and _ACCOUNT_NOUN.match(after):
        return True
    if sentence is None:
        return False
    before = run.line.text[sentence.start : run.start]
    return _RESET_VERB.search(before) is not None


@dataclass
class _Context:
    lines: Sequence[Line]
    sents: list[Sentence]
    roster: RosterIndex
    requester_keys: set[str]

    def sentence_of(self, line: Line, pos: int) -> Sentence | None:
        return sentence_at(self.sents, line, pos)


def _plausible_student(run: NameRun, ctx: _Context, requested: bool) -> bool:
    folded = fold("".join(w.rstrip(".") for w in run.words))  # "Sandra K." signs off
    if (
        folded in ctx.requester_keys
        or fold(run.words[-1]) in ctx.requester_keys
        and len(run.words) == 1
    ):
        return False
    if all(fold(w) in ctx.roster.place_words() for w in run.words):
        return False
    in_roster = any(ctx.roster.students_named(k) for k in candidate_keys(run.words))
    if len(run.words) == 1:
        return _directly_requested(run) or (run.possessive and requested)
    # A name no student has counts only as a reset's object or a row of a student list
    # ("reset Lucas Ferreira"); "Spanish for Heritage Speakers" after a reset is a class.
    direct = _directly_requested(run) or (run.possessive and requested)
    return in_roster or direct or _list_row(run, ctx)


def _list_row(run: NameRun, ctx: _Context) -> bool:
    """A line that is only a name, among student lines, and not the body's last line.

    ("Lucas Ferreira" in the middle of a list of "Name ID" lines is a student written
    without an ID; a lone name at the very end is the signature.)
    """
    line = run.line
    assert line is not None
    rest = (line.text[: run.start] + line.text[run.end :]).strip(" \t-*•·.,;:()0123456789")
    # "Tate Haskell Local ID": the label of an ID left out is no other matter.
    rest_words = [w for w in re.split(r"[\s:#.,]+", rest) if w]
    if rest_words and all(is_label_word(w) for w in rest_words):
        rest = ""
    if rest or line.is_subject or line.signature:
        return False
    body = [x for x in ctx.lines if not x.is_subject]
    if body and body[-1] is line:
        return False
    return any(
        x.paragraph == line.paragraph and x is not line and find_anchors(x) for x in ctx.lines
    )


def extract(
    lines: Sequence[Line], sents: list[Sentence], roster: RosterIndex, requester_keys: set[str]
) -> list[Mention]:
    """Every mention of a student in the ticket's own text, in reading order."""
    ctx = _Context(lines, sents, roster, requester_keys)
    used_lines: set[int] = set()
    mentions = _table_mentions(lines, used_lines)
    for line in lines:
        if line.index not in used_lines:
            mentions.extend(_line_mentions(line, roster))
    mentions = [m for m in mentions if not _in_example(m, ctx)]
    for m in mentions:
        if m.anchor is not None:
            s = ctx.sentence_of(m.anchor.line, m.anchor.line.tokens[m.anchor.first].start)
            m.negated = s is not None and _NEGATED.search(s.text) is not None
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.name is not None:
            taken.setdefault(m.line_index, []).append((m.name.start, m.name.end))
        if m.anchor is not None:
            a = m.anchor
            taken.setdefault(m.line_index, []).append(
                (a.line.tokens[a.first].start, a.line.tokens[a.last].end)
            )
    loose = _loose_names(ctx, taken)
    _pair(mentions, loose, ctx)
    mentions.extend(_unpaired(loose, ctx))
    mentions.sort(key=lambda m: (m.line_index, m.name.start if m.name else 0))
    return mentions


def _in_example(m: Mention, ctx: _Context) -> bool:
    if m.anchor is None:
        return False
    s = ctx.sentence_of(m.anchor.line, m.anchor.line.tokens[m.anchor.first].start)
    return s is not None and _EXAMPLE.search(s.text) is not None


def _loose_names(ctx: _Context, taken: dict[int, list[tuple[int, int]]]) -> list[NameRun]:
    runs: list[NameRun] = []
    for line in ctx.lines:
        # A signature names the requester, not students; a student line with an ID in it
        # is still read (anchors), only names written alone there are not.
        if line.greeting or line.sign_off or line.signature:
            continue
        if not line.flat and line.text[1:] == line.text[1:].lower():
            continue  # no capital after the first letter: no name to find here
        spans = taken.get(line.index, [])
        cell_row = None if line.flat else _cell_row_run(line, spans)
        if cell_row is not None:
            found = [cell_row]
        elif line.flat:
            found = _roster_runs(line, ctx.roster, spans)
        else:
            found = _name_only_runs(line, spans)
        if not line.flat and _RESET_VERB.search(line.text):
            # "Please reset challenge questions for kateri shippentower, she lost her ID": a
            # name typed in lower case in a line with capitals, as a reset's object, is found
            # by the roster (as beside an ID, and as in flat lines).
            taken_here = spans + [(r.start, r.end) for r in found]
            lower = _roster_runs(line, ctx.roster, taken_here, lower_only=True)
            found = sorted([*found, *lower], key=lambda r: r.start)
        for run in _last_comma_first(found, line, ctx.roster):
            if all(fold(w) in ctx.roster.place_words() for w in run.words if len(fold(w)) > 1):
                continue  # "at Northgate", "Hibiscus Avenue K-8": a school, not a student
            if all(len(fold(w)) <= 1 for w in run.words):
                continue  # an initial signing off ("thx — M")
            if len(run.words) == 1 and run.words[0].isupper() and len(run.words[0]) <= 5:
                continue  # "(HIH)", "KRHS": a school's abbreviation
            after = line.text[run.end : run.end + 40]
            if run.possessive and _OWNED_NOT_ACCOUNT.match(after):
                continue  # "Yuki's class", "Karen Whitfield's room": a teacher, not a student
            runs.append(_without_trailing_labels(run))
    return runs


def _without_trailing_labels(run: NameRun) -> NameRun:
    """ "Tate Haskell Local" before "ID": the label words after a name are not the name."""
    assert run.line is not None
    after = [w for w in re.split(r"[\s:#.]+", run.line.text[run.end :]) if w]
    if not all(is_label_word(w) for w in after):
        return run
    words = list(run.words)
    while len(words) > 2 and is_label_word(words[-1]):
        words.pop()
    if len(words) == len(run.words):
        return run
    end = run.line.text.rfind(words[-1], run.start, run.end) + len(words[-1])
    return replace(run, words=words, end=end)


def _last_comma_first(runs: list[NameRun], line: Line, roster: RosterIndex) -> list[NameRun]:
    """Join "Ly, Thi Ngoc Anh" into one name when the roster has a student of that name.

    Two runs split by a comma are two students as often as one written last name first
    ("Ava Chen, Leo Park"), so they are joined only when together they name a student.
    """
    out: list[NameRun] = []
    for run in runs:
        last = out[-1] if out else None
        if (
            last is not None
            and len(last.words) <= 2
            and line.text[last.end : run.start].strip() == ","
            and any(roster.students_named(k) for k in candidate_keys([*last.words, *run.words]))
        ):
            out[-1] = NameRun(
                words=[*last.words, *run.words],
                comma_at=len(last.words),
                line=line,
                start=last.start,
                end=run.end,
                possessive=run.possessive,
            )
            continue
        out.append(run)
    return out


def _pair(mentions: list[Mention], loose: list[NameRun], ctx: _Context) -> None:
    """Give an ID written without a name the nearest loose name in its paragraph.

    The name written before the ID comes first ("Trevor Hayes couldn't log in. His student
    # is 0548810."); an ID alone on its line may also take the name on the line after it
    ("0346601" over "Ioane Sapolu (trumpet)").
    """
    for m in mentions:
        if m.name is not None or m.anchor is None:
            continue
        a = m.anchor
        here = ctx.sentence_of(a.line, a.line.tokens[a.first].start)
        if here is None:
            continue
        alone = all(
            t.kind is not Kind.WORD or is_label_word(t.text)
            for i, t in enumerate(a.line.tokens)
            if not a.first <= i <= a.last
        )
        best: NameRun | None = None
        best_rank: tuple[int, int, int] | None = None
        for run in loose:
            assert run.line is not None
            s = ctx.sentence_of(run.line, run.start)
            if s is None or s.line.paragraph != here.line.paragraph or s.line.is_subject:
                continue
            distance = here.order - s.order
            if distance < 0:
                if not (alone and distance == -1):
                    continue
                distance = 4  # after every name written before the ID
            elif distance > 3:
                continue
            # A name some student has beats any other capitalised words nearer the ID.
            known = any(ctx.roster.students_named(k) for k in candidate_keys(run.words))
            rank = (0 if known else 1, distance, -run.start if distance == 0 else -s.order)
            if best_rank is None or rank < best_rank:
                best, best_rank = run, rank
        if best is not None:
            m.name = best
            a.name = best
            m.rule = RULE_PAIRED
            loose.remove(best)


def _unpaired(loose: list[NameRun], ctx: _Context) -> list[Mention]:
    out = []
    for run in loose:
        assert run.line is not None
        s = ctx.sentence_of(run.line, run.start)
        requested = _is_requested(run, s)
        if run.line.is_subject and not requested:
            continue
        if not _plausible_student(run, ctx, requested):
            continue
        negated = s is not None and _NEGATED.search(s.text) is not None
        out.append(
            Mention(
                None,
                run,
                run.line.text,
                run.line.index,
                negated=negated,
                requested=requested,
                rule=RULE_NAME_ONLY,
            )
        )
    return out


__all__ = ["Mention", "extract", "bare"]
