"""The catalog read into the plain records ``core.reports`` works on.

Brains only, no object woken: the family files' own facts, the signed
decisions (kind, legal day, assistant, end reason), the final notes that date
a "Za życiem" application and the first contact, the visit notes' times, and
the staff records. The searches run as the current user, so a report holds
only what they may see (the head sees every file).
"""

from collections import defaultdict
from datetime import date

from plone import api

from mgops.caseflow.core import states
from mgops.caseflow.core.reports.records import Employment
from mgops.caseflow.core.reports.records import FileRecord
from mgops.caseflow.core.reports.records import MonthHours
from mgops.caseflow.core.reports.records import Records
from mgops.caseflow.core.reports.records import assignments_from
from mgops.caseflow.core.rules.ending import NAMING_ASSISTANT
from mgops.caseflow.core.rules.ending import SignedDecision
from mgops.caseflow.groups import ASSISTANTS_GROUP
from mgops.caseflow.groups import staff_members
from mgops.caseflow.settings import setting


APPLICATION = "za_zyciem_application"
#: the notes that record the assistant meeting the family
CONTACT_KINDS = ("introduction", "visit")


def _parent(brain) -> str:
    return brain.getPath().rsplit("/", 1)[0]


def _day(value) -> date | None:
    if not value:
        return None
    if isinstance(value, str):  # the register's own column (signing/indexers.py)
        return date.fromisoformat(value[:10])
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    return value.date() if hasattr(value, "date") else value


def _decisions(catalog) -> dict[str, list[SignedDecision]]:
    """File path → its signed decisions with their legal days (the handover
    day an assignment or change names, else the day of signing)."""
    found = defaultdict(list)
    for brain in catalog(portal_type="Decision", review_state=states.SIGNED):
        day = _day(brain.register_date)
        if day is None:
            continue
        kind = brain.document_kind
        if kind in NAMING_ASSISTANT and brain.handover_date:
            day = max(day, _day(brain.handover_date))
        found[_parent(brain)].append(
            SignedDecision(kind, day, brain.end_reason, brain.assistant)
        )
    return found


def _notes(catalog):
    """File path → (application day, its document kind, first contact), and
    (creator, year, month) → hours of their final visit notes."""
    applications, contacts = {}, defaultdict(list)
    visit_minutes = defaultdict(int)
    for brain in catalog(portal_type="Note", review_state=states.FINAL):
        path, day = _parent(brain), _day(brain.document_date)
        if brain.document_kind == APPLICATION:
            applications[path] = (day, brain.certificate_kind)
        elif brain.document_kind in CONTACT_KINDS and day:
            contacts[path].append(day)
        if brain.visit_minutes and day:
            visit_minutes[(brain.Creator, day.year, day.month)] += brain.visit_minutes
    return applications, contacts, visit_minutes


def read_records() -> Records:
    """Everything the reports read, from the catalog."""
    catalog = api.portal.get_tool("portal_catalog")
    decisions = _decisions(catalog)
    applications, contacts, visit_minutes = _notes(catalog)
    files = []
    for brain in catalog(portal_type="FamilyFile"):
        path = brain.getPath()
        signed = decisions.get(path, [])
        ends = sorted((d for d in signed if d.kind == "end_work"), key=lambda d: d.day)
        received, certificate = applications.get(path, (None, None))
        first_contact = min(
            (day for day in contacts.get(path, ()) if received and day >= received),
            default=None,
        )
        files.append(
            FileRecord(
                key=brain.UID,
                case_reference=brain.case_reference or "",
                support_path=brain.support_path or "standard",
                za_zyciem_kind=certificate,
                children=brain.children_count or 0,
                court_obliged_on=_day(brain.court_obliged_on),
                court_requests=tuple(
                    _day(asked) for asked, _sent in brain.court_opinions or () if asked
                ),
                opinions_sent=tuple(
                    _day(sent) for _asked, sent in brain.court_opinions or () if sent
                ),
                assignments=assignments_from(signed),
                work_ended=ends[-1].day if ends else None,
                end_reason=ends[-1].end_reason if ends else None,
                application_received=received,
                first_contact=first_contact,
            )
        )
    employments, hours = [], []
    for brain in catalog(portal_type="Employment"):
        record = brain.staff_record or {}
        employments.append(
            Employment(
                record["assistant"],
                record["form"],
                float(record["fte"] or 0),
                record["start"],
                record.get("end"),
            )
        )
    for brain in catalog(portal_type="MonthlyHours"):
        record = brain.staff_record or {}
        key = (record["assistant"], record["year"], record["month"])
        hours.append(
            MonthHours(
                *key,
                hours=float(record["hours"] or 0),
                sick_days=int(record.get("sick_days") or 0),
                approved=brain.review_state == "approved",
            )
        )
    names = {
        user.getId(): user.getProperty("fullname") or user.getId()
        for user in staff_members(ASSISTANTS_GROUP)
    }
    return Records(
        files=tuple(files),
        employments=tuple(employments),
        hours=tuple(hours),
        caseload_limit=setting("caseload_limit"),
        visit_hours={key: round(n / 60, 2) for key, n in visit_minutes.items()},
        names=names,
    )
