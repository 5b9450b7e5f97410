#!/usr/bin/env python3
"""Independent check of truth.json for the Halvorsen Lakes blind corpus (standard library only).

READING below is written by hand: for every ticket, whether it is a reset request (rule 1) and
which students it names, each written exactly as in the ticket (first name, last name, the ID
text, and an optional middle name or initial). The checker

  * makes sure every piece of every reading occurs in the ticket text (raw body, or the body with
    HTML tags stripped and entities decoded), and, where a ticket has a quoted or forwarded
    history, that it occurs before the marker given as ``cut`` (rule 8);
  * applies rules 2-7 to roster/users.csv and roster/orgs.csv: ID normalisation, name check,
    roster state, requester authorisation, one entry per student, and needs_review;
  * compares the result with truth.json (reset_request, needs_review, ready set), and checks that
    tickets, truth and READING cover the same ticket IDs and that judgement calls stay under 10%.

    python3 verify_truth.py              # exit 0 when everything agrees
    python3 verify_truth.py --self-test  # plants errors and shows that each is caught

Name folding follows README.md: case, accents (NFKD), hyphens, spaces, and apostrophes
(' ’ ‘ and, as a judgement call, the backtick `) are ignored; Ł/ł is folded to L/l as an accent
(a judgement call, see README.md).
"""

from __future__ import annotations

import copy
import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAFF_ROLES = {"teacher", "administrator", "aide"}


def R(reset, students=(), *, cut=None, unextracted=False):
    """A reading: reset request?, [(first, last, id_text[, middle])], quote marker, rule 7b."""
    return {
        "reset": reset,
        "students": [tuple(s) for s in students],
        "cut": cut,
        "unextracted": unextracted,
    }


