"""Write the OneRoster 1.1 CSV roster of Satilla Sound County Schools (blind corpus 10).

    python gen_roster.py                 # rewrites roster/ byte for byte (seed 20260907)
    python gen_roster.py --seed 7        # other filler records, same fixed records
    python gen_roster.py --out /tmp/r    # write somewhere else

Every person the tickets refer to is a fixed record (FIXED_STAFF, FIXED_STUDENTS,
FIXED_PARENTS) whose values never depend on the seed, so truth.json stays valid for any
seed. The rest of the roster is seeded filler. Filler never takes an ID listed in
ABSENT_IDS (IDs the tickets write that must belong to nobody) or an address listed in
ABSENT_EMAILS (requesters that must not be in the roster).

Everything here is invented: the county, the schools, the people, the numbers.
"""

from __future__ import annotations

import argparse
import random
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

from connectors.roster.oneroster_csv import ORGS_HEADER, USERS_HEADER, write_oneroster_csv

DEFAULT_SEED = 20260907
HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("5a7e11a0-50d0-4c0c-8d1e-000000627000")

STAFF_DOMAIN = "satillasound.k12.example"
STUDENT_DOMAIN = "learn.satillasound.k12.example"
TOTAL_STUDENTS = 4180
TOTAL_STAFF = 330
FILLER_PARENTS = 48

DISTRICT = ("DIST", "Satilla Sound County Schools", "627")

# code, name, state school number, lowest grade, highest grade, share of filler students
SCHOOLS = (
    ("PVMS", "Port Varnell Middle School", "0104", 6, 8, 7),
    ("CLMS", "Cypress Landing Middle School", "0112", 6, 8, 7),
    ("THMS", "Turtle Hammock Middle School", "0118", 6, 8, 6),
    ("KCMS", "Kettle Creek Middle School", "0121", 6, 8, 6),
    ("TPMS", "Tabby Point Middle School", "0127", 6, 8, 5),
    ("SBMS", "Sweetwater Branch Middle School", "0133", 6, 8, 5),
    ("BRMS", "Blackjack Ridge Middle School", "0139", 6, 8, 6),
    ("LMMS", "Long Marsh Middle School", "0142", 6, 8, 5),
    ("MLMA", "Marsh Light Middle Magnet School for the Arts", "0150", 6, 8, 3),
    ("PVHS", "Port Varnell High School", "0204", 9, 12, 10),
    ("CLHS", "Cypress Landing High School", "0212", 9, 12, 10),
    ("OPHS", "Oyster Point High School", "0218", 9, 12, 9),
    ("KCHS", "Kettle Creek High School", "0221", 9, 12, 8),
    ("FDHS", "Fort Dorrance High School", "0227", 9, 12, 7),
    ("HBHS", "Hobcaw Bluff High School", "0233", 9, 12, 7),
    ("SAEM", "Satilla Academy of Engineering & Medicine", "0250", 9, 12, 4),
    ("SSVA", "Satilla Sound Virtual Academy", "0290", 6, 12, 3),
)

