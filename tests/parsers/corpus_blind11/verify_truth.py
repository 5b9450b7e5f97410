"""Check truth.json against the roster and the tickets of corpus_blind11.

Standard library only. READING lists, for every ticket, whether it is a reset request (rule 1),
whether it refers to students that cannot be extracted (rule 7), and the students it names,
each as (first name, last name, ID text) written exactly as in the ticket (None when the ticket
leaves that piece out). This script checks that every piece occurs in the ticket, applies rules
2-7 to the roster, and compares the result with truth.json. Exit status 0 when all agree.

    python3 verify_truth.py
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ticket id: (reset_request, refers_to_unextracted_students, [(first, last, id_text), ...])
READING: dict[str, tuple[bool, bool, list[tuple[str | None, str | None, str | None]]]] = {
    "R-2001": (
        True,
        False,
        [
            ("Kateri", "Shippentower", "0413527"),
            ("Jonah", "Wallahee", "0413962"),
            ("Amelia", "Tomaskin", "0418840"),
        ],
    ),
    "R-2002": (True, False, [("Yurii", "Ostapenko", "O52O417"), ("Oksana", "Oliinyk", "0520O93")]),
    "R-2003": (
        True,
        False,
        [
            ("Mele", "Fa'amausili", "0461172"),
            ("Tavita", "To’omalatai", "461305"),
            ("Ximena", "López", "0462218"),
        ],
    ),
    "R-2004": (True, False, [("Malia", "Leota", "0432190")]),
    "R-2005": (True, False, [("Abdirahman", "Farah", "0414471")]),
    "R-2006": (
        True,
        False,
        [
            ("Jaskaran", "Sandhu", "0521876"),
            ("Raven-Rose", "Sampson", "0551203"),
            ("Kseniia", "Orlova", "0540311"),
        ],
    ),
    "R-2007": (
        True,
        False,
        [
            ("Khanh Linh", "Tran", "0540722"),
            ("Simranjit", "Gill", "0522019"),
            ("Ekam", "Bains", "0462901"),
        ],
    ),
    "R-2008": (False, False, []),
    "R-2009": (False, False, []),
    "R-2010": (False, False, []),
    "R-2011": (False, False, []),
    "R-2012": (False, False, []),
    "R-2013": (False, False, []),
    "R-2014": (
        True,
        False,
        [
            ("Omar", "Osman", "o415o27"),
            ("Oscar", "Orozco", "0415133"),
            ("Ikran", "Yusuf", "415906"),
        ],
    ),
    "R-2015": (True, False, [("Polina", "Sidorova", "0521163"), ("Artem", "Lysenko", "05210448")]),
    "R-2016": (True, False, [("Manpreet", "Grewal", "46221")]),
    "R-2017": (
        True,
        False,
        [
            ("Duc Anh", "Vo", "0432377"),
            ("Ioane", "Sapolu", "043l488"),
            ("Lagi", "Fonoti", "04325S1"),
        ],
    ),
    "R-2018": (
        True,
        False,
        [
            ("Sasha", "Hrytsenko", "0462455"),
            ("Lupe", "Ochoa", "0462510"),
            ("Diego", "Pena", "0462588"),
        ],
    ),
    "R-2019": (True, False, [("Jaylynn", "Cagey", "0551377"), ("Tyson", "Jim", "0551402")]),
    "R-2020": (True, False, [("Sky", "Wallahee", "0551480"), ("Mary Ann", "Enick", "0551533")]),
    "R-2021": (True, False, [("Fartun", None, "0414622"), ("Najma", "Ali", "0414680")]),
    "R-2022": (True, False, [("Minh Anh", "Tran", "0433155"), (None, "Nguyen", "0433102")]),
    "R-2023": (True, False, [("Iosefa", "Tuilagi", "0522244"), ("Valeria", "Núñez", "0522301")]),
    "R-2024": (True, False, [("Mykola", "Bondarenko", "0522377")]),
    "R-2025": (True, False, [("Hemos", "Jibon", "0416253"), ("Kateri", "Shippentower", "0413527")]),
    "R-2026": (True, False, [("Jemmy", "Langrine", "0468328"), ("Kajin", "Zackhras", "0463905")]),
    "R-2027": (True, False, [("Sofiia", "Melnyk", None)]),
    "R-2028": (True, True, []),
    "R-2029": (True, True, []),
    "R-2030": (True, True, []),
    "R-2031": (True, False, [("Anastasiia", "Petrova", "0433240")]),
    "R-2032": (True, False, [("Liban", "Osman", "0522433"), ("Ayaan", "Hassan", "0522490")]),
    "R-2033": (True, False, [("Kateri", "Shippentower", "0413527")]),
    "R-2034": (True, False, [("Tasi", "Seiuli", "0463670")]),
    "R-2035": (True, False, [("Bao Ngoc", "Nguyen", "0433017")]),
    "R-2036": (True, False, [("Jonah", "Wallahee", "0413962")]),
    "R-2037": (True, False, [("Harpreet", "Kaur", "0416740"), ("Gurpreet", "Singh", "0433388")]),
    "R-2038": (True, False, [("Harpreet", "Kaur", None)]),
    "R-2039": (True, False, [("Dawson", "Jim", "0551624"), ("Cheyenne", "Jim", "0551642")]),
    "R-2040": (True, False, [("Malia", "Leota", "0432190"), ("Malia", "Leota", "O432190")]),
    "R-2041": (True, False, [("Anh Thu", "Hoang", "0463720"), ("Luisa", "Tuilagi", "O463791")]),
    "R-2042": (
        True,
        False,
        [
            ("Oleksandr", "Hrytsenko", "0462455"),
            ("Guadalupe", "Ochoa", "0462510"),
            ("Renata", "Ibarra", "0464130"),
        ],
    ),
    "R-2043": (True, False, [("Lanny", "Kabua", "0463944"), ("Aili", "Jibas", "0463987")]),
    "R-2044": (
        True,
        False,
        [
            ("Hamza", "Abdi", "0417011"),
            ("Rose Marie", "Jefferson", "0417034"),
            ("Vasyl", "Savchuk", "0417077"),
        ],
    ),
    "R-2045": (
        True,
        False,
        [
            ("Bao", "Tran", "0540855"),
            ("Quoc Bao", "Le", "0540890"),
            ("Maria Fernanda", "Gutierrez", "0540934"),
        ],
    ),
    "R-2046": (True, False, [("Joseph", "Tomaskin", "0551719")]),
    "R-2047": (
        True,
        False,
        [("ANASTASIIA", "BONDARENKO", "0522512"), ("DMYTRO", "MOROZ", "0462633")],
    ),
    "R-2048": (True, False, [("Eleanor", "Sampson", "0523066"), ("Ivan", "Petrenko", "0523109")]),
    "R-2049": (True, False, [("Rashid", "Warsame", "0523150")]),
    "R-2050": (True, False, [("Yusuf", "Abdi", "ID# 0463854")]),
    "R-2051": (
        True,
        False,
        [
            ("Sahra", "Omar", "Student ID: 0417102"),
            ("Ibrahim", "Hassan", "ID# 041-7139"),
            ("Kiona", "Sampson", "#0417180"),
        ],
    ),
    "R-2052": (True, False, [("Tarlang", "Loeak", "0464011")]),
    "R-2053": (False, False, []),
    "R-2054": (False, False, []),
    "R-2055": (False, False, []),
    "R-2056": (False, False, []),
    "R-2057": (True, False, [("Renata", "Ibarra", "0464130")]),
    "R-2058": (True, False, [("Jose", "Hernandez", "0541017"), ("Zoe", "Fonoti", "0541103")]),
    "R-2059": (True, False, [("JoEllen", "Hatch", "0551760"), ("Santiago", "DelaCruz", "0551803")]),
    "R-2060": (
        True,
        False,
        [("Lagi", "Faamausili", "0523188"), ("Tevita", "To’omalatai", "0523225")],
    ),
    "R-2061": (True, False, [("Neilat", "Laijo", "04653O9")]),
    "R-2062": (True, False, [("Bao", "Hoang", "0541150"), ("Amanpreet", "Sidhu", "0541208")]),
    "R-2063": (True, False, [("Polina", "Sidorova", "0521163"), ("Artem", "Lysenko", "0521044")]),
    "R-2064": (True, False, [("Amelia", "Tomaskin", "0418840"), ("Jonah", "Wallahee", "0413962")]),
    "R-2065": (False, False, []),
    "R-2066": (False, False, []),
    "R-2067": (False, False, []),
    "R-2068": (False, False, []),
    "R-2069": (False, False, []),
    "R-2070": (False, False, []),
    "R-2071": (True, False, [("Bao Ngoc", "Nguyen", "0433017"), ("Thanh Tam", "Pham", "0433433")]),
    "R-2072": (
        True,
        False,
        [("Amanpreet", "Sidhu", "Student # 0541208"), ("Navjot", "Brar", "Student # 0541249")],
    ),
    "R-2073": (True, False, [("Gurpreet", "Singh", "0433838"), ("Harpreet", "Kaur", "0416740")]),
    "R-2074": (True, False, [("Liban", "Osman", "0522433")]),
    "R-2075": (True, False, [("Hamdi", "Mohamed", "0417221")]),
    "R-2076": (True, True, []),
    "R-2077": (
        True,
        False,
        [
            ("Mele", "Fa'amausili", "0461172"),
            ("Ximena", "Lopez", None),
            ("Tavita", "To'omalatai", "0461305"),
        ],
    ),
    "R-2078": (True, False, [("Nasra", "Abdullahi", "0433\xa0480")]),
    "R-2079": (True, False, [("Lucy", "Sohappy", "0551625"), ("Hoa", "Nguyen", "0433102")]),
    "R-2080": (True, False, [("Lagi", "Fa`amausili", "0523188")]),
    "R-2081": (True, False, [("Kilone", "Lang", "0551901"), ("Winona", "Meninick", "0551850")]),
    "R-2082": (True, False, [("Bwebwe", "Jetnil", "046 4219")]),
    "R-2083": (True, False, [("Almina", "Lokeijak", "046-42-60")]),
    "R-2084": (True, False, [("nasra", "abdullahi", "student id 0433480")]),
    "R-2085": (True, False, [("Dawson", "Jim", "0551625")]),
    "R-2086": (True, False, [("Gurpreet", "Singh", "0433388"), ("Gurpreet", "Singh", "0433838")]),
    "R-2087": (True, True, []),
    "R-2088": (True, False, [("Abdi Rahman", "Farah", "0414471")]),
    "R-2089": (True, False, [("Arshdeep", "Brar", "46391O"), ("Nataliia", "Savchuk", "0464388")]),
    "R-2090": (
        True,
        False,
        [("Winona", "Meninick", "ID 0551850"), ("Cheyenne", "Jim", "ID 0551642")],
    ),
    "R-2091": (False, False, []),
    "R-2092": (False, False, []),
    "R-2093": (True, False, [("Jinna", "De Brum", "0417260"), ("Tobeta", "Bobo", "O4I7300")]),
    "R-2094": (True, False, [("Winona", "Meninick", "0551850"), ("Jaskaran", "Sandhu", "0521876")]),
    "R-2095": (
        True,
        False,
        [
            ("Evgeniya", "Kravets", "0464301"),
            ("Aleksandr", "Moroz", "0464344"),
            ("Nataliia", "Savchuk", "0464388"),
        ],
    ),
    "R-2096": (True, False, [("Kajin", "Zackhras", "0463905")]),
    "R-2097": (
        True,
        False,
        [("Oleksandr", "Hrytsenko", "0462455"), ("Dmytro", "Moroz", "0426633")],
    ),
    "R-2098": (True, False, [("Hamdi", "Mohamed", "0417221")]),
    "R-2099": (True, False, [("Tyson", "Jim", "0551402")]),
    "R-2100": (True, False, [("Guadalupe", "Ochoa", "0462510"), ("Iosefa", "Tuilagi", "0522244")]),
}

LABEL = re.compile(r"student\s*id|student\s*#|id\s*#|\bid\b|#|:", re.IGNORECASE)


def fold_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # An apostrophe typed with another key (backtick, left quote) is an apostrophe, as the
    # project reads rule 4 (corpus_blind4's X-7060).
    return re.sub(r"[\s\-'\u2019`\u2018]", "", kept).casefold()


def normalise_id(text: str) -> str | None:
    """Rule 3: drop labels, spaces, dashes; O/o -> 0; add a missing leading zero."""
    raw = LABEL.sub("", text)
    raw = re.sub(r"[\s\-\u2013\u2014]", "", raw)
    raw = raw.replace("O", "0").replace("o", "0")
    if not raw.isdigit():
        return None
    if len(raw) == 6:
        raw = "0" + raw
    return raw if len(raw) == 7 else None


def load_roster() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], str]:
    with (HERE / "roster" / "orgs.csv").open(encoding="utf-8", newline="") as handle:
        orgs = list(csv.DictReader(handle))
    district = next(row["sourcedId"] for row in orgs if row["type"] == "district")
    with (HERE / "roster" / "users.csv").open(encoding="utf-8", newline="") as handle:
        users = list(csv.DictReader(handle))
    students = {row["identifier"]: row for row in users if row["role"] == "student"}
    by_email = {row["email"].casefold(): row for row in users if row["email"]}
    return students, by_email, district


def live(row: dict[str, str]) -> bool:
    return row["status"] == "active" and row["enabledUser"] == "true"


def main() -> int:
    students, by_email, district = load_roster()
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    ticket_ids = sorted(p.stem for p in (HERE / "tickets").glob("*.json"))
    if ticket_ids != sorted(truth) or ticket_ids != sorted(READING):
        errors.append("ticket files, truth.json and READING list different tickets")
    for tid in sorted(READING):
        reset, unextracted, named = READING[tid]
        ticket = json.loads((HERE / "tickets" / f"{tid}.json").read_text(encoding="utf-8"))
        text = ticket["body"]
        if ticket["content_type"] == "text/html":
            text = html.unescape(text)
        for piece in (p for entry in named for p in entry):
            if piece is not None and piece not in text:
                errors.append(f"{tid}: {piece!r} does not occur in the ticket")
        requester = by_email.get(ticket["requester"].casefold())
        staff_orgs: set[str] = set()
        if requester and requester["role"] in {"teacher", "administrator", "aide"}:
            if live(requester):
                staff_orgs = set(requester["orgSourcedIds"].split(","))
        entries: dict[str, bool] = {}
        review = False
        for first, last, id_text in named:
            sid = normalise_id(id_text) if id_text else None
            record = students.get(sid) if sid else None
            ok = bool(reset and record and first and last and live(record))
            if ok and record:
                names = {fold_name(record["givenName"]), fold_name(record["familyName"])}
                written = (fold_name(first or ""), fold_name(last or ""))
                ok = (
                    written
                    in {
                        (fold_name(record["givenName"]), fold_name(record["familyName"])),
                        (fold_name(record["familyName"]), fold_name(record["givenName"])),
                    }
                    and len(names) == 2
                )
                ok = ok and bool(staff_orgs & {record["orgSourcedIds"], district})
            if sid and record:
                entries[sid] = entries.get(sid, True) and ok
            review = review or not ok
        ready = sorted(sid for sid, ok in entries.items() if ok and reset)
        needs_review = reset and (review or unextracted or not named)
        expected = truth.get(tid, {})
        got = {"reset_request": reset, "needs_review": needs_review, "ready": ready}
        want = {k: expected.get(k) for k in got}
        if got != want:
            errors.append(f"{tid}: truth {want} but the reading gives {got}")
        if not reset and named:
            errors.append(f"{tid}: a ticket that is not a reset request lists students")
    for message in errors:
        print(message)
    print(f"verify_truth: {len(READING)} tickets, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
