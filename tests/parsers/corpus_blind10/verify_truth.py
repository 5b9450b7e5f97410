"""Check truth.json of blind corpus 10 against the roster and the tickets (stdlib only).

    python verify_truth.py               # exit 0 when truth.json, READING and roster agree
    python verify_truth.py --self-test   # plant errors and show that each one is caught

READING is written by hand, independently of truth.json: for each ticket, whether it is a
reset request (rule 1) and every student it names, with the name parts and the ID written
exactly as in the ticket. Mentions in quoted replies, signatures and instruction examples are
not listed (rule 8). The checker confirms that every piece occurs in the ticket text, applies
rules 2-7 to the roster, and compares the outcome with truth.json.
"""

from __future__ import annotations

import argparse
import copy
import csv
import html
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAFF_ROLES = {"teacher", "administrator", "aide"}
TICKET_KEYS = {"id", "subject", "category", "requester", "content_type", "body", "created_at"}
MAX_JUDGEMENT_SHARE = 0.05

R, N = True, False
# ticket: (reset request?, [(first, last, id as written[, middle as written]), ...])
# None for a name part or an ID that the ticket does not give.
READING: dict[str, tuple[bool, list[tuple[str | None, ...]]]] = {
    "S-3001": (
        R,
        [
            ("Mary Beth", "Tolliver", "0472815"),
            ("De'Andre", "Whitfield", "0468302"),
            ("JaMarcus", "Pettis", "0471159"),
        ],
    ),
    "S-3002": (
        R,
        [
            ("Oluwaseun", "Adebayo", "O538817"),
            ("Chukwuemeka", "Obi", "529046"),
            ("Adaeze", "Nwosu Eze", "0540731"),
            ("Yamilet", "Diaz Quinones", "0533498"),
        ],
    ),
    "S-3003": (R, [("Colton", "Rhodes", "0618204")]),
    "S-3004": (R, [("Bryson", "Hollis", "0475512"), ("Mary Beth", "Tolliver", "0472815")]),
    "S-3005": (
        R,
        [
            ("Ta'Niyah", "Bostick", "0457329"),
            ("Zaria", "Lockhart", "0455610"),
            ("Kwame", "Asante", "0457392"),
        ],
    ),
    "S-3006": (
        R,
        [
            ("Wideline", "Jean-Pierre", "0641187"),
            ("Mackenson", "Theodore", "0639920"),
            ("Fabienne", "St-Fleur", "0644315"),
        ],
    ),
    "S-3007": (
        R,
        [
            ("Venkata Sai Harshith", "K", "0582264"),
            ("Keerthana", "S", "0580472"),
            ("Sai Charan", "Bandaru", "0581945"),
            ("Lakshmi", "Ramanathan", "0579013"),
        ],
    ),
    "S-3008": (
        R,
        [
            ("Seo-yeon", "Kim", "0517736"),
            ("Minjun", "Choi", "0519048"),
            ("Ji Hoon", "Lee", "0515502"),
        ],
    ),
    "S-3009": (
        R,
        [
            ("Minh Anh", "Nguyễn", "0493318"),
            ("Bảo Ngọc", "Trần", "0490275"),
            ("Minh Khoa", "Phạm", "0491126"),
        ],
    ),
    "S-3010": (
        R,
        [
            ("billy", "pruitt", "0667213", "ray"),
            ("anna-grace", "holloway", "0669904"),
            ("da'quan", "mcnair", "0665518"),
        ],
    ),
    "S-3011": (R, [("Colton", "Rhodes", "0618204"), ("Jace", "Tillman", "0521766")]),
    "S-3012": (N, [("Jaylen", "Marbury", "0536201")]),
    "S-3013": (
        R,
        [
            ("Xavier", "Lattimore", "0627781"),
            ("Journee", "Battle", "0624410"),
            ("Kendrick", "Battle", "0458827"),
        ],
    ),
    "S-3014": (R, [("Ny’Asia", "Crumpler", "0432219"), ("Kha’Lil", "Benton", "0430087")]),
    "S-3015": (
        R,
        [
            ("Emma Kate", "Strickland", "0474021"),
            ("Tristan", "Oakes", "0516693"),
            ("Carson", "Whitaker", "0613358"),
        ],
    ),
    "S-3016": (R, [("Kendrick", "Battle", "0458827"), ("Aaliyah", "Rountree", "0459963")]),
    "S-3017": (R, [("Jaxon", "Crews", "0642250"), ("Wideline", "Jean-Pierre", "0641187")]),
    "S-3018": (R, [("Bryson", "Hollis", "0475512")]),
    "S-3019": (R, [("jaylen", "marbury", "0536201")]),
    "S-3020": (R, [("Hunter", "Ivey", "0447710")]),
    "S-3021": (R, []),
    "S-3022": (N, []),
    "S-3023": (R, []),
    "S-3024": (
        R,
        [
            ("Marquis", "Felder", "00551330"),
            ("Shamar", "Gadsden", "0549812"),
            ("Nia", "Caldwell", "05520877"),
        ],
    ),
    "S-3025": (R, [("LaTavius", "Screven", "56078"), ("Braylon", "Odom", "0454412")]),
    "S-3026": (
        R,
        [
            ("Haoran", "Zhang", "O612O45"),
            ("Yu-Ting", "Lin", "06l5530"),
            ("Zixuan", "Chen", "061O987"),
            ("Mei-Ling", "Wu", "06144O1"),
            ("Jiahui", "Ou", "06I7722"),
        ],
    ),
    "S-3027": (R, [("LaShawn", "Mims", "0476610"), ("LaShawn", "Mims", "0476160")]),
    "S-3028": (R, [("Jayden", "Brooks", "0470318")]),
    "S-3029": (R, [("Jayden", "Brooks", "0470318"), ("Colton", "Rhodes", "0618204")]),
    "S-3030": (
        R,
        [
            ("Kinsley", "Harrell", "0473390"),
            ("Bentley", "Yawn", "0469944"),
            ("Ja'Kobe", "Merritt", None),
            ("Oaklynn", "Tanner", "047o771"),
        ],
    ),
    "S-3031": (
        R,
        [
            ("Maria Jose", "Rodriguez Pagan", "0485526"),
            ("Yadiel", "Santiago Colon", "0484170"),
        ],
    ),
    "S-3032": (R, [("Destiny", "Ravenel", "0626094"), ("Tyrese", "Gadson", "0628340")]),
    "S-3033": (
        R,
        [
            ("Jaxon", "Crews", "642250"),
            ("Tavion", "Speights", "0640118"),
            ("Lovens", "Augustin", "0643092"),
            ("Stevenson", "Pierre", "0645517"),
        ],
    ),
    "S-3034": (
        R,
        [
            ("Sri Lakshmi Sahithi", "P", "0583307"),
            ("Rohan", "Kumar", "0578861"),
            ("Tanvi", "G", "0584419"),
        ],
    ),
    "S-3035": (
        R,
        [
            ("DAQUAN", "FORDHAM", "0518820"),
            ("KEASIA", "WILLIAMSON", "0520374"),
            ("TREVON", "BROWN JR.", "0514468"),
        ],
    ),
    "S-3036": (
        R,
        [
            ("Cornelius", "Haynes", "0616603"),
            ("Reginald", "Bynes II", "0613991"),
            ("Lamar", "Odom", "0619212"),
        ],
    ),
    "S-3037": (R, [("Kamari", "Seabrook", "0494450"), ("Jamiyah", "Postell", "0495581")]),
    "S-3038": (R, [("Jamal", "Ravenell", "0625513"), ("Brianna", "Sapp", "0623047")]),
    "S-3039": (R, [("Vy", "Nguyen", "0627019"), ("Bao", "Nguyen", "0459140")]),
    "S-3040": (R, [("Bao", "Nguyen", "0459140")]),
    "S-3041": (N, [("Zaria", "Lockhart", "0455610")]),
    "S-3042": (R, []),
    "S-3043": (N, []),
    "S-3044": (N, [("Addison", "Lott", "0503358"), ("Ryleigh", "Caraway", "0502214")]),
    "S-3045": (N, [("Ta'Niyah", "Bostick", "0457392")]),
    "S-3046": (
        N,
        [
            ("Kwame", "Asante", "0457329"),
            ("Zaria", "Lockhart", "0455610"),
            ("Ti'Anna", "Gaskins", "0452281"),
        ],
    ),
    "S-3047": (R, [("Ti'Anna", "Gaskins", "0452281")]),
    "S-3048": (N, [("Paisley", "Rowell", "0520913")]),
    "S-3049": (N, [("João Pedro", "Carvalho", "0560418")]),
    "S-3050": (
        R,
        [
            ("Joao Pedro", "Carvalho", "0560418"),
            ("Ana Julia", "Ferreira", "0562273"),
            ("Luiza", "Goncalves", "0558804"),
            ("Thiago", "dos Santos", "0563315"),
        ],
    ),
    "S-3051": (N, [("Malik", "Sapp", "0448129")]),
    "S-3052": (N, [("Ny'Asia", "Crumpler", "0432219"), ("Kha'Lil", "Benton", "0430087")]),
    "S-3053": (N, []),
    "S-3054": (
        R,
        [
            ("Da’Quan", "McNair", "0665518"),
            ("Luíza", "Gonçalves", "0558804"),
            ("Kaydence", "Moody", "0443306"),
        ],
    ),
    "S-3055": (R, [("D'Quan", "McNair", "0665518")]),
    "S-3056": (
        R,
        [
            ("Will", "Satterfield", "0517002"),
            ("Abby", "Dowdy", "0518153"),
            ("Hollis", "Creel", "0514009"),
        ],
    ),
    "S-3057": (
        R,
        [
            ("Meron", "Tesfaye", "0433561"),
            ("Abenezer", "Gebremedhin", "0431190"),
            ("Hiwot", "Gebre Egziabher", "434428"),
            ("Dawit", "Alemu", "0432907"),
        ],
    ),
    "S-3058": (
        R,
        [
            ("Oluwadamilare", "Ogunleye", "O668340"),
            ("Chiamaka", "Eze", "0663217"),
            ("Ifeoluwa", "Bankole", "0664485"),
        ],
    ),
    "S-3059": (N, []),
    "S-3060": (R, [("Tucker", "Bazemore", "0501263"), ("Addison", "Lott", "0503358")]),
    "S-3061": (R, [("Kaydence", "Moody", "0443308")]),
    "S-3062": (R, [("Kaydence", "Moody", "0443306"), ("Kaden", "Moody", "0443308")]),
    "S-3063": (
        R,
        [
            ("Bryson", "Hollis", "0472815"),
            ("Mary Beth", "Tolliver", "0475512"),
            ("De'Andre", "Whitfield", "0468302"),
        ],
    ),
    "S-3064": (
        R,
        [
            ("Thiago", "dos Santos", "0563315"),
            ("Gabriela", "Moura", "0561144"),
            ("Enzo", "Rezende", "0559027"),
        ],
    ),
    "S-3065": (N, [("Chiamaka", "Eze", "0663217"), ("Ifeoluwa", "Bankole", "0664485")]),
    "S-3066": (R, [("Nia", "Caldwell", "0552087"), ("Marquis", "Felder", "551330")]),
    "S-3067": (
        R,
        [
            ("Sai Charan", "Bandaru", "0581945"),
            ("Yamilet", "Díaz Quiñones", "0533498"),
            ("Min-jun", "Choi", "0519048"),
        ],
    ),
    "S-3068": (R, [("Kamari", "Seabrook", "0494450"), ("Jamiyah", "Postell", "0495581")]),
    "S-3069": (
        R,
        [
            ("Addison", "Lott", "0503358"),
            ("Ryleigh", "Caraway", "0502214"),
            ("Addison", "Lott", "0503358"),
            ("Ryleigh", "Caraway", "0502214"),
        ],
    ),
    "S-3070": (
        R,
        [
            ("Ny'Asia", "Crumpler", "0432219"),
            ("Kha'Lil", "Benton", "0430087"),
            ("Jabari", "Mungin", "0435506"),
        ],
    ),
    "S-3071": (N, [("Trevon", "Brown Jr.", "0514468")]),
    "S-3072": (R, [("Zaria", "Lockhart", "0455610"), ("Marcus", "Deloach", "0453318")]),
    "S-3073": (R, [("Meron", "Tesfaye", "0433561"), ("Bethlehem", "Tesfaye", "0433625")]),
    "S-3074": (R, [("Raelynn", "Varnadoe", "0617045")]),
    "S-3075": (R, [("Zoë", "Alvarado", "0614872"), ("Chloe", "Batiste", "0610356")]),
    "S-3076": (
        R,
        [
            ("Mary", "Tolliver", "0472815"),
            ("Billy", "Kicklighter", "0476022"),
            ("Kinsley", "Harrell", "0473390", "J."),
        ],
    ),
    "S-3077": (N, [("Braylon", "Odom", "0454412")]),
    "S-3078": (N, []),
    "S-3079": (R, [("Destiny", "Ravenel", "0626094")]),
    "S-3080": (N, []),
    "S-3081": (R, [("Malik", "Sapp", "0448129"), ("Kaden", "Moody", "0443308")]),
    "S-3082": (
        R,
        [
            ("Paisley", "Rowell", "0520913"),
            ("Jace", "Tillman", "0521766"),
            ("Remi", "O'Quinn", "O523390"),
        ],
    ),
    "S-3083": (
        R,
        [
            ("Ryleigh", "Caraway", "0502214"),
            ("Ella Grace", "Dasher", "0501263"),
            ("Tucker", "Bazemore", "0501236"),
        ],
    ),
    "S-3084": (N, []),
    "S-3085": (R, [("ANNA-GRACE", "HOLLOWAY", "0669904")]),
    "S-3086": (
        R,
        [
            ("Lamar", "Odom", "0619212"),
            ("Reginald", "Bynes II", "0613991"),
            ("Cornelius", "Haynes III", "0616603"),
        ],
    ),
    "S-3087": (N, [("Jabari", "Mungin", "0435506")]),
    "S-3088": (R, [("Xiomara", "Diaz-Ortega", "0486613"), ("Kiara", "Melendez Ruiz", "0487702")]),
    "S-3089": (
        R,
        [("Yamilet", "Díaz Quiñones", "0533498"), ("Sai Charan", "Bandaru", "0581945")],
    ),
    "S-3090": (N, []),
    "S-3091": (R, [("Braylon", "Odom", "0454412"), ("LaTavius", "Screven", "0456078")]),
    "S-3092": (
        R,
        [
            ("Aaliyah", "Rountree", "0459963"),
            ("Bao", "Nguyen", "0459140"),
            ("Kendrick", "Battle", "0458827"),
        ],
    ),
    "S-3093": (N, [("Chiamaka", "Eze", "0663217")]),
    "S-3094": (R, [("Lovens", "Augustin", "0643092"), ("Tavion", "Speights", "0640118")]),
    "S-3095": (
        R,
        [
            ("Aaliyah", "Rountree", "0459963"),
            ("Minh Anh", "Nguyen", "0493318"),
            ("Enzo", "Rezende", "0559027"),
        ],
    ),
    "S-3096": (N, [("Gabriela", "Moura", "0561144")]),
    "S-3097": (R, [("Gabriela", "Moura", "0561144"), ("Enzo", "Rezende", "0559027")]),
    "S-3098": (R, [("Kamari", "Seabrook", "0494450"), ("Jamiyah", "Postell", "0495581")]),
    "S-3099": (N, [("Oaklynn", "Tanner", "0470771"), ("Bentley", "Yawn", "0469944")]),
    "S-3100": (R, [("Da'Quan", "Fordham", "0518820")]),
    "S-3101": (R, [("Haeun", "Jung", "0547730"), ("Doyun", "Kang", "0548862")]),
    "S-3102": (N, [("Deja", "Polite", "0553127")]),
    "S-3103": (R, [("Hollis", "Creel", "0514009"), ("LilyKate", "Hiers", "0474856")]),
    "S-3104": (
        R,
        [
            ("Jace", "Tillman", "0521766"),
            ("Kamari", "Seabrook", "0494450"),
            ("Xavier", "Lattimore", "0627781"),
            ("Tucker", "Bazemore", "0501236"),
            ("Gabriela", "Moura", "0561144"),
        ],
    ),
    "S-3105": (N, []),
    "S-3106": (R, [("Tyrese", "Gadson", None), ("Tyrese", "Gadson", "0628340")]),
    "S-3107": (R, [("Hunter", "Ivey", "0447710"), ("Hunter", "Ivey", "O447710")]),
    "S-3108": (N, [("Addison", "Lott", "0503358")]),
    "S-3109": (R, [("Jamiyah", "Postell", "0495581")]),
    "S-3110": (R, [("Malik", "Sapp", "0448129"), ("Kaydence", "Moody", "0443306")]),
    "S-3111": (N, [("Ximena", "Paredes", "0435560")]),
    "S-3112": (R, [("kaden", "moody", "0443308")]),
    "S-3113": (R, [("Yamilet", "Díaz Quiñones", "0533498")]),
    "S-3114": (N, []),
    "S-3115": (R, [("Aaliyah", "Rountree", "0459963")]),
    "S-3116": (R, [("Jaylen", "Cooley", "0550621"), ("Nia", "Caldwell", "0552087")]),
    "S-3117": (N, [("Zixuan", "Chen", "0610987"), ("Mei-Ling", "Wu", "0614401")]),
    "S-3118": (R, [("Destiny", None, "0626094"), ("Tyrese", "G.", "0628340")]),
    "S-3119": (R, [(None, "Rountree", "0459963"), ("Kendrick", "Battle", "0458827")]),
    "S-3120": (
        N,
        [
            ("Jamal", "Ravenell", "0625513"),
            ("Brianna", "Sapp", "0623047"),
            ("Amari", "Legette", "0604417"),
        ],
    ),
    "S-3121": (
        R,
        [
            ("Rohan", "Kumar", "0578861"),
            ("Tanvi", "G", None),
            ("Sai Charan", "Bandaru", "0581945"),
        ],
    ),
    "S-3122": (R, [("Zoe", "Alvarado", "06148720"), ("Chloe", "Batiste", "0610356")]),
    "S-3123": (N, [("Jace", "Tillman", "0521766")]),
    "S-3124": (R, [("Colton", "Rhodes", "06182O4"), ("Raelynn", "Varnadoe", "0617S05")]),
    "S-3125": (R, [("Mary Beth", "Tolliver", "047-2815"), ("Bryson", "Hollis", "0475 512")]),
    "S-3126": (N, []),
    "S-3127": (R, [("Kamari", "Seabrook", "049445"), ("Jamiyah", "Postell", "495581")]),
    "S-3128": (R, [("Jamal", "Ravenell", None), ("Brianna", "Sapp", "0623047")]),
    "S-3129": (N, []),
    "S-3130": (
        R,
        [("Maria Jose", "Rodriguez", "0485526"), ("Yadiel", "Santiago Colon", "0484170")],
    ),
    "S-3131": (R, [("Jabari", "Mungin", "0435560"), ("Ny'Asia", "Crumpler", "0432219")]),
    "S-3132": (N, [("jamarcus", None, "0471159")]),
    "S-3133": (
        R,
        [("Wideline", "Jeanpierre", "0641187"), ("Fabienne", "Saint Fleur", "0644315")],
    ),
    "S-3134": (R, [("Hiwot", "G.", "0434428"), ("Abenezer", "Gebremedhin", "0431190")]),
    "S-3135": (N, [("Ryleigh", "Caraway", "0502214")]),
    "S-3136": (R, [("Jayden", "Brooks", "0611854"), ("JaMarcus", "Pettis", "0471159")]),
    "S-3137": (
        R,
        [
            ("Wideline", "Jean-Pierre", "0641187"),
            ("Meron", "Tesfaye", "0433561"),
            ("Minh Anh", "Nguyen", "0493318"),
        ],
    ),
    "S-3138": (N, [("Bentley", None, "0469944")]),
    "S-3139": (
        R,
        [
            ("Ti’Anna", "Gaskins", "0452281"),
            ("Kwame", "Asante", "0457329"),
            ("Marcus", "Deloach", "0453318"),
        ],
    ),
    "S-3140": (N, [("Dawit", "Alemu", "0432970")]),
    "S-3141": (N, [("Kwame", "Asante", "O457329"), ("Zaria", "Lockhart", "0455610")]),
    "S-3142": (R, [("Chiamaka", "Eze", "0663217"), ("Ifeoluwa", "Bankole", "0664485")]),
    "S-3143": (R, [("Harsha", "Yarlagadda", "0666071"), ("Divya Sree", "M", "0662290")]),
    "S-3144": (N, []),
    "S-3145": (
        R,
        [("Temitope", "Akinola", "O667588"), ("Chinedu", "Okonkwo Jr.", "0665903")],
    ),
    "S-3146": (N, []),
    "S-3147": (R, [("Braylon", "Odom", "0454412")]),
    "S-3148": (R, []),
    "S-3149": (R, []),
    "S-3150": (R, [("Bentley", "Yawn", "0469944"), ("Bentley", "Yawn", "0469944")]),
    "S-3151": (R, [("Haoran", "Zhang", "0612045"), ("Yu-Ting", "Lin", "0615530")]),
    "S-3152": (R, [("Ella Grace", "Dasher", "0501236"), ("Ryleigh", "Caraway", "0502214")]),
    "S-3153": (R, [("Tristan", "Oakes", "05l6693"), ("Emma Kate", "Strickland", "0474021")]),
    "S-3154": (R, [("Tucker", "Bazemore", "0501236")]),
    "S-3155": (
        R,
        [("Ke'Asia", "Williamson", "0520374"), ("Trevon", "Brown Jr.", "0514468")],
    ),
    "S-3156": (R, [("Seo-yeon", "Kim", "00517736"), ("Ji-hoon", "Lee", "515502")]),
}


