#!/usr/bin/env python3
"""Re-check corpus_blind3/truth.json from a hand-written reading of every ticket.

READING below says, for each ticket, whether it is a reset request (rule 1) and which students
it names, written exactly as in the ticket (first, last, ID text) plus any text that rule 4
lets a reader ignore (a middle name, a suffix the roster does not have, a nickname in
parentheses). This script then applies rules 2-7 to the roster on its own and asserts that
truth.json agrees. It never runs or imports the project's parser.

    python3 verify_truth.py                 # exit 0 when truth.json agrees
    python3 verify_truth.py --self-test     # also prove that planted errors are caught
    python3 verify_truth.py --truth bad.json --roster /tmp/roster7

Standard library only.
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

HERE = Path(__file__).resolve().parent
USERS_COLUMNS = [
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
ORGS_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "name",
    "type",
    "identifier",
    "parentSourcedId",
]
TICKET_KEYS = {"id", "subject", "category", "requester", "content_type", "body", "created_at"}
TRUTH_KEYS = {"reset_request", "needs_review", "ready", "tags", "why"}
STAFF_ROLES = {"teacher", "administrator", "aide"}
WRITTEN_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
# Labels a reader drops in front of the number (rule 3). "lunch number" is the judgement call
# listed in README.md: the written number is taken literally.
ID_LABEL = re.compile(
    r"^(?:her id is|his id is|id is|student id|stu id|perm id|local id|ssid|sid|id#|id|"
    r"no\.|nr\.|lunch number|lunch #|student #|#)\s*:?\s*",
    re.IGNORECASE,
)
# Rule 4 ignores case, accents, hyphens, apostrophes and spaces; nothing else (periods count).
IGNORED_IN_NAMES = re.compile(r"[\s\-'\u2019\u2018]")

# Tickets that ask for students without naming any (rule 7, second bullet).
NONE_EXTRACTED = {"D-5040", "D-5059", "D-5088", "D-5147"}

# ticket id: (is a reset request, [(first, last, ID text or None or several, [ignored]), ...])
READING: dict[str, tuple[bool, list[tuple]]] = {
    "D-5001": (
        True,
        [
            ("Kaylee", "Brandt", "0441852"),
            ("Owen", "Trask", "0442017"),
            ("Nevaeh", "Coombs", "0441396"),
        ],
    ),
    "D-5002": (
        True,
        [
            ("Brayden", "Koenig", "0348810"),
            ("Hailey", "Sturgis", "0351147"),
            ("Tyrese", "Mabry", "0346603"),
        ],
    ),
    "D-5003": (
        False,
        [],
    ),
    "D-5004": (
        True,
        [
            ("Paisley", "Ambrose", "0421178"),
            ("Jaxon", "Wilder", "0420963"),
            ("Mckenna", "Dorsey", "0422340"),
        ],
    ),
    "D-5005": (
        True,
        [
            ("LIAM", "BOYLE", "0461127"),
            ("CHIDERA", "OKAFOR", "0460884"),
            ("PA NHIA", "VANG", "0462209"),
            ("GIANNA", "RUSSO", "0459973"),
        ],
    ),
    "D-5006": (
        True,
        [
            ("Jordan", "Pelletier-Grant", "0483310"),
            ("Ximena", "Castro Ruiz", "0484471"),
            ("Elijah", "Whitfeather", "0482296"),
        ],
    ),
    "D-5007": (
        False,
        [],
    ),
    "D-5008": (
        True,
        [
            ("Colton", "Reinholt", "0389142"),
            ("Addison", "Feeney", "0390018"),
            ("Mike", "Stavros", "0388705"),
            ("Jaylynn", "Fort", "0389967"),
        ],
    ),
    "D-5009": (
        True,
        [
            ("Harper", "Quist", "0447731"),
            ("Declan", "O'Shea", "0448102"),
            ("Aubree", "St. Onge", "0447265"),
            ("Wyatt", "Lemieux", "0448390"),
        ],
    ),
    "D-5010": (
        False,
        [
            ("Addison", "Feeney", "0390018"),
            ("Colton", "Reinholt", "0389142"),
        ],
    ),
    "D-5011": (
        True,
        [
            ("Sophia", "Lindahl", "[0416634]"),
            ("Grayson", "Pike", "#0417790"),
            ("Ruby", "Hartline", "[0416021]"),
        ],
    ),
    "D-5012": (
        True,
        [
            ("Riley", "Mc Allister", "0337412"),
            ("Fiona", "MacLeod", "0339905"),
            ("Sean", "ORourke", "0336218"),
            ("Gabriella", "D’Amico", "0340771"),
        ],
    ),
    "D-5013": (
        True,
        [
            ("Lily", "Haugen", "0394410"),
            ("Nathan", "Haugen", "0338827"),
            ("Isaac", "Fairbanks", "0395562"),
        ],
    ),
    "D-5014": (
        True,
        [
            ("Brooklyn", "Fenstermacher", "0486015"),
            ("Tobias", "Quill", "0485207"),
        ],
    ),
    "D-5015": (
        True,
        [
            ("Kenji", "Watanabe", "0349021"),
            ("Alondra", "Becerra", "0350376"),
        ],
    ),
    "D-5016": (
        True,
        [
            ("Emmett", "Larkin", "0386610"),
            ("Zoe", "Tremblay", "0387734"),
            ("Amara", "Nwosu", "0388091"),
        ],
    ),
    "D-5017": (
        False,
        [
            ("Brayden", "Koenig", "0348810"),
        ],
    ),
    "D-5018": (
        True,
        [
            ("Camila", "Ortega", "0446519"),
            ("Henry", "Solberg", "0445802"),
            ("Quinn", "Abernathy", "0463348"),
            ("Mila", "Jorgensen", "0487723"),
        ],
    ),
    "D-5019": (
        False,
        [
            ("Zoe", "Tremblay", "0387734"),
        ],
    ),
    "D-5020": (
        False,
        [
            ("Liam", "Boyle", "0461127"),
        ],
    ),
    "D-5021": (
        True,
        [
            ("Declan", "Voss", "0418852"),
            ("Abigail", "Merrow", "0419203"),
        ],
    ),
    "D-5022": (
        True,
        [
            ("Jace", "Holloway", "0462715"),
            ("Elise", "Fournier", "0461990"),
        ],
    ),
    "D-5023": (
        True,
        [
            ("Mateo", "Guzmán", "0460231"),
            ("Valeria", "Ríos", "0459418"),
        ],
    ),
    "D-5024": (
        True,
        [
            ("Noah", "Brandvold", "0452208"),
            ("Eliana", "Whitaker", "0423871"),
            ("Dominic", "Ferraro", "0367715"),
        ],
    ),
    "D-5025": (
        False,
        [
            ("Kaylee", "Brandt", "0441852"),
            ("Owen", "Trask", "0442017"),
            ("Nevaeh", "Coombs", "0441396"),
        ],
    ),
    "D-5026": (
        False,
        [
            ("Tyrese", "Mabry", "0346603"),
        ],
    ),
    "D-5027": (
        False,
        [
            ("Greyson", "Tidwell", "0485590"),
        ],
    ),
    "D-5028": (
        True,
        [
            ("Marisa", "Vukovich", "0321754"),
            ("Darnell", "Oyelaran", "0322019"),
        ],
    ),
    "D-5029": (
        True,
        [
            ("Hunter", "Bly", ("0344196", "0344169")),
            ("Selena", "Marquardt", "0345530"),
        ],
    ),
    "D-5030": (
        True,
        [
            ("Emmett", "Larkin", "0386610"),
            ("Jonah", "Pruett", "0387205"),
            ("Emmett", "Larkin", "0386610"),
            ("Jonah", "Pruett", "O387205"),
        ],
    ),
    "D-5031": (
        True,
        [
            ("Aria", "Castellanos", "SID 0424417"),
            ("Bentley", "Marsh", "Stu ID: 0425038"),
            ("Lucia", "Fernández-Ibarra", "Perm ID 0423592"),
            ("Kai", "Nakoa", "Local ID 0424880"),
        ],
    ),
    "D-5032": (
        True,
        [
            ("Landon", "Schiller", "No. 0419964"),
            ("Adeline", "Vogt", "Nr. 0420517"),
            ("Maverick", "Dunn", "lunch number 0418740"),
            ("Sadie", "Rourke", "lunch # 31877"),
        ],
    ),
    "D-5033": (
        True,
        [
            ("E.", "Marchand", "0483977"),
            ("Robert", "Kline", "0484150", ("paren", "(Bobby)")),
            ("Savannah", "", "0482871"),
        ],
    ),
    "D-5034": (
        True,
        [
            ("Dante", "Hollis Jr.", "0485644"),
            ("Marcus", "Washington III", "0486302"),
            ("Kayden", "Pruitt II", "0484919"),
        ],
    ),
    "D-5035": (
        True,
        [
            ("Dante", "Hollis", "0485644"),
            ("Marcus", "Washington", "0486302"),
            ("Caleb", "Fontaine Jr.", "0483528"),
        ],
    ),
    "D-5036": (
        True,
        [
            ("Mohamed", "Abdi", "0449317"),
            ("Thao", "Lee", "0465102"),
            ("Yusuf", "Hassan", "0489041"),
            ("Nimo", "Farah", "0426655"),
        ],
    ),
    "D-5037": (
        True,
        [
            ("Aiden", "Tessier", "0450127"),
            ("Harmony", "Blaisdell", "0481655"),
        ],
    ),
    "D-5038": (
        True,
        [
            ("Lincoln", "Barrett", "0443914"),
            ("Eleanor", "Quimby", "0444586"),
            ("Mateo", "Jimenez", "0446080"),
        ],
    ),
    "D-5039": (
        False,
        [
            ("Thao", "Lee", "0465102"),
        ],
    ),
    "D-5040": (
        True,
        [],
    ),
    "D-5041": (
        True,
        [
            ("Bryce", "Tollefson", "0391284"),
            ("Jaden", "Okoro", "0357406"),
            ("Trinity", "Bauer", "0356018"),
        ],
    ),
    "D-5042": (
        True,
        [
            ("Zoe", "Tremblay", "0387734"),
            ("Amara", "Nwosu", "0388019"),
            ("Emmett", "Larkin", "0386601"),
        ],
    ),
    "D-5043": (
        True,
        [
            ("Kenji", "Watanabe", "349021"),
            ("Alondra", "Becerra", "O35O376"),
            ("Marcus", "Whitlock", "0343O59"),
        ],
    ),
    "D-5044": (
        True,
        [
            ("Trent", "Oakley", "03S2284"),
            ("Makayla", "Gorski", "034l1902"),
            ("Jalen", "Stroud", "03517706"),
            ("Piper", "Lindquist", "03466"),
            ("Carmen", "Ybarra", "0347712"),
        ],
    ),
    "D-5045": (
        True,
        [
            ("Kinsley", "Moreau", "0421456"),
            ("Liam", "Johnson", None),
            ("Ava", "Martin", "0422873"),
        ],
    ),
    "D-5046": (
        True,
        [
            ("Ava", "Martin", "0422873"),
            ("Ava", "Martin", "0422837"),
        ],
    ),
    "D-5047": (
        False,
        [],
    ),
    "D-5048": (
        True,
        [
            ("Lucas", "Pham", "0460317"),
            ("Harper", "Dionne", "0461542"),
            ("Jasper", "Kellerman", "0462088"),
        ],
    ),
    "D-5049": (
        True,
        [
            ("Stella", "Harjo", "0443308"),
            ("Brody", "Lindgren", "0444761"),
        ],
    ),
    "D-5050": (
        True,
        [
            ("Ava", "", "0445129"),
            ("Mia", "Lindgren", "0445130"),
        ],
    ),
    "D-5051": (
        True,
        [
            ("Samir", "Haddad", "0390552"),
            ("Leah", "Brunelle", "0391037"),
            ("Ezra", "Whitcomb", "0389420"),
        ],
    ),
    "D-5052": (
        True,
        [
            ("Michael", "Stavros", "0388705"),
            ("Jaelynn", "Fort", "0389967"),
        ],
    ),
    "D-5053": (
        False,
        [],
    ),
    "D-5054": (
        True,
        [
            ("Kolby", "Fenner", "0388019"),
            ("Hadley", "O’Connell", "0386952"),
            ("Rowan", "St Pierre", "0387488"),
        ],
    ),
    "D-5055": (
        True,
        [
            ("Piper", "Lindquist", "0346601"),
            ("Adrian", "Kowalczyk", "0425519"),
            ("Skylar", "Dube", "0487102"),
        ],
    ),
    "D-5056": (
        False,
        [],
    ),
    "D-5057": (
        False,
        [
            ("Kai", "Nakoa", "0424880"),
        ],
    ),
    "D-5058": (
        False,
        [
            ("Landon", "Schiller", "0419964"),
        ],
    ),
    "D-5059": (
        True,
        [],
    ),
    "D-5060": (
        True,
        [
            ("Jaden", "Okoro", "0357406"),
        ],
    ),
    "D-5061": (
        True,
        [
            ("Bao", "Nguyen", "0352290"),
            ("Khoa", "Nguyen", "0352291"),
            ("Jasmine", "Abernathy-Cole", "0353384"),
        ],
    ),
    "D-5062": (
        True,
        [
            ("Bao", "", "0352290"),
            ("Khoa", "", "0352291"),
        ],
    ),
    "D-5063": (
        True,
        [
            ("Isabella", "Cortez", "Her ID is 0392251"),
            ("Gavin", "Thorsen", "ID 0393006"),
        ],
    ),
    "D-5064": (
        False,
        [],
    ),
    "D-5065": (
        True,
        [
            ("Owen", "Marchetti", "039-2874"),
            ("Alana", "Kealoha", "0393 115"),
            ("Jonah", "Pruett", "0387205"),
        ],
    ),
    "D-5066": (
        True,
        [
            ("Mary Kate", "Donnelly", "0463901"),
            ("Anna Lucia", "Ferreira", "0464417"),
            ("John", "Ostrowski", "0462650", ("middle", "Paul")),
        ],
    ),
    "D-5067": (
        True,
        [
            ("Mary", "Donnelly", "0463901"),
        ],
    ),
    "D-5068": (
        False,
        [
            ("Jaden", "Okoro", "0357406"),
        ],
    ),
    "D-5069": (
        True,
        [
            ("MARISA", "VUKOVICH", "0321754"),
            ("DARNELL", "OYELARAN", "0322019"),
            ("NOELLE", "ST CLAIR", "0323377"),
        ],
    ),
    "D-5070": (
        True,
        [
            ("Noelle", "St. Clair", "0323377"),
        ],
    ),
    "D-5071": (
        False,
        [
            ("Noelle", "St. Clair", "0323377"),
        ],
    ),
    "D-5072": (
        True,
        [
            ("Harmony", "Blaisdell", "0481655"),
            ("Skylar", "Dube", "0487102"),
            ("Ezekiel", "Armendariz", "0482543"),
            ("Greta", "Lindholm", "0486770"),
        ],
    ),
    "D-5073": (
        True,
        [
            ("Signe", "Halvorsen", "0425771"),
            ("Dylan", "Ochoa", "0424102"),
            ("Adrian", "Kowalczyk", "0425519"),
            ("Minh Chau", "Tran", "0426208"),
        ],
    ),
    "D-5074": (
        True,
        [
            ("Isabella", "Cortez", "0392251"),
            ("Amara", "Nwosu", "0388091"),
            ("Trinity", "Bauer", "0356018"),
        ],
    ),
    "D-5075": (
        True,
        [
            ("Mateo", "Quintero", "0341187"),
        ],
    ),
    "D-5076": (
        True,
        [
            ("John", "Ostrowski", "ID 0462650", ("middle", "Paul")),
        ],
    ),
    "D-5077": (
        False,
        [],
    ),
    "D-5078": (
        True,
        [
            ("Landon", "Schiller", "0419964"),
            ("Jaden", "Okoro", "0357406"),
        ],
    ),
    "D-5079": (
        True,
        [
            ("Paisley", "Ambrose", "0421178"),
            ("Jaxon", "Wilder", "0420963"),
        ],
    ),
    "D-5080": (
        True,
        [
            ("Ivy", "Sandquist", "0442533"),
            ("Miles", "Okerlund", "0443027"),
        ],
    ),
    "D-5081": (
        True,
        [
            ("Harper", "Quist", None),
            ("Wyatt", "Lemieux", "0448390"),
        ],
    ),
    "D-5082": (
        False,
        [
            ("Brody", "Lindgren", "ID 0444761"),
        ],
    ),
    "D-5083": (
        True,
        [
            ("Elijah", "Whitfeather", "o482296"),
            ("Ximena", "Castro-Ruiz", "0484471"),
        ],
    ),
    "D-5084": (
        True,
        [
            ("Sophia", "Lindahl", "4166340"),
            ("Grayson", "Pike", "417790"),
            ("Ruby", "Hartline", "0416021"),
        ],
    ),
    "D-5085": (
        True,
        [
            ("Landon", "Schiller", "0419964"),
            ("Adeline", "Vogt", "0420517"),
        ],
    ),
    "D-5086": (
        False,
        [],
    ),
    "D-5087": (
        True,
        [
            ("Carmen", "Ybarra", "0347712"),
            ("Marcus", "Whitlock", "0343059"),
        ],
    ),
    "D-5088": (
        True,
        [],
    ),
    "D-5089": (
        True,
        [
            ("Bao", "Nguyen", "00352290"),
            ("Selena", "Marquardt", "SSID 1048817236"),
            ("Jasmine", "Abernathy-Cole", "0353384"),
        ],
    ),
    "D-5090": (
        True,
        [
            ("Sofía", "Peña", "0463188"),
            ("Joaquin", "Muñoz", "0464052"),
            ("Ines", "Ybarra-Solis", "0460779"),
        ],
    ),
    "D-5091": (
        False,
        [
            ("Jasper", "Kellerman", "0462088"),
        ],
    ),
    "D-5092": (
        True,
        [
            ("Darnell", "Oyelaran", "0322019"),
            ("Autumn", "Pike", "0331456"),
            ("Beckett", "Grady", "0330822"),
        ],
    ),
    "D-5093": (
        True,
        [
            ("Hadley", "O'Connell", ("0386952", "0386925")),
            ("Kolby", "Fenner", "0388019"),
        ],
    ),
    "D-5094": (
        True,
        [
            ("Mary Kate", "Donnelly", "0463901"),
            ("Lucas", "Pham", "0460371"),
        ],
    ),
    "D-5095": (
        True,
        [
            ("Eliana", "Whitaker", "0423871"),
        ],
    ),
    "D-5096": (
        False,
        [
            ("Dominic", "Ferraro", "0367715"),
        ],
    ),
    "D-5097": (
        True,
        [
            ("Bryce", "Tollefson", "0391284"),
            ("Alana", "Kealoha", "0393115"),
        ],
    ),
    "D-5098": (
        True,
        [
            ("A.", "Castellanos", "0424417"),
            ("", "Marsh", "0425038"),
            ("Kai", "Nakoa", "0424880"),
        ],
    ),
    "D-5099": (
        False,
        [],
    ),
    "D-5100": (
        True,
        [
            ("Lily", "Haugen", "0394410"),
            ("Leah", "Brunelle", "0391037"),
        ],
    ),
    "D-5101": (
        False,
        [
            ("Trent", "Oakley", "0352284"),
        ],
    ),
    "D-5102": (
        True,
        [
            ("Trent", "Oakley", "0352284"),
            ("Makayla", "Gorski", "0341902"),
            ("Jalen", "Stroud", "0351770"),
            ("Piper", "Lindquist", "0346601"),
        ],
    ),
    "D-5103": (
        False,
        [],
    ),
    "D-5104": (
        True,
        [
            ("Tobias", "Quill", "0485207"),
            ("Brooklyn", "Fenstermacher", "0486015"),
            ("Wren", "Abernathy", "0483802"),
        ],
    ),
    "D-5105": (
        False,
        [],
    ),
    "D-5106": (
        True,
        [
            ("Camila", "Ortega", "0446519"),
            ("Quinn", "Abernathy", "0463348"),
            ("Elliot", "Brandt", "0464903"),
        ],
    ),
    "D-5107": (
        True,
        [
            ("Sean", "O'Rourke", "0336218"),
            ("Kiara", "Blevins", "0318804"),
        ],
    ),
    "D-5108": (
        True,
        [
            ("Izzy", "Cortez", "0392251"),
            ("Gabe", "Lindqvist", "0394877"),
        ],
    ),
    "D-5109": (
        True,
        [
            ("Dante", "Hollis Jr.", "0485644"),
            ("Mila", "Jorgensen", "0487723"),
            ("Yusuf", "Hassan", "0489041"),
        ],
    ),
    "D-5110": (
        False,
        [
            ("Aylin", "Demir", "ID 0489977"),
        ],
    ),
    "D-5111": (
        True,
        [
            ("Ja'Marcus", "Hill", "0445977"),
            ("Deasia", "Rowe", "0446233"),
            ("Ke’Andre", "Simms", "0447012"),
        ],
    ),
    "D-5112": (
        True,
        [
            ("Elliot", "Brandt", "0464903"),
        ],
    ),
    "D-5113": (
        False,
        [],
    ),
    "D-5114": (
        True,
        [
            ("Jayden", "Cole", "0344710"),
            ("Jayden", "Cole", "0390124"),
            ("Esther", "Lund", "0427381"),
            ("Tobin", "Ames", "0427318"),
        ],
    ),
    "D-5115": (
        True,
        [
            ("Camila", "Ortega", "0446519"),
            ("Henry", "Solberg", "0445802"),
            ("Lincoln", "Barrett", "0443914"),
        ],
    ),
    "D-5116": (
        False,
        [],
    ),
    "D-5117": (
        True,
        [
            ("Gianna", "Russo", "0459973"),
            ("Chidera", "Okafor", "0460884"),
        ],
    ),
    "D-5118": (
        True,
        [
            ("Adeline", "Vogt", "0420517"),
            ("Sadie", "Rourke", "0421630"),
            ("Maverick", "Dunn", None),
        ],
    ),
    "D-5119": (
        False,
        [],
    ),
    "D-5120": (
        True,
        [
            ("Ezekiel", "Armendariz", "0482543"),
            ("Greta", "Lindholm", "0486770"),
            ("Wren", "Abernathy", "0483802"),
        ],
    ),
    "D-5121": (
        True,
        [
            ("Hadley", "O’Connell", "0386952"),
            ("Rowan", "St. Pierre", "0387488"),
            ("Zoe", "Tremblay", "0387734"),
        ],
    ),
    "D-5122": (
        True,
        [
            ("marisa", "vukovich", "0321754"),
            ("darnell", "oyelaran", "0322019"),
            ("noelle", "st. clair", "0323377"),
        ],
    ),
    "D-5123": (
        False,
        [],
    ),
    "D-5124": (
        True,
        [
            ("Aiden", "Tessier", "0450127"),
            ("Mohamed", "Abdi", "0449317"),
            ("Thao", "Lee", "0465102"),
        ],
    ),
    "D-5125": (
        True,
        [
            ("Mckenna", "Dorsey", "0422340"),
            ("Jaxon", "Wilder", "0420963"),
        ],
    ),
    "D-5126": (
        True,
        [
            ("Signe", "Halverson", "0425771"),
            ("Dylan", "Ochoa", "0424102"),
        ],
    ),
    "D-5127": (
        False,
        [
            ("Ivy", "Sandquist", "0442533"),
        ],
    ),
    "D-5128": (
        True,
        [
            ("Harper", "Quist", "0447731"),
            ("Declan", "O'Shea", "0448102"),
            ("Wyatt", "Lemieux", "0448390"),
        ],
    ),
    "D-5129": (
        True,
        [
            ("Owen", "Trask", "0442017"),
            ("Elliot", "Brandt", "0464903"),
        ],
    ),
    "D-5130": (
        True,
        [
            ("Ximena", "Castro-Ruiz", "0484 4710"),
            ("Elijah", "Whitfeather", "048-2296"),
        ],
    ),
    "D-5131": (
        False,
        [],
    ),
    "D-5132": (
        True,
        [
            ("Grayson", "Pike", "0417790"),
            ("Nora", "Blaine", "0417791"),
        ],
    ),
    "D-5133": (
        True,
        [
            ("Dominic", "Ferraro", "0367715"),
            ("Kiara", "Blevins", "0318804"),
            ("Tessa", "Rinaldi", "0366290"),
        ],
    ),
    "D-5134": (
        False,
        [
            ("Jalen", "Stroud", "0351770"),
        ],
    ),
    "D-5135": (
        True,
        [
            ("Selena", "Marquardt", "0345530"),
            ("Cora", "Lindemann", "0344169"),
        ],
    ),
    "D-5136": (
        True,
        [
            ("Jayden", "Cole", "#0344710"),
            ("Trent", "Oakley", "ID#0352284"),
        ],
    ),
    "D-5137": (
        False,
        [
            ("Landon", "Schiller", "0419964"),
            ("Adeline", "Vogt", "0420517"),
        ],
    ),
    "D-5138": (
        True,
        [
            ("Owen", "Marchetti", "0392874"),
        ],
    ),
    "D-5139": (
        True,
        [
            ("Amara", "Nwosu", "388091"),
        ],
    ),
    "D-5140": (
        False,
        [
            ("Zoe", "Tremblay", "0387734"),
        ],
    ),
    "D-5141": (
        True,
        [
            ("Hunter", "Bly", "0344196"),
            ("Tyrese", "Mabry", "0346603"),
        ],
    ),
    "D-5142": (
        True,
        [
            ("Gavin", "Thorsen", "0393006"),
        ],
    ),
    "D-5143": (
        False,
        [
            ("Kenji", "Watanabe", "0349021"),
        ],
    ),
    "D-5144": (
        True,
        [
            ("Sophia", "Lindahl", "0416634"),
            ("Tobias", "Quil", "0485207"),
            ("Isaac", "Fairbanks", "0395563"),
        ],
    ),
    "D-5145": (
        False,
        [
            ("Mateo", "Quintero", "0341187"),
        ],
    ),
    "D-5146": (
        True,
        [
            ("Panhia", "Vang", "04622O9"),
            ("Liam", "Boyle", "o461127"),
        ],
    ),
    "D-5147": (
        True,
        [],
    ),
    "D-5148": (
        False,
        [
            ("Hunter", "Bly", "0344196"),
        ],
    ),
    "D-5149": (
        True,
        [
            ("Brayden", "Koenig", "0348810", ("middle", "T.")),
            ("Hailey", "Sturgis", "0351147", ("middle", "M.")),
        ],
    ),
    "D-5150": (
        True,
        [
            ("Emma", "Vanderberg", "0393520"),
            ("Mateo", "DeLaCruz", "0392719"),
        ],
    ),
    "D-5151": (
        True,
        [
            ("Adrian", "Garcia", "0484388"),
        ],
    ),
    "D-5152": (
        False,
        [
            ("Kolby", "Fenner", "0388019"),
            ("Hadley", "O’Connell", "0386952"),
        ],
    ),
    "D-5153": (
        True,
        [
            ("Carmen", "Ybarra", "0347712"),
            ("Trent", "Oakley", "0352284"),
        ],
    ),
    "D-5154": (
        True,
        [
            ("Paisley", "Ambrose", "0421178"),
            ("Kinsley", "Moreau", "0421456"),
        ],
    ),
    "D-5155": (
        False,
        [
            ("Hailey", "Sturgis", "0351147"),
        ],
    ),
    "D-5156": (
        True,
        [
            ("Ana Lucia", "Ferreira", "0464417"),
            ("Esme", "Harrow", "0460371"),
        ],
    ),
    "D-5157": (
        True,
        [
            ("Mohamed", "Abdi", "0449317"),
            ("Thao", "Lee", "0465102"),
            ("Yusuf", "Hassan", "0489041"),
        ],
    ),
    "D-5158": (
        False,
        [
            ("Aylin", "Demir", "0489977"),
        ],
    ),
    "D-5159": (
        True,
        [
            ("Kenji", "Watanabe", "0349021"),
            ("Alondra", "Becerra", "0350376"),
            ("Marcus", "Whitlock", "0343059"),
        ],
    ),
    "D-5160": (
        True,
        [
            ("Emmett", "Larkin", "ID is 0386610"),
        ],
    ),
}


def name_key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return IGNORED_IN_NAMES.sub("", folded)


def normalise_id(written: str) -> str | None:
    """Rule 3: O for zero, a missing leading zero, spaces/dashes/#/labels; nothing else."""
    text = ID_LABEL.sub("", written.strip()).strip("[]().,;:")
    text = re.sub(r"[\s\-#]", "", text).replace("O", "0").replace("o", "0")
    if not text.isdigit():
        return None
    if len(text) == 6:
        text = "0" + text
    return text if len(text) == 7 else None


