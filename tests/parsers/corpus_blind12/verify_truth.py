"""Re-check truth.json against the roster and the tickets (standard library only).

    python3 verify_truth.py        # exit 0 when truth.json agrees with rules 2-7

READING is written by hand: for each ticket, whether it is a reset request (rule 1), whether
it refers to students it does not list (rule 7), and every student line as (first name,
last name, ID) written exactly as in the ticket (ID None when the ticket gives none). Quoted
history, signatures and examples (rule 8) are left out of READING on purpose.
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
STAFF_ROLES = {"teacher", "administrator", "aide"}

READING = {
    "Q-1001": (
        True,
        False,
        [
            ("Zofia", "Nowak", "0148213"),
            ("Kacper", "Wisniewski", "0148231"),
            ("Jun Hao", "Lin", "0152940"),
        ],
    ),
    "Q-1002": (
        False,
        False,
        [
            ("Omar", "Al-Haddad", "0170064"),
            ("Oksana", "Orlova", "0170046"),
        ],
    ),
    "Q-1003": (
        True,
        False,
        [
            ("Ayaan", "Rahman", "0301184"),
            ("Tasnim", "Akter", "0303527"),
            ("Zi Xuan", "Lin", "321196"),
            ("Bilal", "Qassem", "0324427"),
        ],
    ),
    "Q-1004": (
        True,
        False,
        [
            ("Piotr", "Lewandowski", "0905690"),
            ("Shamar", "Gordon", "0911389"),
            ("Drita", "Morina", "0915745"),
        ],
    ),
    "Q-1005": (True, True, []),
    "Q-1006": (
        True,
        False,
        [
            ("Sumaiya", "Islam", "0410055"),
            ("Rayhan", "Uddin", "412286"),
            ("Marisol", "Reyes", "0414519"),
        ],
    ),
    "Q-1007": (
        True,
        False,
        [
            ("Kamila", "Wójcik", "0840011"),
            ("Otabek", "Mirzaev", "O853299"),
        ],
    ),
    "Q-1008": (False, False, []),
    "Q-1009": (
        True,
        False,
        [
            ("Siu Ming", "Kwok", "0930112"),
            ("Farhan", "Ahmed", "0932345"),
            ("Natalia", "Smirnova", "0934578"),
            ("Gjergj", "Dushku", "0936701"),
            ("Anthony", "Rodriguez", "0921443"),
        ],
    ),
    "Q-1010": (
        True,
        False,
        [
            ("Chloe", "Toussaint", "0903467"),
            ("Sherzod", "Karimov", "0956612"),
            ("Kemar", "Bailey", "0938934"),
        ],
    ),
    "Q-1011": (
        True,
        False,
        [
            ("Kwame", "Mensah", "0232218"),
            ("Sergei", "Ivanov", "0227781"),
        ],
    ),
    "Q-1012": (
        True,
        False,
        [
            ("Maksim", "Sidorov", "0913512"),
            ("Yaw", "Asante", "0919201"),
        ],
    ),
    "Q-1013": (
        True,
        False,
        [
            ("Yaneisy", "Rodríguez Peña", "0174420"),
        ],
    ),
    "Q-1014": (
        True,
        False,
        [
            ("Zofia", "Nowak", "0148213"),
        ],
    ),
    "Q-1015": (
        True,
        False,
        [
            ("Sadia", "Chowdhury", "0176631"),
            ("Tahmid", "Hossain", "0187720"),
        ],
    ),
    "Q-1016": (
        True,
        False,
        [
            ("stephanie", "desir", "312285"),
            ("tavian", "reid", "0315519"),
            ("o'shane", "grant", "O348869"),
        ],
    ),
    "Q-1017": (True, True, []),
    "Q-1018": (True, True, []),
    "Q-1019": (
        True,
        False,
        [
            ("Chris", "Thompson", "0243359"),
            ("Wing Yan", "Chan", "0210458"),
        ],
    ),
    "Q-1020": (
        True,
        False,
        [
            ("Olamide", "Ogunleye", "0246602"),
            ("Kwame", "Mensah", "0232218"),
        ],
    ),
    "Q-1021": (
        True,
        False,
        [
            ("Mariama", "Bah", "0333341"),
            ("Ibrahim", "Kamara", "0336647"),
        ],
    ),
    "Q-1022": (
        True,
        False,
        [
            ("Jaheim", "Stewart", "09700034"),
            ("Tanvir", "Alam", "0974490"),
            ("Kervens", "Joseph", "976623"),
        ],
    ),
    "Q-1023": (
        True,
        False,
        [
            ("Nikita", "Orlov", "80045"),
            ("Yahya", "Al-Awadi", "0982278"),
            ("Ashley", "Batista Urena", "0984401"),
            ("Jermaine", "Clarke", "0986634"),
        ],
    ),
    "Q-1024": (
        True,
        False,
        [
            ("Nazmul", "Haque", "08244O8"),
            ("Erjon", "Berisha", "082663l"),
            ("Wen Jie", "Guo", "0828864"),
        ],
    ),
    "Q-1025": (
        True,
        False,
        [
            ("Tatiana", "Morozova", "0833320"),
            ("Samantha", "Clarke", "0822175"),
        ],
    ),
    "Q-1026": (
        True,
        False,
        [
            ("Victoria", "Kuznetsova", "0339970"),
            ("Riya", "Das", "0342203"),
        ],
    ),
    "Q-1027": (
        True,
        False,
        [
            ("Kevin", "Chen", None),
            ("Hanna", "Kowalczyk", "0318863"),
        ],
    ),
    "Q-1028": (
        True,
        False,
        [
            ("Kevin", "Chen", "0354536"),
            ("Wei", "Chen", "0183306"),
            ("Wei", "Chen", "0283306"),
        ],
    ),
    "Q-1029": (
        True,
        False,
        [
            ("Wei", "Chen", "0283306"),
            ("Jorge Luis", "Mejía Cruz", "0901234"),
            ("Rosemene", "Fleurant", "0958845"),
        ],
    ),
    "Q-1030": (
        True,
        False,
        [
            ("Bianca", "Perez Almonte", "0961078"),
            ("Yesenia", "Tavarez", "0851066"),
        ],
    ),
    "Q-1031": (
        True,
        False,
        [
            ("Mohammed", "Karim", "0212297"),
            ("Darlin", "Santana Familia", "0218874"),
            ("Kiara", "Batista German", "0221109"),
        ],
    ),
    "Q-1032": (
        True,
        False,
        [
            ("Yaneisy", "Rodriguez", "0174420"),
            ("Emely", "De Los Santos", "0174402"),
        ],
    ),
    "Q-1033": (
        True,
        False,
        [
            ("KaHo", "Wong", "0152904"),
            ("Ming", "Zheng", "0190012"),
        ],
    ),
    "Q-1034": (
        True,
        False,
        [
            ("Habiba", "Al-Zubairi", "0917978"),
            ("Yaw", "Asante", "0919201"),
        ],
    ),
    "Q-1035": (
        True,
        False,
        [
            ("Ngozi", "Eze", "0941167"),
        ],
    ),
    "Q-1036": (
        True,
        False,
        [
            ("Aliyu", "Diallo", "0954489"),
            ("Mohammed", "Al Sabri", "0950023"),
        ],
    ),
    "Q-1037": (False, False, []),
    "Q-1038": (
        False,
        False,
        [
            ("Jevaughn", "Brown", "0189951"),
        ],
    ),
    "Q-1039": (
        False,
        False,
        [
            ("Arbër", "Krasniqi", "0178809"),
        ],
    ),
    "Q-1040": (False, False, []),
    "Q-1041": (False, False, []),
    "Q-1042": (False, False, []),
    "Q-1043": (
        False,
        False,
        [
            ("Kervens", "Joseph", "0976623"),
            ("Jaheim", "Stewart", "0970034"),
        ],
    ),
    "Q-1044": (
        True,
        False,
        [
            ("JAHEIM", "STEWART", "0970034"),
            ("KATARZYNA", "DABROWSKA", "0972267"),
        ],
    ),
    "Q-1045": (
        True,
        False,
        [
            ("Ali", "Nasser", "0844477"),
            ("Akeem", "Powell", "0846600"),
            ("Esther", "Louis Jean", "0848833"),
        ],
    ),
    "Q-1046": (
        True,
        False,
        [
            ("Jia Hui", "Weng", "0842244"),
            ("Rukhsana", "Begum", "0855522"),
            ("Adaeze", "Nwosu", "0857755"),
        ],
    ),
    "Q-1047": (
        True,
        False,
        [
            ("Jakub", "Nowicki", "O416742"),
            ("Jakub", "Nowicki", "0416742"),
            ("Aisha", "Al-Maqtari", "0418975"),
        ],
    ),
    "Q-1048": (False, False, []),
    "Q-1049": (
        True,
        False,
        [
            ("Nikita", "Orlov", "0980045"),
        ],
    ),
    "Q-1050": (
        True,
        False,
        [
            ("Xiu Ying", "Weng", "0238805"),
            ("Sergei", "Ivanov", "0227781"),
        ],
    ),
    "Q-1051": (True, True, []),
    "Q-1052": (
        False,
        False,
        [
            ("Tahmid", "Hossain", "0187720"),
        ],
    ),
    "Q-1053": (
        True,
        False,
        [
            ("Mahamadou", "Cissé", "0831097"),
            ("Romaine", "Williams", "0835553"),
        ],
    ),
    "Q-1054": (
        True,
        False,
        [
            ("Shahzoda", "Umarova", "0817719"),
        ],
    ),
    "Q-1055": (
        True,
        False,
        [
            ("Rafael", "Nunez Medina", "0819942"),
            ("Luz", "Jimenez", "0815586"),
        ],
    ),
    "Q-1056": (
        True,
        False,
        [
            ("Kadian", "Morgan", "0423431"),
            ("Fanta", "Keita", "0425664"),
            ("Ho Yin", "Leung", "0427897"),
        ],
    ),
    "Q-1057": (
        True,
        False,
        [
            ("Yusuf", "Saleh", None),
        ],
    ),
    "Q-1058": (
        True,
        False,
        [
            ("Daniela", "Pena Rosario", "0309972"),
            ("Woodly", "Etienne", "0351192"),
        ],
    ),
    "Q-1059": (
        True,
        False,
        [
            ("Zi Xuan", "Lin", "0321196"),
            ("Elvira", "Gashi", "0327758"),
            ("Jasur", "Nazarov", "033OO81"),
        ],
    ),
    "Q-1060": (
        True,
        False,
        [
            ("Nusrat", "Jahan", "0161177"),
            ("Mackenson", "Pierre Louis", "0163385"),
            ("Dilnoza", "Karimova", "0185527"),
            ("Aleksandr", "Volkov", "0186614"),
        ],
    ),
    "Q-1061": (False, False, []),
    "Q-1062": (
        False,
        False,
        [
            ("Maksim", "Sidorov", "0913512"),
        ],
    ),
    "Q-1063": (False, False, []),
    "Q-1064": (
        False,
        False,
        [
            ("Sherzod", "Karimov", "0956612"),
            ("Aliyu", "Diallo", "0954489"),
            ("Feng", "Chen", "0952256"),
        ],
    ),
    "Q-1065": (False, False, []),
    "Q-1066": (False, False, []),
    "Q-1067": (
        False,
        False,
        [
            ("Sergei", "Ivanov", "0227781"),
        ],
    ),
    "Q-1068": (False, False, []),
    "Q-1069": (False, False, []),
    "Q-1070": (
        False,
        False,
        [
            ("Emmanuel", "Osei", "0813353"),
        ],
    ),
    "Q-1071": (False, False, []),
    "Q-1072": (False, False, []),
    "Q-1073": (
        False,
        False,
        [
            ("Kamila", "Wojcik", "0840011"),
        ],
    ),
    "Q-1074": (False, False, []),
    "Q-1075": (False, False, []),
    "Q-1076": (False, False, []),
    "Q-1077": (False, False, []),
    "Q-1078": (False, False, []),
    "Q-1079": (
        True,
        False,
        [
            ("Maksim", "Sidorov", "0913512"),
            ("Sabrina", "Hossain", "0907823"),
            ("Ji Wei", "Lin", "0909156"),
        ],
    ),
    "Q-1080": (
        True,
        False,
        [
            ("Habiba", "Al-Zubairi", "0917978"),
            ("Milena", "Kaczmarek", "0925890"),
            ("Wing Kei", "Ng", "0923667"),
        ],
    ),
    "Q-1081": (
        True,
        False,
        [
            ("Katarzyna", "Dabrowska", "0972267"),
            ("Tanvir", "Alam", "0974490"),
        ],
    ),
    "Q-1082": (
        True,
        False,
        [
            ("Anthony", "Rodriguez", "0921434"),
            ("Ruslan", "Abdullaev", "0943390"),
        ],
    ),
    "Q-1083": (
        True,
        False,
        [
            ("Bianca", "Pérez Almonte", "0961078"),
            ("Natalia", "Smirnova", "0934578"),
        ],
    ),
    "Q-1084": (
        True,
        False,
        [
            ("Lukasz", "Zielinski", "0190120"),
            ("Fatoumata", "Traore", "0188843"),
        ],
    ),
    "Q-1085": (
        True,
        False,
        [
            ("Ali", "Nasser", "844477"),
            ("Yesenia", "Tavarez", "0851066"),
        ],
    ),
    "Q-1086": (
        True,
        False,
        [
            ("O’Shane", "Grant", "0348869"),
            ("Oksana", "Orlova", "O17OO46"),
            ("Omar", "Al Haddad", "0170064"),
        ],
    ),
    "Q-1087": (
        True,
        False,
        [
            ("Haroon", "Miah", "0306641"),
            ("Mariama", "Bah", "0333314"),
            ("Ibrahim", "Kamara", "336647"),
        ],
    ),
    "Q-1088": (
        True,
        False,
        [
            ("Nazmul", "Haque", "0824408"),
            ("Shahzoda", "Umarova", "0817779"),
        ],
    ),
    "Q-1089": (
        True,
        False,
        [
            ("Kemar", "Bailey", "0938-934"),
            ("Siu Ming", "Kwok", "093 0112"),
        ],
    ),
    "Q-1090": (
        True,
        False,
        [
            ("Jermaine", "Clarke", "0986634"),
            ("Samantha", "Clarke", "0822175"),
        ],
    ),
    "Q-1091": (
        True,
        False,
        [
            ("Ruth Ann", "McKenzie", "0215563"),
            ("Rachelle", "Jean-Louis", "0224436"),
            ("Aziza", "Yusupova", "0229903"),
            ("Abdulrahman", "Al Harazi", "0235548"),
        ],
    ),
    "Q-1092": (
        True,
        False,
        [
            ("Nilufar", "Rakhimova", "0240017"),
        ],
    ),
    "Q-1093": (
        True,
        False,
        [
            ("Stephanie", "Desir", "0312285"),
            ("Tavian", "Reid", "0315591"),
        ],
    ),
    "Q-1094": (
        True,
        False,
        [
            ("Kamila", "Wojcik", "0840011"),
            ("Jia Hui", "Weng", "0842244"),
            ("Xiu Ying", "Weng", "0238805"),
        ],
    ),
    "Q-1095": (
        True,
        False,
        [
            ("Sumaiya", "Islam", "04100555"),
        ],
    ),
    "Q-1096": (
        True,
        False,
        [
            ("Wen Jie", "Guo", "0828864"),
            ("Mahamadou", "Cisse", "0831097"),
            ("Anastasia", "Petrova", "0811120"),
        ],
    ),
    "Q-1097": (
        True,
        False,
        [
            ("Kervins", "Joseph", "0976623"),
        ],
    ),
    "Q-1098": (
        True,
        False,
        [
            ("Mohammed", "Al-Sabri", "0950023"),
            ("Drita", "Morina", "0915745"),
        ],
    ),
    "Q-1099": (
        True,
        False,
        [
            ("Tavian", "Reid", "0315519"),
            ("Tatiana", "Morozova", "0833320"),
            ("Sherzod", "Karimov", "0956612"),
        ],
    ),
    "Q-1100": (
        True,
        False,
        [
            ("Shanice", "Campbell", "0179918"),
            ("Sadia", "Chowdhury", "0l76631"),
        ],
    ),
}


def fold(name: str) -> str:
    """Rule 4: case, accents, hyphens, apostrophes and spaces do not matter."""
    # Letters with a stroke fold like accents, as the project reads rule 4 (corpus 4's X-7074).
    name = name.translate(str.maketrans("ŁłØøĐđ", "LlOoDd"))
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[-'\u2019\s]", "", plain).lower()


def normalise_id(raw: str | None) -> str | None:
    """Rule 3: O for zero, missing leading zero, spaces/dashes/# dropped; nothing else."""
    if raw is None:
        return None
    text = re.sub(r"[\s\-#]", "", raw).replace("O", "0").replace("o", "0")
    if not text.isdigit():
        return None
    if len(text) == 6:
        text = "0" + text
    if len(text) == 7 and text.startswith("0"):
        return text
    return None


