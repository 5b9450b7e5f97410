"""Independent check of truth.json for corpus_blind9 (Python standard library only).

READING records what a careful reader finds in each ticket, typed by hand: whether the ticket
is a reset request (rule 1), whether it refers to students it does not list (rule 7), and
every student it names, written exactly as in the ticket: (name, ID as written or None,
middle name as written or None). A name is a string, or a tuple of parts when the parts sit
in different table cells. This script

* checks that every name, part, middle name and ID occurs in the ticket text, and that every
  ID-like number in the text is either in READING or listed in IGNORED (quoted mail, echoed
  examples);
* applies rules 2-7 of the corpus README to roster/users.csv and roster/orgs.csv;
* compares the result with truth.json.

    python verify_truth.py                # exit 0 when everything agrees
    python verify_truth.py --roster DIR   # check against another generated roster
    python verify_truth.py --self-test    # plant errors and show that each one is caught
"""

from __future__ import annotations

import argparse
import copy
import csv
import html
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STAFF_ROLES = {"teacher", "administrator", "aide"}
TICKET_KEYS = {"id", "subject", "category", "requester", "content_type", "body", "created_at"}
TRUTH_KEYS = {"reset_request", "needs_review", "ready", "tags", "why"}
ID_TOKEN = re.compile(r"(?<!\w)[0-9Oo]{6,8}(?!\w)")
MAX_JUDGEMENT_SHARE = 0.05

Name = str | tuple[str, ...]
Student = tuple[Name, str | None, str | None]

