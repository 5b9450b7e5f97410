"""Independent checker for truth.json of the corpus_blind7 evaluation corpus (stdlib only).

READING below is a hand-written reading of every ticket: whether it is a reset request and,
for each student it names, the first name, last name and ID text written exactly as in the
ticket (None when no ID is given; "" for a missing first or last name). `ignore` lists
ID-like numbers in the ticket that are not student lines (quoted history, examples, badge
and asset numbers).

The checker confirms that every piece occurs in the ticket text, applies rules 2-7 of the
parse contract to roster/users.csv and roster/orgs.csv, and compares the result with
truth.json. It also scans every ticket for 6-8 character ID-like numbers that the reading
does not account for.

    python3 verify_truth.py              # exit 0 when truth.json agrees
    python3 verify_truth.py --self-test  # plants errors and shows that each one is caught
"""

from __future__ import annotations

import argparse
import copy
import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STAFF_ROLES = {"teacher", "administrator", "aide"}
MAX_JUDGEMENT_SHARE = 0.06
ID_LABEL = re.compile(
    r"^\s*(?:student\s*(?:id|no\.?|number|#)|sid|id)\s*[:#.\-]?\s*", re.IGNORECASE
)
AROUND = " \t#-\u2013\u2014"
ID_LIKE = re.compile(r"(?<!\w)[0-9Oo]{6,8}(?!\w)")

