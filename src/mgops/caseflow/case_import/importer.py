"""The case import: a sheet of families already served, checked whole, then
their family files created in their states, from their legal dates.

``dry_run`` reads the sheet (``core.case_import``) against what this site knows
— its social workers and assistants, each assistant's families now, the case
references and register numbers taken, the caseload limit, the register's
pattern — and lists every problem by row and column. ``import_cases`` does the
same and writes only when there is none (``ImportHasProblems`` otherwise); the
caller owns the transaction, so a refusal leaves nothing behind.

How a family comes in. Its file is created with its people, address, path and
dates, written by its social worker; its assistant and state are what its
historical decisions made them (``check_status_agrees``, as the archive import
checks). Each decision made before the centre used the system — the assignment
of the assistant, the end of work — becomes a ``Decision`` in the state
``imported`` (not ``signed``: nobody signed it here, and it has no XML or
signature to verify), with the kind, the assistant, the legal day
(``register_date``, the day the deadlines count from, as for a signed one) and
the number of the register of the time; a number of this register's pattern
takes its place in the register's counter, so the next decision signed here
follows it, as the archive import does. The register lists imported decisions
marked as such (``signing.register``); ``workflow.facts`` counts them as the
signed ones, so the obligations run from the imported dates, never from the day
of the import. The last assessment and the introduction of the assistant, when
the sheet gives their dates, become final documents of that date marked as
brought in. Each file's import is in the audit trail.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import time

from DateTime import DateTime
from plone import api
from plone.dexterity.utils import createContentInContainer

from mgops.caseflow.archive.importer import set_creator
from mgops.caseflow.archive.importer import set_history
from mgops.caseflow.audit.record import log_on_commit
from mgops.caseflow.core import states
from mgops.caseflow.core.archive import WorkflowEvent
from mgops.caseflow.core.case_import.columns import template_csv
from mgops.caseflow.core.case_import.columns import template_xlsx
from mgops.caseflow.core.case_import.sheet import MAX_BYTES
from mgops.caseflow.core.case_import.sheet import Problem
from mgops.caseflow.core.case_import.sheet import read_sheet
from mgops.caseflow.core.case_import.validation import Family
from mgops.caseflow.core.case_import.validation import SiteFacts
from mgops.caseflow.core.case_import.validation import check_families
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.office import OFFICE_ZONE
from mgops.caseflow.core.rules.ending import ASSIGN_ASSISTANT
from mgops.caseflow.core.rules.ending import check_status_agrees
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import SOCIAL_WORKERS_GROUP
from mgops.caseflow.groups import staff_members
from mgops.caseflow.messages import translated
from mgops.caseflow.settings import setting
from mgops.caseflow.signing.numbers import decision_numbers
from mgops.caseflow.signing.numbers import register_pattern
from mgops.caseflow.workflow.guards import active_families
from mgops.caseflow.workflow.local_roles import sync_local_roles
from mgops.caseflow.workflow.obligations import update_obligations


#: what an imported document says of itself, in the centre's language
IMPORTED_NOTE = "Przeniesione z dotychczasowej dokumentacji sprawy (import spraw)."
DECISION_TITLES = {
    ASSIGN_ASSISTANT: "Decyzja o przydziale asystenta rodziny",
    "end_work": "Decyzja o zakończeniu pracy z rodziną",
}
LEGAL_BASIS = "art. 11 i art. 15 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny"
IMPORT_ACTION = "import_case"


class ImportHasProblems(CaseflowError):
    """The sheet has problems (``problems``); nothing was imported."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            "import_has_problems",
            "The sheet has ${count} problems; nothing was imported. Correct them "
            "and send the sheet again.",
            count=len(problems),
        )
        self.problems = problems


@dataclass(frozen=True)
class Report:
    families: list[Family]
    problems: list[Problem]


def today():
    return datetime.now(OFFICE_ZONE).date()


def site_facts() -> SiteFacts:
    """What a sheet is checked against: this site's staff, caseloads, the case
    references and register numbers taken."""
    catalog = api.portal.get_tool("portal_catalog")
    assistants = frozenset(user.getId() for user in staff_members(ASSISTANTS_GROUP))
    numbers = decision_numbers()
    return SiteFacts(
        today=today(),
        social_workers=frozenset(
            user.getId() for user in staff_members(SOCIAL_WORKERS_GROUP)
        ),
        assistants=assistants,
        caseloads={user_id: active_families(user_id) for user_id in assistants},
        caseload_limit=setting("caseload_limit"),
        case_references=frozenset(
            catalog.uniqueValuesFor("case_reference")
            if "case_reference" in catalog.indexes()
            else ()
        ),
        register_places=frozenset(
            (n, year)
            for year, counter in numbers.years.items()
            for n in counter.numbers
        ),
        register_pattern=register_pattern(),
        case_reference_prefix=setting("case_reference_prefix"),
    )


def dry_run(data: bytes, filename: str = "", large: bool = False) -> Report:
    """Every problem of the sheet; writes nothing (``large``: the console
    script's limits of size)."""
    families, problems = check_families(read_sheet(data, filename, large), site_facts())
    return Report(families, problems)


def import_cases(
    data: bytes,
    filename: str,
    registry,
    progress: Callable[[int, int], None] | None = None,
    large: bool = False,
) -> list:
    """Check the whole sheet, then create its family files (returned)."""
    report = dry_run(data, filename, large)
    if report.problems:
        raise ImportHasProblems(report.problems)
    created = []
    for index, family in enumerate(report.families, start=1):
        created.append(import_family(registry, family))
        if progress is not None:
            progress(index, len(report.families))
    return created


