"""Generate the OneRoster 1.1 CSV roster of the invented Loon Prairie Public Schools (ISD 2291).

    /work/main/.venv/bin/python gen_roster.py            # rewrites roster/ byte for byte
    /work/main/.venv/bin/python gen_roster.py --seed 7   # different filler records

The students, staff and parents that the tickets refer to are the FIXED_* tables below; they
do not depend on the seed. Everything else (about 2,400 more students, 160 staff, 60 parents)
is filler drawn from name pools with ``random.Random(seed)``. Filler never takes an ID, a full
name or an e-mail address that a fixed record (or a deliberately absent ticket ID) uses, so
truth.json stays valid for any seed. Every name, ID and address here is invented.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
import uuid
from pathlib import Path

from connectors.roster.oneroster_csv import write_oneroster_csv

DEFAULT_SEED = 2291
HERE = Path(__file__).resolve().parent
STAFF_DOMAIN = "loonprairie.k12.example"
STUDENT_DOMAIN = "students.loonprairie.k12.example"
MODIFIED = "2026-08-21T05:30:00.000Z"
NAMESPACE = uuid.UUID("6f0d7a52-3c1e-4f7b-9a55-2291b8e0c4d1")
SCHOOL_YEAR_END = 2027  # the 2026-27 school year: a 12th grader graduates in 2027

# code: (sourcedId, name, identifier, grades taught)
DISTRICT = ("LP", "Loon Prairie Public Schools, ISD 2291", "ISD-2291")
SCHOOLS = {
    "PRE": ("Prairie Rose Elementary", "2291-110", ["KG", "01", "02", "03", "04", "05"]),
    "WBE": ("Willow Bend Elementary", "2291-120", ["KG", "01", "02", "03", "04", "05"]),
    "TMS": ("Tamarack Middle School", "2291-210", ["06", "07", "08"]),
    "LPHS": ("Loon Prairie High School", "2291-310", ["09", "10", "11", "12"]),
    "NSOA": ("North Star Online Academy", "2291-410", ["06", "07", "08", "09", "10", "11", "12"]),
    "BALC": ("Bridges Area Learning Center", "2291-510", ["09", "10", "11", "12"]),
}
# Students per school in total (fixed + filler).
SCHOOL_SIZE = {"PRE": 540, "WBE": 505, "TMS": 585, "LPHS": 690, "NSOA": 140, "BALC": 80}

# Students the tickets name. id|given|family|middle|school|grade|state
# state: A = active and enabled, D = tobedeleted (disabled), X = active but enabledUser false.
FIXED_STUDENTS = """
0417204|Bram|de Jong||PRE|04|A
0417730|Mary Kate|Sorensen||PRE|02|A
0418002|Anna-Lise|Bjerke||PRE|02|A
0418115|Daan|van Dijk||PRE|02|A
0418116|Sanne|van Dijk||PRE|02|A
0418826|Sigrid|Næss||PRE|03|A
0418837|Tove|Ekström||PRE|03|A
0418851|Bjørn|Østby||PRE|03|A
0418860|Åsa|Lindqvist||PRE|03|A
0418879|Linnéa|Sjöberg|Karin|PRE|03|A
0418904|Nengpao|Lor||PRE|05|A
0418913|Ia|Moua||PRE|05|A
0418922|Maiv|Her||PRE|05|A
0418931|Ole|Åberg||PRE|04|A
0418940|Søren|Dahl||PRE|04|A
0418958|Kjærsti|Haugen||PRE|03|A
0418967|Signe|Bakken||PRE|03|A
0419025|Liv|Aasen||PRE|03|A
0419112|Yusuf|Farah||PRE|04|A
0419141|Ebba|Lindström||PRE|05|A
0419158|Astrid|Holm||PRE|04|A
0419165|Magnus|Berge||PRE|04|A
0419203|Hope|Christensen||PRE|02|A
0419210|Rune|Vik||PRE|02|A
0419227|Elin|Strand||PRE|02|A
0419304|Jo-Ellen|Frisch||PRE|05|A
0419311|Wren|Halverson||PRE|05|D
0419328|Sunny|Ek||PRE|01|A
0436614|José Ángel|Hernández||WBE|04|A
0436690|Ximena|Gutiérrez-Soto||WBE|04|A
0436702|Santiago|Nuñez||WBE|04|A
0436725|María Fernanda|López||WBE|04|A
0437552|Emil|Hoffmann||WBE|05|A
0437561|Lotte|Becker||WBE|05|A
0437620|Katherine|Olson||WBE|04|A
0437634|Guadalupe|De la Rosa||WBE|04|A
0437648|Bennett|Hall||WBE|04|A
0437695|Marit|Solberg||WBE|03|A
0437709|Eero|Mäkelä||WBE|03|A
0437781|Femke|van den Berg||WBE|04|A
0437903|Kou|Vang||WBE|05|A
0438114|Aksel|Nygaard||WBE|03|A
0438127|Ingeborg|Tveit||WBE|03|A
0438201|Ayan|Warfa||WBE|02|A
0438215|Nimco|Said||WBE|02|A
0438330|Kaia|Halvorsen||WBE|03|A
0438402|Ku|Paw||WBE|03|A
0438433|Finn|Hartmann||WBE|05|A
0438517|Sofia|Hernández||WBE|03|A
0438571|Sofia|Hernández||WBE|03|D
0438608|Lee-Ann|Kunz||WBE|05|A
0438615|Xee|Yang||WBE|05|X
0527763|Kalia|Yang||TMS|07|A
0528811|Kou|Vang||TMS|08|A
0528840|Yeng|Thao||TMS|08|A
0528869|Nou|Her||TMS|08|A
0528903|Ayaan|Farah||TMS|08|A
0529014|Mai Yer|Xiong||TMS|07|A
0529322|Camila|Ruiz||TMS|06|A
0529351|Mateo|Domínguez||TMS|06|A
0529380|Valentina|Castro||TMS|06|A
0529395|Diego|Salas||TMS|06|D
0529427|Pa Nhia|Lor||TMS|07|A
0529436|Tou|Thao||TMS|07|A
0529511|Erik|Holm||TMS|06|A
0529617|Noah|Lindberg||TMS|08|A
0529671|Esther|Abebe||TMS|08|A
0530120|Joost|Verhoeven||TMS|08|A
0530215|Eh Htoo|Say||TMS|07|A
0530228|Hser Nay|Moo||TMS|07|A
0530334|Ciarán|O'Sullivan||TMS|07|A
0530341|Zoë|D'Souza||TMS|07|A
0530358|Aoife|O'Brien||TMS|07|A
0530417|Sanne|van der Meer||TMS|06|A
0530424|Santiago|del Toro||TMS|06|A
0530509|Paw Say|Wah||TMS|08|A
0530516|Mykhailo|Oliynyk||TMS|08|A
0530662|Chong|Moua||TMS|07|A
0531287|Pakou|Lor||TMS|07|A
0612044|Greta|Weiß||LPHS|10|A
0612377|Jonas|Schröder||LPHS|10|A
0613112|Tuva|Rønning||LPHS|11|A
0613127|Hallvard|Moen||LPHS|11|A
0613590|Dar'ia|Koval||LPHS|11|A
0614208|Lukas|Müller||LPHS|10|A
0614215|Lea|Köhler||LPHS|10|A
0614822|Fritz|Strauß||LPHS|10|A
0615530|Khadra|Abdullahi||LPHS|09|A
0615547|Ikran|Nur||LPHS|09|A
0615558|Hodan|Ali||LPHS|11|A
0615564|Sahra|Jama||LPHS|11|A
0615602|Abdiwali|Ahmed||LPHS|09|A
0615619|Hamza|Osman||LPHS|09|A
0615666|Mohamed|Hassan|Abdi|LPHS|12|A
0615673|Abdirahman|Mohamed||LPHS|10|A
0615680|Abdirahman|Mohamed||LPHS|11|A
0615711|Fartun|Warsame||LPHS|10|A
0616021|Oleksandr|Kovalchuk||LPHS|10|A
0616038|Daryna|Shevchenko||LPHS|10|A
0616054|Mykola|Tkachenko||LPHS|10|A
0616119|Grace|Lindahl||LPHS|12|A
0616128|Nils|Ecklund||LPHS|12|A
0616135|Ruth Ann|Bateman||LPHS|12|A
0616207|Sarah Jane|Tanner||LPHS|11|A
0616214|John Henry|Nielsen||LPHS|11|A
0616221|Emma Lou|Bateman||LPHS|09|A
0616238|Orson|Hale||LPHS|11|A
0616245|Declan|O'Malley||LPHS|09|A
0616252|Gianna|D'Angelo||LPHS|09|A
0616269|Liam|O'Connell||LPHS|09|A
0616311|Teodor|Sandvik||LPHS|11|A
0616328|Maja|Lunde||LPHS|11|A
0616403|Brody|Kessler||LPHS|11|A
0616417|Skyler|Vang||LPHS|11|A
0616520|Htoo|Htoo||LPHS|09|A
0616534|Tyler|Brennan||LPHS|10|A
0616541|A.J.|Kowalski||LPHS|12|A
0616555|C.J.|Lindahl||LPHS|10|A
0616562|Caleb|Sundquist||LPHS|11|D
0616609|Parley|Young|Heber|LPHS|12|A
0616616|Lorelei|Schmidt-Larsen||LPHS|12|A
0616623|May|Day||LPHS|10|A
0616630|Ivan|Hryhorenko||LPHS|12|X
0651102|Yaroslav|Bondarenko||NSOA|08|A
0651178|Anastasiia|Melnyk||NSOA|08|A
0651240|Taras|Lysenko||NSOA|09|A
0651303|Oleksandr|Bondar||NSOA|10|A
0651317|Sofiia|Marchenko||NSOA|10|A
0651421|Naw Paw|Lah||NSOA|09|A
0651436|Bohdan|Kravets||NSOA|11|A
0651443|Solomiia|Pavlenko||NSOA|11|A
0651450|Ivanna|Savchuk||NSOA|12|A
0651467|Hans-Peter|Voß||NSOA|11|A
0672019|Hunter|Reed||BALC|11|A
0672106|Will|Price||BALC|12|A
0672218|Rowan|Marsh||BALC|10|X
0672233|Faith|Young||BALC|10|A
0672240|Chance|Bishop||BALC|11|A
"""

# IDs that tickets write and that must belong to nobody (swapped digits, one digit off,
# example IDs in echoed instructions, ticket and incident numbers).
ABSENT_IDS = frozenset(
    {
        "0400000",  # example ID in echoed instructions (V-5098)
        "0041877",  # inside the incident number INC0041877 (V-5092)
        "0418161",  # Sanne van Dijk's 0418116 with two digits swapped (V-5059)
        "0419033",  # inside the asset tag LP0419033 (V-5091)
        "0527736",  # Kalia Yang's 0527763 with two digits swapped (V-5116)
        "0529315",  # Mateo Domínguez's 0529351 with two digits swapped (V-5076)
    }
)

# Staff the tickets refer to. email local part|given|family|role|schools|state|employee no.
# schools: "+"-separated codes (LP = the district org). state as for students.
FIXED_STAFF = """
halvorseni|Ingrid|Halvorsen|teacher|PRE|A|E40117
vangt|Tou|Vang|teacher|TMS|A|E40233
brekkes|Solveig|Brekke|teacher|LPHS|A|E40318
schaferd|Dieter|Schäfer|teacher|LPHS|A|E40322
grossmanna|Anneliese|Großmann|teacher|WBE|A|E40405
vanderbergp|Pieter|van der Berg|teacher|TMS|A|E40411
devriesh|Hendrik|de Vries|teacher|PRE+WBE|A|E40452
ortegaruizg|Guadalupe|Ortega-Ruiz|teacher|WBE|A|E40467
trevinom|Marisol|Treviño|teacher|TMS|A|E40503
warsameh|Hodan|Warsame|teacher|LPHS|A|E40519
htoos|Saw Kyaw|Htoo|aide|TMS|A|E40522
kovalenkoo|Oksana|Kovalenko|teacher|NSOA|A|E40608
rasmussenm|Mary Kate|Rasmussen|teacher|PRE|A|E40614
prattj|John Henry|Pratt|teacher|LPHS|A|E40671
omalleyb|Brigid|O'Malley|administrator|TMS|A|E40702
dangelod|Dominic|D'Angelo|administrator|LPHS|A|E40713
lindqvistr|Rebecca|Lindqvist|teacher|LP|A|E40726
abdif|Farhiya|Abdi|administrator|LP|A|E40739
kowalczyks|Sandra|Kowalczyk|aide|PRE|A|E40744
thorsenj|Jessica|Thorsen|teacher|BALC|A|E40801
lindgreng|Gary|Lindgren|teacher|TMS|D|E30155
brandtk|Kayla|Brandt|teacher|WBE|X|E40833
xiongy|Yer|Xiong|teacher|TMS+LPHS|A|E40846
xiongc|Chue|Xiong|aide|PRE|A|E40851
makinenl|Lena|Mäkinen|aide|LPHS|A|E40907
beckerk|Karl-Heinz|Becker|administrator|PRE|A|E40912
hrytsenkon|Natalia|Hrytsenko|administrator|NSOA|A|E40925
johnsone|Erik|Johnson|teacher|LPHS|A|E40938
johnsone2|Emily|Johnson|teacher|WBE|A|E40940
fensked|Deb|Fenske|aide|LPHS|A|E40953
hassana|Abdirahman|Hassan|administrator|LPHS|A|E40966
vangp|Pa Houa|Vang|aide|WBE|A|E41004
ellingsonm|Marcus|Ellingson|teacher|BALC+LPHS|A|E41017
nguyent|Tyler|Nguyen|teacher|TMS|T|E31122
stordahlb|Becca|Stordahl|teacher|NSOA|A|E41035
fjeldg|Greta|Fjeld|teacher|WBE|A|E41048
dahlk|Kristin|Dahl|teacher|PRE|A|E41051
yusufa|Amina|Yusuf|teacher|WBE|A|E41066
hansonm|Mike|Hanson|administrator|LP|A|E41079
moorel|Lisa|Moore|teacher|TMS|A|E41082
"""

# Parents. email|given|family|children's IDs ("+"-separated)
FIXED_PARENTS = """
fadumo.farah@mailbox.example|Fadumo|Farah|0528903+0419112
mvandijk.family@inbox.example|Marieke|van Dijk|0418115+0418116
yelena.kovalchuk@webmail.example|Yelena|Kovalchuk|0616021
nengthao77@mailbox.example|Neng|Thao|0529436
jenny.olson.mn@inbox.example|Jennifer|Olson|0437620
rosa.hernandez.lp@webmail.example|Rosa|Hernández|0436614
tbateman@ranchmail.example|Thomas|Bateman|0616135+0616221
"""

# Filler name pools: (given names, family names) per naming tradition.
POOLS = [
    (
        "Anders Astrid Birgit Britta Einar Erik Freya Gunnar Hakon Ingrid Jens Karin Kari "
        "Knut Lars Leif Linnea Magnus Nora Oskar Randi Sigurd Solveig Sven Thea Tor Vidar",
        "Aas Andersen Berg Bjornstad Dahl Eide Engebretsen Fossum Gran Hagen Haugland "
        "Iversen Johansen Kvam Lien Lund Moe Nyberg Olsen Pedersen Rud Sandberg Solheim "
        "Strand Thorsen Vik Berglund Sjögren Åkesson Lövgren Nørgaard Sæther Grønlund",
    ),
    (
        "Anja Ben Clara Elias Emma Felix Frieda Hannah Jakob Jonas Klara Leon Lina Luca "
        "Marie Max Mia Noah Paul Sophie Theo Johanna Matthias Lukas",
        "Bauer Braun Fischer Franke Hartung Keller Krause Lange Meyer Neumann Richter "
        "Schulz Schwarz Vogel Wagner Weber Wolff Zimmermann Jäger Günther Böhm Kraus Möller",
    ),
    (
        "Anouk Bas Daan Evi Fenna Floor Jesse Joris Lieke Luuk Maud Milan Noor Pim Roos "
        "Sem Stijn Tess Thijs Wouter Yara",
        "Bakker de Boer de Graaf de Groot Dekker Jansen Kuiper Mulder Smit van Beek "
        "van Leeuwen van der Linden Visser Vos de Wit Hendriks van Dam",
    ),
    (
        "Adrián Alejandro Ana Andrea Carlos Daniela Diego Emiliano Fernanda Gabriel "
        "Isabella Jimena Jorge Leonardo Lucía Luis Mariana Miguel Natalia Regina Rafael "
        "Valeria Victoria Sebastián Juan_Pablo Ana_Sofía María_José",
        "Aguilar Castillo Chávez Cruz Delgado Flores García Gómez González Herrera Jiménez "
        "Martínez Medina Morales Ortiz Pérez Ramos Reyes Rodríguez Sánchez Torres Vargas "
        "de la Cruz Mendoza-Ruiz",
    ),
    (
        "Bao Chia Ger Kia Lee Mai Maiv Neng Nhia Pa Pheng Shoua Tong Txhiaj Vue Xai Ying "
        "Yia Zoua Kalia Tswv",
        "Cha Chang Hang Her Kue Lee Lor Ly Moua Thao Vang Vue Xiong Yang Khang",
    ),
    (
        "Abdi Abdullahi Amina Asha Faadumo Farhan Hibaaq Hodan Hussein Ifrah Idil "
        "Ismail Khalid Maryan Mustafa Najma Omar Qamar Sagal Yasmin Zakariye",
        "Abdi Aden Ali Dahir Egal Farah Gedi Hirsi Ibrahim Jama Mohamud Noor Nuur Omar "
        "Osman Yusuf Warsame Hassan Mohamed",
    ),
    (
        "Eh Hser Ku Law Naw Paw Saw Say Tha Blu Hsa Mu Pler Ler Nay Htoo Gay Moo",
        "Paw Htoo Say Moo Wah Lah Soe Taw Doh Meh Mu Bleh Htoo Wah",
    ),
    (
        "Andriy Bohdana Dmytro Iryna Kateryna Maksym Mariia Nazar Olena Petro Roman "
        "Serhii Viktoriia Vladyslav Yulia Zakhar",
        "Boyko Hnatiuk Kovalenko Kravchenko Lytvyn Moroz Petrenko Rudenko Savchenko "
        "Shevchuk Tkachuk Yurchenko Zinchenko Danylyuk",
    ),
    (
        "Aiden Avery Brooklyn Carter Chloe Dylan Ella Ethan Hailey Harper Jack Kayden "
        "Lily Logan Mason Nora Owen Riley Ryan Tyler Wyatt Zoe Grace Hunter Will Summer "
        "Skye River Hope Rose",
        "Anderson Brown Clark Davis Foster Hall Harris Jensen Johnson Kelly Lewis Miller "
        "Nelson Olson Peterson Reed Robinson Schultz Taylor Thompson White Wilson Young "
        "Stone Fields Price Marsh Wood O'Neill McCarthy Fitzgerald",
    ),
    (
        "Mary Ann|Sarah Jane|John Henry|Emma Lou|Lucy Mae|Joseph Smith|Ruth Ellen|Eliza Jane"
        "|Heber|Parley|Orson|Brigham|Lorenzo|Moroni|Nephi|Eliza|Lehi|Emmeline|Hyrum",
        "Allred Bateman Christiansen Call Hatch Jorgensen Larsen Nielsen Pratt Richards "
        "Snow Tanner Udall Whitmer Kimball Lund Sorensen",
    ),
]

STAFF_GIVEN = (
    "Amy Ben Carla Dan Erin Jodi Karen Kevin Laura Matt Megan Nate Paula Ryan Sara Todd "
    "Heidi Jon Kris Brent Tamara Shelby Dana Lori Pam Ross Wendy Greg Nicole Alyssa"
).split()
STAFF_FAMILY = (
    "Aune Blom Carlson Dagen Erickson Fossen Gunderson Haugen Isaacson Jorgenson Kluge "
    "Lindahl Mattson Nygaard Ostrom Quist Roen Sletten Tollefson Ulvestad Wick Zeller "
    "Hinz Pfaff Reinke Stadler Vang Lee Ali Garza"
).split()


def _split(text: str) -> list[str]:
    """Split a given-name pool; "_" joins the words of a two-word given name."""
    words = text.split("|") if "|" in text else text.split()
    return [word.replace("_", " ") for word in words]


def _family_names(text: str) -> list[str]:
    """Split a family-name pool; "de", "van" and "van der" stay attached to the next word."""
    out: list[str] = []
    words = text.split()
    i = 0
    while i < len(words):
        name = words[i]
        while name.lower() in {"de", "van", "van der", "de la"} and i + 1 < len(words):
            i += 1
            name = f"{name} {words[i]}"
        out.append(name)
        i += 1
    return out


def ascii_letters(text: str) -> str:
    """Lower-case ASCII letters of a name, for e-mail addresses."""
    text = text.replace("ß", "ss").replace("æ", "ae").replace("Æ", "Ae")
    text = text.replace("ø", "o").replace("Ø", "O")
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded.lower() if "a" <= c <= "z")


def name_key(given: str, family: str) -> str:
    return f"{ascii_letters(given)}|{ascii_letters(family)}"


def sid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def org_sid(code: str) -> str:
    return sid("org", code)


def grad_year(grade: str) -> int:
    number = 0 if grade == "KG" else int(grade)
    return SCHOOL_YEAR_END + 12 - number


def state_fields(state: str) -> tuple[str, str]:
    return {
        "A": ("active", "true"),
        "D": ("tobedeleted", "false"),
        "X": ("active", "false"),
        "T": ("tobedeleted", "true"),
    }[state]


def parse_table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    orgs = [
        {
            "sourcedId": org_sid(DISTRICT[0]),
            "status": "active",
            "dateLastModified": MODIFIED,
            "name": DISTRICT[1],
            "type": "district",
            "identifier": DISTRICT[2],
        }
    ]
    for code, (name, ident, _grades) in SCHOOLS.items():
        orgs.append(
            {
                "sourcedId": org_sid(code),
                "status": "active",
                "dateLastModified": MODIFIED,
                "name": name,
                "type": "school",
                "identifier": ident,
                "parentSourcedId": org_sid(DISTRICT[0]),
            }
        )

    students: list[dict[str, str]] = []
    used_ids = set(ABSENT_IDS)
    used_names: set[str] = set()
    used_student_emails: set[str] = set()
    agents: dict[str, list[str]] = {}

    def add_student(
        ident: str, given: str, family: str, middle: str, school: str, grade: str, state: str
    ) -> None:
        status, enabled = state_fields(state)
        base = f"{ascii_letters(given)}.{ascii_letters(family)}{grad_year(grade) % 100:02d}"
        local, n = base, 1
        while local in used_student_emails:
            n += 1
            local = f"{base}{chr(ord('a') + n - 1)}"
        used_student_emails.add(local)
        used_ids.add(ident)
        students.append(
            {
                "sourcedId": sid("student", ident),
                "status": status,
                "dateLastModified": MODIFIED,
                "enabledUser": enabled,
                "orgSourcedIds": org_sid(school),
                "role": "student",
                "username": local,
                "givenName": given,
                "familyName": family,
                "middleName": middle,
                "identifier": ident,
                "email": f"{local}@{STUDENT_DOMAIN}",
                "grades": grade,
            }
        )

    fixed_students = parse_table(FIXED_STUDENTS)
    fixed_staff = parse_table(FIXED_STAFF)
    for row in fixed_students:
        used_names.add(name_key(row[1], row[2]))
    for row in fixed_staff:
        used_names.add(name_key(row[1], row[2]))
    for ident, given, family, middle, school, grade, state in fixed_students:
        add_student(ident, given, family, middle, school, grade, state)

    pools = [(_split(g), _family_names(f)) for g, f in POOLS]
    weights = [14, 10, 6, 16, 14, 12, 5, 7, 22, 4]
    for school, size in SCHOOL_SIZE.items():
        grades = SCHOOLS[school][2]
        have = sum(1 for row in fixed_students if row[4] == school)
        for _ in range(size - have):
            while True:  # a full name is used once; a nearly used-up pool gives way to another
                given_pool, family_pool = rng.choices(pools, weights=weights)[0]
                given, family = rng.choice(given_pool), rng.choice(family_pool)
                key = name_key(given, family)
                if key not in used_names:
                    break
            used_names.add(key)
            while True:
                ident = f"0{rng.randint(300000, 699999)}"
                if ident not in used_ids:
                    break
            roll = rng.random()
            state = "D" if roll < 0.009 else "X" if roll < 0.014 else "A"
            middle = rng.choice(given_pool) if rng.random() < 0.2 else ""
            if middle == given:
                middle = ""
            add_student(ident, given, family, middle, school, rng.choice(grades), state)

    staff: list[dict[str, str]] = []
    used_emails = {row[0] for row in fixed_staff}

    def add_staff(
        local: str, given: str, family: str, role: str, schools: list[str], state: str, number: str
    ) -> None:
        status, enabled = state_fields(state)
        staff.append(
            {
                "sourcedId": sid("staff", number),
                "status": status,
                "dateLastModified": MODIFIED,
                "enabledUser": enabled,
                "orgSourcedIds": ",".join(org_sid(code) for code in schools),
                "role": role,
                "username": local,
                "givenName": given,
                "familyName": family,
                "identifier": number,
                "email": f"{local}@{STAFF_DOMAIN}",
            }
        )

    for local, given, family, role, schools, state, number in fixed_staff:
        add_staff(local, given, family, role, schools.split("+"), state, number)

    codes = list(SCHOOLS)
    plan = [("teacher", 22), ("aide", 4), ("administrator", 2)]
    number = 50100
    for code in codes:
        scale = 0.35 if code in ("NSOA", "BALC") else 1.0
        for role, count in plan:
            for _ in range(max(1, round(count * scale))):
                given, family = rng.choice(STAFF_GIVEN), rng.choice(STAFF_FAMILY)
                if name_key(given, family) in used_names:
                    continue
                used_names.add(name_key(given, family))
                base = ascii_letters(family) + ascii_letters(given)[0]
                local, n = base, 1
                while local in used_emails:
                    n += 1
                    local = f"{base}{n}"
                used_emails.add(local)
                schools = [code]
                if role == "teacher" and rng.random() < 0.06:
                    schools.append(rng.choice([c for c in codes if c != code]))
                roll = rng.random()
                state = "D" if roll < 0.03 else "X" if roll < 0.045 else "A"
                number += rng.randint(3, 40)
                add_staff(local, given, family, role, schools, state, f"E{number}")
    for _ in range(4):
        given, family = rng.choice(STAFF_GIVEN), rng.choice(STAFF_FAMILY)
        if name_key(given, family) in used_names:
            continue
        used_names.add(name_key(given, family))
        local = ascii_letters(family) + ascii_letters(given)[0]
        while local in used_emails:
            local += "9"
        used_emails.add(local)
        number += rng.randint(3, 40)
        add_staff(local, given, family, "administrator", ["LP"], "A", f"E{number}")

    parents: list[dict[str, str]] = []
    by_id = {row["identifier"]: row for row in students}

    def add_parent(email: str, given: str, family: str, children: list[str]) -> None:
        parent_sid = sid("parent", email)
        for child in children:
            agents.setdefault(child, []).append(parent_sid)
        parents.append(
            {
                "sourcedId": parent_sid,
                "status": "active",
                "dateLastModified": MODIFIED,
                "enabledUser": "true",
                "role": "parent",
                "username": email,
                "givenName": given,
                "familyName": family,
                "email": email,
                "agentSourcedIds": ",".join(by_id[c]["sourcedId"] for c in children),
            }
        )

    for email, given, family, children in parse_table(FIXED_PARENTS):
        add_parent(email, given, family, children.split("+"))
    fixed_ids = {row[0] for row in fixed_students}
    filler = sorted(row["identifier"] for row in students if row["identifier"] not in fixed_ids)
    domains = ["mailbox.example", "inbox.example", "webmail.example", "prairienet.example"]
    for child in rng.sample(filler, 60):
        family = by_id[child]["familyName"]
        given = rng.choice(STAFF_GIVEN)
        email = f"{ascii_letters(given)}.{ascii_letters(family)}{rng.randint(1, 99)}"
        add_parent(f"{email}@{rng.choice(domains)}", given, family, [child])

    for row in students:
        row["agentSourcedIds"] = ",".join(agents.get(row["identifier"], []))
    students.sort(key=lambda row: row["identifier"])
    staff.sort(key=lambda row: row["email"])
    return orgs, staff + students + parents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=HERE / "roster")
    args = parser.parse_args()
    orgs, users = build(args.seed)
    write_oneroster_csv(args.out, orgs, users)


if __name__ == "__main__":
    main()
