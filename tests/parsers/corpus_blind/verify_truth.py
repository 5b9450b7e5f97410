#!/usr/bin/env python3
"""Check truth.json against the roster, the tickets and rules 1-8, independently of any parser.

    python3 verify_truth.py                        # exit 0 when truth.json agrees
    python3 verify_truth.py --truth OTHER.json     # check another truth file
    python3 verify_truth.py --roster OTHER_DIR     # check against another roster directory

The READING table below is a person's reading of each ticket: whether it is a reset request
(rule 1), whether it refers to students that cannot be extracted (rule 7), and every student it
names, written exactly as in the ticket (name, ID or None). Text that rule 8 says to ignore
(signatures, quoted earlier messages, echoed examples) is not in READING. From that reading, the
roster and rules 3-6 this script recomputes each ticket's ready set and needs_review, and checks
that every written name and ID really occurs in the ticket.

Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAFF_ROLES = {"teacher", "administrator", "aide"}
# Letters that Unicode does not decompose into base letter + accent, folded by hand (rule 4).
STROKE_LETTERS = {"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}
# Ignored inside names (rule 4): hyphens, apostrophes and the ʻokina, quotes, periods.
NAME_PUNCTUATION = "-\u2010\u2011'\u2019\u2018\u02bb\u02bc`\"\u201c\u201d.()"
# Dropped from IDs (rule 3): spaces, dashes and '#'.
ID_PUNCTUATION = re.compile(r"[\s\-\u2013\u2014#]")

Mention = tuple[str, str | None]

# BEGIN READING
READING: dict[str, tuple[bool, bool, list[tuple[str, str | None]]]] = {
    "B-3001": (
        True,
        False,
        [
            ("Aoife Brennan-Walsh", "0318842"),
            ("Tavita Leiataua", "0329105"),
            ("Yousef Al-Masri", "0331276"),
        ],
    ),
    "B-3002": (
        True,
        False,
        [
            ("Nizhoni Yazzie", "0427731"),
            ("Hodan Warsame", "0427913"),
            ("Oleksandr Kovalenko", "0428005"),
            ("Simranjit Grewal", "0428117"),
        ],
    ),
    "B-3003": (
        True,
        False,
        [
            ("Siobhán Ní Bhriain", "0150442"),
            ("Tou Lee", "0150517"),
            ("Mateus Gonçalves", "0150623"),
            ("Ayaan Hirsi", "150738"),
        ],
    ),
    "B-3004": (
        True,
        False,
        [
            ("Fa'amausili Losa", "0162209"),
            ("Sapolu Iosefa", "0162354"),
            ("Vang Pa Ying", "0162481"),
            ("Dorvil Widlene", "O162577"),
        ],
    ),
    "B-3005": (
        True,
        False,
        [
            ("Mykola Bondarenko", "0237710"),
            ("Daryna Ostapenko", "0237756"),
            ("Olena", "0237815"),
        ],
    ),
    "B-3006": (
        True,
        False,
        [
            ("Shandiin Tsosie", "0245561"),
            ("Hastiin Benally", "0245608"),
            ("Dezba Many Goats", "0245719"),
        ],
    ),
    "B-3007": (
        True,
        False,
        [
            ("Jean Ricot Desir", "0533017"),
            ("Fabienne Saint Fleur", "0533140"),
            ("Dieunel Joseph", "0533262"),
            ("Guerline Pierre-Louis", "0533391"),
        ],
    ),
    "B-3008": (
        True,
        False,
        [
            ("kou xiong", "0419922"),
            ("mai nou thao", "0419987"),
            ("nou her", "0420031"),
        ],
    ),
    "B-3009": (
        True,
        False,
        [
            ("Hoang Minh Chau", "zero six one four two seven seven"),
            ("Priscilla Okoro", "0614330"),
        ],
    ),
    "B-3010": (
        True,
        False,
        [
            ("Baptiste, Ruth-Ann", "0274418"),
            ("Le, Quang Huy", "0274529"),
            ("Nez, Yanaba", "0274630"),
            ("Okafor, Obinna", "274741"),
        ],
    ),
    "B-3011": (
        True,
        False,
        [
            ("Tomás Magalhães", None),
            ("Inês Carvalho", "0286623"),
        ],
    ),
    "B-3012": (
        True,
        False,
        [
            ("Park Jiwoo", "0390041"),
            ("Kim Min Jun", "0390188"),
            ("Seo-yeon Lee", "0390253"),
        ],
    ),
    "B-3013": (
        True,
        False,
        [
            ("Maria da Graça dos Santos", "0355902"),
            ("Xochiquetzal Ramírez Tun", "0356017"),
            ("Guadalupe Itzel Delacruz", "0356143"),
        ],
    ),
    "B-3014": (
        True,
        False,
        [
            ("Todacheene, Bidziil", "0701156"),
            ("Sekhon, Harjot", "0701284"),
            ("Taetuna, Sina", "0701309"),
        ],
    ),
    "B-3015": (
        True,
        False,
        [
            ("Ilhan Jama", "0208833"),
            ("Will Reading", "0208871"),
            ("June Porter", "0208906"),
            ("Taras Melnyk", "0208954"),
        ],
    ),
    "B-3016": (
        True,
        False,
        [
            ("Amira Khoury", "0171420"),
            ("Kaylee Yellowhair", "0171535"),
        ],
    ),
    "B-3017": (
        True,
        False,
        [
            ("Abebe Tesfaye", "0184077"),
            ("Mariam Saleh", "0184132"),
            ("Cole Fox", "0184209"),
        ],
    ),
    "B-3018": (
        True,
        False,
        [
            ("Viliami Havili", "031 7765"),
            ("Rania Darwish", "031-7802"),
        ],
    ),
    "B-3019": (
        True,
        False,
        [
            ("KionaAttakai", "0398114"),
            ("JasleenBrar", "0398260"),
        ],
    ),
    "B-3020": (
        True,
        False,
        [
            ("Yaw Mensah", "0252290"),
            ("Sofiia Rudenko", "0252347"),
            ("Brayan Orozco", "0252418"),
        ],
    ),
    "B-3021": (
        True,
        False,
        [
            ("Nalu Kahale", "0540112"),
            ("Zofia Nowak", "0540187"),
            ("Hamza Egal", "0540233"),
        ],
    ),
    "B-3022": (
        True,
        False,
        [
            ("Ashkii Nakai", "0221640"),
            ("Layla Hijazi", "0301177"),
            ("Sheng Moua", "0177508"),
        ],
    ),
    "B-3023": (
        True,
        False,
        [
            ("Oisin ODwyer", "0189316"),
            ("Pheng Vue", "0545072"),
        ],
    ),
    "B-3024": (
        True,
        False,
        [
            ("Nguyen Ngoc Han", "0165521"),
            ("Tran Gia Bao", "0165598"),
            ("Pham Minh Khanh", "0165640"),
        ],
    ),
    "B-3025": (
        True,
        False,
        [
            ("Chiamaka Nwosu", "0411263"),
        ],
    ),
    "B-3026": (
        True,
        False,
        [
            ("Yuliia Shevchenko", "0334451"),
            ("Andrii Boyko", "0334502"),
        ],
    ),
    "B-3027": (
        True,
        False,
        [
            ("Huda Qasim", "0158824"),
        ],
    ),
    "B-3028": (
        True,
        False,
        [
            ("Kia Lor", "0180655"),
            ("Fue Hang", "0180702"),
        ],
    ),
    "B-3029": (
        True,
        False,
        [
            ("Tyrell Bigman", "0249013"),
        ],
    ),
    "B-3030": (
        True,
        False,
        [
            ("Sitani Latu", "0186230"),
            ("Mei Chen", "0186295"),
        ],
    ),
    "B-3031": (
        True,
        False,
        [
            ("Santiago Villanueva", "0153318"),
        ],
    ),
    "B-3032": (
        True,
        False,
        [
            ("Bethsaida Augustin", "0339871"),
        ],
    ),
    "B-3033": (
        True,
        False,
        [
            ("Rowan Gray", "0402245"),
        ],
    ),
    "B-3034": (
        True,
        False,
        [
            ("JELTON LOMAE", "0322480"),
            ("LUANA FONTES", "0322519"),
        ],
    ),
    "B-3035": (
        True,
        False,
        [
            ("Nour El\u2011Sayed", "0344218"),
            ("Róisín O\u2019Rourke", "0344307"),
            ("Mohammed Al\u00a0Rashid", "0344369"),
        ],
    ),
    "B-3036": (
        True,
        False,
        [
            ("Virk,Ekam", "0229561"),
            ("Soliai,Lagi", "0251876"),
        ],
    ),
    "B-3037": (
        True,
        False,
        [
            ("Naalnish Werito", "0247721"),
            ("Jun Wu", "0247790"),
            ("Deeqa Gedi", "0247856"),
        ],
    ),
    "B-3038": (
        True,
        False,
        [
            ("Tevita Kaufusi", "0405530"),
            ("Ximena Zuniga", "0405617"),
            ("Kwabena Boateng", "0405688"),
        ],
    ),
    "B-3039": (
        True,
        False,
        [
            ("Harpreet Kaur Sandhu", "0213350"),
            ("Gurpreet Singh Gill", "0213412"),
            ("Jose A. Trevino", "0213478"),
        ],
    ),
    "B-3040": (
        True,
        False,
        [
            ("Jesús Ramírez", "0183340"),
            ("María Elena López", "0183417"),
        ],
    ),
    "B-3041": (
        True,
        False,
        [
            ("Hope Walker", "0168801"),
            ("Will Bishop", "0168877"),
            ("May Young", "0168932"),
        ],
    ),
    "B-3042": (
        True,
        False,
        [
            ("Bo Li", "0176011"),
            ("Vy Vu", "0176048"),
            ("Ka Lo", "0176093"),
        ],
    ),
    "B-3043": (
        True,
        False,
        [
            ("Malia Tuiasosopo", "0226604"),
            ("Fetu Aumua", "0226659"),
            ("Malia Tuiasosopo", "O226604"),
        ],
    ),
    "B-3044": (
        True,
        False,
        [
            ("Jean-Marc Celestin", "0172564"),
            ("Stephanie Celestin", "0172546"),
        ],
    ),
    "B-3045": (
        True,
        False,
        [
            ("Mohamed Abdi", "0415502"),
            ("Mohamed Abdi", "0415520"),
        ],
    ),
    "B-3046": (
        True,
        False,
        [
            ("Oksana Oliynyk", "O16O113"),
            ("Orla O'Dwyer", "016O208"),
        ],
    ),
    "B-3047": (
        True,
        False,
        [
            ("Ricardo Delva", "0611472"),
            ("Itzel Navarro", "0611538"),
        ],
    ),
    "B-3048": (
        True,
        False,
        [
            ("Cillian Kavanagh", "0231145"),
            ("Nadege Louissaint", "0231198"),
        ],
    ),
    "B-3049": (
        True,
        False,
        [
            ("Sani Chee", "0253360"),
            ("Ikran Dahir", "0253411"),
        ],
    ),
    "B-3050": (
        True,
        False,
        [
            ("Ahiga Begay", "0190447"),
            ("Fadumo Osman", "0264410"),
        ],
    ),
    "B-3051": (
        True,
        False,
        [
            ("Losaline Taufa", "0549920"),
            ("Kacper Zielinski", "0549987"),
        ],
    ),
    "B-3052": (
        True,
        False,
        [
            ("Fatima Noor", "0258803"),
            ("Layla Abdel-Rahman", "0258879"),
        ],
    ),
    "B-3053": (
        True,
        False,
        [
            ("Daan Vanderberg", "0187702"),
            ("Camila Delrio", "0187765"),
        ],
    ),
    "B-3054": (
        True,
        False,
        [
            ("Padraig O'Suilleabhain", "0348811"),
            ("Caoimhe McCarthaigh", "0348890"),
        ],
    ),
    "B-3055": (
        True,
        False,
        [
            ("Lukasz Kowalczyk", "024l187"),
            ("Agnieszka Nowak", "0241203"),
        ],
    ),
    "B-3056": (
        True,
        False,
        [
            ("Kai Tohee", "0255I04"),
            ("Emiliano Gutierrez", "O2SS139"),
        ],
    ),
    "B-3057": (
        True,
        False,
        [
            ("Adaeze Eze", "00219930"),
            ("Wyatt Long", "02199877"),
            ("Soo-ah Jang", "0220045"),
        ],
    ),
    "B-3058": (
        True,
        False,
        [
            ("Do-yoon Cho", "27714"),
            ("Ye-jin Yoon", "0327768"),
        ],
    ),
    "B-3059": (
        True,
        False,
        [
            ("Valentina Ochoa", "4233180"),
        ],
    ),
    "B-3060": (
        True,
        False,
        [
            ("Saoirse Kinsella", "0362841"),
        ],
    ),
    "B-3061": (
        True,
        False,
        [
            ("Khoa Huynh", "0257130"),
            ("Amrit Cheema", "0275185"),
            ("Princess Manalo", "0257246"),
        ],
    ),
    "B-3062": (
        True,
        False,
        [
            ("Lovely Jean-Louis", "0537718"),
            ("Ubah Ismail", "0537802"),
        ],
    ),
    "B-3063": (
        True,
        False,
        [
            ("Sasha Lysenko", "0336640"),
            ("Dezba Yellowhair", "0336695"),
        ],
    ),
    "B-3064": (
        True,
        False,
        [
            ("Patrick O'Kelly", "0232710"),
        ],
    ),
    "B-3065": (
        True,
        False,
        [
            ("Pa Vang", "0542288"),
            ("Mai Yer Lor", "0542350"),
        ],
    ),
    "B-3066": (
        True,
        False,
        [
            ("Diego Garcia", "0365510"),
            ("Luz Hernandez", "0365577"),
        ],
    ),
    "B-3067": (
        True,
        False,
        [
            ("Navdeep Kaur", "0174452"),
            ("Arshdeep Singh Sidhu", "0174519"),
        ],
    ),
    "B-3068": (
        True,
        False,
        [
            ("Jayden Stone", "0309954"),
            ("Autumn Marsh", "0310021"),
        ],
    ),
    "B-3069": (
        True,
        False,
        [
            ("Sione Faleolo", "0419505"),
        ],
    ),
    "B-3070": (
        True,
        False,
        [
            ("Brayan Lopez", "0228840"),
            ("Itzel Ramirez", "0262218"),
        ],
    ),
    "B-3071": (
        True,
        False,
        [
            ("Grace Kabua", "0191503"),
        ],
    ),
    "B-3072": (
        True,
        False,
        [
            ("Abdirahman Farah", "0178866"),
            ("Hawa Hassan", "0548410"),
            ("Liban Nur", "0223307"),
        ],
    ),
    "B-3073": (
        True,
        False,
        [
            ("Minh Thu Dinh", "0163377"),
        ],
    ),
    "B-3074": (
        True,
        False,
        [
            ("Naalnish Benally", "0338812"),
        ],
    ),
    "B-3075": (
        True,
        False,
        [
            ("Meron Haile", "0225518"),
            ("Jameson Charles", "0225573"),
        ],
    ),
    "B-3076": (
        True,
        False,
        [
            ("Tupe Seiuli", "0162630"),
        ],
    ),
    "B-3077": (
        True,
        False,
        [
            ("River Cook", "0350072"),
            ("Skye Baker", "0350139"),
        ],
    ),
    "B-3078": (
        True,
        False,
        [
            ("Kristine Bautista", "0313397"),
        ],
    ),
    "B-3079": (
        True,
        False,
        [
            ("Losa Pouono", "0227731"),
        ],
    ),
    "B-3080": (
        True,
        True,
        [],
    ),
    "B-3081": (
        True,
        True,
        [],
    ),
    "B-3082": (
        True,
        True,
        [],
    ),
    "B-3083": (
        True,
        False,
        [
            ("Zaynab Darwish", None),
        ],
    ),
    "B-3084": (
        True,
        False,
        [
            ("Mohamed Hassan", None),
            ("Kirandeep Toor", "0219114"),
        ],
    ),
    "B-3085": (
        True,
        False,
        [
            ("Jolene Todacheene", "0409967"),
            ("Ravneet Randhawa", "0409901"),
            ("Selam Woldemichael", "0409932"),
        ],
    ),
    "B-3086": (
        True,
        False,
        [
            ("Ruth-Ann Baptiste", "0274418"),
        ],
    ),
    "B-3087": (
        True,
        False,
        [
            ("Duc Dang", "0166702"),
            ("Linh Bui", "0166759"),
        ],
    ),
    "B-3088": (
        True,
        False,
        [
            ("Leilani Mata\u02bbutia", "0163104"),
        ],
    ),
    "B-3089": (
        True,
        False,
        [
            ("Tasi Fuimaono", "0186371"),
        ],
    ),
    "B-3090": (
        True,
        False,
        [
            ("Bohdan Kravchenko", "\u041e236618"),
            ("Iryna Savchuk", "0236677"),
        ],
    ),
    "B-3091": (
        True,
        False,
        [
            ("Karim Nasser", "\u0660\u0663\u0669\u0669\u0668\u0661\u0665"),
            ("Reem Haddad", "0399870"),
        ],
    ),
    "B-3092": (
        True,
        False,
        [
            ("Eoin Fitzgerald", "1522O7"),
        ],
    ),
    "B-3093": (
        True,
        False,
        [
            ("Yareli Villanueva", "0421174"),
            ("Jesús Orozco", "0421230"),
        ],
    ),
    "B-3094": (
        True,
        False,
        [
            ("Kateryna Marchenko", "0341150"),
            ("Dawit Alemu", "0341209"),
        ],
    ),
    "B-3095": (
        True,
        False,
        [
            ("Emeka Olatunji", "0367702"),
            ("Sinead McGrath", "0367759"),
        ],
    ),
    "B-3096": (
        True,
        False,
        [
            ("Augustin, Jameson", "0612280"),
            ("Bitsui, Ayita", "0612347"),
        ],
    ),
    "B-3097": (
        True,
        False,
        [
            ("Mackenson Étienne", "0702218"),
            ("Gurleen Mann", "0702290"),
            ("Christopher \u201cKit\u201d Young", "0702355"),
        ],
    ),
    "B-3098": (
        True,
        False,
        [
            ("Rich, Hunter J.", "0209915"),
            ("Page, Faith A.", "0209968"),
        ],
    ),
    "B-3099": (
        True,
        False,
        [
            ("Ioane Sapolu", "0346601"),
            ("Tobi Adeyemi", "0407743"),
        ],
    ),
    "B-3100": (
        True,
        False,
        [
            ("Yanaba Tsinajinnie", "0398377"),
            ("Seán Kinsella", "0398412"),
        ],
    ),
    "B-3101": (
        False,
        False,
        [
            ("Abdullahi Yusuf", "0207715"),
        ],
    ),
    "B-3102": (
        False,
        False,
        [
            ("Jean-Marc Celestin", "0172564"),
        ],
    ),
    "B-3103": (
        False,
        False,
        [],
    ),
    "B-3104": (
        False,
        False,
        [
            ("Kia", None),
        ],
    ),
    "B-3105": (
        False,
        False,
        [],
    ),
    "B-3106": (
        False,
        False,
        [
            ("Viliami Havili", "0317765"),
        ],
    ),
    "B-3107": (
        False,
        False,
        [],
    ),
    "B-3108": (
        False,
        False,
        [
            ("Sani Chee", "0253360"),
        ],
    ),
    "B-3109": (
        False,
        False,
        [
            ("kou xiong", None),
        ],
    ),
    "B-3110": (
        False,
        False,
        [],
    ),
    "B-3111": (
        False,
        False,
        [],
    ),
    "B-3112": (
        False,
        False,
        [
            ("Inês Carvalho", "0286623"),
        ],
    ),
    "B-3113": (
        False,
        False,
        [],
    ),
    "B-3114": (
        False,
        False,
        [
            ("Ayaan Hirsi", "0150738"),
        ],
    ),
    "B-3115": (
        False,
        False,
        [
            ("Pheng Vue", "0545072"),
        ],
    ),
    "B-3116": (
        False,
        False,
        [
            ("Nizhoni Yazzie", "0427731"),
        ],
    ),
    "B-3117": (
        False,
        False,
        [],
    ),
    "B-3118": (
        False,
        False,
        [
            ("Aoife Brennan-Walsh", "0318842"),
        ],
    ),
    "B-3119": (
        False,
        False,
        [],
    ),
    "B-3120": (
        False,
        False,
        [],
    ),
    "B-3121": (
        False,
        False,
        [],
    ),
    "B-3122": (
        False,
        False,
        [],
    ),
    "B-3123": (
        False,
        False,
        [],
    ),
    "B-3124": (
        False,
        False,
        [
            ("Hawa Ali", "0547730"),
        ],
    ),
    "B-3125": (
        False,
        False,
        [
            ("Ruth-Ann Baptiste", "0274418"),
        ],
    ),
    "B-3126": (
        False,
        False,
        [],
    ),
    "B-3127": (
        False,
        False,
        [],
    ),
    "B-3128": (
        False,
        False,
        [
            ("Hodan", None),
        ],
    ),
    "B-3129": (
        False,
        False,
        [],
    ),
    "B-3130": (
        False,
        False,
        [],
    ),
    "B-3131": (
        False,
        False,
        [],
    ),
    "B-3132": (
        False,
        False,
        [
            ("Mei Chen", "0186295"),
        ],
    ),
    "B-3133": (
        False,
        False,
        [],
    ),
    "B-3134": (
        False,
        False,
        [],
    ),
    "B-3135": (
        False,
        False,
        [],
    ),
    "B-3136": (
        False,
        False,
        [],
    ),
    "B-3137": (
        False,
        False,
        [
            ("Tou Lee", "0150517"),
        ],
    ),
    "B-3138": (
        False,
        False,
        [
            ("Ahiga Begay", "0190447"),
        ],
    ),
    "B-3139": (
        False,
        False,
        [
            ("Khoa Huynh", "0257130"),
        ],
    ),
    "B-3140": (
        False,
        False,
        [],
    ),
    "B-3141": (
        False,
        False,
        [],
    ),
    "B-3142": (
        False,
        False,
        [
            ("Yareli Villanueva", "0421174"),
        ],
    ),
    "B-3143": (
        False,
        False,
        [
            ("Ximena", None),
        ],
    ),
    "B-3144": (
        False,
        False,
        [
            ("Jelton Lomae", "0322480"),
        ],
    ),
    "B-3145": (
        False,
        False,
        [
            ("Obinna Okafor", "0274741"),
        ],
    ),
    "B-3146": (
        False,
        False,
        [
            ("Nizhoni Yazzie", "0427731"),
        ],
    ),
    "B-3147": (
        False,
        False,
        [],
    ),
    "B-3148": (
        False,
        False,
        [],
    ),
    "B-3149": (
        True,
        True,
        [],
    ),
    "B-3150": (
        True,
        False,
        [
            ("Tigist Haile", "0215516"),
            ("Yonas Gebremariam", "0215602"),
        ],
    ),
    "B-3151": (
        True,
        False,
        [
            ("Youa Moua", "0224410"),
            ("Blia Yang", "0224475"),
        ],
    ),
    "B-3152": (
        True,
        False,
        [
            ("Macapagal Jericho", "0416620"),
            ("Brandão Caio", "0416687"),
            ("Dela Cruz Mariel", "0416749"),
        ],
    ),
    "B-3153": (
        True,
        False,
        [
            ("Hana Ali", "0178950"),
            ("Ilhan Aden", "0548133"),
        ],
    ),
    "B-3154": (
        True,
        False,
        [
            ("Sukhman Bains", "0233318"),
            ("Neng Her", "0233372"),
        ],
    ),
    "B-3155": (
        True,
        False,
        [
            ("Fionn Dunne", "212207"),
            ("Ye-jin Lim", "0212265"),
            ("Tobi Okoro", "O2l2330"),
        ],
    ),
    "B-3156": (
        True,
        False,
        [
            ("Kirandeep Brar", "0303372"),
            ("Amrit Sekhon", "0702461"),
            ("Tavita Fuimaono", "0588213"),
        ],
    ),
    "B-3157": (
        True,
        False,
        [
            ("Brooke Street", "0404418"),
            ("Yareli Villanueva", "0421174"),
        ],
    ),
    "B-3158": (
        True,
        False,
        [
            ("Mohamed Abdi", "0415520"),
        ],
    ),
    "B-3159": (
        True,
        False,
        [
            ("Dawit Tesfaye", None),
            ("Ka Chang", "0613375"),
        ],
    ),
    "B-3160": (
        True,
        False,  # rule 7 read literally: a student was extracted
        [
            ("Kiora Jibas", "0230077"),
        ],
    ),
}
# END READING


def normalise_id(written: str | None) -> str | None:
    """Rule 3: drop spaces/dashes/#, read ASCII O/o as zero, pad 6 digits; else unusable."""
    if written is None:
        return None
    digits = ID_PUNCTUATION.sub("", written).replace("O", "0").replace("o", "0")
    # str.isdigit() would accept Arabic-Indic or full-width digits; rule 3 fixes only ASCII.
    if not digits or any(ch not in "0123456789" for ch in digits):
        return None
    if len(digits) == 6:
        digits = "0" + digits
    return digits if len(digits) == 7 else None


