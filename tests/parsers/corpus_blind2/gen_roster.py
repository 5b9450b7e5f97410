#!/usr/bin/env python3
"""Seeded, deterministic OneRoster 1.1 CSV roster for the Port Calloway blind corpus.

``python gen_roster.py`` rewrites ``roster/orgs.csv`` and ``roster/users.csv`` byte for byte.
``--seed N`` changes only the filler records: every student, staff member and parent that a
ticket refers to is a fixed record below (with a sourcedId derived from its key, not from the
seed), and no filler record may take an ID listed in RESERVED_IDS, so ``truth.json`` stays
valid for any seed. ``--stats`` prints the counts quoted in README.md.

Run it with the project's Python (``. ../../../.venv/bin/activate`` first): it imports the
OneRoster CSV header and writer from connectors/roster/oneroster_csv.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
import uuid
from collections import Counter
from pathlib import Path

# A standalone script: put the repository root on sys.path to import the project's CSV writer.
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from connectors.roster.oneroster_csv import USERS_HEADER, write_oneroster_csv  # noqa: E402

SEED = 20261015
HERE = Path(__file__).resolve().parent
DOMAIN = "portcalloway.k12.example"
STUDENT_DOMAIN = "learn.portcalloway.k12.example"
NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4b7e-9d2a-3c5b1e7f9a40")


DISTRICT = ("DIST", "Port Calloway Public Schools", "4409630")
# code, name, state school identifier, grades taught
SCHOOLS = [
    ("BAY", "Bayfront Elementary School", "440963000112", ["KG", "01", "02", "03", "04", "05"]),
    (
        "CHE",
        "Calloway Heights Elementary School",
        "440963000127",
        ["KG", "01", "02", "03", "04", "05"],
    ),
    (
        "DOU",
        "Frederick Douglass Elementary School",
        "440963000131",
        ["KG", "01", "02", "03", "04", "05"],
    ),
    (
        "GAR",
        "Garnet Street Elementary School",
        "440963000146",
        ["KG", "01", "02", "03", "04", "05"],
    ),
    (
        "HIB",
        "Hibiscus Avenue K-8 School",
        "440963000158",
        ["KG", "01", "02", "03", "04", "05", "06", "07", "08"],
    ),
    (
        "VEG",
        "Marisol Vega Dual Language Academy",
        "440963000163",
        ["KG", "01", "02", "03", "04", "05", "06", "07", "08"],
    ),
    ("NOR", "Northgate Middle School", "440963000175", ["06", "07", "08"]),
    ("EAS", "Eastbank Middle School", "440963000189", ["06", "07", "08"]),
    ("LHM", "Lighthouse Middle School", "440963000194", ["06", "07", "08"]),
    ("PCH", "Port Calloway High School", "440963000201", ["09", "10", "11", "12"]),
    ("HIH", "Harbor International High School", "440963000216", ["09", "10", "11", "12"]),
    ("IRN", "Ironworks Technical High School", "440963000222", ["09", "10", "11", "12"]),
]
TARGET_STUDENTS = 5000
TARGET_STAFF = 200
TARGET_PARENTS = 50

# ---------------------------------------------------------------------------------------------
# Fixed records the tickets refer to. Never change one without re-checking truth.json.
# Students: id|given|middle|family|school|grade|flags  (flags: tobedeleted, disabled)
# Staff: email local part|given|family|role|orgs|employee number|flags
# Parents: email|given|family|children's student ids
# ---------------------------------------------------------------------------------------------
FIXED_STUDENTS = """\
0302258|Selamawit||Tesfaye|NOR|07|
0302291|Dawit||Haile|NOR|07|
0304717|Meron||Gebremedhin|NOR|08|
0304881|Meskerem|Abebe|Girma|NOR|07|
0304902|Yohannes|Tekle|Berhane|NOR|07|
0305016|Kidist||Mulugeta|NOR|07|
0305102|Bethlehem||Kebede|NOR|06|
0305147|Natnael||Wolde|NOR|06|
0307733|Hodan||Farah|NOR|08|
0307745|Abdi||Hassan|NOR|08|
0308012|Liban||Warsame|NOR|08|
0308066|Sharmarke||Dualeh|NOR|08|
0308220|Dashawn||O'Brien|NOR|06|
0308371|Ji-ho||Kang|NOR|07|
0308409|Seo-jun||Lim|NOR|07|
0309114|Karla Patricia||Reyes Morales|NOR|07|
0309150|Luis Ángel||Torres|NOR|07|
0309187|Sofía||Reyes Morales|NOR|06|
0309321|Mohamed||Ali|NOR|08|
0309367|Mohamed||Ali|NOR|08|
0356612|Oluwaseun||Adebayo|EAS|08|
0357790|Zofia||Wróblewska|EAS|08|
0357803|Nia||Jones|EAS|07|
0357846|Kateryna||Shevchenko|EAS|07|
0358841|Abdul-Rahman||Al-Sayed|EAS|07|
0358903|Nour El-Din||Haddad|EAS|07|
0359120|Mariam||Abu Bakr|EAS|07|
0359977|Temitope||Olaniyan|EAS|06|
0360013|Mohammed||Al-Khatib|EAS|06|
0360048|Siddharth||Rao|EAS|06|
0360115|Leila||Moradi|EAS|07|
0360190|Eyerusalem||Assefa|EAS|06|
0360224|Pedro||Alves|EAS|08|
0418263|Amina||Yusuf|BAY|02|
0419627|Camila||Restrepo|BAY|04|
0419672|Diego||Restrepo|BAY|04|
0421170|Precious||Okafor|BAY|01|
0421244|Destiny||Washington|BAY|01|
0421935|Justice||Williams|BAY|01|
0422019|Amara||Conteh|BAY|02|
0462718|Abdirahman||Hassan|NOR|08|
0462803|Fartun||Ismail|NOR|08|
0467218|Abdirahman||Hassan|EAS|08|
0526602|Nia||Okoro|CHE|03|
0526690|Santiago||Herrera Vélez|CHE|03|
0527731|José Luis||Medina|CHE|04|
0528344|Hana||Yoshida|CHE|05|
0528434|Liam||Gallagher|CHE|05|
0528814|Gabriel||Fonseca|CHE|05|
0528917|Shaniqua||O'Neal|CHE|02|
0528955|D'Andre||Williams|CHE|02|
0529003|Siobhan||O'Connor|CHE|02|
0529046|Khadija||Abdullahi|CHE|04|
0529048|Ma'Kayla||Brown|CHE|02|
0529116|Keyshawn||D'Souza|CHE|05|
0529180|Aoife||O'Sullivan|CHE|05|
0529233|Isaac||Levy|CHE|03|tobedeleted
0529270|Yara||Haddad|CHE|03|
0571186|Nusrat||Jahan|PCH|10|
0571213|Md Rakibul||Islam|PCH|10|
0572241|Sadia||Islam|PCH|09|
0572258|Arif||Chowdhury|PCH|09|
0573304|Tanvir||Hossain|PCH|10|
0573359|Md Shahriar||Alam|PCH|12|
0573388|Sumaiya||Akter|PCH|12|
0573412|Tasnim||Rahman|PCH|12|
0574410|Declan||Byrne|PCH|11|
0574557|Kofi||Mensah|PCH|11|
0574617|Priscila||Ramos|PCH|11|
0575518|Michael||Kowalski|PCH|11|
0575529|Aleksandr||Petrov|PCH|11|
0575603|Isabella||Ruiz|PCH|11|
0575617|Owen||Mbeki|PCH|11|
0576091|Jamal||Carter|PCH|12|
0576133|Gift||Ogunbiyi|PCH|10|
0576180|Royal||Jenkins|PCH|10|
0576221|Abdi||Hassan|PCH|09|
0577702|Wei||Zhang|PCH|10|
0577755|Yuxuan||Chen|PCH|10|
0577790|Xiaoming||Li|PCH|10|
0578816|Devontae||Jackson|PCH|12|
0578861|Kiara||Jackson|PCH|12|
0578933|Will||Summers|PCH|09|
0578970|Hope||Daniels|PCH|09|
0579042|Blessing||Adeyemi|PCH|09|
0579218|Maria Cristina||Dela Cruz|PCH|11|
0579310|Princess Joy||Bautista|PCH|11|
0579377|Juanito||Santos|PCH|11|
0579402|Mark Anthony||Reyes|PCH|11|
0579455|Kwabena||Owusu|PCH|10|tobedeleted,disabled
0579488|Angel||Cruz|PCH|12|
0579511|Emily||Gonzalez|PCH|12|
0579560|Kevin||Nguyen|PCH|12|
0614433|Sofia||Marchetti|NOR|06|
0614521|Ivan||Sokolov|NOR|06|
0614590|Nadia||Petrova|NOR|06|
0631507|Youssef||El-Amrani|DOU|05|
0631882|Hiwot||Alemu|DOU|03|
0631927|Yonas||Tadesse|DOU|03|
0632015|Sara||Bekele|DOU|03|
0632118|Salma||Benali|DOU|05|
0632167|Rayan||Benali|DOU|05|
0632209|Malak||Haddad|DOU|04|
0632251|Ilyas||Ouali|DOU|04|
0633145|Esperanza||Quiñónez|DOU|04|
0634417|Kwame||Boateng|DOU|05|
0652219|Brayan||Castillo|LHM|08|
0652450|Ana Sofía||Mejía|LHM|06|
0652487|Jean-Pierre||Louis|LHM|06|
0652530|Mary-Kate||O'Donnell|LHM|06|
0653308|Wilnès||Augustin|LHM|07|
0653391|Roselaure||Charles|LHM|07|
0653444|Widlens||Etienne|LHM|08|
0653502|Kervens||Joseph|LHM|07|
0653561|Daphnée||Michel|LHM|07|
0687734|Ahmed||Nur|HIH|10|
0687810|Samira||Aden|HIH|10|
0688102|Chiamaka||Obi|HIH|09|
0688147|Emmanuel||Mensah|HIH|10|
0688190|Fatoumata||Diallo|HIH|09|
0688233|Ayaan||Mohamed|HIH|10|
0688280|Hamza||Abdullahi|HIH|11|
0688312|Mariama|Sira|Keita|HIH|09|
0688355|Yaw||Asante|HIH|11|
0688401|Mulugeta||Asfaw|HIH|11|
0688449|Zainab||Jalloh|HIH|09|
0688508|Abdoulaye||Camara|HIH|09|
0688537|Mamadou||Sow|HIH|09|
0689011|Anastasiia||Kovalenko|HIH|10|
0689054|Dmitriy||Volkov|HIH|10|
0689102|Ekaterina||Smirnova|HIH|10|
0689150|Fatima Zahra||Benjelloun|HIH|10|
0741907|Wisline||Pierre|GAR|03|
0743318|Mackenson||Jean-Baptiste|GAR|03|
0743425|Fabiola||Désir|GAR|03|
0744491|Fernanda||Lima|GAR|04|
0744512|Jean-Ricardo||Etienne|GAR|05|
0744560|Naomie||Fleurimond|GAR|05|
0745012|Sabrina||Joseph|GAR|04|
0745063|Ricardo||Louis-Jeune|GAR|04|
0855012|Min-jun||Kim|HIB|06|
0855190|Seo-yeon||Park|HIB|06|
0855713|Ha-eun||Kim|HIB|07|
0855804|Do-yun||Lee|HIB|07|
0856274|Jiwoo||Choi|HIB|06|
0857216|Ayaan||Mohamed|HIB|04|
0858834|Guadalupe||Ramírez|HIB|03|
0858902|Valentina||Souza Ferreira|HIB|05|
0904418|Oluwadamilare||Ogunleye|IRN|10|
0905527|Obinna||Okeke|IRN|10|
0906031|Olga||Orlova|IRN|11|
0906618|Emeka||Nwosu|IRN|10|disabled
0906702|Tobenna||Okafor|IRN|10|
0907121|Oluwaseyi||Ogunbanjo|IRN|12|
0907166|Ifeoluwa||Adeyemi-Bello|IRN|12|
0907203|Temiloluwa||Oyelaran|IRN|12|
0907702|Wei||Zhang|IRN|10|
0907763|Lan Phuong||Tran|IRN|09|
0907790|Bao Long||Vu|IRN|09|
0907845|Minh Khoa||Pham|IRN|09|
0907880|Thanh Huong||Le|IRN|09|
0908115|Wiktoria||Nowak|IRN|11|
0908162|Michał||Wróbel|IRN|11|
0908247|Łukasz||Wiśniewski|IRN|11|
0908310|Phuong Linh||Dao|IRN|12|
0961176|Thảo||Nguyễn|VEG|07|
0962114|María José||Rodríguez Pérez|VEG|07|
0962207|Juan Pablo||De La Cruz|VEG|08|
0962260|Luz Marina||Ochoa|VEG|08|
0962385|João Vitor||Santos|VEG|07|
0963302|Thiago||Oliveira|VEG|02|
0963518|José||Hernández|VEG|04|
0963549|Inés||Gutiérrez|VEG|04|
0963580|Renee||Dupont|VEG|04|
0963596|Zoe||Clarke|VEG|04|
0963611|Camila||Ortega|VEG|03|
0963650|Bryan||Molina|VEG|03|
0963702|Ximena||Vargas|VEG|03|
0963755|Lucas||dos Santos|VEG|02|
0963781|Rafaela||da Silva|VEG|02|
0963810|Heitor||de Souza|VEG|02|
0964420|Jasmine||Flórez|VEG|06|
0964428|Jasmine||Flores|VEG|05|
0964455|Marisol||Peña|VEG|05|
0964471|Adrián||Castro|VEG|05|
0964512|Yamilet||Guzmán|VEG|05|
0964539|Brianna||Cruz|VEG|05|
0964566|Elías||Navarro|VEG|05|
0964590|Genesis||Morales|VEG|05|
0964603|Valeria||Gómez|VEG|06|
0964627|Matías||Rojas|VEG|06|
"""

FIXED_STAFF = """\
yolanda.reyes|Yolanda|Reyes|teacher|BAY|30114|
patrick.oshea|Patrick|O'Shea|teacher|CHE|30287|
nadia.haddad|Nadia|Haddad|teacher|DOU|31052|
wilner.jeanlouis|Wilner|Jean-Louis|teacher|GAR|31377|
hyejin.park|Hye-jin|Park|teacher|HIB|32208|
mercedes.ybarra|Mercedes|Ybarra|teacher|VEG|32461|
tesfaye.bekele|Tesfaye|Bekele|teacher|NOR|33019|
sandra.kowalczyk|Sandra|Kowalczyk|teacher|EAS|33540|
deshawn.mitchell|DeShawn|Mitchell|teacher|LHM|34126|
farhana.akter|Farhana|Akter|teacher|PCH|34790|
oleksandr.petrenko|Oleksandr|Petrenko|teacher|HIH|35063|
grace.adeyemi|Grace|Adeyemi|teacher|IRN|35418|
liam.donovan|Liam|Donovan|teacher|PCH|35902|
mariana.costa|Mariana|Costa|teacher|HIB VEG|36217|
jerome.baptiste|Jerome|Baptiste|teacher|BAY CHE DOU|36655|
fatima.warsame|Fatima|Warsame|aide|NOR|61024|
ruth.alemayehu|Ruth|Alemayehu|aide|DOU|61388|
carmen.ortiz|Carmen|Ortiz|administrator|EAS|20417|
dolores.fuentes|Dolores|Fuentes|administrator|GAR|20533|
michelle.tran|Michelle|Tran|aide|PCH|61702|
kevin.obrien|Kevin|O'Brien|administrator|DIST|10042|
analucia.pereira|Ana Lucía|Pereira|aide|DIST|60219|
samuel.okonkwo|Samuel|Okonkwo|teacher|LHM|37110|tobedeleted
brenda.kaminski|Brenda|Kaminski|teacher|CHE|37284|disabled
anh.nguyen|Anh|Nguyen|teacher|IRN|37561|
roberto.salinas|Roberto|Salinas|teacher|NOR|37809|
aisha.rahman|Aisha|Rahman|teacher|EAS|38133|
jessica.murphy|Jessica|Murphy|teacher|VEG|38402|
tomasz.zielinski|Tomasz|Zieliński|teacher|IRN|38770|
nkechi.eze|Nkechi|Eze|teacher|HIH|39015|
lina.zhou|Li Na|Zhou|teacher|PCH|39348|
ibrahim.diallo|Ibrahim|Diallo|administrator|HIH|20761|
marieclaire.dorval|Marie-Claire|Dorval|teacher|LHM|39620|
omar.farouk|Omar|Farouk|teacher|BAY|39874|
rachel.goldberg|Rachel|Goldberg|teacher|DIST|11208|
teresa.mendes|Teresa|Mendes|teacher|CHE|40133|
hamdi.ali|Hamdi|Ali|aide|HIB|62045|
jun.seo|Jun|Seo|teacher|NOR|40519|
ronaldo.villanueva|Ronaldo|Villanueva|teacher|PCH|40866|
gary.holt|Gary|Holt|administrator|DIST|10377|tobedeleted,disabled
keisha.robinson|Keisha|Robinson|aide|VEG|62310|
thanh.le|Thanh|Le|administrator|IRN|20988|
beatriz.alves|Beatriz|Alves|teacher|EAS DIST|41207|
youssef.benali|Youssef|Benali|teacher|HIH|41455|
"""

FIXED_PARENTS = """\
asha.jama@mail.example|Asha|Jama|0307733
carlos.medina77@inbox.example|Carlos|Medina|0527731
lucia.herrera.v@mail.example|Lucía|Herrera|0526690
tadesse.family@webmail.example|Alem|Tadesse|0631927
"""

# Every 6/7-digit number written in a ticket that must belong to no one.
RESERVED_IDS = """\
0103391 0123456 0135512 0147762 0202610 0305199 0471183 0576019
0745101 0855731 0963720 5550100 5550109 5550120 5550131 5550148
5550160 5550163 5550177 5550190
"""

# Requester addresses in the tickets that must stay unknown to the roster.
RESERVED_EMAILS = {"mrsreyes.room104@gmail.example", "j.whitfield", "techhelp"}

# ---------------------------------------------------------------------------------------------
# Filler name pools: (given names, family names) per naming tradition.
# ---------------------------------------------------------------------------------------------
POOLS = {
    "spanish": (
        [
            "Sofía",
            "Mateo",
            "Valentina",
            "Santiago",
            "Camila",
            "Sebastián",
            "Isabella",
            "Diego",
            "Daniela",
            "Alejandro",
            "María Fernanda",
            "Juan Carlos",
            "Ximena",
            "Emiliano",
            "Lucía",
            "José Ángel",
            "Guadalupe",
            "Yaretzi",
            "Brayan",
            "Dulce María",
            "Iker",
            "Renata",
            "Ángel",
            "Itzel",
            "Jesús",
            "Nayeli",
        ],
        [
            "García",
            "Martínez",
            "Hernández",
            "López",
            "González",
            "Pérez",
            "Rodríguez",
            "Sánchez",
            "Ramírez",
            "Cruz",
            "Flores",
            "Gómez",
            "Morales",
            "Vásquez",
            "Reyes",
            "Jiménez",
            "De la Rosa",
            "Del Valle",
            "Ortiz-Cruz",
            "Mendoza",
            "Castillo",
            "Ibáñez",
            "Núñez",
            "Peña",
            "Ochoa",
            "Olvera",
        ],
    ),
    "portuguese": (
        [
            "João",
            "Ana Clara",
            "Miguel",
            "Beatriz",
            "Gabriel",
            "Larissa",
            "Enzo",
            "Letícia",
            "Davi",
            "Maria Eduarda",
            "Thiago",
            "Giovanna",
            "Otávio",
            "Conceição",
            "Luan",
            "Yasmin",
        ],
        [
            "Silva",
            "Souza",
            "Oliveira",
            "Costa",
            "Pereira",
            "Ferreira",
            "dos Santos",
            "da Silva",
            "Almeida",
            "Rocha",
            "Barbosa",
            "Gonçalves",
            "Conceição",
            "Araújo",
            "Lima",
            "Teixeira",
        ],
    ),
    "haitian": (
        [
            "Mackenson",
            "Widline",
            "Jean-Marc",
            "Roseline",
            "Wilkens",
            "Fabienne",
            "Stanley",
            "Jessica",
            "Djimy",
            "Nadège",
            "Peterson",
            "Guerline",
            "Ricardo",
            "Sherline",
            "Woodly",
            "Christelle",
        ],
        [
            "Pierre",
            "Jean",
            "Joseph",
            "Louis",
            "Charles",
            "Saint-Fleur",
            "Desrosiers",
            "Jean-Baptiste",
            "Toussaint",
            "Augustin",
            "Lafleur",
            "Dorvil",
            "Estimé",
            "Noël",
            "Célestin",
            "Bien-Aimé",
        ],
    ),
    "somali": (
        [
            "Abdirahman",
            "Hodan",
            "Mohamed",
            "Ayaan",
            "Abdullahi",
            "Sahra",
            "Hamza",
            "Ifrah",
            "Abdiwali",
            "Hibaaq",
            "Mustafe",
            "Nimco",
            "Said",
            "Ubah",
            "Yasin",
            "Khadra",
        ],
        [
            "Hassan",
            "Mohamed",
            "Ali",
            "Farah",
            "Abdi",
            "Warsame",
            "Jama",
            "Osman",
            "Ahmed",
            "Yusuf",
            "Nur",
            "Egal",
            "Aden",
            "Ismail",
            "Dualeh",
            "Hirsi",
        ],
    ),
    "ethiopian": (
        [
            "Dawit",
            "Selam",
            "Yonas",
            "Hiwot",
            "Abel",
            "Bethlehem",
            "Natnael",
            "Meron",
            "Kaleb",
            "Tigist",
            "Biruk",
            "Rahel",
            "Eyob",
            "Mahlet",
            "Henok",
            "Saba",
        ],
        [
            "Tesfaye",
            "Haile",
            "Bekele",
            "Girma",
            "Alemu",
            "Tadesse",
            "Gebremedhin",
            "Kebede",
            "Wolde",
            "Mekonnen",
            "Assefa",
            "Getachew",
            "Abebe",
            "Desta",
            "Tsegaye",
            "Lemma",
        ],
    ),
    "arabic": (
        [
            "Omar",
            "Layla",
            "Yousef",
            "Mariam",
            "Abdul-Karim",
            "Noor",
            "Khalid",
            "Fatima Zahra",
            "Ibrahim",
            "Aya",
            "Hamza",
            "Salma",
            "Adam",
            "Rania",
            "Zakaria",
            "Huda",
        ],
        [
            "Al-Sayed",
            "Haddad",
            "El-Amin",
            "Abu Bakr",
            "Mansour",
            "Khoury",
            "Al Masri",
            "Nasser",
            "Benali",
            "Saleh",
            "Hamdan",
            "Abdel-Fattah",
            "Qasim",
            "Darwish",
            "Othman",
            "Zaher",
        ],
    ),
    "bengali": (
        [
            "Md Arif",
            "Nusrat",
            "Tanvir",
            "Farzana",
            "Rakib",
            "Sadia",
            "Md Sabbir",
            "Tahmina",
            "Imran",
            "Sumaiya",
            "Shafiq",
            "Lamia",
            "Rafi",
            "Anika",
            "Jubayer",
            "Mim",
        ],
        [
            "Hossain",
            "Islam",
            "Rahman",
            "Akter",
            "Chowdhury",
            "Uddin",
            "Begum",
            "Miah",
            "Alam",
            "Sarker",
            "Khan",
            "Ahmed",
            "Talukder",
            "Das",
            "Roy",
            "Sikder",
        ],
    ),
    "chinese": (
        [
            "Wei",
            "Yuxuan",
            "Zihan",
            "Haoran",
            "Xinyi",
            "Yichen",
            "Jiaqi",
            "Zhiwei",
            "Mei Ling",
            "Jun Hao",
            "Ruoxi",
            "Tianyu",
            "Shu Fen",
            "Kai",
            "Ling",
            "Bo",
        ],
        [
            "Zhang",
            "Wang",
            "Li",
            "Liu",
            "Chen",
            "Yang",
            "Huang",
            "Zhao",
            "Wu",
            "Zhou",
            "Xu",
            "Sun",
            "Ma",
            "Zhu",
            "Hu",
            "Guo",
        ],
    ),
    "korean": (
        [
            "Min-jun",
            "Seo-yeon",
            "Ji-ho",
            "Ha-eun",
            "Do-yun",
            "Ji-woo",
            "Seo-jun",
            "Yu-na",
            "Eun-ji",
            "Hyun-woo",
            "Soo-ah",
            "Jae-won",
        ],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"],
    ),
    "vietnamese": (
        [
            "Minh Anh",
            "Bao Ngoc",
            "Gia Huy",
            "Thanh Tam",
            "Khanh Linh",
            "Duc Anh",
            "Ngoc Han",
            "Quang",
            "Thao",
            "Tuan Kiet",
            "My",
            "Phuc",
        ],
        [
            "Nguyễn",
            "Trần",
            "Lê",
            "Phạm",
            "Hoàng",
            "Võ",
            "Đặng",
            "Bùi",
            "Đỗ",
            "Huỳnh",
            "Ngô",
            "Dương",
        ],
    ),
    "filipino": (
        [
            "Princess",
            "Mark Anthony",
            "Kristine Joy",
            "John Paul",
            "Angelica",
            "Jhon Lloyd",
            "Maria Clara",
            "Rhea Mae",
            "Christian",
            "Jasmine",
            "Nathaniel",
            "Lovely",
        ],
        [
            "Dela Cruz",
            "Santos",
            "Reyes",
            "Bautista",
            "Villanueva",
            "Mendoza",
            "Garcia",
            "Castillo",
            "De Guzman",
            "Aquino",
            "Ramos",
            "Del Rosario",
        ],
    ),
    "polish": (
        [
            "Zofia",
            "Jakub",
            "Zuzanna",
            "Michał",
            "Wiktoria",
            "Kacper",
            "Łucja",
            "Szymon",
            "Maja",
            "Bartłomiej",
        ],
        [
            "Nowak",
            "Kowalczyk",
            "Wiśniewski",
            "Wójcik",
            "Kamińska",
            "Lewandowski",
            "Zieliński",
            "Szymańska",
            "Dąbrowski",
            "Kozłowska",
        ],
    ),
    "russian": (
        [
            "Anastasia",
            "Dmitriy",
            "Sofiya",
            "Artyom",
            "Polina",
            "Maksim",
            "Yelena",
            "Nikita",
            "Oksana",
            "Timofey",
        ],
        [
            "Ivanov",
            "Smirnova",
            "Volkov",
            "Kuznetsova",
            "Popov",
            "Sokolova",
            "Petrenko",
            "Kovalenko",
            "Morozov",
            "Orlova",
        ],
    ),
    "yoruba": (
        [
            "Oluwaseun",
            "Adebola",
            "Oluwatobi",
            "Ayomide",
            "Temitope",
            "Ifeoluwa",
            "Olamide",
            "Damilola",
            "Oreoluwa",
            "Tolulope",
            "Blessing",
            "Favour",
            "Precious",
            "Goodluck",
        ],
        [
            "Adebayo",
            "Ogunleye",
            "Okafor",
            "Adeyemi",
            "Olaniyan",
            "Oyelaran",
            "Balogun",
            "Ogunbanjo",
            "Akinola",
            "Oladipo",
            "Eze",
            "Nwosu",
            "Okeke",
            "Adeyemi-Bello",
        ],
    ),
    "anglo": (
        [
            "Liam",
            "Olivia",
            "Noah",
            "Emma",
            "Justice",
            "Destiny",
            "Jayden",
            "Hope",
            "Mary Kate",
            "Will",
            "Journey",
            "Royal",
            "King",
            "Genesis",
            "Ja'Marcus",
            "D'Angelo",
            "Aaliyah",
            "Kaylee",
            "Owen",
            "Harmony",
        ],
        [
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "O'Neill",
            "O'Connor",
            "McCarthy",
            "Washington",
            "Jackson",
            "Robinson",
            "Harris",
            "Walker",
            "Young",
            "Rivers",
            "Summers",
            "Daniels",
            "Oliver",
        ],
    ),
}
POOL_WEIGHTS = {
    "spanish": 24,
    "portuguese": 7,
    "haitian": 9,
    "somali": 7,
    "ethiopian": 5,
    "arabic": 6,
    "bengali": 5,
    "chinese": 6,
    "korean": 3,
    "vietnamese": 5,
    "filipino": 3,
    "polish": 2,
    "russian": 2,
    "yoruba": 5,
    "anglo": 11,
}
STAFF_GIVEN = [
    "Maria",
    "James",
    "Patricia",
    "Robert",
    "Linda",
    "Michael",
    "Ngozi",
    "Hector",
    "Mei",
    "Abdi",
    "Fatuma",
    "Luis",
    "Ana",
    "Paul",
    "Yvette",
    "Samir",
    "Olga",
    "Chen",
    "Erin",
    "Marcus",
    "Lourdes",
    "Tigist",
    "Daniel",
    "Rosa",
    "Kwame",
    "Ines",
    "Joy",
    "Raymond",
    "Soo-jin",
    "Farid",
    "Claudette",
    "Tuan",
    "Beatrice",
    "Oscar",
]
STAFF_FAMILY = [
    "Thompson",
    "Alvarez",
    "Nguyen",
    "O'Malley",
    "Hussein",
    "Clarke",
    "Santiago",
    "Lindqvist",
    "Mbatha",
    "Duarte",
    "Fitzgerald",
    "Kaur",
    "Rosen",
    "Pham",
    "Castellanos",
    "Dubois",
    "Moreau",
    "Haile",
    "Osei",
    "Bianchi",
    "Whitaker",
    "Nakamura",
    "Delacroix",
    "Ferreira",
    "Abboud",
    "Kowalski",
    "Greene",
    "Ibarra",
    "Mensah",
    "Park",
    "Ruiz",
    "St. Louis",
    "Vega",
    "Yilmaz",
]
PARENT_DOMAINS = ["mail.example", "inbox.example", "webmail.example", "home.example"]


def _table(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.strip("\n").splitlines() if line.strip()]


def ascii_letters(name: str) -> str:
    """Lowercase ASCII letters only, for e-mail addresses (José O'Brien -> joseobrien)."""
    folded = unicodedata.normalize(
        "NFKD", name.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D")
    )
    return "".join(c for c in folded.lower() if "a" <= c <= "z")


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def stable_date(key: str) -> str:
    """A dateLastModified derived from the key, so fixed rows do not change with the seed."""
    h = int.from_bytes(uuid.uuid5(NAMESPACE, "date:" + key).bytes[:4], "big")
    day, sec = 1 + h % 28, h % 86400
    return f"2026-08-{day:02d}T{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}.000Z"


def random_date(rng: random.Random) -> str:
    month = rng.choice([6, 7, 8])
    return (
        f"2026-{month:02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.000Z"
    )


def user_row(**fields: str) -> dict[str, str]:
    row = dict.fromkeys(USERS_HEADER, "")
    row.update(fields)
    return row


class Roster:
    """Builds the rows; fixed records first, then seeded filler."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.org_id = {DISTRICT[0]: stable_id("org", DISTRICT[0])}
        self.org_id.update({code: stable_id("org", code) for code, *_ in SCHOOLS})
        self.users: list[dict[str, str]] = []
        self.taken_ids = set(RESERVED_IDS.split())
        self.taken_emails: set[str] = set(RESERVED_EMAILS)
        self.taken_empnos: set[str] = set()
        self.student_rows: dict[str, dict[str, str]] = {}

    # -- helpers --------------------------------------------------------------------------------
    def _flags(self, flags: str) -> tuple[str, str]:
        parts = set(flags.split(",")) - {""}
        return (
            "tobedeleted" if "tobedeleted" in parts else "active",
            "false" if "disabled" in parts else "true",
        )

    def _student(
        self,
        sid: str,
        given: str,
        middle: str,
        family: str,
        school: str,
        grade: str,
        flags: str,
        source: str,
        date: str,
    ) -> None:
        assert len(sid) == 7 and sid.startswith("0") and sid.isdigit(), sid
        assert sid not in self.student_rows, f"duplicate student id {sid}"
        status, enabled = self._flags(flags)
        local = f"{ascii_letters(given)[:1]}{ascii_letters(family)}{sid[1:]}"
        row = user_row(
            sourcedId=source,
            status=status,
            dateLastModified=date,
            enabledUser=enabled,
            orgSourcedIds=self.org_id[school],
            role="student",
            username=local,
            givenName=given,
            familyName=family,
            middleName=middle,
            identifier=sid,
            email=f"{local}@{STUDENT_DOMAIN}",
            grades=grade,
        )
        self.taken_ids.add(sid)
        self.student_rows[sid] = row
        self.users.append(row)

    def _staff(
        self,
        local: str,
        given: str,
        family: str,
        role: str,
        orgs: list[str],
        empno: str,
        flags: str,
        source: str,
        date: str,
    ) -> None:
        assert local not in self.taken_emails, local
        assert len(empno) == 5 and empno not in self.taken_empnos, empno
        status, enabled = self._flags(flags)
        self.taken_emails.add(local)
        self.taken_empnos.add(empno)
        self.users.append(
            user_row(
                sourcedId=source,
                status=status,
                dateLastModified=date,
                enabledUser=enabled,
                orgSourcedIds=",".join(self.org_id[o] for o in orgs),
                role=role,
                username=local,
                givenName=given,
                familyName=family,
                identifier=empno,
                email=f"{local}@{DOMAIN}",
            )
        )

    def _parent(
        self, email: str, given: str, family: str, kids: list[str], source: str, date: str
    ) -> None:
        assert email not in self.taken_emails, email
        self.taken_emails.add(email)
        child_rows = [self.student_rows[k] for k in kids]
        for child in child_rows:
            agents = [a for a in child["agentSourcedIds"].split(",") if a]
            child["agentSourcedIds"] = ",".join(agents + [source])
        self.users.append(
            user_row(
                sourcedId=source,
                status="active",
                dateLastModified=date,
                enabledUser="true",
                orgSourcedIds=child_rows[0]["orgSourcedIds"],
                role="parent",
                username=email.split("@")[0],
                givenName=given,
                familyName=family,
                email=email,
                agentSourcedIds=",".join(c["sourcedId"] for c in child_rows),
            )
        )

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- fixed records --------------------------------------------------------------------------
    def add_fixed(self) -> None:
        for sid, given, middle, family, school, grade, flags in _table(FIXED_STUDENTS):
            self._student(
                sid,
                given,
                middle,
                family,
                school,
                grade,
                flags,
                stable_id("student", sid),
                stable_date(sid),
            )
        for local, given, family, role, orgs, empno, flags in _table(FIXED_STAFF):
            self._staff(
                local,
                given,
                family,
                role,
                orgs.split(),
                empno,
                flags,
                stable_id("staff", local),
                stable_date(local),
            )
        for email, given, family, kids in _table(FIXED_PARENTS):
            self._parent(
                email, given, family, kids.split(), stable_id("parent", email), stable_date(email)
            )

    # -- filler ---------------------------------------------------------------------------------
    def _filler_name(self) -> tuple[str, str, str]:
        pool = self.rng.choices(list(POOL_WEIGHTS), weights=list(POOL_WEIGHTS.values()))[0]
        givens, families = POOLS[pool]
        if self.rng.random() < 0.3:  # mixed-heritage families: given and family from two pools
            families = POOLS[self.rng.choice(list(POOLS))][1]
        middle = self.rng.choice(givens) if self.rng.random() < 0.25 else ""
        if " " in middle or "-" in middle:
            middle = ""
        return self.rng.choice(givens), middle, self.rng.choice(families)

    def add_filler_students(self) -> None:
        per_school = Counter(r["orgSourcedIds"] for r in self.student_rows.values())
        need = TARGET_STUDENTS - len(self.student_rows)
        codes = [code for code, *_ in SCHOOLS]
        used_names = {(r["givenName"], r["familyName"]) for r in self.student_rows.values()}
        for _ in range(need):
            # fill the emptiest school first so the schools end up about the same size
            code = min(codes, key=lambda c: (per_school[self.org_id[c]], codes.index(c)))
            per_school[self.org_id[code]] += 1
            grades = next(g for c, _, _, g in SCHOOLS if c == code)
            while True:
                sid = f"0{self.rng.randint(100000, 999999)}"
                if sid not in self.taken_ids:
                    break
            given, middle, family = self._filler_name()
            # pools are small; keep shared full names to a realistic few percent
            while (given, family) in used_names and self.rng.random() < 0.97:
                given, middle, family = self._filler_name()
            used_names.add((given, family))
            roll = self.rng.random()
            flags = "tobedeleted" if roll < 0.015 else "disabled" if roll < 0.025 else ""
            self._student(
                sid,
                given,
                middle,
                family,
                code,
                self.rng.choice(grades),
                flags,
                self._uuid(),
                random_date(self.rng),
            )

    def add_filler_staff(self) -> None:
        fixed = len(_table(FIXED_STAFF))
        codes = [code for code, *_ in SCHOOLS]
        for i in range(TARGET_STAFF - fixed):
            roll = self.rng.random()
            role = "teacher" if roll < 0.72 else "aide" if roll < 0.88 else "administrator"
            if i % 25 == 7:
                orgs = ["DIST"]
            elif i % 17 == 3:
                orgs = self.rng.sample(codes, 2)
            else:
                orgs = [self.rng.choice(codes)]
            flags = "disabled" if i % 41 == 5 else "tobedeleted" if i % 53 == 11 else ""
            given, family = self.rng.choice(STAFF_GIVEN), self.rng.choice(STAFF_FAMILY)
            base = f"{ascii_letters(given)}.{ascii_letters(family)}"
            local, n = base, 1
            while local in self.taken_emails:
                n += 1
                local = f"{base}{n}"
            while True:
                empno = str(self.rng.randint(10000, 99999))
                if empno not in self.taken_empnos:
                    break
            self._staff(
                local, given, family, role, orgs, empno, flags, self._uuid(), random_date(self.rng)
            )

    def add_filler_parents(self) -> None:
        fixed_ids = {row[0] for row in _table(FIXED_STUDENTS)}
        filler = sorted(sid for sid in self.student_rows if sid not in fixed_ids)
        for i in range(TARGET_PARENTS - len(_table(FIXED_PARENTS))):
            kids = self.rng.sample(filler, 2 if i % 5 == 0 else 1)
            child = self.student_rows[kids[0]]
            given = self.rng.choice(STAFF_GIVEN)
            family = child["familyName"]
            while True:
                email = (
                    f"{ascii_letters(given)}.{ascii_letters(family)}{self.rng.randint(1, 99)}"
                    f"@{self.rng.choice(PARENT_DOMAINS)}"
                )
                if email not in self.taken_emails:
                    break
            self._parent(email, given, family, kids, self._uuid(), random_date(self.rng))

    # -- output ---------------------------------------------------------------------------------
    def org_rows(self) -> list[dict[str, str]]:
        dist = self.org_id["DIST"]
        rows = [
            dict(
                sourcedId=dist,
                status="active",
                dateLastModified=stable_date("DIST"),
                name=DISTRICT[1],
                type="district",
                identifier=DISTRICT[2],
                parentSourcedId="",
            )
        ]
        for code, name, ident, _ in SCHOOLS:
            rows.append(
                dict(
                    sourcedId=self.org_id[code],
                    status="active",
                    dateLastModified=stable_date(code),
                    name=name,
                    type="school",
                    identifier=ident,
                    parentSourcedId=dist,
                )
            )
        return rows


def build(seed: int) -> Roster:
    roster = Roster(seed)
    roster.add_fixed()
    roster.add_filler_students()
    roster.add_filler_staff()
    roster.add_filler_parents()
    roster.rng.shuffle(roster.users)  # SIS exports are not sorted by role
    return roster


def stats(roster: Roster) -> None:
    users = roster.users
    by_role = Counter(u["role"] for u in users)
    students = [u for u in users if u["role"] == "student"]
    staff = [u for u in users if u["role"] in ("teacher", "administrator", "aide")]
    ok = [u for u in students if u["status"] == "active" and u["enabledUser"] == "true"]
    names = Counter((u["givenName"], u["familyName"]) for u in students)
    ids = {u["identifier"] for u in students}
    swaps = (
        sum(
            1
            for i in ids
            for k in range(1, 6)
            if i[k] != i[k + 1] and i[:k] + i[k + 1] + i[k] + i[k + 2 :] in ids
        )
        // 2
    )
    print(f"orgs: 1 district, {len(SCHOOLS)} schools")
    print(f"users: {len(users)} " + ", ".join(f"{r}={n}" for r, n in sorted(by_role.items())))
    print(f"students active+enabled: {len(ok)}, other: {len(students) - len(ok)}")
    print(
        f"staff disabled or tobedeleted: "
        f"{sum(u['enabledUser'] == 'false' or u['status'] != 'active' for u in staff)}, "
        f"multi-org: {sum(',' in u['orgSourcedIds'] for u in staff)}, "
        f"district org: {sum(roster.org_id['DIST'] in u['orgSourcedIds'] for u in staff)}"
    )
    print(
        f"full names shared by 2+ students: {sum(n > 1 for n in names.values())}; "
        f"ID pairs one adjacent swap apart: {swaps}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED, help=f"filler seed (default {SEED})")
    parser.add_argument("--out", type=Path, default=HERE / "roster", help="output directory")
    parser.add_argument("--stats", action="store_true", help="print counts, write nothing")
    args = parser.parse_args()
    roster = build(args.seed)
    if args.stats:
        stats(roster)
        return
    # roster/ has "\n" line ends.
    write_oneroster_csv(args.out, roster.org_rows(), roster.users, line_terminator="\n")


if __name__ == "__main__":
    main()