def fold(name: str) -> str:
    """Rule 4 normalisation: case, accents, hyphens, apostrophes and spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s\-'\u2019]", "", plain)


def normalise_id(written: str | None) -> str | None:
    """Rule 3: O/o for zero, a missing leading zero, spaces/dashes/# dropped; else None."""
    if written is None:
        return None
    text = re.sub(r"[\s\-#]", "", written).replace("O", "0").replace("o", "0")
    if not text.isdigit():
        return None
    if len(text) == 6:
        return "0" + text
    return text if len(text) == 7 else None


def ticket_text(ticket: dict[str, str]) -> str:
    body = ticket["body"]
    if ticket["content_type"] == "text/html":
        body = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return " ".join(body.replace("\u00a0", " ").split())


class Roster:
    def __init__(self, directory: Path) -> None:
        with (directory / "orgs.csv").open(encoding="utf-8", newline="") as handle:
            orgs = list(csv.DictReader(handle))
        with (directory / "users.csv").open(encoding="utf-8", newline="") as handle:
            self.users = list(csv.DictReader(handle))
        districts = [o["sourcedId"] for o in orgs if o["type"] == "district"]
        if len(districts) != 1:
            raise SystemExit(f"orgs.csv must have exactly one district, found {len(districts)}")
        self.district = districts[0]
        self.index()

    def index(self) -> None:
        self.students = {u["identifier"]: u for u in self.users if u["role"] == "student"}
        self.by_email = {u["email"]: u for u in self.users}


