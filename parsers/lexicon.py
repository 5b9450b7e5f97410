"""Word lists the parser reasons with: which words can never be part of a student's name.

They are deliberately about *language*, not about any particular ticket: function words,
words of the help-desk domain, titles and greetings.  A word missing here does not make a
wrong reset possible (the name check against the roster still has to pass); it can only
send a student to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Common English function words and verbs that appear next to names in requests.
_FUNCTION = """
a about above after again against all also am an and any anyone are aren't as at be because
been before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each either else ever every few for from further get gets got
had hadn't has hasn't have haven't having he he'd he's her here here's hers herself him himself
his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's
like may maybe me might more most much must my myself need needs needed no nor not now of off
on once one only or other others our ours ourselves out over own per please pls plz same she
she'd she's should shouldn't since so some still such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those though
through thru to too under until up upon us very via was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's whether which while who who's whom whose why
why's will with within without won't would wouldn't yet you you'd you'll you're you've your
yours yourself yourselves u ur pls plz thx ty tysm lol omg btw asap fyi ok okay yes yeah yep
hi hello hey dear greetings morning afternoon evening good great thanks thank thankyou cheers
regards best sincerely kind kindly warm warmly appreciate appreciated appreciation sorry
again sure already another new next last first second third fourth fifth sixth seventh eighth
ninth tenth today tomorrow yesterday tonight monday tuesday wednesday thursday friday
saturday sunday week weekend month year am pm asap done fine able unable
"""

# Words of the help-desk domain that sit next to names in reset requests.
_DOMAIN = """
reset resets resetting re-set clear clearing unlock unlocking unlocked wipe restore fix
account accounts portal login logins log password passwords pin challenge challenges security
question questions qs q's answer answers student students student's students' kid kids child
children son daughter grandson granddaughter nephew niece kiddo pupil pupils learner learners
class classes period block homeroom advisory section course team group grade grades graders
grader freshman freshmen sophomore sophomores junior juniors senior seniors kinder
kindergarten kindergartner id ids number numbers num no studentid student-id sid lunch
name names firstname lastname fullname full middle list following below above attached
attachment spreadsheet roster rosters locked forgot forgotten remember remembers remembered
doesn't couldn't can't cant wont claim claimed claiming process ticket tickets request
requests requested requesting help need needs school schools district tech technology
department team support desk helpdesk it email e-mail mail phone ext extension fax room rm
office cell mobile direct teacher teachers aide aides para paraprofessional principal
assistant counselor counsellor librarian coach sub substitute staff administrator admin
secretary registrar nurse specialist coordinator director instructional elementary middle
high academy campus grade-level k-8 esl ell sped ap ib honors math science english ela
history art music pe band choir chorus library media computer cs stem spanish french
chemistry biology physics algebra geometry social studies reading writing lab
also both all everyone everybody each these those them him her they he she
chromebook chromebooks ipad ipads laptop laptops device devices printer projector wifi
canvas google clever schoology powerschool infinite campus synergy skyward seesaw
thank thanks mr mrs ms miss mx dr prof
"""

STOPWORDS: frozenset[str] = frozenset((_FUNCTION + _DOMAIN).split())

# Words that stand between a name and its ID without ending the name ("Student ID:").
LABEL_WORDS: frozenset[str] = frozenset(
    """id ids i.d. number num no nbr nr nr. student student's students sid stu stuid studentid
    is was are were his her their the whose # : is: id: id# no. number: lunch pupil learner
    code perm núm núm. número numero
    permanent local state sis district
    """.split()
)

# A word after which the next capitalised words name a member of staff, not a student.
TITLES: frozenset[str] = frozenset(
    "mr mrs ms miss mx dr prof coach principal sr sra srta mme mlle herr frau".split()
)

# Lower-case particles inside names ("Isabella de la Cruz", "Ludwig van Beethoven").
PARTICLES: frozenset[str] = frozenset(
    "de del della dela delos de los las der den des di da das dos du la le van von ter ten bin "
    "ibn al el "
    "st st. mac mc".split()
)

# Words that begin a greeting line ("Hi Karen,", "Good morning Mr. Lee").
GREETINGS: frozenset[str] = frozenset(
    "hi hello hey dear greetings good morning afternoon evening hola howdy yo".split()
)


# --------------------------------------------------------------------------------------------
# What a ticket asks for (rule 1).  Every entry is a regular-expression fragment matched
# case-insensitively between word boundaries, with the language it belongs to and the reason
# it is in the list.  The entries are principles of the languages, not phrases of any ticket:
# a verb of resetting with its inflections, a way of saying "not needed", a different request.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the lexicon: a regex fragment, its language and why it is here."""

    pattern: str
    lang: str
    reason: str