# e-mail local part, employee number, given, middle, family, role, orgs, status, enabled
FIXED_STAFF = (
    ("wimberlyr", "418820", "Ruth Ann", "", "Wimberly", "teacher", ("PVMS",), "active", True),
    ("summerlinb", "446201", "Bethany Kate", "", "Summerlin", "teacher", ("PVMS",), "active", True),
    (
        "crenshawa",
        "455019",
        "Amanda Sue",
        "",
        "Crenshaw",
        "teacher",
        ("PVMS", "PVHS"),
        "active",
        True,
    ),
    ("sikesj", "366520", "Jimmy Dale", "", "Sikes", "teacher", ("CLMS",), "active", True),
    ("goldfarbm", "640025", "Miriam", "", "Goldfarb", "aide", ("CLMS",), "active", True),
    ("gainesl", "502981", "LaShonda", "", "Gaines", "teacher", ("THMS",), "active", True),
    ("forbesi", "520476", "Imani", "", "Forbes", "teacher", ("THMS",), "active", True),
    ("pierrelouiss", "579215", "Solange", "", "Pierre-Louis", "teacher", ("THMS",), "active", True),
    (
        "quinonesvegam",
        "529870",
        "Marisol",
        "",
        "Quiñones Vega",
        "teacher",
        ("KCMS",),
        "active",
        True,
    ),
    ("pruitth", "204418", "Harold", "", "Pruitt", "teacher", ("KCMS",), "tobedeleted", True),
    ("spiveye", "231906", "Earlene", "", "Spivey", "aide", ("KCMS",), "tobedeleted", False),
    ("fountaink", "480127", "Kendra", "", "Fountain", "teacher", ("TPMS",), "active", True),
    ("trammellw", "530662", "Wesley", "", "Trammell", "teacher", ("SBMS",), "active", True),
    ("royalt", "509982", "Tiffany", "", "Royal", "teacher", ("SBMS",), "active", True),
    (
        "bivinswardt",
        "311284",
        "Tamika",
        "",
        "Bivins-Ward",
        "administrator",
        ("SBMS",),
        "active",
        True,
    ),
    ("whitlocko", "341176", "Otis", "", "Whitlock", "teacher", ("BRMS",), "active", True),
    ("hailes", "617730", "Selamawit", "", "Haile", "aide", ("BRMS",), "active", True),
    ("duprees", "548831", "Shanice", "", "Dupree", "teacher", ("LMMS",), "active", True),
    ("trant", "512207", "Thanh Huong", "", "Tran", "aide", ("LMMS",), "active", True),
    ("batistar", "542208", "Rosa Elena", "", "Batista", "teacher", ("MLMA",), "active", True),
    ("parkh", "503318", "Hyun-woo", "", "Park", "teacher", ("PVHS",), "active", True),
    ("oglesbyd", "433905", "Dwayne", "", "Oglesby", "teacher", ("PVHS",), "active", True),
    ("okaforc", "420913", "Chidinma", "", "Okafor", "teacher", ("CLHS",), "active", True),
    ("yoonj", "553127", "Jae-sung", "", "Yoon", "teacher", ("CLHS",), "active", True),
    ("prescottd", "377105", "Dale", "", "Prescott", "teacher", ("OPHS",), "active", True),
    ("zhoux", "590036", "Xiaoling", "", "Zhou", "teacher", ("OPHS",), "active", True),
    ("mobleye", "470652", "Elijah", "", "Mobley", "teacher", ("OPHS",), "active", True),
    (
        "pettawayg",
        "300871",
        "Gwendolyn",
        "",
        "Pettaway",
        "administrator",
        ("KCHS",),
        "active",
        True,
    ),
    ("fountaink2", "604417", "Keith", "", "Fountain", "teacher", ("KCHS",), "active", True),
    ("nguyenk", "566713", "Kimberly", "", "Nguyen", "teacher", ("KCHS",), "active", True),
    ("desirj", "611473", "Jean-Robert", "", "Désir", "teacher", ("FDHS",), "active", True),
    ("maddoxd", "215530", "Doreen", "", "Maddox", "teacher", ("FDHS",), "active", False),
    ("thibodeauxb", "389904", "Beau", "", "Thibodeaux", "teacher", ("HBHS",), "active", True),
    ("nnamdia", "560118", "Adaeze", "", "Nnamdi", "administrator", ("HBHS",), "active", True),
    ("bhattacharyar", "587764", "Rahul", "", "Bhattacharya", "teacher", ("HBHS",), "active", True),
    (
        "venkataramanp",
        "598214",
        "Priyanka",
        "",
        "Venkataraman",
        "teacher",
        ("SAEM",),
        "active",
        True,
    ),
    (
        "ortizriveral",
        "577402",
        "Luis Ángel",
        "",
        "Ortiz Rivera",
        "teacher",
        ("SAEM", "CLHS"),
        "active",
        True,
    ),
    ("limaf", "623391", "Fernando", "", "Lima", "teacher", ("SSVA",), "active", True),
    ("carrascoy", "651290", "Yesenia", "", "Carrasco", "aide", ("SSVA",), "active", True),
    (
        "hollingsb",
        "271150",
        "Bartholomew",
        "",
        "Hollings",
        "administrator",
        ("DIST",),
        "active",
        True,
    ),
    (
        "adeyemiclarken",
        "288406",
        "Ngozi",
        "",
        "Adeyemi-Clarke",
        "administrator",
        ("DIST",),
        "active",
        True,
    ),
    (
        "fairclothl",
        "160339",
        "Lorraine",
        "",
        "Faircloth",
        "administrator",
        ("DIST",),
        "active",
        True,
    ),
    ("munginc", "372215", "Cedric", "", "Mungin", "teacher", ("DIST",), "active", True),
    (
        "stallingsr",
        "198207",
        "Roger",
        "",
        "Stallings",
        "administrator",
        ("DIST",),
        "tobedeleted",
        False,
    ),
)

