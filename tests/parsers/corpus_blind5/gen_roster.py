"""Generate the Cholla Basin USD roster (OneRoster 1.1 CSV) for the blind5 corpus.

    /work/main/.venv/bin/python gen_roster.py              # rewrites roster/ byte for byte
    /work/main/.venv/bin/python gen_roster.py --seed 7     # different filler, same fixed records

The records the tickets refer to (FIXED_* below) do not depend on the seed, and no filler
record ever takes one of their IDs or one of the RESERVED_ABSENT IDs, so truth.json holds for
any seed. Filler records come from a random.Random(seed) and are the same for the same seed.
The CSV files are written with connectors.roster.oneroster_csv.write_oneroster_csv.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO))

from connectors.roster.oneroster_csv import (  # noqa: E402
    ORGS_HEADER,
    USERS_HEADER,
    write_oneroster_csv,
)

SEED = 20260921
DOMAIN = "cbusd.k12.example"
STUDENT_DOMAIN = "learners." + DOMAIN
NS = uuid.UUID("5b0e6a42-2f0c-4d7e-9a51-0c4b2e7d9f13")
FIXED_DATE = "2026-08-24T06:15:00.000Z"
STUDENT_TARGET = 3200

# code: (sourcedId, name, type, identifier)
ORGS = {
    "DIST": (
        "7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e01",
        "Cholla Basin Unified School District No. 47",
        "district",
        "AZ-CBUSD47",
    ),
    "DWE": (
        "7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e11",
        "Desert Willow Elementary School",
        "school",
        "DWE",
    ),
    "ORE": (
        "7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e12",
        "Ocotillo Ridge Elementary School",
        "school",
        "ORE",
    ),
    "CFE": (
        "7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e13",
        "Coyote Flats Elementary School",
        "school",
        "CFE",
    ),
    "TWE": ("7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e14", "Two Wells Elementary School", "school", "TWE"),
    "PVE": (
        "7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e15",
        "Piñon Valley Elementary School",
        "school",
        "PVE",
    ),
    "MTM": ("7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e21", "Mesa Tinaja Middle School", "school", "MTM"),
    "RSM": ("7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e22", "Rain Shadow Middle School", "school", "RSM"),
    "CBH": ("7c1e0a55-3b0f-4f4a-9e2d-1a6c0b9d4e31", "Cholla Basin High School", "school", "CBH"),
}
SCHOOL_GRADES = {
    "DWE": ["KG", "01", "02", "03", "04", "05"],
    "ORE": ["KG", "01", "02", "03", "04", "05"],
    "CFE": ["KG", "01", "02", "03", "04", "05"],
    "TWE": ["KG", "01", "02", "03", "04", "05"],
    "PVE": ["KG", "01", "02", "03", "04", "05"],
    "MTM": ["06", "07", "08"],
    "RSM": ["06", "07", "08"],
    "CBH": ["09", "10", "11", "12"],
}
SCHOOL_WEIGHT = {
    "DWE": 11,
    "ORE": 10,
    "CFE": 11,
    "TWE": 10,
    "PVE": 9,
    "MTM": 13,
    "RSM": 12,
    "CBH": 24,
}

# (e-mail local part, given, family, middle, role, schools, status, enabledUser, employee no.)
FIXED_STAFF = [
    ("dyazzie04", "Delbert", "Yazzie", "R", "teacher", "DWE", "active", "true", "702118"),
    (
        "lvillasenorortiz12",
        "Lorena",
        "Villaseñor Ortiz",
        "",
        "teacher",
        "DWE",
        "active",
        "true",
        "715240",
    ),
    ("stupou21", "Sione", "Tupou", "", "aide", "DWE", "active", "true", "744310"),
    (
        "htsinajinnie01",
        "Harold",
        "Tsinajinnie",
        "",
        "administrator",
        "DWE",
        "active",
        "true",
        "690027",
    ),
    ("hkovalenko08", "Halyna", "Kovalenko", "", "teacher", "ORE", "active", "true", "731045"),
    ("mseo15", "Mi-rae", "Seo", "", "teacher", "ORE", "active", "true", "728804"),
    ("ghaskie06", "Gregory", "Haskie", "", "teacher", "ORE", "tobedeleted", "true", "688150"),
    ("mquispe30", "Mateo", "Quispe", "", "teacher", "DWE,ORE", "active", "true", "739962"),
    ("rbautista09", "Ronaldo", "Bautista", "", "teacher", "CFE", "active", "true", "711583"),
    ("gsandhu17", "Gurpreet", "Sandhu", "", "teacher", "CFE", "active", "true", "720466"),
    ("lfaasavalu02", "Leilani", "Fa'asavalu", "", "aide", "CFE", "active", "true", "751207"),
    ("sbrown28", "Summer", "Brown", "", "teacher", "CFE", "active", "true", "733391"),
    ("amorimoto11", "Akiko", "Morimoto", "", "teacher", "TWE", "active", "true", "705672"),
    ("thaile06", "Tigist", "Haile", "", "teacher", "TWE", "active", "true", "726918"),
    ("cfontaine19", "Camille", "Fontaine", "", "teacher", "TWE", "active", "true", "718035"),
    ("gyoung20", "Grace", "Young", "", "teacher", "TWE", "active", "true", "736127"),
    (
        "obondarenko24",
        "Oleksandr",
        "Bondarenko",
        "",
        "teacher",
        "PVE,TWE",
        "active",
        "true",
        "741590",
    ),
    ("emarchand05", "Élodie", "Marchand", "", "teacher", "PVE", "active", "true", "709344"),
    ("jcarvalho22", "Juliana", "Carvalho", "", "teacher", "PVE", "active", "true", "724481"),
    ("bnez03", "Bernadette", "Nez", "", "administrator", "PVE", "active", "true", "693318"),
    ("ltuiasosopo14", "Losa", "Tuiasosopo", "", "teacher", "MTM", "active", "true", "713709"),
    ("dvolkov07", "Dmitri", "Volkov", "", "teacher", "MTM", "active", "true", "684213"),
    ("setsitty10", "Shandiin", "Etsitty", "", "administrator", "MTM", "active", "true", "697540"),
    ("hking04", "Hunter", "King", "", "aide", "MTM", "active", "true", "758821"),
    ("tvake25", "Taniela", "Vake", "", "teacher", "MTM,RSM", "active", "true", "730276"),
    ("mzhou13", "Meiling", "Zhou", "", "teacher", "RSM", "active", "true", "719905"),
    ("hdhaliwal18", "Harjit", "Dhaliwal", "", "teacher", "RSM", "active", "true", "727163"),
    ("ywatanabe27", "Yuki", "Watanabe", "", "aide", "RSM", "active", "true", "755034"),
    ("phavili16", "Pita", "Havili", "", "aide", "RSM", "active", "false", "752618"),
    (
        "mwhitehorse01",
        "Marcus",
        "Whitehorse",
        "",
        "administrator",
        "CBH",
        "active",
        "true",
        "691174",
    ),
    (
        "rdelvalle02",
        "Rosa María",
        "del Valle",
        "",
        "administrator",
        "CBH",
        "active",
        "true",
        "694460",
    ),
    ("jpark16", "Ji-hoon", "Park", "", "teacher", "CBH", "active", "true", "716852"),
    ("nshevchenko23", "Nadia", "Shevchenko", "", "teacher", "CBH", "active", "true", "732607"),
    ("stesfamariam09", "Senait", "Tesfamariam", "", "teacher", "CBH", "active", "true", "721399"),
    ("abrandt12", "Anneliese", "Brandt", "", "teacher", "CBH", "active", "false", "706281"),
    ("pkinsel05", "Patricia", "Kinsel", "", "teacher", "DIST", "active", "true", "687725"),
    ("btran01", "Bao", "Tran", "", "administrator", "DIST", "active", "true", "690903"),
    ("rcastillo31", "Renee", "Castillo", "", "teacher", "DIST", "active", "true", "760148"),
    ("tybarra02", "Tomás", "Ybarra", "", "administrator", "DIST", "active", "true", "689436"),
    ("wjoe03", "Wendell", "Joe", "", "administrator", "DIST", "tobedeleted", "true", "686019"),
    ("kdorado26", "Kalani", "Dorado", "", "teacher", "CFE,DWE", "active", "true", "743777"),
]

# (student ID, given, family, middle, school, grade, status, enabledUser)
FIXED_STUDENTS = [
    ("0231847", "José", "Chavarría", "", "DWE", "03", "active", "true"),
    ("0231864", "Marisol", "Chavarría", "", "DWE", "04", "active", "true"),
    ("0233190", "Tevita", "Fonua", "", "DWE", "05", "active", "true"),
    ("0233517", "Kalolaine", "Mahe", "", "DWE", "05", "active", "true"),
    ("0238127", "Angelina", "Tsosie", "", "DWE", "05", "active", "true"),
    ("0238810", "Kee", "Begay", "", "DWE", "05", "active", "true"),
    ("0241196", "Darius", "Yazzie-Benally", "", "DWE", "04", "active", "true"),
    ("0241302", "Shawn", "Benally", "Thomas", "DWE", "04", "active", "true"),
    ("0241345", "Autumn", "Nez", "", "DWE", "04", "active", "true"),
    ("0242283", "Yanaba", "Yellowhair", "", "DWE", "02", "active", "true"),
    ("0245570", "Ahanu", "Bitsui", "", "DWE", "03", "active", "true"),
    ("0245622", "Ellie", "Nakai", "", "DWE", "03", "active", "true"),
    ("0245650", "Kai", "Begay-Tsosie", "", "DWE", "04", "active", "true"),
    ("0245688", "Tallulah", "Joe", "", "DWE", "04", "active", "true"),
    ("0245711", "Darnell", "Manygoats Jr.", "", "DWE", "05", "active", "true"),
    ("0245733", "Jerome", "Tsosie III", "", "DWE", "05", "active", "true"),
    ("0245744", "Kaya", "Begaye", "", "DWE", "05", "active", "true"),
    ("0245766", "Dezba", "Nakai", "", "DWE", "05", "active", "true"),
    ("0247715", "Guadalupe", "De la Cruz Ávila", "", "DWE", "02", "active", "true"),
    ("0247790", "Emiliano", "Cázares", "", "DWE", "02", "active", "true"),
    ("0247833", "Juan Carlos", "Morales", "", "DWE", "03", "active", "true"),
    ("0248830", "Nizhóní", "Tsinnijinnie", "", "DWE", "01", "active", "true"),
    ("0248871", "Ashkii", "Descheenie", "", "DWE", "01", "active", "true"),
    ("0250382", "Iker", "Santillán del Río", "", "DWE", "02", "active", "true"),
    ("0250419", "Ángel", "de la Rosa", "", "DWE", "01", "active", "true"),
    ("0250455", "Citlali", "Hernández de Anda", "", "DWE", "01", "active", "true"),
    ("0250477", "Valentina", "Huerta Méndez", "", "DWE", "02", "active", "true"),
    ("0250498", "Santiago", "Ochoa", "", "DWE", "02", "active", "true"),
    ("0250502", "Renata", "Ibarra Solís", "", "DWE", "02", "active", "true"),
    ("0250521", "Lucía", "Flores-Tapia", "", "DWE", "02", "active", "true"),
    ("0253309", "Ximena", "Orozco", "", "DWE", "02", "active", "true"),
    ("0260517", "Eun-ji", "Choi", "", "ORE", "03", "active", "true"),
    ("0262215", "Taras", "Petrenko", "", "ORE", "04", "active", "true"),
    ("0262390", "Sofiia", "Melnyk", "", "ORE", "04", "active", "true"),
    ("0262431", "Mar'yana", "Kravets", "", "ORE", "05", "active", "true"),
    ("0262455", "Danylo", "Koval", "", "ORE", "04", "active", "true"),
    ("0262478", "Dar'ya", "Hrytsenko", "", "ORE", "05", "active", "true"),
    ("0263077", "Sefo", "Lātū", "", "ORE", "03", "active", "true"),
    ("0263140", "Xóchitl", "Zamora", "", "ORE", "02", "active", "true"),
    ("0265518", "Jiwoo", "Han", "", "ORE", "05", "active", "true"),
    ("0265602", "Minseo", "Lee", "", "ORE", "05", "active", "true"),
    ("0266003", "Do-yun", "Kang", "", "ORE", "03", "active", "true"),
    ("0266741", "Hyun-woo", "Shin", "", "ORE", "05", "active", "true"),
    ("0266785", "Ha-eun", "Jang", "", "ORE", "05", "active", "true"),
    ("0266812", "Seo-ah", "Yoon", "", "ORE", "04", "active", "true"),
    ("0266831", "Yerin", "Baek", "", "ORE", "04", "active", "true"),
    ("0266839", "Jae-min", "Cho", "", "ORE", "04", "active", "true"),
    ("0266857", "Taeyang", "Kwon", "", "ORE", "04", "active", "true"),
    ("0266874", "Ye-jin", "Ryu", "", "ORE", "05", "active", "true"),
    ("0271904", "Jasmine", "Pangilinan", "", "CFE", "04", "active", "true"),
    ("0272245", "Paolo", "Dizon", "", "CFE", "04", "active", "true"),
    ("0272580", "Jomar", "Aquino", "", "CFE", "04", "active", "true"),
    ("0272611", "Kristine Mae", "Ocampo", "", "CFE", "04", "active", "true"),
    ("0272690", "Maria Cristina", "Dela Cruz", "", "CFE", "02", "active", "true"),
    ("0272760", "Beatriz", "Manalo", "", "CFE", "02", "active", "true"),
    ("0272788", "Ramil", "Sison", "", "CFE", "02", "active", "true"),
    ("0272803", "Joshua", "Dimaculangan", "", "CFE", "04", "active", "true"),
    ("0273014", "Carlo", "Mendoza", "", "CFE", "04", "active", "true"),
    ("0273125", "Tasi", "Leiataua", "", "CFE", "03", "active", "true"),
    ("0273188", "Eseta", "Fuimaono", "", "CFE", "03", "active", "true"),
    ("0273370", "Ahiga", "Manuelito", "", "CFE", "03", "active", "true"),
    ("0273390", "Itzel", "Ramos", "", "CFE", "05", "active", "true"),
    ("0273422", "Fetu", "Alaimalo", "", "CFE", "01", "active", "true"),
    ("0273447", "Ioane", "Leota", "", "CFE", "01", "active", "true"),
    ("0273466", "Mary Joy", "Lacson", "", "CFE", "03", "active", "true"),
    ("0273481", "Lorenzo", "Abad", "", "CFE", "05", "active", "true"),
    ("0274402", "Will", "King", "", "CFE", "02", "active", "true"),
    ("0274418", "Hope", "Long", "", "CFE", "02", "active", "true"),
    ("0274451", "Grace", "Brown", "", "CFE", "02", "active", "true"),
    ("0276651", "Mark Anthony", "Dela Cruz", "", "CFE", "05", "active", "true"),
    ("0278815", "Mariel", "Santos", "", "CFE", "03", "active", "true"),
    ("0278904", "Jericho", "Villanueva", "", "CFE", "03", "active", "true"),
    ("0278961", "Angelica", "Reyes-Pascual", "", "CFE", "03", "active", "true"),
    ("0279114", "Simran", "Gill", "", "CFE", "05", "active", "true"),
    ("0279227", "Harnoor", "Bains", "", "CFE", "05", "active", "true"),
    ("0279308", "Jaskirat", "Sandhu", "", "CFE", "05", "active", "true"),
    ("0279355", "Prabhnoor", "Aulakh", "Kaur", "CFE", "05", "active", "true"),
    ("0279930", "Ayaan", "Brar", "", "CFE", "05", "active", "true"),
    ("0294470", "Nikita", "Sokolov", "", "MTM", "07", "active", "true"),
    ("0294511", "Alina", "Kuznetsova", "", "MTM", "07", "active", "true"),
    ("0294780", "Artem", "Vasiliev", "", "MTM", "08", "active", "true"),
    ("0294870", "Polina", "Orlova", "", "MTM", "08", "active", "true"),
    ("0294933", "Ekaterina", "Smirnova", "", "MTM", "07", "active", "true"),
    ("0294962", "Lev", "Popov", "", "MTM", "07", "active", "true"),
    ("0294988", "Nikolai", "Petrov", "", "MTM", "08", "active", "true"),
    ("0295014", "Oksana", "Hrytsak", "", "MTM", "08", "active", "true"),
    ("0295037", "Timur", "Akhmetov", "", "MTM", "08", "active", "true"),
    ("0295112", "Olena", "Orlyk", "", "MTM", "06", "active", "true"),
    ("0295139", "Omar", "Oseguera", "", "MTM", "06", "active", "true"),
    ("0295160", "Ilya", "Sorokin", "", "MTM", "07", "active", "true"),
    ("0295188", "Vira", "Martynenko", "", "MTM", "08", "active", "true"),
    ("0295203", "Mykola", "Savchenko", "", "MTM", "08", "active", "true"),
    ("0295211", "Lesieli", "Taumoepeau", "", "MTM", "06", "active", "true"),
    ("0295234", "'Ofa", "Moala", "", "MTM", "06", "active", "true"),
    ("0295651", "Losaline", "Kupu", "", "MTM", "06", "active", "true"),
    ("0296133", "Viliami", "Lolohea", "", "MTM", "07", "active", "true"),
    ("0297034", "Fa'afetai", "Sapolu", "", "MTM", "06", "active", "true"),
    ("0297561", "Mose", "Tuilagi", "", "MTM", "06", "active", "true"),
    ("0297785", "Hunter", "May", "", "MTM", "06", "active", "true"),
    ("0297790", "Summer", "Long", "", "MTM", "06", "active", "true"),
    ("0297811", "Joshua", "Tuimavave", "", "MTM", "07", "active", "true"),
    ("0297839", "Leota", "Seiuli", "", "MTM", "07", "active", "true"),
    ("0297856", "Tavita", "Aumua", "", "MTM", "07", "active", "true"),
    ("0297872", "Seini", "Mateaki", "", "MTM", "06", "active", "true"),
    ("0297894", "Sitani", "Fusitu'a", "", "MTM", "06", "active", "true"),
    ("0301775", "Rafael", "Nogueira", "", "PVE", "03", "active", "true"),
    ("0301802", "Lívia", "Barbosa", "", "PVE", "03", "active", "true"),
    ("0301820", "Beatriz", "Albuquerque", "", "PVE", "03", "active", "true"),
    ("0301936", "Luana", "Sampaio", "", "PVE", "03", "active", "true"),
    ("0301954", "Rodrigo", "Teixeira", "", "PVE", "03", "active", "true"),
    ("0301977", "João Pedro", "dos Santos Lima", "", "PVE", "04", "active", "true"),
    ("0302011", "Ana Clara", "Souza", "", "PVE", "04", "active", "true"),
    ("0302218", "María", "Guzmán", "", "PVE", "02", "active", "true"),
    ("0302264", "Pedro Henrique", "Costa", "", "PVE", "02", "active", "true"),
    ("0302577", "Gabriel", "Oliveira Santos", "", "PVE", "05", "active", "true"),
    ("0303358", "Lucas", "Pereira", "", "PVE", "04", "active", "true"),
    ("0303402", "Sofia", "Ramírez", "", "PVE", "03", "active", "true"),
    ("0303412", "Brayden", "Tso", "", "PVE", "05", "active", "true"),
    ("0303455", "Heitor", "Cavalcanti", "", "PVE", "05", "active", "true"),
    ("0303471", "Gustavo", "Ribeiro", "", "PVE", "05", "active", "true"),
    ("0305140", "Amélie", "Girard", "", "PVE", "01", "active", "true"),
    ("0305166", "Théo", "Rousseau", "", "PVE", "01", "active", "true"),
    ("0305209", "Jean-Baptiste", "Moreau", "", "PVE", "03", "active", "true"),
    ("0305233", "Anaïs", "Lefèvre-Dubois", "", "PVE", "03", "active", "true"),
    ("0305290", "Zoé", "Lambert", "", "PVE", "02", "active", "true"),
    ("0305311", "Maëlle", "Chevalier", "", "PVE", "02", "active", "true"),
    ("0305333", "Mariia", "Horbach", "", "PVE", "04", "active", "true"),
    ("0305512", "Oleksandr", "Melnyk", "", "PVE", "05", "active", "true"),
    ("0314629", "Ruth", "Gebremedhin", "", "TWE", "03", "active", "true"),
    ("0314651", "Dawit", "Tesfaye", "", "TWE", "03", "active", "true"),
    ("0314702", "Hanna", "Girma", "", "TWE", "03", "active", "true"),
    ("0314733", "Meron", "Abebe", "", "TWE", "03", "active", "true"),
    ("0314760", "Selamawit", "Asfaw", "", "TWE", "03", "active", "true"),
    ("0314788", "Nahom", "Kidane", "", "TWE", "03", "active", "true"),
    ("0314815", "Mekdes", "Haile", "", "TWE", "03", "active", "true"),
    ("0314837", "Solomon", "Tesfay", "", "TWE", "05", "active", "true"),
    ("0314859", "Kidist", "Alemayehu", "", "TWE", "05", "active", "true"),
    ("0316254", "Volodymyr", "Bondar", "", "TWE", "05", "active", "true"),
    ("0316690", "Rose", "Young", "", "TWE", "05", "active", "true"),
    ("0316760", "Taras", "Bondarchuk", "", "TWE", "04", "active", "true"),
    ("0316815", "Sofia", "Ramírez", "", "TWE", "05", "active", "true"),
    ("0316832", "Maya", "Long", "", "TWE", "05", "active", "true"),
    ("0316858", "Brooklyn Grace", "Tso", "", "TWE", "05", "active", "true"),
    ("0316874", "Paisley", "Tso", "", "TWE", "05", "active", "true"),
    ("0316896", "Aiyana", "Begaye", "", "TWE", "05", "active", "true"),
    ("0316913", "Wen Jie", "Liu", "", "TWE", "05", "active", "true"),
    ("0318823", "Chloé", "Bernard", "", "TWE", "05", "active", "true"),
    ("0318840", "Léa", "Dubois", "", "TWE", "05", "active", "true"),
    ("0318855", "Lucie", "Moreau", "", "TWE", "05", "active", "true"),
    ("0318871", "Baptiste", "Roy", "", "TWE", "05", "active", "true"),
    ("0318893", "Inès", "Benali", "", "TWE", "05", "active", "true"),
    ("0318907", "Hugo", "Lefèvre", "", "TWE", "05", "active", "true"),
    ("0318912", "Manon", "Leclerc", "", "TWE", "05", "active", "true"),
    ("0318934", "Baptiste", "Girard", "", "TWE", "05", "active", "true"),
    ("0318956", "Clément", "Faure", "", "TWE", "05", "active", "true"),
    ("0318976", "Nathan", "Girard", "", "TWE", "05", "tobedeleted", "true"),
    ("0319902", "Sina", "Faleolo", "", "TWE", "04", "active", "true"),
    ("0322478", "Haruto", "Nakamura", "", "TWE", "04", "active", "true"),
    ("0322487", "Yuna", "Nakamura", "", "TWE", "04", "active", "true"),
    ("0322513", "Sota", "Ishikawa", "", "TWE", "04", "active", "true"),
    ("0322540", "Mio", "Fujita", "", "TWE", "04", "active", "true"),
    ("0322571", "Ren", "Kobayashi", "", "TWE", "04", "active", "true"),
    ("0322599", "Aoi", "Takahashi", "", "TWE", "04", "active", "true"),
    ("0322618", "Kaito", "Sugimoto", "", "TWE", "04", "active", "true"),
    ("0355601", "Aleksei", "Ivanov", "", "RSM", "08", "active", "true"),
    ("0355607", "Maksim", "Ivanov", "", "RSM", "08", "active", "true"),
    ("0356120", "Bohdan", "Shevchuk", "", "RSM", "07", "active", "true"),
    ("0356448", "Seo-yeon", "Kim", "", "RSM", "07", "active", "true"),
    ("0356503", "Wei-Lun", "Chen", "", "RSM", "06", "active", "true"),
    ("0356528", "Xinyi", "Ou", "", "RSM", "06", "active", "true"),
    ("0356547", "Zihan", "Huang", "", "RSM", "06", "active", "true"),
    ("0356566", "Yichen", "Deng", "", "RSM", "06", "tobedeleted", "true"),
    ("0357031", "Navneet Kaur", "Dhillon", "", "RSM", "08", "active", "true"),
    ("0357219", "Xiaowen", "Ma", "", "RSM", "06", "active", "true"),
    ("0357403", "Riku", "Nakashima", "", "RSM", "06", "active", "true"),
    ("0357428", "Emi", "Sasaki", "", "RSM", "06", "active", "true"),
    ("0357480", "Harman", "Dhillon", "", "RSM", "06", "active", "false"),
    ("0357512", "Hye-jin", "Nam", "", "RSM", "06", "active", "true"),
    ("0357539", "Koa", "Fonoti", "", "RSM", "08", "active", "true"),
    ("0357762", "Daniel", "Hwang", "", "RSM", "08", "active", "true"),
    ("0357815", "Jae-won", "Oh", "", "RSM", "08", "active", "true"),
    ("0357915", "Adrian", "Etsitty", "", "RSM", "07", "active", "true"),
    ("0357990", "Kiona", "Manygoats", "", "RSM", "06", "active", "true"),
    ("0358826", "Siosaia", "Taufa", "", "RSM", "07", "active", "true"),
    ("0358904", "Mele", "Kaufusi", "", "RSM", "07", "active", "true"),
    ("0358951", "Salote", "Fifita", "", "RSM", "07", "active", "true"),
    ("0360093", "Jasleen", "Bains", "", "RSM", "08", "active", "true"),
    ("0360118", "Sergei", "Morozov", "", "RSM", "08", "active", "true"),
    ("0361187", "Manpreet", "Grewal", "", "RSM", "08", "active", "true"),
    ("0361254", "Arshdeep", "Sidhu", "", "RSM", "08", "active", "true"),
    ("0361302", "Ravneet", "Cheema", "", "RSM", "07", "active", "true"),
    ("0361327", "Gurjot", "Mann", "", "RSM", "07", "active", "true"),
    ("0361356", "Harleen", "Toor", "", "RSM", "08", "active", "true"),
    ("0361371", "Rohan", "Bhullar", "", "RSM", "07", "active", "true"),
    ("0361394", "Sukhman", "Gill", "", "RSM", "07", "active", "true"),
    ("0361493", "Gurleen", "Randhawa", "Kaur", "RSM", "07", "active", "true"),
    ("0361520", "Tejbir", "Sohal", "", "RSM", "07", "active", "true"),
    ("0388159", "Ivanna", "Romanyuk", "", "CBH", "10", "active", "true"),
    ("0388712", "Yaroslav", "Hnatyuk", "", "CBH", "10", "active", "true"),
    ("0388804", "Anastasia", "Lysenko", "", "CBH", "10", "active", "true"),
    ("0388930", "Wei", "Zhang", "", "CBH", "10", "active", "true"),
    ("0388951", "Yu-Ting", "Chen", "", "CBH", "10", "active", "true"),
    ("0389007", "Jia Hao", "Lin", "", "CBH", "10", "active", "true"),
    ("0389012", "Kateryna", "Bilyk", "", "CBH", "10", "active", "true"),
    ("0389105", "Yulia", "Tkachenko", "", "CBH", "11", "active", "true"),
    ("0389127", "Bohdana", "Marchenko", "", "CBH", "11", "active", "true"),
    ("0389330", "Keanu", "Tafuna", "", "CBH", "09", "active", "true"),
    ("0389545", "Seo-jun", "Park", "", "CBH", "09", "active", "true"),
    ("0389588", "Min-jun", "Kim", "", "CBH", "09", "active", "true"),
    ("0389599", "Mi-so", "Jeon", "", "CBH", "09", "active", "true"),
    ("0389644", "Nascha", "Begaye", "", "CBH", "09", "active", "true"),
    ("0389671", "Tomasi", "Kata", "", "CBH", "09", "active", "true"),
    ("0389702", "Pavlo", "Tkachuk", "", "CBH", "09", "tobedeleted", "true"),
    ("0389726", "Lomasi", "Tsinajinnie", "", "CBH", "09", "active", "true"),
    ("0389750", "Tupac", "Mamani Quispe", "", "CBH", "12", "active", "true"),
    ("0390447", "Mateus", "Ferreira", "", "CBH", "11", "active", "true"),
    ("0390612", "Diego Alejandro", "Ramírez Montoya", "", "CBH", "12", "active", "true"),
    ("0390688", "Ángel", "del Toro Guzmán", "", "CBH", "12", "active", "true"),
    ("0391154", "Yohannes", "Tekle", "", "CBH", "09", "active", "true"),
    ("0391208", "Selam", "Berhane", "", "CBH", "09", "active", "false"),
    ("0391330", "Lavinia", "Havili", "", "CBH", "11", "active", "true"),
    ("0391377", "Tevita", "Fifita", "", "CBH", "10", "active", "true"),
    ("0391399", "Samisoni", "Kata", "", "CBH", "10", "active", "true"),
    ("0392215", "Malia", "Fonoti", "", "CBH", "12", "active", "true"),
]

# (key, given, family, e-mail, children's student IDs)
FIXED_PARENTS = [
    ("opetrenko", "Oksana", "Petrenko", "oksana.petrenko@sunpost.example", ["0262215"]),
    ("mlatu", "Mele", "Latu", "mele.latu@desertmail.example", ["0263077"]),
]

# IDs written in tickets that must belong to nobody, whatever the seed.
RESERVED_ABSENT = [
    "0200001",
    "0297043",
]

# ------------------------------------------------------------------ filler name pools
POOLS = {
    "navajo": (
        [
            "Kee",
            "Nizhoni",
            "Ashkii",
            "Doli",
            "Yanaba",
            "Hosteen",
            "Bidziil",
            "Nascha",
            "Sani",
            "Haseya",
            "Kaya",
            "Dezba",
            "Tallulah",
            "Darius",
            "Jaden",
            "Trinity",
            "Elijah",
            "Cheyenne",
            "Shiloh",
            "Mariah",
        ],
        [
            "Begay",
            "Yazzie",
            "Tsosie",
            "Benally",
            "Nez",
            "Joe",
            "Etsitty",
            "Manuelito",
            "Bitsui",
            "Descheenie",
            "Yellowhair",
            "Tso",
            "Chee",
            "Watchman",
            "Nakai",
            "Begaye",
            "Manygoats",
            "Tsinajinnie",
            "Peshlakai",
            "Bahe",
            "Charley",
            "Yazzie-Begay",
        ],
    ),
    "samoan": (
        [
            "Sina",
            "Mose",
            "Tavita",
            "Ioane",
            "Fetu",
            "Malia",
            "Sefa",
            "Lagi",
            "Tasi",
            "Eseta",
            "Fa'afetai",
            "Pua",
            "Tala",
            "Iosefa",
            "Manu",
            "Leota",
            "Fa'alua",
        ],
        [
            "Faleolo",
            "Sapolu",
            "Tuilagi",
            "Aumua",
            "Seiuli",
            "Leiataua",
            "Fuimaono",
            "Alaimalo",
            "Leota",
            "Tuimavave",
            "Fonoti",
            "Sopoaga",
            "Toleafoa",
            "Matagi",
            "Soliai",
            "Tuiasosopo",
        ],
    ),
    "tongan": (
        [
            "Sione",
            "Tevita",
            "Siosaia",
            "Mele",
            "Viliami",
            "Losaline",
            "Salote",
            "Seini",
            "Sitani",
            "Lavinia",
            "Samisoni",
            "Kalolaine",
            "'Ofa",
            "Lesieli",
            "Tomasi",
            "Sela",
        ],
        [
            "Tupou",
            "Fonua",
            "Kupu",
            "Lolohea",
            "Taufa",
            "Kaufusi",
            "Fifita",
            "Havili",
            "Mahe",
            "Mateaki",
            "Fusitu'a",
            "Kata",
            "Taumoepeau",
            "Moala",
            "Latu",
            "Tu'ipulotu",
            "Halaholo",
            "Lātū",
        ],
    ),
    "ukrainian": (
        [
            "Taras",
            "Sofiia",
            "Oleksandr",
            "Mar'yana",
            "Dar'ya",
            "Danylo",
            "Yaroslav",
            "Ivanna",
            "Kateryna",
            "Bohdan",
            "Bohdana",
            "Mykola",
            "Vira",
            "Olena",
            "Mariia",
            "Yulia",
            "Andrii",
            "Solomiia",
            "Nazar",
            "Iryna",
            "Volodymyr",
        ],
        [
            "Kovalenko",
            "Petrenko",
            "Melnyk",
            "Shevchuk",
            "Kravets",
            "Hrytsenko",
            "Lysenko",
            "Hnatyuk",
            "Romanyuk",
            "Bilyk",
            "Koval",
            "Tkachenko",
            "Marchenko",
            "Horbach",
            "Bondarchuk",
            "Savchenko",
            "Martynenko",
            "Tkachuk",
            "Hrytsak",
            "Orlyk",
            "Boiko",
            "Kravchenko",
            "Oliinyk",
        ],
    ),
    "russian": (
        [
            "Nikita",
            "Artem",
            "Lev",
            "Ilya",
            "Timur",
            "Maksim",
            "Aleksei",
            "Sergei",
            "Kirill",
            "Egor",
            "Anastasia",
            "Polina",
            "Alina",
            "Ekaterina",
            "Daria",
            "Ksenia",
            "Vera",
        ],
        [
            "Volkov",
            "Sokolov",
            "Ivanov",
            "Petrov",
            "Smirnov",
            "Popov",
            "Morozov",
            "Orlov",
            "Vasiliev",
            "Sorokin",
            "Akhmetov",
            "Novikov",
            "Lebedev",
            "Fedorov",
        ],
    ),
    "korean": (
        [
            "Min-jun",
            "Seo-yeon",
            "Ji-ho",
            "Ha-eun",
            "Do-yun",
            "Ji-woo",
            "Seo-jun",
            "Eun-ji",
            "Ye-jin",
            "Jae-won",
            "Hyun-woo",
            "Su-bin",
            "Yerin",
            "Minseo",
            "Jiwoo",
            "Taeyang",
            "Jae-min",
            "Seo-ah",
            "Mi-so",
        ],
        [
            "Kim",
            "Lee",
            "Park",
            "Choi",
            "Jung",
            "Kang",
            "Cho",
            "Yoon",
            "Jang",
            "Lim",
            "Han",
            "Shin",
            "Seo",
            "Kwon",
            "Hwang",
            "Ahn",
            "Song",
            "Jeon",
            "Hong",
            "Baek",
            "Ryu",
            "Nam",
            "Oh",
        ],
    ),
    "filipino": (
        [
            "Jericho",
            "Mariel",
            "Angelica",
            "Kristine Mae",
            "Mark Anthony",
            "Jomar",
            "Carlo",
            "Ramil",
            "Mary Joy",
            "John Paul",
            "Princess",
            "Jasmine",
            "Paolo",
            "Angelo",
            "Rhea",
            "Lovely",
            "Joshua",
            "Maria Cristina",
        ],
        [
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Villanueva",
            "Dela Cruz",
            "Aquino",
            "Ocampo",
            "Pangilinan",
            "Mendoza",
            "Dizon",
            "Manalo",
            "Sison",
            "Lacson",
            "Abad",
            "Macaraeg",
            "Dimaculangan",
            "Reyes-Pascual",
            "De Guzman",
        ],
    ),
    "punjabi": (
        [
            "Ayaan",
            "Simran",
            "Harnoor",
            "Jaskirat",
            "Navneet",
            "Manpreet",
            "Arshdeep",
            "Gurleen",
            "Tejbir",
            "Ravneet",
            "Gurjot",
            "Harleen",
            "Rohan",
            "Sukhman",
            "Prabhnoor",
            "Harman",
            "Jasleen",
            "Kirat",
            "Amrit",
            "Navneet Kaur",
        ],
        [
            "Sandhu",
            "Gill",
            "Brar",
            "Bains",
            "Dhillon",
            "Grewal",
            "Sidhu",
            "Randhawa",
            "Sohal",
            "Cheema",
            "Mann",
            "Toor",
            "Bhullar",
            "Aulakh",
            "Dhaliwal",
            "Sekhon",
            "Virk",
        ],
    ),
    "mexican": (
        [
            "José",
            "María",
            "Guadalupe",
            "Iker",
            "Ximena",
            "Santiago",
            "Valentina",
            "Sofía",
            "Mateo",
            "Renata",
            "Emiliano",
            "Citlali",
            "Itzel",
            "Ángel",
            "Luis Ángel",
            "Juan Carlos",
            "María José",
            "Diego",
            "Camila",
            "Regina",
            "Leonardo",
            "Xóchitl",
            "Sofia",
        ],
        [
            "Hernández",
            "García",
            "Martínez",
            "López",
            "González",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Flores",
            "Orozco",
            "Chavarría",
            "Cázares",
            "Ochoa",
            "Huerta",
            "Méndez",
            "Ibarra",
            "Solís",
            "Zamora",
            "Guzmán",
            "Tapia",
            "Morales",
            "Peña",
            "Ávila",
            "de la Cruz",
            "del Río",
            "de la Rosa",
            "del Toro",
            "de Anda",
            "Ramirez",
        ],
    ),
    "habesha": (
        [
            "Dawit",
            "Ruth",
            "Meron",
            "Hanna",
            "Selamawit",
            "Nahom",
            "Yohannes",
            "Selam",
            "Mekdes",
            "Abel",
            "Kidist",
            "Solomon",
            "Bethlehem",
            "Eyob",
            "Tsion",
            "Yonas",
            "Liya",
            "Natnael",
        ],
        [
            "Tesfaye",
            "Girma",
            "Abebe",
            "Haile",
            "Tekle",
            "Berhane",
            "Asfaw",
            "Kidane",
            "Tesfay",
            "Alemayehu",
            "Gebremedhin",
            "Tadesse",
            "Mengistu",
            "Woldemariam",
            "Yohannes",
            "Desta",
            "Gebre",
            "Tesfamariam",
        ],
    ),
    "chinese": (
        [
            "Wei",
            "Yu-Ting",
            "Jia Hao",
            "Xiaowen",
            "Zihan",
            "Xinyi",
            "Yichen",
            "Wei-Lun",
            "Haoran",
            "Yuxuan",
            "Mei",
            "Zhiwei",
            "Ruoxi",
            "Wen Jie",
            "Jun",
        ],
        [
            "Zhang",
            "Wang",
            "Li",
            "Liu",
            "Chen",
            "Yang",
            "Huang",
            "Zhou",
            "Wu",
            "Lin",
            "Ma",
            "Deng",
            "Ou",
            "Xu",
            "Zhu",
            "Guo",
        ],
    ),
    "japanese": (
        [
            "Haruto",
            "Yuna",
            "Ren",
            "Aoi",
            "Sota",
            "Mio",
            "Kaito",
            "Riku",
            "Emi",
            "Hinata",
            "Yui",
            "Sora",
            "Hana",
            "Kenji",
            "Akari",
        ],
        [
            "Nakamura",
            "Kobayashi",
            "Takahashi",
            "Sato",
            "Suzuki",
            "Watanabe",
            "Ishikawa",
            "Fujita",
            "Sugimoto",
            "Nakashima",
            "Sasaki",
            "Yamamoto",
            "Inoue",
            "Kimura",
        ],
    ),
    "brazilian": (
        [
            "João Pedro",
            "Ana Clara",
            "Gabriel",
            "Beatriz",
            "Luana",
            "Rafael",
            "Pedro Henrique",
            "Lucas",
            "Heitor",
            "Lívia",
            "Rodrigo",
            "Mateus",
            "Gustavo",
            "Maria Eduarda",
            "Enzo",
            "Isadora",
            "Thiago",
        ],
        [
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Costa",
            "Pereira",
            "Ferreira",
            "Carvalho",
            "Albuquerque",
            "Nogueira",
            "Sampaio",
            "Barbosa",
            "Teixeira",
            "Ribeiro",
            "Cavalcanti",
            "dos Santos",
            "da Silva",
            "Lima",
            "Araújo",
            "Gonçalves",
        ],
    ),
    "french": (
        [
            "Léa",
            "Hugo",
            "Chloé",
            "Nathan",
            "Amélie",
            "Théo",
            "Jean-Baptiste",
            "Anaïs",
            "Zoé",
            "Maëlle",
            "Lucie",
            "Baptiste",
            "Inès",
            "Manon",
            "Clément",
            "Noémie",
            "Gaël",
            "Éloïse",
            "Louis",
        ],
        [
            "Dubois",
            "Lefèvre",
            "Girard",
            "Rousseau",
            "Bernard",
            "Moreau",
            "Lambert",
            "Chevalier",
            "Roy",
            "Benali",
            "Leclerc",
            "Faure",
            "Fontaine",
            "Marchand",
            "Lefèvre-Dubois",
            "Gauthier",
            "Mercier",
        ],
    ),
    "english": (
        [
            "Hope",
            "Will",
            "Grace",
            "Rose",
            "Hunter",
            "Summer",
            "May",
            "Autumn",
            "Faith",
            "Sky",
            "River",
            "Dawn",
            "Joy",
            "Jayden",
            "Olivia",
            "Noah",
            "Emma",
            "Liam",
            "Ava",
            "Mason",
        ],
        [
            "Young",
            "Long",
            "King",
            "Brown",
            "May",
            "Rose",
            "Hunter",
            "White",
            "Green",
            "Little",
            "Strong",
            "Love",
            "Smith",
            "Johnson",
            "Miller",
            "Davis",
            "Wilson",
            "O'Neal",
        ],
    ),
}
CULTURE_WEIGHT = {
    "navajo": 14,
    "samoan": 5,
    "tongan": 5,
    "ukrainian": 6,
    "russian": 4,
    "korean": 6,
    "filipino": 7,
    "punjabi": 6,
    "mexican": 22,
    "habesha": 4,
    "chinese": 5,
    "japanese": 3,
    "brazilian": 4,
    "french": 3,
    "english": 10,
}
MIDDLES = {
    "punjabi": ["Kaur", "Singh"],
    "mexican": ["Guadalupe", "Alejandro", "de Jesús", "Isabel"],
    "filipino": ["Mae", "Joy", "R.", "Santos"],
    "english": ["Lee", "Ann", "James", "Rose", "Grace", "Marie", "T."],
    "navajo": ["Lee", "Ray", "Ann", "J."],
    "brazilian": ["Luiza", "Henrique"],
    "french": ["Marie", "Louis"],
}
PARENT_DOMAINS = ["desertmail.example", "sunpost.example", "mesanet.example"]
RESERVED_EMAILS = {
    "frontoffice.cfe@" + DOMAIN,
    "jramirez.sub@desertmail.example",
    "delbert.yazzie.az@desertmail.example",
}


def fold(text: str) -> str:
    """ASCII letters of a name, lowercased (for e-mail addresses)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isascii() and ch.isalpha()).lower()


