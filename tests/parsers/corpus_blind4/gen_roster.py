#!/usr/bin/env python3
"""Regenerate roster/ for the Halvorsen Lakes blind corpus, byte for byte.

    /work/main/.venv/bin/python gen_roster.py            # seed 20261005, rewrites roster/
    /work/main/.venv/bin/python gen_roster.py --seed 7   # other filler records
    /work/main/.venv/bin/python gen_roster.py --out DIR  # write somewhere else

The students, staff and parents that the tickets refer to are the FIXED_* tables below and do
not depend on the seed. Filler records never take a FIXED or RESERVED student ID and never take
a fixed or reserved e-mail address, so truth.json stays valid for any seed. The files are written
through the project's own ``write_oneroster_csv`` (CRLF line ends, UTF-8, standard quoting).
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:
    from connectors.roster.oneroster_csv import write_oneroster_csv
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(HERE.parents[2]))
    from connectors.roster.oneroster_csv import write_oneroster_csv

DEFAULT_SEED = 20261005
STAFF_DOMAIN = "hlps.k12.example"
STUDENT_DOMAIN = "students.hlps.k12.example"
FIXED_DATE = "2026-08-17T05:00:00.000Z"

DISTRICT = ("hl-001", "Halvorsen Lakes Public Schools", "HLPS")
SCHOOLS = [
    # sourcedId, name, identifier, grades, filler students
    ("hl-110", "Anselm Park Elementary", "APE", ["KG", "01", "02", "03", "04", "05"], 250),
    ("hl-120", "Birchwood Elementary", "BWE", ["KG", "01", "02", "03", "04", "05"], 250),
    ("hl-130", "Cedar Mill Elementary", "CME", ["KG", "01", "02", "03", "04", "05"], 240),
    ("hl-140", "Dunmore Heights Elementary", "DHE", ["KG", "01", "02", "03", "04", "05"], 250),
    ("hl-210", "Fenwick Middle School", "FMS", ["06", "07", "08"], 400),
    ("hl-220", "Holloway Middle School", "HMS", ["06", "07", "08"], 400),
    ("hl-310", "Halvorsen Lakes High School", "HLHS", ["09", "10", "11", "12"], 560),
    ("hl-320", "Northgate Academy", "NGA", ["10", "11", "12"], 80),
]

# Students the tickets name: ID, given, middle, family, school, grade, state
# (a = active and enabled, t = status tobedeleted, d = active but enabledUser=false).
FIXED_STUDENTS = [
    ("0360512", "Omar", "", "Osman", "hl-110", "04", "a"),
    ("0360884", "Olivia", "", "Ong", "hl-110", "04", "a"),
    ("0361009", "Orla", "", "O'Neill", "hl-110", "04", "a"),
    ("0361174", "Liam", "", "Ó Dálaigh", "hl-110", "03", "a"),
    ("0362208", "Safiya", "", "Adan", "hl-110", "03", "a"),
    ("0364490", "Ella", "", "Kavanagh", "hl-110", "05", "a"),
    ("0365021", "Nou Yia", "", "Yang", "hl-110", "03", "a"),
    ("0365712", "Fartun", "", "Abukar", "hl-110", "03", "a"),
    ("0366018", "Kacper", "", "Nowicki", "hl-110", "04", "a"),
    ("0366810", "Maeve", "", "O'Connor", "hl-110", "04", "a"),
    ("0367118", "Jakub", "", "Zieliński", "hl-110", "04", "a"),
    ("0367181", "Hawa", "", "Abdullahi", "hl-110", "04", "a"),
    ("0367702", "Conor", "", "O'Brien", "hl-110", "04", "a"),
    ("0368213", "Kieran", "", "O'Dea", "hl-110", "04", "t"),
    ("0369014", "Zaid", "", "Al-Khatib", "hl-110", "05", "a"),
    ("0369502", "Jean-Baptiste", "", "Mukendi", "hl-110", "05", "a"),
    ("0369520", "Anna-Maria", "", "Kowalska", "hl-110", "05", "a"),
    ("0384410", "Ciara", "", "O'Sullivan", "hl-140", "03", "a"),
    ("0385530", "Ryan", "", "Kowalski", "hl-140", "03", "a"),
    ("0386627", "Ciarán", "", "Walsh", "hl-140", "03", "a"),
    ("0387715", "Fadumo", "", "Hersi", "hl-140", "03", "a"),
    ("0391157", "Ella", "", "Gorski", "hl-140", "03", "a"),
    ("0391175", "Hamza", "", "Ahmed", "hl-140", "03", "a"),
    ("0391715", "Hamdi", "", "Ahmed", "hl-140", "03", "a"),
    ("0394406", "Ikram", "", "Dahir", "hl-140", "04", "d"),
    ("0395517", "Bilal", "", "Qureshi", "hl-140", "04", "a"),
    ("0396120", "Hafsa", "", "Ali", "hl-140", "04", "a"),
    ("0396201", "Ayub", "", "Hirsi", "hl-140", "04", "a"),
    ("0397734", "Khadar", "", "Abdi", "hl-140", "04", "a"),
    ("0402286", "Paj Ntaub", "", "Vang", "hl-140", "03", "a"),
    ("0408120", "Daniel", "", "Ó Ceallaigh", "hl-120", "05", "a"),
    ("0409918", "Aoife", "", "Brennan", "hl-120", "05", "a"),
    ("0410275", "Sa'id", "", "Hamdan", "hl-120", "05", "a"),
    ("0411543", "Gao Nou", "", "Her", "hl-120", "05", "a"),
    ("0411902", "Nora", "", "Quigley", "hl-120", "05", "a"),
    ("0412290", "Aaliyah", "", "Noor", "hl-120", "04", "a"),
    ("0413528", "Sagal", "", "Ismail", "hl-120", "04", "a"),
    ("0413872", "Kevin", "", "Dunne", "hl-120", "05", "a"),
    ("0414773", "Cillian", "", "Walsh", "hl-120", "04", "a"),
    ("0415826", "Hamse", "", "Guled", "hl-120", "04", "a"),
    ("0415862", "Hibaq", "", "Guled", "hl-120", "04", "a"),
    ("0417209", "Mai-Linh", "", "Tran", "hl-120", "05", "a"),
    ("0417763", "Long", "", "Vu", "hl-120", "05", "a"),
    ("0418372", "Ayan", "", "Mohamud", "hl-120", "04", "a"),
    ("0421907", "Rafael", "", "Domínguez Peña", "hl-130", "05", "a"),
    ("0422615", "María Fernanda", "", "Ocampo", "hl-130", "05", "a"),
    ("0423315", "Agnieszka", "", "Kowal", "hl-130", "05", "a"),
    ("0424108", "Wiktoria", "", "Pawlak", "hl-130", "05", "a"),
    ("0424650", "Éamon", "", "Ryan", "hl-130", "05", "a"),
    ("0425518", "Yahya", "", "Suleiman", "hl-130", "05", "a"),
    ("0426630", "Tomás", "", "Herrera", "hl-130", "05", "a"),
    ("0427714", "Abdullahi", "", "Roble", "hl-130", "04", "a"),
    ("0427741", "Zuzanna", "", "Lewandowska", "hl-130", "04", "a"),
    ("0436122", "Habiba", "", "Noor", "hl-140", "04", "a"),
    ("0439927", "Abdiaziz", "", "Hussein", "hl-210", "07", "a"),
    ("0446610", "Wojciech", "", "Baran", "hl-210", "08", "a"),
    ("0447125", "Fartun", "", "Hersi", "hl-210", "08", "a"),
    ("0449382", "Marek", "", "Zając", "hl-210", "07", "a"),
    ("0450019", "Tomasz", "", "Lis", "hl-210", "08", "a"),
    ("0450091", "Eliza", "", "Mróz", "hl-210", "08", "a"),
    ("0452017", "Amina", "", "Jibril", "hl-210", "08", "a"),
    ("0452216", "Piotr", "", "Wójcik", "hl-210", "08", "a"),
    ("0454470", "Łukasz", "", "Michalski", "hl-210", "08", "a"),
    ("0455310", "Filip", "", "Grabowski", "hl-210", "08", "a"),
    ("0455903", "Nhi", "", "Huynh", "hl-210", "08", "a"),
    ("0456024", "Hana", "", "Yusuf", "hl-210", "08", "a"),
    ("0457207", "Farhiya", "", "Omar", "hl-210", "08", "a"),
    ("0457702", "Ryszard", "", "Górski", "hl-210", "08", "t"),
    ("0458830", "Anh Thu", "", "Bui", "hl-210", "07", "a"),
    ("0462098", "Sebastián", "", "Ortega", "hl-210", "06", "a"),
    ("0463315", "Chue", "", "Vang", "hl-210", "06", "a"),
    ("0463351", "Yer", "", "Lee", "hl-210", "06", "a"),
    ("0464170", "Kalia", "", "Xiong", "hl-210", "06", "a"),
    ("0464712", "Tong", "", "Lee", "hl-210", "06", "a"),
    ("0466617", "Abu Bakr", "", "Siddiqui", "hl-210", "06", "a"),
    ("0466671", "Nour El Houda", "", "Bensalem", "hl-210", "06", "a"),
    ("0468213", "Khanh Linh", "", "Nguyen", "hl-210", "07", "a"),
    ("0469925", "Seán", "", "Ó Riada", "hl-210", "07", "a"),
    ("0469952", "Najma", "", "Abukar", "hl-210", "07", "a"),
    ("0470125", "Liban", "", "Jama", "hl-210", "07", "a"),
    ("0470338", "Bao Anh", "", "Tran", "hl-210", "07", "a"),
    ("0471205", "Hodan", "", "Warsame", "hl-210", "07", "a"),
    ("0471250", "Abdirahman", "", "Warsame", "hl-210", "06", "a"),
    ("0517740", "Zofia", "", "Wróblewska", "hl-210", "07", "a"),
    ("0528447", "Ismail", "", "Farah", "hl-220", "07", "a"),
    ("0528844", "Minh Chau", "", "Le", "hl-220", "07", "a"),
    ("0529730", "Katarzyna", "", "Dąbrowska", "hl-220", "07", "a"),
    ("0530402", "Oisín", "", "Doyle", "hl-220", "07", "a"),
    ("0531188", "Thomas", "", "Fitzgerald", "hl-220", "07", "a"),
    ("0532277", "Nasteho", "", "Ibrahim", "hl-220", "08", "t"),
    ("0532728", "Rahma", "", "Said", "hl-220", "08", "a"),
    ("0533016", "Ayaan", "", "Mohamed", "hl-220", "07", "a"),
    ("0533061", "Julia", "", "Kaczmarek", "hl-220", "07", "a"),
    ("0534410", "Mohamed", "Abdi", "Farah", "hl-220", "08", "a"),
    ("0535127", "Juan Carlos", "", "Ramírez", "hl-220", "08", "a"),
    ("0536260", "Mateo", "", "Benítez", "hl-220", "08", "a"),
    ("0536602", "Valentina", "", "Ríos Castillo", "hl-220", "08", "a"),
    ("0537714", "Yousef", "", "Al-Tamimi", "hl-220", "08", "a"),
    ("0537741", "Natalia", "", "Szymańska", "hl-220", "08", "a"),
    ("0538052", "Hoa", "", "Nguyen", "hl-220", "08", "a"),
    ("0539203", "Thi Ngoc Anh", "", "Ly", "hl-220", "07", "a"),
    ("0539916", "Hoa", "Thi", "Pham", "hl-220", "08", "a"),
    ("0541180", "Mohamed", "", "Ali", "hl-220", "08", "a"),
    ("0541810", "Mohamed", "", "Ali", "hl-310", "09", "a"),
    ("0552190", "Mustafa", "", "Abdi", "hl-310", "10", "a"),
    ("0557810", "Kayla", "", "Nguyen", "hl-310", "10", "a"),
    ("0559044", "Abdullahi", "", "Yusuf", "hl-310", "10", "a"),
    ("0560318", "Amira", "", "Khalil", "hl-310", "10", "a"),
    ("0561129", "Pa Nhia", "", "Thao", "hl-310", "10", "a"),
    ("0601532", "Seamus", "", "Kehoe", "hl-310", "11", "a"),
    ("0603349", "Dawit", "", "Bekele", "hl-310", "12", "a"),
    ("0604417", "Selam", "", "Tadesse", "hl-310", "12", "a"),
    ("0605512", "Ngoc Han", "", "Pham", "hl-310", "12", "a"),
    ("0611205", "Laila", "", "Haddad", "hl-310", "09", "a"),
    ("0612204", "Vy", "Thuy", "Tran", "hl-310", "11", "a"),
    ("0612240", "Ifrah", "Asha", "Warsame", "hl-310", "11", "a"),
    ("0613375", "Jan", "Paweł", "Kowalczyk", "hl-310", "11", "a"),
    ("0614472", "Yusra", "", "Al-Amin", "hl-310", "10", "a"),
    ("0615530", "Yonis", "", "Aden", "hl-310", "10", "a"),
    ("0617790", "Conor", "", "Mac Giolla Phádraig", "hl-310", "10", "a"),
    ("0618843", "Nadia", "", "El-Amin", "hl-310", "10", "a"),
    ("0619201", "Mai Nou", "", "Thao", "hl-310", "10", "a"),
    ("0619955", "Cormac", "", "Devlin", "hl-310", "10", "a"),
    ("0620377", "Huda", "", "Nasser", "hl-310", "11", "a"),
    ("0621904", "Jakub", "", "Sowa", "hl-310", "11", "a"),
    ("0622310", "Siobhán", "", "Kenneally", "hl-310", "11", "a"),
    ("0623345", "Declan", "", "Fahy", "hl-310", "12", "a"),
    ("0624418", "Abdullahi", "", "Warsame", "hl-310", "11", "a"),
    ("0624481", "Oliwia", "", "Kaczmarczyk", "hl-310", "11", "a"),
    ("0625518", "Nimo", "", "Yusuf", "hl-310", "09", "a"),
    ("0626604", "Elżbieta", "", "Nowak", "hl-310", "10", "a"),
    ("0626640", "Daniel", "", "Ó Súilleabháin", "hl-310", "10", "a"),
    ("0627123", "Tuan", "", "Pham", "hl-310", "10", "a"),
    ("0627751", "Abdirizak", "", "Hassan Nur", "hl-310", "09", "a"),
    ("0628807", "Kinga", "", "Wrona", "hl-310", "12", "a"),
    ("0628870", "Bashir", "", "Mohamud", "hl-310", "12", "a"),
    ("0629015", "Ngozi", "", "Okafor", "hl-310", "12", "a"),
    ("0630082", "Mai", "", "Xiong", "hl-310", "09", "a"),
    ("0631124", "Ahmed", "", "Abdulkadir", "hl-310", "09", "a"),
    ("0631142", "Aisling", "", "Carey", "hl-310", "09", "a"),
    ("0631905", "Lan Anh", "", "Vo", "hl-310", "09", "a"),
    ("0632270", "Małgorzata", "", "Wiśniewska", "hl-310", "10", "a"),
    ("0633107", "Osman", "", "Farah", "hl-310", "10", "a"),
    ("0640118", "Bridget", "", "Kinsella", "hl-320", "11", "a"),
    ("0640552", "Mahad", "", "Abdi", "hl-320", "11", "a"),
    ("0641173", "Róisín", "", "Duffy", "hl-320", "11", "a"),
    ("0642210", "Bao Ngoc", "", "Huynh", "hl-320", "12", "a"),
    ("0643308", "Caoimhe", "", "Ní Mhaoláin", "hl-320", "10", "a"),
    ("0643380", "Keanu", "", "D'Souza", "hl-320", "10", "a"),
]

# Student IDs written in tickets that must belong to nobody.
RESERVED_STUDENT_IDS = ["0043612", "0368904", "0409919", "0470215", "5330610"]

# Staff: employee number, role, given, family, e-mail local part, orgs, status, enabledUser.
FIXED_STAFF = [
    ("910044", "administrator", "Mariam", "Abdullahi", "mabdullahi", ["hl-001"], "active", "true"),
    ("910051", "teacher", "Dariusz", "Kowalczyk", "dkowalczyk", ["hl-001"], "active", "true"),
    (
        "910063",
        "administrator",
        "Rosa",
        "Quintero-Vance",
        "rquinterovance",
        ["hl-001"],
        "active",
        "true",
    ),
    ("910078", "aide", "Sahra", "Jama", "sjama", ["hl-001"], "active", "true"),
    (
        "911204",
        "teacher",
        "Fionnuala",
        "O'Brien",
        "fobrien",
        ["hl-110", "hl-130"],
        "active",
        "true",
    ),
    ("911215", "aide", "Houa", "Yang", "hyang", ["hl-210", "hl-220"], "active", "true"),
    ("911237", "teacher", "Thanh", "Le", "tle", ["hl-120", "hl-140"], "active", "true"),
    ("911242", "teacher", "Deirdre", "Carolan", "dcarolan", ["hl-310", "hl-320"], "active", "true"),
    ("912104", "teacher", "Kathleen", "Murphy", "kmurphy", ["hl-110"], "active", "true"),
    ("912117", "teacher", "Alejandra", "Hernández", "ahernandez", ["hl-110"], "active", "true"),
    ("912129", "aide", "Pa", "Lor", "plor", ["hl-110"], "active", "true"),
    ("912133", "teacher", "Joanna", "Wiśniewska", "jwisniewska", ["hl-110"], "active", "true"),
    ("912205", "teacher", "Nasra", "Hassan", "nhassan", ["hl-120"], "active", "true"),
    ("912218", "teacher", "Brendan", "McDermott", "bmcdermott", ["hl-120"], "active", "true"),
    ("912226", "aide", "Linh", "Pham", "lpham", ["hl-120"], "active", "true"),
    ("912301", "teacher", "Ewa", "Zielińska", "ezielinska", ["hl-130"], "active", "true"),
    ("912312", "teacher", "Omar", "Al-Rashid", "oalrashid", ["hl-130"], "active", "true"),
    ("912320", "administrator", "Carmen", "De la Rosa", "cdelarosa", ["hl-130"], "active", "true"),
    ("912334", "teacher", "Trinh", "Vo", "tvo", ["hl-130"], "active", "true"),
    ("912402", "teacher", "Guled", "Farah", "gfarah", ["hl-140"], "active", "true"),
    ("912417", "teacher", "Maeve", "Keane", "mkeane", ["hl-140"], "active", "true"),
    ("912425", "aide", "Tou", "Vue", "tvue", ["hl-140"], "active", "true"),
    ("913812", "teacher", "Siobhán", "Ní Bhriain", "snibhriain", ["hl-210"], "active", "true"),
    ("913826", "teacher", "Quynh", "Tran", "qtran", ["hl-210"], "active", "true"),
    ("913839", "teacher", "Jer", "Moua", "jmoua", ["hl-210"], "active", "true"),
    ("913870", "administrator", "Amal", "Haddad", "ahaddad", ["hl-210"], "active", "true"),
    ("914455", "teacher", "Piotr", "Nowak", "pnowak", ["hl-210"], "active", "true"),
    ("913884", "teacher", "Marta", "Krawczyk", "mkrawczyk", ["hl-210"], "active", "false"),
    ("914560", "teacher", "Liam", "Gallagher", "lgallagher", ["hl-220"], "active", "true"),
    ("914213", "teacher", "Diem", "Nguyen", "dnguyen", ["hl-220"], "active", "true"),
    ("914230", "teacher", "Duc", "Nguyen", "dnguyen2", ["hl-220"], "active", "true"),
    ("914247", "teacher", "Yasmin", "Warsame", "ywarsame", ["hl-220"], "active", "true"),
    (
        "914251",
        "teacher",
        "Ricardo",
        "Mendoza Ortiz",
        "rmendozaortiz",
        ["hl-220"],
        "active",
        "true",
    ),
    ("914266", "administrator", "Bogdan", "Sikora", "bsikora", ["hl-220"], "active", "true"),
    ("915302", "teacher", "Mairéad", "O'Sullivan", "mosullivan", ["hl-310"], "active", "true"),
    ("915318", "teacher", "Kou", "Xiong", "kxiong", ["hl-310"], "active", "true"),
    ("915321", "teacher", "Ana Lucía", "Salazar", "asalazar", ["hl-310"], "active", "true"),
    ("915337", "teacher", "Henryk", "Dudek", "hdudek", ["hl-310"], "active", "true"),
    ("915340", "administrator", "Zainab", "Ali", "zali", ["hl-310"], "active", "true"),
    ("915356", "teacher", "Jim", "Brennan", "jbrennan", ["hl-310"], "active", "true"),
    ("915363", "aide", "Abdikarim", "Nur", "anur", ["hl-310"], "active", "true"),
    ("915379", "teacher", "Tom", "Doherty", "tdoherty", ["hl-310"], "tobedeleted", "true"),
    ("915402", "teacher", "Faduma", "Osman", "fosman", ["hl-320"], "active", "true"),
    ("915418", "teacher", "Ciarán", "Byrne", "cbyrne", ["hl-320"], "active", "true"),
]

# Parents: key, given, family, e-mail, phone, children's student IDs.
FIXED_PARENTS = [
    (
        "p01",
        "Khadra",
        "Warsame",
        "khadra.warsame.fam@mail.example",
        "555-0163",
        ["0471205", "0471250"],
    ),
    ("p02", "Renata", "Kowalski", "the.kowalskis@inbox.example", "555-0147", ["0385530"]),
    ("p03", "Ngoc", "Tran", "ngoc.tran.1984@mail.example", "555-0121", ["0470338"]),
    ("p04", "Brian", "Kinsella", "bkinsella.home@inbox.example", "555-0139", ["0640118"]),
    ("p05", "Lucía", "Ríos", "lrios.castillo@mail.example", "555-0152", ["0536602"]),
]

# Addresses the tickets use that must stay out of the roster.
RESERVED_EMAILS = [
    "kathleen.murphy.teach@inbox.example",
    "sub.ckhang@hlps.k12.example",
    "dnguyen3@hlps.k12.example",
    "frontoffice.birchwood@hlps.k12.example",
    "kou.xiong@hlps.k12.example",
    "helpdesk@hlps.k12.example",
]

# ---------------------------------------------------------------- filler name pools
POOLS = {
    "vietnamese": (
        18,
        [
            "Anh",
            "Bao",
            "Chau",
            "Duy",
            "Giang",
            "Hieu",
            "Hung",
            "Huong",
            "Khoa",
            "Khanh",
            "Lan",
            "Linh",
            "Long",
            "Mai",
            "Minh",
            "Nam",
            "Ngoc",
            "Nhi",
            "Phuong",
            "Quan",
            "Quang",
            "Tam",
            "Thao",
            "Thu",
            "Trang",
            "Tuan",
            "Uyen",
            "Vy",
            "Minh Anh",
            "Bao Chau",
            "Gia Han",
            "Thanh Tam",
            "Hoàng Anh",
            "Ngọc Lan",
            "Khải",
        ],
        [
            "Nguyen",
            "Nguyen",
            "Nguyen",
            "Tran",
            "Tran",
            "Le",
            "Pham",
            "Huynh",
            "Hoang",
            "Phan",
            "Vu",
            "Vo",
            "Dang",
            "Bui",
            "Do",
            "Ho",
            "Ngo",
            "Duong",
            "Ly",
            "Truong",
            "Nguyễn",
            "Trần",
            "Lê",
            "Phạm",
        ],
        ["Thi", "Van", "Minh", "Ngoc", "Thanh", "Duc"],
    ),
    "somali": (
        20,
        [
            "Abdi",
            "Abdirahman",
            "Abdullahi",
            "Ahmed",
            "Amina",
            "Ayaan",
            "Ayan",
            "Bashir",
            "Deeqa",
            "Fadumo",
            "Farhan",
            "Filsan",
            "Hamdi",
            "Hanad",
            "Hibo",
            "Hodan",
            "Ifrah",
            "Ilhan",
            "Ismail",
            "Khadija",
            "Liban",
            "Mahad",
            "Muna",
            "Mustafa",
            "Nasra",
            "Nimo",
            "Omar",
            "Qamar",
            "Sagal",
            "Sahra",
            "Sumaya",
            "Ubah",
            "Yusuf",
            "Zakariye",
            "Bilan",
            "Mohamed",
            "Mohamed",
            "Hassan",
            "Abdiwali",
            "Ikraan",
        ],
        [
            "Abdi",
            "Ahmed",
            "Ali",
            "Ali",
            "Hassan",
            "Hussein",
            "Ibrahim",
            "Jama",
            "Mohamed",
            "Mohamed",
            "Mohamud",
            "Nur",
            "Osman",
            "Warsame",
            "Yusuf",
            "Farah",
            "Hersi",
            "Dahir",
            "Aden",
            "Abdullahi",
            "Said",
            "Egal",
            "Hirsi",
            "Guled",
            "Adan",
            "Roble",
            "Jibril",
            "Abukar",
            "Hassan Nur",
            "Sheikh Ali",
            "Mohamud Ali",
        ],
        ["Abdi", "Ali", "Hassan", "Mohamed", "Ahmed", "Yusuf"],
    ),
    "hmong": (
        12,
        [
            "Pa Nhia",
            "Mai Nou",
            "Kou",
            "Tou",
            "Nou",
            "Yer",
            "Chue",
            "Pheng",
            "Xee",
            "Kalia",
            "Maiv",
            "Pa Houa",
            "Mai Yer",
            "Tong",
            "Teng",
            "Fue",
            "Shoua",
            "Kao",
            "Gao Nou",
            "Pang",
            "Nhia",
            "Chia",
            "Nkauj",
            "Tswj",
        ],
        [
            "Vang",
            "Vang",
            "Xiong",
            "Xiong",
            "Yang",
            "Yang",
            "Lee",
            "Lor",
            "Moua",
            "Her",
            "Thao",
            "Vue",
            "Khang",
            "Chang",
            "Hang",
            "Kue",
            "Cha",
        ],
        [],
    ),
    "polish": (
        12,
        [
            "Jakub",
            "Kacper",
            "Filip",
            "Szymon",
            "Wojciech",
            "Mateusz",
            "Łukasz",
            "Paweł",
            "Zofia",
            "Zuzanna",
            "Julia",
            "Maja",
            "Hanna",
            "Alicja",
            "Wiktoria",
            "Natalia",
            "Oliwia",
            "Agnieszka",
            "Małgorzata",
            "Kinga",
            "Marek",
            "Tomasz",
            "Krzysztof",
            "Bartosz",
            "Jan",
            "Antoni",
            "Michał",
            "Żaneta",
        ],
        [
            "Nowak",
            "Kowalski",
            "Kowalska",
            "Wiśniewski",
            "Wiśniewska",
            "Wójcik",
            "Kowalczyk",
            "Kamiński",
            "Kamińska",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Woźniak",
            "Dąbrowski",
            "Kozłowski",
            "Jankowski",
            "Mazur",
            "Krawczyk",
            "Piotrowski",
            "Grabowski",
            "Pawlak",
            "Michalski",
            "Wróbel",
            "Zając",
            "Król",
            "Sowa",
            "Lis",
            "Baran",
            "Wrona",
            "Mróz",
        ],
        ["Maria", "Anna", "Jan", "Józef", "Piotr", "Katarzyna"],
    ),
    "irish": (
        12,
        [
            "Aoife",
            "Ciara",
            "Niamh",
            "Saoirse",
            "Siobhán",
            "Róisín",
            "Caoimhe",
            "Aisling",
            "Orla",
            "Sinéad",
            "Clodagh",
            "Eimear",
            "Oisín",
            "Cian",
            "Conor",
            "Darragh",
            "Seán",
            "Ciarán",
            "Cillian",
            "Pádraig",
            "Éamon",
            "Declan",
            "Rory",
            "Liam",
            "Fionn",
            "Tadhg",
            "Brendan",
            "Mary Kate",
        ],
        [
            "Murphy",
            "Kelly",
            "O'Sullivan",
            "Walsh",
            "O'Brien",
            "Byrne",
            "Ryan",
            "O'Connor",
            "O'Neill",
            "O'Reilly",
            "Doyle",
            "McCarthy",
            "Gallagher",
            "Doherty",
            "Kennedy",
            "Lynch",
            "Murray",
            "Quinn",
            "McLoughlin",
            "Ó Briain",
            "Ní Dhonnchadha",
            "Mac Cárthaigh",
            "Kavanagh",
            "Brennan",
            "Fitzgerald",
            "Dunne",
            "Keane",
            "Kinsella",
            "Quigley",
            "O'Dea",
            "D'Arcy",
            "O’Keeffe",
        ],
        ["Marie", "Rose", "Patrick", "Thomas", "Grace"],
    ),
    "arabic": (
        10,
        [
            "Ahmed",
            "Omar",
            "Youssef",
            "Yousef",
            "Khalid",
            "Hamza",
            "Ali",
            "Zaid",
            "Karim",
            "Tariq",
            "Ibrahim",
            "Mariam",
            "Layla",
            "Laila",
            "Nour",
            "Huda",
            "Amira",
            "Yasmin",
            "Salma",
            "Rania",
            "Hana",
            "Aya",
            "Sara",
            "Abdul Rahman",
            "Abu Bakr",
            "Fatima Zahra",
        ],
        [
            "Al-Amin",
            "Al-Rashid",
            "Al-Khatib",
            "Haddad",
            "Khalil",
            "Nasser",
            "Hamdan",
            "El-Amin",
            "Mansour",
            "Saleh",
            "Abdallah",
            "Al-Tamimi",
            "Bensalem",
            "El Amrani",
            "Qureshi",
            "Siddiqui",
            "Darwish",
            "Abu Samra",
            "Al Sayed",
            "Suleiman",
        ],
        ["Mohammed", "Ahmad", "Ali", "Hassan"],
    ),
    "spanish": (
        16,
        [
            "Sofía",
            "Valentina",
            "Camila",
            "Mateo",
            "Santiago",
            "Sebastián",
            "Diego",
            "Alejandro",
            "Lucía",
            "Isabella",
            "Ximena",
            "José",
            "Juan Pablo",
            "María José",
            "Ana Sofía",
            "Luis Ángel",
            "Jesús",
            "Emiliano",
            "Itzel",
            "Guadalupe",
            "Fernanda",
            "Daniela",
            "Ángel",
            "Andrés",
            "Tomás",
            "Juan Carlos",
        ],
        [
            "García",
            "Hernández",
            "López",
            "Martínez",
            "Rodríguez",
            "Ramírez",
            "Cruz",
            "Morales",
            "Ortega",
            "Herrera",
            "Medina",
            "Castillo",
            "Ríos",
            "Benítez",
            "Domínguez Peña",
            "García López",
            "Ruiz",
            "Vargas",
            "Salazar",
            "De la Cruz",
            "De León",
            "Del Valle",
            "Ocampo",
            "Mendoza",
            "Núñez",
            "Peña",
            "Ibáñez",
            "Cruz Morales",
        ],
        ["José", "María", "Guadalupe", "Alejandro", "Isabel"],
    ),
    "east_african": (
        5,
        [
            "Dawit",
            "Selam",
            "Tsion",
            "Abebe",
            "Meron",
            "Yonas",
            "Hana",
            "Biniam",
            "Liya",
            "Samuel",
        ],
        ["Bekele", "Tadesse", "Haile", "Girma", "Tesfaye", "Alemu", "Gebre", "Mekonnen"],
        [],
    ),
    "west_african": (
        4,
        [
            "Ngozi",
            "Chinonso",
            "Oluwaseun",
            "Adebayo",
            "Chiamaka",
            "Kwame",
            "Ama",
            "Kofi",
            "Efua",
        ],
        ["Okafor", "Okeke", "Adeyemi", "Mensah", "Boateng", "Eze", "Nwosu"],
        ["Chukwuemeka", "Adaeze"],
    ),
    "us": (
        14,
        [
            "Emma",
            "Olivia",
            "Ava",
            "Noah",
            "Liam",
            "Ethan",
            "Mason",
            "Harper",
            "Evelyn",
            "Logan",
            "Caleb",
            "Jayden",
            "Madison",
            "Brooklyn",
            "Hunter",
            "Kayla",
            "Tyler",
            "Brianna",
            "D'Andre",
            "Ja'Nae",
            "Anna-Maria",
            "Jean-Luc",
        ],
        [
            "Johnson",
            "Anderson",
            "Peterson",
            "Olson",
            "Larson",
            "Miller",
            "Thompson",
            "Carlson",
            "Hansen",
            "Halvorsen",
            "Schmidt",
            "Becker",
            "Washington",
            "Jackson",
            "Lindqvist",
        ],
        ["Lynn", "Marie", "James", "Lee", "Ann", "Michael"],
    ),
}

STAFF_GIVEN = [
    "Karen",
    "Michael",
    "Jennifer",
    "David",
    "Sarah",
    "Brian",
    "Laura",
    "Kevin",
    "Megan",
    "Patrick",
    "Colleen",
    "Erin",
    "Sean",
    "Maura",
    "Hien",
    "Lien",
    "Tuyet",
    "Hawo",
    "Ubah",
    "Fatuma",
    "Abdulkadir",
    "Cha",
    "Neng",
    "Mee",
    "Krystyna",
    "Grzegorz",
    "Beata",
    "Agata",
    "Rashid",
    "Lina",
    "Samira",
    "Miguel",
    "Verónica",
    "Claudia",
    "Héctor",
    "Gretchen",
    "Nils",
]
STAFF_FAMILY = [
    "Olson",
    "Peterson",
    "Larson",
    "Hansen",
    "Schultz",
    "Becker",
    "Murphy",
    "Sullivan",
    "O'Rourke",
    "Ní Chonaill",
    "McGrath",
    "Nguyen",
    "Tran",
    "Pham",
    "Huynh",
    "Mohamed",
    "Ali",
    "Abdi",
    "Yang",
    "Vang",
    "Xiong",
    "Lee",
    "Nowak",
    "Kowalska",
    "Lewandowski",
    "Zawadzka",
    "Haddad",
    "Saleh",
    "Mansour",
    "García",
    "Ruiz",
    "De León",
    "Castañeda",
    "Lindgren",
]

_ASCII_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss"})


def ascii_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    return "".join(c for c in folded if c.isascii() and c.isalpha()).lower()


def staff_local(given: str, family: str, taken: set[str]) -> str:
    base = ascii_letters(given)[:1] + ascii_letters(family)
    local, n = base, 1
    while local in taken:
        n += 1
        local = f"{base}{n}"
    taken.add(local)
    return local


def random_date(rng: random.Random) -> str:
    month = rng.choice([6, 7, 8])
    day = rng.randint(1, 30 if month == 6 else 31)
    hour, minute, second = rng.randint(3, 6), rng.randint(0, 59), rng.randint(0, 59)
    return f"2026-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}.000Z"


def student_row(sid, given, middle, family, school, grade, state, date, agents=""):
    return {
        "sourcedId": f"stu-{sid}",
        "status": "tobedeleted" if state == "t" else "active",
        "dateLastModified": date,
        "enabledUser": "false" if state == "d" else "true",
        "orgSourcedIds": school,
        "role": "student",
        "username": f"s{sid}",
        "userIds": f"{{SIS:{sid}}}",
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "identifier": sid,
        "email": f"s{sid}@{STUDENT_DOMAIN}",
        "agentSourcedIds": agents,
        "grades": grade,
    }


def build(seed: int):
    rng = random.Random(seed)
    orgs = [
        {
            "sourcedId": DISTRICT[0],
            "status": "active",
            "dateLastModified": FIXED_DATE,
            "name": DISTRICT[1],
            "type": "district",
            "identifier": DISTRICT[2],
            "parentSourcedId": "",
        }
    ]
    for sid, name, ident, _grades, _n in SCHOOLS:
        orgs.append(
            {
                "sourcedId": sid,
                "status": "active",
                "dateLastModified": FIXED_DATE,
                "name": name,
                "type": "school",
                "identifier": ident,
                "parentSourcedId": DISTRICT[0],
            }
        )

    # ---- students
    used_ids = {s[0] for s in FIXED_STUDENTS} | set(RESERVED_STUDENT_IDS)
    students = []  # (id, given, middle, family, school, grade, state, date)
    for s in FIXED_STUDENTS:
        students.append((*s, FIXED_DATE))
    cultures = sorted(POOLS)
    weights = [POOLS[c][0] for c in cultures]
    for school, _name, _ident, grades, count in SCHOOLS:
        for _ in range(count):
            while True:
                sid = f"{rng.randint(300000, 699999):07d}"
                if sid not in used_ids:
                    used_ids.add(sid)
                    break
            culture = rng.choices(cultures, weights)[0]
            _w, givens, families, middles = POOLS[culture]
            given = rng.choice(givens)
            family = rng.choice(families if rng.random() < 0.9 else POOLS[rng.choice(cultures)][2])
            roll = rng.random()
            if roll < 0.12:
                middle = rng.choice("ABCDEFGHJKLMNPRSTVY")
            elif roll < 0.30 and middles:
                middle = rng.choice(middles)
            else:
                middle = ""
            r = rng.random()
            state = "t" if r < 0.015 else ("d" if r < 0.022 else "a")
            students.append(
                (sid, given, middle, family, school, rng.choice(grades), state, random_date(rng))
            )

    # ---- parents (fixed, then filler parents of filler students)
    taken_emails = {e.lower() for e in RESERVED_EMAILS}
    parents = []  # (key, given, family, email, phone, children)
    for p in FIXED_PARENTS:
        parents.append(p)
        taken_emails.add(p[3].lower())
    fixed_ids = {s[0] for s in FIXED_STUDENTS}
    filler_students = [s for s in students if s[0] not in fixed_ids]
    for n in range(6, 31):
        child = rng.choice(filler_students)
        given = rng.choice(STAFF_GIVEN)
        while True:
            number = rng.randint(10, 99)
            domain = rng.choice(["mail.example", "inbox.example"])
            email = f"{ascii_letters(given)}.{ascii_letters(child[3])}{number}@{domain}"
            if email not in taken_emails:
                taken_emails.add(email)
                break
        parents.append(
            (f"p{n:02d}", given, child[3], email, f"555-01{rng.randint(0, 99):02d}", [child[0]])
        )
    agents: dict[str, list[str]] = {}
    for key, _g, _f, _e, _p, children in parents:
        for cid in children:
            agents.setdefault(cid, []).append(f"par-{key}")

    # ---- staff
    staff = []  # (emp, role, given, family, local, orgs, status, enabled, date)
    taken_local = {s[4] for s in FIXED_STAFF}
    taken_local |= {e.split("@")[0] for e in RESERVED_EMAILS if e.endswith("@" + STAFF_DOMAIN)}
    used_emp = {s[0] for s in FIXED_STAFF}
    for s in FIXED_STAFF:
        staff.append((*s, FIXED_DATE))
    school_ids = [s[0] for s in SCHOOLS]
    plan = [("teacher", 104), ("aide", 24), ("administrator", 14)]
    for role, count in plan:
        for _ in range(count):
            while True:
                emp = str(rng.randint(900000, 999999))
                if emp not in used_emp:
                    used_emp.add(emp)
                    break
            given, family = rng.choice(STAFF_GIVEN), rng.choice(STAFF_FAMILY)
            local = staff_local(given, family, taken_local)
            r = rng.random()
            if r < 0.06:
                orgs_ = [DISTRICT[0]]
            elif r < 0.14:
                orgs_ = sorted(rng.sample(school_ids, 2))
            else:
                orgs_ = [rng.choice(school_ids)]
            r = rng.random()
            status, enabled = (
                ("tobedeleted", "true")
                if r < 0.02
                else (("active", "false") if r < 0.04 else ("active", "true"))
            )
            staff.append(
                (emp, role, given, family, local, orgs_, status, enabled, random_date(rng))
            )

    # ---- rows
    users = []
    for emp, role, given, family, local, orgs_, status, enabled, date in sorted(
        staff, key=lambda s: s[0]
    ):
        users.append(
            {
                "sourcedId": f"emp-{emp}",
                "status": status,
                "dateLastModified": date,
                "enabledUser": enabled,
                "orgSourcedIds": ",".join(orgs_),
                "role": role,
                "username": local,
                "userIds": f"{{HR:{emp}}}",
                "givenName": given,
                "familyName": family,
                "identifier": emp,
                "email": f"{local}@{STAFF_DOMAIN}",
            }
        )
    for s in sorted(students, key=lambda s: s[0]):
        sid, given, middle, family, school, grade, state, date = s
        users.append(
            student_row(
                sid,
                given,
                middle,
                family,
                school,
                grade,
                state,
                date,
                ",".join(agents.get(sid, [])),
            )
        )
    for key, given, family, email, phone, children in parents:
        users.append(
            {
                "sourcedId": f"par-{key}",
                "status": "active",
                "dateLastModified": FIXED_DATE,
                "enabledUser": "true",
                "orgSourcedIds": DISTRICT[0],
                "role": "parent",
                "username": email,
                "givenName": given,
                "familyName": family,
                "email": email,
                "sms": phone,
                "phone": phone,
                "agentSourcedIds": ",".join(f"stu-{c}" for c in children),
            }
        )
    return orgs, users


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=HERE / "roster")
    args = ap.parse_args(argv)
    orgs, users = build(args.seed)
    write_oneroster_csv(args.out, orgs, users)
    roles: dict[str, int] = {}
    for u in users:
        roles[u["role"]] = roles.get(u["role"], 0) + 1
    print(
        f"wrote {args.out}: {len(orgs)} orgs, {len(users)} users {dict(sorted(roles.items()))}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
