#!/usr/bin/env python3
"""Independent check of truth.json for the Quarry Hill blind corpus (standard library only).

READING below is written by hand from the ticket texts: for each ticket, whether it is a reset
request (rule 1), whether it refers to students none of whom can be extracted (rule 7), and every
student mention exactly as written (first, last, ID as written or None, and HOLD when the ticket
names the student but does not ask for them: held, already working, another speaker's, an
example). This script checks each mention occurs in the ticket text, applies rules 3-7 to the
roster and compares the result with truth.json. Exit 0 when they agree.
"""

import csv
import html
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ASK, HOLD = "ask", "hold"

# ticket -> (reset_request, unextracted, [(first, last, id_as_written_or_None, ASK|HOLD), ...])
READING = {
    "T-1301": (True, False, [("jose", "hernandez", "0512384", ASK)]),
    "T-1302": (
        True,
        False,
        [
            ("Thiago", "Araujo", "0577012", ASK),
            ("Beatriz", "Magalhaes", "0574460", ASK),
            ("Kevin", "Nguyen", "0563381", ASK),
        ],
    ),
    "T-1303": (
        True,
        False,
        [("wideline", "jean baptiste", "zero five four eight one two zero", ASK)],
    ),
    "T-1304": (
        True,
        False,
        [("Odile", "O'Connor", "oh 560040", ASK), ("Otavio", "Oliveira", "0556201", ASK)],
    ),
    "T-1305": (
        True,
        False,
        [("Jalen", "Brooks", "0 5 8 6 6 0 3", ASK), ("Sean", "O Malley", "0 5 8 9 1 4 0", ASK)],
    ),
    "T-1306": (True, False, [("jaylen", "brooks", "0586603", ASK)]),
    "T-1307": (
        True,
        False,
        [("Mike", "Tavares", "0582290", ASK), ("Gabriel", "Monteiro", "0591008", ASK)],
    ),
    "T-1308": (True, False, [("Minh Anh", "Tran", "588019", ASK)]),
    "T-1309": (
        True,
        False,
        [("Daniel", "Sa", "0580316", ASK), ("Rose Merline", "Dorceus", "0571104", ASK)],
    ),
    "T-1310": (
        True,
        False,
        [("widlyne", "louissaint", "0590727", ASK), ("mackenson", "pierre louis", "0548102", ASK)],
    ),
    "T-1311": (
        True,
        False,
        [("Kevin", "Nguyen", "0563318", ASK), ("Kevin", "Nguyen", "0563381", ASK)],
    ),
    "T-1312": (
        True,
        False,
        [("Ana Clara", "dos Santos", "0550937", ASK), ("Joao", "Gonçalves", "0531847", ASK)],
    ),
    "T-1313": (True, False, [("Beatriz", "Magalhães", "oh five seven four four six zero", ASK)]),
    "T-1314": (True, False, [("Sean", "O'Malley", "0589140", ASK)]),
    "T-1315": (
        True,
        False,
        [("Thiago", "Araujo", "0577012", ASK), ("Gabriel", "Monteiro", "0591008", ASK)],
    ),
    "T-1316": (
        True,
        False,
        [("José", "Hernández", "0512384", ASK), ("José", "Hernández", "0512384", ASK)],
    ),
    "T-1317": (False, False, [("Otavio", "Oliveira", "0556201", HOLD)]),
    "T-1318": (True, False, [("Kevin", "Nguyen", "0563338", ASK)]),
    "T-1319": (
        True,
        False,
        [("Maria Eduarda", "Lopes", "0584471", ASK), ("Odile", "O'Connor", "0560040", ASK)],
    ),
    "T-1320": (True, False, [("ana clara", "dos santos", "o55o937", ASK)]),
    "T-1321": (
        True,
        False,
        [("Thiago", "Araújo", "0577012", ASK), ("Beatriz", "Magalhães", "0574460", ASK)],
    ),
    "T-1322": (
        True,
        False,
        [("Jalen", "Brooks", "0586603", HOLD), ("Michael", "Tavares", "0582290", ASK)],
    ),
    "T-1323": (
        True,
        False,
        [("Rose-Merline", "Dorcéus", "0571104", ASK), ("Widlyne", "Louissaint", "0590277", ASK)],
    ),
    "T-1324": (
        True,
        False,
        [("Lucas", "De Souza", "0630145", ASK), ("Isabela", "Conceicao", "0614230", ASK)],
    ),
    "T-1325": (
        True,
        False,
        [("Samantha", "Joseph", "0626618", ASK), ("Orlando", "Ortiz", "0629004", ASK)],
    ),
    "T-1326": (
        True,
        False,
        [("Kevin", "Nguyen", "0563318", HOLD), ("Otavio", "Oliveira", "0556201", ASK)],
    ),
    "T-1327": (True, True, []),
    "T-1328": (
        True,
        False,
        [("Kiara", "Saint Jean", "0712201", ASK), ("Anthony", "Medeiros", "0710334", ASK)],
    ),
    "T-1329": (False, False, [("José", "Hernández", "0512384", HOLD)]),
    "T-1330": (True, False, [("Gabriela", "Monteiro", "0591008", ASK)]),
    "T-1331": (
        True,
        False,
        [("Ava", "Rocha", "0580623", ASK), ("Tuan", "Azevedo", "0491655", ASK)],
    ),
    "T-1332": (True, False, [("Lucas", "De Souza", None, ASK)]),
    "T-1333": (
        True,
        False,
        [
            ("Jean", "Dieujuste", "0617745", ASK),
            ("Sofia", "Pena", "0620981", ASK),
            ("Thiago", "Araujo", "0577012", ASK),
        ],
    ),
    "T-1334": (False, False, [("Mackenson", "Pierre-Louis", "0548102", HOLD)]),
    "T-1335": (
        True,
        False,
        [
            ("Christopher", "Van der Berg", "0623307", ASK),
            ("Orlando", "Ortiz", "0629004", ASK),
            ("Natalia", "Fortes", "0633902", ASK),
        ],
    ),
    "T-1336": (
        True,
        False,
        [("Pierre", "Etienne", "0443305", ASK), ("Stephanie", "D'Amico", "0446710", ASK)],
    ),
    "T-1337": (
        True,
        False,
        [
            ("Chloe", "Belizaire", "0418841", ASK),
            ("Emily", "Da Costa", "0413307", ASK),
            ("Valentina", "Ibanez", "0440318", HOLD),
        ],
    ),
    "T-1338": (
        True,
        False,
        [("Ximena", "Cruz", "0453789", ASK), ("Liam", "Harris", "0532593", ASK)],
    ),
    "T-1339": (
        True,
        False,
        [
            ("João Pedro", "Gonçalves", "0531847", ASK),
            ("Ana Clara", "dos Santos", "0550937", ASK),
            ("Maria Eduarda", "Lopes", "0584471", ASK),
        ],
    ),
    "T-1340": (
        True,
        False,
        [
            ("Wideline", "Jean-Baptiste", "0548120", ASK),
            ("Mackenson", "Pierre-Louis", "0548102", ASK),
            ("Widlyne", "Louissaint", "0590277", ASK),
        ],
    ),
    "T-1341": (
        True,
        False,
        [("Beatriz", "Magalhaes", "0574406", ASK), ("Thiago", "Araujo", "0577012", ASK)],
    ),
    "T-1342": (
        True,
        False,
        [("Rose-Merline", "Dorcéus", "0571104", ASK), ("Fabiola", "Saint-Fleur", "0579905", ASK)],
    ),
    "T-1343": (True, False, [("Isabela", "Conceição", "0614230", ASK)]),
    "T-1344": (
        True,
        False,
        [("Jean", "Dieujuste", "0617745", ASK), ("Samantha", "Joseph", "0626681", ASK)],
    ),
    "T-1345": (
        True,
        False,
        [("Sofia", "Pena", "0620981", ASK), ("Lucas", "De Souza", "0610552", ASK)],
    ),
    "T-1346": (False, False, [("Otávio", "Oliveira", "0556201", HOLD)]),
    "T-1347": (False, False, [("Wideline", "Jean-Baptiste", "0548120", HOLD)]),
    "T-1348": (False, False, [("Ana Clara", "dos Santos", "0550937", HOLD)]),
    "T-1349": (
        True,
        False,
        [("João Pedro", "Gonçalves", "0531847", ASK), ("João Pedro", "Gonçalves", "0531847", ASK)],
    ),
    "T-1350": (True, False, [("João Pedro", "Gonçalves", "0531847", ASK)]),
    "T-1351": (True, False, [("Wideline", "Jean-Baptiste", "0548120", ASK)]),
    "T-1352": (True, False, [("Sofía", "Peña", "0620981", ASK)]),
    "T-1353": (
        True,
        False,
        [("Widlyne", "Louissaint", "59O277", ASK), ("Mackenson", "Pierre Louis", "0548102", ASK)],
    ),
    "T-1354": (True, False, [("Chris", "Van der Berg", "0623307", ASK)]),
    "T-1355": (
        True,
        False,
        [
            ("Otávio", "Oliveira", "0556201", ASK),
            ("Maria Eduarda", "Lopes", "0584471", ASK),
            ("Beatriz", "Magalhães", "0574460", ASK),
        ],
    ),
    "T-1356": (False, False, [("Rose-Merline", "Dorcéus", "0571104", HOLD)]),
    "T-1357": (True, False, [("Orlando", "Ortiz", "O629OO4", ASK)]),
    "T-1358": (True, False, [("Valentina", "Ibáñez", "0440318", ASK)]),
    "T-1359": (
        True,
        False,
        [("Giovanna", "Carvalho", "0715590", ASK), ("Priscila", "Barbosa", "0721174", ASK)],
    ),
    "T-1360": (False, False, [("Beatriz", "Magalhães", "0574460", HOLD)]),
    "T-1361": (
        True,
        False,
        [
            ("Jose", "Hernandez", "0512384", ASK),
            ("Thiago", "Araujo", "0577012", ASK),
            ("Minh Anh", "Tran", "0588019", ASK),
        ],
    ),
    "T-1362": (
        True,
        False,
        [
            ("Gabriel", "Monteiro", "0591008", ASK),
            ("Gabriela", "Monteiro", "0591080", ASK),
            ("Kevin", "Nguyen", "563318", ASK),
        ],
    ),
    "T-1363": (
        True,
        False,
        [
            ("Lucas", "De Souza", "0610552", ASK),
            ("Samantha", "Joseph", "0626618", ASK),
            ("Isabela", "Conceicao", "0614230", ASK),
        ],
    ),
    "T-1364": (
        True,
        False,
        [
            ("Christopher", "Van der Berg", "0623307", ASK),
            ("Jean", "Dieujuste", "0617745", ASK),
            ("Orlando", "Ortiz", "629004", ASK),
        ],
    ),
    "T-1365": (
        True,
        False,
        [
            ("Odile", "O'Connor", "0560040", ASK),
            ("Sean", "O’Malley", "0589140", ASK),
            ("Daniel", "Sá", "0580316", ASK),
        ],
    ),
    "T-1366": (
        True,
        False,
        [
            ("Jose", "Hernandez", "0512384", ASK),
            ("Joao Pedro", "Goncalves", "053I847", ASK),
            ("Ana Clara", "dos Santos", "0550937", ASK),
        ],
    ),
    "T-1367": (
        True,
        False,
        [
            ("Yasmin", "St. Louis", "0501888", ASK),
            ("Nicolas", "Owens", "0715801", ASK),
            ("Amara", "Morales", "0812803", ASK),
        ],
    ),
    "T-1368": (
        True,
        False,
        [
            ("Stephanie", "D’Amico", "0446710", ASK),
            ("Valentina", "Ibanez", "0440318", ASK),
            ("Pierre", "Etienne", "0443350", ASK),
        ],
    ),
    "T-1369": (
        True,
        False,
        [
            ("ANTHONY", "MEDEIROS", "0710334", ASK),
            ("KIARA", "SAINT-JEAN", "0712201", ASK),
            ("ROBERTO", "NUNEZ", "0718806", ASK),
            ("RICHARD", "PIMENTEL", "0724459", ASK),
        ],
    ),
    "T-1370": (
        True,
        False,
        [
            ("Nathaniel", "Auguste", "0410223", ASK),
            ("Jayden", "Rodrigues", "0415560", ASK),
            ("Mateus", "Figueiredo", "0420076", ASK),
        ],
    ),
    "T-1371": (
        True,
        False,
        [("Jalen", "Brooks", "0586630", ASK), ("Michael", "Tavares", "0582290", ASK)],
    ),
    "T-1372": (
        True,
        False,
        [
            ("Maria Eduarda", "Lopes", "0584471", ASK),
            ("Samantha", "Joseph", "0626618", ASK),
            ("Giovanna", "Carvalho", "0715590", ASK),
        ],
    ),
    "T-1373": (
        True,
        False,
        [
            ("Kiara", "Saint-Jean", "0712201", ASK),
            ("Emily", "Da Costa", "0413307", ASK),
            ("Stephanie", "DAmico", "0446710", ASK),
            ("Isabela", "Conceição", "0614230", ASK),
        ],
    ),
    "T-1374": (
        True,
        False,
        [
            ("Otavio", "Oliveira", "0556201", ASK),
            ("Odile", "O'Connor", "O56OO4O", ASK),
            ("Jose", "Hernandez", "0512384", ASK),
        ],
    ),
    "T-1375": (
        True,
        False,
        [
            ("Thiago", "Araujo", "0577012", ASK),
            ("Beatriz", "Magalhaes", "05744 60", ASK),
            ("Kevin", "Nguyen", "0563381", ASK),
        ],
    ),
    "T-1376": (
        True,
        False,
        [("Jean", "Dieujuste", "06177456", ASK), ("Orlando", "Ortiz", "0629004", ASK)],
    ),
    "T-1377": (
        True,
        False,
        [
            ("Lucas", "De Souza", "0630145", ASK),
            ("Lucas", "De Souza", "0610552", ASK),
            ("Sofía", "Peña", "62098", ASK),
        ],
    ),
    "T-1378": (
        True,
        False,
        [("Kervens", "Reyes", "0598734", ASK), ("Fritzner", "Pereira", "0883094", ASK)],
    ),
    "T-1379": (
        False,
        False,
        [("Jose", "Hernandez", "0512384", HOLD), ("Minh Anh", "Tran", "0588019", HOLD)],
    ),
    "T-1380": (
        True,
        False,
        [
            ("Ava", "Rocha", "0580623", ASK),
            ("Zoe", "Orr", "0348307", ASK),
            ("Noah", "Correia", "0364340", ASK),
        ],
    ),
    "T-1381": (False, False, [("Jalen", "Brooks", "0586603", HOLD)]),
    "T-1382": (False, False, [("Thiago", "Araujo", "0577012", HOLD)]),
    "T-1383": (
        False,
        False,
        [
            ("Wideline", "Jean-Baptiste", "0548120", HOLD),
            ("Widlyne", "Louissaint", "0590277", HOLD),
        ],
    ),
    "T-1384": (False, False, [("Lucas", "De Souza", "0630145", HOLD)]),
    "T-1385": (False, False, []),
    "T-1386": (False, False, [("Michael", "Tavares", "0582290", HOLD)]),
    "T-1387": (False, False, [("Otávio", "Oliveira", "0556201", HOLD)]),
    "T-1388": (False, False, [("Samantha", "Joseph", "0626618", HOLD)]),
    "T-1389": (False, False, [("Maria Eduarda", "Lopes", "0584471", HOLD)]),
    "T-1390": (False, False, [("Kervens", "Reyes", "0598734", HOLD)]),
    "T-1391": (
        True,
        False,
        [("Beatriz", "Magalhães", "0574460", ASK), ("Thiago", "Araujo", "0577012", HOLD)],
    ),
    "T-1392": (
        True,
        False,
        [("Kevin", "Nguyen", "0563381", ASK), ("Sean", "O'Malley", "0589140", HOLD)],
    ),
    "T-1393": (True, False, [("Roberto", "Nunez", "0718806", ASK)]),
    "T-1394": (
        True,
        False,
        [
            ("Isabela", "Conceição", "0614230", HOLD),
            ("Jean", "Dieujuste", "0617745", HOLD),
            ("Christopher", "Van der Berg", "0623307", ASK),
        ],
    ),
    "T-1395": (False, False, [("Nathaniel", "Auguste", "0410223", HOLD)]),
    "T-1396": (
        False,
        False,
        [("Ava", "Rocha", "0580623", HOLD), ("Tuan", "Azevedo", "0491655", HOLD)],
    ),
    "T-1397": (False, False, [("Mackenson", "Pierre-Louis", "0548102", HOLD)]),
    "T-1398": (
        False,
        False,
        [("Jean", "Dieujuste", "0617745", HOLD), ("Orlando", "Ortiz", "0629004", HOLD)],
    ),
    "T-1399": (False, False, []),
    "T-1400": (
        True,
        False,
        [("Orlando", "Ortiz", "0629004", ASK), ("Samantha", "Joseph", "0626618", HOLD)],
    ),
    "T-1401": (False, False, [("Jose", "Hernandez", "0512384", HOLD)]),
    "T-1402": (False, False, [("Minh Anh", "Tran", "0588019", HOLD)]),
    "T-1403": (False, False, [("Linh", "Martinez", "0473873", HOLD)]),
    "T-1404": (False, False, [("Stephanie", "D'Amico", "0446710", HOLD)]),
    "T-1405": (
        True,
        False,
        [
            ("Gabriel", "Monteiro", "0591008", ASK),
            ("Odile", "O'Connor", "0560040", HOLD),
            ("Otavio", "Oliveira", "0556201", HOLD),
        ],
    ),
    "T-1406": (
        True,
        False,
        [
            ("Jalen", "Brooks", "O586603", ASK),
            ("Michael", "Tavares", "582290", ASK),
            ("Sean", "O'Malley", "0598140", ASK),
        ],
    ),
    "T-1407": (
        True,
        False,
        [
            ("Jose", "Hernandez", "512384", ASK),
            ("Thiago", "Araujo", "O577O12", ASK),
            ("Ana Clara", "dos Santos", "0550937", ASK),
        ],
    ),
    "T-1408": (True, False, [("Wideline", "Jean-Baptiste", "0548210", ASK)]),
    "T-1409": (
        True,
        False,
        [("Izzy", "Conceição", "0614230", ASK), ("Jean", "Dieujuste", "#0617745", ASK)],
    ),
    "T-1410": (
        True,
        False,
        [
            ("Kiara", "Saint-Jean", "0712210", ASK),
            ("Ricardo", "Pimentel", "0724459", ASK),
            ("Anthony", "Medeiros", "O71O334", ASK),
        ],
    ),
    "T-1411": (
        True,
        False,
        [("Samantha", "Joseph", "0626618", ASK), ("Orlando", "Ortiz", "0629004", ASK)],
    ),
    "T-1412": (True, False, [("Jalen", "Brooks", "0586603", ASK)]),
    "T-1413": (True, False, [("Michael", "Tavares", "0582290", ASK)]),
    "T-1414": (True, False, [("Kevin", "Nguyen", None, ASK), ("Jalen", "Brooks", "0586603", ASK)]),
    "T-1415": (
        True,
        False,
        [("Otavio", "Oliveira", "05562011", ASK), ("Ana Clara", "Santos", "0550937", ASK)],
    ),
    "T-1416": (
        True,
        False,
        [
            ("Minh-Anh", "Tran", "0588019", ASK),
            ("Maria Eduarda", "Lopes", "0584471", ASK),
            ("Thiago", "Araújo", "0577012", ASK),
        ],
    ),
    "T-1417": (True, True, []),
    "T-1418": (True, False, [("gabriel", "monteiro", "0591080", ASK)]),
    "T-1419": (
        True,
        False,
        [
            ("Odile", "O’Connor", "0560040", ASK),
            ("José", "Hernández", "0512384", ASK),
            ("Beatriz", "Magalhães", "574460", ASK),
        ],
    ),
    "T-1420": (
        True,
        False,
        [
            ("Pierre", "Etienne", "0443350", ASK),
            ("Liam", "Silva", "0494363", ASK),
            ("Valentina", "Ibanez", "0440318", ASK),
        ],
    ),
}

