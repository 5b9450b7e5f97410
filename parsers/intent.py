"""Rule 1: is this ticket a request to reset students' portal accounts?

A ticket is a reset request when some sentence asks the technology department to reset,
clear or unlock student accounts or their challenge (security) questions, or when the
ticket lists students under a request for help with forgotten challenge questions or a
locked account.  Not requests: questions about *how* the process works or *whether* a reset
happened, a reset that is not needed after all, a report that a reset was done, and resets of
the requester's own things, of equipment, or of other systems (Google, IXL, a test session).

Each sentence is judged on the clause that holds the reset word: what comes right before it
("needs her portal questions reset", "portal resets") and right after it ("reset Jane's
account", "reset my voicemail PIN").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import (
    ADDRESSED,
    NO_RESET_WANTED,
    OTHER_REQUESTS,
    OWN_ACCOUNT,
    RESET_VERBS,
    STUDENT_OBJECTS,
    STUDENT_PEOPLE,
    alternation,
    compile_terms,
)

_RESET_VERB = re.compile(
    r"\b(?:re-?set(?:s|ting)?|clear(?:ed|ing)?|unlock(?:ed|ing)?|wip(?:e|ed|ing)|re-?enable|"
    r"restore|redo|start\s+over|re-?initiali[sz](?:e|ed|ing)|"
    rf"{alternation(RESET_VERBS)}|"
    r"un-?claim(?:ed(?!\s+(?:(?:portal|student)\s+)?(?:accounts?|students?|list|report)))?)\b"
    # "reset tickets", "the reset process": the word names something else, not an action.
    r"(?!\s+(?:tickets?|requests|process|procedure|links?|page|form|button|option|policy|"
    r"instructions?|steps?)\b)",
    re.I,
)
# Words that make a reset one of a student's portal account.
_STUDENT_OBJECT = re.compile(
    r"\b(?:students?|kids?|kiddos?|child(?:ren)?|sons?|daughters?|grand(?:son|daughter)s?|"
    r"pupils?|learners?|accounts?|portal|challenge|security|questions?|q'?s|answers|logins?|"
    r"following|below|list(?:ed)?|class(?:es)?|period|hour|homeroom|advisory|block|section|names?|"
    r"graders?|seniors?|juniors?|freshm[ae]n|sophomores?|password|athletes?|players?|"
    r"advisees?|scholars?|"
    rf"{alternation(STUDENT_OBJECTS)})\b",
    re.I,
)
# Pronouns stand for students only where the ticket is about students at all.
_PRONOUN_OBJECT = re.compile(r"\b(?:them|him|her|hers|his|these|those|everyone|both|all)\b", re.I)
# "Can you reset it?" stands for the student's account only when the ticket names no other
# thing and no account of the requester's own ("my account got locked, can you unlock it?").
_IT = re.compile(r"\bit\b", re.I)
_IT_NEAR_RESET = re.compile(r"\b(?:re-?set|unlock|clear)\w*\s+it\b|\bit\s+be\s+re-?set", re.I)
_OWN_ACCOUNT = re.compile(
    r"\b(?:my|our)\s+(?:own\s+)?(?:\w+\s+)?(?:account|password|login|passcode|pin)\b", re.I
)
# Someone's own or a colleague's staff account: not a student's portal account.
_STAFF_ACCOUNT = re.compile(
    r"\b(?:staff|employee|teacher|faculty|sub(?:stitute)?|para(?:professional)?)\s+"
    r"(?:portal|account|login|password|email)\b|\bmy\s+own\b",
    re.I,
)
# Quoted speech ('Click here to reset your security questions'): someone else's words.
_QUOTED = re.compile(r"(?<![\w])['\"“‘][^'\"“”‘’\n]{15,300}['\"”’](?![\w])")
# The teacher reports success: nothing is left to ask for.
_SUCCESS = re.compile(
    r"(?<!not )(?<!n't )\bable\s+to\s+(?:log|sign|get)\s*(?:in|on)\b|(?<!n't )\bgot\s+in\b|"
    r"\b(?:logged|signed)\s+(?:in|on)\b|\bin\s+now\b|\ball\s+set\b|\bworked\b|"
    r"\b(?:are|is|were|was|got|they'?re|she'?s|he'?s)\s+back\s+(?:in|on)\b|"
    r"\bworking\s+now\b",
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
    r"\b(?:can|could|would|will)\s+(?:you|u|y'all|someone|somebody|(?:the\s+)?tech)\b|"
    rf"\b(?:{alternation(ADDRESSED)})\b|"
    r"\byou\s+(?:could|can|would|will)\b|\bplease\b|\bpls\b|\bplz\b|"
    r"\b(?:would|is)\s+it\s+(?:be\s+)?possible\s+to\b|\b(?:do|would)\s+you\s+mind\b|"
    r"\bany\s+chance\b|\b(?:can|could|may)\s+(?:i|we)\s+(?:get|have)\b|\bi'?d\s+like\b|"
    r"\bcan\s+(?:[\w'’]+\s+){1,4}be\s+re-?set\b|\bif\s+not\b|\b(?:are|were)\s+you\s+able\b",
    re.I,
)
# A clause that asks about the process or about what happened, not for an action.
_QUESTION_START = re.compile(
    r"^\W*(?:(?:hi|hey|hello|so|ok|okay|just|quick|question|checking|sorry|also|and|but)\W+)*"
    r"(?:how|is\s+there|are\s+there|is\s+it\s+possible|can\s+(?:students|they|kids|he|she|"
    r"a\s+student|teachers|aides|subs|paras)|could\s+(?:students|they)|do\s+(?:they|students|"
    r"i|we)|does|what|where|why|when|should|who|which|did|has|have|had|was|were|is|are|"
    r"will\s+(?:they|it|he|she))\b",
    re.I,
)
_SELF_DO = re.compile(
    r"\b(?:students|they|them|teachers|kids|he|she)\s+(?:can|could|should|will|would|"
    r"are\s+able\s+to|"
    r"know\s+how\s+to|to)\s+(?:\w+\s+){0,2}re-?set\b|"
    r"\bre-?set\s+(?:\w+\s+){0,2}(?:their|his|her)\s+own\b|"
    # "can I reset them myself from the teacher dashboard?": the requester would do it
    r"\bre-?set\s+(?:[\w'’]+\s+){0,4}(?:myself|ourselves|themselves)\b|"
    r"\b(?:can|could|should|do)\s+(?:i|we)\s+re-?set\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:nothing\s+to|no\s+need\s+(?:to|for)|don'?t\s+need|do\s+not\s+need|doesn'?t\s+need|"
    r"does\s+not\s+need|not\s+need|didn'?t\s+need|no\s+longer\s+need|never\s*mind|"
    r"disregard|ignore\s+(?:this|my|the)|cancel|don'?t\s+(?:re-?set|clear|unlock)|"
    r"(?:didn'?t|did\s+not|won'?t|doesn'?t|does\s+not|wouldn'?t)\s+(?:re-?set|clear|unlock)|"
    r"do\s+not\s+(?:re-?set|clear|unlock)|not\s+(?:to\s+)?(?:re-?set|clear|unlock)|"
    r"without\s+(?:a\s+)?re-?set|instead\s+of\s+(?:a\s+)?re-?set|"
    r"no\s+(?:\w+\s+){0,2}re-?sets?\s+(?:is\s+)?(?:needed|necessary|required)|"
    # "No resets, they haven't claimed yet": none wanted
    r"\bno\s+re-?sets?\b(?!\s+(?:yet|so\s+far))|"
    r"re-?sets?\s+(?:is\s+|was\s+)?(?:not|no\s+longer)\s+(?:needed|necessary|required)|"
    # The lexicon's "no reset wanted" in every language it knows.
    rf"{alternation(NO_RESET_WANTED)})\b",
    re.I,
)
# A report that a reset happened ("has been reset", "Reset completed for ...").
_DONE = re.compile(
    r"\b(?:has|have|had|was|were|been|got|gotten|already)\s+(?:already\s+|just\s+)?"
    r"(?:re-?set|cleared|unlocked)\b|"
    r"\bre-?sets?\s+(?:is\s+|was\s+|has\s+been\s+)?(?:completed?|done|finished|successful|"
    r"worked)\b|"
    r"\bre-?sets?\s+(?:went|have\s+gone|had\s+gone|got)\s+through\b|"
    # "they got in this morning after your reset!": thanks for one already done
    r"\b(?:after|since|thanks\s+to|with)\s+(?:the|your|that)\s+re-?sets?\b|"
    r"\b(?:automated|automatic)\s+(?:message|reply|notification)\b|\bhas\s+been\s+resolved\b",
    re.I,
)
# Things a reset can be of that are not a student's portal account.
_OTHER_THING = re.compile(
    r"\b(?:voice\s*mail|pin|projector|printer|copier|chromebook|ipad|laptop|computer|"
    r"desktop|router|wi-?fi|network|phone|smart\s*board|promethean|display|tv|device|cart|"
    r"panel|kiosk|shared\s+\w+|"
    r"toner|badge|door|alarm|clock|thermostat|browser|cache|cookies|settings|"
    r"document\s+camera|doc\s+cam|speaker|microphone|headphones|keyboard|mouse|"
    r"test\s+session|testing\s+session|session|quiz|exam|assessment|gradebook|grading|grades|"
    r"schedule|calendar|dates|seating\s+chart|timer|attendance|absences?|tard(?:y|ies)|"
    r"transcripts?|report\s+cards?|clocks?|bell\s+schedule|lunch\s+balance)s?\b",
    re.I,
)
# Accounts of other systems: resetting a Google or IXL password is not a portal reset.
_OTHER_SYSTEM = re.compile(
    r"\b(?:google|gmail|g\s*suite|canvas|schoology|clever|seesaw|microsoft|office\s*365|o365|"
    r"outlook|teams|zoom|ixl|i-?ready|lexia|zearn|prodigy|dreambox|newsela|edpuzzle|"
    r"nearpod|kahoot|quizlet|khan|raz-?kids|epic|brainpop|renaissance|nwea|map\s+test|"
    r"chromebook\s+login|wi-?fi|network\s+password|lunch\s+pin|library\s+(?:account|card)|"
    r"email\s+(?:account|password))\b",
    re.I,
)
# "Mei Chen's IXL password": a product named between the student and the account word.
_PRODUCT_ACCOUNT = re.compile(
    r"(?:'s|’s|\bher|\bhis|\btheir)\s+((?:[A-Z][\w\-]*\s+){1,3})(?:password|account|login|"
    r"session|test|username|pin)\b"
)
_PORTAL_WORDS = frozenset({"portal", "student", "school", "district", "challenge", "security"})
_PORTAL = re.compile(r"\bportal\b|\bchallenge\b|\bsecurity\s+questions?\b", re.I)
_OWN = re.compile(
    # "two of mine" in a teacher's ticket is two of their students.
    r"\b(?:my|(?<!of\s)mine|our)\b"
    r"(?!\s+(?:[\w'’\-]+\s+){0,3}?(?:students?|kids?|class(?:es)?|"
    r"period|hour|homeroom|advisory|block|section|son|daughter|child|children|"
    r"graders?|seniors?|juniors?|freshm[ae]n|sophomores?|pupils?|learners?|"
    r"group|team|roster|list|athletes?|players?|advisees?|scholars?|choir|band|"
    rf"{alternation(STUDENT_PEOPLE)})\b)",
    re.I,
)
_GROUP = re.compile(
    r"\b(?:students?|kids?|child(?:ren)?|sons?|daughters?|pupils?|learners?|graders?|class|"
    rf"period|hour|homeroom|advisory|{alternation(STUDENT_PEOPLE)})\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s")
_OBJECT_END = re.compile(
    r"[.;!?:,—–(]|\s-\s|\b(?:but|so|because|since|before|after|when|while|until|if|as|from)\b",
    re.I,
)
_ASIDE = re.compile(r"^\s*\([^()]{0,40}\)")
_UNLISTED = re.compile(
    r"\b(?:attach(?:ed|ment)|(?:whole|entire)\s+(?:\w+\s+){0,2}(?:class|period|hour|homeroom|"
    r"grade|block|section|roster)|all\s+(?:of\s+)?(?:my|the|our)\s+(?:\w+\s+){0,2}"
    r"(?:students|kids|class(?:es)?|period|hour|homeroom|block|section|graders)|"
    r"every(?:one|body)\s+in\s+my|"
    # "Same kids as last time please": students named in an earlier ticket
    r"same\s+(?:kids|students|ones|group|list)\s+as\s+(?:last|before|the\s+last|on))\b",
    re.I,
)
_SPREADSHEET = re.compile(r"\bspreadsheet\b", re.I)
_OTHER_ACTION = re.compile(
    r"\b(?:create|make|add|enroll|register|delete|remove|disable|deactivate|transfer|move|"
    r"change|update|rename|print|order|replace|repair|install|merge|archive)\b",
    re.I,
)
# Words with which a teacher sends more students, or corrects the ones sent.
_LIST_CUE = re.compile(
    r"\b(?:more|batch|next|another|corrected|correction|again|also|too|here\s+(?:are|is)|"
    r"following|below|list|these|them|those|for\s+(?:you|u))\b",
    re.I,
)
_RESET_DOMAIN = re.compile(
    r"\b(?:re-?sets?|portal|challenge|security|questions?|q'?s|locked|login|log\s*in|"
    r"password|claim|unlock)\b",
    re.I,
)
# The requester calls the request off or reports it is not needed.
_CANCEL = re.compile(
    r"\b(?:all\s+good(?:\s+now)?|you\s+can\s+close\s+(?:this|it|the\s+ticket)|"
    r"(?:please\s+)?close\s+(?:this|the)\s+ticket|never\s*mind|caps\s*lock|turns\s+out|"
    r"figured\s+it\s+out|no\s+longer\s+need(?:ed)?|disregard|false\s+alarm|"
    r"no\s+need\s+to\s+do\s+anything|nothing\s+(?:else\s+)?(?:to\s+do|needed)|"
    r"no\s+action\s+(?:is\s+)?(?:needed|required))\b",
    re.I,
)
# "See below, can you take care of this?": the words point at what the subject names.
_POINTS_AT = re.compile(
    r"\b(?:this|these|them|below|the\s+following|attached|the\s+list|all\s+of\s+them)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Intent:
    """The verdict of rule 1, with the reason a technician can read."""

    reset_request: bool
    reason: str
    #: The request mentions students the parser cannot read (whole class, attachment).
    refers_to_unlisted: bool = False


def _clause(sentence: str, start: int, end: int) -> tuple[str, str, str]:
    """The clause holding the word at [start, end): its start, the words before, after."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    clause_start = breaks[-1] if breaks else 0
    # An aside in parentheses is not where the object ends: "reset (powerwash) the Chromebook".
    rest = _ASIDE.sub(" ", sentence[end:])
    stop = _OBJECT_END.search(rest)
    return (
        sentence[clause_start:],
        sentence[clause_start:start],
        rest[: stop.start()] if stop else rest,
    )


