"""Generate the OneRoster 1.1 CSV roster of Cinnabar Valley Unified (corpus_blind9).

Run with the project's venv:  .venv/bin/python tests/parsers/corpus_blind9/gen_roster.py

The output is byte-for-byte reproducible. Three kinds of records are written:

* FIXED_* records: the students, staff and parents that the tickets talk about, by hand.
* POOL records: class lists that the big tickets paste. They come from their own constant
  seed, so they never change with --seed.
* filler records: everyone else, drawn from --seed (default 20260915). Filler never takes
  an ID, an e-mail or a sourcedId of a fixed or pool record, nor an ID in ABSENT_IDS (IDs the
  tickets use that must belong to nobody), so truth.json holds for any seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_SEED = 20260915
POOL_SEED = "cinnabar-valley-pool-v1"
STAFF_DOMAIN = "cinnabarusd.k12.example"
STUDENT_DOMAIN = "learn.cinnabarusd.k12.example"
STAMP = "2026-08-28T06:00:00.000Z"
DISTRICT = "cv-dist"

# (sourcedId, name, type, identifier, grades served)
ORGS = [
    (DISTRICT, "Cinnabar Valley Unified School District", "district", "CVUSD-54718", ""),
    ("cv-alk", "Alkali Flat Elementary School", "school", "CV-101", "KG-05"),
    ("cv-bay", "Baywood Elementary School", "school", "CV-102", "KG-05"),
    ("cv-can", "Canal Road Elementary School", "school", "CV-103", "KG-05"),
    ("cv-dry", "Dry Creek Elementary School", "school", "CV-104", "KG-05"),
    ("cv-egr", "Egret Marsh Elementary School", "school", "CV-105", "KG-05"),
    ("cv-fld", "Fieldstone Elementary School", "school", "CV-106", "KG-05"),
    ("cv-grn", "Granite Ridge Elementary School", "school", "CV-107", "KG-05"),
    ("cv-hrv", "Harvest Moon Elementary School", "school", "CV-108", "KG-05"),
    ("cv-irn", "Ironwood Elementary School", "school", "CV-109", "KG-05"),
    ("cv-jac", "Jacaranda Elementary School", "school", "CV-110", "KG-05"),
    ("cv-kng", "Kingfisher Elementary School", "school", "CV-111", "KG-05"),
    ("cv-lon", "Lone Oak Elementary School", "school", "CV-112", "KG-05"),
    ("cv-mir", "Mirasol Elementary School", "school", "CV-113", "KG-05"),
    ("cv-nop", "Nopal Elementary School", "school", "CV-114", "KG-05"),
    ("cv-ole", "Oleander K-8 Academy", "school", "CV-201", "KG-08"),
    ("cv-pom", "Pomegranate K-8 School", "school", "CV-202", "KG-08"),
    ("cv-qua", "Quail Run K-8 School", "school", "CV-203", "KG-08"),
    ("cv-riv", "Riverbend Middle School", "school", "CV-301", "06-08"),
    ("cv-syc", "Sycamore Slough Middle School", "school", "CV-302", "06-08"),
    ("cv-cin", "Cinnabar High School", "school", "CV-401", "09-12"),
    ("cv-vaq", "Vaquero High School", "school", "CV-402", "09-12"),
]
# Students in each school (fixed + pool + filler); the same for every seed.
SCHOOL_SIZE = {"KG-05": 160, "KG-08": 220, "06-08": 170, "09-12": 180}

# Students the tickets name:
# (identifier, givenName, middleName, familyName, school, grade, status, enabledUser)
FIXED_STUDENTS = [
    ("0531207", "Pa Nhia", "", "Yang", "alk", "KG", "active", "true"),
    ("0531270", "Tou", "", "Vang", "alk", "KG", "active", "true"),
    ("0528814", "Xóchitl", "", "Ramírez Bautista", "alk", "KG", "active", "true"),
    ("0529903", "Kou", "", "Lor", "alk", "KG", "active", "true"),
    ("0529902", "Gael", "", "Ramos", "alk", "KG", "active", "true"),
    ("0533018", "José Luis", "", "Hernández Ávila", "alk", "KG", "active", "true"),
    ("0533081", "Dulce María", "", "Chávez", "alk", "KG", "active", "true"),
    ("0532764", "Yatziri", "", "Santiago López", "alk", "KG", "active", "true"),
    ("0530418", "Mai Yer", "", "Xiong", "alk", "03", "active", "true"),
    ("0530770", "Kaying", "", "Moua", "alk", "02", "active", "true"),
    ("0530707", "Alondra", "", "Ceja", "alk", "02", "active", "true"),
    ("0530077", "Vicente", "", "Ruvalcaba", "alk", "02", "active", "true"),
    ("0529460", "Yer", "", "Lor", "alk", "KG", "active", "true"),
    ("0529406", "Jaziel", "", "Contreras", "alk", "KG", "active", "true"),
    ("0641182", "Valeria", "", "Chávez", "bay", "04", "active", "true"),
    ("0641903", "Diego", "", "Cárdenas", "bay", "04", "active", "true"),
    ("0643370", "Joseph", "", "Mendoza Cruz", "bay", "05", "active", "true"),
    ("0644501", "Jalen", "", "Brooks", "bay", "05", "active", "true"),
    ("0644510", "Kamari", "", "Freeman", "bay", "05", "active", "true"),
    ("0644051", "Royal", "", "Banks", "bay", "05", "active", "true"),
    ("0644388", "William", "", "Brooks", "bay", "05", "active", "true"),
    ("0642719", "Shoua", "", "Vang", "bay", "01", "active", "false"),
    ("0642280", "Brianna", "", "Xiong", "bay", "01", "active", "true"),
    ("0642208", "Ethan", "", "Lo", "bay", "01", "active", "true"),
    ("0569120", "Simran", "", "Kaur", "can", "KG", "active", "true"),
    ("0569210", "Simran", "", "Kaur", "can", "KG", "active", "true"),
    ("0566301", "Harpreet", "", "Singh", "can", "KG", "active", "true"),
    ("0565518", "Gurnoor", "Kaur", "Johal", "can", "KG", "active", "true"),
    ("0565581", "Ekamjot", "", "Singh", "can", "KG", "active", "true"),
    ("0566718", "Guadalupe", "", "Ochoa", "can", "KG", "active", "true"),
    ("0566781", "Jesús", "", "Ramos", "can", "KG", "active", "true"),
    ("0566187", "Manvir", "", "Sidhu", "can", "KG", "active", "true"),
    ("0567740", "Lucas", "", "Azevedo", "can", "02", "active", "true"),
    ("0567704", "Beatriz", "", "Mendonça", "can", "02", "active", "true"),
    ("0567015", "Rafael", "", "Pacheco", "can", "02", "active", "true"),
    ("0567150", "Matilde", "", "Vieira", "can", "02", "active", "true"),
    ("0568811", "Enzo", "", "Cabral", "can", "02", "tobedeleted", "true"),
    ("0567322", "María José", "", "Hernández", "can", "02", "active", "true"),
    ("0567232", "Juan Carlos", "", "Olvera", "can", "02", "active", "true"),
    ("0567223", "Ana Sofía", "", "Bautista", "can", "02", "active", "true"),
    ("0552290", "Yaretzi", "", "Gómez Olvera", "dry", "02", "active", "true"),
    ("0552209", "Brayan Josué", "", "Portillo", "dry", "02", "active", "true"),
    ("0551847", "Harjot", "Singh", "Atwal", "dry", "02", "active", "true"),
    ("0553390", "Sofía", "", "García-Reyes", "dry", "05", "active", "true"),
    ("0553309", "Ebtisam", "", "Al-Hakimi", "dry", "05", "active", "true"),
    ("0552981", "Aram", "", "Ter-Petrosyan", "dry", "05", "active", "true"),
    ("0553417", "Daniela", "", "de la Rosa", "dry", "05", "active", "true"),
    ("0553930", "Emily", "", "Cha", "dry", "05", "active", "true"),
    ("0556230", "Daniel", "", "Hernández", "dry", "03", "active", "true"),
    ("0556320", "Daniel", "", "Hernández", "dry", "03", "active", "true"),
    ("0554416", "Amanpreet", "", "Kaur", "dry", "04", "active", "true"),
    ("0547712", "Nou", "", "Her", "egr", "01", "active", "true"),
    ("0547721", "Kaitlyn", "", "Moua", "egr", "01", "active", "true"),
    ("0547090", "Valentina", "", "Aguilar Ruiz", "egr", "01", "active", "true"),
    ("0546633", "Maliyah", "", "Jefferson", "egr", "01", "active", "true"),
    ("0546210", "Ka Zoua", "", "Thao", "egr", "01", "active", "true"),
    ("0546201", "Fue", "", "Xiong", "egr", "01", "active", "true"),
    ("0546012", "Lily", "", "Vang", "egr", "01", "active", "true"),
    ("0546145", "Neng", "", "Thao", "egr", "01", "active", "true"),
    ("0546877", "Tigran", "", "Sarkisian", "egr", "02", "active", "true"),
    ("0572231", "Gurleen", "Kaur", "Sidhu", "fld", "02", "active", "true"),
    ("0572660", "Jasmeet", "", "Kaur", "fld", "02", "active", "true"),
    ("0574418", "Sehaj", "", "Kaur", "fld", "04", "active", "true"),
    ("0575126", "D'Andre", "", "Washington", "fld", "04", "active", "true"),
    ("0575162", "Ja'Kobe", "", "Little", "fld", "04", "active", "true"),
    ("0574890", "José Ángel", "", "Ibarra", "fld", "04", "active", "true"),
    ("0575033", "Ta'Nya", "", "Wells", "fld", "04", "active", "true"),
    ("0573381", "Abdullah", "", "Al-Qadhi", "fld", "04", "active", "true"),
    ("0573318", "Maryam", "", "Obaid", "fld", "04", "active", "true"),
    ("0573183", "Hamza", "", "Mohsen", "fld", "04", "active", "true"),
    ("0575540", "Amir", "", "Nasser", "fld", "04", "active", "true"),
    ("0575504", "Imani", "", "Grant", "fld", "04", "active", "true"),
    ("0571120", "Jayden", "", "Cha", "fld", "01", "tobedeleted", "false"),
    ("0581146", "Rodrigo", "", "Furtado", "grn", "05", "active", "true"),
    ("0581164", "Beatriz", "", "Vieira Machado", "grn", "05", "active", "true"),
    ("0580911", "Gonçalo", "", "Sousa", "grn", "05", "active", "true"),
    ("0581382", "Tomás", "", "Raposo", "grn", "05", "active", "true"),
    ("0581328", "Carolina", "", "Borges", "grn", "05", "active", "true"),
    ("0582213", "Gonçalo", "", "Pacheco", "grn", "04", "active", "true"),
    ("0582231", "Leonor", "", "Ávila Medeiros", "grn", "04", "active", "true"),
    ("0582123", "Kiara", "", "Robinson", "grn", "04", "active", "true"),
    ("0595512", "Jesus", "", "Ramirez", "hrv", "01", "active", "true"),
    ("0595521", "Dayana", "", "Menjivar Argueta", "hrv", "01", "active", "true"),
    ("0596615", "Itzel", "", "Orozco", "hrv", "01", "active", "true"),
    ("0596651", "Ángel Gabriel", "", "Tzul", "hrv", "01", "active", "true"),
    ("0586620", "Jaskaran", "", "Grewal", "irn", "03", "active", "true"),
    ("0586107", "Bao Ngoc", "", "Nguyen", "irn", "03", "active", "true"),
    ("0585544", "Jhon Lloyd", "", "de la Cruz", "irn", "03", "active", "true"),
    ("0586602", "Ekam", "Singh", "Sandhu", "irn", "03", "active", "true"),
    ("0585391", "Regina", "", "Álvarez del Río", "irn", "03", "active", "true"),
    ("0589240", "Gia Han", "", "Huynh", "irn", "05", "active", "true"),
    ("0587710", "Minh Anh", "", "Nguyen", "irn", "02", "active", "true"),
    ("0587701", "Bao Ngoc", "", "Tran", "irn", "02", "active", "true"),
    ("0588830", "Jalen", "", "Robinson", "irn", "03", "active", "true"),
    ("0588803", "Yaretzi", "", "Huerta", "irn", "03", "active", "true"),
    ("0588380", "Gurpreet", "", "Dhaliwal", "irn", "03", "active", "true"),
    ("0601128", "Anthony", "", "Alvarado Chicas", "jac", "04", "active", "true"),
    ("0601915", "Amani", "", "Saleh", "jac", "04", "active", "true"),
    ("0602274", "Xiadani", "", "Matías López", "jac", "02", "active", "true"),
    ("0602247", "Nayeli", "", "Santiago Hilario", "jac", "02", "active", "true"),
    ("0610833", "Bao", "", "Vang", "jac", "04", "active", "true"),
    ("0610853", "Elena", "", "Ruvalcaba", "jac", "04", "active", "true"),
    ("0610838", "Aaliyah", "", "Strong", "jac", "04", "active", "true"),
    ("0613370", "Princess Joy", "", "Bautista", "kng", "03", "active", "true"),
    ("0613307", "Mark Anthony", "", "Reyes", "kng", "03", "active", "true"),
    ("0612958", "Kristine Mae", "", "Villanueva", "kng", "03", "active", "true"),
    ("0611287", "María José", "", "Ruiz", "kng", "KG", "active", "true"),
    ("0611278", "Emiliano", "", "de León", "kng", "KG", "active", "true"),
    ("0614470", "Zion", "", "Price", "kng", "02", "active", "true"),
    ("0614407", "Genesis", "", "Ortega Luna", "kng", "02", "active", "true"),
    ("0613845", "Mateo", "", "Ornelas", "kng", "03", "active", "true"),
    ("0613582", "María Cristina", "", "Santos", "kng", "03", "active", "true"),
    ("0613528", "Jhon Lloyd", "", "Macaraeg", "kng", "03", "active", "true"),
    ("0627741", "Tiago", "", "Medeiros", "lon", "01", "active", "true"),
    ("0627714", "Inês", "", "Silveira", "lon", "01", "active", "true"),
    ("0626950", "Leonor", "", "Bettencourt", "lon", "01", "active", "true"),
    ("0628013", "Duarte", "", "Ávila", "lon", "01", "active", "true"),
    ("0628840", "Angelica", "", "Dimaculangan", "lon", "03", "active", "true"),
    ("0628804", "Jhon Paul", "", "Pangilinan", "lon", "03", "active", "true"),
    ("0629915", "João Pedro", "", "Bettencourt Furtado", "lon", "04", "active", "true"),
    ("0629951", "Mariana", "", "da Rosa", "lon", "04", "active", "true"),
    ("0561734", "Octavio", "", "Orozco", "mir", "02", "active", "true"),
    ("0561092", "Omar", "", "Ochoa", "mir", "02", "active", "true"),
    ("0563312", "Amari", "", "Washington", "mir", "03", "active", "true"),
    ("0562420", "Hope", "", "Price", "mir", "05", "active", "true"),
    ("0562402", "Grant", "", "Young", "mir", "05", "active", "true"),
    ("0562458", "Will", "", "Rice", "mir", "05", "active", "true"),
    ("0562485", "Summer", "", "Long", "mir", "05", "active", "true"),
    ("0564418", "Pa", "", "Her", "mir", "05", "active", "true"),
    ("0564481", "May", "", "Lee", "mir", "05", "active", "true"),
    ("0564148", "Nou", "", "Her", "mir", "05", "active", "true"),
    ("0562744", "Ximena", "", "Soto", "mir", "05", "active", "true"),
    ("0562477", "Diego", "", "Alcántar", "mir", "05", "active", "true"),
    ("0563390", "Sebastián", "", "Chávez Orozco", "mir", "04", "active", "true"),
    ("0621190", "Luis", "", "Méndez Ortiz", "nop", "04", "active", "true"),
    ("0621109", "Andrea", "", "del Toro", "nop", "04", "active", "true"),
    ("0622418", "Karla", "", "Gutiérrez Zamora", "nop", "03", "active", "true"),
    ("0622481", "Luis Ángel", "", "Ríos Villalobos", "nop", "03", "active", "true"),
    ("0622148", "Fernanda", "", "Vázquez Olmos", "nop", "03", "active", "true"),
    ("0735123", "Narek", "", "Hakobyan", "ole", "06", "active", "true"),
    ("0735132", "Lilit", "", "Kevorkian", "ole", "06", "active", "true"),
    ("0734871", "Garen", "", "Manoukian", "ole", "06", "active", "true"),
    ("0731477", "Guadalupe", "", "Jiménez Mendoza", "ole", "01", "active", "true"),
    ("0736610", "Gurkirat", "Singh", "Bains", "ole", "05", "active", "true"),
    ("0732208", "Santiago", "", "Ochoa Guzmán", "ole", "01", "active", "true"),
    ("0732280", "Valentina", "", "del Río", "ole", "01", "active", "true"),
    ("0732028", "Osvaldo", "", "Ornelas", "ole", "01", "active", "true"),
    ("0742215", "Quoc Bao", "", "Le", "pom", "07", "active", "true"),
    ("0742251", "Gia Bao", "", "Phan", "pom", "07", "active", "true"),
    ("0743380", "Thanh Tam", "Thi", "Nguyen", "pom", "08", "active", "true"),
    ("0753120", "Souksavanh", "", "Phommachanh", "qua", "03", "active", "true"),
    ("0753012", "Noy", "", "Sisavath", "qua", "03", "active", "true"),
    ("0754512", "Manivanh", "", "Vongsa", "qua", "03", "active", "true"),
    ("0754152", "Daovy", "", "Inthavong", "qua", "03", "active", "true"),
    ("0750249", "Zaire", "", "Jackson", "qua", "08", "active", "true"),
    ("0783341", "Wendy Marisol", "", "Argueta", "riv", "07", "active", "true"),
    ("0783314", "Josué", "", "Alvarado", "riv", "07", "active", "true"),
    ("0778219", "Sevan", "", "Manoukian", "syc", "07", "active", "true"),
    ("0778291", "Arpi", "", "Der Bedrossian", "syc", "07", "active", "true"),
    ("0778129", "Omar", "", "Nasser", "syc", "07", "active", "true"),
    ("0779914", "Mohammed", "Abdulla", "Saleh", "syc", "08", "active", "true"),
    ("0779941", "Fatima", "", "Alsaidi", "syc", "08", "active", "true"),
    ("0791142", "Esperanza", "", "Ornelas", "cin", "10", "active", "true"),
    ("0790458", "Ximena", "", "Cortés", "cin", "11", "active", "true"),
    ("0796630", "Kevin Josué", "", "Orellana", "vaq", "09", "active", "true"),
]

# IDs that tickets write and that must belong to nobody (swapped digits, one digit off,
# the help page's example).
ABSENT_IDS = ["0123456", "0528815", "0562240", "0627471", "0588308", "0621910"]

# (key, givenName, familyName, role, schools, status, enabledUser)
FIXED_STAFF = [
    ("s01", "Mai", "Vang", "teacher", ["alk"], "active", "true"),
    ("s02", "Rosa Isela", "Barajas", "administrator", ["alk"], "active", "true"),
    ("s03", "Yesenia", "Ortiz", "aide", ["alk"], "active", "true"),
    ("s04", "Kimberly", "Vue", "teacher", ["bay"], "active", "true"),
    ("s05", "Darnell", "Whitfield", "administrator", ["bay"], "active", "true"),
    ("s06", "Hector", "Ramírez", "teacher", ["bay"], "active", "true"),
    ("s07", "Jasmine", "Dhillon", "teacher", ["can"], "active", "true"),
    ("s08", "Paula", "Medeiros", "teacher", ["can"], "active", "true"),
    ("s09", "Teresa", "Avila", "administrator", ["can"], "active", "true"),
    ("s10", "Nora", "Hakobyan", "teacher", ["dry"], "active", "true"),
    ("s11", "Lupe", "Zavala", "aide", ["dry"], "active", "true"),
    ("s12", "Brian", "Castellanos", "teacher", ["dry"], "tobedeleted", "false"),
    ("s13", "Chue", "Xiong", "teacher", ["egr"], "active", "true"),
    ("s14", "Ana Lucía", "Pineda", "teacher", ["egr"], "active", "true"),
    ("s15", "Cheryl", "Dawson", "administrator", ["egr"], "active", "true"),
    ("s16", "Manpreet", "Gill", "teacher", ["fld"], "active", "true"),
    ("s17", "Tasha", "Greenwood", "teacher", ["fld"], "active", "true"),
    ("s18", "Samira", "Alsaidi", "aide", ["fld"], "active", "true"),
    ("s19", "Rocío", "Valdivia", "teacher", ["fld"], "active", "true"),
    ("s20", "Joaquín", "Bettencourt", "teacher", ["grn"], "active", "true"),
    ("s21", "Patricia", "Souza", "administrator", ["grn"], "active", "true"),
    ("s22", "Phouvong", "Keomany", "aide", ["grn"], "active", "false"),
    ("s23", "Lisa", "Thao", "teacher", ["hrv"], "active", "true"),
    ("s24", "Marisol", "Chicas", "teacher", ["hrv"], "active", "true"),
    ("s25", "Rajdeep", "Grewal", "teacher", ["irn"], "active", "true"),
    ("s26", "Lan", "Huynh", "teacher", ["irn"], "active", "true"),
    ("s27", "Dolores", "Cruz Hilario", "aide", ["jac"], "active", "true"),
    ("s28", "Kevin", "Yang", "teacher", ["jac"], "active", "true"),
    ("s29", "Debra", "Lund", "teacher", ["jac"], "tobedeleted", "true"),
    ("s30", "Araceli", "Domínguez", "teacher", ["kng"], "active", "true"),
    ("s31", "Vanessa", "Manalo", "teacher", ["kng"], "active", "true"),
    ("s32", "Naomi", "Brooks", "teacher", ["kng"], "active", "true"),
    ("s33", "Gloria", "Furtado", "teacher", ["lon"], "active", "true"),
    ("s34", "Reggie", "Banks", "teacher", ["lon", "mir"], "active", "true"),
    ("s35", "Priscilla", "Macaraeg", "teacher", ["lon"], "active", "true"),
    ("s36", "Ofelia", "Olvera", "teacher", ["mir"], "active", "true"),
    ("s37", "Tou", "Lor", "aide", ["mir"], "active", "true"),
    ("s38", "Sergio", "Ayala", "teacher", ["mir"], "active", "true"),
    ("s39", "Beatriz", "Sarabia", "teacher", ["nop"], "active", "true"),
    ("s40", "Amarjit", "Sidhu", "administrator", ["nop"], "active", "true"),
    ("s41", "Ani", "Petrosyan", "teacher", ["ole"], "active", "true"),
    ("s42", "Carmen", "de la Torre", "teacher", ["ole"], "active", "true"),
    ("s43", "María Elena", "Ochoa", "administrator", ["pom"], "active", "true"),
    ("s44", "Thanh", "Pham", "teacher", ["pom"], "active", "true"),
    ("s45", "Jamal", "Whitaker", "teacher", ["qua"], "active", "true"),
    ("s46", "Khamla", "Sisavath", "teacher", ["qua"], "active", "true"),
    ("s47", "Ernesto", "Menjívar", "teacher", ["riv"], "active", "true"),
    ("s48", "Yousef", "Almansoori", "teacher", ["syc"], "active", "true"),
    ("s49", "Omar", "Saleh", "teacher", ["syc"], "active", "true"),
    ("s50", "Rachel", "Nakamura", "teacher", ["cin"], "active", "true"),
    ("s51", "Gabriel", "Avakian", "administrator", ["cin"], "active", "true"),
    ("s52", "Lorenzo", "Quintanilla", "teacher", ["vaq"], "active", "true"),
    ("s53", "Melissa", "Tran", "teacher", ["dist"], "active", "true"),
    ("s54", "Harjit", "Bains", "aide", ["dist"], "active", "true"),
    ("s55", "Robert", "Freeman", "administrator", ["dist"], "active", "true"),
    ("s56", "Itzel", "Mendoza", "administrator", ["dist"], "active", "true"),
    ("s57", "Armando", "Silveira", "teacher", ["alk", "bay"], "active", "true"),
    ("s58", "Hannah", "Ohanian", "teacher", ["can", "dry", "egr"], "active", "true"),
]
# Addresses the tickets send from that must not be in the roster.
ABSENT_EMAILS = [
    "lvillasenor@cinnabarusd.k12.example",
    "office.nopal@cinnabarusd.k12.example",
    "chuexiong.teach@mailbox.example",
]

# (key, givenName, familyName, email, phone, children's identifiers)
FIXED_PARENTS = [
    ("p01", "Rosa Elena", "Méndez", "rosa.mendez85@correo.example", "559-555-0311", ["0621190"]),
    ("p02", "Inderjit", "Gill", "inderjit.gill77@mailbox.example", "559-555-0348", ["0566301"]),
    ("p03", "Ahmed", "Saleh", "ahmed.saleh.ye@correo.example", "559-555-0372", ["0601915"]),
]

# Class lists pasted by the big tickets: (pool key, school, grade or "mix", size).
POOL_CLASSES = [
    ("bay-01-vue", "bay", "01", 18),
    ("can-kg-dhillon", "can", "KG", 17),
    ("hrv-kg-thao", "hrv", "KG", 22),
    ("egr-kg-pineda", "egr", "KG", 12),
    ("nop-kg-sarabia", "nop", "KG", 25),
    ("pom-mix-office", "pom", "mix", 12),
    ("kng-kg-dominguez", "kng", "KG", 20),
    ("fld-01-valdivia", "fld", "01", 15),
    ("qua-03-sisavath", "qua", "03", 13),
    ("ole-06-petrosyan", "ole", "06", 12),
    ("lon-kg-clever", "lon", "KG", 10),
]

# Name lists: (given names, surnames, weight). Given names with a space are compound.
NAMES: dict[str, tuple[list[str], list[str], int]] = {
    "mexican": (
        "Camila Sofía Valentina Ximena Regina María_José Ana_Sofía Dulce_María Itzel Yaretzi "
        "Guadalupe Fernanda Daniela Renata Natalia Mía Aitana Citlali Jimena Andrea Santiago "
        "Mateo Emiliano Leonardo Diego José_Luis Juan_Carlos Luis_Ángel Jesús Ángel Iker Gael "
        "Sebastián Adrián Alejandro Josué Uriel Axel Osvaldo Octavio Ofelia Olivia".split(),
        "Hernández García Martínez López González Rodríguez Pérez Sánchez Ramírez Flores Gómez "
        "Torres Díaz Reyes Cruz Morales Ortiz Gutiérrez Chávez Ruiz Mendoza Vázquez Castillo "
        "Jiménez Romero Herrera Medina Aguilar Vargas Guzmán Ochoa Orozco Zúñiga Ceja Barajas "
        "Magaña Villalobos Cervantes Contreras Valencia Robles Solís Navarro Esparza Nava Tapia "
        "Núñez Arellano Salazar Luna Olvera Ornelas de_la_Cruz del_Río de_León "
        "de_los_Santos".split(),
        44,
    ),
    "central_american": (
        "Yoselin Dayana Brayan Kevin_Josué Wendy Katherine Josué Elmer Nataly Jefferson "
        "Génesis Heidy Marvin Yeferson".split(),
        "Argueta Portillo Alvarado Chicas Menjívar Ayala Quintanilla Orellana Xicará Tzul Coc "
        "Caal Chub Pop Rivas Funes Escobar Lemus".split(),
        8,
    ),
    "mixtec_zapotec": (
        "Nayeli Xiadani Yatziri Itzel Citlali Yoali Quetzalli Eréndira Yatzil Crisanto "
        "Feliciano Hilario Tonatiuh".split(),
        "Santiago Hilario Bautista Matías Feliciano Sarabia Cruz Mendoza Jiménez López Galindo "
        "Zárate Ramírez".split(),
        6,
    ),
    "punjabi": (
        "Harpreet Gurleen Jasmeet Simran Arjun Gurpreet Navdeep Manpreet Jaskaran Amanpreet "
        "Rajvir Harjot Ekam Sehaj Gurnoor Jasleen Prabhjot Arshdeep Harnoor Gurkirat Manvir "
        "Ekamjot Navjot Sukhman Armaan Jasnoor".split(),
        "Kaur Singh Sandhu Dhillon Gill Sidhu Grewal Bains Randhawa Johal Atwal Dhaliwal Brar "
        "Mann Chahal Virk Kaur Singh".split(),
        10,
    ),
    "hmong": (
        "Pa_Nhia Mai_Yer Ka_Zoua Tou Xeng Nou Neng Kou Shoua Yer Bee Fue Chong Lue Mai_Choua "
        "Pa_Kou Kaying Sua Txheng Nkauj".split(),
        "Vang Xiong Lor Moua Yang Thao Her Lee Vue Cha Chang Hang Khang Lo Kue".split(),
        9,
    ),
    "filipino": (
        "Jhon_Lloyd Mary_Grace Angelica Princess Joshua Mark_Anthony Kristine_Joy Jhon_Paul "
        "Mary_Joy Althea Andrei Czarina Rhea_Mae".split(),
        "dela_Cruz Santos Bautista Reyes Villanueva Macaraeg Dimaculangan Pangilinan Manalo "
        "Dizon Tolentino delos_Santos Mercado Aquino".split(),
        4,
    ),
    "portuguese": (
        "João Tiago Inês Leonor Duarte Gonçalo Beatriz Mariana Rodrigo Matilde Lucas Afonso "
        "Diogo Carolina".split(),
        "Medeiros Furtado Silveira Bettencourt Ávila Azevedo Mendonça Sousa Vieira Machado "
        "da_Rosa Pacheco Cabral Borges Melo Raposo".split(),
        4,
    ),
    "armenian": (
        "Narek Ani Lilit Aram Tigran Sevan Arpi Garen Nairi Hayk Mane Davit Areni".split(),
        "Hakobyan Petrosyan Sarkisian Kevorkian Avakian Ohanian Manoukian Der_Bedrossian "
        "Ter-Petrosyan Gasparyan Mkrtchyan Karapetian".split(),
        3,
    ),
    "arabic": (
        "Abdullah Mohammed Fatima Maryam Yousef Amani Ebtisam Hamza Omar Osama Ola Aisha Hana "
        "Ali Reem".split(),
        "Al-Hakimi Alsaidi Saleh Abdulla Almansoori Nasser Al-Qadhi Mohsen Obaid Alyafai Ahmed "
        "Qaid".split(),
        3,
    ),
    "vietnamese": (
        "Minh_Anh Bao_Ngoc Gia_Han Khoa Thanh_Tam Quoc_Bao Ngoc_Tran Anh_Thu Duc_Minh "
        "Khanh_Linh Tuan Phuong_Vy".split(),
        "Nguyen Tran Le Pham Huynh Vo Phan Dang Bui Do Ngo Truong".split(),
        3,
    ),
    "lao": (
        "Souksavanh Noy Khamphou Phonesavanh Vilay Manivanh Sengdao Bounmy Keo Daovy".split(),
        "Phommachanh Sisavath Keomany Vongsa Souvannarath Chanthavong Inthavong Sayavong".split(),
        2,
    ),
    "african_american": (
        "DeShawn Jaylen Amari Imani Kamari Zaire Nia Aaliyah Jamal Tremaine Ta'Nya D'Andre "
        "Kyrie Ja'Kobe Zion Jaliyah Malik Nevaeh Brielle Khalil Justice Hope Faith Royal".split(),
        "Washington Jefferson Jackson Robinson Freeman Banks Brooks Grant Price Wells Little "
        "Strong Young Rice Hill Booker Coleman Pryor".split(),
        6,
    ),
    "anglo": (
        "Emily Ethan Olivia Liam Ava Noah Hunter Summer Will Joy Chase Brooke Sky Grace".split(),
        "Whitlock Miller Johnson Brown Young Long King Hunter Rice Wells Baker Carter".split(),
        4,
    ),
}
# Middle names by group: (for girls, for boys).
MIDDLE_NAMES = {
    "mexican": (["Guadalupe", "Isabel", "Fernanda"], ["Alejandro", "Antonio", "Fernando"]),
    "punjabi": (["Kaur"], ["Singh"]),
    "vietnamese": (["Thi"], ["Van", "Minh"]),
    "anglo": (["Marie", "Lynn"], ["James"]),
    "african_american": (["Renee", "Marie"], ["Lamar"]),
}
GIRLS = {
    name.replace("_", " ")
    for name in (
        "Camila Sofía Valentina Ximena Regina María_José Ana_Sofía Dulce_María Itzel Yaretzi "
        "Guadalupe Fernanda Daniela Renata Natalia Mía Aitana Citlali Jimena Andrea Ofelia "
        "Olivia Yoselin Dayana Wendy Katherine Nataly Génesis Heidy Nayeli Xiadani Yatziri "
        "Yoali Quetzalli Eréndira Yatzil Gurleen Jasmeet Simran Amanpreet Harnoor Gurnoor "
        "Jasleen Jasnoor Sukhman Pa_Nhia Mai_Yer Ka_Zoua Nou Shoua Yer Mai_Choua Pa_Kou "
        "Kaying Sua Nkauj Mary_Grace Angelica Princess Kristine_Joy Mary_Joy Althea Czarina "
        "Rhea_Mae Inês Leonor Beatriz Mariana Matilde Carolina Ani Lilit Arpi Nairi Mane "
        "Areni Fatima Maryam Amani Ebtisam Ola Aisha Hana Reem Minh_Anh Bao_Ngoc Gia_Han "
        "Thanh_Tam Ngoc_Tran Anh_Thu Khanh_Linh Phuong_Vy Noy Vilay Manivanh Sengdao Daovy "
        "Imani Nia Aaliyah Ta'Nya Jaliyah Nevaeh Brielle Hope Faith Emily Ava Summer Joy "
        "Brooke Grace"
    ).split()
}
PARENT_DOMAINS = ["correo.example", "mailbox.example", "inbox.example"]


def fold(text: str) -> str:
    """Lower-case ASCII letters only (accents dropped): used to build e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalpha()).lower()