def alternation(terms: Iterable[Term]) -> str:
    """The terms as one regex alternation (no anchors, no flags)."""
    return "|".join(f"(?:{t.pattern})" for t in terms)


def compile_terms(terms: Iterable[Term]) -> re.Pattern[str]:
    """The terms as one case-insensitive pattern between word boundaries."""
    return re.compile(rf"(?<!\w)(?:{alternation(terms)})(?!\w)", re.I)


# Verbs that ask for a reset in the languages besides English that US districts write in.
# English reset verbs are in parsers/intent.py (_RESET_VERB) with their exceptions.
RESET_VERBS: tuple[Term, ...] = (
    Term(r"restable(?:c|z)\w*", "es", "restablecer: to reset (restablezcan, restablecieron)"),
    Term(r"resete\w*", "es", "resetear: the anglicism teachers write (reseteen, resetearon)"),
    Term(r"reinici\w*", "es", "reiniciar: to restart / reset an account"),
    Term(r"desbloque\w*", "es/pt", "desbloquear: to unlock (desbloqueen, desbloqueiem)"),
    Term(r"reset(?:ar|am|em|e|ou|aram|ando|ado|ada|ados|adas)", "pt", "resetar: to reset"),
    Term(r"redefin\w*", "pt", "redefinir: to reset (a password or questions)"),
    Term(r"r[ée]initialis\w*", "fr", "réinitialiser: to reset"),
)

# Words that make the object of a reset a student's portal account, in Spanish/Portuguese.
STUDENT_PEOPLE: tuple[Term, ...] = (
    Term(r"estudiantes?|alumn[oa]s?|niñ[oa]s?", "es", "a student (estudiante, alumno, niño)"),
    Term(r"alun[oa]s?|estudantes?|crianças?", "pt", "a student (aluno, estudante, criança)"),
)
STUDENT_OBJECTS: tuple[Term, ...] = (
    *STUDENT_PEOPLE,
    Term(r"cuentas?|contas?", "es/pt", "an account (cuenta, conta)"),
    Term(r"preguntas|perguntas|respuestas|respostas", "es/pt", "challenge questions / answers"),
    Term(r"contraseñas?|senhas?", "es/pt", "a password"),
)

# The requester's own account or password, in Spanish and Portuguese ("mi contraseña",
# "minha senha"): a possessive counts only before its own language's account word, so a
# name such as "Mi-so" is never read as "my".
OWN_ACCOUNT: tuple[Term, ...] = (
    Term(
        r"mi\s+(?:propia\s+)?(?:contraseña|cuenta|clave|usuario)|mis\s+contraseñas",
        "es",
        "the teacher's own password or account",
    ),
    Term(
        r"minha\s+(?:própria\s+)?(?:senha|conta)|meu\s+(?:próprio\s+)?(?:login|acesso|usuário)",
        "pt",
        "the teacher's own password or account",
    ),
)

# Words that address the request to the department ("can you", "please").
ADDRESSED: tuple[Term, ...] = (
    Term(r"pueden|puede|podr[ií]an?|favor\s+de|por\s+favor|porfa", "es", "can you / please"),
    Term(r"podem|pode|poderiam?|poderia|por\s+gentileza|vocês\s+podem", "pt", "can you / please"),
    Term(r"necesito\s+que|preciso\s+que|gostaria\s+que|quisiera\s+que", "es/pt", "I need you to"),
)