def _other_product(text: str) -> bool:
    for m in _PRODUCT_ACCOUNT.finditer(text):
        words = {w.lower() for w in m.group(1).split()}
        if not words <= _PORTAL_WORDS:
            return True
    return False


# "were reset", "has already been cleared": the reset word reports something done.
_DONE_BEFORE = re.compile(
    r"\b(?:has|have|had|was|were|been|got|gotten|already)\s+(?:already\s+|just\s+)?\W*$",
    re.I,
)
# Two or more capitalised words: a name ("Ngyuen Thao My"), whose "My" is no possessive.
_NAME_RUN = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)+")
_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|fw)\s*:", re.I)
# Asking what happened, not for an action: "tell me whether", "let me know if", "check if".
_STATUS_QUESTION = re.compile(
    r"\b(?:tell|let)\s+me\s+(?:know\s+)?(?:whether|if)\b|"
    r"\b(?:check|confirm|verify|see)\s+(?:on\s+)?(?:whether|if)\b|"
    r"\bcheck(?:ing)?\s+(?:in\s+)?on\b",
    re.I,
)
_ID_LIKE = re.compile(r"[0-9Oo]\d{5,}")
_SELF_OBJECT = re.compile(r"\s*(?:me|myself)\b", re.I)
_AGAIN = re.compile(r"\b(?:again|another|still)\b", re.I)
# "Resets collected ...", "resets requested by ...": a plural noun and a participle.
_NOUN_THEN_PARTICIPLE = re.compile(
    r"re-?sets\s+(?:collected|gathered|listed|submitted|sent|compiled)\b",
    re.I,
)


