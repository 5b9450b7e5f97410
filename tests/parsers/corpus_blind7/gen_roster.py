"""Generate roster/ (OneRoster 1.1 CSV) for the corpus_blind7 evaluation corpus.

Bayou Verdigris Charter Network (BVCN) is an invented urban charter network in the invented
Gulf Coast city of Port Gallant, Louisiana: a central office (the district org), four K-8
academies and two high schools.

The students, staff and parents that the tickets refer to are fixed records (the FIXED_* tables
below), so truth.json stays valid for any seed. The filler records around them come from a
seeded random generator: the same seed always writes the same bytes.

    .venv/bin/python tests/parsers/corpus_blind7/gen_roster.py            # seed 20260917
    .venv/bin/python tests/parsers/corpus_blind7/gen_roster.py --seed 7   # other filler
"""

from __future__ import annotations

import argparse
import random
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

from connectors.roster.oneroster_csv import ORGS_HEADER, USERS_HEADER, write_oneroster_csv

DEFAULT_SEED = 20260917
HERE = Path(__file__).resolve().parent
STAFF_DOMAIN = "bvcharter.example"
STUDENT_DOMAIN = "learn.bvcharter.example"
NAMESPACE = uuid.UUID("6f1c2d3e-7a8b-4c9d-8e0f-1a2b3c4d5e6f")
FIXED_DATE = "2026-08-03T06:15:00.000Z"

# key: (name, type, identifier)
ORGS = {
    "DIST": ("Bayou Verdigris Charter Network - Central Office", "district", "BVCN"),
    "CLA": ("Cypress Landing Academy", "school", "BVCN-101"),
    "HPA": ("Heron Point Academy", "school", "BVCN-102"),
    "PSA": ("Pirogue Street Academy", "school", "BVCN-103"),
    "MLA": ("Magnolia Lantern Academy", "school", "BVCN-104"),
    "VCHS": ("Verdigris Collegiate High School", "school", "BVCN-201"),
    "LREC": ("Levee Road Early College High School", "school", "BVCN-202"),
}
SCHOOLS = ["CLA", "HPA", "PSA", "MLA", "VCHS", "LREC"]
K8_GRADES = ["KG", "01", "02", "03", "04", "05", "06", "07", "08"]
HS_GRADES = ["09", "10", "11", "12"]
# Total students per school, fixed records included.
SCHOOL_SIZE = {"CLA": 560, "HPA": 520, "PSA": 480, "MLA": 470, "VCHS": 520, "LREC": 380}

