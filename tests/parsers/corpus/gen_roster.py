#!/usr/bin/env python3
"""Write the Heron Bay School District OneRoster 1.1 CSV roster (orgs.csv, users.csv).

    python gen_roster.py                 # rewrites roster/ byte for byte (seed 20261006)
    python gen_roster.py --seed 7        # other filler records, same fixed records
    python gen_roster.py --out /tmp/r    # write somewhere else

Every name, ID, address and e-mail is invented. The students, staff and parents that the
tickets refer to are FIXED records below, with sourcedIds derived from their identifiers, so
truth.json stays valid for any seed. The seed only changes the filler records, which never use
an ID in the 04xxxxx block (the fixed block, where the tickets' "matches nobody" IDs also live)
nor any ID in RESERVED_ABSENT.

Run it with the project's Python (``. ../../../.venv/bin/activate`` first): it imports the
OneRoster CSV header and writer from connectors/roster/oneroster_csv.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
import uuid
from pathlib import Path

# A standalone script: put the repository root on sys.path to import the project's CSV writer.
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from connectors.roster.oneroster_csv import USERS_HEADER, write_oneroster_csv  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = 20261006
DOMAIN = "heronbay.k12.example"
STUDENT_DOMAIN = f"students.{DOMAIN}"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, DOMAIN)


DISTRICT = ("DO", "Heron Bay School District", "4107830")
# key, name, NCES-style identifier, lowest grade, highest grade, target number of students
SCHOOLS = (
    ("TW", "Tidewater Elementary School", "410783000401", 0, 5, 280),
    ("SP", "Sandpiper Elementary School", "410783000402", 0, 5, 270),
    ("MC", "Marsh Creek Elementary School", "410783000403", 0, 5, 260),
    ("LP", "Lighthouse Point K-8 School", "410783000404", 0, 8, 360),
    ("CM", "Cormorant Middle School", "410783000501", 6, 8, 310),
    ("HB", "Heron Bay High School", "410783000601", 9, 12, 360),
    ("DA", "Driftwood Academy", "410783000602", 9, 12, 160),
)
# filler staff per org: (teachers, aides, administrators)
STAFF_FILLER = {
    "DO": (2, 1, 3),
    "TW": (6, 2, 1),
    "SP": (6, 2, 1),
    "MC": (6, 2, 1),
    "LP": (9, 2, 1),
    "CM": (8, 2, 1),
    "HB": (10, 3, 1),
    "DA": (4, 1, 1),
}
MULTI_SCHOOL_FILLER = 3  # filler teachers who also work at a second school
DISABLED_STAFF_FILLER = 2
FILLER_PARENTS = 28

# IDs that tickets use for "in no roster record" outside the fixed 04xxxxx block.
RESERVED_ABSENT = frozenset({"0123456"})

# Fixed students: identifier|given|middle|family|school|grade|flags (tobedeleted, disabled).
FIXED_STUDENTS = """
0431176|Noah||Abernethy|CM|06|
0468830|Kalani||Akana|CM|06|
0420668|Talia||Brennan|CM|06|
0475540|Teodora||Bălan|CM|06|
0426683|Isabela||Cunha|CM|06|
0459912|Darius||Farahani|CM|06|
0413328|Pua||Kahananui|CM|06|
0471835|Rowan||MacAllister|CM|06|
0408861|Jae-won||Seo|CM|06|
0412908|Mariam||Tadesse|CM|06|
0471604|Ruby||Thornbury|CM|06|
0461389|Bruno||Carvalho|CM|07|
0430015|Sofía||Castillo|CM|07|
0402286|Amina||Diallo|CM|07|
0415826|Matías||Ferreyra|CM|07|
0462719|Lorenzo||Gallo|CM|07|
0433671|Stefano||Greco|CM|07|
0494451|Nasrin||Karimi|CM|07|
0409215|Elliot||Marsh-Hughes|CM|07|
0499125|Maximilian||Oberhauser|CM|07|
0462501|Hazel||Obi|CM|07|
0433900|Piper||Quinlan|CM|07|
0447135|Ravi||Subramaniam|CM|07|
0467734|Jonah||Whitfield|CM|07|
0418552|Fatima Zahra||Benali|CM|08|
0461047|Oona||Fairweather|CM|08|
0492271|Harvey||Lindholm|CM|08|
0444170|Keanu||Makoa|CM|08|
0455871|Wei Jie||Ng|CM|08|
0442345|Olivia||Oyelaran|CM|08|
0436009|Summer||Price|CM|08|
0458832|Aiyana||Stormbird|CM|08|
0481320|Paloma||Reyes-Okafor|CM|08|
0405518|Kiri||Tane|CM|08|
0444171|Elena||Vukovic|CM|08|
0439940|Yosef||Ben-David|DA|09|
0410056|Dario||Fontana|DA|09|
0423917|Ingrid||Solheim|DA|09|
0409117|Abigail||Summers|DA|09|
0422650|Faith||Adeyemi-Cole|DA|10|
0403390|Kwame||Asante-Boateng|DA|10|
0472214|Marisol|Beatriz|Quintana|DA|10|
0427755|Benedikt||Ølstad|DA|10|
0473309|Kenta||Ishikawa|DA|11|
0408830|Esperanza|Luz|Montoya|DA|11|
0421168|Oriana||Ocasio|DA|11|
0408834|Chloé||Rousseau|DA|11|
0455130|Lindiwe||Dube|DA|12|
0402219|Hollis||Grant-Whyte|DA|12|
0492860|Marcus||Oyelowo|DA|12|
0485502|Theodore|James|Whitlock|DA|12|
0490561|Aoife||Brennan|HB|09|
0458841|Sofia||Castillo|HB|09|
0401133|Tobiah||Greene|HB|09|
0490516|Rhys||Llewellyn|HB|09|
0493321|Dev||Malhotra|HB|09|
0408102|Nikolai||Petrov-Sandoval|HB|09|
0437051|Bảo Ngọc||Trần|HB|09|
0452279|Tomás||Ó Súilleabháin|HB|09|
0482093|Maeve-Rose||O'Neill|HB|10|
0445512|Cian||O'Sullivan|HB|10|
0429048|Seo-yeon||Park|HB|10|
0466090|Jaxon||Pereira|HB|10|
0447781|Liam||Walsh|HB|10|
0451188|Katarzyna||Wójcik|HB|10|
0440017|Quinn||Abara|HB|11|
0419928|Grace||Kim|HB|11|
0476620|Jasper||Kowalski|HB|11|
0428193|Harper||Lindqvist-Moe|HB|11|
0416638|Luis Ángel||Ocampo|HB|11|
0437720|Owen||Okafor|HB|11|
0411836|Jordan||Reyes|HB|11|
0487730|Elias||Berg|HB|12|
0469904|Willa||Fairbanks|HB|12|
0436642|Alex||Ferreira|HB|12|
0450094|Yaw||Mensah-Bonsu|HB|12|
0438871|Amadou||Ndiaye|HB|12|
0425117|Michael||Oduya|HB|12|
0414472|Nadia||Rahman|HB|12|
0491230|Liam||Walsh|HB|12|
0474418|Jalen||Brightwater|LP|04|
0431590|Maren||Kjeldsen|LP|04|
0448816|Hamza||Al-Amin|LP|05|
0461170|Yusuf||Demir|LP|06|
0423385|Freya||Halvorsen-Lund|LP|06|
0416605|Obinna||Okeke|LP|06|
0451173|Odalys||Oquendo|LP|06|
0409921|Oscar||Ortega|LP|06|
0433806|Đức||Phạm|LP|06|
0427461|Ștefan||Popescu|LP|06|
0418390|Łukasz||Wróbel|LP|06|
0497008|Mei Ling||Zhou|LP|06|
0450392|Ximena||Barros|LP|07|
0447602|Hugo||Brandão|LP|07|tobedeleted,disabled
0455348|Nia||Castellanos|LP|07|
0455384|Rafaela||Duarte|LP|07|
0412776|Søren||Eklund|LP|07|
0450329|Gabriel||Hoang|LP|07|
0419057|Naomi||Kessler|LP|07|
0426603|Paulo||Mendes|LP|07|
0490773|Keziah||Morningstar|LP|07|disabled
0468220|Tobias||Reinholt|LP|07|
0443017|Ayesha||Siddiqui|LP|07|
0437768|Ibrahim||Sow|LP|07|
0483216|Ava||St. Clair|LP|07|
0486624|Luca||D'Angelo|LP|08|
0433517|Inés||Delgado|LP|08|
0459183|Diego||Herrera|LP|08|
0419970|Fiona||MacLean|LP|08|
0457219|Siobhan||O'Flaherty|LP|08|
0419346|Zainab||Qureshi|MC|01|
0419364|Mateo||Ruiz-Campos|MC|01|
0477082|Elif||Şahin|MC|01|
0486127|Thiago||Batista|MC|02|
0477316|Layla||Haddad|MC|02|
0498810|Oscar||Lindqvist|MC|02|
0432275|Camila||Ortega|MC|02|
0434418|Valentina||Ruiz|MC|02|
0464408|Tomasz||Wiśniewski|MC|02|
0443826|Amelie||Brandt-Okoye|MC|03|
0420957|Françoise-Anaïs||Girard|MC|03|
0458124|Théo||Lefèvre|MC|03|
0466790|Eun-ji||Choi|MC|04|
0417735|Malia||Fonoti|MC|04|
0473389|Lucía||Paredes|MC|04|
0450021|Bryn||St. John|MC|04|
0496214|Ailsa||McKenzie|MC|05|
0466251|Anh Thu||Nguyen|MC|05|
0425586|Declan||O'Hara|MC|05|
0440983|Pieter||Van Der Berg|MC|05|
0439021|Chidera||Okonkwo-Duval|SP|02|
0438806|Oluwaseun||Adeyemi|SP|03|
0490017|Léa||Fontaine|SP|03|
0452031|Kaito||Mori|SP|03|
0488105|Tariq||Haddad|SP|04|
0456620|Isla||Murray|SP|04|
0488917|Arjun||Pillai|SP|04|
0439560|Sasha||Volkov|SP|04|
0483302|Alexander||Volkova-Reed|SP|04|
0471559|Kofi||Boateng|SP|05|
0401957|Mia||Chen|SP|05|
0439917|May||Grant|SP|05|
0473302|Beatriz||Ibáñez|SP|05|
0427719|Saoirse||Ní Bhriain|SP|05|
0455263|Will||Read|SP|05|
0429901|Bo||Li|TW|01|
0463358|Sophie||Dubois-Marchand|TW|02|
0405512|Hunter||Grant|TW|02|
0447120|José María||Núñez|TW|02|
0402276|Rosalie||Beaumont|TW|03|
0415018|Chinonso||Eze|TW|03|
0492257|Zofia||Kowalczyk|TW|03|
0433154|Tyrese||O'Neal|TW|03|
0471290|Mateus||Oliveira|TW|04|
0418823|Amelia||Rostova|TW|04|
0436671|Arjun||Venkataraman|TW|04|
0436617|Priya||Venkataraman|TW|04|
0481147|Ny'Asia||Brooks|TW|05|
0491826|Zoë||Hartley|TW|05|
0427140|Adrian||Molina|TW|05|
0415560|Amara||Nwosu|TW|05|
0481174|Dmitri||Sokolov|TW|05|
0403317|Mohammed||Ali|TW|02|
0476052|Mohammed||Ali|HB|11|
0414920|Emily||Tran|CM|07|
0488163|Emily||Tran|CM|07|
0430762|Daniel||Kim|SP|03|
0479218|Daniel||Kim|SP|05|
0445093|Ana||Silva|DA|10|
0497601|Ana||Silva|LP|05|
"""

# Fixed staff: employee number|username|given|family|role|orgs|flags.
FIXED_STAFF = """
700112|rsolberg|Renata|Solberg|administrator|DO|
700245|tachterberg|Tobias|Achterberg|teacher|DO|
700390|mdumitrescu|Mirela|Dumitrescu|aide|DO|
700418|qabernathy|Quentin|Abernathy|administrator|DO|tobedeleted,disabled
711032|hlindgren|Hannah|Lindgren|teacher|TW|
711087|rquintero|Rafael|Quintero|teacher|TW|
711140|nadebayosmith|Nkechi|Adebayo-Smith|teacher|TW|
711205|pvidal|Paula|Vidal|aide|TW|
711266|gashdown|Gregory|Ashdown|administrator|TW|
712019|ytanabe|Yuki|Tanabe|teacher|SP|
712074|cfitzgerald|Colm|Fitzgerald|teacher|SP|
712130|bholm|Beatrix|Holm|teacher|SP|disabled
712188|dybarra|Dolores|Ybarra|administrator|SP|
713011|shaddadi|Samira|Haddadi|teacher|MC|
713058|jreyes|Jordan|Reyes|teacher|MC|
713102|wpryce|Wendell|Pryce|aide|MC|
713163|icarvalho|Ines|Carvalho|teacher|MC|
714007|ohrytsenko|Oksana|Hrytsenko|teacher|LP|
714052|dokeefe|Desmond|O'Keefe|teacher|LP|
714113|mthibodeaux|Marguerite|Thibodeaux|teacher|LP|
714170|techeverria|Tomás|Echeverría|administrator|LP|
714221|kwatanabe|Kenji|Watanabe|aide|LP|
714286|rachebe|Rosalind|Achebe|teacher|LP|tobedeleted
715034|pvarga|Priscilla|Varga|teacher|CM|
715090|bnakamura|Bartholomew|Nakamura-Kealoha|teacher|CM|
715147|lfonseca|Leticia|Fonseca|teacher|CM|
715203|abianchi|Aurelio|Bianchi|teacher|CM|
715259|godum|Grace|Odum|aide|CM|
715311|hwhitcombe|Harold|Whitcombe|administrator|CM|
715378|mcallaghan|Maeve|Callaghan|teacher|CM|
716025|vraghunathan|Vikram|Raghunathan|teacher|HB|
716081|smccarthy|Siobhan|McCarthy|teacher|HB|
716139|tblackwood|Trevor|Blackwood|teacher|HB|
716194|aumeh|Adaeze|Umeh|teacher|HB|
716250|leriksen|Lars|Eriksen|teacher|HB|
716307|cibarra|Consuelo|Ibarra|aide|HB|
716362|pdelacroixboone|Patricia|Delacroix-Boone|administrator|HB|
716418|nokonjo|Neville|Okonjo|teacher|HB|disabled
717016|ifarquhar|Imogen|Farquhar|teacher|DA|
717072|ekowalczyk|Ezra|Kowalczyk|teacher|DA|
717129|tmokoena|Thandiwe|Mokoena|administrator|DA|
718004|fambrose|Felix|Ambrose|teacher|TW SP|
718061|cruiztagle|Carmen|Ruiz-Tagle|teacher|CM HB|
718117|nalsayegh|Noor|Al-Sayegh|teacher|LP DA|
"""

# Fixed parents: e-mail|given|family|children's identifiers (space separated).
FIXED_PARENTS = """
mokonkwoduval@webmail.example|Mireille|Okonkwo-Duval|0439021
marcus.oneal@familymail.example|Marcus|O'Neal|0433154
"""

GIVEN_POOL = (
    """
