#!/usr/bin/env python3
"""Re-derive truth.json from a hand-made reading of every ticket, the roster and rules 1-8.

    python3 verify_truth.py          # exit 0 when truth.json agrees, 1 otherwise
    python3 verify_truth.py -v       # also list every ID-like token that is not ready

Three independent checks:
  1. The roster and ticket files have the contract's shape (exact columns, statuses, roles,
     student and staff identifiers, e-mail domains, org and parent links, ticket keys).
  2. READING below says, for each ticket, whether it asks for a reset and which students it
     names, copied exactly as written (name as written, ID string as written, None when
     absent). Each written name and ID must occur in the ticket text. The policy is then
     applied mechanically (ID fixes, name folding, roster state, requester authorisation)
     and compared with reset_request, needs_review and ready in truth.json.
  3. Without READING: every ready ID must occur, in an accepted form, on an unquoted line of
     the ticket (subject included) that also holds the student's roster first and last name.

Python 3 standard library only.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOMAIN = "heronbay.k12.example"
STAFF_ROLES = {"teacher", "administrator", "aide"}
ROLES = STAFF_ROLES | {"student", "parent"}
USER_COLUMNS = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
).split(",")
ORG_COLUMNS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId".split(",")
TICKET_KEYS = {"id", "subject", "category", "requester", "content_type", "body", "created_at"}

Entry = tuple[str | None, str | None]

# ---------------------------------------------------------------------------------------
# READING: ticket id -> (asks for a reset, [(name as written, ID as written)]).
# HTML entities are decoded; quoted history and echoed examples are not listed (rule 8).
# A student written several times is listed each time (rule 2 merges them).
# ---------------------------------------------------------------------------------------
READING: dict[str, tuple[bool, list[Entry]]] = {
    "H-2001": (
        True,
        [
            ("Amelia Rostova", "0418823"),
            ("Mateus Oliveira", "0471290"),
            ("Priya Venkataraman", "0436617"),
        ],
    ),
    "H-2002": (True, [("Bo Li", "0429901")]),
    "H-2003": (
        True,
        [
            ("JOSÉ MARÍA NÚÑEZ", "0447120"),
            ("SOPHIE DUBOIS-MARCHAND", "0463358"),
            ("HUNTER GRANT", "0405512"),
        ],
    ),
    "H-2004": (True, [("ny'asia brooks", "0481147"), ("dmitri sokolov", "481174")]),
    "H-2005": (
        True,
        [("Kaito Mori", "0452031"), ("Lea Fontaine", "0490017"), ("Oluwaseun Adeyemi", "O438806")],
    ),
    "H-2006": (
        True,
        [("Saoirse Ní Bhriain", "0427719"), ("Will Read", "0455263"), ("Mia Chen", "0401957")],
    ),
    "H-2007": (False, [("Kaito Mori", "0452031")]),
    "H-2008": (
        True,
        [
            ("Zainab Qureshi", "0419346"),
            ("Mateo Ruiz-Campos", "0419364"),
            ("Elif Şahin", "0477082"),
        ],
    ),
    "H-2009": (True, [("Camila Ortega", "0432275"), ("Oscar Lindqvist", "0498810")]),
    "H-2010": (
        True,
        [
            ("Nguyen, Anh Thu", "0466251"),
            ("Van Der Berg, Pieter", "0440983"),
            ("O'Hara, Declan", "0425586"),
        ],
    ),
    "H-2011": (True, []),
    "H-2012": (True, []),
    "H-2013": (True, [("Gabriel Hoang", "0450392"), ("Ava St. Clair", "0483216")]),
    "H-2014": (True, [("Rowan MacAllister", "0471853"), ("Talia Brennan", "0420668")]),
    "H-2015": (
        True,
        [
            ("Keanu Makoa", "0444171"),
            ("Fatima Zahra Benali", "0418552"),
            ("Summer Price", "0436009"),
        ],
    ),
    "H-2016": (True, [("Lorenzo Gallo", "0462718")]),
    "H-2017": (True, [("Mariam Tadesse", "04129087"), ("Noah Abernethy", "0431176")]),
    "H-2018": (True, [("Piper Quinlan", "43390"), ("Elliot Marsh-Hughes", "0409215")]),
    "H-2019": (
        True,
        [
            ("Oyelaran, Olivia", "O4I2345"),
            ("Ng, Wei Jie", "0455871"),
            ("Stormbird, Aiyana", "04S8832"),
        ],
    ),
    "H-2020": (False, [("Dev Malhotra", "0493321")]),
    "H-2021": (
        True,
        [("Amara Nwosu", "0415560"), ("Jonah Whitfield", "0467734"), ("Seo-yeon Park", "0429048")],
    ),
    "H-2022": (
        True,
        [
            ("Rosalie Beaumont", "0402276"),
            ("Tariq Haddad", "0488105"),
            ("Lucía Paredes", "0473389"),
        ],
    ),
    "H-2023": (True, [("Chidera Okonkwo-Duval", "student ID 0439021")]),
    "H-2024": (True, [("Jasper Kowalski", "0476620")]),
    "H-2025": (True, [("Talia Brennan", "0420668"), ("Rowan MacAllister", "0471835")]),
    "H-2026": (True, [("Kaito Mori", "0452031"), ("Mia Chen", "0401957")]),
    "H-2027": (True, [("Gabriel Hoang", "0450329")]),
    "H-2028": (True, [("Dev Malhotra", "0493321")]),
    "H-2029": (True, [("Ximena Barros", None)]),
    "H-2030": (True, [("Liam Walsh", "0447781"), ("Liam Walsh", "0491230")]),
    "H-2031": (True, [("Liam Walsh", None), ("Grace Kim", "0419928")]),
    "H-2032": (True, [("Sofia Castillo", "0430015"), ("Jonah Whitfield", "0467734")]),
    "H-2033": (True, [("Sofia Castillo", "0430015")]),
    "H-2034": (True, [("Sofia Castillo", "458841"), ("Tobiah Greene", "0401133")]),
    "H-2035": (True, [("Mike Oduya", "0425117"), ("Alex Ferreira", "0436642")]),
    "H-2036": (True, [("Jaxson Pereira", "0466090"), ("Katarzyna Wojcik", "0451188")]),
    "H-2037": (True, [("Tobiah", "0401133"), ("Grace Kim", "0419928")]),
    "H-2038": (True, [("Malhotra", "0493321"), ("Park", "0429048")]),
    "H-2039": (
        True,
        [
            ("Esperanza L. Montoya", "0408830"),
            ("Theodore James Whitlock", "0485502"),
            ("Benedikt Ølstad", "0427755"),
        ],
    ),
    "H-2040": (
        True,
        [("Marisol R. Quintana", "0472214"), ("Kwame Asante Boateng", "0403930")],
    ),
    "H-2041": (
        True,
        [
            ("Yusuf Demir", "0461170"),
            ("Freya Halvorsen-Lund", "0423385"),
            ("Mei Ling Zhou", "0497008"),
        ],
    ),
    "H-2042": (
        True,
        [
            ("Delgado, Ines", "0433517"),
            ("D'Angelo, Luca", "0486624"),
            ("Mac Lean, Fiona", "0419970"),
        ],
    ),
    "H-2043": (True, [("Ximena Barros", "0450392"), ("Gabriel Hoang", "0450329")]),
    "H-2044": (True, [("Hamza Al-Amin", "0448816"), ("Chloé Rousseau", "0408834")]),
    "H-2045": (
        True,
        [
            ("Aoife Brennan", "0490561"),
            ("Rhys Llewellyn", "0490516"),
            ("Tomás Ó Súilleabháin", "0452279"),
        ],
    ),
    "H-2046": (
        True,
        [
            ("Owen Okafor", "0437720"),
            ("Harper Lindqvist-Moe", "0428193"),
            ("Quinn Abara", "0440017"),
        ],
    ),
    "H-2047": (
        True,
        [("Nadia Rahman", "0414472"), ("Elias Berg", "0487730"), ("Yaw Mensah-Bonsu", "0450094")],
    ),
    "H-2048": (True, [("Isla Murray", "045 6620"), ("Arjun Pillai", "0 488 917")]),
    "H-2049": (True, [("Beatriz Ibáñez", "047-3302"), ("Kofi Boateng", "04-71-559")]),
    "H-2050": (
        True,
        [
            ("Kalani Akana", "#0468830"),
            ("Ruby Thornbury", "ID: 0471604"),
            ("Darius Farahani", "ID# 0459912"),
            ("Isabela Cunha", "Student ID 0426683"),
        ],
    ),
    "H-2051": (
        True,
        [
            ("Stefano Greco", "student number o433671"),
            ("Amina Diallo", "student number 04o2286"),
        ],
    ),
    "H-2052": (True, [("Kiri Tane", "04O5518"), ("Oona Fairweather", "O461O47")]),
    "H-2053": (
        True,
        [
            ("Summer Price", None),
            ("Summer Price", "0436009"),
            ("Jonah Whitfield", "0467734"),
            ("Summer Price", "O436009"),
        ],
    ),
    "H-2054": (
        True,
        [
            ("Castillo Sofía", "0430015"),
            ("Oduya Michael", "0425117"),
            ("Trần Bảo Ngọc", "0437051"),
            ("Herrera Diego", "0459183"),
        ],
    ),
    "H-2055": (
        True,
        [
            ("Kowalczyk,Zofia", "0492257"),
            ("Eze,Chinonso", "0415018"),
            ("O'Neal,Tyrese", "0433154"),
        ],
    ),
    "H-2056": (
        True,
        [
            ("Dario Fontana", "0410056"),
            ("Ingrid Solheim", "0423917"),
            ("Yosef Ben-David", "0439940"),
            ("Abigail Summers", "0409117"),
        ],
    ),
    "H-2057": (
        True,
        [
            ("Lindiwe Dube", "0455130"),
            ("Marcus Oyelowo", "0492860"),
            ("Hollis Grant-Whyte", "0402219"),
        ],
    ),
    "H-2058": (
        True,
        [
            ("Esperanza Montoya", "0408830"),
            ("Chloé Rousseau", "408834"),
            ("Benedikt Olstad", "0427755"),
        ],
    ),
    "H-2059": (True, [("Arjun Venkataraman", "0436671")]),
    "H-2060": (True, [("Tomasz Wiśniewski", "0464408"), ("Layla Haddad", "0477316")]),
    "H-2061": (True, [("Nasrin Karimi", "0494451"), ("Bruno Carvalho", "0461389")]),
    "H-2062": (True, [("Maximilian Oberhauser", "0499125")]),
    "H-2063": (True, [("Isla Murray", "0456620")]),
    "H-2064": (True, [("Amelie Brandt-Okoye", "0443826")]),
    "H-2065": (
        True,
        [("Malia Fonoti", "0417735"), ("Bryn St. John", "0450021"), ("Eun-ji Choi", "0466790")],
    ),
    "H-2066": (True, [("Valentina Ruíz", "0434418"), ("Thiago Batista", "0486127")]),
    "H-2067": (False, []),
    "H-2068": (False, []),
    "H-2069": (False, [("Tobiah Greene", "0401133")]),
    "H-2070": (False, [("Alex Ferreira", "0436642")]),
    "H-2071": (False, []),
    "H-2072": (False, []),
    "H-2073": (False, []),
    "H-2074": (False, []),
    "H-2075": (False, [("Yusuf Demir", "0461170")]),
    "H-2076": (False, [("Gabriel Hoang", "0450329"), ("Ava St. Clair", "0483216")]),
    "H-2077": (False, []),
    "H-2078": (True, [("Noah Abernethy", "0431176"), ("Mariam Tadesse", "0412908")]),
    "H-2079": (True, [("Rowan MacAllister", "0471835")]),
    "H-2080": (True, [("Adrián Molina", "0427140"), ("Zoe Hartley", "0491826")]),
    "H-2081": (
        True,
        [("Pua Kahananui", "0413328"), ("Teodora Bălan", "0475540"), ("Jae-won Seo", "0408861")],
    ),
    "H-2082": (
        True,
        [
            ("Dev Malhotra", "0493321"),
            ("Grace Kim", "0419928"),
            ("Nikolai Petrov-Sandoval", "0408102"),
        ],
    ),
    "H-2083": (True, [("Luca D'Angelo", "0486624"), ("Siobhan O\u2019Flaherty", "0457219")]),
    "H-2084": (True, [("Naomi Kessler", "0419057"), ("Ibrahim Sow", "0437768")]),
    "H-2085": (True, [("Stefano Greco", "0433671"), ("Nasrin Karimi", "0494451")]),
    "H-2086": (True, [("Amelia Rostova", "0418823"), ("Mateus Oliveira", "0471290")]),
    "H-2087": (True, [("Bo Li", "0429901")]),
    "H-2088": (
        True,
        [("Oscar Ortega", "O4O9921"), ("Odalys Oquendo", "o451173"), ("Obinna Okeke", "O4l6605")],
    ),
    "H-2089": (True, [("Yusuf Demir", "46117O"), ("Mei Ling Zhou", "497008")]),
    "H-2090": (True, [("Priya Venkataraman", "0436617")]),
    "H-2091": (
        True,
        [("Kofi Boateng", "0471559"), ("Dario Fontana", "0410056"), ("Owen Okafor", "0437720")],
    ),
    "H-2092": (True, [("Isla Murray", "0456620"), ("Kofi Boateng", "0471559")]),
    "H-2093": (True, [("Nadia Rahman", "0414472")]),
    "H-2094": (True, [("Quinn Abara", "0440017"), ("Keanu Makoa", "0444170")]),
    "H-2095": (
        True,
        [("Lukasz Wrobel", "0418390"), ("Stefan Popescu", "0427461"), ("Duc Pham", "0433806")],
    ),
    "H-2096": (
        True,
        [("Cian O\u2019Sullivan", "0445512"), ("Maeve Rose ONeill", "0482093")],
    ),
    "H-2097": (True, [("Pieter Vanderberg", "0440983"), ("Ailsa Mc Kenzie", "0496214")]),
    "H-2098": (True, [("Will Read", "0455263"), ("May Grant", "0439917")]),
    "H-2099": (True, [("ny'asia brooks", "0481147"), ("zofia kowalczyk", "0492257")]),
    "H-2100": (
        True,
        [
            ("Owen Okafor", "0437720"),
            ("Harper Lindqvist-Moe", "0428193"),
            ("Luis Ángel Ocampo", "0416638"),
        ],
    ),
    "H-2101": (
        True,
        [
            ("Whitlock, Theodore", "0485502"),
            ("Montoya, Esperanza Luz", "0408830"),
            ("Faith Adeyemi-Cole", "0422650"),
        ],
    ),
    "H-2102": (True, [("Grace Kim", "0419928"), ("Seo-yeon", "0429048")]),
    "H-2103": (True, [("Tyrese O'Neal", "O433154")]),
    "H-2104": (True, [("Harvey Lindholm", "00492271"), ("Paloma Reyes-Okafor", "0481320")]),
    "H-2105": (True, [("Nikolai Petrov-Sandoval", "04081O2"), ("Grace Kim", "04l9928")]),
    "H-2106": (True, [("Liam Walsh", "0447781"), ("Liam Walsh", "0491203")]),
    "H-2107": (True, []),
    "H-2108": (True, [("Maya", None), ("Theo", None)]),
    "H-2109": (True, [("Rosalie Beaumont", "0402276"), ("Tariq Haddad", "0488105")]),
    "H-2110": (True, [("NÚÑEZ JOSÉ MARÍA", "0447120"), ("GRANT HUNTER", "0405512")]),
    "H-2111": (True, [("Benali, Fatima", "0418552"), ("Price, Summer", "0436009")]),
    "H-2112": (True, [("Halvorsenlund, Freya", "0423385")]),
    "H-2113": (True, [("Tobiah Greene", "0401133")]),
    "H-2114": (False, [("Ana Lúcia Barbosa", "ID 0495512")]),
    "H-2115": (False, [("Kalani Akana", "0468830"), ("Ruby Thornbury", "0471604")]),
    "H-2116": (False, []),
    "H-2117": (False, []),
    "H-2118": (False, []),
    "H-2119": (False, []),
    "H-2120": (False, [("Yosef Ben-David", "0439940")]),
    "H-2121": (True, [("Kaito Mori", "0452031"), ("Léa Fontaine", "0490017")]),
    "H-2122": (True, [("Theo Lefevre", "0458124"), ("Françoise-Anaïs Girard", "0420957")]),
    "H-2123": (True, [("Maren Kjeldsen", "0431590"), ("Jalen Brightwater", "0474418")]),
    "H-2124": (True, [("ODALYS OQUENDO", "O451173"), ("OSCAR ORTEGA", "04O9921")]),
    "H-2125": (True, [("Marsh-Hughes, Elliot", "0409215"), ("Karimi, Nasrin", "0494451")]),
    "H-2126": (
        True,
        [
            ("Ravi Subramaniam", "0447135"),
            ("Hazel Obi", "0462501"),
            ("Matías Ferreyra", "0415826"),
        ],
    ),
    "H-2127": (True, [("Oriana Ocasio", "O421168"), ("Kenta Ishikawa", "0473309")]),
    "H-2128": (True, [("Marcus Oyelowo", "0492860"), ("Lindiwe Dube", "0455130")]),
    "H-2129": (True, [("Sofía Castillo", "0430015"), ("Sofia Castillo", "0458841")]),
    "H-2130": (True, [("Yusuf Demir", "0461170"), ("Freya Halvorsen-Lund", "0423385")]),
    "H-2131": (True, [("Zofia Kowalczyk", "0492257")]),
    "H-2132": (True, [("Amadou Ndiaye", "0438871"), ("Willa Fairbanks", "0469904")]),
    "H-2133": (
        True,
        [
            ("Naomi Kessler", "0419057"),
            ("Ibrahim Sow", "0437768"),
            ("Paulo Mendes", "0426603"),
            ("Ayesha Siddiqui", "0443017"),
            ("Tobias Reinholt", "0468220"),
            ("Hugo Brandão", "0447602"),
            ("Keziah Morningstar", "0490773"),
            ("Søren Eklund", "0412776"),
            ("Nia Castellanos", "0455384"),
            ("Rafaela Duarte", "455348"),
        ],
    ),
    "H-2134": (True, [("Hugo Brandão", "0447602")]),
    "H-2135": (
        True,
        [
            ("Theodore J. Whitlock", "0485502"),
            ("Chloé Rousseau", "0408834"),
            ("Theodore Whitlock", "O485502"),
        ],
    ),
    "H-2136": (True, [("Isla Murray", "O45 6620"), ("Arjun Pillai", "04 88 917")]),
    "H-2137": (True, [("Beatriz Ibañez", "student number 473302")]),
    "H-2138": (True, [(None, "0415018")]),
    "H-2139": (True, [("Kenta Ishikawa", "0473309")]),
    "H-2140": (True, [("Kiri Tane", "0405518"), ("Oona Fairweather", "0461047")]),
    "H-2141": (True, [("Elif Şahin", "0477082"), ("Zainab Qureshi", "0419346")]),
    "H-2142": (True, [("Kiri Tane", "0405518"), ("Olivia Oyelaran", "0442345")]),
    "H-2143": (True, [("Ruiz Campos, Mateo", "0419364")]),
    "H-2144": (True, [("Rowan McAllister", "0471835")]),
    "H-2145": (True, [("Kalani Akana", "04688B0"), ("Ruby Thornbury", "0471604")]),
    "H-2146": (True, [("Alex Volkova-Reed", "0483302"), ("Sasha Volkov", "0439560")]),
    "H-2147": (True, [("Adrian Molina", "0427140"), ("Zoë Hartley", "0491827")]),
    "H-2148": (False, []),
    "H-2149": (False, [("Zainab Qureshi", "0419346")]),
    "H-2150": (False, []),
    "H-2151": (False, []),
    "H-2152": (False, [("Kofi Boateng", "0471559")]),
    "H-2153": (
        False,
        [("Owen Okafor", "0437720"), ("Quinn Abara", "0440017"), ("Luis Ángel Ocampo", "0416638")],
    ),
    "H-2154": (False, []),
    "H-2155": (False, []),
    "H-2156": (
        False,
        [("Tobiah Greene", "0401133"), ("Sofia Castillo", "0458841"), ("Dev Malhotra", "0493321")],
    ),
    "H-2157": (False, []),
    "H-2158": (False, []),
    "H-2159": (False, [("Yusuf Demir", "461170")]),
    "H-2160": (False, [("Layla Haddad", "0477316")]),
    "H-2161": (False, []),
    "H-2162": (False, []),
    "H-2163": (False, [("Paulo Mendes", "0426603")]),
    "H-2164": (False, [("Noah Abernethy", "0431176")]),
    "H-2165": (False, []),
    "H-2166": (False, [("Dev Malhotra", "0493321")]),
}

# --------------------------------------------------------------------------- rule 3: IDs
ID_LABEL = re.compile(r"^(?:student\s+(?:id|number)|id\s*#|id\s*:|id|#)\s*", re.IGNORECASE)


def normalise_id(written: str) -> str | None:
    """The 7-digit ID after the only allowed fixes, or None when it is not usable."""
    text = ID_LABEL.sub("", written.strip())
    text = re.sub(r"[\s#-]", "", text).replace("O", "0").replace("o", "0")
    if not text.isdigit():
        return None  # any other letter (l, I, S, B, ...) is never guessed
    if len(text) == 6:
        text = "0" + text
    return text if len(text) == 7 else None


# --------------------------------------------------------------------------- rule 4: names
# Letters NFKD leaves alone but which accent folding (anyascii, unidecode) maps to plain ASCII.
SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae"}
)
IGNORED_IN_NAMES = re.compile(r"[\s\-'\u2019\u2018\u02bc]")


def fold(name: str) -> str:
    """Case, accents, hyphens, apostrophes and spaces removed (rule 4). Dots are kept."""
    decomposed = unicodedata.normalize("NFKD", name.translate(SPECIAL_LETTERS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return IGNORED_IN_NAMES.sub("", plain.casefold())


def _first_then_optional_middle(tokens: list[str], given: str) -> bool:
    return any(fold(" ".join(tokens[:cut])) == given for cut in range(1, len(tokens) + 1))


def name_matches(written: str | None, given_name: str, family_name: str) -> bool:
    """First and last name match in any order; a written middle name or initial is ignored."""
    if not written:
        return False
    given, family = fold(given_name), fold(family_name)
    if "," in written:
        last, _, first = written.partition(",")
        return fold(last) == family and _first_then_optional_middle(first.split(), given)
    tokens = written.split()
    for i in range(1, len(tokens)):
        for j in range(i, len(tokens)):
            # First [middle] Last
            if fold(" ".join(tokens[:i])) == given and fold(" ".join(tokens[j:])) == family:
                return True
        # Last First [middle]
        if fold(" ".join(tokens[:i])) == family and _first_then_optional_middle(tokens[i:], given):
            return True
    return False


# --------------------------------------------------------------------------- loading
class Problems(list[str]):
    def add(self, message: str) -> None:
        self.append(message)


def read_csv(path: Path, columns: list[str], problems: Problems) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            problems.add(f"{path.name}: columns {reader.fieldnames} != {columns}")
        return list(reader)


def load_roster(problems: Problems) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    orgs = {
        row["sourcedId"]: row
        for row in read_csv(HERE / "roster" / "orgs.csv", ORG_COLUMNS, problems)
    }
    users = read_csv(HERE / "roster" / "users.csv", USER_COLUMNS, problems)
    districts = [org for org in orgs.values() if org["type"] == "district"]
    if len(districts) != 1:
        problems.add(f"orgs.csv: {len(districts)} district rows")
    for org in orgs.values():
        if org["type"] == "school" and org["parentSourcedId"] != districts[0]["sourcedId"]:
            problems.add(f"orgs.csv: school {org['name']} is not under the district")
    by_sourced = {user["sourcedId"]: user for user in users}
    if len(by_sourced) != len(users):
        problems.add("users.csv: duplicate sourcedId")
    idents: set[str] = set()
    for n, user in enumerate(users, start=2):
        where = f"users.csv:{n}"
        check_user(user, where, orgs, by_sourced, idents, problems)
    return orgs, users


def check_user(
    user: dict[str, str],
    where: str,
    orgs: dict[str, dict[str, str]],
    by_sourced: dict[str, dict[str, str]],
    idents: set[str],
    problems: Problems,
) -> None:
    if user["status"] not in {"active", "tobedeleted"}:
        problems.add(f"{where}: status {user['status']!r}")
    if user["enabledUser"] not in {"true", "false"}:
        problems.add(f"{where}: enabledUser {user['enabledUser']!r}")
    if user["role"] not in ROLES:
        problems.add(f"{where}: role {user['role']!r}")
    org_ids = user["orgSourcedIds"].split(",")
    if any(org not in orgs for org in org_ids):
        problems.add(f"{where}: unknown org in {user['orgSourcedIds']!r}")
    ident, email = user["identifier"], user["email"]
    if user["role"] == "student":
        if not re.fullmatch(r"0\d{6}", ident) or ident in idents:
            problems.add(f"{where}: bad or duplicate student identifier {ident!r}")
        idents.add(ident)
        if len(org_ids) != 1 or orgs.get(org_ids[0], {}).get("type") != "school":
            problems.add(f"{where}: a student belongs to exactly one school")
        if not email.endswith(f"@students.{DOMAIN}") or ident[1:] not in email:
            problems.add(f"{where}: student e-mail {email!r}")
    elif user["role"] in STAFF_ROLES:
        if re.fullmatch(r"0\d{6}", ident) or not ident:
            problems.add(f"{where}: staff identifier {ident!r}")
        if not email.endswith(f"@{DOMAIN}"):
            problems.add(f"{where}: staff e-mail {email!r}")
    else:
        if email.endswith(DOMAIN):
            problems.add(f"{where}: parent e-mail inside the district domain")
    for agent in filter(None, user["agentSourcedIds"].split(",")):
        other = by_sourced.get(agent)
        if other is None or user["sourcedId"] not in other["agentSourcedIds"].split(","):
            problems.add(f"{where}: agent link to {agent} is not mutual")


def load_tickets(problems: Problems) -> dict[str, dict[str, str]]:
    tickets = {}
    for path in sorted((HERE / "tickets").glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        if set(ticket) != TICKET_KEYS or ticket["id"] != path.stem:
            problems.add(f"{path.name}: keys {sorted(ticket)} / id {ticket.get('id')!r}")
        if ticket["content_type"] not in {"text/plain", "text/html"}:
            problems.add(f"{path.name}: content_type {ticket['content_type']!r}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", ticket["created_at"]):
            problems.add(f"{path.name}: created_at {ticket['created_at']!r}")
        tickets[ticket["id"]] = ticket
    return tickets


# --------------------------------------------------------------------------- ticket text
BLOCK_TAGS = re.compile(r"<\s*/?\s*(?:p|div|br|tr|li|ul|ol|table|blockquote|h\d)\b[^>]*>", re.I)
CELL_TAGS = re.compile(r"<\s*/?\s*t[dh]\b[^>]*>", re.I)


def _row_as_line(row: re.Match[str]) -> str:
    """One table row as one line, its cells separated by tabs (cells may hold <p> tags)."""
    cells = CELL_TAGS.sub("\t", row.group(0))
    return "\n" + " ".join(re.sub(r"<[^>]+>", "", cells).replace("\n", " ").split(" ")) + "\n"


def text_lines(ticket: dict[str, str]) -> list[str]:
    """Subject plus body lines, with HTML reduced to text (cells become tabs)."""
    body = ticket["body"]
    if ticket["content_type"] == "text/html":
        body = re.sub(r"<style\b.*?</style>", " ", body, flags=re.S | re.I)
        body = re.sub(r"<tr\b.*?</tr>", _row_as_line, body, flags=re.S | re.I)
        body = BLOCK_TAGS.sub("\n", body)
        body = html.unescape(re.sub(r"<[^>]+>", "", body))
    return [ticket["subject"], *body.split("\n")]


QUOTE_START = re.compile(
    r"^\s*(?:On .+ wrote:|-+ ?Original Message ?-+|-+ ?Forwarded message ?-+|"
    r"Begin forwarded message:)\s*$"
)


def unquoted_lines(lines: list[str]) -> list[str]:
    """Lines before quoted history; '>' lines dropped (rule 8)."""
    kept: list[str] = []
    for n, line in enumerate(lines):
        following = next((later for later in lines[n + 1 :] if later.strip()), "")
        outlook = line.strip().startswith("From:") and re.match(r"\s*(Sent|Date):", following)
        if QUOTE_START.match(line) or outlook:
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    return kept


def flat(text: str) -> str:
    return " ".join(text.split())


ID_TOKEN = re.compile(r"(?<![A-Za-z0-9])[0-9Oo](?:[ -]?[0-9Oo]){5,7}(?![A-Za-z0-9])")


def id_tokens(line: str) -> set[str]:
    found = set()
    for token in ID_TOKEN.findall(line):
        if any(ch.isdigit() for ch in token):
            normal = normalise_id(token)
            if normal:
                found.add(normal)
    return found


# --------------------------------------------------------------------------- the policy
def expected(
    ticket: dict[str, str],
    reading: tuple[bool, list[Entry]],
    students: dict[str, dict[str, str]],
    users_by_email: dict[str, dict[str, str]],
    district_id: str,
) -> tuple[bool, bool, list[str], list[str]]:
    """(reset_request, needs_review, ready, notes) from READING by rules 1-7."""
    reset, entries = reading
    if not reset:
        return False, False, [], []
    with_ids = [name for name, written in entries if written and name]
    entries = [
        (name, written)
        for name, written in entries
        # rule 2: a name-only mention of a student who is also listed with an ID is the same
        if written or not any(fold(name or "") == fold(other) for other in with_ids)
    ]
    requester = users_by_email.get(ticket["requester"].lower())
    may_ask = bool(
        requester
        and requester["role"] in STAFF_ROLES
        and requester["status"] == "active"
        and requester["enabledUser"] == "true"
    )
    staff_orgs = set(requester["orgSourcedIds"].split(",")) if requester else set()
    ready: set[str] = set()
    notes: list[str] = []
    for name, written in entries:
        reason = review_reason(name, written, students, may_ask, staff_orgs, district_id)
        if reason:
            notes.append(f"{name} {written}: {reason}")
        else:
            ready.add(normalise_id(written or "") or "")
    # needs_review: some student is review, or the request names nobody at all (rule 7)
    needs_review = bool(notes) or not entries
    return True, needs_review, sorted(ready), notes


def review_reason(
    name: str | None,
    written: str | None,
    students: dict[str, dict[str, str]],
    may_ask: bool,
    staff_orgs: set[str],
    district_id: str,
) -> str | None:
    if written is None:
        return "no ID"
    ident = normalise_id(written)
    if ident is None:
        return "ID not usable"
    record = students.get(ident)
    if record is None:
        return "ID in no roster record"
    if not name_matches(name, record["givenName"], record["familyName"]):
        return f"name does not match {record['givenName']} {record['familyName']}"
    if record["status"] != "active" or record["enabledUser"] != "true":
        return "student not active and enabled"
    if not may_ask:
        return "requester may not ask"
    if not staff_orgs & {record["orgSourcedIds"], district_id}:
        return "requester at another school"
    return None


# --------------------------------------------------------------------------- checks
def check_reading_is_written(ticket: dict[str, str], entries: list[Entry], problems: Problems):
    text = flat("\n".join(text_lines(ticket)))
    for name, written in entries:
        for part in (name, written):
            if part and flat(part) not in text:
                problems.add(f"{ticket['id']}: READING has {part!r}, not in the ticket text")


def check_ready_visible(
    ticket: dict[str, str], ready: list[str], students: dict[str, dict[str, str]], problems
) -> None:
    lines = unquoted_lines(text_lines(ticket))
    for ident in ready:
        record = students[ident]
        given, family = fold(record["givenName"]), fold(record["familyName"])
        if not any(
            ident in id_tokens(line) and given in fold(line) and family in fold(line)
            for line in lines
        ):
            problems.add(f"{ticket['id']}: ready {ident} is not on an unquoted line with its name")


def main() -> int:
    verbose = "-v" in sys.argv[1:]
    problems = Problems()
    orgs, users = load_roster(problems)
    district_id = next(org["sourcedId"] for org in orgs.values() if org["type"] == "district")
    students = {user["identifier"]: user for user in users if user["role"] == "student"}
    users_by_email = {user["email"].lower(): user for user in users}
    tickets = load_tickets(problems)
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    for missing in sorted(set(tickets) ^ set(truth) | set(tickets) ^ set(READING)):
        problems.add(f"{missing}: not in all of tickets/, truth.json and READING")
    tag_counts: dict[str, int] = {}
    for tid in sorted(set(tickets) & set(truth) & set(READING)):
        ticket, want = tickets[tid], truth[tid]
        if not want.get("tags") or not want.get("why"):
            problems.add(f"{tid}: truth needs tags and a why")
        for tag in want["tags"]:
            tag_counts[tag] = tag_counts.get(tag, 0) + 1
        check_reading_is_written(ticket, READING[tid][1], problems)
        reset, review, ready, notes = expected(
            ticket, READING[tid], students, users_by_email, district_id
        )
        got = (want["reset_request"], want["needs_review"], sorted(want["ready"]))
        if got != (reset, review, ready):
            problems.add(f"{tid}: truth {got} but the rules give {(reset, review, ready)}; {notes}")
        check_ready_visible(ticket, want["ready"], students, problems)
        if verbose:
            tokens = set().union(*(id_tokens(line) for line in text_lines(ticket)))
            others = sorted(tokens - set(want["ready"]))
            print(f"{tid}: ready={want['ready']} not-ready ID-like tokens={others} {notes}")
    resets = sum(truth[t]["reset_request"] for t in truth)
    print(
        f"{len(tickets)} tickets ({resets} reset requests), "
        f"{sum(len(v['ready']) for v in truth.values())} ready IDs, "
        f"{len(students)} students, {len(users)} users"
    )
    if verbose:
        for tag, count in sorted(tag_counts.items()):
            print(f"  {tag:28} {count}")
    for problem in problems:
        print("PROBLEM:", problem)
    print("verify_truth: OK" if not problems else f"verify_truth: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
