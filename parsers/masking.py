"""Numbers that are never student IDs: phone numbers, extensions, ZIP codes, street numbers,
dates, times, room numbers and other labelled numbers (ticket, asset, employee ...).

They are replaced by a placeholder before IDs are looked for, so a ZIP code such as 04011 or
an extension such as x3310 cannot be read as a (short) student ID.  The placeholder also ends
a name, so "Room 7 Jane Doe" does not become part of a name either.
"""

from __future__ import annotations

import re

PLACEHOLDER = "\u00a6"  # broken bar: not a letter, not a digit, never typed in tickets

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# A day or a month number: dates never have "71" in them, student IDs split by dashes can.
_DAY_OR_MONTH = r"(?:0?[1-9]|[12]\d|3[01])"
_STREET = (
    r"(?:rd|road|st|street|ave|avenue|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|"
    r"hwy|highway|pkwy|parkway|cir|circle|ter|terrace|trail|trl|pike|route|rte)"
)
_LABELLED = (
    r"room|rm|classroom|lab|portable|suite|ste|bldg|building|cart|locker|bus|route|ticket|"
    r"case|incident|req|request|order|po|invoice|asset|tag|serial|s/n|sn|model|badge|"
    r"employee|emp|confirmation|reference|ref|submission|form|dcid|sasid|gtid|"
    r"staff|pin|code|period|per|block|grade|gr|section|sec|table|version|ver|box|apt|rooms|"
    r"unit|ext|extn|extension|zip|zipcode|"
    r"postal|course|quiz|test|page|pg|chapter|ch|lesson|unit|team|bell|cohort|track|year|yr"
)
_LABELS = frozenset(_LABELLED.split("|"))
# Numbers right after a label that is not a student ID label ("Room 214", "Ticket #12345").
# Any word followed by a number is matched and the word looked up in a set: one pattern
# with seventy literal labels in it would cost more than all the other patterns together.
_LABELLED_NUMBER = re.compile(
    # "Ticket #: 20931", "employee number is 898201", "model PJ-4500", "ticket INC0041873".
    r"\b([A-Za-z][A-Za-z/]*)\b\.?\s*(?:(?:#|no\.?|number|num|id)\s*)?(?::|\bis\b|=)?\s*"
    r"(?:[A-Za-z]{1,4}-)*[A-Za-z]{0,4}-?\d[\dA-Za-z\-]*",
    re.I,  # "Employee No. 913870" as well as "employee no. 913870"
)

# E-mail addresses and web links are never IDs or names ("jdoe412345@students...").  They
# have a pattern of their own, run only on lines with an "@" or a "://": a leading
# [\w.]+ tried at every position of every line would cost more than all the rest.
_ADDRESS = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|\bhttps?://\S+", re.I)

_PATTERNS = [
    # Phone numbers: (207) 555-0143, 207.555.0143, +1 207 555 0143, 2075550143, 555-0143.
    r"(?:\+?1[\s.\-]?)?\(\d{3}\)\s*\d{3}[\s.\-]?\d{4}",
    r"(?:\+?1[\s.\-])?\b[2-9]\d{2}[\s.\-][2-9]\d{2}[\s.\-]\d{4}\b",
    # Ten digits grouped 3-3-4 with one separator are a phone number even when the groups
    # break the numbering plan's rules (555-014-9921): a student ID has seven digits.
    r"\b\d{3}(?P<sep>[.\-\u2010-\u2015])\d{3}(?P=sep)\d{4}\b",
    r"\b1?[2-9]\d{9}\b",
    r"\b[2-9]\d{2}[.\-]\d{4}\b",
    # Extensions: ext. 2214, x3310, extension 12.
    r"\b(?:ext|extn|extension)\b\.?\s*(?:#|no\.?|number)?\s*\d{1,6}\b",
    r"(?<![\w])x\.?\s?\d{2,6}\b",
    # ZIP codes after a state abbreviation: ME 04011, ME 04011-1234.
    r"\b[A-Z]{2}\.?,?\s+\d{5}(?:-\d{4})?\b",
    # Street addresses: 1450 Cedar Hollow Rd.
    rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Za-z][a-z]+\.?\s+){{1,3}}{_STREET}\b\.?",
    r"\b(?:p\.?\s*o\.?\s*box)\s+\d+\b",
    # Dates: 09/03/2026, 9/8, 2026-09-03, 20260903, Aug 28, 2026, 28 August.
    r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b",
    rf"\b{_DAY_OR_MONTH}[/.\-]{_DAY_OR_MONTH}[/.\-](?:\d{{4}}|\d{{2}})\b",
    rf"\b{_DAY_OR_MONTH}/{_DAY_OR_MONTH}\b",
    # ... with a time after it: "20260916 0814"
    r"\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[ T](?:[01]\d|2[0-3])[0-5]\d)?\b",
    rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+\d{{4}})?",
    # Times: 7:30 AM, 11:15-12:00, 1:10–2:05, 8am.
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?",
    r"\b\d{1,2}\s*[ap]\.?m\b\.?",
    # Money and percentages.
    r"\$\s?\d[\d,]*(?:\.\d+)?",
    r"\b\d+(?:\.\d+)?\s?%",
    # Phone numbers after a phone label, whatever their grouping: "Tel. 541 555 0133".
    r"\b(?:phone|tel|telephone|cell|mobile|fax|office|ph|call|text)\b\.?:?\s*\+?[\d(][\d()\s.\-]{5,}\d",
    # A help-desk's ticket reference in brackets: "RE: [#48871] Portal reset" (an ID would
    # have six or seven digits).
    r"\[\s*#\s*(?:\d{1,5}|\d{8,})\s*\]",
    # "class of 2027"; the other labels are matched by _LABELLED_NUMBER below.
    r"\bclass\s+of\s+\d{4}\b",
    # Ordinals (3rd, 10th) and grade/period forms (5th grade) are never IDs.
    r"\b\d+(?:st|nd|rd|th)\b",
]
# Every pattern starts with a digit, "(", "+", "$", "[" or a letter at the start of a word; the
# lookahead lets the engine skip every other position (mid-word, spaces) without trying
# twenty-two alternatives there.  It changes no match and halves the time spent here.
_MASK = re.compile(
    r"(?=[\d(+$[]|\b[A-Za-z])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")", re.I
)
# The ZIP pattern needs a case-sensitive state abbreviation; checked after matching.
_DIGIT = re.compile(r"\d")
_STATE_ZIP = re.compile(r"^[A-Za-z]{2}\.?,?\s+\d{5}")