def load_roster(
    roster_dir: Path,
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], str]:
    with (roster_dir / "orgs.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == ORGS_COLUMNS, "orgs.csv header"
        orgs = [dict(zip(ORGS_COLUMNS, row, strict=True)) for row in reader]
    districts = [o["sourcedId"] for o in orgs if o["type"] == "district"]
    assert len(districts) == 1, "exactly one district org"
    with (roster_dir / "users.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == USERS_COLUMNS, "users.csv header"
        users = [dict(zip(USERS_COLUMNS, row, strict=True)) for row in reader]
    by_email = {u["email"]: u for u in users}
    students = {u["identifier"]: u for u in users if u["role"] == "student"}
    assert len(by_email) == len(users) and len(students) == sum(
        u["role"] == "student" for u in users
    ), "duplicate e-mail or student identifier"
    return by_email, students, districts[0]


def ticket_text(ticket: dict[str, str]) -> str:
    body = ticket["body"]
    return html.unescape(body) if ticket["content_type"] == "text/html" else body


def entry_ids(written: object) -> tuple[str | None, ...]:
    if written is None:
        return (None,)
    if isinstance(written, tuple):
        return tuple(normalise_id(w) for w in written)
    return (normalise_id(str(written)),)


def check_ignored(entry: tuple, student: dict[str, str] | None) -> list[str]:
    """The ignored text must be something rule 4 (or the suffix decision) lets a reader drop."""
    problems = []
    for kind, text in entry[3:]:
        if kind == "suffix":
            in_roster = student is not None and name_key(text) in name_key(
                student["familyName"] + student["middleName"] + student["givenName"]
            )
            if name_key(text) not in WRITTEN_SUFFIXES or in_roster:
                problems.append(f"suffix {text!r} may not be ignored")
        elif kind == "paren" and not (text.startswith("(") and text.endswith(")")):
            problems.append(f"parenthetical {text!r} is not in parentheses")
        elif kind not in ("suffix", "paren", "middle"):
            problems.append(f"unknown ignored kind {kind!r}")
    return problems


def is_active_staff(user: dict[str, str] | None) -> bool:
    """Rule 6, first half: an active, enabled teacher, administrator or aide."""
    return (
        user is not None
        and user["role"] in STAFF_ROLES
        and user["status"] == "active"
        and user["enabledUser"] == "true"
    )


def student_status(
    entry: tuple,
    requester: dict[str, str] | None,
    students: dict[str, dict[str, str]],
    district: str,
) -> tuple[str | None, str]:
    """Rules 3-6 for one distinct student: (ready ID or None, reason)."""
    first, last, written = entry[0], entry[1], entry[2]
    ids = {i for i in entry_ids(written)}
    if written is None:
        return None, "no ID"
    if len(ids) != 1 or None in ids:
        return None, "unusable or conflicting ID"
    sid = ids.pop()
    record = students.get(sid)
    if record is None:
        return None, "ID in no student record"
    if not (name_key(first) and name_key(last)):
        return None, "first or last name missing"
    written = {name_key(first), name_key(last)}
    recorded = {name_key(record["givenName"]), name_key(record["familyName"])}
    # Order does not matter (rule 4), but both written parts must be used.
    if written != recorded or len(written) == 1:
        return None, "name does not match the record"
    if record["status"] != "active" or record["enabledUser"] != "true":
        return None, "student inactive or disabled"
    if not is_active_staff(requester):
        return None, "requester may not ask for resets"
    requester_orgs = set(requester["orgSourcedIds"].split(","))
    if not requester_orgs & {record["orgSourcedIds"], district}:
        return None, "requester is at another school"
    return sid, "ready"


def distinct_entries(entries: list[tuple]) -> list[tuple]:
    """Rule 2: the same written name with the same normalised ID(s) is one student."""
    seen: dict[tuple, tuple] = {}
    for entry in entries:
        key = (
            frozenset(entry_ids(entry[2])) if entry[2] is not None else None,
            frozenset({name_key(entry[0]), name_key(entry[1])}),
        )
        seen.setdefault(key, entry)
    return list(seen.values())


def evaluate(
    tid: str, ticket: dict[str, str], roster: tuple
) -> tuple[bool, bool, list[str], list[str]]:
    by_email, students, district = roster
    is_reset, entries = READING[tid]
    requester = by_email.get(ticket["requester"])
    problems, ready, review = [], [], []
    text = ticket_text(ticket)
    for entry in entries:
        pieces = [
            entry[0],
            entry[1],
            *(w for w in (entry[2] if isinstance(entry[2], tuple) else (entry[2],)) if w),
            *(text_ for _, text_ in entry[3:]),
        ]
        problems += [
            f"{piece!r} is not in the ticket text"
            for piece in pieces
            if piece and piece not in text
        ]
    for entry in distinct_entries(entries):
        sid, reason = student_status(entry, requester, students, district)
        record = students.get(sid or "") or next(
            (students[i] for i in entry_ids(entry[2]) if i and i in students), None
        )
        problems += check_ignored(entry, record)
        if sid and is_reset:
            ready.append(sid)
        else:
            review.append(f"{entry[0]} {entry[1]}: {reason if is_reset else 'not a reset'}")
    if tid in NONE_EXTRACTED:
        if entries or not is_reset:
            problems.append("NONE_EXTRACTED ticket must be a reset request naming nobody")
    needs_review = is_reset and (bool(review) or tid in NONE_EXTRACTED)
    return is_reset, needs_review, sorted(ready), problems


def verify(tickets_dir: Path, truth: dict, roster: tuple) -> list[str]:
    errors = []
    tickets = {}
    for path in sorted(tickets_dir.glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        if set(ticket) != TICKET_KEYS or ticket["id"] != path.stem:
            errors.append(f"{path.name}: bad ticket shape or id")
        tickets[ticket["id"]] = ticket
    if set(tickets) != set(truth) or set(truth) != set(READING):
        errors.append("tickets, truth.json and READING do not list the same tickets")
        return errors
    for tid in sorted(truth):
        expected = truth[tid]
        if set(expected) != TRUTH_KEYS or not expected["tags"] or not expected["why"]:
            errors.append(f"{tid}: truth entry shape")
            continue
        is_reset, needs_review, ready, problems = evaluate(tid, tickets[tid], roster)
        errors += [f"{tid}: {p}" for p in problems]
        if expected["ready"] != sorted(expected["ready"]):
            errors.append(f"{tid}: ready list is not sorted")
        got = {"reset_request": is_reset, "needs_review": needs_review, "ready": ready}
        for field, value in got.items():
            want = sorted(expected[field]) if field == "ready" else expected[field]
            if value != want:
                errors.append(f"{tid}: {field} truth={want} recomputed={value}")
    return errors


def self_test(tickets_dir: Path, truth: dict, roster: tuple) -> list[str]:
    """Plant one error of each kind and make sure verify() reports it."""
    failures = []
    by_email, students, district = roster
    plants = []
    bad = copy.deepcopy(truth)
    bad["D-5001"]["ready"].append("0123456")
    plants.append(("extra ready ID", bad, roster))
    bad = copy.deepcopy(truth)
    bad["D-5008"]["needs_review"] = False
    plants.append(("needs_review flipped", bad, roster))
    bad = copy.deepcopy(truth)
    bad["D-5003"]["reset_request"] = True
    plants.append(("reset_request flipped", bad, roster))
    disabled = copy.deepcopy(students)
    disabled["0441852"]["enabledUser"] = "false"
    plants.append(("student disabled in roster", truth, (by_email, disabled, district)))
    moved = copy.deepcopy(by_email)
    moved["karen.whitlow@tamarackvalley.k12.example"]["orgSourcedIds"] = "nowhere"
    plants.append(("requester moved school", truth, (moved, students, district)))
    for label, planted_truth, planted_roster in plants:
        if not verify(tickets_dir, planted_truth, planted_roster):
            failures.append(f"self-test: planted '{label}' was not caught")
        else:
            print(f"self-test: planted '{label}' caught")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", type=Path, default=HERE / "truth.json")
    parser.add_argument("--roster", type=Path, default=HERE / "roster")
    parser.add_argument("--tickets", type=Path, default=HERE / "tickets")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    roster = load_roster(args.roster)
    errors = verify(args.tickets, truth, roster)
    if args.self_test and not errors:
        errors = self_test(args.tickets, truth, roster)
    for error in errors:
        print(error)
    ready = sum(len(t["ready"]) for t in truth.values())
    resets = sum(t["reset_request"] for t in truth.values())
    print(
        f"verify_truth: {len(truth)} tickets, {resets} reset requests, {ready} ready IDs, "
        f"{len(errors)} problem(s)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