def staff_email(given: str, family: str) -> str:
    return f"{fold(given)[0]}{fold(family)}@{STAFF_DOMAIN}"


def student_email(given: str, family: str, identifier: str) -> str:
    return f"{fold(given)[0]}{fold(family)[:10]}{identifier[-4:]}@{STUDENT_DOMAIN}"


def school_grades(school: str) -> list[str]:
    span = {org[0]: org[4] for org in ORGS}[f"cv-{school}"]
    low, high = span.split("-")
    order = ["KG"] + [f"{n:02d}" for n in range(1, 13)]
    return order[order.index(low) : order.index(high) + 1]


def draw_name(rng: random.Random) -> tuple[str, str, str]:
    """A (given, middle, family) triple from the name lists."""
    groups = list(NAMES)
    group = rng.choices(groups, weights=[NAMES[g][2] for g in groups])[0]
    givens, families, _ = NAMES[group]
    given = rng.choice(givens).replace("_", " ")
    family = rng.choice(families).replace("_", " ")
    if group in ("mexican", "mixtec_zapotec", "central_american") and rng.random() < 0.45:
        second = rng.choice(NAMES[group][1]).replace("_", " ")
        if second != family and " " not in family and " " not in second:
            family = f"{family} {second}"
    middle = ""
    if group in MIDDLE_NAMES and rng.random() < 0.2:
        middle = rng.choice(MIDDLE_NAMES[group][0 if given in GIRLS else 1])
    return given, middle, family