def _labelled(match: re.Match[str]) -> str:
    text = match.group(0)
    label = match.group(1).lower()
    # "tags LP-CB-1180", "rooms 214 and 215": a plural label labels as well.
    plural = label.endswith("s") and label[:-1] in _LABELS
    if (label not in _LABELS and not plural) or _surname_before_id(match):
        return text
    return PLACEHOLDER * len(text)


# "Major Bell 0459034", "Ava Page 0412345": a label word that is a family name, after a
# given name and before a student ID, is a name.
_GIVEN_BEFORE = re.compile(r"[A-Z][^\W\d_]+[ \t]+$")
_STUDENT_ID_AFTER = re.compile(r"\s*[#:]?\s*[0Oo][0-9Oo]{6}$")


def _surname_before_id(match: re.Match[str]) -> bool:
    label = match.group(1)
    if not (label[:1].isupper() and label[1:].islower()):
        return False
    rest = match.group(0)[len(label) :]
    before = match.string[max(0, match.start() - 40) : match.start()]
    return bool(_STUDENT_ID_AFTER.match(rest)) and bool(_GIVEN_BEFORE.search(before))


def _mask(text: str) -> str:
    return _MASK.sub(_replacement, _LABELLED_NUMBER.sub(_labelled, text))


def _replacement(match: re.Match[str]) -> str:
    text = match.group(0)
    if _STATE_ZIP.match(text) and not text[:2].isupper():
        # "is 04011" or "id 04011": not a state abbreviation, leave for the ID reader.
        return text
    return PLACEHOLDER * len(text)


def mask_numbers(line: str) -> str:
    """Replace every non-ID number in a line with placeholders of the same length.

    Keeping the length keeps character offsets, so positions found in the masked line
    still point into the original line.
    """
    if "@" in line or "://" in line:
        line = _ADDRESS.sub(lambda m: PLACEHOLDER * len(m.group(0)), line)
    if _DIGIT.search(line) is None:
        return line
    if len(line) <= 2 * _WINDOW:
        return _mask(line)
    # Long lines: only the text around numbers can hold what is masked (every pattern
    # has a digit and reaches at most a few words away from it), so the big pattern runs
    # over those windows only.  Windows end at spaces, so no word is cut.
    out, end = [], 0
    for start, stop in _windows(line):
        out.append(line[end:start])
        out.append(_mask(line[start:stop]))
        end = stop
    out.append(line[end:])
    return "".join(out)


_WINDOW = 40
_NUMBER_RUN = re.compile(r"\d[\d\s.\-/:()+]*")


def _windows(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _NUMBER_RUN.finditer(line):
        start = line.rfind(" ", 0, max(0, m.start() - _WINDOW)) + 1
        stop = line.find(" ", min(len(line), m.end() + _WINDOW))
        stop = len(line) if stop < 0 else stop
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(stop, spans[-1][1]))
        else:
            spans.append((start, stop))
    return spans