Abebe Adela Adwoa Afia Ahmad Aiko Ailani Alejandro Alinta Amaru Amélie Anaïs Anders Andrés
Anika Arnav Astrid Aurora Ayodele Bao Benjamín Bianca Bodhi Brontë Caio Callum Carys Cédric
Chayton Cheng Ciara Cosmin Dagny Dalia Darnell Dawit Delphine Desta Dilnoza Dorian Ebere Eero
Efua Eilidh Emeka Emre Enzo Esmé Ewa Faith Farah Fenna Finnegan Florin Gaël Gideon Grant Greta
Gulnara Hamid Hana Hunter Ignacio Ilse Imani Ioana Isidora Jacinta Joaquín Jun Kai Kalinda Kamal
Kaveh Keala Kerensa Kieran Laila Leilani Linnea Lior Luana Maël Magnus Malak Manon Marek
Matthias May Mehmet Mercy Milan Moana Nalani Nayeli Niamh Nils Nuno Obadiah Odette Ola Olamide
Oluwadamilare Omari Ophelia Orla Osvaldo Otto Özlem Paz Pema Quang Radu Rania Reza Rhiannon Rin
Ruslan Sabelo Saanvi Sakura Santiago Selin Seren Shira Sipho Siddharth Solveig Summer Tadeo
Tala Tamsin Tenzin Thandeka Tiago Timur Ugo Valeria Vesna Wairimu Wiremu Will Xiadani Yaretzi
Yerlan Yitzhak Zaid Zuzana Zeynep Faith Hope Ivy Rowan Sage Ember
""".split()
    + ["Mary Kate", "Jean-Luc", "Ana Sofía", "Minh Khoa", "Le Anh", "Yi An", "Ji-ho"]
)

FAMILY_POOL = (
    """