# student ID, given, middle, family, school, grade, status, enabled
FIXED_STUDENTS = (
    ("0472815", "Mary Beth", "", "Tolliver", "PVMS", 7, "active", True),
    ("0468302", "De'Andre", "", "Whitfield", "PVMS", 7, "active", True),
    ("0471159", "JaMarcus", "", "Pettis", "PVMS", 7, "active", True),
    ("0475512", "Bryson", "Cole", "Hollis", "PVMS", 6, "active", True),
    ("0470318", "Jayden", "", "Brooks", "PVMS", 7, "active", True),
    ("0476610", "LaShawn", "", "Mims", "PVMS", 8, "active", True),
    ("0473390", "Kinsley", "Jo", "Harrell", "PVMS", 6, "active", True),
    ("0469944", "Bentley", "", "Yawn", "PVMS", 6, "active", True),
    ("0470771", "Oaklynn", "", "Tanner", "PVMS", 6, "active", True),
    ("0475018", "Ja'Kobe", "", "Merritt", "PVMS", 6, "active", True),
    ("0474021", "Emma Kate", "", "Strickland", "PVMS", 8, "active", True),
    ("0476022", "Billy Ray", "", "Kicklighter", "PVMS", 7, "active", True),
    ("0474856", "Lily Kate", "", "Hiers", "PVMS", 7, "active", True),
    ("0517736", "Seo-yeon", "", "Kim", "PVHS", 11, "active", True),
    ("0519048", "Min-jun", "", "Choi", "PVHS", 11, "active", True),
    ("0515502", "Ji-hoon", "", "Lee", "PVHS", 11, "active", True),
    ("0516693", "Tristan", "", "Oakes", "PVHS", 10, "active", True),
    ("0518820", "Da'Quan", "", "Fordham", "PVHS", 12, "active", True),
    ("0520374", "Ke'Asia", "", "Williamson", "PVHS", 12, "active", True),
    ("0514468", "Trevon", "Lamar", "Brown Jr.", "PVHS", 12, "active", True),
    ("0517002", "William", "", "Satterfield", "PVHS", 9, "active", True),
    ("0518153", "Abigail", "", "Dowdy", "PVHS", 9, "active", True),
    ("0514009", "Hollis", "", "Creel", "PVHS", 9, "active", True),
    ("0538817", "Oluwaseun", "", "Adebayo", "CLHS", 10, "active", True),
    ("0529046", "Chukwuemeka", "", "Obi", "CLHS", 10, "active", True),
    ("0540731", "Adaeze", "", "Nwosu-Eze", "CLHS", 10, "active", True),
    ("0533498", "Yamilet", "", "Díaz Quiñones", "CLHS", 10, "active", True),
    ("0536201", "Jaylen", "", "Marbury", "CLHS", 10, "active", True),
    ("0551330", "Marquis", "", "Felder", "CLHS", 11, "active", True),
    ("0549812", "Shamar", "", "Gadsden", "CLHS", 11, "active", True),
    ("0552087", "Nia", "", "Caldwell", "CLHS", 11, "active", True),
    ("0553127", "Deja", "", "Polite", "CLHS", 12, "active", True),
    ("0547730", "Ha-eun", "", "Jung", "CLHS", 9, "active", True),
    ("0548862", "Do-yun", "", "Kang", "CLHS", 9, "active", True),
    ("0550621", "Jalen", "", "Cooley", "CLHS", 11, "active", True),
    ("0618204", "Colton", "", "Rhodes", "OPHS", 11, "active", True),
    ("0611854", "Jayden", "", "Brooks", "OPHS", 10, "active", True),
    ("0613358", "Carson", "Tate", "Whitaker", "OPHS", 10, "active", True),
    ("0612045", "Haoran", "", "Zhang", "OPHS", 12, "active", True),
    ("0615530", "Yu-Ting", "", "Lin", "OPHS", 12, "active", True),
    ("0610987", "Zixuan", "", "Chen", "OPHS", 12, "active", True),
    ("0614401", "Mei-Ling", "", "Wu", "OPHS", 12, "active", True),
    ("0617722", "Jiahui", "", "Ou", "OPHS", 12, "active", True),
    ("0616603", "Cornelius", "", "Haynes III", "OPHS", 11, "active", True),
    ("0613991", "Reginald", "", "Bynes II", "OPHS", 11, "active", True),
    ("0619212", "Lamar", "", "Odom", "OPHS", 11, "active", True),
    ("0617405", "Raelynn", "", "Varnadoe", "OPHS", 9, "active", True),
    ("0614872", "Zoe", "", "Alvarado", "OPHS", 10, "active", True),
    ("0610356", "Chloé", "", "Batiste", "OPHS", 10, "active", True),
    ("0457392", "Ta'Niyah", "", "Bostick", "THMS", 8, "active", True),
    ("0457329", "Kwame", "", "Asante", "THMS", 8, "active", True),
    ("0455610", "Zaria", "", "Lockhart", "THMS", 8, "active", True),
    ("0456078", "LaTavius", "", "Screven", "THMS", 7, "active", True),
    ("0454412", "Braylon", "", "Odom", "THMS", 7, "active", True),
    ("0452281", "Ti'Anna", "", "Gaskins", "THMS", 6, "active", True),
    ("0453318", "Marcus", "", "Deloach", "THMS", 7, "tobedeleted", True),
    ("0641187", "Wideline", "", "Jean-Pierre", "FDHS", 10, "active", True),
    ("0639920", "Mackenson", "", "Théodore", "FDHS", 10, "active", True),
    ("0644315", "Fabienne", "", "Saint-Fleur", "FDHS", 10, "active", True),
    ("0642250", "Jaxon", "", "Crews", "FDHS", 10, "active", True),
    ("0640118", "Tavion", "", "Speights", "FDHS", 10, "active", True),
    ("0643092", "Lovens", "", "Augustin", "FDHS", 11, "active", True),
    ("0645571", "Stevenson", "", "Pierre", "FDHS", 9, "active", True),
    ("0582264", "Venkata Sai Harshith", "", "K", "SAEM", 11, "active", True),
    ("0580472", "Keerthana", "", "S", "SAEM", 11, "active", True),
    ("0581945", "Sai Charan", "", "Bandaru", "SAEM", 11, "active", True),
    ("0579013", "Lakshmi Priya", "", "Ramanathan", "SAEM", 11, "active", True),
    ("0583307", "Sri Lakshmi Sahithi", "", "P", "SAEM", 10, "active", True),
    ("0578861", "Rohan", "", "Kumar", "SAEM", 10, "active", True),
    ("0584419", "Tanvi", "", "G", "SAEM", 10, "active", True),
    ("0493318", "Minh Anh", "Thi", "Nguyen", "LMMS", 7, "active", True),
    ("0490275", "Bao Ngoc", "", "Tran", "LMMS", 7, "active", True),
    ("0491126", "Minh Khoa", "", "Pham", "LMMS", 7, "active", True),
    ("0512207", "Trinity", "", "Mabry", "LMMS", 8, "active", True),
    ("0494450", "Kamari", "", "Seabrook", "LMMS", 8, "active", True),
    ("0495581", "Jamiyah", "", "Postell", "LMMS", 8, "active", True),
    ("0667213", "Billy", "Ray", "Pruitt", "HBHS", 9, "active", True),
    ("0669904", "Anna-Grace", "", "Holloway", "HBHS", 9, "active", True),
    ("0665518", "Da'Quan", "", "McNair", "HBHS", 10, "active", True),
    ("0668340", "Oluwadamilare", "", "Ogunleye", "HBHS", 12, "active", True),
    ("0663217", "Chiamaka", "", "Eze", "HBHS", 12, "active", True),
    ("0664485", "Ifeoluwa", "", "Bankole", "HBHS", 12, "active", True),
    ("0666071", "Naga Sri Harsha", "", "Yarlagadda", "HBHS", 10, "active", True),
    ("0662290", "Divya Sree", "", "M", "HBHS", 10, "active", True),
    ("0667588", "Temitope", "", "Akinola", "HBHS", 11, "active", True),
    ("0665903", "Chinedu", "", "Okonkwo Jr.", "HBHS", 11, "active", True),
    ("0627781", "Xavier", "", "Lattimore", "KCHS", 11, "active", True),
    ("0624410", "Journee", "", "Battle", "KCHS", 10, "active", True),
    ("0626094", "Destiny", "", "Ravenel", "KCHS", 9, "active", True),
    ("0628340", "Tyrese", "", "Gadson", "KCHS", 9, "active", True),
    ("0604417", "Amari", "", "Legette", "KCHS", 10, "active", True),
    ("0625513", "Jamal", "", "Ravenell", "KCHS", 11, "active", True),
    ("0623047", "Brianna", "", "Sapp", "KCHS", 11, "active", True),
    ("0627019", "Vy", "", "Nguyen", "KCHS", 10, "active", True),
    ("0458827", "Kendrick", "", "Battle", "KCMS", 7, "active", True),
    ("0459963", "Aaliyah", "", "Rountree", "KCMS", 7, "active", True),
    ("0459140", "Bao", "", "Nguyen", "KCMS", 7, "active", True),
    ("0432219", "Ny'Asia", "", "Crumpler", "BRMS", 7, "active", True),
    ("0430087", "Kha'Lil", "", "Benton", "BRMS", 7, "active", True),
    ("0435506", "Jabari", "", "Mungin", "BRMS", 8, "active", True),
    ("0433561", "Meron", "", "Tesfaye", "BRMS", 7, "active", True),
    ("0431190", "Abenezer", "", "Gebremedhin", "BRMS", 8, "active", True),
    ("0434428", "Hiwot", "", "Gebre-Egziabher", "BRMS", 6, "active", True),
    ("0432970", "Dawit", "", "Alemu", "BRMS", 8, "active", True),
    ("0433625", "Bethlehem", "", "Tesfaye", "BRMS", 6, "active", False),
    ("0447710", "Hunter", "Lee", "Ivey", "CLMS", 6, "active", True),
    ("0443306", "Kaydence", "", "Moody", "CLMS", 7, "active", True),
    ("0443308", "Kaden", "", "Moody", "CLMS", 7, "active", True),
    ("0448129", "Malik", "", "Sapp", "CLMS", 8, "active", True),
    ("0520913", "Paisley", "", "Rowell", "TPMS", 6, "active", True),
    ("0521766", "Jace", "", "Tillman", "TPMS", 6, "active", True),
    ("0523390", "Remi", "", "O'Quinn", "TPMS", 6, "active", True),
    ("0501236", "Tucker", "", "Bazemore", "SBMS", 7, "active", True),
    ("0503358", "Addison", "", "Lott", "SBMS", 7, "active", True),
    ("0502214", "Ryleigh", "", "Caraway", "SBMS", 7, "active", True),
    ("0501263", "Ella Grace", "", "Dasher", "SBMS", 7, "active", True),
    ("0502871", "Jadon", "", "Purvis", "SBMS", 8, "active", True),
    ("0485526", "María José", "", "Rodríguez Pagán", "MLMA", 8, "active", True),
    ("0484170", "Yadiel", "", "Santiago Colón", "MLMA", 8, "active", True),
    ("0486613", "Xiomara", "", "Díaz Ortega", "MLMA", 7, "active", True),
    ("0487702", "Kiara", "", "Meléndez Ruiz", "MLMA", 6, "active", True),
    ("0560418", "João Pedro", "", "Carvalho", "SSVA", 9, "active", True),
    ("0562273", "Ana Júlia", "", "Ferreira", "SSVA", 10, "active", True),
    ("0558804", "Luíza", "", "Gonçalves", "SSVA", 8, "active", True),
    ("0563315", "Thiago", "", "dos Santos", "SSVA", 9, "active", True),
    ("0561144", "Gabriela", "", "Moura", "SSVA", 11, "active", True),
    ("0559027", "Enzo", "", "Rezende", "SSVA", 7, "active", True),
    ("0435560", "Ximena", "", "Paredes", "SSVA", 8, "active", True),
)