def requester_orgs(roster: Roster, email: str) -> tuple[set[str] | None, str]:
    user = roster.by_email.get(email)
    if user is None:
        return None, "requester not in roster"
    if user["role"] not in STAFF_ROLES:
        return None, f"requester is a {user['role']}"
    if user["status"] != "active" or user["enabledUser"] != "true":
        return None, "requester inactive or disabled"
    return set(user["orgSourcedIds"].split(",")), ""


def names_match(first: str | None, last: str | None, record: dict[str, str]) -> bool:
    if first is None or last is None:
        return False
    given, family = fold(record["givenName"]), fold(record["familyName"])
    pair = (fold(first), fold(last))
    return pair in ((given, family), (family, given))


def evaluate(
    tid: str, ticket: dict[str, str], roster: Roster, reading: dict[str, tuple[bool, list]]
) -> tuple[dict[str, object], list[str]]:
    """Apply rules 2-7 to one ticket; return the expected result and reading problems."""
    problems: list[str] = []
    reset, mentions = reading[tid]
    text = ticket_text(ticket)
    for mention in mentions:
        for piece in mention:
            if piece is not None and " ".join(piece.split()) not in text:
                problems.append(f"{tid}: {piece!r} does not occur in the ticket")
    if not reset:
        return {"reset_request": False, "needs_review": False, "ready": []}, problems

    groups: dict[tuple[str, str], list[tuple[str | None, ...]]] = {}
    for mention in mentions:
        first, last = mention[0], mention[1]
        key = (fold(first) if first else "?", fold(last) if last else "?")
        groups.setdefault(key, []).append(mention)

    orgs, _why = requester_orgs(roster, ticket["requester"])
    ready: set[str] = set()
    review = 0
    for group in groups.values():
        written_ids = {m[2] for m in group if m[2] is not None}
        normalised = {normalise_id(w) or f"bad:{w}" for w in written_ids}
        if len(normalised) != 1:
            review += 1  # no ID at all, or the same student written with two IDs
            continue
        ident = normalised.pop()
        record = roster.students.get(ident)
        first, last = group[0][0], group[0][1]
        ok = (
            record is not None
            and names_match(first, last, record)
            and record["status"] == "active"
            and record["enabledUser"] == "true"
            and orgs is not None
            and (roster.district in orgs or record["orgSourcedIds"] in orgs)
        )
        if ok:
            ready.add(ident)
        else:
            review += 1
    needs_review = review > 0 or not groups
    return {"reset_request": True, "needs_review": needs_review, "ready": sorted(ready)}, problems