# Student flag: a = active and enabled, t = status tobedeleted, d = enabledUser false.
# id | givenName | familyName | middleName | school | grade | flag
FIXED_STUDENTS = """
0213547|Khanh|Pham||CLA|03|a
0219084|De'Shawn|Batiste||CLA|03|a
0214476|Widelene|Joseph||CLA|03|a
0224815|Tuan|Vo||CLA|07|a
0227310|Marisol|Aguilar Reyes||CLA|07|a
0221196|Obinna|Eze||CLA|07|a
0222290|Jean-Pierre|Desrosiers||CLA|05|a
0228819|Fabiola|Saint-Fleur||CLA|05|a
0211583|Minh Khoa|Le||CLA|03|a
0216604|Ngoc Han|Dinh||CLA|03|a
0218845|Bich Tram|Vu||CLA|03|a
0219931|Thanh|Nguyen||CLA|05|a
0215518|Zainab|Bello||CLA|05|a
0226713|D'Andre|Ledet||CLA|06|a
0223381|Amara|Nwachukwu||CLA|06|a
0220954|Bảo Anh|Lâm||CLA|06|a
0210337|Odette|Olivier||CLA|04|a
0212895|Orlando|Ochoa Oliva||CLA|06|a
0217753|Kiara|Lejeune||CLA|03|a
0212240|Phuong Anh|Ho||CLA|03|a
0228891|Beau|Arceneaux||CLA|07|a
0225570|Kaden|Savoie||CLA|07|a
0213902|Michael|Nguyen||CLA|03|a
0217315|Hai Dang|Lam||CLA|03|a
0215562|Bao Chau|Tran||CLA|03|a
0218071|Khoi|Luu||CLA|03|a
0229977|Tyrese|Landry||CLA|06|d
0224188|Savannah|Hebert||CLA|07|a
0224183|Quentin|Arceneaux||CLA|07|a
0221477|Colt|Broussard||CLA|07|a
0219046|Amaka|Uzor||CLA|05|a
0214019|Chidera|Obi||CLA|05|a
0213318|Ebere|Nwosu||CLA|05|a
0210764|Phuc|Hoang||CLA|03|a
0216122|Giselle|Dugas||CLA|03|a
0227436|Jayden|Celestine||CLA|04|a
0225301|Roseline|Exantus||CLA|04|a
0212919|Thao My|Nguyen||CLA|03|a
0228918|Zoe|Arceneaux||CLA|05|a
0226044|Remy|Savoie||CLA|05|a
0224451|Lionel|Guidry||CLA|07|a
0226178|Eveline|Paul||CLA|07|a
0212876|Kenechukwu|Ibe||CLA|05|a
0216340|Somto|Anyanwu||CLA|05|a
0224906|Guerda|François||CLA|04|a
0229340|Lily|Boudreaux||CLA|02|t
0252917|Bao Ngoc|Nguyen|Thi|HPA|08|a
0256641|Adebola|Oyelaran|Femi|HPA|08|a
0250388|Ana Lucía|Castillo Mejía||HPA|08|a
0259072|Tristan|LeBlanc|James|HPA|08|a
0254410|Oluwaseun|Adebayo||HPA|07|a
0257835|Nhi|Truong||HPA|07|a
0251162|Xavier|Ancelet||HPA|07|a
0267743|Precious|Okonkwo||HPA|06|a
0261118|Kelechi|Obi||HPA|06|a
0263390|Ifeoma|Nnaji||HPA|06|a
0264450|Khin Myat|Noe||HPA|05|a
0265519|Lucía|Orellana Funes||HPA|06|a
0268802|Bryan|Cruz Ávila|Josué|HPA|06|a
0262418|Ifeanyi|Okoro||HPA|06|a
0264218|Chisom|Okoro||HPA|06|a
0251877|Marquise|Pitre||HPA|08|t
0258834|Yasmin|Haddad||HPA|08|a
0253316|Mirza|Halilović||HPA|07|a
0257702|Lana|Softić||HPA|07|a
0259911|Amina|Yusuf||HPA|08|a
0266190|Wendy|Lara Mejía|Yamileth|HPA|04|a
0260752|Elmer|Ajú Chiroy||HPA|04|a
0253174|Lamar|Richard||HPA|08|a
0258309|Anh Thu|Phan||HPA|08|a
0255683|Jolie|Guillot||HPA|07|a
0250874|Ahmad|Rahimi||HPA|07|a
0263077|Tobi|Adewale||HPA|06|a
0260419|Esther|Okoye||HPA|06|a
0251496|Mai Anh|Truong||HPA|07|a
0254631|Jude|Landry||HPA|07|a
0262265|Darnell|Jolivette||HPA|06|t
0262187|Lina|Haddad||HPA|06|a
0257114|Noah|Hebert||HPA|08|a
0264977|Yeimy|Cardona Ruiz||HPA|05|a
0268351|Yusra|Hamdan||HPA|08|t
0231458|Yusuf|al-Amin||PSA|02|a
0236012|Mariam|El-Haddad||PSA|02|a
0230977|Samir|bin Talal||PSA|02|a
0318873|Mackenzie|Thibodeaux||PSA|05|a
0312254|Ja'Niyah|Washington||PSA|04|a
0310916|DaQuan|Ricard||PSA|04|a
0313360|Chayton|Verdin||PSA|03|a
0317742|Kevin|Mejía Banegas|Alexander|PSA|05|a
0314429|Dayana|Zelaya Paz||PSA|05|a
0316675|Beau|Trahan|Joseph|PSA|05|a
0315587|Ja'Kobe|Fontenot||PSA|04|a
0311146|Tre'Von|Mouton||PSA|04|a
0319405|Ke'Asia|Domingue||PSA|04|a
0313762|Kiona|Billiot||PSA|03|a
0316238|Ayasha|Naquin||PSA|03|a
0316651|Génesis|Rivera Maradiaga||PSA|05|a
0318844|Amir|Sims|Jabari|PSA|04|a
0312287|Tiana|Boutte||PSA|04|a
0313019|Kendrick|Batiste||PSA|03|a
0310488|Fedna|Noel||PSA|04|a
0319384|Mason|Bergeron||PSA|06|a
0317790|Luke|Aucoin||PSA|06|a
0233480|Leila|Abdel-Rahman||PSA|02|a
0234417|Hamza|El-Amrani||PSA|02|a
0237729|Nour|bin Yousef||PSA|02|a
0231906|Adam|Khoury||PSA|02|a
0238850|Sara|Daoud||PSA|02|a
0235561|Mohammed|Taha||PSA|02|a
0313990|Winona|Two Bulls||PSA|04|a
0317151|Sequoia|Dardar-Naquin||PSA|04|a
0315049|Chukwudi|Eze||PSA|05|a
0316002|Guadalupe|Chávez Gómez||PSA|05|a
0318129|Josué|Canales Flores||PSA|05|a
0357714|Tallulah|Billiot||MLA|05|a
0359902|Aiyana|Dardar||MLA|05|a
0356618|Selma|Mujić||MLA|01|a
0353307|Haris|Delić||MLA|01|a
0351174|Amra|Hadžić||MLA|01|a
0352217|Rashad|Jean-Baptiste||MLA|06|a
0358840|Tatiana|Voisin||MLA|06|a
0354409|Marie Guerline|Toussaint||MLA|06|a
0350281|Wilkens|Augustin||MLA|06|a
0357738|Dieunie|Saint-Louis|Rose|MLA|06|a
0357026|Osagie|Omoruyi||MLA|06|a
0355512|Jasmin|Hasanović||MLA|02|a
0353390|Guerline|Celestin||MLA|06|a
0358816|Jamesley|Dorvil||MLA|06|a
0351945|Roodly|Étienne||MLA|06|a
0359013|Kervens|Alcindor||MLA|06|a
0358631|Emir|Suljić||MLA|01|a
0356720|Stevenson|Pierre-Louis||MLA|07|a
0354127|Nermin|Osmanović||MLA|01|a
0350596|Ajla|Begović||MLA|01|a
0358107|Nadège|Alexis||MLA|04|a
0355338|Emina|Karimović||MLA|03|d
0412283|Hope|Price||VCHS|09|a
0418831|Will|Grant||VCHS|09|a
0415507|Justice|King||VCHS|09|a
0409126|Giuseppe|Esposito||VCHS|10|a
0419904|Aoife|Brennan||VCHS|10|a
0427761|Amar|Hodžić||VCHS|11|a
0421139|Lejla|Begić||VCHS|11|a
0424058|Edin|Karimović||VCHS|11|a
0425580|Tremaine|Jolivette||VCHS|10|a
0422946|Rania|Mansour||VCHS|11|a
0420113|Omar|Farouk||VCHS|11|a
0426634|Nour|El-Khatib||VCHS|11|a
0428870|Grant|Young||VCHS|12|a
0423306|Royal|Brooks||VCHS|12|a
0417720|Siobhan|Kavanagh||VCHS|10|a
0410638|Luca|Mancuso||VCHS|10|a
0429981|Samira|Abdullah||VCHS|11|a
0424417|Karim|El-Masri||VCHS|11|a
0416628|Cian|Doyle||VCHS|09|a
0413390|Fatima|bin Saleh||VCHS|09|a
0423371|Eh Kaw|Moo||VCHS|10|a
0418312|Niamh|Gallagher||VCHS|10|a
0418132|Paolo|Ricci||VCHS|10|a
0414475|Dario|Lombardi||VCHS|10|a
0419045|Bianca|Conti||VCHS|09|a
0412339|Seamus|Flynn||VCHS|09|a
0427103|Tariq|bin Hamad||VCHS|11|a
0427190|Yara|Aziz||VCHS|11|a
0423319|Thanh|Nguyen||VCHS|12|a
0421985|Samira|Nasser||VCHS|09|a
0426105|Layla|Al-Masri||VCHS|11|a
0429370|Yousef|Haddad||VCHS|11|a
0421567|Ronan|McDonagh||VCHS|12|a
0414021|Antoine|Boudreaux|Marcel|VCHS|10|a
0426650|Keyshawn|Mouton||VCHS|11|t
0421778|Thanh Truc|Pham||VCHS|09|a
0409162|Gianni|Esposito||VCHS|10|a
0417389|Nneka|Okafor||VCHS|09|a
0411846|Marco|Ferraro||VCHS|10|a
0428314|Mohammed|Elbaz||VCHS|11|a
0424870|Dakota|Sixkiller||VCHS|10|a
0456630|Caoimhe|O'Sullivan||LREC|11|a
0451174|Ngozi|Chukwu||LREC|11|a
0453381|Chiamaka|Eze||LREC|10|a
0458819|Emeka|Ugwu||LREC|10|a
0450047|Thao|Huynh||LREC|10|a
0455926|Rosa|Coj Tzoc||LREC|10|a
0452208|Paw Htoo|Say||LREC|10|a
0459034|Major|Bell||LREC|12|a
0451890|Celeste|Hebert|Anne|LREC|10|a
0457302|Chinonso|Nnamdi||LREC|11|a
0453357|José Luis|Ramírez Cruz||LREC|09|a
0459913|Quoc Bao|Tran||LREC|11|a
0457761|Amani|Okeke||LREC|11|a
0454402|Bilal|el-Amin||LREC|11|a
0452271|Chukwuemeka|Obiora||LREC|10|a
0456187|Adaeze|Nwankwo||LREC|10|a
0458027|Hanh|Vo||LREC|12|a
0451183|Khai|Nguyen||LREC|12|a
0455074|Tien|Dao||LREC|12|a
0456120|Brigid|Walsh||LREC|11|a
0452216|Liam|Mulcahy||LREC|11|a
0452845|Destiny|Guillory||LREC|12|a
0454413|Elizabeth|Doherty||LREC|11|a
0450921|Padraig|Nolan||LREC|11|a
0455518|Ebuka|Nwafor||LREC|12|a
0452963|Donal|Keane||LREC|11|a
0450312|Orla|Quinn||LREC|11|a
0458173|Ava|Ledoux-Fontenot||LREC|12|a
0453308|Minh Chau|Nguyen||LREC|12|a
0459641|Youssef|Abdel-Rahman||LREC|12|a
0459702|Precious|King||LREC|12|a
0457915|Tin|Htut||LREC|10|a
0453062|Saw Kaw|Htoo||LREC|10|a
0450688|Jacques|Thibodeaux||LREC|12|a
"""

