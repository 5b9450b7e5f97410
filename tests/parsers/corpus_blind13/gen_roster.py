#!/usr/bin/env python3
"""Generate the OneRoster 1.1 CSV roster of Quarry Hill Public Schools (invented district).

Standard library only and deterministic: `python3 gen_roster.py` rewrites the same bytes.
The records the tickets refer to (SPECIAL_* and the fixed POOL) never depend on --seed;
--seed only changes the filler records, which avoid every reserved ID and name.
"""

import argparse
import csv
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SEED = 20261208
POOL_SEED = 13013013  # the fixed pool must not move when --seed changes
STAMP = "2026-08-20T12:00:00Z"
DOMAIN = "quarryhill.k12.example"

DISTRICT = "org-qh-district"
ORGS = [
    (DISTRICT, "Quarry Hill Public Schools", "district", "QHPS", ""),
    ("org-qh-led", "Ledgeview Elementary School", "school", "LED", DISTRICT),
    ("org-qh-gse", "Granite Street Elementary School", "school", "GSE", DISTRICT),
    ("org-qh-qms", "Quarry Hill Middle School", "school", "QMS", DISTRICT),
    ("org-qh-rms", "Riverside Middle School", "school", "RMS", DISTRICT),
    ("org-qh-qhs", "Quarry Hill High School", "school", "QHS", DISTRICT),
]
SCHOOLS = [o[0] for o in ORGS[1:]]
GRADES = {
    "org-qh-led": ["KG", "01", "02", "03", "04", "05"],
    "org-qh-gse": ["KG", "01", "02", "03", "04", "05"],
    "org-qh-qms": ["06", "07", "08"],
    "org-qh-rms": ["06", "07", "08"],
    "org-qh-qhs": ["09", "10", "11", "12"],
}