# e-mail, given, family, children's student IDs
FIXED_PARENTS = (
    ("tiffany.hollis84@mail.example", "Tiffany", "Hollis", ("0475512",)),
    ("kimnguyen.family@mail.example", "Kimberly", "Nguyen", ("0627019", "0459140")),
    ("crystal.lott77@mail.example", "Crystal", "Lott", ("0503358", "0502214")),
    ("yaneisy.quinones@correo.example", "Yaneisy", "Quiñones", ("0533498",)),
    ("amberyawn@mail.example", "Amber", "Yawn", ("0469944",)),
    ("almaz.tesfaye@mail.example", "Almaz", "Tesfaye", ("0433561", "0433625")),
)

# IDs written in the tickets that must belong to nobody.
ABSENT_IDS = frozenset(
    {
        "0476160",  # S-3027, LaShawn Mims written with two IDs
        "0645517",  # S-3033, swapped digits of Stevenson Pierre
        "0432907",  # S-3057, swapped digits of Dawit Alemu
        "0617045",  # S-3074, swapped digits of Raelynn Varnadoe
        "0049445",  # S-3127, 6-digit 049445 with its leading zero added
        "0398765",  # S-3155, the example in the help article
    }
)
# Requester addresses in the tickets that must not be in the roster.
ABSENT_EMAILS = frozenset(
    {
        "ruth.wimberly@" + STAFF_DOMAIN,
        "jsikes@" + STAFF_DOMAIN,
        "helpdesk@" + STAFF_DOMAIN,
    }
)

