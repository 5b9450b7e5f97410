"""Word lists the parser reasons with: which words can never be part of a student's name.

They are deliberately about *language*, not about any particular ticket: function words,
words of the help-desk domain, titles and greetings.  A word missing here does not make a
wrong reset possible (the name check against the roster still has to pass); it can only
send a student to review.
"""

from __future__ import annotations

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
