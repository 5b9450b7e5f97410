#!/usr/bin/env python3
"""Seeded OneRoster 1.1 CSV roster for the made-up Kettle River Joint Unified School District.

    python gen_roster.py             # rewrites roster/*.csv byte for byte (seed 20261011)
    python gen_roster.py --seed 7    # different filler records, same fixed records
    python gen_roster.py --out DIR   # write somewhere else

The students, staff and parents that the blind tickets talk about are FIXED records (the tables
between the BEGIN/END markers below), so truth.json stays valid whatever the seed. Filler records
come from the seed; they never take an ID listed in RESERVED_ABSENT_IDS (IDs the tickets write
that must belong to nobody) and never repeat a fixed student's full name.

Every name, ID and address is invented.

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

DEFAULT_SEED = 20261011
DISTRICT_DOMAIN = "krjusd.k12.example"
STUDENT_DOMAIN = "stu.krjusd.k12.example"
NAMESPACE = uuid.UUID("6f1c2a4e-93d1-4c65-9b7e-0d5e8a1f2c3b")


# code, name, state identifier, grades served, number of students (fixed + filler)
ORGS = [
    ("KRJUSD", "Kettle River Joint Unified School District", "5308170", None, 0),
    ("KRHS", "Kettle River High School", "5308170-101", "09-12", 640),
    ("IFHS", "Ironwood Flats High School", "5308170-102", "09-12", 590),
    ("SBMS", "Salmonberry Middle School", "5308170-201", "06-08", 440),
    ("TGMS", "Two Grey Hills Middle School", "5308170-202", "06-08", 390),
    ("LKES", "Lower Kettle Elementary School", "5308170-301", "KG-05", 300),
    ("HPES", "Harbor Point Elementary School", "5308170-302", "KG-05", 280),
    ("MCES", "Mulberry Commons Elementary School", "5308170-303", "KG-05", 270),
    ("RBA", "Riverbend Academy", "5308170-401", "06-12", 80),
    ("KROL", "Kettle River Online Learning", "5308170-501", "06-12", 70),
]
GRADE_ORDER = ["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]

# BEGIN FIXED RECORDS
# Staff: (username, givenName, familyName, role, org codes, title, status, enabled)
FIXED_STAFF: list[tuple[str, str, str, str, str, str, str, bool]] = [
    ("adiallo", "Amadou", "Diallo", "teacher", "IFHS", "AVID / English 11", "active", True),
    ("ahassan", "Abdullahi", "Hassan", "teacher", "IFHS", "Geometry", "active", True),
    ("alam", "Anh Thư", "Lâm", "teacher", "RBA", "Math and Science", "active", True),
    ("alindgren", "Annika", "Lindgren", "teacher", "MCES", "Grade 4", "active", True),
    ("asiddiqui", "Ayesha", "Siddiqui", "teacher", "LKES", "Grade 4", "active", True),
    ("atallbull", "Agnes", "Tallbull", "teacher", "TGMS", "Social Studies 6", "active", True),
    (
        "avoorhees",
        "Annalise",
        "Voorhees",
        "administrator",
        "KRHS",
        "Assistant Principal",
        "active",
        True,
    ),
    ("bauer", "Benedikt", "Auer", "teacher", "RBA", "Credit Recovery", "active", True),
    ("bdunleavy", "Bridget", "Dunleavy", "teacher", "LKES", "Grade 2", "active", True),
    (
        "bferreira",
        "Bartholomew",
        "Ferreira",
        "aide",
        "KRJUSD",
        "Student Data Clerk",
        "active",
        True,
    ),
    ("bkowalczyk", "Bethany", "Kowalczyk", "teacher", "IFHS", "Algebra", "active", True),
    ("bpetrenko", "Bogdan", "Petrenko", "teacher", "MCES", "Grade 2", "active", True),
    ("byang", "Bao", "Yang", "aide", "SBMS", "Paraeducator", "active", True),
    (
        "cbegaye",
        "Charlene",
        "Begaye",
        "teacher",
        "TGMS",
        "Diné Language and Culture",
        "active",
        True,
    ),
    (
        "cdelacroixboyd",
        "Corinne",
        "Delacroix-Boyd",
        "administrator",
        "IFHS",
        "Principal",
        "active",
        True,
    ),
    ("cobriain", "Colm", "Ó Briain", "teacher", "KRHS", "Physics", "active", True),
    ("cpettibone", "Clifford", "Pettibone", "teacher", "KRHS", "Drama", "active", False),
    (
        "credhouse",
        "Curtis",
        "Redhouse",
        "teacher",
        "SBMS,TGMS",
        "Physical Education",
        "active",
        True,
    ),
    ("cwhitehorse", "Chayton", "Whitehorse", "aide", "MCES", "Library Aide", "active", True),
    ("cxiong", "Cheng", "Xiong", "teacher", "HPES", "Grade 1", "active", True),
    (
        "dachterberg",
        "Desmond",
        "Achterberg",
        "teacher",
        "KRJUSD",
        "Technology Integration Coach",
        "active",
        True,
    ),
    ("daguayo", "Dolores", "Aguayo", "teacher", "SBMS", "Spanish", "active", True),
    ("detsitty", "Delbert", "Etsitty", "administrator", "TGMS", "Principal", "active", True),
    ("dtsosie", "Dwayne", "Tsosie", "teacher", "KRHS", "US History", "active", True),
    ("dyazzie", "Dorothy", "Yazzie", "aide", "HPES", "Paraeducator", "active", True),
    ("eoyelaran", "Elias", "Oyelaran", "teacher", "KRHS,IFHS", "Director of Bands", "active", True),
    ("eruelas", "Esperanza", "Ruelas", "teacher", "TGMS", "Special Education", "active", True),
    ("estrand", "Everett", "Strand", "administrator", "LKES", "Principal", "active", True),
    ("fbenali", "Fatima-Zahra", "Benali", "teacher", "KRHS", "French and Arabic", "active", True),
    ("fmohamud", "Farhiya", "Mohamud", "administrator", "TGMS", "Counselor", "active", True),
    ("fonyango", "Felicity", "Onyango", "teacher", "MCES", "Grade 3", "active", True),
    ("gashworth", "Gideon", "Ashworth", "teacher", "SBMS", "Math 8", "active", True),
    ("gvollmer", "Gretchen", "Vollmer", "teacher", "HPES", "Grade 2", "active", True),
    (
        "gwhitlock",
        "Gordon",
        "Whitlock",
        "administrator",
        "KRJUSD",
        "Director of Student Services",
        "active",
        False,
    ),
    ("gybarra", "Graciela", "Ybarra", "teacher", "KRHS", "Spanish", "active", True),
    ("hbrightwater", "Hannah", "Brightwater", "teacher", "SBMS", "ELA 6", "active", True),
    ("hmoroz", "Halyna", "Moroz", "teacher", "LKES", "Library Media", "active", True),
    (
        "hpennywhistle",
        "Harriet",
        "Pennywhistle",
        "teacher",
        "MCES",
        "Grade 3",
        "tobedeleted",
        False,
    ),
    ("hseo", "Hyun-woo", "Seo", "teacher", "KRHS", "Chemistry", "active", True),
    ("imbatha", "Ignatius", "Mbatha", "teacher", "KROL", "Online Teacher", "active", True),
    ("isarmiento", "Imelda", "Sarmiento", "teacher", "KRHS", "Algebra 2", "tobedeleted", True),
    ("isolberg", "Ingrid", "Solberg", "administrator", "SBMS", "Principal", "active", True),
    ("jlindqvist", "Jared", "Lindqvist", "teacher", "KRHS", "CTE Welding", "active", True),
    ("jtafuna", "Josephine", "Tafuna", "teacher", "HPES", "Grade 3", "active", True),
    ("jwhitfield", "Jamal", "Whitfield", "teacher", "TGMS", "Science 8", "active", True),
    ("kasante", "Kwame", "Asante", "teacher", "HPES", "Grade 5", "active", True),
    ("kfonoti", "Kalani", "Fonoti", "teacher", "SBMS", "Health", "active", True),
    ("khnatyuk", "Kateryna", "Hnatyuk", "teacher", "KRHS", "Biology", "active", True),
    ("lbarragan", "Lucía", "Barragán", "teacher", "HPES", "Grade 4 Dual Language", "active", True),
    ("lbitsui", "Loretta", "Bitsui", "aide", "KRJUSD", "Native Education Liaison", "active", True),
    ("lfonua", "Lupe", "Fonua", "aide", "SBMS", "Paraeducator", "active", False),
    (
        "lkahananui",
        "Leilani",
        "Kahananui",
        "administrator",
        "KRJUSD",
        "English Learner Program Coordinator",
        "active",
        True,
    ),
    (
        "lmcallister",
        "Lorna",
        "McAllister",
        "teacher",
        "HPES,MCES",
        "Elementary Music",
        "active",
        True,
    ),
    ("lquintanilla", "Lorenzo", "Quintanilla", "teacher", "IFHS", "Spanish / ELD", "active", True),
    ("lvo", "Lan", "Võ", "teacher", "TGMS", "ELA 8", "active", True),
    ("mecheverria", "Marisol", "Echeverría", "teacher", "LKES", "Kindergarten", "active", True),
    (
        "mokonkwotate",
        "Marguerite",
        "Okonkwo-Tate",
        "administrator",
        "KRJUSD",
        "Director of Educational Technology",
        "active",
        True,
    ),
    ("mpopescu", "Mihail", "Popescu", "teacher", "HPES", "Computer Lab", "active", True),
    ("mthao", "Mai Chue", "Thao", "teacher", "SBMS", "ELD", "active", True),
    ("mtuilagi", "Moana", "Tuilagi", "administrator", "KRHS", "Counselor", "active", True),
    (
        "ncastellanos",
        "Noemí",
        "Castellanos",
        "teacher",
        "KRJUSD,KRHS",
        "Instructional Coach",
        "active",
        True,
    ),
    ("neze", "Ngozi", "Eze", "teacher", "IFHS", "Chemistry", "active", True),
    ("nkeawe", "Nalani", "Keawe", "teacher", "MCES", "Grade 1", "active", True),
    ("obakare", "Olusegun", "Bakare", "teacher", "TGMS", "Science 8", "active", True),
    ("ofuentes", "Odalys", "Fuentes", "administrator", "HPES", "Principal", "active", True),
    ("padeyemi", "Precious", "Adeyemi", "teacher", "SBMS", "Social Studies 6", "active", True),
    ("pchaudhry", "Parveen", "Chaudhry", "teacher", "KROL", "Online Teacher", "active", True),
    ("pgrandbois", "Pauline", "Grandbois", "teacher", "LKES", "Grade 3", "active", True),
    ("phalvorsen", "Petra", "Halvorsen", "teacher", "IFHS", "Teacher-Librarian", "active", True),
    ("pmwangi", "Patience", "Mwangi", "teacher", "KRHS", "Health", "active", True),
    ("pvenkataraman", "Prakash", "Venkataraman", "teacher", "MCES", "Grade 5", "active", True),
    ("rabernathy", "Ruth", "Abernathy", "teacher", "KRHS", "English 10 / Yearbook", "active", True),
    ("rashdown", "Roderick", "Ashdown", "administrator", "MCES", "Principal", "active", True),
    ("rdimaculangan", "Rosario", "Dimaculangan", "aide", "KRHS", "Paraeducator", "active", True),
    ("rpryor", "Rosalind", "Pryor", "teacher", "LKES,HPES,MCES", "ELD Specialist", "active", True),
    ("rwojcik", "Renata", "Wójcik", "teacher", "TGMS", "Math 7", "active", True),
    (
        "ryellowhorse",
        "Raymond",
        "Yellowhorse",
        "administrator",
        "IFHS",
        "Assistant Principal",
        "active",
        True,
    ),
    ("sdufresne", "Simone", "Dufresne", "teacher", "MCES", "Kindergarten", "active", True),
    ("sfifita", "Siosaia", "Fifita", "teacher", "IFHS", "PE / Health", "active", True),
    ("sgreywolf", "Solomon", "Greywolf", "teacher", "RBA", "English / History", "active", True),
    ("smacaodha", "Seán", "Mac Aodha", "teacher", "SBMS", "Technology", "active", True),
    (
        "sraghunathan",
        "Sunita",
        "Raghunathan",
        "administrator",
        "KRJUSD",
        "Director of Assessment",
        "active",
        True,
    ),
    ("swarsame", "Sadia", "Warsame", "aide", "LKES", "Bilingual Aide", "active", True),
    (
        "tblackfeather",
        "Theodore",
        "Blackfeather",
        "administrator",
        "KRHS",
        "Principal",
        "active",
        True,
    ),
    ("tdo", "Thu Trang", "Đỗ", "teacher", "LKES", "Grade 1", "active", True),
    (
        "tmahmoud",
        "Tariq",
        "Mahmoud",
        "administrator",
        "SBMS",
        "Assistant Principal",
        "active",
        True,
    ),
    ("tpham", "Tuấn", "Phạm", "teacher", "KRHS", "Mathematics", "active", True),
    ("tvainikolo", "Tomasi", "Vainikolo", "aide", "TGMS", "Paraeducator", "active", True),
    ("vsavchenko", "Viktor", "Savchenko", "teacher", "SBMS", "Science 7", "active", True),
    ("warceneaux", "Wendell", "Arceneaux", "teacher", "LKES", "Grade 5", "active", True),
    ("wcastellano", "Wren", "Castellano", "teacher", "IFHS", "Art", "active", True),
    (
        "wstroud",
        "Wilhelmina",
        "Stroud",
        "administrator",
        "KROL",
        "Program Coordinator",
        "active",
        True,
    ),
    ("xmendoza", "Xochitl", "Mendoza", "aide", "IFHS", "Bilingual Aide", "active", True),
    ("yhaddad", "Yasmin", "Haddad", "teacher", "IFHS", "Computer Science", "active", True),
    ("ymarchetti", "Yolanda", "Marchetti", "administrator", "RBA", "Director", "active", True),
]
# Students: (identifier, givenName, familyName, middleName, school, grade, status, enabled)
FIXED_STUDENTS: list[tuple[str, str, str, str, str, str, str, bool]] = [
    ("0150442", "Siobhán", "Ní Bhriain", "", "LKES", "02", "active", True),
    ("0150517", "Tou", "Lee", "", "LKES", "02", "active", True),
    ("0150623", "Mateus", "Gonçalves", "", "LKES", "02", "active", True),
    ("0150738", "Ayaan", "Hirsi", "", "LKES", "02", "active", True),
    ("0152207", "Eoin", "Fitzgerald", "", "LKES", "02", "active", True),
    ("0153318", "Santiago", "Villanueva", "", "LKES", "KG", "active", True),
    ("0158767", "Bilal", "Mansour", "", "LKES", "04", "active", True),
    ("0158824", "Huda", "Qasim", "", "LKES", "04", "active", True),
    ("0160113", "Oksana", "Oliynyk", "", "LKES", "04", "active", True),
    ("0160208", "Orla", "O'Dwyer", "", "LKES", "04", "active", True),
    ("0162209", "Losa", "Fa'amausili", "", "HPES", "03", "active", True),
    ("0162354", "Iosefa", "Sapolu", "", "HPES", "03", "active", True),
    ("0162481", "Pa Ying", "Vang", "", "HPES", "03", "active", True),
    ("0162577", "Widlene", "Dorvil", "", "HPES", "03", "active", True),
    ("0162630", "Tupe", "Seiuli", "", "HPES", "03", "active", True),
    ("0163104", "Leilani", "Mata'utia", "", "HPES", "03", "active", True),
    ("0163377", "Minh Thư", "Đinh", "", "LKES", "03", "active", True),
    ("0165521", "Ngọc Hân", "Nguyễn", "", "LKES", "01", "active", True),
    ("0165598", "Gia Bảo", "Trần", "", "LKES", "01", "active", True),
    ("0165640", "Khánh", "Phạm", "Minh", "LKES", "01", "active", True),
    ("0166702", "Đức", "Đặng", "", "LKES", "01", "active", True),
    ("0166759", "Linh", "Bùi", "", "LKES", "01", "active", True),
    ("0168801", "Hope", "Walker", "", "LKES", "05", "active", True),
    ("0168877", "Will", "Bishop", "", "LKES", "05", "active", True),
    ("0168932", "May", "Young", "", "LKES", "05", "active", True),
    ("0171420", "Amira", "Khoury", "", "LKES", "03", "active", True),
    ("0171535", "Kaylee", "Yellowhair", "", "LKES", "03", "active", True),
    ("0172546", "Stéphanie", "Célestin", "", "LKES", "05", "active", True),
    ("0172564", "Jean-Marc", "Célestin", "", "LKES", "05", "active", True),
    ("0174452", "Navdeep", "Dhillon", "Kaur", "LKES", "05", "active", True),
    ("0174519", "Arshdeep", "Sidhu", "Singh", "LKES", "05", "active", True),
    ("0176011", "Bo", "Li", "", "LKES", "02", "active", True),
    ("0176048", "Vy", "Vu", "", "LKES", "02", "active", True),
    ("0176093", "Ka", "Lo", "", "LKES", "02", "active", True),
    ("0177508", "Sheng", "Moua", "", "LKES", "04", "active", True),
    ("0178866", "Abdirahman", "Farah", "", "LKES", "03", "active", True),
    ("0178950", "Hana", "Ali", "", "LKES", "03", "active", True),
    ("0180599", "Neng", "Kue", "", "HPES", "01", "active", True),
    ("0180655", "Kia", "Lor", "", "HPES", "01", "active", True),
    ("0180702", "Fue", "Hang", "", "HPES", "01", "active", True),
    ("0183340", "Jesus", "Ramirez", "", "HPES", "04", "active", True),
    ("0183417", "Maria", "Lopez", "Elena", "HPES", "04", "active", True),
    ("0184077", "Abebe", "Tesfaye", "", "HPES", "05", "active", True),
    ("0184132", "Mariam", "Saleh", "", "HPES", "05", "active", True),
    ("0184209", "Cole", "Fox", "", "HPES", "05", "active", True),
    ("0186230", "Sitani", "Latu", "", "HPES", "02", "active", True),
    ("0186295", "Mei", "Chen", "", "HPES", "02", "active", True),
    ("0186371", "Tasi", "Fuimaono", "", "HPES", "02", "active", True),
    ("0187702", "Daan", "van der Berg", "", "HPES", "03", "active", True),
    ("0187765", "Camila", "Del Río", "", "HPES", "03", "active", True),
    ("0189316", "Oisín", "O'Dwyer", "", "HPES", "04", "active", True),
    ("0190447", "Ahiga", "Begay", "", "HPES", "05", "active", True),
    ("0191503", "Grace", "Kabua", "", "HPES", "05", "active", True),
    ("0207715", "Abdullahi", "Yusuf", "", "SBMS", "06", "active", True),
    ("0208833", "Ilhan", "Jama", "", "SBMS", "06", "active", True),
    ("0208871", "Will", "Reading", "", "SBMS", "06", "active", True),
    ("0208906", "June", "Porter", "", "SBMS", "06", "active", True),
    ("0208954", "Taras", "Melnyk", "", "SBMS", "06", "active", True),
    ("0209915", "Hunter", "Rich", "James", "SBMS", "06", "active", True),
    ("0209968", "Faith", "Page", "Ann", "SBMS", "06", "active", True),
    ("0211846", "Chue", "Vang", "", "SBMS", "06", "active", True),
    ("0211903", "Pa Nhia", "Xiong", "", "SBMS", "06", "active", True),
    ("0212207", "Fionn", "Dunne", "", "SBMS", "06", "active", True),
    ("0212265", "Ye-jin", "Lim", "", "SBMS", "06", "active", True),
    ("0212330", "Tobi", "Okoro", "", "SBMS", "06", "active", True),
    ("0213350", "Harpreet", "Sandhu", "Kaur", "SBMS", "08", "active", True),
    ("0213412", "Gurpreet", "Gill", "Singh", "SBMS", "08", "active", True),
    ("0213478", "José", "Treviño", "Ángel", "SBMS", "08", "active", True),
    ("0215516", "Salote", "Havili", "", "SBMS", "07", "active", True),
    ("0215561", "Tigist", "Haile", "", "SBMS", "07", "active", True),
    ("0215602", "Yonas", "Gebremariam", "", "SBMS", "07", "active", True),
    ("0216671", "Mohamed", "Hassan", "", "SBMS", "07", "active", True),
    ("0218830", "Mohamed", "Hassan", "", "SBMS", "08", "active", True),
    ("0219114", "Kirandeep", "Toor", "", "SBMS", "07", "active", True),
    ("0219930", "Adaeze", "Eze", "", "SBMS", "06", "active", True),
    ("0219987", "Wyatt", "Long", "", "SBMS", "06", "active", True),
    ("0220045", "Soo-ah", "Jang", "", "SBMS", "06", "active", True),
    ("0221640", "Ashkii", "Nakai", "", "SBMS", "07", "active", True),
    ("0223307", "Liban", "Nur", "", "SBMS", "06", "active", True),
    ("0224410", "Youa", "Moua", "", "SBMS", "06", "active", True),
    ("0224475", "Blia", "Yang", "", "SBMS", "06", "active", True),
    ("0225518", "Meron", "Haile", "", "SBMS", "07", "active", True),
    ("0225573", "Jameson", "Charles", "", "SBMS", "07", "active", True),
    ("0226604", "Malia", "Tuiasosopo", "", "SBMS", "06", "active", True),
    ("0226659", "Fetu", "Aumua", "", "SBMS", "06", "active", True),
    ("0227731", "Losa", "Pouono", "", "SBMS", "06", "active", True),
    ("0228840", "Brayan", "López", "", "SBMS", "08", "active", True),
    ("0229561", "Ekam", "Virk", "", "SBMS", "07", "active", True),
    ("0230077", "Kiora", "Jibas", "", "SBMS", "08", "active", True),
    ("0231145", "Cillian", "Kavanagh", "", "SBMS", "08", "active", True),
    ("0231198", "Nadège", "Louissaint", "", "SBMS", "08", "active", True),
    ("0232710", "Pádraig", "Ó Ceallaigh", "", "SBMS", "07", "active", True),
    ("0233318", "Sukhman", "Bains", "", "SBMS", "07", "active", True),
    ("0233372", "Neng", "Her", "", "SBMS", "07", "active", True),
    ("0236618", "Bohdan", "Kravchenko", "", "SBMS", "07", "active", True),
    ("0236677", "Iryna", "Savchuk", "", "SBMS", "07", "active", True),
    ("0237710", "Mykola", "Bondarenko", "", "SBMS", "07", "active", True),
    ("0237756", "Daryna", "Ostapenko", "", "SBMS", "07", "active", True),
    ("0237815", "Olena", "Tkachenko", "", "SBMS", "07", "active", True),
    ("0241187", "Łukasz", "Kowalczyk", "", "TGMS", "07", "active", True),
    ("0241203", "Agnieszka", "Nowak", "", "TGMS", "07", "active", True),
    ("0245561", "Shandiin", "Tsosie", "", "TGMS", "06", "active", True),
    ("0245608", "Hastiin", "Benally", "", "TGMS", "06", "active", True),
    ("0245719", "Dezba", "Manygoats", "", "TGMS", "06", "active", True),
    ("0247721", "Naalnish", "Werito", "", "TGMS", "06", "active", True),
    ("0247790", "Jun", "Wu", "", "TGMS", "06", "active", True),
    ("0247856", "Deeqa", "Gedi", "", "TGMS", "06", "active", True),
    ("0249013", "Tyrell", "Bigman", "", "TGMS", "08", "active", True),
    ("0251876", "Lagi", "Soliai", "", "TGMS", "07", "active", True),
    ("0252290", "Yaw", "Mensah", "", "TGMS", "08", "active", True),
    ("0252347", "Sofiia", "Rudenko", "", "TGMS", "08", "active", True),
    ("0252418", "Brayan", "Orozco", "", "TGMS", "08", "active", True),
    ("0253360", "Sani", "Chee", "", "TGMS", "08", "active", True),
    ("0253411", "Ikran", "Dahir", "", "TGMS", "08", "active", True),
    ("0255104", "Kai", "Tohee", "", "TGMS", "06", "active", True),
    ("0255139", "Emiliano", "Gutiérrez", "", "TGMS", "06", "active", True),
    ("0257130", "Khoa", "Huỳnh", "", "TGMS", "08", "active", True),
    ("0257185", "Amrit", "Cheema", "", "TGMS", "08", "active", True),
    ("0257246", "Princess", "Manalo", "", "TGMS", "08", "active", True),
    ("0258803", "Fatima", "Noor", "", "TGMS", "07", "active", True),
    ("0258879", "Layla", "Abdel-Rahman", "", "TGMS", "07", "active", True),
    ("0262218", "Itzel", "Ramírez", "", "TGMS", "08", "active", True),
    ("0264410", "Fadumo", "Osman", "", "TGMS", "06", "active", True),
    ("0274418", "Ruth-Ann", "Baptiste", "", "SBMS", "08", "active", True),
    ("0274529", "Quang Huy", "Lê", "", "SBMS", "08", "active", True),
    ("0274630", "Yanaba", "Nez", "", "SBMS", "08", "active", True),
    ("0274741", "Obinna", "Okafor", "", "SBMS", "08", "active", True),
    ("0286615", "Tomás", "Magalhães", "", "IFHS", "10", "active", True),
    ("0286623", "Inês", "Carvalho", "", "IFHS", "10", "active", True),
    ("0301177", "Layla", "Hijazi", "", "KRHS", "12", "active", True),
    ("0303372", "Kirandeep", "Brar", "", "KRHS", "09", "active", True),
    ("0309954", "Jayden", "Stone", "", "KRHS", "10", "active", False),
    ("0310021", "Autumn", "Marsh", "", "KRHS", "10", "active", True),
    ("0313397", "Kristine", "Bautista", "", "KRHS", "11", "active", True),
    ("0317765", "Viliami", "Havili", "", "KRHS", "11", "active", True),
    ("0317802", "Rania", "Darwish", "", "KRHS", "11", "active", True),
    ("0318842", "Aoife", "Brennan-Walsh", "", "KRHS", "10", "active", True),
    ("0322480", "Jelton", "Lomae", "", "KRHS", "11", "active", True),
    ("0322519", "Luana", "Fontes", "", "KRHS", "11", "active", True),
    ("0327714", "Do-yoon", "Cho", "", "KRHS", "10", "active", True),
    ("0327768", "Ye-jin", "Yoon", "", "KRHS", "10", "active", True),
    ("0329105", "Tavita", "Leiataua", "", "KRHS", "10", "active", True),
    ("0331276", "Yousef", "Al-Masri", "", "KRHS", "10", "active", True),
    ("0334451", "Yuliia", "Shevchenko", "", "KRHS", "11", "active", True),
    ("0334502", "Andrii", "Boyko", "", "KRHS", "11", "active", True),
    ("0336640", "Oleksandr", "Lysenko", "", "KRHS", "11", "active", True),
    ("0336695", "Dezba", "Yellowhair", "", "KRHS", "11", "active", True),
    ("0338812", "Naalnish", "Benally", "", "KRHS", "12", "active", True),
    ("0339871", "Bethsaida", "Augustin", "", "KRHS", "12", "active", True),
    ("0341150", "Kateryna", "Marchenko", "", "KRHS", "09", "active", True),
    ("0341209", "Dawit", "Alemu", "", "KRHS", "09", "active", True),
    ("0344218", "Nour", "El-Sayed", "", "KRHS", "10", "active", True),
    ("0344307", "Róisín", "O'Rourke", "", "KRHS", "10", "active", True),
    ("0344369", "Mohammed", "Al-Rashid", "", "KRHS", "10", "active", True),
    ("0346601", "Ioane", "Sapolu", "", "KRHS", "10", "active", True),
    ("0348811", "Pádraig", "Ó Súilleabháin", "", "KRHS", "11", "active", True),
    ("0348890", "Caoimhe", "Mac Cárthaigh", "", "KRHS", "11", "active", True),
    ("0350072", "River", "Cook", "", "KRHS", "09", "active", True),
    ("0350139", "Skye", "Baker", "", "KRHS", "09", "active", True),
    ("0355902", "Maria da Graça", "dos Santos", "", "KRHS", "09", "active", True),
    ("0356017", "Xochiquetzal", "Ramírez Tun", "", "KRHS", "09", "active", True),
    ("0356143", "Guadalupe", "De La Cruz", "Itzel", "KRHS", "09", "active", True),
    ("0362814", "Saoirse", "Kinsella", "", "KRHS", "09", "active", True),
    ("0362841", "Brianna", "Etsitty", "", "KRHS", "12", "active", True),
    ("0365510", "Diego", "García Márquez", "", "KRHS", "10", "active", True),
    ("0365577", "Luz", "Hernández", "Guadalupe", "KRHS", "10", "active", True),
    ("0367702", "Emeka", "Olatunji", "", "KRHS", "12", "active", True),
    ("0367759", "Sinéad", "McGrath", "", "KRHS", "12", "active", True),
    ("0390041", "Ji-woo", "Park", "", "IFHS", "11", "active", True),
    ("0390188", "Min-jun", "Kim", "", "IFHS", "11", "active", True),
    ("0390253", "Seo-yeon", "Lee", "", "IFHS", "12", "active", True),
    ("0398114", "Kiona", "Attakai", "", "IFHS", "10", "active", True),
    ("0398260", "Jasleen", "Brar", "", "IFHS", "10", "active", True),
    ("0398377", "Yanaba", "Tsinajinnie", "", "IFHS", "11", "active", True),
    ("0398412", "Seán", "Kinsella", "", "IFHS", "11", "active", True),
    ("0399815", "Karim", "Nasser", "", "IFHS", "09", "active", True),
    ("0399870", "Reem", "Haddad", "", "IFHS", "09", "active", True),
    ("0402245", "Rowan", "Gray", "", "IFHS", "09", "active", True),
    ("0404418", "Brooke", "Street", "", "IFHS", "10", "active", True),
    ("0405530", "Tevita", "Kaufusi", "", "IFHS", "12", "active", True),
    ("0405617", "Ximena", "Zúñiga", "", "IFHS", "12", "active", True),
    ("0405688", "Kwabena", "Boateng", "", "IFHS", "12", "active", True),
    ("0407743", "Tobi", "Adeyemi", "", "IFHS", "10", "active", True),
    ("0409901", "Jolene", "Todacheene", "", "IFHS", "10", "active", True),
    ("0409932", "Selam", "Woldemichael", "", "IFHS", "10", "active", True),
    ("0409967", "Ravneet", "Randhawa", "", "IFHS", "10", "active", True),
    ("0411190", "Tigist", "Bekele", "", "IFHS", "10", "active", True),
    ("0411263", "Chiamaka", "Nwosu", "", "IFHS", "10", "active", True),
    ("0411327", "Darragh", "Kinsella", "", "IFHS", "10", "active", True),
    ("0415502", "Mohamed", "Abdi", "", "IFHS", "09", "active", True),
    ("0415520", "Mohamed", "Abdi", "", "IFHS", "11", "active", True),
    ("0416620", "Jericho", "Macapagal", "", "IFHS", "12", "active", True),
    ("0416687", "Caio", "Brandão", "", "IFHS", "12", "active", True),
    ("0416749", "Mariel", "dela Cruz", "", "IFHS", "12", "active", True),
    ("0419505", "Sione", "Faleolo", "", "IFHS", "10", "tobedeleted", True),
    ("0419922", "Kou", "Xiong", "", "TGMS", "07", "active", True),
    ("0419987", "Mai Nou", "Thao", "", "TGMS", "07", "active", True),
    ("0420031", "Nou", "Her", "", "TGMS", "08", "active", True),
    ("0421174", "Yareli", "Villanueva", "", "IFHS", "10", "active", True),
    ("0421230", "Jesús", "Orozco", "", "IFHS", "10", "active", True),
    ("0423318", "Valentina", "Ochoa", "", "IFHS", "10", "active", True),
    ("0423391", "Gonçalo", "Teixeira", "", "IFHS", "09", "active", True),
    ("0427731", "Nizhoni", "Yazzie", "", "IFHS", "11", "active", True),
    ("0427913", "Hodan", "Warsame", "", "IFHS", "11", "active", True),
    ("0428005", "Oleksandr", "Kovalenko", "", "IFHS", "12", "active", True),
    ("0428117", "Simranjit", "Grewal", "Kaur", "IFHS", "09", "active", True),
    ("0530065", "Zaynab", "Darwish", "", "MCES", "KG", "active", True),
    ("0533017", "Jean-Ricot", "Désir", "", "MCES", "05", "active", True),
    ("0533140", "Fabienne", "Saint-Fleur", "", "MCES", "05", "active", True),
    ("0533262", "Dieunel", "Joseph", "", "MCES", "05", "active", True),
    ("0533391", "Guerline", "Pierre-Louis", "", "MCES", "05", "active", True),
    ("0537718", "Tyson", "Harvey", "", "MCES", "03", "active", True),
    ("0537719", "Lovely", "Jean-Louis", "", "MCES", "03", "active", True),
    ("0537802", "Ubah", "Ismail", "", "MCES", "03", "active", True),
    ("0540112", "Nalu", "Kahale", "", "MCES", "04", "active", True),
    ("0540187", "Zofia", "Nowak", "", "MCES", "04", "active", True),
    ("0540233", "Hamza", "Egal", "", "MCES", "04", "active", True),
    ("0542288", "Pa Houa", "Vang", "", "MCES", "04", "active", True),
    ("0542350", "Mai Yer", "Lor", "", "MCES", "04", "active", True),
    ("0545072", "Pheng", "Vue", "", "MCES", "03", "active", True),
    ("0547730", "Hawa", "Ali", "", "MCES", "02", "active", True),
    ("0548133", "Ilhan", "Aden", "", "MCES", "04", "active", True),
    ("0548410", "Hawa", "Hassan", "", "MCES", "02", "active", True),
    ("0549920", "Losaline", "Taufa", "", "MCES", "01", "active", True),
    ("0549987", "Kacper", "Zieliński", "", "MCES", "01", "active", True),
    ("0611472", "Ricardo", "Delva", "", "RBA", "09", "active", True),
    ("0611538", "Itzel", "Navarro", "", "RBA", "10", "active", True),
    ("0612280", "Jameson", "Augustin", "", "RBA", "11", "active", True),
    ("0612347", "Ayita", "Bitsui", "", "RBA", "11", "active", True),
    ("0613318", "Dawit", "Tesfaye", "", "RBA", "08", "active", True),
    ("0613375", "Ka", "Chang", "", "RBA", "08", "active", True),
    ("0614277", "Châu", "Hoàng", "Minh", "RBA", "10", "active", True),
    ("0614330", "Priscilla", "Okoro", "", "RBA", "11", "active", True),
    ("0701156", "Bidziil", "Todacheene", "", "KROL", "09", "active", True),
    ("0701284", "Harjot", "Sekhon", "", "KROL", "11", "active", True),
    ("0701309", "Sina", "Taetuna", "", "KROL", "07", "active", True),
    ("0702218", "Mackenson", "Étienne", "", "KROL", "10", "active", True),
    ("0702290", "Gurleen", "Mann", "", "KROL", "08", "active", True),
    ("0702355", "Christopher", "Young", "", "KROL", "12", "active", True),
    ("0702461", "Amrit", "Sekhon", "", "KROL", "07", "active", True),
]
# Parents: (email, givenName, familyName, phone, children's identifiers)
FIXED_PARENTS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("mele.faleolo@example.org", "Mele", "Faleolo", "509-555-0187", ("0419505",)),
    ("hoa.dinh.family@example.net", "Hoa", "Đinh", "509-555-0193", ("0163377",)),
    ("abdi.warsame.home@mail.example.com", "Abdi", "Warsame", "", ("0427913",)),
    ("lupita.zuniga77@example.net", "Lupita", "Zúñiga", "509-555-0121", ("0405617",)),
]
# IDs the tickets write (after rule-3 fixes) that must belong to nobody.
RESERVED_ABSENT_IDS: frozenset[str] = frozenset(
    {
        "0123456",
        "0275185",
        "0588213",
        "4233180",
    }
)
# END FIXED RECORDS

# Filler name pools, grouped so a filler student gets a plausible given/family pair.
POOLS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # culture: (given names, family names, middle names)
    "vietnamese": (
        ["Minh", "Khoa", "Huy", "Linh", "Thư", "Lan", "Anh", "Bảo", "Ngọc", "Đức", "Tuấn"]
        + ["Hạnh", "Phương", "Quỳnh", "Trung", "Vy", "Nhi", "Khánh", "Thảo", "Long", "Tâm"]
        + [
            "Hùng",
            "Dũng",
            "Hoa",
            "Yến",
            "Thanh",
            "Sơn",
            "Nam",
            "Kim",
            "Hải",
            "Diệp",
            "Quân",
            "Nhung",
        ],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Bùi", "Hồ"]
        + ["Ngô", "Dương", "Lý", "Trương", "Mai"]
        + ["Đinh", "Lâm", "Tạ", "Cao", "Đoàn", "Lương", "Tô", "Quách"],
        ["Thị", "Văn", "Minh", "Ngọc", "Gia"],
    ),
    "somali": (
        ["Hodan", "Ayaan", "Abdirahman", "Fadumo", "Mohamed", "Hawa", "Ilhan", "Abdullahi"]
        + ["Sahra", "Hamza", "Nasra", "Yusuf", "Ubah", "Farhan", "Ikran", "Liban", "Deeqa"]
        + [
            "Zamzam",
            "Abdiwali",
            "Mustafe",
            "Sagal",
            "Hibaaq",
            "Idil",
            "Guled",
            "Warsan",
            "Nimco",
            "Sharmarke",
            "Ifrah",
        ],
        ["Abdi", "Warsame", "Farah", "Hirsi", "Jama", "Osman", "Mohamud", "Hassan", "Ali"]
        + ["Aden", "Egal", "Nur", "Ahmed", "Dahir", "Gedi", "Ismail"]
        + [
            "Mohamed",
            "Abdullahi",
            "Hussein",
            "Elmi",
            "Jibril",
            "Samatar",
            "Duale",
            "Barre",
            "Shire",
            "Sheikh",
        ],
        [],
    ),
    "ukrainian": (
        ["Oleksandr", "Yuliia", "Mykola", "Olena", "Taras", "Oksana", "Bohdan", "Iryna"]
        + ["Dmytro", "Sofiia", "Andrii", "Kateryna", "Yaroslav", "Maksym", "Daryna", "Vasyl"]
        + [
            "Artem",
            "Viktoriia",
            "Roman",
            "Anastasiia",
            "Serhii",
            "Khrystyna",
            "Ivan",
            "Zlata",
            "Yurii",
            "Mariia",
        ],
        ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk"]
        + ["Melnyk", "Boyko", "Kovalchuk", "Savchuk", "Rudenko", "Ostapenko", "Lysenko"]
        + [
            "Pavlenko",
            "Honcharenko",
            "Danylenko",
            "Karpenko",
            "Polishchuk",
            "Hrytsenko",
            "Bilyk",
            "Didenko",
        ],
        ["Petrovych", "Ivanivna", "Mykolaiovych"],
    ),
    "navajo": (
        ["Ahiga", "Nizhoni", "Shandiin", "Dezba", "Yanaba", "Doli", "Sani", "Bidziil"]
        + ["Naalnish", "Ashkii", "Kiona", "Jolene", "Tyrell", "Kaylee", "Brianna", "Tyson"]
        + [
            "Marcus",
            "Shaylee",
            "Kiyani",
            "Dakota",
            "Jaylen",
            "Marlena",
            "Trevor",
            "Aaliyah",
            "Shawnee",
            "Hozhoni",
        ],
        ["Begay", "Yazzie", "Tsosie", "Benally", "Nez", "Bitsui", "Etsitty", "Manygoats"]
        + ["Yellowhair", "Tohee", "Begaye", "Attakai", "Nakai", "Todacheene", "Werito"]
        + [
            "Lapahie",
            "Joe",
            "John",
            "Sandoval",
            "Largo",
            "Dedman",
            "Francisco",
            "Skeets",
            "Hoskie",
            "Claw",
            "Wauneka",
        ],
        ["Rose", "Lee", "Ray"],
    ),
    "samoan": (
        ["Sione", "Malia", "Tavita", "Iosefa", "Leilani", "Mele", "Ioane", "Lagi", "Fetu"]
        + ["Sina", "Tupe", "Alofa", "Losa", "Pesa"]
        + ["Tala", "Faamanu", "Sefa", "Talia", "Peni", "Iese", "Vai", "Tuala"],
        ["Faleolo", "Tuiasosopo", "Leiataua", "Fa'amausili", "Sapolu", "Fuimaono", "Aumua"]
        + ["Tauiliili", "Soliai", "Taetuna", "Mata'utia", "Pouono", "Seiuli"]
        + ["Tupua", "Letuli", "Alapati", "Amituanai", "Lauina", "Masoe", "Lefiti", "Ta'ase"],
        [],
    ),
    "punjabi": (
        ["Harpreet", "Gurpreet", "Jaskaran", "Simranjit", "Navdeep", "Manpreet", "Arshdeep"]
        + ["Jasleen", "Kirandeep", "Ravneet", "Amrit", "Gurleen", "Harjot", "Ekam"]
        + [
            "Ishmeet",
            "Tejinder",
            "Baljeet",
            "Prabhjot",
            "Rajveer",
            "Mehakpreet",
            "Sahibjot",
            "Anmol",
            "Karanvir",
        ],
        ["Sandhu", "Gill", "Dhillon", "Grewal", "Sidhu", "Brar", "Bains", "Cheema", "Toor"]
        + ["Randhawa", "Sekhon", "Virk", "Mann", "Kang"]
        + ["Dhaliwal", "Johal", "Sahota", "Bhullar", "Chahal", "Pannu", "Aulakh", "Hundal"],
        ["Kaur", "Singh"],
    ),
    "irish": (
        ["Aoife", "Siobhán", "Pádraig", "Ciarán", "Niamh", "Oisín", "Saoirse", "Eoin"]
        + ["Róisín", "Cillian", "Orla", "Caoimhe", "Darragh", "Fionn", "Sinéad", "Seán"]
        + ["Aisling", "Clodagh", "Tadhg", "Ruairí", "Éabha", "Conall", "Méabh", "Dáithí"],
        ["O'Sullivan", "MacGiolla", "O'Dwyer", "Brennan", "Kavanagh", "Ó Ceallaigh"]
        + ["Mac Cárthaigh", "Fitzgerald", "O'Rourke", "Dunne", "Kinsella", "McGrath"]
        + [
            "Ní Mhurchú",
            "Doyle",
            "Byrne",
            "Ó Néill",
            "Gallagher",
            "Mac Suibhne",
            "Breathnach",
            "Nolan",
        ],
        ["Marie", "Patrick", "Bríd"],
    ),
    "portuguese": (
        ["João", "Inês", "Tomás", "Beatriz", "Gonçalo", "Leonor", "Rafael", "Mariana"]
        + ["Thiago", "Lívia", "Caio", "Luana"]
        + ["Duarte", "Matilde", "Rodrigo", "Francisca", "Vasco", "Carolina", "Gustavo", "Larissa"],
        ["Conceição", "Gonçalves", "Carvalho", "dos Santos", "da Silva", "Pereira"]
        + ["Fontes", "Brandão", "Lobo", "Teixeira", "Araújo"]
        + ["Rebelo", "Mendes", "Figueiredo", "Simões", "Azevedo", "Moura", "Ribeiro", "Cardoso"],
        ["Maria", "Luís"],
    ),
    "haitian": (
        ["Wisline", "Jean-Marc", "Roodly", "Nadège", "Mackenson", "Stéphanie", "Kervens"]
        + ["Lovely", "Ricardo", "Bethsaida", "Jameson"]
        + [
            "Fednel",
            "Marie-Ange",
            "Wilkens",
            "Djouly",
            "Fritznel",
            "Nerlande",
            "Ketsia",
            "Widlène",
        ],
        ["Joseph", "Jean-Baptiste", "Charles", "Étienne", "Louissaint", "Augustin"]
        + ["Delva", "Célestin", "Jean-Louis"]
        + [
            "Toussaint",
            "Pierre",
            "Bien-Aimé",
            "Dorsainvil",
            "Fleurimond",
            "Michel",
            "Cadet",
            "Exantus",
        ],
        [],
    ),
    "hmong": (
        ["Pheng", "Chue", "Kia", "Sheng", "Youa", "Blia", "Fue", "Neng", "Pa Houa", "Ka"]
        + ["Nou", "Tou", "Kou", "Mai Yer"]
        + ["Xia", "Dao", "Chia", "Ger", "Maiv", "Tong", "Kao", "Yeng", "Nhia", "Mai Choua"],
        ["Vang", "Lee", "Xiong", "Thao", "Her", "Yang", "Lor", "Moua", "Vue", "Chang"]
        + ["Khang", "Kue", "Hang", "Lo"]
        + ["Cha", "Heu", "Pha", "Fang", "Kong", "Ly"],
        [],
    ),
    "arabic": (
        ["Layla", "Nour", "Omar", "Mariam", "Khalid", "Rania", "Ahmad", "Huda", "Samir"]
        + ["Zaynab", "Karim", "Amira", "Tariq", "Reem", "Bilal"]
        + [
            "Hassan",
            "Yara",
            "Mustafa",
            "Salma",
            "Adam",
            "Lina",
            "Yusuf",
            "Noor",
            "Ibrahim",
            "Dalia",
        ],
        ["Haddad", "El-Sayed", "Al-Rashid", "Khoury", "Nasser", "Saleh", "Darwish"]
        + ["Al Hashimi", "Mansour", "Qasim", "Hijazi", "Abu-Ghazaleh"]
        + ["Al-Khatib", "Barakat", "Sabbagh", "Awad", "Shalabi", "Issa", "Zaidan", "El Amrani"],
        [],
    ),
    "korean": (
        ["Min-jun", "Seo-yeon", "Ha-eun", "Do-yoon", "Ye-jin", "Jae-hyun", "Soo-ah"]
        + ["Eun-ji", "Jun-seo", "Da-eun"]
        + ["Ji-ho", "Yu-na", "Seung-min", "Hye-jin", "Min-seo", "Tae-yang"],
        ["Kim", "Lee", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han"]
        + ["Shin", "Oh", "Kwon", "Hwang", "Song", "Ahn"],
        [],
    ),
    "latino": (
        ["José", "María", "Sofía", "Mateo", "Valentina", "Santiago", "Ximena", "Diego"]
        + ["Camila", "Emiliano", "Guadalupe", "Jesús", "Luz", "Itzel", "Brayan", "Yareli"]
        + [
            "Alejandro",
            "Daniela",
            "Fernanda",
            "Joaquín",
            "Renata",
            "Ángel",
            "Marisol",
            "Esteban",
            "Yesenia",
            "Adrián",
            "Abril",
            "Iker",
        ],
        ["Hernández", "López", "Ramírez", "De La Cruz", "Gutiérrez", "Rodríguez"]
        + ["Navarro", "Villanueva", "Zúñiga", "Ochoa", "Orozco", "Del Río", "Treviño"]
        + [
            "Martínez",
            "Sánchez",
            "Flores",
            "Castillo",
            "Mendoza",
            "Vásquez",
            "Cortés",
            "Salazar",
            "Ibarra",
            "Montoya",
            "Peña",
            "Cervantes",
        ],
        ["Guadalupe", "José", "Elena", "Ángel"],
    ),
    "english": (
        ["Will", "Hope", "Faith", "Summer", "Hunter", "River", "Grace", "Mason", "Autumn"]
        + ["Wyatt", "Skye", "Cole", "Brooke", "June", "Chase", "Dawn", "Rowan", "Piper"]
        + [
            "Logan",
            "Avery",
            "Harper",
            "Colt",
            "Sage",
            "Wren",
            "Maverick",
            "Laurel",
            "Miles",
            "Scout",
            "Ember",
            "Reed",
        ],
        ["Walker", "Price", "Bishop", "Young", "Reading", "Cook", "Stone", "Marsh", "Page"]
        + ["Fox", "Rich", "Wood", "Baker", "Hill", "Street", "Long", "Gray", "Porter"]
        + [
            "Fisher",
            "Carpenter",
            "Shepherd",
            "Mills",
            "Frost",
            "Rivers",
            "Parks",
            "Lane",
            "Bell",
            "Ward",
            "Holt",
            "Hart",
        ],
        ["James", "Lynn", "Ann", "Michael", "Rose", "Lee"],
    ),
    "pacific": (
        ["Siosaia", "Viliami", "Losaline", "Tevita", "Sitani", "Salote", "Jelton", "Kiora"]
        + ["Mosese", "Seini", "Kalolaine", "Ofa", "Paea", "Lavinia", "Kinji"],
        ["Fifita", "Havili", "Taufa", "Kaufusi", "Latu", "Mahe", "Lomae", "Jibas", "Kabua"]
        + ["Tuipulotu", "Moala", "Vake", "Bolkeim", "Zackhras", "Heine"],
        [],
    ),
    "west_african": (
        ["Obinna", "Chiamaka", "Tobi", "Adaeze", "Kwabena", "Ama", "Oluwaseun", "Ifeoma"]
        + ["Emeka", "Yaw"]
        + ["Chidi", "Nkechi", "Kofi", "Abena", "Femi", "Zainab", "Tunde", "Efua"],
        ["Okafor", "Okoro", "Adeyemi", "Eze", "Mensah", "Asante", "Nwosu", "Boateng"]
        + ["Olatunji"]
        + ["Adebayo", "Ogunleye", "Owusu", "Agyeman", "Chukwu", "Ibekwe", "Danso"],
        ["Chukwuemeka", "Ade"],
    ),
    "east_asian": (
        ["Bo", "Wei", "Jun", "Mei", "Xin", "Hao", "Yan"]
        + ["Lin", "Rui", "Yi", "Ming", "Kai", "Tao", "Fang"],
        ["Li", "Ng", "Wu", "Yu", "Ho", "Chen", "Zhou", "Liang"]
        + ["Wang", "Zhang", "Huang", "Xu", "Sun", "Guo"],
        [],
    ),
    "filipino": (
        ["Jericho", "Mariel", "Angelo", "Kristine", "Rodel", "Princess"]
        + ["Jasmine", "Mark Anthony", "John Paul", "Rhea", "Nikko", "Jhanelle"],
        ["Dimaculangan", "Macapagal", "dela Cruz", "Bautista", "Manalo", "Sarmiento"]
        + ["Aquino", "Mercado", "Soriano", "Ocampo", "Lacson"],
        ["Reyes", "Santos"],
    ),
    "polish": (
        ["Łukasz", "Zofia", "Wojciech", "Agnieszka", "Kacper"]
        + ["Maja", "Filip", "Hanna", "Szymon"],
        ["Wójcik", "Kowalczyk", "Łukasiewicz", "Nowak", "Zieliński"]
        + ["Wiśniewski", "Kamińska", "Lewandowski", "Dąbrowska", "Grabowski"],
        [],
    ),
    "ethiopian": (
        ["Abebe", "Selam", "Tigist", "Dawit", "Meron", "Yonas"]
        + ["Hana", "Biniam", "Liya", "Natnael"],
        ["Tesfaye", "Haile", "Bekele", "Gebremariam", "Woldemichael", "Alemu"]
        + ["Tadesse", "Girma", "Mekonnen", "Assefa"],
        [],
    ),
}
# Relative weights: a mixed district with large Latino, Native, Pacific and refugee communities.
POOL_WEIGHTS = {
    "vietnamese": 8,
    "somali": 7,
    "ukrainian": 5,
    "navajo": 9,
    "samoan": 5,
    "punjabi": 5,
    "irish": 4,
    "portuguese": 4,
    "haitian": 4,
    "hmong": 7,
    "arabic": 5,
    "korean": 3,
    "latino": 14,
    "english": 10,
    "pacific": 3,
    "west_african": 3,
    "east_asian": 3,
    "filipino": 3,
    "polish": 2,
    "ethiopian": 2,
}
STAFF_TITLES = {
    "teacher": ["Teacher", "Teacher", "Teacher", "Librarian", "Special Education Teacher"],
    "administrator": ["Assistant Principal", "Counselor", "Dean of Students"],
    "aide": ["Paraeducator", "Instructional Aide", "Library Aide", "Bilingual Aide"],
}


def ascii_letters(text: str) -> str:
    """Lowercase ASCII letters of a name, accents folded, everything else dropped."""
    special = {"đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss"}
    text = "".join(special.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def student_username(given: str, family: str, identifier: str) -> str:
    """Student login: family name (8 letters max), first initial, last four digits of the ID.

    A clash gets an extra "x"; fixed students are served first, so theirs never change.
    """
    return f"{ascii_letters(family)[:8]}{ascii_letters(given)[:1]}{identifier[-4:]}"


def staff_email(local_part: str) -> str:
    return f"{local_part}@{DISTRICT_DOMAIN}"


def sourced_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"krjusd:{kind}:{key}"))


def org_ids() -> dict[str, str]:
    return {code: sourced_id("org", code) for code, *_ in ORGS}


def full_name_key(given: str, family: str) -> str:
    return ascii_letters(given) + "|" + ascii_letters(family)


def stamp(rng: random.Random) -> str:
    day = rng.randint(1, 28)
    return f"2026-07-{day:02d}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00.000Z"


def grades_of(code: str) -> list[str]:
    served = next(span for c, _, _, span, _ in ORGS if c == code)
    assert served is not None
    low, high = served.split("-")
    return GRADE_ORDER[GRADE_ORDER.index(low) : GRADE_ORDER.index(high) + 1]


def build_orgs(rng: random.Random) -> list[dict[str, str]]:
    ids = org_ids()
    rows = []
    for code, name, ident, _, _ in ORGS:
        is_district = code == "KRJUSD"
        rows.append(
            {
                "sourcedId": ids[code],
                "status": "active",
                "dateLastModified": stamp(rng),
                "name": name,
                "type": "district" if is_district else "school",
                "identifier": ident,
                "parentSourcedId": "" if is_district else ids["KRJUSD"],
            }
        )
    return rows


def user_row(**fields: str) -> dict[str, str]:
    row = dict.fromkeys(USERS_HEADER, "")
    row.update(fields)
    return row


def staff_rows(rng: random.Random) -> list[dict[str, str]]:
    ids = org_ids()
    rows = []
    used_numbers: set[str] = set()
    used_locals = {local for local, *_ in FIXED_STAFF}
    records = list(FIXED_STAFF)
    records += filler_staff(rng, used_locals, 150 - len(FIXED_STAFF))
    for local, given, family, role, orgs, _title, status, enabled in records:
        number = str(rng.randint(800000, 999999))
        while number in used_numbers:
            number = str(rng.randint(800000, 999999))
        used_numbers.add(number)
        rows.append(
            user_row(
                sourcedId=sourced_id("staff", local),
                status=status,
                dateLastModified=stamp(rng),
                enabledUser="true" if enabled else "false",
                orgSourcedIds=",".join(ids[code] for code in orgs.split(",")),
                role=role,
                username=local,
                userIds=f"{{LDAP:{local}}}",
                givenName=given,
                familyName=family,
                identifier=number,
                email=staff_email(local),
                phone=f"509-555-0{rng.randint(100, 199)}" if rng.random() < 0.3 else "",
            )
        )
    return rows


def filler_staff(
    rng: random.Random, used_locals: set[str], count: int
) -> list[tuple[str, str, str, str, str, str, str, bool]]:
    schools = [code for code, *_ in ORGS if code != "KRJUSD"]
    out: list[tuple[str, str, str, str, str, str, str, bool]] = []
    while len(out) < count:
        pool = rng.choice(sorted(POOLS))
        given = rng.choice(POOLS[pool][0])
        family = rng.choice(POOLS[pool][1])
        local = ascii_letters(given)[:1] + ascii_letters(family)
        if local in used_locals:
            continue
        used_locals.add(local)
        role = rng.choices(["teacher", "administrator", "aide"], [6, 1, 3])[0]
        orgs = rng.choice(schools)
        status, enabled = "active", True
        roll = rng.random()
        if roll < 0.04:
            enabled = False
        elif roll < 0.07:
            status = "tobedeleted"
        out.append(
            (local, given, family, role, orgs, rng.choice(STAFF_TITLES[role]), status, enabled)
        )
    return out


def pick_name(
    rng: random.Random,
    cultures: list[str],
    weights: list[int],
    fixed_names: set[str],
    filler_names: set[str],
) -> tuple[str, str, list[str]]:
    """A filler name: never a fixed student's or parent's, and rarely another filler's."""
    while True:
        givens, families, middles = POOLS[rng.choices(cultures, weights)[0]]
        given, family = rng.choice(givens), rng.choice(families)
        key = full_name_key(given, family)
        if key in fixed_names:
            continue
        # Real districts have a few same-name pairs; about one repeat in a hundred draws.
        if key not in filler_names or rng.random() < 0.01:
            return given, family, middles