def import_family(registry, family: Family):
    """One family's file, its imported decisions and documents, its state."""
    check_status_agrees(
        family.state,
        family.assistant if family.decisions else None,
        [(decision.kind, decision.assistant) for decision in family.decisions],
    )
    user_id = api.user.get_current().getId()
    with api.env.adopt_roles(["Manager"]):
        family_file = api.content.create(
            container=registry,
            type="FamilyFile",
            # as the archive import and the demo name them: ar-4010-12-2026
            id=family.case_reference.replace(".", "-").lower(),
            title=family.family_name,
            case_reference=family.case_reference,
            family_name=family.family_name,
            address=family.address,
            support_path=family.support_path,
            learned_on=family.learned_on,
            opened=family.learned_on,
            members=[
                {
                    "first_name": member.first_name,
                    "last_name": member.last_name,
                    "role": member.role,
                    "birth_date": member.birth_date,
                    "pesel": member.pesel,
                    "foster_care_since": None,
                }
                for member in family.members
            ],
            social_worker=family.social_worker,
            assistant=family.assistant if family.decisions else None,
            ended=family.ended if len(family.decisions) > 1 else None,
        )
        set_creator(family_file, family.social_worker)
        for decision in family.decisions:
            _imported_decision(family_file, decision, user_id)
        if family.introduction_date is not None:
            _imported_document(
                family_file,
                "Note",
                family.social_worker,
                user_id,
                title="Przedstawienie asystenta rodzinie",
                kind="introduction",
                visit_start=datetime.combine(family.introduction_date, time(12)),
                content=IMPORTED_NOTE,
            )
        if family.last_assessment is not None:
            _imported_document(
                family_file,
                "Assessment",
                family.assistant,
                user_id,
                title="Okresowa ocena sytuacji rodziny",
                period_from=family.decisions[0].day,
                period_to=family.last_assessment,
                progress=IMPORTED_NOTE,
            )
        _enter_state(family, family_file, user_id)
        sync_local_roles(family_file)
        update_obligations(family_file)
        family_file.reindexObject()
    log_on_commit(
        "import",
        family_file,
        route="case_import",
        state=family.state,
        decisions=[
            {"kind": d.kind, "day": d.day.isoformat(), "number": d.number}
            for d in family.decisions
        ],
    )
    return family_file


def _history(obj, state: str, user_id: str, when=None):
    """Created, then brought into ``state`` by the import (by the importer,
    ``when`` or now)."""
    now = when or datetime.now(UTC)
    workflow_tool = api.portal.get_tool("portal_workflow")
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    set_history(
        obj,
        workflow.id,
        (
            WorkflowEvent(user_id, "create", workflow.initial_state, now),
            WorkflowEvent(user_id, IMPORT_ACTION, state, now, IMPORTED_NOTE),
        ),
    )
    obj.reindexObject()


def _enter_state(family, family_file, user_id: str) -> None:
    """The file's state as the sheet gives it. A closed file's retention counts
    from the day it closed (``gdpr.retention.closed_on`` reads the entry that
    closed it): the sheet has no closing day, so the entry carries the last
    legal day it gives, the end of work (else the day the centre learned of
    the family), never the day of the import."""
    if family.state == states.INTAKE:
        return
    when = None
    if family.state == states.CLOSED:
        day = family.ended or family.learned_on
        when = datetime.combine(day, time(12), OFFICE_ZONE).astimezone(UTC)
    _history(family_file, family.state, user_id, when)


def _imported_decision(family_file, decision, user_id: str) -> None:
    # the documents of a case that went on before: whatever the file's state
    # now allows to add (as the archive import adds them)
    new = createContentInContainer(
        family_file,
        "Decision",
        checkConstraints=False,
        title=DECISION_TITLES[decision.kind],
        kind=decision.kind,
        assistant=decision.assistant,
        end_reason=decision.end_reason,
        legal_basis=LEGAL_BASIS,
        content=IMPORTED_NOTE,
        justification="",
    )
    new.register_date = decision.day
    new.register_number = decision.number
    new.register_year = decision.day.year
    if decision.place is not None:
        n, year = decision.place
        new.register_n, new.register_year = n, year
        decision_numbers(create=True).enter(year, n, new.UID())
    new.creation_date = DateTime(
        datetime.combine(decision.day, time(12), OFFICE_ZONE).astimezone(UTC)
    )
    _history(new, states.IMPORTED, user_id)


def _imported_document(family_file, portal_type, author, user_id, **fields) -> None:
    new = createContentInContainer(
        family_file, portal_type, checkConstraints=False, **fields
    )
    set_creator(new, author)
    _history(new, states.FINAL, user_id)


def problem_rows(problems: list[Problem], request) -> list[dict]:
    """The problems as the dry-run report lists them, in the request's language."""
    return [
        {
            "row": problem.row,
            "column": problem.column,
            "message": translated(problem.error, request),
            "reason": problem.error.msgid,
        }
        for problem in problems
    ]


def upload_bytes(upload) -> tuple[bytes, str]:
    """(data, file name) of an uploaded file, read at most one byte past the
    sheet's limit (a larger file is refused by ``read_sheet`` unread)."""
    if upload is None or not hasattr(upload, "read"):
        return b"", ""
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(MAX_BYTES + 1), getattr(upload, "filename", "") or ""


def template(file_format: str | None) -> tuple[bytes, str, str]:
    """(data, content type, file name) of the sheet's template."""
    if file_format == "csv":
        return template_csv(), "text/csv; charset=utf-8", "import-spraw.csv"
    return (
        template_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "import-spraw.xlsx",
    )
