"""Rule 1: is this ticket a request to reset students' portal accounts?

A ticket is a reset request when some sentence asks the technology department to reset,
clear or unlock student accounts or their challenge (security) questions, or when the
ticket lists students under a request for help with forgotten challenge questions or a
locked account.  Questions about *how* the process works, a reset that was not needed after
all, and resets of the requester's own things or of equipment are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_RESET_VERB = re.compile(
    r"\b(?:re-?set(?:s|ting)?|clear(?:ed|ing)?|unlock(?:ed|ing)?|wipe|re-?enable|"
    r"restore|redo|start\s+over|re-?initiali[sz](?:e|ed|ing)|restablecer|resetear|reiniciar|"
    r"r[ée]initialiser)\b",
    re.I,
)
# Nouns that make a reset one of a student's portal account.
_STUDENT_OBJECT = re.compile(
    r"\b(?:students?|kids?|child(?:ren)?|sons?|daughters?|grand(?:son|daughter)s?|pupils?|"
    r"learners?|accounts?|portal|challenge|security|questions?|q'?s|answers|logins?|them|him|"
    r"her|these|those|following|below|list(?:ed)?|class(?:es)?|period|homeroom|advisory|"
    r"block|section|names?|graders?|seniors?|juniors?|freshm[ae]n|sophomores?|everyone|"
    r"both|all|(?:his|her|their)\s+(?:account|login|password|questions))\b",
    re.I,
)
_CHALLENGE = re.compile(r"\b(?:challenge|security)\s*(?:-\s*)?(?:questions?|q'?s|answers?)\b", re.I)
_NEED = re.compile(
    r"\b(?:locked\s+out|lock(?:ed)?\s+out|can'?t\s+(?:get\s+in|log\s*in|remember)|"
    r"cannot\s+(?:get\s+in|log\s*in|remember)|forgot|forgotten|don'?t\s+remember|"
    r"doesn'?t\s+remember|can'?t\s+recall|stuck)\b",
    re.I,
)
_ASK = re.compile(
    r"\b(?:please|pls|plz|can\s+(?:you|u|someone|somebody)|could\s+(?:you|u|someone)|"
    r"would\s+(?:you|u)|will\s+you|need(?:s|ed)?|help|request(?:ing)?|asap)\b",
    re.I,
)
# Asked of the department (a request) rather than about the process (a question).
_ADDRESSED = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u|y'all|someone|somebody|the\s+tech)\b|"
    r"\byou\s+(?:could|can|would|will)\b|\bplease\b|\bpls\b|\bplz\b|\bi\s+need\b|\bwe\s+need\b|"
    r"\b(?:would|is)\s+it\s+(?:be\s+)?possible\s+to\b|\b(?:do|would)\s+you\s+mind\b|"
    r"\bany\s+chance\b|\b(?:can|could|may)\s+(?:i|we)\s+(?:get|have)\b|\bi'?d\s+like\b|"
    r"\bcan\s+(?:[\w'’]+\s+){1,4}be\s+re-?set\b|"
    r"\bneeds?\s+(?:a\s+|to\s+be\s+|their\s+|his\s+|her\s+)?",
    re.I,
)
_HOWTO = re.compile(
    r"^\W*(?:how|is\s+there|are\s+there|is\s+it\s+possible|can\s+(?:students|they|kids|he|"
    r"she|a\s+student)|could\s+(?:students|they)|do\s+(?:they|students|i|we)|does|what|"
    r"where|why|when|should|who|did|has|have|had|was|were|is\s+it\s+possible\s+for)\b",
    re.I,
)
_SELF_DO = re.compile(
    r"\b(?:students|they|kids|he|she)\s+(?:can|could|should|will|would|are\s+able\s+to|"
    r"know\s+how\s+to|to)\s+(?:\w+\s+){0,2}re-?set\b|\bre-?set\s+(?:\w+\s+){0,2}(?:their|his|her)\s+own\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:nothing\s+to|no\s+need\s+(?:to|for)|don'?t\s+need|do\s+not\s+need|doesn'?t\s+need|"
    r"does\s+not\s+need|not\s+need|didn'?t\s+need|no\s+longer\s+need|never\s*mind|"
    r"disregard|ignore\s+(?:this|my|the)|cancel|don'?t\s+(?:re-?set|clear|unlock)|"
    r"do\s+not\s+(?:re-?set|clear|unlock)|not\s+(?:to\s+)?(?:re-?set|clear|unlock)|"
    r"without\s+(?:a\s+)?re-?set|instead\s+of\s+(?:a\s+)?re-?set|"
    r"no\s+re-?sets?\s+(?:is\s+)?(?:needed|necessary|required)|"
    r"re-?sets?\s+(?:is\s+|was\s+)?(?:not|no\s+longer)\s+(?:needed|necessary|required))\b",
    re.I,
)
# Things a reset can be of that are not a student's portal account.
_OTHER_THING = re.compile(
    r"\b(?:voice\s*mail|pin|projector|printer|copier|chromebook|ipad|laptop|computer|"
    r"desktop|router|wi-?fi|network|phone|smart\s*board|promethean|display|tv|device|cart|"
    r"toner|badge|door|alarm|clock|thermostat|app|browser|cache|cookies|settings|"
    r"document\s+camera|doc\s+cam|speaker|microphone|headphones|keyboard|mouse|printer\s+queue)s?\b",
    re.I,
)
# Accounts of other systems: resetting a Google or Canvas password is not a portal reset.
_OTHER_SYSTEM = re.compile(
    r"\b(?:google|gmail|g\s*suite|canvas|schoology|clever|seesaw|microsoft|office\s*365|o365|"
    r"outlook|teams|zoom|chromebook\s+login|wi-?fi|network\s+password|lunch\s+pin|"
    r"library\s+(?:account|card)|email\s+(?:account|password))\b",
    re.I,
)
_PORTAL = re.compile(r"\bportal\b|\bchallenge\b|\bsecurity\s+questions?\b", re.I)
_OWN = re.compile(
    r"\b(?:my|mine|our)\b(?!\s+(?:\w+\s+){0,3}?(?:students?|kids?|class(?:es)?|"
    r"period|homeroom|advisory|block|section|son|daughter|child|children|"
    r"graders?|seniors?|juniors?|freshm[ae]n|sophomores?|pupils?|learners?|"
    r"group|team|roster|list))",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Intent:
    """The verdict of rule 1, with the reason a technician can read."""

    reset_request: bool
    reason: str
    #: The request mentions students the parser cannot read (whole class, attachment).
    refers_to_unlisted: bool = False


_ATTACHED = re.compile(r"\b(?:attach(?:ed|ment|ments))\b", re.I)
_UNLISTED = re.compile(
    r"\b(?:attach(?:ed|ment)|spreadsheet|whole\s+(?:class|period|homeroom|grade|block)|"
    r"entire\s+(?:class|period|homeroom|grade|block)|all\s+(?:of\s+)?my\s+(?:students|kids|class)|"
    r"(?:my|the)\s+(?:whole|entire)\b|every(?:one|body)\s+in\s+my)\b",
    re.I,
)


def _clause_after(sentence: str, start: int) -> str:
    """The words after a verb up to the end of its clause."""
    rest = sentence[start:]
    stop = re.search(r"[.;!?]|\bbut\b|\bso\b|\bbecause\b", rest)
    return rest[: stop.start()] if stop else rest


def classify_sentence(sentence: str, *, has_students: bool, requester_is_student: bool) -> str:
    """One sentence's stance: ``"request"``, ``"negative"`` or ``"neutral"``."""
    verb = _RESET_VERB.search(sentence)
    if verb is None:
        return "neutral"
    if _NEGATED.search(sentence):
        return "negative"
    if _SELF_DO.search(sentence) or (
        _HOWTO.search(sentence) and not _ADDRESSED.search(sentence) and "?" in sentence
    ):
        return "negative"
    obj = _clause_after(sentence, verb.end())
    clear_like = verb.group(0).lower().startswith(("clear", "wipe", "restore", "redo", "start"))
    student_obj = bool(_STUDENT_OBJECT.search(obj)) or _CHALLENGE.search(sentence) is not None
    if _OTHER_THING.search(obj) and not _CHALLENGE.search(obj):
        return "negative"
    if _OTHER_SYSTEM.search(sentence) and not _PORTAL.search(sentence):
        return "negative"
    if _OWN.search(obj) and not requester_is_student:
        # "reset my voicemail PIN", "reset my password": the requester's own things.
        if not re.search(r"\b(?:students?|kids?|son|daughter|child)\b", obj, re.I):
            return "negative"
    if clear_like and not (_CHALLENGE.search(sentence) or re.search(r"\baccounts?\b", obj, re.I)):
        return "neutral"
    if student_obj or has_students:
        return "request"
    return "neutral"


