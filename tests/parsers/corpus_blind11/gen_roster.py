"""Seeded, deterministic generator of the Cascadia Pass School District No. 327 roster.

Writes ``roster/orgs.csv`` and ``roster/users.csv`` next to this file with
``write_oneroster_csv``. Running it again rewrites the same bytes. ``--seed N`` changes only
the filler records; the students, staff and parents that the tickets refer to are fixed
records below, so ``truth.json`` stays valid for any seed.

    /work/main/.venv/bin/python gen_roster.py
"""

from __future__ import annotations

import argparse
import random
import unicodedata
import uuid
from pathlib import Path

from connectors.roster.oneroster_csv import ORGS_HEADER, USERS_HEADER, write_oneroster_csv

SEED = 20260911
HERE = Path(__file__).resolve().parent
STAFF_DOMAIN = "cascadiapass.k12.example"
STUDENT_DOMAIN = "stu.cascadiapass.k12.example"
STAMP = "2026-08-28T06:15:00.000Z"

# key, sourcedId, name, type, identifier
ORGS = [
    ("DIST", "cp327-0000", "Cascadia Pass School District No. 327", "district", "5303270"),
    ("SE", "cp327-0110", "Salmonberry Elementary School", "school", "530327000110"),
    ("TE", "cp327-0120", "Tamarack Elementary School", "school", "530327000120"),
    ("HM", "cp327-0130", "Huckleberry Middle School", "school", "530327000130"),
    ("CH", "cp327-0140", "Cascadia Pass High School", "school", "530327000140"),
    ("OA", "cp327-0150", "Cascadia Pass Online Academy", "school", "530327000150"),
    ("WC", "cp327-0160", "Wapato Creek Tribal Compact School", "school", "530327000160"),
]
ORG_ID = {key: sid for key, sid, *_ in ORGS}
GRADES = {
    "SE": ["KG", "01", "02", "03", "04", "05"],
    "TE": ["KG", "01", "02", "03", "04", "05"],
    "HM": ["06", "07", "08"],
    "CH": ["09", "10", "11", "12"],
    "OA": ["06", "07", "08", "09", "10", "11", "12"],
    "WC": ["KG", "01", "02", "03", "04", "05", "06", "07", "08"],
}

