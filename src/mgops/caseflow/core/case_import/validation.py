"""The rows of an import sheet as families, and every problem by row and column.

Nothing here writes: ``check_families`` reads the rows against what the site
knows (``SiteFacts``: its staff, the assistants' caseloads, the case references
and register numbers taken) and returns the families and the list of problems;
the Plone half imports only when that list is empty.

What a family's dates and state must say (DESIGN, "Process"; the decisions as
``core.rules.ending`` reads them):

- every date is a real day, not before 1900 and not after today, and they come
  in the order of the process: the centre learned of the family, the head
  assigned the assistant, the social worker introduced the assistant, the
  assistant assessed the family, the work ended;
- an assistant works with a family only on the head's decision: a file in
  *praca z rodziną* (active), *monitorowanie* or *praca socjalna* has the
  assignment's date and number and its assistant; monitoring and social work
  follow the end of work, so they have its date; a file in *przyjęcie*
  (intake) has neither; the assistant named must be below the caseload limit
  (Act of 9 June 2011, art. 15 ust. 4) counting the files of the site and of
  the sheet;
- a file awaiting the head's decision is not brought in: its interview and
  request are the social worker's to record in the system (import it in
  intake), so that the decision is made and signed here.
"""

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from mgops.caseflow.core import states
from mgops.caseflow.core.case_import.columns import BY_KEY
from mgops.caseflow.core.case_import.columns import COLUMNS
from mgops.caseflow.core.case_import.columns import IMPORTABLE_STATES
from mgops.caseflow.core.case_import.columns import PATH_NAMES
from mgops.caseflow.core.case_import.columns import REQUIRED
from mgops.caseflow.core.case_import.columns import ROLE_NAMES
from mgops.caseflow.core.case_import.columns import STATE_NAMES
from mgops.caseflow.core.case_import.sheet import Problem
from mgops.caseflow.core.case_import.sheet import Table
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.rules.case_reference import check_case_reference
from mgops.caseflow.core.rules.caseload import check_caseload
from mgops.caseflow.core.rules.ending import ASSIGN_ASSISTANT
from mgops.caseflow.core.rules.ending import END_WORK
from mgops.caseflow.core.rules.ending import NO_COOPERATION
from mgops.caseflow.core.rules.ending import PLAN_ACHIEVED
from mgops.caseflow.core.rules.input_limits import EARLIEST_DATE
from mgops.caseflow.core.rules.input_limits import MAX_LINE_LENGTH
from mgops.caseflow.core.rules.pesel import check_pesel
from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.number_pattern import parse_register_number


FAMILY_KEYS = tuple(c.key for c in COLUMNS if c.level == "family")
MEMBER_KEYS = tuple(c.key for c in COLUMNS if c.level == "member")
DATE_KEYS = frozenset(c.key for c in COLUMNS if c.kind == "date")
#: the order of the process the dates must follow, earliest first
DATE_ORDER = (
    "learned_on",
    "assignment_date",
    "introduction_date",
    "last_assessment",
    "ended",
)
#: the state a file's end of work led to → the reason its imported decision gives
END_REASON_OF_STATE = {
    states.MONITORING: PLAN_ACHIEVED,
    states.SOCIAL_WORK: NO_COOPERATION,
}
WITH_ASSISTANT = (states.ACTIVE, states.MONITORING, states.SOCIAL_WORK)
AFTER_END = (states.MONITORING, states.SOCIAL_WORK)
_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class SiteFacts:
    """What the site knows that a sheet is checked against."""

    today: date
    social_workers: frozenset[str]
    assistants: frozenset[str]
    #: assistant → families they work with now (state active)
    caseloads: Mapping[str, int]
    caseload_limit: int
    case_references: frozenset[str]
    #: (n, year) of the register numbers taken
    register_places: frozenset[tuple[int, int]]
    register_pattern: str = "{n}/{year}"
    case_reference_prefix: str = "AR.4010"


@dataclass(frozen=True)
class Member:
    first_name: str
    last_name: str
    role: str
    birth_date: date | None
    pesel: str | None


@dataclass(frozen=True)
class ImportedDecision:
    """A decision of the head made before the centre used the system: its kind,
    its legal day, its number in the register of the time and, where that
    number is of this register's pattern, its (n, year) place."""

    kind: str
    day: date
    number: str | None
    place: tuple[int, int] | None = None
    end_reason: str | None = None
    assistant: str | None = None