LABELS = re.compile(r"(?i)^(student\s*id|id\s*#|id:|id)\s*")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[-'\u2019\s]", "", s)


def normalise_id(written):
    """Rule 3: drop labels, spaces, dashes and '#'; O/o -> 0; 6 digits get a leading zero."""
    s = LABELS.sub("", written.strip())
    s = re.sub(r"[\s\-#]", "", s).replace("O", "0").replace("o", "0")
    if not s.isdigit():
        return None
    if len(s) == 6:
        s = "0" + s
    return s if len(s) == 7 else None


def plain(body, content_type):
    if content_type == "text/html":
        body = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return body.replace("\xa0", " ")


def load_roster():
    with open(os.path.join(HERE, "roster", "users.csv"), encoding="utf-8", newline="") as f:
        users = list(csv.DictReader(f))
    with open(os.path.join(HERE, "roster", "orgs.csv"), encoding="utf-8", newline="") as f:
        orgs = list(csv.DictReader(f))
    return users, orgs


def main():
    users, orgs = load_roster()
    problems = []
    district = [o["sourcedId"] for o in orgs if o["type"] == "district"]
    if len(district) != 1:
        problems.append("orgs.csv must have exactly one district")
    students = {u["identifier"]: u for u in users if u["role"] == "student"}
    if len(students) != sum(u["role"] == "student" for u in users):
        problems.append("duplicate student identifiers")
    by_email = {u["email"].lower(): u for u in users}
    with open(os.path.join(HERE, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    if set(truth) != set(READING):
        problems.append("READING and truth.json cover different tickets")

    for tid in sorted(READING):
        is_request, unextracted, mentions = READING[tid]
        path = os.path.join(HERE, "tickets", tid + ".json")
        with open(path, encoding="utf-8") as f:
            ticket = json.load(f)
        if ticket["id"] != tid:
            problems.append("{}: file holds id {}".format(tid, ticket["id"]))
        text = plain(ticket["body"], ticket["content_type"])
        for first, last, written_id, _kind in mentions:
            for part in (first, last, written_id):
                if part is not None and part not in text:
                    problems.append(f"{tid}: {part!r} does not occur in the ticket text")

        requester = by_email.get(ticket["requester"].lower())
        staff_orgs = set()
        if (
            requester
            and requester["role"] in ("teacher", "administrator", "aide")
            and requester["status"] == "active"
            and requester["enabledUser"] == "true"
        ):
            staff_orgs = set(requester["orgSourcedIds"].split(","))

        ready, review = set(), 0
        if is_request:
            for first, last, written_id, kind in mentions:
                sid = normalise_id(written_id) if written_id is not None else None
                record = students.get(sid) if sid else None
                ok = (
                    kind == ASK
                    and record is not None
                    and {fold(first), fold(last)}
                    == {fold(record["givenName"]), fold(record["familyName"])}
                    and record["status"] == "active"
                    and record["enabledUser"] == "true"
                    and bool(staff_orgs & ({record["orgSourcedIds"]} | set(district)))
                )
                if ok:
                    ready.add(sid)
                else:
                    review += 1
        # A student written twice counts once; a review mention of a ready student cannot occur
        # in this corpus, so any review mention means the ticket needs review.
        needs_review = is_request and (review > 0 or unextracted)
        exp = truth.get(tid)
        if exp is None:
            continue
        got = {"reset_request": is_request, "needs_review": needs_review, "ready": sorted(ready)}
        want = {k: exp[k] for k in got}
        if got != want:
            problems.append(f"{tid}: READING gives {got}, truth.json says {want}")
        if not exp.get("tags") or not exp.get("why"):
            problems.append(f"{tid}: tags and why are required")

    for p in problems:
        print(p)
    n_req = sum(v["reset_request"] for v in truth.values())
    n_ready_tickets = sum(v["reset_request"] and not v["needs_review"] for v in truth.values())
    n_ready_ids = sum(len(v["ready"]) for v in truth.values())
    print(
        f"{len(truth)} tickets, {n_req} reset requests ({n_ready_tickets} fully ready, "
        f"{n_req - n_ready_tickets} need review), {len(truth) - n_req} not requests, "
        f"{n_ready_ids} ready IDs; {len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