def check(
    roster: Roster,
    tickets: dict[str, dict[str, str]],
    truth: dict[str, dict[str, object]],
    reading: dict[str, tuple[bool, list]],
) -> list[str]:
    errors: list[str] = []
    for name, keys in (("truth.json", set(truth)), ("READING", set(reading))):
        if keys != set(tickets):
            missing = sorted(set(tickets) - keys)
            extra = sorted(keys - set(tickets))
            errors.append(f"{name} does not cover the tickets: missing {missing}, extra {extra}")
    judged = sum("judgement_call" in t.get("tags", []) for t in truth.values())
    if truth and judged / len(truth) >= MAX_JUDGEMENT_SHARE:
        errors.append(f"{judged} judgement calls is not under 5% of {len(truth)} tickets")
    for tid in sorted(set(tickets) & set(truth) & set(reading)):
        ticket, expected = tickets[tid], truth[tid]
        if set(ticket) != TICKET_KEYS or ticket["id"] != tid:
            errors.append(f"{tid}: ticket keys or id are wrong")
        if ticket["content_type"] not in ("text/plain", "text/html"):
            errors.append(f"{tid}: bad content_type")
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", ticket["created_at"]):
            errors.append(f"{tid}: bad created_at")
        ready = expected.get("ready")
        if not isinstance(ready, list) or ready != sorted(set(ready)):
            errors.append(f"{tid}: truth ready must be a sorted list without repeats")
        why = expected.get("why")
        if not expected.get("tags") or not isinstance(why, str) or not why or "\n" in why:
            errors.append(f"{tid}: truth needs tags and a one-line why")
        got, problems = evaluate(tid, ticket, roster, reading)
        errors.extend(problems)
        for field in ("reset_request", "needs_review", "ready"):
            if got[field] != expected.get(field):
                errors.append(
                    f"{tid}: {field} is {expected.get(field)!r}, rules give {got[field]!r}"
                )
    return errors