@dataclass(frozen=True)
class Family:
    row: int
    case_reference: str
    family_name: str
    address: str
    support_path: str
    social_worker: str
    assistant: str | None
    learned_on: date
    state: str
    assignment_date: date | None = None
    assignment_number: str | None = None
    introduction_date: date | None = None
    last_assessment: date | None = None
    ended: date | None = None
    end_number: str | None = None
    members: tuple[Member, ...] = ()
    decisions: tuple[ImportedDecision, ...] = field(default=())


def problem(row, key, msgid, default, **mapping) -> Problem:
    header = BY_KEY[key].header if key in BY_KEY else key
    return Problem(row, header, CaseflowError(msgid, default, **mapping))


def parse_day(text: str) -> date:
    """DD.MM.RRRR (or RRRR-MM-DD, as some systems export) → a date."""
    found = _DAY.match(text)
    try:
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        found = _ISO.match(text)
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        pass
    raise ValueError(text)


class _Reader:
    """Reads one family's rows, noting each problem where it is."""

    def __init__(self, site: SiteFacts, problems: list[Problem]):
        self.site = site
        self.problems = problems

    def note(self, row, key, msgid, default, **mapping):
        self.problems.append(problem(row, key, msgid, default, **mapping))

    def value(self, rows, key) -> tuple[int, str | None]:
        """The family's one value of ``key`` (rows may repeat it, not contradict)."""
        first = None
        for number, values in rows:
            text = values.get(key)
            if not text:
                continue
            if first is None:
                first = (number, text)
            elif text != first[1]:
                self.note(
                    number,
                    key,
                    "import_family_values_differ",
                    "The rows of one family give different values: "
                    "\u201e${first}\u201d in row ${first_row}, "
                    "\u201e${value}\u201d here.",
                    first=first[1],
                    first_row=first[0],
                    value=text,
                )
        return first or (rows[0][0], None)

    def text(self, row, key, value) -> str | None:
        if value is not None and len(value) > MAX_LINE_LENGTH:
            self.note(
                row,
                key,
                "rule_text_too_long",
                "The text is ${length} characters long; at most ${limit} are allowed.",
                length=len(value),
                limit=MAX_LINE_LENGTH,
            )
            return None
        return value

    def day(self, row, key, value) -> date | None:
        if value is None:
            return None
        try:
            day = parse_day(value)
        except ValueError:
            self.note(
                row,
                key,
                "import_bad_date",
                "\u201e${value}\u201d is not a date; write it as DD.MM.RRRR.",
                value=value,
            )
            return None
        if day < EARLIEST_DATE or day > self.site.today:
            self.note(
                row,
                key,
                "import_date_out_of_range",
                "The date ${value} is before 1900 or after today.",
                value=value,
            )
            return None
        return day

    def member(self, number, values) -> Member | None:
        if not any(values.get(key) for key in MEMBER_KEYS):
            return None
        first = self.text(number, "first_name", values.get("first_name"))
        last = self.text(number, "last_name", values.get("last_name"))
        for key, given in (("first_name", first), ("last_name", last)):
            if not given:
                self.note(
                    number,
                    key,
                    "import_member_name_missing",
                    "A family member needs a first name and a last name.",
                )
        role_text = (values.get("role") or "").casefold()
        role = ROLE_NAMES.get(role_text)
        if role is None:
            self.note(
                number,
                "role",
                "import_unknown_role",
                "\u201e${value}\u201d is not a role in the family; write one of: "
                "${roles}.",
                value=values.get("role") or "",
                roles=", ".join(sorted(set(ROLE_NAMES) - {"inny", "małżonek"})),
            )
        birth = self.day(number, "birth_date", values.get("birth_date"))
        pesel = values.get("pesel") or None
        if pesel is not None:
            try:
                pesel = check_pesel(pesel, birth)
            except CaseflowError as error:
                self.problems.append(Problem(number, BY_KEY["pesel"].header, error))
        return Member(first or "", last or "", role or "other", birth, pesel)

    def number(self, row, key, value, day, taken: set) -> tuple[int, int] | None:
        """The register place of a decision number of this register's pattern
        (None for another register's number, kept as written)."""
        if value is None:
            return None
        try:
            place = parse_register_number(self.site.register_pattern, value)
        except SignatureError:
            return None
        n, year = place
        if day is not None and year != day.year:
            self.note(
                row,
                key,
                "import_number_year",
                "The decision ${number} is numbered in the register of ${year}, but "
                "dated ${day}.",
                number=value,
                year=year,
                day=day.strftime("%d.%m.%Y"),
            )
        if place in self.site.register_places or place in taken:
            self.note(
                row,
                key,
                "import_number_taken",
                "The register number ${number} belongs to another decision already.",
                number=value,
            )
        taken.add(place)
        return place