def load_users() -> list[dict[str, str]]:
    with (HERE / "roster" / "users.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> int:
    users = load_users()
    with (HERE / "roster" / "orgs.csv").open(encoding="utf-8", newline="") as handle:
        orgs = list(csv.DictReader(handle))
    district = [o["sourcedId"] for o in orgs if o["type"] == "district"]
    assert len(district) == 1, "exactly one district org"
    students = {u["identifier"]: u for u in users if u["role"] == "student"}
    by_email = {u["email"].lower(): u for u in users if u["email"]}
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    if set(truth) != set(READING):
        problems.append("truth.json and READING list different tickets")
    for tid, (reset, refers, lines) in sorted(READING.items()):
        ticket = json.loads((HERE / "tickets" / f"{tid}.json").read_text(encoding="utf-8"))
        text = ticket["body"]
        if ticket["content_type"] == "text/html":
            text = html.unescape(text)
        for first, last, raw in lines:
            for piece in (first, last, raw):
                if piece is not None and piece not in text:
                    problems.append(f"{tid}: {piece!r} does not occur in the ticket")
        requester = by_email.get(ticket["requester"].lower())
        allowed: set[str] = set()
        if (
            requester
            and requester["role"] in STAFF_ROLES
            and requester["status"] == "active"
            and requester["enabledUser"] == "true"
        ):
            allowed = set(requester["orgSourcedIds"].split(","))
        entries: dict[object, bool] = {}
        for first, last, raw in lines:
            sid = normalise_id(raw)
            key: object = sid if sid else ("name", fold(first), fold(last), raw)
            record = students.get(sid) if sid else None
            ok = False
            if reset and record is not None:
                given, family = fold(record["givenName"]), fold(record["familyName"])
                names = {(fold(first), fold(last)), (fold(last), fold(first))}
                ok = (
                    (given, family) in names
                    and record["status"] == "active"
                    and record["enabledUser"] == "true"
                    and (record["orgSourcedIds"] in allowed or district[0] in allowed)
                )
            entries[key] = entries.get(key, True) and ok
        ready = sorted(k for k, ok in entries.items() if ok and isinstance(k, str))
        if reset:
            needs = any(not ok for ok in entries.values()) or (refers and not entries)
        else:
            needs, ready = False, []
        want = truth.get(tid, {})
        got = {"reset_request": reset, "needs_review": needs, "ready": ready}
        for field, value in got.items():
            if want.get(field) != value:
                problems.append(f"{tid}: {field} is {want.get(field)!r}, rules give {value!r}")
    for problem in problems:
        print(problem)
    ready_total = sum(len(v["ready"]) for v in truth.values())
    print(f"{len(READING)} tickets, {ready_total} ready IDs, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
