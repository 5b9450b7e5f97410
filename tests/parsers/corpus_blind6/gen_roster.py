"""Generate roster/ for the corpus_blind6 held-out ticket corpus (OneRoster 1.1 CSV).

Tollamack Valley Regional School District (tvrsd.k12.example) is invented, and so is every
name, ID, e-mail address and phone number below.

    /work/main/.venv/bin/python gen_roster.py            # rewrites roster/ byte for byte
    /work/main/.venv/bin/python gen_roster.py --seed 7   # other filler, same fixed records

The students, staff and parent that the tickets name are FIXED records: their sourcedIds and
dates come from uuid5/hashes, never from the random generator, so truth.json holds for any
seed. Filler records are drawn from random.Random(seed) and never reuse a fixed ID, a fixed
full name, or an ID listed in RESERVED_IDS (IDs the tickets write that must belong to nobody).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import unicodedata
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from connectors.roster.oneroster_csv import ORGS_HEADER, USERS_HEADER, write_oneroster_csv

SEED = 20261103
HERE = Path(__file__).resolve().parent
NS = uuid.UUID("6f1c2a4e-93d5-4b7a-8e0f-2d5b9c31a7e4")
STAFF_DOMAIN = "tvrsd.k12.example"
STUDENT_DOMAIN = "learn.tvrsd.k12.example"

# code: (name, type, identifier, grades taught, filler students, teachers, admins, aides)
ORGS = {
    "DIST": ("Tollamack Valley Regional School District", "district", "2513370", (), 0, 0, 6, 3),
    "ELC": ("Ashgrove Early Learning Center", "school", "251337000105", ("PK", "KG"), 150, 9, 1, 6),
    "BSS": (
        "Bellmont Street School",
        "school",
        "251337000110",
        ("KG", "01", "02", "03", "04"),
        240,
        16,
        2,
        5,
    ),
    "CBS": (
        "Coldbrook School",
        "school",
        "251337000115",
        ("KG", "01", "02", "03", "04"),
        230,
        15,
        2,
        5,
    ),
    "QHL": (
        "Quarry Hill School",
        "school",
        "251337000120",
        ("KG", "01", "02", "03", "04"),
        220,
        15,
        2,
        4,
    ),
    "WFS": (
        "Wickett Falls School",
        "school",
        "251337000125",
        ("KG", "01", "02", "03", "04"),
        200,
        14,
        2,
        4,
    ),
    "MIS": (
        "Millrace Intermediate School",
        "school",
        "251337000210",
        ("05", "06", "07", "08"),
        330,
        26,
        3,
        5,
    ),
    "FUS": (
        "Fenwick Upper School",
        "school",
        "251337000215",
        ("05", "06", "07", "08"),
        300,
        24,
        3,
        5,
    ),
    "RHS": (
        "Tollamack Valley Regional High School",
        "school",
        "251337000310",
        ("09", "10", "11", "12"),
        560,
        48,
        5,
        7,
    ),
    "CTC": (
        "Tollamack Valley Career and Technical Center",
        "school",
        "251337000315",
        ("09", "10", "11", "12"),
        210,
        20,
        2,
        3,
    ),
}

# Fixed students: ID|givenName|familyName|middleName|school|grade|state
# state: a = active and enabled, t = status tobedeleted, d = active but enabledUser=false
FIXED_STUDENTS = """
0623417|Giuliana|Ferrante||ELC|KG|a
0623471|Mateus|Pina||ELC|KG|a
0651190|Jean-Baptiste|Mukendi||ELC|KG|a
0619935|Rosa Elena|Batista Núñez||ELC|KG|a
0512046|Lucas|Amaral||BSS|03|a
0512064|Lucia|Amaral||BSS|01|a
0537781|Fabiola|Joseph||BSS|04|a
0537718|Wisly|Pierre-Louis||BSS|04|a
0548203|Dario|DiNapoli||BSS|02|a
0548230|Faith|O'Rourke||BSS|03|a
0559314|Sreyneang|Chhun||BSS|04|a
0560027|Guy|Thibodeau||BSS|04|a
0571135|Anaïs|Saint-Fleur||BSS|02|a
0571153|Mylène|Desrosiers||BSS|03|a
0582260|Kiara|Rodríguez Colón||BSS|04|a
0582206|Yandel|Santiago Ortiz||BSS|04|a
0593318|Eleni|Papageorgiou||BSS|03|a
0501172|Angelo|Della Rocca||BSS|04|a
0501127|Nour|Abi Nader||BSS|04|a
0503340|Seamus|MacLeod||BSS|03|a
0559425|Destiny|Barbosa||BSS|04|t
0514478|Chance|Pettengill||BSS|04|a
0526690|Bill|Kourtis||BSS|03|a
0526609|Vasiliki|Kourtis||BSS|04|a
0538812|Emmanuella|Fils-Aimé||BSS|04|a
0534409|Joana|Tavares||CBS|04|a
0534490|Edilson|Tavares||CBS|02|a
0545518|Kervens|Louissaint||CBS|03|a
0556627|Dimitra|Karagiannis||CBS|04|a
0556672|Panagiotis|Karagiannis||CBS|01|a
0567735|Souksavanh|Phommachanh||CBS|04|a
0567753|Khamla|Sisavath||CBS|03|a
0578844|Rich|Gagnon||CBS|04|a
0589953|Sophia|DaSilva||CBS|03|a
0590061|Isabella|Da Silva||CBS|04|a
0501279|Lily Ann|MacDougall||CBS|02|a
0512388|Mercy|Kabongo||CBS|04|a
0523497|Blerta|Krasniqi||CBS|03|a
0523479|Arben|Krasniqi||CBS|04|a
0545581|Kelvin|Barros||CBS|03|a
0534415|Nicolás|Vargas Mena||CBS|04|a
0578848|Siena|Lombardi||CBS|04|d
0408815|Emily|O'Connell||QHL|03|a
0408851|Emily|O'Connell||QHL|04|a
0419920|Francesca|Bellantoni||QHL|04|a
0420036|Eli|Thorndike||QHL|02|a
0431147|Rithy|Sam||QHL|04|a
0442258|Mariana|Cruz Rivera||QHL|03|a
0453369|Sunita|Ghimire||QHL|04|a
0453396|Bishal|Ghimire||QHL|02|a
0464470|Ray|Lindgren||QHL|04|a
0475581|Raymond|Costa||QHL|04|a
0486692|Rose-Merline|Dorval||QHL|03|a
0497703|Connor|McNeil||QHL|04|a
0408826|Ava|Pelkey|Marie|QHL|04|a
0419931|Jonah|Abernathy||QHL|03|t
0420047|Mirela|Hasani||QHL|04|a
0305512|Beatriz|Medeiros||WFS|04|a
0305521|Tiago|Medeiros||WFS|03|a
0316623|Wilmarie|Ocasio Feliciano||WFS|04|a
0327734|Frank|Albanese||WFS|04|a
0338845|Francesco|Guarino||WFS|04|a
0349956|Bounmy|Keomany||WFS|03|a
0350067|Précieuse|Ilunga||WFS|04|a
0361178|Hannah|Van Der Meer||WFS|04|a
0372289|Owen|St. Pierre||WFS|04|a
0383390|Aiden|O'Shea||WFS|03|a
0394401|Maria Clara|Fontes||WFS|04|a
0305567|Dayana|Tejada||WFS|04|d
0316634|Matthew|Goodale||WFS|04|a
0327745|Sunny|Chhim||WFS|03|a
0281734|Gabriel|Dos Santos||MIS|07|a
0292845|Kostas|Anagnostou||MIS|08|a
0203956|Mikaela|Lynch||MIS|06|a
0214067|Carolina|Pires||MIS|05|a
0225178|Yeison|Mejía Almonte||MIS|07|a
0236289|Peterson|Jean-Louis||MIS|08|a
0247390|Dil Kumar|Subba||MIS|06|a
0258401|Tara|Limbu||MIS|07|a
0269512|Pisey|Nhem||MIS|08|a
0270623|Divine|Tshibanda||MIS|06|a
0292856|Ermira|Gashi||MIS|07|a
0203967|Finn|MacKinnon||MIS|05|a
0214078|Lorenzo|Di Stefano||MIS|08|a
0225189|Zoe|Nassar||MIS|06|a
0236290|Julián|Rosario||MIS|07|a
0247301|Hope|Blanchard||MIS|05|a
0258412|Connor|MacNeil||MIS|07|a
0269523|Brandon|Leary||MIS|08|t
0270634|Mia|Sousa||MIS|06|a
0281743|Gabriel|Dos Santos||FUS|06|a
0315876|Alexandros|Pappas||FUS|08|a
0326987|Yasmine|Chamoun||FUS|07|a
0337098|Kayla|McManus|Rose|FUS|06|a
0348109|Brayan|Guzmán Peña||FUS|08|a
0359210|Soriya|Kong||FUS|07|a
0360321|Phetsamone|Inthavong||FUS|05|a
0371432|Nirmala|Pradhan||FUS|08|a
0382543|Guy-Roland|Kasongo||FUS|07|a
0393654|Drilon|Hoxha||FUS|06|a
0304765|Declan|O'Sullivan||FUS|08|a
0315887|Abigail|Winslow||FUS|05|a
0326998|Tomás|Furtado||FUS|06|a
0337009|Samantha|Doyle||FUS|07|d
0348110|Giovanni|Lo Bianco||FUS|08|a
0714402|Stavros|Demetriou||RHS|11|a
0725513|Ana Lúcia|Monteiro||RHS|10|a
0736624|Wilner|Desir||RHS|12|a
0747735|Nathalie|Augustin||RHS|09|a
0747736|Natalia|Augustine||RHS|10|a
0758846|Faith|Nkulu||RHS|11|a
0769957|Drita|Shala||RHS|10|a
0770068|Prakash|Dahal||RHS|12|a
0781179|Sovann|Ouk||RHS|11|a
0792280|Khamphet|Sayavong||RHS|09|a
0703391|Marco|Di Pietro||RHS|12|a
0714413|Catarina|Couto||RHS|10|a
0725524|Kenny|Rivera Soto||RHS|09|a
0736635|Eamon|MacPhee||RHS|11|a
0747746|Leila|Abi Nader||RHS|12|a
0758857|Karim|Fakhoury||RHS|10|a
0769968|Mackenzie|Pratt||RHS|09|a
0770079|Yanelis|Peralta De Jesús||RHS|11|a
0781180|Evangelos|Tsoukalas||RHS|12|a
0792291|Antonella|Ruggiero||RHS|10|a
0703302|Bryce|Dunham||RHS|11|a
0714424|Christelle|Mbala||RHS|09|a
0725535|Gezim|Dervishi||RHS|12|a
0736646|Anisha|Tamang||RHS|10|a
0747757|Bora|Long||RHS|11|a
0758868|Michael|Reardon|Joseph|RHS|12|a
0769979|Katherine|Shattuck||RHS|10|a
0770080|Jacqueline|Morin||RHS|11|t
0781191|Dominique|Toussaint||RHS|12|d
0792202|Alejandro|Matos Rivera||RHS|10|a
0703313|Sofia|Kyriakou||RHS|09|a
0845120|Jaime|Oliveira||RHS|10|a
0854120|Jaime|Oliveira||CTC|11|a
0865231|Tyler|Bouchard||CTC|12|a
0876342|Emanuel|Pacheco||CTC|10|a
0887453|Shane|MacIsaac||CTC|11|a
0898564|Kenia|Almánzar||CTC|12|a
0809675|Guy|Bergeron||CTC|10|a
0810786|Cody|Fontaine||CTC|09|a
0821897|Xhesika|Leka||CTC|11|a
0832908|Ganga|Biswa||CTC|12|a
0843019|Trevor|Oakes||CTC|10|a
"""

# Fixed staff: email local part|givenName|familyName|middleName|role|org codes|state|employee no.
FIXED_STAFF = """
n.p.goodspeed|Nathaniel|Goodspeed|P|administrator|DIST|a|904112
rtheriault|Rosalind|Theriault||administrator|DIST|a|887310
mhaddad|Maryam|Haddad||administrator|DIST|a|893054
sokha.prum|Sokha|Prum||teacher|DIST|a|912276
lpimentel|Lucinda|Pimentel||aide|DIST|a|915530
hames|Harold|Ames||administrator|DIST|t|861207
gwhitcomb|Gail|Whitcomb||administrator|ELC|a|872245
blavallee|Bonnie|Lavallee||teacher|ELC|a|879918
pricci|Paul|Ricci||administrator|BSS|a|866031
adimarzio|Angela|DiMarzio||teacher|BSS|a|874402
kohalloran|Kevin|O'Halloran||teacher|BSS|a|881173
thida.keo|Thida|Keo||teacher|BSS|a|913385
jpouliot|Janice|Pouliot||administrator|BSS|a|869950
malden|Mark|Alden||administrator|CBS|a|870614
fpapadakis|Fotini|Papadakis||teacher|CBS|a|883327
jcelestin|Jean-Robert|Célestin||teacher|CBS|a|888802
hlindqvist|Heather|Lindqvist||teacher|CBS|a|891146
embuyi|Espérance|Mbuyi||aide|CBS|a|910738
dsousa|Dennis|Sousa||administrator|QHL|a|864489
smccready|Siobhan|McCready||teacher|QHL|a|880265
ezra.whitlock|Ezra|Whitlock||teacher|QHL|a|914021
j.r.silva|Jennifer|Silva|R|teacher|QHL|a|876693
rcarvalho|Rita|Carvalho||aide|QHL|a|895517
okhalil|Omar|Khalil||administrator|WFS|a|868172
crosado|Carmen|Rosado Vélez||teacher|WFS|a|877540
atibbetts|Aaron|Tibbetts||teacher|WFS|a|885109
phatch|Priscilla|Hatch||teacher|WFS|t|852286
lgendron|Lorraine|Gendron||administrator|WFS|a|862973
lvandyke|Lisa|Van Dyke||administrator|MIS|a|867318
gkalogeropoulos|Georgios|Kalogeropoulos||teacher|MIS|a|878856
mstonge|Megan|St. Onge||teacher|MIS|a|889421
keshab.adhikari|Keshab|Adhikari||teacher|MIS|a|916604
ralmonte|Ramón|Almonte||aide|MIS|a|897735
dmcgrath|Deirdre|McGrath||administrator|FUS|a|865590
bmacaskill|Brendan|MacAskill||teacher|FUS|a|882048
hkhoury|Hoda|Khoury||teacher|FUS|a|886479
vanna.sok|Vanna|Sok||teacher|FUS|a|917152
cpelletier|Craig|Pelletier||teacher|FUS|d|858814
t.j.kearney|Thomas|Kearney|J|administrator|RHS|a|863307
jmarchetti|Joanna|Marchetti||teacher|RHS|a|875128
dvlahos|Dimitri|Vlahos||teacher|RHS|a|884630
fdossantos|Fatima|Dos Santos||teacher|RHS|a|890287
wcoffin|Wesley|Coffin||teacher|RHS|a|873391
yfigueroa|Yolanda|Figueroa Rivas||teacher|RHS|a|892764
alisa.hoxha|Alisa|Hoxha||teacher|RHS|a|918843
iberisha|Ilir|Berisha||aide|RHS|a|898201
bcrowell|Bethany|Crowell||administrator|RHS|a|871856
mfurtado|Manuel|Furtado||administrator|CTC|a|866745
rducharme|Raymond|Ducharme||teacher|CTC|a|904471
kdoucette|Kerri-Ann|Doucette||teacher|CTC|a|879390
cbeaulieu|Claire|Beaulieu||teacher|BSS,CBS|a|883815
pvongsa|Phonsavanh|Vongsa||teacher|QHL,WFS|a|911469
gandrade|Gus|Andrade||teacher|MIS,FUS|a|874957
lmaclean|Lindsey|Maclean||aide|RHS,CTC|a|896612
"""

# Fixed parent: e-mail|givenName|familyName|phone|child student IDs
FIXED_PARENTS = """
odete.barros@kinnet.example|Odete|Barros|978-555-0187|0545581
"""

# IDs written in the tickets that must stay unassigned (wrong digits, examples, numbers that
# only look like IDs: ticket, employee and asset numbers with a zero put in front).
RESERVED_IDS = frozenset(
    """
    0292865 0371423 0034409 0123456 0104877 0904471
    """.split()
)

GIVEN = {
    "italian": "Marco Giulia Matteo Chiara Luca Alessia Nico Gianna Vincenzo Sofia Dante Bianca",
    "lusophone": "Joao Ines Rafael Mariana Diogo Leticia Helder Nelida Adilson Keila Ivanildo",
    "haitian": "Widlyne Jameson Kettia Ricardo Fedna Stanley Rose-Darline Jephte Nehemie",
    "dominican": "Yordy Yarelis Anyelo Darielys Jhonatan Nayeli Wilkin Yuleisy Enmanuel",
    "puertorican": "Javier Yamilet Luis Ivelisse Adrian Keishla Angel Coral Jadiel Nahiara",
    "greek": "Nikos Eleni Giorgos Athena Christos Despina Panos Vasiliki Spiros Ioanna",
    "lebanese": "Elie Maya Georges Rania Karim Yara Rami Nadine Tarek Celine Fadi Joelle",
    "khmer": "Dara Sophal Bopha Vibol Chenda Rotha Sokha Veasna Channary Piseth Malis",
    "lao": "Somphone Noy Khamsing Manivanh Vilay Phoutthasone Keo Souliya Chanthala",
    "nepali": "Bikash Sabina Suman Dipika Ram Kalpana Santosh Manisha Hari Laxmi Roshan",
    "congolese": "Grace Patrick Benedicte Jonathan Merveille Glody Exaucee Dieumerci Rachel",
    "albanian": "Arta Besnik Lirie Dritan Elona Fatos Jonida Genti Rina Ardit Vjosa Erion",
    "celtic": "Liam Aoife Ciaran Maeve Callum Isla Rory Niamh Fergus Sinead Cormac Ailsa",
    "yankee": "Ethan Abigail Caleb Hannah Wyatt Lydia Silas Mercy Jonah Prudence Asa Tessa",
}
FAMILY = {
    "italian": "Bianchi Caruso Lombardo Esposito Marino Ferraro Gallo Conti Rinaldi De_Luca",
    "lusophone": "Pereira Almeida Fernandes Gomes Lopes Rodrigues Teixeira Moniz Semedo Brito",
    "haitian": "Pierre Jean Charles Etienne Baptiste Louis-Jeune Noel Alexis Saintil Desrosiers",
    "dominican": "Reyes Polanco Mercedes Rosario Feliz Nuñez Paulino Espinal Taveras Ventura",
    "puertorican": "Rivera Colon Torres Maldonado Velazquez Quinones Ayala Negron Rosa Cintron",
    "greek": "Papadopoulos Georgiou Nikolaidis Christodoulou Pappas Alexiou Stavrou Makris",
    "lebanese": "Khoury Haddad Nassar Saad Harb Mansour Aoun Gemayel Sfeir Bou_Saab Tannous",
    "khmer": "Sok Chan Chea Hem Meas Pich Ros Sam Sar Tep Touch Vong Yim",
    "lao": "Phommavong Sisouk Vongphachanh Keovilay Souvannavong Inthirath Chanthavong",
    "nepali": "Gurung Rai Sharma Adhikari Magar Chhetri Subedi Bhattarai Tamang Koirala",
    "congolese": "Mbuyi Kalala Ilunga Mwamba Tshimanga Lukusa Ngoy Kabeya Mutombo Nsimba",
    "albanian": "Gjoka Hoxha Krasniqi Berisha Kelmendi Dervishi Morina Shehu Bajrami Leka",
    "celtic": "O'Brien McCarthy MacDonald McLaughlin O'Neill MacKenzie Fitzgerald Sweeney",
    "yankee": "Whitney Hale Cobb Sears Lowell Endicott Bigelow Pike Chase Fairbanks Ward",
}
MIDDLES = "A B C D E J L M R S T".split() + ["Marie", "Ann", "James", "Lee", "Grace", "Luis"]
PARENT_DOMAINS = ("kinnet.example", "inboxly.example", "valleymail.example")


def fixed_uuid(key: str) -> str:
    return str(uuid.uuid5(NS, key))


def fixed_date(key: str) -> str:
    """A dateLastModified for a fixed record that does not depend on the seed."""
    minutes = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % (92 * 24 * 60)
    return stamp(datetime(2026, 6, 1) + timedelta(minutes=minutes))


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def ascii_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ch.isascii() and ch.isalpha()).lower()


def full_key(given: str, family: str) -> str:
    return ascii_letters(given) + "|" + ascii_letters(family)


def parse_table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip().splitlines()]


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.org_ids = {code: fixed_uuid("org:" + code) for code in ORGS}
        self.users: list[dict[str, str]] = []
        self.emails: set[str] = set()
        self.student_ids: set[str] = set()
        self.names: set[str] = set()
        self.employee_numbers: set[str] = set()

    def random_date(self) -> str:
        minutes = self.rng.randrange(92 * 24 * 60)
        return stamp(datetime(2026, 6, 1) + timedelta(minutes=minutes))

    def random_uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def pick_name(self) -> tuple[str, str]:
        group = self.rng.choice(sorted(GIVEN))
        given = self.rng.choice(GIVEN[group].split())
        family_group = group if self.rng.random() < 0.85 else self.rng.choice(sorted(FAMILY))
        family = self.rng.choice(FAMILY[family_group].split()).replace("_", " ")
        if self.rng.random() < 0.05:
            other = self.rng.choice(FAMILY["puertorican"].split())
            if other != family:
                family = family + " " + other
        return given, family

    def student_email(self, given: str, family: str, student_id: str) -> str:
        base = ascii_letters(given)[:1] + ascii_letters(family) + student_id[-4:]
        email, extra = base, 1
        while f"{email}@{STUDENT_DOMAIN}" in self.emails:
            extra += 1
            email = f"{base}{extra}"
        return f"{email}@{STUDENT_DOMAIN}"

    def add_student(self, row: dict[str, str]) -> None:
        self.emails.add(row["email"])
        self.student_ids.add(row["identifier"])
        self.users.append(row)

    def fixed(self) -> None:
        for sid, given, family, middle, school, grade, state in parse_table(FIXED_STUDENTS):
            self.names.add(full_key(given, family))
            email = self.student_email(given, family, sid)
            self.add_student(
                student_row(
                    fixed_uuid("student:" + sid),
                    fixed_date("student:" + sid),
                    state,
                    self.org_ids[school],
                    given,
                    family,
                    middle,
                    sid,
                    email,
                    grade,
                )
            )
        for local, given, family, middle, role, orgs, state, emp in parse_table(FIXED_STAFF):
            self.names.add(full_key(given, family))
            email = f"{local}@{STAFF_DOMAIN}"
            self.emails.add(email)
            self.employee_numbers.add(emp)
            self.users.append(
                staff_row(
                    fixed_uuid("staff:" + local),
                    fixed_date("staff:" + local),
                    state,
                    ",".join(self.org_ids[c] for c in orgs.split(",")),
                    role,
                    local,
                    given,
                    family,
                    middle,
                    emp,
                    email,
                )
            )

    def fixed_parents(self) -> None:
        by_id = {row["identifier"]: row for row in self.users if row["role"] == "student"}
        for email, given, family, phone, children in parse_table(FIXED_PARENTS):
            kids = [by_id[c] for c in children.split(",")]
            self.add_parent(
                fixed_uuid("parent:" + email),
                fixed_date("parent:" + email),
                email,
                given,
                family,
                phone,
                kids,
            )

    def add_parent(
        self,
        source_id: str,
        date: str,
        email: str,
        given: str,
        family: str,
        phone: str,
        kids: list[dict[str, str]],
    ) -> None:
        self.emails.add(email)
        for kid in kids:
            links = [x for x in kid["agentSourcedIds"].split(",") if x]
            kid["agentSourcedIds"] = ",".join(links + [source_id])
        self.users.append(
            {
                "sourcedId": source_id,
                "status": "active",
                "dateLastModified": date,
                "enabledUser": "true",
                "orgSourcedIds": kids[0]["orgSourcedIds"],
                "role": "parent",
                "username": email,
                "givenName": given,
                "familyName": family,
                "email": email,
                "phone": phone,
                "agentSourcedIds": ",".join(k["sourcedId"] for k in kids),
            }
        )

    def new_student_id(self) -> str:
        while True:
            sid = "0" + str(self.rng.randrange(100000, 900000))
            if (
                sid not in self.student_ids
                and sid not in RESERVED_IDS
                and sid[1:] not in self.employee_numbers
            ):
                return sid

    def filler_students(self) -> None:
        for code, (_, _, _, grades, count, *_) in ORGS.items():
            for _ in range(count):
                given, family = self.pick_name()
                if full_key(given, family) in self.names:
                    continue
                sid = self.new_student_id()
                roll = self.rng.random()
                state = "t" if roll < 0.012 else "d" if roll < 0.022 else "a"
                middle = self.rng.choice(MIDDLES) if self.rng.random() < 0.2 else ""
                self.add_student(
                    student_row(
                        self.random_uuid(),
                        self.random_date(),
                        state,
                        self.org_ids[code],
                        given,
                        family,
                        middle,
                        sid,
                        self.student_email(given, family, sid),
                        self.rng.choice(grades),
                    )
                )

    def staff_email(self, given: str, family: str, middle: str) -> str:
        first, last = ascii_letters(given), ascii_letters(family)
        options = [first[:1] + last, f"{first}.{last}"]
        if middle:
            options.append(f"{first[:1]}.{ascii_letters(middle)[:1]}.{last}")
        options += [f"{first}.{last}{n}" for n in range(2, 9)]
        start = 0 if self.rng.random() < 0.7 else 1
        for local in options[start:]:
            if f"{local}@{STAFF_DOMAIN}" not in self.emails:
                return local
        raise RuntimeError("no free staff e-mail")

    def filler_staff(self) -> None:
        codes = [c for c in ORGS if c != "DIST"]
        for code, (_, _, _, _, _, teachers, admins, aides) in ORGS.items():
            for role, count in (("teacher", teachers), ("administrator", admins), ("aide", aides)):
                for _ in range(count):
                    given, family = self.pick_name()
                    if full_key(given, family) in self.names:
                        continue
                    self.names.add(full_key(given, family))
                    middle = self.rng.choice(MIDDLES) if self.rng.random() < 0.25 else ""
                    local = self.staff_email(given, family, middle)
                    self.emails.add(f"{local}@{STAFF_DOMAIN}")
                    orgs = [code]
                    if code != "DIST" and self.rng.random() < 0.08:
                        orgs.append(self.rng.choice([c for c in codes if c != code]))
                    roll = self.rng.random()
                    state = "t" if roll < 0.03 else "d" if roll < 0.05 else "a"
                    while True:
                        emp = str(self.rng.randrange(850000, 920000))
                        if (
                            emp not in self.employee_numbers
                            and "0" + emp not in RESERVED_IDS
                            and "0" + emp not in self.student_ids
                        ):
                            break
                    self.employee_numbers.add(emp)
                    self.users.append(
                        staff_row(
                            self.random_uuid(),
                            self.random_date(),
                            state,
                            ",".join(self.org_ids[c] for c in orgs),
                            role,
                            local,
                            given,
                            family,
                            middle,
                            emp,
                            f"{local}@{STAFF_DOMAIN}",
                        )
                    )

    def filler_parents(self, count: int) -> None:
        students = [
            u
            for u in self.users
            if u["role"] == "student" and u["status"] == "active" and not u["agentSourcedIds"]
        ]
        for kid in self.rng.sample(students, count):
            given = self.rng.choice(GIVEN[self.rng.choice(sorted(GIVEN))].split())
            local = ascii_letters(given) + "." + ascii_letters(kid["familyName"])
            email = f"{local}{self.rng.randrange(10, 99)}@{self.rng.choice(PARENT_DOMAINS)}"
            if email in self.emails:
                continue
            phone = f"978-555-01{self.rng.randrange(10, 100):02d}"
            self.add_parent(
                self.random_uuid(),
                self.random_date(),
                email,
                given,
                kid["familyName"],
                phone,
                [kid],
            )

    def orgs(self) -> list[dict[str, str]]:
        rows = []
        for code, (name, kind, ident, *_) in ORGS.items():
            rows.append(
                {
                    "sourcedId": self.org_ids[code],
                    "status": "active",
                    "dateLastModified": fixed_date("org:" + code),
                    "name": name,
                    "type": kind,
                    "identifier": ident,
                    "parentSourcedId": "" if kind == "district" else self.org_ids["DIST"],
                }
            )
        return rows


def student_row(
    source_id: str,
    date: str,
    state: str,
    org: str,
    given: str,
    family: str,
    middle: str,
    sid: str,
    email: str,
    grade: str,
) -> dict[str, str]:
    return {
        "sourcedId": source_id,
        "status": "tobedeleted" if state == "t" else "active",
        "dateLastModified": date,
        "enabledUser": "false" if state == "d" else "true",
        "orgSourcedIds": org,
        "role": "student",
        "username": email.split("@")[0],
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "identifier": sid,
        "email": email,
        "agentSourcedIds": "",
        "grades": grade,
    }


def staff_row(
    source_id: str,
    date: str,
    state: str,
    orgs: str,
    role: str,
    local: str,
    given: str,
    family: str,
    middle: str,
    emp: str,
    email: str,
) -> dict[str, str]:
    return {
        "sourcedId": source_id,
        "status": "tobedeleted" if state == "t" else "active",
        "dateLastModified": date,
        "enabledUser": "false" if state == "d" else "true",
        "orgSourcedIds": orgs,
        "role": role,
        "username": local,
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "identifier": emp,
        "email": email,
    }


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    builder = Builder(seed)
    builder.fixed()
    builder.fixed_parents()
    builder.filler_students()
    builder.filler_staff()
    builder.filler_parents(160)
    order = {"administrator": 0, "teacher": 1, "aide": 2, "student": 3, "parent": 4}
    users = builder.users
    builder.rng.shuffle(users)
    users.sort(key=lambda u: order[u["role"]])
    for row in users:
        assert set(row) <= set(USERS_HEADER), row
    orgs = builder.orgs()
    assert all(set(row) <= set(ORGS_HEADER) for row in orgs)
    return orgs, users


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=HERE / "roster")
    args = parser.parse_args()
    orgs, users = build(args.seed)
    write_oneroster_csv(args.out, orgs, users)
    students = sum(1 for u in users if u["role"] == "student")
    print(f"wrote {args.out}: {len(orgs)} orgs, {len(users)} users ({students} students)")


if __name__ == "__main__":
    main()
