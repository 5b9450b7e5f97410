"""Independent check of truth.json for the blind5 corpus (Cholla Basin USD). Stdlib only.

    python3 verify_truth.py              # exit 0 when truth.json agrees with READING + roster
    python3 verify_truth.py --self-test  # plants errors and shows that each one is caught

READING (at the end of this file) was written by hand from the tickets: for every ticket,
whether it is a reset request, and each student it names *as written* (first, last, the ID
text, and optionally a middle name/initial). None means "not written". The checker:

  1. checks that every written piece occurs in the ticket text (raw body, HTML-unescaped body,
     or the body with tags stripped), that every ticket has a READING and a truth entry, and
     that no 7-digit number with a leading zero (or O/o) in a ticket is left unexplained
     (it must be a READING ID or listed in "not_students");
  2. normalises each ID text by rule 3 (O/o -> 0; drop spaces, dashes, '#', labels; a 6-digit
     number gets its zero; anything else is unusable);
  3. applies rules 4-6 to roster/users.csv and rule 7 for needs_review;
  4. compares the result with truth.json (reset_request, needs_review, ready).

It does not import the parser or anything from the project.
"""

from __future__ import annotations

import copy
import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAFF_ROLES = {"teacher", "administrator", "aide"}
APOSTROPHES = "'\u2019\u2018\u02bc`"
DASHES = "-\u2010\u2011\u2012\u2013\u2014"
ID_LABELS = re.compile(r"(?i)\b(student\s*id|stu|id)\b\s*[#:]?")
JUDGEMENT_LIMIT = 0.08


# ------------------------------------------------------------------ loading
def load_roster(folder: Path) -> dict:
    with open(folder / "orgs.csv", encoding="utf-8", newline="") as fh:
        orgs = list(csv.DictReader(fh))
    with open(folder / "users.csv", encoding="utf-8", newline="") as fh:
        users = list(csv.DictReader(fh))
    district = [o["sourcedId"] for o in orgs if o["type"] == "district"]
    assert len(district) == 1, "exactly one district org"
    students = {}
    by_email = {}
    for u in users:
        if u["role"] == "student":
            assert u["identifier"] not in students, "duplicate student ID " + u["identifier"]
            students[u["identifier"]] = u
        if u["email"]:
            key = u["email"].lower()
            assert key not in by_email, "duplicate e-mail " + key
            by_email[key] = u
    return {"district": district[0], "students": students, "by_email": by_email}


def load_tickets(folder: Path) -> dict:
    tickets = {}
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        keys = {"id", "subject", "category", "requester", "content_type", "body", "created_at"}
        assert set(doc) == keys, f"{path.name}: keys {sorted(doc)}"
        assert doc["content_type"] in ("text/plain", "text/html"), path.name
        assert path.stem == doc["id"], path.name
        tickets[doc["id"]] = doc
    return tickets


def texts(ticket: dict) -> list[str]:
    body = ticket["body"]
    out = [body, html.unescape(body)]
    if ticket["content_type"] == "text/html":
        out.append(html.unescape(re.sub(r"<[^>]*>", "", body)))
    return out


# ------------------------------------------------------------------ rules 3 and 4
def normalise_id(text: str | None) -> str | None:
    """Rule 3. Returns the 7-digit ID, or None when the text gives no usable ID."""
    if text is None:
        return None
    t = ID_LABELS.sub(" ", text)
    t = re.sub("[" + re.escape("#:" + DASHES) + r"\s]", "", t)
    t = t.replace("O", "0").replace("o", "0")
    if not t.isdigit():
        return None
    if len(t) == 6:
        t = "0" + t
    if len(t) == 7 and t.startswith("0"):
        return t
    return None


def fold_name(name: str | None) -> str | None:
    """Rule 4: case, accents, hyphens, apostrophes and spaces do not matter."""
    if name is None:
        return None
    t = unicodedata.normalize("NFKD", name)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = t.casefold()
    return "".join(ch for ch in t if not (ch.isspace() or ch in APOSTROPHES or ch in DASHES))


def name_matches(first: str | None, last: str | None, record: dict) -> bool:
    if first is None or last is None:
        return False
    written = sorted([fold_name(first), fold_name(last)])
    roster = sorted([fold_name(record["givenName"]), fold_name(record["familyName"])])
    return written == roster


# ------------------------------------------------------------------ rules 5-7
def requester_schools(roster: dict, email: str) -> set[str] | None:
    """The org sourcedIds an authorised requester may ask for, or None (rule 6)."""
    user = roster["by_email"].get(email.lower())
    if user is None or user["role"] not in STAFF_ROLES:
        return None
    if user["status"] != "active" or user["enabledUser"] != "true":
        return None
    return set(user["orgSourcedIds"].split(","))


