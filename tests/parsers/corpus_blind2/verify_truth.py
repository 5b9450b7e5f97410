#!/usr/bin/env python3
"""Re-derive truth.json for the Port Calloway blind corpus from a hand reading of each ticket.

READING (below) records, for every ticket, what a careful person reads in it: whether it asks
the technology department for a student portal reset (rule 1) and each student it names,
written exactly as in the ticket (first, last, the ID as typed or None, a written middle name).
The script applies rules 3-7 of the corpus contract to those readings and the roster, and
checks that truth.json says the same thing. It also checks that the readings really occur in
the tickets, that no roster student ID hides in a ticket unread, that the roster keeps the
OneRoster 1.1 shape, and that every `judgement_call` ticket is listed in README.md.

    python3 verify_truth.py                 # exit 0 when everything agrees
    python3 verify_truth.py --truth OTHER   # check another truth file (used to show it can fail)

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
USER_COLUMNS = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
    "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
).split(",")
ORG_COLUMNS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId".split(",")
STAFF_ROLES = {"teacher", "administrator", "aide"}
TICKET_KEYS = {"id", "subject", "category", "requester", "content_type", "body", "created_at"}


@dataclass
class R:
    """One ticket as read: reset request?, students named, and the flags rule 7 needs."""

    reset: bool
    students: list[tuple[str, str, str | None, str | None]]
    refers: bool = False  # the request refers to students (class, attachment, "those")
    ignored: list[str] = field(default_factory=list)  # roster IDs in quoted/forwarded text
    # One student written with two IDs and the teacher unsure which is right: nobody is
    # ready (rule 3: never guess the intended digits).
    unsure: bool = False


READING = {
    "C-4001": R(True, [("Amina", "Yusuf", "0418263", None)]),
    "C-4002": R(
        True,
        [
            ("jose luis", "medina", "0527731", None),
            ("khadija", "abdullahi", "0529046", None),
        ],
    ),
    "C-4003": R(True, [("Youssef", "El-Amrani", "ID 0631507", None)]),
    "C-4004": R(
        True,
        [
            ("Mackenson", "Jean-Baptiste", "0743318", None),
            ("Fabiola", "Désir", "0743425", None),
            ("Wisline", "Pierre", "0741907", None),
        ],
    ),
    "C-4005": R(
        True,
        [
            ("Min-jun", "Kim", "0855012", None),
            ("Seo-yeon", "Park", "0855190", None),
            ("Ji Woo", "Choi", "0856274", None),
        ],
    ),
    "C-4006": R(
        True,
        [
            ("María José", "Rodríguez Pérez", "0962114", None),
            ("João Vitor", "Santos", "962385", None),
            ("Thảo", "Nguyễn", "0961176", None),
        ],
    ),
    "C-4007": R(
        True,
        [
            ("Selamawit", "Tesfaye", "0302258", None),
            ("Dawit", "Haile", "0302291", None),
            ("Meron", "Gebremedhin", "0304717", None),
        ],
    ),
    "C-4008": R(
        True,
        [
            ("Oluwaseun", "Adebayo", "035 6612", None),
            ("Zofia", "Wróblewska", "035 7790", None),
        ],
    ),
    "C-4009": R(
        True,
        [
            ("Abdul-Rahman", "Al-Sayed", "0358841", None),
            ("Nour El Din", "Haddad", "0358903", None),
            ("Mariam", "Abu Bakr", "O359120", None),
        ],
    ),
    "C-4010": R(True, [("Tanvir", "Hossain", "0573304", None)], ignored=["0571186", "0571213"]),
    "C-4011": R(
        False,
        [
            ("Nusrat", "Jahan", "0571186", None),
            ("Md Rakibul", "Islam", "0571213", None),
        ],
    ),
    "C-4012": R(
        True,
        [
            ("Oluwadamilare", "Ogunleye", "O9O4418", None),
            ("Obinna", "Okeke", "09O5527", None),
            ("Olga", "Orlova", "o906O31", None),
        ],
    ),
    "C-4013": R(
        True,
        [
            ("Declan", "Byrne", "05744102", None),
            ("Priscila", "Ramos", "57461", None),
            ("Kofi", "Mensah", "0574 557", None),
        ],
    ),
    "C-4014": R(
        True,
        [
            ("Sofia", "Marchetti", "06l4433", None),
            ("Ivan", "Sokolov", "0614S21", None),
            ("Nadia", "Petrova", "0614590", None),
        ],
    ),
    "C-4015": R(
        True,
        [
            ("Precious", "Okafor", "0421170", None),
            ("Justice", "Williams", "0421935", None),
        ],
    ),
    "C-4016": R(
        True,
        [
            ("Hodan", "Farah", "#0307733", None),
            ("Abdi", "Hassan", "#0307745", None),
            ("Liban", "Warsame", "#0308012", None),
        ],
    ),
    "C-4017": R(True, [("Brayan", "Castillo", "0652219", None)]),
    "C-4018": R(
        True,
        [
            ("Ahmed", "Nur", "0687734", None),
            ("Samira", "Aden", "0687810", None),
            ("Blessing", "Adeyemi", "0579042", None),
        ],
    ),
    "C-4019": R(True, [("Gabriel", "Fonseca", "0528814", None)]),
    "C-4020": R(
        True,
        [
            ("Lan Phuong", "Tran", "0907763", None),
            ("Bao Long", "Vu", "0907790", None),
        ],
    ),
    "C-4021": R(
        True,
        [
            ("Wiktoria", "Nowak", "0908115", None),
            ("Michał", "Wróbel", "0908162", None),
        ],
    ),
    "C-4022": R(True, [("Lukasz", "Wisniewski", "0908247", None)]),
    "C-4023": R(
        True,
        [
            ("Wilnès", "Augustin", "ID: 0653308", None),
            ("Roselaure", "Charles", "ID: 0653391", None),
        ],
    ),
    "C-4024": R(True, [("Ayaan", "Mohamed", "0857216", None)]),
    "C-4025": R(
        True,
        [
            ("Devontae", "Jackson", "0578816", None),
            ("Kiara", "Jackson", "0578861", None),
        ],
    ),
    "C-4026": R(
        True,
        [
            ("Nia", "Okoro", "0526602", None),
            ("Santiago", "Herrera Vélez", "0526690", None),
            ("Esperanza", "Quiñónez", "0633145", None),
        ],
    ),
    "C-4027": R(
        True,
        [
            ("Guadalupe", "Ramírez", "0858834", None),
            ("Thiago", "Oliveira", "0963302", None),
            ("Fernanda", "Lima", "0744491", None),
        ],
    ),
    "C-4028": R(True, [("Kwame", "Boateng", "0634417", None)]),
    "C-4029": R(
        True,
        [
            ("Temitope", "Olaniyan", "0359977", None),
            ("Mohammed", "Al-Khatib", "0360013", None),
            ("Siddharth", "Rao", "0360048", None),
        ],
    ),
    "C-4030": R(
        True,
        [
            ("Hiwot", "Alemu", "0631882", None),
            ("Yonas", "Tadesse", "0631927", None),
            ("Sara", "Bekele", "0632015", None),
        ],
    ),
    "C-4031": R(
        True,
        [
            ("Camila", "Restrepo", "0419627", None),
            ("Diego", "Restrepo", "0419672", None),
        ],
    ),
    "C-4032": R(True, [("Liam", "Gallagher", "0528344", None)]),
    "C-4033": R(
        True,
        [
            ("Ha-eun", "Kim", "0855731", None),
            ("Do-yun", "Lee", "0855804", None),
        ],
    ),
    "C-4034": R(True, [("Jasmine", "Flores", "0964420", None)]),
    "C-4035": R(
        True,
        [
            ("Mike", "Kowalski", "0575518", None),
            ("Alex", "Petrov", "0575529", None),
            ("Bella", "Ruiz", "0575603", None),
            ("Owen", "Mbeki", "0575617", None),
        ],
    ),
    "C-4036": R(
        True,
        [
            ("Nia", "Joan's", "0357803", None),
            ("Kateryna", "Shevchenko", "0357846", None),
        ],
    ),
    "C-4037": R(
        True,
        [
            ("María", "Rodríguez", "0962114", None),
            ("Juan Pablo", "de la Cruz", "0962207", None),
            ("Luz Marina", "Ochoa", "0962260", None),
        ],
    ),
    "C-4038": R(True, [("Destiny", "", "0421244", None)]),
    "C-4039": R(
        True,
        [
            ("Meskerem", "Girma", "0304881", "A."),
            ("Yohannes", "Berhane", "0304902", "Tekle"),
            ("Kidist", "Mulugeta", "0305016", "M."),
        ],
    ),
    "C-4040": R(
        True,
        [
            ("Jose", "Hernandez", "0963518", None),
            ("Ines", "Gutierrez", "0963549", None),
            ("Renée", "Dupont", "0963580", None),
            ("Zoë", "Clarke", "0963596", None),
        ],
    ),
    "C-4041": R(
        True,
        [
            ("Shaniqua", "O'Neal", "0528917", None),
            ("D’Andre", "Williams", "0528955", None),
            ("Siobhan", "OConnor", "0529003", None),
            ("Makayla", "Brown", "0529048", None),
        ],
    ),
    "C-4042": R(
        True,
        [
            ("Keyshawn", "D'Souza", "0529116", None),
            ("Aoife", "O’Sullivan", "0529180", None),
        ],
    ),
    "C-4043": R(True, [("Dashawn", "O´Brien", "0308220", None)]),
    "C-4044": R(
        True,
        [
            ("Ana-Sofia", "Mejia", "0652450", None),
            ("Jean Pierre", "Louis", "0652487", None),
            ("Mary Kate", "O Donnell", "0652530", None),
        ],
    ),
    "C-4045": R(
        True,
        [
            ("ABDIRAHMAN", "HASSAN", "0462718", None),
            ("FARTUN", "ISMAIL", "0462803", None),
        ],
    ),
    "C-4046": R(True, [("Abdirahman", "Hassan", "0467218", None)]),
    "C-4047": R(True, [("Mohamed", "Ali", None, None)]),
    "C-4048": R(True, [("Phuong Linh", "Dao", None, None)]),
    "C-4049": R(
        True,
        [
            ("Isaac", "Levy", "0529233", None),
            ("Yara", "Haddad", "0529270", None),
        ],
    ),
    "C-4050": R(True, [("Emeka", "Nwosu", "0906618", None)]),
    "C-4051": R(True, [("Jamal", "Carter", "O576O19", None)]),
    "C-4052": R(
        True,
        [
            ("Sadia", "Islam", "057-2241", None),
            ("Arif", "Chowdhury", "0572 - 258", None),
        ],
    ),
    "C-4053": R(
        True,
        [
            ("Chiamaka", "Obi", "Student ID: 0688102", None),
            ("Emmanuel", "Mensah", "Student ID: 0688147", None),
            ("Fatoumata", "Diallo", "Student ID# 0688190", None),
        ],
    ),
    "C-4054": R(True, [], refers=True),
    "C-4055": R(True, [], refers=True),
    "C-4056": R(True, [("Leila", "Moradi", "0360115", None)], refers=True),
    "C-4057": R(True, [], refers=True, ignored=["0963611", "0963650", "0963702"]),
    "C-4058": R(
        True,
        [
            ("AYAAN", "MOHAMED", "0688233", None),
            ("HAMZA", "ABDULLAHI", "0688280", None),
            ("MARIAMA", "KEITA", "0688312", None),
        ],
    ),
    "C-4059": R(
        True,
        [
            ("Ji-ho", "Kang", "0308371", None),
            ("Seo-jun", "Lim", "0308409", None),
        ],
    ),
    "C-4060": R(
        True,
        [
            ("Amara", "Conteh", "0422019", None),
            ("Amara", "Conteh", "O422O19", None),
        ],
    ),
    "C-4061": R(True, [("Hodan", "Farah", "0307733", None)]),
    "C-4062": R(True, [("Ji-ho", "Kang", "id 0308371", None)]),
    "C-4063": R(True, [("Amina", "Yusuf", "0418263", None)]),
    "C-4064": R(True, [("Blessing", "Adeyemi", "0579042", None)]),
    "C-4065": R(True, [("Hana", "Yoshida", "0528344", None)]),
    "C-4066": R(
        True,
        [
            ("Wilnès", "Augustin", "0653308", None),
            ("Roselaure", "Charles", "0653391", None),
        ],
    ),
    "C-4067": R(
        True,
        [
            ("Samira", "Aden", "0687810", None),
            ("Khadija", "Abdullahi", "0529046", None),
        ],
    ),
    "C-4068": R(
        True,
        [
            ("Jean-Ricardo", "Etienne", "0744512", None),
            ("Naomie", "Fleurimond", "0744560", None),
        ],
    ),
    "C-4069": R(True, [("Widlens", "Etienne", "0653444", None)]),
    "C-4070": R(True, [("Yaw", "Asante", "0688355", None)]),
    "C-4071": R(
        True,
        [
            ("Bethlehem", "Kebede", "0305102", None),
            ("Natnael", "Wolde", "0305147", None),
            ("Eyerusalem", "Assefa", "0360190", None),
            ("Amanuel", "Getachew", "0305199", None),
        ],
    ),
    "C-4072": R(
        True,
        [
            ("Bryan", "Molina", "0963650", None),
            ("Ximena", "Vargas", "0963702", None),
            ("Camila", "Ortega", "0963611", None),
        ],
    ),
    "C-4073": R(
        True,
        [
            ("Ahmed", "Nur", "0687734", None),
            ("Mulugeta", "Asfaw", "0688401", None),
            ("Zainab", "Jalloh", "688449", None),
        ],
    ),
    "C-4074": R(True, [("Valentina", "Souza Ferreira", "Student # 0858902", None)]),
    "C-4075": R(
        True,
        [
            ("Salma", "Benali", "0632118", None),
            ("Rayan", "Benali", "0632167", None),
        ],
    ),
    "C-4076": R(
        True,
        [
            ("Kervens", "Joseph", "0653502", None),
            ("Daphnée", "Michel", "0653561", None),
        ],
    ),
    "C-4077": R(True, [("Pedro", "Alves", None, None)]),
    "C-4078": R(
        True,
        [
            ("Ximena", "Vargas", "0963702", None),
            ("Ximena", "Vargas", "0963720", None),
        ],
        unsure=True,
    ),
    "C-4079": R(True, [("Justice", "Williams", "0421935", None)]),
    "C-4080": R(
        True,
        [
            ("Minh Khoa", "Pham", "0907845", None),
            ("Thanh Huong", "Le", "0907880", None),
        ],
        ignored=["0123456"],
    ),
    "C-4081": R(
        True,
        [
            ("Gift", "Ogunbiyi", "0576133", None),
            ("Royal", "Jenkins", "0576180", None),
        ],
    ),
    "C-4082": R(True, [("Fartun", "Ismail", "0462803", None)], ignored=["0302258", "0302291"]),
    "C-4083": R(False, [], ignored=["0574410"]),
    "C-4084": R(False, [], ignored=["0906702"]),
    "C-4085": R(False, [("Khadija", "Abdullahi", "0529046", None)]),
    "C-4086": R(False, [("Min-jun", "Kim", "0855012", None)]),
    "C-4087": R(False, []),
    "C-4088": R(
        False,
        [
            ("Camila", "Ortega", "0963611", None),
            ("Bryan", "Molina", "0963650", None),
        ],
    ),
    "C-4089": R(False, []),
    "C-4090": R(False, []),
    "C-4091": R(False, [("Leila", "Moradi", "0360115", None)]),
    "C-4092": R(False, []),
    "C-4093": R(False, []),
    "C-4094": R(False, []),
    "C-4095": R(False, [("Yaw", "Asante", "0688355", None)]),
    "C-4096": R(False, [("Gabriel", "Fonseca", "0528814", None)]),
    "C-4097": R(False, [("Amina", "Yusuf", "0418263", None)]),
    "C-4098": R(False, []),
    "C-4099": R(
        False,
        [
            ("Abdoulaye", "Camara", "0688508", None),
            ("Mamadou", "Sow", "0688537", None),
        ],
    ),
    "C-4100": R(False, [("Samira", "Aden", "0687810", None)]),
    "C-4101": R(False, []),
    "C-4102": R(False, []),
    "C-4103": R(False, [("Ayaan", "Mohamed", "0857216", None)]),
    "C-4104": R(False, [("Declan", "Byrne", "0574410", None)]),
    "C-4105": R(
        False,
        [
            ("Liam", "Gallagher", None, None),
            ("Hana", "Yoshida", None, None),
        ],
    ),
    "C-4106": R(False, []),
    "C-4107": R(False, []),
    "C-4108": R(False, [("Oluwaseun", "Adebayo", "0356612", None)]),
    "C-4109": R(False, []),
    "C-4110": R(False, [("Priscila", "Ramos", "0574617", None)]),
    "C-4111": R(False, [("Santiago", "", None, None)]),
    "C-4112": R(False, [("Nia", "Okoro", "0526602", None)]),
    "C-4113": R(False, [("Zofia", "Wróblewska", "0357790", None)]),
    "C-4114": R(False, []),
    "C-4115": R(False, [("Ji-ho", "Kang", "0308371", None)]),
    "C-4116": R(False, []),
    "C-4117": R(False, []),
    "C-4118": R(False, [], ignored=["0359977", "0360048"]),
    "C-4119": R(False, [("Devontae", "Jackson", "0578816", None)]),
    "C-4120": R(False, []),
    "C-4121": R(
        True,
        [
            ("Marisol", "Peña", "0964455", None),
            ("Adrián", "Castro", "0964471", None),
            ("Yamilet", "Guzman", "0964512", None),
        ],
    ),
    "C-4122": R(
        True,
        [
            ("Wei", "Zhang", "0577702", None),
            ("Yu Xuan", "Chen", "0577755", None),
            ("Xiaoming", "Li", "0577790", None),
        ],
    ),
    "C-4123": R(
        True,
        [
            ("Ma. Cristina", "Dela Cruz", "0579218", None),
            ("Princess Joy", "Bautista", "0579310", None),
            ("Jhun", "Santos", "0579377", None),
            ("Mark Anthony", "Reyes", "0579402", None),
        ],
    ),
    "C-4124": R(
        True,
        [
            ("Anastasiia", "Kovalenko", "0689011", None),
            ("Dmitry", "Volkov", "0689054", None),
            ("Ekaterina", "Smirnova", "0689102", None),
        ],
    ),
    "C-4125": R(
        True,
        [
            ("Oluwaseyi", "Ogunbanjo", "O9O7121", None),
            ("Ifeoluwa", "Adeyemi Bello", "0907166", None),
            ("Temiloluwa", "Oyelaran", "09O7203", None),
        ],
        ignored=["0905527"],
    ),
    "C-4126": R(
        True,
        [
            ("Md. Shahriar", "Alam", "0573359", None),
            ("Sumaiya", "Akter", "0573388", None),
            ("Tasnim", "Rahman", "0573412", None),
        ],
    ),
    "C-4127": R(
        True,
        [
            ("Karla", "Reyes", "0309114", None),
            ("Luis Angel", "Torres", "0309150", None),
            ("Sofia", "Reyes-Morales", "0309187", None),
        ],
    ),
    "C-4128": R(
        True,
        [
            ("Mariama", "Keita", "0688312", "S."),
            ("Abdoulaye", "Camara", "0688508", None),
        ],
    ),
    "C-4129": R(
        True,
        [
            ("Sabrina", "Joseph", "0745012", None),
            ("Ricardo", "Louis-Jeune", "0745063", None),
        ],
    ),
    "C-4130": R(
        True,
        [
            ("Pedro", "Alves", "0360224", None),
            ("Kervens", "Joseph", "0653502", None),
        ],
        ignored=["0471183"],
    ),
    "C-4131": R(True, [("Yara", "Haddad", "0529270", None)]),
    "C-4132": R(True, [("destiny", "washington", "id#0421244", None)]),
    "C-4133": R(
        True,
        [
            ("Oluwaseun", "Adebayo", "0356612", None),
            ("Kateryna", "Shevchenko", "0357846", None),
        ],
    ),
    "C-4134": R(
        True,
        [
            ("Brianna", "Cruz", "0964539", None),
            ("Elias", "Navarro", "0964566", None),
            ("Genesis", "Morales", "0964590", None),
        ],
    ),
    "C-4135": R(
        True,
        [
            ("Valeria", "Gómez", "0964603", None),
            ("Matías", "Rojas", "0964627", None),
        ],
    ),
    "C-4136": R(True, [("Widlens", "Etienne", "0653444", None)]),
    "C-4137": R(
        True,
        [
            ("Liban", "Warsame", "0308012", None),
            ("Abdi", "Hassan", "0307745", None),
            ("Sharmarke", "Dualeh", "0308066", None),
        ],
    ),
    "C-4138": R(
        True,
        [
            ("Will", "Summers", "0578933", None),
            ("Hope", "Daniels", "0578970", None),
        ],
    ),
    "C-4139": R(
        True,
        [
            ("Brayan", "Castillo", "0652219", None),
            ("Kervens", "Joseph", "0653502", None),
        ],
    ),
    "C-4140": R(True, [("Nia", "Okoro", "0526602", None)]),
    "C-4141": R(
        True,
        [
            ("Lucas", "Dos Santos", "0963755", None),
            ("Rafaela", "DaSilva", "0963781", None),
            ("Heitor", "de Souza", "0963810", None),
        ],
    ),
    "C-4142": R(True, [("Maria Cristina", "Dela Cruz", "0579218", None)]),
    "C-4143": R(True, [("Arif", "Chowdhury", "0572258", None)]),
    "C-4144": R(
        True,
        [
            ("Kiara", "Jackson", "kjackson578861", None),
            ("Tanvir", "Hossain", "thossain573304", None),
        ],
        ignored=["0573304", "0578861"],
    ),
    "C-4145": R(True, [("Adrián", "Castro", "964471", None)]),
    "C-4146": R(True, [("Ayaan", "Mohamed", "0857216", None)]),
    "C-4147": R(
        True,
        [
            ("Kwabena", "Owusu", "0579455", None),
            ("Fatima Zahra", "Benjelloun", "0689150", None),
            ("Ricardo", "Mendes", "0745101", None),
        ],
    ),
    "C-4148": R(
        True,
        [
            ("Blessing", "Adeyemi", "0579042", None),
            ("Princess Joy", "Bautista", "0579310", None),
            ("Angel", "Cruz", "0579488", None),
            ("Maria Cristina", "Dela Cruz", "0579218", None),
            ("Emily", "Gonzalez", "0579511", None),
            ("Tanvir", "Hossain", "573304", None),
            ("Kiara", "Jackson", "0578816", None),
            ("Michael", "Kowalski", "0575518", None),
            ("Kofi", "Mensah", "O574557", None),
            ("Kevin", "Nguyen", "0579560", None),
            ("Priscila", "Ramos", "0574617", None),
            ("Juanito", "Santos", None, None),
        ],
    ),
    "C-4149": R(
        True,
        [
            ("Malak", "Haddad", "0632209", None),
            ("Ilyas", "Ouali", "O632251", None),
        ],
    ),
    "C-4150": R(
        True,
        [
            ("Bethlehem", "Kebede", "0305102", None),
            ("Natnael", "Wolde", "0305147", None),
        ],
    ),
    "C-4151": R(
        True,
        [
            ("Hiwot", "Alemu", "0631882", None),
            ("Yonas", "Tadesse", "0631927", None),
        ],
    ),
    "C-4152": R(
        True,
        [
            ("Ahmed", "Nur", "0687734", None),
            ("Blessing", "Adeyemi", "0579042", None),
        ],
    ),
    "C-4153": R(
        True,
        [
            ("Camila", "Restrepo", "0419627", None),
            ("Wisline", "Pierre", "0741907", None),
        ],
    ),
    "C-4154": R(
        True,
        [
            ("Minjun", "Kim", "0855012", None),
            ("Seoyeon", "Park", "0855190", None),
        ],
    ),
    "C-4155": R(
        True,
        [
            ("Obinna", "Okeke", "Student #0905527", None),
            ("Olga", "Orlova", "Student #0906031", None),
        ],
    ),
    "C-4156": R(
        True,
        [
            ("Lan Phuong", "Tran", "ID: 0907763", None),
            ("Bao Long", "Vu", "ID: 0907790", None),
        ],
    ),
    "C-4157": R(
        True,
        [
            ("Will", "Summers", "0578933", None),
            ("Hope", "Daniels", "0578970", None),
        ],
    ),
    "C-4158": R(False, [], ignored=["0572258"]),
    "C-4159": R(False, []),
    "C-4160": R(False, []),
    "C-4161": R(False, []),
    "C-4162": R(False, []),
}


# ---------------------------------------------------------------------------------------------
# Rules 3-6, written from the contract, independently of any parser.
# ---------------------------------------------------------------------------------------------
_LABEL = re.compile(r"(?i)^\s*(?:student)?\s*(?:id)?\s*(?:number)?\s*[:#]*\s*(?=[0-9Oo])")
# Letters that carry a stroke rather than a combining accent; NFKD does not split them.
_STROKES = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})


def normalise_id(written: str | None) -> str | None:
    """Rule 3: drop labels, spaces, dashes and '#'; O/o -> 0; pad 6 digits. None = unusable."""
    if written is None:
        return None
    rest = _LABEL.sub("", written)
    rest = re.sub(r"[\s\-#]", "", rest).replace("O", "0").replace("o", "0")
    if not rest.isdigit():
        return None
    if len(rest) == 6:
        rest = "0" + rest
    return rest if len(rest) == 7 else None


def fold(name: str) -> str:
    """Rule 4: case, accents, hyphens, apostrophes and spaces do not matter."""
    text = unicodedata.normalize("NFKD", name.translate(_STROKES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s\-'\u2019]", "", text)


def name_matches(first: str, last: str, record: dict[str, str]) -> bool:
    """Rule 4: either order; a written middle name is already left out of first/last."""
    written = fold(first + last)
    given, family = record["givenName"], record["familyName"]
    return (
        bool(fold(first))
        and bool(fold(last))
        and written in {fold(given + family), fold(family + given)}
    )


@dataclass
class Roster:
    students: dict[str, dict[str, str]]
    staff_by_email: dict[str, dict[str, str]]
    users_by_email: dict[str, dict[str, str]]
    district: str


def load_roster(directory: Path, problems: list[str]) -> Roster:
    with open(directory / "orgs.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ORG_COLUMNS:
            problems.append(f"orgs.csv columns are {reader.fieldnames}")
        orgs = list(reader)
    with open(directory / "users.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != USER_COLUMNS:
            problems.append(f"users.csv columns are {reader.fieldnames}")
        users = list(reader)
    districts = [o["sourcedId"] for o in orgs if o["type"] == "district"]
    if len(districts) != 1:
        problems.append(f"{len(districts)} district orgs")
    org_ids = {o["sourcedId"] for o in orgs}
    for o in orgs:
        if o["type"] == "school" and o["parentSourcedId"] != districts[0]:
            problems.append(f"school {o['name']} is not under the district")
    students: dict[str, dict[str, str]] = {}
    by_email: dict[str, dict[str, str]] = {}
    by_id = {u["sourcedId"]: u for u in users}
    for u in users:
        email = u["email"].casefold()
        if email in by_email:
            problems.append(f"duplicate e-mail {email}")
        by_email[email] = u
        if u["status"] not in ("active", "tobedeleted") or u["enabledUser"] not in (
            "true",
            "false",
        ):
            problems.append(f"bad status/enabledUser for {u['sourcedId']}")
        if not set(u["orgSourcedIds"].split(",")) <= org_ids:
            problems.append(f"unknown org for {u['sourcedId']}")
        for agent in filter(None, u["agentSourcedIds"].split(",")):
            if u["sourcedId"] not in by_id.get(agent, {}).get("agentSourcedIds", "").split(","):
                problems.append(f"agent link {u['sourcedId']} -> {agent} is one-way")
        if u["role"] == "student":
            sid = u["identifier"]
            if not re.fullmatch(r"0\d{6}", sid) or sid in students:
                problems.append(f"bad or duplicate student identifier {sid!r}")
            if "," in u["orgSourcedIds"]:
                problems.append(f"student {sid} belongs to several orgs")
            students[sid] = u
        elif u["role"] in STAFF_ROLES and re.fullmatch(r"0\d{6}", u["identifier"]):
            problems.append(f"staff identifier {u['identifier']} looks like a student ID")
    staff = {e: u for e, u in by_email.items() if u["role"] in STAFF_ROLES}
    return Roster(students, staff, by_email, districts[0] if districts else "")


def requester_orgs(roster: Roster, email: str) -> set[str] | None:
    """Rule 6: the orgs an active, enabled staff requester may ask for; None = nobody."""
    user = roster.staff_by_email.get(email.casefold())
    if user is None or user["status"] != "active" or user["enabledUser"] != "true":
        return None
    return set(user["orgSourcedIds"].split(","))


def decide(reading: R, requester: str, roster: Roster) -> tuple[set[str], bool, list[str]]:
    """Rules 2-7 for one ticket: (ready IDs, needs_review, notes on each review entry)."""
    if not reading.reset:
        return set(), False, []
    orgs = requester_orgs(roster, requester)
    ready: set[str] = set()
    review_ids: set[str | None] = set()
    notes: list[str] = []
    for first, last, written, _middle in reading.students:
        sid = normalise_id(written)
        record = roster.students.get(sid or "")
        why = None
        if sid is None:
            why = "no usable ID"
        elif record is None:
            why = "ID in no record"
        elif not name_matches(first, last, record):
            why = "name does not match the ID's record"
        elif record["status"] != "active" or record["enabledUser"] != "true":
            why = "record inactive or disabled"
        elif orgs is None:
            why = "requester may not ask"
        elif record["orgSourcedIds"] not in orgs and roster.district not in orgs:
            why = "student at another school"
        if why is None and reading.unsure:
            why = "the ticket gives this student two IDs and is unsure which"
        if why is None:
            ready.add(sid)  # type: ignore[arg-type]
        else:
            review_ids.add(sid)
            notes.append(f"{first} {last} {written}: {why}")
    conflict = ready & review_ids
    if conflict:
        notes.append(f"CONFLICT: {sorted(conflict)} both ready and review")
    needs_review = bool(notes) or (reading.refers and not reading.students)
    return ready, needs_review, notes


# ---------------------------------------------------------------------------------------------
# Consistency of the readings with the ticket text.
# ---------------------------------------------------------------------------------------------
def ticket_text(ticket: dict[str, str]) -> str:
    body = ticket["body"]
    if ticket["content_type"] == "text/html":
        body = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"\s+", " ", ticket["subject"] + "\n" + body).casefold()


def id_tokens(text: str) -> set[str]:
    """Every way a 6/7-digit student number could be read out of the text (over-inclusive)."""
    found = {m.group().rjust(7, "0") for m in re.finditer(r"\d+", text) if len(m.group()) in (6, 7)}
    for m in re.finditer(r"[0-9o](?:[0-9o]|[ \-]{1,3}(?=[0-9o]))*", text):
        digits = re.sub(r"[ \-]", "", m.group()).replace("o", "0")
        if sum(c.isdigit() for c in m.group()) >= 4 and len(digits) in (6, 7):
            found.add(digits.rjust(7, "0"))
    return found


def check_text(tid: str, ticket: dict[str, str], reading: R, roster: Roster) -> list[str]:
    problems = []
    text = ticket_text(ticket)
    for first, last, written, middle in reading.students:
        for piece in (first, last, written, middle):
            if piece and re.sub(r"\s+", " ", piece).casefold() not in text:
                problems.append(f"{tid}: READING piece {piece!r} is not in the ticket")
    allowed = {normalise_id(s[2]) for s in reading.students} | set(reading.ignored)
    for token in sorted(id_tokens(text) & set(roster.students)):
        if token not in allowed:
            problems.append(f"{tid}: roster ID {token} occurs in the text but is not in READING")
    for sid in reading.ignored:
        if sid not in id_tokens(text):
            problems.append(f"{tid}: ignored ID {sid} does not occur in the text")
    return problems


def check_ticket_file(path: Path, ticket: dict[str, str]) -> list[str]:
    problems = []
    if set(ticket) != TICKET_KEYS:
        problems.append(f"{path.name}: keys {sorted(ticket)}")
    if ticket.get("id") != path.stem:
        problems.append(f"{path.name}: id {ticket.get('id')}")
    is_html = ticket.get("body", "").lstrip().startswith("<")
    if is_html != (ticket.get("content_type") == "text/html"):
        problems.append(f"{path.name}: content_type {ticket.get('content_type')} does not fit body")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Check truth.json against rules 1-8.")
    parser.add_argument("--truth", type=Path, default=HERE / "truth.json")
    parser.add_argument("--roster", type=Path, default=HERE / "roster")
    parser.add_argument("--tickets", type=Path, default=HERE / "tickets")
    parser.add_argument("--readme", type=Path, default=HERE / "README.md")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each review entry")
    args = parser.parse_args()

    problems: list[str] = []
    roster = load_roster(args.roster, problems)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    files = {p.stem: p for p in sorted(args.tickets.glob("*.json"))}
    readme = args.readme.read_text(encoding="utf-8") if args.readme.exists() else ""
    for name, keys in (("tickets", set(files)), ("truth.json", set(truth))):
        if keys != set(READING):
            problems.append(f"{name} and READING differ: {sorted(keys ^ set(READING))}")

    for tid in sorted(set(READING) & set(files) & set(truth)):
        ticket = json.loads(files[tid].read_text(encoding="utf-8"))
        reading, expected = READING[tid], truth[tid]
        problems += check_ticket_file(files[tid], ticket)
        problems += check_text(tid, ticket, reading, roster)
        ready, needs_review, notes = decide(reading, ticket["requester"], roster)
        if args.verbose and notes:
            print(tid, "; ".join(notes))
        got = {"reset_request": reading.reset, "needs_review": needs_review, "ready": sorted(ready)}
        for key, value in got.items():
            if expected.get(key) != value:
                problems.append(f"{tid}: truth {key}={expected.get(key)!r}, rules give {value!r}")
        if any("CONFLICT" in n for n in notes):
            problems.append(f"{tid}: " + "; ".join(n for n in notes if "CONFLICT" in n))
        if not expected.get("tags") or not str(expected.get("why", "")).endswith("."):
            problems.append(f"{tid}: tags and a one-sentence why are required")
        if "judgement_call" in expected.get("tags", []) and f"| {tid} |" not in readme:
            problems.append(f"{tid}: judgement_call not listed in README.md")
    for tid in re.findall(r"^\| (C-\d+) \|", readme, flags=re.M):
        if "judgement_call" not in truth.get(tid, {}).get("tags", []):
            problems.append(f"{tid}: listed in README.md but not tagged judgement_call")

    for line in problems:
        print("FAIL", line)
    n_ready = sum(len(t["ready"]) for t in truth.values())
    status = "FAILED" if problems else "ok"
    print(
        f"verify_truth: {status}: {len(READING)} tickets, {n_ready} ready IDs, "
        f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