# (id, given, family, middle, school, status, enabled, grade)
# The records the tickets name. Shared full names, swapped-digit neighbours, accents,
# particles, apostrophes, hyphens and O-initial names are all deliberate.
SPECIAL_STUDENTS = [
    ("0512384", "José", "Hernández", "Luis", "org-qh-qms", "active", "true", "07"),
    ("0531847", "João Pedro", "Gonçalves", "", "org-qh-qms", "active", "true", "07"),
    ("0548120", "Wideline", "Jean-Baptiste", "", "org-qh-qms", "active", "true", "08"),
    ("0548102", "Mackenson", "Pierre-Louis", "", "org-qh-qms", "active", "true", "08"),
    ("0550937", "Ana Clara", "dos Santos", "", "org-qh-qms", "active", "true", "06"),
    ("0556201", "Otávio", "Oliveira", "", "org-qh-qms", "active", "true", "06"),
    ("0560040", "Odile", "O'Connor", "", "org-qh-qms", "active", "true", "06"),
    ("0563318", "Kevin", "Nguyen", "", "org-qh-qms", "active", "true", "08"),
    ("0563381", "Kevin", "Nguyen", "", "org-qh-qms", "active", "true", "07"),
    ("0571104", "Rose-Merline", "Dorcéus", "", "org-qh-qms", "active", "true", "07"),
    ("0574460", "Beatriz", "Magalhães", "", "org-qh-qms", "active", "true", "08"),
    ("0577012", "Thiago", "Araújo", "", "org-qh-qms", "active", "true", "06"),
    ("0579905", "Fabiola", "Saint-Fleur", "", "org-qh-qms", "tobedeleted", "true", "07"),
    ("0580316", "Daniel", "Sá", "", "org-qh-qms", "active", "false", "08"),
    ("0582290", "Michael", "Tavares", "", "org-qh-qms", "active", "true", "07"),
    ("0584471", "Maria Eduarda", "Lopes", "", "org-qh-qms", "active", "true", "06"),
    ("0586603", "Jalen", "Brooks", "", "org-qh-qms", "active", "true", "08"),
    ("0588019", "Minh Anh", "Tran", "", "org-qh-qms", "active", "true", "07"),
    ("0589140", "Sean", "O'Malley", "Patrick", "org-qh-qms", "active", "true", "06"),
    ("0590277", "Widlyne", "Louissaint", "", "org-qh-qms", "active", "true", "08"),
    ("0591008", "Gabriel", "Monteiro", "", "org-qh-qms", "active", "true", "06"),
    ("0591080", "Gabriela", "Monteiro", "", "org-qh-qms", "active", "true", "08"),
    ("0610552", "Lucas", "De Souza", "", "org-qh-rms", "active", "true", "07"),
    ("0614230", "Isabela", "Conceição", "", "org-qh-rms", "active", "true", "06"),
    ("0617745", "Jean", "Dieujuste", "Marc", "org-qh-rms", "active", "true", "08"),
    ("0620981", "Sofía", "Peña", "", "org-qh-rms", "active", "true", "07"),
    ("0623307", "Christopher", "Van der Berg", "", "org-qh-rms", "active", "true", "06"),
    ("0626618", "Samantha", "Joseph", "", "org-qh-rms", "active", "true", "08"),
    ("0629004", "Orlando", "Ortiz", "", "org-qh-rms", "active", "true", "07"),
    ("0630145", "Lucas", "De Souza", "", "org-qh-rms", "active", "true", "08"),
    ("0633902", "Natália", "Fortes", "", "org-qh-rms", "active", "false", "07"),
    ("0410223", "Nathaniel", "Auguste", "", "org-qh-led", "active", "true", "03"),
    ("0413307", "Emily", "Da Costa", "", "org-qh-led", "active", "true", "02"),
    ("0415560", "Jayden", "Rodrigues", "", "org-qh-led", "active", "true", "04"),
    ("0418841", "Chloé", "Bélizaire", "", "org-qh-led", "active", "true", "05"),
    ("0420076", "Mateus", "Figueiredo", "", "org-qh-led", "tobedeleted", "false", "04"),
    ("0440318", "Valentina", "Ibáñez", "", "org-qh-gse", "active", "true", "05"),
    ("0443350", "Pierre", "Etienne", "", "org-qh-gse", "active", "true", "03"),
    ("0446710", "Stephanie", "D'Amico", "", "org-qh-gse", "active", "true", "04"),
    ("0710334", "Anthony", "Medeiros", "", "org-qh-qhs", "active", "true", "10"),
    ("0712201", "Kiara", "Saint-Jean", "", "org-qh-qhs", "active", "true", "11"),
    ("0715590", "Giovanna", "Carvalho", "", "org-qh-qhs", "active", "true", "09"),
    ("0718806", "Roberto", "Núñez", "", "org-qh-qhs", "active", "true", "12"),
    ("0721147", "Priscila", "Barbosa", "", "org-qh-qhs", "active", "true", "10"),
    ("0724459", "Ricardo", "Pimentel", "", "org-qh-qhs", "active", "true", "11"),
]

# IDs the tickets write that must belong to nobody (typos that land on no record).
RESERVED_ABSENT = {
    "0512348",
    "0531874",
    "0574406",
    "0626681",
    "0715509",
    "0590727",
    "0443305",
    "0584417",
    "0550397",
    "0620918",
    "0712210",
    "0563138",
    "0586630",
    "0410232",
    "0721174",
    "0563338",
    "0598140",
    "0548210",
}

# (email local, given, family, roles, orgs, status, enabled, identifier)
SPECIAL_STAFF = [
    ("rosa.almeida", "Rosa", "Almeida", "teacher", "org-qh-qms", "active", "true", "E40112"),
    ("marcus.bell", "Marcus", "Bell", "teacher", "org-qh-qms", "active", "true", "E40127"),
    (
        "guerline.charles",
        "Guerline",
        "Charles",
        "teacher",
        "org-qh-qms",
        "active",
        "true",
        "E40139",
    ),
    ("helena.ferreira", "Helena", "Ferreira", "aide", "org-qh-qms", "active", "true", "E40144"),
    (
        "donna.kowalski",
        "Donna",
        "Kowalski",
        "administrator",
        "org-qh-qms",
        "active",
        "true",
        "E40150",
    ),
    ("paulo.rezende", "Paulo", "Rezende", "teacher", "org-qh-rms", "active", "true", "E40163"),
    ("marie.noel", "Marie", "Noel", "teacher", "org-qh-rms", "active", "true", "E40171"),
    ("brenda.oakes", "Brenda", "Oakes", "aide", "org-qh-rms", "active", "true", "E40188"),
    ("lucia.vargas", "Lucia", "Vargas", "teacher", "org-qh-led", "active", "true", "E40192"),
    ("tom.reilly", "Tom", "Reilly", "teacher", "org-qh-gse", "active", "true", "E40205"),
    ("nadine.augustin", "Nadine", "Augustin", "teacher", "org-qh-qhs", "active", "true", "E40217"),
    (
        "carlos.mendes",
        "Carlos",
        "Mendes",
        "teacher",
        "org-qh-qms,org-qh-rms",
        "active",
        "true",
        "E40226",
    ),
    ("janet.pryor", "Janet", "Pryor", "administrator", DISTRICT, "active", "true", "E40233"),
    ("frank.dube", "Frank", "Dube", "teacher", "org-qh-qms", "active", "false", "E40248"),
    ("ellen.marsh", "Ellen", "Marsh", "teacher", "org-qh-rms", "tobedeleted", "true", "E40251"),
    ("sandra.pinto", "Sandra", "Pinto", "aide", "org-qh-qms", "active", "true", "E40264"),
]