def expected(ticket: dict, reading: dict, roster: dict) -> tuple[bool, bool, list[str], list]:
    """(reset_request, needs_review, ready, per-student notes) from READING + roster."""
    reset = reading["reset"]
    if not reset:
        return False, False, [], []
    orgs = requester_schools(roster, ticket["requester"])
    notes = []
    for entry in reading["students"]:
        first, last, id_text = entry[0], entry[1], entry[2]
        sid = normalise_id(id_text)
        reason = ""
        record = roster["students"].get(sid) if sid else None
        if sid is None:
            reason = "no usable ID"
        elif record is None:
            reason = "ID in no roster record"
        elif not name_matches(first, last, record):
            reason = "name does not match the record of " + sid
        elif record["status"] != "active" or record["enabledUser"] != "true":
            reason = "student inactive or disabled"
        elif orgs is None:
            reason = "requester not allowed"
        elif record["orgSourcedIds"] not in orgs and roster["district"] not in orgs:
            reason = "requester not at the student's school"
        notes.append((entry, sid, "review" if reason else "ready", reason))
    # Rule 2: a student written twice is one entry, so the ready set is a set of IDs. A wrong
    # name written with someone else's ID is a different (review) student and does not stop
    # the real owner, named correctly elsewhere, from being ready.
    # Named but called off, or named about another matter: an entry (rule 2) in review.
    for entry in reading.get("unwanted", []):
        notes.append((entry, normalise_id(entry[2]), "review", "not asked for"))
    ready = sorted({n[1] for n in notes if n[2] == "ready"})
    review = any(n[2] == "review" for n in notes)
    none = bool(reading.get("none_extracted")) and not reading["students"]
    return True, review or none, ready, notes


# ------------------------------------------------------------------ checking
def check(tickets: dict, truth: dict, reading: dict, roster: dict) -> list[str]:
    errors = []
    for missing in sorted(set(tickets) ^ set(truth)):
        errors.append(f"{missing}: in only one of tickets/ and truth.json")
    for missing in sorted(set(tickets) ^ set(reading)):
        errors.append(f"{missing}: in only one of tickets/ and READING")
    judgement = 0
    for tid in sorted(set(tickets) & set(truth) & set(reading)):
        ticket, want, read = tickets[tid], truth[tid], reading[tid]
        variants = texts(ticket)
        if set(want) != {"reset_request", "needs_review", "ready", "tags", "why"}:
            errors.append(f"{tid}: truth keys {sorted(want)}")
            continue
        if not want["tags"] or "\n" in want["why"] or not want["why"]:
            errors.append(f"{tid}: tags or why missing / not one line")
        if "judgement_call" in want["tags"]:
            judgement += 1
            if not want["why"].startswith("JUDGEMENT CALL"):
                errors.append(f"{tid}: judgement_call without a JUDGEMENT CALL why")
        if want["ready"] != sorted(set(want["ready"])):
            errors.append(f"{tid}: ready is not sorted/unique")
        # 1. every written piece occurs in the ticket
        for entry in read["students"]:
            for piece in entry:
                if piece is not None and not any(piece in v for v in variants):
                    errors.append(f"{tid}: READING piece {piece!r} is not in the ticket")
        for piece in read.get("not_students", []):
            if not any(piece in v for v in variants):
                errors.append(f"{tid}: not_students {piece!r} is not in the ticket")
        if read["reset"] and not read["students"] and not read.get("none_extracted"):
            errors.append(f"{tid}: reset request with no students and no none_extracted")
        # no unexplained 7-digit (0/O/o-led) numbers
        explained = {normalise_id(e[2]) for e in [*read["students"], *read.get("unwanted", [])]}
        explained |= set(read.get("not_students", []))
        plain = variants[-1]
        for m in re.finditer(r"(?<![\w#])[0Oo]\d{6}(?!\d)", plain):
            if normalise_id(m.group()) not in explained and m.group() not in explained:
                errors.append(f"{tid}: number {m.group()} is neither read nor explained")
        # 2-4. rules
        reset, review, ready, notes = expected(ticket, read, roster)
        if want["reset_request"] != reset:
            errors.append(f"{tid}: reset_request truth={want['reset_request']} rules={reset}")
        if reset and want["needs_review"] != review:
            errors.append(
                f"{tid}: needs_review truth={want['needs_review']} rules={review}"
                f" {[(n[0], n[3]) for n in notes if n[3]]}"
            )
        if not reset and want["needs_review"]:
            errors.append(f"{tid}: needs_review must be false for a ticket that is not a reset")
        if want["ready"] != ready:
            errors.append(
                f"{tid}: ready truth={want['ready']} rules={ready} "
                f"{[(n[0], n[3]) for n in notes if n[3]]}"
            )
    if tickets and judgement / len(tickets) >= JUDGEMENT_LIMIT:
        errors.append(f"judgement calls {judgement}/{len(tickets)} reach the 8% limit")
    return errors


def load_all():
    roster = load_roster(HERE / "roster")
    tickets = load_tickets(HERE / "tickets")
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    return tickets, truth, READING, roster


def summary(tickets: dict, truth: dict) -> str:
    resets = [t for t in truth.values() if t["reset_request"]]
    return (
        f"{len(tickets)} tickets: {len(resets)} reset requests "
        f"({sum(not t['needs_review'] for t in resets)} fully ready, "
        f"{sum(t['needs_review'] for t in resets)} need review), "
        f"{len(truth) - len(resets)} not reset requests; "
        f"{sum(len(t['ready']) for t in truth.values())} ready IDs; "
        f"{sum('judgement_call' in t['tags'] for t in truth.values())} judgement calls"
    )