# Staff flag as above (t = tobedeleted, d = enabledUser false). Orgs joined by "+".
# e-mail local part | givenName | familyName | role | orgs | flag | employee number
FIXED_STAFF = """
tranl|Linh|Tran|teacher|CLA|a|E31407
boudreauxr|Remy|Boudreaux|teacher|CLA|a|E28816
okaforc|Chidinma|Okafor|teacher|CLA|a|E35092
duongv|Vy|Duong|aide|CLA|a|E40551
jeanlouisw|Widline|Jean-Louis|teacher|CLA+MLA|a|E27733
guidryt|Tess|Guidry|administrator|CLA|a|E19024
heberta|Amelie|Hebert|teacher|HPA|a|E30218
adeyemit|Tunde|Adeyemi|teacher|HPA|a|E33670
gautreauxb|Brigitte|Gautreaux|administrator|HPA|a|E15508
mejiaj|Josefina|Mejía|aide|HPA|a|E41287
kovacevicd|Dino|Kovačević|teacher|HPA|t|E29963
washingtonl|LaToya|Washington|teacher|PSA|a|E32145
haddadn|Nadia|Haddad|teacher|PSA|a|E34409
thibodeauxc|Cody|Thibodeaux|teacher|PSA|a|E36671
charlesm|Marlene|Charles|aide|PSA|d|E40118
ortizr|Rosa|Ortiz|administrator|PSA|a|E22356
hodzice|Emina|Hodžić|teacher|MLA|a|E31880
pierres|Stanley|Pierre|teacher|MLA|a|E26604
landryj|Jolie|Landry|administrator|MLA|a|E18735
begayk|Kai|Begay|teacher|MLA+PSA|a|E37219
fitzgeraldk|Kieran|Fitzgerald|teacher|VCHS|a|E30914
rossig|Gianna|Rossi|teacher|VCHS|a|E33128
elsayedh|Hana|El-Sayed|teacher|VCHS|a|E35547
alhassanm|Musa|Al-Hassan|administrator|VCHS|a|E16290
broussardp|Paul|Broussard|aide|VCHS|a|E42063
morrisseyd|Deirdre|Morrissey|teacher|LREC|a|E28441
nwosuu|Uchenna|Nwosu|teacher|LREC|a|E31052
leq|Quyen|Le|teacher|LREC|a|E38806
fontenotd|Danielle|Fontenot|administrator|LREC|a|E20977
duprem|Marcus|Dupre|teacher|VCHS+LREC|a|E27158
batistel|Lucienne|Batiste|administrator|DIST|a|E11204
nguyenk|Kim-Anh|Nguyen|administrator|DIST|a|E12839
sabrid|Dalia|Sabri|administrator|DIST|a|E13571
villedaj|Jorge|Villeda|teacher|DIST|a|E25490
"""

