"""The demo's people and families as plain, fixed values (no Plone, no randomness).

Names, birth dates and addresses are made up; PESELs are computed from the birth
date and sex with a valid check digit, so the same data comes out on every run.
Dates of what happened to a family are not here: ``timeline`` counts them back
from the day the demo is loaded.
"""

import zlib
from dataclasses import dataclass
from datetime import date

from stdnum.pl import pesel as stdnum_pesel

from mgops.caseflow.groups import ARCHIVISTS_GROUP
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import HEADS_GROUP
from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP


EMAIL_DOMAIN = "mgops.example.org"


@dataclass(frozen=True)
class DemoUser:
    """A member of staff; the password is documented in README.md."""

    user_id: str
    fullname: str
    group: str
    post: str

    @property
    def password(self) -> str:
        return f"demo-{self.user_id}"

    @property
    def email(self) -> str:
        return f"{self.user_id}@{EMAIL_DOMAIN}"


HEAD = DemoUser("mwisniewska", "Małgorzata Wiśniewska", HEADS_GROUP, "Kierownik")
SW_KOWALCZYK = DemoUser(
    "akowalczyk", "Agnieszka Kowalczyk", SOCIAL_WORKERS_GROUP, "Pracownik socjalny"
)
SW_ZIELINSKI = DemoUser(
    "pzielinski", "Piotr Zieliński", SOCIAL_WORKERS_GROUP, "Pracownik socjalny"
)
FA_WOJCIK = DemoUser(
    "kwojcik", "Katarzyna Wójcik", ASSISTANTS_GROUP, "Asystent rodziny"
)
FA_KAMINSKI = DemoUser(
    "tkaminski", "Tomasz Kamiński", ASSISTANTS_GROUP, "Asystent rodziny"
)
ARCHIVIST = DemoUser(
    "jlewandowska", "Joanna Lewandowska", ARCHIVISTS_GROUP, "Archiwista"
)

USERS = (HEAD, SW_KOWALCZYK, SW_ZIELINSKI, FA_WOJCIK, FA_KAMINSKI, ARCHIVIST)