READING = {
    "X-7001": R(
        True,
        [
            ("Khanh Linh", "Nguyen", "0468213"),
            ("Abdiaziz", "Hussein", "0439927"),
            ("Zofia", "Wroblewska", "517740"),
        ],
    ),
    "X-7002": R(False, [("Mustafa", "Abdi", "0552190")]),
    "X-7003": R(
        True,
        [
            ("Ciara", "O’Sullivan", "0384410"),
            ("Hamza", "Ahmed", "0391175"),
            ("Paj Ntaub", "Vang", "0402286"),
        ],
    ),
    "X-7004": R(
        True,
        [
            ("Hodan", "Warsame", "0471205"),
            ("Liban", "Jama", "0470215"),
            ("Marek", "Zając", "0449382"),
        ],
    ),
    "X-7005": R(False, [("Daniel", "Ó Ceallaigh", None)]),
    "X-7006": R(
        True,
        [
            ("Ayaan", "Mohamed", "0533016"),
            ("Julia", "Kaczmarek", "0533061"),
            ("Minh Châu", "Lê", "0528844"),
            ("Ismail", "Farah", "528447"),
        ],
    ),
    "X-7007": R(
        True, [("Amira", "Khalil", "0560318"), ("Pa Nhia", "Thao", "0561129")], cut="gmail_quote"
    ),
    "X-7008": R(
        True,
        [
            ("Kasia", "Dąbrowska", "0529730"),
            ("Tommy", "Fitzgerald", "0531188"),
            ("Oisín", "Doyle", "0530402"),
        ],
    ),
    "X-7009": R(False),
    "X-7010": R(True, [("Yusra", "Al-Amin", "0614472")]),
    "X-7011": R(True, [("Seamus", "Kehoe", "06015532")]),
    "X-7012": R(
        True,
        [
            ("Rafael", "Domínguez Peña", "0421907"),
            ("María Fernanda", "Ocampo", "0422615"),
            ("Rafael", "Dominguez Pena", "421907"),
            ("Maria Fernanda", "Ocampo", "0422615"),
        ],
    ),
    "X-7013": R(False),
    "X-7014": R(True, [("Abdirahman", "Warsame", "0471250")]),
    "X-7015": R(True, [("Eliza", "Mróz", "0450091"), ("Tomasz", "Lis", "0450019")]),
    "X-7016": R(True, [("Fadumo", None, None), ("Ciaran", "Walsh", "0386627")]),
    "X-7017": R(True, [("Nasteho", "Ibrahim", "0532277"), ("Rahma", "Said", "0532728")]),
    "X-7018": R(False, [("Jakub", "Sowa", "0621904"), ("Huda", "Nasser", "0620377")]),
    "X-7019": R(True, [("Bridget", "Kinsella", "0640118"), ("Yonis", "Aden", "0615530")]),
    "X-7020": R(
        True,
        [
            ("Aaliyah", "Noor", "0412290"),
            ("Long", "Vu", "0417763"),
            ("Agnieszka", "Kowal", "0423315"),
            ("Eamon", "Ryan", "0424650"),
        ],
    ),
    "X-7021": R(True, [("Mustafa", "Abdi", "0552190")]),
    "X-7022": R(True, [("Liam", "Ó Dálaigh", "0361174"), ("Safiya", "Adan", "0362208")]),
    "X-7023": R(True, [("Wojciech", "Baran", "0446610"), ("Fartun", "Hersi", "0447125")]),
    "X-7024": R(True, unextracted=True),
    "X-7025": R(True, unextracted=True),
    "X-7026": R(
        True,
        [
            ("Aoife", "Brennan", "0409918"),
            ("Sa’id", "Hamdan", "0410275"),
            ("Gao Nou", "Her", "0411543"),
        ],
    ),
    "X-7027": R(True, [("Ayan", "Mohamud", "0413872"), ("Sagal", "Ismail", "0413528")]),
    "X-7028": R(False),
    "X-7029": R(True, [("Ngọc Hân", "Phạm", "0605512"), ("Dawit", "Bekele", "0603349")]),
    "X-7030": R(True, [("Piotr", "Wójcik", "04S2216"), ("Amina", "Jibril", "0452o17")]),
    "X-7031": R(
        True,
        [("Omar", "Osman", "O36O512"), ("Orla", "O'Neill", "0361O09"), ("Olivia", "Ong", "36o884")],
    ),
    "X-7032": R(True, [("Habiba", "Noor", "043612"), ("Mai-Linh", "Tran", "417209")]),
    "X-7033": R(False, [("Laila", "Haddad", "0611205")]),
    "X-7034": R(
        True,
        [
            ("Nadia", "El-Amin", "0618843"),
            ("Conor", "MacGiolla Phadraig", "0617790"),
            ("Mai Nou", "Thao", "0619201"),
        ],
    ),
    "X-7035": R(
        True,
        [
            ("Ella", "Kavanagh", "0364490"),
            ("Yahya", "Suleiman", "0425518"),
            ("Nora", "Quigley", "0411902"),
        ],
    ),
    "X-7036": R(True, [("Siobhan", "Kenealy", "0622310"), ("Jakub", "Sowa", "0621904")]),
    "X-7037": R(True, [("Nou Yia", "Yang", "0365021"), ("Fartun", "Abukar", "0365712")]),
    "X-7038": R(False),
    "X-7039": R(True, [("Ayaan", "Mohamed", "053-3016"), ("Julia", "Kaczmarek", "0533 061")]),
    "X-7040": R(True, [(None, "Hussein", "0439927")]),
    "X-7041": R(False),
    "X-7042": R(
        True,
        [
            ("Hamza", "Ahmed", "0391175"),
            ("Ciara", "O'Sullivan", "0384410"),
            ("Ryan", "Kowalski", "0385530"),
        ],
    ),
    "X-7043": R(True, [("Cillian", "Walsh", "0414773")]),
    "X-7044": R(True, [("Wiktoria", "Pawlak", "0424108")], cut="From: HLPS Help Desk"),
    "X-7045": R(True, [("Ryan", "Kowalski", "0385530")]),
    "X-7046": R(
        True,
        [
            ("Filip", "Grabowski", "0455310"),
            ("Hana", "Yusuf", "0456024"),
            ("Nhi", "Huynh", "0455903"),
        ],
    ),
    "X-7047": R(False, [("Eliza", "Mróz", "0450091"), ("Tomasz", "Lis", "0450019")]),
    "X-7048": R(
        True,
        [
            ("Yer", "Lee", "0463351"),
            ("Chue", "Vang", "0463315"),
            ("Sebastián", "Ortega", "0462098"),
        ],
    ),
    "X-7049": R(True, [("Aoife", "Brennan", "0409919")]),
    "X-7050": R(
        True,
        [
            ("ROISIN", "DUFFY", "0641173"),
            ("MAHAD", "ABDI", "0640552"),
            ("BAO NGOC", "HUYNH", "0642210"),
        ],
    ),
    "X-7051": R(True, [("Ikram", "Dahir", "0394406"), ("Bilal", "Qureshi", "0395517")]),
    "X-7052": R(True, [("Abdi", "Farah", "0534410")]),
    "X-7053": R(True, [("Rafael", "Domínguez", "0421907")]),
    "X-7054": R(True, [("Juan", "Ramírez", "0535127", "C.")]),
    "X-7055": R(True, [("Valentina", "Ríos Castillo", "0536602"), ("Mateo", "Benítez", "0536260")]),
    "X-7056": R(False),
    "X-7057": R(
        False, [("Amira", "Khalil", None), ("Pa Nhia", "Thao", None), ("Jakub", "Sowa", None)]
    ),
    "X-7058": R(False),
    "X-7059": R(True, [("Kalia", "Xiong", "0464170"), ("Tong", "Lee", "0464712")]),
    "X-7060": R(True, [("Maeve", "O`Connor", "0366810"), ("Kacper", "Nowicki", "0366018")]),
    "X-7061": R(True, [("Declan", "Fahy", "0623345")]),
    "X-7062": R(True, [("Sagal", "Ismail", "0413528"), ("Aaliyah", "Noor", "0412290")]),
    "X-7063": R(
        True, [("Hafsa", "Ali", "0396120"), ("Ayub", "Hirsi", "0396201")], cut="<blockquote"
    ),
    "X-7064": R(
        True,
        [
            ("Ifrah", "Warsame", "0612240", "A."),
            ("Jan", "Kowalczyk", "0613375", "P."),
            ("Vy", "Tran", "0612204", "T."),
        ],
    ),
    "X-7065": R(True, [("Mai-Linh", "Tran", "17209"), ("Long", "Vu", "0417763")]),
    "X-7066": R(True, [("Agnieszka", "Kowal", "00423315")]),
    "X-7067": R(True, [("Hamdi", "Ahmed", "391157")]),
    "X-7068": R(True, [("Conor", "Ó Briain", "0367702")]),
    "X-7069": R(False, [("Nimo", "Yusuf", "0625518")]),
    "X-7070": R(
        True,
        [
            ("Natalia", "Szymańska", "0537741"),
            ("Yousef", "Al-Tamimi", "0537714"),
            ("Hoa", "Nguyen", "0538052"),
        ],
    ),
    "X-7071": R(True, [("Katarzyna", "Dabrowska", "0529730")]),
    "X-7072": R(
        True,
        [
            ("Maeve", "O'Connor", "0366810"),
            ("Jakub", "Zieliński", "0367118"),
            ("Hawa", "Abdullahi", "0367181"),
        ],
    ),
    "X-7073": R(False, [("Itzel", "Cruz Morales", "0368904")]),
    "X-7074": R(True, [("Lukasz", "Michalski", "0454470")]),
    "X-7075": R(True, [("Hoa", "Phạm", "0539916", "Thị")]),
    "X-7076": R(True, [("Hafsa", "Ali", "0396120")]),
    "X-7077": R(True, [("Hibaq", "Guled", "0415862"), ("Hamse", "Guled", "0415826")]),
    "X-7078": R(True, [("Selam", "Tadesse", "0604417")]),
    "X-7079": R(True, [("Mohamed", "Ali", "0541810")]),
    "X-7080": R(True, [("Mohamed", "Ali", "0541180")]),
    "X-7081": R(False, [("Hamza", "Ahmed", "0391175"), ("Paj Ntaub", "Vang", "0402286")]),
    "X-7082": R(True, [("Ismail", "Farah", "0528447"), ("Ayaan", "Mohamed", "0533016")]),
    "X-7083": R(True, [("Sagal", "Ismail", "0413528")]),
    "X-7084": R(True, [("Oliwia", "Kaczmarczyk", "0624481"), ("Abdullahi", "Warsame", "0624418")]),
    "X-7085": R(
        True,
        [
            ("Ryszard", "Górski", "0457702"),
            ("Farhiya", "Omar", "0457207"),
            ("Anh Thu", "Bui", "0458830"),
        ],
    ),
    "X-7086": R(
        True,
        [
            ("Seán", "Ó Riada", "0469925"),
            ("Najma", "Abukar", "0469952"),
            ("Bảo Anh", "Trần", "0470338"),
        ],
    ),
    "X-7087": R(False, [("Bao Anh", "Tran", None)]),
    "X-7088": R(True, [("Amira", "Khalil", "0560318")], cut="> On Sep 28"),
    "X-7089": R(True, [("Nadia", "El-Amin", "0618843"), ("Cormac", "Devlin", None)]),
    "X-7090": R(False),
    "X-7091": R(True, [("Caoimhe", "Ní Mhaoláin", "0643308"), ("Keanu", "D‘Souza", "0643380")]),
    "X-7092": R(
        True,
        [
            ("Abdirizak", "Hassan Nur", "0627751"),
            ("Thi Ngoc Anh", "Ly", "0539203"),
            ("Zaid", "Al-Khatib", "0369014"),
        ],
    ),
    "X-7093": R(
        True,
        [
            ("Liz", "Nowak", "0626604"),
            ("Danny", "Ó Súilleabháin", "0626640"),
            ("Tuan", "Pham", "0627123"),
        ],
    ),
    "X-7094": R(
        True,
        [
            ("Bashir", "Mohamud", "0628870"),
            ("Kinga", "Wrona", "0628807"),
            ("Ngozi", "Okafor", "0629015"),
        ],
    ),
    "X-7095": R(False),
    "X-7096": R(
        True,
        [
            ("Wiktoria", "Pawlak", "0424108"),
            ("Yahya", "Suleiman", "0425518"),
            ("Tomás", "Herrera", "0426630"),
        ],
    ),
    "X-7097": R(True, [("Kalia", "Xiong", "0464170"), ("Mai", "Xiong", "0630082")]),
    "X-7098": R(False),
    "X-7099": R(True, [("Nhi", "Huynh", "0455\u2013903"), ("Hana", "Yusuf", "045\u00a06024")]),
    "X-7100": R(True, [("Hafsa", "Ali", "0396120")]),
    "X-7101": R(True, [("Mai-Linh", "Tran", "0417209"), ("Khadar", "Abdi", "0397734")]),
    "X-7102": R(False, [("Yer", "Lee", "0463351")]),
    "X-7103": R(True, [("Najma", None, "0469952"), ("Seán", None, "0469925")]),
    "X-7104": R(
        True,
        [
            ("Nora", "Quigley", "0411902"),
            ("Kevin", "Dunne", "0413872"),
            ("Daniel", "Ó Ceallaigh", "0408120"),
        ],
    ),
    "X-7105": R(False, [("Valentina", None, None)]),
    "X-7106": R(
        True, [("Tomás", "Herrera", "0426630"), ("Yahya", "Suleiman", "0425518")], cut="border-top"
    ),
    "X-7107": R(True, [("Eliza", "Mróz", "0450019")]),
    "X-7108": R(True, [("Ciarán", "Walsh", "0386627"), ("Fadumo", "Hersi", "0387715")]),
    "X-7109": R(False),
    "X-7110": R(True, [("Filip", "Grabowski", "O4553l0")]),
    "X-7111": R(True, [("Bao Ngoc", "Huynh", "0642210"), ("Róisín", "Duffy", "0641173")]),
    "X-7112": R(True, [("Mahad", "Abdi", "064 0552"), ("Bridget", "Kinsella", "0640-118")]),
    "X-7113": R(True, [("Marek", "Zając", "0449382"), ("Hodan", "Warsame", "0471205")]),
    "X-7114": R(True, [("Yusra", "Al-Amin", "0614472")]),
    "X-7115": R(True, [("Orla", "O’Neill", "0361009"), ("Kieran", "O'Dea", "0368213")]),
    "X-7116": R(False),
    "X-7117": R(
        True,
        [
            ("Ismail", "Farah", "O528447"),
            ("Ismail", "Farah", "0528447"),
            ("Minh Chau", "Le", "0528844"),
        ],
    ),
    "X-7118": R(True, [("Paj", "Vang", "0402286")]),
    "X-7119": R(True, [("Ayub", "Hirsi", "0396201")], cut="On Thu, Oct 1"),
    "X-7120": R(False, [("Hamza", "Ahmed", "0391175"), ("Ciara", "O'Sullivan", "0384410")]),
    "X-7121": R(
        True, [("Anna Maria", "Kowalska", "0369520"), ("Jean Baptiste", "Mukendi", "0369502")]
    ),
    "X-7122": R(True, [("Anna", "Kowalska", "0369520")]),
    "X-7123": R(True, [("Wojciech", "Baran", "0446610")]),
    "X-7124": R(True, [("Hodna", "Warsame", "0471205")]),
    "X-7125": R(False, [("Seán", "Ó Riada", "0469925")]),
    "X-7126": R(True, [("Najma", "Abukar", "0469952"), ("Bảo Anh", "Trần", "0470338")]),
    "X-7127": R(True, [("Bridget", "Kinsella", "640118")]),
    "X-7128": R(True, [("Zuzanna", "Lewandowska", "0427741"), ("Abdullahi", "Roble", "0427714")]),
    "X-7129": R(True, unextracted=True),
    "X-7130": R(False),
    "X-7131": R(
        True,
        [
            ("Aisling", "Carey", "0631142"),
            ("Ahmed", "Abdulkadir", "0631124"),
            ("Lan Anh", "Vo", "0631905"),
        ],
    ),
    "X-7132": R(
        True,
        [
            ("Kinga", "Wrona", "0628807"),
            ("Bridget", "Kinsella", "0640118"),
            ("Mahad", "Abdi", "0640552"),
            ("Mags", "Wiśniewska", "0632270"),
            ("Osman", "Farah", "0S33107"),
            ("Hoa", "Nguyen", "0538052"),
        ],
    ),
    "X-7133": R(True, [("Vy", "Tran", "0612204"), ("Ifrah", "Warsame", "0612240")]),
    "X-7134": R(False),
    "X-7135": R(True, [("Kevin", "Dunne", "0413872")]),
    "X-7136": R(True, [("Huda", "Nasser", "0620377"), ("Jakub", "Sowa", "0621904")]),
    "X-7137": R(True, [("Amira", "KHALIL", "0560318"), ("Pa Nhia", "THAO", "0561129")]),
    "X-7138": R(True, [("Dawit", "Bekele", "O6O3349"), ("Ngoc Han", "Pham", "o6o5512")]),
    "X-7139": R(False),
    "X-7140": R(True, [("Julia", "Kaczmarek", "5330610")]),
    "X-7141": R(True, [("Ella", "Kavanagh", "0364490"), ("Zaid", "Al-Khatib", "0369014")]),
    "X-7142": R(False, [("Safiya", "Adan", None)]),
    "X-7143": R(True, [("Ikram", "Dahir", "0394406")]),
    "X-7144": R(
        True, [("Abu Bakr", "Siddiqui", "0466617"), ("Nour El-Houda", "Bensalem", "0466671")]
    ),
    "X-7145": R(True, [], cut="On Tue, Oct 6", unextracted=True),
    "X-7146": R(
        True,
        [
            ("Caoimhe", "Ní Mhaoláin", "0643308"),
            ("Ngozi", "Okafor", "0629015"),
            ("Hawa", "Abdullahi", "0367181"),
            ("Sagal", "Ismail", "0413528"),
            ("Tomas", "Herrera", "0426630"),
            ("Bilal", "Qureshi", "0395517"),
            ("Chue", "Vang", "0463315"),
            ("Natalia", "Szymanska", "0537741"),
        ],
    ),
    "X-7147": R(False),
    "X-7148": R(
        True, [("Juan Carlos", "Ramírez", "#0535127"), ("Valentina", "Rios Castillo", "#536602")]
    ),
    "X-7149": R(True, [("Rahma", "Said", "0532728"), ("Mohamed", "Ali", None)]),
    "X-7150": R(False),
}