Abubakar Acosta Adomako Ahlberg Alvarado Amsel Andersson Arslan Asamoah Aydın Bakshi Balogun
Barrientos Bautista Becerra Bergström Bialek Bjørnstad Blanchet Bouchard Brannigan Çelik Cardona
Cavanagh Chaudhry Cisneros Coelho Cruz-Medina D'Souza Dąbrowski Dahl Demirci Dimitrov Dlamini
Doherty Đinh Dufresne Ekwueme El-Amin Espinoza Fagerlund Farouk Figueroa Fonseca-Lima Gallagher
Garza Ghosh Gonçalves Gutiérrez Halloran Hamasaki Haugen Hernández-Vela Hidalgo Høgh Iqbal Iwu
Jaramillo Jovanović Kamau Kapoor Kealoha Kiplagat Koh Kovačević Kuznetsov Lachance Lam Larsen Le
Lindahl López-Rivas MacDonald Machado Mahlangu McBride McNulty Medina Mensah Mkhize Moreau
Mukherjee Murphy-Kane N'Diaye Nakagawa Ng Nieminen Novak Nwankwo O'Donnell O'Rourke Obuya Ochoa
Odhiambo Ogunleye Okwu Olsen Orozco Ortiz-Vega Osei-Bonsu Østergaard Otieno Özdemir Pacheco
Papadakis Pavlović Peralta Petersen Phan Pires Popa Price Quiñones Rahimi Ramírez Rasmussen Read
Rivera Rocha Romanov Saavedra Salazar Sandoval Santos Schreiber Sepúlveda Shah Sharma Silva-Reyes
Sithole Soto Stanek Sundberg Suzuki Szabó Tamura Tanaka-Ellis Teixeira Thorsen Toledo Torres
Trinh Truong Ueda Uribe Valdez Varela Vũ Wainwright Wanjiru Whitehorse Wiśniewska Xu Yamamoto
Yilmaz Yoon Zamora Zapata Zielinski Hunter May Li Şimşek Nguyễn
""".split()
    + [
        "De la Fuente",
        "Van Houten",
        "St. Pierre",
        "De Jesus",
        "Mac Giolla",
        "Da Silva",
        "Ó Briain",
    ]
)

PARENT_DOMAINS = ("webmail.example", "familymail.example", "inboxmail.example", "mail.example")

# Letters that Unicode decomposition leaves alone but that people type without the mark.
SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae"}
)


def ascii_letters(text: str) -> str:
    """Lower-case ASCII letters of a name, for user names and e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text.translate(SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def grade_code(grade: int) -> str:
    return "KG" if grade == 0 else f"{grade:02d}"


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def stable_timestamp(key: str) -> str:
    """A dateLastModified in June-August 2026 that depends only on the record key."""
    number = uuid.uuid5(NAMESPACE, f"modified:{key}").int
    return _timestamp(number % 92, (number >> 8) % 86400)


def _timestamp(day_offset: int, seconds: int) -> str:
    month, day = (6, day_offset + 1) if day_offset < 30 else (7, day_offset - 29)
    if month == 7 and day > 31:
        month, day = 8, day - 31
    hh, rest = divmod(seconds, 3600)
    mm, ss = divmod(rest, 60)
    return f"2026-{month:02d}-{day:02d}T{hh:02d}:{mm:02d}:{ss:02d}.000Z"


def random_timestamp(rng: random.Random) -> str:
    return _timestamp(rng.randrange(92), rng.randrange(86400))


def org_rows() -> list[dict[str, str]]:
    district_id = stable_id("org", DISTRICT[0])
    rows = [
        {
            "sourcedId": district_id,
            "status": "active",
            "dateLastModified": stable_timestamp("org:DO"),
            "name": DISTRICT[1],
            "type": "district",
            "identifier": DISTRICT[2],
            "parentSourcedId": "",
        }
    ]
    for key, name, identifier, *_ in SCHOOLS:
        rows.append(
            {
                "sourcedId": stable_id("org", key),
                "status": "active",
                "dateLastModified": stable_timestamp(f"org:{key}"),
                "name": name,
                "type": "school",
                "identifier": identifier,
                "parentSourcedId": district_id,
            }
        )
    return rows


def user_row(**fields: str) -> dict[str, str]:
    row = dict.fromkeys(USERS_HEADER, "")
    row.update(fields)
    return row


def student_row(
    sourced_id: str,
    modified: str,
    ident: str,
    given: str,
    middle: str,
    family: str,
    school: str,
    grade: str,
    flags: set[str],
) -> dict[str, str]:
    local = f"s{ident[1:]}.{ascii_letters(family)}"
    return user_row(
        sourcedId=sourced_id,
        status="tobedeleted" if "tobedeleted" in flags else "active",
        dateLastModified=modified,
        enabledUser="false" if "disabled" in flags else "true",
        orgSourcedIds=stable_id("org", school),
        role="student",
        username=local,
        givenName=given,
        familyName=family,
        middleName=middle,
        identifier=ident,
        email=f"{local}@{STUDENT_DOMAIN}",
        grades=grade,
    )


def staff_row(
    sourced_id: str,
    modified: str,
    emp: str,
    username: str,
    given: str,
    family: str,
    role: str,
    orgs: list[str],
    flags: set[str],
) -> dict[str, str]:
    return user_row(
        sourcedId=sourced_id,
        status="tobedeleted" if "tobedeleted" in flags else "active",
        dateLastModified=modified,
        enabledUser="false" if "disabled" in flags else "true",
        orgSourcedIds=",".join(stable_id("org", org) for org in orgs),
        role=role,
        username=username,
        givenName=given,
        familyName=family,
        identifier=emp,
        email=f"{username}@{DOMAIN}",
    )


def parse_table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


def fixed_students() -> list[dict[str, str]]:
    rows = []
    for ident, given, middle, family, school, grade, flags in parse_table(FIXED_STUDENTS):
        rows.append(
            student_row(
                stable_id("student", ident),
                stable_timestamp(f"student:{ident}"),
                ident,
                given,
                middle,
                family,
                school,
                grade,
                set(filter(None, flags.split(","))),
            )
        )
    return rows


def fixed_staff() -> list[dict[str, str]]:
    rows = []
    for emp, username, given, family, role, orgs, flags in parse_table(FIXED_STAFF):
        rows.append(
            staff_row(
                stable_id("staff", emp),
                stable_timestamp(f"staff:{emp}"),
                emp,
                username,
                given,
                family,
                role,
                orgs.split(),
                set(filter(None, flags.split(","))),
            )
        )
    return rows


def filler_students(rng: random.Random, fixed: list[dict[str, str]]) -> list[dict[str, str]]:
    taken = {row["identifier"] for row in fixed} | RESERVED_ABSENT
    per_school: dict[str, int] = {}
    school_ids = {stable_id("org", key): key for key, *_ in SCHOOLS}
    for row in fixed:
        key = school_ids[row["orgSourcedIds"]]
        per_school[key] = per_school.get(key, 0) + 1
    rows = []
    for key, _name, _ident, low, high, target in SCHOOLS:
        for _ in range(target - per_school.get(key, 0)):
            ident = _fresh_student_id(rng, taken)
            flags = _filler_flags(rng.random())
            middle = rng.choice(GIVEN_POOL) if rng.random() < 0.3 else ""
            rows.append(
                student_row(
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    random_timestamp(rng),
                    ident,
                    rng.choice(GIVEN_POOL),
                    middle,
                    rng.choice(FAMILY_POOL),
                    key,
                    grade_code(rng.randint(low, high)),
                    flags,
                )
            )
    return rows


def _filler_flags(roll: float) -> set[str]:
    """About 1.5% of filler students are tobedeleted and 1% more are only disabled."""
    if roll < 0.008:
        return {"tobedeleted", "disabled"}
    if roll < 0.015:
        return {"tobedeleted"}
    if roll < 0.025:
        return {"disabled"}
    return set()


def _fresh_student_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        ident = f"0{rng.randrange(100000, 1000000)}"
        # The 04xxxxx block belongs to the fixed records and the tickets' absent IDs.
        if not ident.startswith("04") and ident not in taken:
            taken.add(ident)
            return ident


def filler_staff(rng: random.Random, fixed: list[dict[str, str]]) -> list[dict[str, str]]:
    usernames = {row["username"] for row in fixed}
    employee_numbers = {row["identifier"] for row in fixed}
    specs = []
    for org, (teachers, aides, admins) in STAFF_FILLER.items():
        specs += [(org, "teacher")] * teachers + [(org, "aide")] * aides
        specs += [(org, "administrator")] * admins
    school_keys = [key for key, *_ in SCHOOLS]
    multi = set(rng.sample(range(len(specs)), MULTI_SCHOOL_FILLER + DISABLED_STAFF_FILLER))
    multi_list = sorted(multi)
    second_school = set(multi_list[:MULTI_SCHOOL_FILLER])
    disabled = set(multi_list[MULTI_SCHOOL_FILLER:])
    rows = []
    for index, (org, role) in enumerate(specs):
        given, family = rng.choice(GIVEN_POOL), rng.choice(FAMILY_POOL)
        base = ascii_letters(given)[:1] + ascii_letters(family)
        username, suffix = base, 2
        while username in usernames:
            username, suffix = f"{base}{suffix}", suffix + 1
        usernames.add(username)
        emp = str(rng.randrange(720000, 900000))
        while emp in employee_numbers:
            emp = str(rng.randrange(720000, 900000))
        employee_numbers.add(emp)
        orgs = [org]
        if index in second_school and org != "DO":
            orgs.append(rng.choice([key for key in school_keys if key != org]))
        rows.append(
            staff_row(
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                random_timestamp(rng),
                emp,
                username,
                given,
                family,
                role,
                orgs,
                {"disabled"} if index in disabled else set(),
            )
        )
    return rows


def link_parents(rng: random.Random, students: list[dict[str, str]]) -> list[dict[str, str]]:
    """Parent rows, with agentSourcedIds filled in on both sides of each link."""
    by_ident = {row["identifier"]: row for row in students}
    links: list[tuple[str, str, str, list[dict[str, str]], str]] = []
    for email, given, family, children in parse_table(FIXED_PARENTS):
        kids = [by_ident[ident] for ident in children.split()]
        links.append((stable_id("parent", email), email, given, kids, family))
    active = sorted(
        (
            row
            for row in students
            if row["status"] == "active" and not row["identifier"].startswith("04")
        ),
        key=lambda row: row["identifier"],
    )
    emails = {email for _, email, *_ in links}
    for _ in range(FILLER_PARENTS):
        kid = rng.choice(active)
        kids = [kid]
        if rng.random() < 0.25:
            kids.append(rng.choice(active))
        given = rng.choice(GIVEN_POOL)
        family = kid["familyName"]
        email = f"{ascii_letters(given)}.{ascii_letters(family)}@{rng.choice(PARENT_DOMAINS)}"
        if email in emails:
            continue
        emails.add(email)
        links.append(
            (str(uuid.UUID(int=rng.getrandbits(128), version=4)), email, given, kids, family)
        )
    rows = []
    for sourced_id, email, given, kids, family in links:
        for kid in kids:
            kid["agentSourcedIds"] = ",".join(filter(None, [kid["agentSourcedIds"], sourced_id]))
        rows.append(
            user_row(
                sourcedId=sourced_id,
                status="active",
                dateLastModified=stable_timestamp(f"parent:{email}"),
                enabledUser="true",
                orgSourcedIds=",".join(dict.fromkeys(kid["orgSourcedIds"] for kid in kids)),
                role="parent",
                username=email,
                givenName=given,
                familyName=family,
                email=email,
                agentSourcedIds=",".join(kid["sourcedId"] for kid in kids),
            )
        )
    return rows


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    staff = fixed_staff()
    staff += filler_staff(rng, staff)
    students = fixed_students()
    students += filler_students(rng, students)
    parents = link_parents(rng, students)
    order = {"administrator": 0, "teacher": 1, "aide": 2}
    staff.sort(key=lambda row: (order[row["role"]], row["familyName"], row["username"]))
    students.sort(
        key=lambda row: (
            row["orgSourcedIds"],
            row["grades"],
            row["familyName"],
            row["givenName"],
            row["identifier"],
        )
    )
    parents.sort(key=lambda row: row["email"])
    return org_rows(), staff + students + parents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed for filler records")
    parser.add_argument("--out", type=Path, default=HERE / "roster", help="output directory")
    args = parser.parse_args()
    orgs, users = build(args.seed)
    write_oneroster_csv(args.out, orgs, users, line_terminator="\n")  # roster/ has "\n" lines
    counts: dict[str, int] = {}
    for row in users:
        counts[row["role"]] = counts.get(row["role"], 0) + 1
    summary = ", ".join(f"{count} {role}" for role, count in sorted(counts.items()))
    print(f"wrote {args.out}: {len(orgs)} orgs; {summary}")


if __name__ == "__main__":
    main()