# (sourcedId, given, family, email, child student IDs)
SPECIAL_PARENTS = [
    ("par-9001", "Marlene", "Jean-Baptiste", "marlene.jb77@mailbox.example", ["0548120"]),
    ("par-9002", "Sérgio", "Gonçalves", "sergio.goncalves@webmail.example", ["0531847"]),
    ("par-9003", "Yolanda", "Peña", "ypena.family@mailbox.example", ["0620981"]),
]

FIRST = [
    "Adriana",
    "Alexandre",
    "Amanda",
    "Bianca",
    "Bruno",
    "Caio",
    "Camila",
    "Davi",
    "Eduardo",
    "Fernanda",
    "Felipe",
    "Gustavo",
    "Heitor",
    "Igor",
    "Juliana",
    "Larissa",
    "Leonardo",
    "Letícia",
    "Manuela",
    "Marcelo",
    "Matheus",
    "Nicolas",
    "Paula",
    "Rafael",
    "Renata",
    "Rodrigo",
    "Samuel",
    "Tatiana",
    "Vinícius",
    "Yasmin",
    "Stevenson",
    "Fritzner",
    "Guerda",
    "Lovely",
    "Jeff",
    "Kervens",
    "Nadège",
    "Rodeline",
    "Woodley",
    "Daphnée",
    "Carmen",
    "Diego",
    "Elena",
    "Luis",
    "Mariana",
    "Alejandro",
    "Ximena",
    "Andrés",
    "Jasmine",
    "Ethan",
    "Olivia",
    "Noah",
    "Emma",
    "Liam",
    "Ava",
    "Aiden",
    "Madison",
    "Tyler",
    "Brianna",
    "Owen",
    "Oscar",
    "Ophelia",
    "Ines",
    "Tuan",
    "Linh",
    "Bao",
    "Thu Trang",
    "Mary Kate",
    "Ana Luísa",
    "Jean-Luc",
    "D'Andre",
    "Zoë",
    "Rayan",
    "Amara",
]
LAST = [
    "Silva",
    "Santos",
    "Oliveira Costa",
    "Pereira",
    "Rocha",
    "Ribeiro",
    "Cardoso",
    "Teixeira",
    "Moura",
    "Freitas",
    "Azevedo",
    "Correia",
    "Rezende",
    "Lima",
    "Castro",
    "Brandão",
    "Simões",
    "Pierre",
    "Jean-Louis",
    "Désir",
    "Exantus",
    "Fleurimond",
    "Jacques",
    "Laguerre",
    "Michel",
    "St. Louis",
    "Toussaint",
    "Valcourt",
    "Garcia",
    "Martinez",
    "Lopez-Rivera",
    "Ramírez",
    "De León",
    "Cruz",
    "Morales",
    "Ortega",
    "O'Neill",
    "O'Brien",
    "Orr",
    "Owens",
    "Murphy",
    "Sullivan",
    "Walsh",
    "Fitzgerald",
    "Anderson",
    "Clark",
    "Harris",
    "Pham",
    "Le",
    "Vo",
    "Huynh",
    "da Silva",
    "do Carmo",
    "McAllister",
    "Kowalczyk",
    "Reyes",
    "Vieira",
    "Furtado",
    "Andrade",
]


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def letters(s):
    return "".join(c for c in fold(s).lower() if c.isalpha())


def student_email(given, family, sid):
    return f"{letters(given)[0]}{letters(family)}{sid[1:]}@students.{DOMAIN}"