def fixed_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NS, kind + ":" + key))


def student_email(sid: str, given: str, family: str) -> str:
    return f"{fold(given)}.{fold(family)}{sid[-3:]}@{STUDENT_DOMAIN}"


def org_ids(codes: str) -> str:
    return ",".join(ORGS[code][0] for code in codes.split(","))


def pick_name(rng: random.Random) -> tuple[str, str, str]:
    cultures = list(CULTURE_WEIGHT)
    culture = rng.choices(cultures, [CULTURE_WEIGHT[c] for c in cultures])[0]
    givens, families = POOLS[culture]
    given = rng.choice(givens)
    family = rng.choice(families)
    if rng.random() < 0.15:  # mixed families: the family name comes from another pool
        family = rng.choice(POOLS[rng.choice(cultures)][1])
    if culture == "mexican" and rng.random() < 0.45:
        second = rng.choice(families)
        if second != family:
            family = family + rng.choice([" ", " ", "-"]) + second
    if culture == "brazilian" and rng.random() < 0.3:
        second = rng.choice(families)
        if second != family:
            family = family + " " + second
    if culture == "russian" and given in (
        "Anastasia",
        "Polina",
        "Alina",
        "Ekaterina",
        "Daria",
        "Ksenia",
        "Vera",
    ):
        family = family + "a"
    middle = ""
    if culture in MIDDLES and rng.random() < 0.3:
        middle = rng.choice(MIDDLES[culture])
    return given, family, middle


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    orgs = []
    for sid, name, kind, ident in ORGS.values():
        orgs.append(
            {
                "sourcedId": sid,
                "status": "active",
                "dateLastModified": FIXED_DATE,
                "name": name,
                "type": kind,
                "identifier": ident,
                "parentSourcedId": "" if kind == "district" else ORGS["DIST"][0],
            }
        )

    taken_ids = {row[0] for row in FIXED_STUDENTS} | set(RESERVED_ABSENT)
    assert len(taken_ids) == len(FIXED_STUDENTS) + len(RESERVED_ABSENT), "duplicate fixed ID"
    emails = set(RESERVED_EMAILS)
    empnos = set()
    staff_rows = []
    student_rows = []
    parent_rows = []

    def stamp() -> str:
        day = rng.randint(1, 28)
        return f"2026-08-{day:02d}T{rng.randint(5, 7):02d}:{rng.randint(0, 59):02d}:00.000Z"

    # fixed staff
    for local, given, family, middle, role, codes, status, enabled, empno in FIXED_STAFF:
        email = f"{local}@{DOMAIN}"
        assert email not in emails, email
        emails.add(email)
        empnos.add(empno)
        staff_rows.append(
            {
                "sourcedId": fixed_id("staff", local),
                "status": status,
                "dateLastModified": FIXED_DATE,
                "enabledUser": enabled,
                "orgSourcedIds": org_ids(codes),
                "role": role,
                "username": local,
                "userIds": "{HR:" + empno + "}",
                "givenName": given,
                "familyName": family,
                "middleName": middle,
                "identifier": empno,
                "email": email,
            }
        )

    # fixed students and parents
    fixed_parent_links: dict[str, list[str]] = {}
    for key, given, family, email, children in FIXED_PARENTS:
        pid = fixed_id("parent", key)
        for child in children:
            fixed_parent_links.setdefault(child, []).append(pid)
        emails.add(email)
        parent_rows.append(
            {
                "sourcedId": pid,
                "status": "active",
                "dateLastModified": FIXED_DATE,
                "enabledUser": "true",
                "orgSourcedIds": ORGS["DIST"][0],
                "role": "parent",
                "username": email.split("@")[0],
                "givenName": given,
                "familyName": family,
                "email": email,
                "agentSourcedIds": ",".join(fixed_id("student", c) for c in children),
            }
        )
    for sid, given, family, middle, school, grade, status, enabled in FIXED_STUDENTS:
        email = student_email(sid, given, family)
        assert email not in emails, email
        emails.add(email)
        student_rows.append(
            {
                "sourcedId": fixed_id("student", sid),
                "status": status,
                "dateLastModified": FIXED_DATE,
                "enabledUser": enabled,
                "orgSourcedIds": ORGS[school][0],
                "role": "student",
                "username": email.split("@")[0],
                "userIds": "{SIS:" + sid + "}",
                "givenName": given,
                "familyName": family,
                "middleName": middle,
                "identifier": sid,
                "email": email,
                "agentSourcedIds": ",".join(fixed_parent_links.get(sid, [])),
                "grades": grade,
            }
        )

    # filler staff
    plan = []
    for code in ORGS:
        if code == "DIST":
            plan += [(code, "administrator")] * 6 + [(code, "teacher")] * 5
            continue
        teachers = {"CBH": 34, "MTM": 22, "RSM": 21}.get(code, 15)
        plan += [(code, "teacher")] * teachers + [(code, "administrator")] * 2
        plan += [(code, "aide")] * 4
    for code, role in plan:
        given, family, middle = pick_name(rng)
        if given.startswith("'"):
            given = given[1:]
        codes = code
        if code != "DIST" and rng.random() < 0.05:
            other = rng.choice([c for c in ORGS if c not in ("DIST", code)])
            codes = code + "," + other
        while True:
            local = f"{fold(given)[:1]}{fold(family)}{rng.randint(1, 99):02d}"
            if f"{local}@{DOMAIN}" not in emails:
                break
        while True:
            empno = str(rng.randint(600000, 799999))
            if empno not in empnos:
                break
        email = f"{local}@{DOMAIN}"
        emails.add(email)
        empnos.add(empno)
        roll = rng.random()
        status, enabled = "active", "true"
        if roll < 0.03:
            status = "tobedeleted"
        elif roll < 0.05:
            enabled = "false"
        staff_rows.append(
            {
                "sourcedId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "status": status,
                "dateLastModified": stamp(),
                "enabledUser": enabled,
                "orgSourcedIds": org_ids(codes),
                "role": role,
                "username": local,
                "userIds": "{HR:" + empno + "}",
                "givenName": given,
                "familyName": family,
                "middleName": middle if rng.random() < 0.4 else "",
                "identifier": empno,
                "email": email,
            }
        )

    # filler students
    schools = list(SCHOOL_WEIGHT)
    filler = []
    full_names = {(row["givenName"], row["familyName"]) for row in student_rows}
    while len(student_rows) + len(filler) < STUDENT_TARGET:
        sid = f"0{rng.randint(200000, 599999)}"
        if sid in taken_ids:
            continue
        given, family, middle = pick_name(rng)
        if (given, family) in full_names and rng.random() > 0.03:
            continue  # a few students share a full name, most do not
        full_names.add((given, family))
        email = student_email(sid, given, family)
        if email in emails:
            continue
        taken_ids.add(sid)
        emails.add(email)
        school = rng.choices(schools, [SCHOOL_WEIGHT[s] for s in schools])[0]
        roll = rng.random()
        status, enabled = "active", "true"
        if roll < 0.015:
            status = "tobedeleted"
        elif roll < 0.025:
            enabled = "false"
        filler.append(
            {
                "sourcedId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "status": status,
                "dateLastModified": stamp(),
                "enabledUser": enabled,
                "orgSourcedIds": ORGS[school][0],
                "role": "student",
                "username": email.split("@")[0],
                "userIds": "{SIS:" + sid + "}",
                "givenName": given,
                "familyName": family,
                "middleName": middle,
                "identifier": sid,
                "email": email,
                "agentSourcedIds": "",
                "grades": rng.choice(SCHOOL_GRADES[school]),
            }
        )

    # filler parents, linked both ways to filler students
    for child in rng.sample(filler, 90):
        given, _family, _middle = pick_name(rng)
        if given.startswith("'"):
            given = given[1:]
        family = child["familyName"].split()[-1] if rng.random() < 0.8 else _family
        while True:
            email = (
                f"{fold(given)}.{fold(family)}{rng.randint(1, 99):02d}@{rng.choice(PARENT_DOMAINS)}"
            )
            if email not in emails:
                break
        emails.add(email)
        pid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        child["agentSourcedIds"] = pid
        parent_rows.append(
            {
                "sourcedId": pid,
                "status": "active",
                "dateLastModified": stamp(),
                "enabledUser": "true",
                "orgSourcedIds": ORGS["DIST"][0],
                "role": "parent",
                "username": email.split("@")[0],
                "givenName": given,
                "familyName": family,
                "email": email,
                "phone": f"520-555-{rng.randint(200, 999):04d}",
                "agentSourcedIds": child["sourcedId"],
            }
        )

    students = sorted(student_rows + filler, key=lambda row: row["identifier"])
    staff_rows.sort(key=lambda row: (row["role"], row["familyName"], row["givenName"]))
    users = staff_rows + students + parent_rows
    for row in users:
        assert set(row) <= set(USERS_HEADER), row
    for row in orgs:
        assert set(row) <= set(ORGS_HEADER), row
    return orgs, users


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=HERE / "roster")
    args = parser.parse_args(argv)
    orgs, users = build(args.seed)
    write_oneroster_csv(args.out, orgs, users)
    counts: dict[str, int] = {}
    for row in users:
        counts[row["role"]] = counts.get(row["role"], 0) + 1
    print(
        f"wrote {args.out}: {len(orgs)} orgs, "
        + ", ".join(f"{n} {role}" for role, n in sorted(counts.items())),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