def _group(table: Table) -> dict[str, list[tuple[int, dict]]]:
    families: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for number, values in table.rows:
        families[values.get("case_reference", "")].append((number, values))
    return families


def check_families(table: Table, site: SiteFacts) -> tuple[list[Family], list[Problem]]:
    """The sheet's families, and every problem of the sheet (empty: import)."""
    problems = list(table.problems)
    if any(problem.row == 1 for problem in problems):
        return [], problems  # without its columns the rows cannot be read
    reader = _Reader(site, problems)
    families: list[Family] = []
    numbers_taken: set = set()
    caseload: dict[str, int] = dict(site.caseloads)
    if not table.rows:
        problems.append(
            problem(2, "case_reference", "import_no_rows", "The sheet has no families.")
        )
    for reference, rows in _group(table).items():
        family = _family(reader, reference, rows, numbers_taken)
        if family is None:
            continue
        if family.state == states.ACTIVE and family.assistant:
            try:
                check_caseload(caseload.get(family.assistant, 0), site.caseload_limit)
            except CaseflowError as error:
                problems.append(Problem(family.row, BY_KEY["assistant"].header, error))
            caseload[family.assistant] = caseload.get(family.assistant, 0) + 1
        families.append(family)
    # a cell the sheet refused (a formula) is not reported again as empty
    refused = {(p.row, p.column) for p in table.problems}
    problems[len(table.problems) :] = [
        p for p in problems[len(table.problems) :] if (p.row, p.column) not in refused
    ]
    problems.sort(key=lambda p: (p.row, _column_order(p.column)))
    return (families if not problems else []), problems


def _column_order(header: str) -> int:
    for index, column in enumerate(COLUMNS):
        if column.header == header:
            return index
    return len(COLUMNS)


def _family(reader: _Reader, reference: str, rows, numbers_taken) -> Family | None:
    site, start = reader.site, len(reader.problems)
    row = rows[0][0]
    values = {}
    for key in FAMILY_KEYS:
        where, value = reader.value(rows, key)
        values[key] = (where, reader.text(where, key, value))
    for key in REQUIRED:
        if values[key][1] is None:
            reader.note(
                values[key][0],
                key,
                "import_value_missing",
                "The column \u201e${column}\u201d is empty.",
                column=BY_KEY[key].header,
            )
    if reference:
        try:
            check_case_reference(reference, site.case_reference_prefix)
        except CaseflowError as error:
            reader.problems.append(Problem(row, BY_KEY["case_reference"].header, error))
        if reference in site.case_references:
            reader.note(
                row,
                "case_reference",
                "import_case_exists",
                "The family file ${reference} is in the system already.",
                reference=reference,
            )
    state = _state(reader, *values["state"])
    path = _path(reader, *values["support_path"])
    for key, staff, msgid in (
        ("social_worker", site.social_workers, "import_unknown_social_worker"),
        ("assistant", site.assistants, "import_unknown_assistant"),
    ):
        where, login = values[key]
        if login is not None and login not in staff:
            reader.note(
                where,
                key,
                msgid,
                "\u201e${login}\u201d is not a user of the system in this role.",
                login=login,
            )
    days = {key: reader.day(values[key][0], key, values[key][1]) for key in DATE_ORDER}
    _check_order(reader, values, days)
    if state is not None:
        _check_state(reader, state, values, days)
    members = tuple(
        member
        for member in (reader.member(number, row_values) for number, row_values in rows)
        if member is not None
    )
    assignment_place = reader.number(
        values["assignment_number"][0],
        "assignment_number",
        values["assignment_number"][1],
        days["assignment_date"],
        numbers_taken,
    )
    end_place = reader.number(
        values["end_number"][0],
        "end_number",
        values["end_number"][1],
        days["ended"],
        numbers_taken,
    )
    if len(reader.problems) > start:
        return None
    assistant = values["assistant"][1]
    decisions = []
    if days["assignment_date"] is not None:
        decisions.append(
            ImportedDecision(
                ASSIGN_ASSISTANT,
                days["assignment_date"],
                values["assignment_number"][1],
                assignment_place,
                assistant=assistant,
            )
        )
    if days["ended"] is not None and days["assignment_date"] is not None:
        decisions.append(
            ImportedDecision(
                END_WORK,
                days["ended"],
                values["end_number"][1],
                end_place,
                end_reason=END_REASON_OF_STATE.get(state),
            )
        )
    return Family(
        row=row,
        case_reference=reference,
        family_name=values["family_name"][1],
        address=values["address"][1],
        support_path=path,
        social_worker=values["social_worker"][1],
        assistant=assistant,
        learned_on=days["learned_on"],
        state=state,
        assignment_date=days["assignment_date"],
        assignment_number=values["assignment_number"][1],
        introduction_date=days["introduction_date"],
        last_assessment=days["last_assessment"],
        ended=days["ended"],
        end_number=values["end_number"][1],
        members=members,
        decisions=tuple(decisions),
    )