# READING-TABLE
READING: dict[str, dict[str, Any]] = {
    "W-6001": {
        "reset": False,
        "students": [],
        "ignore": ["0123456"],
    },
    "W-6002": {
        "reset": True,
        "students": [
            ("Khanh", "Pham", "0213547"),
            ("De’Shawn", "Batiste", "0219084"),
            ("Widelene", "Joseph", "0214476"),
        ],
    },
    "W-6003": {
        "reset": True,
        "students": [
            ("Tuan", "Vo", "0224815"),
            ("Marisol", "Aguilar Reyes", "0227310"),
            ("Obinna", "Eze", "0221196"),
        ],
    },
    "W-6004": {
        "reset": True,
        "students": [
            ("Yusuf", "Al-Amin", "0231458"),
            ("Mariam", "El Haddad", "0236012"),
            ("Samir", "bin Talal", "0230977"),
        ],
    },
    "W-6005": {
        "reset": True,
        "students": [
            ("BAO NGOC", "NGUYEN", "0252917"),
            ("ADEBOLA", "OYELARAN", "0256641"),
            ("ANA LUCIA", "CASTILLO MEJIA", "0250388"),
            ("TRISTAN", "LEBLANC", "0259072"),
        ],
    },
    "W-6006": {
        "reset": False,
        "students": [],
    },
    "W-6007": {
        "reset": True,
        "students": [
            ("Mackenzie", "Thibodeaux", "0318873"),
        ],
    },
    "W-6008": {
        "reset": True,
        "students": [
            ("Mike", "Nguyen", "0213902"),
            ("Hai Dang", "Lam", "0217315"),
        ],
    },
    "W-6009": {
        "reset": False,
        "students": [
            ("Tuan", "Vo", "0224815"),
        ],
        "ignore": ["118842"],
    },
    "W-6010": {
        "reset": True,
        "students": [
            ("Chukwuemeka", "Obiora", "0452271"),
            ("Adaeze", "Nwankow", "0456187"),
        ],
    },
    "W-6011": {
        "reset": True,
        "students": [
            ("Ja'Niyah", "Washington", "0312254"),
            ("DaQuan", "Ricard", "0310916"),
        ],
    },
    "W-6012": {
        "reset": True,
        "students": [
            ("Génesis", "Rivera", "0316651"),
        ],
    },
    "W-6013": {
        "reset": False,
        "students": [],
    },
    "W-6014": {
        "reset": False,
        "students": [],
    },
    "W-6015": {
        "reset": True,
        "students": [
            ("Hope", "Price", "O412283"),
            ("Will", "Grant", "O418831"),
            ("Justice", "King", "0415507"),
        ],
    },
    "W-6016": {
        "reset": True,
        "students": [
            ("Bao", "Tran", "0215562"),
            ("Khoi", "Luu", "0218071"),
        ],
    },
    "W-6017": {
        "reset": True,
        "students": [
            ("Giuseppe", "Esposito", "04o9126"),
            ("Aoife", "Brennan", "419904"),
        ],
    },
    "W-6018": {
        "reset": False,
        "students": [],
    },
    "W-6019": {
        "reset": True,
        "students": [
            ("Kervens", "", "0359013"),
        ],
    },
    "W-6020": {
        "reset": True,
        "students": [
            ("Marquise", "Pitre", "0251877"),
            ("Yasmin", "Haddad", "0258834"),
        ],
    },
    "W-6021": {
        "reset": False,
        "students": [
            ("Minh Khoa", "Le", "0211583"),
            ("Ngoc Han", "Dinh", "0216604"),
        ],
    },
    "W-6022": {
        "reset": True,
        "students": [
            ("Caoimhe", "O'Sullivan", "Student No. 0456630"),
            ("Ngozi", "Chukwu", "Student No. 0451174"),
        ],
    },
    "W-6023": {
        "reset": True,
        "students": [
            ("Tyrese", "Landry", "0229977"),
        ],
    },
    "W-6024": {
        "reset": False,
        "students": [
            ("Kaden", "Savoie", "0225570"),
            ("Beau", "Arceneaux", "0228891"),
        ],
    },
    "W-6025": {
        "reset": True,
        "students": [
            ("Chiamaka", "Eze", "ID-0453381"),
            ("Emeka", "Ugwu", "ID-0458819"),
            ("Thao", "Huynh", "ID-0450047"),
            ("Rosa", "Coj Tzoc", "ID-0455926"),
        ],
    },
    "W-6026": {
        "reset": True,
        "students": [
            ("Niamh", "Gallagher", "0418132"),
            ("Dario", "Lombardi", "0414475"),
        ],
    },
    "W-6027": {
        "reset": False,
        "students": [],
    },
    "W-6028": {
        "reset": True,
        "students": [
            ("Tallulah", "Billiot", "#0357714"),
            ("Chayton", "Verdin", "#0313360"),
            ("Aiyana", "Dardar", "#0359902"),
        ],
    },
    "W-6029": {
        "reset": True,
        "students": [
            ("Emir", "Suljić", "0358361"),
        ],
    },
    "W-6030": {
        "reset": False,
        "students": [
            ("Giuseppe", "Esposito", "0409126"),
        ],
    },
    "W-6031": {
        "reset": True,
        "students": [
            ("Paw Htoo", "Say", "0452208"),
            ("Eh Kaw", "Moo", "0423371"),
            ("Khin Myat", "Noe", "0264450"),
        ],
        "ignore": ["70941"],
    },
    "W-6032": {
        "reset": True,
        "students": [
            ("Jean-Pierre", "Desrosiers", "0222290"),
            ("Fabiola", "Saint Fleur", "0228819"),
        ],
        "ignore": ["48213"],
    },
    "W-6033": {
        "reset": False,
        "students": [
            ("Omar", "Farouk", "0420113"),
        ],
    },
    "W-6034": {
        "reset": True,
        "students": [
            ("Savannah", "Hebert", "0224183"),
            ("Colt", "Broussard", "0221477"),
        ],
    },
    "W-6035": {
        "reset": True,
        "students": [
            ("Kevin", "Mejía Banegas", "0317742"),
            ("Dayana", "Zelaya Paz", "0314429"),
        ],
    },
    "W-6036": {
        "reset": True,
        "students": [
            ("Minh Khoa", "Le", "0211583"),
            ("Ngoc Han", "Dinh", "0216604"),
            ("Bich Tram", "Vu", "0218845"),
        ],
    },
    "W-6037": {
        "reset": True,
        "students": [
            ("Kiona", "Billiot", "0313752"),
            ("Ayasha", "Naquin", "0316238"),
        ],
    },
    "W-6038": {
        "reset": False,
        "students": [],
    },
    "W-6039": {
        "reset": True,
        "students": [
            ("Selma", "Mujić", "0356618"),
            ("Haris", "Delić", "0353307"),
            ("Amra", "Hadžić", "0351174"),
        ],
    },
    "W-6040": {
        "reset": False,
        "students": [
            ("Hope", "Price", "0412283"),
        ],
    },
    "W-6041": {
        "reset": True,
        "students": [
            ("Seamus", "Flynn", "04123398"),
            ("Bianca", "Conti", "0419045"),
        ],
    },
    "W-6042": {
        "reset": False,
        "students": [
            ("Ngozi", "Chukwu", "0451174"),
        ],
    },
    "W-6043": {
        "reset": False,
        "students": [],
    },
    "W-6044": {
        "reset": True,
        "students": [
            ("Yara", "Aziz", "42719"),
            ("Tariq", "bin Hamad", "0427103"),
        ],
    },
    "W-6045": {
        "reset": True,
        "students": [
            ("Precious", "Okonkwo", "0267743"),
        ],
        "ignore": ["0261118", "0263390"],
    },
    "W-6046": {
        "reset": True,
        "students": [
            ("Oluwaseun", "Adebayo", "0254410"),
            ("Nhi", "Truong", "0257835"),
            ("Xavier", "Ancelet", "0251162"),
        ],
        "ignore": ["70943"],
    },
    "W-6047": {
        "reset": False,
        "students": [],
    },
    "W-6048": {
        "reset": True,
        "students": [
            ("Khai", "Nguyen", "045l183"),
            ("Tien", "Dao", "0455074"),
        ],
    },
    "W-6049": {
        "reset": True,
        "students": [
            ("Lucía", "Orellana Funes", "0265519"),
            ("Bryan", "Cruz Ávila", "0268802"),
        ],
    },
    "W-6050": {
        "reset": True,
        "students": [
            ("TREMAINE", "JOLIVETTE", "0425580"),
        ],
    },
    "W-6051": {
        "reset": False,
        "students": [],
    },
    "W-6052": {
        "reset": True,
        "students": [
            ("Brigid", "Walsh", "0456I20"),
            ("Liam", "Mulcahy", "04S2216"),
        ],
    },
    "W-6053": {
        "reset": True,
        "students": [
            ("Ja'Niyah", "Washington", None),
        ],
    },
    "W-6054": {
        "reset": True,
        "students": [
            ("Ebere", "Nwosu", "0213318"),
            ("Chidera", "Obi", None),
            ("Amaka", "Uzor", "0219046"),
        ],
    },
    "W-6055": {
        "reset": False,
        "students": [
            ("Widelene", "Joseph", "0214476"),
        ],
    },
    "W-6056": {
        "reset": True,
        "students": [
            ("AMAR", "HODZIC", "SID 0427761"),
            ("LEJLA", "BEGIC", "SID 0421139"),
            ("EDIN", "KARIMOVIC", "SID 0424058"),
        ],
    },
    "W-6057": {
        "reset": True,
        "students": [
            ("Rashad", "Jean-Baptiste", "0352217"),
            ("Tatiana", "Voisin", "0358840"),
        ],
    },
    "W-6058": {
        "reset": True,
        "students": [
            ("Amir", "Sims", "0318844"),
            ("Tiana", "Boutte", "0312287"),
        ],
    },
    "W-6059": {
        "reset": False,
        "students": [
            ("Noor", "Saleh", "0258470"),
        ],
    },
    "W-6060": {
        "reset": True,
        "students": [
            ("Phuc", "Hoang", "0210764"),
            ("Giselle", "Dugas", "0216122"),
        ],
    },
    "W-6061": {
        "reset": True,
        "students": [
            ("Stevenson", "Pierre-Louis", "0356720"),
        ],
    },
    "W-6062": {
        "reset": False,
        "students": [
            ("Khanh", "Pham", None),
        ],
    },
    "W-6063": {
        "reset": False,
        "students": [
            ("Rashad", "Jean-Baptiste", "0352217"),
            ("Tatiana", "Voisin", "0358840"),
        ],
    },
    "W-6064": {
        "reset": True,
        "students": [
            ("Destiny", "Guillory", "0452845"),
        ],
    },
    "W-6065": {
        "reset": True,
        "students": [
            ("Mirza", "Halilović", "0253316"),
            ("Lana", "Softić", "0257702"),
        ],
    },
    "W-6066": {
        "reset": True,
        "students": [
            ("Kendrick", "Batiste", "0313019"),
        ],
    },
    "W-6067": {
        "reset": True,
        "students": [
            ("Rania", "Mansour", "0422946"),
        ],
        "ignore": ["0420113", "0426634"],
    },
    "W-6068": {
        "reset": False,
        "students": [],
    },
    "W-6069": {
        "reset": True,
        "students": [
            ("Marie Guerline", "Toussaint", "0354409"),
            ("Wilkens", "Augustin", "0350281"),
            ("Dieunie", "Saint-Louis", "0357738"),
        ],
    },
    "W-6070": {
        "reset": True,
        "students": [
            ("Amina", "Yusuf", "0259911"),
            ("Jayden", "Celestine", "0227436"),
        ],
    },
    "W-6071": {
        "reset": False,
        "students": [],
    },
    "W-6072": {
        "reset": False,
        "students": [],
    },
    "W-6073": {
        "reset": True,
        "students": [
            ("Roseline", "Exantus", "0225301"),
            ("Fedna", "Noel", "0310488"),
        ],
    },
    "W-6074": {
        "reset": True,
        "students": [
            ("Quoc Bao", "Tran", "0459913"),
            ("Amani", "Okeke", "0457761"),
            ("Bilal", "el-Amin", "0454402"),
        ],
    },
    "W-6075": {
        "reset": False,
        "students": [],
    },
    "W-6076": {
        "reset": True,
        "students": [
            ("Odette", "Olivier", "O21O337"),
            ("Osagie", "Omoruyi", "0357O26"),
            ("Orlando", "Ochoa Oliva", "O212895"),
        ],
    },
    "W-6077": {
        "reset": True,
        "students": [],
    },
    "W-6078": {
        "reset": True,
        "students": [
            ("Ifeanyi", "Okoro", "0262418"),
            ("Chisom", "Okoro", "0264218"),
        ],
    },
    "W-6079": {
        "reset": True,
        "students": [
            ("Thanh", "Nguyen", "0219931"),
            ("Zainab", "Bello", "0215518"),
        ],
    },
    "W-6080": {
        "reset": True,
        "students": [],
    },
    "W-6081": {
        "reset": False,
        "students": [],
        "ignore": ["0262418", "0264218"],
    },
    "W-6082": {
        "reset": True,
        "students": [
            ("Grant", "Young", "0428870"),
            ("Major", "Bell", "0459034"),
            ("Royal", "Brooks", "0423306"),
        ],
    },
    "W-6083": {
        "reset": True,
        "students": [],
    },
    "W-6084": {
        "reset": True,
        "students": [
            ("Celeste", "Hebert", "0451890"),
            ("Chinonso", "Nnamdi", "0457302"),
            ("José Luis", "Ramírez Cruz", "0453357"),
        ],
    },
    "W-6085": {
        "reset": False,
        "students": [
            ("Chayton", "Verdin", "0313360"),
        ],
    },
    "W-6086": {
        "reset": True,
        "students": [
            ("ANTOINE", "BOUDREAUX", "0414021"),
            ("KEYSHAWN", "MOUTON", "0426650"),
            ("THANH TRUC", "PHAM", "421778"),
            ("GIANNI", "ESPOSITO", "0409126"),
            ("NNEKA", "OKAFOR", "0417389"),
        ],
    },
    "W-6087": {
        "reset": True,
        "students": [
            ("Thanh", "Nguyen", None),
        ],
    },
    "W-6088": {
        "reset": True,
        "students": [
            ("D'Andre", "Ledet", "0226713"),
            ("Amara", "Nwachukwu", "0223381"),
            ("Bao Anh", "Lam", "0220954"),
        ],
        "ignore": ["70941"],
    },
    "W-6089": {
        "reset": False,
        "students": [],
    },
    "W-6090": {
        "reset": True,
        "students": [
            ("Thanh", "Nguyen", "0219931"),
            ("Marco", "Ferraro", "0411846"),
        ],
    },
    "W-6091": {
        "reset": True,
        "students": [
            ("Beau", "Trahan", "0316675"),
        ],
    },
    "W-6092": {
        "reset": True,
        "students": [
            ("Thao My", "Ngyuen", "0212919"),
        ],
    },
    "W-6093": {
        "reset": False,
        "students": [],
    },
    "W-6094": {
        "reset": True,
        "students": [
            ("Wendy", "Lara Mejía", "0266190"),
            ("Elmer", "Ajú Chiroy", "0260752"),
        ],
        "ignore": ["0381205"],
    },
    "W-6095": {
        "reset": True,
        "students": [
            ("", "Bergeron", "0319384"),
            ("Luke", "Aucoin", "0317790"),
        ],
    },
    "W-6096": {
        "reset": True,
        "students": [
            ("Siobhan", "Kavanagh", "Student ID: 0417720"),
            ("Luca", "Mancuso", "Student ID: 0410638"),
        ],
    },
    "W-6097": {
        "reset": True,
        "students": [
            ("SAMIRA", "ABDULLAH", "0429981"),
            ("KARIM", "EL-MASRI", "0424417"),
        ],
    },
    "W-6098": {
        "reset": True,
        "students": [
            ("Lizzie", "Doherty", "0454413"),
            ("Padraig", "Nolan", "0450921"),
        ],
    },
    "W-6099": {
        "reset": False,
        "students": [
            ("Amar", "Hodzic", "0427761"),
        ],
    },
    "W-6100": {
        "reset": True,
        "students": [
            ("Ja’Kobe", "Fontenot", "0315587"),
            ("Trevon", "Mouton", "0311146"),
            ("KeAsia", "Domingue", "0319405"),
        ],
    },
    "W-6101": {
        "reset": True,
        "students": [
            ("Guerline", "Toussaint", "0354409"),
        ],
    },
    "W-6102": {
        "reset": True,
        "students": [
            ("Kiara", "Lejeune", "0217753"),
            ("Phuong Anh", "Ho", "0212240"),
            ("Kiara", "Lejeune", "O217753"),
            ("Phuong Anh", "Ho", "0212240"),
        ],
    },
    "W-6103": {
        "reset": True,
        "students": [
            ("Noah", "Hebert", "0257114"),
            ("Lily", "Boudreaux", "0229340"),
            ("Chukwudi", "Eze", "0315049"),
            ("Emina", "Karimović", "0355338"),
            ("Dakota", "Sixkiller", "0424870"),
        ],
    },
    "W-6104": {
        "reset": False,
        "students": [
            ("Kiara", "Lejeune", "0217753"),
        ],
    },
    "W-6105": {
        "reset": False,
        "students": [],
    },
    "W-6106": {
        "reset": True,
        "students": [
            ("Zoe", "Arceneaux", "228891"),
            ("Remy", "Savoie", "0226044"),
        ],
    },
    "W-6107": {
        "reset": True,
        "students": [
            ("Beau", "Arceneaux", "0228891"),
            ("Kaden", "Savoie", "0225570"),
        ],
    },
    "W-6108": {
        "reset": True,
        "students": [
            ("Darnell", "Jolivette", "0262265"),
            ("Lina", "Haddad", None),
        ],
    },
    "W-6109": {
        "reset": True,
        "students": [
            ("Jasmin", "Hasanović", "0355512"),
        ],
    },
    "W-6110": {
        "reset": True,
        "students": [],
        "ignore": ["48377"],
    },
    "W-6111": {
        "reset": False,
        "students": [
            ("Selma", "Mujić", "0356618"),
        ],
    },
    "W-6112": {
        "reset": True,
        "students": [
            ("Guerline", "Celestin", "0353390"),
            ("Jamesley", "Dorvil", "0358816"),
            ("Roodly", "Etienne", "0351945"),
        ],
    },
    "W-6113": {
        "reset": True,
        "students": [
            ("Tobi", "Adewale", "0263077"),
            ("Esther", "Okoye", "0260419"),
        ],
    },
    "W-6114": {
        "reset": True,
        "students": [
            ("Cian", "Doyle", "0416628"),
            ("Fatima", "bin Saleh", "0413390"),
        ],
    },
    "W-6115": {
        "reset": True,
        "students": [
            ("Bao Chau", "Tran", "0215562"),
            ("Giselle", "Dugas", "0216122"),
        ],
        "unwanted": [("Phuc", "Hoang", "0210764")],
    },
    "W-6116": {
        "reset": True,
        "students": [
            ("Ebuka", "Nwafor", "0455518"),
        ],
        "ignore": ["0123456"],
    },
    "W-6117": {
        "reset": True,
        "students": [
            ("Wilkens", "Augustin", "0350281"),
            ("Jamesley", "Dorvil", "0358816"),
        ],
    },
    "W-6118": {
        "reset": True,
        "students": [
            ("Samira", "Nasser", "0421985"),
        ],
        "ignore": ["104877"],
    },
    "W-6119": {
        "reset": True,
        "students": [
            ("Donal", "Keane", "0452963"),
        ],
        "ignore": ["0450312", "0450921"],
    },
    "W-6120": {
        "reset": True,
        "students": [
            ("Mohamed", "Elbaz", "0428314"),
        ],
    },
    "W-6121": {
        "reset": False,
        "students": [],
    },
    "W-6122": {
        "reset": True,
        "students": [
            ("Leila", "Abdel-Rahman", "#0233480"),
            ("Hamza", "El Amrani", "#0234417"),
            ("Nour", "bin Yousef", "#0237729"),
            ("Adam", "Khoury", "#0231906"),
            ("Sara", "Daoud", "#0238850"),
            ("Mohammed", "Taha", "#0235561"),
        ],
    },
    "W-6123": {
        "reset": True,
        "students": [
            ("Lupita", "Chávez Gómez", "0316002"),
            ("Yeimy", "Cardona Ruiz", "0264977"),
        ],
    },
    "W-6124": {
        "reset": False,
        "students": [
            ("Oluwaseun", "Adebayo", "0254410"),
        ],
    },
    "W-6125": {
        "reset": True,
        "students": [
            ("Nermin", "Osmanović", "0354127"),
            ("Ajla", "Begović", "0350596"),
        ],
    },
    "W-6126": {
        "reset": True,
        "students": [
            ("Dayana", "Paz", "0314429"),
            ("Josué", "Canales Flores", "0318129"),
        ],
    },
    "W-6127": {
        "reset": True,
        "students": [
            ("Kaden", "Savoie", "student ID 0225570"),
        ],
    },
    "W-6128": {
        "reset": True,
        "students": [
            ("Kenechukwu", "Ibe", "0212876"),
            ("Somto", "Anyanwu", "0216340"),
        ],
    },
    "W-6129": {
        "reset": True,
        "students": [
            ("Yusra", "Hamdan", "0268351"),
            ("Tin", "Htut", "0457915"),
        ],
    },
    "W-6130": {
        "reset": False,
        "students": [
            ("Cian", "Doyle", "0416628"),
        ],
    },
    "W-6131": {
        "reset": True,
        "students": [
            ("Winona", "TwoBulls", "0313990"),
            ("Sequoia", "Dardar-Naquin", "0317151"),
        ],
    },
    "W-6132": {
        "reset": True,
        "students": [
            ("Bilal", "el-Amin", "0454402"),
        ],
    },
    "W-6133": {
        "reset": True,
        "students": [
            ("Kelechi", "Obi", "0261118"),
        ],
    },
    "W-6134": {
        "reset": True,
        "students": [
            ("Ava", "Ledoux Fontenot", "0458173"),
            ("Minh Châu", "Nguyễn", "0453308"),
            ("Youssef", "Abdelrahman", "0459641"),
        ],
    },
    "W-6135": {
        "reset": True,
        "students": [],
    },
    "W-6136": {
        "reset": True,
        "students": [
            ("Lamar", "Richard", "0253174"),
            ("Anh Thu", "Phan", "0258309"),
        ],
    },
    "W-6137": {
        "reset": False,
        "students": [
            ("Kervens", "Alcindor", None),
        ],
    },
    "W-6138": {
        "reset": True,
        "students": [
            ("Paw", "Say", "0452208"),
            ("Saw Kaw", "Htoo", "04B3062"),
            ("Thao", "Huynh", "0450047"),
        ],
    },
    "W-6139": {
        "reset": True,
        "students": [
            ("Hanh", "Vo", "0458027"),
        ],
    },
    "W-6140": {
        "reset": True,
        "students": [
            ("Celeste", "Hebert", "00451890"),
            ("Jacques", "Thibodeaux", "0450688"),
        ],
    },
    "W-6141": {
        "reset": True,
        "students": [
            ("Jolie", "Guillot", "ID: 0255683"),
            ("Ahmad", "Rahimi", "ID: 0250874"),
        ],
    },
    "W-6142": {
        "reset": True,
        "students": [
            ("Paw Htoo", "Say", "2208"),
        ],
    },
    "W-6143": {
        "reset": True,
        "students": [
            ("Kenechukwu", "Ibe", "0212876"),
            ("Somto", "Anyanwu", "0216-340"),
        ],
    },
    "W-6144": {
        "reset": True,
        "students": [
            ("Layla", "Al-Masri", "0426105"),
            ("Yousef", "Haddad", "0429370"),
        ],
    },
    "W-6145": {
        "reset": True,
        "students": [],
        "ignore": ["0253174", "0258309"],
    },
    "W-6146": {
        "reset": True,
        "students": [
            ("Lionel", "Guidry Jr.", "0224451"),
            ("Eveline", "Paul", "0226178"),
        ],
    },
    "W-6147": {
        "reset": True,
        "students": [
            ("Mai Anh", "Truong", "0251496"),
            ("Tobi", "Adewale", "0263077"),
            ("Jude", "Landry", "0254613"),
            ("Esther", "Okoye", "0260419"),
        ],
    },
    "W-6148": {
        "reset": True,
        "students": [
            ("Guerda", "François", "0224906"),
            ("Nadège", "Alexis", "0358107"),
        ],
    },
    "W-6149": {
        "reset": True,
        "students": [
            ("Dakota", "Sixkiller", "0424870"),
        ],
    },
    "W-6150": {
        "reset": True,
        "students": [
            ("PRECIOUS", "KING", "459702"),
            ("RONAN", "MCDONAGH", "0421567"),
        ],
    },
}
# END-READING-TABLE