# Fixed students the tickets name: id|given|family|middle|school|grade|flag
# flag: "" active+enabled, D = active but enabledUser false, T = tobedeleted, TD = both.
FIXED_STUDENTS = """
0413527|Kateri|Shippentower||SE|04|
0413962|Jonah|Wallahee||SE|03|
0418840|Amelia|Tomaskin||SE|05|
0414471|Abdirahman|Farah||SE|02|
0415027|Omar|Osman||SE|04|
0415133|Oscar|Orozco||SE|04|
0415906|Ikran|Yusuf||SE|04|
0414622|Fartun|Hassan||SE|03|
0414680|Najma|Ali||SE|03|
0416253|Tamina|Lojkar||SE|05|
0416523|Hemos|Jibon||SE|05|
0416740|Harpreet|Kaur||SE|02|
0417011|Hamza|Abdi||SE|05|
0417034|Rose Marie|Jefferson||SE|05|
0417077|Vasyl|Savchuk||SE|05|
0417102|Sahra|Omar||SE|01|
0417139|Ibrahim|Hassan||SE|01|
0417180|Kiona|Sampson||SE|01|
0417221|Hamdi|Mohamed||SE|04|
0417260|Jinna|deBrum||SE|02|
0417290|Aili|Heine||SE|04|
0417305|Rine|Tibon||SE|04|
0417300|Tobeta|Bobo||SE|03|
0432190|Malia|Leota||TE|04|
0432255|Siaosi|Aumua||TE|04|
0432377|Duc Anh|Vo||TE|03|
0432488|Ioane|Sapolu||TE|03|
0432551|Lagi|Fonoti||TE|03|
0433017|Bao Ngoc|Nguyen||TE|05|
0433102|Hoa|Nguyen||TE|02|
0433155|Minh Anh|Tran||TE|02|
0433240|Anastasiia|Petrova||TE|01|
0433388|Gurpreet|Singh||TE|05|
0433838|Gurpreet|Singh|Kaur|TE|04|
0433433|Thanh Tam|Pham||TE|05|
0433480|Nasra|Abdullahi||TE|KG|
0461172|Mele|Fa'amausili||HM|07|
0461305|Tavita|To'omalatai||HM|07|
0462218|Ximena|López||HM|07|
0462901|Ekam|Bains||HM|06|
0462210|Manpreet|Grewal||HM|08|
0462455|Oleksandr|Hrytsenko||HM|08|
0462510|Guadalupe|Ochoa||HM|08|
0462588|Diego|Peña||HM|08|
0462633|Dmytro|Moroz||HM|06|
0463382|Lijon|Kabua||HM|06|
0463509|Neilat|Laijo||HM|06|
0463611|Fetu|Seiuli||HM|06|
0463670|Tasi|Seiuli||HM|07|
0463720|Anh Thu|Hoang||HM|07|
0463791|Luisa|Tuilagi||HM|07|
0463828|Jemmy|Langrine||HM|08|
0463905|Kajin|Zackhras||HM|08|
0463910|Arshdeep|Brar||HM|08|
0463944|Lanny|Kabua||HM|07|
0463987|Aili|Jibas||HM|07|
0463854|Yusuf|Abdi||HM|06|
0464011|Tarlang|Loeak||HM|06|
0464052|Jebro|Lanki||HM|08|
0464130|Renata|Ibarra||HM|07|
0464177|Sofiia|Melnyk||HM|07|
0464219|Bwebwe|Jetnil||HM|06|
0464260|Almina|Lokeijak||HM|06|
0464301|Yevheniia|Kravets||HM|08|
0464344|Oleksandr|Moroz||HM|08|
0464388|Nataliia|Savchuk||HM|08|
0520417|Yurii|Ostapenko||CH|11|
0520093|Oksana|Oliinyk||CH|11|
0521876|Jaskaran|Sandhu||CH|10|
0522019|Simranjit|Gill||CH|09|
0521044|Artem|Lysenko||CH|12|
0521163|Polina|Sidorova||CH|12|
0522244|Iosefa|Tuilagi||CH|12|T
0522301|Valeria|Núñez||CH|12|
0522377|Mykola|Bondarenko||CH|10|D
0522433|Liban|Osman||CH|11|
0522490|Ayaan|Hassan||CH|11|
0523311|Harpreet|Kaur||CH|12|
0522512|Anastasiia|Bondarenko||CH|09|
0523066|Eleanor|Sampson|Grace|CH|10|
0523109|Ivan|Petrenko|Mykolaiovych|CH|10|
0523150|Rashid|Warsame||CH|09|
0523188|Lagi|Fa'amausili||CH|11|
0523225|Tevita|To'omalatai||CH|11|
0540311|Kseniia|Orlova||OA|10|
0540722|Khanh Linh|Tran||OA|09|
0540855|Bao|Tran||OA|11|
0540890|Quoc Bao|Le||OA|11|
0540934|María Fernanda|Gutiérrez||OA|08|
0541017|José|Hernández||OA|07|
0541103|Zoë|Fonoti||OA|12|
0541150|Bao|Hoang||OA|10|
0541208|Amanpreet|Sidhu||OA|09|
0541249|Navjot|Brar||OA|09|
0551203|Raven Rose|Sampson||WC|04|
0551377|Jaelynn|Cagey||WC|05|
0551402|Tyson|Jim||WC|05|
0551480|Sky Lynn|Wallahee||WC|03|
0551533|Mary Ann|Enick||WC|03|
0551624|Dawson|Jim||WC|07|
0551642|Cheyenne|Jim||WC|07|
0551625|Lucy|Sohappy||WC|07|
0551719|Joseph|Tomaskin||WC|06|
0551760|Jo Ellen|Hatch||WC|02|
0551803|Santiago|De La Cruz||WC|02|
0551850|Winona|Meninick||WC|08|
0551901|Kilone|Lang||WC|06|TD
"""