# Filler name pools, by naming tradition: (given names, family names).
POOLS = {
    "south": (
        "Mary Beth|Billy Ray|Emma Kate|Anna Grace|Sarah Kate|Ella Grace|John Thomas|Carson|"
        "Hunter|Colton|Bentley|Kinsley|Paisley|Ryleigh|Tucker|Hayden|Laney|Raelynn|Oaklynn|"
        "Brantley|Maddox|Walker|Landry|Cooper|Savannah|Magnolia|Sawyer|Easton|Ansley|Presley|"
        "Harper|Wyatt|Braxton|Mary-Kate|Anna-Claire|Bobbie Sue|Jimmy Lee|Caroline|Ella|Wade|"
        "Lainey|Reagan|Callie|Addison|Bailey|Karsyn|Jaxson|Ryder|Gentry|Rhett|Beau|Tripp|"
        "Lawson|Sutton|Emmy Lou|Sadie|Hattie|Ivy|Josie|Lucy Kate|Mattie|Willa|Bo|Cash|Tate",
        "Tolliver|Strickland|Kicklighter|Dasher|Bazemore|Crews|Yawn|Hiers|Tanner|Varnadoe|"
        "Harrell|Satterfield|Dowdy|Creel|Whitaker|Rhodes|Lanier|Spivey|Moody|Tillman|Rowell|"
        "Caraway|Holloway|Googe|Thrift|Blitch|Purvis|Altman|Herrin|Nesmith|Futch|Boatright|"
        "McCorkle|Cribb|Thigpen|Newsome|Lightsey|Mizell|Barfield|Royal|Sikes|Griner|Cowart",
    ),
    "aa": (
        "De'Andre|LaShonda|JaMarcus|Da'Quan|Ta'Niyah|Ke'Asia|Ny'Asia|Kha'Lil|Ja'Kobe|DaShawn|"
        "LaTavius|Jaylen|Zaria|Journee|Amari|Tyrese|Kamari|Jamiyah|Xavier|Destiny|Brianna|"
        "Marquis|Shamar|Nia|Deja|Tavion|Jabari|Malik|Aaliyah|Kendrick|Ti'Anna|A'Niyah|D'Asia|"
        "Ja'Naya|Quan'Tavious|TyShawn|LaKeisha|DeMarcus|Keyon|Jalen|Imani|Zion|Nevaeh|Kennedi|"
        "Ja'Kari|Ke'Andre|La'Nyla|Tre'Von|JaVonte|DeShawn|Makayla|Taniya|Jakobe|Kyrie|Ayden|"
        "Londyn|Egypt|Jahmir|Dontavious|Khalil|Shaniya|Amir|Janiyah|Kenyatta|Trinity|Cameron",
        "Bostick|Lockhart|Screven|Odom|Gaskins|Deloach|Crumpler|Benton|Mungin|Ravenel|Gadson|"
        "Legette|Battle|Lattimore|Rountree|Seabrook|Postell|Mabry|Felder|Gadsden|Caldwell|"
        "Polite|Marbury|McNair|Fordham|Williamson|Brown|Haynes|Bynes|Mims|Pettis|Whitfield|"
        "Merritt|Speights|Manigault|Singleton|Frazier|Middleton|Washington|Jenkins|Gilliard",
    ),
    "haiti": (
        "Wideline|Mackenson|Fabienne|Lovens|Stevenson|Jean-Marc|Marie-Claire|Widjimy|"
        "Rose-Merline|Kervens|Djeffsen|Sherline|Nadège|Wilkens|Bethsaida|Jude|Roodline|Islande|"
        "Medjine|Woodley|Ricardo|Esther|Rachelle|Jean-Ricot|Marie-Ange|Daphnée|Kensley|Gaëlle",
        "Jean-Pierre|Théodore|Saint-Fleur|Augustin|Pierre|Jean-Baptiste|Pierre-Louis|"
        "Desrosiers|Dorvil|Joseph|Louissaint|Célestin|Fils-Aimé|Désir|Étienne|Noël|Jean-Louis|"
        "Charles|Bien-Aimé|Michel|Toussaint|Lafleur|Dorméus|Saint-Juste|Exantus|Metellus",
    ),
    "caribe": (
        "Yamilet|Yadiel|María José|Xiomara|Kiara|Yariel|Adrián|Sofía|Luis Ángel|José Miguel|"
        "Ana Lucía|Lianet|Yandel|Jadiel|Dayana|Yaritza|Roberto Carlos|Alejandro|Camila|Mía",
        "Díaz|Quiñones|Rodríguez|Pagán|Santiago|Colón|Meléndez|Ruiz|Ortega|Vega|Rivera|Ortiz|"
        "Pérez|Acevedo|Figueroa|Maldonado|Hernández|Castillo|Fernández|González|Cruz|Torres",
    ),
    "brazil": (
        "João Pedro|Ana Júlia|Luíza|Thiago|Gabriela|Enzo|Maria Eduarda|Pedro Henrique|Lucas|"
        "Isadora|Giovanna|Matheus|Letícia|Vitória|Davi|Heitor|Lorena|Bruna",
        "Carvalho|Ferreira|Gonçalves|dos Santos|Moura|Rezende|Oliveira|Souza|Almeida|"
        "Nascimento|Ribeiro|Costa|Barbosa|Araújo|da Silva|Pereira|Cardoso",
    ),
    "india": (
        "Venkata Sai Harshith|Keerthana|Sai Charan|Lakshmi Priya|Sri Lakshmi Sahithi|Rohan|"
        "Tanvi|Aarav|Ananya|Sai Vignesh|Naga Sri Harsha|Hemanth Kumar|Divya Sree|Aadhya|"
        "Krishna Chaitanya|Ishaan|Meenakshi|Venkata Ramana|Sowmya|Pranav|Harini",
        "K|S|P|G|R|M|V|Reddy|Kumar|Bandaru|Ramanathan|Venkatesan|Patel|Shah|Iyer|Nair|Gupta|"
        "Mehta|Pillai|Kandula|Gudipati|Yarlagadda|Subramanian",
    ),
    "korea": (
        "Seo-yeon|Min-jun|Ji-hoon|Ha-eun|Do-yun|Ji-woo|Seo-jun|Ye-jin|Min-seo|Joon-ho|Su-bin|"
        "Eun-ji|Tae-yang|Ha-rin|Yu-na|Jae-won|Si-woo|Da-eun|Hyun-soo|Ji-ah|Woo-jin|Chae-won",
        "Kim|Choi|Lee|Park|Jung|Kang|Yoon|Cho|Han|Shin|Oh|Lim|Seo|Kwon",
    ),
    "china": (
        "Haoran|Yu-Ting|Zixuan|Mei-Ling|Jiahui|Zihan|Yichen|Xinyi|Ruoxi|Junhao|Wen-Hsuan|"
        "Kai-Wen|Siyu|Yutong|Yuxuan|Haoyu|Shu-Fen|Jingyi|Zhiyuan|Pei-Ying|Boyang|Xiaoyu|Minghao",
        "Zhang|Lin|Chen|Wu|Ou|Li|Wang|Liu|Huang|Zhao|Zhou|Xu|Sun|Ou-Yang|Tsai",
    ),
    "vietnam": (
        "Minh Anh|Bao Ngoc|Minh Khoa|Gia Huy|Thanh Truc|Khanh Linh|Quoc Bao|Ngoc Han|"
        "Duc Minh|Phuong Anh|Anh Thu|Hoang Nam|Bao Tran|Thanh Tam|Ngoc Anh|Gia Bao|Tuan Kiet|"
        "Mai Linh|Nhat Minh|Thao Vy|Khai|Thien An",
        "Nguyen|Tran|Pham|Le|Hoang|Phan|Vu|Vo|Huynh|Bui|Ngo|Duong|Truong",
    ),
    "nigeria": (
        "Oluwaseun|Chukwuemeka|Adaeze|Oluwadamilare|Chiamaka|Ifeoluwa|Chinedu|Temitope|"
        "Oluwatobiloba|Obinna|Ebuka|Adebola|Ayomide|Somtochukwu|Zainab|Kelechi|Tobenna|"
        "Chidera|Oluwafemi|Eniola|Ikenna|Uchenna|Damilola|Ifeanyi|Mosope|Nkechi",
        "Adebayo|Obi|Nwosu-Eze|Ogunleye|Eze|Bankole|Okafor|Okonkwo|Adeyemi|Nwachukwu|"
        "Oyelaran|Ibekwe|Onyekachi|Olaniyan|Akinola|Uche",
    ),
    "ethiopia": (
        "Meron|Abenezer|Hiwot|Dawit|Bethlehem|Yonatan|Selam|Kidus|Mekdes|Biruk|Liya|Nahom|"
        "Eyerusalem|Natnael|Saron|Henok|Tsion|Mikias|Betelhem|Yohannes|Hanna|Fikir|Samrawit|Robel",
        "Tesfaye|Gebremedhin|Gebre-Egziabher|Alemu|Haile|Bekele|Tadesse|Girma|Assefa|"
        "Woldemariam|Kebede|Mekonnen|Abebe|Desta|Worku",
    ),
}
# Families of the Southern Anglo and African-American traditions mix in both.
SOUTHERN_FAMILIES = (
    "Carter|Herrin|Griner|Cowart|Wiggins|Dukes|Strickland|Powell|Chancey|Summerall|Hendrix|"
    "Tootle|Brinson|Godwin|Sellers|Bell|Glover|Tyson|Cobb|Rawls|Walden|Wheeler|Lovett|Haddock|"
    "Mathis|Pope|Reddick|Flowers|Mobley|Council|Boyd|Mack|Stephens|Daniels|Hargrove|Outler"
)
POOL_WEIGHTS = {
    "south": 34,
    "aa": 34,
    "haiti": 5,
    "caribe": 6,
    "brazil": 3,
    "india": 4,
    "korea": 3,
    "china": 3,
    "vietnam": 3,
    "nigeria": 3,
    "ethiopia": 2,
}
MIDDLES = "Grace|Lee|Ray|Marie|Elizabeth|James|Michael|Ann|Lynn|Jo|Dean|Renee|Nicole|Jamal"
SUFFIXES = ("Jr.", "II", "III")
ADULT_GIVEN = (
    "Angela|Kimberly|Tonya|Stephanie|Cynthia|Latasha|Rhonda|Jennifer|Amy|Misty|Brandy|Crystal|"
    "Marcus|Derrick|Travis|Clint|Wade|Dustin|Heath|Cedric|Reginald|Terrence|Patricia|Sheila|"
    "Priya|Anjali|Ji-young|Mei|Thuy|Folake|Yolanda|Ramón|Guerline|Wanda|Darnell|Bobby Joe"
)
ADULT_FAMILY = (
    "Carter|Sapp|Herrin|Griner|Cowart|Boatright|Frazier|Middleton|Singleton|Washington|"
    "Jenkins|Gilliard|Manigault|Deloach|Lanier|Thrift|Googe|Purvis|Altman|Nesmith|Futch|"
    "Patel|Reddy|Choi|Lin|Pham|Adeyemi|Joseph|Rivera|Ortiz|Bekele|Mizell|Cribb|Newsome"
)
PARENT_DOMAINS = ("mail.example", "coastalnet.example", "inbox.example", "correo.example")


