"""Independent check of truth.json for the corpus_blind6 tickets (standard library only).

READING below is a hand reading of every ticket: whether it is a reset request (rule 1) and
which students it names, each written exactly as in the ticket (first name, last name, the ID
text; None when no ID is given). From READING and roster/ this script applies rules 2-7 and
compares the result with truth.json. It also checks that every piece of READING occurs in
the ticket text, that no other roster student ID hides in a reset ticket unaccounted for, and
some bookkeeping of tags.

    python3 verify_truth.py              # exit 0 when truth.json agrees
    python3 verify_truth.py --self-test  # plant errors and show that each one is caught
"""

from __future__ import annotations

import argparse
import copy
import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESET, NOT_RESET = True, False
NONE_EXTRACTED = "none_extracted"  # rule 7: refers to students, names none

# ticket: (reset request?, [(first, last, ID text or None), ...], optional NONE_EXTRACTED)
READING: dict[str, tuple] = {
    "Z-9001": (RESET, [("Lucas", "Amaral", "0512046"), ("Dario", "DiNapoli", "0548203")]),
    "Z-9002": (
        RESET,
        [
            ("Joana", "Tavares", "0534409"),
            ("Kervens", "Louissaint", "O545518"),
            ("Dimitra", "Karagiannis", "0556627"),
            ("Souksavanh", "Phommachanh", "0567735"),
        ],
    ),
    "Z-9003": (
        RESET,
        [
            ("Emily", "O\u2019Connell", "0408815"),
            ("Rithy", "Sam", "0431147"),
            ("Mariana", "Cruz-Rivera", "0442258"),
        ],
    ),
    "Z-9004": (
        RESET,
        [
            ("Kostas", "Anagnostou", "0292845"),
            ("Ermira", "Gashi", "292856"),
            ("Lorenzo", "Di Stefano", "0214078"),
        ],
    ),
    "Z-9005": (
        RESET,
        [
            ("Ana Lúcia", "Monteiro", "0725513"),
            ("Marco", "DiPietro", "0703391"),
            ("Antonella", "Ruggiero", "O792291"),
        ],
    ),
    "Z-9006": (RESET, [("Kenia", "Almanzar", "0898564"), ("Cody", "Fontaine", "810786")]),
    "Z-9007": (
        RESET,
        [
            ("Yasmine", "Chamoun", "0326987"),
            ("Phetsamone", "Inthavong", "0360321"),
            ("Soriya", "Kong", "0359210"),
            ("Giovanni", "Lo Bianco", "0348110"),
        ],
    ),
    "Z-9008": (
        RESET,
        [("Beatriz", "Medeiros", "0305512"), ("Wilmarie", "Ocasio Feliciano", "0316623")],
    ),
    "Z-9009": (
        RESET,
        [
            ("Declan", "O'Sullivan", "0304765"),
            ("Leila", "Abi Nader", "0747746"),
            ("Prakash", "Dahal", "0770068"),
        ],
    ),
    "Z-9010": (
        RESET,
        [
            ("Bounmy", "Keomany", "0349956"),
            ("Sunita", "Ghimire", "0453369"),
            ("Bishal", "Ghimire", "0453396"),
        ],
    ),
    "Z-9011": (
        RESET,
        [
            ("Mercy", "Kabongo", "0512388"),
            ("Blerta", "Krasniqi", "0523497"),
            ("Arben", "Krasniqi", "0523479"),
        ],
    ),
    "Z-9012": (
        RESET,
        [
            ("Stavros", "Demetriou", "Student ID: 0714402"),
            ("Catarina", "Couto", "ID# 0714413"),
            ("Bryce", "Dunham", "#0703302"),
        ],
    ),
    "Z-9013": (RESET, [("Giuliana", "Ferrante", "0623417"), ("Mateus", "Pina", "0623471")]),
    "Z-9014": (
        RESET,
        [
            ("Alexandros", "Pappas", "031-5876"),
            ("Nirmala", "Pradhan", "0 371 432"),
            ("Guy-Roland", "Kasongo", "0382-543"),
        ],
    ),
    "Z-9015": (
        RESET,
        [
            ("Emily", "O'Connell", "408851"),
            ("Rose-Merline", "Dorval", "486692"),
            ("Connor", "McNeil", "497703"),
        ],
    ),
    "Z-9016": (
        RESET,
        [
            ("Faith", "O'Rourke", "0548230"),
            ("Chance", "Pettengill", "0514478"),
            ("Rich", "Gagnon", "0578844"),
        ],
    ),
    "Z-9017": (
        RESET,
        [
            ("Dil Kumar", "Subba", "0247390"),
            ("Tara", "Limbu", "0258401"),
            ("Pisey", "Nhem", "0269512"),
        ],
    ),
    "Z-9018": (RESET, [("Evangelos", "Tsoukalas", "0781180"), ("Sofia", "Kyriakou", "0703313")]),
    "Z-9019": (RESET, [("Yeison", "Mejia Almonte", "0225178"), ("Julian", "Rosario", "0236290")]),
    "Z-9020": (RESET, [("Anaïs", "Saint-Fleur", "0571135"), ("Mylène", "Desrosiers", "0571153")]),
    "Z-9021": (
        RESET,
        [
            ("Yanelis", "Peralta De Jesus", "0770079"),
            ("Kenny", "Rivera Soto", "0725524"),
            ("Alejandro", "Matos-Rivera", "0792202"),
        ],
    ),
    "Z-9022": (RESET, [("Drita", "Shala", "0769957"), ("Gezim", "Dervishi", "0725535")]),
    "Z-9023": (RESET, [("Isabella", "Da Silva", "0590061"), ("Sophia", "DaSilva", "0589953")]),
    "Z-9024": (
        RESET,
        [
            ("Frank", "Albanese", "0327734"),
            ("Owen", "St. Pierre", "0372289"),
            ("Hannah", "Van Der Meer", "0361178"),
        ],
    ),
    "Z-9025": (
        RESET,
        [
            ("Nathalie", "Augustin", "0747735"),
            ("Natalia", "Augustine", "0747736"),
            ("Mackenzie", "Pratt", "0769968"),
        ],
    ),
    "Z-9026": (
        RESET,
        [
            ("Maria Clara", "Fontes", "0394401"),
            ("Précieuse", "Ilunga", "0350067"),
            ("Matthew", "Goodale", "0316634"),
        ],
    ),
    "Z-9027": (RESET, [("Khamla", "Sisavath", "0567753"), ("Nicolas", "Vargas Mena", "0534415")]),
    "Z-9028": (
        RESET,
        [
            ("Mikaela", "Lynch", "0203956"),
            ("Finn", "MacKinnon", "0203967"),
            ("Zoe", "Nassar", "0225189"),
            ("Hope", "Blanchard", "0247301"),
            ("Gabriel", "Dos Santos", "0281734"),
        ],
    ),
    "Z-9029": (RESET, [("Brayan", "Guzman Pena", "0348109"), ("Connor", "MacNeil", "0258412")]),
    "Z-9030": (RESET, [("Bora", "Long", "0747757")]),
    "Z-9031": (RESET, [("Divine", "Tshibanda", "0270623")]),
    "Z-9032": (
        RESET,
        [
            ("Sreyneang", "Chhun", "0559314"),
            ("Khamphet", "Sayavong", "0792280"),
            ("Sovann", "Ouk", "0781179"),
        ],
    ),
    "Z-9033": (
        RESET,
        [
            ("Eleni", "Papageorgiou", "0593318"),
            ("Seamus", "MacLeod", "0503340"),
            ("Angelo", "Della Rocca", "0501172"),
        ],
    ),
    "Z-9034": (
        RESET,
        [
            ("Shane", "MacIsaac", "0887453"),
            ("Xhesika", "Leka", "0821897"),
            ("Ganga", "Biswa", "0832908"),
            ("Trevor", "Oakes", "0843019"),
        ],
    ),
    "Z-9035": (RESET, [("Christelle", "Mbala", "o714424"), ("Eamon", "MacPhee", "0736635")]),
    "Z-9036": (RESET, [("Tyler", "Bouchard", "0865231"), ("Guy", "Bergeron", "0809675")]),
    "Z-9037": (RESET, [("Ray", "Lindgren", "0464470"), ("Francesca", "Bellantoni", "0419920")]),
    "Z-9038": (RESET, [("Eli", "Thorndike", "0420036"), ("Mirela", "Hasani", "0420047")]),
    "Z-9039": (
        RESET,
        [
            ("Emmanuella", "Fils-Aime", "0538812"),
            ("Vasiliki", "Kourtis", "0526609"),
            ("Bill", "Kourtis", "0526690"),
        ],
    ),
    "Z-9040": (
        RESET,
        [("Jean-Baptiste", "Mukendi", "0651190"), ("Rosa Elena", "Batista Nunez", "0619935")],
    ),
    "Z-9041": (
        RESET,
        [
            ("Karim", "Fakhoury", "0758857"),
            ("Mackenzie", "Pratt", "0769968"),
            ("Wilner", "Desir", "0736624"),
        ],
    ),
    "Z-9042": (
        RESET,
        [
            ("Abigail", "Winslow", "0315887"),
            ("Tomas", "Furtado", "0326998"),
            ("Drilon", "Hoxha", "0393654"),
        ],
    ),
    "Z-9043": (RESET, [("Jaime", "Oliveira", "0854120"), ("Jaime", "Oliveira", "0845120")]),
    "Z-9044": (RESET, [("Ava", "Pelkey", "0408826"), ("Connor", "McNeil", "0497703")]),
    "Z-9045": (RESET, [("Kayla", "McManus", "0337098")]),
    "Z-9046": (RESET, [("Fabiola", "Joseph", "0537781"), ("Wisly", "Pierre Louis", "0537718")]),
    "Z-9047": (RESET, [("Kelvin", "Barros", "0545581"), ("Edilson", "Tavares", "0534490")]),
    "Z-9048": (RESET, [("Carolina", "Pires", "0214067"), ("Peterson", "Jean-Louis", "0236289")]),
    "Z-9049": (
        RESET,
        [
            ("Faith", "O'Rourke", "0548230"),
            ("Faith", "O'Rourke", "O548230"),
            ("Guy", "Thibodeau", "0560027"),
        ],
    ),
    "Z-9050": (RESET, [("Rose-Merline", "Dorval", "0486692")]),
    "Z-9051": (RESET, [("Lucia", "Amaral", "05120644"), ("Seamus", "MacLeod", "0503340")]),
    "Z-9052": (RESET, [("Joana", "Tavares", "034409"), ("Edilson", "Tavares", "0534490")]),
    "Z-9053": (RESET, [("Mikaela", "Lynch", "03956")]),
    "Z-9054": (RESET, [("Lucia", "Amaral", "0512046"), ("Nour", "Abi Nader", "0501127")]),
    "Z-9055": (RESET, [("Kostas", "Anagnostou", "0292845"), ("Ermira", "Gashi", "0292865")]),
    "Z-9056": (RESET, [("Kervins", "Louissaint", "0545518"), ("Mercy", "Kabongo", "0512388")]),
    "Z-9057": (RESET, [("Ray", "Costa", "0475581"), ("Ray", "Lindgren", "0464470")]),
    "Z-9058": (RESET, [("Mike", "Reardon", "0758868"), ("Katie", "Shattuck", "0769979")]),
    "Z-9059": (RESET, [("Manny", "Pacheco", "0876342"), ("Shane", "MacIsaac", "0887453")]),
    "Z-9060": (RESET, [("Frank", "Guarino", "0338845"), ("Frank", "Albanese", "0327734")]),
    "Z-9061": (RESET, [("Sunny", "", "0327745"), ("Bounmy", "Keomany", "0349956")]),
    "Z-9062": (RESET, [("Destiny", "Barbosa", "0559425"), ("Sreyneang", "Chhun", "0559314")]),
    "Z-9063": (RESET, [("Siena", "Lombardi", "0578848")]),
    "Z-9064": (RESET, [("Jonah", "Abernathy", "0419931"), ("Eli", "Thorndike", "0420036")]),
    "Z-9065": (RESET, [("Aiden", "O'Shea", "0383390")]),
    "Z-9066": (RESET, [("Declan", "O'Sullivan", "0304765"), ("Abigail", "Winslow", "0315887")]),
    "Z-9067": (RESET, [("Kelvin", "Barros", "student ID 0545581")]),
    "Z-9068": (RESET, [("Stavros", "Demetriou", "0714402")]),
    "Z-9069": (RESET, [("Bora", "Long", "0747757"), ("Catarina", "Couto", "0714413")]),
    "Z-9070": (RESET, [("Lucas", "Amaral", "0512046")]),
    "Z-9071": (RESET, [("Dimitra", "Karagiannis", "0556627")]),
    "Z-9072": (RESET, [("Eleni", "Papageorgiou", "0593318"), ("Joana", "Tavares", "0534409")]),
    "Z-9073": (RESET, [("Soriya", "Kong", "0359210"), ("Stavros", "Demetriou", "0714402")]),
    "Z-9074": (RESET, [("Gabriel", "Dos Santos", "0281743")]),
    "Z-9075": (RESET, [], NONE_EXTRACTED),
    "Z-9076": (RESET, [], NONE_EXTRACTED),
    "Z-9077": (RESET, [], NONE_EXTRACTED),
    "Z-9078": (RESET, [("Phetsamone", "Inthavong", "O36O32l"), ("Nirmala", "Pradhan", "0371432")]),
    "Z-9079": (RESET, [("Sovann", "Ouk", "078I179")]),
    "Z-9080": (RESET, [("Tara", "Limbu", "0258401"), ("Zoe", "Nassar", None)]),
    "Z-9081": (RESET, [("Emily", "O'Connell", None)]),
    "Z-9082": (RESET, [("Ana", "Monteiro", "0725513"), ("Wilner", "Desir", "0736624")]),
    "Z-9083": (RESET, [("Wilmarie", "Ocasio", "0316623"), ("Hannah", "Van Der Meer", "0361178")]),
    "Z-9084": (RESET, [("Kiara", "Rodriguez", "0582260"), ("Yandel", "Santiago Ortiz", "0582206")]),
    "Z-9085": (RESET, [("Rosa Elena", "Batista-Nuñez", "#0619935")]),
    "Z-9086": (RESET, [("Dil", "Subba", "0247390"), ("Pisey", "Nhem", "0269512")]),
    "Z-9087": (
        RESET,
        [("Lily-Ann", "MacDougall", "0501279"), ("Panagiotis", "Karagiannis", "0556672")],
    ),
    "Z-9088": (RESET, [("Phetsamone", "Inthavong", "0360321"), ("Nirmala", "Pradhan", "0371423")]),
    "Z-9089": (RESET, [("Tiago", "Medeiros", "0305512"), ("Owen", "St. Pierre", "0372289")]),
    "Z-9090": (RESET, [("Natalia", "Augustine", "0747735")]),
    "Z-9091": (RESET, [], NONE_EXTRACTED),
    "Z-9092": (RESET, [("Drita", "Shala", "0769957")]),
    "Z-9093": (RESET, [("Drilon", "Hoxha", "0393654")]),
    "Z-9094": (RESET, [], NONE_EXTRACTED),
    "Z-9095": (RESET, [("Karim", "Fakhoury", "0758857")]),
    "Z-9096": (
        RESET,
        [("Dimitra", "Karagiannis", "0556627"), ("Panagiotis", "Karagiannis", "0556672")],
    ),
    "Z-9097": (RESET, [("Précieuse", "Ilunga", "0350067"), ("Pisey", "Nhem", "0269512")]),
    "Z-9098": (
        RESET,
        [
            ("Fabiola", "Joseph", "0537781"),
            ("Eleni", "Papageorgiou", "0593318"),
            ("Kervens", "Louissaint", "0545518"),
        ],
    ),
    "Z-9099": (
        RESET,
        [
            ("Jacqueline", "Morin", "0770080"),
            ("Dominique", "Toussaint", "0781191"),
            ("Marco", "Di Pietro", "0703391"),
        ],
    ),
    "Z-9100": (RESET, [("Dayana", "Tejada", "0305567"), ("Précieuse", "Ilunga", "0350067")]),
    "Z-9101": (RESET, [("Leila", "Abi-Nader", "0747746"), ("Drita", "Shala", "769957")]),
    "Z-9102": (RESET, [("SEAMUS", "MACLEOD", "0503340"), ("ANGELO", "DELLA ROCCA", "0501172")]),
    "Z-9103": (RESET, [("Rithy", "Sam", "O43 1147"), ("Sunita", "Ghimire", "0453369")]),
    "Z-9104": (RESET, [("Yasmine", "Chamoun", "0326-9877"), ("Guy-Roland", "Kasongo", "0382543")]),
    "Z-9105": (RESET, [("Emily", "O'Connell", "0408815"), ("Sophia", "DaSilva", "0589953")]),
    "Z-9106": (
        RESET,
        [("Kiara", "Rodríguez Colón", "0582260"), ("Wisly", "Pierre-Louis", "0537718")],
    ),
    "Z-9107": (RESET, [("Yasmine", "Chamoun", "0326987"), ("Karim", "Fakhoury", "0758857")]),
    "Z-9108": (RESET, [("Guy", "Thibodeau", "0560027")]),
    "Z-9109": (RESET, [("TREVOR", "OAKES", "0843019"), ("XHESIKA", "LEKA", "0821897")]),
    "Z-9110": (NOT_RESET, []),
    "Z-9111": (NOT_RESET, []),
    "Z-9112": (NOT_RESET, []),
    "Z-9113": (NOT_RESET, []),
    "Z-9114": (NOT_RESET, []),
    "Z-9115": (NOT_RESET, []),
    "Z-9116": (NOT_RESET, []),
    "Z-9117": (NOT_RESET, []),
    "Z-9118": (NOT_RESET, []),
    "Z-9119": (NOT_RESET, []),
    "Z-9120": (NOT_RESET, []),
    "Z-9121": (NOT_RESET, []),
    "Z-9122": (NOT_RESET, []),
    "Z-9123": (NOT_RESET, []),
    "Z-9124": (NOT_RESET, []),
    "Z-9125": (NOT_RESET, []),
    "Z-9126": (NOT_RESET, []),
    "Z-9127": (NOT_RESET, []),
    "Z-9128": (NOT_RESET, []),
    "Z-9129": (NOT_RESET, []),
    "Z-9130": (NOT_RESET, []),
    "Z-9131": (NOT_RESET, []),
    "Z-9132": (NOT_RESET, []),
    "Z-9133": (NOT_RESET, []),
    "Z-9134": (NOT_RESET, []),
    "Z-9135": (NOT_RESET, []),
    "Z-9136": (NOT_RESET, []),
    "Z-9137": (NOT_RESET, []),
    "Z-9138": (NOT_RESET, []),
    "Z-9139": (NOT_RESET, []),
    "Z-9140": (NOT_RESET, []),
    "Z-9141": (NOT_RESET, []),
    "Z-9142": (NOT_RESET, []),
    "Z-9143": (NOT_RESET, []),
    "Z-9144": (NOT_RESET, []),
    "Z-9145": (RESET, [("Catarina", "Couto", "Student ID 0714413")]),
    "Z-9146": (RESET, [("Francesco", "Guarino", "0338845"), ("Matthew", "Goodale", "316634")]),
    "Z-9147": (
        RESET,
        [
            ("Gabriel", "Dos Santos", "0281743"),
            ("Hope", "Blanchard", "0247301"),
            ("Soriya", "Kong", "O359210"),
        ],
    ),
    "Z-9148": (
        RESET,
        [
            ("Kenia", "Almánzar", "898564"),
            ("Jaime", "Oliveira", "O854120"),
            ("Sunny", "Chhim", "0327745"),
            ("Hannah", "Van Der Meer", "O361178"),
            ("Faith", "Nkulu", "0758846"),
            ("Bora", "Long", "0747 757"),
            ("Khamla", "Sisavath", "0567753"),
            ("Mercy", "Kabongo", "0512388"),
        ],
    ),
    "Z-9149": (RESET, [("Nour", "Abi Nader", "Student ID: 0501127")]),
    "Z-9150": (RESET, [("Mia", "Sousa", "0270634"), ("Samantha", "Doyle", "0337009")]),
}