def _state(reader, row, text) -> str | None:
    if text is None:
        return None
    state = STATE_NAMES.get(
        text.casefold(), text if text in IMPORTABLE_STATES else None
    )
    if state == states.AWAITING_DECISION:
        reader.note(
            row,
            "state",
            "import_awaiting_decision",
            "A file awaiting the head's decision is not brought in: import it in "
            "\u201eprzyjęcie\u201d and record the interview and the request in the "
            "system, so that the decision is signed here.",
        )
        return None
    if state not in IMPORTABLE_STATES:
        reader.note(
            row,
            "state",
            "import_unknown_state",
            "\u201e${value}\u201d is not a state of a family file; write one of: "
            "przyjęcie, praca z rodziną, monitorowanie, praca socjalna, zamknięte.",
            value=text,
        )
        return None
    return state


def _path(reader, row, text) -> str:
    if text is None:
        return "standard"
    path = PATH_NAMES.get(text.casefold().strip('\u201e\u201d"')) or (
        text if text in PATH_NAMES.values() else None
    )
    if path is None:
        reader.note(
            row,
            "support_path",
            "import_unknown_path",
            "\u201e${value}\u201d is not a path; write \u201estandardowa\u201d or "
            "\u201eza życiem\u201d.",
            value=text,
        )
        return "standard"
    return path


def _check_order(reader, values, days) -> None:
    """Each date on or after every earlier one of the process."""
    for index, key in enumerate(DATE_ORDER):
        later = days[key]
        if later is None:
            continue
        for earlier_key in DATE_ORDER[:index]:
            earlier = days[earlier_key]
            if earlier is not None and later < earlier:
                reader.note(
                    values[key][0],
                    key,
                    "import_date_order",
                    "The date ${later} comes before \u201e${earlier_column}\u201d "
                    "(${earlier}); the dates must follow the order of the case.",
                    later=later.strftime("%d.%m.%Y"),
                    earlier_column=BY_KEY[earlier_key].header,
                    earlier=earlier.strftime("%d.%m.%Y"),
                )
                break


def _check_state(reader, state, values, days) -> None:
    """What the state needs from the dates, and what it does not allow."""
    needs, forbids = [], []
    if state in WITH_ASSISTANT:
        needs += ["assistant", "assignment_date", "assignment_number"]
    if state in AFTER_END:
        needs.append("ended")
    if state == states.ACTIVE:
        forbids += ["ended", "end_number"]
    if state == states.INTAKE:
        forbids += [
            "assistant",
            "assignment_date",
            "assignment_number",
            "introduction_date",
            "last_assessment",
            "ended",
            "end_number",
        ]
    if state == states.CLOSED and days["ended"] is not None:
        needs += ["assistant", "assignment_date", "assignment_number"]
    if state == states.CLOSED and days["assignment_date"] is not None:
        needs.append("ended")
    if state != states.INTAKE:
        # what only follows an assignment (or an end of work) needs it
        if any(
            values[key][1] is not None
            for key in ("assistant", "introduction_date", "last_assessment")
        ):
            needs += ["assistant", "assignment_date", "assignment_number"]
        if values["end_number"][1] is not None:
            needs.append("ended")
    needs = list(dict.fromkeys(needs))
    for key in needs:
        if values[key][1] is None:
            reader.note(
                values["state"][0],
                key,
                "import_state_needs",
                "In the state \u201e${state}\u201d the column \u201e${column}\u201d "
                "must be filled in: only the head's decisions give a family its "
                "assistant and end the work.",
                state=values["state"][1],
                column=BY_KEY[key].header,
            )
    for key in forbids:
        if values[key][1] is not None:
            reader.note(
                values[key][0],
                key,
                "import_state_forbids",
                "The state \u201e${state}\u201d does not allow \u201e${column}\u201d: "
                "the dates say the case is elsewhere.",
                state=values["state"][1],
                column=BY_KEY[key].header,
            )