def filler_students(rng: random.Random) -> list[tuple[str, str, str, str, str, str, str, bool]]:
    taken_ids = {sid for sid, *_ in FIXED_STUDENTS} | set(RESERVED_ABSENT_IDS)
    # Fixed students' and parents' full names stay unique, so tags like shared_name hold.
    taken_names = {full_name_key(given, family) for _, given, family, *_ in FIXED_STUDENTS}
    taken_names |= {full_name_key(given, family) for _, given, family, *_ in FIXED_PARENTS}
    fixed_per_school: dict[str, int] = {}
    for record in FIXED_STUDENTS:
        fixed_per_school[record[4]] = fixed_per_school.get(record[4], 0) + 1
    cultures = sorted(POOL_WEIGHTS)
    weights = [POOL_WEIGHTS[c] for c in cultures]
    out: list[tuple[str, str, str, str, str, str, str, bool]] = []
    filler_names: set[str] = set()
    for code, _name, _ident, span, size in ORGS:
        if span is None:
            continue
        for _ in range(max(0, size - fixed_per_school.get(code, 0))):
            given, family, middles = pick_name(rng, cultures, weights, taken_names, filler_names)
            filler_names.add(full_name_key(given, family))
            middle = rng.choice(middles) if middles and rng.random() < 0.35 else ""
            sid = f"0{rng.randint(100000, 799999)}"
            while sid in taken_ids:
                sid = f"0{rng.randint(100000, 799999)}"
            taken_ids.add(sid)
            status, enabled = "active", True
            roll = rng.random()
            if roll < 0.008:
                status = "tobedeleted"
            elif roll < 0.016:
                enabled = False
            grade = rng.choice(grades_of(code))
            out.append((sid, given, family, middle, code, grade, status, enabled))
    return out


