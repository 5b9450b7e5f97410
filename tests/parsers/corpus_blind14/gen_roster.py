#!/usr/bin/env python3
# ruff: noqa: E501, UP031  -- standalone stdlib data scripts: long literal ticket bodies, printf like score.py
"""Deterministic OneRoster 1.1 CSV generator for the Granite Prairie blind corpus.

`python3 gen_roster.py` rewrites roster/orgs.csv and roster/users.csv byte for byte
(seed 20261208). The students, staff and parents the tickets refer to are FIXED records;
the filler records only depend on the seed. Standard library only.
"""

import argparse
import csv
import io
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DOMAIN = "graniteprairie.k12.example"
STUDENT_DOMAIN = "students." + DOMAIN

DISTRICT = ("d0000000-0000-4000-8000-000000000001", "Granite Prairie School District", "3109870")
SCHOOLS = {
    "NR": ("d0000000-0000-4000-8000-000000000011", "North Ridge Elementary School", "310987000011"),
    "BW": ("d0000000-0000-4000-8000-000000000012", "Birchwood Elementary School", "310987000012"),
    "PV": ("d0000000-0000-4000-8000-000000000013", "Prairie View Middle School", "310987000013"),
    "GH": ("d0000000-0000-4000-8000-000000000014", "Granite High School", "310987000014"),
    "EG": ("d0000000-0000-4000-8000-000000000015", "Eastgate K-8 Academy", "310987000015"),
}
GRADES = {
    "NR": ["KG", "01", "02", "03", "04", "05"],
    "BW": ["KG", "01", "02", "03", "04", "05"],
    "PV": ["06", "07", "08"],
    "GH": ["09", "10", "11", "12"],
    "EG": ["KG", "01", "02", "03", "04", "05", "06", "07", "08"],
}

