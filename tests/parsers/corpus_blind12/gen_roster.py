"""Seeded, deterministic generator of the Kesterport roster (roster/orgs.csv, roster/users.csv).

    /work/main/.venv/bin/python gen_roster.py            # seed 20261112, same bytes every run
    /work/main/.venv/bin/python gen_roster.py --seed 7   # different filler records

The students, staff and parents the tickets refer to are FIXED records below; the seed only
changes the filler records, which never use a fixed ID, a fixed e-mail or the reserved ID
ranges, so truth.json stays valid for any seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from connectors.roster.oneroster_csv import (  # noqa: E402
    ORGS_HEADER,
    USERS_HEADER,
    write_oneroster_csv,
)

SEED = 20261112
STAMP = "2026-11-02T05:30:00.000Z"
STAFF_DOMAIN = "kesterport.k12.example"
STUDENT_DOMAIN = "learn.kesterport.k12.example"
DISTRICT = "kps-district"

ORGS = [
    (DISTRICT, "Kesterport Public Schools", "district", "KPS"),
    ("kps-ps007", "P.S. 7 Fulton Street K-8", "school", "07K"),
    ("kps-ps012", "P.S. 12 Harbor Point K-8", "school", "12K"),
    ("kps-ps023", "P.S. 23 Lantern Hill K-8 Academy", "school", "23K"),
    ("kps-ps031", "P.S. 31 Ferry Road Elementary", "school", "31E"),
    ("kps-ms044", "M.S. 44 Canal Street Middle School", "school", "44M"),
    ("kps-ps058", "P.S. 58 Greenpoint K-8", "school", "58K"),
    ("kps-hs101", "Kesterport Central High School", "school", "101H"),
    ("kps-hs102", "Eastbank High School for Science", "school", "102H"),
    ("kps-hs103", "Kesterport International High School", "school", "103H"),
    ("kps-hs110", "Northgate Career and Technical High School", "school", "110H"),
    ("kps-ths120", "Second Harbor Transfer High School", "school", "120T"),
]
SCHOOLS = [org[0] for org in ORGS if org[2] == "school"]

# id | given | family | middle | school | status | enabled | grade
FIXED_STUDENTS = """
0148213|Zofia|Nowak||ps007|active|true|05
0148231|Kacper|Wiśniewski||ps007|active|true|05
0152904|Ka Ho|Wong||ps007|active|true|06
0152940|Jun Hao|Lin||ps007|active|true|06
0161177|Nusrat|Jahan||ps007|active|true|07
0163385|Mackenson|Pierre-Louis||ps007|active|true|07
0170046|Oksana|Orlova||ps007|active|true|08
0170064|Omar|Al-Haddad||ps007|active|true|08
0174420|Yaneisy|Rodríguez Peña||ps007|active|true|04
0174402|Emely|De Los Santos||ps007|active|true|04
0176631|Sadia|Chowdhury||ps007|active|true|03
0178809|Arbër|Krasniqi||ps007|active|true|06
0179918|Shanice|Campbell||ps007|active|true|07
0183306|Wei|Chen||ps007|active|true|05
0185527|Dilnoza|Karimova||ps007|tobedeleted|true|08
0186614|Aleksandr|Volkov||ps007|active|false|08
0187720|Tahmid|Hossain||ps007|active|true|06
0188843|Fatoumata|Traoré||ps007|active|true|07
0189951|Jevaughn|Brown||ps007|active|true|08
0190012|Ming Zhi|Zheng||ps007|active|true|05
0190120|Łukasz|Zieliński||ps007|active|true|06
0283306|Wei|Chen||ps012|active|true|05
0210458|Wing Yan|Chan||ps012|active|true|03
0212297|Mohammed|Karim|Abdul|ps012|active|true|04
0215563|Ruth-Ann|McKenzie||ps012|active|true|05
0218874|Darlin|Santana Familia||ps012|active|true|06
0221109|Kiara|Batista Germán||ps012|active|true|07
0224436|Rachelle|Jean-Louis||ps012|active|true|08
0227781|Sergei|Ivanov||ps012|active|true|04
0229903|Aziza|Yusupova||ps012|active|true|05
0232218|Kwame|Mensah||ps012|active|true|06
0235548|Abdulrahman|Al-Harazi||ps012|active|true|07
0238805|Xiu Ying|Weng||ps012|active|true|08
0240017|Nilufar|Rakhimova||ps012|tobedeleted|false|03
0243359|Christopher|Thompson||ps012|active|true|06
0246620|Olamide|Ogunleye||ps012|active|true|07
0246602|Oluwaseun|Adeyemi||ps012|active|true|07
0301184|Ayaan|Rahman||ps023|active|true|02
0303527|Tasnim|Akter||ps023|active|true|03
0306641|Haroon|Miah||ps023|active|true|04
0309972|Daniela|Peña Rosario||ps023|active|true|05
0312285|Stéphanie|Désir||ps023|active|true|06
0315519|Tavian|Reid||ps023|active|true|07
0318863|Hanna|Kowalczyk||ps023|active|true|08
0321196|Zi Xuan|Lin||ps023|active|true|05
0324427|Bilal|Qassem||ps023|active|true|06
0327758|Elvira|Gashi||ps023|active|true|07
0330081|Jasur|Nazarov||ps023|active|true|08
0333314|Mariama|Bah||ps023|active|true|04
0336647|Ibrahim|Kamara||ps023|active|true|05
0339970|Victoria|Kuznetsova||ps023|active|false|06
0342203|Riya|Das||ps023|active|true|03
0345536|Kevin|Chen||ps023|active|true|08
0354536|Kevin|Chen||ps023|active|true|06
0348869|O'Shane|Grant||ps023|active|true|07
0351192|Woodley|Étienne||ps023|active|true|06
0410055|Sumaiya|Islam||ps031|active|true|04
0412286|Rayhan|Uddin||ps031|active|true|05
0414519|Marisol|Reyes Cabrera||ps031|active|true|03
0416742|Jakub|Nowicki||ps031|active|true|04
0418975|Aisha|Al-Maqtari||ps031|active|true|05
0421208|Yusuf|Saleh||ps031|active|true|02
0423431|Kadian|Morgan||ps031|active|true|05
0425664|Fanta|Keita||ps031|active|true|04
0427897|Ho Yin|Leung||ps031|active|true|03
0811120|Anastasia|Petrova||ms044|active|true|07
0813353|Emmanuel|Osei||ms044|active|true|08
0815586|Luz María|Jiménez||ms044|active|true|06
0817719|Shahzoda|Umarova||ms044|active|true|07
0819942|Rafael|Núñez Medina||ms044|active|true|08
0822175|Samantha|Clarke||ms044|active|true|06
0824408|Nazmul|Haque||ms044|active|true|07
0826631|Erjon|Berisha||ms044|active|true|08
0828864|Wen Jie|Guo||ms044|active|true|06
0831097|Mahamadou|Cissé||ms044|active|true|07
0833320|Tatiana|Morozova||ms044|tobedeleted|true|08
0835553|Romaine|Williams||ms044|active|true|06
0840011|Kamila|Wójcik||ps058|active|true|03
0842244|Jia Hui|Weng||ps058|active|true|04
0844477|Ali|Nasser||ps058|active|true|05
0846600|Akeem|Powell||ps058|active|true|06
0848833|Esther|Louis-Jean||ps058|active|true|07
0851066|Yesenia|Tavárez||ps058|active|true|08
0853299|Otabek|Mirzaev||ps058|active|true|05
0855522|Rukhsana|Begum||ps058|active|true|06
0857755|Adaeze|Nwosu||ps058|active|true|04
0901234|Jorge Luis|Mejía Cruz||hs101|active|true|10
0903467|Chloé|Toussaint||hs101|active|true|11
0905690|Piotr|Lewandowski||hs101|active|true|09
0907823|Sabrina|Hossain||hs101|active|true|12
0909156|Ji Wei|Lin||hs101|active|true|10
0911389|Shamar|Gordon||hs101|active|true|11
0913512|Maksim|Sidorov||hs101|active|true|09
0915745|Drita|Morina||hs101|active|true|10
0917978|Habiba|Al-Zubairi||hs101|active|true|11
0919201|Yaw|Asante||hs101|active|true|12
0921434|Anthony|Rodriguez||hs101|active|true|09
0923667|Wing Kei|Ng||hs101|tobedeleted|false|10
0925890|Milena|Kaczmarek||hs101|active|false|11
0921443|Anthony|Rodriguez||hs102|active|true|10
0930112|Siu Ming|Kwok||hs102|active|true|11
0932345|Farhan|Ahmed||hs102|active|true|09
0934578|Natalia|Smirnova||hs102|active|true|10
0936701|Gjergj|Dushku||hs102|active|true|12
0938934|Kemar|Bailey||hs102|active|true|11
0941167|Ngozi|Eze||hs102|active|true|09
0943390|Ruslan|Abdullaev||hs102|active|true|10
0950023|Mohammed|Al-Sabri||hs103|active|true|09
0952256|Feng|Chen||hs103|active|true|10
0954489|Aliyu|Diallo||hs103|active|true|11
0956612|Sherzod|Karimov||hs103|active|true|12
0958845|Rosemene|Fleurant||hs103|active|true|10
0961078|Bianca|Pérez Almonte||hs103|active|true|09
0970034|Jaheim|Stewart||hs110|active|true|11
0972267|Katarzyna|Dąbrowska||hs110|active|true|12
0974490|Tanvir|Alam||hs110|active|true|10
0976623|Kervens|Joseph||hs110|active|true|09
0980045|Nikita|Orlov||ths120|active|true|12
0982278|Yahya|Al-Awadi||ths120|active|true|11
0984401|Ashley|Batista Ureña||ths120|active|true|12
0986634|Jermaine|Clarke||ths120|active|true|12
"""

# email local part | given | family | role | schools (+) | status | enabled | employee number
FIXED_STAFF = """
mpietrowski|Marta|Pietrowski|teacher|ps007|active|true|K40117
dcampbell|Desmond|Campbell|teacher|hs101|active|true|K40288
nakter|Nasrin|Akter|teacher|ps023|active|true|K40312
ralmontereyes|Rosa|Almonte Reyes|teacher|ps012|active|true|K40455
wjoseph|Widline|Joseph|teacher|ms044|active|true|K40563
kzheng|Kevin|Zheng|teacher|hs102|active|true|K40671
isokolova|Irina|Sokolova|teacher|hs103|active|true|K40729
bergashev|Bekzod|Ergashev|aide|ps058|active|true|K41834
salamri|Samira|Al-Amri|teacher|ps031|active|true|K40946
ahoxha|Ardit|Hoxha|teacher|ps007+ps023|active|true|K41052
kboateng|Kofi|Boateng|administrator|hs110|active|true|K41160
gliang|Grace|Liang|administrator|district|active|true|K41278
pdunleavy|Patrick|Dunleavy|teacher|ps012|tobedeleted|true|K41383
yferreira|Yolanda|Ferreira|teacher|hs101|active|false|K41491
twrobel|Tomasz|Wróbel|teacher|ths120|active|true|K41507
asow|Aminata|Sow|aide|ps023|active|true|K41615
swhyte|Sharon|Whyte|administrator|ps058|active|true|K41723
mchan|Mei Ling|Chan|teacher|ps012|active|true|K41831
dvolkov|Dmitri|Volkov|teacher|hs101+hs103|active|true|K41949
fbegum|Farzana|Begum|teacher|ms044|active|true|K42056
hdesrosiers|Herby|Desrosiers|teacher|hs110|active|true|K42164
lnowak|Leszek|Nowak|aide|district|active|true|K42272
"""

# given | family | email | child IDs (+)
FIXED_PARENTS = """
Yanelis|Peña|ypena1982@inbox.example|0174420
Mirlande|Étienne|mirlande.etienne@mailbox.example|0351192
Shirin|Umarova|sh.umarova77@inbox.example|0817719
"""

GIVEN = {
    "cn": "Wei|Jun Hao|Mei|Zi Xuan|Yu Ting|Ka Ho|Wing Yan|Jia Hui|Xiao Ming|Hoi Lam|Chun Kit".split(
        "|"
    ),
    "bd": "Ayaan Tahmid Nusrat Sadia Farhan Rumana Tanvir Mahir Samiha Arif Jannat Rafi".split(),
    "do": "Yaneisy Darlin Emely Wilkin Yesenia Anyelo Yordy Rosanna Keiry Brayan Yeison".split(),
    "ht": "Mackenson Widlyne Kervens Rosemene Woodley Schneider Nadege Jameson Ketly".split(),
    "jm": "Shanice Jevaughn Kemar Tajay Shamar Romaine Tashana Akeem Jahmari Shanique".split(),
    "pl": "Zofia Kacper Jakub Hanna Piotr Kamila Wiktoria Szymon Filip Maja Oliwia".split(),
    "ru": "Aleksandr Anastasia Dmitriy Yelena Maksim Polina Nikita Sofiya Artyom Kseniya".split(),
    "uz": "Dilnoza Jasur Shahzoda Otabek Sherzod Nilufar Bekzod Madina Sardor Malika".split(),
    "ye": "Abdulrahman Aisha Yahya Habiba Ibrahim Amal Mohammed Fatima Hamza Nouf".split(),
    "al": "Arbër Drita Erjon Elvira Gjergj Besa Dorian Ilir Jonida Klea Albana".split(),
    "wa": "Kwame Aminata Olamide Mariama Ibrahim Fanta Yaw Ngozi Adaeze Sekou Abena".split(),
}
FAMILY = {
    "cn": "Chen Lin Zheng Weng Wong Chan Ng Leung Kwok Guo Liu Huang Jiang".split(),
    "bd": "Rahman Hossain Chowdhury Akter Miah Islam Uddin Begum Haque Alam Sarkar".split(),
    "do": [
        "Rodríguez Peña",
        "Santana Familia",
        "Batista Germán",
        "De Los Santos",
        "Peña Rosario",
        "Reyes Cabrera",
        "Núñez Medina",
        "Almonte",
        "Tavárez",
        "Mejía Cruz",
        "Ureña",
    ],
    "ht": "Pierre-Louis Jean-Louis Désir Étienne Joseph Fleurant Toussaint Charles Dorvil".split(),
    "jm": "Campbell Brown McKenzie Reid Grant Gordon Powell Clarke Williams Bailey Stewart".split(),
    "pl": "Nowak Wiśniewski Kowalczyk Lewandowski Wójcik Kaczmarek Zieliński Nowicki".split(),
    "ru": "Volkov Orlova Ivanov Petrova Sidorov Smirnova Kuznetsova Morozova Orlov".split(),
    "uz": "Karimova Nazarov Umarova Mirzaev Karimov Yusupova Rakhimova Abdullaev".split(),
    "ye": "Al-Harazi Al-Maqtari Saleh Qassem Nasser Al-Zubairi Al-Sabri Al-Awadi Al Yafei".split(),
    "al": "Krasniqi Gashi Berisha Morina Dushku Hoxha Shehu Kola Leka".split(),
    "wa": "Mensah Ogunleye Adeyemi Traoré Bah Kamara Keita Diallo Cissé Eze Asante Osei".split(),
}
STAFF_GIVEN = "Anna Brian Carla Derek Elena Frank Gloria Hector Ines Jamal Karen Luis Maria".split()
STAFF_FAMILY = "Murphy Ortiz Sullivan Greene Kaplan Russo Donovan Baptiste Marek Soto".split()
FILLER_STUDENTS = 2420
FILLER_STAFF = 210
FILLER_PARENTS = 40


def letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ch.isascii() and ch.isalpha()).lower()


def student_email(given: str, family: str, ident: str) -> str:
    first = given.split()[0]
    return f"{letters(first)}.{letters(family)}{ident[-4:]}@{STUDENT_DOMAIN}"


def grade_for(school: str, rng: random.Random) -> str:
    if "hs" in school or "ths" in school:
        return f"{rng.randint(9, 12):02d}"
    if "ms" in school:
        return f"{rng.randint(6, 8):02d}"
    if school == "kps-ps031":
        return rng.choice(["KG", "01", "02", "03", "04", "05"])
    return rng.choice(["KG", "01", "02", "03", "04", "05", "06", "07", "08"])


def org_id(short: str) -> str:
    return DISTRICT if short == "district" else f"kps-{short}"


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    orgs = []
    for sourced, name, kind, ident in ORGS:
        parent = "" if kind == "district" else DISTRICT
        orgs.append(
            {
                "sourcedId": sourced,
                "status": "active",
                "dateLastModified": STAMP,
                "name": name,
                "type": kind,
                "identifier": ident,
                "parentSourcedId": parent,
            }
        )
    students: list[dict[str, str]] = []
    used_ids: set[str] = set()
    for line in FIXED_STUDENTS.strip().splitlines():
        ident, given, family, middle, school, status, enabled, grade = line.split("|")
        used_ids.add(ident)
        students.append(
            {
                "sourcedId": f"stu-{ident}",
                "status": status,
                "dateLastModified": STAMP,
                "enabledUser": enabled,
                "orgSourcedIds": org_id(school),
                "role": "student",
                "username": student_email(given, family, ident).split("@")[0],
                "givenName": given,
                "familyName": family,
                "middleName": middle,
                "identifier": ident,
                "email": student_email(given, family, ident),
                "grades": grade,
            }
        )
    # Filler IDs come only from 0500000-0799999; fixed IDs and ticket IDs live elsewhere.
    cultures = sorted(GIVEN)
    target = len(students) + FILLER_STUDENTS
    while len(students) < target:
        ident = f"0{rng.randint(500000, 799999)}"
        if ident in used_ids:
            continue
        used_ids.add(ident)
        culture = rng.choice(cultures)
        given = rng.choice(GIVEN[culture])
        family = rng.choice(FAMILY[culture])
        school = rng.choice(SCHOOLS)
        roll = rng.random()
        status, enabled = "active", "true"
        if roll < 0.02:
            status, enabled = "tobedeleted", rng.choice(["true", "false"])
        elif roll < 0.03:
            enabled = "false"
        students.append(
            {
                "sourcedId": f"stu-{ident}",
                "status": status,
                "dateLastModified": STAMP,
                "enabledUser": enabled,
                "orgSourcedIds": school,
                "role": "student",
                "username": student_email(given, family, ident).split("@")[0],
                "givenName": given,
                "familyName": family,
                "middleName": "",
                "identifier": ident,
                "email": student_email(given, family, ident),
                "grades": grade_for(school, rng),
            }
        )
    staff: list[dict[str, str]] = []
    emails: set[str] = set()
    for line in FIXED_STAFF.strip().splitlines():
        local, given, family, role, schools, status, enabled, number = line.split("|")
        email = f"{local}@{STAFF_DOMAIN}"
        emails.add(email)
        staff.append(
            {
                "sourcedId": f"stf-{number}",
                "status": status,
                "dateLastModified": STAMP,
                "enabledUser": enabled,
                "orgSourcedIds": ",".join(org_id(s) for s in schools.split("+")),
                "role": role,
                "username": local,
                "givenName": given,
                "familyName": family,
                "identifier": number,
                "email": email,
            }
        )
    number = 50000
    while len(staff) < 22 + FILLER_STAFF:
        number += rng.randint(1, 9)
        given = rng.choice(STAFF_GIVEN)
        family = rng.choice(STAFF_FAMILY + FAMILY[rng.choice(cultures)])
        local = letters(given[0]) + letters(family)
        suffix = 2
        while f"{local}@{STAFF_DOMAIN}" in emails:
            local = f"{letters(given[0]) + letters(family)}{suffix}"
            suffix += 1
        emails.add(f"{local}@{STAFF_DOMAIN}")
        role = rng.choices(["teacher", "aide", "administrator"], [70, 20, 10])[0]
        schools = [rng.choice(SCHOOLS)]
        if rng.random() < 0.06:
            schools = sorted({schools[0], rng.choice(SCHOOLS)})
        elif rng.random() < 0.04:
            schools = [DISTRICT]
        roll = rng.random()
        status, enabled = "active", "true"
        if roll < 0.03:
            status = "tobedeleted"
        elif roll < 0.05:
            enabled = "false"
        staff.append(
            {
                "sourcedId": f"stf-K{number}",
                "status": status,
                "dateLastModified": STAMP,
                "enabledUser": enabled,
                "orgSourcedIds": ",".join(schools),
                "role": role,
                "username": local,
                "givenName": given,
                "familyName": family,
                "identifier": f"K{number}",
                "email": f"{local}@{STAFF_DOMAIN}",
            }
        )
    by_id = {s["identifier"]: s for s in students}
    parents: list[dict[str, str]] = []
    links: dict[str, list[str]] = {}
    rows = [line.split("|") for line in FIXED_PARENTS.strip().splitlines()]
    n_fixed = len(FIXED_STUDENTS.strip().splitlines())
    fillers = [s for s in students[n_fixed:] if s["status"] == "active"]
    for pick in rng.sample(fillers, FILLER_PARENTS):
        given = rng.choice(STAFF_GIVEN)
        mail = f"{letters(given)}.{letters(pick['familyName'])}{pick['identifier'][-3:]}"
        rows.append([given, pick["familyName"], f"{mail}@inbox.example", pick["identifier"]])
    for index, (given, family, email, children) in enumerate(rows, start=1):
        sourced = f"par-{index:04d}"
        kids = [f"stu-{c}" for c in children.split("+")]
        for kid in kids:
            links.setdefault(kid, []).append(sourced)
        parents.append(
            {
                "sourcedId": sourced,
                "status": "active",
                "dateLastModified": STAMP,
                "enabledUser": "true",
                "orgSourcedIds": by_id[children.split("+")[0]]["orgSourcedIds"],
                "role": "parent",
                "username": email.split("@")[0],
                "givenName": given,
                "familyName": family,
                "email": email,
                "agentSourcedIds": ",".join(kids),
            }
        )
    for student in students:
        student["agentSourcedIds"] = ",".join(links.get(student["sourcedId"], []))
    return orgs, students + staff + parents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=HERE / "roster")
    args = parser.parse_args()
    orgs, users = build(args.seed)
    assert set(orgs[0]) == set(ORGS_HEADER)
    assert all(set(user) <= set(USERS_HEADER) for user in users)
    write_oneroster_csv(args.out, orgs, users)
    students = sum(1 for user in users if user["role"] == "student")
    print(f"wrote {args.out}: {len(orgs)} orgs, {len(users)} users ({students} students)")


if __name__ == "__main__":
    main()