# Numbers in reset tickets that look like student IDs but are not student lines (quoted
# earlier messages, echoed examples, withdrawn or hardware-only mentions), as written.
NOT_STUDENT_LINES: dict[str, list[str]] = {
    "Z-9029": ["0326998", "0304765"],
    "Z-9030": ["0725513", "0703391", "0792291"],
    "Z-9091": ["0781180", "0703313", "0714402"],
    "Z-9092": ["0725535"],
    "Z-9093": ["0326998"],
    "Z-9094": ["0270634", "0315876"],
    "Z-9096": ["0534409", "0545518"],
    "Z-9097": ["0123456"],
}

# Students a reset ticket names but does not ask to reset (called off, or written about
# another matter): each is an entry in review (rule 2), never ready.
UNWANTED: dict[str, list[tuple[str, str, str]]] = {
    "Z-9092": [("Gezim", "Dervishi", "0725535")],
    "Z-9093": [("Tomás", "Furtado", "0326998")],
}

STAFF_ROLES = {"teacher", "administrator", "aide"}
IGNORED_IN_NAMES = str.maketrans("", "", " -'\u2019\u2018\u02bc\u00a0")
ID_LABEL = re.compile(r"^(?:student\s*id|student\s*#|id\s*#|id|#)\s*[:#]?\s*", re.I)
CANDIDATE = re.compile(r"(?<![\w#])[0-9Oo](?:[ -]?[0-9Oo]){4,8}(?![\w])")