# id|given|family|middle|school|grade|state   (state: ok, tbd = tobedeleted, off = enabledUser false)
FIXED_STUDENTS = """
0311204|Liam|Carter||NR|03|ok
0311240|Ava|Brooks||NR|03|ok
0312557|Hodan|Warsame||NR|04|ok
0313018|Abdirahman|Mohamed||NR|04|ok
0313391|Faadumo|Cali||NR|04|ok
0314462|Ayaan|Hirsi||NR|05|ok
0315120|Mariah|Lopez||NR|05|ok
0315121|Maria|Lopez||NR|05|ok
0316674|Omar|O'Connell||NR|05|ok
0317003|Olena|Ostapenko||NR|02|ok
0317891|Zoë|Martin||NR|02|ok
0318245|Noah|Bennett||NR|03|tbd
0318520|Emma|Walsh||NR|03|off
0319066|Yusuf|ibn Tariq||NR|04|ok
0319432|Leila|Al-Hassan||NR|04|ok
0320117|Sofia|Ramírez||NR|05|ok
0320771|Sofia|Ramírez|Isabel|NR|03|ok
0321345|Jackson|Reed||NR|03|ok
0321354|Harper|Gray||NR|03|ok
0322908|Mai|Vang||NR|02|ok
0323116|Pa Houa|Xiong||NR|02|ok
0323560|Tou|Lor||NR|02|ok
0324001|Dmytro|Shevchenko||NR|05|ok
0324789|Yuliia|Bondarenko||NR|05|ok
0325230|Ethan|Park||NR|04|ok
0325668|Chloe|Nguyen||NR|04|ok
0326012|Isabella|Cruz||NR|04|ok
0326447|Mason|Hill||NR|04|ok
0327099|Grace|Kim||NR|04|ok
0331508|Amina|Yusuf||BW|03|ok
0331580|Idris|Abdi||BW|03|ok
0332046|Khalid|bin Salem||BW|04|ok
0332718|Fatima|Al Zahra||BW|04|ok
0333251|Linh|Trần|Thị|BW|05|ok
0333925|Bao|Phạm||BW|05|ok
0334180|Như Ý|Lê||BW|05|ok
0334607|Kou|Her||BW|02|ok
0335112|Nou|Moua||BW|02|ok
0335770|Bohdan|Melnyk||BW|04|ok
0336299|Oksana|Tkachenko||BW|04|ok
0336834|Aiden|Foster||BW|03|ok
0337411|Lily|Evans||BW|03|ok
0337414|Lucas|Turner||BW|03|ok
0338052|Sophie|O'Neil||BW|05|ok
0338690|Jayden|Ross||BW|05|ok
0339123|Jayden|Ross||BW|04|ok
0339547|Ruby|Chavez||BW|05|tbd
0340018|Owen|Murphy||BW|05|off
0340365|Evelyn|Price||BW|01|ok
0340982|Mateo|De La Cruz||BW|01|ok
0341276|Zainab|Mahamud||BW|01|ok
0341672|Samira|Nur||BW|01|ok
0342204|Henry|Cole||BW|02|ok
0342859|Nora|Quinn||BW|02|ok
0351033|Abdullahi|Farah||PV|07|ok
0351303|Hamza|Osman||PV|07|ok
0352441|Muhammad|Al-Amin||PV|07|ok
0352914|Rania|Haddad||PV|07|ok
0353377|Ibrahim|Ibn Rushd||PV|08|ok
0353840|Hương|Võ||PV|08|ok
0354206|Quang|Hoàng||PV|08|ok
0354719|Thao|Vue||PV|06|ok
0355195|Chue|Yang||PV|06|ok
0355632|Mykola|Kravchenko||PV|06|ok
0356078|Anastasiia|Lysenko||PV|06|ok
0356513|Dylan|Brooks||PV|07|ok
0356531|Caleb|Ward||PV|07|ok
0357260|Maya|Patel||PV|07|ok
0357884|Julia|Santos||PV|07|ok
0358409|Elijah|Ford||PV|08|ok
0358947|Aaliyah|Johnson||PV|08|ok
0359372|Mariam|Said||PV|08|tbd
0359811|Ivan|Petrenko||PV|08|off
0360245|Anh|Nguyen||PV|06|ok
0360254|Anh|Nguyen||PV|07|ok
0360699|José|Hernández||PV|06|ok
0361130|Olivia|O'Brien||PV|06|ok
0361588|Ryan|Mitchell||PV|06|ok
0362017|Hannah|Lee||PV|06|ok
0371455|Abdiaziz|Hassan||GH|10|ok
0371982|Sahra|Jama||GH|10|ok
0372361|Omar|Al-Farouq||GH|10|ok
0372803|Noor|Al-Sayed||GH|10|ok
0373248|Tuan|Nguyen||GH|11|ok
0373689|Thanh Trúc|Lê||GH|11|ok
0374127|Yer|Thao||GH|11|ok
0374560|Fue|Xiong||GH|11|ok
0375016|Andriy|Savchuk||GH|12|ok
0375453|Kateryna|Moroz||GH|12|ok
0375890|Benjamin|Scott||GH|09|ok
0376327|Natalie|Hughes||GH|09|ok
0376772|Tyler|Morgan||GH|09|ok
0377219|Savannah|Reyes||GH|09|ok
0377654|Jordan|Bailey||GH|09|ok
0378093|Kevin|Nguyen||GH|12|ok
0378530|Marcus|Webb||GH|12|tbd
0378967|Destiny|Wright||GH|12|off
0379404|Aisha|Abdullah||GH|10|ok
0379841|Daniel|Kim||GH|10|ok
0380286|Sara|Haile||GH|11|ok
0380723|Luis|Ortega||GH|11|ok
0381160|Megan|Doyle||GH|12|ok
0381597|Caleb|Stone||GH|12|ok
0382034|Priya|Shah||GH|09|ok
0391217|Guled|Aden||EG|07|ok
0391668|Ubah|Ali||EG|07|ok
0392113|Yasmin|El-Amin||EG|07|ok
0392557|Tariq|bin Nasser||EG|08|ok
0393002|Minh Châu|Phạm||EG|08|ok
0393448|Long|Bùi||EG|08|ok
0393891|Kia|Lee||EG|05|ok
0394336|Mee|Vang||EG|05|ok
0394780|Taras|Hnatiuk||EG|05|ok
0395225|Sofiia|Kuzmenko||EG|05|ok
0395669|Logan|Price||EG|04|ok
0396114|Chloé|Dubois||EG|04|ok
0396558|Miguel|Torres||EG|04|ok
0397003|Amelia|Ward||EG|04|ok
0397447|Wyatt|Cole||EG|03|ok
0397892|Zara|Khan||EG|03|ok
0398336|Isaiah|Grant||EG|03|tbd
0398781|Bella|Rossi||EG|03|off
0399225|Nathan|Cho||EG|02|ok
0399670|Eva|Horvat||EG|02|ok
"""

