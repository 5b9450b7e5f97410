#!/usr/bin/env python3
# ruff: noqa: E501, UP031  -- standalone stdlib data scripts: long literal ticket bodies, printf like score.py
"""Independent check of truth.json: applies the policy (rules 1-8) to a hand-written READING
of every ticket and the roster, and compares with truth.json. Exit 0 when they agree.

READING[ticket] = (is a reset request, refers to students it does not list, mentions).
A mention is "given|family|id as written" ('' when absent). A leading '-' marks a mention the
ticket itself retracted: it must never be ready and is not an entry. Standard library only.
"""

import csv
import html
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

R = {
    1: (1, 0, ["Liam|Carter|0311204", "Ava|Brooks|0311240", "Hodan|Warsame|312557"]),
    2: (0, 0, ["Ethan|Park|0325230"]),
    3: (1, 0, ["Mariah|Lopez|0315120", "Maria|Lopez|0315121"]),
    4: (0, 0, []),
    5: (1, 0, ["Amina|Yusuf|", "Idris|Abdi|0331580"]),
    6: (0, 0, []),
    7: (1, 0, ["Dylan|Brooks|0356513", "Caleb|Ward|0356531", "Maya|Patel|0357260"]),
    8: (1, 0, ["Sahra|Jama|0371982", "Guled|Aden|0391217"]),
    9: (1, 0, ["Tyler|Morgan|0376772"]),
    10: (1, 0, ["Andriy|Savchuk|O37-5016", "Kateryna|Moroz|0375453"]),
    11: (1, 0, ["Noor|Al-Sayed|0372803", "Omar|Al Farouq|0372361"]),
    12: (1, 0, ["Minh Chau|Pham|0393002", "Long|Bui|0393448"]),
    13: (0, 0, []),
    14: (1, 1, []),
    15: (1, 0, ["Mariam|Said|0359372", "Rania|Haddad|0352914"]),
    16: (0, 0, ["Jordan|Bailey|0377654"]),
    17: (1, 0, ["Liam|Carter|0311204", "Ava|Brooks|0311240"]),
    18: (1, 0, ["Hodan|Warsame|312557", "Abdirahman|Mohamed|O313018"]),
    19: (1, 0, ["EMMA|WALSH|0318520"]),
    20: (1, 0, ["Jayden|Ross|0338690"]),
    21: (1, 0, ["Jayden|Ross|"]),
    22: (1, 0, ["||0336834", "||0337411"]),
    23: (1, 0, ["Kou|Her|334607", "Nou|Moua|335112"]),
    24: (0, 0, []),
    25: (0, 0, []),
    26: (1, 0, ["Bohdan|Melnyk|03357700"]),
    27: (1, 0, ["Oksana|Tkachenko|03362S9"]),
    28: (1, 0, ["Aiden|Foster|0336834", "Lily|Evans|0337411"]),
    29: (1, 0, ["Lucas|Turner|0337414"]),
    30: (1, 0, ["Sophie|ONeil|0338052", "Mateo|DeLaCruz|0340982"]),
    31: (1, 0, ["Zoe|Martin|0317891", "Omar|OConnell|0316674", "Olena|Ostapenko|O317OO3"]),
    32: (0, 0, []),
    33: (1, 0, ["Ruby|Chavez|0339547", "Evelyn|Price|0340365"]),
    34: (1, 1, []),
    35: (1, 1, []),
    36: (
        1,
        0,
        [
            "Abdullahi|Farah|0351033",
            "Hamza|Osman|0351303",
            "Muhammad|Al-Amin|0352441",
            "Rania|Haddad|0352914",
            "Julia|Santos|0357884",
            "Elijah|Ford|0358409",
        ],
    ),
    37: (
        1,
        0,
        [
            "Abdiaziz|Hassan|0371455",
            "Sahra|Jama|0371982",
            "Tuan|Nguyen|0373248",
            "Thanh Truc|Le|0373689",
            "Yer|Thao|0374127",
        ],
    ),
    38: (1, 1, []),
    39: (
        1,
        0,
        [
            "Kia|Lee|0393891",
            "Mee|Vang|0394336",
            "Taras|Hnatiuk|0394780",
            "Sofiia|Kuzmenko|0395225",
            "Isaiah|Grant|0398336",
        ],
    ),
    40: (
        1,
        0,
        [
            "Abdirahman|Mohamed|0313018",
            "Faadumo|Cali|0313391",
            "Yusuf|ibn Tariq|0319066",
            "Leila|Al-Hassan|0319432",
        ],
    ),
    41: (
        1,
        0,
        [
            "Ayaan|Hirsi|0314462",
            "Bao|Pham|0333925",
            "Quang|Hoang|0354206",
            "Kateryna|Moroz|0375453",
            "Ubah|Ali|0391668",
        ],
    ),
    42: (0, 0, []),
    43: (0, 0, ["Marcus|Webb|0378530", "Destiny|Wright|0378967"]),
    44: (1, 0, ["Thao|Vue|0354719", "Chue|Yang|0355195", "Mykola|Kravchenko|0355632"]),
    45: (1, 0, ["Anastasiia|Lysenko|0356078", "Jose|Hernandez|0360699"]),
    46: (1, 0, ["Guled|Aden|0391217", "Yasmin|El-Amin|0392113"]),
    47: (
        1,
        0,
        [
            "Benjamin|Scott|0375890",
            "Natalie|Hughes|0376327",
            "Tyler|Morgan|0376772",
            "Savannah|Reyes|0377219",
        ],
    ),
    48: (1, 1, []),
    49: (1, 0, ["Jackson|Reed|0321345", "Harper|Gray|0321354"]),
    50: (1, 0, ["Mai|Vang|0322908", "Pa Houa|Xiong|0323116", "Tou|Lor|0323560"]),
    51: (1, 0, ["Rania|Haddad|0352914"]),
    52: (1, 0, ["Maya|Patel|0357260", "Aaliyah|Johnson|0358947"]),
    53: (1, 0, ["Grace|Kim|0327099", "Mason|Hill|0326447"]),
    54: (1, 0, ["Abdiaziz|Hassan|0371455", "Sahra|Jama|0371982", "Hodan|Warsame|0312557"]),
    55: (1, 0, ["Benjamin|Scott|0375890"]),
    56: (1, 0, ["Zainab|Mahamud|0341276", "Samira|Nur|0341672"]),
    57: (1, 0, ["Henry|Cole|0342204", "Nora|Quinn|0342859"]),
    58: (1, 0, ["Henry|Cole|0342204", "Ethan|Park|0325230", "Wyatt|Cole|0397447"]),
    59: (0, 0, []),
    60: (0, 0, []),
    61: (1, 0, ["Jayden|Ross|0339123"]),
    62: (1, 0, ["Hodan|Warsame|0312557"]),
    63: (1, 0, ["Liam|Carter|0311204"]),
    64: (
        1,
        0,
        ["Muhammad|Al Amin|0352441", "Ibrahim|ibn Rushd|0353377", "Abdullahi|Farah|0351033"],
    ),
    65: (1, 0, ["Mohamed|Al-Amin|0352441", "Hamza|Osman|0351303"]),
    66: (1, 0, ["Fadumo|Ali|0313391", "Abdirahman|Mohamed|0313018"]),
    67: (1, 0, ["Hodan|Warsame|0312557", "Ayaan|Hirsi|0314462"]),
    68: (1, 0, ["Taras|Hnatiuk|0394780", "Sofiia|Kuzmenko|0395225"]),
    69: (1, 0, ["Sofia|Kuzmenko|0395225"]),
    70: (1, 0, ["Yulia|Bondarenko|0324789", "Dmytro|Shevchenko|0324001"]),
    71: (1, 0, ["Minh Châu|Phạm|0393002", "Long|Bùi|0393448"]),
    72: (1, 0, ["Linh|Tran|0333251", "Nhu Y|Le|0334180"]),
    73: (1, 0, ["Khalid|bin Salem|0332046", "Fatima|Al Zahra|0332718"]),
    74: (1, 0, ["Hương|Võ|0353840", "Quang|Hoàng|0354206"]),
    75: (1, 0, ["Paj Huab|Xyooj|0323116"]),
    76: (1, 0, ["Mee|Vang|0394336", "Kia|Lee|0393891"]),
    77: (1, 0, ["Omar|Al-Farouq|0372361", "Noor|Al Sayed|0372803", "Aisha|Abdullah|0379404"]),
    78: (1, 0, ["Rania|Haddad|0352914", "Ibrahim|Ibn-Rushd|0353377"]),
    79: (1, 0, ["Софія|Кузьменко|0395225"]),
    80: (1, 0, ["Olena|Ostapenko|O3I7003"]),
    81: (1, 0, ["Minh Châu|Phạm|0393002", "Long|Bui|0393448"]),
    82: (1, 0, ["-Liam|Carter|0311240", "Liam|Carter|0311204"]),
    83: (1, 0, ["Aiden|Foster|0336834", "-Lily|Evans|0337411", "Lucas|Turner|0337414"]),
    84: (1, 0, ["-Maria|Lopez|0315120", "Mariah|Lopez|0315120"]),
    85: (1, 0, ["Ethan|Park|325230", "Chloe|Nguyen|0325668", "Ethan|Park|0325230"]),
    86: (1, 0, ["-Caleb|Ward|0356513", "Caleb|Ward|0356531"]),
    87: (1, 0, ["Kevin|Nguyen|0378093", "-Tuan|Nguyen|0373248"]),
    88: (1, 0, ["-Anh|Nguyen|0360254", "Anh|Nguyen|0360245"]),
    89: (1, 0, ["Samira|Nur|0341672", "-Zainab|Mahamud|0341267", "Zainab|Mahamud|0341276"]),
    90: (1, 0, ["-Sofia|Ramirez|0320117", "Sofia|Ramirez|0320771"]),
    91: (0, 0, ["-Olivia|O'Brien|0361130", "-Ryan|Mitchell|0361588"]),
    92: (1, 0, ["-Luis|Ortega|0380732", "Luis|Ortega|0380723"]),
    93: (1, 0, ["-Logan|Prince|0395669", "Logan|PRICE|0395669"]),
    94: (1, 0, ["Nathan|Cho|0399225", "-Eva|Horvat|0399670"]),
    95: (1, 0, ["Chloe|Dubois|0396114", "-Miguel|Torres|0396585", "Miguel|Torres|0396558"]),
    96: (1, 0, ["Isabella|Cruz|0326012", "Mason|Hill|0326447"]),
    97: (1, 0, ["Henry|Cole|0342204"]),
    98: (1, 0, ["Daniel|Kim|0379841", "Sara|Haile|0380286"]),
    99: (0, 0, ["Julia|Santos|0357884"]),
    100: (1, 0, ["Zara|Khan|0397892", "Wyatt|Cole|0397447"]),
    101: (0, 0, []),
    102: (0, 0, []),
    103: (1, 0, ["Muhammad|Al-Amin|352441"]),
    104: (0, 0, ["Tou|Lor|0323560"]),
    105: (1, 0, ["Amina|Yusuf|0331508"]),
    106: (0, 0, ["Liam|Carter|0311204"]),
    107: (1, 0, ["Harper|Gray|0321354"]),
    108: (0, 0, []),
    109: (0, 0, []),
    110: (1, 0, ["Ryan|Mitchell|0361588"]),
    111: (0, 0, []),
    112: (1, 0, ["Kevin|Nguyen|0378093"]),
    113: (0, 0, []),
    114: (1, 0, ["ZOË|MARTIN|0317891", "OMAR|O'CONNELL|0316674"]),
    115: (0, 0, ["Savannah|Reyes|0377219"]),
    116: (1, 0, ["Priya|Shah|0382034", "Jordan|Bailey|0377654"]),
    117: (1, 0, ["Mateo|De La Cruz|0340982", "Owen|Murphy|0340018"]),
    118: (1, 0, ["Bella|Rossi|0398781"]),
    119: (1, 0, ["Hannah|Lee|0362017", "Mariam|Said|"]),
    120: (0, 0, []),
}