READING: dict[str, dict[str, Any]] = {
    "U-4001": {
        "reset": True,
        "refers": False,
        "students": [
            ("Gonçalo Pacheco", "0582213", None),
            ("Leonor Avila Medeiros", "0582231", None),
            ("Kiara Robinson", "0582123", None),
        ],
    },
    "U-4002": {
        "reset": True,
        "refers": False,
        "students": [
            ("Mateo Ornelas", "0613845", None),
        ],
    },
    "U-4003": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4004": {
        "reset": False,
        "refers": False,
        "students": [
            ("Ximena Cortés", "0790458", None),
        ],
    },
    "U-4005": {
        "reset": True,
        "refers": False,
        "students": [
            ("Bao Vang", "06l0833", None),
            ("Elena Ruvalcaba", "06108S3", None),
            ("Aaliyah Strong", "0610838", None),
        ],
    },
    "U-4006": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4007": {
        "reset": True,
        "refers": False,
        "students": [
            ("Diego Alcántar", "56247", None),
            ("Ximena Soto", "0562744", None),
        ],
    },
    "U-4008": {
        "reset": True,
        "refers": False,
        "students": [
            ("Souksavanh Phommachanh", "o753120", None),
            ("Noy Sisavath", "0753o12", None),
        ],
    },
    "U-4009": {
        "reset": True,
        "refers": False,
        "students": [
            ("Narek Hakobyan", "0735123", None),
            ("Lilit Kevorkian", "0735132", None),
            ("Garen Manoukian", "0734871", None),
        ],
    },
    "U-4010": {
        "reset": True,
        "refers": False,
        "students": [
            ("Itzel Orozco", "O596 615", None),
            ("Ángel Gabriel Tzul", "0596651", None),
        ],
    },
    "U-4011": {
        "reset": False,
        "refers": False,
        "students": [
            ("Sehaj Dhaliwal", "0522059", None),
            ("Alejandro Ramírez", "0717223", None),
            ("Eréndira Galindo Santiago", "0673684", None),
            ("Althea Dimaculangan", "0761109", None),
            ("Itzel López Gutiérrez", "0558607", None),
            ("Ximena Olvera", "0430254", None),
            ("Andrea Jiménez", "0312865", None),
            ("Jesús Cruz", "0571690", None),
            ("Aitana Romero González", "0632185", None),
            ("Joy Johnson", "0785303", None),
        ],
    },
    "U-4012": {
        "reset": True,
        "refers": False,
        "students": [
            ("Will Brooks", "0644388", None),
            ("Jalen Brooks", "0644501", None),
        ],
    },
    "U-4013": {
        "reset": True,
        "refers": False,
        "students": [
            ("Esperanza Ornelas", "0791142", None),
        ],
    },
    "U-4014": {
        "reset": True,
        "refers": False,
        "students": [
            ("Wendy Marisol Argueta", "0783341", None),
            ("Josué Alvarado", "0783314", None),
        ],
    },
    "U-4015": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4016": {
        "reset": False,
        "refers": False,
        "students": [
            ("Valeria Chávez", "0641182", None),
        ],
    },
    "U-4017": {
        "reset": True,
        "refers": False,
        "students": [
            ("Maria Hernandez", "0567322", None),
            ("Juan Olvera", "0567232", None),
            ("Ana Sofía Bautista", "0567223", None),
        ],
    },
    "U-4018": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4019": {
        "reset": True,
        "refers": False,
        "students": [
            ("Nguyễn Minh Anh", "0587710", None),
            ("Trần Bảo Ngọc", "0587701", None),
        ],
    },
    "U-4020": {
        "reset": True,
        "refers": False,
        "students": [
            ("Inês Silveira", "0627714", None),
            ("Sebastián Chávez Orozco", "0563390", None),
        ],
    },
    "U-4021": {
        "reset": False,
        "refers": False,
        "students": [
            ("Aram Ter-Petrosyan", "0552981", None),
        ],
    },
    "U-4022": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4023": {
        "reset": True,
        "refers": False,
        "students": [
            ("Karla Gutiérrez Zamora", "0622418", None),
            ("Luis Ángel Ríos Villalobos", "0622481", None),
        ],
    },
    "U-4024": {
        "reset": True,
        "refers": False,
        "students": [
            ("Luis Méndez-Ortiz", "0621190", None),
            ("Andrea Del Toro", "0621109", None),
        ],
    },
    "U-4025": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4026": {
        "reset": True,
        "refers": False,
        "students": [
            ("Emiliano de León Vargas", "0611278", None),
            ("María José Ruiz", "0611287", None),
        ],
    },
    "U-4027": {
        "reset": True,
        "refers": False,
        "students": [
            ("Octavio Orozco", "O561734", None),
            ("Omar Ochoa", "0561O92", None),
        ],
    },
    "U-4028": {
        "reset": True,
        "refers": False,
        "students": [
            ("Valeria Chávez", "064-1182", None),
            ("Diego Cárdenas", "0641 903", None),
        ],
    },
    "U-4029": {
        "reset": True,
        "refers": False,
        "students": [
            ("Emily Cha", "0553930", None),
            ("Daniela de la Rosa", "0553417", None),
        ],
    },
    "U-4030": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4031": {
        "reset": True,
        "refers": False,
        "students": [
            ("Tomás Raposo", "0581382", None),
            ("Carolina Borges", "0581328", None),
        ],
    },
    "U-4032": {
        "reset": True,
        "refers": False,
        "students": [
            ("Amanpreet Kaur", "0554416", None),
            ("Gurkirat Singh Bains", "0736610", "Singh"),
        ],
    },
    "U-4033": {
        "reset": True,
        "refers": False,
        "students": [
            ("Kevin Josué Orellana", "0796630", None),
        ],
    },
    "U-4034": {
        "reset": False,
        "refers": False,
        "students": [
            ("D'Andre Washington", "0575126", None),
            ("Ja'Kobe Little", "0575162", None),
            ("Imani Grant", "0575504", None),
        ],
    },
    "U-4035": {
        "reset": True,
        "refers": False,
        "students": [
            ("Lucas Azevedo", "0567740", None),
            ("Beatriz Mendonça", "0567704", None),
        ],
    },
    "U-4036": {
        "reset": True,
        "refers": False,
        "students": [
            ("Amari Washington", "0563312", None),
            ("Gia Han Huynh", "0589240", None),
            ("Sehaj Kaur", "0574418", None),
        ],
    },
    "U-4037": {
        "reset": True,
        "refers": False,
        "students": [
            ("Hope Price", "0562420", None),
            ("Grant Young", "0562402", None),
            ("Will Rice", "0562458", None),
            ("Summer Long", "0562485", None),
        ],
    },
    "U-4038": {
        "reset": True,
        "refers": False,
        "students": [
            ("Yaretzi Gómez Olvera", "0552290", None),
            ("Brayan Josué Portillo", "0552209", None),
            ("Harjot Singh Atwal", "0551847", "Singh"),
        ],
    },
    "U-4039": {
        "reset": True,
        "refers": False,
        "students": [
            ("Mai Yer Xiong", "0530418", None),
            ("Joseph Mendoza Cruz", "0643370", None),
        ],
    },
    "U-4040": {
        "reset": False,
        "refers": False,
        "students": [
            ("Simran Kaur", "0569120", None),
            ("Harpreet Singh", "0566301", None),
            ("Ekamjot Singh", "0565581", None),
        ],
    },
    "U-4041": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4042": {
        "reset": True,
        "refers": False,
        "students": [
            ("Kiara Robinson", "0582123", None),
            ("Gonçalo Pacheco", "0582213", None),
        ],
    },
    "U-4043": {
        "reset": True,
        "refers": False,
        "students": [
            (("Almansoori", "Maryam"), "0516121", None),
            (("Rodríguez", "Josué"), "0353805", None),
            (("dela Cruz", "Jhon Lloyd"), "0637094", None),
            (("Robinson", "Jamal"), "0797376", None),
            (("Ornelas", "Axel"), "0584445", None),
            (("Washington", "Royal"), "0610615", None),
            (("Chub", "Wendy"), "0354964", None),
            (("Silveira", "Gonçalo"), "0462915", None),
            (("Grewal", "Gurkirat"), "0759028", None),
            (("Baker", "Sky"), "0622127", None),
            (("Ávila", "Gonçalo"), "0504111", None),
            (("Alvarado Chicas", "Katherine"), "0646107", None),
            (("Kaur", "Prabhjot"), "0585637", None),
            (("Tzul Alvarado", "Katherine"), "0669830", None),
            (("Nava", "Ofelia"), "0611963", None),
            (("Arellano Castillo", "Iker"), "0445218", None),
            (("Ochoa Rodríguez", "Octavio"), "0347308", None),
            (("Feliciano Zárate", "Citlali"), "0579435", None),
            (("de la Cruz", "Natalia"), "0500305", None),
            (("Ayala", "Yoselin"), "0359388", None),
            (("delos Santos", "Joshua"), "0369879", None),
            (("Whitlock", "Emily"), "0448881", None),
        ],
    },
    "U-4044": {
        "reset": True,
        "refers": False,
        "students": [
            ("Gómez Olvera", "0552290", None),
            ("", "0552209", None),
            ("Harjot Singh Atwal", "0551847", "Singh"),
        ],
    },
    "U-4045": {
        "reset": True,
        "refers": False,
        "students": [
            ("Daniel Hernández", "0556230", None),
            ("Daniel Hernández", "0556320", None),
            ("Tigran Sarkisian", "0546877", None),
        ],
    },
    "U-4046": {
        "reset": False,
        "refers": False,
        "students": [
            ("Minh Anh Nguyen", "0587710", None),
        ],
    },
    "U-4047": {
        "reset": True,
        "refers": False,
        "students": [
            ("Ka Zoua Thao", "0546210", None),
            ("Fue Xiong", "0546201", None),
            ("Lily Vang", "0546012", None),
        ],
    },
    "U-4048": {
        "reset": False,
        "refers": False,
        "students": [
            ("Zaire Jackson", "0750249", None),
        ],
    },
    "U-4049": {
        "reset": True,
        "refers": False,
        "students": [
            ("Simran Kaur", None, None),
        ],
    },
    "U-4050": {
        "reset": True,
        "refers": False,
        "students": [
            ("Tou", "0531270", None),
            ("Pa Nhia", "0531207", None),
        ],
    },
    "U-4051": {
        "reset": True,
        "refers": False,
        "students": [
            ("Zaire Jackson", "75O249", None),
        ],
    },
    "U-4052": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4053": {
        "reset": True,
        "refers": False,
        "students": [
            ("OCHOA GUZMÁN, SANTIAGO", "0732208", None),
            ("DEL RÍO, VALENTINA", "0732280", None),
            ("ORNELAS, OSVALDO", "O732028", None),
        ],
    },
    "U-4054": {
        "reset": True,
        "refers": False,
        "students": [
            ("Amir Nasser", "00575540", None),
            ("Imani Grant", "0575504", None),
        ],
    },
    "U-4055": {
        "reset": True,
        "refers": False,
        "students": [
            ("Brianna Xiong", "0642280", None),
            ("Ethan Lo", "0642208", None),
        ],
    },
    "U-4056": {
        "reset": True,
        "refers": False,
        "students": [
            ("Sehaj Dhaliwal", "0522059", None),
            ("Alejandro Ramírez", "0717223", None),
            ("Eréndira Galindo Santiago", "0673684", None),
            ("Althea Dimaculangan", "0761109", None),
            ("Itzel López Gutiérrez", "0558607", None),
            ("Ximena Olvera", "0430254", None),
            ("Andrea Jimenez", "0312865", None),
            ("Jesús Cruz", "0571690", None),
            ("Aitana Romero González", "0632185", None),
            ("Joy Johnson", "0785303", None),
            ("Xeng Khang", "0730797", None),
            ("Yaretzi del Río", "0498477", None),
            ("Brielle Booker", "0680362", None),
            ("Kou Yang", "0372973", None),
            ("Navjot Johal", "0691720", None),
            ("Gael Mendoza Rodriguez", "0489058", None),
            ("Jaylen Little", "0431206", None),
            ("Josué Nava", "0454908", None),
        ],
    },
    "U-4057": {
        "reset": True,
        "refers": False,
        "students": [
            ("Princess Joy Bautista", "0613370", None),
            ("Mark Anthony Reyes", "0613307", None),
            ("Kristine Mae Villanueva", "0612958", None),
        ],
    },
    "U-4058": {
        "reset": False,
        "refers": False,
        "students": [
            ("Quoc Bao Le", "0742215", None),
        ],
    },
    "U-4059": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4060": {
        "reset": True,
        "refers": False,
        "students": [
            ("Gurnoor Kaur Johal", "0565518", "Kaur"),
            ("Ekamjot Singh", "0565581", None),
        ],
    },
    "U-4061": {
        "reset": True,
        "refers": False,
        "students": [
            ("Kou Lor", "0529902", None),
            ("Xóchitl Ramírez Bautista", "0528815", None),
            ("Tou Vang", "0531270", None),
        ],
    },
    "U-4062": {
        "reset": True,
        "refers": False,
        "students": [
            ("Ximena Cortés", "0790458", None),
        ],
    },
    "U-4063": {
        "reset": True,
        "refers": False,
        "students": [
            ("Arpi Der Bedrossian", "0778291", None),
        ],
    },
    "U-4064": {
        "reset": True,
        "refers": False,
        "students": [
            ("mARIA jOSE rUIZ", "0611287", None),
            ("EMILIANO DE LEON", "0611278", None),
        ],
    },
    "U-4065": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4066": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4067": {
        "reset": True,
        "refers": False,
        "students": [
            ("Kaying Moua", "0530770", None),
            ("Alondra Ceja", "0530707", None),
            ("Vicente Ruvalcaba", "0530077", None),
        ],
    },
    "U-4068": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4069": {
        "reset": True,
        "refers": False,
        "students": [
            ("Matilde Vieira", "0567150", None),
            ("Enzo Cabral", "0568811", None),
        ],
    },
    "U-4070": {
        "reset": True,
        "refers": False,
        "students": [
            ("Gurleen Kaur Sidhu", "0572231", "Kaur"),
        ],
    },
    "U-4071": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4072": {
        "reset": False,
        "refers": False,
        "students": [
            ("Gurnoor Kaur Johal", "0565518", "Kaur"),
            ("Ekamjot Singh", "0565581", None),
        ],
    },
    "U-4073": {
        "reset": True,
        "refers": False,
        "students": [
            ("Tiago Medeiros", "627741", None),
            ("Inês Silveira", "627714", None),
            ("Leonor Bettencourt", "626950", None),
            ("Duarte Avila", "628013", None),
        ],
    },
    "U-4074": {
        "reset": False,
        "refers": False,
        "students": [
            ("Mateo Lor", "0530911", None),
        ],
    },
    "U-4075": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4076": {
        "reset": True,
        "refers": False,
        "students": [
            ("Yer Lor", "0529460", None),
            ("Jaziel Contreras", "0529406", None),
        ],
    },
    "U-4077": {
        "reset": True,
        "refers": False,
        "students": [
            ("Brianna Xiong", "0642280", None),
            ("Ethan Lo", "0642208", None),
        ],
    },
    "U-4078": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4079": {
        "reset": True,
        "refers": False,
        "students": [
            ("Xiadani Matías López", "0602274", None),
            ("Nayeli Santiago Hilario", "0602247", None),
        ],
    },
    "U-4080": {
        "reset": True,
        "refers": False,
        "students": [
            ("Angelica Dimaculangan", "0628840", None),
            ("Jhon Paul Pangilinan", "0628804", None),
        ],
    },
    "U-4081": {
        "reset": True,
        "refers": False,
        "students": [
            ("Abdullah Al-Qadhi", "0573381", None),
            ("Maryam Obaid", "O573318", None),
            ("Hamza Mohsen", "0573183", None),
        ],
    },
    "U-4082": {
        "reset": True,
        "refers": False,
        "students": [
            ("Pa Yang", "0531207", None),
            ("Kou Lor", "0529903", None),
        ],
    },
    "U-4083": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4084": {
        "reset": True,
        "refers": False,
        "students": [
            (("Ávila", "Beatriz"), "0511786", None),
            (("Dizon", "Angelica"), "0325504", None),
            (("Grant", "Zaire"), "0727854", None),
            (("Hakobyan", "Lilit"), "0491941", None),
            (("Jackson", "Jaliyah"), "0774982", None),
            (("Kaur", "Simran"), "0569120", None),
            (("Kaur", "Simran"), "0569210", None),
            (("Kue", "Nou"), "0519952", None),
            (("Lee", "Yer"), "0478152", None),
            (("López Santiago", "Eréndira"), "0666098", None),
            (("Mann", "Jasnoor"), "0526081", None),
            (("Matías Mendoza", "Itzel"), "0767437", None),
            (("Mendonça", "Mariana"), "0685504", None),
            (("Mendoza Zárate", "Itzel"), "0599090", None),
            (("Petrosyan", "Lilit"), "0702534", None),
            (("Ramírez", "Sofía"), "0430612", None),
            (("Singh", "Harpreet"), "0566301", None),
            (("Wells", "Jaylen"), "0480569", None),
            (("Xicará", "Jefferson"), "0691332", None),
            (("Xiong", "Lue"), "0617901", None),
        ],
    },
    "U-4085": {
        "reset": True,
        "refers": False,
        "students": [
            ("Jalen Brooks", "0644501", None),
            ("Kamari Freeman", "0644510", None),
            ("Royal Banks", "0644051", None),
        ],
    },
    "U-4086": {
        "reset": False,
        "refers": False,
        "students": [
            ("Kiara Robinson", "0582123", None),
        ],
    },
    "U-4087": {
        "reset": True,
        "refers": False,
        "students": [
            ("D'Andre Washington", "0575126", None),
            ("Ja’Kobe Little", "0575162", None),
            ("José Ángel Ibarra", "0574890", None),
            ("Ta’Nya Wells", "0575033", None),
        ],
    },
    "U-4088": {
        "reset": True,
        "refers": False,
        "students": [
            ("Nguyen Thi Thanh Tam", "0743380", "Thi"),
        ],
    },
    "U-4089": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4090": {
        "reset": True,
        "refers": False,
        "students": [
            ("YANG, LUE", "0775580", None),
            ("MELO, MATILDE", "0536756", None),
            ("DELOS SANTOS, MARK ANTHONY", "0549870", None),
            ("TER-PETROSYAN, GAREN", "0610181", None),
            ("LONG, NOAH", "0655207", None),
            ("VONGSA, MANIVANH", "0754152", None),
            ("MORALES, LUIS ÁNGEL", "0301704", None),
            ("MERCADO, JOSHUA", "0686391", None),
            ("DHILLON, MANVIR", "0431798", None),
            ("NGO, QUOC BAO", "0701623", None),
            ("VARGAS, MATEO", "0552922", None),
            ("XIONG, TXHENG", "0314610", None),
            ("CABRAL, CAROLINA", "0371608", None),
            ("RAMÍREZ, ADRIÁN", "0647535", None),
        ],
    },
    "U-4091": {
        "reset": True,
        "refers": False,
        "students": [
            ("Amani Saleh", "0601915", None),
        ],
    },
    "U-4092": {
        "reset": True,
        "refers": False,
        "students": [
            ("Lupita Ochoa", "0566718", None),
            ("Chuy Ramos", "0566781", None),
            ("Manu Sidhu", "0566187", None),
            ("Simran Kaur", "0569120", None),
        ],
    },
    "U-4093": {
        "reset": True,
        "refers": False,
        "students": [
            ("Pa Her", "0564418", None),
            ("May Lee", "0564481", None),
            ("Nou Her", "0564148", None),
        ],
    },
    "U-4094": {
        "reset": True,
        "refers": False,
        "students": [
            (("Lemus Escobar", "Nataly"), "0526975", None),
            (("Chanthavong", "Souksavanh"), "0788519", None),
            (("Hernández", "Leonardo"), "0445397", None),
            (("Rodríguez", "Itzel"), "0708339", None),
            (("Tzul", "Josué"), "0395642", None),
            (("de León", "Renata"), "0513952", None),
            (("Medeiros", "Matilda"), "0504513", None),
            (("Chávez Reyes", "Santiago"), "0729539", None),
            (("Dhillon", "Jaskaran"), "0733699", None),
            (("Magaña Sánchez", "Ximena"), "0474960", None),
            (("Romero", "Fernanda"), "0591635", None),
            (("Almansoori", "Fatima"), "0328242", None),
            (("Hang", "Kaying"), "0609959", None),
            (("Mendoza", "Luis Ángel"), "00679056", None),
            (("Torres", "Natalia"), "0606849", None),
            (("Vázquez", "Axel"), "0380977", None),
            (("Castillo", "Valentina"), "0764489", None),
            (("Romero", "Ana Sofía"), "0410098", None),
            (("Galindo Zárate", "Feliciano"), "0413056", None),
            (("Herrera Luna", "Itzel"), "0333881", None),
        ],
    },
    "U-4095": {
        "reset": True,
        "refers": False,
        "students": [
            ("Nou Her", "0547712", None),
            ("Kaitlyn Moua", "0547721", None),
            ("Valentina Aguilar Ruiz", "0547090", None),
            ("Maliyah Jefferson", "0546633", None),
        ],
    },
    "U-4096": {
        "reset": False,
        "refers": False,
        "students": [
            ("Rodrigo Furtado", "0581146", None),
        ],
    },
    "U-4097": {
        "reset": False,
        "refers": False,
        "students": [
            ("Jaskaran Grewal", "0586620", None),
            ("Ekam Sandhu", "0586602", None),
        ],
    },
    "U-4098": {
        "reset": False,
        "refers": False,
        "students": [
            ("Yaretzi Gómez Olvera", "0552290", None),
        ],
    },
    "U-4099": {
        "reset": True,
        "refers": False,
        "students": [
            ("Karla Gutierrez", "0622418", None),
            ("Luis Angel Rios", "0622481", None),
            ("Fernanda Vázquez Olmos", "0622148", None),
        ],
    },
    "U-4100": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4101": {
        "reset": True,
        "refers": False,
        "students": [
            ("Rodrigo Furtado", "0581146", None),
            ("Rodrigo Furtado", "O581146", None),
            ("Beatriz Vieira Machado", "0581164", None),
            ("Gonçalo Sousa", "0580911", None),
        ],
    },
    "U-4102": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4103": {
        "reset": True,
        "refers": False,
        "students": [
            ("Sofia Garcia-Reyes", "0553930", None),
            ("Aram Ter-Petrosyan", "0552981", None),
        ],
    },
    "U-4104": {
        "reset": True,
        "refers": False,
        "students": [
            ("Jaylen Robinson", "0588830", None),
            ("Yaretzy Huerta", "0588803", None),
            ("Gurpreet Dhaliwal", "0588380", None),
        ],
    },
    "U-4105": {
        "reset": True,
        "refers": False,
        "students": [
            ("Rajvir Sandhu", "0728361", None),
            ("Crisanto Sarabia Feliciano", "0460334", None),
            ("Adrián Ceja Barajas", "0558016", None),
            ("Olivia Medina", "0413828", None),
            ("Pa Kou Lor", "0378322", None),
            ("DeShawn Freeman", "0759326", None),
            ("Citlali Villalobos", "0562760", None),
            ("Emiliano García", "0728399", None),
            ("Adrián Mendoza", "0705071", None),
            ("Hilario Jimenez", "0781459", None),
            ("Bao Ngoc Le", "0611674", None),
            ("Fue Her", "0438783", None),
            ("Mary Grace Santos", "0509385", None),
            ("Marvin Alvarado", "0779693", None),
            ("Carolina Raposo", "0637134", None),
            ("Gurleen Dhaliwal", "0390511", None),
            ("Dulce María Reyes", "0655794", None),
            ("Osama Alsaidi", "0488748", None),
            ("Adrián Chávez", "0540278", None),
            ("Gonçalo Pacheco", "0359430", None),
            ("Royal Pryor", "0581833", None),
            ("Daniela Nava", "0603109", None),
            ("Jaylen Little", "0360969", None),
            ("Mateo González", "0321666", None),
            ("Diogo Mendonça", "0406773", None),
        ],
    },
    "U-4106": {
        "reset": True,
        "refers": False,
        "students": [
            ("Anthony Alvarado Chicas", "0601128", None),
            ("Amani Saleh", "0601915", None),
        ],
    },
    "U-4107": {
        "reset": True,
        "refers": False,
        "students": [
            ("Guadalupe Jiménez Mendoza", "0731477", None),
        ],
    },
    "U-4108": {
        "reset": False,
        "refers": False,
        "students": [
            ("Amani Saleh", "0601915", None),
        ],
    },
    "U-4109": {
        "reset": True,
        "refers": False,
        "students": [
            ("Shoua Vang", "0642719", None),
        ],
    },
    "U-4110": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4111": {
        "reset": True,
        "refers": False,
        "students": [
            ("Tiago Medeiros", "0627471", None),
            ("Duarte Avila", "0628013", None),
        ],
    },
    "U-4112": {
        "reset": False,
        "refers": False,
        "students": [
            ("Gia Bao Phan", "0742251", None),
        ],
    },
    "U-4113": {
        "reset": True,
        "refers": False,
        "students": [
            ("Jose Louis Hernandez Avila", "0533018", None),
            ("Dulce Maria Chavez", "0533081", None),
        ],
    },
    "U-4114": {
        "reset": True,
        "refers": False,
        "students": [
            ("Shoua Vang", "0642719", None),
            ("Enzo Cabral", "0568811", None),
            ("Amari Washington", "0563312", None),
        ],
    },
    "U-4115": {
        "reset": True,
        "refers": True,
        "students": [],
    },
    "U-4116": {
        "reset": True,
        "refers": False,
        "students": [
            ("Fue Xiong", "0546201", None),
            ("Lily Vang", "0546012", None),
        ],
    },
    "U-4117": {
        "reset": True,
        "refers": False,
        "students": [
            ("Luis Méndez Ortiz", "0621910", None),
        ],
    },
    "U-4118": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4119": {
        "reset": True,
        "refers": False,
        "students": [
            ("Mohammed Abdulla Saleh", "0779914", "Abdulla"),
            ("Fatima Alsaidi", "0779941", None),
        ],
    },
    "U-4120": {
        "reset": True,
        "refers": False,
        "students": [
            ("Neng Thao", "0546I45", None),
            ("Kaitlyn Moua", "0547721", None),
        ],
    },
    "U-4121": {
        "reset": True,
        "refers": False,
        "students": [
            ("Simran", "0569210", None),
        ],
    },
    "U-4122": {
        "reset": True,
        "refers": False,
        "students": [
            ("Jasmeet Kaur", None, None),
        ],
    },
    "U-4123": {
        "reset": True,
        "refers": False,
        "students": [
            ("GREWAL, JASKARAN", "0586620", None),
            ("NGUYEN, BAO NGOC", "0586107", None),
            ("DE LA CRUZ, JHON LLOYD", "0585544", None),
            ("SANDHU, EKAM S", "0586602", "S"),
            ("ALVAREZ DEL RIO, REGINA", "0585391", None),
        ],
    },
    "U-4124": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4125": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4126": {
        "reset": True,
        "refers": False,
        "students": [
            ("Summer Long", "0562485", None),
            ("Hope Price", "0562240", None),
        ],
    },
    "U-4127": {
        "reset": True,
        "refers": False,
        "students": [
            ("Quetzalli Hilario", "0307055", None),
            ("Phuong Vy Bui", "0642753", None),
            ("Iker Cervantes Navarro", "0772115", None),
            ("Zaire Wells", "0364146", None),
            ("Crisanto Feliciano Ramírez", "0644387", None),
            ("Manvir Dhaliwal", "0512643", None),
            ("Will Rice", "0578634", None),
            ("Quoc Bao Nguyen", "0639388", None),
            ("Prabhjot Brar", None, None),
            ("Mateo Ruiz", "0370285", None),
            ("Andrea Hernández", "0750172", None),
            ("Diogo Bettencourt", "0512424", None),
        ],
    },
    "U-4128": {
        "reset": True,
        "refers": False,
        "students": [
            (("Citlali", "Esparza"), "0436029", None),
            (("Daovy", "Souvannarath"), "0483007", None),
            (("Dayana", "Portillo Tzul"), "0486105", None),
            (("Diego", "del Río"), "0555972", None),
            (("Emily", "Long"), "0675899", None),
            (("Gurpreet", "Grewal"), "0447815", None),
            (("Hilario", "Mendoza"), "0666767", None),
            (("Jayden", "Cha"), "0571120", None),
            (("José Luis", "Nava"), "0550097", None),
            (("Justice", "Pryor"), "0508003", None),
            (("Neng", "Hang"), "0741525", None),
            (("Osvaldo", "Gutiérrez"), "0427450", None),
            (("Pa Kou", "Thao"), "0443313", None),
            (("Rodrigo", "Pacheco"), "0722437", None),
            (("Sebastián", "Navarro Herrera"), "0560132", None),
            (("Sofía", "Cervantes Rodríguez"), "0347788", None),
        ],
    },
    "U-4129": {
        "reset": False,
        "refers": False,
        "students": [
            ("Khalil Wells", "0379936", None),
            ("Pa Kou Yang", "0370847", None),
            ("Imani Robinson", "0422793", None),
            ("Nou Xiong", "0607969", None),
            ("Mai Yer Lo", "0403891", None),
            ("Heidy Alvarado", "0404823", None),
        ],
    },
    "U-4130": {
        "reset": True,
        "refers": False,
        "students": [
            ("Yaretzi Huerta", "0588308", None),
        ],
    },
    "U-4131": {
        "reset": True,
        "refers": False,
        "students": [
            ("Quoc Bao Le", "0742215", None),
            ("Gia Bao Phan", "0742251", None),
        ],
    },
    "U-4132": {
        "reset": True,
        "refers": False,
        "students": [
            ("Princess Joy Bautista", "O6I3370", None),
            ("Kristine Mae Villanueva", "612958", None),
        ],
    },
    "U-4133": {
        "reset": True,
        "refers": False,
        "students": [
            ("Zion Price", "0614470", None),
            ("Genesis Ortega Luna", "0614407", None),
        ],
    },
    "U-4134": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4135": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4136": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4137": {
        "reset": True,
        "refers": False,
        "students": [
            ("José Luis Hernández Ávila", "0533018", None),
            ("Dulce María Chávez", "0533081", None),
            ("Yatziri Santiago López", "0532764", None),
        ],
    },
    "U-4138": {
        "reset": True,
        "refers": False,
        "students": [
            ("Luis Ángel Vargas", "0786616", None),
            ("Gurnoor Singh", "0346203", None),
            ("Itzel Núñez", "0785628", None),
            ("Arjun Mann", "0553665", None),
            ("Rajvir Sandhu", "0662472", None),
            ("Mía Esparza", "0664827", None),
            ("Fernanda Ornelas", "0326887", None),
            ("Iker Salazar", "0345693", None),
            ("Will Whitlock", "0527619", None),
            ("Ximena Guzmán", "0397887", None),
            ("Citlali Bautista Santiago", "0468152", None),
            ("Andrea Núñez", "0613245", None),
        ],
    },
    "U-4139": {
        "reset": False,
        "refers": False,
        "students": [],
    },
    "U-4140": {
        "reset": True,
        "refers": False,
        "students": [
            ("Sofia Garcia Reyes", "0553390", None),
            ("Ebtisam Alhakimi", "0553309", None),
            ("Aram Ter Petrosyan", "0552981", None),
            ("Daniela Delarosa", "0553417", None),
        ],
    },
    "U-4141": {
        "reset": True,
        "refers": False,
        "students": [
            ("Pa Nhia Yang", "0531207", None),
            ("Tou Vang", "0531270", None),
            ("Xóchitl Ramírez Bautista", "0528814", None),
            ("Kou Lor", "0529903", None),
        ],
    },
    "U-4142": {
        "reset": True,
        "refers": False,
        "students": [
            ("Citlali Vázquez", "0792356", None),
            ("Pa Nhia Khang", "0769314", None),
            ("Olivia Reyes", "0570657", None),
            ("Andrea Valencia Vargas", "0347474", None),
            ("Mai Choua Chang", "0589695", None),
            ("Axel Barajas", "0685909", None),
            ("Arjun Dhaliwal", "0362909", None),
            ("Sebastián Valencia Núñez", "0460541", None),
            ("Leonardo Nava", "0346130", None),
            ("Simran Grewal", "0396290", None),
            ("Olivia Ornelas Orozco", "0351378", None),
            ("Josué Díaz Cruz", "0405795", None),
        ],
    },
    "U-4143": {
        "reset": True,
        "refers": False,
        "students": [
            ("Jesús Ramírez", "0595512", None),
            ("Dayana Menjívar Argueta", "0595521", None),
        ],
    },
    "U-4144": {
        "reset": False,
        "refers": False,
        "students": [
            ("Princess Joy Bautista", None, None),
            ("Mark Anthony Reyes", None, None),
        ],
    },
    "U-4145": {
        "reset": True,
        "refers": False,
        "students": [
            ("Luis Méndez Ortiz", "0621190", None),
        ],
    },
    "U-4146": {
        "reset": True,
        "refers": False,
        "students": [
            ("Andrea del Toro", "0621109", None),
            ("Mariana da Rosa", "0629951", None),
        ],
    },
    "U-4147": {
        "reset": True,
        "refers": False,
        "students": [
            ("Ma. Cristina Santos", "0613582", None),
            ("Jhon Lloyd Macaraeg", "0613528", None),
        ],
    },
    "U-4148": {
        "reset": True,
        "refers": False,
        "students": [
            ("Sevan Manoukian", "0778219", None),
            ("Arpi Der Bedrossian", "0778291", None),
            ("Omar Nasser", "0778129", None),
        ],
    },
    "U-4149": {
        "reset": False,
        "refers": False,
        "students": [
            ("Omar Ochoa", "0561092", None),
        ],
    },
    "U-4150": {
        "reset": True,
        "refers": False,
        "students": [
            ("Joao Pedro Bettencourt Furtado", "0629915", None),
            ("Mariana da Rosa", "0629951", None),
        ],
    },
}
# ID-like numbers that are deliberately not students: quoted mail, echoed examples.
IGNORED: dict[str, list[str]] = {
    "U-4035": ["0567015", "0567150"],
    "U-4041": ["0567740", "0567704"],
    "U-4071": ["0610833", "0610838"],
    "U-4080": ["0123456"],
}