# username|given|family|role|schools(+ separated, DIST = district)|state|employee number
FIXED_STAFF = """
dana.whitfield|Dana|Whitfield|administrator|DIST|ok|20114
marcus.bell|Marcus|Bell|administrator|DIST|ok|20377
karen.holt|Karen|Holt|teacher|NR|ok|31025
james.okoro|James|Okoro|teacher|NR|ok|31188
rosa.mendez|Rosa|Mendez|aide|NR|ok|31402
leah.farah|Leah|Farah|administrator|NR|ok|31550
paul.jensen|Paul|Jensen|teacher|BW|ok|32017
nimo.abdi|Nimo|Abdi|teacher|BW|ok|32140
tom.becker|Tom|Becker|aide|BW|ok|32296
greg.sutton|Greg|Sutton|teacher|BW|tbd|32311
erin.kowalczyk|Erin|Kowalczyk|teacher|PV|ok|33061
hassan.jama|Hassan|Jama|teacher|PV|ok|33219
amy.tran|Amy|Tran|administrator|PV|ok|33345
derek.lowe|Derek|Lowe|administrator|PV|ok|33470
linh.vo|Linh|Vo|aide|PV|ok|33512
beth.carver|Beth|Carver|aide|PV|off|33598
sarah.lindqvist|Sarah|Lindqvist|teacher|GH|ok|34007
victor.hale|Victor|Hale|teacher|GH|ok|34133
monica.reyes|Monica|Reyes|administrator|GH|ok|34260
frank.odell|Frank|Odell|administrator|GH|ok|34391
abdi.warsame|Abdi|Warsame|aide|GH|ok|34425
olga.marchenko|Olga|Marchenko|teacher|EG|ok|35012
peter.yang|Peter|Yang|teacher|EG|ok|35148
grace.ibrahim|Grace|Ibrahim|administrator|EG|ok|35273
nina.castillo|Nina|Castillo|teacher|NR+BW|ok|36019
"""

# email|given|family|children ids
FIXED_PARENTS = """
fwarsame77@mail.example|Farhiya|Warsame|0312557
oleh.ostapenko@mail.example|Oleh|Ostapenko|0317003
nguyenfamily.home@mail.example|Thuy|Nguyen|0360245
"""

GIVEN = [
    "James",
    "Olivia",
    "Noah",
    "Emma",
    "Lucas",
    "Mia",
    "Elijah",
    "Amelia",
    "Henry",
    "Harper",
    "Alexander",
    "Evelyn",
    "Sebastian",
    "Abigail",
    "Jack",
    "Emily",
    "Owen",
    "Ella",
    "Samuel",
    "Scarlett",
    "Ahmed",
    "Fartun",
    "Ilhan",
    "Mustafa",
    "Layla",
    "Huda",
    "Yousef",
    "Nadia",
    "Bao Ngoc",
    "Duc",
    "Thu",
    "Khanh",
    "Phuong",
    "Vu",
    "Ger",
    "Nhia",
    "Chia",
    "Ka",
    "Xia",
    "Bohdana",
    "Viktor",
    "Iryna",
    "Oleksii",
    "Roman",
    "Daryna",
    "María José",
    "Andrés",
    "Renée",
    "D'Andre",
    "Jean-Luc",
    "Anne-Marie",
    "Oscar",
    "Otis",
    "Ophelia",
    "Ana Sofía",
    "Zoë",
]
FAMILY = [
    "Anderson",
    "Baker",
    "Campbell",
    "Diaz",
    "Edwards",
    "Fischer",
    "Gonzalez",
    "Harris",
    "Jackson",
    "Lewis",
    "Martinez",
    "Nelson",
    "Olson",
    "Parker",
    "Robinson",
    "Sanchez",
    "Thompson",
    "Walker",
    "Young",
    "Abdille",
    "Egal",
    "Gedi",
    "Yusuf",
    "Noor",
    "Al-Khatib",
    "El Masri",
    "bin Hamad",
    "Trinh",
    "Dinh",
    "Luong",
    "Huynh",
    "Cha",
    "Lo",
    "Vue",
    "Thao",
    "Kovalchuk",
    "Boyko",
    "Hrytsenko",
    "Tkachuk",
    "O'Malley",
    "O'Hara",
    "Ortiz",
    "Van der Berg",
    "De Souza",
    "García-Márquez",
    "St. James",
    "Nuñez",
    "Müller",
    "D'Amico",
]


def ascii_letters(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and c.isalpha()).lower()


def uid(rng):
    return f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-4{rng.getrandbits(12):03x}-{0x8000 | rng.getrandbits(14):04x}-{rng.getrandbits(48):012x}"


def stamp(rng):
    return "2026-%02d-%02dT%02d:%02d:%02d.000Z" % (
        rng.randint(6, 11),
        rng.randint(1, 28),
        rng.randint(0, 23),
        rng.randint(0, 59),
        rng.randint(0, 59),
    )


def parse_fixed(text):
    return [line.split("|") for line in text.strip().splitlines()]