def pesel_for(birth_date: date, sex: str, seed: str) -> str:
    """A valid PESEL encoding ``birth_date`` and ``sex`` ("M" or "F").

    The serial number comes from ``seed`` (the person's name), so it is stable.
    """
    century_offset = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[birth_date.year // 100]
    serial = zlib.crc32(seed.encode("utf-8")) % 1000
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    number = "%02d%02d%02d%03d%d" % (
        birth_date.year % 100,
        birth_date.month + century_offset,
        birth_date.day,
        serial,
        sex_digit,
    )
    return number + stdnum_pesel.calc_check_digit(number)


@dataclass(frozen=True)
class DemoMember:
    first_name: str
    last_name: str
    role: str
    birth_date: date
    sex: str
    #: a child placed in foster care (seed rule 1): since when
    foster_care_since: date | None = None

    @property
    def pesel(self) -> str:
        return pesel_for(
            self.birth_date, self.sex, f"{self.first_name} {self.last_name}"
        )

    def as_row(self) -> dict:
        """The row of the family file's members table."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "role": self.role,
            "birth_date": self.birth_date,
            "pesel": self.pesel,
            "foster_care_since": self.foster_care_since,
        }


@dataclass(frozen=True)
class DemoFamily:
    """A family and how far its file has come.

    ``learned_ago``: days before the demo's day when the centre learned of the
    family. ``work_months``: months of work with the assistant before the head ended
    it (families that reached monitoring or beyond); ``refused_after_months``: when a
    family in social work refused to cooperate.
    """

    key: str
    family_name: str
    address: str
    members: tuple[DemoMember, ...]
    state: str
    social_worker: DemoUser
    learned_ago: int
    assistant: DemoUser | None = None
    support_path: str = "standard"
    urgent: bool = False
    work_months: int | None = None
    refused_after_months: int | None = None
    findings: str = ""
    #: a court obliged the family to work with an assistant (KRiO art. 109 § 2
    #: pkt 1) and asked for the assistant's opinion (the reports count both)
    court: bool = False


def _m(first, last, role, year, month, day, sex, foster_care_since=None):
    return DemoMember(first, last, role, date(year, month, day), sex, foster_care_since)


TOWN = "05-300 Mińsk Mazowiecki"

FAMILIES = (
    DemoFamily(
        key="zawadzcy",
        family_name="Zawadzcy",
        address=f"ul. Kościuszki 8 m. 3, {TOWN}",
        members=(
            _m("Monika", "Zawadzka", "applicant", 1998, 4, 17, "F"),
            _m("Łukasz", "Zawadzki", "spouse", 1996, 11, 2, "M"),
        ),
        state="intake",
        support_path="za_zyciem",
        social_worker=SW_KOWALCZYK,
        learned_ago=3,
        findings="Wniosek o koordynację poradnictwa w ramach ustawy „Za życiem”; "
        "kobieta w ciąży, zaświadczenie lekarskie w aktach.",
    ),
    DemoFamily(
        key="nowakowie",
        family_name="Nowakowie",
        address=f"ul. Kolejowa 15, {TOWN}",
        members=(
            _m("Ewelina", "Nowak", "mother", 1989, 2, 11, "F"),
            _m("Dariusz", "Nowak", "father", 1985, 7, 23, "M"),
            _m("Oliwia", "Nowak", "child", 2014, 9, 30, "F"),
            _m("Kacper", "Nowak", "child", 2019, 1, 15, "M"),
        ),
        state="intake",
        social_worker=SW_ZIELINSKI,
        learned_ago=8,
        findings="Zgłoszenie szkoły: częste nieobecności Oliwii, zaległości w "
        "opłatach za mieszkanie. Wywiad w toku.",
    ),
    DemoFamily(
        key="wroblewscy",
        family_name="Wróblewscy",
        address=f"ul. Warszawska 102 m. 7, {TOWN}",
        members=(
            _m("Justyna", "Wróblewska", "mother", 1992, 6, 5, "F"),
            _m("Szymon", "Wróblewski", "child", 2012, 3, 12, "M"),
            _m("Zuzanna", "Wróblewska", "child", 2016, 12, 1, "F"),
            _m("Halina", "Wróblewska", "grandparent", 1961, 8, 19, "F"),
        ),
        state="awaiting_decision",
        social_worker=SW_KOWALCZYK,
        assistant=FA_KAMINSKI,
        learned_ago=30,
        findings="Matka samotnie wychowująca dwoje dzieci, bez stałego zatrudnienia; "
        "trudności opiekuńczo-wychowawcze, konflikty z synem. Babcia pomaga w opiece.",
    ),
    DemoFamily(
        key="kowalscy",
        family_name="Kowalscy",
        address=f"ul. Mostowa 4, {TOWN}",
        members=(
            _m("Marta", "Kowalska", "mother", 1990, 10, 10, "F"),
            _m("Krzysztof", "Kowalski", "father", 1987, 5, 28, "M"),
            _m("Julia", "Kowalska", "child", 2011, 7, 7, "F"),
            _m("Antoni", "Kowalski", "child", 2015, 2, 19, "M"),
            _m("Lena", "Kowalska", "child", 2020, 11, 25, "F"),
        ),
        state="active",
        social_worker=SW_KOWALCZYK,
        assistant=FA_WOJCIK,
        learned_ago=250,
        court=True,
        findings="Rodzina wielodzietna; ojciec pracuje sezonowo, matka nie pracuje. "
        "Zadłużenie, niskie umiejętności prowadzenia budżetu domowego, trudności "
        "szkolne Antoniego.",
    ),
    DemoFamily(
        key="dabrowscy",
        family_name="Dąbrowscy",
        address=f"ul. Okrzei 21 m. 12, {TOWN}",
        members=(
            _m("Renata", "Dąbrowska", "mother", 1984, 1, 30, "F"),
            _m("Paweł", "Dąbrowski", "child", 2009, 4, 4, "M"),
            # placed in a foster family by the court; the work is for her return
            _m(
                "Wiktoria",
                "Dąbrowska",
                "child",
                2013,
                8,
                16,
                "F",
                foster_care_since=date(2025, 10, 6),
            ),
        ),
        state="social_work",
        social_worker=SW_ZIELINSKI,
        assistant=FA_WOJCIK,
        learned_ago=150,
        refused_after_months=2,
        findings="Nadużywanie alkoholu przez matkę, zaniedbania w opiece nad "
        "młodszą córką, zgłoszenie pedagoga szkolnego.",
    ),
    DemoFamily(
        key="szymanscy",
        family_name="Szymańscy",
        address=f"ul. Topolowa 9, {TOWN}",
        members=(
            _m("Agata", "Szymańska", "mother", 1993, 3, 3, "F"),
            _m("Michał", "Szymański", "father", 1991, 12, 12, "M"),
            _m("Filip", "Szymański", "child", 2017, 6, 21, "M"),
        ),
        state="monitoring",
        social_worker=SW_ZIELINSKI,
        assistant=FA_KAMINSKI,
        learned_ago=330,
        work_months=9,
        findings="Młodzi rodzice po eksmisji, tymczasowe mieszkanie socjalne, "
        "trudności w organizacji opieki nad dzieckiem z orzeczeniem o "
        "niepełnosprawności.",
    ),
    DemoFamily(
        key="pawlakowie",
        family_name="Pawlakowie",
        address=f"ul. Sienkiewicza 33, {TOWN}",
        members=(
            _m("Beata", "Pawlak", "mother", 1986, 9, 9, "F"),
            _m("Jakub", "Pawlak", "child", 2010, 10, 1, "M"),
            _m("Maja", "Pawlak", "child", 2018, 5, 5, "F"),
        ),
        state="closed",
        social_worker=SW_KOWALCZYK,
        assistant=FA_KAMINSKI,
        learned_ago=600,
        work_months=12,
        findings="Przemoc domowa ze strony byłego partnera (procedura „Niebieskie "
        "Karty” zakończona), matka bez pracy, potrzeba wsparcia w usamodzielnieniu.",
    ),
    DemoFamily(
        key="gorscy",
        family_name="Górscy",
        address=f"ul. Królowej Jadwigi 5, {TOWN}",
        members=(
            _m("Iwona", "Górska", "mother", 1980, 12, 24, "F"),
            _m("Tadeusz", "Górski", "father", 1978, 3, 15, "M"),
            _m("Natalia", "Górska", "child", 2007, 11, 11, "F"),
        ),
        state="archived",
        social_worker=SW_ZIELINSKI,
        assistant=FA_WOJCIK,
        learned_ago=1100,
        work_months=14,
        findings="Długotrwałe bezrobocie obojga rodziców, niedożywienie, "
        "absencja szkolna córki.",
    ),
)

#: Texts of the documents, by kind; chosen per family so files differ a little.
VISIT_NOTES = (
    "Wizyta w miejscu zamieszkania. Omówiono realizację planu pracy; rodzina "
    "przedstawiła rachunki z bieżącego miesiąca. Ustalono termin kolejnego spotkania.",
    "Wspólne przygotowanie tygodniowego jadłospisu i listy zakupów. Matka "
    "samodzielnie wyliczyła budżet na najbliższy tydzień.",
    "Rozmowa z wychowawczynią w szkole w obecności matki; uzgodniono zajęcia "
    "wyrównawcze i cotygodniowy kontakt telefoniczny.",
    "Towarzyszenie w wizycie w poradni psychologiczno-pedagogicznej; złożono "
    "wniosek o diagnozę.",
    "Wizyta domowa: porządek w mieszkaniu zachowany, dzieci pod opieką matki. "
    "Omówiono postępy i trudności ostatnich tygodni.",
)
MONITORING_NOTES = (
    "Wizyta monitorująca. Rodzina funkcjonuje samodzielnie, opłaty regulowane "
    "terminowo, dzieci uczęszczają do szkoły.",
    "Wizyta monitorująca. Sytuacja stabilna; matka utrzymuje zatrudnienie, "
    "kontakt ze szkołą bez zastrzeżeń.",
    "Wizyta monitorująca, ostatnia w okresie monitorowania. Brak przesłanek do "
    "ponownego objęcia rodziny wsparciem asystenta.",
)
CONTROL_NOTES = (
    "Wizyta kontrolna pracownika socjalnego. Matka odmawia współpracy z "
    "asystentem; dzieci zadbane, w mieszkaniu porządek.",
    "Wizyta kontrolna. Rodzina nadal odmawia współpracy; ustalono kontakt z "
    "pedagogiem szkolnym w sprawie frekwencji Wiktorii.",
)