# ------------------------------------------------------------------------------- rules
_APOSTROPHES = "'\u2019\u2018`\u02bc"
_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "L"})


def name_key(text):
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\s\-\u2010-\u2015" + _APOSTROPHES + "]", "", text)
    return text.casefold()


def normalise_id(text):
    """Rule 3: the 7-digit ID, or None when the number is not usable."""
    if text is None:
        return None
    s = re.sub(r"(?i)^\s*(student\s*id|id\s*#|id:?)\s*", "", text)
    s = re.sub(r"[\s\u00a0#\-\u2010-\u2015]", "", s)
    s = s.replace("O", "0").replace("o", "0")
    if not s.isdigit():
        return None
    if len(s) == 6:
        s = "0" + s
    return s if len(s) == 7 else None


def body_text(raw):
    text = re.sub(r"<[^>]+>", " ", raw)
    return html.unescape(text)


def load_roster(roster_dir):
    with open(roster_dir / "users.csv", encoding="utf-8", newline="") as f:
        users = list(csv.DictReader(f))
    with open(roster_dir / "orgs.csv", encoding="utf-8", newline="") as f:
        orgs = list(csv.DictReader(f))
    return users, orgs


def evaluate(ticket, reading, users, orgs):
    """Apply rules 2-7; return (result dict, list of problems with the reading itself)."""
    problems = []
    raw = ticket["body"]
    live = raw
    if reading["cut"]:
        pos = raw.find(reading["cut"])
        if pos < 0:
            problems.append(f"cut marker {reading['cut']!r} not in body")
        else:
            live = raw[:pos]
    haystacks = [live, body_text(live)]
    for student in reading["students"]:
        for piece in student:
            if piece is not None and not any(piece in h for h in haystacks):
                problems.append(f"{piece!r} does not occur in the ticket (before any quote)")

    district = {o["sourcedId"] for o in orgs if o["type"] == "district"}
    by_id = {u["identifier"]: u for u in users if u["role"] == "student"}
    req = [u for u in users if u["email"].lower() == ticket["requester"].lower()]
    requester = req[0] if len(req) == 1 else None
    staff_ok = (
        requester is not None
        and requester["role"] in STAFF_ROLES
        and requester["status"] == "active"
        and requester["enabledUser"] == "true"
    )
    req_orgs = set(requester["orgSourcedIds"].split(",")) if requester else set()

    entries = {}  # key -> status ; key is the normalised ID or a per-line key when no ID
    for n, student in enumerate(reading["students"]):
        first, last, id_text = student[:3]
        sid = normalise_id(id_text)
        key = sid if sid else f"noid-{n}"
        status = "review"
        record = by_id.get(sid) if sid else None
        if reading["reset"] and record is not None and first and last:
            g, f = name_key(record["givenName"]), name_key(record["familyName"])
            a, b = name_key(first), name_key(last)
            name_ok = (a, b) == (g, f) or (a, b) == (f, g)
            state_ok = record["status"] == "active" and record["enabledUser"] == "true"
            org_ok = staff_ok and bool(req_orgs & ({record["orgSourcedIds"]} | district))
            if name_ok and state_ok and org_ok:
                status = "ready"
        if key in entries and entries[key] != status:
            problems.append(f"student {key} is written twice with different outcomes")
        entries[key] = "review" if entries.get(key) == "review" else status

    ready = sorted(k for k, v in entries.items() if v == "ready")
    if not reading["reset"]:
        return {"reset_request": False, "needs_review": False, "ready": []}, problems
    if reading["unextracted"] and reading["students"]:
        problems.append("unextracted is only for tickets where no student can be read")
    needs_review = any(v == "review" for v in entries.values()) or (
        reading["unextracted"] and not entries
    )
    return {"reset_request": True, "needs_review": needs_review, "ready": ready}, problems