def letters(text: str) -> str:
    """Lower-case ASCII letters of ``text``, accents folded (José -> jose)."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded.lower() if "a" <= c <= "z")


def sid(kind: str, key: str) -> str:
    """A sourcedId that depends only on the record, never on the seed."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def stamp(rng: random.Random) -> str:
    return f"2026-08-{rng.randint(1, 21):02d}T0{rng.randint(2, 6)}:{rng.randint(0, 59):02d}:00.000Z"


def fixed_stamp(key: str) -> str:
    n = sum(key.encode())
    return f"2026-08-{1 + n % 21:02d}T0{2 + n % 5}:{n % 60:02d}:00.000Z"


def org_rows() -> Iterator[dict[str, str]]:
    code, name, ident = DISTRICT
    district = sid("org", code)
    yield {
        "sourcedId": district,
        "status": "active",
        "dateLastModified": fixed_stamp(code),
        "name": name,
        "type": "district",
        "identifier": ident,
    }
    for code, name, ident, _low, _high, _share in SCHOOLS:
        yield {
            "sourcedId": sid("org", code),
            "status": "active",
            "dateLastModified": fixed_stamp(code),
            "name": name,
            "type": "school",
            "identifier": ident,
            "parentSourcedId": district,
        }


def student_row(
    ident: str, given: str, middle: str, family: str, school: str, grade: int, modified: str
) -> dict[str, str]:
    local = "s" + ident[1:]
    return {
        "sourcedId": sid("student", ident),
        "dateLastModified": modified,
        "orgSourcedIds": sid("org", school),
        "role": "student",
        "username": local,
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "identifier": ident,
        "email": f"{local}@{STUDENT_DOMAIN}",
        "grades": f"{grade:02d}",
    }