def classify(
    subject: str,
    sentences: Sequence[str],
    *,
    has_students: bool,
    requester_is_student: bool = False,
) -> Intent:
    """Decide rule 1 for a ticket from its subject and the sentences of its own text.

    ``has_students`` says whether student IDs or names were found; a bare "reset please" over
    a list of students is a request, the same words over nothing are not enough.
    """
    stances = [
        classify_sentence(s, has_students=has_students, requester_is_student=requester_is_student)
        for s in sentences
    ]
    text = " ".join(sentences)
    # With students listed, only an attachment says more are missing; without any, the
    # whole-class and spreadsheet wordings count too (rule 7).
    unlisted = bool((_UNLISTED if not has_students else _ATTACHED).search(text))
    if "request" in stances:
        return Intent(True, "asks for a reset", unlisted)
    if "negative" in stances:
        return Intent(False, "mentions a reset that is not wanted, not of a student, or a question")
    need = bool(_NEED.search(text)) and (
        bool(_CHALLENGE.search(text)) or re.search(r"\blocked\s+out\b", text, re.I) is not None
    )
    if need and (has_students or unlisted) and _ASK.search(text + " " + subject):
        return Intent(True, "asks for help with forgotten challenge questions", unlisted)
    subject_stance = classify_sentence(
        subject, has_students=has_students, requester_is_student=requester_is_student
    )
    # "Re: resets" over a bare list of students: the subject carries the request.
    if subject_stance == "request" and has_students:
        return Intent(True, "the subject asks for a reset of the students listed", unlisted)
    # A subject alone ("Portal resets") counts only when the body asks for something too.
    if (
        subject_stance == "request"
        and (has_students or unlisted or need)
        and (_ASK.search(text) or _NEED.search(text))
    ):
        return Intent(True, "the subject asks for a reset", unlisted)
    return Intent(False, "no reset of a student account is asked for")