_NO_RESET_WANTED = compile_terms(NO_RESET_WANTED)
_OWN_ACCOUNT_LEXICON = compile_terms(OWN_ACCOUNT)
_OTHER_REQUEST = compile_terms(OTHER_REQUESTS)


def no_reset_wanted(sentence: str) -> str | None:
    """The words with which a sentence says no reset is wanted ("don't reset anything yet",
    "no hace falta restablecer", "não precisa resetar"), outside quoted speech; else None."""
    found = _NO_RESET_WANTED.search(_QUOTED.sub(" ", sentence))
    return found.group(0) if found else None


def other_request(texts: Sequence[str]) -> str | None:
    """The words with which the text asks for something else than a reset of students'
    accounts (create an account, explain an error, the teacher's own password), or asks a
    question; else None."""
    for text in texts:
        unquoted = _QUOTED.sub(" ", text)
        found = _OTHER_REQUEST.search(unquoted) or _OTHER_SYSTEM.search(unquoted)
        if found:
            return found.group(0)
        if "?" in unquoted and _QUESTION_START.search(unquoted) and not _ADDRESSED.search(unquoted):
            return unquoted.strip()[:60]
    return None


def asks_otherwise(sentence: str) -> bool:
    """Does the sentence ask for another thing than a reset ("can you create an account for
    Noah Fischer 0461832?") and use no reset word at all?"""
    unquoted = _QUOTED.sub(" ", sentence)
    return _OTHER_REQUEST.search(unquoted) is not None and _RESET_VERB.search(unquoted) is None