def staff_row(
    local: str, empno: str, given: str, middle: str, family: str, role: str, orgs: tuple[str, ...]
) -> dict[str, str]:
    return {
        "sourcedId": sid("staff", local),
        "dateLastModified": fixed_stamp(local),
        "orgSourcedIds": ",".join(sid("org", code) for code in orgs),
        "role": role,
        "username": local,
        "givenName": given,
        "familyName": family,
        "middleName": middle,
        "identifier": empno,
        "email": f"{local}@{STAFF_DOMAIN}",
    }


def pick(rng: random.Random, pipe_list: str) -> str:
    return rng.choice(pipe_list.split("|"))


def build(seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    students: list[dict[str, str]] = []
    by_id: dict[str, dict[str, str]] = {}
    for ident, given, middle, family, school, grade, status, enabled in FIXED_STUDENTS:
        row = student_row(ident, given, middle, family, school, grade, fixed_stamp(ident))
        row["status"] = status
        row["enabledUser"] = "true" if enabled else "false"
        students.append(row)
        by_id[ident] = row

    taken = set(by_id) | ABSENT_IDS
    shares = [(s[0], s[3], s[4]) for s in SCHOOLS for _ in range(s[5])]
    pools = [name for name, weight in POOL_WEIGHTS.items() for _ in range(weight)]
    filler_students: list[dict[str, str]] = []
    while len(students) + len(filler_students) < TOTAL_STUDENTS:
        ident = f"0{rng.randint(100000, 999999)}"
        if ident in taken:
            continue
        taken.add(ident)
        school, low, high = rng.choice(shares)
        tradition = rng.choice(pools)
        givens, families = POOLS[tradition]
        given = pick(rng, givens)
        if tradition in ("south", "aa"):
            family = pick(rng, f"{POOLS['south'][1]}|{POOLS['aa'][1]}|{SOUTHERN_FAMILIES}")
        elif tradition in ("caribe", "brazil") and rng.random() < 0.6:
            first, second = rng.sample(families.split("|"), 2)
            family = f"{first} {second}"
        else:
            family = pick(rng, families)
        middle = pick(rng, MIDDLES) if rng.random() < 0.3 else ""
        if rng.random() < 0.03 and " " not in family and len(family) > 1:
            family = f"{family} {rng.choice(SUFFIXES)}"
        row = student_row(ident, given, middle, family, school, rng.randint(low, high), stamp(rng))
        draw = rng.random()
        row["status"] = "tobedeleted" if draw < 0.015 else "active"
        row["enabledUser"] = "false" if 0.015 <= draw < 0.025 else "true"
        filler_students.append(row)

    staff: list[dict[str, str]] = []
    emails = {f"{s[0]}@{STAFF_DOMAIN}" for s in FIXED_STAFF} | set(ABSENT_EMAILS)
    empnos = {s[1] for s in FIXED_STAFF}
    for local, empno, given, middle, family, role, orgs, status, enabled in FIXED_STAFF:
        row = staff_row(local, empno, given, middle, family, role, orgs)
        row["status"] = status
        row["enabledUser"] = "true" if enabled else "false"
        staff.append(row)
    school_codes = [s[0] for s in SCHOOLS]
    while len(staff) < TOTAL_STAFF:
        given = pick(rng, ADULT_GIVEN)
        family = pick(rng, ADULT_FAMILY)
        base = letters(family) + letters(given)[0]
        local, n = base, 1
        while f"{local}@{STAFF_DOMAIN}" in emails:
            n += 1
            local = f"{base}{n}"
        emails.add(f"{local}@{STAFF_DOMAIN}")
        empno = str(rng.randint(100000, 699999))
        if empno in empnos:
            continue
        empnos.add(empno)
        draw = rng.random()
        role = "teacher" if draw < 0.8 else ("aide" if draw < 0.92 else "administrator")
        where = rng.random()
        if where < 0.03:
            orgs: tuple[str, ...] = ("DIST",)
        elif where < 0.08:
            orgs = tuple(rng.sample(school_codes, 2))
        else:
            orgs = (rng.choice(school_codes),)
        middle = pick(rng, MIDDLES) if rng.random() < 0.2 else ""
        row = staff_row(local, empno, given, middle, family, role, orgs)
        row["dateLastModified"] = stamp(rng)
        state = rng.random()
        row["status"] = "tobedeleted" if state < 0.03 else "active"
        row["enabledUser"] = "false" if 0.03 <= state < 0.05 else "true"
        staff.append(row)

    parents: list[dict[str, str]] = []
    links: dict[str, list[str]] = {}
    for email, given, family, children in FIXED_PARENTS:
        parent_id = sid("parent", email)
        parents.append(parent_row(parent_id, email, given, family, children, by_id))
        for child in children:
            links.setdefault(child, []).append(parent_id)
    for number in range(FILLER_PARENTS):
        child = rng.choice(filler_students)
        given = pick(rng, ADULT_GIVEN)
        family = child["familyName"].replace(" Jr.", "").replace(" III", "").replace(" II", "")
        domain = rng.choice(PARENT_DOMAINS)
        email = f"{letters(given)}.{letters(family)}{rng.randint(10, 99)}@{domain}"
        parent_id = sid("parent", f"{seed}:{number}:{email}")
        lookup = {child["identifier"]: child}
        parents.append(parent_row(parent_id, email, given, family, (child["identifier"],), lookup))
        links.setdefault(child["identifier"], []).append(parent_id)
    for row in students + filler_students:
        if row["identifier"] in links:
            row["agentSourcedIds"] = ",".join(links[row["identifier"]])

    everyone = sorted(students + filler_students, key=lambda r: r["identifier"])
    staff.sort(key=lambda r: r["email"])
    users = everyone + staff + parents
    return list(org_rows()), users


def parent_row(
    parent_id: str,
    email: str,
    given: str,
    family: str,
    children: tuple[str, ...],
    by_id: dict[str, dict[str, str]],
) -> dict[str, str]:
    schools = sorted({by_id[c]["orgSourcedIds"] for c in children})
    return {
        "sourcedId": parent_id,
        "status": "active",
        "dateLastModified": fixed_stamp(email),
        "enabledUser": "true",
        "orgSourcedIds": ",".join(schools),
        "role": "parent",
        "username": email.split("@")[0],
        "givenName": given,
        "familyName": family,
        "email": email,
        "agentSourcedIds": ",".join(by_id[c]["sourcedId"] for c in children),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=HERE / "roster")
    args = parser.parse_args(argv)
    orgs, users = build(args.seed)
    assert set(ORGS_HEADER) >= {key for row in orgs for key in row}
    assert set(USERS_HEADER) >= {key for row in users for key in row}
    write_oneroster_csv(args.out, orgs, users)
    print(f"wrote {len(orgs)} orgs and {len(users)} users to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