def check(tickets, truth, reading, users, orgs):
    errors = []
    names = set(tickets)
    if names != set(truth):
        errors.append(f"tickets vs truth differ: {sorted(names ^ set(truth))}")
    if names != set(reading):
        errors.append(f"tickets vs READING differ: {sorted(names ^ set(reading))}")
    for tid in sorted(names & set(truth) & set(reading)):
        t = tickets[tid]
        for field in (
            "id",
            "subject",
            "category",
            "requester",
            "content_type",
            "body",
            "created_at",
        ):
            if field not in t:
                errors.append(f"{tid}: ticket has no {field}")
        if t.get("id") != tid:
            errors.append(f"{tid}: id field is {t.get('id')!r}")
        got, problems = evaluate(t, reading[tid], users, orgs)
        errors += [f"{tid}: READING: {p}" for p in problems]
        want = truth[tid]
        for field in ("reset_request", "needs_review", "ready"):
            w = sorted(want[field]) if field == "ready" else want[field]
            if got[field] != w:
                errors.append(f"{tid}: {field} truth={w} rules={got[field]}")
        if want["ready"] != sorted(want["ready"]):
            errors.append(f"{tid}: ready list is not sorted")
        if not want.get("why") or not want.get("tags"):
            errors.append(f"{tid}: missing why or tags")
        if (not want["reset_request"]) != ("not_reset" in want["tags"]):
            errors.append(f"{tid}: not_reset tag disagrees with reset_request")
    judged = sum("judgement_call" in v.get("tags", []) for v in truth.values())
    if truth and judged * 10 >= len(truth):
        errors.append(f"{judged} judgement calls out of {len(truth)} (must stay under 10%)")
    return errors