# e-mail | givenName | familyName | children (student ids joined by "+")
FIXED_PARENTS = """
nadege.pierrelouis@lakemail.example|Nadège|Pierre-Louis|0356720
tram.le82@lakemail.example|Tram|Le|0213547
"""

# Addresses and IDs the tickets use that must NOT be in the roster, whatever the seed.
ABSENT_EMAILS = {
    "fontenotm@bvcharter.example",
    "linh.tran.teaches@gmail.example",
    "mike.savoie1979@bayoumail.example",
    "helpdesk@bvcharter.example",
}
ABSENT_IDS = {"0358361", "0313752", "0254613", "0258470", "0381205", "0123456", "0104877"}

# Filler name pools, one per community: (given names, family names).
POOLS = {
    "vietnamese": (
        "Anh Bao Binh Chau Duc Duy Hai Hieu Hoa Hung Huy Khang Khoa Lan Linh Long Mai Minh My "
        "Nam Ngoc Nhi Phat Phuc Quan Quynh Tam Thao Thu Trang Tri Tuan Vy Yen|Gia Bao|Minh Anh|"
        "Bao Ngoc|Khanh Linh|Thien An|Tuong Vy",
        "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh Lam "
        "Luu Cao Ta Nguyễn Trần Phạm",
    ),
    "haitian": (
        "Wideline Jameson Schneider Guerline Mackenson Dieunel Kerlande Fritznel Nadège Wisly "
        "Medjine Ketsia Stevenson Ludnie Nickenson Darline Wilner Roodly Bethania|Jean-Robert|"
        "Marie-Ange|Rose-Mie|Marie Carmel",
        "Pierre Joseph Louis Charles Exantus Dorvil Celestin Toussaint Alcindor Augustin "
        "Desrosiers Noel Dorcelus Delva François Mompremier Jean-Baptiste Saint-Fleur "
        "Jean-Louis Petit-Frère|Saint Hilaire",
    ),
    "nigerian": (
        "Adebayo Chinedu Ngozi Chiamaka Oluwaseun Temitope Kelechi Ifeoma Emeka Adaeze Tobi "
        "Folake Obinna Nnamdi Chioma Femi Yetunde Uchenna Kehinde Taiwo Ebuka Amaka Somto Ayomide",
        "Adeyemi Okafor Okoro Eze Nwosu Obi Ogunleye Balogun Adewale Okonkwo Nwachukwu Uzor Ibe "
        "Anyanwu Oyelaran Ogundipe Akinola Chukwu Nnaji Ugwu Onyekachi Adebisi",
    ),
    "central_american": (
        "José María Kevin Dayana Génesis Bryan Yeimy Josué Wendy Elmer Marvin Dilcia Kenia Edwin "
        "Yoselin Ángel Fernanda Héctor Yadira Cristian|Ana Lucía|José Luis|Luis Fernando",
        "Mejía Banegas Zelaya Paz Rivera Maradiaga Cruz Ávila Orellana Funes Lara Canales Flores "
        "Chávez Gómez Cardona Ruiz Ajú Chiroy Coj Tzoc López Hernández Reyes Aguilar Castillo "
        "Ramírez Velásquez Pérez Tum",
    ),
    "cajun_creole": (
        "Beau Remy Celeste Colt Jolie Kaden Landry Lucien Margot Noah Ava Tristan Brennan "
        "Madeleine Jacques Sadie Gabe Blaise Evangeline Claire Boone Delphine",
        "Boudreaux Thibodeaux Hebert LeBlanc Broussard Landry Guidry Arceneaux Savoie Trahan "
        "Fontenot Breaux Mouton Ancelet Pitre Ledet Domingue Aucoin Bergeron Guillory Richard "
        "Dugas Lejeune Dupre Jolivette Boutte Ricard Batiste Celestine Metoyer Hébert",
    ),
    "arabic": (
        "Omar Yusuf Layla Mariam Samir Nour Hamza Leila Adam Sara Youssef Rania Karim Samira "
        "Tariq Yara Ahmad Fatima Amina Bilal Zainab Khalid Jana Ibrahim",
        "Khoury Daoud Mansour Farouk Abdullah Aziz Nasser Hamdan Elbaz Haddad Saleh Taha "
        "Rahimi|al-Amin|El-Haddad|bin Talal|Abdel-Rahman|El-Amrani|El-Khatib|El-Masri|bin Saleh|"
        "bin Hamad|al-Hashimi|bin Yousef|Al-Masri",
    ),
    "bosnian": (
        "Amar Lejla Edin Selma Haris Amra Emir Jasmin Nermin Ajla Mirza Lana Adnan Dženana "
        "Tarik Ema Kenan Lamija Harun Alma",
        "Hodžić Begić Karimović Mujić Delić Hadžić Suljić Hasanović Osmanović Begović Halilović "
        "Softić Mehmedović Ibrahimović Salihović Alić Omerović",
    ),
    "karen_burmese": (
        "Thiri Tin|Paw Htoo|Eh Kaw|Khin Myat|Saw Kaw|Naw Mu|Eh Say|Hsa Moo|Aye Aye|Zaw Min|"
        "Htoo Htoo|Nan Dah|Say Paw",
        "Say Moo Noe Htoo Htut Paw Win Aung Oo Thein Soe Lwin Wah",
    ),
    "native_american": (
        "Tallulah Chayton Aiyana Kiona Ayasha Winona Dakota Sequoia Nizhoni Takoda Halona Kai",
        "Billiot Verdin Dardar Naquin Sixkiller Begay Yazzie Chitto Parfait|Two Bulls|"
        "Running Crane|Dardar-Naquin",
    ),
    "african_american": (
        "De'Shawn LaToya DaQuan Ja'Niyah Ja'Kobe Tre'Von Ke'Asia D'Andre Tyrese Keyshawn "
        "Marquise Jamal Aaliyah Destiny Imani DeAndre Kiara Tremaine Shanice JaMarcus Nia "
        "Darnell Precious Amir Ta'Nya La'Mya",
        "Washington Jackson Batiste Williams Johnson Brooks Bell Sims Mitchell Robinson Price "
        "King Young Grant Day Jolivette Boutte Celestine",
    ),
    "irish_italian": (
        "Aoife Caoimhe Niamh Siobhan Seamus Cian Padraig Orla Donal Brigid Liam Ronan Giuseppe "
        "Luca Bianca Dario Gianna Marco Paolo Sofia Gianni Chiara",
        "Brennan Gallagher Kavanagh Doyle Flynn Walsh Mulcahy Keane Quinn Nolan Doherty "
        "McDonagh Esposito Mancuso Lombardi Conti Ricci Ferraro Romano Bianchi|O'Sullivan|"
        "O'Rourke|D'Amico",
    ),
    "common_words": (
        "Hope Will Justice Grant Major Royal Summer Faith Sunny Honor Journey Story",
        "Price Grant King Young Bell Brooks Day Reed Summers Hunter Page Love",
    ),
}
PARENT_DOMAINS = ["lakemail.example", "gulfnet.example", "bayoumail.example", "pelicanpost.example"]


