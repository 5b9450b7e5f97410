#!/usr/bin/env python3
"""Generate the Tamarack Valley OneRoster 1.1 CSV roster used by corpus_blind3.

The people the tickets refer to (FIXED_STAFF, FIXED_STUDENTS, FIXED_PARENTS) are literal
records with stable sourcedIds, so truth.json holds for any seed. The seed only changes the
filler records around them. Filler never takes a fixed ID, a RESERVED_STUDENT_ID (numbers the
tickets write that must stay unissued) or a RESERVED_EMAIL (requesters that must stay unknown).

    python gen_roster.py                # rewrites roster/ byte for byte (seed 5217)
    python gen_roster.py --seed 7 --out /tmp/roster7

Run it with the project's Python (``. ../../../.venv/bin/activate`` first): it imports the
OneRoster CSV header and writer from connectors/roster/oneroster_csv.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import unicodedata
import uuid
from pathlib import Path

# A standalone script: put the repository root on sys.path to import the project's CSV writer.
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from connectors.roster.oneroster_csv import (  # noqa: E402
    ORGS_HEADER,
    USERS_HEADER,
    write_oneroster_csv,
)

DEFAULT_SEED = 5217
DOMAIN = "tamarackvalley.k12.example"
STUDENT_DOMAIN = "students." + DOMAIN
# uuid5 namespace for the fixed records: their sourcedIds do not depend on the seed.
NAMESPACE = uuid.UUID("6f1c2b9e-3d4a-4e8b-9a51-2c7d0e5f8b13")


# code: (name, identifier, type)
ORGS = {
    "DIST": ("Tamarack Valley School District", "5014", "district"),
    "HS": ("Tamarack Valley High School", "5014-110", "school"),
    "MS": ("Tamarack Valley Middle School", "5014-120", "school"),
    "KCI": ("Kettle Creek Intermediate School", "5014-130", "school"),
    "BRE": ("Birch Run Elementary School", "5014-141", "school"),
    "MPE": ("Millpond Elementary School", "5014-142", "school"),
    "NFE": ("North Fork Elementary School", "5014-143", "school"),
}

# code: (lowest ID, highest ID, grades, students in total). IDs are issued per building, so a
# building's students share a number band, as they do in many small districts' SIS.
SCHOOL_PLAN = {
    "HS": (310000, 369999, ["09", "10", "11", "12"], 700),
    "MS": (370000, 409999, ["06", "07", "08"], 540),
    "KCI": (410000, 434999, ["04", "05"], 360),
    "BRE": (435000, 454999, ["KG", "01", "02", "03"], 300),
    "MPE": (455000, 474999, ["KG", "01", "02", "03"], 300),
    "NFE": (475000, 494999, ["KG", "01", "02", "03"], 300),
}
STAFF_TOTAL = 120
PARENT_TOTAL = 30

# fmt: off
FIXED_STAFF = [
    # local part of e-mail, givenName, familyName, role, orgs, status, enabled,
    # employee number
    ("karen.whitlow", "Karen", "Whitlow", "teacher", ["BRE"], "active", True, "30418"),
    ("doug.ferris", "Doug", "Ferris", "teacher", ["HS"], "active", True, "21907"),
    ("renata.szabo", "Renata", "Szabo", "teacher", ["MS"], "active", True, "27741"),
    ("aaron.lindqvist", "Aaron", "Lindqvist", "teacher", ["KCI"], "active", True, "33280"),
    ("theresa.oduya", "Theresa", "Oduya", "teacher", ["MPE"], "active", True, "35126"),
    ("bill.castellano", "Bill", "Castellano", "teacher", ["NFE"], "active", True, "19654"),
    ("gwen.marchetti", "Gwen", "Marchetti", "teacher", ["HS"], "active", True, "24410"),
    ("phil.dunleavy", "Phil", "Dunleavy", "teacher", ["MS"], "active", True, "22873"),
    ("shauna.pettibone", "Shauna", "Pettibone", "teacher", ["BRE"], "active", True, "31502"),
    ("imani.brooks-hale", "Imani", "Brooks-Hale", "teacher", ["KCI"], "active", True, "36019"),
    ("colleen.riordan", "Colleen", "Riordan", "administrator", ["HS"], "active", True, "18236"),
    ("marisol.venegas", "Marisol", "Venegas", "teacher", ["MS"], "active", True, "29377"),
    ("frank.delgado", "Frank", "Delgado", "administrator", ["DIST"], "active", True, "15520"),
    ("deb.albrecht", "Deb", "Albrecht", "aide", ["NFE"], "active", True, "40112"),
    ("ellis.nakamura", "Ellis", "Nakamura", "teacher", ["BRE", "MPE"], "active", True, "32654"),
    ("hector.aguirre", "Hector", "Aguirre", "teacher", ["MS", "HS"], "active", True, "26098"),
    ("norma.pickett", "Norma", "Pickett", "teacher", ["KCI"], "active", False, "11873"),
    ("rhonda.gaffney", "Rhonda", "Gaffney", "teacher", ["MPE"], "tobedeleted", True, "14460"),
    ("lupe.carranza", "Lupe", "Carranza", "aide", ["MPE"], "active", True, "41387"),
    ("janelle.voss", "Janelle", "Voss", "teacher", ["DIST"], "active", True, "28815"),
    ("owen.falk", "Owen", "Falk", "administrator", ["DIST"], "active", True, "17342"),
    ("greg.tolliver", "Greg", "Tolliver", "administrator", ["HS"], "active", True, "16691"),
    ("marcy.okonkwo-reed", "Marcy", "Okonkwo-Reed", "teacher", ["NFE"], "active", True, "34508"),
    ("sabine.dufresne", "Sabine", "Dufresne", "teacher", ["BRE", "MPE", "NFE"],
     "active", True, "37246"),
    ("tom.brandvold", "Tom", "Brandvold", "teacher", ["MS"], "active", True, "23359"),
    ("priyanka.natarajan", "Priyanka", "Natarajan", "teacher", ["HS"], "active", True, "38871"),
    ("jolene.haskins", "Jolene", "Haskins", "teacher", ["KCI"], "active", True, "25134"),
    ("wendell.pruitt", "Wendell", "Pruitt", "teacher", ["NFE"], "active", True, "20466"),
    ("amy.kaczmarek", "Amy", "Kaczmarek", "teacher", ["BRE"], "active", True, "39920"),
    ("ray.sandoval", "Ray", "Sandoval", "teacher", ["HS"], "active", True, "27003"),
    ("kelsey.mortensen", "Kelsey", "Mortensen", "teacher", ["MS"], "active", True, "38145"),
    ("naomi.feldstein", "Naomi", "Feldstein", "teacher", ["MPE"], "active", True, "30977"),
    ("patrice.lamontagne", "Patrice", "Lamontagne", "teacher", ["BRE", "NFE"],
     "active", True, "29851"),
    ("dolores.whitcomb", "Dolores", "Whitcomb", "administrator", ["BRE"], "active", True, "12937"),
    ("curtis.yoder", "Curtis", "Yoder", "teacher", ["KCI"], "active", True, "33914"),
    ("stan.wojcik", "Stan", "Wojcik", "aide", ["HS"], "active", True, "42275"),
]
FIXED_STUDENTS = [
    # identifier, givenName, middleName, familyName, school, grade, status, enabledUser
    ("0441852", "Kaylee", "", "Brandt", "BRE", "03", "active", True),
    ("0442017", "Owen", "", "Trask", "BRE", "03", "active", True),
    ("0441396", "Nevaeh", "", "Coombs", "BRE", "03", "active", True),
    ("0447731", "Harper", "", "Quist", "BRE", "01", "active", True),
    ("0448102", "Declan", "", "O'Shea", "BRE", "01", "active", True),
    ("0447265", "Aubree", "", "St. Onge", "BRE", "01", "active", True),
    ("0448390", "Wyatt", "", "Lemieux", "BRE", "01", "active", True),
    ("0446519", "Camila", "", "Ortega", "BRE", "02", "active", True),
    ("0445802", "Henry", "", "Solberg", "BRE", "02", "active", True),
    ("0452208", "Noah", "", "Brandvold", "BRE", "KG", "active", True),
    ("0449317", "Mohamed", "", "Abdi", "BRE", "02", "active", True),
    ("0450127", "Aiden", "", "Tessier", "BRE", "01", "active", True),
    ("0443914", "Lincoln", "", "Barrett", "BRE", "03", "active", True),
    ("0444586", "Eleanor", "", "Quimby", "BRE", "03", "active", True),
    ("0446080", "Mateo", "", "Jiménez", "BRE", "02", "active", True),
    ("0443308", "Stella", "", "Harjo", "BRE", "03", "active", True),
    ("0444761", "Brody", "", "Lindgren", "BRE", "03", "active", True),
    ("0445129", "Ava", "", "Lindgren", "BRE", "02", "active", True),
    ("0445130", "Mia", "", "Lindgren", "BRE", "02", "active", True),
    ("0442533", "Ivy", "", "Sandquist", "BRE", "03", "active", True),
    ("0443027", "Miles", "", "Okerlund", "BRE", "03", "active", True),
    ("0445977", "Ja'Marcus", "", "Hill", "BRE", "02", "active", True),
    ("0446233", "De'Asia", "", "Rowe", "BRE", "02", "active", True),
    ("0447012", "Ke'Andre", "", "Simms", "BRE", "01", "active", True),
    ("0461127", "Liam", "", "Boyle", "MPE", "02", "active", True),
    ("0460884", "Chidera", "", "Okafor", "MPE", "02", "active", True),
    ("0462209", "Pa Nhia", "", "Vang", "MPE", "02", "active", True),
    ("0459973", "Gianna", "", "Russo", "MPE", "02", "active", True),
    ("0463348", "Quinn", "", "Abernathy", "MPE", "01", "active", True),
    ("0462715", "Jace", "", "Holloway", "MPE", "02", "active", True),
    ("0461990", "Elise", "", "Fournier", "MPE", "02", "active", True),
    ("0460231", "Mateo", "", "Guzman", "MPE", "01", "active", True),
    ("0459418", "Valeria", "", "Ríos", "MPE", "01", "active", True),
    ("0465102", "Thao", "", "Lee", "MPE", "02", "active", True),
    ("0460317", "Lucas", "", "Pham", "MPE", "02", "active", True),
    ("0461542", "Harper", "", "Dionne", "MPE", "02", "active", False),
    ("0462088", "Jasper", "", "Kellerman", "MPE", "02", "tobedeleted", True),
    ("0463901", "Mary Kate", "", "Donnelly", "MPE", "01", "active", True),
    ("0464417", "Ana Lucia", "", "Ferreira", "MPE", "01", "active", True),
    ("0462650", "John", "Paul", "Ostrowski", "MPE", "01", "active", True),
    ("0464903", "Elliot", "", "Brandt", "MPE", "01", "active", True),
    ("0460371", "Esme", "", "Harrow", "MPE", "02", "active", True),
    ("0463188", "Sofía", "", "Peña", "MPE", "01", "active", True),
    ("0464052", "Joaquín", "", "Muñoz", "MPE", "01", "active", True),
    ("0460779", "Inés", "", "Ybarra Solís", "MPE", "02", "active", True),
    ("0483310", "Jordan", "", "Pelletier-Grant", "NFE", "01", "active", True),
    ("0484471", "Ximena", "", "Castro-Ruiz", "NFE", "01", "active", True),
    ("0482296", "Elijah", "", "Whitfeather", "NFE", "01", "active", True),
    ("0486015", "Brooklyn", "", "Fenstermacher", "NFE", "02", "active", True),
    ("0485207", "Tobias", "", "Quill", "NFE", "02", "active", True),
    ("0487723", "Mila", "", "Jorgensen", "NFE", "02", "active", True),
    ("0489041", "Yusuf", "", "Hassan", "NFE", "03", "active", True),
    ("0481655", "Harmony", "", "Blaisdell", "NFE", "03", "active", True),
    ("0485590", "Greyson", "", "Tidwell", "NFE", "02", "tobedeleted", True),
    ("0483977", "Evelyn", "", "Marchand", "NFE", "01", "active", True),
    ("0484150", "Robert", "", "Kline", "NFE", "01", "active", True),
    ("0482871", "Savannah", "", "Greer", "NFE", "01", "active", True),
    ("0485644", "Dante", "", "Hollis Jr.", "NFE", "02", "active", True),
    ("0486302", "Marcus", "", "Washington III", "NFE", "02", "active", True),
    ("0484919", "Kayden", "", "Pruitt II", "NFE", "02", "active", True),
    ("0483528", "Caleb", "", "Fontaine", "NFE", "02", "active", True),
    ("0487102", "Skylar", "", "Dube", "NFE", "02", "active", True),
    ("0482543", "Ezekiel", "", "Armendariz", "NFE", "01", "active", True),
    ("0486770", "Greta", "", "Lindholm", "NFE", "02", "active", True),
    ("0483802", "Wren", "", "Abernathy", "NFE", "01", "active", True),
    ("0489977", "Aylin", "", "Demir", "NFE", "03", "active", True),
    ("0484388", "Adrian", "", "Garcia-Lopez", "NFE", "01", "active", True),
    ("0421178", "Paisley", "", "Ambrose", "KCI", "04", "active", True),
    ("0420963", "Jaxon", "", "Wilder", "KCI", "04", "active", True),
    ("0422340", "Mckenna", "", "Dorsey", "KCI", "04", "active", True),
    ("0416634", "Sophia", "", "Lindahl", "KCI", "05", "active", True),
    ("0417790", "Grayson", "", "Pike", "KCI", "05", "active", True),
    ("0417791", "Nora", "", "Blaine", "KCI", "05", "active", True),
    ("0416021", "Ruby", "", "Hartline", "KCI", "05", "active", True),
    ("0418852", "Declan", "", "Voss", "KCI", "04", "active", True),
    ("0419203", "Abigail", "", "Merrow", "KCI", "04", "active", True),
    ("0423871", "Eliana", "", "Whitaker", "KCI", "04", "active", True),
    ("0424417", "Aria", "", "Castellanos", "KCI", "04", "active", True),
    ("0425038", "Bentley", "", "Marsh", "KCI", "04", "active", True),
    ("0423592", "Lucia", "", "Fernandez Ibarra", "KCI", "04", "active", True),
    ("0424880", "Kai", "", "Nakoa", "KCI", "04", "active", True),
    ("0419964", "Landon", "", "Schiller", "KCI", "04", "active", True),
    ("0420517", "Adeline", "", "Vogt", "KCI", "04", "active", True),
    ("0418740", "Maverick", "", "Dunn", "KCI", "04", "active", True),
    ("0421630", "Sadie", "", "Rourke", "KCI", "04", "active", True),
    ("0421456", "Kinsley", "", "Moreau", "KCI", "04", "active", True),
    ("0420108", "Liam", "", "Johnson", "KCI", "04", "active", True),
    ("0423344", "Liam", "", "Johnson", "KCI", "04", "active", True),
    ("0422873", "Ava", "", "Martin", "KCI", "04", "active", True),
    ("0422837", "Ava", "", "Martin", "KCI", "05", "active", True),
    ("0425519", "Adrian", "", "Kowalczyk", "KCI", "05", "active", True),
    ("0425771", "Signe", "", "Halvorsen", "KCI", "05", "active", True),
    ("0424102", "Dylan", "", "Ochoa", "KCI", "05", "active", True),
    ("0426208", "Minh Chau", "", "Tran", "KCI", "05", "active", True),
    ("0426655", "Nimo", "", "Farah", "KCI", "04", "active", True),
    ("0427381", "Esther", "", "Lund", "KCI", "05", "active", True),
    ("0427318", "Tobin", "", "Ames", "KCI", "05", "active", True),
    ("0389142", "Colton", "", "Reinholt", "MS", "07", "active", True),
    ("0390018", "Addison", "", "Feeney", "MS", "07", "active", True),
    ("0388705", "Michael", "", "Stavros", "MS", "07", "active", True),
    ("0389967", "Jaelynn", "", "Fort", "MS", "07", "active", True),
    ("0394410", "Lily", "", "Haugen", "MS", "06", "active", True),
    ("0395562", "Isaac", "", "Fairbanks", "MS", "06", "active", True),
    ("0395563", "Delia", "", "Marsh", "MS", "06", "active", True),
    ("0386610", "Emmett", "", "Larkin", "MS", "08", "active", True),
    ("0387734", "Zoe", "", "Tremblay", "MS", "06", "active", True),
    ("0388091", "Amara", "", "Nwosu", "MS", "06", "active", True),
    ("0388019", "Kolby", "", "Fenner", "MS", "06", "active", True),
    ("0387205", "Jonah", "", "Pruett", "MS", "07", "active", True),
    ("0391284", "Bryce", "", "Tollefson", "MS", "07", "active", True),
    ("0392251", "Isabella", "", "Cortez", "MS", "07", "active", True),
    ("0393006", "Gavin", "", "Thorsen", "MS", "06", "active", True),
    ("0390552", "Samir", "", "Haddad", "MS", "07", "active", True),
    ("0391037", "Leah", "", "Brunelle", "MS", "07", "active", True),
    ("0389420", "Ezra", "", "Whitcomb", "MS", "07", "active", True),
    ("0386952", "Hadley", "", "O'Connell", "MS", "06", "active", True),
    ("0387488", "Rowan", "", "St. Pierre", "MS", "06", "active", True),
    ("0392874", "Owen", "", "Marchetti", "MS", "08", "active", True),
    ("0393115", "Alana", "", "Kealoha", "MS", "08", "active", True),
    ("0394877", "Gabriel", "", "Lindqvist", "MS", "07", "active", True),
    ("0390124", "Jayden", "", "Cole", "MS", "08", "active", True),
    ("0393520", "Emma", "", "Van der Berg", "MS", "07", "active", True),
    ("0392719", "Mateo", "", "De La Cruz", "MS", "07", "active", True),
    ("0348810", "Brayden", "Thomas", "Koenig", "HS", "10", "active", True),
    ("0351147", "Hailey", "Marie", "Sturgis", "HS", "10", "active", True),
    ("0346603", "Tyrese", "", "Mabry", "HS", "10", "active", True),
    ("0337412", "Riley", "", "McAllister", "HS", "11", "active", True),
    ("0339905", "Fiona", "", "MacLeod", "HS", "11", "active", True),
    ("0336218", "Sean", "", "O'Rourke", "HS", "11", "active", True),
    ("0340771", "Gabriella", "", "D'Amico", "HS", "11", "active", True),
    ("0338827", "Nathan", "", "Haugen", "HS", "09", "active", True),
    ("0349021", "Kenji", "", "Watanabe", "HS", "10", "active", True),
    ("0350376", "Alondra", "", "Becerra", "HS", "10", "active", True),
    ("0321754", "Marisa", "", "Vukovich", "HS", "12", "active", True),
    ("0322019", "Darnell", "", "Oyelaran", "HS", "12", "active", True),
    ("0344196", "Hunter", "", "Bly", "HS", "10", "active", True),
    ("0344169", "Cora", "", "Lindemann", "HS", "10", "active", True),
    ("0345530", "Selena", "", "Marquardt", "HS", "10", "active", True),
    ("0343059", "Marcus", "", "Whitlock", "HS", "10", "active", True),
    ("0352284", "Trent", "", "Oakley", "HS", "09", "active", True),
    ("0341902", "Makayla", "", "Gorski", "HS", "11", "active", True),
    ("0351770", "Jalen", "", "Stroud", "HS", "09", "active", True),
    ("0346601", "Piper", "", "Lindquist", "HS", "10", "active", True),
    ("0347712", "Carmen", "", "Ybarra", "HS", "10", "active", True),
    ("0352290", "Bao", "", "Nguyen", "HS", "09", "active", True),
    ("0352291", "Khoa", "", "Nguyen", "HS", "09", "active", True),
    ("0353384", "Jasmine", "", "Abernathy-Cole", "HS", "09", "active", True),
    ("0323377", "Noelle", "", "St. Clair", "HS", "12", "active", True),
    ("0341187", "Mateo", "", "Quintero", "HS", "11", "active", True),
    ("0357406", "Jaden", "", "Okoro", "HS", "09", "active", True),
    ("0356018", "Trinity", "", "Bauer", "HS", "09", "active", True),
    ("0367715", "Dominic", "", "Ferraro", "HS", "09", "active", True),
    ("0331456", "Autumn", "", "Pike", "HS", "11", "active", True),
    ("0330822", "Beckett", "", "Grady", "HS", "11", "active", True),
    ("0318804", "Kiara", "", "Blevins", "HS", "12", "tobedeleted", True),
    ("0366290", "Tessa", "", "Rinaldi", "HS", "09", "active", False),
    ("0344710", "Jayden", "", "Cole", "HS", "10", "active", True),
]
FIXED_PARENTS = [
    # givenName, familyName, email, children's student identifiers
    ("Tracy", "Boyle", "tracy.boyle77@example.net", ["0461127"]),
    ("Joanna", "Ostrowski", "j.ostrowski@example.org", ["0462650"]),
    ("Hoa", "Nguyen", "nguyenfamily.home@example.com", ["0352290", "0352291"]),
    ("Rachel", "Sturgis", "rsturgis.home@example.net", ["0351147"]),
]
# Numbers the tickets write that must stay unissued (IDs of nobody).
RESERVED_STUDENT_IDS = ["0123456", "0386601", "0386925"]
# Requesters the tickets use that must stay unknown to the roster.
RESERVED_EMAILS = [
    "linda.harwood@tamarackvalley.k12.example",
    "sub.mkessler@tamarackvalley.k12.example",
    "dferris64@example.com",
]

# fmt: on

# fmt: off
FIRST_NAMES = [
    "Aaliyah", "Abel", "Adaeze", "Adriana", "Ahmed", "Alejandro", "Alice", "Amelia", "Andre",
    "Annika", "Anton", "Arjun", "Asher", "Aubrey", "August", "Axel", "Bailey", "Beatriz",
    "Benjamin", "Bianca", "Blake", "Bryn", "Caden", "Callie", "Carter", "Cecilia", "Chloé",
    "Clara", "Cody", "Daisy", "Dakota", "Daniela", "Darius", "Delaney", "Desmond", "Diego",
    "Dmitri", "Eden", "Elena", "Eli", "Elsa", "Emeka", "Emilia", "Eric", "Esperanza", "Ethan",
    "Evan", "Farah", "Felix", "Finn", "Freya", "Gage", "Gemma", "Gideon", "Hana", "Hazel",
    "Hugo", "Ian", "Imogen", "Isla", "Ivan", "Jamal", "Jana", "Jasper", "Javier", "Jesse",
    "Joelle", "Josiah", "Julia", "Juniper", "Kaden", "Kamila", "Kendall", "Khalid", "Kira",
    "Lana", "Layla", "Leif", "Leon", "Lila", "Linnea", "Logan", "Luca", "Lydia", "Magnus",
    "Malia", "Marco", "Margot", "Micah", "Mira", "Nadia", "Nico", "Nina", "Oakley", "Olivia",
    "Omar", "Oscar", "Paloma", "Parker", "Penelope", "Priya", "Rafael", "Reese", "Renée",
    "Rhys", "Rosa", "Rowan", "Ryker", "Sage", "Salma", "Santiago", "Sawyer", "Selah", "Silas",
    "Sloane", "Soren", "Stellan", "Talia", "Tate", "Teagan", "Theo", "Uma", "Valentina",
    "Vera", "Wade", "Willa", "Xavier", "Yara", "Yusra", "Zane", "Zuri",
]
TWO_WORD_FIRST = ["Mary Grace", "Ana Sofia", "John Michael", "Le Anh", "Sara Beth", "Jean Luc"]
MIDDLE_NAMES = ["Rose", "James", "Lee", "Marie", "Alan", "Grace", "Jo", "Ray", "Lynn", "Kai"]
LAST_NAMES = [
    "Abbott", "Alvarado", "Amundsen", "Archuleta", "Baptiste", "Barlow", "Bergstrom", "Bianchi",
    "Bouchard", "Brennan", "Burke", "Calloway", "Carver", "Chavez", "Cheng", "Christensen",
    "Coleman", "Cordero", "Dahl", "Dawson", "Delacroix", "Diallo", "Dorsett", "Duarte",
    "Eckert", "Ellison", "Engstrom", "Espinoza", "Fairweather", "Fitzgerald", "Flores",
    "Foley", "Gallagher", "Gauthier", "Goldberg", "Gonzales", "Greenwood", "Gustafson",
    "Hagen", "Halloran", "Hanson", "Hargrove", "Haskell", "Hendricks", "Holm", "Huang",
    "Ibrahim", "Iverson", "Jablonski", "Jensen", "Kaplan", "Keller", "Kimura", "Kovac",
    "Lachance", "Landry", "Larsen", "Leclerc", "Lindberg", "Lozano", "Lundgren", "Maddox",
    "Magnusson", "Mahoney", "Medina", "Mendez", "Moua", "Mullen", "Navarro", "Nielsen",
    "Novak", "Nyberg", "Ochieng", "Olmstead", "Ouellette", "Paquette", "Patel", "Pedersen",
    "Petrov", "Quinlan", "Rasmussen", "Redding", "Reyes", "Richter", "Rivera", "Salazar",
    "Sandberg", "Schmitt", "Sepúlveda", "Shapiro", "Sokolov", "Soto", "Stenberg", "Sullivan",
    "Svensson", "Thibodeau", "Thornton", "Toivonen", "Truong", "Underwood", "Valdez",
    "Vasquez", "Villeneuve", "Wallace", "Warsame", "Weber", "Wilkins", "Xiong", "Yazzie",
    "Youngblood", "Zamora", "Zielinski",
]
# Shapes the tickets care about, sprinkled through the filler so the fixed ones do not stand out.
SPECIAL_LAST_NAMES = [
    "McCarthy", "McKinnon", "MacArthur", "MacNeil", "O'Hara", "O'Toole", "D'Souza", "D'Angelo",
    "St. Germain", "St. John", "Van Horn", "De Jesus", "Del Rio", "Garza-Molina",
    "Nolan-Price", "Lopez Ortiz",
]
SUFFIXES = ["Jr.", "III", "II"]
PARENT_DOMAINS = ["example.net", "example.com", "example.org"]
# fmt: on


def fold_letters(text: str) -> str:
    """ASCII letters only, lowercased: the local part the district builds e-mails from."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha()).lower()