def load_all(base=HERE):
    tickets = {}
    for path in sorted((base / "tickets").glob("*.json")):
        tickets[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
    users, orgs = load_roster(base / "roster")
    return tickets, truth, users, orgs


def self_test():
    tickets, truth, users, orgs = load_all()
    base_errors = check(tickets, truth, READING, users, orgs)
    if base_errors:
        print("self-test needs a clean corpus first:", *base_errors, sep="\n  ")
        return 1

    def planted(description, mutate):
        tk, tr, rd, us = (
            copy.deepcopy(tickets),
            copy.deepcopy(truth),
            copy.deepcopy(READING),
            copy.deepcopy(users),
        )
        mutate(tk, tr, rd, us)
        errs = check(tk, tr, rd, us, orgs)
        print(
            f"[{'caught' if errs else 'MISSED'}] {description}" + (f": {errs[0]}" if errs else "")
        )
        return bool(errs)

    def set_user(us, key, value, field):
        for u in us:
            if u["identifier"] == key or u["email"] == key:
                u[field] = value

    cases = [
        ("truth drops a ready ID", lambda tk, tr, rd, us: tr["X-7001"]["ready"].remove("0468213")),
        (
            "truth adds a quoted student as ready",
            lambda tk, tr, rd, us: tr["X-7007"]["ready"].append("0559044"),
        ),
        (
            "truth calls a printer ticket a reset request",
            lambda tk, tr, rd, us: tr["X-7028"].update(reset_request=True),
        ),
        (
            "truth says no review for a swapped-ID ticket",
            lambda tk, tr, rd, us: tr["X-7004"].update(needs_review=False),
        ),
        (
            "READING names a student who is not in the ticket",
            lambda tk, tr, rd, us: rd["X-7010"]["students"].__setitem__(
                0, ("Yusra", "Al-Amiin", "0614472")
            ),
        ),
        (
            "READING takes a student from the quoted part",
            lambda tk, tr, rd, us: rd["X-7044"]["students"].append(
                ("Rafael", "Domínguez Peña", "0421907")
            ),
        ),
        (
            "roster: a ready student becomes tobedeleted",
            lambda tk, tr, rd, us: set_user(us, "0614472", "tobedeleted", "status"),
        ),
        (
            "roster: a requester is disabled",
            lambda tk, tr, rd, us: set_user(us, "mkeane@hlps.k12.example", "false", "enabledUser"),
        ),
        (
            "roster: a teacher moves to another school",
            lambda tk, tr, rd, us: set_user(
                us, "bmcdermott@hlps.k12.example", "hl-130", "orgSourcedIds"
            ),
        ),
        (
            "ticket requester changed to a parent",
            lambda tk, tr, rd, us: tk["X-7026"].update(requester="the.kowalskis@inbox.example"),
        ),
        (
            "ticket loses its letter-O ID",
            lambda tk, tr, rd, us: tk["X-7031"].update(
                body=tk["X-7031"]["body"].replace("O36O512", "0360512")
            ),
        ),
    ]
    caught = sum(planted(d, m) for d, m in cases)
    print(f"self-test: {caught}/{len(cases)} planted errors caught")
    return 0 if caught == len(cases) else 1


def main(argv):
    if "--self-test" in argv:
        return self_test()
    tickets, truth, users, orgs = load_all()
    errors = check(tickets, truth, READING, users, orgs)
    for e in errors:
        print(e)
    n_reset = sum(v["reset_request"] for v in truth.values())
    n_review = sum(v["reset_request"] and v["needs_review"] for v in truth.values())
    n_ready_ids = sum(len(v["ready"]) for v in truth.values())
    print(
        f"{len(truth)} tickets: {n_reset} reset requests ({n_reset - n_review} fully ready, "
        f"{n_review} need review), {len(truth) - n_reset} not reset; {n_ready_ids} ready IDs; "
        f"{len(errors)} problem(s)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