def load(base: Path) -> tuple[Roster, dict[str, dict[str, str]], dict[str, dict[str, object]]]:
    roster = Roster(base / "roster")
    tickets = {}
    for path in sorted((base / "tickets").glob("*.json")):
        ticket = json.loads(path.read_text(encoding="utf-8"))
        tickets[ticket["id"]] = ticket
    truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
    return roster, tickets, truth


def self_test(base: Path) -> int:
    roster, tickets, truth = load(base)
    clean = check(roster, tickets, truth, READING)
    print(f"unmodified data: {len(clean)} errors")
    if clean:
        return 1

    def planted_truth(tid: str, field: str, value: object) -> list[str]:
        bad = copy.deepcopy(truth)
        bad[tid][field] = value
        return check(roster, tickets, bad, READING)

    def planted_reading(tid: str, index: int, mention: tuple | None) -> list[str]:
        bad = copy.deepcopy(READING)
        if mention is None:
            del bad[tid][1][index]
        else:
            bad[tid][1][index] = mention
        return check(roster, tickets, truth, bad)

    def planted_roster(ident: str, field: str, value: str) -> list[str]:
        bad = copy.deepcopy(roster)
        for user in bad.users:
            if user["identifier"] == ident or user["email"] == ident:
                user[field] = value
        bad.index()
        return check(bad, tickets, truth, READING)

    def planted_ticket(tid: str, field: str, value: str) -> list[str]:
        bad = copy.deepcopy(tickets)
        bad[tid][field] = value
        return check(roster, bad, truth, READING)

    staff = "hollingsb@satillasound.k12.example"
    school_of_3001 = roster.students["0472815"]["orgSourcedIds"]
    cases = [
        (
            "swapped-digit student marked ready",
            planted_truth("S-3005", "ready", ["0455610", "0457329"]),
        ),
        ("ready student dropped", planted_truth("S-3001", "ready", ["0468302", "0471159"])),
        ("not-reset ticket called a reset", planted_truth("S-3012", "reset_request", True)),
        ("needs_review flipped", planted_truth("S-3003", "needs_review", True)),
        (
            "name not in the ticket",
            planted_reading("S-3056", 0, ("William", "Satterfield", "0517002")),
        ),
        ("student left out of READING", planted_reading("S-3030", 2, None)),
        ("ID typed differently", planted_reading("S-3026", 1, ("Yu-Ting", "Lin", "0615530"))),
        ("ready student disabled", planted_roster("0472815", "enabledUser", "false")),
        ("ready student tobedeleted", planted_roster("0618204", "status", "tobedeleted")),
        (
            "district staff moved to a school",
            planted_roster(staff, "orgSourcedIds", school_of_3001),
        ),
        ("requester replaced", planted_ticket("S-3003", "requester", "dalep@example.org")),
    ]
    failed = 0
    for label, errors in cases:
        caught = bool(errors)
        failed += not caught
        first = errors[0] if errors else "NOT CAUGHT"
        print(f"{'caught' if caught else 'MISSED'}: {label}: {first}")
    # The judgement-call limit needs more than one planted tag at once.
    bad = copy.deepcopy(truth)
    for tid in sorted(bad)[:6]:
        bad[tid]["tags"] = [*bad[tid]["tags"], "judgement_call"]
    limit = [e for e in check(roster, tickets, bad, READING) if "judgement" in e]
    print(f"{'caught' if limit else 'MISSED'}: judgement calls over 5%: {limit[:1]}")
    failed += not limit
    print("self-test passed" if not failed else f"self-test FAILED: {failed} not caught")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--self-test", action="store_true", help="plant errors and catch them")
    parser.add_argument("--base", type=Path, default=HERE, help="corpus directory")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test(args.base)
    roster, tickets, truth = load(args.base)
    errors = check(roster, tickets, truth, READING)
    for error in errors:
        print(error)
    ready = sum(len(t["ready"]) for t in truth.values())
    resets = [t for t in truth.values() if t["reset_request"]]
    review = sum(bool(t["needs_review"]) for t in resets)
    print(
        f"{len(truth)} tickets: {len(resets)} reset requests ({len(resets) - review} fully "
        f"ready, {review} need review), {len(truth) - len(resets)} not reset; "
        f"{ready} ready IDs; {len(errors)} errors"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