def draw_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        candidate = f"0{rng.randrange(300000, 800000)}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def student_row(
    identifier: str,
    name: tuple[str, str, str],
    school: str,
    grade: str,
    status: str = "active",
    enabled: str = "true",
) -> dict[str, str]:
    given, middle, family = name
    email = student_email(given, family, identifier)
    return {
        "sourcedId": f"stu-{identifier}",
        "status": status,
        "dateLastModified": STAMP,
        "enabledUser": enabled,
        "orgSourcedIds": f"cv-{school}",
        "role": "student",
        "username": email.split("@")[0],
        "userIds": f"{{SIS:{identifier}}}",
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "identifier": identifier,
        "email": email,
        "grades": grade,
    }


def pool_students() -> dict[str, list[dict[str, str]]]:
    """The class lists of POOL_CLASSES, the same for every --seed."""
    rng = random.Random(POOL_SEED)
    taken = {row[0] for row in FIXED_STUDENTS} | set(ABSENT_IDS)
    classes: dict[str, list[dict[str, str]]] = {}
    for key, school, grade, size in POOL_CLASSES:
        rows = []
        for _ in range(size):
            row_grade = rng.choice(school_grades(school)) if grade == "mix" else grade
            rows.append(student_row(draw_id(rng, taken), draw_name(rng), school, row_grade))
        classes[key] = rows
    return classes