# "No reset wanted": the requester says in so many words that nothing is to be reset.  Such a
# sentence that names no student calls the whole ticket off (rule 1 must be established
# positively, and an explicit "don't" wins over request-like words elsewhere).
_RESET_WORD_EN = r"(?:re-?set(?:s|ting)?|clear|unlock|wipe)"
_RESET_WORD_ES = r"(?:restablec\w*|resete\w*|reinici\w*|desbloque\w*|borr\w*)"
_RESET_WORD_PT = r"(?:resetar?\w*|redefini\w*|desbloque\w*|reinici\w*|limpar?\w*)"
NO_RESET_WANTED: tuple[Term, ...] = (
    Term(
        rf"(?:don'?t|do\s+not|please\s+don'?t|pls\s+don'?t)\s+(?:\w+\s+)?{_RESET_WORD_EN}\s+"
        r"(?:anything|anyone|anybody|any\s+\w+|it|them|those|these)(?:\s+yet)?",
        "en",
        "a direct 'don't reset anything / anyone / them (yet)'",
    ),
    Term(
        rf"(?:no|not\s+any|without\s+(?:a|any))\s+(?:\w+\s+){{0,2}}{_RESET_WORD_EN}s?\s+"
        r"(?:is\s+|are\s+|was\s+)?(?:needed|necessary|required|wanted)",
        "en",
        "'no reset needed / required'",
    ),
    Term(
        rf"(?:doesn'?t|does\s+not|don'?t|do\s+not|won'?t|will\s+not)\s+need\s+(?:a\s+|any\s+)?"
        rf"(?:\w+\s+)?{_RESET_WORD_EN}",
        "en",
        "'does not need a reset'",
    ),
    Term(
        rf"no\s+need\s+(?:to|for)\s+(?:a\s+|any\s+)?(?:\w+\s+)?{_RESET_WORD_EN}",
        "en",
        "'no need to reset'",
    ),
    Term(
        rf"(?:hold\s+off|wait)\s+(?:on\s+)?(?:the\s+|any\s+)?{_RESET_WORD_EN}",
        "en",
        "'hold off on the reset': not now, so not asked for",
    ),
    Term(
        rf"nothing\s+(?:needs\s+to\s+be|to\s+be|should\s+be)\s+{_RESET_WORD_EN}",
        "en",
        "'nothing needs to be reset'",
    ),
    Term(
        r"no\s+(?:hace\s+falta|es\s+necesario|es\s+preciso|se\s+necesita|necesita(?:n|mos)?|"
        rf"necesito|quiero\s+que|requiere(?:n)?)\s+(?:\w+\s+){{0,3}}{_RESET_WORD_ES}",
        "es",
        "'no hace falta / no es necesario / no necesita restablecer'",
    ),
    Term(
        r"no\s+(?:restablezcan|restablezca|reseteen|resetee|reinicien|desbloqueen|borren)",
        "es",
        "a direct 'no restablezcan' (do not reset)",
    ),
    Term(
        r"(?:no|sin)\s+(?:(?:hace\s+falta|se\s+necesita|necesita|necesito)\s+)?(?:ning[uú]n\s+|un\s+)?"
        r"(?:restablecimiento|reseteo|reset|reinicio)",
        "es",
        "'sin restablecimiento / no necesita ningún reseteo'",
    ),
    Term(
        r"não\s+(?:precisa(?:m|mos)?|é\s+necessário|é\s+preciso|necessita(?:m)?|quero\s+que|"
        rf"requer)\s+(?:de\s+)?(?:\w+\s+){{0,3}}{_RESET_WORD_PT}",
        "pt",
        "'não precisa resetar / não é necessário redefinir'",
    ),
    Term(
        r"não\s+(?:resetem|resete|redefinam|redefina|desbloqueiem|reiniciem|limpem)",
        "pt",
        "a direct 'não resetem' (do not reset)",
    ),
    Term(
        r"(?:não|sem)\s+(?:(?:precisa|é\s+necessário)\s+(?:de\s+)?)?(?:nenhum\s+|um\s+)?"
        r"(?:reset|redefinição|desbloqueio)",
        "pt",
        "'sem reset / não precisa de reset'",
    ),
)

# Requests for something else than a reset of students' accounts: when the ticket asks for
# one of these and also says no reset is wanted, or a sentence asks for it instead, the
# ticket is not a reset request.
OTHER_REQUESTS: tuple[Term, ...] = (
    Term(
        r"(?:create|make|set\s+up|open|add)\s+(?:\w+\s+){0,3}(?:accounts?|logins?)",
        "en",
        "creating an account is not resetting one",
    ),
    Term(r"crear\s+(?:\w+\s+){0,3}cuentas?|cuenta\s+nueva", "es", "crear una cuenta: create"),
    Term(r"criar\s+(?:\w+\s+){0,3}contas?|conta\s+nova", "pt", "criar uma conta: create"),
    Term(
        r"what\s+(?:does|do)\s+(?:\w+\s+){0,5}mean|what\s+(?:is|'s)\s+(?:this|that|the)\s+"
        r"(?:error|message)",
        "en",
        "asking what an error message means",
    ),
    Term(r"qu[ée]\s+(?:significa|quiere\s+decir)", "es", "¿qué significa?: what does it mean"),
    Term(r"o\s+que\s+(?:significa|quer\s+dizer)", "pt", "o que significa: what does it mean"),
    *OWN_ACCOUNT,
)


def rule_lines() -> list[str]:
    """The lexicon of requests, one printable line per entry (for `parse --explain`)."""
    out = []
    for name, terms in (
        ("reset verb", RESET_VERBS),
        ("student object", STUDENT_OBJECTS),
        ("own account", OWN_ACCOUNT),
        ("addressed", ADDRESSED),
        ("no reset wanted", NO_RESET_WANTED),
        ("other request", OTHER_REQUESTS),
    ):
        out += [f"{name} [{t.lang}]: {t.reason}" for t in terms]
    return out