def split_pool(text: str) -> list[str]:
    """A pool is words separated by spaces; '|' marks off entries that contain a space."""
    parts = text.split("|")
    names = parts[0].split()
    names.extend(part.strip() for part in parts[1:])
    return [name for name in names if name]


def ascii_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if ch.isascii() and ch.isalpha()).lower()


def staff_email(given: str, family: str) -> str:
    return f"{ascii_letters(family)}{ascii_letters(given)[0]}@{STAFF_DOMAIN}"


def student_email(given: str, family: str, student_id: str) -> str:
    return f"{ascii_letters(given)}.{ascii_letters(family)}{student_id[-4:]}@{STUDENT_DOMAIN}"


def fixed_uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def rows(table: str) -> Iterator[list[str]]:
    for line in table.strip().splitlines():
        yield line.split("|")


def flag_fields(flag: str) -> tuple[str, str]:
    """(status, enabledUser) for a record flag."""
    return {"a": ("active", "true"), "t": ("tobedeleted", "true"), "d": ("active", "false")}[flag]


def user_row(**fields: str) -> dict[str, str]:
    unknown = set(fields) - set(USERS_HEADER)
    if unknown:
        raise ValueError(f"not a users.csv column: {sorted(unknown)}")
    return fields


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.org_ids = {key: fixed_uuid("org", key) for key in ORGS}
        self.students: list[dict[str, str]] = []
        self.staff: list[dict[str, str]] = []
        self.parents: list[dict[str, str]] = []
        self.ids: set[str] = set()
        self.emails: set[str] = set(ABSENT_EMAILS)
        self.employee_numbers: set[str] = set()
        self.agents: dict[str, list[str]] = {}
        self.pools = {
            name: (split_pool(given), split_pool(family)) for name, (given, family) in POOLS.items()
        }

    def random_date(self) -> str:
        day = self.rng.randrange(1, 32)
        month, day = (7, day) if self.rng.random() < 0.5 else (8, min(day, 20))
        hour, minute, second = (self.rng.randrange(n) for n in (24, 60, 60))
        return f"2026-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}.000Z"

    def claim_email(self, email: str) -> None:
        if email in self.emails:
            raise ValueError(f"duplicate e-mail {email}")
        self.emails.add(email)

    def orgs(self) -> list[dict[str, str]]:
        result = []
        for key, (name, kind, identifier) in ORGS.items():
            parent = "" if kind == "district" else self.org_ids["DIST"]
            result.append(
                dict(
                    sourcedId=self.org_ids[key],
                    status="active",
                    dateLastModified=FIXED_DATE,
                    name=name,
                    type=kind,
                    identifier=identifier,
                    parentSourcedId=parent,
                )
            )
        assert set(result[0]) == set(ORGS_HEADER)
        return result

    def add_student(
        self, sourced_id: str, sid: str, names: tuple[str, str, str], school: str, grade: str
    ) -> dict[str, str]:
        given, family, middle = names
        email = student_email(given, family, sid)
        self.claim_email(email)
        self.ids.add(sid)
        row = user_row(
            sourcedId=sourced_id,
            status="active",
            dateLastModified=FIXED_DATE,
            enabledUser="true",
            orgSourcedIds=self.org_ids[school],
            role="student",
            username=email.split("@")[0],
            userIds="{SIS:" + sid + "}",
            givenName=given,
            familyName=family,
            middleName=middle,
            identifier=sid,
            email=email,
            grades=grade,
        )
        self.students.append(row)
        return row

    def fixed_students(self) -> None:
        for sid, given, family, middle, school, grade, flag in rows(FIXED_STUDENTS):
            if len(sid) != 7 or not sid.startswith("0") or sid in self.ids or sid in ABSENT_IDS:
                raise ValueError(f"bad fixed student id {sid}")
            row = self.add_student(
                fixed_uuid("student", sid), sid, (given, family, middle), school, grade
            )
            row["status"], row["enabledUser"] = flag_fields(flag)

    def filler_name(self) -> tuple[str, str, str]:
        givens, families = self.pools[self.rng.choice(sorted(self.pools))]
        given = self.rng.choice(givens)
        family = self.rng.choice(families)
        if givens is self.pools["central_american"][0] and " " not in family:
            second = self.rng.choice([name for name in families if name != family])
            family = f"{family} {second}"
        middle = ""
        if self.rng.random() < 0.25 and " " not in given:
            middle = self.rng.choice(givens)
        return given, family, middle

    def filler_students(self) -> None:
        count = {school: 0 for school in SCHOOLS}
        for row in self.students:
            for school in SCHOOLS:
                if row["orgSourcedIds"] == self.org_ids[school]:
                    count[school] += 1
        for school in SCHOOLS:
            grades = HS_GRADES if school in ("VCHS", "LREC") else K8_GRADES
            for _ in range(SCHOOL_SIZE[school] - count[school]):
                while True:
                    sid = f"0{self.rng.randrange(500000, 1000000):06d}"
                    names = self.filler_name()
                    email = student_email(names[0], names[1], sid)
                    if sid not in self.ids and email not in self.emails:
                        break
                sourced_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
                row = self.add_student(sourced_id, sid, names, school, self.rng.choice(grades))
                row["dateLastModified"] = self.random_date()
                roll = self.rng.random()
                if roll < 0.02:
                    row["status"] = "tobedeleted"
                elif roll < 0.03:
                    row["enabledUser"] = "false"

    def staff_row(
        self,
        sourced_id: str,
        names: tuple[str, str],
        role: str,
        orgs: list[str],
        number: str,
        email: str,
    ) -> dict[str, str]:
        self.claim_email(email)
        if number in self.employee_numbers:
            raise ValueError(f"duplicate employee number {number}")
        self.employee_numbers.add(number)
        row = user_row(
            sourcedId=sourced_id,
            status="active",
            dateLastModified=FIXED_DATE,
            enabledUser="true",
            orgSourcedIds=",".join(self.org_ids[org] for org in orgs),
            role=role,
            username=email.split("@")[0],
            userIds="{HR:" + number + "}",
            givenName=names[0],
            familyName=names[1],
            identifier=number,
            email=email,
        )
        self.staff.append(row)
        return row

    def fixed_staff(self) -> None:
        for local, given, family, role, orgs, flag, number in rows(FIXED_STAFF):
            email = staff_email(given, family)
            if email != f"{local}@{STAFF_DOMAIN}":
                raise ValueError(f"{local}: e-mail pattern gives {email}")
            row = self.staff_row(
                fixed_uuid("staff", number), (given, family), role, orgs.split("+"), number, email
            )
            row["status"], row["enabledUser"] = flag_fields(flag)

    def filler_staff(self) -> None:
        plan: list[tuple[str, list[str]]] = []
        for school in SCHOOLS:
            plan += [("teacher", [school])] * 24 + [("aide", [school])] * 5
            plan += [("administrator", [school])] * 3
        plan += [("administrator", ["DIST"])] * 12 + [("teacher", ["DIST"])] * 3
        for first, second in [("CLA", "HPA"), ("PSA", "MLA"), ("VCHS", "LREC"), ("HPA", "MLA")]:
            plan += [("teacher", [first, second])] * 2
        plan += [("aide", ["DIST", "VCHS"]), ("teacher", ["DIST", "PSA"])]
        for role, orgs in plan:
            givens, families = self.pools[self.rng.choice(sorted(self.pools))]
            given = self.rng.choice(givens)
            family = self.rng.choice(families)
            base = staff_email(given, family)
            email, n = base, 1
            while email in self.emails:
                n += 1
                email = base.replace("@", f"{n}@")
            while True:
                number = f"E{self.rng.randrange(10000, 100000)}"
                if number not in self.employee_numbers:
                    break
            sourced_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            row = self.staff_row(sourced_id, (given, family), role, orgs, number, email)
            row["dateLastModified"] = self.random_date()
            roll = self.rng.random()
            if roll < 0.03:
                row["status"] = "tobedeleted"
            elif roll < 0.05:
                row["enabledUser"] = "false"

    def parent_row(self, sourced_id: str, names: tuple[str, str], email: str) -> dict[str, str]:
        self.claim_email(email)
        row = user_row(
            sourcedId=sourced_id,
            status="active",
            dateLastModified=FIXED_DATE,
            enabledUser="true",
            orgSourcedIds=self.org_ids["DIST"],
            role="parent",
            username=email.split("@")[0],
            givenName=names[0],
            familyName=names[1],
            email=email,
        )
        self.parents.append(row)
        return row

    def link(self, parent: dict[str, str], children: list[dict[str, str]]) -> None:
        parent["agentSourcedIds"] = ",".join(child["sourcedId"] for child in children)
        for child in children:
            self.agents.setdefault(child["sourcedId"], []).append(parent["sourcedId"])

    def all_parents(self) -> None:
        by_id = {row["identifier"]: row for row in self.students}
        for email, given, family, children in rows(FIXED_PARENTS):
            parent = self.parent_row(fixed_uuid("parent", email), (given, family), email)
            self.link(parent, [by_id[sid] for sid in children.split("+")])
        fixed_ids = {sid for sid, *_ in rows(FIXED_STUDENTS)}
        filler = [row for row in self.students if row["identifier"] not in fixed_ids]
        for child in self.rng.sample(filler, 60):
            given = self.rng.choice(self.pools["cajun_creole"][0] + self.pools["haitian"][0])
            family = child["familyName"]
            tag = self.rng.randrange(1000, 10000)
            local = f"{ascii_letters(given)}.{ascii_letters(family)}.{tag}"
            email = f"{local}@{self.rng.choice(PARENT_DOMAINS)}"
            if email in self.emails:
                continue
            sourced_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            parent = self.parent_row(sourced_id, (given, family), email)
            parent["dateLastModified"] = self.random_date()
            self.link(parent, [child])
        for row in self.students:
            if row["sourcedId"] in self.agents:
                row["agentSourcedIds"] = ",".join(self.agents[row["sourcedId"]])

    def users(self) -> list[dict[str, str]]:
        self.fixed_students()
        self.fixed_staff()
        self.filler_students()
        self.filler_staff()
        self.all_parents()
        staff = sorted(self.staff, key=lambda row: row["identifier"])
        students = sorted(self.students, key=lambda row: row["identifier"])
        parents = sorted(self.parents, key=lambda row: row["email"])
        return staff + students + parents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="filler seed")
    parser.add_argument("--out", type=Path, default=HERE / "roster", help="output directory")
    args = parser.parse_args()
    builder = Builder(args.seed)
    orgs = builder.orgs()
    users = builder.users()
    if any(sid in builder.ids for sid in ABSENT_IDS):
        raise SystemExit("an ID that must stay absent is in the roster")
    write_oneroster_csv(args.out, orgs, users)
    print(f"wrote {len(orgs)} orgs and {len(users)} users to {args.out}")


if __name__ == "__main__":
    main()