def fold(text: str) -> str:
    """Rule 4 normalisation of one name part: case, accents and punctuation ignored."""
    text = "".join(STROKE_LETTERS.get(ch, ch) for ch in text.lower())
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return "".join(ch for ch in text if ch not in NAME_PUNCTUATION and not ch.isspace())


def name_matches(written: str, given: str, family: str) -> bool:
    """Rule 4: first and last name match in any order; one run of up to 2 middle words ignored."""
    words = [fold(w) for w in re.split(r"[\s,]+", written)]
    words = [w for w in words if w]
    first, last = fold(given), fold(family)
    if "".join(words) in (first + last, last + first):
        return True
    n = len(words)
    spans = [(i, j) for i in range(n) for j in range(i + 1, n + 1)]
    for fi, fj in spans:
        if "".join(words[fi:fj]) != first:
            continue
        for li, lj in spans:
            if lj <= fi or li >= fj:
                if "".join(words[li:lj]) == last and leftover_ok(n, (fi, fj), (li, lj)):
                    return True
    return False


def leftover_ok(n: int, a: tuple[int, int], b: tuple[int, int]) -> bool:
    rest = [k for k in range(n) if not (a[0] <= k < a[1] or b[0] <= k < b[1])]
    contiguous = all(y == x + 1 for x, y in zip(rest, rest[1:], strict=False))
    return len(rest) <= 2 and contiguous