def org_ids(schools: Iterable[str]) -> str:
    return ",".join(DISTRICT if s == "dist" else f"cv-{s}" for s in schools)


def staff_row(
    number: int,
    given: str,
    family: str,
    role: str,
    schools: list[str],
    status: str,
    enabled: str,
    email: str,
) -> dict[str, str]:
    return {
        "sourcedId": f"stf-{number:04d}",
        "status": status,
        "dateLastModified": STAMP,
        "enabledUser": enabled,
        "orgSourcedIds": org_ids(schools),
        "role": role,
        "username": email.split("@")[0],
        "userIds": f"{{HR:E{40000 + number}}}",
        "givenName": given,
        "familyName": family,
        "identifier": f"E{40000 + number}",
        "email": email,
    }


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    orgs = [
        {
            "sourcedId": sid,
            "status": "active",
            "dateLastModified": STAMP,
            "name": name,
            "type": kind,
            "identifier": ident,
            "parentSourcedId": "" if kind == "district" else DISTRICT,
        }
        for sid, name, kind, ident, _ in ORGS
    ]
    rng = random.Random(seed)
    students: list[dict[str, str]] = []
    for ident, given, middle, family, school, grade, status, enabled in FIXED_STUDENTS:
        students.append(student_row(ident, (given, middle, family), school, grade, status, enabled))
    for rows in pool_students().values():
        students.extend(rows)
    taken = {row["identifier"] for row in students} | set(ABSENT_IDS)
    for sid, _name, kind, _ident, span in ORGS:
        if kind != "school":
            continue
        school = sid[3:]
        have = sum(1 for row in students if row["orgSourcedIds"] == sid)
        for _ in range(SCHOOL_SIZE[span] - have):
            roll = rng.random()
            status, enabled = "active", "true"
            if roll < 0.025:
                status, enabled = "tobedeleted", rng.choice(["true", "false"])
            elif roll < 0.035:
                enabled = "false"
            grade = rng.choice(school_grades(school))
            name = draw_name(rng)
            students.append(student_row(draw_id(rng, taken), name, school, grade, status, enabled))

    staff: list[dict[str, str]] = []
    emails = set(ABSENT_EMAILS)
    for number, (_key, given, family, role, schools, status, enabled) in enumerate(FIXED_STAFF):
        email = staff_email(given, family)
        if email in emails:
            raise SystemExit(f"duplicate fixed staff e-mail {email}")
        emails.add(email)
        staff.append(staff_row(number + 1, given, family, role, schools, status, enabled, email))
    number = 100
    school_keys = [sid[3:] for sid, _n, kind, _i, _s in ORGS if kind == "school"]
    plan = {"KG-05": (10, 3, 2), "KG-08": (14, 3, 2), "06-08": (18, 2, 3), "09-12": (22, 2, 4)}
    for sid, _name, kind, _ident, span in ORGS:
        counts = (5, 3, 10) if kind == "district" else plan[span]
        home = "dist" if kind == "district" else sid[3:]
        for role, count in zip(("teacher", "aide", "administrator"), counts, strict=True):
            for _ in range(count):
                given, _middle, family = draw_name(rng)
                given = given.split(" ")[0]
                email = staff_email(given, family)
                suffix = 2
                while email in emails:
                    email = staff_email(given, family).replace("@", f"{suffix}@")
                    suffix += 1
                emails.add(email)
                schools = [home]
                if home != "dist" and rng.random() < 0.06:
                    other = rng.choice(school_keys)
                    if other != home:
                        schools.append(other)
                status, enabled = "active", "true"
                roll = rng.random()
                if roll < 0.02:
                    status, enabled = "tobedeleted", "false"
                elif roll < 0.04:
                    enabled = "false"
                number += 1
                staff.append(
                    staff_row(number, given, family, role, schools, status, enabled, email)
                )

    parents: list[dict[str, str]] = []
    by_id = {row["identifier"]: row for row in students}
    links: list[tuple[dict[str, str], list[str]]] = []
    for key, given, family, email, phone, children in FIXED_PARENTS:
        row = parent_row(f"par-{key}", given, family, email, phone)
        links.append((row, children))
    filler_kids = [row["identifier"] for row in students[len(FIXED_STUDENTS) :]]
    pool_ids = {row["identifier"] for rows in pool_students().values() for row in rows}
    filler_kids = [ident for ident in filler_kids if ident not in pool_ids]
    for number in range(1, 81):
        given, _middle, family = draw_name(rng)
        given = given.split(" ")[0]
        handle = f"{fold(given)}.{fold(family)}{rng.randrange(10, 99)}"
        email = f"{handle}@{rng.choice(PARENT_DOMAINS)}"
        phone = f"559-555-{rng.randrange(200, 1000):04d}"
        row = parent_row(f"par-{number:04d}", given, family, email, phone)
        children = rng.sample(filler_kids, rng.choice([1, 1, 2]))
        filler_kids = [ident for ident in filler_kids if ident not in children]
        links.append((row, children))
    for row, children in links:
        row["agentSourcedIds"] = ",".join(f"stu-{ident}" for ident in children)
        for ident in children:
            kid = by_id[ident]
            kid["agentSourcedIds"] = ",".join(
                part for part in (kid.get("agentSourcedIds", ""), row["sourcedId"]) if part
            )
        parents.append(row)
    return orgs, students + staff + parents