def build(seed):
    fixed_rng = random.Random("granite-prairie-fixed")  # fixed records do not move with --seed
    rng = random.Random(seed)
    district_id = DISTRICT[0]
    orgs = [
        [
            district_id,
            "active",
            "2026-07-01T00:00:00.000Z",
            DISTRICT[1],
            "district",
            DISTRICT[2],
            "",
        ]
    ]
    for _code, (sid, name, ident) in SCHOOLS.items():
        orgs.append([sid, "active", "2026-07-01T00:00:00.000Z", name, "school", ident, district_id])

    users = []
    used_ids = set()
    student_row = {}
    for sid, given, family, middle, school, grade, state in parse_fixed(FIXED_STUDENTS):
        used_ids.add(sid)
        row = [
            uid(fixed_rng),
            "tobedeleted" if state == "tbd" else "active",
            stamp(fixed_rng),
            "false" if state in ("off", "tbd") else "true",
            SCHOOLS[school][0],
            "student",
            "",
            "",
            given,
            family,
            middle,
            sid,
            f"{ascii_letters(given)[:1]}{ascii_letters(family)}{sid[1:]}@{STUDENT_DOMAIN}",
            "",
            "",
            "",
            grade,
            "",
        ]
        row[6] = row[12].split("@")[0]
        student_row[sid] = row
        users.append(row)
    for email, given, family, children in parse_fixed(FIXED_PARENTS):
        prow = [
            uid(fixed_rng),
            "active",
            stamp(fixed_rng),
            "true",
            district_id,
            "parent",
            email.split("@")[0],
            "",
            given,
            family,
            "",
            "",
            email,
            "",
            "",
            "",
            "",
            "",
        ]
        kids = children.split("+")
        prow[15] = ",".join(student_row[k][0] for k in kids)
        for k in kids:
            student_row[k][15] = prow[0]
        users.append(prow)
    for uname, given, family, role, schools, state, emp in parse_fixed(FIXED_STAFF):
        orgids = ",".join(district_id if s == "DIST" else SCHOOLS[s][0] for s in schools.split("+"))
        users.append(
            [
                uid(fixed_rng),
                "tobedeleted" if state == "tbd" else "active",
                stamp(fixed_rng),
                "false" if state in ("off", "tbd") else "true",
                orgids,
                role,
                uname,
                "",
                given,
                family,
                "",
                emp,
                uname + "@" + DOMAIN,
                "",
                "",
                "",
                "",
                "",
            ]
        )

    # Filler students: ~2,300, including some inactive or disabled ones.
    codes = list(SCHOOLS)
    for n in range(2300):
        while True:
            sid = "0%06d" % rng.randint(100000, 999999)
            if sid not in used_ids:
                break
        used_ids.add(sid)
        school = codes[n % len(codes)]
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        roll = rng.random()
        status = "tobedeleted" if roll < 0.012 else "active"
        enabled = "false" if roll < 0.025 else "true"
        email = f"{ascii_letters(given)[:1]}{ascii_letters(family)}{sid[1:]}@{STUDENT_DOMAIN}"
        users.append(
            [
                uid(rng),
                status,
                stamp(rng),
                enabled,
                SCHOOLS[school][0],
                "student",
                email.split("@")[0],
                "",
                given,
                family,
                "",
                sid,
                email,
                "",
                "",
                "",
                rng.choice(GRADES[school]),
                "",
            ]
        )
    # Filler staff: teachers and aides, a few disabled.
    used_names = set()
    for n in range(90):
        given, family = rng.choice(GIVEN[:20]), rng.choice(FAMILY[:19])
        uname = f"{ascii_letters(given)}.{ascii_letters(family)}"
        if uname in used_names:
            continue
        used_names.add(uname)
        role = "aide" if n % 6 == 0 else "teacher"
        off = n % 29 == 0
        users.append(
            [
                uid(rng),
                "active",
                stamp(rng),
                "false" if off else "true",
                SCHOOLS[codes[n % len(codes)]][0],
                role,
                uname,
                "",
                given,
                family,
                "",
                str(40000 + n),
                uname + "@" + DOMAIN,
                "",
                "",
                "",
                "",
                "",
            ]
        )
    return orgs, users


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=20261208)
    ap.add_argument("--out", default=os.path.join(HERE, "roster"))
    args = ap.parse_args()
    orgs, users = build(args.seed)
    os.makedirs(args.out, exist_ok=True)
    write_csv(
        os.path.join(args.out, "orgs.csv"),
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId".split(","),
        orgs,
    )
    write_csv(
        os.path.join(args.out, "users.csv"),
        (
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
            "password"
        ).split(","),
        users,
    )


if __name__ == "__main__":
    main()