def asks_otherwise_anywhere(text: str) -> bool:
    """Does any part of the text ask for another thing than a reset (a cheap first test)?"""
    return _OTHER_REQUEST.search(text) is not None


def asks_to_act(text: str) -> bool:
    """Does the text ask the department to act on something it points at ("take care of
    this", "can you do these?")?"""
    return _ADDRESSED.search(text) is not None and _POINTS_AT.search(text) is not None


def mentions_reset(text: str) -> bool:
    """Does the text use a reset word at all ("Re: choir resets")?"""
    return _RESET_VERB.search(text) is not None


def classify_sentence(
    sentence: str,
    *,
    has_students: bool,
    requester_is_student: bool,
    student_context: bool = True,
    it_is_student: bool = False,
) -> str:
    """One sentence's stance: ``"request"``, ``"negative"`` or ``"neutral"``.

    ``student_context``: the ticket speaks of students at all, so "reset them" may mean them.
    """
    verbs = list(_RESET_VERB.finditer(sentence))
    if not verbs:
        return "neutral"
    if _NEGATED.search(sentence):
        return "negative"
    if _DONE.search(sentence) and not _ADDRESSED.search(sentence):
        return "negative"  # "Reset completed for ...", "has Jane been reset?"
    # "Before I clear out my room, can you reset Declan?": each reset word is judged on its
    # own clause, and one that asks is enough.
    stances = {
        _occurrence(
            sentence, verb, has_students, requester_is_student, student_context, it_is_student
        )
        for verb in verbs
    }
    for stance in ("request", "negative"):
        if stance in stances:
            return stance
    return "neutral"