def student_rows(
    rng: random.Random,
    records: list[tuple[str, str, str, str, str, str, str, bool]],
    parent_links: dict[str, list[str]],
) -> list[dict[str, str]]:
    ids = org_ids()
    fixed = {record[0] for record in FIXED_STUDENTS}
    # Fixed students pick their usernames first, so ticket text that quotes them never changes.
    ordered = sorted(records, key=lambda r: (r[0] not in fixed, r[0]))
    usernames: dict[str, str] = {}
    taken: set[str] = set()
    for sid, given, family, *_ in ordered:
        name = student_username(given, family, sid)
        while name in taken:
            name += "x"
        taken.add(name)
        usernames[sid] = name
    rows = []
    for sid, given, family, middle, code, grade, status, enabled in sorted(records):
        key = sourced_id("student", sid)
        rows.append(
            user_row(
                sourcedId=key,
                status=status,
                dateLastModified=stamp(rng),
                enabledUser="true" if enabled else "false",
                orgSourcedIds=ids[code],
                role="student",
                username=usernames[sid],
                userIds=f"{{SIS:{sid}}}",
                givenName=given,
                familyName=family,
                middleName=middle,
                identifier=sid,
                email=f"{usernames[sid]}@{STUDENT_DOMAIN}",
                agentSourcedIds=",".join(parent_links.get(key, [])),
                grades=grade,
            )
        )
    return rows