def fold(text: str) -> str:
    """Rule 4: case, accents, hyphens, apostrophes and spaces do not matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in ("-", "'", "\u2019", "\u2018", "\u02bc", " ", "\u00a0"):
        kept = kept.replace(mark, "")
    return kept.casefold()


def normalise_id(text: str | None) -> str | None:
    """Rule 3: the 7-digit ID, or None when the written ID is not usable."""
    if text is None:
        return None
    value = ID_LABEL.sub("", text).strip(AROUND)
    # Rule 3 as the project reads it: spaces and dashes inside the number go too (036-9308).
    value = re.sub(r"[\s\-]", "", value)
    value = value.replace("O", "0").replace("o", "0")
    if not (value.isascii() and value.isdigit()):
        return None
    if len(value) == 6:
        value = "0" + value
    return value if len(value) == 7 else None


def load_roster(directory: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with (directory / "users.csv").open(encoding="utf-8", newline="") as handle:
        users = list(csv.DictReader(handle))
    with (directory / "orgs.csv").open(encoding="utf-8", newline="") as handle:
        orgs = list(csv.DictReader(handle))
    return users, orgs


def load_tickets(directory: Path) -> dict[str, dict[str, Any]]:
    tickets = {}
    for path in sorted(directory.glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        tickets[ticket["id"]] = ticket
    return tickets


def name_matches(first: str, last: str, record: dict[str, str]) -> bool:
    if not first or not last:
        return False
    written = (fold(first), fold(last))
    given, family = fold(record["givenName"]), fold(record["familyName"])
    return written in ((given, family), (family, given))


def student_status(
    first: str,
    last: str,
    sid: str | None,
    requester: dict[str, str] | None,
    students: dict[str, dict[str, str]],
    district: str,
) -> str:
    if sid is None or sid not in students:
        return "review"
    record = students[sid]
    if not name_matches(first, last, record):
        return "review"
    if record["status"] != "active" or record["enabledUser"] != "true":
        return "review"
    if requester is None or requester["role"] not in STAFF_ROLES:
        return "review"
    if requester["status"] != "active" or requester["enabledUser"] != "true":
        return "review"
    allowed = set(requester["orgSourcedIds"].split(","))
    if district not in allowed and record["orgSourcedIds"] not in allowed:
        return "review"
    return "ready"


def check_text(ticket_id: str, ticket: dict[str, Any], reading: dict[str, Any]) -> list[str]:
    errors = []
    raw = ticket["body"]
    text = html.unescape(raw)
    known = set()
    for first, last, id_text in [*reading["students"], *reading.get("unwanted", [])]:
        for piece in (first, last, id_text):
            if piece and piece not in text and piece not in raw:
                errors.append(f"{ticket_id}: {piece!r} does not occur in the ticket")
        known.add(normalise_id(id_text))
    for token in reading.get("ignore", []):
        if token not in text:
            errors.append(f"{ticket_id}: ignored token {token!r} does not occur in the ticket")
        known.add(normalise_id(token) or token)
    for match in ID_LIKE.finditer(text):
        token = match.group()
        if sum(ch.isdigit() for ch in token) < 5:
            continue
        if normalise_id(token) not in known and token not in known:
            errors.append(f"{ticket_id}: ID-like {token!r} is neither read nor ignored")
    return errors


def expected(
    ticket: dict[str, Any],
    reading: dict[str, Any],
    users: list[dict[str, str]],
    orgs: list[dict[str, str]],
) -> tuple[bool, bool, list[str], list[str]]:
    """(reset_request, needs_review, ready IDs, problems) for one ticket."""
    if not reading["reset"]:
        return False, False, [], []
    district = next(org["sourcedId"] for org in orgs if org["type"] == "district")
    students = {u["identifier"]: u for u in users if u["role"] == "student"}
    by_email = {u["email"]: u for u in users if u["email"]}
    requester = by_email.get(ticket["requester"])
    entries: dict[Any, str] = {}
    problems = []
    for first, last, id_text in reading["students"]:
        sid = normalise_id(id_text)
        status = student_status(first, last, sid, requester, students, district)
        key: Any = sid if sid is not None else ("no-id", fold(first), fold(last), id_text)
        if key in entries and entries[key] != status:
            problems.append(f"{ticket['id']}: {key} is written twice with different outcomes")
        entries[key] = status if key not in entries else entries[key]
    # Named but called off (or about another matter): an entry in review, never ready.
    for first, last, id_text in reading.get("unwanted", []):
        entries[normalise_id(id_text) or ("no-id", fold(first), fold(last), id_text)] = "review"
    ready = sorted(k for k, status in entries.items() if status == "ready")
    needs_review = not entries or any(status == "review" for status in entries.values())
    return True, needs_review, ready, problems


def verify(
    users: list[dict[str, str]],
    orgs: list[dict[str, str]],
    tickets: dict[str, dict[str, Any]],
    truth: dict[str, dict[str, Any]],
    reading: dict[str, dict[str, Any]],
) -> list[str]:
    errors = []
    if set(tickets) != set(truth) or set(tickets) != set(reading):
        errors.append("tickets, truth.json and READING do not list the same ticket IDs")
    fields = ["id", "subject", "category", "requester", "content_type", "body", "created_at"]
    judgement = 0
    for ticket_id in sorted(set(tickets) & set(truth) & set(reading)):
        ticket, entry, read = tickets[ticket_id], truth[ticket_id], reading[ticket_id]
        if sorted(ticket) != sorted(fields):
            errors.append(f"{ticket_id}: ticket fields are {sorted(ticket)}")
        if ticket["content_type"] not in ("text/plain", "text/html"):
            errors.append(f"{ticket_id}: content_type {ticket['content_type']!r}")
        errors += check_text(ticket_id, ticket, read)
        reset, needs_review, ready, problems = expected(ticket, read, users, orgs)
        errors += problems
        if entry["reset_request"] != reset:
            errors.append(f"{ticket_id}: reset_request {entry['reset_request']} != {reset}")
        if entry["needs_review"] != needs_review:
            errors.append(f"{ticket_id}: needs_review {entry['needs_review']} != {needs_review}")
        if entry["ready"] != ready:
            errors.append(f"{ticket_id}: ready {entry['ready']} != {ready}")
        if ("not_reset" in entry["tags"]) == reset:
            errors.append(f"{ticket_id}: the not_reset tag disagrees with reset_request")
        if not entry.get("why"):
            errors.append(f"{ticket_id}: no why")
        judgement += "judgement_call" in entry["tags"]
    if truth and judgement / len(truth) >= MAX_JUDGEMENT_SHARE:
        errors.append(f"{judgement} judgement calls is not under {MAX_JUDGEMENT_SHARE:.0%}")
    return errors


def first_ready(truth: dict[str, dict[str, Any]]) -> str:
    return next(t for t in sorted(truth) if truth[t]["ready"])


def self_test(
    users: list[dict[str, str]],
    orgs: list[dict[str, str]],
    tickets: dict[str, dict[str, Any]],
    truth: dict[str, dict[str, Any]],
) -> int:
    clean = verify(users, orgs, tickets, truth, READING)
    if clean:
        print("self-test needs a clean corpus first:", *clean, sep="\n  ")
        return 1
    target = first_ready(truth)
    reset_review = next(t for t in sorted(truth) if truth[t]["needs_review"])
    sid = truth[target]["ready"][0]
    requester = tickets[target]["requester"]

    def wrong_ready(t: Any, r: Any, u: Any) -> None:
        t[target]["ready"] = sorted(t[target]["ready"] + ["0999999"])

    def missing_ready(t: Any, r: Any, u: Any) -> None:
        t[target]["ready"] = t[target]["ready"][1:]

    def flip_review(t: Any, r: Any, u: Any) -> None:
        t[reset_review]["needs_review"] = False

    def flip_reset(t: Any, r: Any, u: Any) -> None:
        t[target]["reset_request"] = False

    def misread_name(t: Any, r: Any, u: Any) -> None:
        first, last, id_text = r[target]["students"][0]
        r[target]["students"][0] = ("Zzyzx", last, id_text)

    def dropped_student(t: Any, r: Any, u: Any) -> None:
        r[target]["students"] = [s for s in r[target]["students"] if normalise_id(s[2]) != sid]

    def disabled_student(t: Any, r: Any, u: Any) -> None:
        next(x for x in u if x["identifier"] == sid)["enabledUser"] = "false"

    def moved_requester(t: Any, r: Any, u: Any) -> None:
        next(x for x in u if x["email"] == requester)["orgSourcedIds"] = "nowhere"

    def many_judgements(t: Any, r: Any, u: Any) -> None:
        for ticket_id in sorted(t)[:12]:
            t[ticket_id]["tags"] = t[ticket_id]["tags"] + ["judgement_call"]

    mutations = [
        ("a wrong ID added to a ready set", wrong_ready),
        ("a ready ID removed", missing_ready),
        ("needs_review flipped", flip_review),
        ("reset_request flipped", flip_reset),
        ("a name in READING that is not in the ticket", misread_name),
        ("a student left out of READING", dropped_student),
        ("a ready student disabled in the roster", disabled_student),
        ("the requester moved to another school", moved_requester),
        ("too many judgement calls", many_judgements),
    ]
    failed = 0
    for label, mutate in mutations:
        t, r, u = copy.deepcopy(truth), copy.deepcopy(READING), copy.deepcopy(users)
        mutate(t, r, u)
        errors = verify(u, orgs, tickets, t, r)
        status = "caught" if errors else "MISSED"
        failed += not errors
        print(f"{status:7} {label}: {errors[0] if errors else ''}")
    print("self-test passed" if not failed else f"self-test: {failed} planted errors missed")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Check truth.json against the roster.")
    parser.add_argument("--self-test", action="store_true", help="plant errors, check they fail")
    parser.add_argument("--roster", type=Path, default=HERE / "roster")
    parser.add_argument("--tickets", type=Path, default=HERE / "tickets")
    parser.add_argument("--truth", type=Path, default=HERE / "truth.json")
    args = parser.parse_args()
    users, orgs = load_roster(args.roster)
    tickets = load_tickets(args.tickets)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    if args.self_test:
        return self_test(users, orgs, tickets, truth)
    errors = verify(users, orgs, tickets, truth, READING)
    for error in errors:
        print(error)
    ready = sum(len(entry["ready"]) for entry in truth.values())
    print(f"{len(truth)} tickets, {ready} ready IDs: " + ("OK" if not errors else "FAILED"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