# ---------------------------------------------------------------------------- loading


def load(root: Path) -> dict:
    with (root / "roster" / "orgs.csv").open(encoding="utf-8", newline="") as fh:
        orgs = list(csv.DictReader(fh))
    with (root / "roster" / "users.csv").open(encoding="utf-8", newline="") as fh:
        users = list(csv.DictReader(fh))
    tickets = {}
    for path in sorted((root / "tickets").glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        tickets[ticket["id"]] = ticket
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    return {"orgs": orgs, "users": users, "tickets": tickets, "truth": truth}


def ticket_text(ticket: dict) -> str:
    """The ticket text as a reader sees it: tags removed, entities decoded, spaces folded."""
    body = ticket["body"]
    if ticket["content_type"] == "text/html":
        body = re.sub(r"(?is)<(style|head)\b.*?</\1>", " ", body)
        body = re.sub(r"<[^>]+>", " ", body)
        body = html.unescape(body)
    return re.sub(r"\s+", " ", body.replace("\u00a0", " "))


# ---------------------------------------------------------------------------- the rules


def fold(name: str) -> str:
    """Rule 4: case, accents, hyphens, apostrophes and spaces do not matter."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(IGNORED_IN_NAMES)


def normalise_id(text: str | None) -> tuple[str | None, str]:
    """Rule 3. Returns (7-digit ID or None, why it is unusable)."""
    if text is None:
        return None, "no ID"
    core = ID_LABEL.sub("", text.strip())
    core = re.sub(r"[\s\-#]", "", core)
    core = core.replace("O", "0").replace("o", "0")
    if not core.isdigit():
        return None, f"other characters in {text!r}"
    if len(core) == 6:
        core = "0" + core
    if len(core) != 7:
        return None, f"{len(core)} digits in {text!r}"
    return core, ""


def decide(
    reading: tuple, requester: str, data: dict, reading_id: str = ""
) -> tuple[bool, set[str], bool, list]:
    """Apply rules 2-7 to one hand reading; return (reset, ready, needs_review, notes)."""
    reset, students = reading[0], reading[1]
    none_extracted = len(reading) > 2 and reading[2] == NONE_EXTRACTED
    if not reset:
        return False, set(), False, []
    by_id = {u["identifier"]: u for u in data["users"] if u["role"] == "student"}
    staff = {u["email"].lower(): u for u in data["users"]}
    district = {o["sourcedId"] for o in data["orgs"] if o["type"] == "district"}
    req = staff.get(requester.lower())
    req_ok = (
        req is not None
        and req["role"] in STAFF_ROLES
        and req["status"] == "active"
        and req["enabledUser"] == "true"
    )
    req_orgs = set(req["orgSourcedIds"].split(",")) if req_ok else set()
    entries: dict[str, tuple[str, str]] = {}  # rule 2: one entry per distinct student
    for n, (first, last, id_text) in enumerate(students):
        sid, problem = normalise_id(id_text)
        key = sid if sid else f"#{n}"
        status, why = "ready", ""
        record = by_id.get(sid) if sid else None
        if sid is None:
            status, why = "review", problem
        elif record is None:
            status, why = "review", f"{sid} is in no roster record"
        elif not last or not first:
            status, why = "review", "first or last name missing"
        elif (fold(first), fold(last)) not in (
            (fold(record["givenName"]), fold(record["familyName"])),
            (fold(record["familyName"]), fold(record["givenName"])),
        ):
            status, why = (
                "review",
                (f"{first} {last} != roster {record['givenName']} {record['familyName']}"),
            )
        elif record["status"] != "active" or record["enabledUser"] != "true":
            status, why = "review", f"record {record['status']}/{record['enabledUser']}"
        elif not req_ok:
            status, why = "review", f"requester {requester} may not ask"
        elif not (req_orgs & (district | {record["orgSourcedIds"]})):
            status, why = "review", "requester is at another school"
        if key in entries and entries[key][0] != status:
            status, why = "review", "named twice with different results"
        entries[key] = (status, why)
    # Named but called off, or named about another matter: an entry (rule 2) in review.
    for first, last, id_text in UNWANTED.get(reading_id, []):
        sid, _ = normalise_id(id_text)
        entries[sid or f"#{first}"] = ("review", f"{first} {last} is not asked for")
    ready = {k for k, (status, _) in entries.items() if status == "ready"}
    any_review = any(status == "review" for status, _ in entries.values())
    needs_review = any_review or (none_extracted and not entries)
    notes = [f"{k}: {why}" for k, (status, why) in entries.items() if status == "review"]
    return True, ready, needs_review, notes


# ---------------------------------------------------------------------------- checks


def check(data: dict, reading: dict, ignored: dict) -> list[str]:
    errors: list[str] = []
    tickets, truth = data["tickets"], data["truth"]
    student_ids = {u["identifier"] for u in data["users"] if u["role"] == "student"}
    for missing in sorted(set(tickets) ^ set(truth)):
        errors.append(f"{missing}: in only one of tickets/ and truth.json")
    for missing in sorted(set(tickets) ^ set(reading)):
        errors.append(f"{missing}: in only one of tickets/ and READING")
    judgement = 0
    for tid in sorted(set(tickets) & set(truth) & set(reading)):
        ticket, expect, read = tickets[tid], truth[tid], reading[tid]
        text = ticket_text(ticket)
        for first, last, id_text in read[1]:
            for piece in (first, last, id_text):
                if piece and piece not in text:
                    errors.append(f"{tid}: {piece!r} does not occur in the ticket")
        if read[0] and read[1] == [] and not (len(read) > 2 and read[2] == NONE_EXTRACTED):
            errors.append(f"{tid}: a reset request with no students must say NONE_EXTRACTED")
        accounted = {normalise_id(s)[0] for _, _, s in read[1]}
        accounted |= {normalise_id(s)[0] for s in ignored.get(tid, [])}
        if read[0]:
            for match in CANDIDATE.finditer(text):
                sid, _ = normalise_id(match.group())
                if sid in student_ids and sid not in accounted:
                    errors.append(f"{tid}: {match.group()!r} is a student ID not in READING")
        reset, ready, needs_review, notes = decide(read, ticket["requester"], data, tid)
        if reset != expect["reset_request"]:
            errors.append(f"{tid}: reset_request {reset} != truth {expect['reset_request']}")
        if sorted(ready) != expect["ready"]:
            errors.append(f"{tid}: ready {sorted(ready)} != truth {expect['ready']} {notes}")
        if needs_review != expect["needs_review"]:
            errors.append(
                f"{tid}: needs_review {needs_review} != truth {expect['needs_review']} {notes}"
            )
        tags = expect.get("tags", [])
        if not tags or "\n" in expect.get("why", "\n") or not expect["why"].strip():
            errors.append(f"{tid}: needs tags and a one-line why")
        if ("not_reset" in tags) == reset:
            errors.append(f"{tid}: tag not_reset disagrees with reset_request")
        if ("mixed" in tags) != (bool(ready) and needs_review and bool(notes)):
            errors.append(f"{tid}: tag mixed disagrees with the result")
        judgement += "judgement_call" in tags
    if tickets and judgement / len(tickets) >= 0.08:
        errors.append(f"{judgement} judgement calls is 8% of the tickets or more")
    return errors


# ---------------------------------------------------------------------------- self-test


def self_test(data: dict) -> int:
    def first_ready(tid: str) -> str:
        return data["truth"][tid]["ready"][0]

    def plant_truth(mutate):
        planted = copy.deepcopy(data)
        mutate(planted["truth"])
        return planted, READING, NOT_STUDENT_LINES

    def plant_reading(mutate):
        reading = copy.deepcopy(READING)
        mutate(reading)
        return data, reading, NOT_STUDENT_LINES

    def plant_roster(mutate):
        planted = copy.deepcopy(data)
        mutate(planted)
        return planted, READING, NOT_STUDENT_LINES

    def set_user(planted: dict, key: str, value: str, field: str, new: str) -> None:
        for user in planted["users"]:
            if user[key] == value:
                user[field] = new

    def drop_ticket(planted: dict) -> None:
        del planted["tickets"]["Z-9013"]

    def reading_swap(reading: dict) -> None:
        reading["Z-9039"] = (
            RESET,
            [(a, b, "0526690" if c == "0526609" else c) for a, b, c in reading["Z-9039"][1]],
        )

    cases = [
        ("a ready ID dropped from truth", plant_truth(lambda t: t["Z-9001"]["ready"].pop())),
        (
            "a review student's ID added to truth",
            plant_truth(lambda t: t["Z-9051"]["ready"].append("0512064")),
        ),
        ("needs_review flipped", plant_truth(lambda t: t["Z-9062"].update(needs_review=False))),
        (
            "reset_request flipped on a not-reset ticket",
            plant_truth(lambda t: t["Z-9114"].update(reset_request=True)),
        ),
        (
            "a quoted student made ready",
            plant_truth(lambda t: t["Z-9030"]["ready"].append("0725513")),
        ),
        (
            "a name in READING that the ticket does not contain",
            plant_reading(
                lambda r: r.update(
                    {"Z-9011": (RESET, [("Mercy", "Kabonga", "0512388")] + r["Z-9011"][1][1:])}
                )
            ),
        ),
        ("READING given a sibling's ID", plant_reading(reading_swap)),
        (
            "an unread student ID left in a ticket",
            plant_reading(lambda r: r.update({"Z-9017": (RESET, r["Z-9017"][1][:2])})),
        ),
        (
            "a ready student made tobedeleted in the roster",
            plant_roster(
                lambda d: set_user(d, "identifier", first_ready("Z-9034"), "status", "tobedeleted")
            ),
        ),
        (
            "a ready student disabled in the roster",
            plant_roster(
                lambda d: set_user(d, "identifier", first_ready("Z-9007"), "enabledUser", "false")
            ),
        ),
        (
            "the requester disabled in the roster",
            plant_roster(
                lambda d: set_user(d, "email", "wcoffin@tvrsd.k12.example", "enabledUser", "false")
            ),
        ),
        (
            "the requester moved to another school",
            plant_roster(
                lambda d: set_user(
                    d,
                    "email",
                    "adimarzio@tvrsd.k12.example",
                    "orgSourcedIds",
                    next(
                        u["orgSourcedIds"]
                        for u in d["users"]
                        if u["email"] == "fpapadakis@tvrsd.k12.example"
                    ),
                )
            ),
        ),
        ("a ticket file missing", plant_roster(drop_ticket)),
    ]
    failed = 0
    for label, (planted, reading, ignored) in cases:
        errors = check(planted, reading, ignored)
        verdict = "caught" if errors else "NOT CAUGHT"
        failed += not errors
        print(f"{verdict:>10}: {label}" + (f"  ({errors[0]})" if errors else ""))
    clean = check(data, READING, NOT_STUDENT_LINES)
    print(f"unplanted data: {len(clean)} error(s)")
    return 1 if failed or clean else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--self-test", action="store_true", help="plant errors, expect them")
    parser.add_argument("--root", type=Path, default=HERE)
    args = parser.parse_args()
    data = load(args.root)
    if args.self_test:
        return self_test(data)
    errors = check(data, READING, NOT_STUDENT_LINES)
    for error in errors:
        print(error)
    truth = data["truth"]
    resets = [t for t in truth.values() if t["reset_request"]]
    print(
        f"{len(truth)} tickets: {len(resets)} reset requests "
        f"({sum(not t['needs_review'] for t in resets)} fully ready, "
        f"{sum(t['needs_review'] for t in resets)} need review), "
        f"{len(truth) - len(resets)} not reset; "
        f"{sum(len(t['ready']) for t in truth.values())} ready IDs"
    )
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