# Roster middle names the ticket writes (rule 4: ignored when first and last match).
MIDDLE_WRITTEN = {72: {"Thi"}}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and c not in "-'’ ").casefold()


def norm_id(raw):
    """Rule 3. Returns a 7-digit ID or None."""
    s = re.sub(r"(?i)student\s*id|id#|id:|#|\s|-|\u200f|\u200e", "", raw)
    s = s.replace("O", "0").replace("o", "0")
    if not s.isdigit():
        return None
    if len(s) == 6:
        s = "0" + s
    return s if len(s) == 7 else None


def main():
    with open(os.path.join(HERE, "roster", "users.csv"), encoding="utf-8") as f:
        users = list(csv.DictReader(f))
    with open(os.path.join(HERE, "roster", "orgs.csv"), encoding="utf-8") as f:
        district = [o["sourcedId"] for o in csv.DictReader(f) if o["type"] == "district"][0]
    students = {u["identifier"]: u for u in users if u["role"] == "student"}
    by_email = {u["email"].lower(): u for u in users}
    with open(os.path.join(HERE, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    problems = []
    for n, (req, unlisted, mentions) in sorted(R.items()):
        tid = "V-%d" % (2000 + n)
        with open(os.path.join(HERE, "tickets", tid + ".json"), encoding="utf-8") as f:
            ticket = json.load(f)
        text = html.unescape(ticket["body"]).casefold()
        staff = by_email.get(ticket["requester"].lower())
        allowed = (
            staff is not None
            and staff["role"] in ("teacher", "administrator", "aide")
            and staff["status"] == "active"
            and staff["enabledUser"] == "true"
        )
        orgs = set(staff["orgSourcedIds"].split(",")) if staff else set()
        entries = {}  # student key -> ready?
        for m in mentions:
            retracted = m.startswith("-")
            given, family, raw = m.lstrip("-").split("|")
            for part in (given, family, raw):
                if part and part.casefold() not in text:
                    problems.append(f"{tid}: {part!r} not in the ticket text")
            if retracted:
                continue
            sid = norm_id(raw) if raw else None
            rec = students.get(sid) if sid else None
            ok = bool(req and rec and given and family)
            if ok:
                ok = {fold(given), fold(family)} == {
                    fold(rec["givenName"]),
                    fold(rec["familyName"]),
                }
            ok = ok and rec["status"] == "active" and rec["enabledUser"] == "true"
            ok = ok and allowed and (district in orgs or rec["orgSourcedIds"] in orgs)
            key = sid if ok else (fold(given) + fold(family) + (sid or ""))
            entries[key] = entries.get(key, False) or ok
        ready = sorted(k for k, v in entries.items() if v)
        if not req:
            ready = []
        review = req and (not all(entries.values()) or (unlisted and not entries) or (not entries))
        exp = truth.get(tid)
        got = {"reset_request": bool(req), "needs_review": bool(review), "ready": ready}
        if exp is None:
            problems.append(f"{tid} missing from truth.json")
            continue
        for k in got:
            if exp[k] != got[k]:
                problems.append(f"{tid} {k}: truth {exp[k]!r}, policy {got[k]!r}")
    if set(truth) != {"V-%d" % (2000 + n) for n in R}:
        problems.append("truth.json and READING cover different tickets")
    for p in problems:
        print(p)
    print("verify_truth: %d tickets, %d problems" % (len(R), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