# Fixed staff: key|given|family|role|schools (space separated)|identifier|flag
FIXED_STAFF = """
sohappy|Rosalind|Sohappy|teacher|SE|70311|
tkachenko|Oleksandr|Tkachenko|teacher|CH|70452|
kovalenko|Yevheniia|Kovalenko|teacher|HM|70518|
tuiasosopo|Losa|Tuiasosopo|teacher|TE|70604|
warsame|Hodan|Warsame|aide|SE|81207|
grewal|Navdeep|Grewal|teacher|CH OA|70733|
pham|Thanh Huong|Pham|teacher|OA|70791|
ochoa|Marisol|Ochoa|administrator|WC|60112|
fryberg|Dawn Marie|Fryberg|teacher|WC|70855|
kabua|Jelton|Kabua|teacher|HM|70902|
whitcomb|Karen|Whitcomb|administrator|DIST|60045|
danyliuk|Bohdan|Danyliuk|teacher|TE|70966|T
leota|Sione|Leota|aide|HM|81344|D
mohamud|Ayaan|Mohamud|teacher|SE TE|71020|
ibarra|Francisco|Ibarra|teacher|HM|71088|
cagey|Linda|Cagey|teacher|CH|71132|
sandhu|Harjit|Sandhu|administrator|HM|60230|
faleolo|Tavita|Faleolo|teacher|CH|71190|
olney|Margaret|Olney|teacher|SE|71245|
shevchuk|Dmytro|Shevchuk|aide|DIST|81402|
rwallahee|Ruth Ann|Wallahee|teacher|TE|71301|
"""

# Fixed parents: given|family|email|child student id
FIXED_PARENTS = """
Ivan|Petrov|ivan.petrov.wa@mailbox.example|0433240
Hodan|Farah|hodanfarah77@mailbox.example|0414471
Tuilagi|Faleolo|tfaleolo.family@mailbox.example|0463791
Graciela|Orozco|gorozco@mailbox.example|0415133
"""

FIRST_NAMES = [
    # Yakama / Tulalip / Lummi families often use English and compound given names
    "Kateri",
    "Raven Rose",
    "Sky Lynn",
    "Jo Ellen",
    "Mary Ann",
    "Dawn Marie",
    "Tia Lynn",
    "Winona",
    "Cheyenne",
    "Dawson",
    "Tyson",
    "Keanu",
    "Shawna",
    "Talon",
    "Skyler",
    # Russian / Ukrainian
    "Oleksandr",
    "Yevheniia",
    "Dmytro",
    "Mykola",
    "Olha",
    "Bohdan",
    "Kseniia",
    "Artem",
    "Polina",
    "Vasyl",
    "Sofiia",
    "Yurii",
    "Nataliia",
    "Maksym",
    "Taras",
    # Marshallese
    "Jebro",
    "Kajin",
    "Lijon",
    "Neilat",
    "Tarlang",
    "Aili",
    "Bwebwe",
    "Rine",
    "Jemmy",
    # Samoan
    "Sione",
    "Losa",
    "Malia",
    "Tavita",
    "Iosefa",
    "Lagi",
    "Siaosi",
    "Fetu",
    "Tasi",
    "Ioane",
    # Mexican
    "José Luis",
    "María Fernanda",
    "Juan Pablo",
    "Ximena",
    "Santiago",
    "Guadalupe",
    "Valeria",
    "Diego",
    "Renata",
    "Óscar",
    # Vietnamese
    "Minh Anh",
    "Bao Ngoc",
    "Thanh Huong",
    "Quoc Bao",
    "Khanh Linh",
    "Duc Anh",
    "Anh Thu",
    # Somali
    "Abdirahman",
    "Hodan",
    "Ayaan",
    "Fartun",
    "Ikran",
    "Sahra",
    "Liban",
    "Najma",
    "Hamdi",
    # Punjabi
    "Harpreet",
    "Gurpreet",
    "Jaskaran",
    "Simranjit",
    "Navdeep",
    "Manpreet",
    "Amanpreet",
    "Arshdeep",
    "Ekam",
    "Navjot",
]
LAST_NAMES = [
    "Sohappy",
    "Wallahee",
    "Tomaskin",
    "Eneas",
    "Meninick",
    "Shippentower",
    "Olney",
    "Jim",
    "Fryberg",
    "Hatch",
    "Sheldon",
    "Enick",
    "Moses",
    "Cagey",
    "Solomon",
    "Kinley",
    "Ballew",
    "Washington",
    "Tkachenko",
    "Kovalenko",
    "Shevchuk",
    "Bondarenko",
    "Hrytsenko",
    "Moroz",
    "Kravets",
    "Lysenko",
    "Melnyk",
    "Savchuk",
    "Ostapenko",
    "Oliinyk",
    "Kabua",
    "deBrum",
    "Anjain",
    "Lanki",
    "Jibas",
    "Zackhras",
    "Langrine",
    "Loeak",
    "Tibon",
    "Tuiasosopo",
    "Faleolo",
    "Leota",
    "Tuilagi",
    "Aumua",
    "Fonoti",
    "Seiuli",
    "Sapolu",
    "Fa'amausili",
    "To'omalatai",
    "Hernández",
    "Gutiérrez",
    "Ramírez",
    "López",
    "De La Cruz",
    "Ochoa",
    "Orozco",
    "Núñez",
    "Peña",
    "Ibarra",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Vo",
    "Dang",
    "Warsame",
    "Farah",
    "Mohamud",
    "Hassan",
    "Yusuf",
    "Omar",
    "Osman",
    "Ali",
    "Abdi",
    "Kaur",
    "Singh",
    "Sandhu",
    "Gill",
    "Dhillon",
    "Grewal",
    "Sidhu",
    "Brar",
    "Bains",
]
MIDDLE_NAMES = ["", "", "", "", "Grace", "James", "Lee", "Marie", "Kaur", "Singh", "Anh"]