def student_email(given: str, family: str, sid: str) -> str:
    return f"{fold_letters(given)[:1]}{fold_letters(family)}{sid[1:]}@{STUDENT_DOMAIN}"


def fixed_uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def fixed_stamp(kind: str, key: str) -> str:
    """A dateLastModified derived from the record key, so fixed rows never change."""
    offset = uuid.uuid5(NAMESPACE, f"stamp:{kind}:{key}").int % (60 * 24 * 3600)
    return _stamp(offset)


def random_stamp(rng: random.Random) -> str:
    return _stamp(rng.randrange(60 * 24 * 3600))


def _stamp(offset_seconds: int) -> str:
    base = dt.datetime(2026, 6, 20, tzinfo=dt.UTC)
    moment = base + dt.timedelta(seconds=offset_seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def random_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def org_ids() -> dict[str, str]:
    return {code: fixed_uuid("org", code) for code in ORGS}


def build_orgs() -> list[list[str]]:
    ids = org_ids()
    rows = []
    for code, (name, identifier, kind) in ORGS.items():
        parent = "" if kind == "district" else ids["DIST"]
        rows.append([ids[code], "active", fixed_stamp("org", code), name, kind, identifier, parent])
    return rows


def user_row(**fields: str) -> list[str]:
    return [fields.get(column, "") for column in USERS_HEADER]


def fixed_staff_rows(orgs: dict[str, str]) -> list[list[str]]:
    rows = []
    for local, given, family, role, codes, status, enabled, number in FIXED_STAFF:
        rows.append(
            user_row(
                sourcedId=fixed_uuid("staff", local),
                status=status,
                dateLastModified=fixed_stamp("staff", local),
                enabledUser="true" if enabled else "false",
                orgSourcedIds=",".join(orgs[c] for c in codes),
                role=role,
                username=local,
                givenName=given,
                familyName=family,
                identifier=number,
                email=f"{local}@{DOMAIN}",
            )
        )
    return rows


def fixed_student_records() -> list[dict[str, str]]:
    records = []
    for sid, given, middle, family, school, grade, status, enabled in FIXED_STUDENTS:
        email = student_email(given, family, sid)
        records.append(
            dict(
                sourcedId=fixed_uuid("student", sid),
                status=status,
                dateLastModified=fixed_stamp("student", sid),
                enabledUser="true" if enabled else "false",
                school=school,
                role="student",
                username=email.split("@")[0],
                givenName=given,
                familyName=family,
                middleName=middle,
                identifier=sid,
                email=email,
                grades=grade,
            )
        )
    return records


def pick_last_name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.06:
        return rng.choice(SPECIAL_LAST_NAMES)
    family = rng.choice(LAST_NAMES)
    if roll > 0.992:
        family = f"{family} {rng.choice(SUFFIXES)}"
    return family


def filler_students(rng: random.Random, taken: set[str]) -> list[dict[str, str]]:
    fixed_per_school: dict[str, int] = {}
    for row in FIXED_STUDENTS:
        fixed_per_school[row[4]] = fixed_per_school.get(row[4], 0) + 1
    records = []
    for school, (low, high, grades, total) in SCHOOL_PLAN.items():
        for _ in range(total - fixed_per_school.get(school, 0)):
            sid = f"0{rng.randint(low, high)}"
            while sid in taken:
                sid = f"0{rng.randint(low, high)}"
            taken.add(sid)
            given = rng.choice(TWO_WORD_FIRST) if rng.random() < 0.03 else rng.choice(FIRST_NAMES)
            family = pick_last_name(rng)
            middle = rng.choice(MIDDLE_NAMES) if rng.random() < 0.35 else ""
            roll = rng.random()
            status = "tobedeleted" if roll < 0.012 else "active"
            enabled = "false" if 0.012 <= roll < 0.02 else "true"
            email = student_email(given, family, sid)
            records.append(
                dict(
                    sourcedId=random_uuid(rng),
                    status=status,
                    dateLastModified=random_stamp(rng),
                    enabledUser=enabled,
                    school=school,
                    role="student",
                    username=email.split("@")[0],
                    givenName=given,
                    familyName=family,
                    middleName=middle,
                    identifier=sid,
                    email=email,
                    grades=rng.choice(grades),
                )
            )
    return records


def filler_staff(rng: random.Random, orgs: dict[str, str]) -> list[list[str]]:
    taken_emails = {f"{row[0]}@{DOMAIN}" for row in FIXED_STAFF} | set(RESERVED_EMAILS)
    taken_numbers = {row[7] for row in FIXED_STAFF}
    schools = [code for code in ORGS if code != "DIST"]
    rows = []
    for index in range(STAFF_TOTAL - len(FIXED_STAFF)):
        given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{fold_letters(given)}.{fold_letters(family)}"
        while f"{local}@{DOMAIN}" in taken_emails:
            given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            local = f"{fold_letters(given)}.{fold_letters(family)}"
        taken_emails.add(f"{local}@{DOMAIN}")
        number = str(rng.randint(10000, 49999))
        while number in taken_numbers:
            number = str(rng.randint(10000, 49999))
        taken_numbers.add(number)
        role = "aide" if index % 7 == 3 else "administrator" if index % 9 == 5 else "teacher"
        if index < 3:
            codes = ["DIST"]
        elif index < 5:
            codes = rng.sample(schools, 2)
        else:
            codes = [rng.choice(schools)]
        status, enabled = "active", "true"
        if index in (10, 40):
            enabled = "false"
        elif index == 60:
            status = "tobedeleted"
        rows.append(
            user_row(
                sourcedId=random_uuid(rng),
                status=status,
                dateLastModified=random_stamp(rng),
                enabledUser=enabled,
                orgSourcedIds=",".join(orgs[c] for c in codes),
                role=role,
                username=local,
                givenName=given,
                familyName=family,
                identifier=number,
                email=f"{local}@{DOMAIN}",
            )
        )
    return rows


def link_parents(
    rng: random.Random, fixed: list[dict[str, str]], filler: list[dict[str, str]]
) -> list[list[str]]:
    """Build parent rows and fill agentSourcedIds on both sides of each link."""
    by_id = {record["identifier"]: record for record in fixed + filler}
    plans: list[tuple[str, str, str, str, str, list[dict[str, str]]]] = []
    for given, family, email, children in FIXED_PARENTS:
        plans.append(
            (
                fixed_uuid("parent", email),
                fixed_stamp("parent", email),
                given,
                family,
                email,
                [by_id[sid] for sid in children],
            )
        )
    active_filler = [r for r in filler if r["status"] == "active"]
    for _ in range(PARENT_TOTAL - len(FIXED_PARENTS)):
        children = rng.sample(active_filler, 1 if rng.random() < 0.7 else 2)
        given, family = rng.choice(FIRST_NAMES), children[0]["familyName"]
        domain = rng.choice(PARENT_DOMAINS)
        email = f"{fold_letters(given)}.{fold_letters(family)}{rng.randint(10, 99)}@{domain}"
        plans.append((random_uuid(rng), random_stamp(rng), given, family, email, children))
    rows = []
    for parent_id, stamp, given, family, email, children in plans:
        for child in children:
            agents = [a for a in child.get("agentSourcedIds", "").split(",") if a]
            child["agentSourcedIds"] = ",".join(agents + [parent_id])
        rows.append(
            user_row(
                sourcedId=parent_id,
                status="active",
                dateLastModified=stamp,
                enabledUser="true",
                role="parent",
                username=email.split("@")[0],
                givenName=given,
                familyName=family,
                email=email,
                agentSourcedIds=",".join(child["sourcedId"] for child in children),
            )
        )
    return rows


def student_rows(records: list[dict[str, str]], orgs: dict[str, str]) -> list[list[str]]:
    return [user_row(orgSourcedIds=orgs[r["school"]], **r) for r in records]


def build_users(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    orgs = org_ids()
    fixed = fixed_student_records()
    taken = {r["identifier"] for r in fixed} | set(RESERVED_STUDENT_IDS)
    filler = filler_students(rng, taken)
    staff = fixed_staff_rows(orgs) + filler_staff(rng, orgs)
    parents = link_parents(rng, fixed, filler)
    rows = staff + student_rows(fixed + filler, orgs) + parents
    rows.sort(key=lambda row: row[0])
    check(rows)
    return rows


def check(rows: list[list[str]]) -> None:
    col = {name: i for i, name in enumerate(USERS_HEADER)}
    students = [r for r in rows if r[col["role"]] == "student"]
    assert len(students) == sum(plan[3] for plan in SCHOOL_PLAN.values())
    assert len({r[col["identifier"]] for r in students}) == len(students)
    assert all(len(r[col["identifier"]]) == 7 and r[col["identifier"]][0] == "0" for r in students)
    assert not {r[col["identifier"]] for r in students} & set(RESERVED_STUDENT_IDS)
    staff = [r for r in rows if r[col["role"]] in ("teacher", "administrator", "aide")]
    assert len(staff) == STAFF_TOTAL
    assert not any(
        len(r[col["identifier"]]) == 7 and r[col["identifier"]].startswith("0") for r in staff
    )
    assert len({r[col["email"]] for r in rows}) == len(rows)
    assert len({r[col["sourcedId"]] for r in rows}) == len(rows)
    assert not {r[col["email"]] for r in rows} & set(RESERVED_EMAILS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "roster")
    args = parser.parse_args()
    orgs = [dict(zip(ORGS_HEADER, row, strict=True)) for row in build_orgs()]
    users = [dict(zip(USERS_HEADER, row, strict=True)) for row in build_users(args.seed)]
    write_oneroster_csv(args.out, orgs, users, line_terminator="\n")  # roster/ has "\n" lines


if __name__ == "__main__":
    main()