def parent_row(sid: str, given: str, family: str, email: str, phone: str) -> dict[str, str]:
    return {
        "sourcedId": sid,
        "status": "active",
        "dateLastModified": STAMP,
        "enabledUser": "true",
        "orgSourcedIds": DISTRICT,
        "role": "parent",
        "username": email.split("@")[0],
        "givenName": given,
        "familyName": family,
        "email": email,
        "sms": phone,
        "phone": phone,
    }


def roster_writer() -> Callable[..., Any]:
    try:
        from connectors.roster.oneroster_csv import write_oneroster_csv
    except ImportError:
        sys.path.insert(0, str(REPO))
        from connectors.roster.oneroster_csv import write_oneroster_csv
    return write_oneroster_csv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed for filler records")
    parser.add_argument("--out", type=Path, default=HERE / "roster", help="output directory")
    args = parser.parse_args(argv)
    orgs, users = build(args.seed)
    write: Callable[[Path, Iterable[Mapping[str, str]], Iterable[Mapping[str, str]]], Any]
    write = roster_writer()
    write(args.out, orgs, users)
    counts: dict[str, int] = {}
    for row in users:
        counts[row["role"]] = counts.get(row["role"], 0) + 1
    summary = ", ".join(f"{counts[role]} {role}s" for role in sorted(counts))
    print(f"wrote {args.out}: {len(orgs)} orgs, {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