def _occurrence(
    sentence: str,
    verb: re.Match[str],
    has_students: bool,
    requester_is_student: bool,
    student_context: bool,
    it_is_student: bool = False,
) -> str:
    """The stance of one reset word in a sentence (see :func:`classify_sentence`)."""
    if _STATUS_QUESTION.search(sentence, 0, verb.start()):
        # "Could you tell me whether the reset I requested has been completed?"
        return "negative"
    if _DONE_BEFORE.search(sentence, 0, verb.start()) and not _AGAIN.search(sentence):
        # "a list of which accounts were reset": what happened, not what is asked for.
        return "neutral"
    if _NOUN_THEN_PARTICIPLE.match(sentence, verb.start()):
        # "Resets collected on my visits:": the word names the requests, it has no object.
        return "request" if has_students else "neutral"
    clause, before, obj = _clause(sentence, verb.start(), verb.end())
    question = "?" in sentence and (
        _QUESTION_START.search(clause) or _QUESTION_START.search(sentence)
    )
    addressed = _ADDRESSED.search(sentence) is not None
    # "so they can re-set them at home" after "please reset ..." is a purpose, not a question.
    if (_SELF_DO.search(sentence) and not addressed) or (question and not addressed):
        return "negative"
    near = " ".join(before.split()[-4:]) + " " + obj
    # Another system named as what is to be reset ("Mei's IXL password"), not merely
    # mentioned ("students from my PowerSchool export").
    if (_OTHER_SYSTEM.search(near) or _other_product(near)) and not _PORTAL.search(near):
        return "negative"
    if _OTHER_THING.search(obj) and not _CHALLENGE.search(obj):
        return "negative"
    if _SELF_OBJECT.match(obj) and not requester_is_student:
        return "negative"  # "can you unlock me?": the requester's own account
    if _OWN_ACCOUNT_LEXICON.search(obj) and not requester_is_student:
        return "negative"  # "restablecer mi contraseña": the requester's own
    if _OWN.search(_NAME_RUN.sub(" ", obj)) and not requester_is_student and not _GROUP.search(obj):
        # "reset my voicemail PIN", "reset MY challenge questions": the requester's own.
        return "negative"
    student_obj = (
        bool(_STUDENT_OBJECT.search(near))
        # "can you try the reset again?": a repeat of an earlier (student) reset
        or (addressed and _AGAIN.search(obj) is not None)
        or _CHALLENGE.search(sentence) is not None
        or (student_context and _PRONOUN_OBJECT.search(near) is not None)
        or (it_is_student and _IT.search(near) is not None)
    )
    clear_like = verb.group(0).lower().startswith(("clear", "wipe", "restore", "redo", "start"))
    if clear_like and not (
        _CHALLENGE.search(sentence) or re.search(r"\b(?:accounts?|portal)\b", near, re.I)
    ):
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
    bare_list: bool = False,
    passed_on: bool = False,
    plain_list: bool = False,
) -> Intent:
    """Decide rule 1 for a ticket from its subject and the sentences of its own text.

    ``has_students`` says whether student IDs or names were found; a bare "reset please" over
    a list of students is a request, the same words over nothing are not enough.
    ``bare_list``: the text is students with their IDs and only a few other words;
    ``plain_list``: and those words only introduce the list ("Two more for you:").
    """
    # Quoted speech may run over several sentences: remove it from the whole text at once.
    joined = _QUOTED.sub(" ", "\u2029".join(sentences))
    sentences = [x for x in joined.split("\u2029") if x.strip()]
    text = " ".join(sentences)
    if _STAFF_ACCOUNT.search(text) and not has_students:
        return Intent(False, "a staff member's own account, not a student's")
    # "These two still can't get in - please reset them": people who cannot log in are
    # what "them" stands for.
    student_context = (
        has_students or _STUDENT_OBJECT.search(text) is not None or _NEED.search(text) is not None
    )
    # Whole-class and attachment wordings say some students are not in the text; a
    # spreadsheet counts only when no student could be read at all (rule 7).
    unlisted = bool(_UNLISTED.search(text)) or (
        not has_students and bool(_SPREADSHEET.search(text))
    )
    it_is_student = (
        student_context
        and _IT_NEAR_RESET.search(text) is not None
        and not _OTHER_THING.search(text)
        and not _OWN_ACCOUNT.search(text)
        and _NEED.search(text) is not None
    )
    stances: set[str] = set()
    for sentence in sentences:
        stance = classify_sentence(
            sentence,
            has_students=has_students,
            requester_is_student=requester_is_student,
            student_context=student_context,
            it_is_student=it_is_student,
        )
        if stance == "request":
            return Intent(True, "asks for a reset", unlisted)
        stances.add(stance)
    if (
        passed_on
        and has_students
        and "negative" in stances
        and not (_CANCEL.search(text) or _SUCCESS.search(text) or _NEGATED.search(text))
        and (_NEED.search(text) or _CHALLENGE.search(text))
    ):
        # The forwarded message asks someone how to get these students reset, and the
        # requester asks us to take care of it: the question is the request.
        return Intent(True, "passes on a forwarded request for resets", unlisted)
    if "negative" in stances:
        return Intent(False, "mentions a reset that is not wanted, not of a student, or a question")
    need = bool(_NEED.search(text)) and (
        bool(_CHALLENGE.search(text)) or re.search(r"\blocked\s+out\b", text, re.I) is not None
    )
    if _CANCEL.search(text):
        # "Never mind the first two, they got in. Just Hamdi please: Hamdi Mohamed 0417221."
        still_asked = any(
            _ASK.search(x) and _ID_LIKE.search(x) and not (_CANCEL.search(x) or _SUCCESS.search(x))
            for x in sentences
        )
        if not (has_students and still_asked):
            return Intent(False, "the requester says no reset is needed")
        return Intent(True, "calls some students off and still asks for others", unlisted)
    # "What is she supposed to do?": a question about the process, whatever else it says.
    howto = any(
        "?" in s and _QUESTION_START.search(s) and not _ADDRESSED.search(s) for s in sentences
    )
    # "Can you create them?": the teacher asks for another action on the students listed.
    other_action = any(
        _ADDRESSED.search(s) and _OTHER_ACTION.search(s) and not _RESET_VERB.search(s)
        for s in sentences
    )
    other_topic = bool(_OTHER_THING.search(text) or _OTHER_SYSTEM.search(text)) or other_action
    # Students listed under "they can't remember their challenge answers" or "these ones
    # still can't get in" is a request even without "please" (rule 1: listing students
    # under such a request counts).
    # "Can't get in" alone reads as a request only over a bare list ("These ones still can't
    # get in:"); in prose it is as often a complaint about an earlier reset.
    cannot_log_in = bare_list and _NEED.search(text) is not None
    if not howto and not other_topic and (need or cannot_log_in) and has_students:
        return Intent(True, "lists students who cannot get in", unlisted)
    if need and unlisted and _ASK.search(text + " " + subject):
        return Intent(True, "asks for help with forgotten challenge questions", unlisted)
    if unlisted and _ASK.search(text) and _RESET_VERB.search(subject) and not howto:
        # "Re: resets" - "Same kids as last time please": the students are not listed here.
        return Intent(True, "asks for resets of students it does not list", unlisted)
    # "Next batch:" / "One more -- Mary Donnelly 0463901": a bare list of students in the
    # queue where teachers send exactly that to have students reset.
    if (
        bare_list
        and not howto
        and not other_topic
        and not _SUCCESS.search(text)
        # The cue counts only when nothing else is said about the list ("Also absent:").
        and ((plain_list and _LIST_CUE.search(text)) or _RESET_DOMAIN.search(subject))
    ):
        return Intent(True, "a list of students sent for resets", unlisted)
    # "FW: Your password will be reset": a forwarded message's subject is not the requester's.
    own_subject = "" if _FORWARD_SUBJECT.match(subject) else subject
    subject_stance = classify_sentence(
        _QUOTED.sub(" ", own_subject),
        has_students=has_students,
        requester_is_student=requester_is_student,
        student_context=student_context,
    )
    # "Re: resets" over a bare list of students: the subject carries the request, unless
    # the body only reports success ("they were able to log in, thank you!").
    if (
        subject_stance == "request"
        and has_students
        and (not _SUCCESS.search(text) or _ASK.search(text))
    ):
        return Intent(True, "the subject asks for a reset of the students listed", unlisted)
    if subject_stance == "request" and (
        ((unlisted or need) and (_ASK.search(text) or _NEED.search(text)))
        or (_ADDRESSED.search(text) and _POINTS_AT.search(text))
    ):
        return Intent(True, "the subject asks for a reset", unlisted)
    return Intent(False, "no reset of a student account is asked for")


__all__ = [
    "Intent",
    "asks_otherwise",
    "asks_otherwise_anywhere",
    "asks_to_act",
    "classify",
    "classify_sentence",
    "mentions_reset",
    "no_reset_wanted",
    "other_request",
]