def self_test() -> int:
    tickets, truth, reading, roster = load_all()
    base_errors = check(tickets, truth, reading, roster)
    if base_errors:
        print("self-test needs a clean corpus first:", *base_errors, sep="\n  ")
        return 1

    def first_ready() -> str:
        return next(t for t in sorted(truth) if truth[t]["ready"])

    def first_reset_without_students() -> str:
        return next(t for t in sorted(reading) if reading[t].get("none_extracted"))

    plants = []

    def plant(label, mutate):
        t, tr, rd, ro = (
            copy.deepcopy(tickets),
            copy.deepcopy(truth),
            copy.deepcopy(reading),
            copy.deepcopy(roster),
        )
        mutate(t, tr, rd, ro)
        errs = check(t, tr, rd, ro)
        plants.append((label, errs))

    tid = first_ready()
    sid = truth[tid]["ready"][0]
    review_tid = next(
        t
        for t in sorted(truth)
        if truth[t]["reset_request"] and truth[t]["needs_review"] and reading[t]["students"]
    )
    not_reset = next(
        t for t in sorted(truth) if not truth[t]["reset_request"] and reading[t]["students"]
    )

    plant(
        "truth: a review student added to ready",
        lambda t, tr, rd, ro: (
            tr[review_tid]["ready"].append(normalise_id(rd[review_tid]["students"][0][2]))
            or tr[review_tid]["ready"].sort()
        ),
    )
    plant("truth: a ready ID dropped", lambda t, tr, rd, ro: tr[tid]["ready"].remove(sid))
    plant(
        "truth: reset_request flipped on a non-reset ticket",
        lambda t, tr, rd, ro: tr[not_reset].update(reset_request=True),
    )
    plant(
        "truth: needs_review flipped",
        lambda t, tr, rd, ro: tr[review_tid].update(needs_review=False),
    )
    plant(
        "truth: needs_review cleared on a no-student request",
        lambda t, tr, rd, ro: tr[first_reset_without_students()].update(needs_review=False),
    )
    plant(
        "READING: a name misspelt (not in the ticket)",
        lambda t, tr, rd, ro: rd[tid]["students"].__setitem__(
            0, (rd[tid]["students"][0][0] + "x",) + tuple(rd[tid]["students"][0][1:])
        ),
    )
    plant(
        "READING: two digits of an ID swapped",
        lambda t, tr, rd, ro: rd[tid]["students"].__setitem__(
            0,
            tuple(rd[tid]["students"][0][:2])
            + (
                rd[tid]["students"][0][2][:-2]
                + rd[tid]["students"][0][2][-1]
                + rd[tid]["students"][0][2][-2],
            ),
        ),
    )
    plant("READING: a student left out", lambda t, tr, rd, ro: rd[tid]["students"].pop(0))
    plant(
        "roster: a ready student set to tobedeleted",
        lambda t, tr, rd, ro: ro["students"][sid].update(status="tobedeleted"),
    )
    plant(
        "roster: a ready student disabled",
        lambda t, tr, rd, ro: ro["students"][sid].update(enabledUser="false"),
    )
    plant(
        "roster: the requester disabled",
        lambda t, tr, rd, ro: ro["by_email"][t[tid]["requester"].lower()].update(
            enabledUser="false"
        ),
    )
    plant(
        "roster: the requester moved to another school",
        lambda t, tr, rd, ro: ro["by_email"][t[tid]["requester"].lower()].update(
            orgSourcedIds="nowhere"
        ),
    )
    plant(
        "ticket: requester replaced by a parent address",
        lambda t, tr, rd, ro: t[tid].update(requester="someone@mailbox.example"),
    )
    plant(
        "ticket: a ready ID edited in the body",
        lambda t, tr, rd, ro: t[tid].update(body=t[tid]["body"].replace(sid[1:], "999999")),
    )
    plant(
        "ticket: a stray unexplained student number added",
        lambda t, tr, rd, ro: t[not_reset].update(body=t[not_reset]["body"] + "\nAlso 0555555."),
    )

    def misspell_both(t, tr, rd, ro):
        entry = rd[tid]["students"][0]
        t[tid].update(body=t[tid]["body"].replace(entry[1], entry[1] + "z"))
        rd[tid]["students"][0] = (entry[0], entry[1] + "z") + tuple(entry[2:])

    def eight_digits_both(t, tr, rd, ro):
        entry = rd[tid]["students"][0]
        t[tid].update(body=t[tid]["body"].replace(entry[2], entry[2] + "4"))
        rd[tid]["students"][0] = tuple(entry[:2]) + (entry[2] + "4",) + tuple(entry[3:])

    plant("ticket+READING: the same misspelt family name in both (rule 4)", misspell_both)
    plant("ticket+READING: an 8-digit ID in both (rule 3)", eight_digits_both)
    plant(
        "truth: a not-reset ticket given a ready ID",
        lambda t, tr, rd, ro: tr[not_reset]["ready"].append(sid),
    )

    caught = 0
    for label, errs in plants:
        ok = bool(errs)
        caught += ok
        print(f"{'caught' if ok else 'MISSED'}: {label}" + (f"  -> {errs[0]}" if ok else ""))
    print(f"self-test: {caught}/{len(plants)} planted errors caught")
    return 0 if caught == len(plants) else 1