def fold(text: str) -> str:
    """Rule 4: case, accents, hyphens, apostrophes and spaces do not matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept if c.isalnum()).lower()


def normalise_id(raw: str) -> str | None:
    """Rule 3: O/o for zero, a missing leading zero, spaces, dashes and '#'. Else None."""
    cleaned = re.sub(r"[\s\-#]", "", raw).replace("O", "0").replace("o", "0")
    if re.fullmatch(r"\d{7}", cleaned):
        return cleaned
    if re.fullmatch(r"\d{6}", cleaned):
        return "0" + cleaned
    return None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Roster:
    def __init__(self, directory: Path) -> None:
        self.users = read_csv(directory / "users.csv")
        orgs = read_csv(directory / "orgs.csv")
        districts = [row["sourcedId"] for row in orgs if row["type"] == "district"]
        if len(districts) != 1:
            raise SystemExit(f"{directory}: expected exactly one district org")
        self.district = districts[0]
        self.index()

    def index(self) -> None:
        self.students = {u["identifier"]: u for u in self.users if u["role"] == "student"}
        self.by_email = {u["email"].lower(): u for u in self.users if u["email"]}


def written_name(name: Name) -> str:
    return " ".join(name) if isinstance(name, tuple) else name


def name_matches(name: Name, middle: str | None, record: dict[str, str]) -> bool:
    """Rule 4, with the middle name that READING says the teacher wrote taken out."""
    text = written_name(name)
    if middle:
        text, count = re.subn(rf"(?<!\w){re.escape(middle)}(?!\w)", " ", text, count=1)
        if count != 1:
            return False
    written = fold(text)
    given, family = record["givenName"], record["familyName"]
    return bool(written) and written in {fold(given + family), fold(family + given)}


def requester_schools(email: str, roster: Roster) -> set[str] | None:
    """Rule 6: the orgs an active, enabled staff requester may ask for; None if none."""
    user = roster.by_email.get(email.lower())
    if user is None or user["role"] not in STAFF_ROLES:
        return None
    if user["status"] != "active" or user["enabledUser"] != "true":
        return None
    return set(user["orgSourcedIds"].split(","))


def student_status(
    student: Student, schools: set[str] | None, roster: Roster
) -> tuple[str | None, bool]:
    """(normalised ID, ready?) for one named student: rules 3, 4, 5 and 6."""
    name, raw_id, middle = student
    sid = normalise_id(raw_id) if raw_id else None
    record = roster.students.get(sid) if sid else None
    ready = (
        record is not None
        and name_matches(name, middle, record)
        and record["status"] == "active"
        and record["enabledUser"] == "true"
        and schools is not None
        and (record["orgSourcedIds"] in schools or roster.district in schools)
    )
    return sid, ready


def visible_text(ticket: dict[str, Any]) -> str:
    body = str(ticket["body"])
    if ticket["content_type"] == "text/html":
        return html.unescape(re.sub(r"<[^>]+>", "\n", body))
    return body


def check_ticket(
    tid: str,
    ticket: dict[str, Any],
    truth: dict[str, Any],
    reading: dict[str, Any],
    ignored: list[str],
    roster: Roster,
) -> list[str]:
    errors: list[str] = []
    text = visible_text(ticket)
    students: list[Student] = reading["students"]
    written_ids: set[str] = set()
    for name, raw_id, middle in students:
        parts = name if isinstance(name, tuple) else (name,)
        for part in parts:
            if part and part not in text:
                errors.append(f"{tid}: READING name {part!r} is not in the ticket")
        if middle and middle not in written_name(name):
            errors.append(f"{tid}: middle name {middle!r} is not inside {name!r}")
        if raw_id is not None:
            written_ids.add(raw_id)
            if raw_id not in text:
                errors.append(f"{tid}: READING ID {raw_id!r} is not in the ticket")
    for token in ID_TOKEN.findall(text):
        if sum(c.isdigit() for c in token) >= 4 and token not in written_ids | set(ignored):
            errors.append(f"{tid}: ID-like {token!r} is in neither READING nor IGNORED")

    expected_ready: set[str] = set()
    needs_review = False
    if reading["reset"]:
        schools = requester_schools(str(ticket["requester"]), roster)
        seen: dict[str, bool] = {}
        for student in students:
            sid, ready = student_status(student, schools, roster)
            key = sid or "name:" + fold(written_name(student[0]))
            if key in seen and seen[key] != ready:
                errors.append(f"{tid}: {key} is written twice with different outcomes")
            seen[key] = seen.get(key, True) and ready
        expected_ready = {key for key, ready in seen.items() if ready}
        needs_review = not seen or not all(seen.values())
        if not seen and not reading["refers"]:
            errors.append(f"{tid}: reset request with no students must refer to some")
    elif truth["ready"]:
        errors.append(f"{tid}: not a reset request but truth lists ready IDs")

    if truth["reset_request"] != reading["reset"]:
        errors.append(f"{tid}: reset_request {truth['reset_request']} != {reading['reset']}")
    if truth["needs_review"] != needs_review:
        errors.append(f"{tid}: needs_review {truth['needs_review']} != {needs_review}")
    if set(truth["ready"]) != expected_ready:
        extra = sorted(set(truth["ready"]) - expected_ready)
        missing = sorted(expected_ready - set(truth["ready"]))
        errors.append(f"{tid}: ready differs: truth extra {extra}, truth missing {missing}")
    return errors


def check(
    tickets: dict[str, dict[str, Any]],
    truth: dict[str, dict[str, Any]],
    reading: dict[str, dict[str, Any]],
    ignored: dict[str, list[str]],
    roster: Roster,
) -> list[str]:
    errors: list[str] = []
    for label, keys in (("truth.json", truth), ("READING", reading)):
        if set(keys) != set(tickets):
            errors.append(f"{label} and tickets/ differ: {sorted(set(keys) ^ set(tickets))}")
    for tid in sorted(set(tickets) & set(truth) & set(reading)):
        ticket, entry = tickets[tid], truth[tid]
        if set(ticket) != TICKET_KEYS or ticket["id"] != tid:
            errors.append(f"{tid}: ticket fields or id are wrong")
        if ticket["content_type"] not in ("text/plain", "text/html"):
            errors.append(f"{tid}: bad content_type")
        if set(entry) != TRUTH_KEYS:
            errors.append(f"{tid}: truth fields are wrong")
            continue
        if entry["ready"] != sorted(set(entry["ready"])):
            errors.append(f"{tid}: ready is not sorted and unique")
        if not all(re.fullmatch(r"0\d{6}", sid) for sid in entry["ready"]):
            errors.append(f"{tid}: ready holds something that is not a 7-digit ID")
        if not entry["tags"] or not entry["why"] or "\n" in entry["why"]:
            errors.append(f"{tid}: tags and a one-line why are required")
        errors += check_ticket(tid, ticket, entry, reading[tid], ignored.get(tid, []), roster)
    calls = sum("judgement_call" in entry["tags"] for entry in truth.values())
    if calls > MAX_JUDGEMENT_SHARE * len(truth):
        errors.append(f"{calls} judgement calls is more than 5% of {len(truth)} tickets")
    return errors


def load(roster_dir: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any], Roster]:
    tickets = {}
    for path in sorted((HERE / "tickets").glob("*.json")):
        tickets[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    return tickets, truth, Roster(roster_dir)


class Planted:
    """A private copy of everything check() reads, for one planted error."""

    def __init__(self, tickets: Any, truth: Any, roster: Roster) -> None:
        self.tickets = copy.deepcopy(tickets)
        self.truth = copy.deepcopy(truth)
        self.reading = copy.deepcopy(READING)
        self.ignored = copy.deepcopy(IGNORED)
        self.roster = copy.deepcopy(roster)

    def errors(self) -> list[str]:
        return check(self.tickets, self.truth, self.reading, self.ignored, self.roster)


def self_test(roster_dir: Path) -> int:
    """Plant one error at a time and check that each is reported."""
    tickets, truth, roster = load(roster_dir)
    baseline = check(tickets, truth, READING, IGNORED, roster)
    if baseline:
        print("baseline is not clean:", *baseline[:10], sep="\n  ")
        return 1
    ready_tid = next(t for t in sorted(truth) if truth[t]["ready"])
    ready_id = truth[ready_tid]["ready"][0]
    plain_tid = next(t for t in sorted(truth) if truth[t]["reset_request"] is False)
    clean_tid = next(
        t for t in sorted(truth) if truth[t]["reset_request"] and not truth[t]["needs_review"]
    )
    review_tid, review_id = next(
        (t, sid)
        for t in sorted(truth)
        if truth[t]["reset_request"]
        for s in READING[t]["students"]
        if (sid := normalise_id(s[1] or "")) in roster.students and sid not in truth[t]["ready"]
    )

    def misspell(p: Planted) -> None:
        name, raw_id, middle = p.reading[ready_tid]["students"][0]
        p.reading[ready_tid]["students"][0] = (written_name(name) + "x", raw_id, middle)

    def swap_id(p: Planted) -> None:
        name, raw_id, middle = p.reading[ready_tid]["students"][0]
        p.reading[ready_tid]["students"][0] = (name, raw_id[:-2] + raw_id[:-3:-1], middle)

    def requester_leaves(p: Planted) -> None:
        p.roster.by_email[p.tickets[ready_tid]["requester"].lower()]["status"] = "tobedeleted"

    mutations: list[tuple[str, Callable[[Planted], object]]] = [
        (f"drop ready {ready_id} from {ready_tid}", lambda p: p.truth[ready_tid]["ready"].pop(0)),
        (
            f"add review student {review_id} to {review_tid}'s ready",
            lambda p: p.truth[review_tid].update(
                ready=sorted([*p.truth[review_tid]["ready"], review_id])
            ),
        ),
        (
            f"mark {plain_tid} as a reset request",
            lambda p: p.truth[plain_tid].update(reset_request=True),
        ),
        (
            f"mark {clean_tid} as needing review",
            lambda p: p.truth[clean_tid].update(needs_review=True),
        ),
        (f"misspell the first READING name of {ready_tid}", misspell),
        (f"swap the last two digits of the first READING ID of {ready_tid}", swap_id),
        (
            f"leave the first student of {ready_tid} out of READING",
            lambda p: p.reading[ready_tid]["students"].pop(0),
        ),
        (
            f"disable student {ready_id} in the roster",
            lambda p: p.roster.students[ready_id].update(enabledUser="false"),
        ),
        (
            f"move student {ready_id} to another school",
            lambda p: p.roster.students[ready_id].update(orgSourcedIds="cv-elsewhere"),
        ),
        (f"make the requester of {ready_tid} tobedeleted", requester_leaves),
        (
            f"send {ready_tid} from an address that is not in the roster",
            lambda p: p.tickets[ready_tid].update(requester="someone@elsewhere.example"),
        ),
        ("empty the IGNORED table", lambda p: p.ignored.clear()),
        (
            f"drop a ticket file ({plain_tid})",
            lambda p: p.tickets.pop(plain_tid),
        ),
    ]
    missed = 0
    for label, mutate in mutations:
        planted = Planted(tickets, truth, roster)
        mutate(planted)
        found = planted.errors()
        missed += not found
        print(f"{'caught' if found else 'MISSED':7} {label}" + (f": {found[0]}" if found else ""))
    print(f"self-test: {len(mutations) - missed}/{len(mutations)} planted errors caught")
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check truth.json against roster and tickets.")
    parser.add_argument("--roster", type=Path, default=HERE / "roster")
    parser.add_argument("--self-test", action="store_true", help="plant errors, expect them")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test(args.roster)
    tickets, truth, roster = load(args.roster)
    errors = check(tickets, truth, READING, IGNORED, roster)
    for error in errors:
        print(error)
    resets = [t for t in truth.values() if t["reset_request"]]
    ready = sum(len(t["ready"]) for t in truth.values())
    print(
        f"{len(truth)} tickets: {len(resets)} reset requests "
        f"({sum(not t['needs_review'] for t in resets)} fully ready, "
        f"{sum(t['needs_review'] for t in resets)} need review), "
        f"{len(truth) - len(resets)} not reset requests; {ready} ready IDs; "
        f"{len(errors)} problems"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