def parent_records(
    rng: random.Random, records: list[tuple[str, str, str, str, str, str, str, bool]]
) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """Fixed parents plus filler parents, each linked to one active filler student."""
    parents = list(FIXED_PARENTS)
    domains = ["example.net", "mail.example.com", "example.org", "kettlenet.example"]
    fixed = {record[0] for record in FIXED_STUDENTS}
    candidates = [r for r in records if r[0] not in fixed and r[6] == "active" and r[7]]
    rng.shuffle(candidates)
    for sid, given, family, *_ in candidates[: 40 - len(parents)]:
        culture = next((c for c in sorted(POOLS) if family in POOLS[c][1]), "english")
        parent_given = rng.choice(POOLS[culture][0])
        while parent_given == given:
            parent_given = rng.choice(POOLS[culture][0])
        local = f"{ascii_letters(parent_given)}.{ascii_letters(family)}{rng.randint(1, 99)}"
        parents.append((f"{local}@{rng.choice(domains)}", parent_given, family, "", (sid,)))
    return parents


def build_users(rng: random.Random) -> list[dict[str, str]]:
    ids = org_ids()
    staff = staff_rows(rng)
    records = sorted(list(FIXED_STUDENTS) + filler_students(rng))
    school_of = {record[0]: ids[record[4]] for record in records}
    links: dict[str, list[str]] = {}
    parent_rows = []
    for email, given, family, phone, children in parent_records(rng, records):
        key = sourced_id("parent", email)
        child_keys = [sourced_id("student", sid) for sid in children]
        for child in child_keys:
            links.setdefault(child, []).append(key)
        parent_rows.append(
            user_row(
                sourcedId=key,
                status="active",
                dateLastModified=stamp(rng),
                enabledUser="true",
                orgSourcedIds=",".join(sorted({school_of[sid] for sid in children})),
                role="parent",
                username=email,
                givenName=given,
                familyName=family,
                email=email,
                phone=phone,
                agentSourcedIds=",".join(child_keys),
            )
        )
    return staff + student_rows(rng, records, links) + parent_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "roster")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    orgs = build_orgs(rng)  # first: the orgs and then the users draw from rng
    users = build_users(rng)
    write_oneroster_csv(args.out, orgs, users, line_terminator="\n")  # roster/ has "\n" lines
    roles: dict[str, int] = {}
    for row in users:
        roles[row["role"]] = roles.get(row["role"], 0) + 1
    print(f"wrote {args.out}: {len(users)} users {dict(sorted(roles.items()))}")


if __name__ == "__main__":
    main()