def swaps(sid):
    out = set()
    for i in range(1, 6):
        d = list(sid)
        d[i], d[i + 1] = d[i + 1], d[i]
        out.add("".join(d))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default=os.path.join(HERE, "roster"))
    args = ap.parse_args()

    special_ids = {s[0] for s in SPECIAL_STUDENTS}
    reserved = set(RESERVED_ABSENT) | special_ids
    for sid in special_ids:
        reserved |= swaps(sid)
    used_names = {letters(s[1]) + "|" + letters(s[2]) for s in SPECIAL_STUDENTS}

    students = [list(s) for s in SPECIAL_STUDENTS]

    def add_random(rng, count, inactive_every):
        made = 0
        while made < count:
            sid = f"0{rng.randint(300000, 899999)}"
            given, family = rng.choice(FIRST), rng.choice(LAST)
            key = letters(given) + "|" + letters(family)
            if sid in reserved or key in used_names:
                continue
            reserved.add(sid)
            used_names.add(key)
            school = rng.choice(SCHOOLS)
            status, enabled = "active", "true"
            if inactive_every and made % inactive_every == inactive_every - 1:
                status, enabled = rng.choice(
                    [("tobedeleted", "true"), ("active", "false"), ("tobedeleted", "false")]
                )
            middle = rng.choice(["", "", "", rng.choice(FIRST)])
            students.append(
                [sid, given, family, middle, school, status, enabled, rng.choice(GRADES[school])]
            )
            made += 1

    add_random(random.Random(POOL_SEED), 300, 0)
    add_random(random.Random(args.seed), 1700, 60)

    rng = random.Random(args.seed)
    staff = [list(s) for s in SPECIAL_STAFF]
    staff_keys = {s[0] for s in SPECIAL_STAFF}
    emp = 41000
    while len(staff) < 140:
        given, family = rng.choice(FIRST), rng.choice(LAST)
        local = f"{letters(given)}.{letters(family)}"
        if local in staff_keys:
            continue
        staff_keys.add(local)
        role = rng.choice(["teacher"] * 6 + ["aide", "administrator"])
        status, enabled = "active", "true"
        if len(staff) % 45 == 0:
            status, enabled = "active", "false"
        emp += rng.randint(3, 17)
        staff.append([local, given, family, role, rng.choice(SCHOOLS), status, enabled, f"E{emp}"])

    agents = {}
    for pid, _g, _f, _e, kids in SPECIAL_PARENTS:
        agents[pid] = ["stu-" + k for k in kids]
        for k in kids:
            agents.setdefault("stu-" + k, []).append(pid)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "orgs.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "name",
                "type",
                "identifier",
                "parentSourcedId",
            ]
        )
        for sid, name, typ, ident, parent in ORGS:
            w.writerow([sid, "active", STAMP, name, typ, ident, parent])

    with open(os.path.join(args.out, "users.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "enabledUser",
                "orgSourcedIds",
                "role",
                "username",
                "userIds",
                "givenName",
                "familyName",
                "middleName",
                "identifier",
                "email",
                "sms",
                "phone",
                "agentSourcedIds",
                "grades",
                "password",
            ]
        )
        for sid, given, family, middle, school, status, enabled, grade in students:
            email = student_email(given, family, sid)
            src = "stu-" + sid
            w.writerow(
                [
                    src,
                    status,
                    STAMP,
                    enabled,
                    school,
                    "student",
                    email.split("@")[0],
                    "",
                    given,
                    family,
                    middle,
                    sid,
                    email,
                    "",
                    "",
                    ",".join(agents.get(src, [])),
                    grade,
                    "",
                ]
            )
        for local, given, family, role, orgs, status, enabled, ident in staff:
            w.writerow(
                [
                    "stf-" + ident,
                    status,
                    STAMP,
                    enabled,
                    orgs,
                    role,
                    local,
                    "",
                    given,
                    family,
                    "",
                    ident,
                    f"{local}@{DOMAIN}",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        for pid, given, family, email, _kids in SPECIAL_PARENTS:
            w.writerow(
                [
                    pid,
                    "active",
                    STAMP,
                    "true",
                    DISTRICT,
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
                    ",".join(agents[pid]),
                    "",
                    "",
                ]
            )


if __name__ == "__main__":
    main()
