"""Everything held about one person across family files (GDPR art. 15).

Regulation (EU) 2016/679, art. 15 (right of access): the data subject gets a
copy of the personal data processed and what it is processed for. The head
prepares it: this module finds the person (by PESEL, or by first and last name)
in the members of every family file the head may see and lists the file, the
person's record and the documents held in that file.

Each file the report shows is recorded in the audit trail (``person_report``);
the PESEL in the trail is masked, so the trail does not become a second
register of people. The CSV is for spreadsheets: UTF-8 with BOM, and cells a
spreadsheet would run as a formula are quoted with an apostrophe.
"""

import csv
import io

from plone import api

from mgops.caseflow import _
from mgops.caseflow.audit.record import log_now
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.rules.pesel import check_pesel


LEGAL_BASIS = _(
    "person_report_basis",
    default="Regulation (EU) 2016/679 (GDPR), art. 15: right of access by the data "
    "subject.",
)

#: no first and last name is longer; a longer one is refused, not searched for
MAX_NAME = 300


def person_report(pesel=None, name=None, request=None) -> list[dict]:
    """The person's records (see ``find_person``), each file shown audited.

    Refused unless a valid PESEL or a name is given.
    """
    if (not pesel and not name) or (name and len(name) > MAX_NAME):
        raise CaseflowError(
            "error_person_report_query",
            'Give the person\'s PESEL ("pesel") or first and last name '
            '("name") in the body of the request.',
        )
    if pesel:
        check_pesel(pesel)
    records = find_person(pesel=pesel, name=name)
    masked = f"{pesel[:6]}*****" if pesel else None
    for record in records:
        log_now(
            "person_report",
            obj=api.content.get(UID=record["family_file"]["uid"]),
            request=request,
            detail={"pesel": masked, "name": name},
        )
    return records


def _same_name(member, name):
    full = f"{member.get('first_name') or ''} {member.get('last_name') or ''}"
    return " ".join(full.lower().split()) == " ".join(name.lower().split())


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def find_person(pesel=None, name=None):
    """One record per (family file, matching member), with the file's documents."""
    records = []
    for brain in api.content.find(portal_type="FamilyFile", sort_on="path"):
        family_file = brain.getObject()
        if not IFamilyFile.providedBy(family_file):
            continue
        for member in family_file.members or []:
            if pesel and member.get("pesel") != pesel:
                continue
            if name and not _same_name(member, name):
                continue
            if not pesel and not name:
                continue
            records.append(_record(family_file, member))
    return records


def _record(family_file, member):
    documents = []
    for document in family_file.objectValues():
        documents.append(
            {
                "@id": document.absolute_url(),
                "type": document.portal_type,
                "title": document.Title(),
                "created": _iso(document.created()),
                "review_state": api.content.get_state(document, default=None),
            }
        )
    return {
        "family_file": {
            "@id": family_file.absolute_url(),
            "uid": family_file.UID(),
            "case_reference": family_file.case_reference,
            "family_name": family_file.family_name,
            "address": family_file.address,
            "review_state": api.content.get_state(family_file),
            "opened": _iso(family_file.opened),
            "ended": _iso(family_file.ended),
            "social_worker": family_file.social_worker,
            "assistant": family_file.assistant,
            "archival_category": family_file.archival_category,
        },
        "person": {key: _iso(value) for key, value in member.items()},
        "documents": documents,
    }


CSV_COLUMNS = (
    "case_reference",
    "family_name",
    "address",
    "review_state",
    "opened",
    "ended",
    "first_name",
    "last_name",
    "role",
    "birth_date",
    "pesel",
    "document_type",
    "document_title",
    "document_created",
    "document_state",
)


def csv_rows(records):
    for record in records:
        file_, person = record["family_file"], record["person"]
        base = [
            file_["case_reference"],
            file_["family_name"],
            file_["address"],
            file_["review_state"],
            file_["opened"],
            file_["ended"],
            person.get("first_name"),
            person.get("last_name"),
            person.get("role"),
            person.get("birth_date"),
            person.get("pesel"),
        ]
        for document in record["documents"] or [None]:
            if document is None:
                yield base + ["", "", "", ""]
            else:
                yield base + [
                    document["type"],
                    document["title"],
                    document["created"],
                    document["review_state"],
                ]


def _safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(records) -> bytes:
    """The report as a spreadsheet reads it: ``;``-separated UTF-8 with BOM."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(records):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")