def load_roster(
    directory: Path,
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], str]:
    with (directory / "orgs.csv").open(encoding="utf-8", newline="") as handle:
        orgs = list(csv.DictReader(handle))
    district = next(o["sourcedId"] for o in orgs if o["type"] == "district")
    with (directory / "users.csv").open(encoding="utf-8", newline="") as handle:
        users = list(csv.DictReader(handle))
    students = {u["identifier"]: u for u in users if u["role"] == "student"}
    people = {u["email"].lower(): u for u in users}
    return students, people, district


def usable_requester(requester: str, people: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """Rule 6: an active, enabled teacher, administrator or aide; None otherwise."""
    user = people.get(requester.lower())
    if user is None or user["role"] not in STAFF_ROLES:
        return None
    if user["status"] != "active" or user["enabledUser"] != "true":
        return None
    return user


def mention_ready(
    mention: Mention,
    staff: dict[str, str] | None,
    students: dict[str, dict[str, str]],
    district: str,
) -> str | None:
    """The normalised ID when the mention passes rules 3-6, else None."""
    written_name, written_id = mention
    sid = normalise_id(written_id)
    record = students.get(sid or "")
    if record is None or staff is None:
        return None
    if not name_matches(written_name, record["givenName"], record["familyName"]):
        return None
    if record["status"] != "active" or record["enabledUser"] != "true":
        return None
    allowed = set(staff["orgSourcedIds"].split(","))
    if record["orgSourcedIds"] not in allowed and district not in allowed:
        return None
    return sid


def squeeze(text: str) -> str:
    """Collapse runs of whitespace (tabs, table cells, &nbsp;) to one space."""
    return " ".join(text.split())


def ticket_text(ticket: dict[str, str]) -> str:
    body = ticket["body"]
    if ticket["content_type"] == "text/html":
        body = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return ticket["subject"] + "\n" + body


def check_ticket(
    ticket: dict[str, str],
    truth: dict[str, object],
    roster: tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], str],
) -> list[str]:
    tid = ticket["id"]
    students, people, district = roster
    reset, unextracted, mentions = READING[tid]
    problems = []
    text = squeeze(ticket_text(ticket))
    for name, written_id in mentions:
        if squeeze(name) not in text or (written_id is not None and written_id not in text):
            problems.append(f"{tid}: {name!r} {written_id!r} is not written in the ticket")
    staff = usable_requester(ticket["requester"], people)
    verdicts = [mention_ready(m, staff, students, district) if reset else None for m in mentions]
    ready = sorted({sid for sid in verdicts if sid})
    # Rule 2: one entry per student, so a student written twice must not be both ready and review.
    for mention, verdict in zip(mentions, verdicts, strict=True):
        if verdict is None and normalise_id(mention[1]) in ready:
            problems.append(f"{tid}: {mention!r} is review but the same ID is ready elsewhere")
    needs_review = reset and (unextracted or any(v is None for v in verdicts))
    expected = {"reset_request": reset, "needs_review": needs_review, "ready": ready}
    for key, value in expected.items():
        if truth.get(key) != value:
            problems.append(f"{tid}: {key} is {truth.get(key)!r}, rules give {value!r}")
    if not truth.get("tags") or not str(truth.get("why", "")).strip():
        problems.append(f"{tid}: tags and why must not be empty")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Check truth.json against rules 1-8.")
    parser.add_argument("--truth", type=Path, default=HERE / "truth.json")
    parser.add_argument("--roster", type=Path, default=HERE / "roster")
    parser.add_argument("--tickets", type=Path, default=HERE / "tickets")
    args = parser.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    roster = load_roster(args.roster)
    tickets = {}
    for path in sorted(args.tickets.glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        tickets[ticket["id"]] = ticket
    problems = []
    for label, keys in (("truth.json", set(truth)), ("READING", set(READING))):
        if keys != set(tickets):
            problems.append(f"{label} and tickets/ differ: {sorted(keys ^ set(tickets))}")
    for tid in sorted(set(tickets) & set(truth) & set(READING)):
        problems += check_ticket(tickets[tid], truth[tid], roster)
    for line in problems:
        print(line)
    ready = sum(len(t["ready"]) for t in truth.values())
    resets = sum(bool(t["reset_request"]) for t in truth.values())
    verdict = "FAIL" if problems else "OK"
    print(
        f"verify_truth: {verdict}: {len(tickets)} tickets, {resets} reset requests, "
        f"{ready} ready IDs, {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