def main(argv: list[str]) -> int:
    if "--self-test" in argv:
        return self_test()
    tickets, truth, reading, roster = load_all()
    errors = check(tickets, truth, reading, roster)
    for e in errors:
        print("ERROR", e)
    print(summary(tickets, truth))
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


# ------------------------------------------------------------------ READING (hand-written)
# ticket id -> {"reset": bool, "students": [(first, last, id text[, middle]), ...],
#               optional "none_extracted": True (rule 7: refers to students, names none),
#               optional "not_students": [numbers in the text that are not student lines]}
READING = {
    "Y-8001": {
        "reset": True,
        "students": [
            ("jose", None, "0231847"),
        ],
    },
    "Y-8002": {
        "reset": True,
        "students": [
            ("marisol", "chavarria", "0231864"),
        ],
    },
    "Y-8003": {
        "reset": True,
        "students": [
            ("Guadalupe", "De La Cruz Avila", "0247715"),
            ("Iker", "Santillan del Rio", "250382"),
            ("Ximena", "Orozco", "#0253309"),
        ],
    },
    "Y-8004": {
        "reset": True,
        "students": [
            ("KEE", "BEGAY", "0238810"),
            ("ANGELINA", "TSOSIE", "0238127"),
            ("DARIUS", "YAZZIE BENALLY", "0241196"),
        ],
    },
    "Y-8005": {
        "reset": True,
        "students": [
            ("Ruth", "Gebre Medhin", "zero three one four six two nine"),
        ],
    },
    "Y-8006": {
        "reset": True,
        "students": [
            ("Dawit", "Tesfaye", "0 3 1 4 6 5 1"),
        ],
    },
    "Y-8007": {
        "reset": True,
        "students": [
            ("Haruto", "Nakamura", "0322478"),
            ("Yuna", "Nakamura", "0322487"),
            ("Sina", "Faleolo", "0319902"),
        ],
    },
    "Y-8008": {
        "reset": True,
        "students": [
            ("Bohdan", "Shevchuk", "0356120"),
            ("Seo-yeon", "Kim", "0356448"),
            ("Navneet Kaur", "Dhillon", "0357031"),
            ("Xiaowen", "Ma", "357219"),
        ],
    },
    "Y-8009": {
        "reset": True,
        "students": [
            ("Manpreet", "Grewal", "0361187"),
            ("Arshdeep", "Sidhu", "0361254"),
        ],
        "not_students": ["0360093", "0360118"],
    },
    "Y-8010": {
        "reset": True,
        "students": [
            ("Anastasia", "Lysenko", "0388804"),
        ],
        "not_students": ["0388712", "0388159"],
    },
    "Y-8011": {
        "reset": True,
        "students": [
            ("Ayaan", "Brar", "0279930"),
        ],
    },
    "Y-8012": {
        "reset": True,
        "students": [],
        "none_extracted": True,
    },
    "Y-8013": {
        "reset": True,
        "students": [
            ("Nikita", "Sokolov", "0294470"),
            ("Alina", "Kuznetsova", "0294511"),
        ],
    },
    "Y-8014": {
        "reset": True,
        "students": [
            ("Jiwoo", "Han", "0265518"),
        ],
        "unwanted": [("Minseo", "Lee", "0265602")],
    },
    "Y-8015": {
        "reset": True,
        "students": [
            ("Beatriz", "Albuquerque", "0301820"),
            ("Luana", "Sampaio", "0301936"),
        ],
        "unwanted": [("Rafael", "Nogueira", "0301775")],
    },
    "Y-8016": {
        "reset": False,
        "students": [
            ("Léa", "Dubois", "0318840"),
            ("Hugo", "Lefèvre", "0318907"),
        ],
    },
    "Y-8017": {
        "reset": False,
        "students": [
            ("Amélie", "Girard", None),
            ("Théo", "Rousseau", None),
        ],
    },
    "Y-8018": {
        "reset": False,
        "students": [
            ("Paolo", "Dizon", "0272245"),
        ],
    },
    "Y-8019": {
        "reset": False,
        "students": [
            ("Hope", "Long", "0274418"),
            ("Will", "King", "0274402"),
        ],
    },
    "Y-8020": {
        "reset": False,
        "students": [
            ("Rose", "Young", "0316690"),
        ],
    },
    "Y-8021": {
        "reset": False,
        "students": [],
    },
    "Y-8022": {
        "reset": False,
        "students": [
            ("Kateryna", "Bilyk", "0389012"),
        ],
    },
    "Y-8023": {
        "reset": False,
        "students": [
            ("Mateus", "Ferreira", "0390447"),
        ],
    },
    "Y-8024": {
        "reset": False,
        "students": [
            ("Mark Anthony", "Dela Cruz", "0276651"),
        ],
    },
    "Y-8025": {
        "reset": False,
        "students": [],
    },
    "Y-8026": {
        "reset": False,
        "students": [
            ("Sina", "Faleolo", "0319902"),
        ],
    },
    "Y-8027": {
        "reset": True,
        "students": [
            ("Taras", "Petrenko", "O262215"),
            ("Sofiia", "Melnyk", "O262390"),
        ],
    },
    "Y-8028": {
        "reset": True,
        "students": [
            ("eunji", "choi", "o26o517"),
            ("doyun", "kang", "0266O03"),
        ],
    },
    "Y-8029": {
        "reset": True,
        "students": [
            ("Mariel", "Santos", "027-8815"),
            ("Jericho", "Villanueva", "0278 904"),
            ("Angelica", "Reyes-Pascual", "0-278-961"),
        ],
    },
    "Y-8030": {
        "reset": True,
        "students": [
            ("Simran", "Gill", "Student ID: 0279114"),
            ("Harnoor", "Bains", "ID# 0279227"),
            ("Jaskirat", "Sandhu", "Student ID 0279308"),
        ],
    },
    "Y-8031": {
        "reset": True,
        "students": [
            ("Tevita", "Fonua", "02331908"),
        ],
    },
    "Y-8032": {
        "reset": True,
        "students": [
            ("Losaline", "Kupu", "95651"),
        ],
    },
    "Y-8033": {
        "reset": True,
        "students": [
            ("Faafetai", "Sapolu", "297043"),
            ("Mose", "Tuilagi", "297561"),
        ],
    },
    "Y-8034": {
        "reset": True,
        "students": [
            ("Artem", "Vasiliev", "0294870"),
            ("Polina", "Orlova", "0294870"),
        ],
    },
    "Y-8035": {
        "reset": True,
        "students": [
            ("Siosaia", "Taufa", "0358826"),
            ("Viliame", "Lolohea", "0296133"),
            ("Mele", "Kaufusi", "0358904"),
        ],
    },
    "Y-8036": {
        "reset": True,
        "students": [
            ("Oleksandr", "Melnyk", "0305512"),
            ("Vova", "Bondar", "0316254"),
        ],
    },
    "Y-8037": {
        "reset": True,
        "students": [
            ("María", "G.", "0302218"),
            ("Pedro Henrique", "Costa", "0302264"),
        ],
    },
    "Y-8038": {
        "reset": True,
        "students": [
            ("Nathan", "Girard", "0318976"),
            ("Chloe", "Bernard", "0318823"),
        ],
    },
    "Y-8039": {
        "reset": True,
        "students": [
            ("Yohannes", "Tekle", "0391154"),
            ("Selam", "Berhane", "0391208"),
        ],
    },
    "Y-8040": {
        "reset": True,
        "students": [
            ("Daniel", "Hwang", "0357762"),
        ],
    },
    "Y-8041": {
        "reset": True,
        "students": [
            ("Jomar", "Aquino", "0272580"),
            ("Kristine Mae", "Ocampo", "0272611"),
        ],
    },
    "Y-8042": {
        "reset": True,
        "students": [
            ("Taras", "Petrenko", "ID 0262215"),
        ],
    },
    "Y-8043": {
        "reset": True,
        "students": [
            ("lavinia", "havili", "0391330"),
        ],
    },
    "Y-8044": {
        "reset": True,
        "students": [
            ("Malia", "Fonoti", "0392215"),
        ],
    },
    "Y-8045": {
        "reset": True,
        "students": [
            ("Hyun-woo", "Shin", "0266741"),
            ("Ha-eun", "Jang", "0266785"),
        ],
    },
    "Y-8046": {
        "reset": True,
        "students": [],
        "none_extracted": True,
    },
    "Y-8047": {
        "reset": True,
        "students": [],
        "none_extracted": True,
    },
    "Y-8048": {
        "reset": True,
        "students": [
            ("Keanu", "Tafuna", "0389330"),
            ("Kiona", "Manygoats", "0357990"),
            ("Lucas", "Pereira", "0303358"),
            ("Ahanu", "Bitsui", "0245570"),
        ],
    },
    "Y-8049": {
        "reset": True,
        "students": [
            ("Ekaterina", "Smirnova", "0294933"),
            ("Lev", "Popov", "0294962"),
        ],
    },
    "Y-8050": {
        "reset": True,
        "students": [
            ("Sota", "Ishikawa", "0322513"),
            ("Mio", "Fujita", "0322540"),
        ],
    },
    "Y-8051": {
        "reset": True,
        "students": [
            ("Diego Alejandro", "Ramirez Montoya", "0390612"),
            ("Angel", "Del Toro Guzman", "0390688"),
        ],
    },
    "Y-8052": {
        "reset": True,
        "students": [
            ("Nizhoni", "Tsinnijinnie", "0248830"),
            ("Ashkii", "Descheenie", "0248871"),
        ],
    },
    "Y-8053": {
        "reset": True,
        "students": [
            ("Seo-jun", "Park", "ID 0389545"),
        ],
    },
    "Y-8054": {
        "reset": True,
        "students": [
            ("Gabriel", "Oliveira Santos", "0302577"),
        ],
    },
    "Y-8055": {
        "reset": True,
        "students": [
            ("Gurleen", "Randhawa", "0361493", "Kaur"),
            ("Tejbir", "Sohal", "0361520"),
        ],
    },
    "Y-8056": {
        "reset": True,
        "students": [
            ("Jae-won", "Oh", "0357815"),
        ],
    },
    "Y-8057": {
        "reset": True,
        "students": [
            ("Mar’yana", "Kravets", "0262431"),
            ("Darya", "Hrytsenko", "0262478"),
        ],
    },
    "Y-8058": {
        "reset": True,
        "students": [
            ("Yanaba", "Yellowhair", "0242283"),
            ("Ahiga", "Manuelito", "0273370"),
        ],
    },
    "Y-8059": {
        "reset": False,
        "students": [
            ("Sefo", None, "0263077"),
        ],
    },
    "Y-8060": {
        "reset": True,
        "students": [
            ("Wei", "ZHANG", "0388930"),
            ("Yu-ting", "CHEN", "0388951"),
            ("Jiahao", "LIN", "0389007"),
        ],
    },
    "Y-8061": {
        "reset": True,
        "students": [
            ("Ren", "Kobayashi", "0322571"),
            ("Aoi", "Takahashi", "0322599"),
        ],
    },
    "Y-8062": {
        "reset": True,
        "students": [
            ("Hanna", "Bekele", "0314702", "Girma"),
            ("Meron", "Abebe", "0314733"),
        ],
    },
    "Y-8063": {
        "reset": True,
        "students": [
            ("Joao Pedro", "dos Santos Lima", "0301977"),
            ("Ana", "Souza", "0302011"),
        ],
    },
    "Y-8064": {
        "reset": True,
        "students": [
            ("Jean Baptiste", "Moreau", "0305209"),
            ("Anais", "Lefevre Dubois", "0305233"),
        ],
    },
    "Y-8065": {
        "reset": True,
        "students": [
            ("Minjun", "Kim", "0389588"),
        ],
    },
    "Y-8066": {
        "reset": True,
        "students": [
            ("Ma. Cristina", "Dela Cruz", "0272690"),
            ("Bea", "Manalo", "0272760"),
            ("Ramil", "Sison", "0272788"),
        ],
    },
    "Y-8067": {
        "reset": True,
        "students": [
            ("Angel", "Delarosa", "0250419"),
            ("Citlali", "Hernandez de Anda", "0250455"),
        ],
    },
    "Y-8068": {
        "reset": True,
        "students": [
            ("Hunter", "May", "0297785"),
            ("Summer", "Long", "0297790"),
        ],
    },
    "Y-8069": {
        "reset": True,
        "students": [
            ("Sofia", "Ramirez", "0316815"),
        ],
    },
    "Y-8070": {
        "reset": True,
        "students": [
            ("Sofia", "Ramirez", None),
        ],
    },
    "Y-8071": {
        "reset": True,
        "students": [
            ("Aleksei", "Ivanov", "0355601"),
            ("Maksim", "Ivanov", "0355607"),
        ],
    },
    "Y-8072": {
        "reset": True,
        "students": [
            ("Lucie", "Moreau", "0318855"),
            ("Baptiste", "Roy", "0318871"),
            ("Ines", "Benali", "0318893"),
        ],
    },
    "Y-8073": {
        "reset": True,
        "students": [
            ("Joshua", "Tuimavave", "0297811"),
            ("Leota", "Seiuli", "0297839"),
            ("Tavita", "Aumua", "0297856"),
        ],
    },
    "Y-8074": {
        "reset": True,
        "students": [
            ("Wei-Lun", "Chen", "0356503"),
            ("Xinyi", "Ou", "0356528"),
            ("Zihan", "Huang", "0356547"),
            ("Yichen", "Deng", "0356566"),
        ],
    },
    "Y-8075": {
        "reset": True,
        "students": [
            ("nikolai", "petrov", "0294988"),
            ("oksana", "hrytsak", "0295014"),
            ("timur", "akhmetov", "0295037"),
        ],
    },
    "Y-8076": {
        "reset": True,
        "students": [
            ("Ravneet", "Cheema", "0361302"),
            ("Gurjot", "Mann", "0361327"),
        ],
    },
    "Y-8077": {
        "reset": True,
        "students": [
            ("Prabhnoor", "Aulakh", "0279355", "Kaur"),
        ],
        "not_students": ["0279930"],
    },
    "Y-8078": {
        "reset": True,
        "students": [
            ("Yulia", "Tkachenko", "0389105"),
            ("Bohdana", "Marchenko", "0389127"),
        ],
    },
    "Y-8079": {
        "reset": True,
        "students": [
            ("Shawn", "Benally", "0241302", "T."),
            ("Autumn", "Nez", "0241345"),
        ],
    },
    "Y-8080": {
        "reset": True,
        "students": [
            ("Selamawit", "Asfaw", "0314760"),
            ("Nahom", "Kidane", "0314788"),
        ],
    },
    "Y-8081": {
        "reset": True,
        "students": [
            ("Maya", "Long", "0316832"),
            ("Brooklyn Grace", "Tso", "0316858"),
        ],
        "not_students": ["0200001"],
    },
    "Y-8082": {
        "reset": True,
        "students": [
            ("Seo-ah", "Yoon", "0266812"),
            ("Jae-min", "Cho", "0266839"),
        ],
    },
    "Y-8083": {
        "reset": True,
        "students": [
            ("Danylo", "Koval", "0262455"),
            ("Danylo", "Koval", "O262455"),
        ],
    },
    "Y-8084": {
        "reset": True,
        "students": [
            ("Jasmine", "Pangilinan", "O27l904"),
            ("Carlo", "Mendoza", "0273014"),
        ],
    },
    "Y-8085": {
        "reset": True,
        "students": [
            ("Tasi", "Leiataua", "027312S"),
            ("Eseta", "Fuimaono", "0273188"),
        ],
    },
    "Y-8086": {
        "reset": True,
        "students": [
            ("Kalolaine", "Mahe", "2233517"),
        ],
    },
    "Y-8087": {
        "reset": True,
        "students": [
            ("Renata", "Ibarra Solís", None),
        ],
    },
    "Y-8088": {
        "reset": True,
        "students": [
            ("Zoé", "Lambert", "0305290"),
            ("Maëlle", "Chevalier", "0305311"),
        ],
    },
    "Y-8089": {
        "reset": True,
        "students": [
            ("Itzel", "Ramos", "0273390"),
            ("Brayden", "Tso", "0303412"),
        ],
    },
    "Y-8090": {
        "reset": True,
        "students": [
            ("Fetu", "Alaimalo", "0273422"),
            ("Ioane", "Leota", "0273447"),
        ],
    },
    "Y-8091": {
        "reset": True,
        "students": [
            ("Ellie", "Nakai", "0245622"),
        ],
    },
    "Y-8092": {
        "reset": True,
        "students": [
            ("Kai", "Begay-Tsosie", "0245650"),
            ("Tallulah", "Joe", "0245688"),
        ],
    },
    "Y-8093": {
        "reset": True,
        "students": [
            ("Seini", "Mateaki", "0297872"),
            ("Sitani", "Fusitu’a", "0297894"),
        ],
    },
    "Y-8094": {
        "reset": True,
        "students": [
            ("Valentina", "Huerta Méndez", "0250477"),
            ("Santiago", "Ochoa", "0250498"),
        ],
    },
    "Y-8095": {
        "reset": True,
        "students": [
            ("Manon", "Leclerc", "0318912"),
            ("Baptiste", "Girard", "0318934"),
        ],
    },
    "Y-8096": {
        "reset": True,
        "students": [
            ("Grace", "Brown", "0274451"),
        ],
    },
    "Y-8097": {
        "reset": True,
        "students": [
            ("Angelina", "Tsosie", "0238127"),
        ],
    },
    "Y-8098": {
        "reset": True,
        "students": [
            ("Adrian", "Etsitty", "0357915"),
        ],
    },
    "Y-8099": {
        "reset": True,
        "students": [
            ("Salote", "Fifita", "0358951"),
        ],
    },
    "Y-8100": {
        "reset": True,
        "students": [],
        "none_extracted": True,
    },
    "Y-8101": {
        "reset": True,
        "students": [],
        "none_extracted": True,
        "not_students": ["0263140", "0247790"],
    },
    "Y-8102": {
        "reset": True,
        "students": [
            ("Nascha", "Begaye", "0389644"),
            ("Tomasi", "Kata", "0389671"),
        ],
    },
    "Y-8103": {
        "reset": True,
        "students": [
            ("Darnell", "Manygoats Jr.", "0245711"),
            ("Jerome", "Tsosie III", "0245733"),
        ],
    },
    "Y-8104": {
        "reset": True,
        "students": [
            ("Tevita", "Fifita Jr.", "0391377"),
            ("Samisoni", "Kata", "0391399"),
        ],
    },
    "Y-8105": {
        "reset": True,
        "students": [
            ("Mekdes", "Haile", "O 3 1 4 8 1 5"),
        ],
    },
    "Y-8106": {
        "reset": True,
        "students": [
            ("Riku", "Nakashima", "0357403"),
            ("Emi", "Sasaki", "0357428"),
        ],
    },
    "Y-8107": {
        "reset": True,
        "students": [
            ("Hope", "Long", "0274418"),
            ("Will", "King", "0274402"),
        ],
    },
    "Y-8108": {
        "reset": True,
        "students": [
            ("Paisley", "Tso", "0316\xa0874"),
            ("Aiyana", "Begaye", "031–6896"),
        ],
    },
    "Y-8109": {
        "reset": True,
        "students": [
            ("Taras", "Bondarchuk", "ID#0316760"),
            ("Mariia", "Horbach", "# o305333"),
        ],
    },
    "Y-8110": {
        "reset": True,
        "students": [
            ("Clement", "Faure", "Student ID: 318956"),
        ],
    },
    "Y-8111": {
        "reset": True,
        "students": [
            ("Ilya", "Sorokin", "O29-5160"),
        ],
    },
    "Y-8112": {
        "reset": True,
        "students": [
            ("OLENA", "ORLYK", "O295112"),
            ("OMAR", "OSEGUERA", "O295139"),
        ],
    },
    "Y-8113": {
        "reset": True,
        "students": [
            ("Lívia", "Barbosa", "301820"),
            ("Rodrigo", "Teixeira", "0301954"),
        ],
    },
    "Y-8114": {
        "reset": True,
        "students": [
            ("Yerin", "Baek", "0266839"),
            ("Taeyang", "Kwon", "0266857"),
        ],
    },
    "Y-8115": {
        "reset": True,
        "students": [
            ("Joshua", "Santos", "0272803"),
        ],
    },
    "Y-8116": {
        "reset": True,
        "students": [
            ("Juan", "Morales", "0247833"),
        ],
    },
    "Y-8117": {
        "reset": True,
        "students": [
            ("Tevita", "Fonua", "0233190", "K."),
        ],
    },
    "Y-8118": {
        "reset": True,
        "students": [
            (None, None, "0245711"),
            (None, None, "0241345"),
        ],
    },
    "Y-8119": {
        "reset": True,
        "students": [
            ("Harleen", "Toor", "0361356"),
        ],
    },
    "Y-8120": {
        "reset": True,
        "students": [
            ("Rohan", "Bhullar", "0361371"),
            ("Sukhman", "Gill", "0361394"),
        ],
    },
    "Y-8121": {
        "reset": True,
        "students": [
            ("Kaya", "Begaye", "0245744"),
            ("Ye-jin", "Ryu", "266874"),
            ("Lorenzo", "Abad", "O273481"),
            ("Solomon", "Tesfay", "0314837"),
            ("Heitor", "Cavalcanti", "0303455"),
            ("Lesieli", "Taumoepeau", "0295211"),
            ("Harman", "Dhillon", "0357480"),
            ("Pavlo", "Tkachuk", "0389702"),
            ("Hyejin", "Nam", "0357512"),
            ("Dezbah", "Nakai", "0245766"),
            ("Ofa", "Moala", "0295234"),
            ("Kidist", "Alemayehu", "0314859"),
        ],
    },
    "Y-8122": {
        "reset": True,
        "students": [
            ("Lomasi", "Tsinajinnie", "0389726"),
            ("Koa", "Fonoti", "0357539"),
        ],
    },
    "Y-8123": {
        "reset": True,
        "students": [
            ("Mi-so", "Jeon", "0389599"),
        ],
    },
    "Y-8124": {
        "reset": True,
        "students": [
            ("Vira", "Martynenko", "0295188"),
            ("Mykola", "Savchenko", "0295203"),
        ],
    },
    "Y-8125": {
        "reset": True,
        "students": [
            ("Kaito", "Sugimoto", "0322618"),
        ],
    },
    "Y-8126": {
        "reset": True,
        "students": [
            ("Gustavo", "Ribeiro", "0303471"),
            ("Wen Jie", "Liu", "0316913"),
        ],
    },
    "Y-8127": {
        "reset": True,
        "students": [
            ("Maryjoy", "Lacson", "0273466"),
        ],
    },
    "Y-8128": {
        "reset": True,
        "students": [
            ("Lucia", "Flores Tapia", "0250521"),
        ],
    },
    "Y-8129": {
        "reset": True,
        "students": [
            ("Tupac", "Mamani Quispe", "0389750"),
        ],
        "not_students": ["0390612", "0390688"],
    },
    "Y-8130": {
        "reset": False,
        "students": [
            ("Simran", "Gill", "0279114"),
            ("Harnoor", "Bains", "0279227"),
        ],
    },
    "Y-8131": {
        "reset": False,
        "students": [
            ("Mariel", "Santos", "0278815"),
            ("Jericho", "Villanueva", "0278904"),
        ],
    },
    "Y-8132": {
        "reset": False,
        "students": [
            ("Nikita", "Sokolov", "0294470"),
        ],
    },
    "Y-8133": {
        "reset": False,
        "students": [
            ("Seini", "Mateaki", "0297872"),
        ],
    },
    "Y-8134": {
        "reset": False,
        "students": [],
    },
    "Y-8135": {
        "reset": False,
        "students": [],
    },
    "Y-8136": {
        "reset": False,
        "students": [],
    },
    "Y-8137": {
        "reset": False,
        "students": [
            ("Ravneet", "Cheema", "0361302"),
        ],
    },
    "Y-8138": {
        "reset": False,
        "students": [
            ("Paulo", "Sopoaga", None),
        ],
    },
    "Y-8139": {
        "reset": False,
        "students": [
            ("Keanu", "Tafuna", "0389330"),
        ],
    },
    "Y-8140": {
        "reset": False,
        "students": [
            ("seo-yeon", "kim", None),
        ],
    },
    "Y-8141": {
        "reset": False,
        "students": [],
    },
    "Y-8142": {
        "reset": False,
        "students": [
            ("Itzel", "Ramos", "0273390"),
            ("Yanaba", "Yellowhair", "0242283"),
        ],
    },
    "Y-8143": {
        "reset": False,
        "students": [
            ("Danylo", "Koval", None),
            ("Sofiia", "Melnyk", None),
        ],
    },
    "Y-8144": {
        "reset": False,
        "students": [
            ("Yulia", "Tkachenko", "0389105"),
            ("Bohdana", "Marchenko", "0389127"),
        ],
    },
    "Y-8145": {
        "reset": False,
        "students": [
            ("Valentina", "Huerta Méndez", "0250477"),
        ],
    },
    "Y-8146": {
        "reset": False,
        "students": [],
    },
    "Y-8147": {
        "reset": False,
        "students": [
            ("Taras", "Petrenko", "O262215"),
        ],
    },
    "Y-8148": {
        "reset": False,
        "students": [
            ("Darya", "Hrytsenko", "0262478"),
        ],
    },
    "Y-8149": {
        "reset": False,
        "students": [],
        "not_students": ["0305290", "0305311"],
    },
    "Y-8150": {
        "reset": False,
        "students": [],
    },
}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