def fold(text: str) -> str:
    """Lowercase ASCII letters only: the e-mail local part of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha()).lower()


def student_email(given: str, family: str, sid: str) -> str:
    return f"{fold(family)}.{fold(given)[0]}{sid[-5:]}@{STUDENT_DOMAIN}"


def make_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    fixed_rng = random.Random("cp327-fixed-records")
    rng = random.Random(f"cp327-filler-{seed}")
    orgs = [
        {
            "sourcedId": sid,
            "status": "active",
            "dateLastModified": STAMP,
            "name": name,
            "type": kind,
            "identifier": ident,
            "parentSourcedId": "" if kind == "district" else ORG_ID["DIST"],
        }
        for _key, sid, name, kind, ident in ORGS
    ]
    students: list[dict[str, str]] = []
    staff: list[dict[str, str]] = []
    parents: list[dict[str, str]] = []
    used_ids: set[str] = set()
    used_names: set[tuple[str, str]] = set()
    used_emails: set[str] = set()

    def add_student(row: tuple[str, str, str, str, str, str, str], r: random.Random) -> None:
        sid, given, family, middle, school, grade, flag = row
        used_ids.add(sid)
        used_names.add((fold(given), fold(family)))
        email = student_email(given, family, sid)
        students.append(
            {
                "sourcedId": make_uuid(r),
                "status": "tobedeleted" if "T" in flag else "active",
                "dateLastModified": STAMP,
                "enabledUser": "false" if "D" in flag else "true",
                "orgSourcedIds": ORG_ID[school],
                "role": "student",
                "username": email.split("@")[0],
                "givenName": given,
                "familyName": family,
                "middleName": middle,
                "identifier": sid,
                "email": email,
                "grades": grade,
            }
        )

    for line in FIXED_STUDENTS.strip().splitlines():
        sid, given, family, middle, school, grade, flag = line.split("|")
        add_student((sid, given, family, middle, school, grade, flag), fixed_rng)
    fixed_names = set(used_names)

    def add_staff(
        given: str,
        family: str,
        role: str,
        schools: list[str],
        ident: str,
        flag: str,
        r: random.Random,
    ) -> None:
        base = f"{fold(given)[0]}.{fold(family)}"
        local, n = base, 1
        while local in used_emails:
            n += 1
            local = f"{base}{n}"
        used_emails.add(local)
        staff.append(
            {
                "sourcedId": make_uuid(r),
                "status": "tobedeleted" if "T" in flag else "active",
                "dateLastModified": STAMP,
                "enabledUser": "false" if "D" in flag else "true",
                "orgSourcedIds": ",".join(ORG_ID[s] for s in schools),
                "role": role,
                "username": local,
                "givenName": given,
                "familyName": family,
                "identifier": ident,
                "email": f"{local}@{STAFF_DOMAIN}",
                "phone": f"(509) 555-{int(ident) % 10000:04d}",
            }
        )

    for line in FIXED_STAFF.strip().splitlines():
        _key, given, family, role, schools, ident, flag = line.split("|")
        add_staff(given, family, role, schools.split(), ident, flag, fixed_rng)

    by_id = {row["identifier"]: row for row in students}
    for line in FIXED_PARENTS.strip().splitlines():
        given, family, email, child_id = line.split("|")
        child = by_id[child_id]
        row = {
            "sourcedId": make_uuid(fixed_rng),
            "status": "active",
            "dateLastModified": STAMP,
            "enabledUser": "true",
            "orgSourcedIds": child["orgSourcedIds"],
            "role": "parent",
            "username": email.split("@")[0],
            "givenName": given,
            "familyName": family,
            "identifier": "",
            "email": email,
            "agentSourcedIds": child["sourcedId"],
        }
        child["agentSourcedIds"] = row["sourcedId"]
        parents.append(row)

    # Filler: 1,893 more students (IDs 06xxxxx-07xxxxx, never near the fixed 04/05 range),
    # about 2% of them tobedeleted or disabled; 130 more staff; 20 more parents.
    schools = ["SE", "TE", "HM", "CH", "OA", "WC"]
    weights = [22, 20, 24, 26, 4, 4]
    while len(students) < 2000:
        sid = f"0{rng.randint(600000, 799999)}"
        given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if sid in used_ids or (fold(given), fold(family)) in fixed_names:
            continue
        school = rng.choices(schools, weights)[0]
        roll = rng.random()
        flag = "T" if roll < 0.012 else "D" if roll < 0.02 else ""
        middle = rng.choice(MIDDLE_NAMES)
        grade = rng.choice(GRADES[school])
        add_student((sid, given, family, middle, school, grade, flag), rng)
    roles = ["teacher"] * 7 + ["aide"] * 2 + ["administrator"]
    for _ in range(130):
        given = rng.choice(FIRST_NAMES).split()[0]
        family = rng.choice(LAST_NAMES)
        picks = ["DIST"] if rng.random() < 0.06 else [rng.choice(schools)]
        if picks != ["DIST"] and rng.random() < 0.08:
            picks.append(rng.choice([s for s in schools if s != picks[0]]))
        roll = rng.random()
        flag = "T" if roll < 0.03 else "D" if roll < 0.06 else ""
        add_staff(
            given, family, rng.choice(roles), picks, str(rng.randint(61000, 89999)), flag, rng
        )
    fillers = [row for row in students if row["identifier"].startswith(("06", "07"))]
    for child in rng.sample(fillers, 20):
        given = rng.choice(FIRST_NAMES).split()[0]
        email = f"{fold(given)}.{fold(child['familyName'])}{rng.randint(10, 99)}@mailbox.example"
        row = {
            "sourcedId": make_uuid(rng),
            "status": "active",
            "dateLastModified": STAMP,
            "enabledUser": "true",
            "orgSourcedIds": child["orgSourcedIds"],
            "role": "parent",
            "username": email.split("@")[0],
            "givenName": given,
            "familyName": child["familyName"],
            "identifier": "",
            "email": email,
            "agentSourcedIds": child["sourcedId"],
        }
        child["agentSourcedIds"] = row["sourcedId"]
        parents.append(row)
    return orgs, staff + students + parents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED, help="seed for the filler records")
    parser.add_argument("--out", type=Path, default=HERE / "roster", help="output directory")
    args = parser.parse_args()
    orgs, users = build(args.seed)
    assert all(set(row) <= set(ORGS_HEADER) for row in orgs)
    assert all(set(row) <= set(USERS_HEADER) for row in users)
    assert len({row["sourcedId"] for row in orgs + users}) == len(orgs) + len(users)
    write_oneroster_csv(args.out, orgs, users)


if __name__ == "__main__":
    main()
